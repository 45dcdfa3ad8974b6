"""Lexicon-driven detectors: every entry of a dimension's lexicons, matched in scored text."""

from __future__ import annotations

import re

from framing import categories
from framing.detectors.context import AuditContext, speech_voices
from framing.rules import lexicon
from framing.text.usage import is_mention, is_negated, is_reported_label
from framing.text.document import PARAPHRASED, QUOTED, REPORTER, Document
from framing.findings import Finding, lower_severity

_CAPITALISED_WORD = re.compile(r"[A-Z][\w’'\-]*")


def _in_proper_name(doc: Document, start: int, end: int) -> bool:
    """True for a title-case match inside a name ('Operation Dignity'), not at a sentence start."""
    if not doc.text[start].isupper():
        return False
    sentence = doc.sentence_at(start)
    if sentence is not None and doc.text[sentence.start:start].strip(" “\"‘'(") == "":
        return False
    before = doc.text[max(0, start - 30):start].split()
    after = doc.text[end:end + 30].split()
    return bool((before and _CAPITALISED_WORD.fullmatch(before[-1])) or (after and _CAPITALISED_WORD.match(after[0]))
                or " " in doc.text[start:end])


_OPENING_QUOTE = re.compile(r"\s[“\"‘]")


def _drop_nested(findings: list[Finding]) -> list[Finding]:
    """Within one category, keep the longest of overlapping matches."""
    kept: list[Finding] = []
    reach: dict[str, int] = {}  # category -> the furthest end of a kept match (they come in order of start)
    for f in sorted(findings, key=lambda f: (f.start, -(f.end - f.start))):
        if reach.get(f.category, -1) >= f.end:
            continue
        reach[f.category] = max(reach.get(f.category, -1), f.end)
        kept.append(f)
    return kept


def _message(entry: lexicon.Entry, label: str, found: str, voice: str, speaker: str | None) -> str:
    if voice == QUOTED:
        who = speaker or "the quoted speaker"
        return f"{label} in quoted speech: '{found}' is {who}'s word, not the outlet's"
    if voice == PARAPHRASED:
        return f"{label} in what {speaker} is reported to say: '{found}' (paraphrased: quote it if it is {speaker}'s word)"
    return f"{label} in the reporter's voice: '{found}'"


def _lexicon_findings(context: AuditContext, dimension: str, detector: str) -> list[Finding]:
    doc = context.document
    findings = []
    voice_of = speech_voices(context)
    for entry in lexicon.by_dimension(dimension):
        if not entry.loaded:
            continue
        for start, end in entry.finditer(doc.text, doc.word_index):
            if not doc.is_scored(start, end):
                continue
            if doc.block_at(start).kind != "title" and _in_proper_name(doc, start, end):
                continue
            if is_mention(doc, start) or (dimension == "loaded_language" and is_negated(doc, start)):
                continue
            mark = _OPENING_QUOTE.search(doc.text, start, end)  # 'so-called “experts”': the voice of the words before the quote
            voice, speaker = voice_of(start, mark.start() if mark and mark.start() > start else end)
            if voice != QUOTED and is_reported_label(doc, start):
                continue
            found = doc.text[start:end]
            findings.append(Finding(
                detector=detector, rule=entry.rule, category=entry.category, dimension=dimension,
                severity=entry.severity if voice == REPORTER else lower_severity(entry.severity),
                start=start, end=end, text=found, voice=voice,
                message=_message(entry, categories.get(entry.category).label, found, voice, speaker),
                explanation=entry.explanation, suggestion=list(entry.suggestions), speaker=speaker,
            ))
    return _drop_nested(findings)


def loaded_language(context: AuditContext) -> list[Finding]:
    """Loaded words and phrases from the loaded_language lexicons, in both voices."""
    return _lexicon_findings(context, "loaded_language", "loaded_language")


def vague_attribution(context: AuditContext) -> list[Finding]:
    """Unnamed sources and agentless passives in the reporter's voice."""
    return [f for f in _lexicon_findings(context, "unattributed", "attribution") if f.voice == REPORTER]

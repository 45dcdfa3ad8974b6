"""Unattributed claims: reporter-voice sentences with a claim marker and no attribution."""

from __future__ import annotations

import re

from framing import categories
from framing.detectors.context import AuditContext
from framing.rules import lexicon
from framing.text.document import Document
from framing.text.spans import SpanIndex
from framing.findings import Finding

CATEGORY = RULE = "unattributed_claim"
QUOTED_SHARE_LIMIT = 0.5  # a sentence more than half quoted is the speaker's, not the reporter's


def _attributed_sentences(doc: Document, attributions) -> set[int]:
    """Start offsets of sentences holding a sourced cue or overlapping sourced content."""
    starts = set()
    sentences = SpanIndex(doc.sentences)
    for a in attributions:
        if a.source is None:
            continue
        cue_sentence = doc.sentence_at(a.cue.start)
        if cue_sentence is not None:
            starts.add(cue_sentence.start)
        if a.content is not None:
            starts.update(s.start for s in sentences.overlapping(a.content.start, a.content.end))
    return starts


# '[the council's study](https://...)' in Markdown, or a bare web address: the sentence cites its source
_LINK = re.compile(r"\[[^\]\n]{1,300}\]\(\s*(?:https?://|www\.)[^)\s]+\s*\)|\bhttps?://[^\s)>\]]+|\bwww\.[\w-]+\.\w[^\s)>\]]*")


def unattributed_claims(context: AuditContext) -> list[Finding]:
    """One sentence-level finding per unattributed claim, naming what makes it a claim."""
    doc = context.document
    markers_by_sentence: dict[int, list] = {}
    for entry in lexicon.by_dimension("claim"):
        for start, end in entry.finditer(doc.text, doc.word_index):
            sentence = doc.sentence_at(start)
            if sentence is None or not doc.is_scored(start, end):  # not in the text (a figure in Markdown markup)
                continue
            if entry not in markers_by_sentence.setdefault(sentence.start, []):
                markers_by_sentence[sentence.start].append(entry)
    attributed = _attributed_sentences(doc, context.attributions)
    findings = []
    for sentence in doc.sentences:
        found = markers_by_sentence.get(sentence.start)
        if not found or sentence.is_title or sentence.start in attributed:
            continue
        if not doc.is_scored(sentence.start, sentence.end):
            continue
        text = doc.text[sentence.start:sentence.end]
        if doc.quoted_chars(sentence.start, sentence.end) > QUOTED_SHARE_LIMIT * len(text) or _LINK.search(text):
            continue
        kinds = ", ".join(e.id.replace("-", " ") for e in found)
        findings.append(Finding(
            detector="claims", rule=RULE, category=CATEGORY, dimension=categories.get(CATEGORY).dimension,
            severity="high" if len(found) > 1 else "medium", start=sentence.start, end=sentence.end, text=text,
            voice="reporter", message=f"Who says so? An unattributed claim in the reporter's voice ({kinds})",
            explanation=" ".join(e.explanation for e in found),
            suggestion=["attribute it to a named source", "support it with evidence the reader can check"],
        ))
    return findings

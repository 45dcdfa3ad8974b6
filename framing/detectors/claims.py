"""Unattributed claims: reporter-voice sentences with a claim marker and no attribution."""

from __future__ import annotations

import re

from framing import categories
from framing.analysis.attribution import by_writer_or_reader
from framing.detectors.context import AuditContext
from framing.rules import lexicon
from framing.text.document import Document
from framing.text.spans import SpanIndex
from framing.findings import Finding
from framing.resources import alternation, word_list

CATEGORY = RULE = "unattributed_claim"
QUOTED_SHARE_LIMIT = 0.5  # a sentence more than half quoted is the speaker's, not the reporter's
FIGURES_CARRY = 3  # sentences back, in the same or the previous paragraph, that a sourced figure's attribution carries over
_FIGURE_SOURCE = re.compile(rf"\b(?:{alternation(word_list('attribution.txt', 'figure_sources'))})\b", re.I)
# 'The survey was conducted for AP ... by Edison Research': a sentence after the figures that says how
# the poll behind them was taken names their source as well as one before them would
# ... and so does one that says so in the active voice ('Quinnipiac conducted the poll of 1,042 Ohio voters', 'The
# university surveyed 1,051 registered voters') or that counts people of the poll ('Forty-six percent of people in the
# poll held ...')
_FIGURE_METHOD = re.compile(r"\b(?:the|this|that|these|a|an)\s+(?:[\w-]+\s+){0,3}?(?:poll|polls|survey|surveys|study|analysis)\s+"
                            r"(?:was|were|is|are)\s+(?:conducted|carried\s+out|commissioned|taken|fielded|done)\b"
                            r"|\b(?:conducted|carried\s+out|commissioned|fielded)\s+(?:the|this|that|these|its)\s+(?:[\w-]+\s+){0,3}?"
                            r"(?:poll|polls|survey|surveys|study)\b"
                            r"|\bsurveyed\s+(?:about\s+|nearly\s+|more\s+than\s+)?[\d,]+\s+(?:[\w-]+\s+){0,2}?(?:voters|adults|people|respondents|Americans|residents)\b"
                            r"|\b(?:people|those|voters|respondents|adults|Americans)\s+(?:in|surveyed\s+(?:in|for)|polled\s+(?:in|for))\s+the\s+"
                            r"(?:[\w-]+\s+){0,2}?(?:poll|survey)\b", re.I)
_CORRECTION = re.compile(r"(?:Correction|Clarification|Editor['’]s\s+note)\s*:", re.I)  # the outlet correcting itself, no claim
_QUESTION = re.compile(r"\?[\s\"”’'»)\]]*$")  # a question asserts nothing: nobody is there to cite for it
_TURN = re.compile(r"[QA]:\s")  # a paragraph opening a turn of an interview's transcript ('Q: ...', 'A: ...')


# 'it is strikingly obvious that ...', 'it seems clear that ...': the 'it' of a copula is nobody, whatever a tagger
# makes of it, so the sentence is still the writer's
_COPULA = re.compile(r"(?:is|was|'s|’s|seems|seemed|appears|appeared|has\s+been|had\s+been|becomes|became)\b", re.IGNORECASE)


# 'Roof is accused of', 'was charged with', 'was indicted on': a charge in the legal process, whose
# accuser (prosecutors, the state) news copy leaves implied; no claim of the writer's
_CHARGED = re.compile(r"\b(?:is|are|was|were|been|being)\s+(?:\w+ly\s+)?(?:accused|charged|indicted|suspected|convicted)\b",
                      re.IGNORECASE)


def _dummy_it(a) -> bool:
    return a.source.text.strip().lower() == "it" and bool(_COPULA.match(a.cue.text))


def _attributed_sentences(doc: Document, attributions) -> set[int]:
    """Start offsets of sentences holding a sourced cue or overlapping sourced content, or a charge
    in the legal process ('Roof is accused of': the courts' charge)."""
    starts = set()
    sentences = SpanIndex(doc.sentences)
    for a in attributions:
        if a.source is None:
            if not _CHARGED.search(a.cue.text):
                continue
        elif _dummy_it(a) or by_writer_or_reader(doc, a):
            continue
        cue_sentence = doc.sentence_at(a.cue.start)
        if cue_sentence is not None:
            starts.add(cue_sentence.start)
        if a.content is not None:
            starts.update(s.start for s in sentences.overlapping(a.content.start, a.content.end))
    return starts


# '[the council's study](https://...)' in Markdown, or a bare web address: the sentence cites its source
_LINK = re.compile(r"\[[^\]\n]{1,300}\]\(\s*(?:https?://|www\.)[^)\s]+\s*\)|\bhttps?://[^\s)>\]]+|\bwww\.[\w-]+\.\w[^\s)>\]]*")


def _transcript_start(doc: Document) -> int:
    """Where an interview's transcript begins (its first 'Q:' or 'A:' paragraph), when it has answers:
    from there on, unquoted words are the interviewer's questions and the answers of whoever is
    interviewed, not the writer's claims. The text's length when there is none."""
    turns = [b for b in doc.paragraphs if _TURN.match(doc.text, b.start)]
    if any(doc.text.startswith("A:", b.start) for b in turns):
        return turns[0].start
    return len(doc.text)


def _sourced_figures(doc: Document, index: int, attributed: set[int], statistic, sourced: set[int]) -> bool:
    """A sentence of figures that names where they come from ('In a Post-ABC poll, 75 percent ...'),
    or follows, at most FIGURES_CARRY sentences back in its paragraph or the one before, a sentence
    that names it ('The poll found ...'), that attributes figures of its own ('X said the rate rose
    3 percent') or whose figures are sourced so (`sourced`, the indices found so: a poll's figures
    run on over several paragraphs), or is followed, later in its paragraph or first in the next, by
    one that says how the poll was taken ('The survey was conducted for AP by Edison Research'): the
    figures are that source's."""
    sentence = doc.sentences[index]
    if _FIGURE_SOURCE.search(doc.text, sentence.start, sentence.end):
        return True
    block = doc.block_index(sentence.start)
    for later in doc.sentences[index + 1:]:  # the rest of its paragraph and the next paragraph's first sentence
        if later.is_title or doc.block_index(later.start) - block > 1:
            break
        if _FIGURE_METHOD.search(doc.text, later.start, later.end):
            return True
        if doc.block_index(later.start) > block:
            break
    for earlier in reversed(doc.sentences[max(0, index - FIGURES_CARRY):index]):
        if earlier.is_title or block - doc.block_index(earlier.start) > 1:
            break
        if _FIGURE_SOURCE.search(doc.text, earlier.start, earlier.end) or earlier.start in sourced or (
                earlier.start in attributed and statistic.search(doc.text, earlier.start, earlier.end)):
            return True
    return False


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
    sourced: set[int] = set()  # starts of the figure sentences whose source an earlier sentence names
    transcript = _transcript_start(doc)
    findings = []
    for index, sentence in enumerate(doc.sentences):
        found = markers_by_sentence.get(sentence.start)
        if not found or sentence.is_title or sentence.start in attributed or sentence.start >= transcript:
            continue
        if all(e.id == "statistic" for e in found) and _sourced_figures(doc, index, attributed, found[0].regex, sourced):
            sourced.add(sentence.start)
            continue
        if not doc.is_scored(sentence.start, sentence.end):
            continue
        text = doc.text[sentence.start:sentence.end]
        if _QUESTION.search(text) or _CORRECTION.match(text):
            continue
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

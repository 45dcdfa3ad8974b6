"""Unattributed claims: reporter-voice sentences with a claim marker and no attribution."""

from __future__ import annotations

from framing import lexicon
from framing.document import Document
from framing.findings import Finding

CATEGORY = "unattributed_claim"
LABEL = "Unattributed claim"
DESCRIPTION = "A contestable claim in the reporter's voice that nobody is cited for."
QUOTED_SHARE_LIMIT = 0.5  # a sentence more than half quoted is the speaker's, not the reporter's


def _attributed(sentence, attributions) -> bool:
    """A cue with a source inside the sentence, or attributed content overlapping it."""
    for a in attributions:
        if a.source is not None and sentence.start <= a.cue.start < sentence.end:
            return True
        if a.source is not None and a.content and a.content.start < sentence.end and sentence.start < a.content.end:
            return True
    return False


def unattributed_claims(doc: Document, context: dict) -> list[Finding]:
    """One sentence-level finding per unattributed claim, naming what makes it a claim."""
    markers = lexicon.by_dimension("claim")
    attributions = context.get("attributions", ())
    findings = []
    for sentence in doc.sentences:
        if sentence.is_title or not doc.is_scored(sentence.start, sentence.end):
            continue
        text = doc.text[sentence.start:sentence.end]
        if doc.quoted_chars(sentence.start, sentence.end) > QUOTED_SHARE_LIMIT * len(text):
            continue
        found = [e for e in markers if e.could_match(lexicon.words_of(text)) and next(e.finditer(text), None)]
        if not found or _attributed(sentence, attributions):
            continue
        kinds = ", ".join(e.id.replace("-", " ") for e in found)
        findings.append(Finding(
            detector="claims", rule="unattributed_claim", category=CATEGORY, dimension="unattributed",
            severity="high" if len(found) > 1 else "medium", start=sentence.start, end=sentence.end, text=text,
            voice="reporter", message=f"Who says so? An unattributed claim in the reporter's voice ({kinds})",
            explanation=" ".join(e.explanation for e in found),
            suggestion=["attribute it to a named source", "support it with evidence the reader can check"],
        ))
    return findings

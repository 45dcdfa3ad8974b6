"""Whether a match is a use of the word: not when it is mentioned ('the word "regime"') or negated
('was not a massacre'). The detectors and the stance analysis (framing.analysis.sourcing) ask."""

from __future__ import annotations

import re

from framing.text.document import Document

_MENTION = re.compile(r"\b(?:word|words|term|terms|label|labels|phrase|expression|called\s+it|dubbed)\s*[\"“‘']?\s*$",
                      re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:not|never|no|without|neither|nor|cannot|hardly)\b|n[’']t\b", re.IGNORECASE)
NEGATION_WINDOW = 3  # words before the match that may negate it


def is_mention(doc: Document, start: int) -> bool:
    """'the word "regime"': the term is talked about, not used."""
    return bool(_MENTION.search(doc.text[max(0, start - 40):start]))


def is_negated(doc: Document, start: int) -> bool:
    """'was not a massacre': a negation among the few words before the match, in the same sentence."""
    sentence = doc.sentence_at(start)
    before = doc.text[sentence.start if sentence else max(0, start - 60):start].split()[-NEGATION_WINDOW:]
    return bool(_NEGATION.search(" ".join(before)))

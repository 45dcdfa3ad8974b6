"""The stance words of a document (lexicons/stance_*.toml: 'condemned', 'praised'), found once and
looked up by region: the sources' stances and the writer's verdicts both ask for them."""

from __future__ import annotations

import re

from framing.rules import lexicon
from framing.text.document import Document
from framing.text.spans import SpanIndex
from framing.text.usage import is_negated

CRITICAL, SUPPORTIVE = "critical", "supportive"  # the stance lexicons' categories, and the sides a voice takes
DECLINED = r"(?:declin|refus)\w*\s+to"  # 'declined to criticize', 'refused to endorse': no stance taken
_DECLINED = re.compile(rf"\b{DECLINED}\s+$", re.I)
StanceMatch = tuple[str, lexicon.Entry, int, int]  # (critical or supportive, entry, start, end)


class StanceWords:
    """Every stance word in the scored text, negated ones ('did not condemn', 'declined to criticize')
    left out."""

    def __init__(self, doc: Document):
        found = []
        for entry in lexicon.by_dimension("stance"):
            found.extend((entry.category, entry, s, e) for s, e in entry.finditer(doc.text, doc.word_index)
                         if doc.is_scored(s, e) and not is_negated(doc, s)
                         and not _DECLINED.search(doc.text, max(0, s - 30), s))
        self._index = SpanIndex(sorted(found, key=lambda m: m[2]), key=lambda m: (m[2], m[3]))

    def within(self, start: int, end: int) -> list[StanceMatch]:
        """The stance words inside [start, end), in text order."""
        return [m for m in self._index.overlapping(start, end) if start <= m[2] and m[3] <= end]

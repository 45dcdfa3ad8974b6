"""The document model: one text, and every structure in it as absolute character offsets."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from framing.rules.lexicon import WordIndex
from framing.text import layout, markdown, quotes, sentences
from framing.text.spans import Block, Quotation, Sentence, Span, Token

REPORTER = "reporter"
QUOTED = "quoted"
PARAPHRASED = "paraphrased"  # a finding's voice: the narration reporting what a source said (detectors/context.py)

_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")


@dataclass
class Document:
    text: str
    title: str
    blocks: list[Block]
    sentences: list[Sentence]
    quotations: list[Quotation]
    markup: list[Span] = field(default_factory=list)  # Markdown's marks and link targets inside blocks: not scored
    _markup_starts: list[int] = field(default_factory=list, repr=False)
    _sentence_starts: list[int] = field(default_factory=list, repr=False)
    _block_starts: list[int] = field(default_factory=list, repr=False)
    _top_quotes: list[Quotation] = field(default_factory=list, repr=False)
    _quote_starts: list[int] = field(default_factory=list, repr=False)

    @property
    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "body"]

    @property
    def excluded(self) -> list[Block]:
        return [b for b in self.blocks if b.kind in ("byline", "excluded")]

    @property
    def scored_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.kind in ("title", "body")]

    def scored_words(self) -> int:
        """The words of the title and body: what scores, reports and readability count per."""
        return sum(len(self.text[b.start:b.end].split()) for b in self.scored_blocks)

    @cached_property
    def tokens(self) -> list[Token]:
        """Word and punctuation tokens (computed on first use)."""
        return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(self.text)]

    @cached_property
    def word_index(self):
        """Where each lower-case word starts (a lexicon.WordIndex, for Entry.finditer)."""
        return WordIndex(self.text)

    @property
    def words(self) -> set[str]:
        """Every lower-case word in the text (for lexicon pre-checks)."""
        return self.word_index.words

    def block_index(self, offset: int) -> int:
        """Index in `blocks` of the last block starting at or before `offset` (-1 before the first)."""
        return bisect.bisect_right(self._block_starts, offset) - 1

    def block_at(self, offset: int) -> Block | None:
        """The block containing `offset`, or None between blocks."""
        i = self.block_index(offset)
        return self.blocks[i] if i >= 0 and offset < self.blocks[i].end else None

    def is_scored(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside one title or body block and not wholly inside markup."""
        block = self.block_at(start)
        if block is None or block.kind not in ("title", "body") or end > block.end:
            return False
        i = bisect.bisect_right(self._markup_starts, start) - 1
        return i < 0 or end > self.markup[i].end

    def plain(self, start: int, end: int) -> str:
        """text[start:end] without the markup in it (a Markdown title's `**`, a link's target)."""
        kept, at = [], start
        for m in self.markup[bisect.bisect_left(self._markup_starts, start):]:
            if m.start >= end:
                break
            kept.append(self.text[at:m.start])
            at = m.end
        kept.append(self.text[at:end])
        return "".join(kept)

    def voice_at(self, offset: int) -> str:
        """`quoted` when the character at `offset` lies inside a top-level quotation."""
        i = bisect.bisect_right(self._quote_starts, offset) - 1
        return QUOTED if i >= 0 and offset < self._top_quotes[i].end else REPORTER

    def voice_of(self, start: int, end: int) -> str:
        """The voice of a span: quoted if any of it is quoted speech."""
        return QUOTED if self.quoted_chars(start, end) else REPORTER

    def quoted_chars(self, start: int, end: int) -> int:
        """How many characters of [start, end) are quoted speech."""
        i = bisect.bisect_right(self._quote_starts, start) - 1
        total = 0
        for q in self._top_quotes[max(i, 0):]:
            if q.start >= end:
                break
            total += max(0, min(end, q.end) - max(start, q.start))
        return total

    def sentence_at(self, offset: int) -> Sentence | None:
        i = self.sentence_index(offset)
        return None if i is None else self.sentences[i]

    def sentence_index(self, offset: int) -> int | None:
        """Index in `sentences` of the sentence holding `offset`."""
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        return i if i >= 0 and offset < self.sentences[i].end else None

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column, for printing only."""
        line = self.text.count("\n", 0, offset) + 1
        return line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1


def build_document(text: str, title: str | None = None, is_markdown: bool = False) -> Document:
    """Parse `text` into a Document; `title` overrides the one found in the text; `is_markdown` reads
    it as Markdown (framing.text.markdown), its offsets still into `text` as written."""
    blocks, markup = markdown.split_blocks(text) if is_markdown else (layout.split_blocks(text), [])
    sents: list[Sentence] = []
    for index, block in enumerate(blocks):
        if block.kind == "title":
            sents.append(Sentence(block.start, block.end, index, is_title=True))
        elif block.kind == "body":
            sents.extend(Sentence(s, e, index) for s, e in sentences.split(text, block.start, block.end))
    quotations = [Quotation(s, e, d) for s, e, d in quotes.find_quotations(text, blocks)]
    doc = Document(text, "", blocks, sents, quotations, markup)
    doc._markup_starts = [m.start for m in markup]
    found_title = next((doc.plain(b.start, b.end) for b in blocks if b.kind == "title"), "")
    doc.title = title if title is not None else found_title.lstrip("# ").strip()
    doc._block_starts = [b.start for b in blocks]
    doc._sentence_starts = [s.start for s in sents]
    doc._top_quotes = [q for q in quotations if q.depth == 0]
    doc._quote_starts = [q.start for q in doc._top_quotes]
    return doc

"""Regions of a text as absolute character offsets: the building blocks of the Document."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Block(Span):
    """A paragraph-sized region: `kind` is title, byline, body or excluded."""

    kind: str
    reason: str = ""


@dataclass(frozen=True)
class Sentence(Span):
    paragraph: int
    is_title: bool = False


@dataclass(frozen=True)
class Token(Span):
    text: str


@dataclass(frozen=True)
class Quotation(Span):
    """A quotation including its marks; `depth` 0 is top level, 1 a quote inside a quote."""

    depth: int = 0

    @property
    def inner(self) -> Span:
        return Span(self.start + 1, self.end - 1)


class SpanIndex:
    """Spans (anything with a start and an end, or (start, end) pairs; `key` picks the span of an
    item) looked up by position: `overlapping(start, end)` returns those that overlap the region, in
    their original order, at the cost of a bisection and the spans near the region rather than a
    scan of all of them."""

    def __init__(self, spans, key=None):
        self.spans = list(spans)
        self._bounds = [_bounds(key(s) if key else s) for s in self.spans]
        self._order = sorted(range(len(self.spans)), key=lambda i: self._bounds[i][0])
        self._starts = [self._bounds[i][0] for i in self._order]
        self._longest = max((e - s for s, e in self._bounds), default=0)

    def overlapping(self, start: int, end: int) -> list:
        """The spans s with s.start < end and start < s.end (an empty span inside the region counts)."""
        low = bisect_left(self._starts, start - self._longest)
        high = bisect_left(self._starts, end)
        hits = sorted(i for i in self._order[low:high] if self._bounds[i][1] > start)
        return [self.spans[i] for i in hits]

    def near(self, start: int, end: int, reach: int) -> list:
        """The spans overlapping the region widened by `reach` characters on each side."""
        return self.overlapping(start - reach, end + reach)


def _bounds(span) -> tuple[int, int]:
    return (span[0], span[1]) if isinstance(span, tuple) else (span.start, span.end)

"""Regions of a text as absolute character offsets: the building blocks of the Document."""

from __future__ import annotations

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

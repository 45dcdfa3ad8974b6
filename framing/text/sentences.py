"""Sentence boundaries with NLTK Punkt, using the abbreviation list in lexicons/abbreviations.txt."""

from __future__ import annotations

from functools import cache

from framing.resources import word_list
from framing.text import nltk_parts


@cache
def _tokenizer():
    # lazy: even without nltk's package init (see nltk_parts), importing framing (framing.api, --help) need not load punkt
    [punkt] = nltk_parts.import_modules("nltk.tokenize.punkt")
    params = punkt.PunktParameters()
    params.abbrev_types = {entry.lower().rstrip(".") for entry in word_list("abbreviations.txt")}
    return punkt.PunktSentenceTokenizer(params)


def split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end], as absolute offsets covering it without overlap."""
    spans = [(start + s, start + e) for s, e in _tokenizer().span_tokenize(text[start:end])]
    return spans or [(start, end)]

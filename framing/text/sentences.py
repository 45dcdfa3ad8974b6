"""Sentence boundaries with NLTK Punkt, using the abbreviation list in lexicons/abbreviations.txt."""

from __future__ import annotations

import re
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


# A capitalised word, then a person's initials, then a capitalised word: 'Rep. G.K. Butterfield'
# is one name, which Punkt splits after 'G.K.' ('the U.S. The' stays two sentences); and no sentence
# opens with a comma or a closing parenthesis ('Butterfield (D-N.C.), head of ...')
_INITIALS_END = re.compile(r"(?<![\w.'’-])[A-Z][\w'’-]*\.?\s+(?:[A-Z]\.){2,3}$")
# A person's two initials after a lower-case word or a quotation ('said J.K. Hollis', 'by E.J. Dane'),
# which Punkt also takes for a sentence's end; not a place's ('to D.C. Trump said': names.txt
# [place_initials]), nor an organisation's three ('told the F.B.I. Ann Marsh said ...')
_PERSON_INITIALS_END = re.compile(r"(?<![\w.'’-])(?:[A-Z]\.){2}$")
_PLACE_INITIALS = frozenset(word_list("names.txt", "place_initials"))
_NAME_START = re.compile(r"[A-Z][a-z][\w'’-]*")
_NOT_NAME_START = frozenset(word_list("names.txt", "not_name_start"))  # 'Washington D.C. He recalled': two


def split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end], as absolute offsets covering it without overlap."""
    spans = [(start + s, start + e) for s, e in _tokenizer().span_tokenize(text[start:end])]
    joined: list[tuple[int, int]] = []
    for s, e in spans:
        name = _NAME_START.match(text, s)
        if joined and (text[s] in ",;:)" or (_initials_end(text, *joined[-1])
                                              and name and name.group() not in _NOT_NAME_START)):
            joined[-1] = (joined[-1][0], e)
        else:
            joined.append((s, e))
    return joined or [(start, end)]


def _initials_end(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] ends with a person's initials, which the next piece's name completes."""
    if _INITIALS_END.search(text, start, end):
        return True
    initials = _PERSON_INITIALS_END.search(text, start, end)
    return bool(initials and initials.group() not in _PLACE_INITIALS)

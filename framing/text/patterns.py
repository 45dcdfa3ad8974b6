"""Regular expressions built at run time from a text's names ('\\bClinton\\b'), compiled once per
process in a bounded table of their own (through re's functions they were compiled again and
again: re keeps the last 512 patterns it compiled, and the names of a few articles pushed out both
themselves and the fixed patterns used between them), and the two most common such searches done
without a regex at all: a name is new in most articles, and compiling its pattern cost more than
the search."""

from __future__ import annotations

import re
from functools import lru_cache

from framing.resources import WORD_TABLE_LIMIT


@lru_cache(maxsize=WORD_TABLE_LIMIT // 8)
def compiled(pattern: str, flags: int = 0) -> re.Pattern:
    """re.compile(pattern, flags), remembered (up to a few thousand patterns)."""
    return re.compile(pattern, flags)


def _word_char(text: str, i: int) -> bool:
    """re's \\w at text[i] (False outside the text)."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


def has_word(text: str, phrase: str) -> bool:
    """re.search(rf"\\b{re.escape(phrase)}\\b", text): `phrase` with a word boundary at both ends."""
    i = text.find(phrase)
    while i >= 0:
        end = i + len(phrase)
        if _word_char(text, i - 1) != _word_char(text, i) and _word_char(text, end - 1) != _word_char(text, end):
            return True
        i = text.find(phrase, i + 1)
    return False


def has_spaced(text: str, phrase: str) -> bool:
    """re.search(rf"(?:^|\\s){re.escape(phrase)}(?:$|[\\s,(])", text): `phrase` after the start or a
    space, before the end, a space, a comma or an opening parenthesis."""
    i = text.find(phrase)
    while i >= 0:
        end = i + len(phrase)
        if (i == 0 or text[i - 1].isspace()) and (end == len(text) or text[end].isspace() or text[end] in ",("):
            return True
        i = text.find(phrase, i + 1)
    return False

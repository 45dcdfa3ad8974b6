"""Regular expressions built at run time from a text's names ('\\bClinton\\b'), compiled once per
process in a bounded table of their own. Through re's functions they were compiled again and
again: re keeps the last 512 patterns it compiled, and the names of a few articles pushed out
both themselves and the fixed patterns used between them."""

from __future__ import annotations

import re
from functools import lru_cache

from framing.resources import WORD_TABLE_LIMIT


@lru_cache(maxsize=WORD_TABLE_LIMIT // 8)
def compiled(pattern: str, flags: int = 0) -> re.Pattern:
    """re.compile(pattern, flags), remembered (up to a few thousand patterns)."""
    return re.compile(pattern, flags)

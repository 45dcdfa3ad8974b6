"""JSONL input read as bytes, line by line: a line that is not UTF-8, or whose text holds a lone
surrogate ("\\ud800", valid JSON but not text), is that line's error, not the whole run's."""

from __future__ import annotations

import codecs
from typing import IO, Iterator

from framing.errors import InputError

NOT_UTF8 = "not UTF-8 text"
LONE_SURROGATE = "holds a lone surrogate escape (such as \\ud800), which is not text"


def refuse_utf16(start: bytes, name: str) -> None:
    """A file that starts with a UTF-16 byte-order mark is refused in one line (not a line-by-line
    'not UTF-8' for each of its lines)."""
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(f"{name}: UTF-16 text; this input must be UTF-8 (convert it: iconv -f UTF-16 -t UTF-8)")


def utf8_lines(handle: IO[bytes], name: str = "the input") -> Iterator[tuple[int, str | None]]:
    """(line number, the line decoded, or None when it is not UTF-8); a BOM before the first line is
    dropped, UTF-16 refused."""
    for number, raw in enumerate(handle, 1):
        if number == 1:
            refuse_utf16(raw, name)
            raw = raw.removeprefix(codecs.BOM_UTF8)
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError:
            yield number, None


def has_lone_surrogate(*values) -> bool:
    """Any of the strings among `values` cannot be written as UTF-8."""
    for value in values:
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return True
    return False

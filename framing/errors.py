"""Errors that the CLI reports as one line with exit code 2, and how any message reaches the terminal."""

import re

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(message: str) -> str:
    """`message` with control characters (escape sequences, new lines, bidirectional overrides) shown
    as escapes: an id or a file name given by anyone never drives the terminal, and a message stays one line."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1] if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
                        message)


class InputError(Exception):
    """The input cannot be audited: unreadable, empty, binary or too large."""


class TooLarge(InputError):
    """The input is over the size limit (framing.text.ingest.MAX_INPUT_BYTES)."""


class LexiconError(Exception):
    """A lexicon file or entry is malformed; the message names file and entry."""

"""Find the data folders (lexicons, templates, models) in a wheel or a source checkout; the size
of the per-process word tables."""

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent

# Per-word work kept for the life of a process (tagger fields, char n-gram columns, syllables) stops
# growing at this many words: about 20 MB in all, and the commonest words come first.
WORD_TABLE_LIMIT = 30_000


@cache
def data_dir(name: str) -> Path:
    """Folder `name`: in the installed package's data/, else at the top of the checkout."""
    for candidate in (_PACKAGE / "data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"framing data folder {name!r} is missing from the installation")

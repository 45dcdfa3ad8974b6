"""Find the data folders (lexicons, templates, models) in a wheel or a source checkout; read the
word lists in lexicons/*.txt; the size of the per-process word tables; a file's SHA-256."""

import hashlib
import re
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent

# Per-word work kept for the life of a process (tagger fields, char n-gram columns, syllables) stops
# growing at this many words: about 20 MB in all, and the commonest words come first.
WORD_TABLE_LIMIT = 30_000


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read a megabyte at a time (OSError when it cannot be read)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@cache
def data_dir(name: str) -> Path:
    """Folder `name`: in the installed package's data/, else at the top of the checkout."""
    for candidate in (_PACKAGE / "data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"framing data folder {name!r} is missing from the installation")


@cache
def word_lists(file_name: str) -> dict[str, tuple[str, ...]]:
    """The word lists in lexicons/`file_name`, by name, each in file order. One entry per line,
    stripped; blank lines and lines starting with '#' are skipped; a line '[name]' starts the list
    called name (entries before any such line form the list ''). Read once per process."""
    lists: dict[str, list[str]] = {}
    current = lists.setdefault("", [])
    for line in (data_dir("lexicons") / file_name).read_text(encoding="utf-8").splitlines():
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if entry.startswith("[") and entry.endswith("]"):
            current = lists.setdefault(entry[1:-1].strip(), [])
        else:
            current.append(entry)
    return {name: tuple(entries) for name, entries in lists.items() if entries or name}


def word_list(file_name: str, name: str = "") -> tuple[str, ...]:
    """One list of lexicons/`file_name` (see word_lists); '' for a file that holds a single list."""
    try:
        return word_lists(file_name)[name]
    except KeyError:
        raise KeyError(f"lexicons/{file_name} has no list [{name}]") from None


def alternation(entries) -> str:
    """A regex alternation of word-list entries, in their order: an entry matches itself literally,
    a space in it any run of whitespace ('Field Marshal'), and a final '*' one or more further word
    characters ('spokes*': spokesman, spokespeople)."""
    parts = []
    for entry in entries:
        prefix = entry.endswith("*")
        part = re.escape(entry[:-1] if prefix else entry).replace(r"\ ", r"\s+")
        parts.append(part + (r"\w+" if prefix else ""))
    return "|".join(parts)

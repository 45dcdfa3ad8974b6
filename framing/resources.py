"""Find the data folders (lexicons, templates, models) in a wheel or a source checkout."""

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Folder `name`: inside the installed package, else at the top of the checkout."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"framing data folder {name!r} is missing from the installation")

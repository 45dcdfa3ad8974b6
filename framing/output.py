"""Write outputs atomically, never over an input file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from framing.errors import InputError


def write_atomic(path: str | Path, content: str, inputs: tuple[str, ...] = ()) -> None:
    """Write `content` to `path` via a temporary file and a rename; refuse to overwrite an input."""
    target = Path(path)
    for name in inputs:
        if name != "-" and Path(name).exists() and target.exists() and os.path.samefile(name, target):
            raise InputError(f"{path}: refusing to overwrite the input file")
    if target.is_dir():
        raise InputError(f"{path}: is a folder; name an output file")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{path}: folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

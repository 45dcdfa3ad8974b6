"""Write outputs atomically, never over an input file."""

from __future__ import annotations

import os
import secrets
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from framing.errors import InputError


def check_target(path: str | Path, inputs: tuple[str, ...] = ()) -> Path:
    """The output path, refused when it is an input, a folder, or in a missing folder."""
    target = Path(path)
    for name in inputs:
        if name != "-" and Path(name).exists() and target.exists() and os.path.samefile(name, target):
            raise InputError(f"{path}: refusing to overwrite the input file")
    if target.is_dir():
        raise InputError(f"{path}: is a folder; name an output file")
    if not target.parent.is_dir():
        raise InputError(f"{path}: folder {target.parent} does not exist")
    return target


@contextmanager
def atomic_path(path: str | Path, inputs: tuple[str, ...] = ()) -> Iterator[Path]:
    """A temporary path beside `path` that replaces it only when the block succeeds. It is named
    before anything makes it, so that it is removed however the block ends, even by Ctrl-C or
    SIGTERM (the file gets the umask's permissions)."""
    target = check_target(path, inputs)
    tmp = target.parent / f".{target.name}.{secrets.token_hex(8)}.tmp"
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def atomic_writer(path: str | Path, inputs: tuple[str, ...] = ()) -> Iterator[IO[str]]:
    """A text handle on a temporary file that replaces `path` only when the block succeeds."""
    with atomic_path(path, inputs) as tmp, open(tmp, "x", encoding="utf-8", newline="\n") as handle:
        yield handle


def write_atomic(path: str | Path, content: str, inputs: tuple[str, ...] = ()) -> None:
    with atomic_writer(path, inputs) as handle:
        handle.write(content)

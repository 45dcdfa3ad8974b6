"""Write outputs atomically, never over an input file."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from framing.errors import InputError


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


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
def atomic_writer(path: str | Path, inputs: tuple[str, ...] = ()) -> Iterator[IO[str]]:
    """A text handle on a temporary file that replaces `path` only when the block succeeds."""
    target = check_target(path, inputs)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)


def write_atomic(path: str | Path, content: str, inputs: tuple[str, ...] = ()) -> None:
    with atomic_writer(path, inputs) as handle:
        handle.write(content)

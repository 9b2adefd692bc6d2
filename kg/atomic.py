"""Writing a file so that a reader never sees half of one: the one way kg writes files
(stores, outputs, exports, caches).

`atomic_write` writes to a temporary file beside the target and moves it into place with
`os.replace`, so a reader sees either the old file or the new one, never a torn one.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> with atomic_write(d / "sub" / "a.txt") as f:
...     _ = f.write(b"hello")
>>> (d / "sub" / "a.txt").read_bytes()
b'hello'
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .errors import StoreError


def _file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_FILE_MODE = _file_mode()


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "wb") -> Iterator[IO]:
    """Open a temporary file beside `path` (making its folder when missing); on a clean exit,
    fsync it and move it onto `path`. The one way kg writes a file: stores, outputs, exports.

    On an exception the temporary file is removed and `path` is left as it was.
    Raises `StoreError` when the folder cannot be written.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise StoreError(f"cannot write {path}: {e.strerror or e}") from None
    try:
        os.fchmod(fd, _FILE_MODE)  # mkstemp makes files private; outputs are ordinary files
        with os.fdopen(fd, mode) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise

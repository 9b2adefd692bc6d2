"""Writing a file so that a reader never sees half of one: the one way kg writes files
(stores, outputs, exports, caches).

`atomic_write` writes to a temporary file beside the target and moves it into place with
`os.replace`, so a reader sees either the old file or the new one, never a torn one. A process
killed while writing leaves its temporary file (``.NAME.XXXXXXXX.tmp``) behind;
`remove_stray_temporaries` clears them, which a build does under its folder's lock.

`fault_point` marks the steps of a write where the test suite simulates a crash or a full
disk. It is for tests only: it does nothing unless ``KG_TEST_FAULT`` is set, as
``POINT=ACTION`` where ACTION is ``kill`` (the process sends itself SIGKILL), ``enospc``
(an `OSError` "No space left on device" is raised) or ``fill:PATH`` (zeros are appended to
PATH until its file system is full, so the writes that follow run out of space for real),
e.g. ``KG_TEST_FAULT="write graph.trig=kill"``.
The points: ``write NAME`` (the temporary of NAME is written, not yet moved into place),
``store write`` (an on-disk oxigraph store starts writing an update) and ``store written``
(an update is applied, its journal not yet cleared).

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> with atomic_write(d / "sub" / "a.txt") as f:
...     _ = f.write(b"hello")
>>> (d / "sub" / "a.txt").read_bytes()
b'hello'
"""
from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .errors import StoreError


FAULT_VARIABLE = "KG_TEST_FAULT"
# Errors of a write that the disk or the system caused, not the data being written.
_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EIO, errno.EACCES,
                           errno.EPERM})
_STRAY = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


def fault_point(point: str) -> None:
    """A step where a test may simulate a crash or a full disk (see the module's docstring)."""
    wanted = os.environ.get(FAULT_VARIABLE)
    if not wanted:
        return
    where, _, action = wanted.partition("=")  # no point's name holds "="; a path may
    if where != point:
        return
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif action == "enospc":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    elif action.startswith("fill:"):
        _fill(action.removeprefix("fill:"))


_FILL_LIMIT = 256 << 20


def _fill(path: str) -> None:
    """Append zeros to `path` until the file system holding it has no room left (one of a
    test's small disks: a larger one is refused rather than filled)."""
    st = os.statvfs(os.path.dirname(os.path.abspath(path)))
    if st.f_bavail * st.f_frsize > _FILL_LIMIT:
        raise RuntimeError(f"{FAULT_VARIABLE}: will not fill {path}: more than {_FILL_LIMIT >> 20} MB free")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        for size in (1 << 20, 1 << 12, 1):  # the last short write fills the last block
            chunk = bytes(size)
            with contextlib.suppress(OSError):
                while os.write(fd, chunk):
                    pass
    finally:
        os.close(fd)


def remove_stray_temporaries(directory: str | os.PathLike) -> list[Path]:
    """Remove the temporary files `atomic_write` left in `directory` when a process died
    while writing; the names removed. Call it only while no other process writes there."""
    removed = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        if _STRAY.match(entry.name) and entry.is_file(follow_symlinks=False):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


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
    Raises `StoreError` naming `path` when the folder cannot be written or the disk fails
    (full, read-only, over quota).
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
            fault_point(f"write {path.name}")
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError) and e.errno in _WRITE_ERRORS:
            raise StoreError(f"cannot write {path}: {e.strerror or e}") from None
        raise

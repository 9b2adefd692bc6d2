"""Files that must never be half-written or written by two builds at once.

`atomic_write` writes to a temporary file beside the target and moves it into place with
`os.replace`, so a reader sees either the old file or the new one, never a torn one.
`DirLock` is an advisory `fcntl.flock` on ``DIR/.lock``: builds take it exclusively,
readers (query, serve) take it shared.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> with atomic_write(d / "a.txt") as f:
...     _ = f.write(b"hello")
>>> (d / "a.txt").read_bytes()
b'hello'
>>> with DirLock(d, exclusive=True, purpose="build"):
...     DirLock(d, exclusive=False).acquire()
Traceback (most recent call last):
...
kg.errors.StoreLockedError: ... is being written by another kg process (build, pid ...); wait for it to finish or stop it
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import StoreError, StoreLockedError

LOCK_NAME = ".lock"


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


def write_json_atomic(path: str | os.PathLike, data: Any) -> None:
    with atomic_write(path, "w") as f:
        json.dump(data, f, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def read_json(path: str | os.PathLike, default: Any) -> Any:
    """The JSON in `path`, or `default` when the file is missing. A corrupt file raises StoreError."""
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        return default
    except (OSError, ValueError) as e:
        raise StoreError(f"cannot read {path}: {e}") from None


class DirLock:
    """An advisory lock on an output folder (``DIR/.lock``), released when the process dies.

    ``exclusive=True`` is for writers (``kg build``, ``kg remove``); ``exclusive=False`` for
    readers (``kg query``, ``kg serve``), which may share it. `acquire` never waits: a held
    lock raises `StoreLockedError` naming the folder and, for a writer, its pid and command.
    """

    def __init__(self, directory: str | os.PathLike, *, exclusive: bool, purpose: str = ""):
        self.directory, self.exclusive = Path(directory), exclusive
        self.purpose = purpose or ("build" if exclusive else "read")
        self._fd: int | None = None

    @property
    def path(self) -> Path:
        return self.directory / LOCK_NAME

    def acquire(self) -> "DirLock":
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:
            raise StoreError(f"cannot lock {self.directory}: {e.strerror or e}") from None
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if self.exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _writer(fd)
            os.close(fd)
            raise StoreLockedError(self._message(holder)) from None
        if self.exclusive:
            # Who holds it, for the message the next process shows; readers leave it alone.
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{self.purpose}, pid {os.getpid()}: {' '.join(sys.argv)[:200]}".encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            if self.exclusive:
                os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def _message(self, holder: str) -> str:
        who = holder.split(":")[0] if holder else "a reader such as kg query or kg serve"
        if self.exclusive:
            return (f"{self.directory} is in use by another kg process ({who}); "
                    "wait for it to finish or stop it")
        return (f"{self.directory} is being written by another kg process ({who}); "
                "wait for it to finish or stop it")

    def __enter__(self) -> "DirLock":
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def _writer(fd: int) -> str:
    """Who writes into the folder, or "" when only readers hold the lock."""
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        try:
            return os.pread(fd, 300, 0).decode("utf-8", "replace").strip() or "build"
        except OSError:
            return "build"
    fcntl.flock(fd, fcntl.LOCK_UN)
    return ""

"""An output folder's files that two builds must not write at once, and its JSON files.

`DirLock` is an advisory `fcntl.flock` on ``DIR/.lock``: builds take it exclusively,
readers (query, serve) take it shared. JSON files are written with `kg.atomic.atomic_write`.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> write_json_atomic(d / "a.json", {"a": 1}); read_json(d / "a.json", {})
{'a': 1}
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
from pathlib import Path
from typing import Any

from ..atomic import atomic_write
from ..errors import StoreError, StoreLockedError

LOCK_NAME = ".lock"


def write_json_atomic(path: str | os.PathLike, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    with atomic_write(path) as f:
        f.write(text.encode("utf-8"))


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
            # A full disk leaves the note out: the lock holds without it, and the build's own
            # first write names the file it could not write.
            with contextlib.suppress(OSError):
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

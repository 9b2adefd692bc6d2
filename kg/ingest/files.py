"""Finding input files: only regular, readable files with a sensible name, inside the roots.

A folder is walked without following links that lead out of the input roots (a link to
``/etc/passwd`` is not an article) unless asked; FIFOs, devices and sockets are never read
(a FIFO would hang the batch, ``/dev/zero`` would fill the memory); unreadable files and
folders and names that are not valid UTF-8 are reported, each as an `InputError` naming
the path and the reason, and the walk goes on.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("x"); _ = (d / "notes.pdf").write_bytes(b"%PDF")
>>> [p.name for p in input_files([d], (".txt",))]
['a.txt']
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError


def shown(path: Path | str) -> str:
    """A path as it can be printed and saved: bytes that are not UTF-8 as \\x escapes."""
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


def input_files(paths: Iterable[str | os.PathLike], suffixes: Iterable[str], *, exclude: Path | None = None,
                follow_links: bool = False) -> Iterator[Path | InputError]:
    """The files under `paths` whose names end with one of `suffixes`, in a stable order
    (folders recursively), leaving out anything inside `exclude` (an output folder).

    A path named on its own is read whatever its suffix (the reader reports an unknown
    one); a link inside a folder is followed only when it stays inside the roots, or when
    `follow_links` is set."""
    suffixes = tuple(s.lower() for s in suffixes)
    roots = [Path(os.path.realpath(p)) for p in map(Path, paths) if os.path.lexists(p)]
    excluded = Path(os.path.realpath(exclude)) if exclude is not None else None
    for path in map(Path, paths):
        if not os.path.lexists(path):
            yield InputError(shown(path), "no such file or folder")
        elif path.is_dir():
            yield from _walk(path, suffixes, roots, excluded, follow_links, seen=set())
        else:
            yield _checked(path)


def _walk(folder: Path, suffixes: tuple[str, ...], roots: list[Path], exclude: Path | None,
          follow_links: bool, seen: set) -> Iterator[Path | InputError]:
    real = Path(os.path.realpath(folder))
    if real in seen or (exclude is not None and real.is_relative_to(exclude)):
        return  # a loop of links, or the output folder
    seen.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        yield InputError(shown(folder), f"folder cannot be read ({e.strerror or e}); skipped")
        return
    for entry in entries:
        path = Path(entry.path)
        is_link = entry.is_symlink()
        if is_link and not follow_links and not _inside(path, roots):
            yield InputError(shown(path), "link leads out of the input folders; not followed "
                                          "(name the target, or ask to follow links)")
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, suffixes, roots, exclude, follow_links, seen)
        elif entry.name.lower().endswith(suffixes):
            if exclude is not None and Path(os.path.realpath(path)).is_relative_to(exclude):
                continue
            yield _checked(path)


def _inside(path: Path, roots: list[Path]) -> bool:
    target = Path(os.path.realpath(path))
    return any(target == root or target.is_relative_to(root) for root in roots)


def _checked(path: Path) -> Path | InputError:
    """`path` when it is a readable regular file with a UTF-8 name, else why not."""
    try:
        os.fsencode(str(path)).decode("utf-8")
    except UnicodeDecodeError:
        return InputError(shown(path), "file name is not valid UTF-8; rename the file")
    try:
        mode = os.stat(path).st_mode
    except OSError as e:
        return InputError(path, f"cannot be read ({e.strerror or e})")
    if not stat.S_ISREG(mode):
        kind = ("a FIFO" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
                else "a socket" if stat.S_ISSOCK(mode) else "not a regular file")
        return InputError(path, f"{kind}, not a file; skipped")
    try:
        # O_NONBLOCK: should the file turn into a FIFO meanwhile, opening it must not hang
        os.close(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)))
    except OSError as e:
        return InputError(path, f"cannot be read ({e.strerror or e})")
    return path

"""What an output folder was built from: input file → content hash → article ids.

``DIR/manifest.json`` lets `kg build` skip files it has already read. It is a cache, never
the truth: a file is skipped only when its size and mtime (or else its SHA-256) match AND
every article id it lists is in the store, so a manifest left behind by a killed build can
at worst cause a file to be read again, never an article to be missed.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> f = d / "a.txt"; _ = f.write_text("Some article.")
>>> m = Manifest.load(d)
>>> m.skip(f, present=set()) is None
True
>>> m.record(f, ["abc"], [])
>>> m.save()
>>> Manifest.load(d).skip(f, present={"abc"})["articles"]
['abc']
>>> Manifest.load(d).skip(f, present=set()) is None     # the store lost it: read it again
True
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from ..errors import StoreError
from .files import read_json, write_json_atomic

MANIFEST_NAME = "manifest.json"
# 2: the store's default graph holds the merged view and the background only, and the
# merged view writes a symmetric fact both ways round; a store of version 1 answers otherwise.
VERSION = 2


def file_key(path: Path) -> str:
    return str(Path(path).resolve())


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class Manifest:
    """The input files of an output folder and the articles each one gave."""

    def __init__(self, path: Path, data: dict):
        self.path = path
        self.store: str = data.get("store", "")
        self.files: dict[str, dict] = data.get("files", {})
        self.extra: dict = data.get("extra", {})  # digests and figures the build keeps for next time

    @classmethod
    def load(cls, directory: str | os.PathLike) -> "Manifest":
        """The folder's manifest (empty when there is none). Raises `StoreError` when corrupt
        or written by an incompatible version."""
        path = Path(directory) / MANIFEST_NAME
        data = read_json(path, {})
        if data and data.get("version") != VERSION:
            raise StoreError(f"{path} was written by another version of kg (manifest version "
                             f"{data.get('version')!r}, expected {VERSION}); build into a new folder")
        return cls(path, data)

    def save(self) -> None:
        write_json_atomic(self.path, {"version": VERSION, "store": self.store, "files": self.files,
                                      "extra": self.extra})

    def skip(self, path: Path, present: set[str]) -> dict | None:
        """The entry of `path` when the file is unchanged and all its articles are in the store."""
        entry = self.files.get(file_key(path))
        if not entry or not entry.get("sha256") or not set(entry.get("articles", ())) <= present:
            return None
        stat = path.stat()
        if entry.get("size") == stat.st_size and entry.get("mtime_ns") == stat.st_mtime_ns:
            return entry
        if entry["sha256"] != sha256_of(path):
            return None
        entry["size"], entry["mtime_ns"] = stat.st_size, stat.st_mtime_ns  # touched, not changed
        return entry

    def record(self, path: Path, article_ids: Iterable[str], errors: Iterable[list[str]], *,
               complete: bool = True) -> None:
        """Note what `path` gave: its articles and its errors as [where, reason] pairs (shown
        again whenever the unchanged file is skipped). An incomplete entry (an article failed for a reason that may
        go away, such as an extractor bug) has no hash, so the next build reads the file again."""
        stat = path.stat()
        self.files[file_key(path)] = {
            "sha256": sha256_of(path) if complete else "", "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns, "articles": sorted(set(article_ids)),
            "errors": [list(e) for e in errors]}

    def articles_of(self, path: Path) -> list[str]:
        return list(self.files.get(file_key(path), {}).get("articles", ()))

    def forget(self, path: Path) -> dict | None:
        return self.files.pop(file_key(path), None)

    def referenced(self, except_paths: Iterable[Path] = ()) -> set[str]:
        """Article ids some file other than `except_paths` still gives."""
        skip = {file_key(p) for p in except_paths}
        return {a for key, entry in self.files.items() if key not in skip for a in entry.get("articles", ())}


# Where each backend keeps its store inside an output folder.
STORE_PATHS = {"oxigraph": "store", "memory": "store.nq"}


def store_path(directory: str | os.PathLike, store: str) -> Path | None:
    """Where `store` lives in `directory`; None for a store named by its URL, which lives there."""
    if "://" in store:
        return None
    return Path(directory) / STORE_PATHS.get(store, f"store.{store}")


def detect_store(directory: str | os.PathLike) -> str:
    """The backend an output folder was built with. Raises `StoreError` when it holds none."""
    directory = Path(directory)
    name = Manifest.load(directory).store
    if name:
        return name
    for name, rel in STORE_PATHS.items():
        if (directory / rel).exists():
            return name
    raise StoreError(f"{directory} holds no kg graph; build one with: kg build ARTICLES -o {directory}")

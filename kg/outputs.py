"""The files a build writes beside its store, and the record that tells whether they show it.

A build writes the store first and its outputs (``graph.ttl``, ``graph.trig``, ``graph.html``)
after. A process killed, or a disk filled, in between leaves outputs that show an older graph,
and the next build, finding nothing new to read, would keep them. ``DIR/outputs.json`` holds
two generation numbers to prevent that: the store's, raised and written to disk before a build
may change the store, and the outputs', set equal to it once the store is flushed, every output
written and the manifest saved. A build that finds them unequal, or an output missing or
changed since it was written, writes the outputs again.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> state = OutputState.load(d)
>>> state.due(["graph.ttl"])                  # never written
['graph.ttl']
>>> state.begin()                             # the store may change from here on
>>> _ = (d / "graph.ttl").write_text("...")
>>> state.commit(["graph.ttl"])               # written after the store: they match
>>> OutputState.load(d).due(["graph.ttl"])
[]
>>> OutputState.load(d).begin()               # a build killed after this ...
>>> OutputState.load(d).due(["graph.ttl"])    # ... leaves them to be written again
['graph.ttl']
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .api import KnowledgeGraph
from .atomic import remove_stray_temporaries
from .errors import UnknownOutputError
from .store.files import read_json, write_json_atomic
from .vocab import GAZETTEER_GRAPH, MERGED_GRAPH

STATE_NAME = "outputs.json"
TURTLE, TRIG, HTML = "graph.ttl", "graph.trig", "graph.html"


@dataclass
class OutputState:
    """The generations of an output folder's store and outputs, and each output's size and
    modification time when it was written."""

    path: Path
    store_generation: int = 0
    outputs_generation: int = -1  # a folder from before this record: its outputs are unproven
    files: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def load(cls, out_dir: str | os.PathLike) -> "OutputState":
        """The record of `out_dir` (a fresh one when there is none). Raises `StoreError` when corrupt."""
        path = Path(out_dir) / STATE_NAME
        data = read_json(path, {})
        return cls(path, int(data.get("store", 0)), int(data.get("outputs", -1)),
                   {name: list(stat) for name, stat in data.get("files", {}).items()})

    def due(self, wanted: Iterable[str]) -> list[str]:
        """The outputs among `wanted` to write: all of them when the store may have changed
        since they were written, else those missing or changed on disk since."""
        wanted = list(wanted)
        if self.outputs_generation != self.store_generation:
            return wanted
        return [name for name in wanted
                if (stat := _stat(self.path.parent / name)) is None or self.files.get(name) != stat]

    def begin(self) -> None:
        """Note on disk, before the store may change, that the outputs may stop showing it."""
        self.store_generation += 1
        self._save()

    def commit(self, names: Iterable[str]) -> None:
        """Note that the outputs `names` show the store as it is now (call this after the store
        is flushed and they are written)."""
        self.outputs_generation = self.store_generation
        self.files = {name: stat for name in names if (stat := _stat(self.path.parent / name))}
        self._save()

    def _save(self) -> None:
        write_json_atomic(self.path, {"store": self.store_generation, "outputs": self.outputs_generation,
                                      "files": self.files})


def _stat(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


# `kg build --outputs` names them so
OUTPUT_NAMES = {"ttl": TURTLE, "trig": TRIG, "html": HTML}


def wanted_outputs(html: bool, kinds: Iterable[str] | None = None) -> list[str]:
    """The outputs a build keeps up to date: those `kinds` names (keys of `OUTPUT_NAMES`; all
    of them unless given), less graph.html unless `html`. Raises `UnknownOutputError`."""
    kinds = list(OUTPUT_NAMES) if kinds is None else list(kinds)
    for kind in kinds:
        if kind not in OUTPUT_NAMES:
            raise UnknownOutputError(kind, list(OUTPUT_NAMES))
    return [name for kind, name in OUTPUT_NAMES.items() if kind in kinds and (html or name != HTML)]


def drop_left_out(out_dir: Path, kinds: Iterable[str] | None) -> list[str]:
    """Remove the outputs `kinds` leaves out (`kg build --outputs`; None leaves out none),
    after a build that changed the store: they would show an older graph. Notes saying which,
    and how to write one when it is wanted. (``--no-html`` alone leaves graph.html as it is.)"""
    if kinds is None:
        return []
    kinds, notes = set(kinds), []
    for kind, name in OUTPUT_NAMES.items():
        path = out_dir / name
        if kind in kinds or not path.exists():
            continue
        path.unlink()
        notes.append(f"{name} removed: it no longer showed the graph and this build was not asked to write it "
                     f"(--outputs {kind}, or kg export {out_dir} -o {path})")
    return notes


def write_outputs(graph: KnowledgeGraph, out_dir: Path, names: Iterable[str]) -> tuple[dict[str, Path], list[str]]:
    """Write the outputs `names` of `graph` into `out_dir`, each atomically; the paths written
    by kind (turtle, trig, html) and notes on what could not be written."""
    written, notes = {}, []
    names = set(names)
    if TURTLE in names:
        graph.store.dump(out_dir / TURTLE, "turtle", graphs=[MERGED_GRAPH, GAZETTEER_GRAPH])
        written["turtle"] = out_dir / TURTLE
    if TRIG in names:
        graph.store.dump(out_dir / TRIG, "trig")
        written["trig"] = out_dir / TRIG
    if HTML in names:
        try:
            graph.to_html(out_dir / HTML)
            written["html"] = out_dir / HTML
        except ImportError as e:
            notes.append(f"graph.html not written: the HTML exporter is not available ({e})")
    return written, notes


def clean_up(out_dir: Path) -> list[str]:
    """Remove what an interrupted build left behind in `out_dir` (temporary files of outputs,
    manifest and journal); notes saying so. Only under the folder's exclusive lock."""
    removed = remove_stray_temporaries(out_dir)
    if not removed:
        return []
    return [f"removed {len(removed)} temporary file{'s' * (len(removed) != 1)} an interrupted build left "
            f"({', '.join(sorted(p.name for p in removed))})"]

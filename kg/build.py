"""Building an output folder: `build` and `remove`, the functions behind `kg build` and
`kg remove`.

A folder holds the store (``store/``, or ``store.nq`` for the memory store), the outputs
(``graph.ttl``, ``graph.trig``, ``graph.html``), ``manifest.json`` (what was read, for the
incremental plan of the next build) and ``.lock``; an on-disk store keeps a journal of the
update under way. The extractor is a parameter (`kg.pipeline.extract` unless given).
"""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .api import KnowledgeGraph, background_triples
from .errors import ExtractionError, InputError, StoreError
from .ingest import input_files
from .model import Extraction
from .pipeline import Extractor, extract_paths
from .store.files import DirLock
from .store.manifest import Manifest, detect_store, file_key, store_path
from .vocab import GAZETTEER_GRAPH, MERGED_GRAPH


@dataclass
class BuildReport:
    """What `build` did, and the one-screen summary `kg build` prints."""

    out_dir: Path
    store: str = ""
    files: int = 0
    files_skipped: int = 0
    read: int = 0        # articles read and extracted in this run
    added: int = 0       # ... of which new to the graph
    replaced: int = 0    # ... of which replaced an older version
    unchanged: int = 0   # ... of which the graph already held as they are
    skipped: int = 0     # articles of files unchanged since the last build, not read
    removed: int = 0
    failed: int = 0
    errors: list[InputError] = field(default_factory=list)
    entities: int = 0
    facts: int = 0
    triples: int = 0
    top_actors: list = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced or self.removed)

    def summary(self) -> str:
        lines = [f"kg build: {self.read} articles read ({self.added} new, {self.replaced} changed, "
                 f"{self.unchanged} as before), {self.skipped} skipped as unchanged, {self.failed} failed"
                 + (f", {self.removed} removed" if self.removed else "") + f" in {self.seconds:.1f} s",
                 f"graph: {self.entities:,} entities, {self.facts:,} facts, {self.triples:,} triples "
                 f"({self.store} store)"]
        if self.top_actors:
            lines.append("top actors: " + ", ".join(f"{label} ({facts} facts)" for _, label, facts, *_ in self.top_actors))
        if self.outputs:
            lines.append("files: " + "  ".join(str(p) for p in self.outputs.values()))
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines)


Progress = Callable[[BuildReport], None]


def build(paths: Iterable[str | os.PathLike], out_dir: str | os.PathLike, *, store: str | None = None,
          html: bool = True, force: bool = False, batch_size: int = 200,
          progress: Progress | None = None, on_error: Callable[[InputError], None] | None = None,
          extractor: Extractor | None = None, follow_links: bool = False) -> BuildReport:
    """Build (or bring up to date) the graph in `out_dir` from article files and folders.

    Only new or changed files are read; a changed file's articles replace their old
    versions, and articles it no longer holds are removed. Writes ``graph.ttl`` (merged
    view and background), ``graph.trig`` (every named graph) and ``graph.html``, each
    atomically, and keeps the store (``store/``, or ``store.nq`` for ``store="memory"``)
    and ``manifest.json`` for the next build. `force` reads every file again.

    Articles are extracted with `extractor` (an `Article` → `Extraction` callable;
    `kg.pipeline.extract` unless given). Links in folders that lead out of `paths` are
    followed only with `follow_links`. A bad file or article is reported through
    `on_error` and in the report, and the build goes on. Raises `StoreLockedError` while another process uses `out_dir`, `StoreError`
    when the store cannot be opened or was built with another backend.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("Title\\n\\nSome article text.")
    >>> r = build([d / "a.txt"], d / "out", html=False)
    >>> r.read, r.added, sorted(p.name for p in r.outputs.values())
    (1, 1, ['graph.trig', 'graph.ttl'])
    >>> r = build([d / "a.txt"], d / "out", html=False)
    >>> r.read, r.skipped, r.outputs
    (0, 1, {})
    """
    started = time.monotonic()
    out_dir = Path(out_dir)
    with DirLock(out_dir, exclusive=True, purpose="build"):
        manifest = Manifest.load(out_dir)
        name = store or manifest.store or _existing_store(out_dir) or "oxigraph"
        if manifest.store and manifest.store != name:
            raise StoreError(f"{out_dir} was built with the {manifest.store} store, not {name}; "
                             f"use --store {manifest.store} or a new folder")
        manifest.store = name
        report = BuildReport(out_dir, store=name)
        graph = KnowledgeGraph(name, store_path(out_dir, name), background=False)
        try:
            background_changed = _update_background(graph, manifest)
            _IncrementalBuild(graph, manifest, report, force, batch_size, progress, on_error,
                              extractor).run(paths, follow_links)
            outputs_missing = not (out_dir / "graph.ttl").exists() or not (out_dir / "graph.trig").exists()
            if graph.store.recovered:
                report.notes.append("finished the repair of an interrupted build")
            changed = report.changed or background_changed or graph.store.recovered or force
            if changed or outputs_missing:
                write_outputs(graph, out_dir, report, html=html)
            _summarise(graph, report, manifest, reuse=not changed)
            manifest.save()
            graph.store.flush()
        finally:
            graph.close()
    report.seconds = time.monotonic() - started
    return report


def _existing_store(out_dir: Path) -> str:
    try:
        return detect_store(out_dir)
    except StoreError:
        return ""


class _IncrementalBuild:
    """Reads new and changed files, extracts their articles and writes them in batches."""

    def __init__(self, graph: KnowledgeGraph, manifest: Manifest, report: BuildReport, force: bool,
                 batch_size: int, progress: Progress | None, on_error: Callable[[InputError], None] | None,
                 extractor: Extractor | None):
        self.graph, self.manifest, self.report, self.extractor = graph, manifest, report, extractor
        self.force, self.batch_size = force, batch_size
        self.progress, self.on_error = progress, on_error
        self.present = graph.store.article_ids()
        self.batch: list[Extraction] = []
        self.stale: set[str] = set()
        self.saved, self.manifest_dirty = time.monotonic(), False
        self.pending_files: list[tuple[Path, list[str], list[list[str]], bool]] = []

    def run(self, paths: Iterable[str | os.PathLike], follow_links: bool = False) -> None:
        for item in input_files(paths, exclude=self.report.out_dir, follow_links=follow_links):
            if isinstance(item, InputError):
                self._fail(item)
                continue
            self.report.files += 1
            self._file(item)
        self._commit(final=True)

    def _fail(self, error: InputError) -> None:
        self.report.failed += 1
        self.report.errors.append(error)
        if self.on_error:
            self.on_error(error)

    def _file(self, path: Path) -> None:
        try:
            entry = None if self.force else self.manifest.skip(path, self.present)
        except OSError as e:
            self._fail(InputError(path, e.strerror or str(e)))
            return
        if entry is not None:
            self.report.files_skipped += 1
            self.report.skipped += len(entry["articles"])
            for where, reason in entry.get("errors", ()):
                self._fail(InputError(where, reason))
            return
        self._read(path)

    def _read(self, path: Path) -> None:
        ids, errors, complete = [], [], True
        for item in extract_paths([path], self.extractor):
            if isinstance(item, ExtractionError):
                complete = False  # perhaps an extractor bug: read the file again next time
                self._fail(item)
                continue
            if isinstance(item, InputError):
                errors.append([item.path, item.reason])
                self._fail(item)
                continue
            ids.append(item.article.id)
            self.batch.append(item)
            self.report.read += 1
            if self.progress:
                self.progress(self.report)
        old = set(self.manifest.articles_of(path)) - set(ids)
        if old:
            self.stale |= old - self.manifest.referenced(except_paths=[path])
        self.pending_files.append((path, ids, errors, complete))
        if len(self.batch) >= self.batch_size:
            self._commit()

    def _commit(self, final: bool = False) -> None:
        if not self.batch and not self.stale and not self.pending_files:
            if final and self.manifest_dirty:
                self.manifest.save()
            return
        changes = self.graph.store.update(self.batch, remove=self.stale - {e.article.id for e in self.batch})
        r = self.report
        r.added, r.replaced = r.added + changes.added, r.replaced + changes.replaced
        r.removed, r.unchanged = r.removed + changes.removed, r.unchanged + changes.unchanged
        self.present |= {e.article.id for e in self.batch}
        self.present -= self.stale
        # The store holds the batch now; only then may the manifest say so. Saving it after
        # every batch would cost O(files) each time; a manifest a few batches behind only
        # makes a killed build's successor read those files again.
        for path, ids, errors, complete in self.pending_files:
            self.manifest.record(path, ids, errors, complete=complete)
        self.manifest_dirty = True
        if final or time.monotonic() - self.saved > 5:
            self.manifest.save()
            self.saved, self.manifest_dirty = time.monotonic(), False
        self.batch, self.stale, self.pending_files = [], set(), []


def write_outputs(graph: KnowledgeGraph, out_dir: Path, report: BuildReport, *, html: bool = True) -> None:
    """graph.ttl, graph.trig and (when kg.export.html exists) graph.html, each atomically."""
    graph.store.dump(out_dir / "graph.ttl", "turtle", graphs=[MERGED_GRAPH, GAZETTEER_GRAPH])
    report.outputs["turtle"] = out_dir / "graph.ttl"
    graph.store.dump(out_dir / "graph.trig", "trig")
    report.outputs["trig"] = out_dir / "graph.trig"
    if html:
        try:
            graph.to_html(out_dir / "graph.html")
            report.outputs["html"] = out_dir / "graph.html"
        except ImportError as e:
            report.notes.append(f"graph.html not written: the HTML exporter is not available ({e})")


def _update_background(graph: KnowledgeGraph, manifest: Manifest) -> bool:
    """Load the gazetteer's triples unless the manifest says the store holds these already
    (comparing a digest costs milliseconds; comparing the graph, a second)."""
    triples = background_triples()
    digest = _digest(triples)
    held = not triples or next(iter(graph.store.quads(None, None, None, GAZETTEER_GRAPH)), None) is not None
    if manifest.extra.get("background") == digest and held:
        return False
    changed = graph.store.set_background(triples)
    manifest.extra["background"] = digest
    return changed


def _digest(triples: Iterable[tuple]) -> str:
    import hashlib

    lines = sorted("\x1f".join((*map(str, t), getattr(t[2], "language", None) or "",
                                 str(getattr(t[2], "datatype", None) or ""))) for t in triples)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def _summarise(graph: KnowledgeGraph, report: BuildReport, manifest: Manifest | None = None, *,
               reuse: bool = False) -> None:
    """The summary's figures; after a build that changed nothing, the last build's."""
    saved = manifest.extra.get("summary") if manifest is not None and reuse else None
    if saved:
        stats = dict(saved, top_actors=[tuple(a) for a in saved["top_actors"]])
    else:
        full = graph.stats(top=5)
        stats = {k: full[k] for k in ("entities", "facts", "triples", "top_actors")}
        if manifest is not None:
            manifest.extra["summary"] = stats
    report.entities, report.facts, report.triples = stats["entities"], stats["facts"], stats["triples"]
    report.top_actors = stats["top_actors"]


def remove(out_dir: str | os.PathLike, items: Iterable[str | os.PathLike], *, html: bool = True,
           on_error: Callable[[InputError], None] | None = None) -> BuildReport:
    """Drop from the graph in `out_dir` the articles of input files (or article ids), then
    rewrite its outputs. An item the graph was never built from is reported, not fatal.

    Raises `StoreError` when `out_dir` holds no graph, `StoreLockedError` while it is in use.
    """
    started = time.monotonic()
    out_dir = Path(out_dir)
    with DirLock(out_dir, exclusive=True, purpose="remove"):
        name = detect_store(out_dir)
        manifest = Manifest.load(out_dir)
        report = BuildReport(out_dir, store=name)
        graph = KnowledgeGraph(name, store_path(out_dir, name), background=False)
        try:
            present = graph.store.article_ids()
            files, ids = [], set()
            for item in items:
                path = Path(item)
                if file_key(path) in manifest.files:
                    files.append(path)
                elif str(item) in present:
                    ids.add(str(item))
                else:
                    error = InputError(item, "not part of this graph (no input file or article id of that name)")
                    report.failed += 1
                    report.errors.append(error)
                    if on_error:
                        on_error(error)
            for path in files:
                ids |= set(manifest.articles_of(path)) - manifest.referenced(except_paths=files)
            changes = graph.store.remove_articles(ids)
            report.removed = changes.removed
            for path in files:  # after the store: a crash in between only makes a file look stale
                manifest.forget(path)
            if report.removed:
                write_outputs(graph, out_dir, report, html=html)
            _summarise(graph, report, manifest)
            manifest.save()
        finally:
            graph.close()
    report.seconds = time.monotonic() - started
    return report


def progress_printer(every: int = 50, interval: float = 1.0, stream=None) -> Progress:
    """A progress callback printing one line on stderr every `every` articles or `interval` s."""
    stream = stream or sys.stderr
    state = {"last": time.monotonic(), "start": time.monotonic(), "count": 0}

    def report(r: BuildReport) -> None:
        state["count"] += 1
        now = time.monotonic()
        if state["count"] % every and now - state["last"] < interval:
            return
        state["last"] = now
        rate = r.read / max(now - state["start"], 1e-9)
        print(f"kg: {r.read} articles read, {r.skipped} skipped, {r.failed} failed "
              f"({r.files} files, {rate:.0f} articles/s)", file=stream, flush=True)
    return report

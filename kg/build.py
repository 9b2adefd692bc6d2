"""Building an output folder: `build` and `remove`, the functions behind `kg build` and
`kg remove`.

A folder holds the store (``store/``, or ``store.nq`` for the memory store), the outputs
(``graph.ttl``, ``graph.trig``, ``graph.html``, written by `kg.outputs`), ``manifest.json``
(what was read, for the incremental plan of the next build), ``outputs.json`` (whether the
outputs show the store, so that a build killed between the two is finished by the next one)
and ``.lock``; an on-disk store keeps a journal of the update under way. The extractor is a parameter (`kg.pipeline.extract` unless given).
"""
from __future__ import annotations

import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .api import KnowledgeGraph, background_triples
from .errors import ExtractionError, InputError, StoreError, UnknownMentionModeError
from .ingest import Limits, count_articles, input_files, read_file
from .model import Article, Extraction
from .pipeline import Extractor
from .rdf import MENTION_MODES
from .registry import executors
from .atomic import fault_point
from .outputs import OutputState, clean_up, drop_left_out, wanted_outputs, write_outputs
from .store import public_store_name
from .store.files import DirLock
from .store.manifest import Manifest, detect_store, file_key, store_path
from .store.view import summary_figures
from .vocab import GAZETTEER_GRAPH


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
    executor: str = "serial"
    workers: int = 1
    total: int | None = None  # articles in the inputs, once counted (in the background)

    @property
    def done(self) -> int:
        """Articles dealt with so far: read, skipped or failed."""
        return self.read + self.skipped + self.failed

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced or self.removed)

    def summary(self) -> str:
        where = {"serial": "in this process", "processes": f"by {self.workers} worker processes",
                 "dask": "on Dask"}.get(self.executor, f"by the {self.executor} executor")
        lines = [f"kg build: {self.read} articles read ({self.added} new, {self.replaced} changed, "
                 f"{self.unchanged} as before), {self.skipped} skipped as unchanged, {self.failed} failed"
                 + (f", {self.removed} removed" if self.removed else "") + f" in {self.seconds:.1f} s"
                 + (f" ({self.read / self.seconds:.1f} articles/s extracted {where})" if self.read and self.seconds else ""),
                 f"graph: {self.entities:,} entities, {self.facts:,} facts, {self.triples:,} triples "
                 f"({self.store} store)"]
        if self.top_actors:
            lines.append("top actors: " + ", ".join(f"{label} ({facts} facts)" for _, label, facts, *_ in self.top_actors))
        if self.outputs:
            lines.append("files: " + "  ".join(str(p) for p in self.outputs.values()))
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines)


Progress = Callable[[BuildReport], None]
Executor = Callable[[Iterable[Article], Extractor | None], Iterator[Extraction | Exception]]


def build(paths: Iterable[str | os.PathLike], out_dir: str | os.PathLike, *, store: str | None = None,
          html: bool = True, force: bool = False, batch_size: int = 200,
          progress: Progress | None = None, on_error: Callable[[InputError], None] | None = None,
          extractor: Extractor | None = None, follow_links: bool = False, workers: int | None = 1,
          dask: str | None = None, mentions: str = "compact", outputs: Iterable[str] | None = None) -> BuildReport:
    """Build (or bring up to date) the graph in `out_dir` from article files and folders.

    Only new or changed files are read; a changed file's articles replace their old
    versions, and articles it no longer holds are removed. Writes ``graph.ttl`` (merged
    view and background), ``graph.trig`` (every named graph) and ``graph.html``, each
    atomically, and keeps the store (``store/``, or ``store.nq`` for ``store="memory"``)
    and ``manifest.json`` for the next build. `force` reads every file again.

    Articles are extracted with `extractor` (an `Article` → `Extraction` callable;
    `kg.pipeline.extract` unless given). Links in folders that lead out of `paths` are
    followed only with `follow_links`. `workers` processes extract them (None: one a core
    available; 1: this process), or a Dask cluster when `dask` names its scheduler
    (``tcp://host:8786``, or ``local`` for a cluster of `workers` processes on this machine);
    the graph is the same whichever extracts. Inputs are read lazily and written in batches
    of `batch_size`, so memory does not grow with them; an article the store already holds,
    of a file a killed build was reading, is not extracted again. `mentions` says how
    article graphs hold the mentions of the articles read (`kg.rdf.MENTION_MODES`: one node
    an entity, one a span, or none; articles already in the store keep theirs until read
    again).

    `outputs` names the outputs to keep up to date (``"ttl"``, ``"trig"``, ``"html"``; all of
    them unless given, graph.html only with `html`): each is written from the whole store, so
    a stream of small updates to a large graph leaves them out (``outputs=()``) and exports
    when it needs one (`kg export`); an output left out is removed when the graph changes, since
    it would show an older one.

    A bad file or article is reported through
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
    out_dir, paths = Path(out_dir), list(paths)
    _require_some_input(paths)
    out_dir = Path(out_dir)
    if mentions not in MENTION_MODES:
        raise UnknownMentionModeError(mentions, MENTION_MODES)
    with DirLock(out_dir, exclusive=True, purpose="build"):
        manifest = Manifest.load(out_dir)
        name = store or manifest.store or _existing_store(out_dir) or "oxigraph"
        shown = public_store_name(name)  # a password in the URL is never saved
        if manifest.store and manifest.store != shown:
            raise StoreError(f"{out_dir} was built with the {manifest.store} store, not {shown}; "
                             f"use --store {manifest.store} or a new folder")
        manifest.store = shown
        report = BuildReport(out_dir, store=shown)
        report.notes += clean_up(out_dir)
        wanted = wanted_outputs(html, outputs)
        state = OutputState.load(out_dir)
        stale = state.due(wanted)
        state.begin()
        executor = _executor(report, extractor, workers, dask, batch_size)
        paths = list(paths)
        if progress is not None:
            _count_in_background(report, paths, follow_links)
        graph = KnowledgeGraph(name, store_path(out_dir, name), background=False)
        graph.store.mentions = mentions
        try:
            background_changed = _update_background(graph, manifest)
            _IncrementalBuild(graph, manifest, report, force, batch_size, progress, on_error,
                              extractor, executor).run(paths, follow_links)
            if graph.store.recovered:
                report.notes.append("finished the repair of an interrupted build")
            changed = report.changed or background_changed or graph.store.recovered or force
            _commit_outputs(graph, manifest, state, report, wanted, stale=wanted if changed else stale,
                            changed=changed, left_out=outputs)
            if changed:
                graph.store.compact()
        finally:
            graph.close()
    report.seconds = time.monotonic() - started
    return report


def _executor(report: BuildReport, extractor: Extractor | None, workers: int | None,
              dask: str | None, batch_size: int = 200) -> Executor:
    """The executor `workers` and `dask` ask for, with its options bound. Worker processes
    keep a batch of articles in flight: they go on extracting while this process writes the
    last batch to the store, instead of waiting for it."""
    from .executors import available_cores, picklable

    workers = workers or (None if dask and dask != "local" else available_cores())
    if dask:
        name, options = "dask", {"address": dask, "workers": workers}
    elif workers > 1 and not picklable(extractor):
        report.notes.append("the extractor given cannot be sent to worker processes; it ran in this process")
        name, options, workers = "serial", {}, 1
    else:
        name, options = ("processes", {"workers": workers, "ahead": batch_size}) if workers > 1 else ("serial", {})
    report.executor, report.workers = name, workers or 0
    run = executors.get(name)
    return lambda articles, extractor: run(articles, extractor, **options)


def _count_in_background(report: BuildReport, paths: list, follow_links: bool) -> None:
    """Set `report.total` once the inputs are counted, for the progress display; counting
    reads every .jsonl once more, so it runs beside the build instead of before it."""
    import threading

    def count() -> None:
        report.total = count_articles(paths, report.out_dir, follow_links=follow_links)

    threading.Thread(target=count, name="kg-count", daemon=True).start()


def _require_some_input(paths: list) -> None:
    """Raise `InputError` before anything is written when no path given exists: a build of
    nothing would be the gazetteer alone. One missing path among others is reported by the
    reader, and the rest goes on."""
    if not any(os.path.lexists(p) for p in paths):
        missing = ", ".join(str(p) for p in paths) or "(none given)"
        raise InputError(missing, "no such file or folder; nothing to build from")


def _existing_store(out_dir: Path) -> str:
    try:
        return detect_store(out_dir)
    except StoreError:
        return ""


class _IncrementalBuild:
    """Reads new and changed files lazily, has the executor extract their articles, and
    writes the results to the store in batches, in input order.

    The reading side (`_articles`) walks the inputs and yields the articles to extract; what
    else it meets — a file begun or ended, an article the store already holds, a bad line —
    goes into `events`, each in its place among the articles. The writing side takes the
    executor's results in the same order and replays the events up to each one, so a file is
    recorded in the manifest only after all its articles are in the store."""

    def __init__(self, graph: KnowledgeGraph, manifest: Manifest, report: BuildReport, force: bool,
                 batch_size: int, progress: Progress | None, on_error: Callable[[InputError], None] | None,
                 extractor: Extractor | None, executor: Executor):
        self.graph, self.manifest, self.report, self.extractor = graph, manifest, report, extractor
        self.force, self.batch_size, self.executor = force, batch_size, executor
        self.progress, self.on_error = progress, on_error
        self.present = graph.store.article_ids()
        self.batch: list[Extraction] = []
        self.stale: set[str] = set()
        self.saved, self.manifest_dirty = time.monotonic(), False
        self.events: deque = deque()
        self.file: _FileState | None = None
        self.pending_files: list[_FileState] = []

    def run(self, paths: Iterable[str | os.PathLike], follow_links: bool = False) -> None:
        for result in self.executor(self._articles(paths, follow_links), self.extractor):
            self._replay(until_article=True)
            self._result(result)
        self._replay()
        self._end_file()
        self._commit(final=True)

    # -- the reading side ------------------------------------------------------------------
    def _articles(self, paths: Iterable[str | os.PathLike], follow_links: bool) -> Iterator[Article]:
        limits = Limits.from_env()
        for item in input_files(paths, exclude=self.report.out_dir, follow_links=follow_links):
            if isinstance(item, InputError):
                self.events.append(("error", item))
                continue
            try:
                entry = None if self.force else self.manifest.skip(item, self.present)
            except OSError as e:
                self.events.append(("error", InputError(item, e.strerror or str(e))))
                continue
            if entry is not None:
                self.events.append(("unchanged", entry))
                continue
            # A file the manifest does not know may be one a killed build was reading: what of
            # it the store holds already is not extracted again. A changed file is read whole.
            resume = not self.force and file_key(item) not in self.manifest.files
            self.events.append(("file", item))
            for article in read_file(item, limits):
                if isinstance(article, InputError):
                    self.events.append(("line_error", article))
                elif resume and article.id in self.present:
                    self.events.append(("held", article.id))
                else:
                    self.events.append(("article", None))
                    yield article

    # -- the writing side ------------------------------------------------------------------
    def _replay(self, until_article: bool = False) -> None:
        while self.events:
            kind, value = self.events.popleft()
            if kind == "article" and until_article:
                return
            if kind == "file":
                self._end_file()
                self.report.files += 1
                self.file = _FileState(value)
            elif kind == "unchanged":
                self.report.files += 1
                self.report.files_skipped += 1
                self.report.skipped += len(value["articles"])
                for where, reason in value.get("errors", ()):
                    self._fail(InputError(where, reason))
                self._tick()
            elif kind == "held":
                self.file.ids.append(value)
                self.report.skipped += 1
                self._tick()
            elif kind == "line_error":  # a bad line, or the file itself unreadable
                self.file.errors.append([value.path, value.reason])
                self._fail(value)
            elif kind == "error":  # a path that is no readable file
                self._fail(value)
        if until_article:
            raise AssertionError("a result without its article")  # an executor that lost order

    def _result(self, result: Extraction | Exception) -> None:
        if isinstance(result, ExtractionError):
            self.file.complete = False  # perhaps an extractor bug: read the file again next time
            self._fail(result)
            return
        self.file.ids.append(result.article.id)
        self.batch.append(result)
        self.report.read += 1
        self._tick()
        if len(self.batch) >= self.batch_size:
            self._commit()

    def _end_file(self) -> None:
        state, self.file = self.file, None
        if state is None:
            return
        old = set(self.manifest.articles_of(state.path)) - set(state.ids)
        if old:
            self.stale |= old - self.manifest.referenced(except_paths=[state.path])
        self.pending_files.append(state)

    def _tick(self) -> None:
        if self.progress:
            self.progress(self.report)

    def _fail(self, error: InputError) -> None:
        self.report.failed += 1
        self.report.errors.append(error)
        if self.on_error:
            self.on_error(error)
        self._tick()

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
        # makes a killed build's successor look again at those files (whose articles the
        # store holds, so they are not extracted again).
        for state in self.pending_files:
            self.manifest.record(state.path, state.ids, state.errors, complete=state.complete)
        self.manifest_dirty = True
        if final or time.monotonic() - self.saved > max(5.0, 20 * self.save_seconds):
            started = time.monotonic()
            self.manifest.save()
            self.saved, self.manifest_dirty = time.monotonic(), False
            self.save_seconds = self.saved - started
        self.batch, self.stale, self.pending_files = [], set(), []

    save_seconds = 0.0  # what the last manifest save took: saving stays under 5 % of the build


@dataclass
class _FileState:
    """What one input file gave so far: its article ids, its bad lines, and whether every
    article was extracted."""

    path: Path
    ids: list[str] = field(default_factory=list)
    errors: list[list[str]] = field(default_factory=list)
    complete: bool = True


def _commit_outputs(graph: KnowledgeGraph, manifest: Manifest, outputs: OutputState, report: BuildReport,
                    wanted: list[str], stale: list[str], changed: bool, left_out: Iterable[str] | None) -> None:
    """After the store's last update: flush it, write the outputs in `stale` (and remove
    those `--outputs` left out, when the graph changed), save the manifest, and only then note
    that the outputs show the store (see `kg.outputs`)."""
    graph.store.flush()
    fault_point("outputs")
    if changed:
        report.notes += drop_left_out(report.out_dir, left_out)
    written, notes = write_outputs(graph, report.out_dir, stale)
    report.outputs.update(written)
    report.notes += notes
    _summarise(graph, report, manifest, reuse=not (changed or stale))
    fault_point("manifest")
    manifest.save()
    fault_point("outputs commit")
    outputs.commit(wanted)


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
        stats = summary_figures(graph.store, top=5)
        if manifest is not None:
            manifest.extra["summary"] = stats
    report.entities, report.facts, report.triples = stats["entities"], stats["facts"], stats["triples"]
    report.top_actors = stats["top_actors"]


def remove(out_dir: str | os.PathLike, items: Iterable[str | os.PathLike], *, html: bool = True,
           on_error: Callable[[InputError], None] | None = None, outputs: Iterable[str] | None = None) -> BuildReport:
    """Drop from the graph in `out_dir` the articles of input files (or article ids), then
    rewrite its outputs (those `outputs` names, as for `build`). An item the graph was never
    built from is reported, not fatal.

    Raises `StoreError` when `out_dir` holds no graph, `StoreLockedError` while it is in use.
    """
    started = time.monotonic()
    out_dir = Path(out_dir)
    with DirLock(out_dir, exclusive=True, purpose="remove"):
        name = detect_store(out_dir)
        manifest = Manifest.load(out_dir)
        report = BuildReport(out_dir, store=name)
        report.notes += clean_up(out_dir)
        wanted = wanted_outputs(html, outputs)
        state = OutputState.load(out_dir)
        stale = state.due(wanted)
        state.begin()
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
            changed = bool(report.removed or graph.store.recovered)
            _commit_outputs(graph, manifest, state, report, wanted, stale=wanted if changed else stale,
                            changed=changed, left_out=outputs)
        finally:
            graph.close()
    report.seconds = time.monotonic() - started
    return report


def progress_printer(every: int = 50, interval: float = 1.0, stream=None, delay: float = 2.0) -> Progress:
    """A progress callback printing one line on stderr every `every` articles or `interval` s:
    articles read, skipped and failed, articles/s, and (once the inputs are counted) how many
    of how many and the time left. Nothing is printed in the first `delay` s after the first
    article (the time before it is loading, not progress), so a small build says only its summary."""
    stream = stream or sys.stderr
    state: dict = {"start": None, "count": 0}

    def report(r: BuildReport) -> None:
        state["count"] += 1
        now = time.monotonic()
        if state["start"] is None:
            state["start"] = state["last"] = now
        if now - state["start"] < delay or (state["count"] % every and now - state["last"] < interval):
            return
        state["last"] = now
        rate = r.read / max(now - state["start"], 1e-9)
        line = (f"kg: {r.read} articles read, {r.skipped} skipped, {r.failed} failed "
                f"({r.files} files, {rate:.0f} articles/s)")
        if r.total:
            line += f", {r.done:,} of {r.total:,}"
            if rate > 0 and r.total > r.done:
                line += f", {_duration((r.total - r.done) / rate)} left"
        print(line, file=stream, flush=True)
    return report


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


class ProgressBar:
    """A progress callback drawing a bar on a terminal (tqdm): articles done of the total
    once it is counted, articles/s and the time left. `close` ends the bar's line."""

    def __init__(self, stream=None, delay: float = 2.0):
        from tqdm import tqdm

        # delay: a build done within two seconds draws no bar, only its summary
        self.bar = tqdm(total=None, unit=" articles", file=stream or sys.stderr, dynamic_ncols=True,
                        smoothing=0.05, mininterval=0.2, delay=delay)

    def __call__(self, r: BuildReport) -> None:
        if r.total and self.bar.total != max(r.total, r.done):
            self.bar.total = max(r.total, r.done)
            self.bar.refresh()
        if r.failed:
            self.bar.set_postfix_str(f"{r.failed} failed", refresh=False)
        self.bar.update(r.done - self.bar.n)

    def write(self, message: str) -> None:
        """A message above the bar, which is drawn again below it."""
        self.bar.write(message, file=self.bar.fp)

    def close(self) -> None:
        self.bar.close()


def progress_display(stream=None) -> Progress:
    """A bar on a terminal, plain lines (`progress_printer`) elsewhere: a log has no use for
    a bar redrawn in place."""
    stream = stream or sys.stderr
    isatty = getattr(stream, "isatty", None)
    return ProgressBar(stream) if isatty is not None and isatty() else progress_printer(stream=stream)

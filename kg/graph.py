"""The Python API: `KnowledgeGraph`, and `build`/`remove`, the functions behind `kg build`
and `kg remove`.

>>> from kg import Article, Entity, Extraction, Fact, KnowledgeGraph, Provenance, Qualifiers
>>> g = KnowledgeGraph()                                   # in memory (rdflib)
>>> a = Article.create("China and Kazakhstan agreed to deepen security cooperation.",
...                    title="Ties", published="2025-06-17", lang="en")
>>> _ = g.add_extraction(Extraction(a,
...     (Entity("China", "Country", (("en", "China"), ("uk", "Китай")), wikidata="Q148"),
...      Entity("Kazakhstan", "Country", (("en", "Kazakhstan"),), wikidata="Q232")), (),
...     (Fact("China", "cooperatesWith", "Kazakhstan", Qualifiers(domain=("security",)),
...           Provenance(a.id, a.text, confidence=0.8)),)))
>>> [f.object for f in g.facts(subject="Китай")]            # an id or a label in any language
['Kazakhstan']
>>> [f.object for f in g.facts(subject="Kazakhstan", relation="cooperatesWith")]   # symmetric
['China']
>>> g.facts()[0].provenance.sentence
'China and Kazakhstan agreed to deepen security cooperation.'
>>> q = "SELECT ?name WHERE { ?s kg:cooperatesWith ?o . ?o rdfs:label ?name FILTER(lang(?name) = 'en') }"
>>> sorted({str(row.name) for row in g.sparql(q)})
['Kazakhstan']
>>> g.to_networkx().edges["China", "Kazakhstan", "cooperatesWith"]["support"]
1
>>> g.stats()["facts"], g.stats()["relations"]
(1, {'cooperatesWith': 1})
"""
from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from . import pipeline
from .pipeline import Extractor
from .errors import ExtractionError, InputError, StoreError, UnknownRelationError
from .rdf import statement_iri, valid_id
from .model import RELATIONS, Article, Entity, Extraction, Fact, Provenance, Qualifiers
from .store import open_store
from .store.base import Changes, GraphStore
from .store.files import DirLock
from .store.manifest import Manifest, file_key, input_files
from .store.results import QueryResult
from .store.view import StatementRecord, read_view, statement_record
from .vocab import GAZETTEER_GRAPH, KG, KGA, KGE, MERGED_GRAPH, entity_id

STORE_PATHS = {"oxigraph": "store", "memory": "store.nq"}


def background_triples() -> list[tuple]:
    """The gazetteer's background triples, or [] while `kg.gazetteer` does not provide them."""
    try:
        from .gazetteer import background_triples as source
        return list(source())
    except (ImportError, AttributeError):
        return []


def store_path(directory: str | os.PathLike, store: str) -> Path:
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


@dataclass
class AddReport:
    """What `KnowledgeGraph.add_path` did."""

    read: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[InputError] = field(default_factory=list)


class KnowledgeGraph:
    """A merged knowledge graph over a `GraphStore`.

    ``KnowledgeGraph()`` keeps everything in memory (rdflib); ``KnowledgeGraph("oxigraph",
    path)`` keeps it in a pyoxigraph store on disk (or in memory without a path).
    `KnowledgeGraph.open(DIR)` opens a folder `kg build` wrote. Methods raise `StoreError`
    when the store cannot be read or written, and `QueryError` for a bad SPARQL query.
    """

    def __init__(self, store: str | GraphStore = "memory", path: str | os.PathLike | None = None, *,
                 read_only: bool = False, background: bool = True, extractor: Extractor | None = None):
        self.store: GraphStore = open_store(store, path, read_only=read_only) if isinstance(store, str) else store
        self.notes: list[str] = []
        self.extractor = extractor
        self._lock: DirLock | None = None
        if background and not self.store.read_only:
            self.store.set_background(background_triples())

    @classmethod
    def open(cls, directory: str | os.PathLike, *, read_only: bool = True) -> "KnowledgeGraph":
        """The graph `kg build` wrote into `directory`, locked against builds while open.

        Raises `StoreError` when the folder holds no graph and `StoreLockedError` while a
        build writes into it (or, for ``read_only=False``, while anything else uses it).
        """
        directory = Path(directory)
        name = detect_store(directory)
        lock = DirLock(directory, exclusive=not read_only, purpose="read" if read_only else "write").acquire()
        try:
            graph = cls(open_store(name, store_path(directory, name), read_only=read_only), background=False)
        except BaseException:
            lock.release()
            raise
        graph._lock = lock
        if graph.store.needs_recovery():
            graph.notes.append(f"the last build of {directory} was interrupted; "
                               "run kg build again to finish it")
        return graph

    def close(self) -> None:
        """Save (on-disk stores) and release the store and the folder lock."""
        try:
            self.store.close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> "KnowledgeGraph":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        """The number of quads in every graph."""
        return len(self.store)

    def __repr__(self) -> str:
        return f"<KnowledgeGraph {self.store!r}>"

    # -- adding --------------------------------------------------------------------------------
    def add_article(self, article: Article) -> Extraction:
        """Extract `article` with `kg.extract` and add what it says; returns the extraction."""
        extraction = (self.extractor or pipeline.extract)(article)
        self.store.update([extraction])
        return extraction

    def add_extraction(self, extraction: Extraction) -> bool:
        """Add (or replace) one article's extraction; True when the graph changed.

        Raises `InputError` when an entity id cannot be part of an IRI.
        """
        return self.store.add_extraction(extraction)

    def add_extractions(self, extractions: Iterable[Extraction], *, batch_size: int = 200) -> Changes:
        """Add many extractions, writing them in batches (much faster than one by one)."""
        total, batch = Changes(), []
        for extraction in extractions:
            batch.append(extraction)
            if len(batch) >= batch_size:
                total += self.store.update(batch)
                batch = []
        if batch:
            total += self.store.update(batch)
        return total

    def add_path(self, *paths: str | os.PathLike) -> AddReport:
        """Read, extract and add every article in files or folders (see `kg.ingest`).

        A file that cannot be read does not stop the others: its `InputError` is in the report.
        """
        report, batch = AddReport(), []
        for item in pipeline.extract_paths(paths, self.extractor):
            if isinstance(item, InputError):
                report.failed += 1
                report.errors.append(item)
                continue
            report.read += 1
            batch.append(item)
        changes = self.add_extractions(batch)
        report.added, report.replaced, report.unchanged = changes.added, changes.replaced, changes.unchanged
        return report

    def remove_article(self, article_id: str) -> bool:
        """Drop an article and whatever only it supported; True when it was there."""
        return self.store.remove_articles([article_id]).removed > 0

    # -- reading -------------------------------------------------------------------------------
    def sparql(self, query: str) -> QueryResult:
        """Run SPARQL over all graphs (articles, merged, background) with the kg prefixes
        (kg:, kge:, kga:, kgs:, wd:, prov:, skos:, owl:, rdfs:, rdf:, xsd:, dcterms:, schema:)
        predeclared. Raises `QueryError` for a query that cannot be parsed or run."""
        return self.store.query(query)

    def entities(self) -> list[Entity]:
        """Every entity the articles describe (merged over articles), by id."""
        view = read_view(self.store, background=False)
        return [view.entities[k].to_entity() for k in sorted(view.entities)]

    def entity(self, name: str) -> Entity | None:
        """The entity with this id or label (any language, case-insensitive), or None."""
        ids = self._resolve(name)
        if not ids:
            return None
        view = read_view(self.store)
        return next((view.entities[i].to_entity() for i in sorted(ids) if i in view.entities), None)

    def facts(self, subject: str | None = None, relation: str | None = None,
              object: str | None = None) -> list[Fact]:
        """Merged facts matching the filters (None matches anything), sorted.

        `subject` and `object` take an entity id ("China") or a label in any language;
        a symmetric relation matches either way round and is returned in the asked order.
        Each fact carries its qualifiers (the latest date, the place most articles give) and
        the Provenance of its strongest evidence with the combined confidence; `evidence(fact)`
        gives all of it. Negative facts (polarity "negative") are included.
        Raises `UnknownRelationError` for a relation kg does not know.
        """
        if relation is not None and relation not in RELATIONS:
            raise UnknownRelationError(relation, RELATIONS)
        subjects = self._resolve(subject) if subject is not None else None
        objects = self._resolve(object) if object is not None else None
        if subjects == set() or objects == set():
            return []
        facts = []
        for record in self._candidates(subjects, objects, relation):
            if relation is not None and record.relation != relation:
                continue
            for s, o in _orientations(record):
                if (subjects is None or s in subjects) and (objects is None or o in objects):
                    facts.append(self._fact(record, s, o))
                    break
        return sorted(facts, key=lambda f: (f.subject, f.relation, f.object, f.qualifiers.meaning_key()))

    def evidence(self, fact: Fact) -> list[Provenance]:
        """Every article statement behind a merged fact: article, sentence, extractor, confidence."""
        out = []
        for scoped, _, _, graph in self.store.quads(None, KG.mergedInto, statement_iri(fact), None):
            values = [(p, o) for _, p, o, _ in self.store.quads(scoped, None, None, graph)]
            sentences = sorted(str(o) for p, o in values if p == KG.evidence) or [""]
            confidence = max((float(o) for p, o in values if p == KG.confidence), default=0.0)
            extractor = next((str(o) for p, o in values if p == KG.extractor), "")
            article = str(graph)[len(str(KGA)):]
            out += [Provenance(article, s, extractor=extractor, confidence=confidence) for s in sentences]
        return sorted(out, key=lambda p: (-p.confidence, p.article_id, p.sentence))

    def _resolve(self, name: str) -> set[str]:
        """Entity ids named by an id or a label (case-insensitive), merged or background."""
        if valid_id(name) and next(iter(self.store.quads(KGE[name], None, None, None)), None) is not None:
            return {name}
        folded = name.casefold()
        found = set()
        for graph in (MERGED_GRAPH, GAZETTEER_GRAPH):
            for pred in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
                for s, _, o, _ in self.store.quads(None, pred, None, graph):
                    if str(o).casefold() == folded and str(s).startswith(str(KGE)):
                        found.add(entity_id(s))
        return found

    def _candidates(self, subjects, objects, relation) -> Iterator[StatementRecord]:
        if subjects is None and objects is None and relation is None:
            yield from read_view(self.store, background=False).statements
            return
        if subjects is not None or objects is not None:
            ends = subjects if subjects is not None else objects
            nodes = {s for e in ends for p in (RDF.subject, RDF.object)
                     for s, _, _, _ in self.store.quads(None, p, KGE[e], MERGED_GRAPH)}
        else:
            nodes = {s for s, _, _, _ in self.store.quads(None, RDF.predicate, KG[relation], MERGED_GRAPH)}
        for node in nodes:
            yield statement_record(node, [(p, o) for _, p, o, _ in self.store.quads(node, None, None, MERGED_GRAPH)])

    def _fact(self, record: StatementRecord, s: str, o: str) -> Fact:
        qualifiers = Qualifiers(domain=record.domains, date=record.date, start=record.start, end=record.end,
                                place=record.place, trend=record.trend, polarity=record.polarity,
                                modality=record.modality)
        best = self._best_evidence(URIRef(record.iri))
        provenance = Provenance(best[0], best[1], extractor=best[2], confidence=record.confidence)
        return Fact(s, record.relation, o, qualifiers, provenance)

    def _best_evidence(self, node: URIRef) -> tuple[str, str, str]:
        """(article id, sentence, extractor) of the most confident article statement."""
        best = None
        for scoped, _, _, graph in self.store.quads(None, KG.mergedInto, node, None):
            values = [(p, o) for _, p, o, _ in self.store.quads(scoped, None, None, graph)]
            confidence = max((float(o) for p, o in values if p == KG.confidence), default=0.0)
            sentence = min((str(o) for p, o in values if p == KG.evidence), default="")
            extractor = next((str(o) for p, o in values if p == KG.extractor), "")
            candidate = (-confidence, str(graph)[len(str(KGA)):], sentence, extractor)
            best = candidate if best is None or candidate < best else best
        return (best[1], best[2], best[3]) if best else ("", "", "")

    # -- views and exports ---------------------------------------------------------------------
    def to_networkx(self):
        """The merged graph as a networkx MultiDiGraph (schema in `kg.export.networkx`)."""
        from .export.networkx import store_to_networkx
        return store_to_networkx(self.store)

    def to_html(self, path: str | os.PathLike, **options):
        """Write the interactive page with `kg.export.html.write_html` (which writes atomically
        and takes focus, hops, relations, since, until, lang, ... as options); returns its
        `HtmlReport` (path, nodes and edges kept and dropped).
        """
        from .export.html import write_html

        return write_html(self.to_networkx(), path, **options)

    def serialize(self, path: str | os.PathLike, format: str | None = None, **options):
        """Write the graph to `path` in `format` (else chosen by the suffix): turtle, nt,
        trig, nquads, json-ld, xml, graphml, gexf, csv (nodes and edges tables), html, or a
        format a plugin registers (`kg.registry.exporters`).

        Triple formats hold the merged view and the background; quad formats every graph.
        Raises `UnknownFormatError` for another format.
        """
        from .registry import exporters

        fmt = exporters.choose(path, format)
        return exporters.get(fmt.name)(self, path, **options)

    def stats(self, top: int = 10) -> dict:
        """Counts: articles, entities, facts (merged statements; negative apart), triples,
        facts per relation, and the `top` most connected actors as (id, label, weight)."""
        from .analytics import top_actors
        from .export.networkx import view_to_networkx

        view = read_view(self.store)
        positive = [st for st in view.statements if st.polarity == "positive"]
        return {
            "articles": len(self.store.article_ids()),
            "entities": sum(1 for e in view.entities.values() if e.support),  # not background fills
            "facts": len(positive),
            "negative_facts": len(view.statements) - len(positive),
            "triples": len(self.store),
            "relations": dict(sorted(Counter(st.relation for st in positive).items(),
                                     key=lambda kv: (-kv[1], kv[0]))),
            "top_actors": top_actors(view_to_networkx(view), top),
        }


def _orientations(record: StatementRecord) -> list[tuple[str, str]]:
    pairs = [(record.subject, record.object)]
    if record.symmetric:
        pairs.append((record.object, record.subject))
    return pairs


# -- building output folders ---------------------------------------------------------------------

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
            lines.append("top actors: " + ", ".join(f"{label} ({score:g})" for _, label, score in self.top_actors))
        if self.outputs:
            lines.append("files: " + "  ".join(str(p) for p in self.outputs.values()))
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines)


Progress = Callable[[BuildReport], None]


def build(paths: Iterable[str | os.PathLike], out_dir: str | os.PathLike, *, store: str | None = None,
          html: bool = True, force: bool = False, batch_size: int = 200,
          progress: Progress | None = None, on_error: Callable[[InputError], None] | None = None) -> BuildReport:
    """Build (or bring up to date) the graph in `out_dir` from article files and folders.

    Only new or changed files are read; a changed file's articles replace their old
    versions, and articles it no longer holds are removed. Writes ``graph.ttl`` (merged
    view and background), ``graph.trig`` (every named graph) and ``graph.html``, each
    atomically, and keeps the store (``store/``, or ``store.nq`` for ``store="memory"``)
    and ``manifest.json`` for the next build. `force` reads every file again.

    A bad file or article is reported through `on_error` and in the report, and the build
    goes on. Raises `StoreLockedError` while another process uses `out_dir`, `StoreError`
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
            _Builder(graph, manifest, report, force, batch_size, progress, on_error).run(paths)
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


class _Builder:
    """Reads new and changed files, extracts their articles and writes them in batches."""

    def __init__(self, graph: KnowledgeGraph, manifest: Manifest, report: BuildReport, force: bool,
                 batch_size: int, progress: Progress | None, on_error: Callable[[InputError], None] | None):
        self.graph, self.manifest, self.report = graph, manifest, report
        self.force, self.batch_size = force, batch_size
        self.progress, self.on_error = progress, on_error
        self.present = graph.store.article_ids()
        self.batch: list[Extraction] = []
        self.stale: set[str] = set()
        self.saved, self.manifest_dirty = time.monotonic(), False
        self.pending_files: list[tuple[Path, list[str], list[list[str]], bool]] = []

    def run(self, paths: Iterable[str | os.PathLike]) -> None:
        for item in input_files(paths, exclude=self.report.out_dir):
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
        for item in pipeline.extract_paths([path], self.graph.extractor):
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

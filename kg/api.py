"""The Python API: `KnowledgeGraph`, a merged knowledge graph over a store.

The build of an output folder (``kg build``) is `kg.build`; this module never writes one.

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
>>> q = "SELECT ?name WHERE { kge:China kg:cooperatesWith ?o . ?o rdfs:label ?name FILTER(lang(?name) = 'en') }"
>>> sorted({str(row.name) for row in g.sparql(q)})
['Kazakhstan']
>>> g.to_networkx().edges["China", "Kazakhstan", "cooperatesWith"]["support"]
1
>>> g.stats()["facts"], g.stats()["relations"]
(1, {'cooperatesWith': 1})
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import pipeline
from .errors import InputError, UnknownRelationError
from .model import RELATIONS, Article, Entity, Extraction, Fact, Provenance, Qualifiers
from .pipeline import Extractor
from .rdf import statement_iri
from .store import open_store
from .store.base import Changes, GraphStore
from .store.files import DirLock
from .store.manifest import detect_store, store_path
from .store.results import QueryResult
from .store.view import StatementRecord, actor_activity, read_evidence, read_statements, read_view, resolve_ids


def background_triples() -> list[tuple]:
    """The gazetteer's background knowledge, as triples for the background graph."""
    from .gazetteer import background_triples as source

    return list(source())


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
    `KnowledgeGraph.open(DIR)` opens a folder `kg build` wrote. `extractor` (an `Article` →
    `Extraction` callable) is what `add_article` and `add_path` run; `kg.pipeline.extract`
    unless given. Methods raise `StoreError`
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

    def _repr_html_(self) -> str:
        """Jupyter shows the graph as its counts and its interactive page (see `kg.show`)."""
        from .export.notebook import graph_html

        return graph_html(self)

    # -- adding --------------------------------------------------------------------------------
    def add_article(self, article: Article) -> Extraction:
        """Extract `article` (with the graph's extractor) and add what it says; returns the extraction."""
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
        ids = resolve_ids(self.store, name)
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
        subjects = resolve_ids(self.store, subject) if subject is not None else None
        objects = resolve_ids(self.store, object) if object is not None else None
        if subjects == set() or objects == set():
            return []
        facts = []
        for record in read_statements(self.store, subjects, objects, relation):
            if relation is not None and record.relation != relation:
                continue
            for s, o in _orientations(record):
                if (subjects is None or s in subjects) and (objects is None or o in objects):
                    facts.append(self._fact(record, s, o))
                    break
        return sorted(facts, key=lambda f: (f.subject, f.relation, f.object, f.qualifiers.meaning_key()))

    def evidence(self, fact: Fact) -> list[Provenance]:
        """Every article statement behind a merged fact: article, sentence, extractor, confidence."""
        return [Provenance(e.article, e.sentence, extractor=e.extractor, confidence=e.confidence)
                for e in read_evidence(self.store, str(statement_iri(fact)))]

    def _fact(self, record: StatementRecord, s: str, o: str) -> Fact:
        qualifiers = Qualifiers(domain=record.domains, date=record.date, start=record.start, end=record.end,
                                place=record.place, trend=record.trend, polarity=record.polarity,
                                modality=record.modality)
        best = next(iter(read_evidence(self.store, record.iri)), None)
        provenance = Provenance(best.article if best else "", best.sentence if best else "",
                                extractor=best.extractor if best else "", confidence=record.confidence)
        return Fact(s, record.relation, o, qualifiers, provenance)

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

    def neighbourhood(self, name: str, hops: int = 1):
        """The entities within `hops` of `name` (an id or a label) and the facts between them:
        a `kg.export.notebook.Neighbourhood`, which Jupyter shows as its page and whose
        ``to_networkx()`` is that part of the graph. Raises `UnknownEntityError`."""
        from .export.notebook import neighbourhood

        return neighbourhood(self.to_networkx(), name, hops)

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
        facts per relation, and the `top` actors taking part in the most facts as (id, label,
        facts, articles) — the distinct facts (relation and other party, either direction)
        and the articles behind them, as ``examples/queries/top-actors.rq`` counts."""
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
            "top_actors": _top_actors(view, top),
        }


def _top_actors(view, n: int) -> list[tuple[str, str, int, int]]:
    def label(actor: str) -> str:
        record = view.entities.get(actor)
        return record.label if record else actor

    ranked = sorted(actor_activity(view).items(), key=lambda kv: (-kv[1][0], -kv[1][1], label(kv[0]), kv[0]))
    return [(actor, label(actor), facts, articles) for actor, (facts, articles) in ranked[:n]]


def show(value, **options):
    """Show a `KnowledgeGraph`, a neighbourhood, a query's answer or a networkx graph inline in
    Jupyter, with options: ``kg.show(g, focus="China", hops=1, height=500)``,
    ``kg.show(g.sparql(q), max_rows=50)``. See `kg.export.notebook.show`."""
    from .export.notebook import show as display

    return display(value, **options)


def _orientations(record: StatementRecord) -> list[tuple[str, str]]:
    pairs = [(record.subject, record.object)]
    if record.symmetric:
        pairs.append((record.object, record.subject))
    return pairs

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
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from . import pipeline
from .errors import InputError, UnknownRelationError
from .model import RELATIONS, Article, Entity, Extraction, Fact, Provenance, Qualifiers
from .pipeline import Extractor
from .rdf import statement_iri, valid_id
from .store import open_store
from .store.base import Changes, GraphStore
from .store.files import DirLock
from .store.manifest import detect_store, store_path
from .store.results import QueryResult
from .store.view import StatementRecord, read_view, statement_record
from .vocab import GAZETTEER_GRAPH, KG, KGA, KGE, MERGED_GRAPH, entity_id


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

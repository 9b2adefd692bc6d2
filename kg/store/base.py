"""The `GraphStore` protocol every backend satisfies, and the merge engine they share.

A store holds named graphs: one per article (IRI ``kga:<id>``) with what that article
said, `GAZETTEER_GRAPH` with background knowledge, and `MERGED_GRAPH` with the merged
view (see `kg.store.merge`). Its default graph is the set union of `DEFAULT_SOURCES`
(the merged view and the background), so a query without ``GRAPH`` meets each fact once;
what one article said is reached with ``GRAPH ?g`` or ``FROM NAMED``. SPARQL runs with the
project prefixes predeclared.

Backends implement a handful of primitives (`_match`, `_apply`, `_graph_names`,
`_query`, `_dump`), where the graph `DEFAULT_GRAPH` names the store's default graph;
`StoreBase` turns them into the guarantees the protocol states:

- adding an article replaces what the store held for it and recomputes only the merged
  nodes it touches, from the article graphs;
- adding the same article again changes nothing, and the order of articles does not
  matter;
- the default graph follows the merged view and the background in the same write, so a
  backend only stores what it is given;
- new triples are written before old ones are removed, and an on-disk store notes the
  articles and merged nodes of an update in a journal first, so a process killed midway
  leaves everything that was there before readable, and the next writer repairs the rest.

>>> from kg.model import Article, Entity, Extraction, Fact, Provenance
>>> from kg.store.memory import MemoryStore
>>> store = MemoryStore()
>>> a = Article.create("Kazakhstan backs the plan.", published="2025-01-02")
>>> ex = Extraction(a, (Entity("Kazakhstan", "Country", (("en", "Kazakhstan"),)),), (),
...                 (Fact("Kazakhstan", "supports", "Plan", provenance=Provenance(a.id, a.text)),))
>>> store.add_extraction(ex)
True
>>> store.add_extraction(ex)   # the same article again: nothing changes
False
>>> store.query("ASK { GRAPH <https://kg.example.org/graph/merged> { kge:Kazakhstan kg:supports kge:Plan } }").boolean
True
>>> len(store.query("SELECT ?o WHERE { kge:Kazakhstan kg:supports ?o }").rows)   # once, not per graph
1
"""
from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol, runtime_checkable

from rdflib import URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from ..errors import StoreError, UnknownFormatError
from ..registry import Format, exporters
from ..rdf import article_iri
from ..model import Extraction
from ..vocab import GAZETTEER_GRAPH, KGA, MERGED_GRAPH
from . import merge
from ..atomic import atomic_write, fault_point
from .files import read_json, write_json_atomic
from .results import QueryResult

Quad = tuple

# The store's default graph, as the graph of a quad (rdflib's name for it). Backends store
# quads of this graph in their own default graph.
DEFAULT_GRAPH = DATASET_DEFAULT_GRAPH_ID
# The named graphs whose set union the default graph is: what a query without GRAPH sees.
DEFAULT_SOURCES = (MERGED_GRAPH, GAZETTEER_GRAPH)
_DEFAULT_SOURCE_SET = frozenset(DEFAULT_SOURCES)

# Every backend writes these itself; other RDF formats go through rdflib (see `StoreBase.dump`).
NATIVE_FORMATS = frozenset({"turtle", "nt", "trig", "nquads", "json-ld"})


def rdf_format(name: str) -> Format:
    """The RDF `Format` called `name` (or an alias); raises `UnknownFormatError` for another."""
    try:
        fmt = exporters.format(name)
    except UnknownFormatError:
        fmt = None
    if fmt is None or not fmt.rdf:
        raise UnknownFormatError(name, [f.name for f in exporters.rdf_formats()])
    return fmt


@dataclass
class Changes:
    """What one update did: articles added, replaced, removed or found unchanged; quads written."""

    added: int = 0
    replaced: int = 0
    removed: int = 0
    unchanged: int = 0
    quads_added: int = 0
    quads_removed: int = 0

    def __iadd__(self, other: "Changes") -> "Changes":
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced or self.removed)


@runtime_checkable
class GraphStore(Protocol):
    """What kg needs of a graph store. Every method may raise `StoreError` on an I/O failure."""

    name: str
    path: Path | None
    read_only: bool

    def update(self, extractions: Iterable[Extraction] = (), remove: Iterable[str] = ()) -> Changes:
        """Add or replace the articles of `extractions`, drop the article ids in `remove`,
        and recompute the merged nodes they touch. Raises `StoreError` when read-only."""

    def add_extraction(self, extraction: Extraction) -> bool:
        """Add or replace one article; True when the store changed."""

    def remove_articles(self, article_ids: Iterable[str]) -> Changes:
        """Drop articles and what only they supported; unknown ids are ignored."""

    def article_ids(self) -> set[str]:
        """The ids of the articles the store holds."""

    def has_article(self, article_id: str) -> bool: ...

    def set_background(self, triples: Iterable[tuple]) -> bool:
        """Replace the background (gazetteer) graph; True when it changed."""

    def quads(self, s=None, p=None, o=None, g=None) -> Iterator[Quad]:
        """Quads matching a pattern (None matches anything), as rdflib terms. `g` None matches
        the named graphs only; `DEFAULT_GRAPH` the default graph (derived from them)."""

    def graph_names(self) -> set[URIRef]: ...

    def query(self, sparql: str, *, default_graphs: Iterable[URIRef] | None = None,
              named_graphs: Iterable[URIRef] | None = None, base: str | None = None) -> QueryResult:
        """Run a SPARQL 1.1 query. Raises `QueryError`.

        Its default graph is the merged view and the background (each triple once); ``GRAPH``
        reaches every named graph, the article graphs included. A query's own FROM and FROM
        NAMED choose another dataset.

        `base` resolves the query's relative IRIs when it declares no BASE of its own.

        Given `default_graphs` or `named_graphs` (the SPARQL protocol's dataset), the query
        runs over that dataset instead, whatever its own FROM and FROM NAMED say: the merge
        of `default_graphs` as the default graph, `named_graphs` for GRAPH patterns (either
        left out is empty)."""

    def dump(self, dest: str | os.PathLike | IO[bytes], format: str = "trig",
             graphs: Iterable[URIRef] | None = None) -> None:
        """Write graphs as RDF; a path is written atomically. Raises `UnknownFormatError`."""

    def __len__(self) -> int: ...

    def flush(self) -> None: ...

    def compact(self) -> None:
        """Reclaim the space updates left behind (an on-disk store); nothing to do elsewhere."""

    def close(self) -> None: ...


class StoreBase:
    """The merge engine over a backend's primitives. Subclasses set `name` and implement them."""

    name = ""
    recovered = False  # set when opening repaired an interrupted update
    # How article graphs hold mentions (`kg.rdf.MENTION_MODES`): one node an entity by
    # default; "full" keeps one a span, "none" drops them. Applies to articles written next.
    mentions = "compact"
    # An update adding more quads than this goes through the backend's bulk path.
    bulk_threshold = 20_000

    def __init__(self, path: str | os.PathLike | None = None, *, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        self.read_only = read_only

    # -- primitives ------------------------------------------------------------------------
    def _match(self, s, p, o, g) -> Iterator[Quad]:
        """Quads of the named graphs matching the pattern (`g` None: any named graph), or
        of the default graph when `g` is `DEFAULT_GRAPH`."""
        raise NotImplementedError

    def _apply(self, additions: list[Quad], removals: list[Quad], drop: list[URIRef]) -> None:
        """Write `additions`, then remove `removals` (which include the quads of the graphs
        in `drop`) and the graphs in `drop` themselves. A quad of `DEFAULT_GRAPH` goes to
        the default graph; the default graph itself is never dropped."""
        raise NotImplementedError

    def _graph_names(self) -> Iterator[URIRef]:
        raise NotImplementedError

    def _query(self, sparql: str, dataset: tuple[list, list] | None = None, base: str | None = None) -> QueryResult:
        raise NotImplementedError

    def _dump(self, out: IO[bytes], format: str, graphs: list[URIRef]) -> None:
        """Write `graphs` (`DEFAULT_GRAPH` among them, maybe) in a native format."""
        raise NotImplementedError

    def _entity_votes(self, entity: URIRef) -> Counter:
        """(predicate, value) → the number of article graphs describing `entity` with it.
        Backends with a fast aggregate query override this scan."""
        graphs_of: dict = defaultdict(set)
        for pred in merge.ENTITY_PREDICATES:
            for _, _, value, graph in self._match(entity, pred, None, None):
                if merge.is_article_graph(graph):
                    graphs_of[(pred, value)].add(graph)
        return Counter({pv: len(gs) for pv, gs in graphs_of.items()})

    def _subject_triples(self, subjects: Iterable[URIRef], graph: URIRef) -> dict[URIRef, list[tuple]]:
        """subject → its (predicate, object) pairs in `graph`, for many subjects at once: an
        update reads the merged nodes it touches this way, each once. Backends that answer
        many subjects in one request override this loop."""
        return {s: [q[1:3] for q in self._match(s, None, None, graph)] for s in subjects}

    # -- reading ---------------------------------------------------------------------------
    def quads(self, s=None, p=None, o=None, g=None) -> Iterator[Quad]:
        return self._match(s, p, o, g)

    def triples(self, s=None, p=None, o=None, graph: URIRef | None = MERGED_GRAPH) -> Iterator[tuple]:
        for q in self._match(s, p, o, graph):
            yield q[:3]

    def graph_names(self) -> set[URIRef]:
        return set(self._graph_names())

    def article_ids(self) -> set[str]:
        prefix = str(KGA)
        return {str(g)[len(prefix):] for g in self._graph_names() if str(g).startswith(prefix)}

    def has_article(self, article_id: str) -> bool:
        return next(iter(self._match(None, None, None, article_iri(article_id))), None) is not None

    def query(self, sparql: str, *, default_graphs: Iterable[URIRef] | None = None,
              named_graphs: Iterable[URIRef] | None = None, base: str | None = None) -> QueryResult:
        dataset = None
        if default_graphs is not None or named_graphs is not None:
            dataset = (list(default_graphs or ()), list(named_graphs or ()))
        if dataset is None and not base:
            return self._query(sparql)
        return self._query(sparql, dataset, base)

    def dump(self, dest: str | os.PathLike | IO[bytes], format: str = "trig",
             graphs: Iterable[URIRef] | None = None) -> None:
        fmt = rdf_format(format)
        if graphs is None:
            # the default graph first: loaded elsewhere, the file answers as the store does
            graphs = [DEFAULT_GRAPH] + (sorted(self._graph_names(), key=_graph_order) if fmt.quads else [])
        graphs = list(graphs)
        if isinstance(dest, (str, os.PathLike)):
            with atomic_write(dest) as out:  # names the file a full disk could not take
                self._dump_as(out, fmt, graphs)
            return
        try:
            self._dump_as(dest, fmt, graphs)
        except OSError as e:
            raise StoreError(f"cannot write RDF: {e.strerror or e}") from None

    def _dump_as(self, out: IO[bytes], fmt: Format, graphs: list[URIRef]) -> None:
        if fmt.name in NATIVE_FORMATS:
            self._dump(out, fmt.name, graphs)
            return
        # Another RDF format: the backend writes N-Quads (or N-Triples), rdflib re-writes them.
        from io import BytesIO

        from rdflib import Dataset, Graph

        from ..rdf import bind_prefixes

        buffer = BytesIO()
        self._dump(buffer, "nquads" if fmt.quads else "nt", graphs)
        data = bind_prefixes(Dataset() if fmt.quads else Graph())
        data.parse(data=buffer.getvalue(), format="nquads" if fmt.quads else "nt")
        out.write(data.serialize(format=fmt.rdf, encoding="utf-8"))

    # -- writing ---------------------------------------------------------------------------
    def add_extraction(self, extraction: Extraction) -> bool:
        return self.update([extraction]).changed

    def remove_articles(self, article_ids: Iterable[str]) -> Changes:
        return self.update(remove=article_ids)

    def set_background(self, triples: Iterable[tuple]) -> bool:
        self._check_writable()
        new = {(s, p, merge.canonical(o)) for s, p, o in triples}
        old = {q[:3] for q in self._match(None, None, None, GAZETTEER_GRAPH)}
        if new == old:
            return False
        additions, removals = merge.quads(new - old, GAZETTEER_GRAPH), merge.quads(old - new, GAZETTEER_GRAPH)
        self._apply_with_default(additions, removals, [])
        return True

    def update(self, extractions: Iterable[Extraction] = (), remove: Iterable[str] = ()) -> Changes:
        self._check_writable()
        new: dict[URIRef, list | None] = {article_iri(a): None for a in remove}
        for extraction in extractions:
            new[article_iri(extraction.article.id)] = merge.article_graph(extraction, self.mentions)
        return self._update(new)

    def recover(self) -> bool:
        """Repair what an update killed midway left behind; True when there was something.

        The articles of that update are dropped (the next build reads them again) and the
        merged nodes it touched are recomputed from the article graphs that remain.
        """
        journal = self._read_journal()
        if not journal:
            return False
        extra = merge.Touched({URIRef(i) for i in journal.get("statements", ())},
                              {URIRef(i) for i in journal.get("entities", ())})
        self._update({URIRef(a): None for a in journal.get("articles", ())}, extra, force=True)
        self._clear_journal()
        self.recovered = True
        return True

    def needs_recovery(self) -> bool:
        """True when an update was interrupted and its repair is still to be done."""
        return bool(self._read_journal())

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the {self.name} store at {self.path} is open read-only")

    def _update(self, new: dict, extra: merge.Touched | None = None, *, force: bool = False) -> Changes:
        plan = _Plan(self, new, extra or merge.Touched(), force)
        if plan.additions or plan.removals or plan.drop:
            self._write_journal({"articles": sorted(map(str, plan.changed)),
                                 "statements": sorted(map(str, plan.touched.statements)),
                                 "entities": sorted(map(str, plan.touched.entities))})
            self._apply_with_default(plan.additions, plan.removals, plan.drop)
            fault_point("store written")
            self._clear_journal()
        plan.changes.quads_added, plan.changes.quads_removed = len(plan.additions), len(plan.removals)
        return plan.changes

    def _apply_with_default(self, additions: list[Quad], removals: list[Quad], drop: list[URIRef]) -> None:
        """`_apply`, with the default graph following what `DEFAULT_SOURCES` gain and lose."""
        gained, lost = self._default_changes(additions, removals)
        self._apply(additions + gained, removals + lost, drop)

    def _default_changes(self, additions: list[Quad], removals: list[Quad]) -> tuple[list, list]:
        """The default-graph quads to add and remove so that it stays the set union of
        `DEFAULT_SOURCES` once `additions` and `removals` are written."""
        sources = _DEFAULT_SOURCE_SET  # a set: rdflib's __eq__ would run for each quad
        gained = {q[:3]: None for q in additions if q[3] in sources}
        leaving: dict = defaultdict(set)
        for s, p, o, g in removals:
            if g in sources:
                leaving[(s, p, o)].add(g)
        # Writing a quad the default graph holds already changes nothing, and asking first
        # would cost a lookup for each of the update's merged triples.
        adds = [(*t, DEFAULT_GRAPH) for t in gained]
        removes = [(*t, DEFAULT_GRAPH) for t, graphs in leaving.items()
                   if t not in gained and not any(g not in graphs and self._holds(t, g) for g in sources)]
        return adds, removes

    def _holds(self, triple: tuple, graph: URIRef) -> bool:
        return next(iter(self._match(*triple, graph)), None) is not None

    # -- journal: only on-disk stores keep one -----------------------------------------------
    @property
    def _journal_path(self) -> Path | None:
        return None

    def _read_journal(self) -> dict:
        path = self._journal_path
        return read_json(path, {}) if path else {}

    def _write_journal(self, journal: dict) -> None:
        if self._journal_path:
            write_json_atomic(self._journal_path, journal)

    def _clear_journal(self) -> None:
        path = self._journal_path
        if path and path.exists():
            path.unlink()

    def __len__(self) -> int:
        return sum(1 for _ in self._match(None, None, None, None))

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def flush(self) -> None:
        pass

    def compact(self) -> None:
        pass

    def close(self) -> None:
        pass

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.path or 'in memory'}{' read-only' if self.read_only else ''}>"


def _graph_order(graph: URIRef) -> tuple:
    """Merged view, background, then the articles by IRI: a stable order for dumps."""
    return (graph != MERGED_GRAPH, graph != GAZETTEER_GRAPH, str(graph))


class _Plan:
    """The quads one update adds and removes, computed by reading only; nothing is written here.

    `removals` holds every quad that goes, including the whole content of the graphs in
    `drop`, so backends that keep derived data can follow.
    """

    def __init__(self, store: StoreBase, new: dict, extra: merge.Touched, force: bool):
        self.store = store
        self.changes = Changes()
        self.additions: list[Quad] = []
        self.removals: list[Quad] = []
        self.drop: list[URIRef] = []
        self.changed: dict[URIRef, list] = {}  # article graph → its new triples ([] = removed)
        self.old: dict[URIRef, set] = {}       # article graph → the triples it held before
        self.touched = merge.Touched(set(extra.statements), set(extra.entities))
        self.extra = extra  # nodes a killed update touched: their merged view may lag the articles
        self.touched_before = merge.Touched()  # what the old versions of changed graphs touched
        self._published: dict[URIRef, str] = {}
        self._diff_article_graphs(new, force)
        if not self.changed and not extra.statements and not extra.entities:
            return
        self._index_graphs()
        touched = self.touched
        # What the merged view holds of every node the update touches, read once here: the
        # steps below ask a node for several values each.
        self.merged = store._subject_triples([*touched.statements, *touched.entities, *touched.articles],
                                             MERGED_GRAPH)
        self._merge_statements()
        self._merge_entities()
        self._merge_articles()

    def _diff_article_graphs(self, new: dict, force: bool) -> None:
        for graph, triples in new.items():
            old = {q[:3] for q in self.store._match(None, None, None, graph)}
            if triples is None:
                if not old and not force:
                    continue
                self.changes.removed += bool(old)
                self.drop.append(graph)
                self.removals += merge.quads(old, graph)
                triples = []
            elif not old:
                self.changes.added += 1
                self.additions += merge.quads(triples, graph)
            else:
                fresh = set(triples)
                if fresh == old:
                    self.changes.unchanged += 1
                    continue
                self.changes.replaced += 1
                self.additions += merge.quads([t for t in triples if t not in old], graph)
                self.removals += merge.quads(old - fresh, graph)
            self.changed[graph], self.old[graph] = triples, old
            if old:
                self.touched_before.update(merge.touched_by(old))
            self.touched.update(merge.touched_by(triples))
            self.touched.articles.add(graph)
        self.touched.update(self.touched_before)

    def _index_graphs(self) -> None:
        self.by_subject = {g: merge.index_by_subject(ts) for g, ts in self.changed.items()}
        self.new_scoped: dict = defaultdict(list)  # merged node → [(graph, article statement)]
        merged_into = _MERGED_INTO_SET  # a set: rdflib's __eq__ would run for each triple
        for graph, triples in self.changed.items():
            for s, p, o in triples:
                if p in merged_into:
                    self.new_scoped[o].append((graph, s))
        # An entity's votes change by what the new versions of the changed graphs say, less
        # what their old versions said.
        self.vote_changes: dict = defaultdict(Counter)
        entities, described = self.touched.entities, merge.ENTITY_PREDICATE_SET
        for graph in self.changed:
            old = self.old[graph]
            for sign, by_subject in ((1, self.by_subject[graph]), (-1, merge.index_by_subject(old) if old else {})):
                for entity, values in by_subject.items():
                    if entity in entities:
                        votes = self.vote_changes[entity]
                        for p, o in values:  # an article graph holds each triple once: one vote each
                            if p in described:
                                votes[(p, o)] += sign

    def _published_in_store(self, graph: URIRef) -> str:
        if graph not in self._published:
            self._published[graph] = next(
                (str(q[2]) for q in self.store._match(graph, merge.ISSUED, None, graph)), "")
        return self._published[graph]

    def _new_sources(self, node: URIRef) -> list[merge.Source]:
        sources = []
        for graph, scoped in self.new_scoped.get(node, ()):
            by_subject = self.by_subject[graph]
            sources.append(merge.Source(graph, tuple(by_subject[scoped]), merge.published_of(graph, by_subject)))
        return sources

    def _merge_statements(self) -> None:
        store, old_directs, new_directs = self.store, set(), set()
        changed, is_article = self.changed, merge.is_article_graph
        for node in self.touched.statements:
            held = self.merged[node]
            old = {(node, p, o) for p, o in held}
            if self._only_gains(node):
                scalars = {p: o for p, o in held if p in _SCALAR_SET}
                planned = (node, merge.MODALITY, merge.PLANNED) in old
                # A planned telling lends no date or place only when the node's other tellings
                # are read with it, so new planned sources take the full recomputation.
                gained = self._new_sources(node)
                if scalars.get(merge.CONFIDENCE) == _CERTAIN and not planned and not _any_planned(gained):
                    self._add_support(node, scalars, gained, old)
                    continue
            sources = []
            # A node the merged view lacks has no article statements in the store either (the
            # view follows them in every write), unless a killed update left it behind.
            stored = store._match(None, merge.MERGED_INTO, node, None) if old or node in self.extra.statements else ()
            for scoped, _, _, graph in stored:
                if graph in changed or not is_article(graph):
                    continue
                values = tuple(q[1:3] for q in store._match(scoped, None, None, graph))
                sources.append(merge.Source(graph, values, self._published_in_store(graph)))
            fresh, direct = merge.merged_statement(node, sources + self._new_sources(node))
            self._diff_merged(old, fresh)
            if old and (d := merge.direct_triple(old)) is not None:
                old_directs.add(d)
            if direct is not None:
                new_directs.add(direct)
        expand = merge.direct_triples
        self.additions += merge.quads([t for d in new_directs - old_directs for t in expand(d)], MERGED_GRAPH)
        for d in old_directs - new_directs:
            if not self._asserted_elsewhere(d):
                self.removals += merge.quads(expand(d), MERGED_GRAPH)

    def _only_gains(self, node: URIRef) -> bool:
        """True when `node` gains articles and loses none in this update."""
        return node not in self.touched_before.statements and bool(self.new_scoped.get(node))

    def _add_support(self, node: URIRef, scalars: dict, sources: list[merge.Source], old: set) -> None:
        """Add new articles to a merged statement whose confidence is already 1.

        Recomputing it from every source (thousands, for the facts every article repeats)
        would give the old node plus what the new articles add: the union grows, the counts
        add up, and 1 - Π(1 - cᵢ) rounds to 1 whatever more is multiplied in. So only the
        new articles and the old counts are read. (The node is asserted, not merely planned,
        so it stays asserted and "planned" stays out of its modalities.)
        """
        gained, _ = merge.merged_statement(node, sources)
        fresh = [t for t in gained if t[1] not in _SCALAR_SET and t[1:] != (merge.MODALITY, merge.PLANNED)
                 and t not in old]
        dates = [str(scalars[p]) for p in (merge.FIRST_SEEN, merge.LAST_SEEN) if p in scalars]
        dates += [src.published for src in sources if src.published]
        updated = [(node, merge.SUPPORT, merge.count_literal(int(scalars[merge.SUPPORT]) + len(sources))),
                   (node, merge.MENTIONS, merge.count_literal(
                       int(scalars[merge.MENTIONS]) + sum(map(merge.mentions_in, sources))))]
        if dates:
            updated += [(node, merge.FIRST_SEEN, merge.day_literal(min(dates))),
                        (node, merge.LAST_SEEN, merge.day_literal(max(dates)))]
        before = {(node, p, o) for p, o in scalars.items() if p != merge.CONFIDENCE}
        self.additions += merge.quads(fresh + [t for t in updated if t not in before], MERGED_GRAPH)
        self.removals += merge.quads(before - set(updated), MERGED_GRAPH)

    def _asserted_elsewhere(self, direct: tuple) -> bool:
        """True when a merged statement this update does not touch also asserts `direct`."""
        s, p, o = direct
        for node, _, _, _ in self.store._match(None, merge.SUBJECT, s, MERGED_GRAPH):
            if node in self.touched.statements:
                continue
            if merge.direct_triple(q[:3] for q in self.store._match(node, None, None, MERGED_GRAPH)) == direct:
                return True
        return False

    def _merge_entities(self) -> None:
        store = self.store
        described = merge.ENTITY_PREDICATE_SET
        for entity in self.touched.entities:
            old = {(entity, p, o) for p, o in self.merged[entity] if p in described}
            if old and self._only_agreeing_votes(entity, old):
                continue
            votes = store._entity_votes(entity)
            votes.update(self.vote_changes.get(entity, {}))  # Counter.update adds, negatives too
            self._diff_merged(old, merge.merged_entity(entity, votes))

    def _only_agreeing_votes(self, entity: URIRef, old: set) -> bool:
        """True when this update only adds articles that describe `entity` as its merged
        description already does: the type and preferred labels it chose, names it holds.

        Those votes only strengthen what won, so the description stays as it is, and the
        tally of every article describing the entity (thousands, for the actors most
        articles name, in every batch) is not read again.
        """
        if entity in self.touched_before.entities:
            return False  # an old version of a changed article described it: votes may be lost
        return all(n > 0 and (entity, pred, value) in old
                   for (pred, value), n in self.vote_changes.get(entity, {}).items())

    def _merge_articles(self) -> None:
        for graph in self.touched.articles:
            old = {(graph, p, o) for p, o in self.merged[graph]}
            fresh = [(graph, p, o) for p, o in self.by_subject.get(graph, {}).get(graph, ())]
            self._diff_merged(old, fresh)

    def _diff_merged(self, old: set, fresh: list) -> None:
        """Add what `fresh` has that `old` lacks; remove what only `old` has."""
        if not old:
            self.additions += merge.quads(fresh, MERGED_GRAPH)
            return
        fresh_set = set(fresh)
        self.additions += merge.quads([t for t in fresh_set if t not in old], MERGED_GRAPH)
        self.removals += merge.quads(old - fresh_set, MERGED_GRAPH)


# A merged statement's values that are computed over all its articles, not collected.
_SCALARS = (merge.SUPPORT, merge.MENTIONS, merge.FIRST_SEEN, merge.LAST_SEEN, merge.CONFIDENCE)
_SCALAR_SET = frozenset(_SCALARS)
_MERGED_INTO_SET = frozenset({merge.MERGED_INTO})
_CERTAIN = merge.combined_confidence([1.0])


def _any_planned(sources: list[merge.Source]) -> bool:
    """True when one of `sources` tells its fact as planned."""
    return any((merge.MODALITY, merge.PLANNED) in src.values for src in sources)

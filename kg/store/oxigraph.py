"""`OxigraphStore`: pyoxigraph (RocksDB on disk, or in memory), for large graphs and fast SPARQL.

`kg build -o DIR` keeps one in ``DIR/store``. Large updates go through pyoxigraph's bulk
loader; removals run as one SPARQL update, after the additions, so a killed process never
leaves less than was there before. The journal beside the store (``DIR/store.journal.json``)
lets the next writer repair an interrupted update; `needs_recovery()` tells readers.

The store's default graph holds what `StoreBase` derives for it (the set union of the
merged view and the background), and SPARQL runs on it. pyoxigraph's own union default
graph (``use_default_graph_as_union``) would not do: it spans the article graphs too, and
matches a triple once per graph holding it (oxigraph issue #1919, fixed after 0.5).

>>> store = OxigraphStore()          # in memory
>>> store.query("ASK { ?s ?p ?o }").boolean
False
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from ..atomic import fault_point
from ..errors import QueryError, StoreError
from ..vocab import KGA, PREFIXES
from .base import DEFAULT_GRAPH, Quad, StoreBase
from .results import QueryResult, nt_term

_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
            "nquads": ox.RdfFormat.N_QUADS, "json-ld": ox.RdfFormat.JSON_LD}
_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
_XSD_STRING = str(XSD.string)
_CACHE_LIMIT = 500_000  # terms remembered on the way back to rdflib
_DEFAULT = ox.DefaultGraph()


class _Terms:
    """Converts terms between rdflib and pyoxigraph.

    Towards pyoxigraph each term is built afresh: looking an rdflib term up in a cache costs
    more (its hash and equality run in Python) than making the pyoxigraph term. Back towards
    rdflib, a cache pays, since pyoxigraph terms hash natively and rdflib Literals are slow
    to build.
    """

    def __init__(self) -> None:
        self._datatypes: dict[str, ox.NamedNode] = {}
        self._from: dict = {}

    def to_ox(self, term):
        kind = type(term)
        try:
            if kind is URIRef:
                return ox.NamedNode(term)
            if kind is Literal:
                if term.language:
                    return ox.Literal(term, language=term.language)
                datatype = term.datatype
                if datatype is None:
                    return ox.Literal(term)
                named = self._datatypes.get(datatype)
                if named is None:
                    named = self._datatypes[datatype] = ox.NamedNode(datatype)
                return ox.Literal(term, datatype=named)
        except ValueError as e:
            raise StoreError(f"cannot store {term.n3()}: {e}") from None
        if term is None:
            return None
        if isinstance(term, BNode):
            return ox.BlankNode(term)
        if isinstance(term, (URIRef, Literal)):  # subclasses
            return self.to_ox(URIRef(term) if isinstance(term, URIRef) else Literal(
                term, lang=term.language, datatype=term.datatype))
        raise StoreError(f"cannot store {term!r}: not an RDF term")

    def from_ox(self, term):
        if term is None or isinstance(term, ox.DefaultGraph):
            return None
        try:
            return self._from[term]
        except KeyError:
            pass
        if isinstance(term, ox.NamedNode):
            value = URIRef(term.value)
        elif isinstance(term, ox.Literal):
            if term.language:
                value = Literal(term.value, lang=term.language)
            elif term.datatype.value == _XSD_STRING:
                value = Literal(term.value)
            else:
                value = Literal(term.value, datatype=URIRef(term.datatype.value))
        elif isinstance(term, ox.BlankNode):
            value = BNode(term.value)
        else:
            raise StoreError(f"cannot read {term!r}: RDF-star terms are not supported")
        if len(self._from) > _CACHE_LIMIT:
            self._from.clear()
        self._from[term] = value
        return value

    def graph(self, g):
        """A graph name towards pyoxigraph: `DEFAULT_GRAPH` is its default graph."""
        return _DEFAULT if g == DEFAULT_GRAPH else self.to_ox(g)

    def graph_back(self, name):
        return DEFAULT_GRAPH if isinstance(name, ox.DefaultGraph) else self.from_ox(name)


class OxigraphStore(StoreBase):
    """A pyoxigraph store: on disk at `path` (a folder), or in memory when `path` is None.

    ``read_only=True`` opens an existing folder without taking RocksDB's write lock; it must
    not be used while another process writes (`kg build` prevents that with ``DIR/.lock``).
    Opening for writing repairs an interrupted update first. Raises `StoreError` when the
    folder cannot be opened (missing, not a store, or held by another writer).
    """

    name = "oxigraph"

    def __init__(self, path: str | os.PathLike | None = None, *, read_only: bool = False):
        super().__init__(path, read_only=read_only)
        self._terms = _Terms()
        self._store = self._open()
        if not read_only and self.path is not None and self.needs_recovery():
            self.recover()

    def _open(self) -> ox.Store:
        if self.path is None:
            return ox.Store()
        try:
            if self.read_only:
                if not self.path.is_dir():
                    raise StoreError(f"no oxigraph store at {self.path}")
                return ox.Store.read_only(str(self.path))
            self.path.mkdir(parents=True, exist_ok=True)
            return ox.Store(str(self.path))
        except OSError as e:
            raise StoreError(f"cannot open the oxigraph store at {self.path}: {e}") from None

    @property
    def _journal_path(self) -> Path | None:
        return None if self.path is None else self.path.with_name(self.path.name + ".journal.json")

    @property
    def native(self) -> ox.Store:
        """The underlying `pyoxigraph.Store`, for bulk work the protocol does not cover."""
        return self._store

    def _match(self, s, p, o, g) -> Iterator[Quad]:
        terms = self._terms
        to, back = terms.to_ox, terms.from_ox
        try:
            found = self._store.quads_for_pattern(to(s), to(p), to(o), terms.graph(g) if g is not None else None)
            for q in found:
                name = q.graph_name
                if isinstance(name, ox.DefaultGraph):
                    if g is None:
                        continue  # derived from the named graphs, not data
                    name = DEFAULT_GRAPH
                else:
                    name = back(name)
                yield back(q.subject), back(q.predicate), back(q.object), name
        except OSError as e:
            raise StoreError(f"cannot read the oxigraph store: {e}") from None

    def _apply(self, additions: list[Quad], removals: list[Quad], drop: list[URIRef]) -> None:
        terms = self._terms
        to = terms.to_ox
        try:
            fault_point("store write")
            if len(additions) > self.bulk_threshold:
                self._bulk_add(additions)
            elif additions:
                self._store.extend(self._native(additions))
            if removals or drop:
                dropped = set(drop)
                listed = [q for q in removals if q[3] not in dropped]
                blank = [q for q in listed if any(isinstance(t, BNode) for t in q[:3])]
                if blank:  # DELETE DATA cannot name blank nodes
                    listed = [q for q in listed if not any(isinstance(t, BNode) for t in q[:3])]
                if listed or drop:
                    self._store.update(_removal_update(listed, drop))
                for s, p, o, g in blank:
                    self._store.remove(ox.Quad(to(s), to(p), to(o), terms.graph(g)))
        except OSError as e:
            raise StoreError(f"cannot write the oxigraph store: {e}") from None

    def _native(self, additions: list[Quad]) -> list[ox.Quad]:
        to, graph, make = self._terms.to_ox, self._terms.graph, ox.Quad
        graphs: dict = {}
        return [make(to(s), to(p), to(o), graphs.get(g) or graphs.setdefault(g, graph(g)))
                for s, p, o, g in additions]

    def _bulk_add(self, additions: list[Quad]) -> None:
        """Many additions through the bulk loader, as N-Quads text: writing the lines costs a
        third of building pyoxigraph quads one by one (their constructor copies every term)."""
        lines, names = [], {DEFAULT_GRAPH: ""}  # no graph name: the default graph
        # A term's text by the term's id: the same objects recur (vocabulary, entities, names:
        # `kg.rdf` makes each once), and every term stays alive in `additions` meanwhile.
        text: dict[int, str] = {}
        known = text.get

        def nt(term) -> str:
            found = text[id(term)] = _nt(term)
            return found

        for s, p, o, g in additions:
            name = names.get(g)
            if name is None:
                name = names[g] = f" {_nt(g)}"
            lines.append(f"{known(id(s)) or nt(s)} {known(id(p)) or nt(p)} {known(id(o)) or nt(o)}{name} .\n")
        try:
            self._store.bulk_load("".join(lines).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        except SyntaxError as e:  # a term rdflib accepted and N-Quads does not
            raise StoreError(f"cannot store these triples: {e}") from None

    def _entity_votes(self, entity: URIRef) -> Counter:
        # Tallied inside pyoxigraph: a well-known entity is described by thousands of articles.
        query = _VOTES.replace("ENTITY", nt_term(entity))
        back = self._terms.from_ox
        try:
            return Counter({(back(row[0]), back(row[1])): int(row[2].value) for row in self._store.query(query)})
        except OSError as e:
            raise StoreError(f"cannot read the oxigraph store: {e}") from None

    def _graph_names(self) -> Iterator[URIRef]:
        for name in self._store.named_graphs():
            yield self._terms.from_ox(name)

    def _query(self, sparql: str, dataset: tuple[list, list] | None = None, base: str | None = None) -> QueryResult:
        options = {"base_iri": base} if base else {}
        if dataset is not None:
            to = self._terms.to_ox
            options.update(default_graph=[to(g) for g in dataset[0]], named_graphs=[to(g) for g in dataset[1]])
        try:
            result = self._store.query(sparql, prefixes=_PREFIXES, **options)  # by default: the default graph
            if isinstance(result, ox.QueryBoolean):
                return QueryResult.ask(bool(result))
            back = self._terms.from_ox
            if isinstance(result, ox.QuerySolutions):
                names = [v.value for v in result.variables]
                return QueryResult.select(names, [tuple(back(t) for t in row) for row in result])
            return QueryResult.construct([(back(t.subject), back(t.predicate), back(t.object)) for t in result])
        except SyntaxError as e:
            raise QueryError(f"invalid SPARQL: {e}") from None
        except OSError as e:
            raise StoreError(f"cannot read the oxigraph store: {e}") from None
        except (RuntimeError, ValueError, TypeError) as e:
            raise QueryError(f"cannot run the query: {e}") from None

    def _dump(self, out: IO[bytes], format: str, graphs: list[URIRef]) -> None:
        """Graph by graph through pyoxigraph's serialisers; JSON-LD, which needs the dataset
        at once, streams quads. A write to `out` that fails raises its `OSError`, for the
        caller to name the file (a full disk); a read of the store that fails, `StoreError`."""
        names = [self._terms.graph(g) for g in graphs]
        if format == "json-ld":
            quads = (q for name in names for q in self._store.quads_for_pattern(None, None, None, name))
            ox.serialize(quads, out, _FORMATS[format])
            return
        if format == "trig":
            out.write(_prefix_lines())
        for name in names:
            try:
                body = self._dump_graph(name, format)
            except OSError as e:
                raise StoreError(f"cannot read the oxigraph store at {self.path}: {e}") from None
            out.write(body)

    def _dump_graph(self, name, format: str) -> bytes:
        default = isinstance(name, ox.DefaultGraph)
        if format == "nt":
            return self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name)
        if format == "nquads":  # N-Triples lines end in " .\n"; a literal cannot hold a raw newline
            lines = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name)
            return lines if default else lines.replace(b" .\n", f" {name} .\n".encode())
        body = self._store.dump(format=ox.RdfFormat.TURTLE, from_graph=name, prefixes=_PREFIXES)
        if format == "turtle":
            return body
        body = b"".join(line for line in body.splitlines(keepends=True) if not line.startswith(b"@prefix "))
        if not body.strip():
            return b""
        return ("{\n" if default else f"{name} {{\n").encode() + body + b"}\n"

    def __len__(self) -> int:
        """Quads in the named graphs (the derived default graph is not counted): every quad,
        counted natively, less the default graph's, a third of the time of counting the named
        graphs' through SPARQL."""
        try:
            rows = self._store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
            return len(self._store) - int(next(iter(rows))[0].value)
        except OSError as e:
            raise StoreError(f"cannot read the oxigraph store: {e}") from None

    def flush(self) -> None:
        if self.path is not None and not self.read_only:
            try:
                self._store.flush()
            except OSError as e:
                raise StoreError(f"cannot write the oxigraph store at {self.path}: {e}") from None

    def compact(self) -> None:
        """Drop RocksDB's write-ahead log, which holds everything written since the store was
        opened (as large again as the data a build added) until RocksDB opens the folder
        anew once the data is flushed: so flush, close and open again.

        (pyoxigraph's ``optimize()`` is not called: on a freshly built store it made the
        data files half as large again, measured with bench/store_bench.py --corpus.)
        """
        if self.path is None or self.read_only:
            return
        self.flush()
        try:
            self._store = None  # the last reference: RocksDB closes the folder
            self._store = self._open()
        except OSError as e:
            raise StoreError(f"cannot reopen the oxigraph store at {self.path}: {e}") from None

    def close(self) -> None:
        """Flush and release the store (and RocksDB's lock on the folder)."""
        if self._store is not None:
            self.flush()
            self._store = None


_VOTES = f"""
SELECT ?p ?o (COUNT(DISTINCT ?g) AS ?n) WHERE {{
  GRAPH ?g {{ ENTITY ?p ?o }}
  FILTER(?p IN (<{RDF.type}>, <{RDFS.label}>, <{SKOS.prefLabel}>, <{SKOS.altLabel}>, <{OWL.sameAs}>))
  FILTER(STRSTARTS(STR(?g), "{KGA}"))
}} GROUP BY ?p ?o"""


def _nt(term) -> str:
    """N-Triples syntax of an rdflib term, IRIs first: most terms are IRIs."""
    if type(term) is URIRef:
        return f"<{term}>"
    return nt_term(term)


def _prefix_lines() -> bytes:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in _PREFIXES.items()).encode()


def _removal_update(removals: list[Quad], drop: list[URIRef]) -> str:
    """One SPARQL update that removes quads (of `DEFAULT_GRAPH`: from the default graph) and
    drops graphs, in a single transaction."""
    by_graph: dict = {}
    for s, p, o, g in removals:
        by_graph.setdefault(g, []).append(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .")
    ops = []
    if by_graph:
        body = " ".join(" ".join(lines) if g == DEFAULT_GRAPH else f"GRAPH {nt_term(g)} {{ {' '.join(lines)} }}"
                        for g, lines in by_graph.items())
        ops.append(f"DELETE DATA {{ {body} }}")
    ops += [f"DROP SILENT GRAPH {nt_term(g)}" for g in drop]
    return " ;\n".join(ops)

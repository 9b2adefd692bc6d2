"""`MemoryStore`: an rdflib `Dataset` in memory, optionally saved to an N-Quads file.

The default store of the Python API: no files, nothing to install beyond rdflib. Good to
a few hundred thousand triples; past that, use `OxigraphStore` (see DESIGN.md's figures).

>>> store = MemoryStore()
>>> len(store), store.article_ids()
(0, set())
"""
from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Iterator
from typing import IO

import rdflib.plugins.sparql
from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.sparql import prepareQuery

from ..atomic import atomic_write
from ..errors import QueryError, StoreError
from ..vocab import PREFIXES
from .base import DEFAULT_GRAPH, Quad, StoreBase
from .results import QueryResult

@contextlib.contextmanager
def _quiet_rdflib() -> Iterator[None]:
    """rdflib's own parsers, serialisers and SPARQL engine call its deprecated Dataset API."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        yield


# FROM <iri> names a graph of the store; rdflib would otherwise fetch it from the web.
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False


class MemoryStore(StoreBase):
    """A store held in memory. With `path`, it is read from and saved to that N-Quads file.

    `flush()` (and `close()`) write the file atomically; changes not flushed are lost when
    the process ends, and the file keeps its previous content. Raises `StoreError` when
    the file cannot be read or written.
    """

    name = "memory"

    def __init__(self, path: str | os.PathLike | None = None, *, read_only: bool = False):
        super().__init__(path, read_only=read_only)
        self._ds = Dataset(default_union=False)  # the default graph is kept by StoreBase
        for prefix, ns in PREFIXES.items():
            self._ds.bind(prefix, ns, override=True)
        self._graphs: dict[URIRef, Graph] = {}
        self._dirty = False
        if self.path is not None and self.path.exists():
            try:
                with _quiet_rdflib():
                    self._ds.parse(self.path, format="nquads")
            except Exception as e:  # noqa: BLE001 - rdflib raises many kinds on a bad file
                raise StoreError(f"cannot read the memory store file {self.path}: {e}") from None
        elif self.path is not None and read_only:
            raise StoreError(f"no memory store file at {self.path}")

    def _graph(self, name: URIRef) -> Graph:
        graph = self._graphs.get(name)
        if graph is None:
            graph = self._graphs[name] = self._ds.graph(name)
        return graph

    def _match(self, s, p, o, g) -> Iterator[Quad]:
        # rdflib yields a triple once per graph holding it, even when asked for one graph
        for s_, p_, o_, g_ in self._ds.quads((s, p, o, g)):
            name = (g_.identifier if isinstance(g_, Graph) else g_) or DEFAULT_GRAPH
            if name != g if g is not None else name == DEFAULT_GRAPH:
                continue  # another graph; or the default graph, derived, not data
            yield s_, p_, o_, name

    def _apply(self, additions: list[Quad], removals: list[Quad], drop: list[URIRef]) -> None:
        self._ds.addN((s, p, o, self._graph(g)) for s, p, o, g in additions)
        dropped = set(drop)
        for quad in removals:
            if quad[3] not in dropped:
                self._ds.remove(quad)
        for name in drop:
            self._ds.remove_graph(name)
            self._graphs.pop(name, None)
        self._dirty = True

    def _graph_names(self) -> Iterator[URIRef]:
        for graph in self._ds.graphs():
            if graph.identifier != DEFAULT_GRAPH:
                yield graph.identifier

    def _query(self, sparql: str, dataset: tuple[list, list] | None = None, base: str | None = None) -> QueryResult:
        try:
            with _quiet_rdflib():
                if dataset is None:
                    result = self._ds.query(sparql, initNs=PREFIXES, base=base)
                else:
                    result = self._dataset(*dataset).query(_without_dataset_clause(sparql, base))
                rows = list(result) if result.type == "SELECT" else None
            if result.type == "ASK":
                return QueryResult.ask(result.askAnswer)
            if result.type == "SELECT":
                return QueryResult.select([str(v) for v in result.vars], [tuple(r) for r in rows])
            return QueryResult.construct(list(result.graph))
        except QueryError:
            raise
        except Exception as e:  # noqa: BLE001 - rdflib's parser and evaluator raise many kinds
            raise QueryError(f"cannot run the query: {type(e).__name__}: {e}".splitlines()[0]) from None

    def _dataset(self, default_graphs: list, named_graphs: list) -> Dataset:
        """A copy holding only the protocol's dataset: the merge of `default_graphs` as the
        default graph and the `named_graphs` under their names."""
        ds = Dataset(default_union=False)
        for name in default_graphs:
            ds.default_context.addN((s, p, o, ds.default_context) for s, p, o, _ in self._match(None, None, None, name))
        for name in named_graphs:
            target = ds.graph(name)
            target.addN((s, p, o, target) for s, p, o, _ in self._match(None, None, None, name))
        return ds

    def _dump(self, out: IO[bytes], format: str, graphs: list[URIRef]) -> None:
        fmt = format  # kg's native format names are rdflib's
        if format in ("turtle", "nt"):
            target = Graph()
            for prefix, ns in PREFIXES.items():
                target.bind(prefix, ns, override=True)
            for name in graphs:
                for s, p, o, _ in self._match(None, None, None, name):
                    target.add((s, p, o))
        else:
            target = Dataset()
            for prefix, ns in PREFIXES.items():
                target.bind(prefix, ns, override=True)
            for name in graphs:
                target.addN((s, p, o, target.graph(name)) for s, p, o, _ in self._match(None, None, None, name))
        with _quiet_rdflib():
            target.serialize(destination=out, format=fmt, encoding="utf-8")

    def flush(self) -> None:
        if self.path is None or self.read_only or not (self._dirty or not self.path.exists()):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(self.path) as out, _quiet_rdflib():
            self._ds.serialize(destination=out, format="nquads", encoding="utf-8")
        self._dirty = False

    def close(self) -> None:
        self.flush()



def _without_dataset_clause(sparql: str, base: str | None):
    """The query parsed, its FROM and FROM NAMED dropped: the protocol's dataset overrides them."""
    prepared = prepareQuery(sparql, initNs=PREFIXES, base=base)
    prepared.algebra["datasetClause"] = None
    return prepared

"""Choosing what a page shows: relations, dates, the neighbourhood of a focus, a size limit."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from ...errors import KGError, UnknownRelationError
from ...model import RELATIONS
from ..networkx import resolve
from .attrs import as_int, relation_of
from .dates import date_bounds, edge_spans, in_range


@dataclass(frozen=True)
class Selection:
    """The part of a graph a page shows, and how it was chosen: `graph` is drawn at once,
    `whole` is everything selected (the page finds the rest by search and draws it on
    demand), `trimmed` the entities of `whole` left out of the first drawing."""

    graph: nx.MultiDiGraph
    focus: str | None
    trimmed: int
    whole: nx.MultiDiGraph | None = None


def select_view(graph: nx.MultiDiGraph, *, focus: str | None = None, hops: int = 2,
                relations: Iterable[str] | None = None, since: str | None = None,
                until: str | None = None, max_nodes: int = 500) -> Selection:
    """Keep the listed relations, the edges dated within [since, until], the ego network
    of `focus` within `hops`; of these, draw at most `max_nodes` nodes, the best connected
    (most relations, then most mentions)."""
    if max_nodes < 1:
        raise KGError(f"max_nodes must be at least 1, not {max_nodes}")
    focus_id = resolve(graph, focus) if focus is not None else None
    g = graph
    if relations is not None or since is not None or until is not None:
        g = _filter_edges(g, _relation_set(relations), date_bounds(since, until))
        g = _drop_isolated(g, keep=focus_id)
    if focus_id is not None:
        g = _induced(g, nx.ego_graph(g, focus_id, radius=max(hops, 0), undirected=True))
    drawn, trimmed = _trim(g, max_nodes, keep=focus_id)
    return Selection(drawn, focus_id, trimmed, g)


def _relation_set(relations: Iterable[str] | None) -> frozenset[str] | None:
    if relations is None:
        return None
    wanted = frozenset(r.strip() for r in relations if r.strip())
    unknown = sorted(wanted - set(RELATIONS))
    if unknown:
        raise UnknownRelationError(unknown[0], RELATIONS)
    return wanted


def _filter_edges(g: nx.MultiDiGraph, relations: frozenset[str] | None,
                  bounds: tuple[str, str] | None) -> nx.MultiDiGraph:
    out = nx.MultiDiGraph(**g.graph)
    out.add_nodes_from(g.nodes(data=True))
    for u, v, key, attrs in g.edges(keys=True, data=True):
        if relations is not None and relation_of(key, attrs) not in relations:
            continue
        if bounds is not None and not in_range(edge_spans(attrs), bounds):
            continue
        out.add_edge(u, v, key=key, **attrs)
    return out


def _drop_isolated(g: nx.MultiDiGraph, keep: str | None) -> nx.MultiDiGraph:
    lonely = [n for n in g if g.degree(n) == 0 and n != keep]
    if lonely:
        g = g.copy()
        g.remove_nodes_from(lonely)
    return g


EDGES_PER_NODE = 3  # a trimmed drawing keeps this many facts per entity drawn, at most


def _trim(g: nx.MultiDiGraph, max_nodes: int, keep: str | None) -> tuple[nx.MultiDiGraph, int]:
    if g.number_of_nodes() <= max_nodes:
        return g, 0
    ranked = sorted(g, key=lambda n: (n != keep, -g.degree(n),
                                      -as_int(g.nodes[n].get("mentions")), str(n)))
    kept = _induced(g, ranked[:max_nodes])
    return _thin(kept, EDGES_PER_NODE * max_nodes), g.number_of_nodes() - max_nodes


def _induced(g: nx.MultiDiGraph, nodes) -> nx.MultiDiGraph:
    """The subgraph of `g` on `nodes`, in `g`'s order. networkx's subgraph view iterates the
    node set it was given when that is small, whose order follows the hash seed, and the
    page's layout and bytes follow the order of the nodes."""
    keep = set(nodes)
    out = nx.MultiDiGraph(**g.graph)
    out.add_nodes_from((n, a) for n, a in g.nodes(data=True) if n in keep)
    out.add_edges_from((u, v, k, a) for u, v, k, a in g.edges(keys=True, data=True) if u in keep and v in keep)
    return out


def _thin(g: nx.MultiDiGraph, max_edges: int) -> nx.MultiDiGraph:
    """At most `max_edges` facts among the best-connected entities of a big graph (the hubs
    of news are all linked, and tens of thousands of edges take seconds to draw): each
    entity's best-supported fact, then the best-supported of the rest. The page draws the
    others when its entity is looked at."""
    if g.number_of_edges() <= max_edges:
        return g
    support = {(u, v, k): as_int(a.get("support")) for u, v, k, a in g.edges(keys=True, data=True)}
    order = sorted(support, key=lambda e: (-support[e], str(e[0]), str(e[1]), str(e[2])))
    chosen: dict = {}
    covered: set = set()
    for e in order:
        if e[0] not in covered or e[1] not in covered:
            chosen[e] = None
            covered.update(e[:2])
    for e in order:
        if len(chosen) >= max_edges:
            break
        chosen.setdefault(e, None)
    out = nx.MultiDiGraph(**g.graph)
    out.add_nodes_from(g.nodes(data=True))
    out.add_edges_from((u, v, k, g.edges[u, v, k]) for u, v, k in g.edges(keys=True) if (u, v, k) in chosen)
    return out

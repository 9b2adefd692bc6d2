"""Graph analytics over the merged graph: plain functions of the networkx graph that
`KnowledgeGraph.to_networkx()` returns (schema in `kg.export.networkx`).

Only positive statements count as ties: "A did not support B" links nothing. A tie's
weight is the number of articles that support it.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> for n, t in [("China", "Country"), ("Kazakhstan", "Country"), ("Russia", "Country"),
...              ("Tokayev", "Person"), ("Astana Summit", "Summit")]:
...     g.add_node(n, type=t, label=n)
>>> def tie(a, b, rel, support=1, evidence="…"):
...     g.add_edge(a, b, key=rel, relation=rel, polarity="positive", support=support,
...                confidence=0.8, evidence=[evidence], symmetric=rel == "cooperatesWith")
>>> tie("China", "Kazakhstan", "cooperatesWith", 3, "China and Kazakhstan deepen ties.")
>>> tie("Tokayev", "Kazakhstan", "leaderOf", 2, "President Tokayev of Kazakhstan said.")
>>> tie("Russia", "Kazakhstan", "cooperatesWith", 1, "Russia and Kazakhstan agreed.")
>>> tie("China", "Astana Summit", "participatesIn")

Centrality (of actors: events and concepts are left out)
>>> [n for n, _ in degree_centrality(g)][:2]
['Kazakhstan', 'China']
>>> round(dict(pagerank(g))["Kazakhstan"], 2) > round(dict(pagerank(g))["Russia"], 2)
True
>>> betweenness(g, n=1)
[('Kazakhstan', 1.0)]

Communities, ego networks, explained paths
>>> communities(g, seed=1)[0] >= {"Kazakhstan"}
True
>>> sorted(ego_network(g, "Russia", radius=1).nodes)
['Kazakhstan', 'Russia']
>>> for hop in explain_path(g, "Tokayev", "China"):
...     print(hop)
Tokayev —leaderOf→ Kazakhstan  (2 articles: "President Tokayev of Kazakhstan said.")
Kazakhstan —cooperatesWith— China  (3 articles: "China and Kazakhstan deepen ties.")
>>> explain_path(g, "Tokayev", "Atlantis")
Traceback (most recent call last):
...
kg.errors.UnknownEntityError: no entity 'Atlantis' in the graph
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from .errors import UnknownEntityError  # noqa: F401 - re-exported: resolve raises it
from .export.networkx import resolve

NON_ACTOR_TYPES = frozenset({"Event", "Meeting", "Visit", "Summit", "Attack", "Agreement", "Election",
                             "Vote", "Concept", "Place"})


def is_actor(data: dict) -> bool:
    return data.get("type", "") not in NON_ACTOR_TYPES


def actors(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The subgraph of actors: countries, people, organisations... not events or concepts."""
    return graph.subgraph([n for n, d in graph.nodes(data=True) if is_actor(d)])


def _positive(data: dict) -> bool:
    return data.get("polarity", "positive") == "positive"


def ties(graph: nx.MultiDiGraph, *, directed: bool = False) -> nx.Graph:
    """One edge per pair that any positive statement links, weighted by supporting articles.

    Directed, a symmetric relation ties both ways.
    """
    out = nx.DiGraph() if directed else nx.Graph()
    out.add_nodes_from(graph.nodes(data=True))
    for u, v, data in graph.edges(data=True):
        if not _positive(data) or u == v:
            continue
        weight = max(int(data.get("support", 1) or 1), 1)
        pairs = [(u, v), (v, u)] if directed and data.get("symmetric") else [(u, v)]
        for a, b in pairs:
            if out.has_edge(a, b):
                out[a][b]["weight"] += weight
            else:
                out.add_edge(a, b, weight=weight)
    return out


def _ranked(scores: dict, n: int | None) -> list[tuple[str, float]]:
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], str(kv[0])))
    return ranked[:n] if n is not None else ranked


# -- centrality ----------------------------------------------------------------------------

def degree_centrality(graph: nx.MultiDiGraph, n: int | None = None) -> list[tuple[str, float]]:
    """Actors by the articles behind their ties (weighted degree), highest first."""
    t = ties(actors(graph))
    return _ranked({node: float(deg) for node, deg in t.degree(weight="weight")}, n)


def pagerank(graph: nx.MultiDiGraph, n: int | None = None, *, alpha: float = 0.85) -> list[tuple[str, float]]:
    """Actors by PageRank over their directed ties (symmetric ties count both ways)."""
    t = ties(actors(graph), directed=True)
    if t.number_of_nodes() == 0:
        return []
    try:
        scores = nx.pagerank(t, alpha=alpha, weight="weight")
    except ImportError:  # networkx's fast path needs scipy; its pure-Python one gives the same scores
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
        scores = _pagerank_python(t, alpha=alpha, weight="weight")
    return _ranked(scores, n)


def betweenness(graph: nx.MultiDiGraph, n: int | None = None, *, sample: int | None = None,
                seed: int = 0) -> list[tuple[str, float]]:
    """Actors by betweenness centrality (brokers between groups); `sample` pivots for large graphs."""
    t = ties(actors(graph))
    k = sample if sample is not None and sample < t.number_of_nodes() else None
    return _ranked(nx.betweenness_centrality(t, k=k, seed=seed), n)


def top_actors(graph: nx.MultiDiGraph, n: int = 10) -> list[tuple[str, str, float]]:
    """The `n` most connected actors as (id, label, weighted degree)."""
    return [(node, graph.nodes[node].get("label") or node, score)
            for node, score in degree_centrality(graph, n) if score > 0]


# -- groups --------------------------------------------------------------------------------

def communities(graph: nx.MultiDiGraph, *, seed: int = 0, resolution: float = 1.0) -> list[set[str]]:
    """Louvain communities of actors (seeded, so reproducible), largest first."""
    t = ties(actors(graph))
    if t.number_of_edges() == 0:
        return [{n} for n in sorted(t.nodes)]
    found = nx.community.louvain_communities(t, weight="weight", resolution=resolution, seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(c)))


def ego_network(graph: nx.MultiDiGraph, name: str, radius: int = 1) -> nx.MultiDiGraph:
    """Everything within `radius` ties of an entity (id or label), in either direction."""
    return nx.ego_graph(graph, resolve(graph, name), radius=radius, undirected=True).copy()


# -- explanations --------------------------------------------------------------------------

@dataclass(frozen=True)
class Hop:
    """One step of an explained path: a relation between two entities and why we believe it."""

    source: str
    relation: str
    target: str
    forward: bool       # True when the statement reads source → target
    support: int
    evidence: str
    symmetric: bool = False

    def __str__(self) -> str:
        arrow = (f"—{self.relation}—" if self.symmetric else
                 f"—{self.relation}→" if self.forward else f"←{self.relation}—")
        articles = f"{self.support} article{'s' * (self.support != 1)}"
        return f"{self.source} {arrow} {self.target}  ({articles}: \"{self.evidence}\")"


def explain_path(graph: nx.MultiDiGraph, source: str, target: str) -> list[Hop]:
    """The shortest chain of positive statements linking two entities, each hop with its
    best-supported relation and a sentence of evidence; [] when they are not connected.

    Raises `UnknownEntityError` when either name is not in the graph.
    """
    a, b = resolve(graph, source), resolve(graph, target)
    try:
        path = nx.shortest_path(ties(graph), a, b)
    except nx.NetworkXNoPath:
        return []
    return [_hop(graph, u, v) for u, v in zip(path, path[1:])]


def _hop(graph: nx.MultiDiGraph, u: str, v: str) -> Hop:
    candidates = [(True, d) for d in graph.get_edge_data(u, v, default={}).values()]
    candidates += [(False, d) for d in graph.get_edge_data(v, u, default={}).values()]
    candidates = [(fwd, d) for fwd, d in candidates if _positive(d)]
    forward, data = max(candidates, key=lambda c: (c[1].get("support", 0), c[1].get("confidence", 0.0), c[0]))
    evidence = (data.get("evidence") or [""])[0]
    return Hop(u, data.get("relation", ""), v, forward, int(data.get("support", 0)), evidence,
               bool(data.get("symmetric")))

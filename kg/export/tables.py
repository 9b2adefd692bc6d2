"""The merged graph as GraphML, GEXF, and CSV node and edge tables.

Each function takes a `KnowledgeGraph` or a networkx graph of the `kg.export.networkx`
schema. GraphML and GEXF hold only scalar attributes, so lists and dicts (labels, domain,
evidence, articles) are written as JSON text. Files are written atomically.

>>> import networkx as nx, tempfile, pathlib
>>> g = nx.MultiDiGraph()
>>> g.add_node("China", type="Country", label="China", labels={"en": "China"}, wikidata="Q148", mentions=2)
>>> g.add_node("Kazakhstan", type="Country", label="Kazakhstan", labels={}, wikidata="", mentions=1)
>>> _ = g.add_edge("China", "Kazakhstan", key="cooperatesWith", relation="cooperatesWith",
...                symmetric=True, domain=["security"], support=2, evidence=["…"], articles=[])
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> nodes, edges = write_csv(g, d / "graph.csv")
>>> nodes.name, edges.name
('graph.nodes.csv', 'graph.edges.csv')
>>> edges.read_text().splitlines()[1].split(",")[:6]
['China', 'Kazakhstan', 'cooperatesWith', 'cooperatesWith', 'True', 'security']
>>> nx.read_graphml(write_graphml(g, d / "g.graphml")).nodes["China"]["labels"]
'{"en": "China"}'
"""
from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import networkx as nx

from ..atomic import atomic_write

NODE_COLUMNS = ("id", "type", "label", "wikidata", "mentions", "labels")
EDGE_COLUMNS = ("source", "target", "key", "relation", "symmetric", "domain", "date", "start", "end",
                "place", "trend", "polarity", "support", "confidence", "evidence", "articles")


def as_networkx(graph) -> nx.MultiDiGraph:
    return graph if isinstance(graph, nx.Graph) else graph.to_networkx()


def _scalar(value):
    if isinstance(value, (list, tuple, dict, set)):
        return json.dumps(sorted(value) if isinstance(value, set) else value, ensure_ascii=False)
    return "" if value is None else value


def flat(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are all str, int, float or bool."""
    out = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        out.add_node(node, **{k: _scalar(v) for k, v in data.items()})
    for u, v, key, data in graph.edges(keys=True, data=True):
        out.add_edge(u, v, key=key, **{k: _scalar(x) for k, x in data.items()})
    return out


def write_graphml(graph, path: str | os.PathLike, **_options) -> Path:
    with atomic_write(path) as f:
        nx.write_graphml(flat(as_networkx(graph)), f, encoding="utf-8")
    return Path(path)


def write_gexf(graph, path: str | os.PathLike, **_options) -> Path:
    with atomic_write(path) as f:
        nx.write_gexf(flat(as_networkx(graph)), f, encoding="utf-8")
    return Path(path)


def csv_paths(path: str | os.PathLike) -> tuple[Path, Path]:
    """Where the tables go: ``X.csv`` → ``X.nodes.csv``, ``X.edges.csv``; a folder → inside it."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return path.with_suffix(".nodes.csv"), path.with_suffix(".edges.csv")
    path.mkdir(parents=True, exist_ok=True)
    return path / "nodes.csv", path / "edges.csv"


def write_csv(graph, path: str | os.PathLike, **_options) -> tuple[Path, Path]:
    """Two tables, nodes and edges; list cells are JSON except `domain` (tokens joined by ';')."""
    g = as_networkx(graph)
    nodes_path, edges_path = csv_paths(path)
    node_rows = [[node] + [_cell(data.get(c, "")) for c in NODE_COLUMNS[1:]] for node, data in g.nodes(data=True)]
    edge_rows = []
    for u, v, key, data in g.edges(keys=True, data=True):
        row = [u, v, key] + [_cell(data.get(c, "")) for c in EDGE_COLUMNS[3:]]
        row[EDGE_COLUMNS.index("domain")] = ";".join(data.get("domain") or ())
        edge_rows.append(row)
    _write_table(nodes_path, NODE_COLUMNS, node_rows)
    _write_table(edges_path, EDGE_COLUMNS, edge_rows)
    return nodes_path, edges_path


def _cell(value) -> str:
    return str(_scalar(value))


def _write_table(path: Path, header, rows) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    with atomic_write(path) as f:
        f.write(buf.getvalue().encode("utf-8"))

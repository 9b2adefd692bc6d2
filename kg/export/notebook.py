"""Showing a graph, a neighbourhood in it, or a query's answer inline in a Jupyter notebook.

Jupyter shows a cell's value through its ``_repr_html_``: `KnowledgeGraph`, the
`Neighbourhood` that `KnowledgeGraph.neighbourhood` returns and `QueryResult` have one.
`show` does the same with options (height, language, relations, dates, size limit) and
takes a networkx graph of the `kg.export.networkx` schema too.

A graph is shown as a summary table and the interactive page `kg viz` writes, inside an
iframe: the page is self-contained (it works offline), goes into the iframe's ``srcdoc``
escaped as an attribute, and runs sandboxed, so its scripts cannot reach the notebook.

>>> import kg
>>> g = kg.KnowledgeGraph(background=False)
>>> a = kg.Article.create("China and Kazakhstan agreed to deepen security cooperation.", lang="en")
>>> _ = g.add_extraction(kg.Extraction(a,
...     (kg.Entity("China", "Country", (("en", "China"),)), kg.Entity("Kazakhstan", "Country")), (),
...     (kg.Fact("China", "cooperatesWith", "Kazakhstan", kg.Qualifiers(),
...              kg.Provenance(a.id, a.text)),)))
>>> html = show(g, height=400)._repr_html_()
>>> '<iframe' in html and 'sandbox="allow-scripts"' in html and 'height: 400px' in html
True
>>> near = g.neighbourhood("Kazakhstan", hops=1)
>>> sorted(near.to_networkx().nodes)
['China', 'Kazakhstan']
>>> '<table' in show(g.sparql("SELECT ?s WHERE { ?s kg:cooperatesWith ?o }"))._repr_html_()
True
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Any

import networkx as nx

from ..errors import UnshowableError
from ..store.results import QueryResult

SHOWABLE = ("KnowledgeGraph", "Neighbourhood", "QueryResult", "networkx graph")
HEIGHT = 600
MAX_NODES = 500  # drawn at first; the page's search draws the rest on demand


@dataclass(frozen=True)
class Display:
    """HTML for Jupyter: the value of a cell that Jupyter shows as this HTML."""

    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:  # what a console shows; a notebook shows the HTML
        return f"<kg display: {len(self.html):,} characters of HTML>"


@dataclass(frozen=True)
class Neighbourhood:
    """The entities within `hops` of `focus` and the facts between them, as the page draws them."""

    graph: nx.MultiDiGraph = field(repr=False)
    focus: str
    hops: int

    def to_networkx(self) -> nx.MultiDiGraph:
        return self.graph

    def __len__(self) -> int:
        return self.graph.number_of_nodes()

    def __repr__(self) -> str:
        return (f"<Neighbourhood of {self.focus} within {self.hops} hop{'s' * (self.hops != 1)}: "
                f"{self.graph.number_of_nodes()} entities, {self.graph.number_of_edges()} facts>")

    def _repr_html_(self) -> str:
        return neighbourhood_html(self)


def neighbourhood(graph: nx.MultiDiGraph, name: str, hops: int = 1) -> Neighbourhood:
    """The neighbourhood of the entity `name` (an id or any name) in a networkx graph;
    raises `UnknownEntityError` naming close names when there is no such entity."""
    from .html import select_view

    view = select_view(graph, focus=name, hops=hops, max_nodes=max(graph.number_of_nodes(), 1))
    return Neighbourhood(view.graph, view.focus, hops)


def show(value: Any, *, height: int = HEIGHT, **options) -> Display:
    """Show `value` inline in Jupyter: a `KnowledgeGraph`, a `Neighbourhood`, a `QueryResult`
    or a networkx graph. For graphs, `options` are the page's (`kg.export.html.page_html`:
    lang, focus, hops, relations, since, until, max_nodes, size_by); for an answer,
    ``max_rows``. Raises `UnshowableError` for anything else."""
    if isinstance(value, QueryResult):
        return Display(value.html(**options))
    if isinstance(value, Neighbourhood):
        return Display(neighbourhood_html(value, height=height, **options))
    if isinstance(value, nx.Graph):
        return Display(page_frame(value, height=height, **options))
    if hasattr(value, "to_networkx") and hasattr(value, "stats"):
        return Display(graph_html(value, height=height, **options))
    raise UnshowableError(value, SHOWABLE)


def graph_html(graph, *, height: int = HEIGHT, **options) -> str:
    """A `KnowledgeGraph`'s summary table and its page."""
    return summary_table(graph.stats(top=5)) + page_frame(graph.to_networkx(), height=height, **options)


def neighbourhood_html(near: Neighbourhood, *, height: int = HEIGHT, **options) -> str:
    nodes, edges = near.graph.number_of_nodes(), near.graph.number_of_edges()
    caption = (f"{nodes} entit{'ies' if nodes != 1 else 'y'} and {edges} fact{'s' * (edges != 1)} within "
               f"{near.hops} hop{'s' * (near.hops != 1)} of {near.focus}")
    return f"<p>{escape(caption)}</p>" + page_frame(near.graph, height=height, **options)


def summary_table(stats: dict) -> str:
    """The counts of `KnowledgeGraph.stats` as a small HTML table, every name escaped."""
    rows = [("articles", f"{stats['articles']:,}"), ("entities", f"{stats['entities']:,}"),
            ("facts", f"{stats['facts']:,}"), ("triples", f"{stats['triples']:,}")]
    if stats.get("relations"):
        rows.append(("relations", ", ".join(f"{r} ({n})" for r, n in list(stats["relations"].items())[:5])))
    if stats.get("top_actors"):
        # (id, label, facts, ...): the actors in the most facts, as `kg stats` counts them
        rows.append(("top actors", ", ".join(f"{actor[1]} ({actor[2]:g})" for actor in stats["top_actors"])))
    body = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    return f'<table class="kg-summary">{body}</table>'


def page_frame(graph: nx.MultiDiGraph, *, height: int = HEIGHT, max_nodes: int = MAX_NODES, **options) -> str:
    """The interactive page of `graph` in a sandboxed iframe (its text escaped into ``srcdoc``)."""
    from .html import page_html

    if graph.number_of_nodes() == 0:
        return "<p>The graph is empty.</p>"
    page, view = page_html(graph, max_nodes=max_nodes, **options)
    note = ""
    if view.trimmed:
        note = (f"<p>The {view.graph.number_of_nodes():,} best-connected entities are drawn (max_nodes); "
                f"the page's search finds the other {view.trimmed:,}.</p>")
    return (f'{note}<iframe srcdoc="{escape(page, quote=True)}" sandbox="allow-scripts" '
            f'style="width: 100%; height: {int(height)}px; border: 1px solid #ccc" '
            f'title="kg graph"></iframe>')

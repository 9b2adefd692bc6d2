"""The interactive graph page: a networkx graph in, one self-contained HTML file out.

The page is pyvis' vis-network with everything inlined (scripts, styles, images as data
URIs), so it opens from a file with the network cut. Every text that came from an
article reaches the page only as JSON data inside a ``<script type="application/json">``
block or through Jinja's autoescape, and the page's script writes it with
``textContent``; a Content-Security-Policy that allows only the page's own scripts (by
hash) is a second wall.

What the page does to stay legible: facts between the same two entities are drawn as one
edge that says how many they are; an edge's relation is written only when the edge or an
end of it is hovered or selected, or the view is zoomed in past 1.5×; a node's name is left
out while it would overlap the name of a better-connected node at the current zoom (the
page places names greedily, biggest nodes first, and again after every zoom), so no two
names overlap; every entity type of the ontology has its own colour and the branch of the
type tree its own shape. On a narrow screen (a phone) the filters become a drawer behind
the ☰ button and the details a bottom sheet, a layout wider than tall is turned a quarter,
and a tap within a finger's width of a node selects the node rather than an edge under it.
A filter changed by hand re-fits the view.

The modules: `view` chooses what the page shows (with `dates`), `layout` places it,
`labels` names it in the reader's language, `vis` turns it into vis-network's nodes and
edges, `page` renders the template with its Content-Security-Policy. To draw with another
renderer, replace `vis` and `page`.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("China", type="Country", label="China", labels={"en": "China"}, wikidata="Q148")
>>> g.add_node("Kazakhstan", type="Country", label="Kazakhstan", labels={}, wikidata="Q232")
>>> g.add_edge("China", "Kazakhstan", key="cooperatesWith", relation="cooperatesWith",
...            symmetric=True, support=2, date="2025-06-17")
'cooperatesWith'
>>> view = select_view(g, focus="china", hops=1, since="2025")
>>> view.focus, sorted(view.graph)
('China', ['China', 'Kazakhstan'])
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from ...errors import UnknownLanguageError, UnknownNameError
from ...atomic import atomic_write
from .dates import date_bounds, date_span, edge_spans, in_range
from .labels import FAMILIES, FAMILY_COLORS, FAMILY_OF, LANGS, TYPE_STYLES, display_name, term_label, type_label
from .layout import layout, node_size
from .page import render_page, scope_note, script_json
from .view import Selection, select_view
from .vis import page_data, safe_url, vis_options

__all__ = ["FAMILIES", "FAMILY_COLORS", "FAMILY_OF", "LANGS", "TYPE_STYLES", "HtmlReport", "Selection",
           "date_bounds", "date_span", "display_name", "edge_spans", "in_range", "layout", "node_size",
           "page_data", "page_html", "render_page", "safe_url", "script_json", "select_view", "term_label",
           "type_label", "vis_options", "write_html"]


@dataclass(frozen=True)
class HtmlReport:
    """What `write_html` wrote: how much of the graph it kept, and why the rest went."""

    path: Path
    nodes: int
    edges: int
    nodes_dropped: int
    edges_dropped: int
    focus: str | None = None
    trimmed: int = 0  # nodes not drawn at first because of max_nodes; search reaches them


def write_html(graph: nx.MultiDiGraph, path: str | os.PathLike, **options) -> HtmlReport:
    """Write the interactive page for `graph` (the schema of `KnowledgeGraph.to_networkx`);
    the options are `page_html`'s."""
    page, view = page_html(graph, **options)
    target = Path(path)
    with atomic_write(target) as out:
        out.write(page.encode("utf-8"))
    kept = view.graph
    return HtmlReport(target, kept.number_of_nodes(), kept.number_of_edges(),
                      graph.number_of_nodes() - kept.number_of_nodes(),
                      graph.number_of_edges() - kept.number_of_edges(), view.focus, view.trimmed)


def page_html(graph: nx.MultiDiGraph, *, lang: str = "en", focus: str | None = None, hops: int = 2,
              relations: Iterable[str] | None = None, since: str | None = None, until: str | None = None,
              max_nodes: int = 500, title: str = "kg", size_by: str = "degree") -> tuple[str, Selection]:
    """The interactive page for `graph` as text, and the part of the graph it shows.

    `focus` (an id or any name, any case) with `hops` keeps that entity's neighbourhood;
    `relations` keeps only those relations; `since`/`until` (YYYY[-MM[-DD]]) keep edges
    whose date, start, end or articles' publication falls in range. Of what is kept, the
    `max_nodes` best-connected entities (most relations, then most mentions) are drawn when
    the page opens; the others are in the page too, compactly, and its search draws any of
    them with its neighbourhood on demand, so a page of a big graph opens fast. Nodes are
    sized by `size_by`: degree or mentions.
    """
    if lang not in LANGS:
        raise UnknownLanguageError(lang, LANGS)
    if size_by not in ("degree", "mentions"):
        raise UnknownNameError(size_by, ("degree", "mentions"))
    relations = list(relations) if relations is not None else None
    view = select_view(graph, focus=focus, hops=hops, relations=relations, since=since,
                       until=until, max_nodes=max_nodes)
    note = scope_note(view, hops=hops, relations=relations, since=since, until=until)
    return render_page(view, lang=lang, title=title, note=note, size_by=size_by), view

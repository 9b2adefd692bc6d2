"""The interactive graph page: a networkx graph in, one self-contained HTML file out.

The page is pyvis' vis-network with everything inlined (scripts, styles, images as data
URIs), so it opens from a file with the network cut. Every text that came from an
article reaches the page only as JSON data inside a ``<script type="application/json">``
block or through Jinja's autoescape, and the page's script writes it with
``textContent``; a Content-Security-Policy that allows only the page's own scripts (by
hash) is a second wall.

Large graphs are laid out here, beforehand, and drawn with physics off: vis-network's
own physics needs tens of seconds to settle a few thousand nodes.

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

import base64
import difflib
import hashlib
import heapq
import json
import math
import os
import re
import tempfile
from collections import Counter, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import networkx as nx

from ..errors import KGError, UnknownNameError, UnknownRelationError
from .. import schema
from ..model import RELATIONS

LANGS = tuple(schema.load().languages)
ASSETS = Path(__file__).resolve().parent / "assets"

# Families and their colours and names are the ontology's (kg:family, kg:RelationFamilyScheme).
_SCHEMA = schema.load()
FAMILIES: dict[str, tuple[str, ...]] = {
    fam: tuple(r.name for r in _SCHEMA.relations.values() if r.family == fam) for fam in _SCHEMA.families}
FAMILY_OF = {rel: fam for fam, rels in FAMILIES.items() for rel in rels}
FAMILY_COLORS = {fam.name: fam.color for fam in _SCHEMA.families.values()}
FAMILY_NAMES = {lang: {fam.name: fam.labels.get(lang) or fam.name for fam in _SCHEMA.families.values()}
                for lang in LANGS}

# Shape says the kind of thing (state, person, body, armed group, place, event); colour
# tells the types of one kind apart. Shapes are those vis draws with the label below.
TYPE_STYLES: dict[str, tuple[str, str]] = {
    "Country": ("dot", "#4c78a8"),
    "Person": ("diamond", "#f58518"),
    "Organization": ("square", "#54a24b"),
    "IntergovernmentalOrganization": ("hexagon", "#2a9d8f"),
    "Alliance": ("hexagon", "#1d6f65"),
    "Format": ("hexagon", "#72b7b2"),
    "Agency": ("square", "#88a04b"),
    "Company": ("square", "#b279a2"),
    "Media": ("square", "#d67195"),
    "ArmedGroup": ("triangle", "#e45756"),
    "Region": ("triangleDown", "#9d755d"),
    "City": ("triangleDown", "#bc8f6f"),
    "Place": ("triangleDown", "#c9a98b"),
    "Event": ("star", "#eca82c"),
    "Summit": ("star", "#d4a017"),
    "Meeting": ("star", "#f2cf5b"),
    "Visit": ("star", "#e0b84c"),
    "Attack": ("star", "#c44e52"),
    "Agreement": ("star", "#8cb369"),
    "Election": ("star", "#a0a0d0"),
    "Vote": ("star", "#b0b0e0"),
    "Concept": ("dot", "#9e9e9e"),
}
DEFAULT_STYLE = ("dot", "#bab0ac")

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif"
LAYOUT_SEED = 7
BACKBONE = 400        # nodes laid out by spring_layout; the rest are placed around them
SPRING_ITERATIONS = 60
LEAF_SPACING = 38.0   # px between successive leaves spiralling around their anchor
BIG_GRAPH = 1500      # above this many nodes the page trades hover effects for speed

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_QID = re.compile(r"^Q[1-9]\d*$")


class UnknownLanguageError(UnknownNameError):
    kind = "language"


@dataclass(frozen=True)
class HtmlReport:
    """What `write_html` wrote: how much of the graph it kept, and why the rest went."""

    path: Path
    nodes: int
    edges: int
    nodes_dropped: int
    edges_dropped: int
    focus: str | None = None
    trimmed: int = 0  # nodes dropped only because of max_nodes


@dataclass(frozen=True)
class View:
    """The part of a graph a page shows, and how it was chosen."""

    graph: nx.MultiDiGraph
    focus: str | None
    trimmed: int


# ---------------------------------------------------------------- choosing the view


def select_view(graph: nx.MultiDiGraph, *, focus: str | None = None, hops: int = 2,
                relations: Iterable[str] | None = None, since: str | None = None,
                until: str | None = None, max_nodes: int = 2000) -> View:
    """Keep the listed relations, the edges dated within [since, until], the ego network
    of `focus` within `hops`, then at most `max_nodes` nodes, the best connected."""
    if max_nodes < 1:
        raise KGError(f"max_nodes must be at least 1, not {max_nodes}")
    focus_id = resolve_focus(graph, focus) if focus is not None else None
    g = graph
    if relations is not None or since is not None or until is not None:
        g = _filter_edges(g, _relation_set(relations), date_bounds(since, until))
        g = _drop_isolated(g, keep=focus_id)
    if focus_id is not None:
        g = nx.MultiDiGraph(nx.ego_graph(g, focus_id, radius=max(hops, 0), undirected=True))
    g, trimmed = _trim(g, max_nodes, keep=focus_id)
    return View(g, focus_id, trimmed)


def resolve_focus(graph: nx.MultiDiGraph, text: str) -> str:
    """The node whose id or any of whose names is `text`, ignoring case."""
    if text in graph:
        return text
    wanted = text.casefold().strip()
    for node, attrs in graph.nodes(data=True):
        if wanted in {name.casefold().strip() for name in _names(node, attrs)}:
            return node
    names = sorted({n for node, a in graph.nodes(data=True) for n in _names(node, a)})
    close = difflib.get_close_matches(text, names, n=5, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise KGError(f"no entity called {text!r} in the graph{hint}")


def _names(node: Any, attrs: Mapping) -> list[str]:
    labels = attrs.get("labels") or {}
    return [str(node), str(attrs.get("label") or ""), *map(str, labels.values())]


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
        if relations is not None and _relation(key, attrs) not in relations:
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


def _trim(g: nx.MultiDiGraph, max_nodes: int, keep: str | None) -> tuple[nx.MultiDiGraph, int]:
    if g.number_of_nodes() <= max_nodes:
        return g, 0
    ranked = sorted(g, key=lambda n: (n != keep, -g.degree(n),
                                      -_int(g.nodes[n].get("mentions")), str(n)))
    kept = nx.MultiDiGraph(g.subgraph(ranked[:max_nodes]))
    return kept, g.number_of_nodes() - max_nodes


# ---------------------------------------------------------------- dates


def date_span(value: Any) -> tuple[str, str] | None:
    """The first and last day an ISO date of any precision covers, or None.

    >>> date_span("2025"), date_span("2025-06"), date_span("2025-06-17T08:00:00Z")
    (('2025-01-01', '2025-12-31'), ('2025-06-01', '2025-06-31'), ('2025-06-17', '2025-06-17'))
    """
    m = _DATE.match(str(value or "").strip())
    if not m:
        return None
    year, month, day = m.groups()
    if day:
        return (f"{year}-{month}-{day}",) * 2
    if month:  # day 31 of every month: only ever compared as text, never parsed
        return f"{year}-{month}-01", f"{year}-{month}-31"
    return f"{year}-01-01", f"{year}-12-31"


def date_bounds(since: str | None, until: str | None) -> tuple[str, str] | None:
    """[since, until] as day strings; None when neither is given."""
    if since is None and until is None:
        return None
    lo = _checked_span(since, "since")[0] if since else "0000-01-01"
    hi = _checked_span(until, "until")[1] if until else "9999-12-31"
    return lo, hi


def _checked_span(value: str, name: str) -> tuple[str, str]:
    span = date_span(value)
    if span is None or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value.strip()):
        raise KGError(f"bad {name} date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    return span


def edge_spans(attrs: Mapping) -> list[tuple[str, str]]:
    """The time an edge speaks of: its date, start and end, the start–end interval when it
    has both, and the days its articles were published."""
    values = [attrs.get("date"), attrs.get("start"), attrs.get("end")]
    values += [a.get("published") for a in _articles(attrs)]
    spans = [s for s in map(date_span, values) if s]
    start, end = date_span(attrs.get("start")), date_span(attrs.get("end"))
    if start and end:
        spans.append((start[0], end[1]))
    return sorted(set(spans))


def in_range(spans: Iterable[tuple[str, str]], bounds: tuple[str, str]) -> bool:
    """Whether any span overlaps the bounds; an undated edge is in no range."""
    return any(lo <= bounds[1] and hi >= bounds[0] for lo, hi in spans)


# ---------------------------------------------------------------- layout


def layout(g: nx.MultiDiGraph, names: Mapping | None = None) -> dict[Any, tuple[float, float]]:
    """Pixel positions: each connected component laid out on its own, biggest first,
    the small ones shelved in rows under it, so none drifts off the screen. `names` (the
    labels to be drawn) make room for long names."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(g, key=str))  # the store's order must not move anything
    simple.add_edges_from((u, v) for u, v in g.edges() if u != v)
    names = names or {}
    radius = {n: max(node_size(d) + 10.0, 3.6 * min(len(str(names.get(n, n))), 40))
              for n, d in g.degree()}
    comps = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(map(str, c))))
    return _shelve([_component_layout(simple.subgraph(c), radius) for c in comps])


def node_size(metric: int) -> float:
    return round(min(10 + 4.5 * math.log2(1 + max(metric, 0)), 46), 1)


def _component_layout(c: nx.Graph, radius: Mapping) -> dict[Any, tuple[float, float]]:
    if len(c) == 1:
        return {next(iter(c)): (0.0, 0.0)}
    if len(c) == 2:
        a, b = sorted(c, key=str)
        return {a: (-70.0, 0.0), b: (70.0, 0.0)}
    core = c.subgraph(_backbone(c, BACKBONE))
    scale = 70.0 * math.sqrt(len(core)) + 40.0  # compact: _push_apart keeps the spacing
    pos = nx.spring_layout(core, seed=LAYOUT_SEED, iterations=SPRING_ITERATIONS, scale=scale)
    placed = _push_apart({n: (float(p[0]), float(p[1])) for n, p in pos.items()}, radius)
    if len(placed) < len(c):
        ranked = sorted(placed, key=lambda n: (-c.degree(n), str(n)))
        _place_around(c, placed, ranked)
    return placed


def _push_apart(pos: dict, radius: Mapping, rounds: int = 30) -> dict:
    """Move overlapping nodes apart until each keeps its size plus room for its label.
    Spring layouts pull hubs that share neighbours onto each other; the hubs are what a
    reader looks for first."""
    import numpy as np

    nodes = list(pos)
    xy = np.array([pos[n] for n in nodes], dtype=float)
    room = np.array([radius[n] for n in nodes], dtype=float)
    need = room[:, None] + room[None, :] + 24.0  # 24 px: a line of label text
    np.fill_diagonal(need, 0.0)
    jitter = np.random.default_rng(LAYOUT_SEED).uniform(-0.5, 0.5, xy.shape)
    xy += jitter  # nodes on the very same spot have no direction to part in
    for _ in range(rounds):
        delta = xy[:, None, :] - xy[None, :, :]
        dist = np.maximum(np.hypot(delta[..., 0], delta[..., 1]), 1e-6)
        short = np.clip(need - dist, 0.0, None)
        if not short.any():
            break
        xy += (delta * (short / dist / 2.0)[..., None]).sum(axis=1)
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, xy)}


def _backbone(c: nx.Graph, size: int) -> list:
    """Up to `size` well-connected nodes that hang together: grown from the biggest hub,
    always taking the best-connected node on its border. The plain top-`size` by degree
    would hold nodes with no neighbour among them, which a spring layout flings away."""
    if len(c) <= size:
        return list(c)
    key = {n: (-c.degree(n), str(n)) for n in c}
    start = min(c, key=key.__getitem__)
    chosen, seen, border = [], {start}, [(key[start], start)]
    while border and len(chosen) < size:
        _, n = heapq.heappop(border)
        chosen.append(n)
        for m in c[n]:
            if m not in seen:
                seen.add(m)
                heapq.heappush(border, (key[m], m))
    return chosen


def _place_around(c: nx.Graph, placed: dict, frontier: list) -> None:
    """Put every node outside the backbone on a sunflower spiral around the first placed
    neighbour a breadth-first walk from the backbone reaches it by: linear time, where
    a force layout of all nodes is quadratic."""
    golden = math.pi * (3.0 - math.sqrt(5.0))
    children: Counter = Counter()
    queue = deque(frontier)
    while queue:
        anchor = queue.popleft()
        ax, ay = placed[anchor]
        for n in sorted((m for m in c[anchor] if m not in placed), key=str):
            k = children[anchor] = children[anchor] + 1
            r, theta = LEAF_SPACING * (1.0 + math.sqrt(k)), k * golden
            placed[n] = (ax + r * math.cos(theta), ay + r * math.sin(theta))
            queue.append(n)


def _shelve(parts: list[dict], gap: float = 70.0) -> dict[Any, tuple[float, float]]:
    """Rows of components, biggest first, in a block about as wide as it is tall."""
    boxes = [_bbox(p) for p in parts]
    area = sum((x1 - x0 + gap) * (y1 - y0 + gap) for x0, y0, x1, y1 in boxes)
    width = max([math.sqrt(area) * 1.3] + [x1 - x0 for x0, _, x1, _ in boxes])
    out: dict = {}
    x = y = row_h = 0.0
    for part, (x0, y0, x1, y1) in zip(parts, boxes):
        w, h = x1 - x0, y1 - y0
        if x > 0 and x + w > width:
            x, y, row_h = 0.0, y + row_h + gap, 0.0
        out.update({n: (round(px - x0 + x, 1), round(py - y0 + y, 1)) for n, (px, py) in part.items()})
        x, row_h = x + w + gap, max(row_h, h)
    return out


def _bbox(pos: Mapping) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    return min(xs), min(ys), max(xs), max(ys)


# ---------------------------------------------------------------- what the page shows


def _ontology_labels() -> dict[str, dict[str, str]]:
    """kg: relation or type local name → {lang: label}, from the ontology (kg.schema)."""
    return {**{r.name: r.labels for r in _SCHEMA.relations.values()},
            **{ty.name: ty.labels for ty in _SCHEMA.types.values()}}


def term_label(term: str, lang: str) -> str:
    """A relation or type in the reader's language: 'memberOf' → 'member of'."""
    labels = _ontology_labels().get(term, {})
    return labels.get(lang) or labels.get("en") or re.sub(r"(?<=[a-z])(?=[A-Z])", " ", term).lower()


def type_label(ntype: str, lang: str) -> str:
    label = term_label(ntype, lang)
    return label[:1].upper() + label[1:]


def display_name(node: Any, attrs: Mapping, lang: str) -> str:
    labels = attrs.get("labels") or {}
    for name in (labels.get(lang), attrs.get("label"), *(labels.get(x) for x in LANGS),
                 *labels.values()):
        if name and str(name).strip():
            return str(name).strip()
    return str(node)


def safe_url(url: Any) -> str:
    """The URL if it is http(s) with a host, else '' (javascript:, data:, relative...)."""
    text = str(url or "").strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    return text if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


def script_json(value: Any) -> str:
    """JSON that can sit inside a <script> element: no '<', '>' or '&' (so no '</script>'
    and no '<!--'), and no U+2028/2029 line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(_SCRIPT_ESCAPES)


_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                 "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _relation(key: Any, attrs: Mapping) -> str:
    return str(attrs.get("relation") or key)


def _articles(attrs: Mapping) -> list[Mapping]:
    return [a for a in attrs.get("articles") or () if isinstance(a, Mapping)]


def _int(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _darker(hex_color: str, factor: float = 0.72) -> str:
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{int(c * factor):02x}" for c in (r, g, b))


def _vis_node(node: Any, attrs: Mapping, xy: tuple[float, float], metric: int,
              lang: str) -> dict:
    shape, color = TYPE_STYLES.get(str(attrs.get("type")), DEFAULT_STYLE)
    weight = math.log2(1 + max(metric, 0))
    border = _darker(color)
    return {
        "id": node, "label": display_name(node, attrs, lang), "x": xy[0], "y": xy[1],
        "shape": shape, "size": node_size(metric),
        "font": {"size": round(min(13 + 1.2 * weight, 24), 1)},
        "color": {"background": color, "border": border,
                  "highlight": {"background": color, "border": "#111111"},
                  "hover": {"background": color, "border": "#111111"}},
    }


def _vis_edge(eid: str, u: Any, v: Any, attrs: Mapping, rel: str, lang: str,
              curve: dict | None) -> dict:
    color = FAMILY_COLORS[FAMILY_OF.get(rel, "other")]
    support = max(_int(attrs.get("support")), len(_articles(attrs)), 1)
    edge = {
        "id": eid, "from": u, "to": v, "label": term_label(rel, lang),
        "width": round(min(1.0 + 1.6 * math.log2(support), 8.0), 2),
        "color": {"color": color, "highlight": _darker(color, 0.6),
                  "hover": _darker(color, 0.6), "opacity": 0.85},
        "arrows": {"to": {"enabled": not bool(attrs.get("symmetric"))}},
    }
    if str(attrs.get("polarity") or "").lower() in ("negative", "neg", "-"):
        edge["dashes"] = True
    if curve:  # labels of side-by-side curves run along them, or they would overlap
        edge["smooth"], edge["font"] = curve, {"align": "middle"}
    return edge


def _curves(g: nx.MultiDiGraph) -> dict[tuple, dict]:
    """Bend the edges that share a pair of nodes apart, so each label can be read."""
    pairs: dict[frozenset, list[tuple]] = {}
    for u, v, key in g.edges(keys=True):
        pairs.setdefault(frozenset((u, v)), []).append((u, v, key))
    curves = {}
    for edges in pairs.values():
        if len(edges) < 2 or edges[0][0] == edges[0][1]:
            continue
        first = edges[0][0]
        for i, (u, v, key) in enumerate(edges):
            side = 1 if (i % 2 == 0) == (u == first) else -1
            roundness = 0.3 + 0.2 * (i // 2)
            kind = "curvedCW" if side > 0 else "curvedCCW"
            curves[(u, v, key)] = {"enabled": True, "type": kind, "roundness": roundness}
    return curves


def _node_info(node: Any, attrs: Mapping, lang: str, degree: int) -> dict:
    labels = {str(k): str(v) for k, v in (attrs.get("labels") or {}).items() if v}
    qid = str(attrs.get("wikidata") or "").strip()
    ntype = str(attrs.get("type") or "Entity")
    return {"name": display_name(node, attrs, lang), "type": ntype,
            "typeLabel": type_label(ntype, lang), "labels": labels,
            "wikidata": qid if _QID.match(qid) else "", "mentions": _int(attrs.get("mentions")),
            "degree": degree}


def _edge_info(u: Any, v: Any, attrs: Mapping, rel: str, lang: str, article_ids: list[int],
               g: nx.MultiDiGraph) -> dict:
    place = str(attrs.get("place") or "")
    place_name = display_name(place, g.nodes[place], lang) if place in g else place
    domain = attrs.get("domain") or []
    return {
        "from": u, "to": v, "relation": rel, "relationLabel": term_label(rel, lang),
        "family": FAMILY_OF.get(rel, "other"), "symmetric": bool(attrs.get("symmetric")),
        "domain": [str(d) for d in (domain if isinstance(domain, (list, tuple)) else [domain])],
        "date": str(attrs.get("date") or ""), "start": str(attrs.get("start") or ""),
        "end": str(attrs.get("end") or ""), "place": place, "placeName": place_name,
        "trend": str(attrs.get("trend") or ""), "polarity": str(attrs.get("polarity") or ""),
        "support": max(_int(attrs.get("support")), len(article_ids)),
        "confidence": _number(attrs.get("confidence")),
        "evidence": [str(s) for s in attrs.get("evidence") or () if str(s).strip()],
        "articles": article_ids, "spans": [list(s) for s in edge_spans(attrs)],
    }


class _ArticleTable:
    """Each article once, however many edges it supports: real graphs share articles."""

    def __init__(self) -> None:
        self.rows: list[dict] = []
        self._index: dict[tuple, int] = {}

    def add(self, article: Mapping) -> int:
        row = {"title": str(article.get("title") or ""),
               "source": str(article.get("source") or ""),
               "url": safe_url(article.get("url")),
               "published": str(article.get("published") or "")}
        key = (str(article.get("id") or ""), *row.values())
        if key not in self._index:
            self._index[key] = len(self.rows)
            self.rows.append(row)
        return self._index[key]


def page_data(g: nx.MultiDiGraph, *, lang: str, size_by: str = "degree") -> dict:
    """Everything the page's script needs: vis nodes and edges, and the details the side
    panel and the filters read."""
    pos = layout(g, {n: display_name(n, a, lang) for n, a in g.nodes(data=True)})
    degree = dict(g.degree())
    metric = degree if size_by == "degree" else {n: _int(a.get("mentions")) for n, a in g.nodes(data=True)}
    nodes = [_vis_node(n, a, pos[n], metric[n], lang) for n, a in g.nodes(data=True)]
    node_info = {str(n): _node_info(n, a, lang, degree[n]) for n, a in g.nodes(data=True)}
    curves, table = _curves(g), _ArticleTable()
    edges, edge_info = [], {}
    for i, (u, v, key, attrs) in enumerate(g.edges(keys=True, data=True)):
        eid, rel = f"e{i}", _relation(key, attrs)
        edges.append(_vis_edge(eid, u, v, attrs, rel, lang, curves.get((u, v, key))))
        ids = [table.add(a) for a in _articles(attrs)]
        edge_info[eid] = _edge_info(u, v, attrs, rel, lang, ids, g)
    return {"nodes": nodes, "edges": edges, "articles": table.rows,
            "info": {"nodes": node_info, "edges": edge_info}}


def vis_options(n_nodes: int) -> dict:
    big = n_nodes > BIG_GRAPH
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": LAYOUT_SEED},
        "interaction": {"hover": not big, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "tooltipDelay": 200, "navigationButtons": False, "keyboard": False},
        "nodes": {"borderWidth": 1.5, "borderWidthSelected": 3,
                  "font": {"face": FONT, "color": "#1f2328", "strokeWidth": 4,
                           "strokeColor": "#ffffff"},
                  "scaling": {"label": {"drawThreshold": 6}}},
        "edges": {"smooth": False, "selectionWidth": 1.5, "hoverWidth": 0.8,
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
                  "font": {"face": FONT, "size": 10, "color": "#4a4f57", "strokeWidth": 3,
                           "strokeColor": "#ffffff", "align": "horizontal"}},
    }


# ---------------------------------------------------------------- the page


def _legend(g: nx.MultiDiGraph, lang: str, data: dict) -> dict:
    types = Counter(str(a.get("type") or "Entity") for _, a in g.nodes(data=True))
    rels = Counter(_relation(k, a) for _, _, k, a in g.edges(keys=True, data=True))
    sources = Counter(
        s for info in data["info"]["edges"].values()
        for s in ({data["articles"][i]["source"] for i in info["articles"]} or {""}))
    return {
        "types": [{"type": t, "label": type_label(t, lang), "count": n,
                   "shape": TYPE_STYLES.get(t, DEFAULT_STYLE)[0],
                   "color": TYPE_STYLES.get(t, DEFAULT_STYLE)[1]}
                  for t, n in sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))],
        "families": [{"family": fam, "label": FAMILY_NAMES[lang][fam].capitalize(),
                      "color": FAMILY_COLORS[fam],
                      "relations": [{"relation": r, "label": term_label(r, lang), "count": rels[r]}
                                    for r in sorted(rels, key=lambda r: (-rels[r], r))
                                    if FAMILY_OF.get(r, "other") == fam]}
                     for fam in FAMILIES if any(FAMILY_OF.get(r, "other") == fam for r in rels)],
        "sources": [{"source": s, "count": n}
                    for s, n in sorted(sources.items(), key=lambda kv: (-kv[1], kv[0]))],
        "dates": _date_extent(data),
    }


def _date_extent(data: dict) -> tuple[str, str]:
    spans = [s for info in data["info"]["edges"].values() for s in info["spans"]]
    if not spans:
        return "", ""
    return min(s[0] for s in spans), max(s[1] for s in spans)


def _scope_note(view: View, *, hops: int, relations, since, until) -> str:
    parts = []
    if view.focus is not None:
        parts.append(f"around {view.focus}, {hops} hop{'s' if hops != 1 else ''}")
    if relations:
        parts.append("relations: " + ", ".join(relations))
    if since or until:
        parts.append(f"dates {since or '…'} – {until or '…'}")
    if view.trimmed:
        parts.append(f"the {view.graph.number_of_nodes()} best-connected of "
                     f"{view.graph.number_of_nodes() + view.trimmed} entities")
    return " · ".join(parts)


@cache
def _asset(name: str) -> str:
    """A script or style to inline; one that could close its own element is refused."""
    path = _pyvis_lib() / name if name.startswith("vis-network") else ASSETS / name
    text = path.read_text(encoding="utf-8")
    closer = "</script" if name.endswith(".js") else "</style"
    if closer in text.lower():
        raise KGError(f"{path}: contains {closer}> and cannot be inlined")
    return text


def _pyvis_lib() -> Path:
    import pyvis

    return Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"


def _csp(scripts: Iterable[str]) -> str:
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(s.encode('utf-8')).digest()).decode()}'"
        for s in scripts)
    return ("default-src 'none'; script-src " + hashes + "; style-src 'unsafe-inline'; "
            "img-src data:; base-uri 'none'; form-action 'none'")


def render_page(view: View, *, lang: str, title: str, note: str, size_by: str = "degree") -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from markupsafe import Markup
    from pyvis.network import Network

    data = page_data(view.graph, lang=lang, size_by=size_by)
    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    net.nodes, net.edges = data["nodes"], data["edges"]  # add_node/add_edge are quadratic
    net.options = vis_options(len(net.nodes))
    nodes, edges, _heading, _h, _w, _options = net.get_network_data()
    payload = {"nodes": nodes, "edges": edges, "options": net.options, "lang": lang,
               "articles": data["articles"], "info": data["info"]}
    scripts = [_asset("vis-network.min.js"), _asset("graph.js")]
    env = Environment(loader=FileSystemLoader(str(ASSETS)),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    return env.get_template("graph.html.j2").render(
        title=title, lang=lang, note=note, legend=_legend(view.graph, lang, data),
        n_nodes=len(nodes), n_edges=len(edges), csp=_csp(scripts),
        vis_css=Markup(_asset("vis-network.css")), page_css=Markup(_asset("graph.css")),
        vis_js=Markup(scripts[0]), page_js=Markup(scripts[1]),
        data_json=Markup(script_json(payload)))


def write_html(graph: nx.MultiDiGraph, path: str | os.PathLike, *, lang: str = "en",
               focus: str | None = None, hops: int = 2, relations: Iterable[str] | None = None,
               since: str | None = None, until: str | None = None, max_nodes: int = 2000,
               title: str = "kg", size_by: str = "degree") -> HtmlReport:
    """Write the interactive page for `graph` (the schema of `KnowledgeGraph.to_networkx`).

    `focus` (an id or any name, any case) with `hops` keeps that entity's neighbourhood;
    `relations` keeps only those relations; `since`/`until` (YYYY[-MM[-DD]]) keep edges
    whose date, start, end or articles' publication falls in range; above `max_nodes`
    only the best-connected nodes stay. Nodes are sized by `size_by`: degree or mentions.
    """
    if lang not in LANGS:
        raise UnknownLanguageError(lang, LANGS)
    if size_by not in ("degree", "mentions"):
        raise UnknownNameError(size_by, ("degree", "mentions"))
    relations = list(relations) if relations is not None else None
    view = select_view(graph, focus=focus, hops=hops, relations=relations, since=since,
                       until=until, max_nodes=max_nodes)
    note = _scope_note(view, hops=hops, relations=relations, since=since, until=until)
    page = render_page(view, lang=lang, title=title, note=note, size_by=size_by)
    target = Path(path)
    _write_atomic(target, page)
    kept = view.graph
    return HtmlReport(target, kept.number_of_nodes(), kept.number_of_edges(),
                      graph.number_of_nodes() - kept.number_of_nodes(),
                      graph.number_of_edges() - kept.number_of_edges(), view.focus, view.trimmed)


def _write_atomic(path: Path, text: str) -> None:
    """Readers see the old page or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

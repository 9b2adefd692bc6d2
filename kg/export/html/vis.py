"""The vis-network adapter: nodes, edges and the details the page's panel and filters read."""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import networkx as nx

from .attrs import articles_of, as_int, as_number, relation_of
from .dates import edge_spans
from .labels import DEFAULT_STYLE, FAMILY_COLORS, FAMILY_OF, TYPE_STYLES, display_name, term_label, type_label
from .layout import LAYOUT_SEED, layout, node_size

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif"
BIG_GRAPH = 1500      # above this many nodes the page trades hover effects for speed
_QID = re.compile(r"^Q[1-9]\d*$")


def safe_url(url: Any) -> str:
    """The URL if it is http(s) with a host, else '' (javascript:, data:, relative...)."""
    text = str(url or "").strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    return text if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


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
    support = max(as_int(attrs.get("support")), len(articles_of(attrs)), 1)
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
            "wikidata": qid if _QID.match(qid) else "", "mentions": as_int(attrs.get("mentions")),
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
        "support": max(as_int(attrs.get("support")), len(article_ids)),
        "confidence": as_number(attrs.get("confidence")),
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
    metric = degree if size_by == "degree" else {n: as_int(a.get("mentions")) for n, a in g.nodes(data=True)}
    nodes = [_vis_node(n, a, pos[n], metric[n], lang) for n, a in g.nodes(data=True)]
    node_info = {str(n): _node_info(n, a, lang, degree[n]) for n, a in g.nodes(data=True)}
    curves, table = _curves(g), _ArticleTable()
    edges, edge_info = [], {}
    for i, (u, v, key, attrs) in enumerate(g.edges(keys=True, data=True)):
        eid, rel = f"e{i}", relation_of(key, attrs)
        edges.append(_vis_edge(eid, u, v, attrs, rel, lang, curves.get((u, v, key))))
        ids = [table.add(a) for a in articles_of(attrs)]
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

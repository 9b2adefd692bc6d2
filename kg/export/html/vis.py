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


def _vis_edge(eid: str, u: Any, v: Any, attrs: Mapping, rel: str, lang: str) -> dict:
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
    return edge


def _node_info(node: Any, attrs: Mapping, lang: str, degree: int) -> dict:
    labels = {str(k): str(v) for k, v in (attrs.get("labels") or {}).items() if v}
    qid = str(attrs.get("wikidata") or "").strip()
    ntype = str(attrs.get("type") or "Entity")
    return {"name": display_name(node, attrs, lang), "type": ntype,
            "typeLabel": type_label(ntype, lang), "labels": labels,
            "wikidata": qid if _QID.match(qid) else "", "mentions": as_int(attrs.get("mentions")),
            "degree": degree}


def _edge_info(u: Any, v: Any, attrs: Mapping, rel: str, lang: str, article_ids: list[int],
               g: nx.MultiDiGraph, spans: bool = True) -> dict:
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
        "articles": article_ids, "spans": [list(s) for s in edge_spans(attrs)] if spans else [],
    }


class _ArticleTable:
    """Each article once, however many edges it supports: real graphs share articles."""

    def __init__(self) -> None:
        self.rows: list[dict] = []
        self._index: dict[tuple, int] = {}

    def add(self, article: Mapping) -> int:
        key = (str(article.get("id") or ""), str(article.get("title") or ""),
               str(article.get("source") or ""), str(article.get("url") or ""),
               str(article.get("published") or ""))
        if key not in self._index:
            self._index[key] = len(self.rows)
            self.rows.append({"title": key[1], "source": key[2], "url": safe_url(key[3]),
                              "published": key[4]})
        return self._index[key]


def page_data(g: nx.MultiDiGraph, *, lang: str, size_by: str = "degree",
              whole: nx.MultiDiGraph | None = None) -> dict:
    """Everything the page's script needs: vis nodes and edges (one per fact; the page
    bundles those of a pair), the details the side panel and the filters read, and, when
    `whole` holds more than `g`, the rest of it in `reserve` for the search to draw."""
    whole = g if whole is None else whole
    pos = layout(g, {n: display_name(n, a, lang) for n, a in g.nodes(data=True)})
    degree = dict(whole.degree())
    metric = _metric(whole, size_by)
    nodes = [_vis_node(n, a, pos[n], metric[n], lang) for n, a in g.nodes(data=True)]
    node_info = {str(n): _node_info(n, a, lang, degree[n]) for n, a in g.nodes(data=True)}
    big = whole.number_of_edges() > g.number_of_edges() or whole.number_of_nodes() > g.number_of_nodes()
    table = _ArticleTable()
    edges, edge_info = [], {}
    for i, (u, v, key, attrs) in enumerate(g.edges(keys=True, data=True)):
        eid, rel = f"e{i}", relation_of(key, attrs)
        edges.append(_vis_edge(eid, u, v, attrs, rel, lang))
        edge_info[eid] = _drawn_edge_info(u, v, attrs, rel, lang, table, g, cap=big)
    data = {"nodes": nodes, "edges": edges, "articles": table.rows,
            "info": {"nodes": node_info, "edges": edge_info},
            "values": _values(whole, lang)}
    if big:
        data["reserve"] = _reserve(whole, g, lang, metric, degree, len(edges))
    return data


def _drawn_edge_info(u: Any, v: Any, attrs: Mapping, rel: str, lang: str, table: _ArticleTable,
                     g: nx.MultiDiGraph, cap: bool) -> dict:
    """A drawn fact's details. On the page of a big graph (`cap`) it lists RESERVE_ARTICLES of
    its articles, as the reserve does: the hubs drawn first are cited by thousands, which would
    be most of the data read before the first drawing. Its dates and sources (what the filters
    read) are still those of all its articles."""
    arts = articles_of(attrs)
    listed = arts[:RESERVE_ARTICLES] if cap else arts
    info = _edge_info(u, v, attrs, rel, lang, [table.add(a) for a in listed], g)
    if len(listed) < len(arts):
        info["support"] = max(info["support"], len(arts))
        info["sources"] = sorted({str(a.get("source") or "") for a in arts})
    return info


def _metric(g: nx.MultiDiGraph, size_by: str) -> dict:
    if size_by == "degree":
        return dict(g.degree())
    return {n: as_int(a.get("mentions")) for n, a in g.nodes(data=True)}


# The reserve is rows of values in the order of these fields, not objects: a page of a
# big graph holds hundreds of thousands of them, and the keys would be most of its size.
NODE_FIELDS = ("id", "name", "type", "labels", "wikidata", "mentions", "degree", "size", "fontSize")
EDGE_FIELDS = ("fact", "from", "to", "relation", "symmetric", "domain", "date", "start", "end", "place",
               "placeName", "trend", "polarity", "support", "confidence", "evidence", "articles")
# A fact's stand-in in the chunk of its other end: what drawing and filtering it needs (its
# articles' days and sources), and `home`, the chunk that holds the fact in full.
REF_FIELDS = ("fact", "from", "to", "relation", "symmetric", "date", "start", "end", "polarity",
              "support", "published", "sources", "home")
RESERVE_ARTICLES = 20  # articles listed per fact in the reserve (the support counts them all)
RESERVE_EVIDENCE = 1   # sentences kept per fact in the reserve
CHUNK_FACTS = 1500     # facts per chunk of the reserve, about: what one click unpacks


def _reserve(whole: nx.MultiDiGraph, drawn: nx.MultiDiGraph, lang: str, metric: Mapping,
             degree: Mapping, first_edge: int) -> dict:
    """The entities not drawn at first and every fact not drawn, compact, in a stable order
    (the graph's), for the search to draw an entity's neighbourhood from. `index` holds the
    entities (their names are what the search reads) and, for each entity with facts not
    drawn, the chunk that holds all of them; each chunk holds the facts of a block of
    entities and the articles they cite, so a click unpacks one chunk, not the graph. A fact
    between two blocks is held in full once, in the chunk of its end with fewer facts (the
    long tail's, which a search opens), and the other end's chunk (a hub's) has a short
    reference to it: enough to draw and filter it, with the chunk to read when it is opened.
    What follows from a type or a relation (names, shapes, colours) is said once, in `types`
    and `relations`."""
    rows, types = [], {}
    for n, a in whole.nodes(data=True):
        if n in drawn:
            continue
        vis, info = _vis_node(n, a, (0.0, 0.0), metric[n], lang), _node_info(n, a, lang, degree[n])
        types.setdefault(info["type"], [info["typeLabel"], vis["shape"], vis["color"]["background"],
                                        vis["color"]["border"]])
        rows.append([str(n), info["name"], info["type"], info["labels"], info["wikidata"],
                     info["mentions"], info["degree"], vis["size"], vis["font"]["size"]])
    facts, relations, by_node = [], {}, {}
    for u, v, key, attrs in whole.edges(keys=True, data=True):
        if drawn.has_edge(u, v, key):
            continue
        rel = relation_of(key, attrs)
        if rel not in relations:
            fam = FAMILY_OF.get(rel, "other")
            relations[rel] = [term_label(rel, lang), fam, FAMILY_COLORS[fam]]
        for end in dict.fromkeys((str(u), str(v))):
            by_node.setdefault(end, []).append(len(facts))
        arts = articles_of(attrs)
        info = _edge_info(u, v, attrs, rel, lang, [], whole, spans=False)
        info["support"] = max(info["support"], len(arts))
        info["evidence"] = info["evidence"][:RESERVE_EVIDENCE]
        info["fact"], info["from"], info["to"] = first_edge + len(facts), str(u), str(v)
        facts.append(([info[f] for f in EDGE_FIELDS], arts[:RESERVE_ARTICLES]))
    chunk_of = _chunk_entities(whole, by_node)
    home = [chunk_of[min(dict.fromkeys((row[1], row[2])), key=lambda n: (len(by_node[n]), n))]
            for row, _ in facts]
    members: dict[int, list[str]] = {}
    for n, c in chunk_of.items():
        members.setdefault(c, []).append(n)
    chunks = [_chunk(c, members[c], by_node, facts, home) for c in sorted(members)]
    return {"index": {"nodeFields": list(NODE_FIELDS), "nodes": rows, "types": types,
                      "edgeFields": list(EDGE_FIELDS), "refFields": list(REF_FIELDS),
                      "relations": relations, "chunkOf": chunk_of},
            "chunks": chunks}


def _chunk_entities(whole: nx.MultiDiGraph, by_node: Mapping) -> dict[str, int]:
    """Entities with facts not drawn, in the graph's order, into blocks of about CHUNK_FACTS
    facts: a hub has a chunk of its own, the long tail shares one by the hundred."""
    chunk_of, chunk, size = {}, 0, 0
    for n in whole:
        count = len(by_node.get(str(n), ()))
        if not count:
            continue
        if size and size + count > CHUNK_FACTS:
            chunk, size = chunk + 1, 0
        chunk_of[str(n)] = chunk
        size += count
    return chunk_of


_ARTICLES = EDGE_FIELDS.index("articles")
_AT = {f: EDGE_FIELDS.index(f) for f in REF_FIELDS if f in EDGE_FIELDS}


def _chunk(chunk: int, members: list[str], by_node: Mapping, facts: list, home: list) -> dict:
    """Every fact of `members`: in full (with the articles they cite, numbered within the
    chunk) those whose home is this chunk, as a reference the others."""
    table, rows, refs = _ArticleTable(), [], []
    for i in sorted({i for n in members for i in by_node[n]}):
        row, arts = facts[i]
        if home[i] == chunk:
            row = list(row)
            row[_ARTICLES] = [table.add(a) for a in arts]
            rows.append(row)
        else:
            refs.append(_ref(row, arts, home[i]))
    return {"edges": rows, "refs": refs, "articles": table.rows}


def _ref(row: list, arts: list[Mapping], home: int) -> list:
    """A fact as REF_FIELDS: the days and sources of the articles it lists, not the articles."""
    days = sorted({str(a.get("published") or "") for a in arts} - {""})
    sources = sorted({str(a.get("source") or "") for a in arts})
    extra = {"published": days, "sources": sources, "home": home}
    return [extra[f] if f in extra else row[_AT[f]] for f in REF_FIELDS]


def _values(g: nx.MultiDiGraph, lang: str) -> dict:
    """Facts whose object is a value (a year, a number), by subject: no edge can show them."""
    out: dict[str, list] = {}
    for fact in g.graph.get("literal_facts") or ():
        subject = str(fact.get("subject") or "")
        if subject in g:
            rel = str(fact.get("relation") or "")
            out.setdefault(subject, []).append(
                {"relation": rel, "relationLabel": term_label(rel, lang),
                 "value": str(fact.get("value") or ""), "support": as_int(fact.get("support")),
                 "evidence": [str(x) for x in fact.get("evidence") or () if str(x).strip()]})
    return out


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

"""The page: one self-contained HTML file from a template, every script inlined and allowed
by hash in its Content-Security-Policy; article text reaches it only as escaped JSON."""
from __future__ import annotations

import base64
import gzip
import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from ...errors import KGError
from .attrs import articles_of, relation_of
from .labels import DEFAULT_STYLE, FAMILIES, FAMILY_COLORS, FAMILY_NAMES, FAMILY_OF, TYPE_STYLES, term_label, type_label
from .view import Selection
from .vis import page_data, vis_options

ASSETS = Path(__file__).resolve().parents[1] / "assets"


def script_json(value: Any) -> str:
    """JSON that can sit inside a <script> element: no '<', '>' or '&' (so no '</script>'
    and no '<!--'), and no U+2028/2029 line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(_SCRIPT_ESCAPES)


_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                 "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _packed(value: Any) -> str:
    """JSON, gzip'd (without a time stamp, so the page is the same every time) and in
    base64: a fifth of the size for the parser to read, and nothing in it can end a script."""
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=6, mtime=0)).decode("ascii")


def _legend(g: nx.MultiDiGraph, lang: str, data: dict) -> dict:
    types = Counter(str(a.get("type") or "Entity") for _, a in g.nodes(data=True))
    rels = Counter(relation_of(k, a) for _, _, k, a in g.edges(keys=True, data=True))
    sources = Counter(s for _, _, a in g.edges(data=True)
                      for s in ({str(x.get("source") or "") for x in articles_of(a)} or {""}))
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


def scope_note(view: Selection, *, hops: int, relations, since, until) -> str:
    parts = []
    if view.focus is not None:
        parts.append(f"around {view.focus}, {hops} hop{'s' if hops != 1 else ''}")
    if relations:
        parts.append("relations: " + ", ".join(relations))
    if since or until:
        parts.append(f"dates {since or '…'} – {until or '…'}")
    if view.trimmed:
        parts.append(f"drawn: the {view.graph.number_of_nodes()} best-connected of "
                     f"{view.graph.number_of_nodes() + view.trimmed} entities; Find reaches them all")
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


def render_page(view: Selection, *, lang: str, title: str, note: str, size_by: str = "degree") -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from markupsafe import Markup
    from pyvis.network import Network

    whole = view.whole if view.whole is not None else view.graph
    data = page_data(view.graph, lang=lang, size_by=size_by, whole=whole)
    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    net.nodes, net.edges = data["nodes"], data["edges"]  # add_node/add_edge are quadratic
    net.options = vis_options(len(net.nodes))
    nodes, edges, _heading, _h, _w, _options = net.get_network_data()
    payload = {"nodes": nodes, "edges": edges, "options": net.options, "lang": lang,
               "articles": data["articles"], "info": data["info"], "values": data["values"]}
    values = sum(map(len, data["values"].values()))
    scripts = [_asset("vis-network.min.js"), _asset("graph.js")]
    env = Environment(loader=FileSystemLoader(str(ASSETS)),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    return env.get_template("graph.html.j2").render(
        title=title, lang=lang, note=note, legend=_legend(whole, lang, data),
        n_nodes=len(nodes), n_edges=len(edges), n_values=values, csp=_csp(scripts),
        vis_css=Markup(_asset("vis-network.css")), page_css=Markup(_asset("graph.css")),
        vis_js=Markup(scripts[0]), page_js=Markup(scripts[1]),
        data_json=Markup(script_json(payload)),
        reserve=_packed_reserve(data.get("reserve")))


def _packed_reserve(reserve: dict | None) -> dict | None:
    """The index and each chunk packed on its own: the page unpacks the index on the first
    search and a chunk when an entity of it is drawn."""
    if reserve is None:
        return None
    return {"index": _packed(reserve["index"]), "chunks": [_packed(c) for c in reserve["chunks"]]}

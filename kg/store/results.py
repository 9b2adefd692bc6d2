"""SPARQL answers, the same whichever store computed them, and their standard serialisations.

A `QueryResult` holds rdflib terms. SELECT answers iterate as rdflib `ResultRow` values
(index by position, by variable name, or as attributes); ASK answers are truthy or not;
CONSTRUCT/DESCRIBE answers iterate as triples. `serialize` writes the SPARQL 1.1 result
formats (JSON, CSV, TSV, XML) and, for graphs, N-Triples, Turtle, JSON-LD or RDF/XML.

>>> from rdflib import Literal, URIRef
>>> r = QueryResult.select(["s", "n"], [(URIRef("https://kg.example.org/entity/China"),
...                                      Literal("Китай", lang="uk"))])
>>> [row.n for row in r]
[rdflib.term.Literal('Китай', lang='uk')]
>>> r.serialize("csv").decode().splitlines()
['s,n', 'https://kg.example.org/entity/China,Китай']
>>> print(r.table())
s          n
---------  -----
kge:China  Китай
>>> r.html()
'<table class="kg-result"><caption>1 row</caption><thead><tr><th>s</th><th>n</th></tr></thead><tbody><tr><td>kge:China</td><td>Китай</td></tr></tbody></table>'
>>> r.serialize("tsv").decode().splitlines()[1]
'<https://kg.example.org/entity/China>\\t"Китай"@uk'
"""
from __future__ import annotations

import csv
import io
import json
from html import escape as html_escape
from collections.abc import Iterator, Sequence
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.query import ResultRow

from ..errors import UnknownFormatError
from ..vocab import PREFIXES

_XSD_STRING = XSD.string  # made once: a Namespace attribute is a new URIRef each time

SELECT, ASK, CONSTRUCT = "SELECT", "ASK", "CONSTRUCT"

# format name → media type; the names `kg query --format` and `kg serve` accept.
RESULT_FORMATS: dict[str, str] = {
    "json": "application/sparql-results+json",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "xml": "application/sparql-results+xml",
    "table": "text/plain; charset=utf-8",
}
GRAPH_FORMATS: dict[str, str] = {
    "nt": "application/n-triples",
    "turtle": "text/turtle; charset=utf-8",
    "json": "application/ld+json",
    "xml": "application/rdf+xml",
    "table": "text/plain; charset=utf-8",
}


class QueryResult:
    """The answer to one SPARQL query: rows of a SELECT, the truth of an ASK, or triples."""

    def __init__(self, kind: str, vars: Sequence[str] = (), rows: Sequence[tuple] = (),
                 boolean: bool | None = None, triples: Sequence[tuple] = ()):
        self.kind, self.vars, self.rows = kind, list(vars), list(rows)
        self.boolean, self.triples = boolean, list(triples)

    @classmethod
    def select(cls, vars: Sequence[str], rows: Sequence[tuple]) -> "QueryResult":
        return cls(SELECT, vars, rows)

    @classmethod
    def ask(cls, answer: bool) -> "QueryResult":
        return cls(ASK, boolean=bool(answer))

    @classmethod
    def construct(cls, triples: Sequence[tuple]) -> "QueryResult":
        return cls(CONSTRUCT, triples=triples)

    def __iter__(self) -> Iterator:
        if self.kind == SELECT:
            labels = [Variable(v) for v in self.vars]
            for row in self.rows:
                yield ResultRow({v: t for v, t in zip(labels, row) if t is not None}, labels)
        elif self.kind == ASK:
            yield self.boolean
        else:
            yield from self.triples

    def __len__(self) -> int:
        return len(self.rows) if self.kind == SELECT else len(self.triples) if self.kind == CONSTRUCT else 1

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.kind == ASK else len(self) > 0

    def __repr__(self) -> str:
        if self.kind == ASK:
            return f"<QueryResult ASK {self.boolean}>"
        return f"<QueryResult {self.kind} {len(self)} {'rows' if self.kind == SELECT else 'triples'}>"

    def bindings(self) -> list[dict[str, object]]:
        """SELECT rows as dicts of variable name → term, unbound variables left out."""
        return [{v: t for v, t in zip(self.vars, row) if t is not None} for row in self.rows]

    def media_type(self, format: str) -> str:
        formats = RESULT_FORMATS if self.kind != CONSTRUCT else GRAPH_FORMATS
        if format not in formats:
            raise UnknownFormatError(format, formats)
        return formats[format]

    def serialize(self, format: str = "json") -> bytes:
        """The answer in `format`: json, csv, tsv, xml or table; a graph as nt, turtle, json (JSON-LD),
        xml (RDF/XML) or table.

        Raises `UnknownFormatError` for a format this kind of answer cannot be written in.
        """
        self.media_type(format)
        if format == "table":
            return self.table().encode("utf-8") + b"\n"
        if self.kind == CONSTRUCT:
            return _graph_serializers[format](self.triples)
        return _serializers[format](self)

    def table(self, max_width: int = 60) -> str:
        """An aligned plain-text table with prefixed names, for people reading a terminal."""
        if self.kind == ASK:
            return "true" if self.boolean else "false"
        header = self.vars if self.kind == SELECT else ["subject", "predicate", "object"]
        rows = self.rows if self.kind == SELECT else self.triples
        cells = [[_clip(short_name(t), max_width) for t in row] for row in rows]
        widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
        lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip(),
                 "  ".join("-" * w for w in widths)]
        lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
        return "\n".join(lines)


    def html(self, max_rows: int = 500) -> str:
        """An HTML table of the answer with prefixed names, every cell escaped; at most
        `max_rows` rows, with a caption saying how many there are. Jupyter shows it inline."""
        if self.kind == ASK:
            return f"<p><code>{'true' if self.boolean else 'false'}</code></p>"
        header = self.vars if self.kind == SELECT else ["subject", "predicate", "object"]
        rows = (self.rows if self.kind == SELECT else self.triples)[:max_rows]
        shown = "" if len(self) <= max_rows else f", the first {max_rows} shown"
        caption = f"{len(self)} {'row' if self.kind == SELECT else 'triple'}{'s' * (len(self) != 1)}{shown}"
        head = "".join(f"<th>{html_escape(h)}</th>" for h in header)
        body = "".join("<tr>" + "".join(f"<td>{html_escape(short_name(t))}</td>" for t in row) + "</tr>"
                       for row in rows)
        return (f'<table class="kg-result"><caption>{caption}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")

    def _repr_html_(self) -> str:
        return self.html()


def short_name(term: object) -> str:
    """A term as people read it: ``kge:China`` for project IRIs, the text of a literal."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        iri = str(term)
        for prefix, ns in PREFIXES.items():
            local = iri[len(ns):] if iri.startswith(ns) else None
            if local and all(ch.isalnum() or ch in "_-." for ch in local):
                return f"{prefix}:{local}"
        return f"<{iri}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def nt_term(term: object) -> str:
    """A term in N-Triples syntax (one line, escaped), as SPARQL TSV results require."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        text = (str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                .replace("\r", "\\r").replace("\t", "\\t"))
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype and term.datatype != _XSD_STRING:
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    return ""


def _json_term(term: object) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


def _to_json(result: QueryResult) -> bytes:
    if result.kind == ASK:
        doc: dict = {"head": {}, "boolean": bool(result.boolean)}
    else:
        doc = {"head": {"vars": result.vars}, "results": {"bindings": [
            {v: _json_term(t) for v, t in zip(result.vars, row) if t is not None}
            for row in result.rows]}}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _to_csv(result: QueryResult) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if result.kind == ASK:
        writer.writerow(["_askResult"])
        writer.writerow(["true" if result.boolean else "false"])
    else:
        writer.writerow(result.vars)
        for row in result.rows:
            writer.writerow(["" if t is None else f"_:{t}" if isinstance(t, BNode) else str(t)
                             for t in row])
    return buf.getvalue().encode("utf-8")


def _to_tsv(result: QueryResult) -> bytes:
    if result.kind == ASK:
        return b"?_askResult\ntrue\n" if result.boolean else b"?_askResult\nfalse\n"
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    lines += ["\t".join(nt_term(t) for t in row) for row in result.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _xml_term(term: object) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    attrs = ""
    if term.language:
        attrs = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype and term.datatype != XSD.string:
        attrs = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attrs}>{escape(str(term))}</literal>"


def _to_xml(result: QueryResult) -> bytes:
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.kind == ASK:
        out += ["<head/>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>"]
    else:
        out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.vars) + "</head>")
        out.append("<results>")
        for row in result.rows:
            out.append("<result>" + "".join(
                f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(result.vars, row) if t is not None) + "</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out).encode("utf-8")


def _graph(triples: Sequence[tuple]) -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    for t in triples:
        g.add(t)
    return g


_serializers = {"json": _to_json, "csv": _to_csv, "tsv": _to_tsv, "xml": _to_xml}
_graph_serializers = {
    "nt": lambda ts: "".join(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n" for s, p, o in ts).encode("utf-8"),
    "turtle": lambda ts: _graph(ts).serialize(format="turtle").encode("utf-8"),
    "json": lambda ts: _graph(ts).serialize(format="json-ld").encode("utf-8"),
    "xml": lambda ts: _graph(ts).serialize(format="xml").encode("utf-8"),
}

"""The SPARQL 1.1 Protocol's rules, apart from HTTP: what a request asks, what may be sent back.

`inspect` reads a query the way a SPARQL parser would see it (code points unescaped
first, strings, IRIs, comments and names set aside) to learn its form and what the
endpoint refuses before any worker sees it: SERVICE (the server would fetch whatever
IRI the query names) and nesting deep enough to exhaust a parser's stack.

>>> inspect('PREFIX s: <http://x/SERVICE> SELECT * WHERE { ?s ?p "SERVICE" } # SERVICE').service
False
>>> inspect('ASK { \\\\u0053ERVICE <http://127.0.0.1/admin> { ?s ?p ?o } }').service
True
>>> inspect('DESCRIBE <http://example.org/>').form
'DESCRIBE'
>>> negotiate("text/csv;q=0.5, application/sparql-results+xml", "SELECT")
'xml'
>>> negotiate("text/html", "CONSTRUCT") is None
True
>>> negotiate("*/*", "ASK"), negotiate("", "CONSTRUCT"), negotiate("application/*", "DESCRIBE")
('json', 'turtle', 'turtle')
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MAX_DEPTH = 64  # brackets; real queries stay under a dozen, parsers overflow in the thousands

# Media types each kind of answer can be written in, in the order a wildcard picks them.
RESULT_MEDIA = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv", "text/plain": "table",
}
GRAPH_MEDIA = {
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/n-triples": "nt",
    "application/rdf+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "application/ld+json": "json", "application/json": "json", "text/plain": "table",
}
DEFAULT_FORMAT = {"SELECT": "json", "ASK": "json", "CONSTRUCT": "turtle", "DESCRIBE": "turtle"}
FORMAT_NAMES = {"json", "xml", "csv", "tsv", "table", "turtle", "nt"}

# What cannot hold a keyword: strings, IRIs, comments, variables, blank node labels and the
# local part of prefixed names (dots left out, so "ex:a.SERVICE" still shows the keyword).
_MASK = re.compile(r"""
    '{3}(?:'{0,2}(?:[^'\\]|\\.))*'{3} | "{3}(?:"{0,2}(?:[^"\\]|\\.))*"{3}
  | '(?:[^'\\\n\r]|\\.)*' | "(?:[^"\\\n\r]|\\.)*"
  | <[^<>"{}|^`\\\x00-\x20]*>
  | \#[^\n\r]*
  | [?$]\w+
  | _:[\w-]*
  | (?<=:)[\w%-]+
""", re.VERBOSE | re.DOTALL)
_WORD = re.compile(r"[A-Za-z]+")
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD"}


@dataclass(frozen=True)
class Shape:
    """What the lexer learnt of a query or update."""

    form: str | None      # SELECT, ASK, CONSTRUCT, DESCRIBE, UPDATE, or None when none was found
    service: bool         # a SERVICE keyword
    depth: int            # deepest nesting of (), {} and []


def unescape(text: str) -> str:
    r"""Replace \uXXXX and \UXXXXXXXX as SPARQL does before it parses anything.

    >>> unescape(r"\u0041SK {}")
    'ASK {}'
    """
    def char(m: re.Match) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group(0)
    return _ESCAPE.sub(char, text)


def inspect(text: str) -> Shape:
    """The `Shape` of a query or update, read outside strings, IRIs, comments and names.

    SERVICE counts wherever its letters stand in what is left, even glued to other tokens
    ("1SERVICE", "SERVICE:x"): a parser without word boundaries may read them so, and a
    query refused by mistake costs less than a request sent out.
    """
    bare = _MASK.sub(" ", unescape(text))
    upper = bare.upper()
    depth = deepest = 0
    for ch in bare:
        if ch in "({[":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")}]":
            depth = max(depth - 1, 0)
    words = [w.upper() for w in _WORD.findall(bare)]
    form = next(("UPDATE" if w in _UPDATES else w for w in words if w in _FORMS or w in _UPDATES), None)
    return Shape(form, "SERVICE" in upper, deepest)


def negotiate(accept: str, form: str) -> str | None:
    """The format to answer a `form` query in, by the Accept header; None when none fits.

    An empty or absent header, or a wildcard, gets the form's default (JSON results, Turtle
    graphs); a type this kind of answer has no writer for does not count.
    """
    media = GRAPH_MEDIA if form in ("CONSTRUCT", "DESCRIBE") else RESULT_MEDIA
    if not accept.strip():
        return DEFAULT_FORMAT.get(form, "json")
    ranked = []
    for n, part in enumerate(accept.split(",")):
        kind, *params = [x.strip() for x in part.split(";")]
        kind = kind.lower()
        q = _quality(params)
        if q <= 0 or not kind:
            continue
        if kind == "*/*" or kind == "*":
            fmt = DEFAULT_FORMAT.get(form, "json")
        elif kind.endswith("/*"):
            fmt = next((f for m, f in media.items() if m.startswith(kind[:-1])), None)
        else:
            fmt = media.get(kind)
        if fmt is not None:
            ranked.append((-q, n, fmt))
    return min(ranked)[2] if ranked else None


def _quality(params: list[str]) -> float:
    for param in params:
        if param.replace(" ", "").lower().startswith("q="):
            try:
                return float(param.split("=", 1)[1])
            except ValueError:
                return 0.0
    return 1.0


def charset_ok(content_type: str) -> bool:
    """True unless the Content-Type names a charset other than UTF-8 (or its subset ASCII).

    >>> charset_ok("application/sparql-query; charset=UTF-16"), charset_ok("application/sparql-query")
    (False, True)
    """
    for param in content_type.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').lower() in ("utf-8", "utf8", "us-ascii", "ascii")
    return True

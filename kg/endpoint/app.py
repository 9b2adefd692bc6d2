"""The WSGI application of `kg serve`: the SPARQL 1.1 Protocol (queries only) and the page.

Routes: ``/`` the page (DIR/graph.html); ``/sparql`` (also ``/sparql/`` and ``/query``)
GET ``?query=`` or POST (an HTML form, or ``application/sparql-query``), with
``default-graph-uri`` and ``named-graph-uri``; a GET without a query shows a query form.
Answers follow the Accept header (or ``&format=``): SELECT and ASK as JSON, XML, CSV,
TSV or a text table; CONSTRUCT and DESCRIBE as Turtle, N-Triples, RDF/XML or JSON-LD; an
Accept none of these fits gets 406. Updates get 403: the service is read-only.
"""
from __future__ import annotations

import html
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qs

from .protocol import FORMAT_NAMES, GRAPH_MEDIA, MAX_DEPTH, RESULT_MEDIA, charset_ok, inspect, negotiate
from .workers import TEXT, Answer, Job

MAX_BODY = 1 << 20
SPARQL_PATHS = ("/sparql", "/sparql/", "/query")
PAGE_PATHS = ("/", "/index.html", "/graph.html")
ALLOW = "GET, HEAD, POST, OPTIONS"
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "")


class Refusal(Exception):
    """A request the endpoint answers with an error status and a one-line reason."""

    def __init__(self, status: int, reason: str, headers: Iterable[tuple[str, str]] = ()):
        super().__init__(reason)
        self.status, self.reason, self.headers = status, reason, list(headers)


@dataclass
class Settings:
    directory: Path
    allow_service: bool = False
    cors: tuple[str, ...] = ()
    quiet: bool = False
    log: Callable[[str], None] = field(default=lambda line: sys.stderr.write(line + "\n"))


class App:
    """A WSGI callable answering from `run` (a `WorkerPool.run`, or any Job → Answer)."""

    def __init__(self, settings: Settings, run: Callable[[Job], Answer]):
        self.settings, self.run = settings, run

    def __call__(self, environ: dict, start_response) -> list[bytes]:
        method, path = environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO", "/")
        headers: list[tuple[str, str]] = []
        try:
            status, ctype, body, headers = self._route(environ, method, path)
        except Refusal as e:
            status, ctype, body = e.status, TEXT, f"{e.reason}\n".encode()
            headers = e.headers
        headers = self._cors(environ, headers)
        if path in SPARQL_PATHS:
            headers.append(("Vary", "Accept, Origin" if self.settings.cors else "Accept"))
        headers += [("Content-Type", ctype), ("Content-Length", str(len(body))),
                    ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")]
        if not self.settings.quiet:
            self.settings.log(f"kg serve: {environ.get('REMOTE_ADDR', '-')} {method} {path} {status}")
        start_response(f"{status} {HTTPStatus(status).phrase}", headers)
        return [b""] if method == "HEAD" else [body]

    # -- routing -------------------------------------------------------------------------------
    def _route(self, environ: dict, method: str, path: str):
        host = environ.get("HTTP_HOST", "").rsplit(":", 1)[0].strip("[]").lower()
        if host not in LOCAL_HOSTS:
            # A page elsewhere could reach 127.0.0.1 through DNS rebinding; its Host header gives it away.
            raise Refusal(403, "only localhost may use this server")
        if path not in SPARQL_PATHS and path not in PAGE_PATHS:
            raise Refusal(404, "not found; try / or /sparql")
        if method == "OPTIONS":
            return 204, TEXT, b"", [("Allow", ALLOW if path in SPARQL_PATHS else "GET, HEAD, OPTIONS")]
        if path in PAGE_PATHS:
            if method not in ("GET", "HEAD"):
                raise Refusal(405, f"{method} is not allowed here", [("Allow", "GET, HEAD, OPTIONS")])
            return (200, "text/html; charset=utf-8", self._page(), [])
        if method in ("GET", "HEAD"):
            params = _parse_qs(environ.get("QUERY_STRING", ""))
            if "update" in params:
                raise Refusal(400, "updates go by POST, and this endpoint takes none: it is read-only")
            if "query" not in params:
                return (200, "text/html; charset=utf-8", query_form(self.settings.directory.name),
                        [("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                                                     "form-action 'self'")])
        elif method == "POST":
            params = self._post_params(environ)
        else:
            raise Refusal(405, f"{method} is not a SPARQL protocol operation; use GET or POST",
                          [("Allow", ALLOW)])
        if "update" in params:
            if len(params["update"]) != 1 or "query" in params:
                raise Refusal(400, "give exactly one update")
            raise Refusal(403, "updates are refused: this endpoint is read-only")
        return self._query(environ, params)

    def _post_params(self, environ: dict) -> dict[str, list[str]]:
        content_type = environ.get("CONTENT_TYPE", "")
        media = content_type.split(";")[0].strip().lower()
        if media not in ("application/x-www-form-urlencoded", "application/sparql-query",
                         "application/sparql-update"):
            raise Refusal(415, "send a query as application/sparql-query or an HTML form "
                               "(application/x-www-form-urlencoded)")
        if not charset_ok(content_type):
            raise Refusal(415, "send the request in UTF-8")
        try:
            body = _read_body(environ).decode("utf-8")
        except UnicodeDecodeError:
            raise Refusal(400, "the request body is not UTF-8") from None
        params = _parse_qs(environ.get("QUERY_STRING", ""))
        if media == "application/x-www-form-urlencoded":
            for name, values in _parse_qs(body).items():
                params.setdefault(name, []).extend(values)
        else:
            name = "query" if media == "application/sparql-query" else "update"
            if name in params:
                raise Refusal(400, f"give the {name} in the body or the URL, not both")
            params[name] = [body]
        return params

    def _query(self, environ: dict, params: dict[str, list[str]]):
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            raise Refusal(400, "give exactly one query, e.g. /sparql?query=ASK{?s ?p ?o}")
        query = queries[0]
        shape = inspect(query)
        if shape.service and not self.settings.allow_service:
            raise Refusal(403, "SERVICE is refused: this endpoint sends no requests out "
                               "(kg serve --allow-service allows it)")
        if shape.depth > MAX_DEPTH:
            raise Refusal(400, f"the query is nested more than {MAX_DEPTH} deep")
        form = shape.form if shape.form != "UPDATE" else None
        fmt = self._format(environ, params, form or "SELECT")
        default, named = params.get("default-graph-uri"), params.get("named-graph-uri")
        dataset = {} if default is None and named is None else {
            "default_graphs": tuple(default or ()), "named_graphs": tuple(named or ())}
        base = f"http://{environ.get('HTTP_HOST') or '127.0.0.1'}{environ.get('PATH_INFO', '/sparql')}"
        answer = self.run(Job(query, fmt, base=base, **dataset))
        return answer.status, answer.content_type, answer.body, []

    def _format(self, environ: dict, params: dict, form: str) -> str:
        graph = form in ("CONSTRUCT", "DESCRIBE")
        asked = [f for f in params.get("format", []) if f in FORMAT_NAMES]
        if asked:
            fmt = asked[0]
            if fmt in (set(GRAPH_MEDIA.values()) if graph else set(RESULT_MEDIA.values())):
                return fmt
            raise Refusal(400, f"format={fmt} does not fit a {form} query")
        fmt = negotiate(environ.get("HTTP_ACCEPT", ""), form)
        if fmt is None:
            types = ", ".join(sorted(GRAPH_MEDIA if graph else RESULT_MEDIA))
            raise Refusal(406, f"answers to {form} queries can be sent as: {types}")
        return fmt

    # -- the page and CORS ------------------------------------------------------------------------
    def _page(self) -> bytes:
        page = self.settings.directory / "graph.html"
        if page.is_file():
            return page.read_bytes()
        return (b"<!doctype html><meta charset='utf-8'><title>kg</title><p>No graph.html in this folder "
                b"(build without --no-html). Query the graph at <a href='/sparql'>/sparql</a>.")

    def _cors(self, environ: dict, headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
        origin = environ.get("HTTP_ORIGIN")
        allowed = self.settings.cors
        if not origin or not allowed or ("*" not in allowed and origin not in allowed):
            return headers
        headers = headers + [("Access-Control-Allow-Origin", "*" if "*" in allowed else origin)]
        if environ.get("REQUEST_METHOD") == "OPTIONS":
            headers += [("Access-Control-Allow-Methods", ALLOW),
                        ("Access-Control-Allow-Headers", "Accept, Content-Type"),
                        ("Access-Control-Max-Age", "600")]
        return headers


def _parse_qs(text: str) -> dict[str, list[str]]:
    try:
        return parse_qs(text, keep_blank_values=True, errors="strict", max_num_fields=1000)
    except UnicodeDecodeError:
        raise Refusal(400, "the parameters are not UTF-8") from None
    except ValueError:
        raise Refusal(400, "too many parameters") from None


def _read_body(environ: dict) -> bytes:
    stream = environ["wsgi.input"]
    length = environ.get("CONTENT_LENGTH") or ""
    if not length:
        # A chunked body: the server has it whole and marks the end of the stream.
        body = stream.read(MAX_BODY + 1) if environ.get("wsgi.input_terminated") else b""
    else:
        try:
            size = int(length)
        except ValueError:
            raise Refusal(400, "Content-Length is not a number") from None
        if size < 0:
            raise Refusal(400, "Content-Length is negative")
        if size > MAX_BODY:
            raise Refusal(413, f"the request is larger than {MAX_BODY} bytes")
        body = stream.read(size)
    if len(body) > MAX_BODY:
        raise Refusal(413, f"the request is larger than {MAX_BODY} bytes")
    return body


EXAMPLE = """SELECT ?subject ?relation ?object WHERE {
  GRAPH <https://kg.example.org/graph/merged> { ?subject ?relation ?object }
} LIMIT 20"""


def query_form(name: str) -> bytes:
    """A SPARQL query form for a browser: one page, no script, no outside assets."""
    options = "".join(f"<option value='{f}'{' selected' if f == 'table' else ''}>{label}</option>"
                      for f, label in (("table", "text table"), ("json", "JSON"), ("xml", "XML"),
                                       ("csv", "CSV"), ("tsv", "TSV"), ("turtle", "Turtle (CONSTRUCT)"),
                                       ("nt", "N-Triples (CONSTRUCT)")))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SPARQL: {html.escape(name)}</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}textarea{{width:100%;font-family:monospace}}</style>
</head><body>
<h1>SPARQL over {html.escape(name)}</h1>
<p>Read-only. The kg prefixes (kg:, kge:, kga:, kgs:, wd:, prov:, skos:, owl:, rdfs:, rdf:, xsd:,
dcterms:, schema:) are declared.</p>
<form method="get" action="/sparql">
<textarea name="query" rows="12" cols="80">{html.escape(EXAMPLE)}</textarea>
<p><label>Answer as <select name="format">{options}</select></label>
<button type="submit">Run</button></p>
</form>
</body></html>
""".encode("utf-8")

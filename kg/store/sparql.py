"""`SparqlStore`: the graph on a SPARQL 1.1 server, spoken to over HTTP.

Reads go through the SPARQL 1.1 Protocol (queries, results as SPARQL JSON or N-Triples),
each article's graph and the background are written whole through the SPARQL 1.1 Graph
Store Protocol (an HTTP PUT of the graph: sending it again changes nothing), and the
merged view through SPARQL 1.1 Update, in batches. Nothing beyond the standard library
and pyoxigraph's parsers is used, so any server speaking these standards will do.

The store is named by a URL: ``sparql+http://HOST:PORT/PATH`` (or ``https``), the query
endpoint. The update and graph-store endpoints default from the path's layout (see
`Endpoint.parse`) and can be given as ``?update=URL&graph-store=URL``, relative to it.
A user and password are taken from the URL (``http://user:password@host/...``) or from
``KG_SPARQL_USER`` and ``KG_SPARQL_PASSWORD``; kg never writes them anywhere.

The server's default graph holds what `StoreBase` derives for it (the merged view and the
background, each triple once), written like any other graph: the server must answer
queries on its real default graph, not on a union of every graph it computes itself. An update notes what it is
about to change in the graph ``kg:graph/journal`` on the server first, so a writer killed
midway is repaired by the next one, whichever machine it runs on.

>>> Endpoint.parse("http://alice:secret@localhost:7878/query").update
'http://localhost:7878/update'
>>> Endpoint.parse("http://localhost:8890/sparql-auth").graph_store
'http://localhost:8890/sparql-graph-crud-auth'
>>> Endpoint.parse("http://localhost:7200/repositories/news").update
'http://localhost:7200/repositories/news/statements'
>>> public_url("sparql+http://alice:secret@localhost:7878/query")
'sparql+http://localhost:7878/query'
"""
from __future__ import annotations

import base64
import contextlib
import http.client
import json
import os
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from ..errors import QueryError, SparqlServerError, StoreError
from ..vocab import KG, MERGED_GRAPH, PREFIXES
from . import without_credentials
from .base import DEFAULT_GRAPH, DEFAULT_SOURCES, Quad, StoreBase
from .oxigraph import _VOTES, _Terms
from .results import QueryResult, nt_term

ENV_USER, ENV_PASSWORD = "KG_SPARQL_USER", "KG_SPARQL_PASSWORD"
JOURNAL_GRAPH = URIRef("https://kg.example.org/graph/journal")
_JOURNAL = KG.journal
TIMEOUT = 600.0  # seconds one request may take: a large batch or query on a busy server
BATCH = 5_000    # triples in one SPARQL update
_RESULTS = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
            "application/n-triples;q=0.8, text/turtle;q=0.7")
_PARSERS = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
            "application/json": ox.QueryResultsFormat.JSON,
            "application/sparql-results+xml": ox.QueryResultsFormat.XML,
            "text/tab-separated-values": ox.QueryResultsFormat.TSV}
_GRAPH_PARSERS = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
                  "text/turtle": ox.RdfFormat.TURTLE, "application/rdf+xml": ox.RdfFormat.RDF_XML,
                  "application/n-quads": ox.RdfFormat.N_QUADS, "application/trig": ox.RdfFormat.TRIG}
_SERIALISE = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "json-ld": ox.RdfFormat.JSON_LD}
# On the query's first line, so the server's error positions give the query's own lines.
_PROLOGUE = "".join(f"PREFIX {p}: <{ns}> " for p, ns in PREFIXES.items())


def public_url(location: str) -> str:
    """`location` without the user and password it may carry: what may be shown or saved."""
    return without_credentials(location)


@dataclass(frozen=True)
class Endpoint:
    """The three endpoints of a server, and who to log in as (never shown)."""

    query: str
    update: str
    graph_store: str
    user: str | None = None
    password: str | None = None

    @classmethod
    def parse(cls, location: str) -> "Endpoint":
        """The endpoints a URL names. Raises `StoreError` when it is not an http(s) URL.

        Without ``update=`` and ``graph-store=`` parameters, the path chooses: one ending in
        ``/query`` has ``update`` and ``store`` beside it (Oxigraph's server); one ending in
        ``/sparql`` takes updates itself and has ``sparql-graph-crud`` beside it (Virtuoso;
        ``/sparql-auth`` has ``sparql-graph-crud-auth``);
        ``/repositories/NAME`` has ``NAME/statements`` and ``NAME/rdf-graphs/service``
        (GraphDB, RDF4J); any other URL serves all three (a Fuseki dataset).
        """
        location = str(location).removeprefix("sparql+")
        parts = urllib.parse.urlsplit(location)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise StoreError(f"not a SPARQL endpoint URL: {public_url(location)!r}; "
                             "expected sparql+http://HOST:PORT/PATH (or sparql+https://...)")
        params = urllib.parse.parse_qs(parts.query)
        user = urllib.parse.unquote(parts.username) if parts.username else os.environ.get(ENV_USER)
        password = (urllib.parse.unquote(parts.password) if parts.password is not None
                    else os.environ.get(ENV_PASSWORD))
        rest = {k: v for k, v in params.items() if k not in ("update", "graph-store")}
        query = public_url(urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(rest, doseq=True))))
        update, graph_store = _layout(query)
        if "update" in params:
            update = urllib.parse.urljoin(query, params["update"][0])
        if "graph-store" in params:
            graph_store = urllib.parse.urljoin(query, params["graph-store"][0])
        return cls(query, update, graph_store, user, password)


def _layout(query: str) -> tuple[str, str]:
    path = urllib.parse.urlsplit(query).path.rstrip("/")
    if path.endswith("/query"):
        return urllib.parse.urljoin(query, "update"), urllib.parse.urljoin(query, "store")
    if path.endswith(("/sparql", "/sparql-auth")):  # Virtuoso, and its endpoints that ask for a login
        return query, urllib.parse.urljoin(query, path.rpartition("/")[2].replace("sparql", "sparql-graph-crud"))
    head, _, name = path.rpartition("/")
    if head.endswith("/repositories") and name:
        base = query.split("?")[0].rstrip("/")
        return f"{base}/statements", f"{base}/rdf-graphs/service"
    return query, query


class _Client:
    """HTTP requests to one server over a kept-alive connection per thread; failures become
    `SparqlServerError`s naming the URL and the status.

    A user and password go as Basic authentication with every request; a server asking for
    Digest instead (Virtuoso's ``-auth`` endpoints) is answered through urllib's handler,
    which costs a round trip more per request.
    """

    def __init__(self, endpoint: Endpoint):
        self.endpoint = endpoint
        self._local = threading.local()
        self._digest = False
        self._auth = {}
        if endpoint.user is not None:
            token = base64.b64encode(f"{endpoint.user}:{endpoint.password or ''}".encode()).decode()
            self._auth = {"Authorization": f"Basic {token}"}

    def request(self, method: str, url: str, *, body: bytes | None = None, headers: dict | None = None,
                what: str, missing_ok: bool = False) -> tuple[str, bytes]:
        """The response's media type and body. A 404 gives ("", b"") when `missing_ok`."""
        headers = {**(headers or {}), **self._auth}
        try:
            if self._digest:
                status, reason, media, data = self._by_urllib(method, url, body, headers)
            else:
                status, reason, media, data, challenge = self._send(method, url, body, headers)
                if status == 401 and challenge.lower().startswith("digest") and self.endpoint.user is not None:
                    self._digest = True
                    status, reason, media, data = self._by_urllib(method, url, body, headers)
        except (OSError, http.client.HTTPException) as e:
            raise SparqlServerError(url, None, str(getattr(e, "reason", e)) or type(e).__name__, what) from None
        if status == 404 and missing_ok:
            return "", b""
        if status >= 300:
            message = _first_line(data)
            raise SparqlServerError(url, status, f"{reason}{': ' + message if message else ''}", what)
        return media, data

    def _send(self, method: str, url: str, body: bytes | None, headers: dict):
        parts = urllib.parse.urlsplit(url)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        for attempt in (0, 1):
            connection, fresh = self._connection(parts)
            try:
                connection.request(method, target, body=body, headers=headers)
                response = connection.getresponse()
                data = response.read()
            except (ConnectionError, http.client.RemoteDisconnected, http.client.CannotSendRequest):
                connection.close()
                self._local.connections.pop((parts.scheme, parts.netloc), None)
                if fresh or attempt:  # every request kg sends may be sent again: queries, PUTs, DATA updates
                    raise
                continue
            if response.will_close:
                connection.close()
                self._local.connections.pop((parts.scheme, parts.netloc), None)
            return (response.status, response.reason, response.headers.get_content_type(), data,
                    response.headers.get("WWW-Authenticate", ""))
        raise AssertionError("unreachable")

    def _connection(self, parts) -> tuple[http.client.HTTPConnection, bool]:
        connections = getattr(self._local, "connections", None)
        if connections is None:
            connections = self._local.connections = {}
        key = (parts.scheme, parts.netloc)
        if key in connections:
            return connections[key], False
        kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        connections[key] = kind(parts.hostname, parts.port, timeout=TIMEOUT)
        return connections[key], True

    def _by_urllib(self, method: str, url: str, body: bytes | None, headers: dict):
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, self.endpoint.user, self.endpoint.password or "")
        opener = urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords))
        headers = {k: v for k, v in headers.items() if k != "Authorization"}
        try:
            with opener.open(urllib.request.Request(url, data=body, method=method, headers=headers),
                             timeout=TIMEOUT) as response:
                return response.status, response.reason, response.headers.get_content_type(), response.read()
        except urllib.error.HTTPError as e:
            return e.code, e.reason, "", e.read()


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    return text.splitlines()[0][:300] if text else ""


class SparqlStore(StoreBase):
    """A store on a SPARQL 1.1 server at `path`, a URL (see the module's notes).

    Opening it asks the server whether an update was interrupted (a writer repairs it), so a
    server that is down or refuses is a `SparqlServerError` (a `StoreError`) at once.
    """

    name = "sparql"
    url = ""

    def __init__(self, path: str | os.PathLike | None = None, *, read_only: bool = False):
        if path is None:
            raise StoreError("the sparql store needs the URL of a SPARQL endpoint: "
                             "sparql+http://HOST:PORT/PATH")
        super().__init__(None, read_only=read_only)
        self.endpoint = Endpoint.parse(str(path))
        self.url = self.endpoint.query
        self._client = _Client(self.endpoint)
        self._terms = _Terms()
        self._planning = False  # within an update, until it writes: reads are kept
        self._whole: dict[URIRef, set] = {}  # whole graphs the update read: PUT needs them
        self._subjects: dict[tuple, list] = {}  # (subject, graph) → [(predicate, object)]
        self._emptiness: dict[URIRef, bool] = {}  # named graph → holds nothing
        if not read_only and self.needs_recovery():
            self.recover()

    def __repr__(self) -> str:
        return f"<SparqlStore {self.url}{' read-only' if self.read_only else ''}>"

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the sparql store at {self.url} is open read-only")

    # -- the protocol --------------------------------------------------------------------------
    def _select(self, sparql: str, what: str = "read the store") -> ox.QuerySolutions:
        media, body = self._post_query(_PROLOGUE + sparql, [], what)
        result = self._parse_results(media, body)
        if not isinstance(result, ox.QuerySolutions):
            raise SparqlServerError(self.url, None, f"answered a SELECT with {media}", what)
        return result

    def _post_query(self, sparql: str, dataset: list[tuple[str, str]], what: str) -> tuple[str, bytes]:
        form = urllib.parse.urlencode([("query", sparql), *dataset]).encode()
        return self._client.request("POST", self.endpoint.query, body=form, what=what, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": _RESULTS})

    def _parse_results(self, media: str, body: bytes):
        try:
            if media in _PARSERS:
                return ox.parse_query_results(body, format=_PARSERS[media])
            if media in _GRAPH_PARSERS:
                return list(ox.parse(body, format=_GRAPH_PARSERS[media]))
        except SyntaxError as e:
            raise SparqlServerError(self.url, None, f"sent results that cannot be read: {e}",
                                    "read the store") from None
        raise SparqlServerError(self.url, None, f"answered with {media or 'no media type'}, not SPARQL results",
                                "read the store")

    def _update_request(self, operations: Iterable[str], what: str = "write the store") -> None:
        text = " ;\n".join(operations)
        if not text:
            return
        self._client.request("POST", self.endpoint.update, what=what,
                             body=urllib.parse.urlencode({"update": _PROLOGUE + text}).encode(),
                             headers={"Content-Type": "application/x-www-form-urlencoded"})

    def _graph_url(self, graph: URIRef) -> str:
        separator = "&" if "?" in self.endpoint.graph_store else "?"
        if graph == DEFAULT_GRAPH:
            return f"{self.endpoint.graph_store}{separator}default"
        return f"{self.endpoint.graph_store}{separator}{urllib.parse.urlencode({'graph': str(graph)})}"

    def _get_graph(self, graph: URIRef) -> list:
        media, body = self._client.request("GET", self._graph_url(graph), what="read a graph", missing_ok=True,
                                           headers={"Accept": "application/n-triples, text/turtle;q=0.9"})
        if not body:
            return []
        fmt = _GRAPH_PARSERS.get(media)
        if fmt is None:
            raise SparqlServerError(self._graph_url(graph), None, f"answered with {media}, not RDF", "read a graph")
        try:
            return list(ox.parse(body, format=fmt))
        except SyntaxError as e:
            raise SparqlServerError(self._graph_url(graph), None, f"sent RDF that cannot be read: {e}",
                                    "read a graph") from None

    def _put_graph(self, graph: URIRef, triples: Iterable[tuple]) -> None:
        # N-Triples is Turtle: every graph store takes text/turtle.
        body = "".join(f"{_term(s)} {_term(p)} {_term(o)} .\n" for s, p, o in triples).encode("utf-8")
        self._client.request("PUT", self._graph_url(graph), body=body, what="write a graph",
                             headers={"Content-Type": "text/turtle; charset=utf-8"})

    # -- primitives ----------------------------------------------------------------------------
    @contextlib.contextmanager
    def _reading_once(self):
        """Within an update, until it writes, what it reads is kept: its plan asks for a few
        values of each node at a time, each a round trip to the server otherwise."""
        self._planning, self._whole, self._subjects, self._emptiness = True, {}, {}, {}
        try:
            yield
        finally:
            self._planning, self._whole, self._subjects, self._emptiness = False, {}, {}, {}

    def _update(self, new: dict, extra=None, *, force: bool = False):
        with self._reading_once():
            return super()._update(new, extra, force=force)

    def set_background(self, triples: Iterable[tuple]) -> bool:
        with self._reading_once():
            return super().set_background(triples)

    def _default_changes(self, additions: list[Quad], removals: list[Quad]) -> tuple[list, list]:
        """`StoreBase._default_changes`, its one question per triple answered from a few
        batched reads of the subjects involved."""
        subjects = list(dict.fromkeys(q[0] for q in (*additions, *removals) if q[3] in DEFAULT_SOURCES))
        for graph in (DEFAULT_GRAPH, *DEFAULT_SOURCES):
            self._read_subjects([s for s in subjects if (s, graph) not in self._subjects], graph)
        return super()._default_changes(additions, removals)

    def _empty(self, graph: URIRef) -> bool:
        """True when a graph holds nothing (asked once an update): Oxigraph's server takes
        seconds to match a VALUES block in a named graph it does not have, or in a default
        graph just emptied."""
        if graph in self._whole:
            return not self._whole[graph]
        if graph not in self._emptiness:
            self._emptiness[graph] = not self._ask(f"ASK {{ {_in_graph(graph, '?s ?p ?o')} }}")
        return self._emptiness[graph]

    def _read_subjects(self, subjects: list, graph: URIRef) -> None:
        if graph in self._whole:  # read whole already: no need to ask again
            wanted = set(subjects)
            held: dict = {s: [] for s in subjects}
            for s, p, o in self._whole[graph]:
                if s in wanted:
                    held[s].append((p, o))
            self._subjects.update(((s, graph), triples) for s, triples in held.items())
            return
        if self._empty(graph):
            self._subjects.update(((s, graph), []) for s in subjects)
            return
        back = self._terms.from_ox
        for chunk in _chunks(subjects, 500):
            held: dict = {s: [] for s in chunk}
            values = " ".join(_term(s) for s in chunk)
            rows = self._select(f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} {_in_graph(graph, '?s ?p ?o')} }}")
            for row in rows:
                held[back(row[0])].append((back(row[1]), back(row[2])))
            for s, triples in held.items():
                self._subjects[(s, graph)] = triples

    def _match(self, s, p, o, g) -> Iterator[Quad]:
        back = self._terms.from_ox
        if s is None and p is None and o is None and g is not None:
            triples = self._get_graph(g)
            found = {(back(t.subject), back(t.predicate), back(t.object)) for t in triples}
            if self._planning and g not in (MERGED_GRAPH, JOURNAL_GRAPH, DEFAULT_GRAPH):
                self._whole[g] = found
            for t in found:
                yield (*t, g)
            return
        if self._planning and s is not None and g is not None:
            yield from self._match_subject(s, p, o, g)
            return
        terms = [_term(t) if t is not None else f"?{v}" for t, v in ((s, "s"), (p, "p"), (o, "o"), (g, "g"))]
        wanted = [f"?{v}" for t, v in ((s, "s"), (p, "p"), (o, "o"), (g, "g")) if t is None]
        pattern = _in_graph(g, " ".join(terms[:3])) if g is not None else f"GRAPH ?g {{ {' '.join(terms[:3])} }}"
        if not wanted:
            if self._ask(f"ASK {{ {pattern} }}"):
                yield s, p, o, g
            return
        for row in self._select(f"SELECT {' '.join(wanted)} WHERE {{ {pattern} }}"):
            values = iter(row)
            quad = tuple(t if t is not None else back(next(values)) for t in (s, p, o, g))
            if quad[3] != JOURNAL_GRAPH:
                yield quad

    def _subject_triples(self, subjects, graph: URIRef) -> dict:
        """Many subjects' triples in a few requests (500 subjects each), kept for the update."""
        if not self._planning:
            return super()._subject_triples(subjects, graph)
        subjects = list(dict.fromkeys(subjects))
        self._read_subjects([s for s in subjects if (s, graph) not in self._subjects], graph)
        return {s: list(self._subjects[(s, graph)]) for s in subjects}

    def _match_subject(self, s, p, o, g) -> Iterator[Quad]:
        """A subject's triples in a graph, read once per update."""
        held = self._subjects.get((s, g))
        if held is None:
            if self._empty(g):
                held = []
            elif g in self._whole:
                held = [(p_, o_) for s_, p_, o_ in self._whole[g] if s_ == s]
            else:
                back = self._terms.from_ox
                rows = self._select(f"SELECT ?p ?o WHERE {{ {_in_graph(g, _term(s) + ' ?p ?o')} }}")
                held = [(back(row[0]), back(row[1])) for row in rows]
            self._subjects[(s, g)] = held
        for p_, o_ in held:
            if (p is None or p_ == p) and (o is None or o_ == o):
                yield s, p_, o_, g

    def _ask(self, sparql: str) -> bool:
        media, body = self._post_query(_PROLOGUE + sparql, [], "read the store")
        result = self._parse_results(media, body)
        if not isinstance(result, ox.QueryBoolean):
            raise SparqlServerError(self.url, None, f"answered an ASK with {media}", "read the store")
        return bool(result)

    def _apply(self, additions: list[Quad], removals: list[Quad], drop: list[URIRef]) -> None:
        """Whole graphs the update read go back by PUT; the rest (the merged view, the
        default graph) by SPARQL Update: additions first, then removals."""
        whole, self._whole, self._subjects, self._emptiness = self._whole, {}, {}, {}
        for quad in (*additions, *removals):
            if any(isinstance(t, BNode) for t in quad):
                raise StoreError(f"cannot store a blank node on a SPARQL server: {quad}")
        dropped = set(drop)
        adding, removing = _by_graph(additions), _by_graph(removals)
        for graph in whole:
            if graph not in dropped and (graph in adding or graph in removing):
                kept = whole[graph] - set(removing.get(graph, ()))
                self._put_graph(graph, kept | set(adding.get(graph, ())))
        for chunk in _chunks([q for q in additions if q[3] not in whole]):
            self._update_request([f"INSERT DATA {{ {_data(chunk)} }}"])
        for chunk in _chunks([q for q in removals if q[3] not in dropped and q[3] not in whole]):
            self._update_request([f"DELETE DATA {{ {_data(chunk)} }}"])
        if drop:
            self._update_request([f"DROP SILENT GRAPH {_term(g)}" for g in drop])

    def _entity_votes(self, entity: URIRef) -> Counter:
        back = self._terms.from_ox
        rows = self._select(_VOTES.replace("ENTITY", _term(entity)))
        return Counter({(back(row[0]), back(row[1])): int(row[2].value) for row in rows})

    def _graph_names(self) -> Iterator[URIRef]:
        for row in self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"):
            name = self._terms.from_ox(row[0])
            if isinstance(name, URIRef) and name != JOURNAL_GRAPH:
                yield name

    def has_article(self, article_id: str) -> bool:
        from ..rdf import article_iri

        return self._ask(f"ASK {{ GRAPH {_term(article_iri(article_id))} {{ ?s ?p ?o }} }}")

    def _query(self, sparql: str, dataset: tuple[list, list] | None = None, base: str | None = None) -> QueryResult:
        prologue = (f"BASE <{base}> " if base else "") + _PROLOGUE
        params = []
        if dataset is not None:
            default, named = dataset
            # The protocol has no way to say "an empty default graph": name a graph that is none.
            params = [("default-graph-uri", str(g)) for g in default or [_NO_GRAPH]]
            params += [("named-graph-uri", str(g)) for g in named or [_NO_GRAPH]]
        try:
            media, body = self._post_query(prologue + sparql, params, "run the query")
        except SparqlServerError as e:
            if e.status == 400:
                raise QueryError(f"the SPARQL server at {self.url} refused the query: {e.reason}") from None
            raise
        result = self._parse_results(media, body)
        back = self._terms.from_ox
        if isinstance(result, ox.QueryBoolean):
            return QueryResult.ask(bool(result))
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            return QueryResult.select(names, [tuple(back(t) for t in row) for row in result])
        return QueryResult.construct([(back(t.subject), back(t.predicate), back(t.object)) for t in result])

    def _dump(self, out: IO[bytes], format: str, graphs: list[URIRef]) -> None:
        """Graph by graph, each read through the graph store protocol."""
        prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
        if format == "json-ld":
            quads = (ox.Quad(t.subject, t.predicate, t.object,
                             ox.DefaultGraph() if name == DEFAULT_GRAPH else ox.NamedNode(name))
                     for name in graphs for t in self._get_graph(name))
            ox.serialize(quads, out, ox.RdfFormat.JSON_LD)
            return
        if format == "trig":
            out.write("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in prefixes.items()).encode())
        for name in graphs:
            triples = [ox.Triple(t.subject, t.predicate, t.object) for t in self._get_graph(name)]
            label = "" if name == DEFAULT_GRAPH else f" <{name}>"
            if format in ("nt", "nquads"):
                end = f"{label} .\n" if format == "nquads" else " .\n"
                out.write("".join(f"{t.subject} {t.predicate} {t.object}{end}" for t in triples).encode())
                continue
            body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
            if format == "turtle":
                out.write(body)
                continue
            body = b"".join(line for line in body.splitlines(keepends=True) if not line.startswith(b"@prefix "))
            if body.strip():
                out.write(f"{label.strip()} {{\n".lstrip().encode() + body + b"}\n")

    def __len__(self) -> int:
        """Quads in the named graphs (the derived default graph is not counted)."""
        rows = self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                            f"FILTER(?g != {_term(JOURNAL_GRAPH)}) }}")
        return int(next(iter(rows))[0].value)

    # -- the journal lives on the server, beside the data it describes --------------------------
    def _read_journal(self) -> dict:
        rows = list(self._select(f"SELECT ?j WHERE {{ GRAPH {_term(JOURNAL_GRAPH)} {{ ?s {_term(_JOURNAL)} ?j }} }}",
                                 "read the store's journal"))
        if not rows:
            return {}
        try:
            return json.loads(rows[0][0].value)
        except ValueError:
            raise StoreError(f"the journal on the SPARQL server at {self.url} is corrupt; "
                             f"drop the graph <{JOURNAL_GRAPH}> and build again") from None

    def _write_journal(self, journal: dict) -> None:
        self._put_graph(JOURNAL_GRAPH, [(JOURNAL_GRAPH, _JOURNAL, Literal(json.dumps(journal)))])

    def _clear_journal(self) -> None:
        self._update_request([f"DROP SILENT GRAPH {_term(JOURNAL_GRAPH)}"])


_NO_GRAPH = URIRef("urn:kg:no-graph")


def _term(term) -> str:
    if isinstance(term, BNode):
        raise StoreError(f"cannot send a blank node to a SPARQL server: _:{term}")
    return nt_term(term)


def _in_graph(graph: URIRef, pattern: str) -> str:
    """`pattern` matched in `graph`; in the default graph, outside any GRAPH."""
    return f"{{ {pattern} }}" if graph == DEFAULT_GRAPH else f"GRAPH {_term(graph)} {{ {pattern} }}"


def _by_graph(quads: list[Quad]) -> dict:
    out: dict = {}
    for s, p, o, g in quads:
        out.setdefault(g, []).append((s, p, o))
    return out


def _chunks(items: list, size: int = BATCH) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _data(quads: Iterable[Quad]) -> str:
    """Quads as the body of INSERT DATA / DELETE DATA (`DEFAULT_GRAPH`: the default graph)."""
    by_graph = _by_graph(list(quads))
    parts = []
    for g, triples in by_graph.items():
        lines = " ".join(f"{_term(s)} {_term(p)} {_term(o)} ." for s, p, o in triples)
        parts.append(lines if g == DEFAULT_GRAPH else f"GRAPH {_term(g)} {{ {lines} }}")
    return " ".join(parts)


__all__ = ["ENV_PASSWORD", "ENV_USER", "Endpoint", "SparqlStore", "public_url"]

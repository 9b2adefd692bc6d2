"""`kg serve` as an attacker and a clumsy client meet it: HTTP/1.1 on waitress, limits,
concurrent queries under a time limit, SERVICE refused, the protocol's status codes,
content negotiation, CORS only when asked, and the query form. All on 127.0.0.1."""
from __future__ import annotations

import json
import re
import socket
import threading
import urllib.parse
from pathlib import Path

import pytest
from rdflib import Graph

EX = "http://example.org/"
SLOW = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n0 ?o . ?p ?q ?r }")
ASK = "ASK { ?s ?p ?o }"


def data() -> str:
    """Two named graphs: <g1> with 40 numbered things, <g2> with one."""
    lines = [f"<{EX}thing{i}> <{EX}rank> \"{i}\"^^<http://www.w3.org/2001/XMLSchema#integer> <{EX}g1> .\n"
             for i in range(40)]
    lines.append(f"<{EX}other> <{EX}label> \"other\" <{EX}g2> .\n")
    return "".join(lines)


@pytest.fixture(scope="module")
def folder(tmp_path_factory, graph_folder) -> Path:
    return graph_folder(tmp_path_factory.mktemp("serve") / "graph", "oxigraph", data())


@pytest.fixture(scope="module")
def server(folder, start_server):
    with start_server(folder, "-q", "--timeout", "10", "--idle-timeout", "2") as srv:
        yield srv


def sparql(server, query: str, accept: str | None = None, method: str = "GET", **params):
    headers = {"Accept": accept} if accept else {}
    if method == "GET":
        return server.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query, **params}), None, headers)
    headers["Content-Type"] = "application/sparql-query"
    return server.request(method, "/sparql?" + urllib.parse.urlencode(params), query.encode(), headers)


def raw(server, data: bytes, timeout: float = 20) -> bytes:
    """Send bytes as they are and read until the server closes the connection."""
    with socket.create_connection((server.host, server.port), timeout=timeout) as s:
        s.sendall(data)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


def listener():
    """A socket on 127.0.0.1 that notes every connection it gets."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    sock.settimeout(0.2)
    seen, stop = [], threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            seen.append(conn.recv(1024))
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    return sock.getsockname()[1], seen, lambda: (stop.set(), thread.join(5), sock.close())


# -- SERVICE ----------------------------------------------------------------------------------

SSRF = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:PORT/internal/admin> { ?s ?p ?o } }",
    "SELECT * WHERE { service silent <http://127.0.0.1:PORT/internal/admin> { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:PORT/internal/admin> { ?s ?p ?o } }",
    "PREFIX : <http://127.0.0.1:PORT/> SELECT * WHERE { SERVICE:admin { ?s ?p ?o } }",
    "SELECT * WHERE { VALUES ?u { <http://127.0.0.1:PORT/x> } SERVICE ?u { ?s ?p ?o } }",
    'SELECT * WHERE { BIND("""x\\"""" AS ?a) SERVICE <http://127.0.0.1:PORT/> { ?s ?p ?o } BIND("y" AS ?b) }',
    "SELECT * WHERE { ?s ?p ?o .SERVICE<http://127.0.0.1:PORT/>{ ?a ?b ?c } }",
]


@pytest.mark.parametrize("query", SSRF, ids=["plain", "silent", "escaped", "glued", "variable",
                                             "after-a-long-string", "no-spaces"])
def test_service_is_refused_and_nothing_goes_out(server, query):
    port, seen, close = listener()
    try:
        reply = sparql(server, query.replace("PORT", str(port)))
        assert reply.status == 403 and "SERVICE is refused" in reply.text
        reply = sparql(server, query.replace("PORT", str(port)), method="POST")
        assert reply.status == 403
        assert sparql(server, ASK).status == 200
    finally:
        close()
    assert seen == []


def test_service_runs_when_allowed(folder, start_server):
    # The same probe sees the request once --allow-service is given: it can tell.
    port, seen, close = listener()
    try:
        with start_server(folder, "-q", "--allow-service", "--timeout", "20") as srv:
            reply = sparql(srv, SSRF[0].replace("PORT", str(port)))
            assert reply.status in (400, 500)  # the listener answers no SPARQL
    finally:
        close()
    assert seen and b"/internal/admin" in seen[0]


def test_a_service_keyword_in_names_strings_and_iris_is_no_service(server):
    query = (f'PREFIX ex: <{EX}> SELECT ?x WHERE {{ BIND("SERVICE" AS ?x) # SERVICE\n'
             f'OPTIONAL {{ ?service ex:Service <{EX}SERVICE#x> }} }}')
    reply = sparql(server, query)
    assert reply.status == 200, reply.text


# -- concurrency and time limits ------------------------------------------------------------

def test_a_slow_query_does_not_hold_up_a_simple_one(server):
    # Twice in a row: the second slow query comes right after the first was stopped.
    for _ in range(2):
        slow: dict = {}

        def run_slow() -> None:
            slow["reply"] = server.request("GET", "/sparql?" + urllib.parse.urlencode({"query": SLOW}), timeout=120)

        thread = threading.Thread(target=run_slow, daemon=True)
        thread.start()
        thread.join(1.0)  # let it reach a worker; not a timing assertion
        assert thread.is_alive()
        for _ in range(3):
            reply = sparql(server, ASK)
            assert reply.status == 200 and json.loads(reply.body)["boolean"] is True
            assert thread.is_alive()  # answered while the slow query still runs
        thread.join(120)
        assert slow["reply"].status == 503 and "time limit" in slow["reply"].text
    assert sparql(server, ASK).status == 200


def test_a_deeply_nested_query_is_refused_and_the_workers_live_on(server):
    deep = "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000
    reply = sparql(server, deep, method="POST")
    assert reply.status == 400 and "nested" in reply.text
    assert sparql(server, ASK).status == 200


# -- HTTP -------------------------------------------------------------------------------------

def test_http_1_1_with_keep_alive(server):
    q = "/sparql?" + urllib.parse.urlencode({"query": ASK})
    request = f"GET {q} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
    last = request.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n")
    answer = raw(server, request + last)
    assert answer.startswith(b"HTTP/1.1 200") and answer.count(b"HTTP/1.1 200 OK") == 2


@pytest.mark.parametrize("length", ["abc", "-1", "1e3", "99999999999"])
def test_a_bad_content_length_gets_400_not_a_traceback(server, length):
    answer = raw(server, (f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                          f"Content-Length: {length}\r\n\r\nASK {{}}").encode())
    assert re.match(rb"HTTP/1.1 (400|413) ", answer), answer[:200]
    assert b"Traceback" not in answer
    assert sparql(server, ASK).status == 200


def test_a_short_body_is_dropped_after_the_idle_timeout_and_holds_no_worker(server):
    with socket.create_connection((server.host, server.port), timeout=30) as s:
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                  b"Content-Length: 100\r\n\r\nASK")
        assert sparql(server, ASK).status == 200  # answered while the short body waits
        assert s.recv(1024) == b""  # the server closed the silent connection (--idle-timeout 2)


def test_idle_connections_are_capped_and_take_no_threads(folder, start_server):
    with start_server(folder, "-q", "--max-connections", "10", "--idle-timeout", "2") as srv:
        threads_before = _threads(srv.process.pid)
        idle = [socket.create_connection((srv.host, srv.port), timeout=30) for _ in range(25)]
        try:
            reply = sparql(srv, ASK)  # waits for a slot: idle ones are closed after 2 s
            assert reply.status == 200
            assert _threads(srv.process.pid) <= threads_before + 2
        finally:
            for s in idle:
                s.close()


def _threads(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^Threads:\s+(\d+)", status, re.M).group(1))


def test_head_and_options(server):
    get = sparql(server, ASK)
    head = server.request("HEAD", "/sparql?" + urllib.parse.urlencode({"query": ASK}))
    assert head.status == 200 and head.body == b""
    assert head.headers["content-length"] == get.headers["content-length"]
    assert head.headers["content-type"] == get.headers["content-type"]
    options = server.request("OPTIONS", "/sparql")
    assert options.status == 204 and set(options.headers["allow"].split(", ")) == {"GET", "HEAD", "POST", "OPTIONS"}
    assert server.request("HEAD", "/").status == 200
    put = server.request("PUT", "/sparql", b"ASK {}", {"Content-Type": "application/sparql-query"})
    assert put.status == 405 and "POST" in put.headers["allow"]


# -- the protocol -----------------------------------------------------------------------------

def test_updates_are_refused_as_a_read_only_service(server):
    reply = server.request("POST", "/sparql", b"CLEAR ALL", {"Content-Type": "application/sparql-update"})
    assert reply.status == 403 and "read-only" in reply.text
    reply = server.request("POST", "/sparql", b"update=DROP%20ALL", {"Content-Type": "application/x-www-form-urlencoded"})
    assert reply.status == 403
    assert server.request("GET", "/sparql?update=CLEAR%20ALL").status == 400
    assert json.loads(sparql(server, f"ASK {{ GRAPH <{EX}g1> {{ ?s ?p ?o }} }}").body)["boolean"] is True


def test_vary_accept_and_406(server):
    reply = sparql(server, ASK, accept="text/csv")
    assert reply.status == 200 and reply.media == "text/csv" and "Accept" in reply.headers["vary"]
    for accept in ("text/html", "image/png", "application/sparql-results+json;q=0"):
        reply = sparql(server, ASK, accept=accept)
        assert reply.status == 406 and "Accept" in reply.headers["vary"], accept
        assert "application/sparql-results+json" in reply.text
    assert sparql(server, f"CONSTRUCT WHERE {{ <{EX}other> ?p ?o }}", accept="text/csv").status == 406
    assert sparql(server, ASK, accept="text/html, */*;q=0.1").status == 200


@pytest.mark.parametrize("form", ["CONSTRUCT WHERE { ?s ?p ?o }", f"DESCRIBE <{EX}thing1>"])
def test_rdf_xml_when_asked(server, form):
    reply = sparql(server, form, accept="application/rdf+xml")
    assert reply.status == 200 and reply.media == "application/rdf+xml"
    graph = Graph().parse(data=reply.body, format="xml")
    assert len(graph) >= 1 and all(str(s).startswith(EX) for s in graph.subjects())
    reply = sparql(server, form, accept="application/n-triples")
    assert reply.media == "application/n-triples" and reply.body.count(b"\n") == len(graph)


def test_the_protocol_dataset_is_honoured(server):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

    def n(reply):
        assert reply.status == 200, reply.text
        return int(json.loads(reply.body)["results"]["bindings"][0]["n"]["value"])

    assert n(sparql(server, count)) == 41
    assert n(server.request("GET", "/sparql?" + urllib.parse.urlencode(
        {"query": count, "default-graph-uri": f"{EX}g2"}))) == 1
    named = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert n(server.request("GET", "/sparql?" + urllib.parse.urlencode(
        {"query": named, "named-graph-uri": f"{EX}g2"}))) == 1
    # The protocol's dataset overrides the query's own FROM.
    assert n(sparql(server, count.replace("WHERE", f"FROM <{EX}g1> WHERE"), method="POST",
                    **{"default-graph-uri": f"{EX}g2"})) == 1


# -- CORS -----------------------------------------------------------------------------------

def test_no_cors_unless_asked(server):
    reply = server.request("OPTIONS", "/sparql", headers={"Origin": "http://app.example",
                                                           "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in reply.headers
    reply = server.request("GET", "/sparql?" + urllib.parse.urlencode({"query": ASK}),
                           headers={"Origin": "http://app.example"})
    assert reply.status == 200 and "access-control-allow-origin" not in reply.headers


def test_cors_for_the_origin_given(folder, start_server):
    with start_server(folder, "-q", "--cors", "http://app.example") as srv:
        pre = srv.request("OPTIONS", "/sparql", headers={"Origin": "http://app.example",
                                                         "Access-Control-Request-Method": "POST"})
        assert pre.status == 204 and pre.headers["access-control-allow-origin"] == "http://app.example"
        assert "POST" in pre.headers["access-control-allow-methods"]
        get = srv.request("GET", "/sparql?" + urllib.parse.urlencode({"query": ASK}),
                          headers={"Origin": "http://app.example"})
        assert get.headers["access-control-allow-origin"] == "http://app.example"
        assert "Origin" in get.headers["vary"]
        other = srv.request("GET", "/sparql?" + urllib.parse.urlencode({"query": ASK}),
                            headers={"Origin": "http://evil.example"})
        assert other.status == 200 and "access-control-allow-origin" not in other.headers


# -- the query form -------------------------------------------------------------------------

def test_a_browser_gets_a_query_form(tmp_path, graph_folder, start_server):
    folder = graph_folder(tmp_path / 'news <b>&"q"', "memory", data())
    with start_server(folder, "-q") as srv:
        page = srv.request("GET", "/sparql", headers={"Accept": "text/html"})
        assert page.status == 200 and page.media == "text/html"
        text = page.text
        assert "<form" in text and 'name="query"' in text and "<textarea" in text
        assert "news &lt;b&gt;&amp;&quot;q&quot;" in text and "<b>" not in text
        assert not re.search(r"<script|<link|src=|https?://(?!kg\.example\.org)", text)
        assert "default-src 'none'" in page.headers["content-security-policy"]
        # What the form sends is answered.
        sent = srv.request("GET", "/sparql?" + urllib.parse.urlencode({"query": ASK, "format": "table"}))
        assert sent.status == 200 and sent.text.strip() == "true"

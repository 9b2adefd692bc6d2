"""The SERVICE check against the engine itself: queries built from pieces that may hide the
keyword (strings with escapes, IRIs, comments, names, escapes, glued tokens) run on
pyoxigraph beside a listening socket; whenever one reaches the socket, `inspect` must have
seen SERVICE in it."""
from __future__ import annotations

import socket
import threading

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.endpoint.protocol import inspect

KEYWORD = st.sampled_from(["SERVICE", "service", "Service", "\\u0053ERVICE", "SERV\\u0049CE"])
PIECES = st.sampled_from([
    '"x"', "'x'", '"""x\\""""', "'''a''b'''", '"\\""', "<http://e/>", "<http://e/SERVICE>",
    "# SERVICE\n", "#c\n", "?v", "$v", "?SERVICE", "ex:a", "ex:a.b", ":x", "_:b", "1", "true",
    ".", ";", " ", "\n", "{", "}", "(", ")", "SILENT", "ex:", "BIND(1 AS ?z)", "?s ?p ?o",
])


@st.composite
def queries(draw, port: int):
    body = []
    for _ in range(draw(st.integers(1, 8))):
        if draw(st.booleans()):
            body.append(draw(PIECES))
        else:
            glue = draw(st.sampled_from(["", " ", "\n", ":", ".", "1", '"', "}"]))
            target = draw(st.sampled_from([f"<http://127.0.0.1:{port}/p>", ":p", "ex:p", "?u"]))
            body.append(glue + draw(KEYWORD) + draw(st.sampled_from(["", " ", " SILENT "])) + target + "{?a ?b ?c}")
    prefix = f"PREFIX : <http://127.0.0.1:{port}/> PREFIX ex: <http://127.0.0.1:{port}/> "
    values = f"VALUES ?u {{ <http://127.0.0.1:{port}/v> }} "
    return prefix + "SELECT * WHERE { ?s ?p ?o " + values + "".join(body) + " }"


class Listener:
    """A socket on 127.0.0.1 that closes every connection at once and counts them."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.count = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            conn, _ = self.sock.accept()
            self.count += 1
            conn.close()


LISTENER = Listener()
PORT = LISTENER.port
STORE = ox.Store()
STORE.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o")))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(queries(PORT))
def test_every_query_that_reaches_out_is_seen(query):
    before = LISTENER.count
    try:
        for _ in STORE.query(query):
            pass
    except (SyntaxError, OSError, RuntimeError, ValueError):
        pass
    if LISTENER.count > before:  # the engine sent a request out
        assert inspect(query).service, query

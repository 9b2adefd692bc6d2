"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint and the graph page, on localhost.

Queries run in a worker process that opens the store read-only; a query that runs past
the time limit gets its worker killed (a thread could not be stopped) and a 503 answer,
and the next query starts a fresh worker. The folder stays locked against builds while
the server runs.

Routes: ``/`` the page (DIR/graph.html); ``/sparql`` GET ``?query=`` or POST (form
``query=`` or ``application/sparql-query``). Results as JSON, CSV, TSV or XML by the
Accept header (or ``&format=``); CONSTRUCT as Turtle, N-Triples or JSON-LD. Updates are
refused with 400.

>>> negotiate("text/csv;q=0.5, application/sparql-results+xml")
['xml', 'csv']
>>> negotiate("*/*")
[]
"""
from __future__ import annotations

import multiprocessing
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import click

HOST = "127.0.0.1"
MAX_BODY = 1 << 20
MEDIA_FORMATS = {
    "application/sparql-results+json": "json", "application/json": "json",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json",
    "text/plain": "table",
}
FORMAT_NAMES = {"json", "csv", "tsv", "xml", "turtle", "nt", "table"}


def negotiate(accept: str) -> list[str]:
    """Format names the Accept header asks for, best first (wildcards ask for nothing in particular)."""
    ranked = []
    for n, part in enumerate(accept.split(",")):
        media, *params = [x.strip() for x in part.split(";")]
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if media.lower() in MEDIA_FORMATS and q > 0:
            ranked.append((-q, n, MEDIA_FORMATS[media.lower()]))
    seen, out = set(), []
    for _, _, fmt in sorted(ranked):
        if fmt not in seen:
            seen.add(fmt)
            out.append(fmt)
    return out


# -- the worker process ----------------------------------------------------------------------

def _worker_main(conn, directory: str) -> None:
    """Answer (query, formats) requests on `conn` until the parent closes it."""
    from ..errors import KGError, QueryError
    from ..api import KnowledgeGraph
    from ..store.manifest import detect_store, store_path
    from ..store import open_store

    name = detect_store(directory)
    graph = KnowledgeGraph(open_store(name, store_path(directory, name), read_only=True), background=False)
    while True:
        try:
            query, formats = conn.recv()
        except (EOFError, OSError):
            return
        try:
            result = graph.sparql(query)
            fmt = next((f for f in formats if _fits(result, f)), "json" if result.kind != "CONSTRUCT" else "turtle")
            conn.send((200, result.media_type(fmt), result.serialize(fmt)))
        except QueryError as e:
            conn.send((400, "text/plain; charset=utf-8", f"{e}\n".encode()))
        except KGError as e:
            conn.send((500, "text/plain; charset=utf-8", f"{e}\n".encode()))


def _fits(result, fmt: str) -> bool:
    try:
        result.media_type(fmt)
        return True
    except Exception:  # noqa: BLE001 - UnknownFormatError: not a format for this kind of answer
        return False


class QueryRunner:
    """Runs queries one at a time in a worker process that is killed when one overruns."""

    def __init__(self, directory: Path, timeout: float):
        self.directory, self.timeout = directory, timeout
        self._ctx = multiprocessing.get_context("spawn")
        self._lock = threading.Lock()
        self._process = self._conn = None

    def start(self) -> None:
        parent, child = self._ctx.Pipe()
        self._process = self._ctx.Process(target=_worker_main, args=(child, str(self.directory)),
                                          daemon=True, name="kg-serve-worker")
        self._process.start()
        child.close()
        self._conn = parent

    def stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join(5)
            self._conn.close()
            self._process = self._conn = None

    def run(self, query: str, formats: list[str]) -> tuple[int, str, bytes]:
        with self._lock:
            if self._process is None or not self._process.is_alive():
                self.stop()
                self.start()
            try:
                self._conn.send((query, formats))
                if self._conn.poll(self.timeout):
                    return self._conn.recv()
            except (EOFError, OSError, BrokenPipeError):
                self.stop()
                return 500, "text/plain; charset=utf-8", b"the query worker died; try again\n"
            self.stop()
            return (503, "text/plain; charset=utf-8",
                    f"the query ran longer than the time limit ({self.timeout:g} s) and was stopped\n".encode())


# -- HTTP ------------------------------------------------------------------------------------

class Handler(BaseHTTPRequestHandler):
    server_version = "kg-serve"
    runner: QueryRunner
    directory: Path
    quiet = False

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if not self._host_ok():
            return
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html", "/graph.html"):
            self._page()
        elif url.path in ("/sparql", "/query"):
            self._sparql(parse_qs(url.query, keep_blank_values=True))
        else:
            self._send(404, "text/plain; charset=utf-8", b"not found; try / or /sparql?query=...\n")

    def do_POST(self) -> None:  # noqa: N802
        if not self._host_ok():
            return
        url = urlsplit(self.path)
        if url.path not in ("/sparql", "/query"):
            self._send(404, "text/plain; charset=utf-8", b"not found; POST queries to /sparql\n")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._send(413, "text/plain; charset=utf-8", b"query too large\n")
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/x-www-form-urlencoded":
            params.update(parse_qs(body, keep_blank_values=True))
        elif ctype == "application/sparql-query":
            params["query"] = [body]
        elif ctype == "application/sparql-update":
            params["update"] = [body]
        else:
            self._send(415, "text/plain; charset=utf-8",
                       b"send application/sparql-query or an HTML form (application/x-www-form-urlencoded)\n")
            return
        self._sparql(params)

    def _sparql(self, params: dict) -> None:
        if "update" in params:
            self._send(400, "text/plain; charset=utf-8", b"updates are refused: this endpoint is read-only\n")
            return
        queries = params.get("query") or []
        if len(queries) != 1 or not queries[0].strip():
            self._send(400, "text/plain; charset=utf-8", b"give exactly one query, e.g. /sparql?query=ASK{?s ?p ?o}\n")
            return
        wanted = [f for f in params.get("format", []) if f in FORMAT_NAMES]
        status, ctype, body = self.runner.run(queries[0], wanted + negotiate(self.headers.get("Accept", "")))
        self._send(status, ctype, body)

    def _page(self) -> None:
        page = self.directory / "graph.html"
        if page.is_file():
            self._send(200, "text/html; charset=utf-8", page.read_bytes())
        else:
            self._send(200, "text/html; charset=utf-8",
                       b"<!doctype html><title>kg</title><p>No graph.html in this folder "
                       b"(build without --no-html). The SPARQL endpoint is at <a href='/sparql'>/sparql</a>.")

    def _host_ok(self) -> bool:
        # A page on another site could reach 127.0.0.1 through DNS rebinding; its Host header gives it away.
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]").lower()
        if host in ("localhost", "127.0.0.1", "::1", ""):
            return True
        self._send(403, "text/plain; charset=utf-8", b"only localhost may use this server\n")
        return False

    def _send(self, status: int, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        if not self.quiet:
            sys.stderr.write(f"kg serve: {self.address_string()} {format % args}\n")


def make_server(directory: Path, port: int, timeout: float, quiet: bool = False) -> tuple[ThreadingHTTPServer, QueryRunner]:
    runner = QueryRunner(directory, timeout)
    handler = type("BoundHandler", (Handler,), {"runner": runner, "directory": directory, "quiet": quiet})
    try:
        server = ThreadingHTTPServer((HOST, port), handler)
    except OSError as e:
        from ..errors import KGError
        raise KGError(f"cannot listen on {HOST}:{port}: {e.strerror or e}") from None
    server.daemon_threads = True
    return server, runner


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


@click.command("serve")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--timeout", type=click.FloatRange(0.1), default=10.0, show_default=True,
              help="Seconds a query may run before it is stopped.")
@click.option("-q", "--quiet", is_flag=True, help="Do not log requests.")
def serve(directory: Path, port: int, timeout: float, quiet: bool) -> None:
    """Serve the graph in DIRECTORY on localhost: the page at /, SPARQL at /sparql.

    Read-only (updates get 400); queries over the time limit are stopped (503).
    Results follow the Accept header: JSON, CSV, TSV or XML; CONSTRUCT as Turtle.

    \b
    Examples:
      kg serve graph/
      kg serve graph/ --port 8080 --timeout 30
      curl -H 'Accept: text/csv' 'http://127.0.0.1:8000/sparql?query=SELECT%20*%20WHERE%20%7B?s%20?p%20?o%7D%20LIMIT%205'
    """
    from ..store.manifest import detect_store
    from ..store.files import DirLock

    detect_store(directory)  # a clear error now rather than in the worker
    with DirLock(directory, exclusive=False, purpose="serve"):
        server, runner = make_server(directory, port, timeout, quiet)
        runner.start()
        # SIGTERM should clean up like Ctrl-C: stop the worker, release the lock.
        signal.signal(signal.SIGTERM, _interrupt)
        host, bound = server.server_address[:2]
        click.echo(f"kg serve: http://{host}:{bound}/ (SPARQL at /sparql); Ctrl-C stops", err=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
            runner.stop()

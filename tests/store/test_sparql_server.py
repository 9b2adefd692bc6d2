"""The graph on a SPARQL server, end to end: `kg build --store sparql+http://...` into
Oxigraph's own server, then `kg query`, `kg stats`, `kg viz`, `kg serve` and the Python API
on the output folder, against the same build in the on-disk store."""
from __future__ import annotations

import base64
import http.server
import json
import re
import signal
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg import KnowledgeGraph
from kg.cli import main
from kg.errors import SparqlServerError, StoreError
from kg.pipeline import extract
from kg.store import open_store

ROOT = Path(__file__).parents[2]
EXAMPLES, QUERIES = ROOT / "examples" / "articles", sorted((ROOT / "examples" / "queries").glob("*.rq"))
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def run(capsys, *args, extractor=None) -> tuple[int, str, str]:
    code = main([str(a) for a in args], extractor=extractor)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def built(tmp_path_factory, sparql_servers):
    """The examples built twice, extracted once: into the on-disk store and into a server."""
    seen = {}

    def once(article):
        if article.id not in seen:
            seen[article.id] = extract(article)
        return seen[article.id]
    server = sparql_servers.dedicated()
    disk, remote = tmp_path_factory.mktemp("disk"), tmp_path_factory.mktemp("server")
    for folder, store in ((disk, []), (remote, ["--store", server.url])):
        assert main(["build", str(EXAMPLES), "-o", str(folder), "--no-html", "-q", *store], extractor=once) == 0
    return disk, remote, server


@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.stem)
def test_every_example_query_answers_the_same_from_the_server_and_from_disk(built, capsys, query):
    disk, remote, _ = built
    code, on_disk, _ = run(capsys, "query", disk, "-f", query)
    assert code == 0
    code, on_server, err = run(capsys, "query", remote, "-f", query)
    assert code == 0, err
    assert on_server == on_disk
    assert len(on_disk.splitlines()) > 1  # a header and at least one answer


def test_the_folder_remembers_the_server_by_its_url(built):
    _, remote, server = built
    assert json.loads((remote / "manifest.json").read_text())["store"] == server.url
    assert not (remote / "store").exists()


def test_stats_viz_and_the_python_api_read_the_graph_on_the_server(built, capsys, tmp_path):
    disk, remote, _ = built
    assert run(capsys, "stats", remote)[1] == run(capsys, "stats", disk)[1]
    code, _, err = run(capsys, "viz", remote, "-o", tmp_path / "page.html")
    assert code == 0, err
    assert "Kazakhstan" in (tmp_path / "page.html").read_text(encoding="utf-8")
    with KnowledgeGraph.open(remote) as on_server, KnowledgeGraph.open(disk) as on_disk:
        assert on_server.facts() == on_disk.facts()
        assert on_server.stats() == on_disk.stats()


def test_kg_serve_answers_from_the_server(built):
    disk, remote, _ = built
    query = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s kg:cooperatesWith ?o }")
    answers = []
    for folder in (disk, remote):
        proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(folder), "--port", "0"],
                                stderr=subprocess.PIPE, text=True)
        try:
            line = proc.stderr.readline()
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            assert found, line + (proc.stderr.read() if proc.poll() is not None else "")
            threading.Thread(target=proc.stderr.read, daemon=True).start()
            request = urllib.request.Request(f"http://127.0.0.1:{found.group(1)}/sparql?query={query}",
                                             headers={"Accept": "application/sparql-results+json"})
            with urllib.request.urlopen(request, timeout=120) as reply:
                answers.append(json.loads(reply.read())["results"]["bindings"])
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(30)
    assert answers[0] == answers[1] and int(answers[0][0]["n"]["value"]) > 0


# -- credentials and failures ------------------------------------------------------------------

class _Guard(http.server.BaseHTTPRequestHandler):
    """Passes requests on to the real server only with the right Basic credentials."""

    target, credentials = "", ""

    def _forward(self) -> None:
        expected = "Basic " + base64.b64encode(self.credentials.encode()).decode()
        if self.headers.get("Authorization") != expected:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="kg"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)) or None
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
        request = urllib.request.Request(self.target + self.path, data=body, method=self.command, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as reply:
                status, media, data = reply.status, reply.headers.get("Content-Type", ""), reply.read()
        except urllib.error.HTTPError as e:
            status, media, data = e.code, e.headers.get("Content-Type", ""), e.read()
        self.send_response(status)
        if media:
            self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = _forward

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def guarded(sparql_servers):
    """A server that wants user alice, password s3cret: the URL to give kg, without them."""
    server = sparql_servers.fresh()
    handler = type("Guard", (_Guard,), {"target": server.base, "credentials": "alice:s3cret"})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_password_in_the_url_is_used_and_never_written(guarded, capsys, tmp_path, fake_extract, monkeypatch):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("Ties\n\nChina and Kazakhstan agreed to deepen security cooperation.\n")
    out = tmp_path / "out"
    code, summary, err = run(capsys, "build", news, "-o", out, "--no-html", "--store",
                             f"sparql+http://alice:s3cret@{guarded}/query", extractor=fake_extract)
    assert code == 0, err
    assert "s3cret" not in summary + err
    for path in out.rglob("*"):
        if path.is_file():
            assert b"s3cret" not in path.read_bytes(), path
    assert json.loads((out / "manifest.json").read_text())["store"] == f"sparql+http://{guarded}/query"
    # Reading the folder again, the password comes from the environment.
    code, _, err = run(capsys, "stats", out)
    assert code == 1 and f"http://{guarded}/query" in err and "HTTP 401" in err and "KG_SPARQL_USER" in err
    monkeypatch.setenv("KG_SPARQL_USER", "alice")
    monkeypatch.setenv("KG_SPARQL_PASSWORD", "s3cret")
    code, stats, err = run(capsys, "stats", out)
    assert code == 0, err
    assert re.search(r"articles\s+1\b", stats)


def test_a_server_that_is_down_is_an_error_naming_its_url(capsys, tmp_path):
    import socket
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"sparql+http://127.0.0.1:{port}/query"
    with pytest.raises(SparqlServerError, match=f"cannot reach the SPARQL server at http://127.0.0.1:{port}/query"):
        open_store(url)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("Title\n\nText.\n")
    code, _, err = run(capsys, "build", tmp_path / "news", "-o", tmp_path / "out", "--store", url)
    assert code == 1 and f"127.0.0.1:{port}/query" in err


def test_a_server_refusing_names_the_url_and_the_status(sparql_servers):
    server = sparql_servers.fresh()
    with pytest.raises(SparqlServerError, match=rf"{re.escape(server.base)}/nowhere .*HTTP 404") as caught:
        open_store(f"sparql+{server.base}/nowhere")
    assert caught.value.status == 404


def test_a_url_that_is_no_endpoint_is_refused():
    with pytest.raises(StoreError, match="not a SPARQL endpoint URL"):
        open_store("sparql", "ftp://example.org/x")

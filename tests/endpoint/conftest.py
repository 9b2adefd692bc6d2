"""Starting `kg serve` on 127.0.0.1 over a small graph folder, and raw HTTP to it."""
from __future__ import annotations

import contextlib
import http.client
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest
from dataclasses import dataclass
from pathlib import Path


def write_store(directory: Path, store: str, nquads: str) -> Path:
    """A graph folder for `kg serve` holding `nquads` (every quad in a named graph).

    A store's default graph is derived from its named graphs (in a built store, the merged
    view and the background); here it holds the triples of all of them.
    """
    import pyoxigraph as ox

    directory.mkdir(parents=True, exist_ok=True)
    quads = list(ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS))
    quads += [ox.Quad(q.subject, q.predicate, q.object) for q in quads]
    if store == "memory":
        (directory / "store.nq").write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
        return directory
    from kg.store.oxigraph import OxigraphStore

    with OxigraphStore(directory / "store") as target:
        target.native.extend(quads)
    return directory


@dataclass
class Server:
    url: str
    host: str
    port: int
    process: subprocess.Popen

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None, timeout: float = 60) -> "Reply":
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            return Reply(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
        finally:
            conn.close()


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def media(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip()

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@contextlib.contextmanager
def running(directory: Path, *options: str) -> Iterator[Server]:
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(directory), "--port", "0", *options],
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert found, line + proc.stderr.read() if proc.poll() is not None else line
        port = int(found.group(1))
        # Drain the request log so a full pipe never blocks the server.
        threading.Thread(target=proc.stderr.read, daemon=True).start()
        yield Server(f"http://127.0.0.1:{port}", "127.0.0.1", port, proc)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


@pytest.fixture(scope="session")
def start_server():
    """`start_server(folder, *options)`: a context manager running `kg serve` on a free port."""
    return running


@pytest.fixture(scope="session")
def graph_folder():
    """`graph_folder(directory, store, nquads)`: a folder `kg serve` can open."""
    return write_store

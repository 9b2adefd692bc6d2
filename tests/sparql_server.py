"""Oxigraph's own SPARQL server (the `oxigraph` package's command), started for the tests.

Missing, the tests that need it skip on a workstation and fail where KG_REQUIRE_BROWSER=1
or CI is set: CI must run them.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

START_TIMEOUT = 30.0


def oxigraph_command() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def require_oxigraph() -> str:
    command = oxigraph_command()
    if command is None:
        reason = "the oxigraph server is not installed (pip install oxigraph, in the test extra)"
        if os.environ.get("KG_REQUIRE_BROWSER") == "1" or os.environ.get("CI"):
            pytest.fail(f"CI must run the SPARQL server tests, but {reason}")
        pytest.skip(reason)
    return command


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OxigraphServer:
    """One `oxigraph serve` on 127.0.0.1, its data in a temporary folder."""

    def __init__(self, command: str):
        self._dir = tempfile.TemporaryDirectory(prefix="kg-oxigraph-")
        self.port = free_port()
        self.process = subprocess.Popen(
            [command, "serve", "--location", str(Path(self._dir.name) / "data"), "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.base = f"http://127.0.0.1:{self.port}"
        self.url = f"sparql+{self.base}/query"
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"oxigraph serve exited: {self.process.stderr.read().decode()[-500:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"oxigraph serve did not listen on port {self.port} within {START_TIMEOUT} s")

    def clear(self) -> None:
        body = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
        urllib.request.urlopen(urllib.request.Request(f"{self.base}/update", data=body), timeout=30).close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stderr.close()
        self._dir.cleanup()


class ServerPool:
    """Servers started on first use; `fresh()` gives the next one, emptied. Two in turn, so
    a test may compare two stores on servers of their own."""

    size = 2

    def __init__(self):
        self._servers: list[OxigraphServer] = []
        self._own: list[OxigraphServer] = []
        self._next = 0

    def fresh(self) -> OxigraphServer:
        if not self._servers:
            command = require_oxigraph()
            self._servers = [OxigraphServer(command) for _ in range(self.size)]
        server = self._servers[self._next % self.size]
        self._next += 1
        server.clear()
        return server

    def dedicated(self) -> OxigraphServer:
        """A server of its own, outside the rotation (for data kept over several tests)."""
        server = OxigraphServer(require_oxigraph())
        self._own.append(server)
        return server

    def stop(self) -> None:
        for server in self._servers + self._own:
            server.stop()
        self._servers, self._own = [], []

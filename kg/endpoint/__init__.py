"""`kg serve`'s endpoint: a read-only SPARQL 1.1 Protocol service and the graph page.

HTTP/1.1 comes from waitress, a maintained pure-Python WSGI server: it reads each request
whole (headers and body) in its event loop before any thread sees it, so a slow or idle
client holds a socket until `channel_timeout`, never a thread; it caps connections
(`connection_limit`) and body size, and answers a malformed request (a bad Content-Length)
with 400. Queries run in a `WorkerPool` of read-only processes, several at once, each
under the time limit.

>>> Limits().connections, Limits().workers
(100, 2)
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .app import MAX_BODY, App, Settings
from .workers import WorkerPool

HOST = "127.0.0.1"

__all__ = ["App", "Limits", "Settings", "WorkerPool", "make_server", "HOST"]


@dataclass(frozen=True)
class Limits:
    """What one endpoint allows; the defaults are `kg serve`'s."""

    timeout: float = 10.0          # seconds a query may run
    workers: int = 2               # queries that run at once
    connections: int = 100         # open connections; more wait in the listen backlog
    idle: float = 30.0             # seconds a connection may stay silent, mid-request or between
    threads: int = 8               # requests handled at once (waiting for a worker included)


def make_server(settings: Settings, port: int, limits: Limits = Limits()):
    """A waitress server on 127.0.0.1:`port` (0: any free port) and its started `WorkerPool`.

    Call ``server.run()`` to serve, then ``server.close()`` and ``pool.close()``. Raises
    `KGError` when the port is taken or the store cannot be opened.
    """
    from waitress.server import create_server

    from ..errors import KGError

    pool = WorkerPool(Path(settings.directory), size=limits.workers, timeout=limits.timeout)
    pool.start()
    try:
        server = create_server(App(settings, pool.run), host=HOST, port=port, threads=limits.threads,
                               connection_limit=limits.connections, channel_timeout=limits.idle,
                               cleanup_interval=max(1, int(limits.idle // 3)),
                               max_request_body_size=MAX_BODY, ident="kg-serve",
                               clear_untrusted_proxy_headers=True, expose_tracebacks=False)
    except OSError as e:
        pool.close()
        raise KGError(f"cannot listen on {HOST}:{port}: {e.strerror or e}") from None
    return server, pool

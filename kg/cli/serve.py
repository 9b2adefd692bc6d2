"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint and the graph page, on localhost.

The endpoint itself is `kg.endpoint`; this is its command line. The folder stays locked
against builds while the server runs.
"""
from __future__ import annotations

import signal
from pathlib import Path

import click


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


@click.command("serve")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--timeout", type=click.FloatRange(0.1), default=10.0, show_default=True,
              help="Seconds a query may run before it is stopped (503).")
@click.option("--workers", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Queries that run at once, each in its own read-only process.")
@click.option("--max-connections", type=click.IntRange(1), default=100, show_default=True,
              help="Open connections at most; more wait.")
@click.option("--idle-timeout", type=click.FloatRange(1), default=30.0, show_default=True,
              help="Seconds a client may stay silent before its connection is closed.")
@click.option("--cors", "cors", multiple=True, metavar="ORIGIN",
              help="Let pages of ORIGIN (e.g. http://localhost:3000, or *) read the answers; repeatable.")
@click.option("--allow-service", is_flag=True,
              help="Run SERVICE clauses (the server then fetches the IRIs queries name).")
@click.option("-q", "--quiet", is_flag=True, help="Do not log requests.")
def serve(directory: Path, port: int, timeout: float, workers: int, max_connections: int,
          idle_timeout: float, cors: tuple[str, ...], allow_service: bool, quiet: bool) -> None:
    """Serve the graph in DIRECTORY on localhost: the page at /, SPARQL at /sparql.

    Read-only: updates get 403. Queries run several at once, each stopped at the time
    limit (503). Answers follow the Accept header: JSON, XML, CSV, TSV or a table;
    CONSTRUCT and DESCRIBE as Turtle, N-Triples, RDF/XML or JSON-LD; 406 otherwise.
    SERVICE is refused unless --allow-service; no CORS header unless --cors.

    \b
    Examples:
      kg serve graph/
      kg serve graph/ --port 8080 --timeout 30 --workers 4
      kg serve graph/ --cors http://localhost:3000
      curl -H 'Accept: text/csv' 'http://127.0.0.1:8000/sparql?query=SELECT%20*%20WHERE%20%7B?s%20?p%20?o%7D%20LIMIT%205'
    """
    from .. import KnowledgeGraph
    from ..endpoint import Limits, Settings, make_server
    from ..store.files import DirLock

    KnowledgeGraph.open(directory, read_only=True).close()  # a clear error now rather than in a worker
    limits = Limits(timeout=timeout, workers=workers, connections=max_connections, idle=idle_timeout)
    settings = Settings(directory, allow_service=allow_service, cors=tuple(cors), quiet=quiet)
    with DirLock(directory, exclusive=False, purpose="serve"):
        server, pool = make_server(settings, port, limits)
        # SIGTERM should clean up like Ctrl-C: stop the workers, release the lock.
        signal.signal(signal.SIGTERM, _interrupt)
        click.echo(f"kg serve: http://127.0.0.1:{server.effective_port}/ (SPARQL at /sparql); "
                   "Ctrl-C stops", err=True)
        try:
            server.run()
        except KeyboardInterrupt:
            pass
        finally:
            server.close()
            pool.close()

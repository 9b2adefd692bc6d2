"""`kg build` and `kg remove`: create or update an output folder from article files."""
from __future__ import annotations

from pathlib import Path

import click


def _echo_error(error) -> None:
    click.echo(f"kg: {error}", err=True)


def _fail_if(failed: int, what: str) -> None:
    """Exit with status 1 after the summary when some inputs failed (each was reported above)."""
    if failed:
        from ..errors import KGError
        raise KGError(f"{failed} input{'s' * (failed != 1)} {what}; see the messages above")


def _output_list(ctx, param, value: str) -> list[str] | None:
    """``--outputs``: None for all, else the kinds named (`kg.outputs.OUTPUT_NAMES`)."""
    from ..outputs import OUTPUT_NAMES

    value = value.strip().lower()
    if value == "all":
        return None
    kinds = [] if value == "none" else [k.strip() for k in value.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in OUTPUT_NAMES]
    if unknown:
        raise click.BadParameter(f"{', '.join(unknown)}: not an output; choose among {', '.join(OUTPUT_NAMES)}, "
                                 f"all or none")
    return kinds


@click.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", required=True, metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path), help="The output folder.")
@click.option("--store", default=None, metavar="NAME",
              help="Graph store: oxigraph (on disk, the default), memory (saved as store.nq), or "
                   "sparql+http://HOST:PORT/PATH (a SPARQL 1.1 server; see docs/sparql-servers.md).")
@click.option("--force", is_flag=True, help="Read every file again, changed or not.")
@click.option("--no-html", is_flag=True, help="Do not write graph.html.")
@click.option("--batch-size", type=click.IntRange(1), default=200, show_default=True,
              help="Articles written to the store at a time.")
@click.option("-j", "--workers", type=click.IntRange(1), default=None, metavar="N",
              help="Processes extracting articles (default: one a core available; 1: no worker processes). "
                   "With --dask local, the cluster's workers.")
@click.option("--dask", "dask", default=None, metavar="ADDRESS",
              help="Extract on a Dask distributed cluster: its scheduler (tcp://host:8786), or 'local' for a "
                   "cluster on this machine. Needs kg[dask], and kg on every worker.")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
@click.option("--follow-links", is_flag=True, help="Follow links in folders that lead out of the paths given.")
@click.option("--mentions", type=click.Choice(["compact", "full", "none"]), default="compact", show_default=True,
              help="Mentions in the article graphs: one node an entity an article names (how often, where), "
                   "one a span, or none.")
@click.option("--outputs", "outputs", default="all", show_default=True, metavar="LIST", callback=_output_list,
              help="The outputs to write, each from the whole graph: a comma list of ttl, trig, html; all; or "
                   "none (only the store: for frequent small updates of a large graph; kg export writes one "
                   "when needed). An output left out is removed when the graph changes.")
def build(paths: tuple[Path, ...], out_dir: Path, store: str | None, force: bool, no_html: bool,
          batch_size: int, workers: int | None, dask: str | None, quiet: bool, follow_links: bool,
          mentions: str, outputs: list[str] | None) -> None:
    """Build the graph in DIR from article files and folders (.txt, .md, .jsonl, .html).

    Re-running reads only new or changed files; a changed file replaces its articles, and
    a build that was interrupted goes on where it stopped. Inputs of any size are read a
    line or a file at a time and extracted by worker processes (--workers) or on a Dask
    cluster (--dask); the graph is the same either way. On a terminal a progress bar shows
    articles done of the total, articles/s and the time left.
    Writes DIR/graph.ttl (merged view), DIR/graph.trig (one named graph per article),
    DIR/graph.html, and keeps DIR/store for the next run. A file that cannot be read is
    reported on stderr and the rest goes on; the exit status is then 1.

    \b
    Examples:
      kg build news/ -o graph/
      kg build news/2025-06/*.md extra.jsonl -o graph/
      kg build news/ -o graph/ --force --no-html
      kg build wire-2025.jsonl.gz -o graph/ --workers 2
      kg build news/ -o graph/ --dask tcp://scheduler:8786
      kg build today.jsonl.gz -o graph/ --outputs none
    """
    from ..build import build as run_build, progress_display
    from . import chosen_extractor

    progress = None if quiet else progress_display()
    on_error = _echo_error
    if hasattr(progress, "write"):
        def on_error(error) -> None:
            progress.write(f"kg: {error}")
    try:
        report = run_build(paths, out_dir, store=store, html=not no_html, force=force, batch_size=batch_size,
                           progress=progress, on_error=on_error, extractor=chosen_extractor(),
                           follow_links=follow_links, workers=workers, dask=dask, mentions=mentions,
                           outputs=outputs)
    finally:
        if hasattr(progress, "close"):
            progress.close()
    click.echo(report.summary())
    _fail_if(report.failed, "could not be read or extracted")


@click.command("remove")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("items", nargs=-1, required=True, metavar="FILE_OR_ARTICLE_ID...")
@click.option("--no-html", is_flag=True, help="Do not rewrite graph.html.")
@click.option("--outputs", "outputs", default="all", show_default=True, metavar="LIST", callback=_output_list,
              help="The outputs to rewrite, as for kg build: ttl, trig, html, all or none.")
def remove(directory: Path, items: tuple[str, ...], no_html: bool, outputs: list[str] | None) -> None:
    """Drop from the graph in DIRECTORY the articles of input files (or article ids).

    Facts only those articles supported disappear; the others lose that support.
    The files themselves are left alone.

    \b
    Examples:
      kg remove graph/ news/retracted.md
      kg remove graph/ 3f2a9c0d41b7e6a5
    """
    from ..build import remove as run_remove

    report = run_remove(directory, items, html=not no_html, on_error=_echo_error, outputs=outputs)
    click.echo(f"kg remove: {report.removed} articles removed; graph: {report.entities:,} entities, "
               f"{report.facts:,} facts")
    _fail_if(report.failed, "are not part of this graph")

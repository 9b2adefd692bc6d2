"""`kg viz DIR`: write the interactive graph page for a built graph, or a focused part of it."""
from __future__ import annotations

from pathlib import Path

import click

from .. import schema


def _relations(ctx: click.Context, param: click.Parameter, value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [r.strip() for r in value.split(",") if r.strip()]


@click.command("viz")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--focus", metavar="ENTITY", help="Show only this entity's neighbourhood (id or any name).")
@click.option("--hops", type=click.IntRange(0, 10), default=2, show_default=True,
              help="How far from --focus to go.")
@click.option("--relations", callback=_relations, metavar="R1,R2",
              help="Keep only these relations, e.g. attacks,sanctions.")
@click.option("--since", metavar="DATE", help="Keep relations dated on or after YYYY[-MM[-DD]].")
@click.option("--until", metavar="DATE", help="Keep relations dated on or before YYYY[-MM[-DD]].")
@click.option("--lang", type=click.Choice(list(schema.load().languages)), default="en", show_default=True,
              help="Language of the names on the page.")
@click.option("--max-nodes", type=click.IntRange(1), default=500, show_default=True,
              help="Draw at first only this many entities, the best-connected; the page's "
                   "search finds the others and draws them on demand.")
@click.option("--size-by", type=click.Choice(["degree", "mentions"]), default="degree",
              show_default=True, help="What a node's size shows.")
@click.option("--title", help="Page title (default: the focus or the folder name).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("view.html"), show_default=True, help="The HTML file to write.")
def viz(directory: Path, focus: str | None, hops: int, relations: list[str] | None,
        since: str | None, until: str | None, lang: str, max_nodes: int, size_by: str,
        title: str | None, output: Path) -> None:
    """Write an interactive HTML page of the graph in DIRECTORY.

    \b
    Examples:
      kg viz graph/ -o graph.html
      kg viz graph/ --focus China --hops 2 --since 2025-01-01 --lang uk -o china.html
      kg viz graph/ --relations attacks,sanctions,threatens -o conflict.html
    """
    from ..export.html import write_html
    from ..api import KnowledgeGraph

    store = KnowledgeGraph.open(directory)
    try:
        graph = store.to_networkx()
    finally:
        close = getattr(store, "close", None)
        if callable(close):
            close()
    report = write_html(graph, output, lang=lang, focus=focus, hops=hops, relations=relations,
                        since=since, until=until, max_nodes=max_nodes, size_by=size_by,
                        title=title or _default_title(directory, focus))
    click.echo(f"wrote {report.path}: {report.nodes} entities, {report.edges} relations")
    if report.trimmed:
        total = report.nodes + report.trimmed
        click.echo(f"drew the {report.nodes} best-connected of {total} entities (--max-nodes "
                   f"{max_nodes}); the page's search finds the others; for a readable view try "
                   f"--focus ENTITY --hops 1 or 2")


def _default_title(directory: Path, focus: str | None) -> str:
    name = directory.resolve().name or "graph"
    return f"{focus} · {name}" if focus else name

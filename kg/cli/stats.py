"""`kg stats`: what a built graph holds."""
from __future__ import annotations

import json
from pathlib import Path

import click


@click.command("stats")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--top", type=click.IntRange(1), default=10, show_default=True, help="How many top actors.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats(directory: Path, top: int, as_json: bool) -> None:
    """Print the articles, entities, facts, facts per relation and top actors of DIRECTORY.

    Top actors are ranked by the facts they take part in (distinct relation and other party,
    as subject or object; denied facts left out), then by the articles behind those facts:
    the figures examples/queries/top-actors.rq gives.

    \b
    Examples:
      kg stats graph/
      kg stats graph/ --top 25 --json
    """
    from ..api import KnowledgeGraph

    with KnowledgeGraph.open(directory) as graph:
        for note in graph.notes:
            click.echo(f"kg: warning: {note}", err=True)
        figures = graph.stats(top=top)
    if as_json:
        figures["top_actors"] = [{"id": i, "label": label, "facts": facts, "articles": articles}
                                 for i, label, facts, articles in figures["top_actors"]]
        click.echo(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    click.echo(f"articles  {figures['articles']:>9,}")
    click.echo(f"entities  {figures['entities']:>9,}")
    click.echo(f"facts     {figures['facts']:>9,}" +
               (f"   (+{figures['negative_facts']:,} negative)" if figures["negative_facts"] else ""))
    click.echo(f"triples   {figures['triples']:>9,}")
    if figures["relations"]:
        click.echo("\nrelations")
        width = max(map(len, figures["relations"]))
        for relation, count in figures["relations"].items():
            click.echo(f"  {relation:<{width}}  {count:>7,}")
    if figures["top_actors"]:
        width = max(len(a[1]) for a in figures["top_actors"])
        click.echo(f"\ntop actors{'':<{width - 2}}facts  articles")
        for rank, (_, label, facts, articles) in enumerate(figures["top_actors"], 1):
            click.echo(f"  {rank:>2}. {label:<{width}}  {facts:>5,}  {articles:>8,}")

"""`kg extract`: what each article says, as RDF, per the extraction contract."""
from __future__ import annotations

from pathlib import Path

import click

from ..registry import exporters


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="One file for all inputs, its format chosen by the suffix (.ttl, .nt, .trig, .nq, .jsonld, .rdf, ...).")
@click.option("--out-dir", type=click.Path(path_type=Path), help="One DIR/NAME.ttl per input NAME.ext.")
@click.option("--format", "fmt", type=click.Choice(exporters.names()), default=None,
              help="Output format (default: from the suffix of -o; turtle for --out-dir).")
@click.option("--no-mentions", is_flag=True, help="Leave out the mention spans (smaller files).")
@click.option("--follow-links", is_flag=True, help="Follow links in folders that lead out of the paths given.")
def extract(paths: tuple[Path, ...], output: Path | None, out_dir: Path | None, fmt: str | None,
            no_mentions: bool, follow_links: bool) -> None:
    """Extract entities and facts from articles, without background knowledge.

    RDF formats hold what each article said (its named graph's content); other formats
    (GraphML, CSV, HTML, a plugin's) get the articles merged, as `kg export` writes them.

    \b
    Examples:
      kg extract article.txt -o article.ttl
      kg extract news/*.md --out-dir extracted/
      kg extract news/*.md --format graphml -o news.graphml
    """
    from ..pipeline import extract_paths
    from . import chosen_extractor

    if bool(output) == bool(out_dir):
        raise click.UsageError("give exactly one of -o/--output or --out-dir")
    chosen = exporters.choose(output, fmt) if output else exporters.format(fmt or "turtle")
    failed, batch = 0, []
    for item in extract_paths(paths, chosen_extractor(), follow_links=follow_links):
        if not hasattr(item, "article"):  # an InputError: named, and the rest goes on
            click.echo(f"kg: {item}", err=True)
            failed += 1
        elif output:
            batch.append(item)
        else:
            name = Path(item.article.path.split(":")[0]).name.split(".")[0] or item.article.id
            suffix = chosen.suffixes[0] if chosen.suffixes else f".{chosen.name}"
            _write([item], out_dir / f"{name}{suffix}", chosen, mentions=not no_mentions)
    if output:
        _write(batch, output, chosen, mentions=not no_mentions)
    if failed:
        raise click.exceptions.Exit(1)


def _write(extractions: list, path: Path, fmt, *, mentions: bool) -> None:
    """RDF: the articles' own triples. Another format: the exporter, over the articles merged."""
    if fmt.rdf:
        from rdflib import Graph

        from ..rdf import add_all, bind_prefixes, extraction_triples
        from ..atomic import atomic_write

        graph = bind_prefixes(Graph())
        for extraction in extractions:
            add_all(graph, extraction_triples(extraction, mentions=mentions))
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path) as out:
            graph.serialize(out, format=fmt.rdf, encoding="utf-8")
        return
    from ..api import KnowledgeGraph

    with KnowledgeGraph(background=False) as graph:
        graph.add_extractions(extractions)
        exporters.get(fmt.name)(graph, path)

"""`kg extract`: what each article says, as RDF, per the extraction contract."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click

from ..registry import exporters

STDOUT = Path("-")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="One file for all inputs, its format chosen by the suffix (.ttl, .nt, .trig, .nq, .jsonld, "
                   ".rdf, .txt, ...); - writes to stdout (Turtle unless --format says otherwise).")
@click.option("--out-dir", type=click.Path(path_type=Path), help="One DIR/NAME.ttl per input NAME.ext.")
@click.option("--format", "fmt", type=click.Choice(exporters.names()), default=None,
              help="Output format (default: from the suffix of -o; turtle for --out-dir and -o -); "
                   "table is a text table of the facts and entities, for people.")
@click.option("--no-mentions", is_flag=True, help="Leave out the mention spans (smaller files).")
@click.option("--follow-links", is_flag=True, help="Follow links in folders that lead out of the paths given.")
def extract(paths: tuple[Path, ...], output: Path | None, out_dir: Path | None, fmt: str | None,
            no_mentions: bool, follow_links: bool) -> None:
    """Extract entities and facts from articles, without background knowledge.

    RDF formats hold what each article said (its named graph's content): in Turtle the
    article and its facts come first, the entities next and the mention spans last. Other
    formats (a text table, GraphML, CSV, HTML, a plugin's) get the articles merged, as
    `kg export` writes them.

    \b
    Examples:
      kg extract article.txt -o -                  # Turtle on the terminal
      kg extract article.txt -o - --format table   # the facts as a table
      kg extract article.txt -o article.ttl
      kg extract news/*.md --out-dir extracted/
      kg extract news/*.md --format graphml -o news.graphml
    """
    from ..pipeline import extract_paths
    from . import chosen_extractor

    if bool(output) == bool(out_dir):
        raise click.UsageError("give exactly one of -o/--output or --out-dir")
    if output == STDOUT:
        chosen = exporters.format(fmt or "turtle")
    else:
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
    if output == STDOUT:
        _print(batch, chosen, mentions=not no_mentions)
    elif output:
        _write(batch, output, chosen, mentions=not no_mentions)
    if failed:
        raise click.exceptions.Exit(1)


def _write(extractions: list, path: Path, fmt, *, mentions: bool):
    """RDF: the articles' own triples. Another format: the exporter, over the articles merged.
    Returns what the exporter returns (the path, or the paths of a format that writes several)."""
    if fmt.rdf:
        from ..atomic import atomic_write

        data = _rdf_bytes(extractions, fmt, mentions=mentions)
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path) as out:
            out.write(data)
        return path
    from ..api import KnowledgeGraph

    with KnowledgeGraph(background=False) as graph:
        graph.add_extractions(extractions)
        return exporters.get(fmt.name)(graph, path)


def _rdf_bytes(extractions: list, fmt, *, mentions: bool) -> bytes:
    from rdflib import Graph

    from ..export.turtle import readable_turtle
    from ..rdf import add_all, bind_prefixes, extraction_triples

    graph = bind_prefixes(Graph())
    for extraction in extractions:
        add_all(graph, extraction_triples(extraction, mentions=mentions))
    if fmt.rdf == "turtle":
        return readable_turtle(graph)
    return graph.serialize(format=fmt.rdf, encoding="utf-8")


def _print(extractions: list, fmt, *, mentions: bool) -> None:
    """Write the output to stdout: RDF straight away, another format through a temporary file."""
    if fmt.rdf:
        data = _rdf_bytes(extractions, fmt, mentions=mentions)
    else:
        with tempfile.TemporaryDirectory(prefix="kg-extract-") as folder:
            suffix = fmt.suffixes[0] if fmt.suffixes else f".{fmt.name}"
            written = _write(extractions, Path(folder) / f"out{suffix}", fmt, mentions=mentions)
            if isinstance(written, tuple) and len(written) > 1:
                raise click.UsageError(f"the {fmt.name} format writes {len(written)} files, "
                                       f"which stdout cannot hold; give -o FILE{suffix}")
            data = Path(written[0] if isinstance(written, tuple) else written or
                        Path(folder) / f"out{suffix}").read_bytes()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()

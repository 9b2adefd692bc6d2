"""`kg extract`: what each article says, as RDF, per the extraction contract."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import InputError, KGError

FORMATS = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".nq": "nquads", ".jsonld": "json-ld", ".xml": "xml"}


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="One RDF file for all inputs (.ttl, .nt, .trig, .nq, .jsonld).")
@click.option("--out-dir", type=click.Path(path_type=Path), help="One DIR/NAME.ttl per input NAME.ext.")
@click.option("--no-mentions", is_flag=True, help="Leave out the mention spans (smaller files).")
def extract(paths: tuple[Path, ...], output: Path | None, out_dir: Path | None, no_mentions: bool) -> None:
    """Extract entities and facts from articles, without background knowledge.

    \b
    Examples:
      kg extract article.txt -o article.ttl
      kg extract news/*.md --out-dir extracted/
    """
    from ..rdf import add_all, bind_prefixes, extraction_triples
    from ..ingest import read_paths
    from ..pipeline import extract as run
    from ..storage import atomic_write_graph
    from rdflib import Graph

    if bool(output) == bool(out_dir):
        raise click.UsageError("give exactly one of -o/--output or --out-dir")
    if output and output.suffix.lower() not in FORMATS:
        raise KGError(f"{output}: unknown RDF suffix {output.suffix!r}; valid: {', '.join(FORMATS)}")
    failed = 0
    merged = bind_prefixes(Graph()) if output else None
    for item in read_paths(paths):
        if isinstance(item, InputError):
            click.echo(f"kg: {item}", err=True)
            failed += 1
            continue
        extraction = run(item)
        if merged is not None:
            add_all(merged, extraction_triples(extraction, mentions=not no_mentions))
        else:
            graph = add_all(bind_prefixes(Graph()), extraction_triples(extraction, mentions=not no_mentions))
            name = Path(item.path.split(":")[0]).name.split(".")[0] or item.id
            atomic_write_graph(graph, out_dir / f"{name}.ttl", "turtle")
    if merged is not None:
        atomic_write_graph(merged, output, FORMATS[output.suffix.lower()])
    if failed:
        raise click.exceptions.Exit(1)

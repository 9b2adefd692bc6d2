"""`kg export`: write a built graph in another format."""
from __future__ import annotations

from pathlib import Path

import click

from ..registry import exporters


@click.command("export")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(exporters.names()), default=None,
              help="Output format (default: from the file suffix).")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="The file to write (for csv: X.csv gives X.nodes.csv and X.edges.csv).")
@click.option("--no-background", is_flag=True, help="Turtle/N-Triples: leave out the gazetteer graph.")
def export(directory: Path, fmt: str | None, output: Path, no_background: bool) -> None:
    """Export the graph in DIRECTORY as RDF, GraphML, GEXF, CSV tables, HTML or a text table.

    The formats are those of `kg extract` (one table, kg.registry.FORMATS). Turtle,
    N-Triples and RDF/XML hold the merged view (and the background); TriG, N-Quads and
    JSON-LD hold every named graph; GraphML, GEXF and CSV hold the entity graph of kg's
    networkx view, with list attributes as JSON text; table (.txt) lists the facts and
    entities for people. Formats installed by plugins (entry point group kg.exporters)
    are listed too.

    \b
    Examples:
      kg export graph/ -o graph.nq
      kg export graph/ -o graph.rdf
      kg export graph/ --format table -o facts.txt
      kg export graph/ --format graphml -o graph.graphml
      kg export graph/ --format csv -o tables/graph.csv
    """
    from ..api import KnowledgeGraph

    chosen = exporters.choose(output, fmt)
    options = {"background": False} if no_background and chosen.rdf and not chosen.quads else {}
    with KnowledgeGraph.open(directory) as graph:
        written = graph.serialize(output, chosen.name, **options)
    paths = written if isinstance(written, tuple) else (written or output,)
    click.echo("wrote " + "  ".join(str(p) for p in paths))

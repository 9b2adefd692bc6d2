"""`kg query`: run SPARQL over a built graph."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..store.results import GRAPH_FORMATS, RESULT_FORMATS

FORMATS = [*RESULT_FORMATS, *(f for f in GRAPH_FORMATS if f not in RESULT_FORMATS)]


@click.command("query")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from a .rq file.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="table, csv, tsv, json or xml (SPARQL results); nt, turtle or json for CONSTRUCT.")
def query(directory: Path, sparql: str | None, query_file: Path | None, fmt: str) -> None:
    """Run a SPARQL query over the graph in DIRECTORY (articles, merged view, background).

    The prefixes kg: kge: kga: kgs: wd: prov: skos: owl: rdfs: rdf: xsd: dcterms: schema:
    are predeclared. The merged view is the named graph <https://kg.example.org/graph/merged>.

    \b
    Examples:
      kg query graph/ 'SELECT ?o WHERE { kge:China kg:cooperatesWith ?o }'
      kg query graph/ -f examples/queries/cc5-members.rq --format csv
      kg query graph/ 'SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p' --format json
    """
    from ..api import KnowledgeGraph

    if (sparql is None) == (query_file is None):
        raise click.UsageError("give a query, or -f FILE, but not both")
    text = sparql if sparql is not None else query_file.read_text(encoding="utf-8")
    with KnowledgeGraph.open(directory) as graph:
        for note in graph.notes:
            click.echo(f"kg: warning: {note}", err=True)
        result = graph.sparql(text)
    if fmt in ("nt", "turtle") and result.kind != "CONSTRUCT":
        raise click.UsageError(f"--format {fmt} is for CONSTRUCT queries; use table, csv, tsv, json or xml")
    data = result.serialize(fmt)
    sys.stdout.buffer.write(data if data.endswith(b"\n") else data + b"\n")
    sys.stdout.flush()

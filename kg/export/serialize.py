"""RDF exporters of a `KnowledgeGraph`, declared with their formats in `kg.registry.FORMATS`.

Triple formats (Turtle, N-Triples, RDF/XML) hold the merged view and the background graph; quad
formats (TriG, N-Quads, JSON-LD) hold every named graph: articles, merged, background.
Files are written atomically (temporary file, then `os.replace`); on an oxigraph store
the bytes come straight from pyoxigraph's serialisers.

>>> import tempfile, pathlib, kg
>>> g = kg.KnowledgeGraph()
>>> out = pathlib.Path(tempfile.mkdtemp()) / "g.nt"
>>> write_ntriples(g, out) == out
True
"""
from __future__ import annotations

import os
from functools import partial
from pathlib import Path

from ..vocab import GAZETTEER_GRAPH, MERGED_GRAPH


def write_rdf(graph, path: str | os.PathLike, format: str, *, background: bool = True) -> Path:
    """Write `graph` as RDF in `format` (turtle, nt, trig, nquads, json-ld, xml) to `path`.

    Raises `UnknownFormatError` for another format and `StoreError` when writing fails.
    """
    from ..store.base import rdf_format

    fmt = rdf_format(format)
    graphs = None
    if not fmt.quads:
        graphs = [MERGED_GRAPH, GAZETTEER_GRAPH] if background else [MERGED_GRAPH]
    graph.store.dump(path, fmt.name, graphs=graphs)
    return Path(path)


# One writer per format, for the format table (`kg.registry.FORMATS`).
write_turtle = partial(write_rdf, format="turtle")
write_ntriples = partial(write_rdf, format="nt")
write_trig = partial(write_rdf, format="trig")
write_nquads = partial(write_rdf, format="nquads")
write_jsonld = partial(write_rdf, format="json-ld")
write_rdfxml = partial(write_rdf, format="xml")


def write_html(graph, path, **options) -> Path:
    """The interactive page, through `kg.export.html.write_html`."""
    graph.to_html(path, **options)
    return Path(path)

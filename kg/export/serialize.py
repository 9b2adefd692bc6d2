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


def write_turtle(graph, path, **options) -> Path:
    return write_rdf(graph, path, "turtle", **options)


def write_ntriples(graph, path, **options) -> Path:
    return write_rdf(graph, path, "nt", **options)


def write_trig(graph, path, **options) -> Path:
    return write_rdf(graph, path, "trig", **options)


def write_nquads(graph, path, **options) -> Path:
    return write_rdf(graph, path, "nquads", **options)


def write_jsonld(graph, path, **options) -> Path:
    return write_rdf(graph, path, "json-ld", **options)


def write_rdfxml(graph, path, **options) -> Path:
    return write_rdf(graph, path, "xml", **options)


def write_html(graph, path, **options) -> Path:
    """The interactive page, through `kg.export.html.write_html`."""
    graph.to_html(path, **options)
    return Path(path)

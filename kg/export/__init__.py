"""Exporters: RDF, HTML, networkx and tables."""

"""Extraction: Document → entities, mentions and facts. One module per layer."""

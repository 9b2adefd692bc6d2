"""Article → Extraction: the one function every entry point calls."""
from __future__ import annotations

from .model import Article, Extraction


def extract(article: Article) -> Extraction:
    """Entities, mentions and facts of one article (no background knowledge)."""
    return Extraction(article)

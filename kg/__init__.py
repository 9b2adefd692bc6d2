"""kg: a geopolitical knowledge graph builder.

News articles in Ukrainian, Russian and English go in; a merged graph of who does what
with whom comes out, every fact with its evidence.

>>> import kg
>>> g = kg.KnowledgeGraph()
>>> _ = g.add_article(kg.Article.create(
...     "Китай і Казахстан поглиблюють співпрацю у сфері безпеки.", lang="uk"))
>>> [(f.subject, f.relation, f.object) for f in g.facts(relation="cooperatesWith")]
[('China', 'cooperatesWith', 'Kazakhstan')]
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import KGError
from .model import Article, Entity, Extraction, Fact, Mention, Provenance, Qualifiers
from .pipeline import extract

if TYPE_CHECKING:
    from .graph import KnowledgeGraph, build

__all__ = ["KnowledgeGraph", "Article", "Entity", "Extraction", "Fact", "Mention", "Provenance",
           "Qualifiers", "KGError", "build", "extract"]


def __getattr__(name: str):
    # The store and its libraries load only when a graph is made, so `kg extract` starts fast.
    if name in ("KnowledgeGraph", "build"):
        from . import graph
        return getattr(graph, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")

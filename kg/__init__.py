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

from .api import KnowledgeGraph, show
# Bound after the module kg.build is imported, so that the name is the function: the backends
# (pyoxigraph) and the exporters (networkx, pyvis) still load only when used.
from .build import build
from .errors import KGError
from .model import Article, Entity, Extraction, Fact, Mention, Provenance, Qualifiers
from .pipeline import extract

__all__ = ["KnowledgeGraph", "Article", "Entity", "Extraction", "Fact", "Mention", "Provenance",
           "Qualifiers", "KGError", "build", "extract", "show"]

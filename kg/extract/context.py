"""What every extractor reads: the article, its parsed text, its language's lexicon, and the
entity layer already built over it."""
from __future__ import annotations

from dataclasses import dataclass

from ..gazetteer import Gazetteer
from ..model import Article
from ..nlp import Document
from .entities import EntityLayer
from .lexicon import Lexicon


@dataclass(frozen=True)
class Context:
    article: Article
    doc: Document
    lang: str
    lex: Lexicon
    gaz: Gazetteer
    layer: EntityLayer

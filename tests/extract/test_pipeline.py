"""The pipeline's extractor registry: named stages, a clear error for an unknown one."""
from __future__ import annotations

import pytest

from kg.errors import UnknownExtractorError
from kg.model import Article
from kg.pipeline import extract

TEXT = "Президент Казахстану Касим-Жомарт Токаєв заявив, що Казахстан і Китай поглиблюють співпрацю."


def test_stages_can_be_chosen_by_name():
    article = Article.create(TEXT, lang="uk", published="2025-06-17")
    roles_only = {f.relation for f in extract(article, extractors=("roles",)).facts}
    assert roles_only == {"leaderOf"}
    assert "cooperatesWith" in {f.relation for f in extract(article).facts}


def test_unknown_extractor_names_the_valid_ones():
    with pytest.raises(UnknownExtractorError, match="valid: relations, roles"):
        extract(Article.create(TEXT, lang="uk"), extractors=("sentiment",))

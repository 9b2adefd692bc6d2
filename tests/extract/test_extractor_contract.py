"""The contract every registered extractor keeps (built-in or from the ``kg.extractors``
entry point), run alone through `kg.pipeline.extract`: facts of known relations, each with
its provenance in the article; the same facts every time; nothing, and no error, from an
empty article."""
from __future__ import annotations

import pytest

from kg.model import RELATIONS, Article
from kg.pipeline import extract
from kg.registry import extractors

# Written for these tests: an office and a cooperation, told in each language.
ARTICLES = (
    Article.create("Президент Казахстану Касим-Жомарт Токаєв заявив, що Казахстан і Китай поглиблюють "
                   "співпрацю у сфері безпеки.", lang="uk", published="2025-06-17"),
    Article.create("Президент Казахстана Касым-Жомарт Токаев заявил, что Казахстан и Китай расширяют "
                   "сотрудничество в энергетике.", lang="ru", published="2025-06-17"),
    Article.create("Kazakhstan's President Kassym-Jomart Tokayev said that Kazakhstan and China will deepen "
                   "their cooperation in energy.", lang="en", published="2025-06-17"),
)


@pytest.mark.parametrize("name", extractors.names())
def test_an_extractor_gives_facts_with_their_provenance(name):
    facts = [(a, f) for a in ARTICLES for f in extract(a, extractors=(name,)).facts]
    assert facts, f"{name} found nothing in three articles written for it"
    for article, fact in facts:
        assert fact.relation in RELATIONS
        prov = fact.provenance
        assert prov is not None and prov.article_id == article.id
        assert prov.sentence.strip() and prov.sentence in article.text
        assert 0.0 < prov.confidence <= 1.0 and prov.extractor


@pytest.mark.parametrize("name", extractors.names())
def test_an_extractor_is_deterministic(name):
    for article in ARTICLES:
        assert extract(article, extractors=(name,)) == extract(article, extractors=(name,))


@pytest.mark.parametrize("name", extractors.names())
@pytest.mark.parametrize("text", ["", "   \n  ", "..."])
def test_an_empty_article_gives_no_facts(name, text):
    for lang in ("uk", "ru", "en"):
        assert extract(Article.create(text, lang=lang), extractors=(name,)).facts == ()

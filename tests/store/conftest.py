"""Fixtures for the store tests: every registered backend, and hand-made extractions."""
from __future__ import annotations

import pytest


from kg.model import Article, Entity, Extraction, Fact, Provenance, Qualifiers
from kg.registry import stores


def make_extraction(text: str, facts=(), *, entities=None, published: str | None = "2025-01-01",
                    lang: str = "en", title: str = "", source: str = "Wire", confidence: float = 0.8,
                    etype: str = "Country") -> Extraction:
    """An article and what it says. `facts` are (s, relation, o) or (s, relation, o, {qualifiers});
    every entity a fact names gets an English label equal to its id unless `entities` is given."""
    article = Article.create(text, title=title, published=published, lang=lang, source=source)
    made = []
    for f in facts:
        s, rel, o, q = (*f, {}) if len(f) == 3 else f
        made.append(Fact(s, rel, o, Qualifiers(**q), Provenance(article.id, text, 0, len(text), "test", confidence)))
    if entities is None:
        names = sorted({f.subject for f in made} | {f.object for f in made if f.relation != "inception"})
        entities = tuple(Entity(n, etype, (("en", n),)) for n in names)
    return Extraction(article, tuple(entities), (), tuple(made))


@pytest.fixture
def ex():
    return make_extraction


@pytest.fixture(params=stores.names())
def store_name(request) -> str:
    return request.param


@pytest.fixture
def store(store_name):
    s = stores.get(store_name)()
    yield s
    s.close()


@pytest.fixture
def open_disk(store_name, tmp_path):
    """Opens the backend's on-disk store at one path in tmp_path (same path every call)."""
    opened = []

    def open_(**options):
        s = stores.get(store_name)(tmp_path / f"store-{store_name}", **options)
        opened.append(s)
        return s
    yield open_
    for s in opened:
        s.close()

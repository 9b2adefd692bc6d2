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


@pytest.fixture(scope="session")
def new_store(sparql_servers):
    """A new empty store of a backend: in memory, or for ``sparql`` on a test server emptied for it."""
    def new(name: str, **options):
        if name == "sparql":
            return stores.get(name)(sparql_servers.fresh().url, **options)
        return stores.get(name)(**options)
    return new


@pytest.fixture
def store(store_name, new_store):
    s = new_store(store_name)
    yield s
    s.close()


@pytest.fixture
def open_disk(store_name, tmp_path, sparql_servers):
    """Opens the backend's lasting store at one place (the same every call): a path in
    tmp_path, or for ``sparql`` one test server."""
    opened = []
    where = sparql_servers.fresh().url if store_name == "sparql" else tmp_path / f"store-{store_name}"

    def open_(**options):
        s = stores.get(store_name)(where, **options)
        opened.append(s)
        return s
    yield open_
    for s in opened:
        s.close()

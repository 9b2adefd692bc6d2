"""Merge properties, on every backend: idempotent, independent of order and batching, and
removal is the inverse of addition — checked on random small corpora with hypothesis."""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.namespace import RDF


from kg.rdf import statement_iri
from kg.model import Article, Entity, Extraction, Fact, Provenance, Qualifiers
from kg.registry import stores
from kg.store.base import DEFAULT_GRAPH
from kg.vocab import GAZETTEER_GRAPH, KG, MERGED_GRAPH

ENTITIES = ["A", "B", "C", "D"]
RELATIONS = ["cooperatesWith", "supports", "attacks", "meetsWith"]

fact_spec = st.tuples(
    st.sampled_from(ENTITIES), st.sampled_from(RELATIONS), st.sampled_from(ENTITIES),
    st.sampled_from([(), ("security",), ("trade",)]),
    st.sampled_from(["positive", "positive", "negative"]),
    st.sampled_from(["", "2025-01", "2025-03-04"]),
    st.sampled_from([0.3, 0.5, 0.9]),
    st.sampled_from(["", "", "planned"]),                # planned meetings are not asserted
).filter(lambda f: f[0] != f[2])

article_spec = st.tuples(
    st.integers(0, 30),                                  # text variant → article id
    st.lists(fact_spec, min_size=0, max_size=4),
    st.sampled_from([None, "2025-02-01", "2025-05-09"]),
    st.sampled_from(["Country", "Organization"]),        # entities' type in this article
    st.sampled_from(["en", "uk"]),                       # and the language of their label
)


def make(spec) -> Extraction:
    n, facts, published, etype, lang = spec
    text = f"Article number {n} about {len(facts)} things."
    article = Article.create(text, published=published, lang="en", source=f"S{n % 3}")
    made = tuple(Fact(s, r, o, Qualifiers(domain=d, polarity=pol, date=date, modality=m),
                      Provenance(article.id, f"{s} {r} {o} ({n}).", confidence=c))
                 for s, r, o, d, pol, date, c, m in facts)
    names = sorted({x for f in made for x in (f.subject, f.object)})
    entities = tuple(Entity(x, etype, ((lang, f"{x}-{lang}"),)) for x in names)
    return Extraction(article, entities, (), made)


def corpus(specs) -> list[Extraction]:
    """One extraction per article id (the last one wins), as a build would hold."""
    by_id = {}
    for spec in specs:
        e = make(spec)
        by_id[e.article.id] = e
    return list(by_id.values())


def fresh(name: str):
    return stores.get(name)()


def state(store) -> set:
    return set(store.quads())


corpora = st.lists(article_spec, min_size=1, max_size=6).map(corpus)
settings_ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("name", stores.names())
@settings_
@given(extractions=corpora, data=st.data())
def test_the_order_of_articles_does_not_matter(new_store, name, extractions, data):
    shuffled = data.draw(st.permutations(extractions))
    one_by_one, reversed_order = new_store(name), new_store(name)
    for e in shuffled:
        one_by_one.update([e])
    reversed_order.update(list(reversed(extractions)))
    assert state(one_by_one) == state(reversed_order)


@pytest.mark.parametrize("name", stores.names())
@settings_
@given(extractions=corpora)
def test_adding_again_changes_nothing(new_store, name, extractions):
    s = new_store(name)
    s.update(extractions)
    before = state(s)
    changes = s.update(extractions)
    assert state(s) == before
    assert changes.quads_added == changes.quads_removed == 0
    assert changes.unchanged == len(extractions)


@pytest.mark.parametrize("name", stores.names())
@settings_
@given(extractions=corpora, data=st.data())
def test_removing_articles_is_the_inverse_of_adding_them(new_store, name, extractions, data):
    gone = data.draw(st.sets(st.sampled_from([e.article.id for e in extractions])))
    s = new_store(name)
    s.update(extractions)
    s.remove_articles(gone)
    expected = new_store(name)
    expected.update([e for e in extractions if e.article.id not in gone])
    assert state(s) == state(expected)


@pytest.mark.parametrize("name", stores.names())
@settings_
@given(extractions=corpora, data=st.data())
def test_replacing_an_article_equals_building_with_the_new_version(new_store, name, extractions, data):
    target = data.draw(st.sampled_from(extractions))
    replacement = make((0, data.draw(st.lists(fact_spec, max_size=3)), "2025-07-07", "Country", "en"))
    replacement = Extraction(target.article, replacement.entities, (), tuple(
        Fact(f.subject, f.relation, f.object, f.qualifiers,
             Provenance(target.article.id, f.provenance.sentence, confidence=f.provenance.confidence))
        for f in replacement.facts))
    s = new_store(name)
    s.update(extractions)
    s.update([replacement])
    expected = new_store(name)
    expected.update([e for e in extractions if e is not target] + [replacement])
    assert state(s) == state(expected)


@settings_
@given(extractions=corpora)
def test_merged_counts_and_confidence_follow_the_articles(extractions):
    s = fresh("memory")
    s.update(extractions)
    behind = defaultdict(dict)   # merged node → article id → best confidence
    for e in extractions:
        for f in e.facts:
            node = statement_iri(f)
            behind[node][e.article.id] = max(behind[node].get(e.article.id, 0.0), f.provenance.confidence)
    nodes = {q[0] for q in s.quads(None, RDF.type, RDF.Statement, MERGED_GRAPH)}
    assert nodes == set(behind)
    for node, confidences in behind.items():
        [support] = [int(q[2]) for q in s.quads(node, KG.supportCount, None, MERGED_GRAPH)]
        [combined] = [Decimal(str(q[2])) for q in s.quads(node, KG.confidence, None, MERGED_GRAPH)]
        assert support == len(confidences)
        remaining = 1.0
        for c in sorted(confidences.values()):
            remaining *= 1 - c
        assert combined == Decimal(f"{1 - remaining:.4f}").normalize()


@settings_
@given(extractions=corpora)
def test_backends_agree(new_store, extractions):
    states = []
    for name in stores.names():
        s = new_store(name)
        s.update(extractions)
        states.append(state(s))
    assert all(x == states[0] for x in states)


@pytest.mark.parametrize("name", stores.names())
@settings_
@given(extractions=corpora, data=st.data())
def test_the_default_graph_stays_the_union_of_the_merged_view_and_the_background(new_store, name, extractions, data):
    from rdflib import URIRef

    s = new_store(name)
    s.set_background([(URIRef("https://kg.example.org/entity/A"), RDF.type, KG.Country),
                      (URIRef("https://kg.example.org/entity/A"), RDF.type, KG.Organization)])
    s.update(extractions)
    s.remove_articles(data.draw(st.sets(st.sampled_from([e.article.id for e in extractions]))))
    s.set_background(data.draw(st.sampled_from([[], [(URIRef("https://kg.example.org/entity/A"), RDF.type, KG.Country)]])))
    union = {q[:3] for g in (MERGED_GRAPH, GAZETTEER_GRAPH) for q in s.quads(None, None, None, g)}
    assert {q[:3] for q in s.quads(None, None, None, DEFAULT_GRAPH)} == union
    assert len(s.query("SELECT * WHERE { ?s ?p ?o }")) == len(union)


popular = st.lists(st.tuples(st.sampled_from(["2025-01-05", "2025-02-10", None, "2024-12-31"]),
                             st.sampled_from([0.9, 0.95, 0.7]), st.integers(1, 3), st.sampled_from(["", "2025-01"]),
                             st.sampled_from(["", "", "planned"])),
                   min_size=6, max_size=14)


def popular_corpus(specs) -> list[Extraction]:
    """Many articles repeating one fact: its confidence reaches 1 and stays there."""
    out = []
    for n, (published, confidence, repeats, date, modality) in enumerate(specs):
        a = Article.create(f"Report {n} on A and B.", published=published, source=f"S{n % 2}")
        facts = tuple(Fact("B" if k % 2 else "A", "meetsWith", "A" if k % 2 else "B",
                           Qualifiers(date=date, modality=modality),
                           Provenance(a.id, f"Sentence {k} of report {n}.", confidence=confidence))
                      for k in range(repeats))
        out.append(Extraction(a, (Entity("A", "Country", (("en", "A"),)),), (), facts))
    return out


@pytest.mark.parametrize("name", stores.names())
@settings_
@given(specs=popular, data=st.data())
def test_a_much_repeated_fact_merges_the_same_one_article_at_a_time(new_store, name, specs, data):
    extractions = popular_corpus(specs)
    order = data.draw(st.permutations(extractions))
    gone = data.draw(st.sets(st.sampled_from([e.article.id for e in extractions]), max_size=3))
    incremental, at_once = new_store(name), new_store(name)
    for e in order:
        incremental.update([e])
    incremental.remove_articles(gone)
    at_once.update([e for e in extractions if e.article.id not in gone])
    assert state(incremental) == state(at_once)


awkward_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)


@settings_
@given(extractions=corpora, sentence=awkward_text, title=awkward_text)
def test_oxigraphs_bulk_path_stores_what_its_transactional_path_stores(extractions, sentence, title):
    """Large updates go through N-Quads text and the bulk loader: quotes, backslashes,
    newlines and any other character must come out as they went in."""
    odd = Article.create(sentence, title=title, lang="uk", published="2025-01-01")
    extractions = extractions + [Extraction(odd, (Entity("A", "Country", (("uk", title),)),), (), (
        Fact("A", "supports", "B", Qualifiers(), Provenance(odd.id, sentence, confidence=0.4)),))]
    bulk, small = fresh("oxigraph"), fresh("oxigraph")
    bulk.bulk_threshold = 0
    bulk.update(extractions)
    small.update(extractions)
    assert state(bulk) == state(small)
    assert len(bulk.query("SELECT * WHERE { ?s ?p ?o }")) == len(small.query("SELECT * WHERE { ?s ?p ?o }"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(extractions=corpora, sentence=awkward_text, title=awkward_text)
def test_text_reaches_a_sparql_server_and_comes_back_unchanged(new_store, extractions, sentence, title):
    """Article graphs go to the server as Turtle and the merged view as SPARQL Update text:
    quotes, backslashes, newlines and any other character must come back as they went."""
    odd = Article.create(sentence, title=title, lang="uk", published="2025-01-01")
    extractions = extractions + [Extraction(odd, (Entity("A", "Country", (("uk", title),)),), (), (
        Fact("A", "supports", "B", Qualifiers(), Provenance(odd.id, sentence, confidence=0.4)),))]
    remote, local = new_store("sparql"), new_store("memory")
    remote.update(extractions)
    local.update(extractions)
    assert state(remote) == state(local)
    remote.remove_articles([odd.id])
    local.remove_articles([odd.id])
    assert state(remote) == state(local)

"""The GraphStore contract: one suite, run against every registered backend."""
from __future__ import annotations

import io
from decimal import Decimal

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.errors import InputError, QueryError, StoreError, UnknownFormatError
from kg.rdf import article_iri, extraction_triples, statement_iri
from kg.model import Fact, Qualifiers
from kg.registry import stores
from kg.store import GraphStore
from kg.store.merge import canonical
from kg.vocab import GAZETTEER_GRAPH, KG, KGE, MERGED_GRAPH, WD

M = MERGED_GRAPH
# rdflib's own parsers call its deprecated Dataset API when the tests read dumps back.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def merged_node(fact: Fact) -> URIRef:
    return statement_iri(fact)


def values(store, node, pred, graph=M) -> set:
    return {q[2] for q in store.quads(node, pred, None, graph)}


def one(store, node, pred, graph=M):
    found = values(store, node, pred, graph)
    assert len(found) == 1, (node, pred, found)
    return found.pop()


def all_quads(store) -> set:
    return set(store.quads())


CHINA_KZ = Fact("China", "cooperatesWith", "Kazakhstan", Qualifiers(domain=("security",)))


# -- shape of a store ------------------------------------------------------------------------

def test_every_backend_satisfies_the_protocol(store):
    assert isinstance(store, GraphStore)
    assert store.name in stores.names()


def test_a_new_store_is_empty(store):
    assert len(store) == 0
    assert store.article_ids() == set()
    assert store.query("ASK { ?s ?p ?o }").boolean is False


def test_an_article_gets_its_own_named_graph_holding_what_it_said(store, ex):
    e = ex("China and Kazakhstan deepen security ties.", [("China", "cooperatesWith", "Kazakhstan", {"domain": ("security",)})])
    assert store.add_extraction(e) is True
    graph = article_iri(e.article.id)
    held = {q[:3] for q in store.quads(None, None, None, graph)}
    said = {(s, p, canonical(o)) for s, p, o in extraction_triples(e)}
    assert said <= held
    assert held - said == {(statement_iri(e.facts[0], e.article.id), KG.mergedInto, merged_node(e.facts[0]))}
    assert store.article_ids() == {e.article.id}
    assert store.has_article(e.article.id)
    assert {graph, M} <= store.graph_names()


# -- merging ---------------------------------------------------------------------------------

def test_the_merged_statement_carries_terms_qualifiers_evidence_and_counts(store, ex):
    e = ex("China and Kazakhstan deepen security ties.",
           [("China", "cooperatesWith", "Kazakhstan", {"domain": ("security",), "date": "2025-06-17", "place": "Astana"})],
           published="2025-06-18", source="Wire")
    store.add_extraction(e)
    node = merged_node(e.facts[0])
    assert one(store, node, RDF.type) == RDF.Statement
    assert (one(store, node, RDF.subject), one(store, node, RDF.predicate), one(store, node, RDF.object)) == \
        (KGE.China, KG.cooperatesWith, KGE.Kazakhstan)
    assert one(store, node, KG.domain) == KG.Security
    assert one(store, node, KG.date) == Literal("2025-06-17", datatype=XSD.date)
    assert one(store, node, KG.place) == KGE.Astana
    assert one(store, node, PROV.wasDerivedFrom) == article_iri(e.article.id)
    assert one(store, node, KG.evidence) == Literal(e.article.text, lang="en")
    assert one(store, node, KG.source) == Literal("Wire")
    assert int(one(store, node, KG.supportCount)) == 1
    assert int(one(store, node, KG.mentionCount)) == 1
    assert Decimal(str(one(store, node, KG.confidence))) == Decimal("0.8")
    assert one(store, node, KG.firstSeen) == one(store, node, KG.lastSeen) == Literal("2025-06-18", datatype=XSD.date)
    assert (KGE.China, KG.cooperatesWith, KGE.Kazakhstan, M) in all_quads(store)


def test_facts_with_one_merge_key_merge_across_articles(store, ex):
    a = ex("China and Kazakhstan cooperate on security.", [("China", "cooperatesWith", "Kazakhstan", {"domain": ("security",)})],
           published="2025-03-01", confidence=0.8)
    b = ex("Kazakhstan and China widen security work.", [("Kazakhstan", "cooperatesWith", "China", {"domain": ("security",)})],
           published="2025-05-01", confidence=0.6, source="Other")
    store.update([a, b])
    node = merged_node(a.facts[0])
    assert node == merged_node(b.facts[0])
    assert int(one(store, node, KG.supportCount)) == 2
    assert Decimal(str(one(store, node, KG.confidence))) == Decimal("0.92")  # 1 - 0.2 * 0.4
    assert str(one(store, node, KG.firstSeen)) == "2025-03-01"
    assert str(one(store, node, KG.lastSeen)) == "2025-05-01"
    assert values(store, node, PROV.wasDerivedFrom) == {article_iri(a.article.id), article_iri(b.article.id)}
    assert len(values(store, node, KG.evidence)) == 2
    assert values(store, node, KG.source) == {Literal("Wire"), Literal("Other")}
    # symmetric: one statement node, in the merge key's order, and the direct triple both ways
    assert (values(store, node, RDF.subject), values(store, node, RDF.object)) == ({KGE.China}, {KGE.Kazakhstan})
    assert (KGE.China, KG.cooperatesWith, KGE.Kazakhstan, M) in all_quads(store)
    assert (KGE.Kazakhstan, KG.cooperatesWith, KGE.China, M) in all_quads(store)


def test_different_meaning_qualifiers_make_different_statements(store, ex):
    a = ex("Security ties.", [("China", "cooperatesWith", "Kazakhstan", {"domain": ("security",)})])
    b = ex("Trade ties.", [("China", "cooperatesWith", "Kazakhstan", {"domain": ("trade",)})])
    store.update([a, b])
    nodes = {q[0] for q in store.quads(None, RDF.type, RDF.Statement, M)}
    assert nodes == {merged_node(a.facts[0]), merged_node(b.facts[0])}
    # one direct triple asserted by both; removing one statement keeps it
    store.remove_articles([a.article.id])
    assert (KGE.China, KG.cooperatesWith, KGE.Kazakhstan, M) in all_quads(store)
    store.remove_articles([b.article.id])
    assert (KGE.China, KG.cooperatesWith, KGE.Kazakhstan, M) not in all_quads(store)


def test_a_negative_fact_has_a_statement_but_no_direct_triple(store, ex):
    e = ex("Kazakhstan did not back Russia over the breakaway regions.", [("Kazakhstan", "supports", "Russia", {"polarity": "negative"})])
    store.add_extraction(e)
    node = merged_node(e.facts[0])
    assert one(store, node, KG.polarity) == Literal("negative")
    assert not any(p == KG.supports for _, p, _, _ in store.quads(KGE.Kazakhstan, None, None, None))


def test_a_planned_event_is_asserted_once_an_article_reports_it_happening(store, ex):
    plan = ex("A and B plan to meet.", [("A", "meetsWith", "B", {"modality": "planned"})])
    store.add_extraction(plan)
    node = merged_node(plan.facts[0])
    assert one(store, node, KG.modality) == Literal("planned")
    assert (KGE.A, KG.meetsWith, KGE.B, M) not in all_quads(store)
    held = ex("A and B met.", [("B", "meetsWith", "A")])
    store.add_extraction(held)
    assert values(store, node, KG.modality) == set()
    assert (KGE.A, KG.meetsWith, KGE.B, M) in all_quads(store)
    store.remove_articles([held.article.id])
    assert (KGE.A, KG.meetsWith, KGE.B, M) not in all_quads(store)


def test_repeated_mentions_in_one_article_count_as_mentions_not_support(store, ex):
    e = ex("A met B.", [("A", "meetsWith", "B", {"date": "2025-01-01"}), ("A", "meetsWith", "B", {"date": "2025-02-01"})])
    e = e.__class__(e.article, e.entities, (), (e.facts[0], e.facts[1].__class__(
        "A", "meetsWith", "B", Qualifiers(date="2025-02-01"),
        e.facts[1].provenance.__class__(e.article.id, "A and B met again.", confidence=0.5))))
    store.add_extraction(e)
    node = merged_node(e.facts[0])
    assert int(one(store, node, KG.supportCount)) == 1
    assert int(one(store, node, KG.mentionCount)) == 2
    assert len(values(store, node, KG.date)) == 2
    assert Decimal(str(one(store, node, KG.confidence))) == Decimal("0.8")  # the article's best


def test_entity_descriptions_merge_over_articles(store, ex):
    from kg.model import Entity
    a = ex("Text one.", [("Kazakhstan", "visits", "China")], entities=(
        Entity("Kazakhstan", "Country", (("en", "Kazakhstan"), ("uk", "Казахстан")), (("en", "KZ"),), "Q232"),))
    b = ex("Text two.", [("Kazakhstan", "visits", "China")], entities=(
        Entity("Kazakhstan", "Country", (("en", "Republic of Kazakhstan"),)),))
    c = ex("Text three.", [("Kazakhstan", "visits", "China")], entities=(
        Entity("Kazakhstan", "Region", (("en", "Kazakhstan"),)),))
    store.update([a, b, c])
    kz = KGE.Kazakhstan
    assert values(store, kz, RDF.type) == {KG.Country}                     # the type most articles give
    assert values(store, kz, SKOS.prefLabel) == {Literal("Kazakhstan", lang="en"), Literal("Казахстан", lang="uk")}
    assert Literal("Republic of Kazakhstan", lang="en") in values(store, kz, SKOS.altLabel)
    assert Literal("KZ", lang="en") in values(store, kz, SKOS.altLabel)
    assert Literal("Republic of Kazakhstan", lang="en") in values(store, kz, RDFS.label)
    assert values(store, kz, OWL.sameAs) == {WD.Q232}
    store.remove_articles([a.article.id, b.article.id, c.article.id])
    assert not list(store.quads(kz, None, None, M))


# -- updates ---------------------------------------------------------------------------------

def test_adding_the_same_article_again_changes_nothing(store, ex):
    e = ex("China and Kazakhstan cooperate.", [("China", "cooperatesWith", "Kazakhstan")])
    store.add_extraction(e)
    before = all_quads(store)
    changes = store.update([e])
    assert (changes.added, changes.replaced, changes.unchanged, changes.quads_added) == (0, 0, 1, 0)
    assert all_quads(store) == before


def test_a_changed_article_replaces_what_it_said(store, ex, new_store):
    old = ex("China and Kazakhstan cooperate.", [("China", "cooperatesWith", "Kazakhstan")])
    other = ex("Russia and Kazakhstan cooperate.", [("Russia", "cooperatesWith", "Kazakhstan")])
    store.update([old, other])
    new = old.__class__(old.article, old.entities[:1], (), (Fact("China", "visits", "Kazakhstan"),))
    changes = store.update([new])
    assert changes.replaced == 1
    assert not list(store.quads(merged_node(old.facts[0]), None, None, None))
    assert list(store.quads(merged_node(new.facts[0]), None, None, M))
    fresh = new_store(store.name)
    fresh.update([other, new])
    assert all_quads(store) == all_quads(fresh)


def test_removing_an_article_leaves_what_others_support(store, ex, new_store):
    a = ex("One.", [("China", "cooperatesWith", "Kazakhstan")], confidence=0.8)
    b = ex("Two.", [("China", "cooperatesWith", "Kazakhstan"), ("China", "supports", "Kazakhstan")], confidence=0.5)
    store.update([a, b])
    changes = store.remove_articles([b.article.id, "no-such-article"])
    assert changes.removed == 1
    only_a = new_store(store.name)
    only_a.update([a])
    assert all_quads(store) == all_quads(only_a)
    node = merged_node(a.facts[0])
    assert int(one(store, node, KG.supportCount)) == 1
    assert Decimal(str(one(store, node, KG.confidence))) == Decimal("0.8")


def test_removing_every_article_leaves_only_the_background(store, ex):
    store.set_background([(KGE.China, RDF.type, KG.Country)])
    a = ex("One.", [("China", "cooperatesWith", "Kazakhstan")])
    b = ex("Two.", [("Russia", "attacks", "Ukraine")])
    store.update([a, b])
    store.remove_articles([a.article.id, b.article.id])
    assert all_quads(store) == {(KGE.China, RDF.type, KG.Country, GAZETTEER_GRAPH)}
    assert store.article_ids() == set()


def test_the_background_graph_is_replaced_only_when_it_changes(store):
    assert store.set_background([(KGE.China, RDF.type, KG.Country)]) is True
    assert store.set_background([(KGE.China, RDF.type, KG.Country)]) is False
    assert store.set_background([(KGE.Kazakhstan, RDF.type, KG.Country)]) is True
    assert {q[:3] for q in store.quads(None, None, None, GAZETTEER_GRAPH)} == {(KGE.Kazakhstan, RDF.type, KG.Country)}


def test_an_entity_id_that_cannot_be_an_iri_is_refused_before_anything_is_written(store, ex):
    bad = ex("Text.", [("New York", "visits", "China")])
    with pytest.raises(InputError, match="New York"):
        store.update([bad])
    assert len(store) == 0


def test_backends_hold_the_same_quads_for_the_same_articles(ex, new_store):
    batch = [ex("One.", [("A", "cooperatesWith", "B", {"domain": ("trade",)}), ("A", "inception", "1991")]),
             ex("Two.", [("B", "cooperatesWith", "A", {"domain": ("trade",)}), ("C", "attacks", "B")], published=None),
             ex("Three.", [("C", "attacks", "B", {"polarity": "negative"})], lang="uk")]
    held = []
    for name in stores.names():
        s = new_store(name)
        s.update(batch)
        held.append(set(s.quads()))
    assert all(h == held[0] for h in held)


# -- SPARQL ----------------------------------------------------------------------------------

def test_sparql_runs_over_the_merged_view_and_background_with_the_project_prefixes(store, ex):
    store.set_background([(KGE.China, RDFS.label, Literal("China", lang="en"))])
    store.add_extraction(ex("China and Kazakhstan cooperate.", [("China", "cooperatesWith", "Kazakhstan")]))
    r = store.query("SELECT ?name WHERE { ?s kg:cooperatesWith kge:Kazakhstan . ?s rdfs:label ?name }")
    assert r.kind == "SELECT" and r.vars == ["name"]
    assert [row.name for row in r] == [Literal("China", lang="en")]  # the default graph is a set of triples
    assert store.query("ASK { GRAPH ?g { kge:China kg:cooperatesWith kge:Kazakhstan } }").boolean
    triples = list(store.query("CONSTRUCT { ?s kg:linked ?o } WHERE { ?s kg:cooperatesWith ?o }"))
    assert (KGE.China, KG.linked, KGE.Kazakhstan) in triples


def test_a_fact_answers_once_over_the_default_graph(store, ex):
    attacks = [("Russia", "attacks", "Ukraine"), ("Russia", "attacks", "Georgia"), ("Israel", "attacks", "Iran")]
    store.update([ex("Three attacks.", attacks), ex("Two of them again.", attacks[:2], published="2025-02-01")])
    assert len(store.query("SELECT ?s ?o WHERE { ?s kg:attacks ?o }")) == 3
    statements = store.query("SELECT ?st WHERE { ?st a rdf:Statement ; rdf:predicate kg:attacks }")
    assert len(statements) == 3   # the merged nodes only
    counts = store.query("SELECT ?o ?n WHERE { ?st rdf:subject kge:Russia ; rdf:object ?o ; kg:supportCount ?n }")
    assert sorted((str(o), int(n)) for o, n in counts) == [(str(KGE.Georgia), 2), (str(KGE.Ukraine), 2)]


def test_a_symmetric_relation_answers_both_ways_and_counts_once(store, ex):
    store.update([ex("Central Asia and China cooperate.", [("Central_Asia", "cooperatesWith", "China")]),
                  ex("Russia attacks Ukraine.", [("Russia", "attacks", "Ukraine")])])
    assert [row.o for row in store.query("SELECT ?o WHERE { kge:China kg:cooperatesWith ?o }")] == [KGE.Central_Asia]
    assert [row.o for row in store.query("SELECT ?o WHERE { kge:Central_Asia kg:cooperatesWith ?o }")] == [KGE.China]
    assert not store.query("ASK { kge:Ukraine kg:attacks kge:Russia }").boolean   # directional stays one way
    assert len(store.query("SELECT ?st WHERE { ?st rdf:predicate kg:cooperatesWith }")) == 1
    store.remove_articles([a for a in store.article_ids()])
    assert not store.query("ASK { ?s kg:cooperatesWith ?o }").boolean


def test_graph_and_from_named_reach_what_each_article_said(store, ex):
    first, second = (ex("Russia attacks Ukraine.", [("Russia", "attacks", "Ukraine")]),
                     ex("Again, Russia attacks Ukraine.", [("Russia", "attacks", "Ukraine")], published="2025-02-01"))
    store.update([first, second])
    per_article = store.query("SELECT ?g ?st WHERE { GRAPH ?g { ?st a rdf:Statement ; rdf:predicate kg:attacks } "
                              "FILTER(STRSTARTS(STR(?g), STR(kga:))) }")
    assert {row.g for row in per_article} == {article_iri(first.article.id), article_iri(second.article.id)}
    one = article_iri(first.article.id)
    r = store.query(f"SELECT ?evidence FROM NAMED <{one}> WHERE {{ GRAPH ?g {{ ?st kg:evidence ?evidence }} }}")
    assert [str(row.evidence) for row in r] == ["Russia attacks Ukraine."]
    assert len(store.query(f"SELECT * FROM <{one}> WHERE {{ ?s kg:attacks ?o }}")) == 1
    assert not store.query("ASK { ?m kg:mergedInto ?st }").boolean   # article links stay in their graphs


def _mentioned(store, ex, mode: str):
    from dataclasses import replace

    from kg.model import Mention

    e = ex("China, China and Kazakhstan.", [("China", "cooperatesWith", "Kazakhstan")])
    aid = e.article.id
    e = replace(e, mentions=(Mention(aid, 0, 5, "China", "China"), Mention(aid, 7, 12, "China", "China"),
                             Mention(aid, 17, 27, "Kazakhstan", "Kazakhstan")))
    store.mentions = mode
    store.update([e])
    return article_iri(aid)


def test_compact_mentions_say_which_article_names_an_entity_how_often_and_where(store, ex):
    article = _mentioned(store, ex, "compact")
    r = store.query("SELECT ?g ?e ?n ?spans WHERE { GRAPH ?g { ?m a kg:MentionSet ; kg:article ?g ; kg:denotes ?e ; "
                    "kg:mentionCount ?n ; kg:spans ?spans } } ORDER BY ?e")
    assert [(row.g, row.e, int(row.n), str(row.spans)) for row in r] == [
        (article, KGE.China, 2, "0-5 7-12"), (article, KGE.Kazakhstan, 1, "17-27")]
    assert not store.query("ASK { GRAPH ?g { ?m a kg:Mention } }").boolean


def test_full_mentions_keep_a_node_a_span_and_none_keeps_none(store, ex, store_name, new_store):
    _mentioned(store, ex, "full")
    r = store.query("SELECT ?start WHERE { GRAPH ?g { ?m a kg:Mention ; kg:denotes kge:China ; kg:start ?start } }")
    assert sorted(int(row.start) for row in r) == [0, 7]
    other = new_store(store_name)
    _mentioned(other, ex, "none")
    assert not other.query("ASK { GRAPH ?g { ?m kg:denotes ?e } }").boolean
    assert other.query("ASK { kge:China kg:cooperatesWith kge:Kazakhstan }").boolean
    other.close()


def test_query_results_serialise_in_the_standard_formats(store, ex):
    import csv
    import json
    store.add_extraction(ex("China and Kazakhstan cooperate.", [("China", "cooperatesWith", "Kazakhstan")]))
    r = store.query("SELECT ?s ?count WHERE { GRAPH <%s> { ?s kg:supportCount ?count } }" % M)
    doc = json.loads(r.serialize("json"))
    assert doc["head"]["vars"] == ["s", "count"]
    binding = doc["results"]["bindings"][0]
    assert binding["s"]["type"] == "uri" and binding["count"]["datatype"] == str(XSD.integer)
    rows = list(csv.reader(io.StringIO(r.serialize("csv").decode())))
    assert rows[0] == ["s", "count"] and rows[1][1] == "1"
    assert r.serialize("tsv").decode().splitlines()[0] == "?s\t?count"
    assert b"<sparql" in r.serialize("xml")
    with pytest.raises(UnknownFormatError):
        r.serialize("turtle")


def test_a_bad_query_or_an_update_raises_query_error(store):
    with pytest.raises(QueryError):
        store.query("SELEC ?x WHERE { ?x ?y ?z }")
    with pytest.raises(QueryError):
        store.query("INSERT DATA { kge:a kg:b kge:c }")
    assert len(store) == 0


# -- serialisation ---------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["trig", "nquads", "json-ld"])
def test_quad_formats_hold_every_named_graph(store, ex, fmt):
    e = ex("China and Kazakhstan cooperate.", [("China", "cooperatesWith", "Kazakhstan")])
    store.update([e])
    store.set_background([(KGE.China, RDF.type, KG.Country)])
    out = io.BytesIO()
    store.dump(out, fmt)
    ds = Dataset()
    ds.parse(data=out.getvalue(), format={"nquads": "nquads", "trig": "trig", "json-ld": "json-ld"}[fmt])
    names = {g.identifier for g in ds.graphs()}
    assert {article_iri(e.article.id), M, GAZETTEER_GRAPH} <= names
    assert len(ds.graph(article_iri(e.article.id))) > 0


@pytest.mark.parametrize("fmt", ["turtle", "nt"])
def test_triple_formats_hold_the_merged_view_and_the_background(store, ex, fmt):
    e = ex("China and Kazakhstan cooperate.", [("China", "cooperatesWith", "Kazakhstan")])
    store.update([e])
    store.set_background([(KGE.China, RDF.type, KG.Country)])
    out = io.BytesIO()
    store.dump(out, fmt)
    g = Graph().parse(data=out.getvalue(), format=fmt)
    assert (KGE.China, KG.cooperatesWith, KGE.Kazakhstan) in g
    assert (KGE.China, RDF.type, KG.Country) in g
    assert not list(g.triples((None, KG.mergedInto, None)))  # article graphs stay out
    assert (merged_node(e.facts[0]), KG.supportCount, Literal(1)) in g


def test_dump_to_a_path_is_atomic_and_an_unknown_format_is_refused(store, tmp_path):
    target = tmp_path / "g.ttl"
    target.write_text("previous")
    with pytest.raises(UnknownFormatError):
        store.dump(target, "rdfa")
    assert target.read_text() == "previous"
    store.dump(target, "ttl")
    assert target.read_text() != "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["g.ttl"]


# -- persistence -----------------------------------------------------------------------------

def test_an_on_disk_store_keeps_everything_across_reopening(open_disk, ex):
    s = open_disk()
    s.update([ex("One.", [("A", "supports", "B")]), ex("Two.", [("B", "opposes", "C")])])
    before = set(s.quads())
    s.close()
    again = open_disk(read_only=True)
    assert set(again.quads()) == before
    assert again.query("ASK { kge:A kg:supports kge:B }").boolean


def test_a_read_only_store_refuses_writes(open_disk, ex):
    open_disk().close()
    ro = open_disk(read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        ro.update([ex("One.", [("A", "supports", "B")])])
    with pytest.raises(StoreError, match="read-only"):
        ro.set_background([])


def test_opening_a_missing_store_read_only_is_a_store_error(store_name, tmp_path):
    with pytest.raises(StoreError):
        stores.get(store_name)(tmp_path / "nothing-here", read_only=True)


def test_the_registry_fills_itself_on_first_use():
    import subprocess
    import sys
    code = ("import sys; from kg.registry import stores; "
            "s = stores.get('oxigraph')(); m = stores.get('memory')(); "
            "print(stores.names(), s.name, m.name)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["['memory',", "'oxigraph',", "'sparql']", "oxigraph", "memory"]

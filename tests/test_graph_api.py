"""The Python API: KnowledgeGraph on every store, with hand-made extractions."""
from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph, Literal

import kg

from kg import analytics
from kg.errors import InputError, StoreLockedError, UnknownFormatError, UnknownRelationError
from kg.api import KnowledgeGraph
from kg.build import build
from kg.model import Article, Entity, Extraction, Fact, Provenance, Qualifiers
from kg.registry import stores
from kg.store.files import DirLock
from kg.vocab import KGE

FIXTURES = Path(__file__).parent / "fixtures" / "build"
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def article(text, **kw):
    kw.setdefault("lang", "en")
    return Article.create(text, **kw)


def fact(a, s, r, o, sentence=None, confidence=0.8, **q):
    return Fact(s, r, o, Qualifiers(**q), Provenance(a.id, sentence or a.text, extractor="hand", confidence=confidence))


CHINA = Entity("China", "Country", (("en", "China"), ("uk", "Китай"), ("ru", "Китай")), (("en", "PRC"),), "Q148")
KAZ = Entity("Kazakhstan", "Country", (("en", "Kazakhstan"), ("uk", "Казахстан")), (), "Q232")
TOKAYEV = Entity("Tokayev", "Person", (("en", "Kassym-Jomart Tokayev"),))
RUSSIA = Entity("Russia", "Country", (("en", "Russia"),), (), "Q159")


def corpus():
    a = article("China and Kazakhstan deepen security cooperation.", title="Ties", source="Wire",
                published="2025-06-17", url="https://example.org/ties")
    b = article("Kazakhstan and China met in Astana.", title="Talks", published="2025-06-18")
    c = article("President Tokayev leads Kazakhstan. Kazakhstan did not back Russia over the breakaway regions.", published="2025-06-19")
    return [
        Extraction(a, (CHINA, KAZ), (), (fact(a, "China", "cooperatesWith", "Kazakhstan", domain=("security",)),)),
        Extraction(b, (CHINA, KAZ), (), (
            fact(b, "Kazakhstan", "cooperatesWith", "China", confidence=0.5, domain=("security",)),
            fact(b, "Kazakhstan", "meetsWith", "China", date="2025-06-18", place="Astana"))),
        Extraction(c, (TOKAYEV, KAZ, RUSSIA), (), (
            fact(c, "Tokayev", "leaderOf", "Kazakhstan", "President Tokayev leads Kazakhstan.", 0.9),
            fact(c, "Kazakhstan", "supports", "Russia", "Kazakhstan did not back Russia over the breakaway regions.", polarity="negative"))),
    ]


@pytest.fixture(params=stores.names())
def graph(request, sparql_servers):
    if request.param == "sparql":  # on a test server of its own, by its URL
        g = KnowledgeGraph(sparql_servers.fresh().url, background=False)
    else:
        g = KnowledgeGraph(request.param, background=False)
    g.add_extractions(corpus())
    yield g
    g.close()


# -- facts, entities, evidence ---------------------------------------------------------------

def test_facts_are_merged_with_qualifiers_and_the_strongest_evidence(graph):
    [f] = graph.facts(subject="China", relation="cooperatesWith")
    assert (f.subject, f.object, f.qualifiers.domain) == ("China", "Kazakhstan", ("security",))
    assert f.provenance.sentence == "China and Kazakhstan deepen security cooperation."
    assert f.provenance.extractor == "hand"
    assert f.provenance.confidence == pytest.approx(0.9)  # 1 - 0.2 * 0.5
    [m] = graph.facts(relation="meetsWith")
    assert (m.qualifiers.date, m.qualifiers.place) == ("2025-06-18", "Astana")


def test_subject_and_object_accept_ids_and_labels_in_any_language(graph):
    by_id = graph.facts(subject="China")
    assert graph.facts(subject="Китай") == by_id
    assert graph.facts(subject="prc") == by_id              # an alias, any case
    assert [f.subject for f in graph.facts(object="Kassym-Jomart Tokayev")] == []
    assert [f.relation for f in graph.facts(subject="Kassym-Jomart Tokayev")] == ["leaderOf"]
    assert graph.facts(subject="Atlantis") == []


def test_symmetric_facts_come_back_in_the_order_asked(graph):
    [f] = graph.facts(subject="Kazakhstan", relation="cooperatesWith")
    assert (f.subject, f.object) == ("Kazakhstan", "China")
    [g] = graph.facts(object="Kazakhstan", relation="cooperatesWith")
    assert (g.subject, g.object) == ("China", "Kazakhstan")
    assert graph.facts(subject="Kazakhstan", relation="leaderOf") == []     # directed: no


def test_negative_facts_are_listed_with_their_polarity(graph):
    [f] = graph.facts(subject="Kazakhstan", object="Russia")
    assert (f.relation, f.qualifiers.polarity) == ("supports", "negative")


def test_an_unknown_relation_is_refused(graph):
    with pytest.raises(UnknownRelationError, match="cooperatesWith"):
        graph.facts(relation="likes")


def test_evidence_lists_every_article_statement(graph):
    [f] = graph.facts(subject="China", relation="cooperatesWith")
    evidence = graph.evidence(f)
    assert [(p.confidence, p.sentence) for p in evidence] == [
        (0.8, "China and Kazakhstan deepen security cooperation."),
        (0.5, "Kazakhstan and China met in Astana.")]


def test_entities_merge_their_names(graph):
    entities = {e.id: e for e in graph.entities()}
    assert set(entities) == {"China", "Kazakhstan", "Russia", "Tokayev"}
    assert entities["China"].label("uk") == "Китай" and entities["China"].wikidata == "Q148"
    assert ("en", "PRC") in entities["China"].aliases
    assert graph.entity("казахстан").id == "Kazakhstan"
    assert graph.entity("Nowhere") is None


# -- queries, views, stats -------------------------------------------------------------------

def test_sparql_has_the_project_prefixes(graph):
    rows = graph.sparql("SELECT ?o WHERE { kge:Tokayev kg:leaderOf ?o }")
    assert [r.o for r in rows] == [KGE.Kazakhstan]
    counted = graph.sparql("SELECT (COUNT(*) AS ?n) WHERE { kge:China kg:cooperatesWith ?o }")
    assert int(counted.rows[0][0]) == 1   # said by an article and merged: still one triple


def test_to_networkx_follows_the_schema(graph):
    g = graph.to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    node = g.nodes["China"]
    assert set(node) == {"type", "label", "labels", "wikidata", "mentions"}
    assert (node["type"], node["label"], node["wikidata"], node["mentions"]) == ("Country", "China", "Q148", 2)
    assert node["labels"] == {"en": "China", "ru": "Китай", "uk": "Китай"}
    edge = g.edges["China", "Kazakhstan", "cooperatesWith"]
    assert set(edge) == {"relation", "symmetric", "domain", "date", "start", "end", "place", "trend",
                         "polarity", "modality", "support", "confidence", "evidence", "articles", "statement"}
    assert edge["symmetric"] is True and edge["domain"] == ["security"] and edge["support"] == 2
    assert edge["confidence"] == pytest.approx(0.9)
    assert [a["title"] for a in edge["articles"]] == ["Ties", "Talks"]
    assert edge["articles"][0] == {"id": corpus()[0].article.id, "title": "Ties", "source": "Wire",
                                   "url": "https://example.org/ties", "published": "2025-06-17"}
    meeting = g.edges["China", "Kazakhstan", "meetsWith"]
    assert (meeting["place"], meeting["date"], meeting["polarity"]) == ("Astana", "2025-06-18", "positive")
    assert g.edges["Kazakhstan", "Russia", "supports"]["polarity"] == "negative"
    assert isinstance(edge["evidence"], list) and isinstance(node["mentions"], int)


def test_two_statements_of_one_relation_on_one_pair_get_distinct_keys():
    a = article("Trade and security ties.")
    g = KnowledgeGraph(background=False)
    g.add_extraction(Extraction(a, (CHINA, KAZ), (), (
        fact(a, "China", "cooperatesWith", "Kazakhstan", domain=("security",)),
        fact(a, "China", "cooperatesWith", "Kazakhstan", domain=("trade",)))))
    keys = sorted(k for _, _, k in g.to_networkx().edges(keys=True))
    assert keys == ["cooperatesWith", "cooperatesWith/2"]


def test_stats_count_articles_entities_facts_and_relations(graph):
    stats = graph.stats()
    assert (stats["articles"], stats["entities"], stats["facts"], stats["negative_facts"]) == (3, 4, 3, 1)
    assert stats["relations"] == {"cooperatesWith": 1, "leaderOf": 1, "meetsWith": 1}
    assert stats["top_actors"][0][:2] == ("Kazakhstan", "Kazakhstan")


def test_analytics_work_on_the_api_graph(graph):
    g = graph.to_networkx()
    assert analytics.degree_centrality(g, 1)[0][0] == "Kazakhstan"
    assert {"China", "Kazakhstan", "Tokayev"} <= set().union(*analytics.communities(g, seed=3))
    hops = analytics.explain_path(g, "Kassym-Jomart Tokayev", "China")
    assert [(h.relation, h.target) for h in hops] == [("leaderOf", "Kazakhstan"), ("cooperatesWith", "China")]
    assert hops[1].support == 2 and hops[1].evidence
    assert sorted(analytics.ego_network(g, "Tokayev").nodes) == ["Kazakhstan", "Tokayev"]


# -- adding and removing ---------------------------------------------------------------------

def test_add_article_runs_the_extractor(fake_extract):
    g = KnowledgeGraph(background=False, extractor=fake_extract)
    extraction = g.add_article(article("China cooperates with Kazakhstan on trade."))
    assert [f.relation for f in extraction.facts] == ["cooperatesWith"]
    assert [(f.subject, f.object) for f in g.facts()] == [("China", "Kazakhstan")]


def test_add_path_reads_files_and_folders_and_reports_bad_ones(fake_extract, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02")
    g = KnowledgeGraph(background=False, extractor=fake_extract)
    report = g.add_path(FIXTURES / "news", tmp_path / "bad.txt")
    assert (report.read, report.added, report.failed) == (5, 5, 2)
    assert sorted(Path(e.path).name for e in report.errors) == ["bad.txt", "wire.jsonl:2"]
    assert all(isinstance(e, InputError) for e in report.errors)
    again = g.add_path(FIXTURES / "news")
    assert (again.read, again.added, again.unchanged) == (5, 0, 5)


def test_remove_article_takes_away_what_only_it_supported(graph):
    a, b, _ = corpus()
    assert graph.remove_article(b.article.id) is True
    assert graph.remove_article(b.article.id) is False
    assert graph.facts(relation="meetsWith") == []
    [f] = graph.facts(relation="cooperatesWith")
    assert f.provenance.confidence == pytest.approx(0.8)


def test_background_knowledge_is_loaded_but_kept_apart():
    g = KnowledgeGraph()
    background = len(g)
    g.add_extractions(corpus()[:1])
    assert len(g) > background
    assert [e.id for e in g.entities()] == ["China", "Kazakhstan"]


# -- files -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name,reader", [
    ("g.ttl", "turtle"), ("g.nt", "nt"), ("g.trig", "trig"), ("g.nq", "nquads"), ("g.jsonld", "json-ld")])
def test_serialize_writes_rdf_that_reads_back(graph, tmp_path, name, reader):
    graph.serialize(tmp_path / name)
    target = Dataset() if reader in ("trig", "nquads", "json-ld") else Graph()
    target.parse(tmp_path / name, format=reader)
    triples = {q[:3] for q in target.quads()} if isinstance(target, Dataset) else set(target)
    assert (KGE.China, kg.vocab.KG.cooperatesWith, KGE.Kazakhstan) in triples


def test_serialize_writes_graphml_gexf_and_csv(graph, tmp_path):
    graph.serialize(tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.nodes["China"]["wikidata"] == "Q148"
    graph.serialize(tmp_path / "g.gexf")
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() == 4
    nodes, edges = graph.serialize(tmp_path / "tables.csv")
    rows = list(csv.DictReader(edges.open(encoding="utf-8")))
    assert {r["relation"] for r in rows} == {"cooperatesWith", "meetsWith", "leaderOf", "supports"}
    assert {r["id"] for r in csv.DictReader(nodes.open(encoding="utf-8"))} == {"China", "Kazakhstan", "Russia", "Tokayev"}


def test_serialize_refuses_an_unknown_format(graph, tmp_path):
    with pytest.raises(UnknownFormatError):
        graph.serialize(tmp_path / "g.xyz")
    with pytest.raises(UnknownFormatError):
        graph.serialize(tmp_path / "g.ttl", format="rdfa")


def test_to_html_writes_the_page(graph, tmp_path):
    graph.to_html(tmp_path / "g.html")
    page = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert "Kazakhstan" in page


def test_an_on_disk_graph_survives_reopening(tmp_path):
    with KnowledgeGraph("oxigraph", tmp_path / "store", background=False) as g:
        g.add_extractions(corpus())
        before = g.facts()
    with KnowledgeGraph("oxigraph", tmp_path / "store", read_only=True, background=False) as g:
        assert g.facts() == before


def test_open_reads_a_built_folder_and_respects_the_lock(fake_extract, tmp_path):
    build([FIXTURES / "news"], tmp_path / "out", html=False, extractor=fake_extract)
    with KnowledgeGraph.open(tmp_path / "out") as g:
        assert {f.relation for f in g.facts()} >= {"cooperatesWith", "attacks"}
        with pytest.raises(StoreLockedError):
            DirLock(tmp_path / "out", exclusive=True).acquire()
    with DirLock(tmp_path / "out", exclusive=True, purpose="build"):
        with pytest.raises(StoreLockedError, match="build, pid"):
            KnowledgeGraph.open(tmp_path / "out")


def test_the_package_exposes_the_api():
    assert kg.KnowledgeGraph is KnowledgeGraph and kg.build is build
    assert Literal  # rdflib terms are what sparql() returns

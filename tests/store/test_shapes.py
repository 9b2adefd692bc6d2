"""What the store writes satisfies the output shapes (kg.schema.shapes_graph): article graphs and the merged view."""
from __future__ import annotations

import io

import pytest
from rdflib import Dataset, Graph

from kg.schema import ontology_graph, shapes_graph
from kg.vocab import MERGED_GRAPH

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def validate(data, inference: str) -> tuple[bool, str]:
    pyshacl = pytest.importorskip("pyshacl")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
                                         inference=inference)
    return conforms, text


def with_mentions(extraction):
    """`extraction` with a mention of each entity at the start of its text, China twice."""
    from dataclasses import replace

    from kg.model import Mention

    aid = extraction.article.id
    found = [Mention(aid, 0, 5, "China", "China"), Mention(aid, 10, 15, "China", "China")]
    found += [Mention(aid, 20, 30, e.id, e.id) for e in extraction.entities if e.id != "China"]
    return replace(extraction, mentions=tuple(found))


@pytest.fixture(params=["compact", "full"])
def filled(store, ex, request):
    store.mentions = request.param
    store.update([
        with_mentions(ex("China and Kazakhstan deepen security cooperation.",
                         [("China", "cooperatesWith", "Kazakhstan", {"domain": ("security",), "date": "2025-06"})],
                         published="2025-06-17")),
        ex("Kazakhstan and China met in Astana.",
           [("Kazakhstan", "cooperatesWith", "China", {"domain": ("security",)}),
            ("Kazakhstan", "meetsWith", "China", {"date": "2025-06-18"})], published="2025-06-18", lang="ru"),
        ex("Kazakhstan did not back Russia over the breakaway regions.", [("Kazakhstan", "supports", "Russia", {"polarity": "negative"})],
           published=None),
        ex("The bloc was founded in 2001.", [("Bloc", "inception", "2001")], etype="Organization"),
    ])
    return store


def test_the_merged_view_conforms_with_rdfs_inference(filled):
    out = io.BytesIO()
    filled.dump(out, "turtle", graphs=[MERGED_GRAPH])
    conforms, text = validate(Graph().parse(data=out.getvalue(), format="turtle"), "rdfs")
    assert conforms, text


def test_every_graph_conforms(filled):
    # Without inference: with RDFS, kg:date's domain (rdf:Statement) makes the event nodes
    # kg.rdf writes into article graphs statements, which they are not.
    out = io.BytesIO()
    filled.dump(out, "trig")
    data = Dataset()
    data.parse(data=out.getvalue(), format="trig")
    conforms, text = validate(data, "none")
    assert conforms, text

"""The merged graph as a networkx `MultiDiGraph` — the schema the HTML view and analytics read.

Nodes are entity ids (``"China"``) with attributes
``type`` (ontology class local name), ``label`` (English or first preferred label),
``labels`` (dict lang → name), ``wikidata`` (Q-id or ""), ``mentions`` (articles mentioning it).

Edges run subject → object, one per merged statement whose object is an entity (symmetric
relations in the canonical order of their merge key). The key is the relation's local name;
when one pair holds several statements of a relation (different domain or polarity), the
first — positive, most supported — gets the plain name and the others ``"<relation>/2"``,
``"<relation>/3"``. Edge attributes: ``relation``, ``symmetric`` (bool), ``domain`` (list of
tokens), ``date``, ``start``, ``end`` (ISO strings or ""), ``place`` (entity id or ""),
``trend``, ``polarity``, ``support`` (articles), ``confidence`` (float), ``evidence`` (list of
sentences), ``articles`` (list of dicts id, title, source, url, published); and, beyond the
agreed schema, ``modality`` ("planned" for an event no article reports as having happened,
which has no direct triple) and ``statement`` (the merged statement's IRI).

Statements whose object is a value (a year, a number) are no edge; the graph attribute
``literal_facts`` lists them as dicts subject, relation, value, support, evidence.

>>> from kg.model import Article, Entity, Extraction, Fact, Provenance, Qualifiers
>>> from kg.store.memory import MemoryStore
>>> s = MemoryStore()
>>> a = Article.create("China and Kazakhstan deepen security cooperation.", title="Ties")
>>> _ = s.add_extraction(Extraction(a, (Entity("China", "Country", (("en", "China"), ("uk", "Китай")), wikidata="Q148"),),
...     (), (Fact("China", "cooperatesWith", "Kazakhstan", Qualifiers(domain=("security",)),
...               Provenance(a.id, a.text, confidence=0.8)),)))
>>> g = store_to_networkx(s)
>>> g.nodes["China"]["labels"], g.nodes["China"]["wikidata"], g.nodes["China"]["mentions"]
({'en': 'China', 'uk': 'Китай'}, 'Q148', 1)
>>> e = g.edges["China", "Kazakhstan", "cooperatesWith"]
>>> e["domain"], e["support"], e["confidence"], e["symmetric"], e["articles"][0]["title"]
(['security'], 1, 0.8, True, 'Ties')
"""
from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Mapping
from typing import Any

import networkx as nx

from ..errors import UnknownEntityError

from ..store.view import StatementRecord, GraphView, read_view


def store_to_networkx(store, *, background: bool = True) -> nx.MultiDiGraph:
    """The merged view of `store` as a MultiDiGraph (schema above)."""
    return view_to_networkx(read_view(store, background=background))


def view_to_networkx(view: GraphView) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for record in sorted(view.entities.values(), key=lambda r: r.id):
        graph.add_node(record.id, type=record.type, label=record.label, labels=dict(record.labels),
                       wikidata=record.wikidata, mentions=record.support)
    order = sorted((st for st in view.statements if st.object_is_entity),
                   key=lambda st: (st.polarity != "positive", -st.support, st.iri))
    used: Counter = Counter()
    for st in order:
        for node in (st.subject, st.object):
            if node not in graph:
                graph.add_node(node, type="", label=node, labels={}, wikidata="", mentions=0)
        used[(st.subject, st.object, st.relation)] += 1
        n = used[(st.subject, st.object, st.relation)]
        key = st.relation if n == 1 else f"{st.relation}/{n}"
        graph.add_edge(st.subject, st.object, key=key, **edge_attributes(st, view))
    graph.graph["literal_facts"] = [
        {"subject": st.subject, "relation": st.relation, "value": st.object, "support": st.support,
         "evidence": list(st.evidence)}
        for st in sorted(view.statements, key=lambda st: st.iri)
        if not st.object_is_entity and st.polarity == "positive"]
    return graph


def resolve(graph: nx.Graph, name: str) -> str:
    """The node that an id or a name (its label or a label in any language; case and
    surrounding spaces ignored) names in a graph of this schema.

    Raises `UnknownEntityError`, listing close names, when none matches.
    """
    if name in graph:
        return name
    wanted = name.casefold().strip()
    for node, data in graph.nodes(data=True):
        if wanted in {n.casefold().strip() for n in _names(node, data)}:
            return node
    names = sorted({n for node, data in graph.nodes(data=True) for n in _names(node, data) if n})
    raise UnknownEntityError(name, difflib.get_close_matches(name, names, n=5))


def _names(node: Any, data: Mapping) -> list[str]:
    return [str(node), str(data.get("label") or ""), *map(str, (data.get("labels") or {}).values())]


def edge_attributes(st: StatementRecord, view: GraphView) -> dict:
    articles = [view.articles[a].as_dict() if a in view.articles else
                {"id": a, "title": "", "source": "", "url": "", "published": ""} for a in st.articles]
    articles.sort(key=lambda d: (d["published"], d["id"]))
    return {"relation": st.relation, "symmetric": st.symmetric, "domain": list(st.domains),
            "date": st.date, "start": st.start, "end": st.end, "place": st.place, "trend": st.trend,
            "polarity": st.polarity, "modality": st.modality, "support": st.support, "confidence": st.confidence,
            "evidence": list(st.evidence), "articles": articles, "statement": st.iri}

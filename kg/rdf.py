"""The RDF shape of kg's values (see DESIGN.md): direct triples plus statement nodes.

A fact becomes a direct triple ``s p o`` for the easy query and an ``rdf:Statement``
node carrying its qualifiers and evidence. Negative and merely planned facts get only the
statement node, since a direct triple would assert them.

>>> from kg.model import Article, Entity, Extraction, Fact, Provenance, Qualifiers
>>> art = Article.create("China and Kazakhstan deepen security cooperation.", lang="en",
...                      published="2025-06-17", source="Example")
>>> ents = (Entity("China", "Country", (("en", "China"),), wikidata="Q148"),
...         Entity("Kazakhstan", "Country", (("en", "Kazakhstan"),), wikidata="Q232"))
>>> fact = Fact("China", "cooperatesWith", "Kazakhstan", Qualifiers(domain=("security",)),
...             Provenance(art.id, art.text, 0, 50, "cooperation", 0.8))
>>> g = extraction_graph(Extraction(art, ents, (), (fact,)))
>>> (KGE.China, KG.cooperatesWith, KGE.Kazakhstan) in g
True
>>> len(list(g.subjects(RDF.type, RDF.Statement)))
1
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from . import schema
from .errors import ExtractionError, UnknownMentionModeError
from .model import Article, Entity, Extraction, Fact, Mention, content_id
from .vocab import DOMAIN_IRIS, KG, KGA, KGE, KGM, KGS, KGV, PREFIXES, WD

Triple = tuple


_NOT_IN_IRIS = frozenset('<>"{}|\\^`')


def valid_id(entity_id: str) -> bool:
    """True when `entity_id` can be the local name of an entity IRI."""
    return bool(entity_id) and not any(ch in _NOT_IN_IRIS or ord(ch) <= 0x20 for ch in entity_id)


def check_ids(extraction: Extraction) -> None:
    """Raise `ExtractionError`, naming the article, when an entity id cannot be part of an IRI."""
    ids = {e.id for e in extraction.entities} | {m.entity_id for m in extraction.mentions}
    for fact in extraction.facts:
        ids.add(fact.subject)
        if fact.qualifiers.place:
            ids.add(fact.qualifiers.place)
        if fact.relation != "inception":
            ids.add(fact.object)
    for entity_id in ids:
        if not valid_id(entity_id):
            raise ExtractionError(extraction.article.name,
                             f"entity id {entity_id!r} cannot be part of an IRI (spaces, quotes or <>{{}}|\\^`)")


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    return graph


def article_iri(article_id: str) -> URIRef:
    return KGA[article_id]


def date_literal(value: str) -> Literal:
    """An ISO date of any precision as a typed literal: 2025 → gYear, 2025-06 → gYearMonth."""
    if len(value) == 4:
        return Literal(value, datatype=XSD.gYear)
    if len(value) == 7:
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value[:10], datatype=XSD.date)


def entity_triples(entity: Entity) -> Iterator[Triple]:
    s = KGE[entity.id]
    yield s, RDF.type, KG[entity.type]
    for lang, name in entity.labels:
        yield s, RDFS.label, Literal(name, lang=lang)
        yield s, SKOS.prefLabel, Literal(name, lang=lang)
    for lang, name in entity.aliases:
        yield s, SKOS.altLabel, Literal(name, lang=lang)
    if entity.wikidata:
        yield s, OWL.sameAs, WD[entity.wikidata]


def article_triples(article: Article) -> Iterator[Triple]:
    s = article_iri(article.id)
    yield s, RDF.type, KG.Article
    if article.title:
        yield s, DCTERMS.title, Literal(article.title)
    if article.source:
        yield s, DCTERMS.source, Literal(article.source)
    if article.url:
        if article.url.startswith(("http://", "https://")):
            yield s, SDO.url, URIRef(article.url)
    if article.published:
        yield s, DCTERMS.issued, Literal(article.published.isoformat(), datatype=XSD.date)
    if article.lang:
        yield s, DCTERMS.language, Literal(article.lang)


# How an article's mentions are written: one node a span ("full"), one node an entity
# ("compact": how often and where, see `mention_set_triples`), or not at all ("none").
MENTION_MODES = ("full", "compact", "none")


def mention_triples(mention: Mention) -> Iterator[Triple]:
    m = KGM[f"{mention.article_id}-{mention.start}-{mention.end}"]
    yield m, RDF.type, KG.Mention
    yield m, KG.article, article_iri(mention.article_id)
    yield m, KG.start, Literal(mention.start)
    yield m, KG.end, Literal(mention.end)
    yield m, KG.text, Literal(mention.text)
    yield m, KG.denotes, KGE[mention.entity_id]


def mention_set_triples(article_id: str, entity_id: str, spans: Iterable[tuple[int, int]]) -> Iterator[Triple]:
    """Every span of one article naming one entity, in one node: a fifth of the triples of a
    node a span on news, where a name recurs. `kg:spans` lists the character offsets
    (``start-end`` pairs, space-separated, in order) and `kg:mentionCount` how many there are.

    >>> [str(o) for _, p, o in mention_set_triples("ab12", "China", [(40, 45), (0, 5)]) if p in (KG.spans, KG.mentionCount)]
    ['2', '0-5 40-45']
    """
    spans = sorted(set(spans))
    m = KGM[f"{article_id}/{entity_id}"]
    yield m, RDF.type, KG.MentionSet
    yield m, KG.article, article_iri(article_id)
    yield m, KG.denotes, KGE[entity_id]
    yield m, KG.mentionCount, Literal(len(spans))
    yield m, KG.spans, Literal(" ".join(f"{start}-{end}" for start, end in spans))


def mentions_triples(mentions: Iterable[Mention], mode: str = "full") -> Iterator[Triple]:
    """The mention annotations of one article in `mode` (see `MENTION_MODES`)."""
    if mode == "full":
        for mention in mentions:
            yield from mention_triples(mention)
    elif mode == "compact":
        spans: dict = {}
        for m in mentions:
            spans.setdefault((m.article_id, m.entity_id), []).append((m.start, m.end))
        for (article_id, entity_id), found in spans.items():
            yield from mention_set_triples(article_id, entity_id, found)
    elif mode != "none":
        raise UnknownMentionModeError(mode, MENTION_MODES)


def fact_object(fact: Fact) -> URIRef | Literal:
    if fact.relation == "inception":
        return date_literal(fact.object[:4])
    return KGE[fact.object]


def statement_iri(fact: Fact, scope: str = "") -> URIRef:
    """The statement node of a fact: one per merge key, and per article when `scope` is given."""
    return KGS[content_id(repr(fact.key), scope)]


def qualifier_triples(node: URIRef, fact: Fact) -> Iterator[Triple]:
    q = fact.qualifiers
    for d in q.domain:
        yield node, KG.domain, DOMAIN_IRIS[d]
    for prop, value in ((KG.date, q.date), (KG.startDate, q.start), (KG.endDate, q.end)):
        if value:
            yield node, prop, date_literal(value)
    if q.place:
        yield node, KG.place, KGE[q.place]
    if q.trend:
        yield node, KG.trend, Literal(q.trend)
    if q.polarity != "positive":
        yield node, KG.polarity, Literal(q.polarity)
    if q.modality:
        yield node, KG.modality, Literal(q.modality)


def fact_triples(fact: Fact, article: Article | None = None) -> Iterator[Triple]:
    """The direct triple (unless negative) and the statement node of one fact in one article.

    A symmetric fact is written in its key's order, so that its statement node — shared by
    every telling with that key — has one subject and one object whichever way it was told.
    """
    if fact.symmetric and fact.object < fact.subject:
        fact = replace(fact, subject=fact.object, object=fact.subject)
    s, p, o = KGE[fact.subject], KG[fact.relation], fact_object(fact)
    if fact.asserted:
        yield s, p, o
    node = statement_iri(fact, article.id if article else "")
    yield node, RDF.type, RDF.Statement
    yield node, RDF.subject, s
    yield node, RDF.predicate, p
    yield node, RDF.object, o
    yield from qualifier_triples(node, fact)
    prov = fact.provenance
    if prov:
        yield node, KG.evidence, Literal(prov.sentence, lang=article.lang if article and article.lang else None)
        yield node, KG.extractor, Literal(prov.extractor)
        if prov.speaker:
            yield node, PROV.wasAttributedTo, KGE[prov.speaker]
        yield node, KG.confidence, Literal(f"{prov.confidence:.2f}", datatype=XSD.decimal)
    if article:
        yield node, PROV.wasDerivedFrom, article_iri(article.id)
        if article.source:
            yield node, KG.source, Literal(article.source)


# The event a relation's statement comes from, by relation: unnamed occurrences, so they carry
# an rdfs:comment and no label (CONTRACT.md: they are not entities).
# relation → the kg:Event subclass its occurrences are written as (kg:eventClass in kg.ttl)
EVENT_CLASSES = {r.name: r.event_class for r in schema.load().relations.values() if r.event_class}


def event_triples(extraction: Extraction) -> Iterator[Triple]:
    """One event node per meeting, visit, attack or signing a sentence tells — a multilateral
    signing is one event with every party — linked to the statements it implies."""
    article = extraction.article
    groups: dict[tuple, list[Fact]] = {}
    for fact in extraction.facts:
        if fact.relation in EVENT_CLASSES and fact.asserted and fact.provenance:
            q = fact.qualifiers
            key = (fact.relation, fact.provenance.start, q.date, q.start, q.end, q.place)
            groups.setdefault(key, []).append(fact)
    for (relation, sentence_start, *_), facts in groups.items():
        node = KGV[content_id(article.id, relation, str(sentence_start), repr(facts[0].qualifiers))]
        yield node, RDF.type, KG[EVENT_CLASSES[relation]]
        parties = sorted({p for f in facts for p in (f.subject, f.object)
                          if not (relation == "visits" and p == f.object)})
        yield node, RDFS.comment, Literal(f"{EVENT_CLASSES[relation].lower()}: {', '.join(parties)}")
        for party in parties:
            yield node, KG.participant, KGE[party]
        q = facts[0].qualifiers
        for prop, value in ((KG.date, q.date), (KG.startDate, q.start), (KG.endDate, q.end)):
            if value:
                yield node, prop, date_literal(value)
        place = q.place or (facts[0].object if relation == "visits" else "")
        if place:
            yield node, KG.place, KGE[place]
        yield node, PROV.wasDerivedFrom, article_iri(article.id)
        for fact in facts:
            yield statement_iri(fact, article.id), KG.event, node


def extraction_triples(extraction: Extraction, *, mentions: bool | str = True) -> Iterator[Triple]:
    """Everything one article said, as triples: the article, its entities, mentions and facts.

    `mentions` is a mode of `MENTION_MODES`, or True ("full") or False ("none")."""
    yield from article_triples(extraction.article)
    for entity in extraction.entities:
        yield from entity_triples(entity)
    mode = ("full" if mentions else "none") if isinstance(mentions, bool) else mentions
    yield from mentions_triples(extraction.mentions, mode)
    for fact in extraction.facts:
        yield from fact_triples(fact, extraction.article)
    yield from event_triples(extraction)


def extraction_graph(extraction: Extraction, *, mentions: bool | str = True) -> Graph:
    graph = bind_prefixes(Graph())
    for triple in extraction_triples(extraction, mentions=mentions):
        graph.add(triple)
    return graph


def add_all(graph: Graph, triples: Iterable[Triple]) -> Graph:
    for triple in triples:
        graph.add(triple)
    return graph

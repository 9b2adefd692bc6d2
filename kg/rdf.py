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
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from . import schema
from .errors import ExtractionError, UnknownMentionModeError
from .model import Article, Entity, Extraction, Fact, Mention, content_id
from .vocab import DOMAIN_IRIS, KG, KGA, KGE, KGM, KGS, KGV, PREFIXES, WD

Triple = tuple


_NOT_IN_IRIS = frozenset('<>"{}|\\^`')

# Terms made once. An rdflib Namespace builds a new URIRef on every attribute access, and a
# Literal parses its value as it is made (10-25 µs each): making the same names, numbers,
# dates and vocabulary again for every article was most of the cost of writing its graph.
_TYPE, _LABEL, _COMMENT, _PREF_LABEL, _ALT_LABEL = RDF.type, RDFS.label, RDFS.comment, SKOS.prefLabel, SKOS.altLabel
_SAME_AS, _STATEMENT, _SUBJECT, _PREDICATE, _OBJECT = OWL.sameAs, RDF.Statement, RDF.subject, RDF.predicate, RDF.object
_TITLE, _SOURCE, _ISSUED, _LANGUAGE, _URL = DCTERMS.title, DCTERMS.source, DCTERMS.issued, DCTERMS.language, SDO.url
_ATTRIBUTED, _DERIVED_FROM = PROV.wasAttributedTo, PROV.wasDerivedFrom
_ARTICLE, _MENTION, _MENTION_SET, _ARTICLE_OF, _DENOTES = KG.Article, KG.Mention, KG.MentionSet, KG.article, KG.denotes
_START, _END, _TEXT, _MENTION_COUNT, _SPANS = KG.start, KG.end, KG.text, KG.mentionCount, KG.spans
_DOMAIN, _DATE, _START_DATE, _END_DATE, _PLACE = KG.domain, KG.date, KG.startDate, KG.endDate, KG.place
_TREND, _POLARITY, _MODALITY, _EVIDENCE, _EXTRACTOR = KG.trend, KG.polarity, KG.modality, KG.evidence, KG.extractor
_CONFIDENCE, _KG_SOURCE, _PARTICIPANT, _EVENT = KG.confidence, KG.source, KG.participant, KG.event
_XSD_DATE, _XSD_DECIMAL = XSD.date, XSD.decimal
_entity_iri = lru_cache(maxsize=1 << 16)(KGE.term)
_kg_term = lru_cache(maxsize=4096)(KG.term)
_wikidata_iri = lru_cache(maxsize=1 << 14)(WD.term)


@lru_cache(maxsize=1 << 16)
def _name_literal(text: str, lang: str | None = None) -> Literal:
    """A literal that recurs across articles (a name, a source, a number's text)."""
    return Literal(text, lang=lang)


@lru_cache(maxsize=1 << 14)
def _int_literal(n: int) -> Literal:
    return Literal(n)


@lru_cache(maxsize=1 << 12)
def _typed_literal(text: str, datatype: URIRef) -> Literal:
    return Literal(text, datatype=datatype)


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


@lru_cache(maxsize=1024)
def article_iri(article_id: str) -> URIRef:
    return KGA[article_id]


@lru_cache(maxsize=1 << 14)
def date_literal(value: str) -> Literal:
    """An ISO date of any precision as a typed literal: 2025 → gYear, 2025-06 → gYearMonth."""
    if len(value) == 4:
        return Literal(value, datatype=XSD.gYear)
    if len(value) == 7:
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value[:10], datatype=_XSD_DATE)


def entity_triples(entity: Entity) -> Iterator[Triple]:
    s = _entity_iri(entity.id)
    yield s, _TYPE, _kg_term(entity.type)
    for lang, name in entity.labels:
        label = _name_literal(name, lang)
        yield s, _LABEL, label
        yield s, _PREF_LABEL, label
    for lang, name in entity.aliases:
        yield s, _ALT_LABEL, _name_literal(name, lang)
    if entity.wikidata:
        yield s, _SAME_AS, _wikidata_iri(entity.wikidata)


def article_triples(article: Article) -> Iterator[Triple]:
    s = article_iri(article.id)
    yield s, _TYPE, _ARTICLE
    if article.title:
        yield s, _TITLE, Literal(article.title)
    if article.source:
        yield s, _SOURCE, _name_literal(article.source)
    if article.url:
        if article.url.startswith(("http://", "https://")):
            yield s, _URL, URIRef(article.url)
    if article.published:
        yield s, _ISSUED, date_literal(article.published.isoformat())
    if article.lang:
        yield s, _LANGUAGE, _name_literal(article.lang)


# How an article's mentions are written: one node a span ("full"), one node an entity
# ("compact": how often and where, see `mention_set_triples`), or not at all ("none").
MENTION_MODES = ("full", "compact", "none")


def mention_triples(mention: Mention) -> Iterator[Triple]:
    m = KGM[f"{mention.article_id}-{mention.start}-{mention.end}"]
    yield m, _TYPE, _MENTION
    yield m, _ARTICLE_OF, article_iri(mention.article_id)
    yield m, _START, _int_literal(mention.start)
    yield m, _END, _int_literal(mention.end)
    yield m, _TEXT, _name_literal(mention.text)
    yield m, _DENOTES, _entity_iri(mention.entity_id)


def mention_set_triples(article_id: str, entity_id: str, spans: Iterable[tuple[int, int]]) -> Iterator[Triple]:
    """Every span of one article naming one entity, in one node: a fifth of the triples of a
    node a span on news, where a name recurs. `kg:spans` lists the character offsets
    (``start-end`` pairs, space-separated, in order) and `kg:mentionCount` how many there are.

    >>> [str(o) for _, p, o in mention_set_triples("ab12", "China", [(40, 45), (0, 5)]) if p in (KG.spans, KG.mentionCount)]
    ['2', '0-5 40-45']
    """
    spans = sorted(set(spans))
    m = KGM[f"{article_id}/{entity_id}"]
    yield m, _TYPE, _MENTION_SET
    yield m, _ARTICLE_OF, article_iri(article_id)
    yield m, _DENOTES, _entity_iri(entity_id)
    yield m, _MENTION_COUNT, _int_literal(len(spans))
    yield m, _SPANS, Literal(" ".join(f"{start}-{end}" for start, end in spans))


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
    return _entity_iri(fact.object)


def statement_iri(fact: Fact, scope: str = "") -> URIRef:
    """The statement node of a fact: one per merge key, and per article when `scope` is given."""
    return KGS[content_id(repr(fact.key), scope)]


def qualifier_triples(node: URIRef, fact: Fact) -> Iterator[Triple]:
    q = fact.qualifiers
    for d in q.domain:
        yield node, _DOMAIN, DOMAIN_IRIS[d]
    for prop, value in ((_DATE, q.date), (_START_DATE, q.start), (_END_DATE, q.end)):
        if value:
            yield node, prop, date_literal(value)
    if q.place:
        yield node, _PLACE, _entity_iri(q.place)
    if q.trend:
        yield node, _TREND, _name_literal(q.trend)
    if q.polarity != "positive":
        yield node, _POLARITY, _name_literal(q.polarity)
    if q.modality:
        yield node, _MODALITY, _name_literal(q.modality)


def fact_triples(fact: Fact, article: Article | None = None) -> Iterator[Triple]:
    """The direct triple (unless negative) and the statement node of one fact in one article.

    A symmetric fact is written in its key's order, so that its statement node — shared by
    every telling with that key — has one subject and one object whichever way it was told.
    """
    if fact.symmetric and fact.object < fact.subject:
        fact = replace(fact, subject=fact.object, object=fact.subject)
    s, p, o = _entity_iri(fact.subject), _kg_term(fact.relation), fact_object(fact)
    if fact.asserted:
        yield s, p, o
    node = statement_iri(fact, article.id if article else "")
    yield node, _TYPE, _STATEMENT
    yield node, _SUBJECT, s
    yield node, _PREDICATE, p
    yield node, _OBJECT, o
    yield from qualifier_triples(node, fact)
    prov = fact.provenance
    if prov:
        yield node, _EVIDENCE, Literal(prov.sentence, lang=article.lang if article and article.lang else None)
        yield node, _EXTRACTOR, _name_literal(prov.extractor)
        if prov.speaker:
            yield node, _ATTRIBUTED, _entity_iri(prov.speaker)
        yield node, _CONFIDENCE, _typed_literal(f"{prov.confidence:.2f}", _XSD_DECIMAL)
    if article:
        yield node, _DERIVED_FROM, article_iri(article.id)
        if article.source:
            yield node, _KG_SOURCE, _name_literal(article.source)


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
        yield node, _TYPE, _kg_term(EVENT_CLASSES[relation])
        parties = sorted({p for f in facts for p in (f.subject, f.object)
                          if not (relation == "visits" and p == f.object)})
        yield node, _COMMENT, Literal(f"{EVENT_CLASSES[relation].lower()}: {', '.join(parties)}")
        for party in parties:
            yield node, _PARTICIPANT, _entity_iri(party)
        q = facts[0].qualifiers
        for prop, value in ((_DATE, q.date), (_START_DATE, q.start), (_END_DATE, q.end)):
            if value:
                yield node, prop, date_literal(value)
        place = q.place or (facts[0].object if relation == "visits" else "")
        if place:
            yield node, _PLACE, _entity_iri(place)
        yield node, _DERIVED_FROM, article_iri(article.id)
        for fact in facts:
            yield statement_iri(fact, article.id), _EVENT, node


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

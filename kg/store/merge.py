"""How what many articles said becomes one merged view: pure functions over rdflib triples.

Each article's named graph holds `kg.rdf.extraction_triples` of its extraction plus
one link per fact, ``<article statement> kg:mergedInto <merged statement>``, so a store can
find every article statement behind a merged one with a single index lookup. The merged
view is then a function of the article graphs alone (a symmetric relation's direct triple
written both ways round there, see `direct_triples`): a store recomputes the merged nodes
an article touches from the article statements that remain, which makes adding the same
article twice a no-op and the order of articles irrelevant.

>>> from kg.model import Article, Entity, Extraction, Fact, Provenance, Qualifiers
>>> a = Article.create("China and Kazakhstan deepen security ties.", published="2025-06-17")
>>> f = Fact("Kazakhstan", "cooperatesWith", "China", Qualifiers(domain=("security",)),
...          Provenance(a.id, a.text, confidence=0.8))
>>> triples = article_graph(Extraction(a, (Entity("China", "Country", (("en", "China"),)),), (), (f,)))
>>> touched = touched_by(triples)
>>> sorted(str(e).rsplit("/", 1)[1] for e in touched.entities)
['China']
>>> [node] = touched.statements
>>> sources = statement_sources(node, {article_iri(a.id): triples})
>>> node_triples, direct = merged_statement(node, sources)
>>> direct[0].endswith("China"), direct[2].endswith("Kazakhstan")   # symmetric: canonical order
(True, True)
>>> sorted(str(o) for s, p, o in node_triples if p in (KG.supportCount, KG.confidence, KG.firstSeen))
['0.8', '1', '2025-06-17']
"""
from __future__ import annotations

import decimal
from collections import Counter, defaultdict
from functools import lru_cache
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from ..errors import InputError
from ..rdf import article_iri, check_ids, extraction_triples, statement_iri  # noqa: F401 - article_iri: doctest
from ..model import EVENTFUL, SYMMETRIC, Extraction
from ..vocab import KG, KGA, KGE, KGS

Triple = tuple
ARTICLE_PREFIX, ENTITY_PREFIX, STATEMENT_PREFIX = str(KGA), str(KGE), str(KGS)

# Terms the merge reads and writes, made once: an rdflib Namespace builds a new URIRef on
# every attribute access, which dominates the cost of a large update.
TYPE, SUBJECT, PREDICATE, OBJECT, STATEMENT = RDF.type, RDF.subject, RDF.predicate, RDF.object, RDF.Statement
MERGED_INTO, EVIDENCE, CONFIDENCE, POLARITY = KG.mergedInto, KG.evidence, KG.confidence, KG.polarity
SUPPORT, MENTIONS, FIRST_SEEN, LAST_SEEN = KG.supportCount, KG.mentionCount, KG.firstSeen, KG.lastSeen
ARTICLE, ISSUED, DERIVED_FROM = KG.Article, DCTERMS.issued, PROV.wasDerivedFrom
PREF_LABEL, ALT_LABEL, XSD_DATE, XSD_DECIMAL = SKOS.prefLabel, SKOS.altLabel, XSD.date, XSD.decimal
ENTITY_PREDICATES = (TYPE, RDFS.label, PREF_LABEL, ALT_LABEL, OWL.sameAs)
ENTITY_PREDICATE_SET = _ENTITY_PREDICATE_SET = frozenset(ENTITY_PREDICATES)
_MERGED_INTO_SET = frozenset({MERGED_INTO})
# Qualifiers and evidence a merged statement collects from every article statement behind it.
# Not kg:event: event nodes are occurrences described in their article's graph only, and a
# link to one from the merged view would dangle in graph.ttl.
STATEMENT_UNION = frozenset({
    KG.domain, KG.date, KG.startDate, KG.endDate, KG.place, KG.trend, KG.polarity, KG.modality,
    KG.evidence, KG.extractor, KG.source, PROV.wasAttributedTo, DERIVED_FROM})
MODALITY = KG.modality
_WHEN_WHERE = frozenset({KG.date, KG.startDate, KG.endDate, KG.place})
PLANNED = Literal("planned")
_SYMMETRIC_IRIS = frozenset(KG[r] for r in SYMMETRIC)
_EVENTFUL_IRIS = frozenset(KG[r] for r in EVENTFUL)
_NUMERIC = {XSD.decimal, XSD.integer}


def canonical(term):
    """`term` with the lexical form a store keeps (``"0.80"^^xsd:decimal`` → ``"0.8"``).

    Stores normalise numbers on the way in; comparing what is stored with what is about to
    be stored is only sound when both sides use the same lexical forms.
    """
    if type(term) is Literal and term.datatype in _NUMERIC:
        return _canonical_number(term)
    return term


@lru_cache(maxsize=1 << 14)
def _canonical_number(term: Literal) -> Literal:
    """`canonical` of a numeric literal: the same few numbers (counts, confidences) recur."""
    try:
        value = decimal.Decimal(str(term))
    except decimal.InvalidOperation:
        return term
    if term.datatype == XSD.integer:
        return Literal(str(int(value)), datatype=XSD.integer)
    return Literal(_decimal_text(value), datatype=XSD.decimal)


def _decimal_text(value: decimal.Decimal) -> str:
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def is_article_graph(graph: object) -> bool:
    return isinstance(graph, URIRef) and str(graph).startswith(ARTICLE_PREFIX)


def article_graph(extraction: Extraction, mentions: str = "compact") -> list[Triple]:
    """The triples of an article's named graph: what it said, its mentions in `mentions`
    mode (`kg.rdf.MENTION_MODES`), and its `kg:mergedInto` links.

    Raises `InputError` when an entity id cannot be part of an IRI.
    """
    check_ids(extraction)
    art = extraction.article
    triples = dict.fromkeys(
        (s, p, canonical(o)) for s, p, o in extraction_triples(extraction, mentions=mentions))
    for fact in extraction.facts:
        triples[(statement_iri(fact, art.id), MERGED_INTO, statement_iri(fact))] = None
    return list(triples)


@dataclass
class Touched:
    """The merged nodes an article graph contributes to."""

    statements: set = field(default_factory=set)
    entities: set = field(default_factory=set)
    articles: set = field(default_factory=set)

    def update(self, other: "Touched") -> None:
        self.statements |= other.statements
        self.entities |= other.entities
        self.articles |= other.articles


def touched_by(triples: Iterable[Triple]) -> Touched:
    t = Touched()
    for s, p, o in triples:
        # set membership, not ==: a term's hash is native, rdflib's __eq__ is not
        if p in _ENTITY_PREDICATE_SET:
            if s.startswith(ENTITY_PREFIX):
                t.entities.add(s)
            elif p == TYPE and o == ARTICLE:
                t.articles.add(s)
        elif p in _MERGED_INTO_SET:
            t.statements.add(o)
    return t


@dataclass(frozen=True)
class Source:
    """What one article says about one merged node: its (predicate, object) pairs."""

    article: URIRef
    values: tuple
    published: str = ""


def index_by_subject(triples: Iterable[Triple]) -> dict:
    by_subject: dict = defaultdict(list)
    for s, p, o in triples:
        by_subject[s].append((p, o))
    return by_subject


def published_of(article: URIRef, by_subject: Mapping) -> str:
    return next((str(o) for p, o in by_subject.get(article, ()) if p == ISSUED), "")


def statement_sources(node: URIRef, graphs: Mapping[URIRef, list[Triple]]) -> list[Source]:
    """The article statements behind merged `node` in in-memory article graphs (for tests, docs)."""
    sources = []
    for graph, triples in graphs.items():
        by_subject = index_by_subject(triples)
        for s, p, o in triples:
            if p == MERGED_INTO and o == node:
                sources.append(Source(graph, tuple(by_subject[s]), published_of(graph, by_subject)))
    return sources


def merged_statement(node: URIRef, sources: Iterable[Source]) -> tuple[list[Triple], Triple | None]:
    """The merged statement's triples and its direct triple (None when not asserted).

    Qualifiers, evidence and articles are the union over the sources; `kg:supportCount` counts
    articles, `kg:mentionCount` evidence sentences, and `kg:confidence` is 1 - Π(1 - cᵢ) over
    the highest confidence each article gives. An event is merely "planned" only when every
    article says so: one that reports it happening makes the fact asserted, with its direct
    triple (as `Fact.asserted` decides for one article), and the dates and place of the
    articles that report it done, not of those that only announced it. The result depends only on the set
    of sources.
    """
    sources = sorted(sources, key=lambda src: str(src.article))
    if not sources:
        return [], None
    first = dict(sources[0].values)
    s, p, o = first.get(SUBJECT), first.get(PREDICATE), first.get(OBJECT)
    if p in _SYMMETRIC_IRIS and isinstance(o, URIRef) and str(o) < str(s):
        s, o = o, s
    out = [(node, TYPE, STATEMENT), (node, SUBJECT, s), (node, PREDICATE, p), (node, OBJECT, o)]
    union: dict = {}
    confidences, mentions, dates = [], 0, []
    planned = [(MODALITY, PLANNED) in src.values for src in sources]
    planned_only = p in _EVENTFUL_IRIS and all(planned)
    for src, src_planned in zip(sources, planned):
        union[(DERIVED_FROM, src.article)] = None
        # an article that only announced the event lends the one that reports it done
        # neither its date nor its place
        lent = src_planned and not all(planned)
        best = None
        for pred, value in src.values:
            if lent and pred in _WHEN_WHERE:
                continue
            if pred in STATEMENT_UNION:
                union[(pred, value)] = None
            elif pred == CONFIDENCE:
                best = max(best or 0.0, float(value))
        mentions += mentions_in(src)
        if best is not None:
            confidences.append(best)
        if src.published:
            dates.append(src.published)
    if not planned_only:
        union.pop((MODALITY, PLANNED), None)
    out += [(node, pred, value) for pred, value in union]
    out += [(node, SUPPORT, count_literal(len(sources))), (node, MENTIONS, count_literal(mentions))]
    if confidences:
        out.append((node, CONFIDENCE, combined_confidence(confidences)))
    if dates:
        out += [(node, FIRST_SEEN, day_literal(min(dates))), (node, LAST_SEEN, day_literal(max(dates)))]
    negative = any(pred == POLARITY and str(value) != "positive" for pred, value in union)
    return out, None if negative or planned_only else (s, p, o)


def mentions_in(source: Source) -> int:
    """How many times one article states the fact: its evidence sentences, at least one."""
    return max(sum(1 for pred, _ in source.values if pred == EVIDENCE), 1)


@lru_cache(maxsize=4096)
def count_literal(n: int) -> Literal:
    return Literal(n)


@lru_cache(maxsize=4096)
def day_literal(text: str) -> Literal:
    return Literal(text, datatype=XSD_DATE)


def combined_confidence(confidences: Iterable[float]) -> Literal:
    """1 - Π(1 - cᵢ), as a canonical xsd:decimal with four places at most.

    >>> str(combined_confidence([0.8, 0.8]))
    '0.96'
    """
    remaining = 1.0
    for c in sorted(confidences):  # a fixed order gives the same float whatever the input order
        remaining *= 1.0 - min(max(c, 0.0), 1.0)
    value = decimal.Decimal(f"{1.0 - remaining:.4f}")
    return _decimal(_decimal_text(value))


@lru_cache(maxsize=20_000)
def _decimal(text: str) -> Literal:
    return Literal(text, datatype=XSD_DECIMAL)


def direct_triples(direct: Triple) -> list[Triple]:
    """The direct triples the merged view writes for a statement's `direct` triple: a
    symmetric relation's both ways round, so that either way of asking answers.

    >>> [t[0].rsplit("/", 1)[1] for t in direct_triples((KGE.China, KG.cooperatesWith, KGE.Kazakhstan))]
    ['China', 'Kazakhstan']
    """
    s, p, o = direct
    if p in _SYMMETRIC_IRIS and isinstance(o, URIRef) and o != s:
        return [direct, (o, p, s)]
    return [direct]


def direct_triple(node_triples: Iterable[Triple]) -> Triple | None:
    """The direct triple a stored merged statement asserts, read back from its triples."""
    values, planned = {}, False
    for _, p, o in node_triples:
        if p in _DIRECT_PARTS:
            values[p] = o
        elif p == MODALITY and o == PLANNED:
            planned = True
    if SUBJECT not in values or str(values.get(POLARITY, "positive")) != "positive":
        return None
    if planned and values.get(PREDICATE) in _EVENTFUL_IRIS:
        return None
    return values[SUBJECT], values[PREDICATE], values[OBJECT]


_DIRECT_PARTS = frozenset({SUBJECT, PREDICATE, OBJECT, POLARITY})


def entity_votes(values_by_article: Iterable[Iterable[tuple]]) -> Counter:
    """(predicate, value) → how many articles give it, from each article's description."""
    votes: Counter = Counter()
    for values in values_by_article:
        votes.update({pv for pv in values if pv[0] in _ENTITY_PREDICATE_SET})
    return votes


def merged_entity(entity: URIRef, votes: Counter) -> list[Triple]:
    """One description of an entity from the votes of the articles that described it
    (see `entity_votes`): counts, not articles, so a store can tally them where it is fast.

    Names are the union; the type and each language's preferred label are the ones most
    articles give (ties to the smallest), and the other preferred labels become alternatives.
    (No counts in the output: the ontology gives kg:supportCount to statements only;
    `kg.store.view` counts an entity's articles from the article graphs.)
    """
    types: Counter = Counter()
    prefs: dict = defaultdict(Counter)
    union: dict = {}
    for (pred, value), n in votes.items():
        if n <= 0:
            continue
        if pred == TYPE:
            types[value] = n
        elif pred == PREF_LABEL:
            prefs[value.language][value] = n
        elif pred in _ENTITY_PREDICATE_SET:
            union[(pred, value)] = None
    out = [(entity, TYPE, _most_common(types))] if types else []
    chosen = {_most_common(counts) for counts in prefs.values()}
    out += [(entity, PREF_LABEL, label) for label in chosen]
    alternatives = {label for counts in prefs.values() for label in counts} - chosen
    alternatives |= {value for pred, value in union if pred == ALT_LABEL}
    out += [(entity, ALT_LABEL, label) for label in alternatives - chosen]
    out += [(entity, pred, value) for pred, value in union if pred != ALT_LABEL]
    return out


def _most_common(counts: Counter):
    return min(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[0]


def quads(triples: Iterable[Triple], graph: URIRef) -> list[tuple]:
    return [(s, p, o, graph) for s, p, o in triples]

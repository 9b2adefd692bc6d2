"""The read model: the merged view read back into plain records (`GraphView`), what
`facts()`, `entities()`, `to_networkx()` and the exporters are built from.

A merged statement may hold several dates or places (one per article that gave one);
`StatementRecord` keeps them all, and `date`/`start`/`end`/`place` pick one: the latest
date, the earliest start, the latest end, the place most articles give.

>>> from kg.model import Article, Entity, Extraction, Fact, Provenance, Qualifiers
>>> from kg.store.memory import MemoryStore
>>> s = MemoryStore()
>>> a = Article.create("Armenia and Azerbaijan signed a deal in Washington.", published="2025-08-08")
>>> _ = s.add_extraction(Extraction(a, (Entity("Armenia", "Country", (("en", "Armenia"),), wikidata="Q399"),), (),
...     (Fact("Azerbaijan", "signsAgreementWith", "Armenia", Qualifiers(date="2025-08-08", place="Washington"),
...           Provenance(a.id, a.text, confidence=0.9)),)))
>>> view = read_view(s)
>>> [st] = view.statements
>>> st.subject, st.relation, st.object, st.date, st.place, st.support
('Armenia', 'signsAgreementWith', 'Azerbaijan', '2025-08-08', 'Washington', 1)
>>> view.entities["Armenia"].wikidata
'Q399'
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS

from ..model import SYMMETRIC, Entity
from ..rdf import valid_id
from ..vocab import DOMAIN_TOKENS, GAZETTEER_GRAPH, KG, KGA, KGE, KGS, MERGED_GRAPH, WD, entity_id
from .base import StoreBase


def local_name(iri: object) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def wikidata_id(iri: object) -> str:
    text = str(iri)
    return text[len(str(WD)):] if text.startswith(str(WD)) else ""


@dataclass(frozen=True)
class ArticleRecord:
    id: str
    title: str = ""
    source: str = ""
    url: str = ""
    published: str = ""
    lang: str = ""

    def as_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "source": self.source, "url": self.url,
                "published": self.published}


@dataclass(frozen=True)
class EntityRecord:
    """An entity of the merged view: preferred labels by language, all names, counts."""

    id: str
    type: str = ""
    labels: dict = field(default_factory=dict)       # lang → preferred name
    names: tuple = ()                                 # ((lang, name), ...) every rdfs:label
    aliases: tuple = ()                               # ((lang, name), ...)
    wikidata: str = ""
    support: int = 0                                  # articles mentioning it

    @property
    def label(self) -> str:
        return self.labels.get("en") or next(iter(sorted(self.labels.items())), ("", self.id))[1]

    def to_entity(self) -> Entity:
        return Entity(self.id, self.type or "Concept", tuple(sorted(self.labels.items())),
                      tuple(sorted(self.aliases)), self.wikidata)


@dataclass(frozen=True)
class StatementRecord:
    """A merged statement with every value its articles gave."""

    iri: str
    subject: str
    relation: str
    object: str
    object_is_entity: bool = True
    domains: tuple = ()
    dates: tuple = ()
    starts: tuple = ()
    ends: tuple = ()
    places: tuple = ()
    trend: str = ""
    polarity: str = "positive"
    modality: str = ""
    support: int = 0
    mentions: int = 0
    confidence: float = 0.0
    evidence: tuple = ()
    articles: tuple = ()
    first_seen: str = ""
    last_seen: str = ""

    @property
    def symmetric(self) -> bool:
        return self.relation in SYMMETRIC

    @property
    def date(self) -> str:
        return max(self.dates, default="")

    @property
    def start(self) -> str:
        return min(self.starts, default="")

    @property
    def end(self) -> str:
        return max(self.ends, default="")

    @property
    def place(self) -> str:
        return self.places[0] if self.places else ""


@dataclass
class GraphView:
    """Every merged entity, statement and article of a store, as frozen records."""

    entities: dict = field(default_factory=dict)     # id → EntityRecord
    statements: list = field(default_factory=list)   # [StatementRecord], sorted
    articles: dict = field(default_factory=dict)     # id → ArticleRecord


def read_view(store: StoreBase, *, background: bool = True) -> GraphView:
    """Every merged entity, statement and article. Entities that facts name but no article
    describes get what the background graph knows of them (when `background`)."""
    by_subject: dict = defaultdict(list)
    for s, p, o, _ in store.quads(None, None, None, MERGED_GRAPH):
        by_subject[s].append((p, o))
    view, support = GraphView(), article_counts(store)
    for subject, values in by_subject.items():
        text = str(subject)
        if text.startswith(str(KGS)):
            view.statements.append(statement_record(subject, values))
        elif text.startswith(str(KGA)):
            view.articles[text[len(str(KGA)):]] = article_record(subject, values)
        elif text.startswith(str(KGE)) and any(p in (RDF.type, RDFS.label, SKOS.prefLabel) for p, _ in values):
            view.entities[entity_id(subject)] = entity_record(subject, values, support.get(entity_id(subject), 0))
    view.statements.sort(key=lambda st: (st.subject, st.relation, st.object, st.iri))
    if background:
        named = {x for st in view.statements for x in (st.subject, st.object) if st.object_is_entity}
        for missing in sorted(named - view.entities.keys()):
            values = [q[1:3] for q in store.quads(KGE[missing], None, None, GAZETTEER_GRAPH)]
            view.entities[missing] = entity_record(KGE[missing], values)
    return view


def actor_activity(view: GraphView) -> dict[str, tuple[int, int]]:
    """Entity id → (facts, articles): the distinct facts it takes part in, as subject or
    object (a fact being the relation and the other party), and the distinct articles behind
    them; denied facts left out. What ``examples/queries/top-actors.rq`` counts."""
    facts: dict = defaultdict(set)
    articles: dict = defaultdict(set)
    for st in view.statements:
        if st.polarity != "positive":
            continue
        ends = [(st.subject, st.object)] + ([(st.object, st.subject)] if st.object_is_entity else [])
        for actor, other in ends:
            facts[actor].add((st.relation, other))
            articles[actor].update(st.articles)
    return {actor: (len(fs), len(articles[actor])) for actor, fs in facts.items()}


def resolve_ids(store: StoreBase, name: str) -> set[str]:
    """Entity ids named by an id or a label (case-insensitive), merged or background;
    empty when nothing is called so."""
    if valid_id(name) and next(iter(store.quads(KGE[name], None, None, None)), None) is not None:
        return {name}
    folded = name.casefold()
    found = set()
    for graph in (MERGED_GRAPH, GAZETTEER_GRAPH):
        for pred in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
            for s, _, o, _ in store.quads(None, pred, None, graph):
                if str(o).casefold() == folded and str(s).startswith(str(KGE)):
                    found.add(entity_id(s))
    return found


def read_statements(store: StoreBase, subjects: set[str] | None = None, objects: set[str] | None = None,
                    relation: str | None = None) -> Iterator[StatementRecord]:
    """The merged statements that may match: those naming one of `subjects` (else `objects`)
    at either end, else those of `relation`, else all of them. The caller filters exactly."""
    if subjects is None and objects is None and relation is None:
        yield from read_view(store, background=False).statements
        return
    if subjects is not None or objects is not None:
        ends = subjects if subjects is not None else objects
        nodes = {s for e in ends for p in (RDF.subject, RDF.object)
                 for s, _, _, _ in store.quads(None, p, KGE[e], MERGED_GRAPH)}
    else:
        nodes = {s for s, _, _, _ in store.quads(None, RDF.predicate, KG[relation], MERGED_GRAPH)}
    for node in nodes:
        yield statement_record(node, [(p, o) for _, p, o, _ in store.quads(node, None, None, MERGED_GRAPH)])


@dataclass(frozen=True)
class EvidenceRecord:
    """One sentence of one article behind a merged statement."""

    article: str
    sentence: str
    extractor: str
    confidence: float


def read_evidence(store: StoreBase, statement: str) -> list[EvidenceRecord]:
    """Every article statement merged into `statement` (a merged statement's IRI), each of its
    sentences once, the most confident first (then by article and sentence)."""
    out = []
    for scoped, _, _, graph in store.quads(None, KG.mergedInto, URIRef(statement), None):
        values = [(p, o) for _, p, o, _ in store.quads(scoped, None, None, graph)]
        sentences = sorted(str(o) for p, o in values if p == KG.evidence) or [""]
        confidence = max((float(o) for p, o in values if p == KG.confidence), default=0.0)
        extractor = next((str(o) for p, o in values if p == KG.extractor), "")
        article = str(graph)[len(str(KGA)):]
        out += [EvidenceRecord(article, s, extractor, confidence) for s in sentences]
    return sorted(out, key=lambda e: (-e.confidence, e.article, e.sentence))


_ARTICLE_COUNTS = f"""
SELECT ?e (COUNT(DISTINCT ?g) AS ?n) WHERE {{
  GRAPH ?g {{ ?e rdf:type ?t }}
  FILTER(STRSTARTS(STR(?g), "{KGA}") && STRSTARTS(STR(?e), "{KGE}"))
}} GROUP BY ?e"""


def article_counts(store: StoreBase) -> dict[str, int]:
    """Entity id → the number of articles that mention (describe) it."""
    return {entity_id(row[0]): int(row[1]) for row in store.query(_ARTICLE_COUNTS).rows}


def statement_record(node: URIRef, values: Iterable[tuple]) -> StatementRecord:
    one: dict = {}
    many: dict = defaultdict(list)
    for p, o in values:
        one[p] = o
        many[p].append(o)
    obj = one.get(RDF.object)
    places = Counter(entity_id(o) for o in many[KG.place])
    return StatementRecord(
        iri=str(node), subject=entity_id(one.get(RDF.subject, "")),
        relation=local_name(one.get(RDF.predicate, "")),
        object=entity_id(obj) if isinstance(obj, URIRef) else str(obj or ""),
        object_is_entity=isinstance(obj, URIRef) and str(obj).startswith(str(KGE)),
        domains=tuple(sorted(DOMAIN_TOKENS.get(d, local_name(d)) for d in many[KG.domain])),
        dates=tuple(sorted(map(str, many[KG.date]))), starts=tuple(sorted(map(str, many[KG.startDate]))),
        ends=tuple(sorted(map(str, many[KG.endDate]))),
        places=tuple(p for p, _ in sorted(places.items(), key=lambda kv: (-kv[1], kv[0]))),
        trend=str(one.get(KG.trend, "")), polarity=str(one.get(KG.polarity, "positive")),
        modality=",".join(sorted(str(m) for m in many[KG.modality])),
        support=int(one.get(KG.supportCount, 0)), mentions=int(one.get(KG.mentionCount, 0)),
        confidence=float(one.get(KG.confidence, 0.0)),
        evidence=tuple(sorted(str(e) for e in many[KG.evidence])),
        articles=tuple(sorted(str(a)[len(str(KGA)):] for a in many[PROV.wasDerivedFrom])),
        first_seen=str(one.get(KG.firstSeen, "")), last_seen=str(one.get(KG.lastSeen, "")))


def entity_record(node: URIRef, values: Iterable[tuple], support: int = 0) -> EntityRecord:
    labels, names, aliases, types, wikidata = {}, [], [], [], ""
    for p, o in values:
        if p == SKOS.prefLabel and isinstance(o, Literal):
            labels[o.language or ""] = str(o)
        elif p == RDFS.label and isinstance(o, Literal):
            names.append((o.language or "", str(o)))
        elif p == SKOS.altLabel and isinstance(o, Literal):
            aliases.append((o.language or "", str(o)))
        elif p == RDF.type:
            types.append(local_name(o))
        elif p in (OWL.sameAs, SKOS.exactMatch) and wikidata_id(o):
            wikidata = wikidata_id(o)
    if not labels and names:
        for lang, name in sorted(names):
            labels.setdefault(lang, name)
    return EntityRecord(entity_id(node), min(types, default=""), dict(sorted(labels.items())),
                        tuple(sorted(set(names))),
                        tuple(sorted(set(aliases))), wikidata, support)


def article_record(node: URIRef, values: Iterable[tuple]) -> ArticleRecord:
    one = {p: str(o) for p, o in values}
    return ArticleRecord(str(node)[len(str(KGA)):], one.get(DCTERMS.title, ""), one.get(DCTERMS.source, ""),
                         one.get(SDO.url, ""), one.get(DCTERMS.issued, ""), one.get(DCTERMS.language, ""))


# -- the summary's figures, without reading the whole view --------------------------------------
_ENTITY_COUNT = f"""
SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{
  GRAPH <{MERGED_GRAPH}> {{ ?e rdf:type ?t }}
  FILTER(STRSTARTS(STR(?e), "{KGE}"))
}}"""
_STATEMENT_COUNT = f"""
SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  GRAPH <{MERGED_GRAPH}> {{ ?s rdf:type rdf:Statement }}
  FILTER(STRSTARTS(STR(?s), "{KGS}"))
}}"""
_NEGATIVE_COUNT = f"""
SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  GRAPH <{MERGED_GRAPH}> {{ ?s rdf:type rdf:Statement ; kg:polarity ?v }}
  FILTER(STRSTARTS(STR(?s), "{KGS}") && STR(?v) != "positive")
}}"""
# An actor's statements, either end: at least as many as the distinct facts it takes part in.
_STATEMENTS_AT = f"""
SELECT ?a (COUNT(?s) AS ?n) WHERE {{
  GRAPH <{MERGED_GRAPH}> {{ {{ ?s rdf:subject ?a }} UNION {{ ?s rdf:object ?a }} }}
  FILTER(isIRI(?a) && STRSTARTS(STR(?a), "{KGE}") && STRSTARTS(STR(?s), "{KGS}"))
}} GROUP BY ?a"""


def _count(store: StoreBase, query: str) -> int:
    rows = store.query(query).rows
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0


def summary_figures(store: StoreBase, top: int = 5) -> dict:
    """The figures of `KnowledgeGraph.stats` a build's summary shows (entities, facts,
    triples, top actors), the same values, counted inside the store and from the statements
    of the leading actors only: reading the whole view grows with the graph, and a build
    that added 1 % to it should not cost as much as reading all of it."""
    facts = _count(store, _STATEMENT_COUNT) - _count(store, _NEGATIVE_COUNT)
    return {"entities": _count(store, _ENTITY_COUNT), "facts": facts, "triples": len(store),
            "top_actors": top_actors(store, top)}


def top_actors(store: StoreBase, n: int) -> list[tuple[str, str, int, int]]:
    """The `n` actors taking part in the most facts as (id, label, facts, articles), ranked
    as `KnowledgeGraph.stats` ranks them. Actors are read in order of the statements naming
    them, a bound on their facts, until no actor left can reach the last place."""
    if n <= 0:
        return []
    bounds = sorted(((int(row[1]), entity_id(row[0])) for row in store.query(_STATEMENTS_AT).rows),
                    key=lambda b: (-b[0], b[1]))
    ranked: list[tuple] = []
    for bound, actor in bounds:
        if len(ranked) >= n and ranked[n - 1][0] > bound:
            break
        facts, articles, label = _actor_activity(store, actor)
        if facts:  # denied facts only: no actor in the ranking
            ranked.append((facts, articles, label, actor))
            ranked.sort(key=lambda r: (-r[0], -r[1], r[2], r[3]))
    return [(actor, label, facts, articles) for facts, articles, label, actor in ranked[:n]]


def _actor_activity(store: StoreBase, actor: str) -> tuple[int, int, str]:
    """(facts, articles, label) of one actor, as `actor_activity` and `read_view` give them:
    counted inside the store, since the actors most articles name have thousands of sources."""
    node = KGE[actor]
    row = store.query(_ACTIVITY.replace("ACTOR", f"<{node}>")).rows[0]
    facts, articles = int(row[0] or 0), int(row[1] or 0)
    values = [(p, o) for _, p, o, _ in store.quads(node, None, None, MERGED_GRAPH)]
    if not any(p in (RDF.type, RDFS.label, SKOS.prefLabel) for p, _ in values):
        # read_view describes an entity no article describes from the background, when a
        # statement with an entity at each end names it
        named = store.query(_NAMED.replace("ACTOR", f"<{node}>")).boolean
        values = [q[1:3] for q in store.quads(node, None, None, GAZETTEER_GRAPH)] if named else []
    return facts, articles, entity_record(node, values).label if values else actor


# The distinct facts of an actor (the relation and the other party: an entity's id, or a
# literal's text) and the articles behind them; denied facts left out.
_ACTIVITY = f"""
SELECT (COUNT(DISTINCT ?pair) AS ?facts) (COUNT(DISTINCT ?g) AS ?articles) WHERE {{
  GRAPH <{MERGED_GRAPH}> {{
    {{ ?s rdf:subject ACTOR ; rdf:predicate ?p ; rdf:object ?other }}
    UNION {{ ?s rdf:object ACTOR ; rdf:predicate ?p ; rdf:subject ?other }}
    FILTER(STRSTARTS(STR(?s), "{KGS}"))
    FILTER NOT EXISTS {{ ?s kg:polarity ?v FILTER(STR(?v) != "positive") }}
    OPTIONAL {{ ?s prov:wasDerivedFrom ?g }}
  }}
  BIND(CONCAT(STR(?p), " ", IF(isIRI(?other) && STRSTARTS(STR(?other), "{KGE}"),
                               STRAFTER(STR(?other), "{KGE}"), STR(?other))) AS ?pair)
}}"""
_NAMED = f"""
ASK {{ GRAPH <{MERGED_GRAPH}> {{
  {{ ?s rdf:object ACTOR }} UNION {{ ?s rdf:subject ACTOR ; rdf:object ?o FILTER(isIRI(?o) && STRSTARTS(STR(?o), "{KGE}")) }}
  FILTER(STRSTARTS(STR(?s), "{KGS}"))
}} }}"""

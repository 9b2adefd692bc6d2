"""Score kg against a folder of annotated articles (the gold format of the extraction contract).

Each article ``NAME.md`` (or ``.txt``, ``.html``) has a ``NAME.gold.json`` beside it. kg reads
the article in-process, writes what it read as the same RDF that ``kg extract`` writes, and
that RDF is read back the way the contract says any extractor's output is read: entities are
named resources (matched to the gold by Wikidata item or by a folded name), facts are direct
triples whose predicate's local name is a relation, qualifiers sit on statement nodes.

>>> fold("  Kyrgyz Republic! ") == fold("kyrgyz-republic")
True
>>> date_matches("2025-06", "2025-06-16"), date_matches("2025-06-16", "2025")
(True, False)
"""
from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SDO, SKOS

from .errors import InputError, KGError, UnknownFormatError
from .model import RELATIONS, SYMMETRIC, Extraction

log = logging.getLogger("kg.evaluate")

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
GOLD_SUFFIX = ".gold.json"
QUALIFIERS = ("domain", "place", "date")
# Files that describe a corpus rather than belong to it.
NOT_ARTICLES = frozenset({"readme", "license", "licence", "notice", "sources", "changelog", "notes"})

_NAME_PROPERTIES = frozenset({RDFS.label, SKOS.prefLabel, SKOS.altLabel})
_LINK_PROPERTIES = frozenset({OWL.sameAs, SKOS.exactMatch, SDO.sameAs})
_WIKIDATA = re.compile(r"^https?://(?:www\.)?wikidata\.org/(?:entity|wiki)/(Q[0-9]+)$")
_QID = re.compile(r"^Q[0-9]+$")
_DATE_KEYS = ("date", "startDate", "endDate")
# Classes whose instances are text annotations, documents or reified statements: not entities.
_ANNOTATION_CLASSES = frozenset(name.casefold() for name in (
    "Statement", "Article", "NewsArticle", "Document", "Mention", "Evidence",
    "Annotation", "SpecificResource", "TextQuoteSelector", "TextPositionSelector",
    "String", "Phrase", "Word", "Sentence", "Context", "RFC5147String", "OffsetBasedString"))


# --- names, dates and facts ----------------------------------------------------------------

def fold(name: str) -> str:
    """A name with case, punctuation and spacing folded away ("ё" is written "е")."""
    text = unicodedata.normalize("NFKC", name).casefold().replace("ё", "е")
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def local_name(term: object) -> str:
    """The part of an IRI after its last '#' or '/'."""
    text = str(term).rstrip("#/")
    return text[max(text.rfind("#"), text.rfind("/")) + 1:]


def date_matches(gold: str, stated: str) -> bool:
    """Whether a stated date gives the gold one at the gold's precision (a year alone does not
    give a full date, a full date does give its year)."""
    return len(gold) >= 4 and stated.startswith(gold)


FactKey = tuple[str, str, str]


def fact_key(subject: str, relation: str, obj: str) -> FactKey:
    """A fact as the scorer compares it: symmetric relations unordered, a founding by its year."""
    if relation == "inception":
        obj = obj[:4]
    if relation in SYMMETRIC and obj < subject:
        subject, obj = obj, subject
    return (subject, relation, obj)


# --- the gold ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class GoldEntity:
    id: str
    label: str
    type: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        # an id that is not a Wikidata item is the entity's short name
        own = () if _QID.match(self.id) else (self.id,)
        return (self.label, *self.aliases, *own)


@dataclass(frozen=True, slots=True)
class Gold:
    """One article's annotation: its entities, its positive facts and their qualifiers."""

    name: str
    lang: str
    entities: tuple[GoldEntity, ...]
    facts: frozenset[FactKey]
    # kind ("domain", "place", "date") → {(fact, value)}
    qualifiers: dict[str, frozenset[tuple[FactKey, str]]] = field(default_factory=dict)
    outside: tuple[str, ...] = ()  # relations of gold facts the contract does not have: not scored

    @property
    def entity_ids(self) -> frozenset[str]:
        return frozenset(e.id for e in self.entities)

    def label(self, entity_id: str) -> str:
        return next((e.label for e in self.entities if e.id == entity_id), entity_id)


def load_gold(path: Path) -> Gold:
    """A gold file; raises `InputError` naming the file when it is not valid JSON or not gold."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise InputError(path, f"not valid JSON ({e.msg} at line {e.lineno}, column {e.colno})") from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(path, f"cannot read the gold file ({type(e).__name__}: {e})") from None
    try:
        return _gold_from(Path(path).name[: -len(GOLD_SUFFIX)], data)
    except (KeyError, TypeError, AttributeError) as e:
        raise InputError(path, f"not a gold file: every entity needs an 'id' and a 'label', every fact "
                               f"an 's', 'p' and 'o' ({type(e).__name__}: {e})") from None


def _gold_from(name: str, data: dict) -> Gold:
    entities = tuple(GoldEntity(str(e["id"]), str(e["label"]), str(e.get("type", "")),
                                tuple(map(str, e.get("aliases") or ()))) for e in data["entities"])
    facts: set[FactKey] = set()
    qualifiers: dict[str, set] = {kind: set() for kind in QUALIFIERS}
    outside: list[str] = []
    for f in data["facts"]:
        if str(f.get("polarity", "positive")).casefold() == "negative":
            continue  # a denied fact is not a fact; stating it counts against precision
        if str(f["p"]) not in RELATIONS:
            outside.append(str(f["p"]))  # no extractor is asked for it
            continue
        key = fact_key(str(f["s"]), str(f["p"]), str(f["o"]))
        facts.add(key)
        domains = f.get("domain") or ()
        for d in [domains] if isinstance(domains, str) else domains:
            qualifiers["domain"].add((key, str(d).casefold()))
        if f.get("place"):
            qualifiers["place"].add((key, str(f["place"])))
        for k in _DATE_KEYS:
            if f.get(k):
                qualifiers["date"].add((key, str(f[k])))
    return Gold(name, str(data.get("lang", "")), entities, frozenset(facts),
                {k: frozenset(v) for k, v in qualifiers.items()}, tuple(outside))


# --- what the output says ------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Prediction:
    """What one article's RDF says, in the gold's entity ids (an unmatched entity keeps its
    Wikidata item or its IRI, marked with a leading '?')."""

    entities: frozenset[str]
    duplicates: tuple[str, ...]  # gold entities more than one output resource stands for
    facts: frozenset[FactKey]
    qualifiers: dict[str, frozenset[tuple[FactKey, str]]]
    names: dict[str, str]  # id of an unmatched entity → a name to show


def read_prediction(graph: Graph, gold: Gold) -> Prediction:
    """Read RDF the way the contract says, mapping its entities onto `gold`'s."""
    ids, names = _entity_map(graph, gold)
    term = lambda t: str(t) if isinstance(t, Literal) else ids.get(t, "?" + str(t))  # noqa: E731
    denied, qualifiers = _statements(graph, term)
    facts = set()
    for s, p, o in graph:
        relation = local_name(p)
        if relation in RELATIONS and not isinstance(s, Literal):
            key = fact_key(term(s), relation, term(o))
            if key not in denied:
                facts.add(key)
    per_gold = Counter(v for v in ids.values() if not v.startswith("?"))
    return Prediction(frozenset(ids.values()), tuple(sorted(g for g, n in per_gold.items() if n > 1)),
                      frozenset(facts), qualifiers, names)


def _entity_map(graph: Graph, gold: Gold) -> tuple[dict, dict[str, str]]:
    by_name: dict[str, str] = {}
    for entity in gold.entities:
        for name in entity.names:
            if fold(name):
                by_name.setdefault(fold(name), entity.id)
    gold_qids = {e.id for e in gold.entities if _QID.match(e.id)}
    labels: dict[URIRef, list[str]] = {}
    items: dict[URIRef, str] = {}
    annotations = set()
    for s, p, o in graph:
        if p in _NAME_PROPERTIES and isinstance(o, Literal):
            labels.setdefault(s, []).append(str(o))
        elif p in _LINK_PROPERTIES and (m := _WIKIDATA.match(str(o))):
            items[s] = m.group(1)
        elif p == RDF.type and local_name(o).casefold() in _ANNOTATION_CLASSES:
            annotations.add(s)
    ids: dict = {}
    shown: dict[str, str] = {}
    for resource in sorted((set(labels) | set(items)) - annotations, key=str):
        if isinstance(resource, Literal):
            continue
        qid, own = items.get(resource), sorted(labels.get(resource, ()))
        match = qid if qid in gold_qids else next((by_name[fold(n)] for n in own if fold(n) in by_name), None)
        ids[resource] = match or "?" + (qid or str(resource))
        if not match:
            shown[ids[resource]] = own[0] if own else ids[resource][1:]
    return ids, shown


def _statements(graph: Graph, term: Callable) -> tuple[set[FactKey], dict[str, frozenset]]:
    denied: set[FactKey] = set()
    qualifiers: dict[str, set] = {kind: set() for kind in QUALIFIERS}
    for node in set(graph.subjects(RDF.type, RDF.Statement)):
        s, p, o = (graph.value(node, part) for part in (RDF.subject, RDF.predicate, RDF.object))
        if s is None or p is None or o is None or local_name(p) not in RELATIONS:
            continue
        key = fact_key(term(s), local_name(p), term(o))
        for prop, value in graph.predicate_objects(node):
            kind = local_name(prop)
            text = str(value) if isinstance(value, Literal) else local_name(value)
            if kind == "polarity" and text.casefold() == "negative":
                denied.add(key)
            elif kind == "domain":
                qualifiers["domain"].add((key, _domain_token(text)))
            elif kind == "place":
                qualifiers["place"].add((key, term(value)))
            elif kind in _DATE_KEYS:
                qualifiers["date"].add((key, str(value)))
    return denied, {k: frozenset(v) for k, v in qualifiers.items()}


def _domain_token(text: str) -> str:
    """'LawEnforcement', 'law_enforcement' and 'law enforcement' are one domain."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", "_", text.strip()).casefold().replace(" ", "_").replace("-", "_")


# --- scores --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PRF:
    """Counts of a set comparison and the precision, recall and F1 they give."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "PRF") -> "PRF":
        return PRF(self.tp + other.tp, self.predicted + other.predicted, self.gold + other.gold)

    def as_dict(self) -> dict:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "tp": self.tp, "predicted": self.predicted, "gold": self.gold}


@dataclass(frozen=True, slots=True)
class Share:
    """Of `of` gold qualifiers on matched facts, `hits` the output also states."""

    hits: int = 0
    of: int = 0

    @property
    def value(self) -> float | None:
        return self.hits / self.of if self.of else None

    def __add__(self, other: "Share") -> "Share":
        return Share(self.hits + other.hits, self.of + other.of)

    def as_dict(self) -> dict:
        return {"share": self.value, "hits": self.hits, "of": self.of}


@dataclass(frozen=True, slots=True)
class ArticleScore:
    """One article's comparison, with what was missed and what was extra."""

    name: str
    lang: str
    facts: PRF
    entities: PRF
    duplicates: tuple[str, ...]
    qualifiers: dict[str, Share]
    by_relation: dict[str, PRF]
    missed_facts: tuple[FactKey, ...] = ()
    extra_facts: tuple[FactKey, ...] = ()
    missed_entities: tuple[str, ...] = ()
    extra_entities: tuple[str, ...] = ()
    missed_qualifiers: tuple[tuple[str, FactKey, str], ...] = ()  # (kind, fact, gold value)
    names: dict[str, str] = field(default_factory=dict)  # id → a name to show
    error: str = ""  # the article could not be read: scored as if nothing was extracted

    def show(self, entity_id: str) -> str:
        return self.names.get(entity_id, entity_id)


def score_article(gold: Gold, prediction: Prediction, lang: str = "", error: str = "") -> ArticleScore:
    """Compare one article's output with its gold."""
    tp = gold.facts & prediction.facts
    qualifiers, missed_q = {}, []
    for kind in QUALIFIERS:
        wanted = sorted((f, v) for f, v in gold.qualifiers.get(kind, ()) if f in prediction.facts)
        stated = prediction.qualifiers.get(kind, frozenset())
        hit = [(f, v) for f, v in wanted if _stated(kind, f, v, stated)]
        qualifiers[kind] = Share(len(hit), len(wanted))
        missed_q += [(kind, f, v) for f, v in wanted if (f, v) not in hit]
    by_relation = {}
    for relation in sorted({f[1] for f in gold.facts | prediction.facts}):
        g = {f for f in gold.facts if f[1] == relation}
        p = {f for f in prediction.facts if f[1] == relation}
        by_relation[relation] = PRF(len(g & p), len(p), len(g))
    names = {e.id: e.label for e in gold.entities} | prediction.names
    return ArticleScore(
        gold.name, gold.lang or lang, PRF(len(tp), len(prediction.facts), len(gold.facts)),
        PRF(len(gold.entity_ids & prediction.entities), len(prediction.entities), len(gold.entity_ids)),
        prediction.duplicates, qualifiers, by_relation,
        tuple(sorted(gold.facts - prediction.facts)), tuple(sorted(prediction.facts - gold.facts)),
        tuple(sorted(gold.entity_ids - prediction.entities)), tuple(sorted(prediction.entities - gold.entity_ids)),
        tuple(missed_q), names, error)


def _stated(kind: str, fact: FactKey, value: str, stated: frozenset) -> bool:
    if kind == "date":
        return any(f == fact and date_matches(value, v) for f, v in stated)
    return (fact, value) in stated


@dataclass(frozen=True, slots=True)
class Totals:
    """Figures summed (micro-averaged) over a group of articles."""

    articles: int
    facts: PRF
    entities: PRF
    duplicates: int
    qualifiers: dict[str, Share]

    @classmethod
    def of(cls, scores: Iterable[ArticleScore]) -> "Totals":
        scores = list(scores)
        return cls(len(scores), sum((s.facts for s in scores), PRF()), sum((s.entities for s in scores), PRF()),
                   sum(len(s.duplicates) for s in scores),
                   {k: sum((s.qualifiers[k] for s in scores), Share()) for k in QUALIFIERS})

    def as_dict(self) -> dict:
        return {"articles": self.articles, "facts": self.facts.as_dict(), "entities": self.entities.as_dict(),
                "duplicates": self.duplicates, "qualifiers": {k: v.as_dict() for k, v in self.qualifiers.items()}}


@dataclass(frozen=True, slots=True)
class Report:
    """The scores of a gold folder: each article, and totals overall, per language and per relation."""

    articles: tuple[ArticleScore, ...]
    problems: tuple[InputError, ...] = ()  # files that could not be scored

    @property
    def total(self) -> Totals:
        return Totals.of(self.articles)

    @property
    def by_language(self) -> dict[str, Totals]:
        langs = sorted({a.lang for a in self.articles})
        return {lang: Totals.of(a for a in self.articles if a.lang == lang) for lang in langs}

    @property
    def by_relation(self) -> dict[str, PRF]:
        out: dict[str, PRF] = {}
        for a in self.articles:
            for relation, prf in a.by_relation.items():
                out[relation] = out.get(relation, PRF()) + prf
        return dict(sorted(out.items()))

    def as_dict(self) -> dict:
        return {
            **self.total.as_dict(),
            "by_language": {k: v.as_dict() for k, v in self.by_language.items()},
            "by_relation": {k: v.as_dict() for k, v in self.by_relation.items()},
            "per_article": [_article_dict(a) for a in self.articles],
            "problems": [{"path": e.path, "reason": e.reason} for e in self.problems],
        }


def _article_dict(a: ArticleScore) -> dict:
    return {"name": a.name, "lang": a.lang, "facts": a.facts.as_dict(), "entities": a.entities.as_dict(),
            "duplicates": list(a.duplicates), "qualifiers": {k: v.as_dict() for k, v in a.qualifiers.items()},
            "missed_facts": [list(f) for f in a.missed_facts], "extra_facts": [list(f) for f in a.extra_facts],
            "missed_entities": list(a.missed_entities), "extra_entities": list(a.extra_entities),
            "missed_qualifiers": [[k, list(f), v] for k, f, v in a.missed_qualifiers],
            **({"error": a.error} if a.error else {})}


# --- a gold folder -------------------------------------------------------------------------

def gold_pairs(folder: Path) -> Iterator[tuple[Path, Path] | InputError]:
    """(article, gold file) for each annotated article under `folder`, in a stable order, and an
    `InputError` for an article without gold or a gold file without its article."""
    folder = Path(folder)
    if not folder.is_dir():
        raise KGError(f"{folder}: no such folder" if not folder.exists() else f"{folder}: not a folder")
    golds = {p for p in folder.rglob("*" + GOLD_SUFFIX) if p.is_file()}
    articles = {}
    for p in folder.rglob("*"):
        if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and p.stem.casefold() not in NOT_ARTICLES:
            articles.setdefault(p.with_suffix(""), []).append(p)
    for stem in sorted(set(articles) | {Path(str(g)[: -len(GOLD_SUFFIX)]) for g in golds}, key=str):
        gold = stem.with_name(stem.name + GOLD_SUFFIX)
        found = sorted(articles.get(stem, ()), key=lambda p: ARTICLE_SUFFIXES.index(p.suffix.lower()))
        if not found:
            yield InputError(gold, f"no article beside it (looked for {stem.name}{{{','.join(ARTICLE_SUFFIXES)}}})")
        elif gold not in golds:
            if _is_article(found[0]):
                yield InputError(found[0], f"no gold file {gold.name} beside it; not scored")
        else:
            yield found[0], gold


def rdf_format(path: Path) -> str:
    """rdflib's name of the RDF syntax a file's suffix says (`kg.registry`'s format table), or ""."""
    from .registry import exporters

    try:
        fmt = exporters.format_for_path(path)
    except UnknownFormatError:
        return ""
    return fmt.rdf


def rdf_suffixes() -> list[str]:
    from .registry import exporters

    return [suffix for fmt in exporters.rdf_formats() for suffix in fmt.suffixes]


def _is_article(path: Path) -> bool:
    """A Markdown article opens with its front matter; other Markdown (notes on the
    annotation, a README) describes the corpus."""
    if path.suffix.lower() not in (".md", ".markdown"):
        return True
    try:
        with open(path, "rb") as f:
            return f.read(3) == b"---"
    except OSError:
        return True


def extraction_rdf(extraction: Extraction) -> Graph:
    """The RDF `kg extract` writes for one article."""
    from .rdf import extraction_graph

    return extraction_graph(extraction)


def read_rdf(path: Path) -> Graph:
    """Every triple of an RDF file of any syntax rdflib reads, named graphs merged."""
    from rdflib import Dataset

    fmt = rdf_format(Path(path))
    if not fmt:
        raise InputError(path, f"unknown RDF suffix {Path(path).suffix!r}; valid: {', '.join(rdf_suffixes())}")
    dataset = Dataset()
    try:
        dataset.parse(str(path), format=fmt)
    except Exception as e:  # noqa: BLE001 - rdflib's parsers raise many kinds of errors
        raise InputError(path, f"not valid RDF ({type(e).__name__}: {str(e).strip().splitlines()[0][:200]})") from None
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


_NOTHING = Prediction(frozenset(), (), frozenset(), {}, {})


def evaluate(folder: Path | str, extract: Callable | None = None, predictions: Path | str | None = None,
             on_article: Callable[[ArticleScore], None] | None = None) -> Report:
    """Score every annotated article under `folder`.

    By default kg reads each article in-process (`extract`, any function of an `Article` to an
    `Extraction`, replaces its extraction). With `predictions`, a folder of NAME.ttl (or any RDF
    syntax) that some extractor already wrote, those files are scored instead. An article, gold
    or output file that cannot be read is reported in `Report.problems`, and the article is
    scored as if nothing was found in it; the rest goes on.
    """
    if predictions is not None and not Path(predictions).is_dir():
        raise KGError(f"{predictions}: no such folder of outputs")
    scores, problems = [], []
    for pair in gold_pairs(Path(folder)):
        if isinstance(pair, InputError):
            problems.append(pair)
            continue
        article_path, gold_path = pair
        try:
            gold = load_gold(gold_path)
        except InputError as e:
            problems.append(e)
            continue
        for relation, n in sorted(Counter(gold.outside).items()):
            log.warning("kg: warning: %s: %d fact%s of %r, a relation the contract does not have; not scored",
                        gold_path, n, "s" * (n != 1), relation)
        try:
            if predictions is not None:
                graph, lang = read_rdf(_output_of(Path(predictions), gold.name)), ""
            else:
                graph, lang = _run(article_path, extract)
            score = score_article(gold, read_prediction(graph, gold), lang)
        except InputError as e:
            problems.append(e)
            score = score_article(gold, _NOTHING, error=e.reason)
        scores.append(score)
        if on_article:
            on_article(score)
    return Report(tuple(scores), tuple(problems))


def _run(article_path: Path, extract: Callable | None) -> tuple[Graph, str]:
    """The RDF of the article, read and extracted as `kg extract` does; an `InputError` (an
    `ExtractionError` when the extractor failed) when it cannot be had."""
    from .pipeline import extract_paths

    for item in extract_paths([article_path], extractor=extract):
        if isinstance(item, InputError):
            raise item
        return extraction_rdf(item), item.article.lang
    raise InputError(article_path, "no article read")


def _output_of(folder: Path, name: str) -> Path:
    found = sorted(p for p in folder.glob(name + ".*") if p.name[: -len(p.suffix)] == name and rdf_format(p))
    if not found:
        raise InputError(folder / name, f"no output {name}.{{{','.join(s[1:] for s in rdf_suffixes())}}} "
                                        f"in {folder}")
    return found[0]

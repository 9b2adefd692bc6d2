"""The values that flow through the pipeline: immutable, hashable, comparable.

Each stage takes these and returns new ones; nothing is mutated after creation.

>>> a = Article.create("Китай і Казахстан поглиблюють співпрацю.", lang="uk")
>>> a.id == Article.create("Китай і Казахстан поглиблюють співпрацю.", lang="uk").id
True
>>> f = Fact("China", "cooperatesWith", "Kazakhstan", Qualifiers(domain=("security",)))
>>> f.key == Fact("Kazakhstan", "cooperatesWith", "China", Qualifiers(domain=("security",))).key
True
"""
from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import dataclass, field, replace

from . import schema
from .errors import UnknownRelationError, UnknownDomainError

# The vocabulary comes from the ontology (kg.schema); these names are kept for the callers.
_SCHEMA = schema.load()
RELATIONS: tuple[str, ...] = tuple(_SCHEMA.relations)
# Relations whose fact is an event: planned, it has not happened yet.
EVENTFUL: frozenset[str] = frozenset(r.name for r in _SCHEMA.relations.values() if r.eventful)
SYMMETRIC: frozenset[str] = frozenset(r.name for r in _SCHEMA.relations.values() if r.symmetric)
DOMAINS: tuple[str, ...] = tuple(_SCHEMA.domains)
ENTITY_TYPES: tuple[str, ...] = _SCHEMA.entity_types


def content_id(*parts: str) -> str:
    """A short stable hash of text parts: the same input always gives the same id."""
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8"))
    return h.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article. `id` is a hash of its text, so re-reading it gives the same id."""

    id: str
    text: str
    title: str = ""
    url: str = ""
    source: str = ""
    published: _dt.date | None = None
    lang: str = ""
    path: str = ""

    @classmethod
    def create(cls, text: str, *, title: str = "", url: str = "", source: str = "",
               published: _dt.date | str | None = None, lang: str = "", path: str = "") -> "Article":
        if isinstance(published, str):
            published = _parse_date(published)
        return cls(content_id(title, text), text, title, url, source, published, lang, path)

    @property
    def name(self) -> str:
        """A human name for messages: the file it came from, or its title, or its id."""
        return self.path or self.title or self.id


def _parse_date(value: str) -> _dt.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor, place, event or concept. `id` is the local name of its IRI."""

    id: str
    type: str
    labels: tuple[tuple[str, str], ...] = ()  # ((lang, name), ...), preferred names
    aliases: tuple[tuple[str, str], ...] = ()
    wikidata: str = ""

    def label(self, lang: str = "en") -> str:
        """The preferred name in `lang`, else in English, else any name, else the id."""
        names = dict(self.labels)
        return names.get(lang) or names.get("en") or next(iter(names.values()), self.id)


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of an article's text that names an entity."""

    article_id: str
    start: int
    end: int
    text: str
    entity_id: str


@dataclass(frozen=True, slots=True)
class Qualifiers:
    """What is said about a fact beside its three terms. Dates are ISO strings of any precision."""

    domain: tuple[str, ...] = ()
    date: str = ""
    start: str = ""
    end: str = ""
    place: str = ""
    trend: str = ""
    polarity: str = "positive"
    modality: str = ""

    def __post_init__(self) -> None:
        for d in self.domain:
            if d not in DOMAINS:
                raise UnknownDomainError(d, DOMAINS)

    def meaning_key(self) -> tuple:
        """The qualifiers that change what a fact means, and so separate facts when merging."""
        return (self.domain, self.polarity, self.trend)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a fact was read: the article, the sentence, the span, who read it and how sure."""

    article_id: str
    sentence: str
    start: int = 0
    end: int = 0
    extractor: str = ""
    confidence: float = 0.5
    speaker: str = ""  # who the article reports as saying it (a quote, «за словами», "X said")


@dataclass(frozen=True, slots=True)
class Fact:
    """`subject relation object`, with qualifiers and evidence.

    `object` is an entity id, or for `inception` a year.
    """

    subject: str
    relation: str
    object: str
    qualifiers: Qualifiers = field(default_factory=Qualifiers)
    provenance: Provenance | None = None

    def __post_init__(self) -> None:
        if self.relation not in RELATIONS:
            raise UnknownRelationError(self.relation, RELATIONS)

    @property
    def symmetric(self) -> bool:
        return self.relation in SYMMETRIC

    @property
    def asserted(self) -> bool:
        """Whether the text says this happened or holds: not denied, and not merely planned."""
        q = self.qualifiers
        return q.polarity == "positive" and not (q.modality == "planned" and self.relation in EVENTFUL)

    @property
    def key(self) -> tuple:
        """The merge key: the terms (unordered for symmetric relations) and meaning qualifiers."""
        s, o = self.subject, self.object
        if self.symmetric and o < s:
            s, o = o, s
        return (s, self.relation, o, self.qualifiers.meaning_key())

    def with_qualifiers(self, **changes) -> "Fact":
        return replace(self, qualifiers=replace(self.qualifiers, **changes))


@dataclass(frozen=True, slots=True)
class Extraction:
    """What one article said: its entities, their mentions, and the facts."""

    article: Article
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    facts: tuple[Fact, ...] = ()

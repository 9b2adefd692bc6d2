"""Per-language lexicons (`ontologies/lexicon/{lang}.yaml`) compiled into phrase indexes.

Every entry is a phrase of lemmas; adding a trigger is editing data, not code. What else the
extractors know of a language — its prepositions, coordinators, year words, whether it marks
case — is its `grammar:` section (`Grammar`), so that a new language needs no code.

>>> lex = load_lexicon("uk")
>>> "cooperatesWith" in lex.relation_names
True
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import lru_cache
from types import MappingProxyType

import yaml

from ..errors import LexiconError, UnknownNameError
from ..nlp.phrases import PhraseIndex
from ..resources import lexicon_files

class UnknownLanguageError(UnknownNameError):
    kind = "language"


_WORDS = frozenset[str]


@dataclass(frozen=True)
class Grammar:
    """How a language is read beyond its phrase lists: the lexicon's `grammar:` section.

    Word lists hold words as written (lowercase); a list left out is empty, so a language
    without articles or "of" phrases simply has none.
    """

    case_marking: bool = False  # nouns take case endings: morphology tells subject, genitive, place
    capitalised_names: bool = False  # every word of a name or title is capitalised ("Foreign Minister")
    quoted_body_names: bool = False  # «Нафтогаз»: a quoted proper name is mostly a body's
    instrumental_endings: tuple[str, ...] = ()
    place_prepositions: _WORDS = frozenset()  # before a city read as a place
    location_prepositions: _WORDS = frozenset()  # before a city a fact happens in
    of_words: _WORDS = frozenset()
    articles: _WORDS = frozenset()
    coordinators: _WORDS = frozenset()
    list_joiners: _WORDS = frozenset()
    with_words: _WORDS = frozenset()
    between_words: _WORDS = frozenset()
    party_words: _WORDS = frozenset()  # after a trigger noun, introducing its parties
    passive_auxiliaries: _WORDS = frozenset()
    agent_words: _WORDS = frozenset()  # "condemnation from A", "blocked by A": A is who acts
    passive_followers: _WORDS = frozenset()
    noun_markers: _WORDS = frozenset()
    infinitive_markers: _WORDS = frozenset()
    negation_suffixes: tuple[str, ...] = ()
    possessive_endings: tuple[str, ...] = ()
    plural_endings: tuple[str, ...] = ()  # where words do not decline: a plural is its lemma and one of these
    adjective_suffixes: tuple[str, ...] = ()
    list_adjective_suffixes: tuple[str, ...] = ()
    year_words: _WORDS = frozenset()
    range_words: _WORDS = frozenset()
    max_object_gap: int = 8
    body_words: tuple[str, ...] = ()
    event_labels: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    label_drops: tuple[str, ...] = ()
    name_key_letters: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # names.name_key
    # coreference (kg/extract/coref.py): a pronoun's gender or number (masc, femn, neut, plur)
    personal_pronouns: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # nominative
    possessive_pronouns: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    reflexive_possessives: _WORDS = frozenset()  # lemmas: the clause's own subject's («свій»)

    @classmethod
    def from_data(cls, data: object, where: str) -> Grammar:
        """The `grammar:` mapping of a lexicon file; an unknown key is an error naming the file."""
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise LexiconError(f"{where}: 'grammar' must be a mapping of keys to values")
        known = {f.name: f for f in fields(cls)}
        values: dict = {}
        for key, value in data.items():
            f = known.get(str(key))
            if f is None:
                raise LexiconError(f"{where}: unknown grammar key {key!r}; valid: {', '.join(sorted(known))}")
            values[f.name] = _grammar_value(f.type, value, f"{where}: grammar.{key}")
        return cls(**values)


def _grammar_value(kind: str, value: object, where: str):
    if kind == "bool":
        if not isinstance(value, bool):
            raise LexiconError(f"{where} must be true or false, not {value!r}")
        return value
    if kind == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            raise LexiconError(f"{where} must be a whole number, not {value!r}")
        return value
    if kind == "str":
        return str(value)
    if kind.startswith("Mapping"):
        if not isinstance(value, dict):
            raise LexiconError(f"{where} must be a mapping, not {value!r}")
        return MappingProxyType({str(k): str(v) for k, v in value.items()})
    if not isinstance(value, list):
        raise LexiconError(f"{where} must be a list of words, not {value!r}")
    words = tuple(str(x).lower() if kind == "_WORDS" else str(x) for x in value)
    return frozenset(words) if kind == "_WORDS" else words


@dataclass(frozen=True)
class Lexicon:
    lang: str
    relations: PhraseIndex
    domains: PhraseIndex
    roles: PhraseIndex
    group_refs: PhraseIndex
    speech: PhraseIndex
    attribution: PhraseIndex  # «за словами», "according to": who a statement comes from
    negation: PhraseIndex
    modality: PhraseIndex
    trends: PhraseIndex
    event_nouns: PhraseIndex
    relative_years: PhraseIndex
    relative_days: PhraseIndex
    same_day: PhraseIndex
    membership_exits: PhraseIndex
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    relation_names: frozenset[str] = field(default_factory=frozenset)
    grammar: Grammar = field(default_factory=Grammar)
    raw: dict = field(default_factory=dict, repr=False)
    _words: dict = field(default_factory=dict, repr=False, compare=False)

    def words(self, key: str) -> frozenset[str]:
        """A flat set of the entries under a top-level key (computed once: it is on the hot path)."""
        cached = self._words.get(key)
        if cached is None:
            value = self.raw.get(key) or []
            items = value if isinstance(value, list) else [x for v in value.values() for x in v]
            cached = self._words[key] = frozenset(str(x).lower() for x in items)
        return cached


def _phrases(section: object) -> list[tuple[tuple[str, ...], str]]:
    """(lemmas, label) pairs from a {label: [phrase, ...]} mapping or a [phrase, ...] list."""
    if isinstance(section, dict):
        return [(tuple(str(p).lower().split()), str(label))
                for label, phrases in section.items() for p in phrases or []]
    return [(tuple(str(p).lower().split()), str(p).lower()) for p in section or []]


@lru_cache(maxsize=None)
def load_lexicon(lang: str) -> Lexicon:
    path = lexicon_files().get(lang)
    if path is None:
        raise UnknownLanguageError(lang, languages())
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    _no_yes_no_words({k: v for k, v in data.items() if k != "grammar"}, str(path))

    def index(key: str) -> PhraseIndex:
        return PhraseIndex(_phrases(data.get(key)))

    return Lexicon(
        lang=lang, relations=index("relations"), domains=index("domains"), roles=index("roles"),
        group_refs=index("group_refs"), speech=index("speech_verbs"), attribution=index("according_to"),
        negation=index("negation"), modality=index("modality"), trends=index("trends"),
        event_nouns=index("event_nouns"), relative_years=index("relative_years"),
        relative_days=index("relative_days"), same_day=index("same_day"),
        membership_exits=index("membership_exits"),
        months={str(k).lower(): int(v) for k, v in (data.get("months") or {}).items()},
        weekdays={str(k).lower(): int(v) for k, v in (data.get("weekdays") or {}).items()},
        numbers={str(k).lower(): int(v) for k, v in (data.get("numbers") or {}).items()},
        relation_names=frozenset((data.get("relations") or {}).keys()),
        grammar=Grammar.from_data(data.get("grammar"), str(path)), raw=data)


def _no_yes_no_words(value: object, where: str) -> None:
    """YAML reads a bare `on`, `no`, `yes`, `off` as true or false: in a list of words that
    silently drops the word ("on" among English prepositions), so it must be quoted."""
    if isinstance(value, bool):
        raise LexiconError(f"{where}: a word read as {str(value).lower()}; quote it (\"on\", \"no\")")
    if isinstance(value, dict):
        for k, v in value.items():
            _no_yes_no_words(k, where)
            _no_yes_no_words(v, f"{where}: {k}")
    elif isinstance(value, list):
        for v in value:
            _no_yes_no_words(v, where)


def languages() -> tuple[str, ...]:
    """Every language a lexicon file is given for."""
    return tuple(lexicon_files())


@lru_cache(maxsize=None)
def body_word_pattern() -> re.Pattern[str]:
    """Words that name a body ("Ministry", «рада», «совет»), in every language: a name keeps its
    own language's head word wherever it is quoted ("Bank of America" in a Ukrainian text)."""
    stems = sorted({w for lang in languages() for w in load_lexicon(lang).grammar.body_words})
    if not stems:
        return re.compile(r"(?!)")
    return re.compile(r"(?i)\b(" + "|".join(re.escape(s) for s in stems) + r")\w*")

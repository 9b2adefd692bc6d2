"""Per-language lexicons (`ontologies/lexicon/{lang}.yaml`) compiled into phrase indexes.

Every entry is a phrase of lemmas; adding a trigger is editing data, not code.

>>> lex = load_lexicon("uk")
>>> "cooperatesWith" in lex.relation_names
True
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from ..errors import UnknownNameError
from ..nlp.phrases import PhraseIndex
from ..resources import lexicon_files


class UnknownLanguageError(UnknownNameError):
    kind = "language"


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
    membership_exits: PhraseIndex
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    relation_names: frozenset[str] = field(default_factory=frozenset)
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
        raise UnknownLanguageError(lang, lexicon_files())
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}

    def index(key: str) -> PhraseIndex:
        return PhraseIndex(_phrases(data.get(key)))

    return Lexicon(
        lang=lang, relations=index("relations"), domains=index("domains"), roles=index("roles"),
        group_refs=index("group_refs"), speech=index("speech_verbs"), attribution=index("according_to"),
        negation=index("negation"), modality=index("modality"), trends=index("trends"),
        event_nouns=index("event_nouns"), relative_years=index("relative_years"),
        membership_exits=index("membership_exits"),
        months={str(k).lower(): int(v) for k, v in (data.get("months") or {}).items()},
        weekdays={str(k).lower(): int(v) for k, v in (data.get("weekdays") or {}).items()},
        numbers={str(k).lower(): int(v) for k, v in (data.get("numbers") or {}).items()},
        relation_names=frozenset((data.get("relations") or {}).keys()), raw=data)

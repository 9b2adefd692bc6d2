"""The gazetteer: known entities with their names in uk, ru and en, compiled into a matcher.

`load()` reads the hand-curated `ontologies/gazetteer/*.yaml` and the generated
`ontologies/gazetteer/generated/*.jsonl` (rebuilt from public data by `kg gazetteer build`) once,
and caches the compiled form on disk, keyed by the files' contents, so later loads take a
fraction of a second. Where both know an entity (the same Wikidata item), the curated entry wins.

>>> gaz = load()
>>> [e.id for e in gaz.lookup("Казахстаном", "uk")]
['Kazakhstan']
>>> gaz.get("China").wikidata
'Q148'
"""
from __future__ import annotations

import gc
import hashlib
import json
import pickle
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml

from .. import schema
from ..atomic import atomic_write
from ..errors import GazetteerError, StoreError
from ..model import Entity
from ..nlp import tokenize
from ..nlp.morph import analyse, is_nominal, keeps_written
from ..nlp.phrases import norm_lemma
from ..resources import cache_dir, gazetteer_files

LANGS = tuple(schema.load().languages)
_CACHE_VERSION = "10"  # bump when the pickled classes, or how entries are read, change
class _Compact:
    """Pickles a frozen dataclass as its constructor's arguments: tens of thousands of entries
    load several times faster than through the generic dataclass state."""

    __slots__ = ()

    def __reduce__(self):
        return self.__class__, tuple(getattr(self, f.name) for f in fields(self))


@dataclass(frozen=True, slots=True)
class Role(_Compact):
    relation: str  # leaderOf | representativeOf
    of: str
    title: str
    start: str = ""
    end: str = ""

    def holds_on(self, day: str) -> bool:
        """Whether the role was held on an ISO date (an open end means still held)."""
        if not day:
            return not self.end
        return (not self.start or self.start[:len(day)] <= day) and (not self.end or day <= self.end)


@dataclass(frozen=True, slots=True)
class Membership(_Compact):
    member: str
    start: str = ""
    end: str = ""


@dataclass(frozen=True, slots=True)
class Entry(_Compact):
    """One gazetteer entity with everything the extractor may ask of it."""

    id: str
    type: str
    names: tuple[tuple[str, tuple[str, ...]], ...]
    adjectives: tuple[tuple[str, tuple[str, ...]], ...] = ()
    wikidata: str = ""
    country: str = ""
    capital: str = ""
    capital_of: str = ""
    members: tuple[Membership, ...] = ()
    roles: tuple[Role, ...] = ()
    inception: str = ""

    def name(self, lang: str) -> str:
        names = dict(self.names)
        for candidate in (lang, "en", *LANGS):
            if names.get(candidate):
                return names[candidate][0]
        return self.id

    def entity(self) -> Entity:
        labels = tuple((lang, names[0]) for lang, names in self.names if names)
        aliases = tuple((lang, n) for lang, names in self.names for n in names[1:])
        return Entity(self.id, self.type, labels, aliases, self.wikidata)


class Key(NamedTuple):
    """A compiled name: the lemma sequence to find, and what it names. The index holds each as
    a plain tuple in this order (`Key(*raw)` reads one): a plain tuple unpickles several times
    faster than a class instance, and the index holds a hundred thousand of them."""

    lemmas: tuple[str, ...]
    entity_id: str
    kind: str  # name | adjective
    exact_case: bool  # abbreviations (US, ООН) must be written in capitals


@dataclass
class Gazetteer:
    entries: dict[str, Entry]
    # lang -> first lemma -> keys (plain tuples, see Key) starting with it, longest first
    index: dict[str, dict[str, list[tuple]]] = field(default_factory=dict)
    holders: dict[str, list[tuple[str, Role]]] = field(default_factory=dict, repr=False)  # of → (person, role)

    def get(self, entity_id: str) -> Entry:
        return self.entries[entity_id]

    def __contains__(self, entity_id: str) -> bool:
        return entity_id in self.entries

    def keys_for(self, lang: str) -> dict[str, list[tuple]]:
        return self.index.get(lang, {})

    def lookup(self, name: str, lang: str | None = None) -> list[Entry]:
        """Entries a name (in any case form) refers to, best first."""
        from .match import match_names
        from ..nlp import parse

        found: list[Entry] = []
        for lg in ([lang] if lang else LANGS):
            doc = parse(name, lg)
            for m in match_names(doc, self):
                if m.char_start == 0 and m.char_end == len(name.rstrip()) and m.entity_id not in {e.id for e in found}:
                    found.append(self.entries[m.entity_id])
        return found

    def roles_of(self, title_or_relation: str, of: str, day: str = "") -> list[str]:
        """People holding a role (by title, or by relation) of `of` on `day`."""
        if not self.holders:
            for e in self.entries.values():
                for r in e.roles:
                    self.holders.setdefault(r.of, []).append((e.id, r))
        return [pid for pid, r in self.holders.get(of, ())
                if title_or_relation in (r.title, r.relation) and r.holds_on(day)]


def _languages_key() -> str:
    """The declared languages as text that is the same in every process: a set's repr follows
    the hash seed, so sets are written sorted."""
    def stable(value: object) -> object:
        return sorted(value) if isinstance(value, (set, frozenset)) else value
    return repr([(code, [(f.name, stable(getattr(lang, f.name))) for f in fields(lang)])
                 for code, lang in sorted(schema.load().languages.items())])


def _digest(files: list[Path]) -> str:
    # the languages decide which texts a name is looked for in and how it is lemmatised
    h = hashlib.sha256((_CACHE_VERSION + _languages_key()).encode())
    for f in files:
        h.update(str(f).encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:20]


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The compiled gazetteer, from the disk cache when the data has not changed."""
    files = gazetteer_files()
    cache = cache_dir() / f"gazetteer-{_digest(files)}.pickle"
    with lasting_objects():
        try:
            with cache.open("rb") as fh:
                return pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass
        gaz = compile_gazetteer(read_entries(files))
    _write_cache(cache, gaz)
    return gaz


@contextmanager
def lasting_objects() -> Iterator[None]:
    """The cyclic garbage collector paused while the gazetteer's objects are made, then told to
    leave them be. Building hundreds of thousands of objects that all stay alive would otherwise
    start collections that walk them again and again; and once loaded they live as long as the
    process, so each later full collection (while articles are read) need not walk them either."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.freeze()


def _write_cache(path: Path, gaz: Gazetteer) -> None:
    try:
        with atomic_write(path) as fh:
            pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
    except (OSError, StoreError):
        pass  # a read-only home only costs the compile time on each run


def read_entries(files: list[Path]) -> dict[str, Entry]:
    """The entries of `files`. An id is defined once in a folder; an entry of a folder later on
    the list whose id is known adds its names and adjectives (a new language's) to it. Generated
    JSON Lines files come last: the curated entries win over them."""
    entries: dict[str, Entry] = {}
    folder_of: dict[str, Path] = {}
    for path in (f for f in files if f.suffix != ".jsonl"):
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as e:
            raise GazetteerError(f"{path.name}: invalid YAML: {e}") from None
        for raw in data or []:
            entry = _entry(raw, path)
            if entry.id in entries:
                if folder_of[entry.id] == path.parent:
                    raise GazetteerError(f"{path.name}: entity id {entry.id!r} is defined twice")
                entry = _with_names(entries[entry.id], entry, path)
            entries[entry.id] = entry
            folder_of.setdefault(entry.id, path.parent)
    generated = [f for f in files if f.suffix == ".jsonl"]
    if generated:
        entries.update(_generated_entries(generated, entries))
    return entries


def _same_as_curated(entry: Entry, curated: dict[str, Entry], owners: dict[tuple[str, str], set[str]]) -> str:
    """The curated entity a generated one is, or '': one curated entity without a Wikidata item,
    of the same type and country, that has one of its names in two of the three languages (the
    curated Kursk and GeoNames' Kursk). The generated entity's item is then the curated one's."""
    votes: dict[str, int] = defaultdict(int)
    for lang, names in entry.names:
        for i in set().union(*(owners.get((lang, n.casefold()), set()) for n in names)):
            votes[i] += 1
    ids = {i for i, n in votes.items() if n >= 2 and not curated[i].wikidata and curated[i].type == entry.type
           and curated[i].country in ("", entry.country)}
    return next(iter(ids)) if len(ids) == 1 else ""


def _with_names(known: Entry, more: Entry, path: Path) -> Entry:
    if more.type != known.type:
        raise GazetteerError(f"{path}: entity {known.id!r} is a {known.type}, not a {more.type}")

    def merged(a: tuple, b: tuple) -> tuple:
        extra = dict(b)
        return tuple((lang, names + tuple(n for n in extra.get(lang, ()) if n not in names)) for lang, names in a)

    return replace(known, names=merged(known.names, more.names), adjectives=merged(known.adjectives, more.adjectives))


def _generated_entries(files: list[Path], curated: dict[str, Entry]) -> dict[str, Entry]:
    """Generated entries merged under the curated ones: an entity the curated files know (by
    Wikidata item or id) is skipped, and a name a curated entity has is not matched for another."""
    items = {e.wikidata for e in curated.values() if e.wikidata}
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in curated.values():
        for lang, names in e.names:
            for n in names:
                owners[(lang, n.casefold())].add(e.id)
    taken = set(owners)
    out: dict[str, Entry] = {}
    linked: dict[str, str] = {}  # curated id → the item of the generated entity it is
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except ValueError as e:
                raise GazetteerError(f"{path.name}:{number}: invalid JSON: {e}") from None
            entry = _entry(raw, path)
            if entry.id in curated or entry.id in out:
                raise GazetteerError(f"{path.name}:{number}: entity id {entry.id!r} is defined twice")
            if entry.wikidata and entry.wikidata in items:
                continue
            same = _same_as_curated(entry, curated, owners) if entry.wikidata else ""
            if same:
                linked[same] = "" if same in linked else entry.wikidata  # two claims: neither
                continue
            names = tuple((lang, tuple(n for n in ns if (lang, n.casefold()) not in taken)) for lang, ns in entry.names)
            if all(ns for (_, ns), (_, given) in zip(names, entry.names) if given):
                out[entry.id] = _replace_names(entry, names)
    # an item another generated entity also carries (Osh the city and the region of the same
    # item) stays with that one
    kept_items = {e.wikidata for e in out.values() if e.wikidata}
    out.update({cid: replace(curated[cid], wikidata=qid) for cid, qid in linked.items()
                if qid and qid not in kept_items})
    return out


def _replace_names(entry: Entry, names: tuple) -> Entry:
    return entry if names == entry.names else replace(entry, names=names)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _entry(raw: dict, path: Path) -> Entry:
    if not isinstance(raw, dict) or "id" not in raw or "type" not in raw:
        raise GazetteerError(f"{path.name}: every entry needs an id and a type: {raw!r:.80}")
    names = raw.get("names") or {}
    adjectives = raw.get("adjectives") or {}
    members = tuple(
        Membership(m, "", "") if isinstance(m, str) else
        Membership(_text(m.get("id")), _text(m.get("start")), _text(m.get("end")))
        for m in raw.get("members") or [])
    roles = tuple(
        Role(_text(r.get("relation")), _text(r.get("of")), _text(r.get("title")),
             _text(r.get("start")), _text(r.get("end")))
        for r in raw.get("roles") or [])
    return Entry(
        id=str(raw["id"]), type=str(raw["type"]),
        names=tuple((lang, tuple(str(n) for n in names.get(lang) or ())) for lang in LANGS),
        adjectives=tuple((lang, tuple(str(n) for n in adjectives.get(lang) or ())) for lang in LANGS),
        wikidata=_text(raw.get("wikidata")), country=_text(raw.get("country")),
        capital=_text(raw.get("capital")), capital_of=_text(raw.get("capital_of")),
        members=members, roles=roles, inception=_text(raw.get("inception")))


def name_key(name: str, lang: str) -> tuple[str, ...]:
    """The lemma sequence a name is found by in text of `lang`.

    Names are written in the nominative, so a word that is its own lemma keeps itself:
    «Фидан» is the surname, not a form of the verb «фидать» that the analyser ranks first.
    """
    return tuple(_name_lemma(w, lang) for w, _, _ in tokenize(name))


def written_key(name: str, lang: str) -> tuple[str, ...]:
    """A name's words as written (lowercase), which text tokens also carry among their lemmas,
    for the words whose lemmatiser may read them as another word; the others' lemmas."""
    return tuple(norm_lemma(w.lower().replace("’", "'").replace("ʼ", "'") if keeps_written(w, lang)
                            else analyse(w, lang).lemma)
                 for w, _, _ in tokenize(name))


def _name_lemma(word: str, lang: str) -> str:
    analysis = analyse(word, lang)
    own = word.lower().replace("’", "'").replace("ʼ", "'")
    return own if own in analysis.lemmas and own != analysis.lemma and is_nominal(word, lang) else analysis.lemma


def _is_abbreviation(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and len(letters) <= 6 and all(c.isupper() for c in letters)


def _text_langs(name_lang: str) -> tuple[str, ...]:
    """The languages whose texts a name of `name_lang` is looked for in: its own, and those
    that read words of another script as `name_lang` (Latin names in Cyrillic text)."""
    languages = schema.load().languages
    return tuple(code for code, lg in languages.items() if name_lang in (code, lg.foreign))


def compile_gazetteer(entries: dict[str, Entry]) -> Gazetteer:
    index: dict[str, dict[str, list[tuple]]] = {lang: defaultdict(list) for lang in LANGS}
    seen: set[tuple] = set()
    for entry in entries.values():
        for kind, groups in (("name", entry.names), ("adjective", entry.adjectives)):
            for name_lang, names in groups:
                for name in names:
                    for text_lang in _text_langs(name_lang):
                        if name_lang != text_lang and kind == "adjective":
                            continue
                        # the lemmas, and the written nominative: «Токаев» is indexed as written
                        # too, since the analyser's first reading of it may be another word's
                        for key in {name_key(name, text_lang), written_key(name, text_lang) if kind == "name" else ()}:
                            if not key or (text_lang, key, entry.id, kind) in seen:
                                continue
                            seen.add((text_lang, key, entry.id, kind))
                            index[text_lang][key[0]].append(tuple(Key(key, entry.id, kind, _is_abbreviation(name))))
    for lang_index in index.values():
        for keys in lang_index.values():
            keys.sort(key=lambda k: -len(k[0]))
    return Gazetteer(entries, {lang: dict(ix) for lang, ix in index.items()})


def _names_only(entry: Entry) -> bool:
    """A city or region that is no capital and carries no membership, office or founding date:
    the gazetteer knows only its names, which every article naming it writes already. Leaving
    the thousands of such places out keeps each build's background graph the size of what the
    gazetteer actually knows about the world."""
    if entry.type == "Person":
        # likewise a person with no office (the generated legislators): a name and nothing more
        return not entry.roles
    return (entry.type in ("City", "Region") and not entry.capital_of and not entry.members
            and not entry.roles and not entry.inception)


def background_triples() -> Iterator[tuple]:
    """What the gazetteer knows, as triples for its own named graph: entities, memberships, roles."""
    from ..rdf import date_literal, entity_triples
    from ..vocab import KG, KGE

    gaz = load()
    for entry in gaz.entries.values():
        if _names_only(entry):
            continue
        yield from entity_triples(entry.entity())
        for m in entry.members:
            if m.member in gaz and not m.end:
                yield KGE[m.member], KG.memberOf, KGE[entry.id]
        for r in entry.roles:
            if r.of in gaz and not r.end and r.relation in ("leaderOf", "representativeOf"):
                yield KGE[entry.id], KG[r.relation], KGE[r.of]
        if entry.inception[:4].isdigit():
            yield KGE[entry.id], KG.inception, date_literal(entry.inception[:4])

"""Finding gazetteer names in a parsed document.

>>> from kg.nlp import parse
>>> from kg.gazetteer import load
>>> doc = parse("Сі зустрівся з президентом Казахстану в Астані.", "uk")
>>> [(m.text, m.entity_id) for m in match_names(doc, load())]
[('Сі', 'Xi_Jinping'), ('Казахстану', 'Kazakhstan'), ('Астані', 'Astana')]
"""
from __future__ import annotations

from dataclasses import dataclass

from ..nlp import Document
from ..nlp.morph import _morph
from ..nlp.phrases import PhraseIndex
from . import Gazetteer, Key, lasting_objects

# When one name is several entities, the kind of thing news most often means by it wins;
# the entity layer may still read a capital as its city where the text uses it as a place.
TYPE_PRIORITY = ("Country", "IntergovernmentalOrganization", "Alliance", "Format", "Organization",
                 "Agency", "Person", "Region", "City", "Media", "Company", "ArmedGroup", "Event")


@dataclass(frozen=True, slots=True)
class NameMatch:
    start: int  # token indexes, end exclusive
    end: int
    char_start: int
    char_end: int
    text: str
    entity_id: str
    kind: str  # name | adjective
    alternatives: tuple[str, ...] = ()


_INDEXES: dict[tuple[int, str], tuple[Gazetteer, PhraseIndex]] = {}


def _index(gaz: Gazetteer, lang: str) -> PhraseIndex:
    cached = _INDEXES.get((id(gaz), lang))
    if cached is None or cached[0] is not gaz:
        with lasting_objects():  # kept as long as the gazetteer
            index = PhraseIndex((raw[0], raw) for keys in gaz.keys_for(lang).values() for raw in keys)
        cached = _INDEXES[(id(gaz), lang)] = (gaz, index)
    return cached[1]


def _accept(tokens, start: int, end: int, key: Key) -> bool:
    span = tokens[start:end]
    if key.exact_case:
        return all(t.text.isupper() or not t.is_word for t in span)
    if key.kind == "adjective":
        # English writes nationality adjectives with a capital: "polish" is not "Polish"
        return not span[0].text.isascii() or span[0].text[:1].isupper()
    return any(t.text[:1].isupper() for t in span if t.is_word)


PLACE_TYPES = frozenset({"Country", "City", "Region"})
BODY_TYPES = frozenset({"Agency", "Organization", "ArmedGroup", "Media", "Company"})


def _plural_of_singular(token, key: Key, lang: str) -> bool:
    """«Ливанов» is a plural of «Ливан» by its form, and a surname in the text: a state or city
    is one, so a form that is only a plural of a singular place name does not name it (plural
    names such as «Нидерланды» keep theirs; «Кореи» is also a singular)."""
    if len(key.lemmas) != 1 or token.analysis.number != "plur":
        return False
    lemma = key.lemmas[0]
    readings = [p for p in _morph(lang).parse(token.text) if p.normal_form == lemma]
    singular_name = any(p.tag.number == "sing" and p.tag.case == "nomn" for p in _morph(lang).parse(lemma))
    return bool(readings) and all(p.tag.number == "plur" for p in readings) and singular_name


def _name_of_person(doc: Document, start: int, end: int) -> bool:
    """«Доминика Рааба»: a word that is a place's name and also a first name, right before
    another capitalised word of its sentence, is a person's first name (a title's last word
    is not one before the caption under it)."""
    tokens = doc.tokens
    if end - start != 1 or end >= len(tokens) or "Name" not in tokens[start].analysis.grammemes or \
            doc.sentence_of[end] != doc.sentence_of[start]:
        return False
    nxt = tokens[end]
    return nxt.is_word and nxt.text[:1].isupper() and not nxt.text.isupper()


SURNAME_PLACES = frozenset({"City", "Region"})


def _surname_after_first_name(doc: Document, start: int, end: int) -> bool:
    """«Оксана Карас», «Алехандро Толедо»: a city's or region's one-word name right after a word
    the dictionary knows as a first name is that person's surname."""
    if end - start != 1 or start == 0 or doc.sentence_of[start - 1] != doc.sentence_of[start]:
        return False
    prev = doc.tokens[start - 1]
    return prev.text[:1].isupper() and not prev.text.isupper() and "Name" in prev.analysis.grammemes and \
        _morph(doc.lang).word_is_known(prev.text.lower())


def prepare(gaz: Gazetteer, lang: str) -> None:
    """Build the name index of `lang` now, so that the first article read does not pay for
    it (nor count it in its time limit)."""
    _index(gaz, lang)


def match_names(doc: Document, gaz: Gazetteer) -> list[NameMatch]:
    index = _index(gaz, doc.lang)
    tokens = doc.tokens

    def accept(span_tokens, start: int, end: int, raw: tuple) -> bool:
        key = Key(*raw)
        if not _accept(span_tokens, start, end, key):
            return False
        if key.kind != "name" or end - start != 1 or gaz.get(key.entity_id).type not in PLACE_TYPES:
            return True
        return not (_plural_of_singular(tokens[start], key, doc.lang) or _name_of_person(doc, start, end) or
                    (gaz.get(key.entity_id).type in SURNAME_PLACES and _surname_after_first_name(doc, start, end)))

    out = _grouped(doc, gaz, index.find(doc.tokens, accept=accept))
    inner = [w for m in out for w in _whose_state(doc, gaz, index, m)]
    return sorted(out + inner, key=lambda m: (m.start, -m.end)) if inner else out


def _grouped(doc: Document, gaz: Gazetteer, matches, offset: int = 0) -> list[NameMatch]:
    """One NameMatch for each span the matcher found (it emits a span's readings together)."""
    out: list[NameMatch] = []
    i = 0
    while i < len(matches):
        # the readings of one span come together (the matcher emits them at once): read on
        # only as far as they go, not to the end of the text
        j = i + 1
        while j < len(matches) and matches[j].start == matches[i].start and matches[j].end == matches[i].end:
            j += 1
        group, i = matches[i:j], j
        keys: list[Key] = [Key(*m.payload) for m in group]
        names = [k for k in keys if k.kind == "name"] or keys
        ids = sorted({k.entity_id for k in names}, key=lambda e: _rank(gaz, e))
        start, end = group[0].start + offset, group[0].end + offset
        first, last = doc.tokens[start], doc.tokens[end - 1]
        out.append(NameMatch(start, end, first.start, last.end, doc.text[first.start:last.end], ids[0],
                             names[0].kind, tuple(ids[1:])))
    return out


def _whose_state(doc: Document, gaz: Gazetteer, index: PhraseIndex, m: NameMatch) -> list[NameMatch]:
    """The state inside a body's name that says whose body it is («Министерство обороны
    Беларуси», "Japan's Defence Ministry", "French Defence Ministry"): the name names the state
    too, as the open-name rules read a body with its state after it, and what the text says of
    the two states' bodies («министерства обороны Беларуси и России») holds for the states."""
    state = gaz.get(m.entity_id).country
    if not state or m.end - m.start < 2 or gaz.get(m.entity_id).type not in BODY_TYPES:
        return []

    def accept(span_tokens, start: int, end: int, raw: tuple) -> bool:
        return raw[1] == state and _accept(span_tokens, start, end, Key(*raw))

    found: dict[tuple[int, int], NameMatch] = {}
    for lo, hi in ((m.start, m.end - 1), (m.start + 1, m.end)):
        for w in _grouped(doc, gaz, index.find(doc.tokens[lo:hi], accept=accept), offset=lo):
            found.setdefault((w.start, w.end), w)
    return list(found.values())


def _rank(gaz: Gazetteer, entity_id: str) -> tuple[int, str]:
    etype = gaz.get(entity_id).type
    return (TYPE_PRIORITY.index(etype) if etype in TYPE_PRIORITY else len(TYPE_PRIORITY), entity_id)

"""The entity layer: every actor an article names, linked once.

Known names come from the gazetteer (any case form); capitals stand for their state unless
the article uses the city as a place; role nouns («голова КНР», "the Kazakh president")
resolve to the office holder on the article's date; group phrases («обидві країни», "the
six leaders") to the actors in focus; other capitalised names become new entities with
their nominative form as label and an id made from it.

The layer is a row of named stages (`ENTITY_STAGES`), each a function of the article's
`ArticleContext` and the `MentionTable` the stages before it returned; each returns a new
table. `build_entities(..., stages=ENTITY_STAGES.inserted(Stage("coref", fn), after="groups"))`
runs one more.
"""
from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from types import MappingProxyType
from typing import NamedTuple

from .. import schema
from ..gazetteer import Gazetteer
from ..gazetteer.match import NameMatch, match_names
from ..model import Article, Entity, Mention
from ..nlp import Document, Token
from ..nlp.morph import _morph, readings
from ..nlp.phrases import PhraseMatch
from .lexicon import Grammar, Lexicon, body_word_pattern, load_lexicon
from .names import may_stand_in, name_key, settled_word, word_key
from .stages import Stage, Stages

ACTOR_TYPES = frozenset({"Country", "Person", "Organization", "IntergovernmentalOrganization", "Alliance",
                         "Format", "Agency", "Company", "Media", "ArmedGroup"})
PLACE_TYPES = frozenset({"City", "Region", "Place", "Country"})
BODY_TYPES = frozenset({"Agency", "IntergovernmentalOrganization", "Alliance", "Format", "Organization"})
NATIONAL_TITLES = frozenset({"minister", "foreign_minister", "defence_minister", "prime_minister"})
LEADER_TITLES = frozenset({"president", "head_of_state", "prime_minister", "chancellor", "secretary_general",
                           "commission_president", "chairman", "mayor", "governor"})

# offices one person holds at a time: only these, named with their state or body, stand for
# whoever held them on the article's date
SOLE_OFFICES = LEADER_TITLES | {"vice_president", "foreign_minister", "defence_minister", "high_representative"}

_EMPTY: Mapping = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A span that refers to an entity, with how it does so."""

    start: int  # token indexes, end exclusive
    end: int
    entity_id: str
    kind: str  # name | adjective | capital | role | group | surname | new | new-person | event | pronoun
    sentence: int
    title: str = ""  # for role mentions: the office


class RoleStatement(NamedTuple):
    """An office the text states: «президент Казахстану Касим-Жомарт Токаєв»."""

    person: str
    relation: str  # leaderOf | representativeOf
    of: str
    sentence: int
    token: int  # where the role noun starts


@dataclass(frozen=True)
class EntityLayer:
    """What the entity layer hands to the extractors: every mention, sorted, and its entities."""

    mentions: tuple[ActorMention, ...]
    entities: Mapping[str, Entity]
    types: Mapping[str, str]
    roles: tuple[RoleStatement, ...] = ()
    complements: frozenset[int] = frozenset()  # starts of mentions that only say whose office a role is
    dateline: str = ""  # the city a wire story is filed from
    role_tokens: frozenset[int] = frozenset()  # tokens of role nouns («президент», "Foreign Minister")
    by_sentence: Mapping[int, tuple[ActorMention, ...]] = field(default_factory=lambda: _EMPTY, repr=False)

    def in_sentence(self, index: int) -> list[ActorMention]:
        return list(self.by_sentence.get(index, ()))

    @cached_property
    def offices(self) -> frozenset[tuple[str, str]]:
        """(person, state or body) of every office the article states; read once an article,
        where each sentence asks."""
        return frozenset((r.person, r.of) for r in self.roles)


@dataclass(frozen=True)
class ArticleContext:
    """What every entity stage reads and none changes: the parsed article, the gazetteer, the
    lexicon of its language, and what follows from them alone."""

    doc: Document
    article: Article
    gaz: Gazetteer
    lex: Lexicon
    grammar: Grammar
    day: str  # the article's date (ISO), for offices held on it
    visit_verbs: frozenset[str]  # one-word visit triggers: their object is a place
    lone_words: Mapping[str, tuple[int, ...]]  # where each word stands with no capitalised word beside it

    @classmethod
    def of(cls, doc: Document, article: Article, gaz: Gazetteer, lex: Lexicon) -> ArticleContext:
        day = article.published.isoformat() if article.published else ""
        visit_verbs = frozenset(p for p in (lex.raw.get("relations") or {}).get("visits", []) if " " not in p)
        # without case endings to tell a surname, its standing alone elsewhere does
        lone = MappingProxyType({} if lex.grammar.case_marking else _lone_words(doc))
        return cls(doc, article, gaz, lex, lex.grammar, day, visit_verbs, lone)

    def sent(self, tok: int) -> int:
        return self.doc.sentence_of[tok]


@dataclass(frozen=True)
class MentionTable:
    """What the entity stages have found so far; each stage returns a new one."""

    mentions: tuple[ActorMention, ...] = ()  # in the order found (the layer sorts them at the end)
    entities: Mapping[str, Entity] = field(default_factory=lambda: _EMPTY)
    types: Mapping[str, str] = field(default_factory=lambda: _EMPTY)  # entity id → type, also of entities a later stage merged away
    covered: frozenset[int] = frozenset()  # tokens already read as a mention or a role noun
    roles: tuple[RoleStatement, ...] = ()
    complements: frozenset[int] = frozenset()
    role_spans: tuple[PhraseMatch, ...] = ()  # role nouns, payload the office
    dateline: str = ""


class _Draft:
    """One stage's working copy of the table: it adds, replaces and drops mentions while the
    stage reads on, and hands back a new table when the stage is done."""

    def __init__(self, ctx: ArticleContext, table: MentionTable):
        self.ctx = ctx
        self.base = table
        self.mentions = list(table.mentions)
        self.entities = dict(table.entities)
        self.types = dict(table.types)
        self.covered = set(table.covered)
        self.roles = list(table.roles)
        self.complements = set(table.complements)

    def add(self, start: int, end: int, entity_id: str, kind: str, title: str = "") -> ActorMention:
        m = ActorMention(start, end, entity_id, kind, self.ctx.sent(start), title)
        self.mentions.append(m)
        self.covered.update(range(start, end))
        return m

    def add_entity(self, entity: Entity) -> None:
        self.entities[entity.id] = entity
        self.types[entity.id] = entity.type

    def register_known(self, eid: str) -> None:
        """The gazetteer's entity, labelled first in the article's language."""
        if eid in self.entities:
            return
        entry = self.ctx.gaz.get(eid)
        ent = entry.entity()
        lang = self.ctx.doc.lang
        # The label in the article's language first: that is the form readers of it know.
        labels = tuple(sorted(ent.labels, key=lambda ln: ln[0] != lang))
        if not dict(entry.names).get(lang):
            labels = ent.labels
        self.add_entity(Entity(eid, entry.type, labels, ent.aliases, entry.wikidata))

    def table(self, **changes) -> MentionTable:
        return replace(self.base, mentions=tuple(self.mentions), entities=MappingProxyType(self.entities),
                       types=MappingProxyType(self.types), covered=frozenset(self.covered),
                       roles=tuple(self.roles), complements=frozenset(self.complements), **changes)


class _NameDraft(_Draft):
    """The unknown-names stage's working copy, with the look-ups it makes for every name (the
    mention that starts or ends at a token, the people named in full) kept as indexes in step
    with the mentions, instead of a pass over them all each time."""

    def __init__(self, ctx: ArticleContext, table: MentionTable):
        super().__init__(ctx, table)
        self.by_start: dict[int, list[ActorMention]] = defaultdict(list)
        self.by_end: dict[int, list[ActorMention]] = defaultdict(list)
        # people named in full by the lemmas of their last word, each list in the order the
        # mentions were noted: a surname's look-up reads its own lemmas, not every person
        self.persons_by_last: dict[str, list[tuple[int, ActorMention]]] = defaultdict(list)
        self._noted = itertools.count()
        for m in self.mentions:
            self._note(m)

    def _named_in_full(self, m: ActorMention) -> bool:
        return self.types.get(m.entity_id) == "Person" and m.end - m.start >= 2

    def _note(self, m: ActorMention) -> None:
        self.by_start[m.start].append(m)
        self.by_end[m.end].append(m)
        if self._named_in_full(m):
            seq = next(self._noted)
            for lemma in self.ctx.doc.tokens[m.end - 1].lemmas:
                self.persons_by_last[lemma].append((seq, m))

    def add(self, start: int, end: int, entity_id: str, kind: str, title: str = "") -> ActorMention:
        m = super().add(start, end, entity_id, kind, title)
        self._note(m)
        return m

    def remove(self, m: ActorMention) -> None:
        self.mentions.remove(m)
        self.by_start[m.start].remove(m)
        self.by_end[m.end].remove(m)
        if self._named_in_full(m):
            for lemma in self.ctx.doc.tokens[m.end - 1].lemmas:
                noted = self.persons_by_last[lemma]
                del noted[next(k for k, (_, p) in enumerate(noted) if p == m)]

    def person_by_surname(self, tok: Token) -> str:
        """The first person named in full whose last word shares a lemma with `tok`, or ''."""
        firsts = [noted[0] for lemma in tok.lemmas if (noted := self.persons_by_last.get(lemma))]
        return min(firsts, key=lambda first: first[0])[1].entity_id if firsts else ""


# the language names, ids and event labels are made in (the gazetteer's first language)
LABEL_LANG = "en"


def _slug(label: str) -> str:
    text = unicodedata.normalize("NFC", label).strip()
    text = re.sub(r"[’'`ʼ]", "", text)
    text = re.sub(r"[^\w]+", "_", text, flags=re.UNICODE).strip("_")
    return text or "entity"


def _case_like(src: str, word: str) -> str:
    if src.isupper() and len(src) > 1:
        return word.upper()
    if src[:1].isupper():
        return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))
    return word


def nominative(tokens: list[Token], lang: str, text: str = "", person: bool = False,
               agreed: tuple[str, str] | None = None) -> str:
    """The nominative form of a name (`_nominative`), remembered: a stream's articles name the
    same people and bodies again and again, and each reading asks the dictionary anew. What it
    reads of the tokens is their words and the spacing between them, which make the key."""
    gaps = tuple(text[a.end:b.start] for a, b in zip(tokens, tokens[1:])) if text else None
    key = (tuple(t.text for t in tokens), gaps, lang, person, agreed)
    found = _NOMINATIVES.get(key)
    if found is None:
        if len(_NOMINATIVES) >= _NOMINATIVES_KEPT:
            _NOMINATIVES.clear()
        found = _NOMINATIVES[key] = _nominative(tokens, lang, text, person, agreed)
    return found


_NOMINATIVES: dict[tuple, str] = {}
_NOMINATIVES_KEPT = 50_000


def _nominative(tokens: list[Token], lang: str, text: str, person: bool, agreed: tuple[str, str] | None) -> str:
    """The nominative form of a name: words up to the head noun are put in the nominative;
    what follows the head («Міністерство оборони України») stays as written. In a person's
    name, a word the dictionary does not know declines as its known companion does
    («Абия Ахмеда» → «Абий Ахмед»), or, when the context gives the case and gender
    (`agreed`), by the lexicon's ending rules, a word no rule fits staying as written.""" 
    lex = load_lexicon(lang)
    grammar = lex.grammar
    language = schema.load().languages.get(lang)  # its script: words in another are left as written
    told = agreed is not None
    if agreed is None:
        agreed = _name_case(tokens, lang) if person and grammar.case_marking else None
    # «Мирослава Гонгадзе», «Шахбаз Бхатти», «Навід Чаудхрі»: no word of the name tells its case,
    # and one reads as a nominative; a name stands as its sentence's subject most often, so
    # the name is read as written (a word the dictionary knows only as another name's oblique
    # form, «Чаудхрі», is not turned into that name)
    as_written = person and grammar.case_marking and agreed is None and \
        any(_may_be_nominative(t, lang) for t in tokens if t.is_word)
    words, head_done = [], False
    for t in tokens:
        if not grammar.case_marking or head_done or not t.is_word or language is None or \
                not any(language.writes(c) for c in t.text):
            words.append(t.text)
            continue
        word = _by_paradigm(t, lang, agreed, lex.raw.get("name_endings") or {}, told) if agreed else None
        if word:
            words.append(_case_like(t.text, word))
            continue
        if as_written or told:
            words.append(t.text)
            continue
        word, is_head = _nominative_word(t, lang, grammar.instrumental_endings)
        words.append(_case_like(t.text, word.replace("'", "’") if "’" in t.text else word))
        head_done = is_head
    return _rejoin(tokens, words, text)


_PERSONAL = frozenset({"Name", "Surn", "Patr"})
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_SURNAME_PLACES = frozenset({"City", "Region"})  # places whose names are also surnames («Толедо»)


def _name_case(tokens: list[Token], lang: str) -> tuple[str, str] | None:
    """The case and gender a person's name stands in, from a word of it that the dictionary
    knows as a first name or surname in one case only («Ахмеда»: masculine genitive;
    «Джонатан»: masculine nominative). An oblique case wins: a nominative reading of a word
    the dictionary half knows («Абия») says less than a form that is only a genitive."""
    found: list[tuple[str, str]] = []
    for t in tokens:
        if not t.is_word:
            continue
        named = [p for p in readings(t.text.replace("’", "'"), lang) if _PERSONAL & p.tag.grammemes]
        nominatives = sum(p.tag.case == "nomn" for p in named)
        if not named or 0 < nominatives < len(named):
            continue  # «Доминика»: a man's name in the genitive or a woman's in the nominative
        if all(p.tag.number == "plur" for p in named):
            continue  # one person's name is singular: «Хамзаев» read only as a plural of «Хамзай» says nothing
        cases = {_same_form(p.tag.case, p.tag.gender) for p in named}
        genders = {p.tag.gender for p in named}
        if len(cases) == 1 and len(genders) == 1 and None not in genders:
            found.append((cases.pop(), genders.pop()))
    return next((f for f in found if f[0] != "nomn"), found[0] if found else None)


def _may_be_nominative(t: Token, lang: str) -> bool:
    return any(p.tag.case == "nomn" for p in readings(t.text.lower().replace("’", "'"), lang))


def _same_form(case: str, gender: str | None) -> str:
    """A man's name has one form for the genitive and the accusative («Ахмеда»)."""
    return "gent" if case == "accs" and gender != "femn" else case


def _by_paradigm(t: Token, lang: str, agreed: tuple[str, str], endings: Mapping, told: bool = False) -> str:
    """The nominative of a name's word in the case and gender its companion shows: the
    dictionary's, where it knows the word in that case as a name; else the lexicon's ending
    rules for unknown names; "" when neither applies (the word is left to the usual reading)."""
    case, gender = agreed
    low = t.text.lower().replace("’", "'")
    parses = readings(low, lang)
    known = [p for p in parses if _PERSONAL & p.tag.grammemes and p.tag.gender == gender
             and _same_form(p.tag.case, p.tag.gender) == case]
    if known:
        return known[0].normal_form
    if case == "nomn":
        return low  # «Джонатан Пауэлл»: beside a nominative, a word the dictionary lacks is one too
    if not told and any(_PERSONAL & p.tag.grammemes for p in parses) and \
            not any(p.tag.case == "nomn" and "Fixd" not in p.tag.grammemes for p in parses):
        return ""
    for oblique, nom in endings.get(f"{case} {gender}", ()):
        if low.endswith(oblique) and len(low) > len(oblique) + 1:
            return low[:len(low) - len(oblique)] + nom
    return ""


def _nominative_word(t: Token, lang: str, instrumental: tuple[str, ...]) -> tuple[str, bool]:
    parses = readings(t.text.replace("’", "'"), lang)
    named = [p for p in parses if {"Name", "Surn", "Patr"} & p.tag.grammemes and p.tag.case != "nomn"]
    if named and not any(p.tag.case == "nomn" and {"Name", "Surn", "Patr"} & p.tag.grammemes for p in parses):
        # «Пауеллом» → пауелл, «Садыра» → садир; in the reading's own gender («Астанинскую
        # декларацию» → астанинская, not the masculine dictionary form)
        form = named[0].inflect({"nomn"})
        return (form.word if form else named[0].normal_form), False
    best = parses[0]
    if best.tag.case == "nomn" and t.text.lower().endswith(instrumental):
        # an unknown word read as a nominative though it ends like an instrumental: «Пауэллом»
        ablt = [p for p in parses if p.tag.case == "ablt"]
        if ablt:
            return ablt[0].normal_form, False
    form = best.inflect({"nomn"}) if best.tag.case and best.tag.case != "nomn" else None
    is_head = best.tag.POS == "NOUN" and not ({"Name", "Surn", "Patr", "Geox"} & best.tag.grammemes)
    return (form.word if form else t.text.lower()), is_head


def _rejoin(tokens: list[Token], words: list[str], text: str) -> str:
    """Words put back with the spacing the text had between them."""
    if not text:
        return " ".join(words)
    out = [words[0]]
    for prev, tok, word in zip(tokens, tokens[1:], words[1:]):
        out.append(text[prev.end:tok.start] + word)
    return "".join(out)


# -- known names -------------------------------------------------------------

def known_names(ctx: ArticleContext, table: MentionTable) -> MentionTable:
    """Reads the text against the gazetteer. Adds a mention and an entity for every known name
    (any case form, nationality adjectives too); a capital stands for its state unless the text
    uses the city as a place; sets the dateline's city."""
    d = _Draft(ctx, table)
    matches = _read_in_context(ctx, match_names(ctx.doc, ctx.gaz))
    dateline = _dateline(ctx, matches)
    as_place = {m.entity_id for m in matches if _is_place_use(ctx, m.start) or m is dateline
                or _filed_from(ctx, m)} | \
        _listed_with_cities(ctx, matches)
    for m in matches:
        if m.kind == "adjective" and _opens_a_name(ctx, m.start):
            continue
        if m.kind == "name" and (_inside_quoted_name(ctx, m) or _named_after_place(ctx, m) or _ends_a_name(ctx, m)):
            continue  # left to the new names: another entity's name holds this one
        entry = ctx.gaz.get(m.entity_id)
        eid = m.entity_id
        if entry.type == "City" and entry.capital_of and eid not in as_place and m.kind == "name":
            eid = entry.capital_of
        d.register_known(eid)
        d.add(m.start, m.end, eid, m.kind)
        whose = _state_said_in_name(ctx, m)
        if whose:  # "Iran's foreign ministry" names Iran too, as "Japan's Defence Ministry" does
            d.register_known(whose)
            d.add(m.start, m.start + 1, whose, "name")
    return d.table(dateline=dateline.entity_id if dateline is not None else "")


def _state_said_in_name(ctx: ArticleContext, m: NameMatch) -> str:
    """The state a known body's name opens with in the possessive ("Iran's foreign ministry",
    "Japan's Defence Ministry"): the body's own state, named by one of its names."""
    tok, g = ctx.doc.tokens[m.start], ctx.grammar
    if m.end - m.start < 2 or not g.possessive_endings or not tok.text.endswith(g.possessive_endings):
        return ""
    state = ctx.gaz.get(m.entity_id).country
    if not state or state not in ctx.gaz:
        return ""
    bare = next((tok.text[:-len(e)] for e in g.possessive_endings if tok.text.endswith(e)), "")
    return state if bare in dict(ctx.gaz.get(state).names).get(ctx.doc.lang, ()) else ""


_QUOTES_OPEN = frozenset("«\"“„")
_QUOTES_CLOSE = frozenset("»\"”“")


def _inside_quoted_name(ctx: ArticleContext, m: NameMatch) -> bool:
    """A known name that is only part of a quoted name: «"Trump Route for International Peace"»,
    «ОАО "ТАИФ"», «телеканал «Россия»». A place's name alone in quotes names a firm, a medium,
    a film after it; any known name that opens a quoted run of capitalised words is that run's
    first word. A known body's or person's name alone in quotes («"Газпром"») stays itself."""
    tokens = ctx.doc.tokens
    if m.start == 0 or tokens[m.start - 1].text not in _QUOTES_OPEN or tokens[m.start - 1].end != tokens[m.start].start:
        return False
    k = m.end
    while k < len(tokens) and (_capitalised(tokens[k]) or tokens[k].text.lower() in ctx.lex.words("name_connectors")
                               or tokens[k].text in ("-", "‑")) and ctx.sent(k) == ctx.sent(m.start):
        k += 1
    if k >= len(tokens) or tokens[k].text not in _QUOTES_CLOSE or tokens[k].start != tokens[k - 1].end:
        return False
    if k > m.end:
        return _capitalised(tokens[k - 1])
    # a place's name, or a common word («группа «Альянс»»), not a known body's own name («"Газпром"»)
    return (ctx.gaz.get(m.entity_id).type in PLACE_TYPES or (m.end - m.start == 1 and _common_word(ctx, tokens[m.start]))) and \
        m.start > 1 and _names_a_thing(ctx, tokens[m.start - 2])


def _common_word(ctx: ArticleContext, tok: Token) -> bool:
    a = tok.analysis
    return ctx.grammar.case_marking and a.pos == "NOUN" and not a.grammemes & {"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr"} \
        and _morph(ctx.doc.lang).word_is_known(tok.text.lower().replace("’", "'"))


def _ends_a_name(ctx: ArticleContext, m: NameMatch) -> bool:
    """«от Республики Алтай», «в Союзі Вільних Країн»: where only a name's first word takes a
    capital, a common noun with one inside a sentence opens a name; a place's one-word name
    right after it in the nominative (whose it is would stand in the genitive: «Совета
    Европы») is that name's end, not the place."""
    tokens, g = ctx.doc.tokens, ctx.grammar
    if not g.case_marking or g.capitalised_names or m.end - m.start != 1 or m.start < 2 or \
            ctx.gaz.get(m.entity_id).type not in ("City", "Region"):  # «на заседании Совета Франция заявила»
        return False
    prev, tok = tokens[m.start - 1], tokens[m.start]
    if ctx.sent(m.start - 1) != ctx.sent(m.start) or not _capitalised(prev) or prev.text.isupper() or \
            not _mid_sentence(ctx, m.start - 1):
        return False
    a = prev.analysis
    common = a.pos == "NOUN" and not a.grammemes & {"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr"} and \
        _morph(ctx.doc.lang).word_is_known(prev.text.lower().replace("’", "'"))
    return common and bool(tok.analysis.any_cases) and tok.analysis.any_cases <= {"nomn", "accs"}


def _names_a_thing(ctx: ArticleContext, tok: Token) -> bool:
    """«ОАО», «гостиница», «телеканал», "the company": a common noun or a body's initials
    before a quoted name, whose name it is."""
    if tok.text.isupper() and len(tok.text) >= 2 and tok.is_word and tok.text.isalpha():
        return True
    opens = tok.index == 0 or ctx.sent(tok.index - 1) != ctx.sent(tok.index)  # «Гостиницу «Ташкент» закрыли»
    return tok.is_word and (tok.text.islower() or opens) and \
        (tok.analysis.pos == "NOUN" or bool(tok.lemmas & ctx.lex.words("body_nouns")))


def _named_after_place(ctx: ArticleContext, m: NameMatch) -> bool:
    """«королева Летисия», «актрисе Виктории»: a city's or region's name in apposition to a
    noun of a person (the same case) that the dictionary also knows as a first name or surname
    is that person's name. «мэр Москвы» (a genitive: whose mayor) stays the city."""
    tokens, g = ctx.doc.tokens, ctx.grammar
    if not g.case_marking or m.end - m.start != 1 or m.start == 0 or \
            ctx.gaz.get(m.entity_id).type not in ("City", "Region"):
        return False
    prev, tok, lang = tokens[m.start - 1], tokens[m.start], ctx.doc.lang
    if not prev.is_word or not prev.text.islower() or prev.analysis.pos != "NOUN":
        return False  # («столицы и Львова»: «и» has a noun's reading too, a letter's name)
    nouns = {_same_form(p.tag.case, p.tag.gender) for p in readings(prev.text, lang)
             if p.tag.POS == "NOUN" and "anim" in p.tag.grammemes and p.tag.number != "plur" and p.tag.case}
    named = {_same_form(p.tag.case, p.tag.gender) for p in readings(tok.text.lower().replace("’", "'"), lang)
             if _PERSONAL & p.tag.grammemes and p.tag.case}
    return bool(nouns & named) and not prev.lemmas & ctx.lex.words("city_part_nouns")


def _opens_a_name(ctx: ArticleContext, k: int) -> bool:
    """«в Колумбийском университете», «1-го Украинского фронта»: where only a name's first word
    takes a capital, a nationality adjective with one inside a sentence opens a body's name; it
    names no state («американский» would)."""
    g, tok = ctx.grammar, ctx.doc.tokens[k]
    if not g.case_marking or g.capitalised_names or not tok.text[:1].isupper() or tok.text.isupper():
        return False
    return _mid_sentence(ctx, k)


def _mid_sentence(ctx: ArticleContext, k: int) -> bool:
    """Token `k` stands inside its sentence, after a word, not where any word takes a capital
    (a sentence's, a quotation's or a heading's start)."""
    if k == 0 or ctx.sent(k - 1) != ctx.sent(k):
        return False
    prev = ctx.doc.tokens[k - 1].text
    return prev not in "\"«“„—–-:(" and not prev.endswith((".", "!", "?"))


def _read_in_context(ctx: ArticleContext, matches: list[NameMatch]) -> list[NameMatch]:
    """A name several entities share (two people called Harris, a city and a state called New
    York) is the one the rest of the article points to: named there without doubt, or tied to
    what is (its country, capital, members, the states and bodies its offices are of), or, for
    a person, holding an office on the article's date. Ties keep the matcher's order."""
    if not any(m.alternatives for m in matches):
        return matches
    sure = {m.entity_id for m in matches if not m.alternatives}
    out = []
    for m in matches:
        if m.alternatives:
            candidates = (m.entity_id, *m.alternatives)
            best = max(candidates, key=lambda e: (_support(ctx, e, sure), -candidates.index(e)))
            if best != m.entity_id:
                m = replace(m, entity_id=best, alternatives=tuple(e for e in candidates if e != best))
        out.append(m)
    return out


def _support(ctx: ArticleContext, eid: str, sure: set[str]) -> int:
    entry = ctx.gaz.get(eid)
    ties = {entry.country, entry.capital, entry.capital_of, *(x.member for x in entry.members),
            *(r.of for r in entry.roles)} - {""}
    in_office = ctx.day and any(r.holds_on(ctx.day) for r in entry.roles)
    return 3 * (eid in sure) + len(ties & sure) + bool(in_office)


def _dateline(ctx: ArticleContext, matches: list[NameMatch]) -> NameMatch | None:
    """"ASTANA, June 17 —", «КИЇВ. 13 березня», «Москва, 10 августа»: the city a wire story is
    filed from, in capitals or with the date after it."""
    doc, lex = ctx.doc, ctx.lex
    for sentence in doc.sentences[:3]:
        first = sentence.tokens[0]
        m = next((m for m in matches if m.start == first.index), None)
        if m is None or len(first.text) < 3:
            continue
        nxt = doc.tokens[m.end] if m.end < len(doc.tokens) else None
        dated = m.end + 1 < len(doc.tokens) and (doc.tokens[m.end + 1].text.isdigit() or
                                                   doc.tokens[m.end + 1].text.lower() in lex.months)
        if not (first.text.isupper() or dated):
            continue
        if nxt is not None and nxt.text in (",", ".", "—", "–", "-") and ctx.gaz.get(m.entity_id).type == "City":
            return m
    return None


def _listed_with_cities(ctx: ArticleContext, matches: list[NameMatch]) -> set[str]:
    """Capitals among cities, read as places: a list with a city that is no state's capital
    after a place's preposition («в Исламабаде и Лахоре», "between Islamabad and Rawalpindi")
    or of three cities or more («Лондон, Барселона, Брюссель и Варшава»); a route, cities
    joined by a dash («рейс Малага-Брюссель», «Киев-Берлин»). «Исламабад и Дели договорились»
    stays the governments."""
    tokens, g = ctx.doc.tokens, ctx.grammar
    by_start = {m.start: m for m in matches if m.kind == "name"}
    out: set[str] = set()
    seen: set[int] = set()
    for m in sorted(by_start.values(), key=lambda m: m.start):
        if m.start in seen or ctx.gaz.get(m.entity_id).type != "City":
            continue
        chain, joins = [m], []
        while chain[-1].end + 1 < len(tokens):
            j = chain[-1].end
            nxt = by_start.get(j + 1)
            if nxt is None or ctx.gaz.get(nxt.entity_id).type != "City" or not (
                    tokens[j].text in (",", "-", "‑", "—", "–") or tokens[j].text.lower() in g.coordinators):
                break
            chain.append(nxt)
            joins.append(tokens[j])
        seen.update(x.start for x in chain)
        capitals = {x.entity_id for x in chain if ctx.gaz.get(x.entity_id).capital_of}
        if len(chain) < 2 or not capitals:
            continue
        others = any(not ctx.gaz.get(x.entity_id).capital_of for x in chain)
        placed = _is_place_use(ctx, m.start) or (m.start > 0 and tokens[m.start - 1].text.lower() in g.between_words)
        route = all(t.text in ("-", "‑", "—", "–") for t in joins) and (others or any(
            t.start == tokens[t.index - 1].end and t.end == tokens[t.index + 1].start for t in joins))
        if route or (others and (placed or len(chain) >= 3)) or _placed_together(ctx, chain):
            out |= capitals
    return out


def _placed_together(ctx: ArticleContext, chain: list[NameMatch]) -> bool:
    """«в Берлине и Москве», "in Paris and Rome": cities joined after a place's preposition are
    all places, each in the case that preposition gave the first (no company: «с Москвой и
    Киевом» is no place)."""
    tokens = ctx.doc.tokens
    if len(chain) < 2 or not _is_place_use(ctx, chain[0].start):
        return False
    cases = tokens[chain[0].start].analysis.any_cases & {"loct", "gent", "accs"}
    return not ctx.grammar.case_marking or all(tokens[x.start].analysis.any_cases & cases for x in chain[1:])


def _filed_from(ctx: ArticleContext, m: NameMatch) -> bool:
    """«МОСКВА, 1 авг —», "KYIV, March 3": a city in capitals and a comma, opening a paragraph or
    followed by a date, opens a wire story wherever it stands (after a caption, a story quoted in
    another): the place it was filed from."""
    tokens, lex = ctx.doc.tokens, ctx.lex
    if m.end + 2 >= len(tokens) or not tokens[m.start].text.isupper() or len(tokens[m.start].text) < 3:
        return False
    if tokens[m.end].text != "," or ctx.gaz.get(m.entity_id).type != "City":
        return False
    if m.start == 0 or ctx.sent(m.start - 1) != ctx.sent(m.start):
        return True
    day, month = tokens[m.end + 1], tokens[m.end + 2]

    def is_month(t) -> bool:  # «августа», «авг», "March"
        word = t.text.lower()
        return bool(t.lemmas & lex.months.keys()) or (len(word) >= 3 and any(x.startswith(word) for x in lex.months))

    return (day.text.isdigit() and is_month(month)) or is_month(day)


def _is_place_use(ctx: ArticleContext, tok: int) -> bool:
    tokens = ctx.doc.tokens
    g = ctx.grammar
    if tok == 0 or tokens[tok].text.endswith(g.possessive_endings):
        return False  # "at Washington's trade policy" is the government
    if tokens[tok - 1].lemmas & ctx.visit_verbs:
        return True  # «посетит Москву», "visit Ankara": a visit's destination is a place
    if _named_as_city(ctx, tok):
        return True
    prev = tokens[tok - 1].text.lower()
    if prev in g.place_prepositions:
        # «з Казахстаном» is company, not a place: only a locative or genitive-of-origin reads as place
        return not g.case_marking or bool(tokens[tok].analysis.any_cases & {"loct", "gent", "accs"})
    return False


def _named_as_city(ctx: ArticleContext, tok: int) -> bool:
    """«у столиці країни Ісламабаді», "the city of Lahore": a city noun just before the name;
    «аеропорт Рима», «окраина Исламабада», "the streets of Rome": a part of the city."""
    tokens, lex = ctx.doc.tokens, ctx.lex
    city, parts = lex.words("city_nouns"), lex.words("city_part_nouns")
    g = ctx.grammar
    dash = tok > 1 and tokens[tok - 1].text in ("-", "—", "–", ",")  # «в столице страны — Исламабаде»
    for k in range(tok - 1 - dash, max(tok - 4 - dash, -1), -1):
        t = tokens[k]
        if t.lemmas & city:
            return True
        if t.lemmas & parts:
            return not g.case_marking or "gent" in tokens[tok].analysis.any_cases
        if not (t.is_word and t.text.islower()) or (g.case_marking and "gent" not in t.analysis.any_cases
                                                    and t.text.lower() not in g.of_words | g.articles):
            return False
        if not g.case_marking and t.text.lower() not in g.of_words | g.articles:
            return False
    return False


def region_states(ctx: ArticleContext, table: MentionTable) -> MentionTable:
    """Reads region adjectives before a state noun («центральноазійським державам», "Central
    Asian states"). Replaces each such adjective mention by a name mention of the region's
    states as one party, over the noun too."""
    d = _Draft(ctx, table)
    nouns = ctx.lex.words("state_nouns")
    tokens = ctx.doc.tokens
    for k, m in enumerate(table.mentions):
        if m.kind != "adjective" or d.types.get(m.entity_id) != "Region" or m.end >= len(tokens):
            continue
        if tokens[m.end].lemmas & nouns:
            d.mentions[k] = ActorMention(m.start, m.end + 1, m.entity_id, "name", m.sentence)
            d.covered.add(m.end)
    return d.table()


def capitals(ctx: ArticleContext, table: MentionTable) -> MentionTable:
    """Reads capital nouns next to a state's name («казахстанська столиця», "the Kazakh
    capital", «столиця Казахстану»). Adds a `capital` mention of the capital city."""
    d = _Draft(ctx, table)
    tokens = ctx.doc.tokens
    nouns = ctx.lex.words("capital_nouns")
    by_end = {m.end: m for m in table.mentions}
    by_start = {m.start: m for m in table.mentions}
    for k, tok in enumerate(tokens):
        if k in d.covered or not (tok.lemmas & nouns):
            continue
        country = by_end.get(k) if by_end.get(k) and by_end[k].kind == "adjective" else None
        after = by_start.get(k + 1) or (by_start.get(k + 2) if k + 2 < len(tokens)
                                         and tokens[k + 1].text in ctx.grammar.of_words else None)
        if country is None and after is not None and d.types.get(after.entity_id) == "Country":
            country = after
        if country is None or country.entity_id not in ctx.gaz:
            continue
        capital = ctx.gaz.get(country.entity_id).capital
        if capital and capital in ctx.gaz:
            d.register_known(capital)
            d.add(k, k + 1, capital, "capital")
    return d.table()


# -- role nouns --------------------------------------------------------------

def role_spans(ctx: ArticleContext, table: MentionTable) -> MentionTable:
    """Reads the lexicon's role nouns, before new names, so that "Foreign Minister" is not read
    as one. Sets `role_spans` (a span that ends inside a body's name stops where the name
    begins) and covers their tokens."""
    tokens = ctx.doc.tokens
    in_groups = {k for g in ctx.lex.group_refs.find(tokens) if g.end - g.start > 1
                 for k in range(g.start, g.end)}  # "the two leaders" refers back; it names no office
    agency_starts = {m.start for m in table.mentions if table.types.get(m.entity_id) in BODY_TYPES}
    covered = table.covered
    # «главою МЗС Туреччини», «Глава Еврокомиссии»: an office phrase may end inside the body's own name
    spans = [rm for rm in ctx.lex.roles.find(tokens)
             if not any(k in in_groups for k in range(rm.start, rm.end))
             and (not any(k in covered for k in range(rm.start, rm.end))
                  or (rm.start not in covered and any(k in agency_starts for k in range(rm.start, rm.end))))]
    newly = frozenset(k for rm in spans for k in range(rm.start, rm.end))
    bodies: dict[int, list[tuple[int, ActorMention]]] = defaultdict(list)  # start → (place in table, mention)
    for at, m in enumerate(table.mentions):
        if table.types.get(m.entity_id) in BODY_TYPES:
            bodies[m.start].append((at, m))
    return replace(table, covered=covered | newly,
                   role_spans=tuple(_role_through_agency(rm, bodies) for rm in spans))


def _role_through_agency(rm: PhraseMatch, bodies: Mapping[int, list[tuple[int, ActorMention]]]) -> PhraseMatch:
    """A role phrase that ends inside a body's name stops where the name begins, so that
    the ministry or organisation is read as whose office it is (the first such body the
    table holds)."""
    inner = min((b for k in range(rm.start + 1, rm.end) for b in bodies.get(k, ())), default=None,
                key=lambda b: b[0])
    return PhraseMatch(rm.start, inner[1].start, rm.payload) if inner else rm


def role_nouns(ctx: ArticleContext, table: MentionTable) -> MentionTable:
    """Reads each role span with what stands around it: whose office it is (an adjective, a
    genitive, "of X") and who holds it (a person's name in apposition). Adds `roles` (the
    offices the text states), `complements` (mentions that only say whose office), and `role`
    or `group` mentions for offices named without their holder, resolved through the gazetteer
    on the article's date."""
    d = _Draft(ctx, table)
    tokens = ctx.doc.tokens
    by_start = {m.start: m for m in table.mentions}
    by_end = {m.end: m for m in table.mentions}
    former_words = ctx.lex.words("former_words")
    # this stage adds only office holders' mentions: the states named, the country the article
    # is about and who is named by name stay as they are, so they are read once
    states = sorted((m for m in table.mentions if table.types.get(m.entity_id) == "Country"), key=_start_of)
    home = _Once(lambda: _home_country(d))
    named = {m.entity_id for m in table.mentions if m.kind in ("name", "surname")}
    for rm in table.role_spans:
        title = rm.payload
        if _leaders_of_many(ctx, d, rm, title, states):
            continue
        of, of_start = _role_of(ctx, d, rm.start, rm.end, by_start, by_end)
        person = _apposition(ctx, d, rm.end, by_start)
        if of:
            d.complements.add(of_start)
        elif person and person.entity_id in ctx.gaz:
            # "President Ferdinand Marcos Jr.": the office is named, whose it is the gazetteer knows
            wanted = _role_relation(title)
            roles = ctx.gaz.get(person.entity_id).roles
            # the office held on the day; else the one the text names, whenever the gazetteer has it
            of = next((r.of for r in roles if (r.title == title or r.relation == wanted) and r.holds_on(ctx.day)), "") \
                or next((r.of for r in roles if r.title == title), "") \
                or (home() if title in NATIONAL_TITLES else "")
        elif person and title in NATIONAL_TITLES:
            # «міністр охорони здоров'я Віктор Ляшко» in a story about one country: its minister
            of = home()
        former = rm.start > 0 and bool(tokens[rm.start - 1].lemmas & former_words) or \
            rm.start > 1 and bool(tokens[rm.start - 2].lemmas & former_words)
        if person and of:
            if not former:  # "former President X" held the office; the fact is not current
                d.roles.append(RoleStatement(person.entity_id, _role_relation(title), of, ctx.sent(rm.start), rm.start))
            continue
        if person or not of or _plural_role(ctx, rm) or title not in SOLE_OFFICES:
            # "the Chinese officials", «міністри Китаю»: many, not the one office holder; "a
            # Chinese official", «речник МЗС»: an office many hold at once names none of them
            continue
        holder = _holder(ctx, d, title, of)
        if holder:
            d.register_known(holder)
            d.add(rm.start, rm.end, holder, "role", title)
            # The office is stated; who holds it is the gazetteer's reading, so the fact is
            # kept only where the article also names that person.
            if holder in named:
                d.roles.append(RoleStatement(holder, _role_relation(title), of, ctx.sent(rm.start), rm.start))
    return d.table()


def _home_country(d: _Draft) -> str:
    """The country an article is mostly about, if one clearly is (named three times and more
    than any other)."""
    counts: dict[str, int] = defaultdict(int)
    for m in d.mentions:
        if d.types.get(m.entity_id) == "Country" and m.kind in ("name", "adjective"):
            counts[m.entity_id] += 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return ""


def _leaders_of_many(ctx: ArticleContext, d: _Draft, rm: PhraseMatch, title: str,
                     countries: list[ActorMention]) -> bool:
    """«лідерами п'яти держав», "the leaders of China and Kazakhstan": one office in several
    states stands for each state's office holder."""
    if title not in LEADER_TITLES:
        return False
    tokens, g = ctx.doc.tokens, ctx.grammar
    joiners = g.coordinators | g.articles | {","}
    j = rm.end + (1 if rm.end < len(tokens) and tokens[rm.end].text.lower() in g.of_words else 0)
    states: list[ActorMention] = []
    for m in countries[bisect.bisect_left(countries, j, key=_start_of):]:  # the states named from j on
        gap = tokens[states[-1].end if states else j:m.start]
        if states and m.start == states[-1].start or \
                all(t.text.lower() in joiners for t in gap):
            states.append(m)
        else:
            break
    ids = _unique_ids(states)
    if len(ids) < 2:
        return False
    holders = [_holder(ctx, d, title, e) for e in ids]
    for m in states:
        if m.kind == "group":  # «лідерами п'яти держав»: the states are only whose leaders
            d.complements.add(m.start)
    for holder in filter(None, holders):
        d.register_known(holder)
        d.add(rm.start, rm.end, holder, "group", title)
    return True


def _role_of(ctx: ArticleContext, d: _Draft, start: int, end: int, by_start, by_end) -> tuple[str, int]:
    """Whose office a role noun names, and where that is said."""
    tokens, g = ctx.doc.tokens, ctx.grammar
    before = by_end.get(start)
    k = start
    while before is None and not g.case_marking and start - k < 2 and k > 0 and tokens[k - 1].is_word \
            and tokens[k - 1].text[:1].isupper():
        k -= 1  # "Ukrainian Infrastructure Minister": a field the lexicon lacks stands between
        before = by_end.get(k)
    if before and d.types.get(before.entity_id) == "Person":
        # "Zelenskiy's adviser": an office under a person serves that person's state
        return _office_of(ctx, d, before.entity_id), before.start
    if before and before.kind == "adjective":
        return before.entity_id, before.start
    if before and not g.case_marking and d.types.get(before.entity_id) in ACTOR_TYPES | {"Country"}:
        return before.entity_id, before.start  # "Chinese President", "NATO Secretary General"
    owner = _possessive_owner(ctx, d, start)
    if owner:
        return owner.entity_id, owner.start
    j = end
    if j < len(tokens) and tokens[j].text.lower() in g.of_words:
        j += 1
        if j < len(tokens) and tokens[j].text.lower() in g.articles:
            j += 1
    after = by_start.get(j)
    if after and after.kind in ("name", "new") and d.types.get(after.entity_id) in ACTOR_TYPES | {"Country", "City"}:
        if not g.case_marking and j == end:
            return "", -1  # "President Xi": a name right after the office is its holder
        if g.case_marking and "gent" not in tokens[j].analysis.cases and \
                not tokens[j].analysis.grammemes & {"Fixd", "Abbr"}:
            return "", -1
        return after.entity_id, after.start
    return "", -1


def _office_of(ctx: ArticleContext, d: _Draft, person: str) -> str:
    """The state or body a person holds office in, as the text said it before, else as the
    gazetteer has it on the article's date."""
    stated = next((r.of for r in d.roles if r.person == person and d.types.get(r.of) != "Person"), "")
    if stated or person not in ctx.gaz:
        return stated
    return next((r.of for r in ctx.gaz.get(person).roles if r.holds_on(ctx.day)), "")


def _possessive_owner(ctx: ArticleContext, d: _Draft, start: int) -> ActorMention | None:
    """«хоча її міністр закордонних справ», "its foreign minister": a possessive word before
    the office names as its owner the state or body named last before it in the sentence."""
    tokens = ctx.doc.tokens
    owners = ctx.lex.words("possessive_determiners") - ctx.lex.words("reflexive_determiners")
    if start == 0 or tokens[start - 1].text.lower() not in owners:
        return None
    first = ctx.doc.sentences[ctx.sent(start)].tokens[0].index
    kinds = ("Country", "Organization", "IntergovernmentalOrganization", "Alliance", "Person")
    named = [m for m in d.mentions if first <= m.start and m.end < start and m.kind != "adjective"
             and d.types.get(m.entity_id) in kinds]
    last = max(named, key=lambda m: m.start) if named else None
    if last is None or d.types.get(last.entity_id) == "Person":
        return None  # "Guterres … praised China, his spokesman said": named last is a person, whose it is
    # a gendered possessive agrees with the state's noun («її міністр» after «Угорщина»);
    # "his" never stands for a state, whose name has no gender
    gender = ctx.grammar.possessive_pronouns.get(tokens[start - 1].text.lower())
    return last if not gender or tokens[last.start].analysis.gender == gender else None


def _apposition(ctx: ArticleContext, d: _Draft, end: int, by_start) -> ActorMention | None:
    tokens, g = ctx.doc.tokens, ctx.grammar
    j = end
    # skip the "of X" / genitive complement: «президент Казахстану Касим-Жомарт Токаєв»
    skipped_words = 0
    for _ in range(6):
        m = by_start.get(j)
        if m is None:
            if j < len(tokens) and tokens[j].text.lower() in g.of_words | g.articles:
                j += 1
                continue
            # «міністра охорони здоров'я Віктора Ляшка»: the office's own words
            if j < len(tokens) and tokens[j].text.islower() and tokens[j].is_word and skipped_words < 3 \
                    and g.case_marking and "gent" in tokens[j].analysis.any_cases:
                j, skipped_words = j + 1, skipped_words + 1
                continue
            return None
        if d.types.get(m.entity_id) == "Person" or m.kind == "new-person":
            return m
        j = m.end
    return None


def _plural_role(ctx: ArticleContext, rm: PhraseMatch) -> bool:
    """Whether a role phrase's head noun is plural: the first word where words decline
    («міністри закордонних справ»), the last where they do not ("Foreign Ministers")."""
    g = ctx.grammar
    tok = ctx.doc.tokens[rm.start if g.case_marking else rm.end - 1]
    if tok.analysis.number:
        return tok.analysis.number == "plur"
    low = tok.text.lower()
    return any(low == tok.lemma + ending for ending in g.plural_endings)


def _holder(ctx: ArticleContext, d: _Draft, title: str, of: str) -> str:
    """Who held the office on the article's date. An article without a date says only whom it
    names: the office's holder then is one the article names (who holds it now is background
    knowledge the text does not give)."""
    named = None if ctx.day else {m.entity_id for m in d.mentions if m.kind in ("name", "surname")}
    titles = (title, "president", "head_of_state", "chairman") if title in ("head_of_state", "president") else (title,)
    for t in titles:
        candidates = [p for p in ctx.gaz.roles_of(t, of, ctx.day) if named is None or p in named]
        if candidates:
            return candidates[0] if len(candidates) == 1 else ""
    return ""


# -- new names ---------------------------------------------------------------

def unknown_names(ctx: ArticleContext, table: MentionTable) -> MentionTable:
    """Reads runs of capitalised words no earlier stage covered. Adds a new entity for each
    (typed by its head word, grammemes and context, labelled by its nominative), bracketed
    initials as the same entity's short name, and a first name before a known surname as
    that person."""
    d = _NameDraft(ctx, table)
    tokens = ctx.doc.tokens
    freed = _free_first_names(ctx, d)
    _web_addresses(ctx, d)
    i, n = 0, len(tokens)
    stop = ctx.lex.words("stopwords_capitalised")
    place_nouns = ctx.lex.words("place_nouns")
    acronyms: dict[str, str] = {}  # bracketed initials → the entity they shorten
    for m in table.mentions:  # «ЦИК» after «ЦИК Казахстана»: the body named in full before
        if m.kind == "new" and m.entity_id in table.entities:
            for _, alias in table.entities[m.entity_id].aliases:
                if alias.isupper() and " " not in alias:
                    acronyms.setdefault(alias, m.entity_id)
    while i < n:
        if i in d.covered or not (_capitalised(tokens[i]) or _brand(ctx, tokens[i])) or \
                (i not in freed and _sentence_start_common(ctx, d, i, stop) and not _first_name_before(ctx, d, i)):
            i += 1
            continue
        j = _name_end(ctx, d, i)
        if j - i >= 2 and i not in freed and \
                (_opening_common_noun(ctx, i) or tokens[i].lemmas & ctx.lex.words("title_nouns")):
            # «Пилоты Ryanair», «Компания Ryanair»: the sentence's first noun is no part of the name;
            # "Lawyer Navid Chaudhry": nor is a title
            i += 1
            continue
        if j < n and j not in d.covered and tokens[j].lemmas & place_nouns:
            j += 1  # «Лейлекском районе», "Batken district": the place noun is part of the name
        j, body = _state_in_name(ctx, d, i, j)
        if j - i == 1 and tokens[i].text in acronyms:
            d.add(i, j, acronyms[tokens[i].text], "name")
            i = j
            continue
        k = _person_boundary(ctx, i, j)
        if k:  # «Донецької ОВА Вадим Філашкін»: an office's name, then its holder's
            _new_entity(ctx, d, i, k, list(tokens[i:k]))
            i = k
        _new_entity(ctx, d, i, j, list(tokens[i:j]), "Organization" if body else "Person" if i in freed else "")
        i = _acronym_after(ctx, d, i, j, acronyms)
    _initials_of_bodies(ctx, d)
    return d.table()


_SHORT_WORD = 3  # «и», «по», "of", "and": lower-case words this short give no initial


def _initials(label: str) -> str:
    words = [w for w in re.split(r"[\s\-‐‑]+", label) if w[:1].isalpha()]
    return "".join(w[0].upper() for w in words if not (w.islower() and len(w) <= _SHORT_WORD))


def _initials_of_bodies(ctx: ArticleContext, d: _NameDraft) -> None:
    """«ЦИК» and «Центральная избирательная комиссия (Узбекистана)», "CEC" and "Central Election
    Commission": new initials that are the first letters of a new body's name in the same
    article (of its first words, before whose body it is) are that body, one node."""
    new = {m.entity_id for m in d.mentions if m.kind == "new" and d.types.get(m.entity_id) == "Organization"}
    short = {e for e in new if (label := d.entities[e].labels[0][1]).isupper() and " " not in label and len(label) >= 2}
    for eid in short:
        letters = d.entities[eid].labels[0][1]
        full = sorted(e for e in new - short if _initials(d.entities[e].labels[0][1]).startswith(letters))
        if len(full) != 1:
            continue
        for k, m in enumerate(d.mentions):
            if m.entity_id == eid:
                d.mentions[k] = replace(m, entity_id=full[0])
        ent = d.entities[full[0]]
        d.entities[full[0]] = replace(ent, aliases=ent.aliases + ((ctx.doc.lang, letters),))
        d.entities.pop(eid, None)


_NAMED_AFTER = frozenset({"Region", "Place"})  # places whose names people also bear («Азия», "Asia")


def _free_first_names(ctx: ArticleContext, d: _NameDraft) -> set[int]:
    """«Азия Биби», "Georgia Meloni": a region's one-word name right before a person's name the
    gazetteer lacks is that person's first name, not the region (a name inside a longer name is
    not the shorter entity). A region after a preposition or a capitalised word stays one.
    Returns where the names so freed start."""
    tokens, g = ctx.doc.tokens, ctx.grammar
    freed = set()
    for m in list(d.mentions):
        j = m.end
        if m.kind != "name" or m.end - m.start != 1 or d.types.get(m.entity_id) not in _NAMED_AFTER or \
                j >= len(tokens) or j in d.covered or ctx.sent(j) != ctx.sent(m.start) or \
                not _capitalised(tokens[j]) or not _own_script(ctx, tokens[j]):
            continue
        prev = tokens[m.start - 1] if m.start > 0 and ctx.sent(m.start - 1) == ctx.sent(m.start) else None
        if prev is not None and (_capitalised(prev) or prev.text.lower() in g.place_prepositions | g.location_prepositions):
            continue
        personal = tokens[j].analysis.grammemes & {"Name", "Surn"} or \
            (g.case_marking and not _morph(ctx.doc.lang).word_is_known(tokens[j].text.lower()))
        if not personal:
            continue
        d.remove(m)
        d.covered.discard(m.start)
        freed.add(m.start)
        if not any(x.entity_id == m.entity_id for x in d.mentions):
            d.entities.pop(m.entity_id, None)
    return freed


def _state_in_name(ctx: ArticleContext, d: _NameDraft, i: int, j: int) -> tuple[int, bool]:
    """«Техрик-э-Лабаик Пакистан», «Мусульманская лига Пакистан»: a state's name in the
    nominative right after a body's name the gazetteer lacks is the end of that name (whose
    body it is would stand in the genitive: «партия Пакистана»). Returns the name's end and
    whether it took the state in (then it is a body's name)."""
    tokens = ctx.doc.tokens
    if not ctx.grammar.case_marking or j >= len(tokens) or ctx.sent(j) != ctx.sent(i) or \
            not all(_own_script(ctx, t) for t in tokens[i:j]) or _known_personal(ctx, tokens[j - 1]):
        return j, False  # («Абий Ахмед Эфиопия»: a person's name is no body's)
    state = next((m for m in d.by_start.get(j, ()) if m.kind == "name" and m.end - m.start == 1
                  and d.types.get(m.entity_id) == "Country"), None)
    if state is None or not tokens[j].analysis.any_cases or not tokens[j].analysis.any_cases <= {"nomn", "accs"}:
        return j, False
    d.remove(state)
    d.covered.discard(j)
    if not any(x.entity_id == state.entity_id for x in d.mentions):
        d.entities.pop(state.entity_id, None)
    return j + 1, True


def _known_personal(ctx: ArticleContext, tok: Token) -> bool:
    return bool(tok.analysis.grammemes & _PERSONAL) and \
        _morph(ctx.doc.lang).word_is_known(tok.text.lower().replace("’", "'"))


def _first_name_before(ctx: ArticleContext, d: _NameDraft, i: int) -> bool:
    """«с Ли Харрисом»: inside a sentence, a capitalised word the dictionary knows as a name
    (whatever else it is) right before a known person's one-word name is a first name."""
    g, tok = ctx.grammar, ctx.doc.tokens[i]
    if i == 0 or ctx.sent(i - 1) != ctx.sent(i) or not g.case_marking:
        return False
    # where only a name's first word takes a capital, one inside a sentence is a name's («топ-модель Мин Си»)
    named = _may_be_personal(ctx, tok) or (not g.capitalised_names and not tok.text.isupper() and _own_script(ctx, tok)
                                           and ctx.doc.tokens[i - 1].text not in "\"«“„—–-:(")
    return named and any(m.kind == "name" and m.end - m.start == 1 and d.types.get(m.entity_id) == "Person"
                         for m in d.by_start.get(i + 1, ()))


def _may_be_personal(ctx: ArticleContext, tok: Token) -> bool:
    """«Ли» (a particle first), «Ким»: a word the dictionary knows as a first name or surname
    in any of its readings, not only in its likeliest."""
    return bool(tok.analysis.grammemes & {"Name", "Surn"}) or \
        any({"Name", "Surn"} & p.tag.grammemes for p in readings(tok.text.lower().replace("’", "'"), ctx.doc.lang))


_DOMAIN_LETTERS = range(2, 5)  # the last part of a web address: «ru», «net», «com», «info»


def _first_name_fits(ctx: ArticleContext, tok: Token, eid: str) -> bool:
    """Whether a first name sounds like (`names.word_key`) the first name the gazetteer gives
    the person in any language; a person it lacks, or knows by one word, fits any."""
    if eid not in ctx.gaz:
        return True
    firsts = {word_key(n.split()[0], lang) for lang, names in ctx.gaz.get(eid).names for n in names if " " in n}
    if not firsts:
        return True
    lang = ctx.doc.lang
    return bool(firsts & {word_key(w.replace("’", "'"), lang) for w in tok.lemmas | {tok.text.lower()}})


def _web_addresses(ctx: ArticleContext, d: _NameDraft) -> None:
    """«INTERFAX.RU», «Корреспондент.net», "Avianews.com": a name written into a web address,
    with no space around its dot, is one name, a medium's; a known body's name at its start
    makes it that body's (the address one more of its names), else a new body."""
    tokens, doc = ctx.doc.tokens, ctx.doc
    for k in range(len(tokens) - 2):
        a, dot, tail = tokens[k], tokens[k + 1], tokens[k + 2]
        if not (dot.text == "." and a.end == dot.start and dot.end == tail.start and _capitalised(a)
                and tail.text.isalpha() and len(tail.text) in _DOMAIN_LETTERS) or k in d.covered and \
                not d.by_start.get(k):
            continue
        if k + 3 < len(tokens) and tokens[k + 3].start == tail.end and tokens[k + 3].is_word:
            continue
        label = doc.text[a.start:tail.end]
        inner = [m for j in range(k, k + 3) for m in d.by_start.get(j, ())]
        known = next((m.entity_id for m in inner if m.start == k and m.kind == "name"), None)
        for m in inner:
            d.remove(m)
        if known is not None and known in d.entities:
            ent = d.entities[known]
            d.entities[known] = replace(ent, aliases=ent.aliases + ((doc.lang, label),))
            d.add(k, k + 3, known, "name")
            continue
        eid = _new_id(label, doc.lang, "Organization")
        if eid in ctx.gaz:
            eid = eid + "_" + doc.lang
        if eid not in d.entities:
            d.add_entity(Entity(eid, "Organization", ((doc.lang, label),)))
        d.add(k, k + 3, eid, "new")


def _name_end(ctx: ArticleContext, d: _Draft, i: int) -> int:
    """Where a run of capitalised words that starts at `i` ends. English names take "of",
    "on", "for" inside ("Association of Southeast Asian Nations"); a treaty's or initiative's
    name also its list ("Treaty on Good-Neighbourliness, Friendship and Cooperation")."""
    tokens, n = ctx.doc.tokens, len(ctx.doc.tokens)
    covered = d.covered
    connectors = ctx.lex.words("name_connectors")
    coordinators = ctx.grammar.coordinators  # "and" joins a name's words only in a treaty's title
    titled = bool(tokens[i].lemmas & ctx.lex.words("concept_words"))
    j = i + 1
    own = _own_script(ctx, tokens[i])
    here = ctx.sent(i)
    while j < n and j not in covered and ctx.sent(j) == here:  # a title's last word and the caption after it are two
        nxt_cap = j + 1 < n and j + 1 not in covered and _capitalised(tokens[j + 1]) and ctx.sent(j + 1) == here \
            and not _calendar_word(ctx, tokens[j + 1])  # "… and Cooperation on Tuesday": a day is no part of a name
        if _capitalised(tokens[j]) and _own_script(ctx, tokens[j]) != own:
            break  # «Ryanair Кенні Джейкобс»: a name does not change script midway
        if _capitalised(tokens[j]):
            # "Trump Route for International Peace and Prosperity": a title's head word may come second
            titled = titled or (j == i + 1 and bool(tokens[j].lemmas & ctx.lex.words("concept_words")))
            j += 1
        elif tokens[j].text in ("-", "‑") and nxt_cap:
            j += 1
        elif tokens[j].text.lower() in connectors and nxt_cap and (tokens[j].text not in coordinators or titled):
            j += 1
        elif tokens[j].text == "," and titled and nxt_cap:
            j += 1
        else:
            break
    while j > i + 1 and not _capitalised(tokens[j - 1]):
        j -= 1
    return j


def _calendar_word(ctx: ArticleContext, tok: Token) -> bool:
    low = tok.text.lower()
    return low in ctx.lex.months or low in ctx.lex.weekdays or tok.lemma in ctx.lex.months or tok.lemma in ctx.lex.weekdays


def _brand(ctx: ArticleContext, tok: Token) -> bool:
    """"easyJet" in a Cyrillic text: a word of another script with a capital inside is a name."""
    text = tok.text
    # asked of every word: most are all lower case after the first letter, which one C call tells
    if text[1:].islower() or not (tok.is_word and text.isalpha()):
        return False
    return any(c.isupper() for c in text[1:]) and not _own_script(ctx, tok)


def _own_script(ctx: ArticleContext, tok: Token) -> bool:
    """Whether a word is written in the article's own script ("Ryanair" in a Russian text is not)."""
    return _writes_own_script(tok.text, ctx.doc.lang)


@lru_cache(maxsize=200_000)
def _writes_own_script(text: str, lang: str) -> bool:
    # asked of the same words in every article: a letter-by-letter test, so cached per word
    language = schema.load().languages.get(lang)
    return language is None or any(language.writes(c) for c in text if c.isalpha())


def _product_list(ctx: ArticleContext, i: int) -> bool:
    """«танки Leopard, Challenger та Bradley», «винищувачі Gripen»: foreign names in a list after
    a noun of things (`product_nouns`) or a number name products, not bodies."""
    tokens, g = ctx.doc.tokens, ctx.grammar
    k = i - 1
    while k >= 0 and (tokens[k].text in ",-" or tokens[k].text.lower() in g.coordinators
                      or (tokens[k].is_word and not _own_script(ctx, tokens[k]))):
        k -= 1
    return k >= 0 and (tokens[k].text.isdigit() or bool(tokens[k].lemmas & ctx.lex.words("product_nouns")))


def _body_acronym(ctx: ArticleContext, tok: Token) -> bool:
    """Capital initials (two to six letters) that the dictionary marks as a body's, or that the
    lexicon does not list among the initials of things («ВВП», "GDP")."""
    text = tok.text
    if not (text.isupper() and text.isalpha() and 2 <= len(text) <= 6):
        return False
    if "Orgn" in tok.analysis.grammemes:
        return True
    return not (tok.lemmas | {text.lower()}) & ctx.lex.words("common_acronyms")


_OPENING_WORDS = frozenset({"NOUN", "ADVB", "VERB", "INFN", "GRND", "COMP"})


def _opening_common_noun(ctx: ArticleContext, i: int) -> bool:
    """A sentence's first word that the dictionary knows as a common noun, capitalised only
    because it opens the sentence: where only a name's first word takes a capital, it starts
    no longer name («Компания Ryanair», «Пилоты Ryanair»)."""
    tokens, g = ctx.doc.tokens, ctx.grammar
    if not g.case_marking or g.capitalised_names or not (i == 0 or ctx.sent(i - 1) != ctx.sent(i)):
        return False
    a = tokens[i].analysis
    if a.grammemes & {"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr"} or a.pos not in _OPENING_WORDS:
        return False  # («Пізніше ЦВК»: an adverb opens no name either)
    return _morph(ctx.doc.lang).word_is_known(tokens[i].text.lower().replace("’", "'"))


def _acronym_after(ctx: ArticleContext, d: _NameDraft, i: int, j: int, acronyms: dict[str, str]) -> int:
    """"Reciprocal Access Agreement (RAA)": the bracketed initials are the same entity's
    short name, here and wherever the article uses them again."""
    tokens = ctx.doc.tokens
    if j + 2 < len(tokens) and tokens[j].text == "(" and tokens[j + 2].text == ")" and d.mentions \
            and d.mentions[-1].start == i:
        short = tokens[j + 1].text
        initials = "".join(t.text[0] for t in tokens[i:j] if t.text[:1].isupper())
        if short.isupper() and len(short) >= 2 and initials.upper().startswith(short[:2]):
            eid = d.mentions[-1].entity_id
            acronyms[short] = eid
            ent = d.entities.get(eid)
            if ent is not None:
                d.entities[eid] = Entity(ent.id, ent.type, ent.labels, ent.aliases + ((ctx.doc.lang, short),),
                                         ent.wikidata)
            d.add(j + 1, j + 2, eid, "name")
            return j + 3
    return j


def _person_boundary(ctx: ArticleContext, i: int, j: int) -> int:
    """Where a person's first name starts inside a run of capitalised words, after words
    that are no part of a person's name."""
    if not ctx.grammar.case_marking:
        return 0  # no name grammemes to tell where a person's name starts
    tokens = ctx.doc.tokens
    personal = {"Name", "Surn", "Patr"}
    if j - i == 2:
        return 0  # «Абія Ахмеда»: two words alone are one name; an office and a name take more
    for k in range(i + 1, j):
        if "Name" in tokens[k].analysis.grammemes and \
                not any(personal & t.analysis.grammemes for t in tokens[i:k]):
            return k
    return 0


def _sentence_start_common(ctx: ArticleContext, d: _NameDraft, i: int, stop: frozenset[str]) -> bool:
    doc, lex = ctx.doc, ctx.lex
    tok = doc.tokens[i]
    low = tok.text.lower()
    if low in stop or low in lex.months or low in lex.weekdays or tok.lemma in lex.months:
        return True
    if i > 0 and doc.sentence_of[i - 1] == doc.sentence_of[i] and (doc.tokens[i - 1].text in "«“„" or (
            doc.tokens[i - 1].text == '"' and doc.tokens[i - 1].end == tok.start)):
        return False  # «Охматдит», "Нафтогаз": a capitalised word opening a quote is a name
    first = i == 0 or doc.sentence_of[i - 1] != doc.sentence_of[i] or doc.tokens[i - 1].text in "\"('‘—–-:"
    if not first or _surname_of(ctx, d, tok):
        return False  # "Powell praised …": the surname of someone named in full
    if ctx.grammar.case_marking:
        a = tok.analysis
        if a.grammemes & {"Name", "Surn", "Geox", "Orgn"} or not a.pos:
            return False
    nxt = doc.tokens[i + 1] if i + 1 < len(doc.tokens) else None
    return not (nxt is not None and _capitalised(nxt) and i + 1 not in d.covered)


def _new_entity(ctx: ArticleContext, d: _NameDraft, i: int, j: int, span: list[Token], etype: str = "") -> None:
    doc, g = ctx.doc, ctx.grammar
    lang = doc.lang
    if _adjectival(ctx, j, span):
        return
    nxt = next((m for m in d.by_start.get(j, ()) if m.kind == "name" and d.types.get(m.entity_id) == "Person"), None)
    if nxt is not None and len(span) == 1 and (not g.case_marking or _may_be_personal(ctx, span[0])
                                               or _first_name_before(ctx, d, i)):
        # «Гаканом Фіданом» where the gazetteer spells «Хакан»: a first name before a known
        # surname is that person's, whatever its spelling; one that sounds otherwise («Иванка
        # Трамп», «Ли Харрис») is another person's of that surname
        d.remove(nxt)
        if nxt.end - nxt.start > 1 or _first_name_fits(ctx, span[0], nxt.entity_id):
            d.add(i, nxt.end, nxt.entity_id, "name")
            return
        if not any(x.entity_id == nxt.entity_id for x in d.mentions):
            d.entities.pop(nxt.entity_id, None)
        j, span, etype = nxt.end, list(doc.tokens[i:nxt.end]), "Person"
    etype = etype or _guess_type(ctx, i, j, span)
    short = ""
    ending = d.by_end.get(i)
    prev = ending[-1] if ending else None
    if g.capitalised_names and etype == "Organization" and prev is not None and prev.kind == "adjective":
        # "the Philippine Senate": the nationality is part of the body's name
        d.remove(prev)
        i, span = prev.start, list(doc.tokens[prev.start:j])
    elif g.possessive_endings and etype == "Organization" and prev is not None and prev.kind == "name" and \
            d.types.get(prev.entity_id) == "Country" and \
            doc.tokens[prev.end - 1].text.endswith(g.possessive_endings):
        # "Japan's Defence Ministry": whose body it is belongs to its name (the state stays named
        # too); the name without it is an alias, as the text may say it so again
        short = nominative(span, lang, doc.text)
        i, span = prev.start, list(doc.tokens[prev.start:j])
    if len(span) == 1 and etype == "Concept":
        surname = _surname_of(ctx, d, span[0])
        if surname:
            d.add(i, j, surname, "surname")
        return
    label = _genitive_complement(ctx, i, span) or nominative(span, lang, doc.text, person=etype == "Person")
    known = _shortened_known(ctx, d, label, i) if etype != "Person" else ""
    if known:
        d.add(i, j, known, "name")
        return
    eid = _new_id(label, lang, etype)
    if eid in ctx.gaz:
        eid = eid + "_" + lang
    if eid not in d.entities:
        d.add_entity(Entity(eid, etype, ((lang, label),), ((lang, short),) if short else ()))
    d.add(i, j, eid, "new-person" if etype == "Person" else "new")


def _genitive_complement(ctx: ArticleContext, i: int, span: list[Token]) -> str:
    """«во время празднования Навруза»: a one-word name right after a common noun that takes
    no name in apposition is that noun's genitive complement, so its nominative is the
    genitive reading's («Навруз»), not a reading of the form as a nominative of its own."""
    tokens, lex = ctx.doc.tokens, ctx.lex
    if not ctx.grammar.case_marking or len(span) != 1 or i == 0 or ctx.sent(i - 1) != ctx.sent(i):
        return ""
    prev, tok = tokens[i - 1], span[0]
    apposed = lex.words("body_nouns") | lex.words("title_nouns") | lex.words("city_nouns") | \
        lex.words("place_nouns") | lex.words("product_nouns") | lex.words("city_part_nouns")  # «аэропорта Скавста»
    if not prev.is_word or not prev.text.islower() or prev.analysis.pos != "NOUN" or prev.lemmas & apposed \
            or not _own_script(ctx, tok):
        return ""
    gent = [p for p in readings(tok.text.lower().replace("’", "'"), ctx.doc.lang)
            if p.tag.case == "gent" and p.tag.number != "plur" and p.normal_form != tok.text.lower()]
    return _case_like(tok.text, gent[0].normal_form) if gent else ""


def _shortened_known(ctx: ArticleContext, d: _NameDraft, label: str, at: int) -> str:
    """"the Security Council" after "the UN Security Council", «Исламской Республики» in a story
    that names Iran: a name of two words or more that is a known entity's name, named in the
    article, without its first or last words is that entity; of several such (Iran and
    Pakistan are both an Islamic Republic), the one named last before it."""
    words = label.casefold().split()
    if len(words) < 2:
        return ""
    size, lang = len(words), ctx.doc.lang
    found = set()
    for eid in {m.entity_id for m in d.mentions if m.kind == "name" and m.entity_id in ctx.gaz}:
        names = dict(ctx.gaz.get(eid).names).get(lang, ())
        own = {n.casefold() for n in names}
        for name in names:
            full = name.casefold().split()
            # what is left off is the name's first words ("UN"), or its last if they are the
            # entity's own short name («… Иран»), not a word that makes it another thing
            # ("North Atlantic Treaty" is no "North Atlantic Treaty Organization")
            if len(full) > size and (full[-size:] == words or (full[:size] == words and " ".join(full[size:]) in own)):
                found.add(eid)
    if len(found) > 1:
        last = {e: max((m.start for m in d.mentions if m.entity_id == e and m.start < at), default=-1) for e in found}
        ranked = sorted(found, key=lambda e: -last[e])
        found = {ranked[0]} if last[ranked[0]] > last[ranked[1]] else set()
    return found.pop() if len(found) == 1 else ""


KEYED_TYPES = frozenset({"Person", "Organization"})


def _new_id(label: str, lang: str, etype: str) -> str:
    """A new person's or body's id is its name's sound key, the same whichever language spells
    it (Джонатан Пауелл, Джонатан Пауэлл, Jonathan Powell), so the articles that name it meet
    in one node; other new entities are named by their label."""
    # initials are not spelt by sound («МИД», «МВД» would share one key)
    key = name_key(label, lang) if etype in KEYED_TYPES and not any(w.isupper() for w in label.split()) else ""
    return key or _slug(label)


def _adjectival(ctx: ArticleContext, j: int, span: list[Token]) -> bool:
    """"Central Asian states": a capitalised adjective before a common noun names no one."""
    tokens = ctx.doc.tokens
    nxt = tokens[j] if j < len(tokens) else None
    suffixes = ctx.grammar.adjective_suffixes
    if nxt is None or not nxt.is_word or not nxt.text.islower():
        return False
    if ctx.grammar.case_marking:
        # «Астанинскую декларацию»: an adjective that agrees with the noun after it is that
        # noun's describer (the event and document stage reads the two as a name)
        # noun's describer (the event and document stage reads the two as a name), as the
        # dictionary reads it or, before a document's or event's noun, as its case agrees
        # (the dictionary guesses «Астанинскую» a surname)
        last = span[-1].analysis
        agrees = len(span) == 1 and nxt.analysis.pos == "NOUN" and bool(last.any_cases & nxt.analysis.any_cases)
        return agrees and ((last.pos == "ADJF" and not last.grammemes & _PERSONAL)
                           or (bool(nxt.lemmas & ctx.lex.words("concept_words")) and "Name" not in last.grammemes))
    return bool(suffixes) and span[-1].text.lower().endswith(suffixes)


def _guess_type(ctx: ArticleContext, i: int, j: int, span: list[Token]) -> str:
    """Organisation by its head word; person by grammemes, an office before it, speech after
    it, or the surname standing alone elsewhere; place by grammemes; else a concept."""
    doc, lex = ctx.doc, ctx.lex
    text = doc.text[span[0].start:span[-1].end]
    grams = set().union(*(t.analysis.grammemes for t in span))
    tokens = doc.tokens
    if any(l in lex.words("concept_words") for t in span for l in t.lemmas):
        return "Concept"
    if span[-1].lemmas & lex.words("place_nouns"):
        return "Region"
    quoted = i > 0 and j < len(tokens) and tokens[i - 1].text in "«“„\"" and tokens[j].text in "»”\""
    if quoted and ctx.grammar.quoted_body_names:
        return "Organization"  # «Охматдит», «Нафтогаз»: a quoted proper name is mostly a body's
    if body_word_pattern().search(text) or (len(span) > 1 and any(t.text.isupper() and len(t.text) >= 2 for t in span)):
        return "Organization"  # «Донецька ОВА», "the OSCE Minsk Group": an abbreviation names a body
    if not any(_own_script(ctx, t) for t in span) and not any(c.isdigit() for t in span for c in t.text) \
            and not _product_list(ctx, i):
        # "Ryanair", "Cockpit" in a Cyrillic text: a firm's, a union's, a medium's name ("F-16", "ES-11" are codes)
        return "Organization"
    if len(span) == 1 and _body_acronym(ctx, span[0]):
        return "Organization"  # «УНН», «МИД»: initials alone name a body, unless the lexicon says they name a thing
    after = tokens[j:j + 2]
    said = any(lex.speech.find([t]) for t in after)
    role_before = i > 0 and (bool(lex.roles.find([tokens[i - 1]])) or bool(tokens[i - 1].lemmas & lex.words("title_nouns")))
    if grams & {"Name", "Surn", "Patr"} or role_before or (len(span) in (2, 3) and said):
        return "Person"
    before = tokens[i - 1].text if i > 0 else ""
    if (before.islower() or before.isupper()) and tokens[i - 1].lemmas & lex.words("body_nouns"):
        return "Organization"  # «авиакомпания Аэрофлот», "the carrier Wizz": a name in apposition to a body noun
    if len(span) in (2, 3) and not ctx.grammar.case_marking and _surname_recurs(ctx, span[-1], i):
        return "Person"
    if len(span) in (2, 3) and ctx.grammar.case_marking and _foreign_name(ctx, span):
        return "Person"
    if grams & {"Geox"}:
        return "Place"
    return "Concept"


def _foreign_name(ctx: ArticleContext, span: list[Token]) -> bool:
    """«Навид Мулук»: two or three words of the article's script that the dictionary does not
    know (or knows as names): a foreign person's name spelt in its letters."""
    morph = _morph(ctx.doc.lang)
    known = [morph.word_is_known(t.text.lower().replace("’", "'")) for t in span]
    personal = [bool(t.analysis.grammemes & {"Name", "Surn", "Patr"}) for t in span]
    return all(t.is_word and t.text.isalpha() and not t.text.isupper() and _own_script(ctx, t) for t in span) and \
        not all(known) and all(not k or p for k, p in zip(known, personal))


def _surname_recurs(ctx: ArticleContext, last: Token, i: int) -> bool:
    """Whether the word stands alone (no capitalised word beside it) elsewhere in the article."""
    return any(abs(k - i) > 3 for k in ctx.lone_words.get(last.text, ()))


def _lone_words(doc: Document) -> dict[str, tuple[int, ...]]:
    """Each word's positions where no capitalised word stands beside it: one pass per article."""
    tokens = doc.tokens
    caps = [_capitalised(t) for t in tokens]
    out: dict[str, list[int]] = defaultdict(list)
    for k, t in enumerate(tokens):
        if (k == 0 or not caps[k - 1]) and (k + 1 >= len(tokens) or not caps[k + 1]):
            out[t.text].append(k)
    return {w: tuple(ks) for w, ks in out.items()}


def _surname_of(ctx: ArticleContext, d: _NameDraft, tok: Token) -> str:
    """The first person named in full whose last word is this one («Пауелл» after «Джонатан Пауелл»)."""
    return d.person_by_surname(tok)


def _patronymic(ctx: ArticleContext, tok: Token) -> bool:
    if "Patr" in tok.analysis.grammemes:
        return True
    low = tok.text.lower()
    return any(x in low for x in ctx.lex.words("patronymic_infixes"))


def surnames(ctx: ArticleContext, table: MentionTable) -> MentionTable:
    """Reads new one-word names (and first name with patronymic) against the people named in
    full. Replaces each that is such a person's surname (or first name) by a `surname` mention
    of that person, and drops the new entity it had made."""
    tokens = ctx.doc.tokens
    persons = [m for m in table.mentions if table.types.get(m.entity_id) == "Person" and m.end - m.start >= 2]
    if not persons:
        return table
    d = _Draft(ctx, table)
    _named_in_full_elsewhere(ctx, d, table)
    by_lemma: dict[str, str] = {}
    for m in persons:
        for lemma in tokens[m.end - 1].lemmas:
            by_lemma.setdefault(lemma, m.entity_id)
    first_names: dict[str, str] = {}
    first_names_all: dict[str, str | None] = {}  # None where two people share the first name
    for m in persons:
        for lemma in tokens[m.start].lemmas:
            first_names.setdefault(lemma, m.entity_id)
            if first_names_all.get(lemma, m.entity_id) != m.entity_id:
                first_names_all[lemma] = None
            else:
                first_names_all[lemma] = m.entity_id
    for k, m in enumerate(table.mentions):
        toks = tokens[m.start:m.end]
        if m.kind in ("new", "new-person") and len(toks) == 2 and _patronymic(ctx, toks[1]):
            # «з Садиром Нургожоєвичем»: first name and patronymic of someone named in full
            target = next((first_names[l] for l in sorted(toks[0].lemmas)
                           if first_names.get(l, m.entity_id) != m.entity_id), None)
            if target and target != m.entity_id:
                d.mentions[k] = ActorMention(m.start, m.end, target, "surname", m.sentence)
                d.entities.pop(m.entity_id, None)
            continue
        if m.kind == "name" and m.end - m.start == 1 and table.types.get(m.entity_id) in _SURNAME_PLACES:
            # «Толедо» after «Алехандро Толедо»: the surname of someone named in full, not the place
            target = next((by_lemma[l] for l in sorted(tokens[m.start].lemmas) if l in by_lemma), None)
            if target and target != m.entity_id and table.types.get(target) == "Person":
                d.mentions[k] = ActorMention(m.start, m.end, target, "surname", m.sentence)
                if not any(x.entity_id == m.entity_id for x in d.mentions):
                    d.entities.pop(m.entity_id, None)
            continue
        if m.kind in ("new", "new-person") and m.end - m.start == 1:
            target = next((by_lemma[l] for l in sorted(tokens[m.start].lemmas)
                           if by_lemma.get(l, m.entity_id) != m.entity_id), None)
            if target is None:  # «Асия» after «Асия Биби»: the first name of one person named in full
                named = {first_names_all[l] for l in tokens[m.start].lemmas if l in first_names_all} - {m.entity_id}
                target = named.pop() if len(named) == 1 and None not in named else None
            if target and target != m.entity_id:
                d.mentions[k] = ActorMention(m.start, m.end, target, "surname", m.sentence)
                d.entities.pop(m.entity_id, None)
    return d.table()


def _named_in_full_elsewhere(ctx: ArticleContext, d: _Draft, table: MentionTable) -> None:
    """«Мин Си» opening a headline, where the text names «Мин Си» in full: a known person's
    one-word name after a word that is a new person's first word with that name is the new
    person, not the known one (a sentence's first word alone could not tell it)."""
    tokens = ctx.doc.tokens
    full: dict[tuple[str, str], str] = {}
    for m in table.mentions:
        if m.kind == "new-person" and m.end - m.start == 2:
            full.setdefault((tokens[m.start].text.lower(), tokens[m.start + 1].text.lower()), m.entity_id)
    if not full:
        return
    for k, m in enumerate(d.mentions):
        if m.kind != "name" or m.end - m.start != 1 or m.start == 0 or table.types.get(m.entity_id) != "Person" \
                or m.start - 1 in table.covered:
            continue
        eid = full.get((tokens[m.start - 1].text.lower(), tokens[m.start].text.lower()))
        if eid is not None:
            d.mentions[k] = ActorMention(m.start - 1, m.end, eid, "surname", m.sentence)
            d.covered.add(m.start - 1)


def person_labels(ctx: ArticleContext, table: MentionTable) -> MentionTable:
    """Reads the case forms of each new person's name across the article («Асии Биби»,
    «Асию Биби», «Асия Биби») and the nouns in apposition before them («христианке Асии
    Биби»: a woman, in the dative). Replaces the person's label by the nominative those agree
    on (`names.settled_word`): one mention's form is often a case the dictionary reads in the
    wrong gender, where the article's other forms or the words around it tell it."""
    endings = ctx.lex.raw.get("name_endings") or {}
    if not ctx.grammar.case_marking or not endings:
        return table
    tokens = ctx.doc.tokens
    spans: dict[str, list[tuple[Token, ...]]] = defaultdict(list)
    for m in table.mentions:
        if m.kind == "new-person" and m.end - m.start >= 2:
            spans[m.entity_id].append(tuple(t for t in tokens[m.start:m.end] if t.is_word))
    d = _Draft(ctx, table)
    for eid, names in spans.items():
        ent = d.entities.get(eid)
        if ent is None or len(ent.labels) != 1:
            continue
        cues = [c for m in table.mentions if m.entity_id == eid and m.kind == "new-person"
                for c in _gender_cues(ctx, m, endings)]
        label = _settled_label(ctx, names, cues, endings)
        if label and label != ent.labels[0][1]:
            d.entities[eid] = replace(ent, labels=((ent.labels[0][0], label),))
    return d.table()


def _gender_cues(ctx: ArticleContext, m: ActorMention, endings: Mapping) -> list[tuple[str, str, int]]:
    """(case or "", gender, start) that the words around a name tell by agreement: an animate
    noun in apposition just before it («христианке Асии»: a woman, in the dative; «адвокат
    Асии» agrees in no case: a head noun with its genitive), a past-tense verb just after it
    («Асия Биби стала»: a woman, the subject), a relative pronoun after its comma («Асии Биби,
    которая»: a woman)."""
    tokens, lang = ctx.doc.tokens, ctx.doc.lang
    first = tokens[m.start].text.lower().replace("’", "'")
    cues = []
    if m.start > 0 and ctx.sent(m.start - 1) == ctx.sent(m.start) and tokens[m.start - 1].is_word \
            and tokens[m.start - 1].analysis.pos == "NOUN" and not tokens[m.start - 1].analysis.grammemes & _PERSONAL:
        # (by its likeliest reading: «и» before «Ли Харрисом» is a conjunction, not a letter's name)
        found = {(_same_form(p.tag.case, p.tag.gender), p.tag.gender) for p in readings(tokens[m.start - 1].text.lower(), lang)
                 if p.tag.POS == "NOUN" and "anim" in p.tag.grammemes and p.tag.number != "plur" and p.tag.case
                 and p.tag.gender in ("masc", "femn") and may_stand_in(first, p.tag.case, p.tag.gender, endings)}
        if len({g for _, g in found}) == 1:
            cues.append((sorted(found)[0][0], next(iter(found))[1], m.start))
    k = m.end
    if k < len(tokens) and ctx.sent(k) == ctx.sent(m.start):
        verb = readings(tokens[k].text.lower(), lang)[:1]
        if verb and verb[0].tag.POS == "VERB" and "past" in verb[0].tag.grammemes and verb[0].tag.gender in ("masc", "femn") \
                and may_stand_in(first, "nomn", verb[0].tag.gender, endings):
            cues.append(("nomn", verb[0].tag.gender, m.start))
        if tokens[k].text == "," and k + 1 < len(tokens):
            pronouns = {p.tag.gender for p in readings(tokens[k + 1].text.lower(), lang)
                        if ("Anph" in p.tag.grammemes or p.tag.POS == "NPRO") and p.tag.gender in ("masc", "femn")}
            if len(pronouns) == 1:
                cues.append(("", pronouns.pop(), m.start))
    return cues


def _readings_grammemes(tok: Token, lang: str) -> frozenset[str]:
    return frozenset(g for p in readings(tok.text.lower(), lang)[:1] for g in p.tag.grammemes)


def _settled_label(ctx: ArticleContext, names: list[tuple[Token, ...]], cues: list[tuple[str, str, int]],
                   endings: Mapping) -> str:
    """The name in the nominative from its forms (of its mentions of the commonest length, so
    that the words line up) and the cases its appositions tell; "" when neither says more than
    the name's first reading did."""
    size = max(set(map(len, names)), key=lambda k: (sum(len(n) == k for n in names), -k))
    names = [n for n in names if len(n) == size]
    columns = [[n[k].text for n in names] for k in range(size)]
    votes = Counter(g for _, g, _ in cues).most_common()
    gender = votes[0][0] if votes and (len(votes) == 1 or votes[0][1] > votes[1][1]) else ""
    if all(len({w.lower() for w in col}) == 1 for col in columns):
        # one form throughout: only the words around it tell its case and gender
        if not gender:
            return ""
        first = columns[0][0].lower().replace("’", "'")
        # «Ли Харрисом»: else a word the dictionary knows as a name in one case only tells the
        # case better than the first word, which may not decline («Ли»)
        own = _name_case(list(names[0]), ctx.doc.lang)
        case = next((c for c, g, _ in cues if g == gender and c), "") or \
            (own[0] if own and own[1] == gender else "") or \
            next((c for c in _CASES if may_stand_in(first, c, gender, endings)), "nomn")
        return nominative(list(names[0]), ctx.doc.lang, person=True, agreed=(_same_form(case, gender), gender))
    words = []
    for col in columns:
        low = list(dict.fromkeys(w.lower().replace("’", "'") for w in col))
        word = settled_word(low, endings, gender)
        words.append(_case_like(col[0], word.replace("'", "’") if "’" in col[0] else word))
    return " ".join(words)


# -- named events ------------------------------------------------------------

def events(ctx: ArticleContext, table: MentionTable) -> MentionTable:
    """Reads summit nouns. Adds a Summit entity and an `event` mention where the noun stands
    next to an organisation or format ("the second China–Central Asia Summit", «саміт «Китай –
    Центральна Азія»»), and an `event` mention of the last such summit for a bare summit noun
    after it."""
    d = _Draft(ctx, table)
    tokens = ctx.doc.tokens
    ordinals = ctx.lex.raw.get("ordinals") or {}
    formats = ctx.lex.words("format_words")
    orgs = [m for m in table.mentions if table.types.get(m.entity_id) in
            {"Format", "IntergovernmentalOrganization", "Alliance", "Organization"} and m.kind == "name"]
    ended = _EventEnds(len(tokens))
    for m in d.mentions:
        ended.add(m)
    for ev in ctx.lex.event_nouns.find(tokens):
        if ev.payload != "Summit":
            continue
        org = _event_org(ctx, ev.start, ev.end, orgs, formats)
        if org is None:
            ended.add(_event_again(d, ev.start, ev.end, ended.last(ev.start)))
            continue
        first, ordinal = min(ev.start, org.start), ""
        k = first - 1  # "the second China–Central Asia Summit", «другий саміт …»
        if k >= 0 and tokens[k].text.lower() in ctx.grammar.articles:
            k -= 1
        if k >= 0 and any(l in ordinals for l in tokens[k].lemmas):
            ordinal = next(ordinals[l] for l in tokens[k].lemmas if l in ordinals) or ""
            first = k
        proper = tokens[ev.start].text[:1].isupper() if ctx.grammar.capitalised_names else \
            bool(ordinal) or (ev.end < len(tokens) and tokens[ev.end].text in "«\"“")
        ended.add(_add_event(ctx, d, first, ev.end, org, ordinal, proper))
    return d.table()


def _event_org(ctx: ArticleContext, start: int, end: int, orgs: list[ActorMention], formats: frozenset[str]):
    tokens = ctx.doc.tokens
    formats = formats | ctx.grammar.of_words
    for m in orgs:
        if m.end == start or (m.end == start - 1 and tokens[start - 1].text in "»\"”"):
            return m  # "China–Central Asia Summit", "G7 summit"
        # the distance first: slicing the tokens up to every organisation of a long article
        # made this quadratic in its length
        if end <= m.start <= end + 12 and ctx.sent(m.start) == ctx.sent(start) and (
                m.start == end or tokens[end].text in "«\"“" or any(l in formats for l in tokens[end].lemmas)):
            return m  # «саміт формату ... «С + С5»», "summit of the SCO"
    return None


class _EventEnds:
    """Of the event mentions a stage holds, the last (in the table's order) that ends at or
    before a token: a prefix maximum over their end tokens (a Fenwick tree) that the stage
    keeps up with the mentions it adds, so a bare summit noun finds its summit without a pass
    over every mention of the article."""

    def __init__(self, n_tokens: int) -> None:
        self.tree = [-1] * (n_tokens + 2)
        self.events: list[ActorMention] = []

    def add(self, m: ActorMention | None) -> None:
        if m is None or m.kind != "event":
            return
        self.events.append(m)
        index, i = len(self.events) - 1, m.end + 1
        while i < len(self.tree):
            self.tree[i], i = max(self.tree[i], index), i + (i & -i)

    def last(self, token: int) -> ActorMention | None:
        best, i = -1, token + 1
        while i > 0:
            best, i = max(best, self.tree[i]), i - (i & -i)
        return self.events[best] if best >= 0 else None


def _event_again(d: _Draft, start: int, end: int, earlier: ActorMention | None) -> ActorMention | None:
    """"hosted the summit", «на саміті»: a bare summit noun after a named summit (`earlier`,
    the last event mention ending before it) is that summit."""
    if earlier is not None and not any(k in d.covered for k in range(start, end)):
        return d.add(start, end, earlier.entity_id, "event")
    return None


def _year_near(ctx: ArticleContext, tok: int) -> str:
    """The year a summit is held: one written in its sentence, else the article's."""
    for t in ctx.doc.sentences[ctx.sent(tok)].tokens:
        if t.text.isdecimal() and len(t.text) == 4 and 1900 < int(t.text) < 2100:
            return t.text
    return str(ctx.article.published.year) if ctx.article.published else ""


def _add_event(ctx: ArticleContext, d: _Draft, first: int, end: int, org: ActorMention, ordinal: str,
               proper: bool) -> ActorMention:
    doc = ctx.doc
    words = load_lexicon(LABEL_LANG).grammar
    noun = words.event_labels.get("Summit", "Summit")
    entry_names = dict(ctx.gaz.get(org.entity_id).names) if org.entity_id in ctx.gaz else {}
    short = (entry_names.get(LABEL_LANG) or (d.entities[org.entity_id].label(LABEL_LANG),))[0]
    short = _without_last_word(short, words.label_drops)
    year = _year_near(ctx, first)
    dated = " ".join(x for x in (short, noun, year) if x)
    # A summit the text names ("the second China–Central Asia Summit", «саміт «Китай –
    # Центральна Азія»») is called so; "the G7 summit" becomes "G7 Summit 2025", so that the
    # organisation's own name is never the event's
    en_label = " ".join(x for x in (ordinal, short, noun) if x) if proper else dated
    labels = [(LABEL_LANG, en_label)]
    aliases = (((LABEL_LANG, dated),) if proper and year else ())
    span_end = max(end, org.end) if org.start - end <= 2 else end
    if doc.lang != LABEL_LANG:
        toks = list(doc.tokens[first:span_end])
        if toks and toks[-1].text in "«\"“":
            toks = toks[:-1]
        surface = nominative(toks, doc.lang, doc.text)
        if span_end > end and doc.tokens[span_end - 1].text not in "»\"”" and \
                span_end < len(doc.tokens) and doc.tokens[span_end].text in "»\"”":
            surface += doc.tokens[span_end].text
        labels.append((doc.lang, surface))
    else:  # "the NATO summit" is what the text calls "NATO Summit 2023": a name of it too
        said = doc.text[doc.tokens[first].start:doc.tokens[span_end - 1].end]
        if said.lower() not in {x.lower() for _, x in labels + list(aliases)} and "\n" not in said:
            aliases += ((LABEL_LANG, said),)
    eid = _slug(en_label)
    if eid not in d.entities:
        d.add_entity(Entity(eid, "Summit", tuple(labels), aliases))
    return d.add(first, end, eid, "event")


def _without_last_word(label: str, drops: tuple[str, ...]) -> str:
    """"C+C5 format" → "C+C5": a kind word the event's label does not repeat."""
    head, _, last = label.rpartition(" ")
    return head.rstrip() if head.strip() and last in drops else label


# -- groups ------------------------------------------------------------------

def groups(ctx: ArticleContext, table: MentionTable) -> MentionTable:
    """Reads counted group phrases («обидві країни», "the six leaders"). Adds a `group`
    mention of each actor in focus when exactly so many are (`_focus`)."""
    d = _Draft(ctx, table)
    tokens, lex = ctx.doc.tokens, ctx.lex
    named = {etype: _NamedBefore(ctx, table, etype) for etype in ("Person", "Country")}
    for g in lex.group_refs.find(tokens):
        if any(k in d.covered for k in range(g.start, g.end)):
            continue
        words = [tokens[k] for k in range(g.start, g.end)]
        count = next((lex.numbers[l] for t in words for l in t.lemmas if l in lex.numbers), 0)
        if not count:
            continue  # «сторони» alone: who is meant is not said
        wants_person = any(l in lex.words("person_nouns") for t in words for l in t.lemmas)
        want = "Person" if wants_person else "Country"
        focus = _focus(ctx, d, want, count, g.start, named[want])
        if len(focus) == count:
            for eid in focus:
                d.add(g.start, g.end, eid, "group")
    return d.table()


def national_groups(ctx: ArticleContext, table: MentionTable) -> MentionTable:
    """Reads "the two Japanese ministers", «двоє китайських дипломатів»: so many office holders
    of one state. Adds a `group` mention of each holder of that state's offices the article
    has named before, when their number is the one said."""
    d = _Draft(ctx, table)
    tokens, lex = ctx.doc.tokens, ctx.lex
    person_nouns = lex.words("person_nouns")
    for m in [m for m in table.mentions if m.kind == "adjective" and table.types.get(m.entity_id) == "Country"]:
        if m.start == 0 or m.end >= len(tokens) or not (tokens[m.end].lemmas & person_nouns):
            continue
        count = next((lex.numbers[l] for l in sorted(tokens[m.start - 1].lemmas) if l in lex.numbers), 0)
        holders: list[str] = []
        for person, _, of, _, tok in table.roles:
            if of == m.entity_id and tok < m.start and person not in holders:
                holders.append(person)
        if count and len(holders) == count:
            for person in holders:
                d.add(m.start - 1, m.end + 1, person, "group")
    return d.table()


def _focus(ctx: ArticleContext, d: _Draft, etype: str, count: int, at: int,
           named: _NamedBefore | None = None) -> list[str]:
    """The actors a group phrase refers to: those of the type named most often before it
    (outside its own sentence), the latest first among equals; when too few are named
    before, the ones named just after ("the five leaders ... President X, President Y")."""
    here = ctx.sent(at)
    # "Trump said after meeting the two leaders": who the sentence names is not among them
    named_here = {m.entity_id for m in d.mentions if ctx.sent(m.start) == here and m.kind != "group"
                  and etype == "Person"} if named is None else \
        ({m.entity_id for m in named.in_sentence(here)} if etype == "Person" else set())
    before = named.counts_before(here) if named is not None else None
    if before is not None:
        counts, last = before  # in the order first named, as below
        ranked = sorted((e for e in counts if e not in named_here), key=lambda e: (-counts[e], -last[e]))
    else:
        earlier = [m for m in d.mentions if m.end <= at and ctx.sent(m.start) != here
                   and d.types.get(m.entity_id) == etype and m.kind != "group" and m.entity_id not in named_here]
        counts: dict[str, int] = defaultdict(int)
        last: dict[str, int] = {}
        for m in earlier:
            counts[m.entity_id] += 1
            last[m.entity_id] = m.start
        ranked = sorted(counts, key=lambda e: (-counts[e], -last[e]))
    if len(ranked) >= count:
        return ranked[:count]
    near = [m for s in range(here, here + 3) for m in named.in_sentence(s)] if named is not None else d.mentions
    later = [m.entity_id for m in sorted(near, key=lambda m: m.start)
             if m.start > at and ctx.sent(m.start) - here <= 2 and d.types.get(m.entity_id) == etype]
    out = list(ranked)
    for eid in later:
        if eid not in out:
            out.append(eid)
    return out[:count]


class _NamedBefore:
    """For the group phrases of one type, read left to right: how often and where last each
    actor of that type is named in the sentences before a phrase's own — counted a sentence
    at a time as the phrases move on, not from every mention again for each phrase."""

    def __init__(self, ctx: ArticleContext, table: MentionTable, etype: str):
        # (place in the table, mention) of this type, by sentence, in the table's order
        self.sentences: dict[int, list[tuple[int, ActorMention]]] = defaultdict(list)
        self.everywhere: dict[int, list[ActorMention]] = defaultdict(list)  # every mention, by sentence
        for pos, m in enumerate(table.mentions):
            self.everywhere[m.sentence].append(m)
            if table.types.get(m.entity_id) == etype and m.kind != "group":
                self.sentences[m.sentence].append((pos, m))
        starts = [s.tokens[0].index for s in ctx.doc.sentences]
        # a mention that runs into the next sentence would be counted before its end: none does
        self.exact = all(m.sentence + 1 >= len(starts) or m.end <= starts[m.sentence + 1]
                         for ms in self.sentences.values() for _, m in ms)
        self.count: dict[str, int] = {}
        self.first: dict[str, int] = {}  # place in the table of the first naming
        self.last: dict[str, tuple[int, int]] = {}  # (place in the table, start) of the last naming
        self.done = [0]  # sentences counted so far

    def in_sentence(self, s: int) -> list[ActorMention]:
        return self.everywhere.get(s, [])

    def counts_before(self, here: int) -> tuple[dict[str, int], dict[str, int]] | None:
        """Times named and the start of the last naming, of each actor named before sentence
        `here`; None where counting on cannot give that (an earlier sentence asked after a later)."""
        if not self.exact or here < self.done[0]:
            return None
        while self.done[0] < here:
            for pos, m in self.sentences.get(self.done[0], ()):
                e = m.entity_id
                self.count[e] = self.count.get(e, 0) + 1
                self.first[e] = min(pos, self.first.get(e, pos))
                if e not in self.last or pos > self.last[e][0]:
                    self.last[e] = (pos, m.start)
            self.done[0] += 1
        order = sorted(self.count, key=self.first.__getitem__)  # as a pass over the table meets them
        return {e: self.count[e] for e in order}, {e: self.last[e][1] for e in order}


class _Once:
    """A value computed the first time it is asked for."""

    def __init__(self, compute):
        self.compute = compute
        self.value: list = []

    def __call__(self):
        if not self.value:
            self.value.append(self.compute())
        return self.value[0]


def _start_of(m: ActorMention) -> int:
    return m.start


def _unique_ids(mentions: list[ActorMention]) -> list[str]:
    out: list[str] = []
    for m in mentions:
        if m.entity_id not in out:
            out.append(m.entity_id)
    return out


def _capitalised(tok: Token) -> bool:
    return tok.is_word and tok.text[:1].isupper() and not (tok.text.isupper() and len(tok.text) == 1)


def _role_relation(title: str) -> str:
    return "leaderOf" if title in LEADER_TITLES else "representativeOf"


# The order matters: role nouns are found before new names (so that "Foreign Minister" is no
# name), surnames after the full names they shorten, groups and offices after the actors
# they count, pronouns last, over everything named before them.
from .bodies import body_phrases  # noqa: E402 - its stage reads this module's tables
from .events import named_events  # noqa: E402 - its stage reads this module's tables
from .coref import own_states, pronouns  # noqa: E402 - its stages read this module's tables

ENTITY_STAGES = Stages((
    Stage("known_names", known_names),
    Stage("region_states", region_states),
    Stage("capitals", capitals),
    Stage("role_spans", role_spans),
    Stage("body_phrases", body_phrases),
    Stage("unknown_names", unknown_names),
    Stage("surnames", surnames),
    Stage("person_labels", person_labels),
    Stage("events", events),
    Stage("named_events", named_events),
    Stage("groups", groups),
    Stage("role_nouns", role_nouns),
    Stage("national_groups", national_groups),
    Stage("pronouns", pronouns),
    Stage("own_states", own_states),
))


def build_entities(doc: Document, article: Article, gaz: Gazetteer, lex: Lexicon,
                   stages: Stages = ENTITY_STAGES) -> EntityLayer:
    """Every stage in turn over an empty table; the layer is the last table, its mentions sorted."""
    ctx = ArticleContext.of(doc, article, gaz, lex)
    table = stages.run(MentionTable(), ctx)
    mentions = tuple(sorted(table.mentions, key=lambda m: (m.start, m.end)))
    by_sentence: dict[int, list[ActorMention]] = defaultdict(list)
    for m in mentions:
        by_sentence[m.sentence].append(m)
    role_tokens = frozenset(k for rm in table.role_spans for k in range(rm.start, rm.end))
    return EntityLayer(mentions, table.entities, table.types, table.roles, table.complements, table.dateline,
                       role_tokens, MappingProxyType({k: tuple(v) for k, v in by_sentence.items()}))


def to_mentions(layer: EntityLayer, doc: Document, article_id: str) -> tuple[Mention, ...]:
    out = []
    for m in layer.mentions:
        s, e = doc.tokens[m.start].start, doc.tokens[m.end - 1].end
        out.append(Mention(article_id, s, e, doc.text[s:e], m.entity_id))
    return tuple(out)

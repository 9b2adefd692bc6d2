"""The entity layer: every actor an article names, linked once.

Known names come from the gazetteer (any case form); capitals stand for their state unless
the article uses the city as a place; role nouns («голова КНР», "the Kazakh president")
resolve to the office holder on the article's date; group phrases («обидві країни», "the
six leaders") to the actors in focus; other capitalised names become new entities with
their nominative form as label and an id made from it.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from ..gazetteer import Gazetteer
from ..gazetteer.match import NameMatch, match_names
from ..model import Article, Entity, Mention
from ..nlp import Document, Token
from ..nlp.morph import _morph
from ..nlp.phrases import PhraseMatch
from .lexicon import Lexicon

ACTOR_TYPES = frozenset({"Country", "Person", "Organization", "IntergovernmentalOrganization", "Alliance",
                         "Format", "Agency", "Company", "Media", "ArmedGroup"})
PLACE_TYPES = frozenset({"City", "Region", "Place", "Country"})
BODY_TYPES = frozenset({"Agency", "IntergovernmentalOrganization", "Alliance", "Format", "Organization"})
NATIONAL_TITLES = frozenset({"minister", "foreign_minister", "defence_minister", "prime_minister"})
LEADER_TITLES = frozenset({"president", "head_of_state", "prime_minister", "chancellor", "secretary_general",
                           "commission_president", "chairman", "mayor", "governor"})


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A span that refers to an entity, with how it does so."""

    start: int  # token indexes, end exclusive
    end: int
    entity_id: str
    kind: str  # name | adjective | role | group | surname
    sentence: int
    title: str = ""  # for role mentions: the office


@dataclass
class EntityLayer:
    mentions: list[ActorMention]
    entities: dict[str, Entity]
    types: dict[str, str]
    roles: list[tuple[str, str, str, int, int]] = field(default_factory=list)  # (person, relation, of, sentence, token)
    complements: frozenset[int] = frozenset()  # starts of mentions that only say whose office a role is
    dateline: str = ""  # the city a wire story is filed from
    role_tokens: frozenset[int] = frozenset()  # tokens of role nouns («президент», "Foreign Minister")
    _by_sentence: dict | None = field(default=None, repr=False)

    def in_sentence(self, index: int) -> list[ActorMention]:
        if self._by_sentence is None:
            self._by_sentence = defaultdict(list)
            for m in self.mentions:
                self._by_sentence[m.sentence].append(m)
        return list(self._by_sentence.get(index, ()))


_PLACE_PREPS = {"uk": {"у", "в", "до", "у", "із", "з"}, "ru": {"в", "во", "из"}, "en": {"in", "to", "at", "from"}}
_ORG_WORDS = re.compile(
    r"(?i)\b(ministry|council|agency|office|parliament|senate|committee|bank|party|assembly|commission|"
    r"service|court|palace|news|forces|army|navy|guard|union|organi[sz]ation|group|fund|"
    r"міністерств|рада|агентств|офіс|комітет|банк|парті|асамбле|комісі|служб|суд|сил|арм|"
    r"министерств|совет|агентств|комитет|парти|ассамбле|комисси|служб|сил|арми)\w*")


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


_INSTRUMENTAL = ("ом", "ем", "єм", "ым", "им", "ою", "ею", "ой", "ей")


def nominative(tokens: list[Token], lang: str, text: str = "") -> str:
    """The nominative form of a name: words up to the head noun are put in the nominative;
    what follows the head («Міністерство оборони України») stays as written."""
    words, head_done = [], False
    for t in tokens:
        if lang not in ("uk", "ru") or head_done or not t.is_word or \
                not any("\u0400" <= c <= "\u04ff" for c in t.text):
            words.append(t.text)
            continue
        word, is_head = _nominative_word(t, _morph(lang))
        words.append(_case_like(t.text, word.replace("'", "’") if "’" in t.text else word))
        head_done = is_head
    return _rejoin(tokens, words, text)


def _nominative_word(t: Token, morph) -> tuple[str, bool]:
    parses = morph.parse(t.text.replace("’", "'"))
    named = [p for p in parses if {"Name", "Surn", "Patr"} & p.tag.grammemes and p.tag.case != "nomn"]
    if named and not any(p.tag.case == "nomn" and {"Name", "Surn", "Patr"} & p.tag.grammemes for p in parses):
        return named[0].normal_form, False  # «Пауеллом» → пауелл, «Садыра» → садир
    best = parses[0]
    if best.tag.case == "nomn" and t.text.lower().endswith(_INSTRUMENTAL):
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


class _Builder:
    def __init__(self, doc: Document, article: Article, gaz: Gazetteer, lex: Lexicon):
        self.doc, self.article, self.gaz, self.lex = doc, article, gaz, lex
        self.day = article.published.isoformat() if article.published else ""
        self.mentions: list[ActorMention] = []
        self.entities: dict[str, Entity] = {}
        self.types: dict[str, str] = {}
        self.roles: list[tuple[str, str, str, int, int]] = []
        self.covered = [False] * len(doc.tokens)
        self.complements: set[int] = set()
        self.acronyms: dict[str, str] = {}  # bracketed initials → the entity they shorten
        self._visit_verbs = frozenset(p for p in (lex.raw.get("relations") or {}).get("visits", []) if " " not in p)

    def sent(self, tok: int) -> int:
        return self.doc.sentence_of[tok]

    def add(self, start: int, end: int, entity_id: str, kind: str, title: str = "") -> ActorMention:
        m = ActorMention(start, end, entity_id, kind, self.sent(start), title)
        self.mentions.append(m)
        for k in range(start, end):
            self.covered[k] = True
        return m

    # -- known names -------------------------------------------------------
    def known(self) -> None:
        matches = match_names(self.doc, self.gaz)
        self.dateline = self._dateline(matches)
        as_place = {m.entity_id for m in matches if self._is_place_use(m.start) or m is self.dateline}
        for m in matches:
            entry = self.gaz.get(m.entity_id)
            eid = m.entity_id
            if entry.type == "City" and entry.capital_of and eid not in as_place and m.kind == "name":
                eid = entry.capital_of
            self._register_known(eid)
            self.add(m.start, m.end, eid, m.kind)

    def _dateline(self, matches: list[NameMatch]) -> NameMatch | None:
        """"ASTANA, June 17 —", «КИЇВ. 13 березня»: the city a wire story is filed from."""
        for sentence in self.doc.sentences[:3]:
            first = sentence.tokens[0]
            m = next((m for m in matches if m.start == first.index), None)
            if m is None or not first.text.isupper() or len(first.text) < 3:
                continue
            nxt = self.doc.tokens[m.end] if m.end < len(self.doc.tokens) else None
            if nxt is not None and nxt.text in (",", ".", "—", "–", "-") and \
                    self.gaz.get(m.entity_id).type == "City":
                return m
        return None

    def region_states(self) -> None:
        """«центральноазійським державам», "Central Asian states": the region's states as one party."""
        nouns = self.lex.words("state_nouns")
        for k, m in enumerate(list(self.mentions)):
            if m.kind != "adjective" or self.types.get(m.entity_id) != "Region" or m.end >= len(self.doc.tokens):
                continue
            if self.doc.tokens[m.end].lemmas & nouns:
                self.mentions[self.mentions.index(m)] = ActorMention(m.start, m.end + 1, m.entity_id, "name", m.sentence)
                self.covered[m.end] = True

    def capitals(self) -> None:
        """«казахстанська столиця», "the Kazakh capital", «столиця Казахстану»: the capital city."""
        nouns = self.lex.words("capital_nouns")
        by_end = {m.end: m for m in self.mentions}
        by_start = {m.start: m for m in self.mentions}
        for k, tok in enumerate(self.doc.tokens):
            if self.covered[k] or not (tok.lemmas & nouns):
                continue
            country = by_end.get(k) if by_end.get(k) and by_end[k].kind == "adjective" else None
            after = by_start.get(k + 1) or (by_start.get(k + 2) if self.doc.lang == "en" and k + 2 < len(self.doc.tokens)
                                             and self.doc.tokens[k + 1].text == "of" else None)
            if country is None and after is not None and self.types.get(after.entity_id) == "Country":
                country = after
            if country is None or country.entity_id not in self.gaz:
                continue
            capital = self.gaz.get(country.entity_id).capital
            if capital and capital in self.gaz:
                self._register_known(capital)
                self.add(k, k + 1, capital, "capital")

    def _is_place_use(self, tok: int) -> bool:
        if tok == 0 or self.doc.tokens[tok].text.endswith(("'s", "’s")):
            return False  # "at Washington's trade policy" is the government
        if self.doc.tokens[tok - 1].lemmas & self._visit_verbs:
            return True  # «посетит Москву», "visit Ankara": a visit's destination is a place
        prev = self.doc.tokens[tok - 1].text.lower()
        if prev in _PLACE_PREPS.get(self.doc.lang, ()):
            # «з Казахстаном» is company, not a place: only a locative or genitive-of-origin reads as place
            t = self.doc.tokens[tok]
            return self.doc.lang == "en" or bool(t.analysis.any_cases & {"loct", "gent", "accs"})
        return False

    def _register_known(self, eid: str) -> None:
        if eid in self.entities:
            return
        entry = self.gaz.get(eid)
        ent = entry.entity()
        lang = self.doc.lang
        names = dict(entry.names)
        # The label in the article's language first: that is the form readers of it know.
        labels = tuple(sorted(ent.labels, key=lambda ln: ln[0] != lang))
        if not names.get(lang):
            labels = ent.labels
        self.entities[eid] = Entity(eid, entry.type, labels, ent.aliases, entry.wikidata)
        self.types[eid] = entry.type

    # -- role nouns --------------------------------------------------------
    def find_roles(self) -> None:
        """Role nouns, found before new names so that "Foreign Minister" is not read as one."""
        in_groups = {k for g in self.lex.group_refs.find(self.doc.tokens) if g.end - g.start > 1
                     for k in range(g.start, g.end)}  # "the two leaders" refers back; it names no office
        agency_starts = {m.start for m in self.mentions if self.types.get(m.entity_id) in BODY_TYPES}
        # «главою МЗС Туреччини», «Глава Еврокомиссии»: an office phrase may end inside the body's own name
        self.role_spans = [rm for rm in self.lex.roles.find(self.doc.tokens)
                           if not any(k in in_groups for k in range(rm.start, rm.end))
                           and (not any(self.covered[k] for k in range(rm.start, rm.end))
                                or (not self.covered[rm.start] and any(k in agency_starts for k in range(rm.start, rm.end))))]
        for rm in self.role_spans:
            for k in range(rm.start, rm.end):
                self.covered[k] = True
        self.role_spans = [self._role_through_agency(rm) for rm in self.role_spans]

    def _role_through_agency(self, rm):
        """A role phrase that ends inside a body's name stops where the name begins, so that
        the ministry or organisation is read as whose office it is."""
        inner = next((m for m in self.mentions if rm.start < m.start < rm.end
                      and self.types.get(m.entity_id) in BODY_TYPES), None)
        return PhraseMatch(rm.start, inner.start, rm.payload) if inner else rm

    def role_nouns(self) -> None:
        by_start = {m.start: m for m in self.mentions}
        by_end = {m.end: m for m in self.mentions}
        for rm in self.role_spans:
            title = rm.payload
            if self._leaders_of_many(rm, title):
                continue
            of, of_start = self._role_of(rm.start, rm.end, by_start, by_end)
            person = self._apposition(rm.end, by_start)
            if of:
                self.complements.add(of_start)
            elif person and person.entity_id in self.gaz:
                # "President Ferdinand Marcos Jr.": the office is named, whose it is the gazetteer knows
                wanted = _role_relation(title)
                roles = self.gaz.get(person.entity_id).roles
                # the office held on the day; else the one the text names, whenever the gazetteer has it
                of = next((r.of for r in roles if (r.title == title or r.relation == wanted) and r.holds_on(self.day)), "") \
                    or next((r.of for r in roles if r.title == title), "") \
                    or (self._home_country() if title in NATIONAL_TITLES else "")
            elif person and title in NATIONAL_TITLES:
                # «міністр охорони здоров'я Віктор Ляшко» in a story about one country: its minister
                of = self._home_country()
            former = rm.start > 0 and bool(self.doc.tokens[rm.start - 1].lemmas & self.lex.words("former_words")) or \
                rm.start > 1 and bool(self.doc.tokens[rm.start - 2].lemmas & self.lex.words("former_words"))
            if person and of:
                if not former:  # "former President X" held the office; the fact is not current
                    self.roles.append((person.entity_id, _role_relation(title), of, self.sent(rm.start), rm.start))
                continue
            if person or not of:
                continue
            holder = self._holder(title, of)
            if holder:
                self._register_known(holder)
                self.add(rm.start, rm.end, holder, "role", title)
                # The office is stated; who holds it is the gazetteer's reading, so the fact is
                # kept only where the article also names that person.
                if any(m.entity_id == holder and m.kind in ("name", "surname") for m in self.mentions):
                    self.roles.append((holder, _role_relation(title), of, self.sent(rm.start), rm.start))

    def _home_country(self) -> str:
        """The country an article is mostly about, if one clearly is (named three times and more
        than any other)."""
        counts: dict[str, int] = defaultdict(int)
        for m in self.mentions:
            if self.types.get(m.entity_id) == "Country" and m.kind in ("name", "adjective"):
                counts[m.entity_id] += 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        return ""

    def _leaders_of_many(self, rm, title: str) -> bool:
        """«лідерами п'яти держав», "the leaders of China and Kazakhstan": one office in several
        states stands for each state's office holder."""
        if title not in LEADER_TITLES:
            return False
        j = rm.end + (1 if self.doc.lang == "en" and rm.end < len(self.doc.tokens)
                      and self.doc.tokens[rm.end].text.lower() == "of" else 0)
        states: list[ActorMention] = []
        for m in sorted(self.mentions, key=lambda m: m.start):
            if m.start < j or self.types.get(m.entity_id) != "Country":
                continue
            gap = self.doc.tokens[states[-1].end if states else j:m.start]
            if states and m.start == states[-1].start or \
                    all(t.text.lower() in (",", "і", "й", "та", "и", "and", "the") for t in gap):
                states.append(m)
            else:
                break
        ids = _unique_ids(states)
        if len(ids) < 2:
            return False
        holders = [self._holder(title, e) for e in ids]
        for m in states:
            if m.kind == "group":  # «лідерами п'яти держав»: the states are only whose leaders
                self.complements.add(m.start)
        for holder in filter(None, holders):
            self._register_known(holder)
            self.add(rm.start, rm.end, holder, "group", title)
        return True

    def _role_of(self, start: int, end: int, by_start, by_end) -> tuple[str, int]:
        """Whose office a role noun names, and where that is said."""
        tokens = self.doc.tokens
        before = by_end.get(start)
        if before and before.kind == "adjective":
            return before.entity_id, before.start
        if before and self.doc.lang == "en" and self.types.get(before.entity_id) in ACTOR_TYPES | {"Country"}:
            return before.entity_id, before.start  # "Chinese President", "NATO Secretary General"
        j = end
        if j < len(tokens) and self.doc.lang == "en" and tokens[j].text.lower() == "of":
            j += 1
            if j < len(tokens) and tokens[j].text.lower() == "the":
                j += 1
        after = by_start.get(j)
        if after and after.kind in ("name", "new") and self.types.get(after.entity_id) in ACTOR_TYPES | {"Country", "City"}:
            if self.doc.lang == "en" and j == end:
                return "", -1
            if self.doc.lang in ("uk", "ru") and "gent" not in tokens[j].analysis.cases and \
                    not tokens[j].analysis.grammemes & {"Fixd", "Abbr"}:
                return "", -1
            return after.entity_id, after.start
        return "", -1

    def _apposition(self, end: int, by_start) -> ActorMention | None:
        tokens = self.doc.tokens
        j = end
        # skip the "of X" / genitive complement: «президент Казахстану Касим-Жомарт Токаєв»
        skipped_words = 0
        for _ in range(6):
            m = by_start.get(j)
            if m is None:
                if j < len(tokens) and tokens[j].text.lower() in ("of", "the"):
                    j += 1
                    continue
                # «міністра охорони здоров'я Віктора Ляшка»: the office's own words
                if j < len(tokens) and tokens[j].text.islower() and tokens[j].is_word and skipped_words < 3 \
                        and self.doc.lang in ("uk", "ru") and "gent" in tokens[j].analysis.any_cases:
                    j, skipped_words = j + 1, skipped_words + 1
                    continue
                return None
            if self.types.get(m.entity_id) == "Person" or m.kind == "new-person":
                return m
            j = m.end
        return None

    def _holder(self, title: str, of: str) -> str:
        candidates = self.gaz.roles_of(title, of, self.day)
        if not candidates and title in ("head_of_state", "president"):
            for t in ("president", "head_of_state", "chairman"):
                candidates = self.gaz.roles_of(t, of, self.day)
                if candidates:
                    break
        return candidates[0] if len(candidates) == 1 else ""

    # -- new names ---------------------------------------------------------
    def unknown_names(self) -> None:
        tokens = self.doc.tokens
        i, n = 0, len(tokens)
        stop = self.lex.words("stopwords_capitalised")
        while i < n:
            if self.covered[i] or not _capitalised(tokens[i]) or self._sentence_start_common(i, stop):
                i += 1
                continue
            j = self._name_end(i)
            if j < n and not self.covered[j] and tokens[j].lemmas & self.lex.words("place_nouns"):
                j += 1  # «Лейлекском районе», "Batken district": the place noun is part of the name
            if j - i == 1 and tokens[i].text in self.acronyms:
                self.add(i, j, self.acronyms[tokens[i].text], "name")
                i = j
                continue
            k = self._person_boundary(i, j)
            if k:  # «Донецької ОВА Вадим Філашкін»: an office's name, then its holder's
                self._new_entity(i, k, list(tokens[i:k]))
                i = k
            self._new_entity(i, j, list(tokens[i:j]))
            i = self._acronym_after(i, j)

    def _name_end(self, i: int) -> int:
        """Where a run of capitalised words that starts at `i` ends. English names take "of",
        "on", "for" inside ("Association of Southeast Asian Nations"); a treaty's or initiative's
        name also its list ("Treaty on Good-Neighbourliness, Friendship and Cooperation")."""
        tokens, n = self.doc.tokens, len(self.doc.tokens)
        connectors = self.lex.words("name_connectors")
        titled = bool(tokens[i].lemmas & self.lex.words("concept_words"))
        j = i + 1
        while j < n and not self.covered[j]:
            nxt_cap = j + 1 < n and not self.covered[j + 1] and _capitalised(tokens[j + 1])
            if _capitalised(tokens[j]):
                j += 1
            elif tokens[j].text in ("-", "‑") and nxt_cap:
                j += 1
            elif tokens[j].text.lower() in connectors and nxt_cap and (tokens[j].text != "and" or titled):
                j += 1
            elif tokens[j].text == "," and titled and nxt_cap:
                j += 1
            else:
                break
        while j > i + 1 and not _capitalised(tokens[j - 1]):
            j -= 1
        return j

    def _acronym_after(self, i: int, j: int) -> int:
        """"Reciprocal Access Agreement (RAA)": the bracketed initials are the same entity's
        short name, here and wherever the article uses them again."""
        tokens = self.doc.tokens
        if j + 2 < len(tokens) and tokens[j].text == "(" and tokens[j + 2].text == ")" and self.mentions \
                and self.mentions[-1].start == i:
            short = tokens[j + 1].text
            initials = "".join(t.text[0] for t in tokens[i:j] if t.text[:1].isupper())
            if short.isupper() and len(short) >= 2 and initials.upper().startswith(short[:2]):
                eid = self.mentions[-1].entity_id
                self.acronyms[short] = eid
                ent = self.entities.get(eid)
                if ent is not None:
                    self.entities[eid] = Entity(ent.id, ent.type, ent.labels, ent.aliases + ((self.doc.lang, short),),
                                                ent.wikidata)
                self.add(j + 1, j + 2, eid, "name")
                return j + 3
        return j

    def _person_boundary(self, i: int, j: int) -> int:
        """Where a person's first name starts inside a run of capitalised words, after words
        that are no part of a person's name."""
        if self.doc.lang not in ("uk", "ru"):
            return 0
        personal = {"Name", "Surn", "Patr"}
        for k in range(i + 1, j):
            if "Name" in self.doc.tokens[k].analysis.grammemes and \
                    not any(personal & t.analysis.grammemes for t in self.doc.tokens[i:k]):
                return k
        return 0

    def _sentence_start_common(self, i: int, stop: frozenset[str]) -> bool:
        tok = self.doc.tokens[i]
        low = tok.text.lower()
        if low in stop or low in self.lex.months or low in self.lex.weekdays or tok.lemma in self.lex.months:
            return True
        if i > 0 and self.doc.tokens[i - 1].text in "«“„" and self.doc.sentence_of[i - 1] == self.doc.sentence_of[i]:
            return False  # «Охматдит», «Нафтогаз»: a capitalised word opening a quote is a name
        first = i == 0 or self.doc.sentence_of[i - 1] != self.doc.sentence_of[i] or \
            self.doc.tokens[i - 1].text in "\"('‘—–-:"
        if not first or self._surname_of(tok):
            return False  # "Powell praised …": the surname of someone named in full
        if self.doc.lang in ("uk", "ru"):
            a = tok.analysis
            if a.grammemes & {"Name", "Surn", "Geox", "Orgn"} or not a.pos:
                return False
        nxt = self.doc.tokens[i + 1] if i + 1 < len(self.doc.tokens) else None
        return not (nxt is not None and _capitalised(nxt) and not self.covered[i + 1])

    def _new_entity(self, i: int, j: int, span: list[Token]) -> None:
        lang = self.doc.lang
        if lang == "en" and self._adjectival(j, span):
            return
        nxt = next((m for m in self.mentions if m.start == j and m.kind == "name"
                    and self.types.get(m.entity_id) == "Person"), None)
        if nxt is not None and len(span) == 1 and ({"Name", "Surn"} & span[0].analysis.grammemes or lang == "en"):
            # «Гаканом Фіданом» where the gazetteer spells «Хакан»: a first name before a known
            # surname is that person's, whatever its spelling
            self.mentions.remove(nxt)
            self.add(i, nxt.end, nxt.entity_id, "name")
            return
        etype = self._guess_type(i, j, span)
        prev = self._mention_ending_at(i)
        if lang == "en" and etype == "Organization" and prev is not None and prev.kind == "adjective":
            # "the Philippine Senate": the nationality is part of the body's name
            self.mentions.remove(prev)
            i, span = prev.start, list(self.doc.tokens[prev.start:j])
        if len(span) == 1 and etype == "Concept":
            surname = self._surname_of(span[0])
            if surname:
                self.add(i, j, surname, "surname")
            return
        label = nominative(span, lang, self.doc.text)
        eid = _slug(label)
        if eid in self.gaz:
            eid = eid + "_" + lang
        if eid not in self.entities:
            self.entities[eid] = Entity(eid, etype, ((lang, label),))
            self.types[eid] = etype
        self.add(i, j, eid, "new-person" if etype == "Person" else "new")

    def _mention_ending_at(self, i: int) -> ActorMention | None:
        return next((m for m in reversed(self.mentions) if m.end == i), None)

    def _adjectival(self, j: int, span: list[Token]) -> bool:
        """"Central Asian states": a capitalised adjective before a common noun names no one."""
        nxt = self.doc.tokens[j] if j < len(self.doc.tokens) else None
        return nxt is not None and nxt.is_word and nxt.text.islower() and \
            span[-1].text.lower().endswith(("an", "ese", "ish", "ic", "ian", "i"))

    def _guess_type(self, i: int, j: int, span: list[Token]) -> str:
        """Organisation by its head word; person by grammemes, an office before it, speech after
        it, or the surname standing alone elsewhere; place by grammemes; else a concept."""
        text = self.doc.text[span[0].start:span[-1].end]
        grams = set().union(*(t.analysis.grammemes for t in span))
        tokens = self.doc.tokens
        if any(l in self.lex.words("concept_words") for t in span for l in t.lemmas):
            return "Concept"
        if span[-1].lemmas & self.lex.words("place_nouns"):
            return "Region"
        quoted = i > 0 and j < len(tokens) and tokens[i - 1].text in "«“„\"" and tokens[j].text in "»”\""
        if quoted and self.doc.lang in ("uk", "ru"):
            return "Organization"  # «Охматдит», «Нафтогаз»: a quoted proper name is mostly a body's
        if _ORG_WORDS.search(text) or (len(span) > 1 and any(t.text.isupper() and len(t.text) >= 2 for t in span)):
            return "Organization"  # «Донецька ОВА», "the OSCE Minsk Group": an abbreviation names a body
        after = tokens[j:j + 2]
        said = any(self.lex.speech.find([t]) for t in after)
        role_before = i > 0 and bool(self.lex.roles.find([tokens[i - 1]]))
        if grams & {"Name", "Surn", "Patr"} or role_before or (len(span) in (2, 3) and said):
            return "Person"
        if len(span) in (2, 3) and self.doc.lang == "en" and self._surname_recurs(span[-1], i):
            return "Person"
        if grams & {"Geox"}:
            return "Place"
        return "Concept"

    def _surname_recurs(self, last: Token, i: int) -> bool:
        return any(t.text == last.text for k, t in enumerate(self.doc.tokens)
                   if abs(k - i) > 3 and (k == 0 or not _capitalised(self.doc.tokens[k - 1]))
                   and (k + 1 >= len(self.doc.tokens) or not _capitalised(self.doc.tokens[k + 1])))

    def _surname_of(self, tok: Token) -> str:
        for m in self.mentions:
            if self.types.get(m.entity_id) == "Person" and m.end - m.start >= 2:
                last = self.doc.tokens[m.end - 1]
                if last.lemmas & tok.lemmas:
                    return m.entity_id
        return ""

    def _patronymic(self, tok: Token) -> bool:
        if "Patr" in tok.analysis.grammemes:
            return True
        low = tok.text.lower()
        return any(x in low for x in self.lex.words("patronymic_infixes"))

    def surnames(self) -> None:
        """A surname alone refers to the person named in full elsewhere in the article."""
        persons = [m for m in self.mentions if self.types.get(m.entity_id) == "Person" and m.end - m.start >= 2]
        if not persons:
            return
        by_lemma: dict[str, str] = {}
        for m in persons:
            for lemma in self.doc.tokens[m.end - 1].lemmas:
                by_lemma.setdefault(lemma, m.entity_id)
        first_names: dict[str, str] = {}
        for m in persons:
            for lemma in self.doc.tokens[m.start].lemmas:
                first_names.setdefault(lemma, m.entity_id)
        for m in list(self.mentions):
            toks = self.doc.tokens[m.start:m.end]
            if m.kind in ("new", "new-person") and len(toks) == 2 and self._patronymic(toks[1]):
                # «з Садиром Нургожоєвичем»: first name and patronymic of someone named in full
                target = next((first_names[l] for l in sorted(toks[0].lemmas)
                               if first_names.get(l, m.entity_id) != m.entity_id), None)
                if target and target != m.entity_id:
                    self.mentions[self.mentions.index(m)] = ActorMention(m.start, m.end, target, "surname", m.sentence)
                    self.entities.pop(m.entity_id, None)
                continue
            if m.kind in ("new", "new-person") and m.end - m.start == 1:
                target = next((by_lemma[l] for l in sorted(self.doc.tokens[m.start].lemmas)
                               if by_lemma.get(l, m.entity_id) != m.entity_id), None)
                if target and target != m.entity_id:
                    self.mentions[self.mentions.index(m)] = ActorMention(m.start, m.end, target, "surname", m.sentence)
                    self.entities.pop(m.entity_id, None)

    # -- named events ------------------------------------------------------
    def events(self) -> None:
        """"the second China–Central Asia Summit", «саміт «Китай – Центральна Азія»»: a summit
        noun next to an organisation or format names an event of its own."""
        tokens = self.doc.tokens
        ordinals = self.lex.raw.get("ordinals") or {}
        formats = self.lex.words("format_words")
        orgs = [m for m in self.mentions if self.types.get(m.entity_id) in
                {"Format", "IntergovernmentalOrganization", "Alliance", "Organization"} and m.kind == "name"]
        for ev in self.lex.event_nouns.find(tokens):
            if ev.payload != "Summit":
                continue
            org = self._event_org(ev.start, ev.end, orgs, formats)
            if org is None:
                self._event_again(ev.start, ev.end)
                continue
            first, ordinal = min(ev.start, org.start), ""
            k = first - 1  # "the second China–Central Asia Summit", «другий саміт …»
            if k >= 0 and tokens[k].text.lower() == "the":
                k -= 1
            if k >= 0 and any(l in ordinals for l in tokens[k].lemmas):
                ordinal = next(ordinals[l] for l in tokens[k].lemmas if l in ordinals) or ""
                first = k
            proper = tokens[ev.start].text[:1].isupper() if self.doc.lang == "en" else \
                bool(ordinal) or (ev.end < len(tokens) and tokens[ev.end].text in "«\"“")
            self._add_event(first, ev.end, org, ordinal, proper)

    def _event_org(self, start: int, end: int, orgs: list[ActorMention], formats: frozenset[str]):
        tokens = self.doc.tokens
        for m in orgs:
            if m.end == start or (m.end == start - 1 and tokens[start - 1].text in "»\"”"):
                return m  # "China–Central Asia Summit", "G7 summit"
            gap = tokens[end:m.start]
            if m.start >= end and len(gap) <= 12 and self.sent(m.start) == self.sent(start) and (
                    not gap or gap[0].text in "«\"“" or any(l in formats | {"of"} for l in gap[0].lemmas)):
                return m  # «саміт формату ... «С + С5»», "summit of the SCO"
        return None

    def _event_again(self, start: int, end: int) -> None:
        """"hosted the summit", «на саміті»: a bare summit noun after a named summit is that summit."""
        earlier = [m for m in self.mentions if m.kind == "event" and m.end <= start]
        if earlier and not any(self.covered[k] for k in range(start, end)):
            self.add(start, end, earlier[-1].entity_id, "event")

    def _year_near(self, tok: int) -> str:
        """The year a summit is held: one written in its sentence, else the article's."""
        for t in self.doc.sentences[self.sent(tok)].tokens:
            if t.text.isdigit() and len(t.text) == 4 and 1900 < int(t.text) < 2100:
                return t.text
        return str(self.article.published.year) if self.article.published else ""

    def _add_event(self, first: int, end: int, org: ActorMention, ordinal: str, proper: bool) -> None:
        entry_names = dict(self.gaz.get(org.entity_id).names) if org.entity_id in self.gaz else {}
        short = (entry_names.get("en") or (self.entities[org.entity_id].label("en"),))[0]
        short = re.sub(r"\s+(format|mechanism|platform)$", "", short)
        year = self._year_near(first)
        dated = " ".join(x for x in (short, "Summit", year) if x)
        # A summit the text names ("the second China–Central Asia Summit", «саміт «Китай –
        # Центральна Азія»») is called so; "the G7 summit" becomes "G7 Summit 2025", so that the
        # organisation's own name is never the event's
        en_label = " ".join(x for x in (ordinal, short, "Summit") if x) if proper else dated
        labels = [("en", en_label)]
        aliases = ((("en", dated),) if proper and year else ())
        span_end = max(end, org.end) if org.start - end <= 2 else end
        if self.doc.lang != "en":
            toks = list(self.doc.tokens[first:span_end])
            if toks and toks[-1].text in "«\"“":
                toks = toks[:-1]
            surface = nominative(toks, self.doc.lang, self.doc.text)
            if span_end > end and self.doc.tokens[span_end - 1].text not in "»\"”" and \
                    span_end < len(self.doc.tokens) and self.doc.tokens[span_end].text in "»\"”":
                surface += self.doc.tokens[span_end].text
            labels.append((self.doc.lang, surface))
        eid = _slug(en_label)
        if eid not in self.entities:
            self.entities[eid] = Entity(eid, "Summit", tuple(labels), aliases)
            self.types[eid] = "Summit"
        self.add(first, end, eid, "event")

    # -- pronouns ----------------------------------------------------------
    def pronouns(self) -> None:
        """A subject pronoun ("He", «Він», "It") continues with an actor already in focus: at a
        sentence's start, the previous sentence's first actor of that kind; after a clause
        word ("… has waned since it went to war"), its own sentence's first one."""
        kinds = self.lex.raw.get("subject_pronouns") or {}
        clause_words = self.lex.words("subordinators") | self.lex.words("clause_conjunctions") | {","}
        for sentence in self.doc.sentences:
            for k, tok in enumerate(sentence.tokens):
                want = kinds.get(tok.text.lower())
                if not want or self.covered[tok.index]:
                    continue
                opening = k == 0
                if not opening and sentence.tokens[k - 1].text.lower() not in clause_words:
                    continue
                if opening and sentence.index == 0:
                    continue
                source = sentence.index - 1 if opening else sentence.index
                types = {"Person"} if want == "person" else {"Country", "Organization", "IntergovernmentalOrganization",
                                                              "Alliance", "Format", "Agency"}
                prev = [m for m in self.mentions if m.sentence == source and m.start < tok.index
                        and m.kind in ("name", "surname", "role") and self.types.get(m.entity_id) in types
                        and m.start not in self.complements]
                if prev:
                    self.add(tok.index, tok.index + 1, min(prev, key=lambda m: m.start).entity_id, "pronoun")

    # -- groups ------------------------------------------------------------
    def groups(self) -> None:
        tokens = self.doc.tokens
        for g in self.lex.group_refs.find(tokens):
            if any(self.covered[k] for k in range(g.start, g.end)):
                continue
            words = [tokens[k] for k in range(g.start, g.end)]
            count = next((self.lex.numbers[l] for t in words for l in t.lemmas if l in self.lex.numbers), 0)
            if not count:
                continue  # «сторони» alone: who is meant is not said
            wants_person = any(l in self.lex.words("person_nouns") for t in words for l in t.lemmas)
            want = "Person" if wants_person else "Country"
            focus = self._focus(want, count, g.start)
            if len(focus) == count:
                for eid in focus:
                    self.add(g.start, g.end, eid, "group")

    def national_groups(self) -> None:
        """"the two Japanese ministers", «двоє китайських дипломатів»: so many office holders of
        one state, those the article has named as holding its offices."""
        tokens = self.doc.tokens
        person_nouns = self.lex.words("person_nouns")
        for m in [m for m in self.mentions if m.kind == "adjective" and self.types.get(m.entity_id) == "Country"]:
            if m.start == 0 or m.end >= len(tokens) or not (tokens[m.end].lemmas & person_nouns):
                continue
            count = next((self.lex.numbers[l] for l in sorted(tokens[m.start - 1].lemmas) if l in self.lex.numbers), 0)
            holders: list[str] = []
            for person, _, of, _, tok in self.roles:
                if of == m.entity_id and tok < m.start and person not in holders:
                    holders.append(person)
            if count and len(holders) == count:
                for person in holders:
                    self.add(m.start - 1, m.end + 1, person, "group")

    def _focus(self, etype: str, count: int, at: int) -> list[str]:
        """The actors a group phrase refers to: those of the type named most often before it
        (outside its own sentence), the latest first among equals; when too few are named
        before, the ones named just after ("the five leaders ... President X, President Y")."""
        here = self.sent(at)
        # "Trump said after meeting the two leaders": who the sentence names is not among them
        named_here = {m.entity_id for m in self.mentions if self.sent(m.start) == here and m.kind != "group"
                      and etype == "Person"}
        earlier = [m for m in self.mentions if m.end <= at and self.sent(m.start) != here
                   and self.types.get(m.entity_id) == etype and m.kind != "group" and m.entity_id not in named_here]
        counts: dict[str, int] = defaultdict(int)
        last: dict[str, int] = {}
        for m in earlier:
            counts[m.entity_id] += 1
            last[m.entity_id] = m.start
        ranked = sorted(counts, key=lambda e: (-counts[e], -last[e]))
        if len(ranked) >= count:
            return ranked[:count]
        later = [m.entity_id for m in sorted(self.mentions, key=lambda m: m.start)
                 if m.start > at and self.sent(m.start) - here <= 2 and self.types.get(m.entity_id) == etype]
        out = list(ranked)
        for eid in later:
            if eid not in out:
                out.append(eid)
        return out[:count]


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


def build_entities(doc: Document, article: Article, gaz: Gazetteer, lex: Lexicon) -> EntityLayer:
    b = _Builder(doc, article, gaz, lex)
    b.known()
    b.region_states()
    b.capitals()
    b.find_roles()
    b.unknown_names()
    b.surnames()
    b.events()
    b.groups()
    b.role_nouns()
    b.national_groups()
    b.pronouns()
    b.mentions.sort(key=lambda m: (m.start, m.end))
    dateline = ""
    if b.dateline is not None:
        dateline = b.dateline.entity_id
    role_tokens = frozenset(k for rm in b.role_spans for k in range(rm.start, rm.end))
    return EntityLayer(b.mentions, b.entities, b.types, b.roles, frozenset(b.complements), dateline, role_tokens)


def to_mentions(layer: EntityLayer, doc: Document, article_id: str) -> tuple[Mention, ...]:
    out = []
    for m in layer.mentions:
        s, e = doc.tokens[m.start].start, doc.tokens[m.end - 1].end
        out.append(Mention(article_id, s, e, doc.text[s:e], m.entity_id))
    return tuple(out)

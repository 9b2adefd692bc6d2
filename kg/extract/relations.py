"""The relation layer: trigger phrases from the lexicon, arguments by position and case.

For each trigger in a sentence, the arguments are the actors of the same stretch of text
(a quotation is its own stretch): symmetric relations take every pair of participants at
one level (states with states, people with people); directed ones take the subject before
the trigger (in uk/ru a nominative or an adjective) and the objects after it. Qualifiers —
domain, date, place, polarity, modality, trend — are read from the same stretch.
"""
from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from .. import schema
from ..model import SYMMETRIC, Fact, Provenance, Qualifiers
from ..nlp import Document, Sentence
from .dates import DateMention
from .entities import ACTOR_TYPES, EntityLayer, ActorMention
from .lexicon import Lexicon

STATE_TYPES = frozenset({"Country", "Organization", "IntergovernmentalOrganization", "Alliance", "Format",
                         "Agency", "Company", "Media", "ArmedGroup"})
ORG_TYPES = frozenset({"Organization", "IntergovernmentalOrganization", "Alliance", "Format"})
EVENT_TYPES = frozenset({"Event", "Summit", "Meeting", "Visit", "Attack", "Agreement", "Election", "Vote"})
PLACE_TYPES = frozenset({"City", "Region", "Place", "Country"})
PARTIES = ACTOR_TYPES - {"Media"}  # a news agency reports facts; it is not a party to them
ANY = PARTIES | PLACE_TYPES | EVENT_TYPES | {"Concept"}


@dataclass(frozen=True)
class RelationSpec:
    subjects: frozenset[str]
    objects: frozenset[str]
    qualifiers: frozenset[str]  # which of domain, date, place, trend apply
    confidence: float = 0.6


# Which types each relation takes on each side, and which qualifiers it reads: the ontology's.
SPECS: dict[str, RelationSpec] = {
    r.name: RelationSpec(r.subjects, r.objects, r.qualifiers) for r in schema.load().relations.values()}

# Relations whose noun takes its actor in the genitive («удар Росії», «вплив Ірану», «візит Сі»),
# and those whose actor may be a nationality adjective ("Russian strikes", «китайський вплив»):
# kg:genitiveAgent and kg:adjectiveAgent in the ontology.
AGENTIVE_GENITIVE = frozenset(r.name for r in schema.load().relations.values() if r.genitive_agent)
ADJECTIVE_AGENTS = frozenset(r.name for r in schema.load().relations.values() if r.adjective_agent)

_COORD = frozenset({",", "і", "й", "та", "и", "and", "&", "також", "а", "as", "well"})
_BETWEEN = frozenset({"між", "между", "between"})
_WITH = {"uk": frozenset({"з", "із", "зі"}), "ru": frozenset({"с", "со"}), "en": frozenset({"with"})}
_QUOTES_OPEN, _QUOTES_CLOSE = frozenset("«“„"), frozenset("»”")
# tokens between a directed relation's trigger and its object (Slavic phrasing runs longer:
# «підтримувати міжнародну систему, в основі якої лежить ООН»)
_MAX_OBJECT_GAP = {"en": 8, "uk": 12, "ru": 12}
_MAX_SUBJECT_GAP = 10  # tokens between a symmetric relation's first party and its trigger
_NAME_QUOTE_MAX = 8  # tokens, quotes included: longer quoted text is speech, not a name


@dataclass(frozen=True)
class Stretch:
    """A part of a sentence that one statement spans: the quote, or the text around it."""

    first: int  # token indexes, end exclusive
    last: int
    relative: bool = False  # opens with a relative pronoun: its subject is the noun before it


def stretches(sentence: Sentence, openers: frozenset[str] = frozenset(),
              relatives: frozenset[str] = frozenset(), actor_ends: frozenset[int] = frozenset(),
              conjunctions: frozenset[str] = frozenset(),
              subordinators: frozenset[str] = frozenset(),
              speech: frozenset[str] = frozenset()) -> list[Stretch]:
    """The sentence split at quotation marks (a quote often states a different thing), at
    semicolons, and at a comma that opens a subordinate clause («, що», ", which")."""
    out, start, depth, relative_next = [], sentence.tokens[0].index, 0, False
    toks = sentence.tokens
    for k, t in enumerate(toks):
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        # ", and Trump lifted": a comma and a conjunction after anything but a listed actor
        # start a new clause; "Kazakhstan, Kyrgyzstan, and Uzbekistan" stays one list.
        new_clause = t.text == "," and nxt is not None and (
            (nxt.text.lower() in conjunctions and t.index not in actor_ends)
            or bool(nxt.lemmas & speech))  # «…, повідомив уряд»: the reporting clause is apart
        if depth == 0 and t.text.lower() in subordinators and t.index > start:
            # "has waned since it went to war": a subordinate clause needs no comma to begin
            out.append(Stretch(start, t.index, relative_next))
            start, relative_next = t.index, False
            continue
        if depth == 0 and (t.text == ";" or new_clause or (t.text == "," and nxt is not None and
                                                            nxt.text.lower() in openers)):
            if t.index > start:
                out.append(Stretch(start, t.index, relative_next))
            start = t.index + 1
            relative_next = nxt is not None and t.text == "," and nxt.text.lower() in relatives
            continue
        if t.text in _QUOTES_OPEN or (t.text == '"' and depth == 0):
            if depth == 0 and t.index > start:
                out.append(Stretch(start, t.index, relative_next))
                relative_next = False
                start = t.index
            depth += 1
        elif (t.text in _QUOTES_CLOSE or t.text == '"') and depth:
            depth -= 1
            if depth == 0:
                if t.index + 1 - start > _NAME_QUOTE_MAX:
                    out.append(Stretch(start, t.index + 1, relative_next))
                    relative_next = False
                    start = t.index + 1
                elif out and out[-1].last == start:
                    # a quoted name («С + С5») belongs with the text around it
                    start = out.pop().first
    end = sentence.tokens[-1].index + 1
    if start < end:
        out.append(Stretch(start, end, relative_next))
    return [s for s in out if s.last - s.first > 2] or [Stretch(sentence.tokens[0].index, end)]


class SentenceReader:
    """Reads the facts of one sentence."""

    def __init__(self, doc: Document, sentence: Sentence, layer: EntityLayer, lex: Lexicon,
                 dates: list[DateMention], article_id: str, skip: frozenset[int],
                 published: dt.date | None = None):
        self.doc, self.sentence, self.layer, self.lex = doc, sentence, layer, lex
        self.published = published
        self.dates, self.article_id, self.skip = dates, article_id, skip
        first = sentence.tokens[0].index
        self._speech = lex.speech.find(sentence.tokens)
        self._attributions = lex.attribution.find(sentence.tokens)
        self.actors = [m for m in layer.in_sentence(sentence.index) if m.start not in skip]
        # «за словами казахстанського президента», "according to Xinhua": a source, not a party
        sources = {first + a.end for a in self._attributions}
        self.actors = [m for m in self.actors if not any(0 <= m.start - e <= 2 for e in sources)]
        self.adjective_tokens = {k for m in self.actors if m.kind == "adjective" for k in range(m.start, m.end)}
        # «Жапаров и президент Таджикистана Рахмон»: whose office it is does not break the list
        self.complement_tokens = {k for m in layer.in_sentence(sentence.index) if m.start in skip
                                  for k in range(m.start, m.end)}
        self.name_tokens = {k for m in layer.in_sentence(sentence.index) if m.kind in ("name", "new", "new-person")
                            for k in range(m.start, m.end)}
        # trigger phrases, found once for the sentence and handed to the stretch that holds them
        self._triggers = [(first + m.start, first + m.end, m.payload) for m in lex.relations.find(sentence.tokens)]
        self._domains: dict[tuple[int, int], list[str]] = {}

    def type_of(self, m: ActorMention) -> str:
        return self.layer.types.get(m.entity_id, "")

    def facts(self) -> list[Fact]:
        out = self._relation_facts()
        return out + self._participation(out)

    def _participation(self, facts: list[Fact]) -> list[Fact]:
        """Who signs or meets at a named summit takes part in it, and so do the leaders or
        states the sentence gathers there («глави всіх шести країн», "the six leaders")."""
        events = [m for m in self.actors if self.type_of(m) in EVENT_TYPES]
        gathering = [f for f in facts if f.relation in ("signsAgreementWith", "meetsWith") and f.asserted]
        if not events or not gathering:
            return []
        parties = _unique([p for f in gathering for p in (f.subject, f.object)] +
                          [m.entity_id for m in self.actors if m.kind == "group"
                           and self.type_of(m) in ("Person", "Country")])
        q0 = gathering[0].qualifiers
        q = Qualifiers(date=q0.date, start=q0.start, end=q0.end, place=q0.place)
        prov = Provenance(self.article_id, self.sentence.text, self.sentence.start, self.sentence.end,
                          "relations.participation", 0.5)
        return [Fact(p, "participatesIn", events[0].entity_id, q, prov) for p in parties]

    def _relation_facts(self) -> list[Fact]:
        out: list[Fact] = []
        actor_ends = frozenset(m.end for m in self.actors)
        for stretch in stretches(self.sentence, self.lex.words("clause_openers"), self.lex.words("relative_pronouns"),
                                 actor_ends, self.lex.words("clause_conjunctions"), self.lex.words("subordinators"),
                                 self.lex.words("speech_verbs")):
            for start, end, relation in self._triggers:
                if not (stretch.first <= start and end <= stretch.last):
                    continue
                if self._inside_name(start, end) or self._role_noun(relation, start, end) or \
                        any(k in self.name_tokens for k in range(start, end)):
                    continue  # "United States" is no act of uniting
                out.extend(self._read(relation, start, end, stretch))
        return out

    # -- attribution -------------------------------------------------------
    def _speaker(self, stretch: Stretch) -> str:
        """Who the sentence reports as saying what the stretch states: for a quotation, the
        actor beside a speech verb outside it («— сказав Сі», "Xi said"); for any stretch, the
        actor after «за словами», "according to". A speech verb in another clause ("…, and
        Japarov called it historic") attributes nothing else."""
        toks = self.sentence.tokens
        first = toks[0].index
        quoted = self.doc.tokens[stretch.first].text in _QUOTES_OPEN | {'"'}
        speakers = [m for m in self.layer.in_sentence(self.sentence.index)
                    if self.type_of(m) in PARTIES and m.kind != "adjective"]
        for match in self._attributions:
            t1 = first + match.end
            after = [m for m in speakers if 0 <= m.start - t1 <= 3]
            if after:
                return after[0].entity_id
        if not quoted:
            return ""
        for match in self._speech:
            t0, t1 = first + match.start, first + match.end
            if stretch.first <= t0 < stretch.last:
                continue
            near = [m for m in speakers if 0 <= m.start - t1 <= 3 or 0 <= t0 - m.end <= 3]
            if near:
                return min(near, key=lambda m: min(abs(m.start - t1), abs(t0 - m.end))).entity_id
        return ""

    # -- arguments ---------------------------------------------------------
    def _in(self, stretch: Stretch) -> list[ActorMention]:
        return [m for m in self.actors if stretch.first <= m.start < stretch.last]

    def _is_place(self, m: ActorMention) -> bool:
        if m.start == 0:
            return False
        prev = self.doc.tokens[m.start - 1].text.lower()
        preps = {"uk": {"у", "в", "на"}, "ru": {"в", "во", "на"}, "en": {"in", "at"}}[self.doc.lang]
        if self.doc.tokens[m.start - 1].lemmas & self.lex.words("city_nouns"):
            return True  # «у місті Сіань», "the city of Xi'an"
        if prev not in preps:
            return False
        return self.doc.lang == "en" or "loct" in self.doc.tokens[m.start].analysis.cases or \
            self.type_of(m) in ("City",)

    def _group_at(self, ms: list[ActorMention], anchor: ActorMention) -> list[ActorMention]:
        """The coordinated list an actor belongs to («Китай і Казахстан», "A, B and C")."""
        ordered = sorted({(m.start, m.end, m.entity_id): m for m in ms}.values(), key=lambda m: m.start)
        idx = next(i for i, m in enumerate(ordered) if m is anchor or (m.start, m.entity_id) == (anchor.start, anchor.entity_id))
        group = [ordered[idx]]
        for direction in (-1, 1):
            i = idx
            while 0 <= i + direction < len(ordered):
                a, b = (ordered[i + direction], ordered[i]) if direction < 0 else (ordered[i], ordered[i + direction])
                gap = self.doc.tokens[a.end:b.start]
                if a.start == b.start or self._list_gap(gap):
                    group.append(ordered[i + direction])
                    i += direction
                else:
                    break
        return group

    def _negated(self, m: ActorMention) -> bool:
        """«без участі Москви», "without Russia": the actor is named as left out."""
        before = {t.lemma for t in self.doc.tokens[max(0, m.start - 2):m.start]}
        return bool(before & self.lex.words("exclusion"))

    def _role_noun(self, relation: str, start: int, end: int) -> bool:
        """Offices named by a noun ("leader", «речник») are read by the entity layer's appositions."""
        return relation in ("leaderOf", "representativeOf") and bool(self.lex.roles.find(self.doc.tokens[start:end]))

    def _inside_name(self, start: int, end: int) -> bool:
        """"Treaty on ... Friendship and Cooperation": in English a capitalised trigger word
        past the sentence's start is part of a name, not a statement."""
        if self.doc.lang != "en" or start == self.sentence.tokens[0].index:
            return False
        return all(t.text[:1].isupper() for t in self.doc.tokens[start:end] if t.is_word)

    def _list_gap(self, gap) -> bool:
        """Whether the words between two actors only join them into one list."""
        if len(gap) > 8:
            return False
        fillers = self.lex.words("list_fillers") | _COORD | _WITH[self.doc.lang]
        return all(t.text.lower() in fillers or t.lemma in fillers or t.lemma in self.lex.numbers
                   or t.index in self.adjective_tokens or t.index in self.layer.role_tokens
                   or t.index in self.complement_tokens
                   or _adjective_like(t, self.doc.lang) for t in gap)

    def _read(self, relation: str, t0: int, t1: int, stretch: Stretch) -> list[Fact]:
        spec = SPECS[relation]
        self._exit = relation == "memberOf" and bool(self.lex.membership_exits.find(self.doc.tokens[t0:t1]))
        ms = [m for m in self._in(stretch) if not self._negated(m)]
        if relation == "inception":
            return self._inception(t0, t1, ms)
        pairs: list[tuple[str, str]]
        if relation == "memberOf" and (self._is_membership_noun(t0, t1) or
                                       not any(self.type_of(m) in ORG_TYPES for m in ms if m.start >= t1)):
            pairs = self._members(ms, t0, t1)
        elif relation in SYMMETRIC:
            pairs = self._symmetric(relation, ms, spec, t0, t1, stretch)
        else:
            pairs = self._directed(relation, ms, spec, t0, t1, stretch)
        if not pairs:
            return []
        quals = self._qualifiers(relation, spec, t0, t1, stretch)
        sentence = self.sentence.text
        prov = Provenance(self.article_id, sentence, self.sentence.start, self.sentence.end,
                          f"relations.{relation}", spec.confidence, self._speaker(stretch))
        facts = []
        for s, o in pairs:
            if s == o:
                continue
            facts.append(Fact(s, relation, o, quals, prov))
        return facts

    def _participants(self, ms: list[ActorMention], types: frozenset[str]) -> list[ActorMention]:
        return [m for m in ms if self.type_of(m) in types and m.kind != "adjective" and not self._is_place(m)]

    def _symmetric(self, relation, ms, spec, t0, t1, stretch: Stretch | None = None) -> list[tuple[str, str]]:
        """The list just before the trigger and the one just after it (after "with", «з»,
        "between"): every pair of parties at one level, people with people, states with states."""
        if self._names_a_format(t0):
            return []
        parts = self._participants(ms, spec.subjects | spec.objects)
        before = [m for m in parts if m.end <= t0]
        after = [m for m in parts if m.start >= t1 and not self._topic(t1, m)]
        tail = self._group_at(after, after[0]) if after and (
            after[0].start - t1 <= 4 or self._list_gap(self.doc.tokens[t1:after[0].start])) else []
        head: list[ActorMention] = []
        if len({m.entity_id for m in tail}) >= 2 and self._nominal(t0, t1) and self._owned(after[0], t1):
            head, tail = tail, []  # «співпраця Китаю з Казахстаном», "cooperation between A and B"
        elif before and t0 - before[-1].end <= _MAX_SUBJECT_GAP:
            head = self._group_at(before, before[-1])
        elif not before and stretch is not None and stretch.relative:
            head = self._antecedent(stretch, spec.subjects)  # «Китай, який є … партнером …»
        if not head and not before and stretch is not None:
            head = self._carried_subject(stretch, spec.subjects)
        elif not before and self.doc.lang in ("uk", "ru"):
            # «…21 февраля подписали главы … Камчыбек Ташиев и Саймумин Ятимов»: the subject after the verb
            inverted = [m for m in after if m.start - t1 <= _MAX_SUBJECT_GAP and m.kind in ("name", "role")
                        and "nomn" in self.doc.tokens[m.start].analysis.cases]
            if inverted:
                head, tail = self._group_at(inverted, inverted[0]), []
        if len(head) == 1 and not tail and (relation == "partnerOf" or
                                            (relation == "meetsWith" and self.type_of(head[0]) == "Person")):
            # «Казахстан називає Китай своїм партнером», "Japan regards the Philippines as a partner",
            # «сказав Сі казахстанському колезі Токаєву на зустрічі»: the other party just before
            earlier = [m for m in before if m.end <= head[0].start and head[0].start - m.end <= 4
                       and self.type_of(m) == self.type_of(head[0])]
            if earlier:
                head = [earlier[-1]] + head
        return _pairs(head, tail, self.type_of)

    def _owned(self, m: ActorMention, t1: int) -> bool:
        """«співпраця Китаю з Казахстаном», "talks between A and B": the parties follow the noun
        itself (a genitive, or "between"), not a preposition («переговоры с Путиным»)."""
        if m.start == t1:
            return True
        gap = [t.text.lower() for t in self.doc.tokens[t1:m.start]]
        return len(gap) == 1 and gap[0] in _BETWEEN | {"of", "among"}

    def _topic(self, t1: int, m: ActorMention) -> bool:
        """«угода про будівництво ГЕС …», "an agreement on the dam": what a deal is about is no
        party to it, unless a partner word («між», "with") comes after the topic word."""
        topic = partner = -1
        for t in self.doc.tokens[t1:m.start]:
            low = t.text.lower()
            if low in self.lex.words("topic_prepositions"):
                topic = t.index
            elif low in self.lex.words("list_fillers") or low in _WITH[self.doc.lang] or low in _BETWEEN:
                partner = t.index
        return topic > partner

    def _nominal(self, t0: int, t1: int) -> bool:
        """A trigger noun whose parties follow it («співпраця Китаю з …», "talks between …")."""
        if self.doc.lang in ("uk", "ru"):
            return self.doc.tokens[t1 - 1].analysis.pos == "NOUN"
        nxt = self.doc.tokens[t1].text.lower() if t1 < len(self.doc.tokens) else ""
        return nxt in ("between", "of", "among")

    def _names_a_format(self, t0: int) -> bool:
        """«формат співпраці», "mechanism of cooperation": the trigger names a format, not a fact."""
        nouns = self.lex.words("format_words")
        return any(l in nouns for t in self.doc.tokens[max(0, t0 - 2):t0] for l in t.lemmas)

    def _carried_subject(self, stretch: Stretch, types: frozenset[str]) -> list[ActorMention]:
        """«Зеленський прибув до Вашингтона, де зустрівся з Трампом», "… and met Trump": a clause
        without a subject of its own goes on with the sentence's (a subject that opens it)."""
        first = self.sentence.tokens[0].index
        if stretch.first == first or stretch.relative:
            return []
        opener = self.doc.tokens[stretch.first].text.lower()
        if opener not in self.lex.words("carry_openers"):
            return []
        subject = [m for m in self.actors if m.start <= first + 2 and m.end <= stretch.first
                   and self.type_of(m) in types and m.kind in ("name", "role", "surname", "pronoun")
                   and (self.doc.lang == "en" or "nomn" in self.doc.tokens[m.start].analysis.cases)]
        return subject[:1]

    def _indirect_object(self, m: ActorMention) -> bool:
        """A dative in uk/ru; in English a bare noun after the verb ("urged Washington to …" is a subject)."""
        if self.doc.lang in ("uk", "ru"):
            return "datv" in self.doc.tokens[m.start].analysis.cases
        nxt = self.doc.tokens[m.end] if m.end < len(self.doc.tokens) else None
        return nxt is not None and nxt.text.lower() != "to"

    def _antecedent(self, stretch: Stretch, types: frozenset[str]) -> list[ActorMention]:
        """"Xi, who travelled to Kazakhstan": the actor just before a relative clause."""
        if not stretch.relative:
            return []
        prior = [m for m in self.actors if m.end <= stretch.first - 1 and self.type_of(m) in types]
        # the noun right before the comma: «Боррель пояснив, що …» opens no relative clause
        return [prior[-1]] if prior and stretch.first - 1 == prior[-1].end else []

    def _directed(self, relation, ms, spec, t0, t1, stretch=None) -> list[tuple[str, str]]:
        before = [m for m in ms if m.end <= t0 and self.type_of(m) in spec.subjects]
        if not before and stretch is not None:
            before = self._antecedent(stretch, spec.subjects) or self._carried_subject(stretch, spec.subjects)
        after = [m for m in ms if m.start >= t1 and self.type_of(m) in spec.objects]
        if self.doc.lang == "en":
            # "Finland closed its border with Russia, accusing Moscow": an actor after a
            # preposition is no subject
            free = [m for m in before if m.start == 0 or
                    self.doc.tokens[m.start - 1].text.lower() not in self.lex.words("prepositions")]
            before = free or before
        unfiltered = list(before)
        if self.doc.lang in ("uk", "ru"):
            # «російський удар» names who strikes; «російського СПГ» names no one who bans
            nominative = [m for m in before if (m.kind == "adjective" and relation in ADJECTIVE_AGENTS) or
                          "nomn" in self.doc.tokens[m.start].analysis.cases or m.kind in ("group", "role")]
            before = nominative or before
            nxt = self.doc.tokens[t1] if t1 < len(self.doc.tokens) else None
            if relation in AGENTIVE_GENITIVE and self._nominal(t0, t1) and nxt is not None and nxt.is_word \
                    and "gent" in nxt.analysis.any_cases and nxt.analysis.pos in ("NOUN", "ADJF") \
                    and nxt.text.lower() not in self.lex.words("prepositions"):  # «до» is no noun here
                # «вторгнення Росії в Україну», «вплив Ірану в Сирії»: the noun's genitive is who
                # acts; «візит спикера … на Тайвань» names an actor the text does not make one
                if not (after and after[0].start == t1 and self.type_of(after[0]) in spec.subjects
                        and after[0].kind != "adjective"):  # «імпорт російського СПГ»: a describer, no agent
                    return []
                before, after = [after[0]], after[1:]
        subjects = self._group_at(before, before[-1]) if before else []
        if not subjects:
            return []
        objects_ = [m for m in after if m.kind != "adjective" or relation in ("attacks",)]
        if not objects_ and relation == "influences" and stretch is not None:
            objects_ = self._there(stretch, spec.objects)
        if not objects_ and relation == "providesAidTo" and len(unfiltered) >= 2 and self._indirect_object(unfiltered[-1]):
            # «надала Молдові допомогу», "send Ukraine military aid": the recipient stands before the aid
            recipient = unfiltered[-1]
            subjects = [m for m in subjects if m.start < recipient.start] or self._group_at(before[:-1], before[-2])
            return [(s.entity_id, recipient.entity_id) for s in subjects if s.entity_id != recipient.entity_id]
        if relation == "visits":
            objects_ = [m for m in objects_ if self.type_of(m) in spec.objects]
            if not objects_:
                # «перебуває в Казахстані з державним візитом», "is in Astana on a state visit"
                objects_ = [m for m in ms if m.end <= t0 and self._is_place(m) and self.type_of(m) in spec.objects
                            and m.start > subjects[-1].start][-1:]
        if not objects_ or (objects_[0].start - t1 > _MAX_OBJECT_GAP[self.doc.lang] and objects_[0].start >= t1):
            return []  # "welcomed the new package and called for … pressure on Moscow": too far to be it
        objs = self._group_at(objects_, objects_[0])
        return [(s.entity_id, o.entity_id) for s in subjects for o in objs]

    def _there(self, stretch: Stretch, types: frozenset[str]) -> list[ActorMention]:
        """"Russia's influence there", «вплив там»: the region the previous sentences spoke of."""
        toks = self.doc.tokens[stretch.first:stretch.last]
        if not any(t.text.lower() in self.lex.words("place_adverbs") for t in toks):
            return []
        here = self.sentence.index
        earlier = [m for m in self.layer.mentions if here - 3 <= m.sentence < here
                   and self.layer.types.get(m.entity_id) == "Region" and m.entity_id and "Region" in types]
        return earlier[-1:]

    def _is_membership_noun(self, t0: int, t1: int) -> bool:
        return any(l in self.lex.words("membership_nouns") for t in self.doc.tokens[t0:t1] for l in t.lemmas)

    def _members(self, ms: list[ActorMention], t0: int, t1: int) -> list[tuple[str, str]]:
        """«формат ... Китаю з Казахстаном, Киргизстаном ... «С + С5»»: every state named beside
        the organisation is a member of it. Where the organisation is only the story's
        ("Finland joined last year", "fellow members Turkey and Hungary"), the members are
        the list just before the trigger, or just after it."""
        states = [m for m in ms if self.type_of(m) == "Country" and m.kind != "adjective" and not self._is_place(m)]
        orgs = [m for m in ms if self.type_of(m) in ORG_TYPES]
        if orgs:
            nearest = min(orgs, key=lambda m: abs(m.start - t0))
            org = nearest.entity_id
            between = [m for m in states if t1 <= m.start < nearest.start]
            after = [m for m in states if m.start >= t1] if nearest.end <= t0 else []
            before = [m for m in states if m.end <= t0 and t0 - m.end <= 8 and not _possessive(self.doc.tokens[m.end - 1])]
            # «формат … Китаю з Казахстаном … «С + С5»»; «В БРИКС входят Бразилия, …»; "X is a member of Y"
            group = between or (self._group_at(after, after[0]) if after else []) or \
                (self._group_at(before, before[-1]) if before else self._sentence_subject(states, t0))
            chosen = _unique(m.entity_id for m in group + [m for m in states if m.kind == "group"])
        else:
            org = self._org_in_focus(t0)
            before = [m for m in states if m.end <= t0 and t0 - m.end <= 4]
            after = [m for m in states if m.start >= t1 and m.start - t1 <= 2]
            group = self._group_at(after, after[0]) if after else self._group_at(before, before[-1]) if before else []
            chosen = _unique(m.entity_id for m in group)
        if not org:
            return []
        count = self._counted(t0)
        if count and len(chosen) < count:
            chosen = _unique(chosen + self._focus("Country", count, t0))[:count]
        return [(s, org) for s in chosen]

    def _sentence_subject(self, ms: list[ActorMention], t0: int) -> list[ActorMention]:
        """"It is also … a member of ASEAN": the actor that opens the sentence."""
        first = self.sentence.tokens[0].index
        return [m for m in ms if m.start == first and m.end <= t0 and not _possessive(self.doc.tokens[m.end - 1])]

    def _org_in_focus(self, t0: int) -> str:
        """"Finland joined last year": the alliance the story is about, named in the last few sentences."""
        here = self.doc.sentence_of[t0]
        recent = [m for m in self.layer.mentions if m.start < t0 and here - m.sentence <= 8
                  and self.layer.types.get(m.entity_id) in ORG_TYPES and m.kind == "name"]
        return recent[-1].entity_id if recent else ""

    def _counted(self, t0: int) -> int:
        """"the six members", «шести держав»: a number word near the membership noun."""
        window = self.doc.tokens[max(0, t0 - 3):t0 + 4]
        return next((self.lex.numbers[l] for t in window for l in t.lemmas if l in self.lex.numbers), 0)

    def _focus(self, etype: str, count: int, before: int) -> list[str]:
        """The last `count` distinct actors of a type named before a token."""
        out: list[str] = []
        for m in sorted(self.layer.mentions, key=lambda m: -m.start):
            if m.start < before and self.layer.types.get(m.entity_id) == etype and m.entity_id not in out:
                out.append(m.entity_id)
                if len(out) == count:
                    break
        return out

    def _passive(self, t0: int, t1: int) -> bool:
        """«створеного у 2020 році», "was founded in 1949", «заснування»: the founded thing is
        the subject; «ЄС створив фонд» speaks of what the EU made."""
        tok = self.doc.tokens[t0]
        if self.doc.lang in ("uk", "ru"):
            return tok.analysis.pos in ("PRTF", "PRTS", "ADJF", "ADJS", "NOUN")
        prev = self.doc.tokens[t0 - 1].text.lower() if t0 else ""
        nxt = self.doc.tokens[t1].text.lower() if t1 < len(self.doc.tokens) else ""
        return prev in ("was", "were", "is", "been", "be", ",") or nxt in ("in", "on")

    def _inception(self, t0, t1, ms) -> list[Fact]:
        years = [d for d in self.dates if d.first >= t1 - 1 and d.first - t1 < 6 and len(d.start) >= 4 and d.start]
        kinds = SPECS["inception"].subjects
        if self._passive(t0, t1):
            orgs = [m for m in ms if self.type_of(m) in kinds and m.end <= t0]
        else:  # what was founded is the object: after the verb, or fronted in the accusative
            orgs = [m for m in ms if self.type_of(m) in kinds and m.start >= t1][:1] or \
                [m for m in ms if self.type_of(m) in kinds and m.end <= t0 and self.doc.lang in ("uk", "ru")
                 and "accs" in self.doc.tokens[m.start].analysis.any_cases
                 and "nomn" not in self.doc.tokens[m.start].analysis.cases]
        if not years or not orgs:
            return []
        prov = Provenance(self.article_id, self.sentence.text, self.sentence.start, self.sentence.end,
                          "relations.inception", 0.6)
        return [Fact(orgs[-1].entity_id, "inception", years[0].start[:4], Qualifiers(), prov)]

    # -- qualifiers --------------------------------------------------------
    def _qualifiers(self, relation, spec, t0, t1, stretch) -> Qualifiers:
        toks = self.doc.tokens[stretch.first:stretch.last]
        changes: dict = {}
        if "domain" in spec.qualifiers:
            key = (stretch.first, stretch.last)
            if key not in self._domains:
                self._domains[key] = _unique(m.payload for m in self.lex.domains.find(toks))
            domains = self._domains[key]
            changes["domain"] = tuple(d for d in domains if d != "other")
        if "date" in spec.qualifiers:
            changes.update(self._date(relation, t0, stretch))
        if "place" in spec.qualifiers:
            places = [m for m in self.actors if self.type_of(m) == "City" and (self._is_place(m) or m.kind == "capital")
                      and (stretch.first <= m.start < stretch.last or m.start - self.sentence.tokens[0].index <= 3)]
            if places:
                changes["place"] = min(places, key=lambda m: abs(m.start - t0)).entity_id
            elif self.layer.dateline and _near(changes.get("date") or changes.get("start", ""), self.published):
                changes["place"] = self.layer.dateline
        if "trend" in spec.qualifiers:
            trends = self.lex.trends.find(toks)
            if trends:
                changes["trend"] = trends[0].payload
        # «не підтримала», "refused to join", "lifted sanctions": the trigger is denied
        window = self.doc.tokens[max(stretch.first, t0 - 4):t0]
        if self.lex.negation.find(window) or any(t.text.lower().endswith("n't") for t in window):
            changes["polarity"] = "negative"
        near = self.doc.tokens[max(stretch.first, t0 - 4):t0]
        mods = self.lex.modality.find(near)
        names_format = any(l in self.lex.words("format_words") for t in self.doc.tokens[t0:t1] for l in t.lemmas)
        if mods and not names_format and not self._agreement_reached(relation, mods[-1], near, t0):
            changes["modality"] = mods[-1].payload  # «прагне перетворити механізм X»: the format exists
        return Qualifiers(**changes)

    def _lead_in(self, d: DateMention, stretch: Stretch) -> bool:
        """A date that opens the sentence before the first clause break applies to the whole sentence."""
        return d.first - self.sentence.tokens[0].index <= 2

    def _agreement_reached(self, relation: str, cue, near, t0: int) -> bool:
        """"agreed to a ceasefire", «домовилися про перемир'я»: agreeing to a deal is the deal,
        while "agreed to sign one" plans it."""
        if relation != "signsAgreementWith":
            return False
        cue_lemmas = {l for t in near[cue.start:cue.end] for l in t.lemmas}
        if not cue_lemmas & self.lex.words("agreement_cues"):
            return False
        trigger = self.doc.tokens[t0]
        if self.doc.lang == "en":
            return t0 > 0 and self.doc.tokens[t0 - 1].text.lower() in ("a", "an", "the", "on")
        return trigger.analysis.pos == "NOUN"

    def _date(self, relation, t0, stretch: Stretch) -> dict:
        """The date nearest the trigger in its own stretch of text (or in the sentence's
        lead-in before it: «Ще 17 травня, під час переговорів…»)."""
        dates = [d for d in self.dates if stretch.first <= d.first < stretch.last] or \
            [d for d in self.dates if d.first < stretch.first and self._lead_in(d, stretch)]
        if not dates:
            return {}
        d = min(dates, key=lambda d: abs(d.first - t0))
        if not d.start:
            return {}  # the nearest date is one whose year the article does not give
        if d.is_range:
            return {"start": d.start, "end": d.end}
        if relation == "memberOf":
            # "joined last year" starts a membership, "left ECOWAS in January" ends one
            return {"end" if self._exit else "start": d.start}
        return {"date": d.start}


def _pairs(head: list[ActorMention], tail: list[ActorMention], type_of) -> list[tuple[str, str]]:
    """Who did it with whom, at one level (people with people, states with states): "A, B and C
    signed" pairs everyone; "A met B and C" pairs A with each of B and C. A person and a state
    are not paired: the text states the fact at one level or the other."""
    out: list[tuple[str, str]] = []
    # "the heads of all six states met" names no one: group readings pair only with named parties
    group_size: dict[int, int] = {}
    for m in head + tail:
        if m.kind == "group":
            group_size[m.start] = group_size.get(m.start, 0) + 1
    # "both countries" is as good as their names; "the heads of all six states" is not
    # and the office holders of several states («лідерів Китаю і Казахстану») are their states' parties
    grouped = {m.entity_id for m in head + tail if m.kind == "group" and (group_size[m.start] > 2 or m.title)} - \
        {m.entity_id for m in head + tail if m.kind != "group"}
    for level in (lambda m: type_of(m) == "Person", lambda m: type_of(m) != "Person"):
        h = _unique(m.entity_id for m in head if level(m))
        t = [e for e in _unique(m.entity_id for m in tail if level(m)) if e not in h]
        out.extend((a, b) for a, b in itertools.combinations(h, 2) if not (a in grouped and b in grouped))
        out.extend((a, b) for a in h for b in t)
        if not h:
            out.extend((a, b) for a, b in itertools.combinations(t, 2) if not (a in grouped and b in grouped))
    return out


def _possessive(tok) -> bool:
    return tok.text.endswith(("'s", "’s"))


def _near(day: str, published: dt.date | None, days: int = 14) -> bool:
    """Whether a fact's date (any precision, or none: the story's own day) is the story's time,
    when a dateline's city can stand as its place."""
    if not day or published is None:
        return True
    if len(day) < 10:
        return published.isoformat().startswith(day)
    try:
        return abs((dt.date.fromisoformat(day) - published).days) <= days
    except ValueError:
        return False


def _adjective_like(t, lang: str) -> bool:
    """"the five Central Asian states": a capitalised nationality-like word inside a list."""
    return lang == "en" and t.text[:1].isupper() and t.text.endswith(("an", "ese", "ish", "ic"))


def _unique(items) -> list:
    seen, out = set(), []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def relation_facts(ctx) -> list[Fact]:
    """Every sentence's facts, read trigger by trigger (see `SentenceReader`)."""
    from .dates import find_dates

    facts: list[Fact] = []
    for sentence in ctx.doc.sentences:
        dates = find_dates(sentence.tokens, ctx.lang, ctx.article.published)
        facts.extend(SentenceReader(ctx.doc, sentence, ctx.layer, ctx.lex, dates, ctx.article.id,
                                    ctx.layer.complements, ctx.article.published).facts())
    return facts

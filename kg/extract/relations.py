"""The relation layer: trigger phrases from the lexicon, arguments by position and case.

For each trigger in a sentence, the arguments are the actors of the same stretch of text
(a quotation is its own stretch): symmetric relations take every pair of participants at
one level (states with states, people with people); directed ones take the subject before
the trigger (in uk/ru a nominative or an adjective) and the objects after it. Qualifiers —
domain, date, place, polarity, modality, trend — are read from the same stretch.
"""
from __future__ import annotations

import bisect
import dataclasses
import functools
import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass, replace

from .. import schema
from ..gazetteer import load as load_gazetteer
from ..model import SYMMETRIC, Fact, Provenance, Qualifiers
from ..nlp import Document, Sentence
from ..nlp.phrases import PhraseMatch
from .dates import DateMention, find_dates
from .entities import ACTOR_TYPES, ActorMention, EntityLayer
from .events import DOCUMENT_TYPES
from .lexicon import Lexicon
from .stages import Stage, Stages

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
# relations between two actors, where an agent phrase after the trigger turns the roles round
# ("X's test drew condemnation from A"); a member, a leader or a visited place has no agent phrase
AGENT_PHRASE_RELATIONS = frozenset({"opposes", "supports", "sanctions", "attacks", "threatens", "providesAidTo"})

_QUOTES_OPEN, _QUOTES_CLOSE = frozenset("«“„"), frozenset("»”")
_MAX_SUBJECT_GAP = 10  # tokens between a symmetric relation's first party and its trigger
_NAME_QUOTE_MAX = 8  # tokens, quotes included: longer quoted text is speech, not a name


@dataclass(frozen=True)
class Stretch:
    """A part of a sentence that one statement spans: the quote, or the text around it."""

    first: int  # token indexes, end exclusive
    last: int
    relative: bool = False  # opens with a relative pronoun: its subject is the noun before it
    resumes: int = -1  # after a relative clause inside it: the comma that opened that clause
    participle: bool = False  # opens with a participle («, приурочений до …», ", signed by …")


def stretches(sentence: Sentence, openers: frozenset[str] = frozenset(),
              relatives: frozenset[str] = frozenset(), actor_ends: frozenset[int] = frozenset(),
              conjunctions: frozenset[str] = frozenset(),
              subordinators: frozenset[str] = frozenset(),
              speech: frozenset[str] = frozenset(),
              actor_starts: frozenset[int] = frozenset(),
              participles: frozenset[int] = frozenset(),
              breaks: frozenset[int] = frozenset(),
              continuers: frozenset[str] = frozenset()) -> list[Stretch]:
    """The sentence split at quotation marks (a quote often states a different thing), at
    semicolons, at a comma that opens a subordinate clause («, що», ", which") or a participle
    phrase (at `participles`), and where such a clause ends and the one it interrupted goes on."""
    out, start, depth, relative_next = [], sentence.tokens[0].index, 0, False
    participle_at = -1  # where the participle phrase being read began
    inserted = False  # the clause being read describes the actor before it: a comma may end it
    toks = sentence.tokens
    for k, t in enumerate(toks):
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if depth == 0 and t.text == "," and t.index in actor_ends and k + 2 < len(toks) and \
                toks[k + 2].text.lower() in continuers and nxt.text.lower() in conjunctions | openers:
            continue  # "A, B, а также C", «…, а також лідери …»: the list goes on, no clause opens
        if depth == 0 and inserted and t.text == "," and t.index > start and nxt is not None \
                and nxt.index not in actor_starts and nxt.is_word and nxt.text.lower() not in conjunctions | openers:
            # «Зеленський, якого підтримують США, прибув до Берліна»: the comma after a relative
            # clause goes back to the clause it interrupted, whose subject stands before it
            out.append(Stretch(start, t.index, True, participle=start == participle_at))
            out.append(Stretch(-1, start - 1))  # a marker: the next stretch resumes at this comma
            start, relative_next, inserted = t.index + 1, False, False
            continue
        if depth == 0 and t.text == "," and nxt is not None and nxt.index in participles:
            if t.index > start:
                out.append(Stretch(start, t.index, relative_next, participle=start == participle_at))
            start = participle_at = t.index + 1
            relative_next = inserted = True
            continue
        # ", and Trump lifted": a comma and a conjunction after anything but a listed actor
        # start a new clause; "Kazakhstan, Kyrgyzstan, and Uzbekistan" stays one list.
        new_clause = t.text == "," and nxt is not None and (
            t.index in breaks  # «…, насправді підігруючи Москві»: an adverbial participle's own clause
            or (nxt.text.lower() in conjunctions and t.index not in actor_ends)
            or bool(nxt.lemmas & speech))  # «…, повідомив уряд»: the reporting clause is apart
        if depth == 0 and t.text.lower() in subordinators and t.index > start:
            # "has waned since it went to war": a subordinate clause needs no comma to begin
            out.append(Stretch(start, t.index, relative_next))
            start, relative_next, inserted = t.index, False, False
            continue
        if depth == 0 and (t.text == ";" or new_clause or (t.text == "," and nxt is not None and
                                                            nxt.text.lower() in openers)):
            if t.index > start:
                out.append(Stretch(start, t.index, relative_next))
            start = t.index + 1
            relative_next = nxt is not None and t.text == "," and nxt.text.lower() in relatives
            # «Зеленський, якого …», «Моди, открывая заседание, …»: not «заявив, що …», whose
            # clause runs to the end
            inserted = (relative_next or t.index in breaks) and t.index in actor_ends
            relative_next = relative_next or inserted
            continue
        if t.text in _QUOTES_OPEN or (t.text == '"' and depth == 0):
            if depth == 0 and t.index > start:
                out.append(Stretch(start, t.index, relative_next))
                relative_next = inserted = False
                start = t.index
            depth += 1
        elif (t.text in _QUOTES_CLOSE or t.text == '"') and depth:
            depth -= 1
            if depth == 0:
                if t.index + 1 - start > _NAME_QUOTE_MAX:
                    out.append(Stretch(start, t.index + 1, relative_next))
                    relative_next = inserted = False
                    start = t.index + 1
                elif out and out[-1].last == start:
                    # a quoted name («С + С5») belongs with the text around it
                    start = out.pop().first
    end = sentence.tokens[-1].index + 1
    if start < end:
        out.append(Stretch(start, end, relative_next, participle=start == participle_at))
    resumed, comma = [], -1
    for s in out:
        if s.first == -1:
            comma = s.last
            continue
        resumed.append(Stretch(s.first, s.last, s.relative, comma, s.participle) if comma >= 0 and not s.relative
                       else s)
        comma = -1
    return [s for s in resumed if s.last - s.first > 2 or s.participle] or [Stretch(sentence.tokens[0].index, end)]


@dataclass(frozen=True)
class SentenceView:
    """One sentence as every relation stage reads it, built once: its actors (sources of an
    attribution left out), the tokens that only describe or only say whose office, the trigger
    phrases, speech and attribution phrases, dates, and where topic and partner words stand
    (what only a trigger's arguments need is left empty where the sentence has no trigger)."""

    doc: Document
    sentence: Sentence
    layer: EntityLayer
    lex: Lexicon
    article_id: str
    published: dt.date | None
    dates: tuple[DateMention, ...]
    actors: tuple[ActorMention, ...]
    adjective_tokens: frozenset[int]
    complement_tokens: frozenset[int]  # «Жапаров и президент Таджикистана Рахмон»: whose office it is
    name_tokens: frozenset[int]
    speech: tuple[PhraseMatch, ...]  # positions within the sentence
    attributions: tuple[PhraseMatch, ...]
    triggers: tuple[tuple[int, int, str], ...]  # document positions, in text order
    places: frozenset[ActorMention]  # actors the sentence names as where something happens
    cities: tuple[ActorMention, ...]  # cities named as a place (or a capital by its noun): a fact's place
    left_out: frozenset[ActorMention]  # «без участі Москви», "without Russia"
    last_topic: tuple[int, ...]  # per sentence token: the last topic word at or before it, or -1
    last_partner: tuple[int, ...]  # the same for partner words («з», "with", "between")
    earlier: tuple[Fact, ...] = ()  # the facts the sentences before this one told

    @classmethod
    def of(cls, doc: Document, sentence: Sentence, layer: EntityLayer, lex: Lexicon, dates: list[DateMention],
           article_id: str, skip: frozenset[int], published: dt.date | None = None,
           earlier: tuple[Fact, ...] = ()) -> SentenceView:
        first = sentence.tokens[0].index
        attributions = tuple(lex.attribution.find(sentence.tokens))
        here = layer.in_sentence(sentence.index)
        # «за словами казахстанського президента», "according to Xinhua": a source, not a party
        # («за його словами, Німеччина підтримуватиме …»: after a comma the clause's own subject)
        sources = {first + a.end for a in attributions}
        actors = tuple(m for m in here if m.start not in skip and not any(
            0 <= m.start - e <= 2 and all(t.is_word for t in doc.tokens[e:m.start]) for e in sources))
        triggers = tuple((first + m.start, first + m.end, m.payload) for m in lex.relations.find(sentence.tokens))
        if not triggers:  # most sentences state no relation: nothing below would be asked
            return cls(doc, sentence, layer, lex, article_id, published, tuple(dates), actors,
                       adjective_tokens=frozenset(), complement_tokens=frozenset(), name_tokens=frozenset(),
                       speech=(), attributions=attributions, triggers=(), places=frozenset(), cities=(),
                       left_out=frozenset(), last_topic=(), last_partner=(), earlier=earlier)
        # where topic and partner words stand: asked only of a symmetric relation's parties
        last_topic, last_partner = _last_positions(sentence, lex) if any(r in SYMMETRIC for _, _, r in triggers) \
            else ((), ())
        types = layer.types
        places = frozenset(m for m in actors if _is_place(doc, lex, m, types.get(m.entity_id, "")))
        left_out = frozenset(m for m in actors if _negated(doc, lex, m))
        cities = tuple(m for m in actors if types.get(m.entity_id, "") == "City" and (m in places or m.kind == "capital"))
        return cls(doc, sentence, layer, lex, article_id, published, tuple(dates), actors,
                   adjective_tokens=frozenset(k for m in actors if m.kind == "adjective" for k in range(m.start, m.end)),
                   complement_tokens=frozenset(k for m in here if m.start in skip for k in range(m.start, m.end)),
                   name_tokens=frozenset(k for m in here if m.kind in ("name", "new", "new-person")
                                         for k in range(m.start, m.end)),
                   speech=tuple(lex.speech.find(sentence.tokens)), attributions=attributions,
                   triggers=triggers, places=places, cities=cities, left_out=left_out,
                   last_topic=last_topic, last_partner=last_partner, earlier=earlier)

    @property
    def first(self) -> int:
        return self.sentence.tokens[0].index

    def type_of(self, m: ActorMention) -> str:
        return self.layer.types.get(m.entity_id, "")


def _last_positions(sentence: Sentence, lex: Lexicon) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """For each token of the sentence, the document position of the last topic word («про»,
    "on") and of the last partner word («з», "with", "between", a list filler) at or before
    it: one pass, so that asking about any stretch later costs nothing."""
    topics = lex.words("topic_prepositions")
    g = lex.grammar
    partners = lex.words("list_fillers") | g.with_words | g.between_words
    last_topic, last_partner, t, p = [], [], -1, -1
    for tok in sentence.tokens:
        low = tok.text.lower()
        if low in topics:
            t = tok.index
        elif low in partners:
            p = tok.index
        last_topic.append(t)
        last_partner.append(p)
    return tuple(last_topic), tuple(last_partner)


@dataclass(frozen=True)
class Trigger:
    """A trigger phrase in its clause, as the triggers stage found it."""

    start: int  # document token indexes, end exclusive
    end: int
    relation: str
    clause: Stretch
    exit: bool = False  # a membership trigger that ends one ("left ECOWAS")


@dataclass(frozen=True)
class Reading:
    """What the stages have read of one trigger: its argument pairs (or, for inception, its
    facts), then its qualifiers and who is reported as saying it."""

    trigger: Trigger
    pairs: tuple[tuple[str, str], ...] = ()
    made: tuple[Fact, ...] = ()  # facts an argument reader made whole (inception)
    qualifiers: Qualifiers | None = None
    speaker: str = ""


@dataclass(frozen=True)
class SentenceReading:
    """What the relation stages return for one sentence; each stage a new one."""

    clauses: tuple[Stretch, ...] = ()
    readings: tuple[Reading, ...] = ()
    extra: tuple[Fact, ...] = ()  # facts that follow from the others (participation)

    def facts(self, view: SentenceView) -> list[Fact]:
        out: list[Fact] = []
        for r in self.readings:
            out.extend(r.made)
            if not r.pairs:
                continue
            spec = SPECS[r.trigger.relation]
            prov = Provenance(view.article_id, view.sentence.text, view.sentence.start, view.sentence.end,
                              f"relations.{r.trigger.relation}", spec.confidence, r.speaker)
            out.extend(Fact(s, r.trigger.relation, o, r.qualifiers, prov) for s, o in r.pairs if s != o)
        return out + list(self.extra)


# -- stages ------------------------------------------------------------------

def clauses(view: SentenceView, reading: SentenceReading) -> SentenceReading:
    """Reads the sentence's punctuation, clause words and speech verbs. Sets `clauses`: the
    stretches one statement spans (see `stretches`), where the sentence has a trigger."""
    if not view.triggers:
        return reading
    lex = view.lex
    actor_ends = frozenset(m.end for m in view.actors)
    found = stretches(view.sentence, lex.words("clause_openers"), lex.words("relative_pronouns"), actor_ends,
                      lex.words("clause_conjunctions"), lex.words("subordinators"), lex.words("speech_verbs"),
                      frozenset(m.start for m in view.actors), _participles(view), _gerunds(view),
                      lex.words("list_continuers"))
    return SentenceReading(tuple(found), reading.readings, reading.extra)


def _participles(view: SentenceView) -> frozenset[int]:
    """Where a participle phrase opens after a comma: a participle by its tag or ending
    («приуроченный», «ухвалене»), in English a past participle before its agent (", condemned
    by Japan,"): ", signed in Pyongyang" more often goes on with the main clause's subject."""
    lex = view.lex
    endings = tuple(lex.words("participle_endings"))
    toks = view.sentence.tokens
    # where endings tell it, only a phrase that agrees with the noun right before the comma
    # («Росія, засуджена Японією»): «перемир'я між США та Китаєм, укладене …» describes the truce
    ending = {m.end: m for m in view.actors if m.kind != "adjective"}
    out = []
    for k in range(1, len(toks) - 1):
        t = toks[k]
        if toks[k - 1].text != "," or not t.is_word:
            continue
        # «декларації держав «Великої сімки», ухваленої …»: a quoted name closes before the comma
        quoted = k >= 3 and toks[k - 2].text in _QUOTES_CLOSE | {'"'}
        actor = ending.get(toks[k - 1].index) or (ending.get(toks[k - 2].index) if quoted else None)
        head = view.doc.tokens[actor.start] if actor is not None else \
            toks[k - 3 if quoted else k - 2] if k >= 2 and lex.grammar.case_marking else None
        if head is None or (lex.grammar.case_marking and (actor is None and head.analysis.pos != "NOUN"
                                                          or not _agrees(view, t, head))):
            continue
        low = t.text.lower()
        if lex.grammar.case_marking:
            if t.analysis.pos in ("PRTF", "PRTS") or (t.analysis.pos == "ADJF" and endings and low.endswith(endings)):
                out.append(t.index)
        elif endings and low.endswith(endings) and toks[k + 1].text.lower() in lex.grammar.agent_words:
            out.append(t.index)
    return frozenset(out)


def _gerunds(view: SentenceView) -> frozenset[int]:
    """The commas before an adverbial participle (an adverb may stand between: «, насправді
    підігруючи Москві», «, на деле подыгрывая»), which opens a clause of its own: its object is no object of the verb
    before the comma."""
    toks = view.sentence.tokens
    out = []
    for k, t in enumerate(toks[:-1]):
        if t.text != ",":
            continue
        for u in toks[k + 1:k + 4]:  # «, на деле подыгрывая»
            if u.analysis.pos == "GRND":
                out.append(t.index)
            if u.analysis.pos in ("GRND", "VERB") or not u.is_word:
                break
    return frozenset(out)


def triggers(view: SentenceView, reading: SentenceReading) -> SentenceReading:
    """Reads the lexicon's trigger phrases found in the sentence. Adds a `Reading` for each
    that lies within one clause and is no part of a name or an office noun, in text order."""
    firsts = [c.first for c in reading.clauses]
    by_clause: dict[int, list[Trigger]] = defaultdict(list)
    for start, end, relation in view.triggers:
        at = bisect.bisect_right(firsts, start) - 1
        if at < 0 or end > reading.clauses[at].last:
            continue
        if _inside_name(view, start, end) or _role_noun(view, relation, start, end) or \
                any(k in view.name_tokens for k in range(start, end)):
            continue  # "United States" is no act of uniting
        exit_ = relation == "memberOf" and bool(view.lex.membership_exits.find(view.doc.tokens[start:end]))
        by_clause[at].append(Trigger(start, end, relation, reading.clauses[at], exit_))
    found = tuple(Reading(t) for at in sorted(by_clause) for t in by_clause[at])
    return SentenceReading(reading.clauses, reading.readings + found, reading.extra)


def arguments(view: SentenceView, reading: SentenceReading) -> SentenceReading:
    """Reads each trigger's clause for its parties: members of an organisation, every pair of
    a symmetric relation's parties, a directed relation's subject and objects, a founded
    body's year. Sets each reading's `pairs` (or `made`, for inception)."""
    in_clause: dict[Stretch, _ClauseActors] = {}  # the actors of each clause, found once
    out = []
    for r in reading.readings:
        clause = r.trigger.clause
        if clause not in in_clause:
            in_clause[clause] = _ClauseActors([m for m in _in(view, clause) if m not in view.left_out])
        out.extend(_split_gapped(view, _arguments(view, r, in_clause[clause])))
    return SentenceReading(reading.clauses, tuple(out), reading.extra)


def _split_gapped(view: SentenceView, r: Reading) -> tuple[Reading, ...]:
    """«вступили Индия и Пакистан, в 2023 году — Иран»: the members of the gapped clause are
    read as a trigger of their own at its dash, so that they take its date, not the first one's."""
    if r.trigger.relation != "memberOf" or not r.pairs:
        return (r,)
    toks = view.doc.tokens
    dashes = [k for k in range(r.trigger.end, view.sentence.tokens[-1].index + 1) if toks[k].text in _DASHES - {":"}]
    firsts = {m.entity_id: m.start for m in view.actors}
    later = [p for p in r.pairs if dashes and firsts.get(p[0], -1) > dashes[0]]
    if not later or len(later) == len(r.pairs) or toks[dashes[0] - 1].text == ",":
        return (r,)
    t = r.trigger
    at = Trigger(dashes[0], dashes[0] + 1, t.relation, Stretch(dashes[0] - _GAPPED_WORDS - 1, t.clause.last,
                                                                t.clause.relative), t.exit)
    kept = tuple(p for p in r.pairs if p not in later)
    return (Reading(t, kept, r.made, r.qualifiers, r.speaker), Reading(at, tuple(later), (), r.qualifiers, r.speaker))


class _Run:
    """Actors in text order (by start, then end), cut at a token by bisection, so that a
    trigger's arguments cost no pass over a long clause's every actor."""

    def __init__(self, items: list[ActorMention]):
        self.items = items
        self.starts = [m.start for m in items]
        self.max_end = list(itertools.accumulate((m.end for m in items), max))

    def ending_by(self, t0: int) -> list[ActorMention]:
        """`[m for m in items if m.end <= t0]`"""
        k = bisect.bisect_left(self.starts, t0)  # an actor that starts at t0 or later ends after it
        if not k or self.max_end[k - 1] <= t0:
            return self.items[:k]
        return [m for m in self.items[:k] if m.end <= t0]

    def starting_from(self, t1: int) -> list[ActorMention]:
        """`[m for m in items if m.start >= t1]`"""
        return self.items[bisect.bisect_left(self.starts, t1):]


class _ClauseActors:
    """The actors of one clause (those named as left out dropped), and selections of them,
    each made once for all the clause's triggers."""

    def __init__(self, items: list[ActorMention]):
        self.items = items
        self._runs: dict[tuple, _Run] = {}

    def select(self, key: tuple, keep) -> _Run:
        run = self._runs.get(key)
        if run is None:
            run = self._runs[key] = _Run([m for m in self.items if keep(m)])
        return run


_STANCES = frozenset({"opposes", "supports"})
_ACT_GAP = 2  # tokens between a stance verb and the act it is about: "condemned the strikes"


def acts(view: SentenceView, reading: SentenceReading) -> SentenceReading:
    """Reads each stance trigger (opposes, supports) whose object is an attack noun with no
    actor of its own ("Iran condemned the strikes", «Китай засудив удари»), and the attacks
    the sentences before told with the same noun. Sets the stance's pairs to who stands on
    the act and who did it — condemning an act condemns its actor — and the act's pairs to
    none: the one who condemns the strikes does not strike."""
    out = list(reading.readings)
    for i, r in enumerate(out):
        if r.trigger.relation not in _STANCES:
            continue
        act = next((j for j, a in enumerate(out) if a.trigger.relation == "attacks"
                    and a.trigger.clause == r.trigger.clause
                    and 0 <= a.trigger.start - r.trigger.end <= _ACT_GAP), None)
        if act is None:
            doer = _relative_doer(view, reading.clauses, r.trigger) if not r.pairs else []
            noun = _act_noun(view, r.trigger) if not r.pairs and not doer else None
            if doer:
                # «підтримує кроки, які Азербайджан робить»: the stance is on who takes the steps
                by = _stance_subject(view, r.trigger)
                out[i] = Reading(r.trigger, tuple((x, d) for x in by for d in doer if x != d),
                                 r.made, r.qualifiers, r.speaker)
            elif noun is not None:
                # "provided support for the operation": the last attack the story told;
                # "condemned the launch": who launched in the sentences before
                told = _told_acts(view).get(noun)
                doers = _last_doers(view) if told is None else _teller(view, told | {noun})
                by = _stance_subject(view, r.trigger)
                out[i] = Reading(r.trigger, tuple((x, d) for x in by for d in doers if x != d),
                                 r.made, r.qualifiers, r.speaker)
            continue
        a = out[act]
        if any(r.trigger.end <= m.start and m.end <= a.trigger.start for m in view.actors):
            continue  # "accused Azerbaijan of aggression": the stance names whom, the act is the charge
        stance_by = _unique([x for x, _ in r.pairs] or [x for x, _ in a.pairs]) or _stance_subject(view, r.trigger)
        if not stance_by or any(x not in stance_by for x, _ in a.pairs):
            continue  # "condemned Russia's strikes": the act has its own actor
        # "condemned the strikes on Syria" with no striker told: the act's target is not what
        # is condemned, and the one who condemns strikes no one
        doers = _doers(view, a.trigger)
        out[i] = Reading(r.trigger, tuple((x, d) for x in stance_by for d in doers if x != d),
                         r.made, r.qualifiers, r.speaker)
        out[act] = Reading(a.trigger, (), a.made, a.qualifiers, a.speaker)
    return SentenceReading(reading.clauses, tuple(out), reading.extra)


def _stance_subject(view: SentenceView, stance: Trigger) -> list[str]:
    """«Іран засудив удари»: who stands before the stance verb (in the nominative, where case
    endings tell it), when no object gave the stance a pair."""
    types = SPECS[stance.relation].subjects
    doc = view.doc
    before = [m for m in _in(view, stance.clause) if m.end <= stance.start and view.type_of(m) in types
              and m.kind != "adjective" and (not view.lex.grammar.case_marking
                                             or "nomn" in doc.tokens[m.start].analysis.cases)]
    return _unique(m.entity_id for m in _group_at(view, before, before[-1])) if before else []


def _act_noun(view: SentenceView, stance: Trigger) -> str | None:
    """"support for the operation", «засудили запуск»: the noun for an act, with no actor of
    its own, right after the stance (only articles and prepositions between), or None."""
    nouns, g = view.lex.words("act_nouns") | frozenset(_told_acts(view)), view.lex.grammar
    skip = view.lex.words("prepositions") | g.articles
    for t in view.doc.tokens[stance.end:min(stance.clause.last, stance.end + _ACT_GAP + 1)]:
        found = t.lemmas & nouns
        if found:
            return min(found)
        if t.text.lower() not in skip:
            return None
    return None


_TOLD: dict[int, tuple[dict, dict[str, frozenset[str]]]] = {}  # per lexicon, read once


def _relative_doer(view: SentenceView, clauses: tuple[Stretch, ...], stance: Trigger) -> list[str]:
    """"backs the steps that Azerbaijan takes", «засудив дії, які вчинила Росія»: a noun right
    after the stance, then a relative clause with a subject of its own: that subject (in the
    nominative where case endings tell it, else right after the pronoun)."""
    doc, case = view.doc, view.lex.grammar.case_marking
    nxt = next((c for c in clauses if c.relative and 0 < c.first - stance.end <= 3), None)
    if nxt is None:
        return []
    noun = doc.tokens[stance.end:nxt.first - 1]  # the words between the stance and the comma
    if not noun or any(not t.is_word for t in noun) or (case and noun[-1].analysis.pos != "NOUN"):
        return []  # «заявив, що …» is speech, no relative clause
    inside = [m for m in view.actors if nxt.first < m.start < nxt.last and m.kind != "adjective"
              and view.type_of(m) in SPECS["opposes"].subjects - {"City", "Region"} and not _after_preposition(view, m)]
    own = [m for m in inside if "nomn" in doc.tokens[m.start].analysis.cases] if case else \
        [m for m in inside if m.start - nxt.first <= 2]
    return [own[0].entity_id] if own else []


def _told_acts(view: SentenceView) -> dict[str, frozenset[str]]:
    """The lexicon's `told_acts`: an act's noun → the words that tell the act."""
    raw = view.lex.raw
    kept = _TOLD.get(id(raw))
    if kept is None or kept[0] is not raw:
        kept = _TOLD[id(raw)] = (raw, {str(k).lower(): frozenset(str(v).lower() for v in vs or ())
                                       for k, vs in (raw.get("told_acts") or {}).items()})
    return kept[1]


def _teller(view: SentenceView, words: frozenset[str]) -> list[str]:
    """Who did the act the sentences just before told with one of `words` ("North Korea
    launched a missile", «КНДР запустила ракету»): the party named before that word, in the
    nominative where case endings tell it."""
    doc, here, case = view.doc, view.sentence.index, view.lex.grammar.case_marking
    for s in range(here - 1, max(-1, here - 1 - _ACT_SENTENCES), -1):
        sentence = doc.sentences[s]
        at = next((t.index for t in sentence.tokens if t.lemmas & words), None)
        if at is None:
            continue
        before = [m for m in view.layer.in_sentence(s) if m.end <= at and m.kind != "adjective"
                  and view.layer.types.get(m.entity_id) in SPECS["opposes"].subjects - {"City", "Region"}
                  and not _after_preposition(view, m) and (not case or "nomn" in doc.tokens[m.start].analysis.cases)]
        return [before[-1].entity_id] if before else []
    return []


_ACT_SENTENCES = 5  # sentences: how far back "the operation" reaches for the attack it names


def _last_doers(view: SentenceView) -> list[str]:
    """Who did the last attack the sentences just before told."""
    here = view.sentence.start
    told = [f for f in view.earlier if f.relation == "attacks" and f.asserted and f.provenance is not None
            and f.provenance.start < here]
    if not told:
        return []
    last = max(f.provenance.start for f in told)
    back = sum(1 for s in view.doc.sentences if last <= s.start < here)
    return _unique(f.subject for f in told if f.provenance.start == last) if back <= _ACT_SENTENCES else []


def _doers(view: SentenceView, act: Trigger) -> list[str]:
    """Who did the act a bare noun names: the attackers of the last sentence before that
    told an attack with the same noun ("strikes" … "the strikes")."""
    lemmas = set().union(*(t.lemmas for t in view.doc.tokens[act.start:act.end]))
    told: dict[int, list[str]] = {}
    for f in view.earlier:
        if f.relation == "attacks" and f.asserted and f.provenance is not None:
            told.setdefault(f.provenance.start, []).append(f.subject)
    for start in sorted(told, reverse=True):
        sentence = next((s for s in view.doc.sentences if s.start == start), None)
        if sentence is not None and any(t.lemmas & lemmas for t in sentence.tokens):
            return _unique(told[start])
    return []


# relations between two sides, of which an office holder and his own state cannot be both
_TWO_SIDES = AGENT_PHRASE_RELATIONS | SYMMETRIC | frozenset({"visits", "mediates"})


def offences(view: SentenceView, reading: SentenceReading) -> SentenceReading:
    """Reads offence verbs ("violated", «порушила») in what a speaker is reported to say. Sets
    their pairs to the speaker against the offender: "Japan said Pyongyang violated the
    resolutions" is Japan's accusation of North Korea. A violation the text tells in its own
    voice is no one's stance."""
    words = view.lex.words("offence_verbs")
    out = []
    for r in reading.readings:
        t = r.trigger
        if t.relation == "opposes" and words and any(tok.lemmas & words for tok in view.doc.tokens[t.start:t.end]):
            offenders = _unique([x for x, _ in r.pairs]) or _stance_subject(view, t)
            accusers = _accusers(view, min([t.start] + [m.start for m in view.actors if m.entity_id in offenders
                                                         and m.end <= t.start]))
            r = Reading(t, tuple((a, o) for a in accusers for o in offenders if a != o), r.made, r.qualifiers,
                        r.speaker)
        out.append(r)
    return SentenceReading(reading.clauses, tuple(out), reading.extra)


def _accusers(view: SentenceView, before: int) -> list[str]:
    """Who the sentence reports as saying what stands from `before` on: the actors right before
    a speech verb before it ("A and B said …"), or right after one that follows ("…, A said")."""
    first = view.first
    here = view.layer.in_sentence(view.sentence.index)
    holders = {m.start for m in here if view.type_of(m) == "Person"}
    # "the ministers of France and Italy said": states whose office holders the text leaves unnamed
    # speak through them («міністр Франції Барро» speaks himself)
    offices = [m for m in here if m.start in view.layer.complements and view.type_of(m) == "Country"
               and m.end not in holders]
    parties = sorted([m for m in view.actors if view.type_of(m) in PARTIES and m.kind != "adjective"] + offices,
                     key=lambda m: (m.start, m.end))
    for match in view.attributions:  # «за словами X», "according to X"
        after = [m for m in parties if 0 <= m.start - (first + match.end) <= 3]
        if after:
            return [after[0].entity_id]
    said = [match for match in view.speech if first + match.end <= before]
    if said:
        t0 = first + said[-1].start
        near = [m for m in parties if m.end <= t0 and t0 - m.end <= 2]
        if near:
            return _unique(m.entity_id for m in _group_at(view, [m for m in parties if m.end <= t0], near[-1]))
        return []
    later = [match for match in view.speech if first + match.start > before]
    if later:  # "…, Japan said", "…, said Japan"
        t0, t1 = first + later[0].start, first + later[0].end
        near = [m for m in parties if 0 <= m.start - t1 <= 3 or (m.start > before and 0 <= t0 - m.end <= 2)]
        return [near[0].entity_id] if near else []
    return []


def envoys(view: SentenceView, reading: SentenceReading) -> SentenceReading:
    """Reads stance triggers that end in an envoy noun («викликало посла України», "summon
    ambassador"). Sets their objects to the state the envoy serves, named right after the
    noun (a name that only says whose office it is): the protest is that state's, not the man's."""
    nouns = view.lex.words("envoy_nouns")
    if not nouns:
        return reading
    out = []
    for r in reading.readings:
        t = r.trigger
        if t.relation in _STANCES and view.doc.tokens[t.end - 1].lemmas & nouns:
            served = [m for m in view.layer.in_sentence(view.sentence.index) if 0 <= m.start - t.end <= 1
                      and view.type_of(m) == "Country" and m.kind != "adjective"][:1]
            by = _unique([x for x, _ in r.pairs]) or _stance_subject(view, t)
            r = Reading(t, tuple((x, s.entity_id) for x in by for s in served if x != s.entity_id),
                        r.made, r.qualifiers, r.speaker)
        out.append(r)
    return SentenceReading(reading.clauses, tuple(out), reading.extra)


def own_side(view: SentenceView, reading: SentenceReading) -> SentenceReading:
    """Reads the offices the article states (the entity layer's roles). Sets each reading's
    `pairs` without those whose parties are an office holder and the state or body he holds
    it in: "Putin thanked Kim for his country's support" is no Putin supports Russia,
    «Лукашенко поблагодарил за поддержку заявки Минска» no Lukashenko supports Belarus."""
    offices = view.layer.offices
    if not offices:
        return reading
    out = []
    for r in reading.readings:
        if r.pairs and r.trigger.relation in _TWO_SIDES:
            kept = tuple(p for p in r.pairs if p not in offices and (p[1], p[0]) not in offices)
            if kept != r.pairs:
                r = Reading(r.trigger, kept, r.made, r.qualifiers, r.speaker)
        out.append(r)
    return SentenceReading(reading.clauses, tuple(out), reading.extra)


def qualifiers(view: SentenceView, reading: SentenceReading) -> SentenceReading:
    """Reads each trigger's clause (and the sentence's lead-in) for domain, date, place, trend,
    negation and modality. Sets the `qualifiers` of each reading that has pairs."""
    domains: dict[tuple[int, int], list[str]] = {}  # per clause: the lexicon's domains, found once
    trends: dict[tuple[int, int], list] = {}
    out = []
    for r in reading.readings:
        if r.pairs:
            q = _founded_when(view, r, _qualifiers(view, r.trigger, domains, trends))
            r = Reading(r.trigger, r.pairs, r.made, q, r.speaker)
        out.append(r)
    return SentenceReading(reading.clauses, tuple(out), reading.extra)


def _founded_when(view: SentenceView, r: Reading, q: Qualifiers) -> Qualifiers:
    """"It was founded in 2001. Its founders were A, B and C": a founder is a member since the
    year the article says the organisation was founded."""
    words = view.lex.words("founder_words")
    if r.trigger.relation != "memberOf" or q.start or q.date or \
            not any(t.lemmas & words for t in view.doc.tokens[r.trigger.start:r.trigger.end]):
        return q
    orgs = {o for _, o in r.pairs}
    year = next((f.object for f in reversed(view.earlier) if f.relation == "inception" and f.subject in orgs), "")
    return replace(q, start=year) if year else q


def attribution(view: SentenceView, reading: SentenceReading) -> SentenceReading:
    """Reads speech verbs and attribution phrases («за словами», "according to"). Sets the
    `speaker` of each reading that has pairs (see `_speaker`)."""
    speakers: dict[Stretch, str] = {}  # per clause, found once
    out = []
    for r in reading.readings:
        if r.pairs:
            clause = r.trigger.clause
            if clause not in speakers:
                speakers[clause] = _speaker(view, clause)
            r = Reading(r.trigger, r.pairs, r.made, r.qualifiers, speakers[clause])
        out.append(r)
    return SentenceReading(reading.clauses, tuple(out), reading.extra)


def participation(view: SentenceView, reading: SentenceReading) -> SentenceReading:
    """Reads the facts so far and the sentence's event mentions. Adds `participatesIn` facts:
    who signs or meets at a named summit takes part in it, and so do the leaders or states
    the sentence gathers there («глави всіх шести країн», "the six leaders")."""
    reading = _taking_part(reading)
    # the event and the signing or meeting in one clause: «угоди, які держави зобов'язалися
    # укласти … відповідно до декларації, ухваленої під час саміту» signs nothing at the summit
    told = [r for r in reading.readings if r.trigger.relation in ("signsAgreementWith", "meetsWith") and r.pairs]
    clauses_ = {r.trigger.clause for r in told}
    within = (lambda m: any(c.first <= m.start < c.last for c in clauses_))  # noqa: E731
    events = [m for m in view.actors if view.type_of(m) in EVENT_TYPES - DOCUMENT_TYPES and within(m)] or \
        _gathering_before(view, clauses_)
    facts = SentenceReading(reading.clauses, tuple(told)).facts(view)
    gathering = [f for f in facts if f.asserted]
    if not events or not gathering:
        return reading
    parties = _unique([p for f in gathering for p in (f.subject, f.object)] +
                      [m.entity_id for m in view.actors if m.kind == "group"
                       and view.type_of(m) in ("Person", "Country") and within(m)])
    q0 = gathering[0].qualifiers
    q = Qualifiers(date=q0.date, start=q0.start, end=q0.end, place=q0.place)
    prov = Provenance(view.article_id, view.sentence.text, view.sentence.start, view.sentence.end,
                      "relations.participation", 0.5)
    return SentenceReading(reading.clauses, reading.readings,
                           reading.extra + tuple(Fact(p, "participatesIn", events[0].entity_id, q, prov) for p in parties))


def _gathering_before(view: SentenceView, clauses_: set[Stretch]) -> list[ActorMention]:
    """"… were in Vilnius for the NATO summit. Kishida and Yoon met on the sidelines of the
    gathering": a gathering word in the clause is the summit the sentence before named."""
    words = view.lex.words("gathering_words")
    if not any(t.lemmas & words for c in clauses_ for t in view.doc.tokens[c.first:c.last]):
        return []
    here = view.sentence.index
    kinds = EVENT_TYPES - DOCUMENT_TYPES
    return [m for i in range(max(here - 1, 0), here) for m in view.layer.by_sentence.get(i, ())
            if view.layer.types.get(m.entity_id) in kinds and m.kind == "event"
            and not _of_another_year(view, m)][-1:]


_PART_GAP = 2  # tokens between a participation verb and the meeting it is in: «участвовали в видеоконференции»


def _taking_part(reading: SentenceReading) -> SentenceReading:
    """«В видеоконференции участвовали A, B, C и D»: who takes part in a gathering of many is
    told as taking part, not as meeting every other participant ("A and B took part in talks"
    still meet)."""
    part = [r.trigger for r in reading.readings if r.trigger.relation == "participatesIn"]
    if not part:
        return reading
    out = tuple(Reading(r.trigger, (), r.made, r.qualifiers, r.speaker)
                if r.trigger.relation == "meetsWith" and len({e for p in r.pairs for e in p}) > 2 and any(
                    p.clause == r.trigger.clause and (0 <= r.trigger.start - p.end <= _PART_GAP
                                                      or 0 <= p.start - r.trigger.end <= _PART_GAP) for p in part)
                else r for r in reading.readings)
    return SentenceReading(reading.clauses, out, reading.extra)


RELATION_STAGES = Stages((
    Stage("clauses", clauses),
    Stage("triggers", triggers),
    Stage("arguments", arguments),
    Stage("acts", acts),
    Stage("offences", offences),
    Stage("envoys", envoys),
    Stage("roles", own_side),
    Stage("qualifiers", qualifiers),
    Stage("attribution", attribution),
    Stage("participation", participation),
))


# -- attribution -------------------------------------------------------------

def _speaker(view: SentenceView, stretch: Stretch) -> str:
    """Who the sentence reports as saying what the stretch states: for a quotation, the
    actor beside a speech verb outside it («— сказав Сі», "Xi said"); for any stretch, the
    actor after «за словами», "according to". A speech verb in another clause ("…, and
    Japarov called it historic") attributes nothing else."""
    first = view.first
    quoted = view.doc.tokens[stretch.first].text in _QUOTES_OPEN | {'"'}
    speakers = [m for m in view.layer.in_sentence(view.sentence.index)
                if view.type_of(m) in PARTIES and m.kind != "adjective"]
    for match in view.attributions:
        t1 = first + match.end
        after = [m for m in speakers if 0 <= m.start - t1 <= 3]
        if after:
            return after[0].entity_id
    if not quoted:
        return ""
    for match in view.speech:
        t0, t1 = first + match.start, first + match.end
        if stretch.first <= t0 < stretch.last:
            continue
        near = [m for m in speakers if 0 <= m.start - t1 <= 3 or 0 <= t0 - m.end <= 3]
        if near:
            return min(near, key=lambda m: min(abs(m.start - t1), abs(t0 - m.end))).entity_id
    return ""


# -- triggers ----------------------------------------------------------------

def _role_noun(view: SentenceView, relation: str, start: int, end: int) -> bool:
    """Offices named by a noun ("leader", «речник») are read by the entity layer's appositions."""
    return relation in ("leaderOf", "representativeOf") and bool(view.lex.roles.find(view.doc.tokens[start:end]))


def _inside_name(view: SentenceView, start: int, end: int) -> bool:
    """"Treaty on ... Friendship and Cooperation": in English a capitalised trigger word
    past the sentence's start is part of a name, not a statement."""
    if not view.lex.grammar.capitalised_names or start == view.first:
        return False
    return all(t.text[:1].isupper() for t in view.doc.tokens[start:end] if t.is_word)


# -- arguments ---------------------------------------------------------------

def _arguments(view: SentenceView, r: Reading, actors: _ClauseActors) -> Reading:
    t = r.trigger
    relation, t0, t1, stretch = t.relation, t.start, t.end, t.clause
    spec = SPECS[relation]
    ms = actors.items
    if relation == "inception":
        return Reading(r.trigger, r.pairs, tuple(_inception(view, t0, t1, ms)), r.qualifiers, r.speaker)
    pairs: list[tuple[str, str]]
    if t.exit and _left_territory(view, ms, t1):
        pairs = []  # "demands Russia withdraw from Ukraine": troops leave a land, no member leaves
    elif relation == "memberOf" and (_is_membership_noun(view, t0, t1) or _inverted(view, t0, t1) or
                                   not any(view.type_of(m) in ORG_TYPES for m in ms if m.start >= t1)):
        pairs = _members(view, ms, t0, t1)
    elif relation == "participatesIn":
        pairs = _participation(view, actors, spec, t0, t1, stretch)
    elif relation == "mediates" and _mediators_after(view, actors, spec, t0, t1):
        pairs = _mediation(view, actors, spec, t0, t1)
    elif relation in SYMMETRIC:
        pairs = _symmetric(view, relation, actors, spec, t0, t1, stretch)
    else:
        pairs = _directed(view, relation, actors, spec, t0, t1, stretch)
    if relation == "cooperatesWith" and pairs and _agreement_topic(view, t0, t1):
        pairs = _states_of(view, pairs)
    return Reading(r.trigger, tuple(pairs), r.made, r.qualifiers, r.speaker)


_TOPIC_GAP = 3  # tokens: «угоду про безпекове співробітництво», "agreement on security cooperation"


def _agreement_topic(view: SentenceView, t0: int, t1: int) -> bool:
    """Whether the cooperation is what an agreement is about: a signing trigger ends just
    before it («угоду про співробітництво») or starts right after it ("cooperation agreement")."""
    return any(rel == "signsAgreementWith" and (0 <= t0 - b <= _TOPIC_GAP or a == t1)
               for a, b, rel in view.triggers)


def _states_of(view: SentenceView, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """«Сунак і Зеленський підписали угоду про безпекове співробітництво»: the leaders sign,
    the cooperation the agreement sets up is between their states (the offices the article
    states; where one side's is not stated, both stay as named)."""
    office: dict[str, str] = {}
    for person, relation, of, *_ in sorted(view.layer.roles, key=lambda r: r[1] != "leaderOf"):
        office.setdefault(person, of)
    out = []
    for a, b in pairs:
        x, y = office.get(a, a), office.get(b, b)
        if (x == a) != (y == b):
            x, y = a, b  # one side's office unknown: both stay at the level the text names
        if x != y and (x, y) not in out:
            out.append((x, y))
    return out


def _mediators_after(view: SentenceView, actors: _ClauseActors, spec, t0: int, t1: int) -> list[ActorMention]:
    """Who mediates where the trigger names them after it: "a truce mediated by Qatar and
    Egypt", "agreements brokered by Turkey" (an agent word), «за посередництва ОАЕ», «при
    посредничестве Китая» (the noun's genitive right after it)."""
    doc, g = view.doc, view.lex.grammar
    at = t1 + 1 if t1 < len(doc.tokens) and doc.tokens[t1].text.lower() in g.agent_words else t1
    if at == t1 and not (g.case_marking and _nominal(view, t0, t1)):
        return []
    ms = [m for m in actors.items if view.type_of(m) in spec.subjects and m.kind != "adjective"]
    first = next((m for m in ms if m.start >= at), None)
    skipped = doc.tokens[at:first.start] if first else ()
    if first is None or any(t.text.lower() not in g.articles for t in skipped):
        return []
    # «за посередництва Катару Росія та Україна»: the list goes on only in the mediator's case
    cases = doc.tokens[first.start].analysis.any_cases
    return [m for m in _group_at(view, ms, first) if not (g.case_marking and cases) or
            cases & doc.tokens[m.start].analysis.any_cases]


def _mediation(view: SentenceView, actors: _ClauseActors, spec, t0: int, t1: int) -> list[tuple[str, str]]:
    """A mediator named after the trigger mediates between the parties "between" names, else
    the parties the sentence names before it ("Hamas released …, and Israel freed …, under a
    truce mediated by Qatar") or after the mediators, else those the sentence before named («Україна і Росія
    обмінялися полоненими. Обмін відбувся за посередництва ОАЕ.»): two or more of them."""
    mediators = _mediators_after(view, actors, spec, t0, t1)
    ids = {m.entity_id for m in mediators}
    party = (lambda m: view.type_of(m) in spec.objects and m.kind != "adjective" and m.entity_id not in ids
             and view.type_of(m) not in ("City", "Region", "Place"))
    between = view.lex.grammar.between_words
    after = [m for m in view.actors if m.start > mediators[-1].end and party(m)
             and any(t.text.lower() in between for t in view.doc.tokens[t1:m.start])]
    parties = after or [m for m in view.actors if m.end <= t0 and party(m) and m not in view.places]
    if len({m.entity_id for m in parties}) < 2:  # «За посередництва Катару Росія та Україна обмінялися …»
        parties = [m for m in view.actors if m.start >= mediators[-1].end and party(m) and m not in view.places]
    if len({m.entity_id for m in parties}) < 2:
        here = view.sentence.index
        parties = [m for m in view.layer.by_sentence.get(here - 1, ()) if party(m)] if here else []
    names = _unique(m.entity_id for m in parties)
    if len(names) < 2:
        return []
    return [(m, p) for m in _unique(m.entity_id for m in mediators) for p in names]


def _left_territory(view: SentenceView, ms: list[ActorMention], t1: int) -> bool:
    """Whether what an exit trigger leaves is a state or a place, not an organisation: the
    first actor right after it (the object of "withdraw from", «вийти з»)."""
    after = [m for m in ms if 0 <= m.start - t1 <= 2 and m.kind != "adjective"]
    return bool(after) and view.type_of(after[0]) not in ORG_TYPES


def _in(view: SentenceView, stretch: Stretch) -> list[ActorMention]:
    return [m for m in view.actors if stretch.first <= m.start < stretch.last]


def _is_place(doc: Document, lex: Lexicon, m: ActorMention, etype: str) -> bool:
    if m.start == 0:
        return False
    prev = doc.tokens[m.start - 1].text.lower()
    g = lex.grammar
    if doc.tokens[m.start - 1].lemmas & lex.words("city_nouns"):
        return True  # «у місті Сіань», "the city of Xi'an"
    if prev == "," and m.start >= 3 and doc.tokens[m.start - 2].text[:1].isupper() and \
            doc.tokens[m.start - 3].text.lower() in g.location_prepositions:
        return True  # "a command in Wiesbaden, Germany": the country says where the town is
    if prev not in g.location_prepositions:
        return False
    if doc.tokens[m.end - 1].text.endswith(g.possessive_endings):
        return False  # "took aim at Washington's trade policy": an owner, not a place
    return not g.case_marking or "loct" in doc.tokens[m.start].analysis.cases or etype in ("City",)


def _group_at(view: SentenceView, ms: list[ActorMention], anchor: ActorMention) -> list[ActorMention]:
    """The coordinated list an actor belongs to («Китай і Казахстан», "A, B and C"): the anchor,
    the actors beginning where it does, then leftwards and rightwards while the words between
    only join a list. `ms` is in text order; one span named twice counts once (its last reading).
    Only the actors next to the list are read, however long `ms` is."""
    tokens = view.doc.tokens
    lo = bisect.bisect_left(ms, anchor.start, key=_start)
    hi = bisect.bisect_right(ms, anchor.start, key=_start)
    run = _once(ms[lo:hi])
    idx = next(i for i, m in enumerate(run) if m is anchor or m.entity_id == anchor.entity_id)
    group = [run[idx]] + run[idx - 1::-1] if idx else [run[idx]]
    first = run[0]
    while lo > 0:  # leftwards, a run of equal starts at a time
        prev_lo = bisect.bisect_left(ms, ms[lo - 1].start, key=_start)
        prev = _once(ms[prev_lo:lo])
        if not _list_gap(view, tokens[prev[-1].end:first.start]):
            break
        group.extend(reversed(prev))
        first, lo = prev[0], prev_lo
    group.extend(run[idx + 1:])
    last = run[-1]
    while hi < len(ms):  # rightwards
        nxt_hi = bisect.bisect_right(ms, ms[hi].start, key=_start)
        nxt = _once(ms[hi:nxt_hi])
        if not _list_gap(view, tokens[last.end:nxt[0].start]):
            break
        group.extend(nxt)
        last, hi = nxt[-1], nxt_hi
    return group


def _start(m: ActorMention) -> int:
    return m.start


def _once(run: list[ActorMention]) -> list[ActorMention]:
    """Actors of one start, a span named twice for one entity kept once (its last reading) in
    the place of its first."""
    return list({(m.start, m.end, m.entity_id): m for m in run}.values())


def _negated(doc: Document, lex: Lexicon, m: ActorMention) -> bool:
    """«без участі Москви», "without Russia": the actor is named as left out."""
    before = {t.lemma for t in doc.tokens[max(0, m.start - 2):m.start]}
    return bool(before & lex.words("exclusion"))


def _list_gap(view: SentenceView, gap) -> bool:
    """Whether the words between two actors only join them into one list."""
    if len(gap) > 8:
        return False
    lex = view.lex
    g = lex.grammar
    fillers = lex.words("list_fillers") | g.coordinators | g.list_joiners | g.with_words | {","}
    return all(t.text.lower() in fillers or t.lemma in fillers or t.lemma in lex.numbers
               or t.index in view.adjective_tokens or t.index in view.layer.role_tokens
               or t.index in view.complement_tokens
               or _adjective_like(t, g.list_adjective_suffixes) for t in gap)


def _participants(view: SentenceView, actors: _ClauseActors, types: frozenset[str]) -> _Run:
    return actors.select(("parties", types), lambda m: view.type_of(m) in types and m.kind != "adjective"
                         and m not in view.places)


def _symmetric(view: SentenceView, relation, actors: _ClauseActors, spec, t0, t1,
               stretch: Stretch | None = None) -> list[tuple[str, str]]:
    """The list just before the trigger and the one just after it (after "with", «з»,
    "between"): every pair of parties at one level, people with people, states with states."""
    if _names_a_format(view, t0):
        return []
    doc = view.doc
    parts = _participants(view, actors, spec.subjects | spec.objects)
    before = parts.ending_by(t0)
    after = parts.starting_from(t1)
    if after and view.last_topic[after[-1].start - 1 - view.first] >= t1:
        after = [m for m in after if not _topic(view, t1, m)]  # a topic word after the trigger: ask each
    tail = _group_at(view, after, after[0]) if after and (
        after[0].start - t1 <= 4 or _list_gap(view, doc.tokens[t1:after[0].start])) else []
    head: list[ActorMention] = []
    if len({m.entity_id for m in tail}) >= 2 and _nominal(view, t0, t1) and _owned(view, after[0], t1):
        head, tail = tail, []  # «співпраця Китаю з Казахстаном», "cooperation between A and B"
    elif before and t0 - before[-1].end <= _MAX_SUBJECT_GAP:
        head = _group_at(view, before, before[-1])
    elif not before and stretch is not None and stretch.relative:
        head = _antecedent(view, stretch, spec.subjects)  # «Китай, який є … партнером …»
    if not head and not before and stretch is not None:
        head = _carried_subject(view, stretch, spec.subjects)
    elif not before and view.lex.grammar.case_marking:
        # «…21 февраля подписали главы … Камчыбек Ташиев и Саймумин Ятимов»: the subject after the verb
        near = itertools.takewhile(lambda m: m.start - t1 <= _MAX_SUBJECT_GAP, after)  # `after` is in text order
        inverted = [m for m in near if m.kind in ("name", "role") and "nomn" in doc.tokens[m.start].analysis.cases]
        if inverted:
            head, tail = _group_at(view, inverted, inverted[0]), []
    if len(head) == 1 and not tail and (relation == "partnerOf" or
                                        (relation == "meetsWith" and view.type_of(head[0]) == "Person")):
        # «Казахстан називає Китай своїм партнером», "Japan regards the Philippines as a partner",
        # «сказав Сі казахстанському колезі Токаєву на зустрічі»: the other party just before
        earlier = [m for m in before if m.end <= head[0].start and head[0].start - m.end <= 4
                   and view.type_of(m) == view.type_of(head[0])]
        if earlier:
            head = [earlier[-1]] + head
    return _pairs(head, tail, view.type_of)


def _owned(view: SentenceView, m: ActorMention, t1: int) -> bool:
    """«співпраця Китаю з Казахстаном», "talks between A and B": the parties follow the noun
    itself (a genitive, or "between"), not a preposition («переговоры с Путиным»)."""
    if m.start == t1:
        return True
    gap = [t.text.lower() for t in view.doc.tokens[t1:m.start]]
    return len(gap) == 1 and gap[0] in view.lex.grammar.party_words


def _topic(view: SentenceView, t1: int, m: ActorMention) -> bool:
    """«угода про будівництво ГЕС …», "an agreement on the dam": what a deal is about is no
    party to it, unless a partner word («між», "with") comes after the topic word."""
    if m.start <= t1:
        return False
    at = m.start - 1 - view.first  # the last token between the trigger and the actor
    topic, partner = view.last_topic[at], view.last_partner[at]
    return topic >= t1 and topic > partner


def _nominal(view: SentenceView, t0: int, t1: int) -> bool:
    """A trigger noun whose parties follow it («співпраця Китаю з …», "talks between …")."""
    doc = view.doc
    if view.lex.grammar.case_marking:
        # «війни» is read first as a verb («війнути»); a verb has no case, a noun reading does
        a = doc.tokens[t1 - 1].analysis
        return a.pos == "NOUN" or (a.pos == "VERB" and bool(a.any_cases))
    nxt = doc.tokens[t1].text.lower() if t1 < len(doc.tokens) else ""
    return nxt in view.lex.grammar.party_words


def _names_a_format(view: SentenceView, t0: int) -> bool:
    """«формат співпраці», "mechanism of cooperation": the trigger names a format, not a fact."""
    nouns = view.lex.words("format_words")
    return any(l in nouns for t in view.doc.tokens[max(0, t0 - 2):t0] for l in t.lemmas)


def _carried_subject(view: SentenceView, stretch: Stretch, types: frozenset[str]) -> list[ActorMention]:
    """«Зеленський прибув до Вашингтона, де зустрівся з Трампом», "… and met Trump": a clause
    without a subject of its own goes on with the sentence's (a subject that opens it)."""
    first = view.first
    doc = view.doc
    if stretch.resumes >= 0:
        return [m for m in view.actors if m.end == stretch.resumes and view.type_of(m) in types
                and m.kind != "adjective"][-1:]
    if stretch.first == first or stretch.relative:
        return []
    opener = doc.tokens[stretch.first].text.lower()
    gerund = any(t.analysis.pos == "GRND" for t in doc.tokens[stretch.first:stretch.first + 2])
    if opener not in view.lex.words("carry_openers") and not gerund:  # «…, виступаючи на …»
        return []
    subject = [m for m in view.actors if m.start <= first + 2 and m.end <= stretch.first
               and view.type_of(m) in types and m.kind in ("name", "role", "surname", "pronoun")
               and (not view.lex.grammar.case_marking or "nomn" in doc.tokens[m.start].analysis.cases)]
    return subject[:1]


def _indirect_object(view: SentenceView, m: ActorMention) -> bool:
    """A dative in uk/ru; in English a bare noun after the verb, before what is given ("send
    Ukraine military aid"; "urged Washington to …" is a subject, "in Wiesbaden, Germany," a place)."""
    doc = view.doc
    if m in view.places:
        return False
    if view.lex.grammar.case_marking:
        return "datv" in doc.tokens[m.start].analysis.cases
    nxt = doc.tokens[m.end] if m.end < len(doc.tokens) else None
    return nxt is not None and nxt.is_word and nxt.text.lower() not in view.lex.grammar.infinitive_markers


def _antecedent(view: SentenceView, stretch: Stretch, types: frozenset[str]) -> list[ActorMention]:
    """"Xi, who travelled to Kazakhstan": the actor just before a relative clause."""
    if not stretch.relative:
        return []
    prior = [m for m in view.actors if m.end <= stretch.first - 1 and view.type_of(m) in types]
    # the noun right before the comma: «Боррель пояснив, що …» opens no relative clause
    if not prior or stretch.first - 1 != prior[-1].end:
        return []
    if stretch.participle and not _agrees(view, view.doc.tokens[stretch.first], view.doc.tokens[prior[-1].start]):
        return []  # «пакет санкцій проти Росії, приурочений до …»: the participle is the package's
    return [prior[-1]]


def _agrees(view: SentenceView, word, noun) -> bool:
    """Whether a participle agrees with a noun in gender and case (where endings show them)."""
    if not view.lex.grammar.case_marking:
        return True
    a, b = word.analysis, noun.analysis
    if a.gender and b.gender and a.gender != b.gender:
        return False
    return not (a.any_cases and b.any_cases) or bool(a.any_cases & b.any_cases)


def _directed(view: SentenceView, relation, actors: _ClauseActors, spec, t0, t1, stretch=None) -> list[tuple[str, str]]:
    doc, lex = view.doc, view.lex
    g = lex.grammar
    ms = actors.items
    if stretch is not None and stretch.relative:
        fronted = _relative_object(view, actors, spec, t0, t1, stretch)
        if fronted is not None:
            return fronted
    subjects_ = actors.select(("of", spec.subjects), lambda m: view.type_of(m) in spec.subjects)
    before = subjects_.ending_by(t0)
    carried = not before and stretch is not None
    if carried:
        before = _antecedent(view, stretch, spec.subjects) or _carried_subject(view, stretch, spec.subjects)
    after = actors.select(("of", spec.objects), lambda m: view.type_of(m) in spec.objects).starting_from(t1)
    genitive_agent = False  # the object list lost its first actor to the subject
    owner = _possessor(view, before, t0)
    if owner:
        before = [owner]  # "described China as an enabler of Russia's war": the war is Russia's
    elif not g.case_marking:
        # "Finland closed its border with Russia, accusing Moscow": an actor after a
        # preposition is no subject (where case endings say so, the nominative below does)
        prepositions = lex.words("prepositions")
        free = (lambda m: m.start == 0 or doc.tokens[m.start - 1].text.lower() not in prepositions)
        # ("ministers of the Group of Seven condemned": an actor after "of" still, "in Kazakhstan" never)
        before = ([m for m in before if free(m)] if carried else
                  actors.select(("free", spec.subjects), lambda m: view.type_of(m) in spec.subjects and free(m))
                  .ending_by(t0)) or [m for m in before if m not in view.places]
    unfiltered = list(before)
    if g.case_marking:
        # «російський удар» names who strikes; «російського СПГ» names no one who bans
        adjectives_act = relation in ADJECTIVE_AGENTS
        # «Київ подав до СОТ позови»: who takes a stance is no name after a preposition, however
        # its case reads (a subject carried from the clause before is read as it was there)
        bare = (lambda m: carried or relation not in _STANCES or not _after_preposition(view, m))
        nominal = (lambda m: (m.kind == "adjective" and adjectives_act) or m.kind in ("group", "role") or
                   ("nomn" in doc.tokens[m.start].analysis.cases and bare(m)))
        nominative = [m for m in before if nominal(m)] if carried else \
            actors.select(("nominative", spec.subjects, adjectives_act),
                          lambda m: view.type_of(m) in spec.subjects and nominal(m)).ending_by(t0)
        # where no actor is in the nominative, one named as a place is still no subject
        # («участники референдума в Казахстане поддержали»)
        before = [owner] if owner else nominative or [m for m in before if m not in view.places and bare(m)]
        nxt = doc.tokens[t1] if t1 < len(doc.tokens) else None
        if relation in AGENTIVE_GENITIVE and _nominal(view, t0, t1) and nxt is not None and nxt.is_word \
                and "gent" in nxt.analysis.any_cases and nxt.analysis.pos in ("NOUN", "ADJF") \
                and nxt.text.lower() not in lex.words("prepositions"):  # «до» is no noun here
            # «вторгнення Росії в Україну», «вплив Ірану в Сирії»: the noun's genitive is who
            # acts; «візит спикера … на Тайвань» names an actor the text does not make one
            if not (after and after[0].start == t1 and view.type_of(after[0]) in spec.subjects
                    and after[0].kind != "adjective"):  # «імпорт російського СПГ»: a describer, no agent
                return []
            before, after = [after[0]], after[1:]
            genitive_agent = True
    if relation == "attacks" and not owner and not genitive_agent and _no_attacker(view, t0, t1):
        return []
    if not before and relation in _STANCES:
        sent = _sent_after(view, ms, t0, t1) or _fronted_act(view, ms, t0, t1, stretch) if g.case_marking \
            else _sent_from(view, ms, t1)
        if sent:
            return sent
    subjects = _group_at(view, before, before[-1]) if before else []
    # «У Москві рішення МКС відкинули»: the seat speaks where no subject, or only an acronym
    # owning the noun before it («лідери ЄС підтримали» keeps the EU), stands before the verb
    seat = _seat(view, stretch, t0) if relation in _STANCES and stretch is not None and (
        not subjects or all(_owner_acronym(view, m) and view.doc.tokens[m.start - 1].lemmas
                            .isdisjoint(lex.words("person_nouns")) for m in subjects)) else []
    seated = bool(seat)
    if seated:
        subjects = seat
    if not subjects:
        return []
    # "strikes on Houthi targets in Yemen", «обстріляли в Карабасі»: where an act happens is
    # not what it is done to (a visit's object or an influence's sphere is the place itself)
    where = view.places if relation not in ("visits", "influences") else frozenset()
    if relation in ("attacks",):
        near = bool(before) and t0 - before[-1].end <= _ACT_SUBJECT_GAP
        objects_ = _before_place(after, frozenset(m for m in where if not _struck_place(view, m, t0, t1, near)))
        # "a response to Houthi attacks": an adjective before another act names its doer
        acts_at = {a for a, _, rel in view.triggers if rel == "attacks" and a != t0}
        objects_ = [m for m in objects_ if not (m.kind == "adjective" and m.end in acts_at)]
        if objects_ and _broken_off(view, t1, objects_[0]):
            return []  # «вторгнення Росії, кризу у відносинах Києва і Варшави»: the comma ends the act
    elif not genitive_agent:
        objects_ = _before_place(actors.select(("objects", spec.objects),
                                               lambda m: view.type_of(m) in spec.objects and m.kind != "adjective")
                                 .starting_from(t1), where)
    else:
        objects_ = _before_place([m for m in after if m.kind != "adjective"], where)
    if relation == "providesAidTo":
        # "handed over Sweden's instrument": the owner of what is handed over is no recipient
        # ("backed Moldova's bid" backs Moldova, "struck Ukraine's cities" strikes Ukraine)
        objects_ = [m for m in objects_ if not _possessive(view, doc.tokens[m.end - 1])]
    if relation == "opposes":
        objects_ = _before_charge(view, t0, t1, objects_)
    if seated and not objects_:
        # «У Москві рішення МКС відкинули»: the object stands between the seat and the verb
        objects_ = [m for m in ms if subjects[0].end <= m.start and m.end <= t0 and m.kind != "adjective"
                    and view.type_of(m) in spec.objects and m not in where]
    if not objects_ and where and any(m in where and m.start >= t1 for m in ms):
        return []  # "help end the war in Yemen": the act's object is where it happens, no one
    if not objects_ and relation == "influences" and stretch is not None:
        objects_ = _there(view, stretch, spec.objects)
    if not objects_ and relation == "providesAidTo" and len(unfiltered) >= 2 and _indirect_object(view, unfiltered[-1]):
        # «надала Молдові допомогу», "send Ukraine military aid": the recipient stands before the aid
        recipient = unfiltered[-1]
        subjects = [m for m in subjects if m.start < recipient.start] or \
            (_group_at(view, before[:-1], before[-2]) if len(before) >= 2 else [])
        return [(s.entity_id, recipient.entity_id) for s in subjects if s.entity_id != recipient.entity_id]
    if relation == "visits":
        objects_ = [m for m in objects_ if view.type_of(m) in spec.objects]
        if not objects_:
            # «перебуває в Казахстані з державним візитом», "is in Astana on a state visit"
            objects_ = [m for m in ms if m.end <= t0 and m in view.places and view.type_of(m) in spec.objects
                        and m.start > subjects[-1].start][-1:]
    if not objects_ or (objects_[0].start - t1 > g.max_object_gap and objects_[0].start >= t1):
        return []  # "welcomed the new package and called for … pressure on Moscow": too far to be it
    objs = _group_at(view, objects_, objects_[0])
    if relation == "supports" and all(m.kind == "group" for m in objs) and \
            not {m.entity_id for m in objs} & {m.entity_id for m in subjects}:
        # "congratulated both countries" on their accord: backing both sides takes no side
        # (while «Казахстан і Китай підтримують одне одного» back each other)
        return []
    if relation in AGENT_PHRASE_RELATIONS and _agent_phrase(view, t0, t1, objs, unfiltered):
        # what is acted on is someone: "Грузинскую мечту" names a party, not Georgia
        return [(o.entity_id, s.entity_id) for s in subjects for o in objs
                if o.entity_id != s.entity_id and s.kind != "adjective"]
    return [(s.entity_id, o.entity_id) for s in subjects for o in objs]


def _sent_after(view: SentenceView, ms: list[ActorMention], t0: int, t1: int) -> list[tuple[str, str]]:
    """«Поздравления Мирзиёеву направили Путин, Си Цзиньпин и Токаев», «Привітання Санду
    надіслали …»: a stance noun, whom it goes to in the dative, a verb, then who sends it in
    the nominative after the verb."""
    doc = view.doc
    if doc.tokens[t0].analysis.pos != "NOUN":
        return []
    verb = next((t.index for t in doc.tokens[t1:min(len(doc.tokens), t1 + 6)] if t.analysis.pos == "VERB"), -1)
    if verb < 0:
        return []
    to = [m for m in ms if t1 <= m.start and m.end <= verb and m.kind != "adjective"
          and "datv" in doc.tokens[m.start].analysis.cases]
    # a name's case may read wrong where an office noun in the nominative heads it («президентка … Урсула»)
    headed = verb + 1 in view.layer.role_tokens and "nomn" in doc.tokens[verb + 1].analysis.cases
    by = [m for m in ms if m.start > verb and m.start - verb <= 4 and m.kind in ("name", "role", "surname")
          and ("nomn" in doc.tokens[m.start].analysis.cases or headed)]
    if not by:
        return []
    if to:
        recipients = [o.entity_id for o in _group_at(view, to, to[0])]
    elif any(k in view.layer.role_tokens and "datv" in doc.tokens[k].analysis.cases for k in range(t1, verb)):
        recipients = _person_in_focus(view)  # «Поздравления новому президенту направили …»
    else:
        return []
    # «… и лидеры государств Центральной Азии»: a region whose leaders go unnamed sends nothing
    senders = [m for m in _group_at(view, [m for m in ms if m.start > verb], by[0])
               if view.type_of(m) not in ("Region", "City")]
    return [(s.entity_id, o) for s in senders for o in recipients if s.entity_id != o]


def _fronted_act(view: SentenceView, ms: list[ActorMention], t0: int, t1: int,
                 stretch: Stretch | None) -> list[tuple[str, str]]:
    """«Запуск ракети засудили Японія та Південна Корея»: the act's noun opens the clause, a
    plural verb, then who takes the stance in the nominative; the stance is on who did the act."""
    doc = view.doc
    verb = doc.tokens[t0].analysis
    if stretch is None or verb.pos != "VERB" or verb.number != "plur":
        return []
    by = [m for m in ms if 0 <= m.start - t1 <= 3 and m.kind in ("name", "role", "surname")
          and "nomn" in doc.tokens[m.start].analysis.cases]
    told = _told_acts(view)
    noun = next((min(t.lemmas & told.keys()) for t in doc.tokens[stretch.first:t0] if t.lemmas & told.keys()), None)
    if not by or noun is None:
        return []
    doers = _teller(view, told[noun] | {noun})
    senders = [m for m in _group_at(view, [m for m in ms if m.start >= t1], by[0])
               if view.type_of(m) not in ("Region", "City")]
    return [(s.entity_id, d) for s in senders for d in doers if s.entity_id != d]


def _sent_from(view: SentenceView, ms: list[ActorMention], t1: int) -> list[tuple[str, str]]:
    """"Congratulations to Mirziyoyev came from Putin and Xi": with no subject before the stance
    noun, the list after it is whom it goes to, and the list after an agent word who sends it."""
    agents = view.lex.grammar.agent_words
    after = [m for m in ms if m.start >= t1 and m.kind != "adjective"]
    if not after or after[0].start - t1 > 2:
        return []
    to = _group_at(view, after, after[0])
    rest = [m for m in after if m.start >= to[-1].end]
    gap = view.doc.tokens[to[-1].end:rest[0].start] if rest else []
    if not rest or len(gap) > 3 or not any(t.text.lower() in agents for t in gap):
        return []
    return [(s.entity_id, o.entity_id) for s in _group_at(view, rest, rest[0]) for o in to if s.entity_id != o.entity_id]


_FOCUS_SENTENCES = 2


def _person_in_focus(view: SentenceView) -> list[str]:
    """«новому президенту», "the re-elected leader": the person the sentences just before had as
    their subject (the last named in the nominative, a pronoun for him included)."""
    doc, here = view.doc, view.sentence.index
    for s in range(here - 1, max(-1, here - 1 - _FOCUS_SENTENCES), -1):
        people = [m for m in view.layer.in_sentence(s) if view.layer.types.get(m.entity_id) == "Person"
                  and m.kind != "adjective" and "nomn" in doc.tokens[m.start].analysis.cases]
        if people:
            return [people[-1].entity_id]
    return []


def _before_charge(view: SentenceView, t0: int, t1: int, objects: list[ActorMention]) -> list[ActorMention]:
    """"accused criminal groups of trying to meddle in the election", «звинуватила угруповання у
    спробах втручатися у вибори»: whom an accusation names stands before its charge; what the
    charge phrase names is no one accused."""
    lex = view.lex
    if not any(t.lemmas & lex.words("accusation_words") for t in view.doc.tokens[t0:t1]):
        return objects
    words = lex.words("charge_prepositions")
    charge = next((t.index for t in view.doc.tokens[t1:t1 + lex.grammar.max_object_gap] if t.text.lower() in words), None)
    if charge is None:
        return objects
    # «звинуватила у вибуху Росію»: where case tells it, an accusative after the charge is whom
    return [m for m in objects if m.start < charge or (
        lex.grammar.case_marking and not _after_preposition(view, m)
        and "accs" in view.doc.tokens[m.start].analysis.cases)]


def _owner_acronym(view: SentenceView, m: ActorMention) -> bool:
    """«рішення МКС», «заява ОДКБ»: an indeclinable acronym right after a common noun is that
    noun's owner (a genitive), not a subject."""
    if m.start == 0 or not view.doc.tokens[m.start].text.isupper():
        return False
    prev = view.doc.tokens[m.start - 1]
    return prev.analysis.pos == "NOUN" and prev.index not in view.layer.role_tokens and not prev.text[:1].isupper()


def _seat(view: SentenceView, stretch: Stretch, t0: int) -> list[ActorMention]:
    """«У Кремлі відкинули звинувачення», «На Западе решение осудили», «В МИД России
    ответили критикой»: a plural verb without a subject, in a clause that opens with where a
    government or body sits, is that government speaking (a capital stands for its state)."""
    doc, g = view.doc, view.lex.grammar
    verb = doc.tokens[t0].analysis
    if not g.case_marking or verb.pos != "VERB" or verb.number != "plur":
        return []
    opening = [k for k in (stretch.first, view.first) if doc.tokens[k].text.lower() in g.location_prepositions]
    seat = [m for m in view.layer.in_sentence(view.sentence.index) if opening and m.start == opening[0] + 1
            and m.end <= t0 and m.kind != "adjective"][:1]
    if not seat:
        return []
    eid, gaz = seat[0].entity_id, load_gazetteer()
    state = gaz.get(eid).capital_of if eid in gaz else ""
    if state and state in view.layer.entities:
        return [dataclasses.replace(seat[0], entity_id=state)]
    return seat if view.type_of(seat[0]) in SPECS["opposes"].subjects - {"City"} else []


def _relative_object(view: SentenceView, actors: _ClauseActors, spec, t0: int, t1: int,
                     stretch: Stretch) -> list[tuple[str, str]] | None:
    """«Стояногло, якого підтримувала Партія соціалістів», "the resolution, which Russia
    vetoed": a relative clause with a subject of its own (the relative pronoun in an oblique
    case, or an actor between it and the verb) acts on the noun before it. None where the
    clause is not such a one, and the usual reading goes on."""
    doc, g = view.doc, view.lex.grammar
    if doc.tokens[stretch.first].text.lower() not in view.lex.words("object_relatives"):
        return None
    prior = [m for m in view.actors if m.end == stretch.first - 1 and view.type_of(m) in spec.objects
             and m.kind != "adjective"]
    if not prior:
        return None
    inside = [m for m in actors.items if view.type_of(m) in spec.subjects and m.kind != "adjective"
              and not _after_preposition(view, m) and m not in view.places]
    if g.case_marking:
        # the subject is the nominative, before the verb or (more often) after it
        own = [m for m in inside if "nomn" in doc.tokens[m.start].analysis.cases]
        near = [m for m in own if m.end <= t0] or [m for m in own if m.start >= t1]
        anchor = near[-1] if near and near[-1].end <= t0 else near[0] if near else None
    else:
        # "which Russia vetoed": the subject right after the pronoun ("which supports North
        # Korea, was criticised" has none: the pronoun is the subject)
        opening = [m for m in inside if m.end <= t0 and all(
            t.text.lower() in g.articles for t in doc.tokens[stretch.first + 1:m.start])]
        near = _group_at(view, [m for m in inside if m.end <= t0], opening[0]) if opening else []
        anchor = near[0] if near else None
    if anchor is None:
        return None
    obj = prior[-1].entity_id
    return [(m.entity_id, obj) for m in _group_at(view, near, anchor) if m.entity_id != obj]


def _participation(view: SentenceView, actors: _ClauseActors, spec, t0, t1, stretch) -> list[tuple[str, str]]:
    """"Japan and Korea took part in the summit", «У саміті взяли участь Індія, Бразилія …»:
    the event is the one the clause names (else the one named in the sentences just before);
    who takes part is the list before the trigger or, where the order is inverted, after it."""
    kinds = spec.objects - DOCUMENT_TYPES  # one signs a treaty, one takes part in a summit
    if t0 > 0 and view.doc.tokens[t0 - 1].text.lower() in view.lex.words("thanked_for"):
        return []  # «поблагодарил граждан за участие»: the participation is of whom he thanks
    events = [m for m in actors.items if view.type_of(m) in kinds]
    if events:
        at = min(events, key=lambda m: abs(m.start - t0))
    else:
        here = view.sentence.index
        recent = [m for i in range(max(here - 2, 0), here + 1) for m in view.layer.by_sentence.get(i, ())
                  if m.start < t0 and view.layer.types.get(m.entity_id) in kinds and m.kind == "event"
                  and (m.sentence == here or not _of_another_year(view, m))] or \
            (_story_event(view, kinds, t0, _rival(view, t0, t1)) if _rival(view, t0, t1) or _bare(view, t0, t1) else [])
        if not recent:
            return []
        at = recent[-1]
    event = at.entity_id
    # «саміт НАТО», "the SCO summit", "Taiwan's election": who names the event takes no part in it by that
    parts = [m for m in _participants(view, actors, spec.subjects).items if m.entity_id != event
             and not (0 <= m.start - at.end <= 1 or 0 <= at.start - m.end <= 1 or at.start <= m.start < at.end)]
    # "did not travel to South Africa and took part": the object of a preposition takes no part
    # («Путін до ПАР не поїхав і брав участь»; "the leaders of A and B took part" still do)
    of_words = view.lex.grammar.of_words
    before = [m for m in parts if m.end <= t0 and (not _after_preposition(view, m)
                                                   or view.doc.tokens[m.start - 1].text.lower() in of_words)]
    # «У саміті взяли участь Японія …»: who follows the trigger (or the event after it) right
    # after; "won the election on Saturday despite warnings from China" names no rival
    after = [m for m in parts if m.start >= t1]
    gap_from = max(t1, at.end if at.start >= t1 else t1)
    if after and (after[0].start - gap_from > _AFTER_GAP or any(
            t.analysis.pos == "VERB" for t in view.doc.tokens[gap_from:after[0].start])):
        # «участников референдума в Казахстане поддержали строительство АЭС»: past a verb, another clause's
        after = []
    if after and (not before or _rival(view, t0, t1)):
        # "her rival, former prosecutor Stoianoglo": the rival is who the noun names after it
        group = _group_at(view, after, after[0])
        group += _apposed(view, parts, max(m.end for m in group))
    elif before:
        group = _group_at(view, before, before[-1])
    else:
        group = _antecedent(view, stretch, spec.subjects) or _carried_subject(view, stretch, spec.subjects)
    # «лидеры Киргизии, Таджикистана и Узбекистана», "the leaders of A and B": the text names
    # the states, not their leaders, and states the fact at their level
    named = {m.start for m in group if m.kind != "group"}
    return [(m.entity_id, event) for m in group if not (m.kind == "group" and m.end in named)]


_LEAD = 3  # sentences: the title and the lead, which name the story's own event


def _rival(view: SentenceView, t0: int, t1: int) -> bool:
    """"rival", «соперник»: a trigger that names who stood against whom in a contest."""
    words = view.lex.words("rival_nouns")
    return any(t.lemmas & words or t.text.lower() in words for t in view.doc.tokens[t0:t1])


_CONTESTS = frozenset({"Election", "Vote"})  # a contest's candidates are told of all through its story


def _bare(view: SentenceView, t0: int, t1: int) -> bool:
    """"Putin took part by video link": a participation verb with no preposition after it to name
    what it is in ("took part in the talks", "a delegation of officials" name something else)."""
    g = view.lex.grammar
    nxt = view.doc.tokens[t1] if t1 < len(view.doc.tokens) else None
    named_by = g.location_prepositions | g.of_words  # "take part in": the trigger may end in one
    k = t1
    while k < len(view.doc.tokens) - 1 and view.doc.tokens[k].text.lower() in g.articles:
        k += 1  # "at the meeting"
    if k < len(view.doc.tokens) and view.doc.tokens[k].lemmas & view.lex.words("gathering_words"):
        return True  # «председательствовавший на встрече», "spoke at the meeting": the one in focus
    return nxt is not None and view.doc.sentence_of[t1] == view.sentence.index and nxt.is_word and \
        nxt.text.lower() not in named_by and view.doc.tokens[t1 - 1].text.lower() not in named_by and \
        view.doc.tokens[t0].analysis.pos != "NOUN"


def _story_event(view: SentenceView, kinds: frozenset[str], t0: int, contests: bool) -> list[ActorMention]:
    """"Lai won Taiwan's election … His two rivals, A and B, …", "BRICS summit in Johannesburg …
    Putin took part by video link": the event the title or the lead names, which the story goes
    on about, where no sentence just before names one (for rivals, the election or vote)."""
    lead = [m for i in range(min(_LEAD, view.sentence.index)) for m in view.layer.by_sentence.get(i, ())
            if view.layer.types.get(m.entity_id) in (kinds & _CONTESTS if contests else kinds)
            and m.kind == "event" and m.start < t0 and not _of_another_year(view, m)]
    return lead[:1] if len({m.entity_id for m in lead}) == 1 else []


_DASHES = frozenset({"—", "–", ":"})


def _apposed(view: SentenceView, parts: list[ActorMention], end: int) -> list[ActorMention]:
    """«трех соперников Мирзиёева — A от партии X, B и C —», "his two rivals: A and B": the
    list a dash or colon opens after the participants names them, up to the dash that closes
    it; only actors of the type of the first one it names (not the parties they stand for)."""
    toks = view.doc.tokens
    if end >= len(toks) or toks[end].text not in _DASHES:
        return []
    close = next((t.index for t in toks[end + 1:view.sentence.tokens[-1].index + 1] if t.text in _DASHES),
                 view.sentence.tokens[-1].index + 1)
    inside = [m for m in parts if end < m.start < close and m.kind != "adjective"]
    return [m for m in inside if view.type_of(m) == view.type_of(inside[0])] if inside else []


def _of_another_year(view: SentenceView, m: ActorMention) -> bool:
    """«лидеры одобрили еще на саммите в Душанбе в 2021 году. В видеоконференции участвовали …»:
    an event an earlier sentence dates to another year than the story's is not the one a
    sentence without a date of its own goes on about."""
    if view.published is None or any(d.start for d in view.dates):
        return False
    told = find_dates(view.doc.sentences[m.sentence].tokens, view.doc.lang, view.published)
    return any(len(d.start) >= 4 and d.start[:4] != str(view.published.year) for d in told)


def _before_place(objects: list[ActorMention], where: frozenset[ActorMention]) -> list[ActorMention]:
    """The objects up to the first place an act happens in: "the war in Yemen, … U.S. officials"
    — what follows the place belongs to another phrase."""
    out = []
    for m in objects:
        if m in where:
            break
        out.append(m)
    return out


_AFTER_GAP = 4  # tokens between a participation trigger and who takes part after it («взяли участь президент США»)
_ACT_SUBJECT_GAP = 3  # tokens: "it went to war", «Росія розв'язала війну»


def _struck_place(view: SentenceView, m: ActorMention, t0: int, t1: int, near: bool) -> bool:
    """Whether a place after an attack trigger is what is struck: "struck targets in Iran" (the
    unnamed targets are there), a state its subject's own war is waged in ("it went to war in
    Ukraine", "its operation in Ukraine") — but not a war the clause only mentions ("backed
    opposing sides in the war in Yemen", "sanctions over the war in Ukraine")."""
    gap = view.doc.tokens[t1:m.start]
    if any(t.is_word and t.text.lower() not in view.lex.grammar.location_prepositions for t in gap):
        return True
    return view.type_of(m) == "Country" and (near or _owned_act(view, t0))


_BREAKS = frozenset(",;:—–()")


def _no_attacker(view: SentenceView, t0: int, t1: int) -> bool:
    """Whether the clause's subject is no attacker, whoever else the clause names: the act is
    ended, not done ("talks to end the war in Yemen", «припинити війну»); the act's noun is
    inside a prepositional phrase ("sanctions over the aggression against Ukraine", «у зв'язку
    з агресією проти України») with no owner of its own; or the trigger is a participle that
    describes a place ("the occupied West Bank", «окупованих територіях»)."""
    doc, lex = view.doc, view.lex
    enders, prepositions = lex.words("act_enders"), lex.words("prepositions")
    articles = lex.grammar.articles
    k = t0 - 1
    while k >= max(0, t0 - 3) and (doc.tokens[k].text.lower() in articles or _describer(view, doc.tokens[k])):
        k -= 1  # "the", «нового збройного»: describers of the act's noun
    prev = doc.tokens[k] if k >= 0 else None
    if prev is not None and (prev.text.lower() in enders or prev.lemmas & enders):
        return True
    nxt = doc.tokens[t1].text.lower() if t1 < len(doc.tokens) else ""
    # "to strike" is a verb; "attacks by the group on ships" names its own attacker
    noun = (_nominal(view, t0, t1) if lex.grammar.case_marking else
            prev is not None and prev.text.lower() not in lex.grammar.infinitive_markers) \
        and nxt not in lex.grammar.agent_words
    if prev is not None and noun and prev.text.lower() in prepositions:
        return True
    return _attributive(view, t0, t1)


def _describer(view: SentenceView, tok) -> bool:
    """An adjective or a number before a noun: «нового», «повномасштабного», "full-scale"."""
    return tok.is_word and (tok.analysis.pos in ("ADJF", "ADJ", "NUMR") or "-" in tok.text) \
        and tok.text.lower() not in view.lex.words("prepositions")


def _attributive(view: SentenceView, t0: int, t1: int) -> bool:
    """"the occupied West Bank", «на окупованих територіях»: a participle before the noun it
    describes, with no agent phrase after it ("occupied by Russia" names one)."""
    doc, g = view.doc, view.lex.grammar
    trigger = doc.tokens[t0]
    nxt = doc.tokens[t1] if t1 < len(doc.tokens) else None
    if nxt is None or nxt.text.lower() in g.agent_words or "ablt" in nxt.analysis.cases:
        return False
    ending = tuple(view.lex.words("participle_endings")) or ("\0",)
    if g.case_marking:  # «окуповані» is read as an adjective where the dictionary has no participle
        return t1 - t0 == 1 and (trigger.analysis.pos == "PRTF" or
                                 trigger.analysis.pos == "ADJF" and trigger.text.lower().endswith(ending))
    prev = doc.tokens[t0 - 1] if t0 > 0 else None
    return t1 - t0 == 1 and trigger.text.lower().endswith(ending) and prev is not None \
        and prev.text.lower() in g.articles


def _broken_off(view: SentenceView, t1: int, first: ActorMention) -> bool:
    """Whether a mark of punctuation stands between the act and its first object."""
    return any(t.text in _BREAKS for t in view.doc.tokens[t1:first.start])


def _owned_act(view: SentenceView, t0: int) -> bool:
    """"its special military operation", «своєї війни», "Russia's war": a possessive stands
    before the act's noun, with only its describers between."""
    words = view.lex.words("possessive_determiners")
    for t in reversed(view.doc.tokens[max(0, t0 - 3):t0]):
        if t.text.lower() in words or t.lemmas & words or _possessive(view, t):
            return True
        if not t.is_word or t.analysis.pos not in ("ADJF", "ADJ", "PRTF", ""):
            return False
    return False


def _after_preposition(view: SentenceView, m: ActorMention) -> bool:
    """«в ШОС», "with Russia": the actor is the object of a preposition (an indeclinable name
    shows it by the word before it, not by its ending)."""
    return m.start > 0 and view.doc.tokens[m.start - 1].text.lower() in view.lex.words("prepositions")


def _possessor(view: SentenceView, before: list[ActorMention], t0: int) -> ActorMention | None:
    """"Russia's war", "Iran's strikes": the actor in the possessive right before the trigger
    noun is who acts, whatever else the clause names before it."""
    if not before:
        return None
    prev = view.doc.tokens[t0 - 1]
    lex = view.lex
    owners = lex.words("possessive_determiners") - lex.words("reflexive_determiners")
    if (prev.text.lower() in owners or prev.lemmas & owners) and not prev.lemmas & lex.words("reflexive_determiners"):
        # «санкції проти Росії за її війну», "thanked Germany for its support": the owner is
        # the actor named last before the possessive word (its own, «свою», the subject's)
        named = [m for m in before if m.kind != "adjective"]
        return named[-1] if named else None
    if before[-1].end != t0 or before[-1].kind == "adjective":
        return None
    return before[-1] if _possessive(view, prev) else None


def _agent_phrase(view: SentenceView, t0: int, t1: int, objs: list[ActorMention],
                  before: list[ActorMention]) -> bool:
    """Whether the actors after the trigger are who acts, and the one before what is acted on:
    "drew condemnation from A", "blocked by A", «осуждение со стороны A», «заблокирована A»
    (instrumental after a passive participle), «Заявку Швеції заблокували A» (the nominative
    after a verb whose actors before it are in no nominative), «Санду привітали президентка
    Єврокомісії … і президент України …» (a plural verb after one actor agrees with the list
    after it; an office noun heads the name that follows it)."""
    doc, g = view.doc, view.lex.grammar
    first = objs[0]
    if first.start <= 0 or first.start < t1:
        return False
    # the marker right after the trigger («со стороны» is two words): "warned that any
    # provocation by Moscow …" names no agent of the warning
    if first.start - t1 <= 2 and doc.tokens[first.start - 1].text.lower() in g.agent_words:
        return True
    if not g.case_marking and t1 < first.start and doc.tokens[t1].text.lower() in g.agent_words and \
            doc.tokens[first.start - 1].text.lower() in g.agent_words:
        return True  # "was criticised by the other members and by Ukraine"
    if _issued_by(view, t1, first.start):
        return True
    office = range(t1, first.start)  # «президентка Єврокомісії» before the name it heads
    if not g.case_marking or first.kind != "name" or             not all(k in view.layer.role_tokens or k in view.complement_tokens for k in office):
        return False
    trigger, head = doc.tokens[t0].analysis, doc.tokens[t1].analysis
    participle = trigger.pos in ("PRTS", "PRTF") or (
        trigger.pos == "ADJF" and doc.tokens[t0].text.lower().endswith(tuple(view.lex.words("participle_endings")) or "\0"))
    if participle and head.cases == frozenset({"ablt"}) and not office:
        return True  # «заблокирована Турцией», «засуджена Японією»
    if trigger.pos != "VERB" or head.cases != frozenset({"nomn"}):
        return False
    nominative = [m for m in before if "nomn" in doc.tokens[m.start].analysis.cases]
    if not nominative:
        return True
    # one actor of many cases before a plural verb, a list in the nominative after it
    return (trigger.number == "plur" and len(before) == 1 and len({m.entity_id for m in objs}) >= 2
            and doc.tokens[before[0].start].analysis.cases != frozenset({"nomn"}))


def _issued_by(view: SentenceView, t1: int, start: int) -> bool:
    """"a warrant issued by the court", «ордер, виданий судом від …»: a trigger noun, a
    participle of its own, then the agent word (and an article) before who acts."""
    g = view.lex.grammar
    gap = [t for t in view.doc.tokens[t1:start] if t.text.lower() not in g.articles]
    if len(gap) != 2 or gap[1].text.lower() not in g.agent_words:
        return False
    word = gap[0]
    if g.case_marking:
        return word.analysis.pos in ("PRTF", "PRTS")
    endings = tuple(view.lex.words("participle_endings"))
    return bool(endings) and word.text.lower().endswith(endings)


def _there(view: SentenceView, stretch: Stretch, types: frozenset[str]) -> list[ActorMention]:
    """"Russia's influence there", «вплив там»: the region the previous sentences spoke of."""
    toks = view.doc.tokens[stretch.first:stretch.last]
    if not any(t.text.lower() in view.lex.words("place_adverbs") for t in toks):
        return []
    here = view.sentence.index
    earlier = [m for s in range(max(0, here - 3), here) for m in view.layer.in_sentence(s)
               if view.layer.types.get(m.entity_id) == "Region" and m.entity_id and "Region" in types]
    return earlier[-1:]


def _is_membership_noun(view: SentenceView, t0: int, t1: int) -> bool:
    return any(l in view.lex.words("membership_nouns") for t in view.doc.tokens[t0:t1] for l in t.lemmas)


def _members(view: SentenceView, ms: list[ActorMention], t0: int, t1: int) -> list[tuple[str, str]]:
    """«формат ... Китаю з Казахстаном, Киргизстаном ... «С + С5»»: every state named beside
    the organisation is a member of it. Where the organisation is only the story's
    ("Finland joined last year", "fellow members Turkey and Hungary"), the members are
    the list just before the trigger, or just after it."""
    tokens = view.doc.tokens
    states = [m for m in ms if view.type_of(m) == "Country" and m.kind != "adjective" and m not in view.places]
    if _inverted(view, t0, t1):
        states = [m for m in states if m.start >= t1]  # «В ОДКБ входят Россия, …»
    orgs = [m for m in ms if view.type_of(m) in ORG_TYPES]
    if orgs:
        nearest = min(orgs, key=lambda m: abs(m.start - t0))
        org = nearest.entity_id
        between = [m for m in states if t1 <= m.start < nearest.start]
        after = [m for m in states if m.start >= t1] if nearest.end <= t0 else []
        before = [m for m in states if m.end <= t0 and t0 - m.end <= 8 and not _possessive(view, tokens[m.end - 1])]
        # «формат … Китаю з Казахстаном … «С + С5»»; «В БРИКС входят Бразилия, …»; "X is a member of Y"
        group = between or (_group_at(view, after, after[0]) if after else []) or \
            (_group_at(view, before, before[-1]) if before else _sentence_subject(view, states, t0))
        chosen = _unique(m.entity_id for m in group + _gapped(view, states, group) + [m for m in states if m.kind == "group"])
    else:
        org = _org_in_focus(view, t0)
        # "when Turkey's parliament ratified the accession protocol": an owner is no member
        before = [m for m in states if m.end <= t0 and t0 - m.end <= 4 and not _possessive(view, tokens[m.end - 1])]
        after = [m for m in states if m.start >= t1 and m.start - t1 <= 2]
        # the whole list that begins (or ends) next to the trigger: "its founders were A, B, … and F"
        group = _group_at(view, [m for m in states if m.start >= t1], after[0]) if after else \
            _group_at(view, [m for m in states if m.end <= t0], before[-1]) if before else []
        chosen = _unique(m.entity_id for m in group + _gapped(view, states, group))
    if not org:
        return []
    count = _counted(view, t0)
    if count and len(chosen) < count:
        # "the six countries" are the six the story named last; "141 of its 193 members" are
        # more states than it names: a count the story cannot fill names no one
        filled = _unique(chosen + _focus(view, "Country", count, t0))
        if len(filled) >= count:
            chosen = filled[:count]
    return [(s, org) for s in chosen]


_GAPPED_WORDS = 4  # words between the comma and the dash of a gapped clause: «, в 2023 году —»


def _gapped(view: SentenceView, states: list[ActorMention], group: list[ActorMention]) -> list[ActorMention]:
    """«вступили Индия и Пакистан, в 2023 году — Иран»: a clause that leaves out the verb (a
    dash where it would stand) after the list goes on with the list's verb."""
    if not group:
        return []
    toks, end = view.doc.tokens, max(m.end for m in group)
    last = view.sentence.tokens[-1].index
    if end > last or toks[end].text != ",":
        return []
    dash = next((k for k in range(end + 1, min(end + 2 + _GAPPED_WORDS, last + 1)) if toks[k].text in _DASHES - {":"}), None)
    if dash is None or any(toks[k].analysis.pos == "VERB" for k in range(end + 1, dash)):
        return []
    nxt = [m for m in states if m.start == dash + 1]
    return _group_at(view, [m for m in states if m.start > dash], nxt[0]) if nxt else []


def _inverted(view: SentenceView, t0: int, t1: int) -> bool:
    """«В ОДКБ входят Россия, …», «До об'єднання входять …»: a membership verb without its
    preposition after it has the organisation before it and the members after."""
    words = view.lex.words("membership_inverted")
    nxt = view.doc.tokens[t1] if t1 < len(view.doc.tokens) else None
    return t1 - t0 == 1 and bool(view.doc.tokens[t0].lemmas & words) and \
        (nxt is None or nxt.text.lower() not in view.lex.words("prepositions"))


def _sentence_subject(view: SentenceView, ms: list[ActorMention], t0: int) -> list[ActorMention]:
    """"It is also … a member of ASEAN": the actor that opens the sentence."""
    return [m for m in ms if m.start == view.first and m.end <= t0 and not _possessive(view, view.doc.tokens[m.end - 1])]


def _org_in_focus(view: SentenceView, t0: int) -> str:
    """"Finland joined last year": the alliance the story is about, named in the last few sentences."""
    here = view.doc.sentence_of[t0]
    for s in range(here, max(0, here - 8) - 1, -1):  # the last such mention first
        recent = [m for m in view.layer.in_sentence(s) if m.start < t0
                  and view.layer.types.get(m.entity_id) in ORG_TYPES and m.kind == "name"]
        if recent:
            return recent[-1].entity_id
    return ""


def _counted(view: SentenceView, t0: int) -> int:
    """"the six members", «шести держав»: a number word near the membership noun."""
    numbers = view.lex.numbers
    window = view.doc.tokens[max(0, t0 - 3):t0 + 4]
    return next((numbers[l] for t in window for l in t.lemmas if l in numbers), 0)


def _focus(view: SentenceView, etype: str, count: int, before: int) -> list[str]:
    """The last `count` distinct actors of a type named before a token."""
    out: list[str] = []
    for s in range(view.doc.sentence_of[before] if before < len(view.doc.tokens) else len(view.doc.sentences) - 1,
                   -1, -1):  # the latest first: sentence by sentence backwards
        for m in sorted(view.layer.in_sentence(s), key=lambda m: -m.start):
            if m.start < before and view.layer.types.get(m.entity_id) == etype and m.entity_id not in out:
                out.append(m.entity_id)
                if len(out) == count:
                    return out
    return out


def _passive(view: SentenceView, t0: int, t1: int) -> bool:
    """«створеного у 2020 році», "was founded in 1949", «заснування»: the founded thing is
    the subject; «ЄС створив фонд» speaks of what the EU made."""
    doc, g = view.doc, view.lex.grammar
    tok = doc.tokens[t0]
    if g.case_marking:
        return tok.analysis.pos in ("PRTF", "PRTS", "ADJF", "ADJS", "NOUN")
    prev = doc.tokens[t0 - 1].text.lower() if t0 else ""
    nxt = doc.tokens[t1].text.lower() if t1 < len(doc.tokens) else ""
    return prev in g.passive_auxiliaries or prev == "," or nxt in g.passive_followers


def _inception(view: SentenceView, t0, t1, ms) -> list[Fact]:
    doc = view.doc
    years = [d for d in view.dates if d.first >= t1 - 1 and d.first - t1 < 6 and len(d.start) >= 4 and d.start]
    kinds = SPECS["inception"].subjects
    if _passive(view, t0, t1):
        orgs = [m for m in ms if view.type_of(m) in kinds and m.end <= t0]
    else:  # what was founded is the object: after the verb, or fronted in the accusative
        orgs = [m for m in ms if view.type_of(m) in kinds and m.start >= t1][:1] or \
            [m for m in ms if view.type_of(m) in kinds and m.end <= t0 and view.lex.grammar.case_marking
             and "accs" in doc.tokens[m.start].analysis.any_cases
             and "nomn" not in doc.tokens[m.start].analysis.cases]
    if not years or not orgs:
        return []
    prov = Provenance(view.article_id, view.sentence.text, view.sentence.start, view.sentence.end,
                      "relations.inception", 0.6)
    return [Fact(orgs[-1].entity_id, "inception", years[0].start[:4], Qualifiers(), prov)]


# -- qualifiers --------------------------------------------------------------

def _qualifiers(view: SentenceView, trigger: Trigger, domains: dict, trends: dict) -> Qualifiers:
    relation, t0, t1, stretch = trigger.relation, trigger.start, trigger.end, trigger.clause
    spec = SPECS[relation]
    doc, lex = view.doc, view.lex
    toks = doc.tokens[stretch.first:stretch.last]
    key = (stretch.first, stretch.last)
    changes: dict = {}
    if "domain" in spec.qualifiers:
        if key not in domains:
            domains[key] = _unique(m.payload for m in lex.domains.find(toks))
        changes["domain"] = tuple(d for d in domains[key] if d != "other")
    if "date" in spec.qualifiers:
        changes.update(_date(view, trigger))
    if "place" in spec.qualifiers:
        places = [m for m in view.cities if stretch.first <= m.start < stretch.last or m.start - view.first <= 3]
        if places:
            changes["place"] = min(places, key=lambda m: abs(m.start - t0)).entity_id
        elif view.layer.dateline and _near(changes.get("date") or changes.get("start", ""), view.published):
            changes["place"] = view.layer.dateline
    if "trend" in spec.qualifiers:
        if key not in trends:
            trends[key] = lex.trends.find(toks)
        if trends[key]:
            changes["trend"] = trends[key][0].payload
    # «не підтримала», "refused to join", "lifted sanctions": the trigger is denied; a
    # negation before a coordinator denies the verb before it («не відступить і підтримуватиме»)
    window = doc.tokens[max(stretch.first, t0 - 4):t0]
    joins = lex.grammar.coordinators
    cut = max((k + 1 for k, t in enumerate(window) if t.text.lower() in joins), default=0)
    window = window[cut:]
    # «ни один из соперников … не набрал», "none of his rivals won": a rival is one whatever
    # the rest of the sentence denies of him
    if not _rival(view, t0, t1) and (lex.negation.find(window) or
                      any(t.text.lower().endswith(lex.grammar.negation_suffixes) for t in window)):
        changes["polarity"] = "negative"
    near = doc.tokens[max(stretch.first, t0 - 4):t0]
    mods = lex.modality.find(near)
    names_format = any(l in lex.words("format_words") for t in doc.tokens[t0:t1] for l in t.lemmas)
    if mods and not names_format and not _agreement_reached(view, relation, mods[-1], near, t0):
        changes["modality"] = mods[-1].payload  # «прагне перетворити механізм X»: the format exists
    if relation == "memberOf" and not trigger.exit and not names_format and (
            _aspired(view, trigger) or _after_story(changes.get("start", ""), view.published)):
        # "Membership … will take effect on January 1" (after the story's day): not yet one
        changes["modality"] = "planned"
    return Qualifiers(**changes)


_ASPIRATION_LOOKBACK = 6  # tokens: "granted Ukraine candidate status for membership"


def _aspired(view: SentenceView, trigger: Trigger) -> bool:
    """"candidate status for EU membership", «переговори про вступ», "invited X to become
    members": a step towards membership (before the trigger in its clause, or right after
    it: "accession talks") is no membership yet."""
    words = view.lex.words("membership_aspirations")
    t0, t1, clause = trigger.start, trigger.end, trigger.clause
    near = view.doc.tokens[max(clause.first, _before_list(view, t0 - _ASPIRATION_LOOKBACK)):min(clause.last, t1 + 2)]
    return any(t.lemmas & words or t.text.lower() in words for t in near if t.index < t0 or t.index >= t1)


_VERB_BEFORE_LIST = 2  # tokens: "invited" before "Argentina, Egypt, … and the UAE to become members"


def _before_list(view: SentenceView, k: int) -> int:
    """Where the list of actors that token `k` stands in begins, less a verb's room before it:
    "invited A, B, C, D, E and F to become full members" asks of "invited"."""
    first = view.first
    listed = {j for m in view.actors if m.kind != "adjective" for j in range(m.start, m.end)}
    if k not in listed and not (first <= k and _list_gap(view, [view.doc.tokens[k]])):
        return k
    while k > first and (k - 1 in listed or _list_gap(view, [view.doc.tokens[k - 1]])):
        k -= 1
    return k - _VERB_BEFORE_LIST


def _lead_in(view: SentenceView, d: DateMention) -> bool:
    """A date that opens the sentence before the first clause break applies to the whole sentence."""
    return d.first - view.first <= 2


def _agreement_reached(view: SentenceView, relation: str, cue, near, t0: int) -> bool:
    """"agreed to a ceasefire", «домовилися про перемир'я»: agreeing to a deal is the deal,
    while "agreed to sign one" plans it."""
    if relation != "signsAgreementWith":
        return False
    cue_lemmas = {l for t in near[cue.start:cue.end] for l in t.lemmas}
    if not cue_lemmas & view.lex.words("agreement_cues"):
        return False
    doc = view.doc
    trigger = doc.tokens[t0]
    if not view.lex.grammar.case_marking:
        return t0 > 0 and doc.tokens[t0 - 1].text.lower() in view.lex.grammar.noun_markers
    return trigger.analysis.pos == "NOUN"


def _date(view: SentenceView, trigger: Trigger) -> dict:
    """The date nearest the trigger in its own stretch of text (or in the sentence's
    lead-in before it: «Ще 17 травня, під час переговорів…»)."""
    stretch, t0 = trigger.clause, trigger.start
    dates = [d for d in view.dates if stretch.first <= d.first < stretch.last] or \
        [d for d in view.dates if d.first < stretch.first and _lead_in(view, d)]
    if not dates:
        return {}
    d = min(dates, key=lambda d: abs(d.first - t0))
    if not d.start:
        return {}  # the nearest date is one whose year the article does not give
    if d.is_range:
        return {"start": d.start, "end": d.end}
    if trigger.relation == "memberOf":
        # "joined last year" starts a membership, "left ECOWAS in January" ends one
        return {"end" if trigger.exit else "start": d.start}
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


def _possessive(view: SentenceView, tok) -> bool:
    return tok.text.endswith(view.lex.grammar.possessive_endings)


def _after_story(day: str, published: dt.date | None) -> bool:
    """Whether a full date falls after the story's day."""
    if len(day) < 10 or published is None:
        return False
    try:
        return dt.date.fromisoformat(day) > published
    except ValueError:
        return False


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


def _adjective_like(t, suffixes: tuple[str, ...]) -> bool:
    """"the five Central Asian states": a capitalised nationality-like word inside a list."""
    return bool(suffixes) and t.text[:1].isupper() and t.text.endswith(suffixes)


def _unique(items) -> list:
    seen, out = set(), []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def read_sentence(view: SentenceView, stages: Stages = RELATION_STAGES) -> list[Fact]:
    """The facts of one sentence: every relation stage in turn (the built-in ones read
    nothing in a sentence without a trigger phrase)."""
    if not view.triggers and stages is RELATION_STAGES:
        return []
    return stages.run(SentenceReading(), view).facts(view)


def relation_facts(ctx, stages: Stages = RELATION_STAGES) -> list[Fact]:
    """Every sentence's facts, read by the relation stages (`RELATION_STAGES`)."""
    facts: list[Fact] = []
    day = ""  # the last day a sentence named: «того ж дня» in a later one is that day
    for sentence in ctx.doc.sentences:
        dates = find_dates(sentence.tokens, ctx.lang, ctx.article.published, day)
        day = next((d.start for d in reversed(dates) if len(d.start) == 10 and not d.is_range), day)
        view = SentenceView.of(ctx.doc, sentence, ctx.layer, ctx.lex, dates, ctx.article.id,
                               ctx.layer.complements, ctx.article.published, tuple(facts))
        facts.extend(read_sentence(view, stages))
        facts.extend(party_members(view))
        facts.extend(attendance(view))
        facts.extend(backed(view, ctx.lang))
    return facts


_ATTENDED = frozenset({"Summit", "Meeting"})  # gatherings whose place a leader is at by taking part


def attendance(view: SentenceView) -> list[Fact]:
    """«На саммите ОДКБ в Ереване Пашинян отказался подписать …», "At the NATO summit, Kishida
    said …": the person a sentence has act at a summit (the subject, in the nominative where
    case endings tell it) takes part in it. Only a summit or meeting the sentence puts him at
    («на», "at"), not one he speaks of."""
    doc, g = view.doc, view.lex.grammar
    here = view.layer.in_sentence(view.sentence.index)
    at = [m for m in here if view.type_of(m) in _ATTENDED and m.kind == "event" and _at_event(view, m)]
    if not at:
        return []
    # the summit first, then who acts there («На саммите … Пашинян отказался»): a person named
    # before it more often speaks of it than is at it
    people = [m for m in here if view.type_of(m) == "Person" and m.kind in ("name", "surname", "role")
              and m.start > at[0].end
              and not _after_preposition(view, m) and not _possessive(view, doc.tokens[m.end - 1])
              and (not g.case_marking or "nomn" in doc.tokens[m.start].analysis.cases
                   or (m.end < len(doc.tokens) and doc.tokens[m.end].analysis.pos == "VERB"))]  # «Пашинян отказался»
    if not people:
        return []
    prov = Provenance(view.article_id, view.sentence.text, view.sentence.start, view.sentence.end,
                      "relations.attendance", 0.5)
    event = at[0].entity_id
    return [Fact(e, "participatesIn", event, Qualifiers(), prov) for e in _unique(m.entity_id for m in people[:1])]


def _at_event(view: SentenceView, m: ActorMention) -> bool:
    """Whether a place preposition puts the sentence at the event: «на саммите», "at the summit"."""
    g = view.lex.grammar
    k = m.start - 1
    while k >= view.first and (view.doc.tokens[k].text.lower() in g.articles
                               or view.doc.tokens[k].analysis.pos == "ADJF"):  # «на внеочередном саммите»
        k -= 1
    return k >= view.first and view.doc.tokens[k].text.lower() in view.lex.words("attendance_prepositions")


_PARTY_GAP = 4  # tokens between a person and the party named after him ("of the main opposition Kuomintang")


def party_members(view: SentenceView) -> list[Fact]:
    """«Улугбек Иноятов от Народно-демократической партии», «кандидат … від партії «Х»», "Hou
    Yu-ih of the main opposition Kuomintang party": a person named with the party he stands
    for (a body whose name or the word before it is a party noun) is its member; of a party
    noun and its quoted name («партии «Адолат»»), the quoted name names it."""
    lex, doc = view.lex, view.doc
    links, nouns = lex.words("party_links"), lex.words("party_nouns")
    if not links or not nouns:
        return []
    here = view.layer.in_sentence(view.sentence.index)
    out = []
    for p in here:
        if view.type_of(p) != "Person" or p.kind not in ("name", "new-person", "surname") or p.end >= len(doc.tokens) \
                or doc.tokens[p.end].text.lower() not in links:
            continue
        after = [m for m in here if 0 < m.start - p.end <= _PARTY_GAP and view.type_of(m) in ORG_TYPES
                 and all(t.is_word and not t.text[:1].isupper() or t.text.lower() in lex.grammar.articles
                         or t.text in _QUOTES_OPEN | {'"'} for t in doc.tokens[p.end + 1:m.start])]
        party = after[0] if after else None
        if party is None or not _party(view, party, nouns):
            continue
        quoted = [m for m in here if m.start - party.end == 1 and doc.tokens[party.end].text in _QUOTES_OPEN | {'"'}
                  and view.type_of(m) in ORG_TYPES]
        party = quoted[0] if quoted else party
        prov = Provenance(view.article_id, view.sentence.text, view.sentence.start, view.sentence.end,
                          "relations.party_members", 0.6)
        out.append(Fact(p.entity_id, "memberOf", party.entity_id, Qualifiers(), prov))
    return out


def _party(view: SentenceView, m: ActorMention, nouns: frozenset[str]) -> bool:
    """A body whose name holds a party noun, or that a party noun stands right before (outside
    its quotes) or after."""
    toks = view.doc.tokens
    k = m.start - 1
    while k > 0 and toks[k].text in _QUOTES_OPEN | {'"'}:
        k -= 1  # «партии «Ауыл»»: the noun before the quoted name
    around = list(toks[m.start:m.end]) + [toks[j] for j in (k, m.end) if 0 <= j < len(toks)]
    return any(t.lemmas & nouns or t.text.lower() in nouns for t in around)


def backed(view: SentenceView, lang: str) -> list[Fact]:
    """"the Iran-backed Houthi movement", «проиранские хуситы»: a state named inside a word with
    a backing affix (the lexicon's `backing_affixes`) supports the actor the word describes."""
    affixes = view.lex.raw.get("backing_affixes") or {}
    suffixes, prefixes = tuple(affixes.get("suffix") or ()), tuple(affixes.get("prefix") or ())
    if not suffixes and not prefixes:
        return []
    out = []
    for tok in view.sentence.tokens:
        if not ((suffixes and "-" in tok.text) or (prefixes and tok.analysis.pos == "ADJF")):
            continue  # the cheap test first: most words have neither a hyphen nor an adjective's form
        low = tok.text.lower()
        # the name as written ("Iran"): English names are known by their capitals
        stem = tok.text[:-len(next(x for x in suffixes if low.endswith(x)))] if suffixes and low.endswith(suffixes) \
            else low[len(next(x for x in prefixes if low.startswith(x))):] if prefixes and low.startswith(prefixes) \
            and tok.analysis.pos == "ADJF" else ""
        # most words with such an affix name no state: ask the gazetteer's first-word index before reading one
        if len(stem) < 3 or not _indexed(stem, tok.lemmas, prefixes, lang):
            continue
        backer = _state_named(stem, lang)
        described = [m for m in view.actors if 0 < m.start - tok.index <= 3 and m.kind != "adjective"
                     and view.type_of(m) in PARTIES]
        if backer and described and described[0].entity_id != backer:
            prov = Provenance(view.article_id, view.sentence.text, view.sentence.start, view.sentence.end,
                              "relations.supports", 0.5)
            out.append(Fact(backer, "supports", described[0].entity_id, Qualifiers(), prov))
    return out


def _indexed(stem: str, lemmas: frozenset[str], prefixes: tuple[str, ...], lang: str) -> bool:
    """Whether the stem, or a lemma of the word without its prefix, opens a gazetteer name."""
    index = load_gazetteer().keys_for(lang)
    return stem.lower() in index or any(l[len(p):] in index for l in lemmas for p in prefixes if l.startswith(p))


@functools.lru_cache(maxsize=4096)
def _state_named(word: str, lang: str) -> str:
    """The state a word names, alone or as its adjective ("iran", «російські»), or ""."""
    found = [e for e in load_gazetteer().lookup(word, lang) if e.type == "Country"]
    return found[0].id if found else ""

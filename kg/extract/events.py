"""Events and documents as entities: summits, elections, votes, exercises, resolutions,
laws, treaties, declarations, sanctions packages — named by their head noun and what names
them ("the 12th sanctions package", «саміт НАТО у Вільнюсі», «Астанинская декларация»).

A head noun (the lexicon's `named_events`, by kg type) becomes an entity where something
names it: an actor next to it ("NATO summit", «вибори в Молдові»), a capitalised word, an
ordinal or a number ("13-й пакет санкцій"), a code ("ES-11/1"), a quoted name. Its label is
the span in the nominative; later bare head nouns of the same kind ("the summit", «саміті»)
and document words ("the document", «документ», the lexicon's `document_words`) are
mentions of the last one named before them.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from .. import schema
from ..model import Entity, Fact
from ..nlp import Document, parse
from ..nlp.phrases import PhraseIndex, PhraseMatch
from .dates import find_dates, story_day
from .entities import ActorMention, ArticleContext, EntityLayer, MentionTable, _Draft, _slug, nominative
from .lexicon import Lexicon, load_lexicon

# Kinds of the lexicon's `named_events` that are documents: a trigger word that only
# describes one ("accession protocol", «пакет санкцій») states no act.
DOCUMENT_TYPES = frozenset({"Agreement", "Concept"})
_NAMER_TYPES = frozenset({"Country", "City", "Region", "Organization", "IntergovernmentalOrganization",
                          "Alliance", "Format", "Agency"})
# events, and the agreements signed at one, whose date and place their facts share
_EVENT_KINDS = frozenset({"Event", "Summit", "Meeting", "Election", "Vote", "Conference", "Exercise", "Agreement"})
# Events a describer names by itself: «президентські вибори», "the parliamentary election" are
# how one names an election, while "a joint declaration" names no document.
_NAMED_BY_KIND = frozenset({"Election", "Vote"})
_MAX_LEFT = 5  # words before a head noun that may name it ("the Black Sea Grain Initiative")


def _heads(lex: Lexicon) -> PhraseIndex:
    return _heads_of(lex.lang)


@lru_cache(maxsize=None)
def _heads_of(lang: str) -> PhraseIndex:
    section = load_lexicon(lang).raw.get("named_events") or {}
    return PhraseIndex([(tuple(str(p).lower().split()), str(kind)) for kind, ps in section.items() for p in ps or []])


def named_events(ctx: ArticleContext, table: MentionTable) -> MentionTable:
    """Reads the lexicon's event and document head nouns. Adds an entity (typed by the head's
    kind) and a `document` or `event` mention for each head something names, and a mention of
    the last such entity of its kind for a bare head noun or a document word after it."""
    d = _Draft(ctx, table)
    tokens = ctx.doc.tokens
    by_start = {m.start: m for m in table.mentions}
    by_end = {m.end: m for m in table.mentions}
    doc_words = ctx.lex.words("document_words")
    event_at: dict[int, ActorMention] = {}  # the first event mention over each token
    for m in d.mentions:
        _note_event(event_at, m)
    found: list[tuple] = []  # start, end, entity id, kind, number key
    for h in _heads(ctx.lex).find(tokens):
        if any(k in d.covered for k in range(h.start, h.end)):
            _named_again(ctx, d, h, by_start, by_end, event_at.get(h.start))
            continue
        first, named = _left(ctx, d, h, by_end)
        last, named_right, place = _right(ctx, d.types, h, by_start)
        earlier = [f for f in found if f[3] == h.payload and f[1] <= h.start]
        by_kind = (first < h.start or h.end - h.start > 1) and h.payload in _NAMED_BY_KIND and not earlier
        if not (named or named_right or by_kind):
            if earlier:  # «досрочные выборы» after «досрочные президентские выборы в Узбекистане»
                _note_event(event_at, _mention(d, first, h.end, earlier[-1][2], h.payload))
            continue
        eid = _entity(ctx, d, first, h, last, place, found)
        found.append((first, h.end, eid, h.payload, _number_key(ctx, ctx.doc.tokens[first:h.end], h)))
        _note_event(event_at, _mention(d, first, h.end, eid, h.payload))
    # "the document", «документ»: the document named last before it
    for k, t in enumerate(tokens):
        if k in d.covered or not (t.lemmas & doc_words):
            continue
        earlier = [f for f in found if f[3] in DOCUMENT_TYPES and f[1] <= k]
        if earlier:
            _mention(d, k, k + 1, earlier[-1][2], earlier[-1][3])
    return d.table()


def _note_event(event_at: dict[int, ActorMention], m: ActorMention) -> None:
    """Keep `event_at` (token → the first event mention over it, in the table's order) up
    with a mention: a head noun then finds the event it stands in without a pass over every
    mention of the article."""
    if m.kind == "event":
        for k in range(m.start, m.end):
            event_at.setdefault(k, m)


def _named_again(ctx: ArticleContext, d: _Draft, h: PhraseMatch, by_start, by_end,
                 m: ActorMention | None) -> None:
    """«на саміті ШОС в Астані», «на внеочередном саммите ОДКБ» where an earlier stage already
    read «саміт ШОС» (`m`, the event mention over the head): the place after it and the
    describers before it give the event more names («саміт ШОС в Астані», «саміт в Астані»,
    «внеочередной саммит ОДКБ»)."""
    if m is None or m.entity_id not in d.entities:
        return
    last, _, place = _right(ctx, d.types, h, by_start)
    first, _ = _left(ctx, d, PhraseMatch(m.start, h.end, h.payload), by_end)
    if not place and first == m.start:
        return
    doc = ctx.doc
    names_ = []
    if place:
        head = nominative(list(doc.tokens[m.start:h.end]), doc.lang, doc.text)
        where = doc.text[doc.tokens[last - 1].start:doc.tokens[last - 1].end]
        prep = next((t.text for t in doc.tokens[h.end:last] if t.text.lower() in ctx.grammar.location_prepositions), "")
        names_ += [nominative(list(doc.tokens[m.start:last]), doc.lang, doc.text), f"{head} {prep} {where}" if prep else ""]
    if first < m.start:
        after = by_start.get(h.end)  # «саммите ОДКБ»: the organisation right after the head
        end = after.end if after is not None and d.types.get(after.entity_id) in _NAMER_TYPES \
            and after.entity_id != place else h.end
        names_ += [nominative(list(doc.tokens[first:max(m.end, end)]), doc.lang, doc.text),
                   nominative(list(doc.tokens[first:last]), doc.lang, doc.text) if place else ""]
    ent = d.entities[m.entity_id]
    names = {lbl for _, lbl in ent.labels} | {lbl for _, lbl in ent.aliases}
    extra = tuple((doc.lang, x) for x in dict.fromkeys(names_) if x and x not in names)
    if extra:
        d.add_entity(replace(ent, aliases=ent.aliases + extra))


def _mention(d: _Draft, start: int, end: int, eid: str, kind: str) -> ActorMention:
    return d.add(start, end, eid, "document" if kind in DOCUMENT_TYPES else "event")


def _left(ctx: ArticleContext, d: _Draft, h: PhraseMatch, by_end) -> tuple[int, bool]:
    """Where the event's name starts before its head noun, and whether those words name it:
    an actor ("NATO summit", "Taiwan's election"), a capitalised word («Астанинская»), an
    ordinal or a number ("12th", «13-й»); lowercase describers («президентські») go with it."""
    tokens, g = ctx.doc.tokens, ctx.grammar
    ordinals = ctx.lex.raw.get("ordinals") or {}
    first, named, k = h.start, False, h.start - 1
    sentence = ctx.sent(h.start)
    while k >= 0 and h.start - k <= _MAX_LEFT and ctx.sent(k) == sentence:
        t = tokens[k]
        m = by_end.get(k + 1)
        if m is not None and d.types.get(m.entity_id) in _NAMER_TYPES:
            if g.case_marking and m.start > 0 and tokens[m.start - 1].text.lower() in ctx.lex.words("prepositions"):
                # «подписали в Бишкеке договор»: a place the verb is done in names no document
                # ("at Johannesburg summit": in English the preposition stands before the whole name)
                break
            first, named, k = m.start, True, m.start - 1
            continue
        low = t.text.lower()
        if any(c.isdigit() for c in t.text) or any(l in ordinals for l in t.lemmas) or _glued_number(tokens, k):
            first, named, k = k, True, k - 1
            continue
        if t.is_word and t.text[:1].isupper() and k not in d.covered and not _opens_sentence(ctx, k) \
                and low not in g.articles:
            first, named, k = k, True, k - 1
            continue
        if t.is_word and k not in d.covered and _describer(ctx, t):
            first, k = k, k - 1
            continue
        break
    return first, named


def _glued_number(tokens, k: int) -> bool:
    """"12th" read as "12" + "th": a word written onto a number is part of it."""
    return k > 0 and tokens[k].start == tokens[k - 1].end and any(c.isdigit() for c in tokens[k - 1].text)


def _opens_sentence(ctx: ArticleContext, k: int) -> bool:
    return ctx.doc.sentences[ctx.sent(k)].tokens[0].index == k


def _describer(ctx: ArticleContext, t) -> bool:
    """A lowercase word that describes the head noun: an adjective where morphology tells
    one, else a word of the lexicon's `event_describers` ("presidential", "joint")."""
    if ctx.grammar.case_marking:
        return t.analysis.pos in ("ADJF", "PRTF") and not t.text[:1].isupper()
    return bool(t.lemmas & ctx.lex.words("event_describers"))


def _right(ctx: ArticleContext, d_types, h: PhraseMatch, by_start) -> tuple[int, bool, str]:
    """Where the name ends after the head noun, whether those words name it, and the place
    they give: an actor right after it («саміт НАТО», «вибори в Молдові», "summit in Vilnius",
    "summit of the SCO"), a code ("resolution ES-11/1")."""
    tokens, g = ctx.doc.tokens, ctx.grammar
    last, named, place, k = h.end, False, "", h.end
    sentence = ctx.sent(h.start)
    for _ in range(2):  # «саміт НАТО у Вільнюсі»: an organisation, then a place
        if k >= len(tokens) or ctx.sent(k) != sentence:
            break
        t = tokens[k]
        low = t.text.lower()
        skip = 1 if (low in g.location_prepositions or low in g.of_words) else 0
        if skip and k + 1 < len(tokens) and tokens[k + 1].text.lower() in g.articles:
            skip = 2
        m = by_start.get(k + skip)
        if m is not None and ctx.sent(m.start) == sentence and m.kind in ("name", "capital", "new") \
                and d_types.get(m.entity_id) in _NAMER_TYPES and (skip or _whose(ctx, m.start)) \
                and not tokens[m.end - 1].text.endswith(g.possessive_endings):  # "at Johannesburg's centre": whose centre
            where = bool(skip) and low in g.location_prepositions
            if where:
                place = m.entity_id
            if where and h.payload in DOCUMENT_TYPES:
                break  # "signed the agreement at Malacañang Palace": where it was signed names no document
            last, named, k = m.end, True, m.end
            continue
        topic = _topic_end(ctx, k) if h.payload == "Agreement" and k == h.end else 0
        if topic:  # «договор о государственной границе»: what a treaty is about names it
            last, named, k = topic, True, topic
            break
        if not skip and any(c.isdigit() for c in t.text) and any(c.isalpha() for c in t.text):
            k += 1  # "resolution ES-11/1": a code, with what is written onto it
            while k < len(tokens) and tokens[k].start == tokens[k - 1].end and tokens[k].text not in ".,;:!?»\"":
                k += 1
            last, named = k, True
            continue
        break
    return last, named, place


_TOPIC_WORDS = 3  # «о государственной границе», «про вільну торгівлю»


def _topic_end(ctx: ArticleContext, k: int) -> int:
    """Where a treaty's subject ends: a topic preposition («о», «про») right after the head
    noun, then up to three lower-case adjectives and nouns in an oblique case. 0 where there is
    none, or where words do not decline to tell such a phrase ("an agreement on Tuesday")."""
    tokens = ctx.doc.tokens
    if not ctx.grammar.case_marking or k >= len(tokens) or tokens[k].text.lower() not in ctx.lex.words("topic_prepositions"):
        return 0
    j = k + 1
    while j < len(tokens) and j - k <= _TOPIC_WORDS and ctx.sent(j) == ctx.sent(k) and tokens[j].text.islower() \
            and tokens[j].analysis.pos in ("NOUN", "ADJF") and tokens[j].analysis.any_cases - {"nomn"}:
        j += 1
    return j if j > k + 1 and tokens[j - 1].analysis.pos == "NOUN" else 0


def _number_key(ctx: ArticleContext, tokens, h: PhraseMatch) -> tuple:
    """(number, head lemmas) of a numbered document or event ("12th sanctions package", «13-й
    пакет санкцій»): the same number and head words in another order are the same one."""
    numbers = tuple(t.text for t in tokens if any(c.isdigit() for c in t.text))
    if not numbers:
        return ()
    heads = frozenset(l for t in ctx.doc.tokens[h.start:h.end] if t.is_word
                      and t.text.lower() not in ctx.grammar.of_words for l in [t.lemma])
    return (numbers, heads)


def _topic_key(ctx: ArticleContext, tokens: list, h: PhraseMatch) -> tuple[str, str]:
    """(head, subject) lemmas of a treaty named by what it is about; () for other names."""
    words = [t for t in tokens if t.is_word]
    if h.payload != "Agreement" or len(words) < 3 or words[1].text.lower() not in ctx.lex.words("topic_prepositions"):
        return ()
    return (words[0].lemma, words[-1].lemma)


def _words(ctx: ArticleContext, label: str) -> list:
    return list(parse(label, ctx.doc.lang).tokens)


def _whose(ctx: ArticleContext, k: int) -> bool:
    """Whether a name right after a head noun may say whose event it is: in a language with
    cases, only in the genitive or a form that does not decline («саміт НАТО», «выборов
    Президента»); «после референдума Крым вошёл …» is the next clause's subject."""
    if not ctx.grammar.case_marking:
        return True
    a = ctx.doc.tokens[k].analysis
    return bool("gent" in a.any_cases or a.grammemes & {"Fixd", "Abbr"} or not a.any_cases)


def _entity(ctx: ArticleContext, d: _Draft, first: int, h: PhraseMatch, last: int, place: str,
            found: list) -> str:
    """The entity the span names: one named before with the same label, else a new one."""
    doc = ctx.doc
    tokens = list(doc.tokens[first:last])
    while tokens and tokens[0].text.lower() in ctx.grammar.articles:
        tokens = tokens[1:]
    label = nominative(tokens, doc.lang, doc.text) if tokens else doc.tokens[h.start].text
    head_only = nominative([t for t in doc.tokens[first:h.end] if t.text.lower() not in ctx.grammar.articles],
                           doc.lang, doc.text)
    eid = _slug(label)
    for f in found:
        if f[2] == eid or (f[3] == h.payload and d.entities.get(f[2]) is not None
                           and head_only in (lbl for _, lbl in d.entities[f[2]].labels)):
            return f[2]
    numbered = _number_key(ctx, doc.tokens[first:h.end], h)
    for f in found:  # "the 12th sanctions package", "its 12th package of sanctions": one package
        if numbered and f[3] == h.payload and f[4:] == (numbered,) and f[2] in d.entities:
            ent = d.entities[f[2]]
            if label not in (n for _, n in ent.labels + ent.aliases):
                d.entities[f[2]] = replace(ent, aliases=ent.aliases + ((doc.lang, label),))
            return f[2]
    topic = _topic_key(ctx, tokens, h)
    for f in found:
        ent = d.entities.get(f[2])
        if topic and f[3] == h.payload and ent is not None and _topic_key(ctx, _words(ctx, ent.labels[0][1]), h) == topic:
            # «договор о границе», «договор о государственной границе»: one treaty, one more name
            if label not in (n for _, n in ent.labels + ent.aliases):
                d.entities[f[2]] = replace(ent, aliases=ent.aliases + ((doc.lang, label),))
            return f[2]
    if eid in d.entities or eid in ctx.gaz:
        eid = _slug(f"{label} {h.payload}")
    labels = [(doc.lang, label)]
    # "the NATO summit" besides "the NATO summit in Vilnius"; a bare head noun names nothing
    aliases = ((doc.lang, head_only),) if head_only != label and first < h.start else ()
    d.add_entity(Entity(eid, h.payload, tuple(labels), aliases))
    return eid


# Facts that happen at an event: a date or place stated once for the event is theirs too.
# A membership's date is when it began, an attack's is its own: neither is the event's.
_AT_EVENT = frozenset({"meetsWith", "visits", "signsAgreementWith", "participatesIn", "mediates"})
_PLACE_GAP = 3  # tokens between an event's name and the city it is held in («саміт НАТО у Вільнюсі»)


def event_qualified(facts: list[Fact], doc: Document, layer: EntityLayer, published=None) -> list[Fact]:
    """Facts told in a sentence that mentions an event (or whose object it is) and that state
    no date or place of their own take the event's: the date and place of the sentence that
    first names it ("signed a treaty in Pyongyang on Wednesday … the pact was the centrepiece
    of Putin's visit"). A fact planned stays planned; one with its own date keeps it."""
    events = [e for e, t in layer.types.items() if t in _EVENT_KINDS]
    if not events or not facts:
        return facts
    event_ids = frozenset(events)
    named: dict[str, list[ActorMention]] = {}
    in_sentence: dict[int, list[str]] = {}
    for m in layer.mentions:
        if m.entity_id in event_ids:
            named.setdefault(m.entity_id, []).append(m)
            in_sentence.setdefault(m.sentence, []).append(m.entity_id)
    if not named:
        return facts
    by_start = {s.start: s.index for s in doc.sentences}
    when = {e: _first_when(ms, facts, doc, layer, by_start, published) for e, ms in named.items()}
    out = []
    for f in facts:
        if f.relation in _AT_EVENT and f.provenance is not None:
            here = in_sentence.get(by_start.get(f.provenance.start, -1), [])
            own = [f.object] if f.object in when else []
            for e in own + here:
                f = _lend(f, *when[e])
        out.append(f)
    return out


def _lend(f: Fact, date: str, place: str) -> Fact:
    q, spec = f.qualifiers, schema.load().relations[f.relation].qualifiers
    own = q.date or q.start
    if own and not (date and (own.startswith(date) or date.startswith(own))):
        return f  # "the treaty replaces the one signed in 2000": a telling of another time
    changes = {}
    if date and "date" in spec and not (q.date or q.start or q.end):
        changes["date"] = date
    if place and "place" in spec and not q.place:
        changes["place"] = place
    return f.with_qualifiers(**changes) if changes else f


_LEAD = 3  # sentences: the title and the lead, which tell the story's own event


def _lead_day(doc: Document, published) -> str:
    """The full day the title or lead gives the story's event, when it is near the publication."""
    day = story_day(doc.sentences[:_LEAD], doc.lang, published, ranges=False)
    return day.start if day else ""


def _first_when(ms: list[ActorMention], facts: list[Fact], doc: Document, layer: EntityLayer, by_start,
                published) -> tuple[str, str]:
    """The date and place of the first sentence naming an event that gives them: a headline
    names the treaty, the sentence after it where and when it was signed."""
    date = place = ""
    seen: set[int] = set()
    for m in ms:
        if m.sentence in seen:
            continue
        seen.add(m.sentence)
        d, p = _event_when(m, facts, doc, layer, by_start, published)
        date, place = date or d, place or p
        if date and place:
            break
    return date, place


def _event_when(m: ActorMention, facts: list[Fact], doc: Document, layer: EntityLayer, by_start,
                published) -> tuple[str, str]:
    """The date and place of the sentence that first names an event: those its facts carry,
    else the date nearest the name and the city right after it."""
    told = [f for f in facts if f.provenance is not None and by_start.get(f.provenance.start) == m.sentence
            and f.relation in _AT_EVENT and f.asserted]
    date = next((f.qualifiers.date for f in told if f.qualifiers.date), "")
    place = next((f.qualifiers.place for f in told if f.qualifiers.place), "")
    sentence = doc.sentences[m.sentence]
    if not date:
        dates = [d for d in find_dates(sentence.tokens, doc.lang, published) if d.start and not d.is_range]
        if dates:
            date = min(dates, key=lambda d: abs(d.first - m.start)).start
    if not date and m.sentence < _LEAD and published is not None:
        # "…on the summit in Astana" in the title, "ASTANA, July 4 —" under it: the story's own
        # event is on the day its lead gives, near the publication
        date = _lead_day(doc, published)
    if not place:
        place = next((c.entity_id for c in layer.by_sentence.get(m.sentence, ())
                      if layer.types.get(c.entity_id) == "City" and 0 <= c.start - m.end <= _PLACE_GAP), "")
    return date, place

"""Coreference: words that point back at an actor the article has named — personal pronouns
("he", «вона», «оно»), a possessive before a state noun ("his country", «її країни», «свою
страну») — become mentions of that actor, so the relation stages read them as arguments like any name.

A pronoun agrees with what it stands for: in a language that marks case (uk, ru) in gender
and number with the head noun of the antecedent (a person's first name, a state's or body's
own noun: «Україна» is feminine, «Казахстан» masculine, «США» plural); in English "he"/"she"
stand for a person and "it" for a state or body. The words, their agreement and the nouns
they go with are the lexicon's `grammar:` data (`personal_pronouns`, `possessive_pronouns`,
`reflexive_possessives`); this module names no word of any language.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from ..nlp import Token
from .entities import ActorMention, ArticleContext, MentionTable, _Draft

# what a pronoun may stand for: actors, not the places things happen in
_STATES_AND_BODIES = frozenset({"Country", "Organization", "IntergovernmentalOrganization", "Alliance", "Format",
                                "Agency", "Company", "Media", "ArmedGroup"})
_ANTECEDENT_KINDS = frozenset({"name", "surname", "role", "new", "new-person"})
# named events and documents: no actor, but what a pronoun right after them may mean
_BLOCKING_KINDS = frozenset({"event", "document"})
_GENDERS = frozenset({"masc", "femn"})
_VERBS = frozenset({"VERB", "PRTF", "PRTS"})  # finite verbs and participles: they agree with their subject
_BACK = 2  # sentences before a pronoun's own that its antecedent may stand in


class _Agreement:
    """Gender and number of each actor the article names, read once: a person's from the
    readings of their given name and office noun, a state's or body's from its head noun."""

    def __init__(self, ctx: ArticleContext, table: MentionTable):
        self.ctx = ctx
        self.types = table.types
        votes: dict[str, Counter] = {}
        for m in table.mentions:
            if m.kind in _ANTECEDENT_KINDS:
                votes.setdefault(m.entity_id, Counter()).update(self._marks(m))
        self.forms = {e: _decided(c) for e, c in votes.items()}

    def _marks(self, m: ActorMention) -> list[str]:
        tokens = self.ctx.doc.tokens[m.start:m.end]
        if self.types.get(m.entity_id) == "Person":
            # a name's own readings guess at foreign names («Саломе» as masculine); the verb
            # or participle that agrees with it («Саломе Зурабишвили, находящаяся …, заявила»)
            # and a feminine office noun («президентка») tell, and outweigh them
            marks = [t.analysis.gender for t in tokens if t.analysis.gender in _GENDERS]
            if m.kind == "role":
                marks += [t.analysis.gender for t in tokens[:1] if t.analysis.gender == "femn"] * 3
            verb = self._agreeing_verb(m)
            return marks + [verb] * 3 if verb else marks
        head = next((t for t in tokens if t.analysis.pos == "NOUN"), tokens[0] if tokens else None)
        if head is None:
            return []
        return ["plur"] if head.analysis.number == "plur" else [head.analysis.gender] if head.analysis.gender else []

    def _agreeing_verb(self, m: ActorMention) -> str:
        """The gender of the first past-tense verb or participle after a person's mention in
        its sentence, before any other noun: «Мая Санду заявила»."""
        doc = self.ctx.doc
        last = doc.sentences[m.sentence].tokens[-1].index
        for t in doc.tokens[m.end:min(last + 1, m.end + 8)]:
            if t.analysis.pos in _VERBS:
                return t.analysis.gender if t.analysis.gender in _GENDERS else ""
            if t.analysis.pos == "NOUN" and t.analysis.cases & {"nomn"}:
                return ""
        return ""

    def agrees(self, m: ActorMention, form: str) -> bool:
        """Whether `m` may be what a pronoun of `form` (masc, femn, neut, plur) stands for."""
        etype = self.types.get(m.entity_id, "")
        if not self.ctx.grammar.case_marking:
            # English: he and she are people, it a state or body, they a group (not read here)
            return etype == "Person" if form in ("masc", "femn") else etype in _STATES_AND_BODIES if form == "neut" \
                else False
        if etype != "Person" and etype not in _STATES_AND_BODIES:
            return False
        own = self.forms.get(m.entity_id, "")
        if etype == "Person":
            # feminine and masculine nouns abound («угода», «кількість»): a person whose
            # gender the text does not tell is no antecedent
            return own == form
        return own == form if own else form != "plur"


def _decided(votes: Counter) -> str:
    """The form most readings give, when no other comes close."""
    if not votes:
        return ""
    (best, n), *rest = votes.most_common(2) + [("", 0)]
    return best if n > rest[0][1] else ""


def _subject_like(ctx: ArticleContext, m: ActorMention, etype: str = "") -> bool:
    """A mention that may be a clause's subject: nominative where case is marked; elsewhere
    not the object of a preposition."""
    tokens = ctx.doc.tokens
    if ctx.grammar.case_marking:
        # a foreign name's best reading may be any case («Саломе»): any reading of any of its
        # words tells, where the name is a person's
        words = tokens[m.start:m.end] if etype == "Person" else tokens[m.start:m.start + 1]
        if not any("nomn" in (t.analysis.any_cases if etype == "Person" else t.analysis.cases) for t in words):
            return False
    return not _after_preposition(ctx, m)


def _after_preposition(ctx: ArticleContext, m: ActorMention) -> bool:
    """"in talks with the Houthis": the object of a preposition (an article between)."""
    k = m.start - 1
    while k >= 0 and ctx.doc.tokens[k].text.lower() in ctx.grammar.articles:
        k -= 1
    return k >= 0 and ctx.doc.tokens[k].text.lower() in ctx.lex.words("prepositions")


class _Antecedents:
    """The mentions a pronoun may point back at, by sentence (read once an article)."""

    def __init__(self, ctx: ArticleContext, table: MentionTable):
        self.ctx = ctx
        self.agreement = _Agreement(ctx, table)
        self.by_sentence: dict[int, list[ActorMention]] = {}
        for m in sorted(table.mentions, key=lambda m: (m.start, m.end)):
            if (m.kind in _ANTECEDENT_KINDS or m.kind in _BLOCKING_KINDS or m.kind == "pronoun") \
                    and m.start not in table.complements:
                self.by_sentence.setdefault(m.sentence, []).append(m)

    def note(self, m: ActorMention) -> None:
        """A pronoun just resolved: what the next pronoun may point back at ("He … he")."""
        self.by_sentence.setdefault(m.sentence, []).append(m)
        self.by_sentence[m.sentence].sort(key=lambda x: (x.start, x.end))

    def find(self, at: int, form: str, types: frozenset[str] | None = None) -> str:
        """The entity a pronoun of `form` at token `at` stands for, or '': people first for a
        pronoun that may name one, then states and bodies; within each, the nearest agreeing
        mention before it in its own sentence (a state or body only as a subject, since
        «нападу Росії на Україну» names no one who acts again), else the subject of one of the
        two sentences before. A named event or document that agrees and stands nearer leaves
        the pronoun unresolved: it may be what is meant."""
        people = frozenset({"Person"})
        for want in ((people, _STATES_AND_BODIES) if form in ("masc", "femn") else (_STATES_AND_BODIES,)):
            want = want if types is None else want & types
            if want:
                eid = self._find(at, form, want)
                if eid is not None:
                    return eid
        return ""

    def _find(self, at: int, form: str, types: frozenset[str]) -> str | None:
        here = self.ctx.sent(at)
        of_type = self.agreement.types.get
        fits = lambda m: of_type(m.entity_id) in types and self.agreement.agrees(m, form)  # noqa: E731
        blocks = lambda m: m.kind in _BLOCKING_KINDS and self._document_agrees(m, form)  # noqa: E731
        own = [m for m in self.by_sentence.get(here, ()) if m.end <= at and (blocks(m) or fits(m))]
        # a person in any case but a preposition's object («візит Сунака …, як він очолив»);
        # a state or body as a subject only, and none where another stands in an oblique case
        # before it («подякував Британії за те, що вона …» may mean either)
        near = [m for m in own if blocks(m) or self._may_act(m)]
        if near:
            return self._actor(near[-1])
        if own:
            return ""
        for s in range(here - 1, max(-1, here - 1 - _BACK), -1):
            ms = self.by_sentence.get(s, ())
            first = next((m for m in ms if blocks(m) or (fits(m) and _subject_like(self.ctx, m, of_type(m.entity_id)))),
                         None)
            if first is None and "Person" in types:
                # "The pact crowned Putin's visit. He arrived …": a person named in any case
                first = next((m for m in ms if fits(m)), None)
            if first is not None:
                return self._actor(first)
        return None

    def _may_act(self, m: ActorMention) -> bool:
        etype = self.agreement.types.get(m.entity_id, "")
        return not _after_preposition(self.ctx, m) if etype == "Person" else _subject_like(self.ctx, m, etype)

    def _document_agrees(self, m: ActorMention, form: str) -> bool:
        if not self.ctx.grammar.case_marking:
            return form == "neut"
        head = self.ctx.doc.tokens[m.start]
        return (head.analysis.gender or "") == form

    @staticmethod
    def _actor(m: ActorMention) -> str:
        return "" if m.kind in _BLOCKING_KINDS else m.entity_id


def _words(data: Mapping[str, str], tok: Token) -> str:
    return data.get(tok.text.lower(), "")


# -- stages ------------------------------------------------------------------

def pronouns(ctx: ArticleContext, table: MentionTable) -> MentionTable:
    """Reads personal pronouns in the nominative («він», «она», "he", "it"). Adds a `pronoun`
    mention of the actor it stands for (`_Antecedents.find`): one that agrees in gender and
    number. English "it", which is often no one ("it is likely"), counts only at a sentence's
    start or after a clause word."""
    g = ctx.grammar
    if not g.personal_pronouns:
        return table
    d = _Draft(ctx, table)
    found = _Antecedents(ctx, table)
    clause_words = ctx.lex.words("subordinators") | ctx.lex.words("clause_conjunctions") | {","}
    speech = ctx.lex.words("speech_verbs")
    tokens = ctx.doc.tokens
    for sentence in ctx.doc.sentences:
        for k, tok in enumerate(sentence.tokens):
            form = _words(g.personal_pronouns, tok)
            if not form or tok.index in d.covered or (sentence.index == 0 and k == 0):
                continue
            before = tokens[tok.index - 1] if k > 0 else None
            if form == "neut" and not g.case_marking and before is not None and \
                    before.text.lower() not in clause_words and not before.lemmas & speech:
                continue
            eid = found.find(tok.index, form)
            if eid:
                found.note(d.add(tok.index, tok.index + 1, eid, "pronoun"))
    return d.table()


def own_states(ctx: ArticleContext, table: MentionTable) -> MentionTable:
    """Reads a possessive before a state noun ("his country", «її країни», «свою страну»).
    Adds a `pronoun` mention of the state the possessor holds office in (the article states
    the office): "Rutte confirmed that his country would deliver F-16s" is the Netherlands'
    deed. A reflexive possessive is its own clause's subject's."""
    g = ctx.grammar
    state_nouns = ctx.lex.words("state_nouns")
    if not (g.possessive_pronouns or g.reflexive_possessives) or not state_nouns:
        return table
    d = _Draft(ctx, table)
    found = _Antecedents(ctx, table)
    offices: dict[str, str] = {}
    for r in table.roles:
        if table.types.get(r.of) == "Country":
            offices.setdefault(r.person, r.of)
    tokens = ctx.doc.tokens
    for i, tok in enumerate(tokens[:-1]):
        nxt = tokens[i + 1]
        if not (nxt.lemmas & state_nouns) or i in d.covered or i + 1 in d.covered:
            continue
        form = _words(g.possessive_pronouns, tok)
        if form in ("masc", "femn"):
            person = found.find(i, form, frozenset({"Person"}))
        elif tok.lemmas & g.reflexive_possessives:
            person = _clause_subject(ctx, table, i)
        else:
            continue
        state = offices.get(person, "")
        if state:
            d.add(i, i + 2, state, "pronoun")
    return d.table()


def _clause_subject(ctx: ArticleContext, table: MentionTable, at: int) -> str:
    """The person who is the subject nearest before token `at` in its sentence, or ''."""
    here = ctx.sent(at)
    people = [m for m in table.mentions if m.sentence == here and m.end <= at and m.kind in _ANTECEDENT_KINDS
              and table.types.get(m.entity_id) == "Person" and _subject_like(ctx, m, "Person")]
    return max(people, key=lambda m: m.start).entity_id if people else ""

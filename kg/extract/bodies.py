"""Bodies whose names are written with one capital: where only a name's first word is
capitalised, a run of capitalised words misses them. A body's head noun (the lexicon's
`body_nouns`) with a capitalised word before it or at its own start is one:

- a capitalised adjective, more adjectives, the head noun («Верховный суд», «Русская
  православная церковь»);
- a capitalised head noun and its genitive words («Міністерство економічного розвитку і
  торгівлі»);
- initials of a body («МИД», «МВС»);

each with a state, place or body after it in the genitive kept inside («Верховный суд Пакистана»,
«МВД Италии»): the body is that state's, and its name says so. At a sentence's start the
capital says nothing, so there the name needs the state after it.
"""
from __future__ import annotations

from ..model import Entity
from ..nlp import Token
from .entities import (ArticleContext, MentionTable, _body_acronym, _Draft, _new_id, nominative)

# what a body name may end in, in the genitive: whose body it is
_WHOSE = frozenset({"Country", "City", "Region", "Agency", "Organization", "IntergovernmentalOrganization"})
_MAX_WORDS = 4  # lower-case words a body's name may run on for after its first


def body_phrases(ctx: ArticleContext, table: MentionTable) -> MentionTable:
    """Reads body names written with one capital (see the module). Adds a new Organization
    and a `new` mention for each, labelled by its nominative."""
    g = ctx.grammar
    if not g.case_marking or g.capitalised_names:
        return table
    d = _Draft(ctx, table)
    tokens = ctx.doc.tokens
    heads = ctx.lex.words("body_nouns")
    places = {m.start: m for m in table.mentions if table.types.get(m.entity_id) in _WHOSE and m.kind == "name"}
    k = 0
    while k < len(tokens):
        end = _body_end(ctx, d, k, heads) if k not in d.covered and _capital(tokens[k]) else 0
        if not end:
            k += 1
            continue
        place = places.get(end)
        opening = k == 0 or ctx.sent(k - 1) != ctx.sent(k)
        if not opening and k - 1 not in d.covered and _capital(tokens[k - 1]) and \
                k - 2 >= 0 and ctx.sent(k - 2) == ctx.sent(k):
            k += 1  # «Донецької ОВА»: inside a longer run of capitalised words, which the next stage reads
            continue
        short = end
        if place is not None and ctx.sent(end) == ctx.sent(k) and "gent" in tokens[end].analysis.any_cases:
            end = place.end
        elif opening or end - k == 1:
            k += 1  # initials alone are left to the next stage, with the words around them
            continue
        _add(ctx, d, k, end, short)
        k = end
    return d.table()


def _capital(tok: Token) -> bool:
    return tok.is_word and tok.text[:1].isupper()


def _body_end(ctx: ArticleContext, d: _Draft, k: int, heads: frozenset[str]) -> int:
    """Where a body's name that starts at `k` ends (before any state after it); 0 if none does."""
    tokens = ctx.doc.tokens
    tok = tokens[k]
    if _body_acronym(ctx, tok) and k + 1 < len(tokens):
        return k + 1
    a = tok.analysis
    if a.grammemes & {"Name", "Surn", "Patr", "Geox"}:
        return 0
    if a.pos == "ADJF":
        j = k + 1
        while j < len(tokens) and j - k <= _MAX_WORDS and j not in d.covered and tokens[j].text.islower() \
                and tokens[j].analysis.pos == "ADJF":
            j += 1
        ok = j < len(tokens) and j not in d.covered and tokens[j].text.islower() and tokens[j].lemmas & heads
        return j + 1 if ok else 0
    if a.pos == "NOUN" and tok.lemmas & heads:
        return _genitive_end(ctx, d, k + 1)
    return 0


def _genitive_end(ctx: ArticleContext, d: _Draft, j: int) -> int:
    """The end of the lower-case genitive words after a head noun («оборони», «економічного
    розвитку і торгівлі»); 0 when none follows."""
    tokens, g = ctx.doc.tokens, ctx.grammar
    start = j
    while j < len(tokens) and j - start < _MAX_WORDS and j not in d.covered:
        t = tokens[j]
        if t.text.islower() and t.analysis.pos in ("NOUN", "ADJF") and "gent" in t.analysis.any_cases:
            j += 1
        elif t.text.lower() in g.coordinators and j + 1 < len(tokens) and j > start \
                and tokens[j + 1].text.islower() and "gent" in tokens[j + 1].analysis.any_cases:
            j += 1
        else:
            break
    return j if j > start else 0


def _add(ctx: ArticleContext, d: _Draft, start: int, end: int, short: int) -> None:
    """The body over start..end; its name without whose it is (start..short) is an alias
    («МВД» of «МВД Италии»), as the text may say it so again."""
    doc = ctx.doc
    label = nominative(list(doc.tokens[start:end]), doc.lang, doc.text)
    aliases = ((doc.lang, nominative(list(doc.tokens[start:short]), doc.lang, doc.text)),) if short < end else ()
    eid = _new_id(label, doc.lang, "Organization")
    if eid in ctx.gaz:
        eid = eid + "_" + doc.lang
    if eid not in d.entities:
        d.add_entity(Entity(eid, "Organization", ((doc.lang, label),), aliases))
    d.add(start, end, eid, "new")

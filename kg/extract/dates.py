"""Dates in text, resolved against the article's publication date.

Month, weekday, year and range words come from the lexicons; a pattern over tokens finds the
span, so no date parser runs over whole articles (the slow part, per DESIGN.md's measurements).

>>> import datetime as dt
>>> from kg.nlp import parse
>>> doc = parse("Голова КНР 16 – 18 червня перебуває з візитом.", "uk")
>>> [(d.start, d.end) for d in find_dates(doc.tokens, "uk", dt.date(2025, 6, 17))]
[('2025-06-16', '2025-06-18')]
>>> doc = parse("The treaty was signed on Tuesday, after talks in March 2024.", "en")
>>> [d.value for d in find_dates(doc.tokens, "en", dt.date(2025, 6, 17))]
['2025-06-17', '2024-03']
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .lexicon import load_lexicon

_DASHES = frozenset({"-", "–", "—"})


@dataclass(frozen=True, slots=True)
class DateMention:
    first: int  # document token indexes, end exclusive
    last: int
    start: str  # ISO, any precision
    end: str = ""

    @property
    def value(self) -> str:
        return self.start if not self.end else f"{self.start}/{self.end}"

    @property
    def is_range(self) -> bool:
        return bool(self.end) and self.end != self.start


def _int(text: str, lo: int, hi: int) -> int | None:
    if text.isdecimal() and lo <= int(text) <= hi:
        return int(text)
    return None


def _year(tokens: Sequence, i: int) -> int | None:
    return _int(tokens[i].text, 1900, 2100) if i < len(tokens) else None


def _iso(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return f"{y:04d}-{m:02d}"


def _month(tokens: Sequence, i: int, months: dict[str, int]) -> int | None:
    if i >= len(tokens):
        return None
    t = tokens[i]
    for lemma in (t.text.lower().rstrip("."), *t.lemmas):
        if lemma in months:
            return months[lemma]
    return None


def find_dates(tokens: Sequence, lang: str, published: dt.date | None, day_before: str = "") -> list[DateMention]:
    """The dates in `tokens`; `day_before` is the last day the text named before them, which
    «того ж дня», "the same day" repeat."""
    lex = load_lexicon(lang)
    months, weekdays = lex.months, lex.weekdays
    words = _Words(lex.grammar.year_words, _DASHES | lex.grammar.range_words)
    base_year = published.year if published else None
    out: list[DateMention] = []
    relative = _relative_years(tokens, lang, base_year) | _relative_days(tokens, lang, published)
    if day_before:
        relative |= {m.start: DateMention(m.start, m.end, day_before) for m in lex.same_day.find(tokens)}
    i, n = 0, len(tokens)
    cues = months.keys() | weekdays.keys()
    # «серед союзників» ("among the allies") shares a form with «середа» (Wednesday): a
    # preposition names no day
    prepositions = lex.words("prepositions")
    while i < n:
        if i in relative:
            out.append(relative[i])
            i = relative[i].last
            continue
        t = tokens[i]
        if not t.text[:1].isdigit() and (cues.isdisjoint(t.lemmas) and t.text.lower().rstrip(".") not in cues
                                         or t.text.lower() in prepositions):
            i += 1  # most words start no date: skip them before the pattern's work
            continue
        found = _date_at(tokens, i, months, weekdays, base_year, published, words)
        if found:
            out.append(found)
            i = found.last
        else:
            i += 1
    # positions in the document, whatever slice of it was searched
    offset = tokens[0].index if tokens else 0
    return [DateMention(d.first + offset, d.last + offset, d.start, d.end) for d in out]


def known(dates: list[DateMention]) -> list[DateMention]:
    return [d for d in dates if d.start]


class _Words(NamedTuple):
    year: frozenset[str]  # «року», «г.»: the word after a year
    range: frozenset[str]  # between the days of a span: dashes, «до», "to"


def _date_at(tokens, i, months, weekdays, base_year, published, words: _Words) -> DateMention | None:
    t = tokens[i]
    day = _int(t.text, 1, 31)
    # 16 – 18 червня [2025 року]; 17 травня; 24 лютого 2022 року; 17 June 2025
    if day is not None:
        j, day2 = i + 1, None
        if j + 1 < len(tokens) and tokens[j].text.lower() in words.range and _int(tokens[j + 1].text, 1, 31):
            day2, j = int(tokens[j + 1].text), j + 2
        month = _month(tokens, j, months)
        if month:
            year, k = _year(tokens, j + 1), j + 2
            if year is None:
                year, k = base_year, j + 1
            if year is None:
                return DateMention(i, j + 1, "")  # a day without a year we can tell: known to be unknown
            k = _skip_year_word(tokens, k, words.year)
            start = _iso(year, month, day)
            return DateMention(i, k, start, _iso(year, month, day2) if day2 else "")
    # June 17[, 2025]; June 16-18; March 2024; лютому 2024
    month = _month(tokens, i, months)
    if month:
        j = i + 1
        d = _int(tokens[j].text, 1, 31) if j < len(tokens) else None
        if d is not None:
            j += 1
            d2 = None
            if j + 1 < len(tokens) and tokens[j].text in words.range and _int(tokens[j + 1].text, 1, 31):
                d2, j = int(tokens[j + 1].text), j + 2
            if j < len(tokens) and tokens[j].text == ",":
                j += 1
            year = _year(tokens, j)
            if year is None and j > 0 and tokens[j - 1].text == ",":
                j -= 1
            y = year or base_year
            if y is None:
                return DateMention(i, j, "")
            end = j + 1 if year else j
            return DateMention(i, end, _iso(y, month, d), _iso(y, month, d2) if d2 else "")
        year = _year(tokens, j)
        if year:
            return DateMention(i, _skip_year_word(tokens, j + 1, words.year), _iso(year, month))
        return None
    # у 2020 році; in 2023
    year = _year(tokens, i)
    if year and t.text.isdecimal() and len(t.text) == 4:
        return DateMention(i, _skip_year_word(tokens, i + 1, words.year), _iso(year))
    # on Tuesday / у вівторок: the last such day on or before publication
    if published and t.text.lower() in weekdays or (published and any(l in weekdays for l in t.lemmas)):
        wd = weekdays.get(t.text.lower(), next((weekdays[l] for l in t.lemmas if l in weekdays), None))
        back = (published.weekday() - wd) % 7 if wd is not None else 0
        if wd is not None and published.toordinal() > back:  # no day before 1 January of year 1
            return DateMention(i, i + 1, (published - dt.timedelta(days=back)).isoformat())
    return None


def _relative_years(tokens: Sequence, lang: str, base_year: int | None) -> dict[int, DateMention]:
    """"last year", «минулого року», «в прошлом году» → the year before publication."""
    if base_year is None:
        return {}
    from .lexicon import load_lexicon
    index = load_lexicon(lang).relative_years
    return {m.start: DateMention(m.start, m.end, _iso(base_year + int(m.payload)))
            for m in index.find(tokens)}


def _relative_days(tokens: Sequence, lang: str, published: dt.date | None) -> dict[int, DateMention]:
    """«напередодні», «накануне», "the day before" → the day before publication; the same word
    before a noun in the genitive, "of" or an article («напередодні саміту», "the day before the
    vote") is the eve of that event, whose day it does not tell."""
    if published is None:
        return {}
    lex = load_lexicon(lang)
    out = {}
    for m in lex.relative_days.find(tokens):
        nxt = tokens[m.end] if m.end < len(tokens) else None
        if nxt is not None and (nxt.text.lower() in lex.grammar.of_words | lex.grammar.articles or
                                (lex.grammar.case_marking and nxt.is_word and "gent" in nxt.analysis.cases
                                 and nxt.analysis.pos in ("NOUN", "ADJF"))):
            continue
        day = published + dt.timedelta(days=int(m.payload))
        out[m.start] = DateMention(m.start, m.end, day.isoformat())
    return out


def _skip_year_word(tokens: Sequence, k: int, year_words: frozenset[str]) -> int:
    if k < len(tokens) and (tokens[k].text.lower().rstrip(".") in year_words or
                            tokens[k].lemma in year_words):
        k += 1
        if k < len(tokens) and tokens[k].text == ".":
            k += 1
    return k


_STORY_DAYS = 7  # a lead's day this near the publication is the story's
_DATELINE_AT = 2  # tokens: "TOKYO, July 13", «ТАШКЕНТ, 10 июля» — the date after the city and a comma


def story_day(sentences: Sequence, lang: str, published: dt.date, ranges: bool = True) -> DateMention | None:
    """The day the title and lead (`sentences`) give the story's event: the first full date near
    the publication, a day the lead tells preferred to the dateline's, which says when the story
    was filed («ТАШКЕНТ, 10 июля. … победил на состоявшихся в воскресенье выборах»: the vote
    was on Sunday, the story is Monday's).

    >>> from kg.nlp import parse
    >>> doc = parse("ТАШКЕНТ, 10 июля. Мирзиёев победил на состоявшихся в воскресенье выборах.", "ru")
    >>> story_day(doc.sentences, "ru", dt.date(2023, 7, 10)).start
    '2023-07-09'
    """
    near, told = [], []
    for s in sentences:
        for d in find_dates(s.tokens, lang, published):
            if len(d.start) != 10 or (d.is_range and not ranges):
                continue
            if abs((dt.date.fromisoformat(d.start) - published).days) <= _STORY_DAYS:
                near.append(d)
                if not _in_dateline(s.tokens, d):
                    told.append(d)
    return (told or near or [None])[0]


def _in_dateline(tokens: Sequence, d: DateMention) -> bool:
    """Whether `d` is a dateline's date: right after a first word in capitals (or any first
    word) and a comma or full stop."""
    first = tokens[0]
    return d.first - first.index == _DATELINE_AT and len(tokens) > 1 and tokens[1].text in (",", ".") \
        and first.text[:1].isupper()

"""Hypothesis strategies for fuzzing kg: article text in three languages and none, dates,
front matter and file names. The suite (tests/test_fuzz.py) and bench/fuzz_bench.py share them.

Text is drawn from pieces that steer extraction into its rarer paths — names the gazetteer
knows, trigger words, dates written with every kind of digit, long lists, punctuation — mixed
with arbitrary Unicode, so a case reaches the relation stages and not only the tokeniser.
"""
from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

NAMES = ["France", "Kazakhstan", "China", "Russia", "Ukraine", "the United States", "NATO", "Xi Jinping",
         "Tokayev", "Astana", "Kyiv", "Китай", "Казахстан", "Україна", "Росія", "Россия", "Украина", "Сі Цзіньпін",
         "Токаєв", "Путин", "Астана", "Києві", "Москве", "ЄС", "ООН", "Европейский союз"]
WORDS = ["met", "signed", "an agreement", "with", "and", "on", "in", "attacked", "supports", "sanctions",
         "cooperates with", "visited", "the president of", "minister", "said", "not", "will", "plans to",
         "зустрівся з", "підписали", "угоду", "і", "та", "в", "у", "з", "не", "підтримує", "відвідав",
         "встретился с", "подписали", "соглашение", "и", "в", "с", "не", "поддерживает", "посетил", "глава",
         "президент", "прем'єр-міністр", "министр", "заявил", "він", "она", "it", "they", "his", "their"]
DATES = ["on 5 June", "on Tuesday", "yesterday", "last week", "in 2024", "on 31 February", "in May 2022",
         "5 червня", "у вівторок", "вчора", "в 2023 році", "5 июня", "во вторник", "вчера", "12.03.2024",
         "2024-13-45", "on ⁵ June", "on 🄁 May", "𑁒 березня", "on ٣ April", "on ５ July", "in 0001", "in 9999",
         "on 99999999999999999999 March", "between 3 and 7 May", "from 1 to 3 червня", "с 1 по 3 июня"]
PUNCT = [".", ",", ";", ":", "—", "-", "«", "»", "\"", "(", ")", "!", "?", "…", "\n", "\n\n", "'", "’"]


def piece() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(NAMES), st.sampled_from(WORDS), st.sampled_from(DATES),
                     st.sampled_from(PUNCT), st.text(min_size=1, max_size=6),
                     st.integers(-10**6, 10**12).map(str))


def texts(max_pieces: int = 120) -> st.SearchStrategy[str]:
    """Article text: pieces joined by spaces, sometimes repeated (long lists, one long sentence)."""
    joined = st.lists(piece(), min_size=1, max_size=max_pieces).map(" ".join)
    repeated = st.tuples(joined, st.integers(1, 40)).map(lambda t: " ".join([t[0]] * t[1]))
    return st.one_of(joined, repeated, st.text(min_size=1, max_size=400))


def published() -> st.SearchStrategy[dt.date | None]:
    return st.one_of(st.none(), st.dates(), st.sampled_from([dt.date(1, 1, 1), dt.date(9999, 12, 31)]))


LANGS = st.sampled_from([None, "en", "uk", "ru", "de", "zz"])

# YAML values as a clumsy user writes them: dates of every shape, lists, numbers, odd strings.
YAML_VALUES = st.one_of(
    st.sampled_from(["2024-05-01", "2024-02-30", "0001-01-01", "9999-12-31T23:59:59Z", "May 2024", "yesterday",
                     "[1, 2]", "{a: 1}", "~", "null", "yes", "!!binary aGVsbG8=", "'quoted'", '"a: b"', "12:30",
                     "1e400", "-0", ".nan", "https://example.org/a b", "http://[x", "ftp://x", "uk", "en-GB", ""]),
    st.text(max_size=30).map(lambda s: s.replace("\n", " ")))
FRONT_KEYS = st.sampled_from(["title", "published", "date", "lang", "language", "url", "source", "author", "tags"])


@st.composite
def front_matter(draw) -> str:
    items = draw(st.dictionaries(FRONT_KEYS, YAML_VALUES, max_size=6))
    return "".join(f"{key}: {value}\n" for key, value in items.items())


# File names: what a file system takes (no "/" nor NUL), with spaces, dots, dashes and any script.
NAME_CHARS = st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",))
FILE_NAMES = st.tuples(st.text(NAME_CHARS, min_size=1, max_size=20),
                       st.sampled_from([".txt", ".md", ".jsonl", ".TXT", ".md.bak", ""])).map(
    lambda t: (t[0] + t[1])[:200]).filter(lambda n: n not in (".", "..") and len(n.encode("utf-8")) < 250)

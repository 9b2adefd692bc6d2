"""Word analysis: lemma(s), case and the grammemes that mark names, cached per word form.

pymorphy3 for uk and ru gives every reading of a form; all their lemmas are kept, so a
name matches whichever reading fits («Токаєва» → токаєв). English goes through simplemma.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct")
_NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Fixd"})
_CASE_SET = frozenset(CASES) | {"gen2", "acc2", "loc2"}
_POS_SET = frozenset({"NOUN", "ADJF", "ADJS", "COMP", "VERB", "INFN", "PRTF", "PRTS", "GRND", "NUMR", "ADVB",
                      "NPRO", "PRED", "PREP", "CONJ", "PRCL", "INTJ"})
_NUMBER_SET = frozenset({"sing", "plur"})
_GENDER_SET = frozenset({"masc", "femn", "neut", "ms-f"})


@dataclass(frozen=True, slots=True)
class Analysis:
    lemma: str
    lemmas: frozenset[str]
    pos: str = ""
    cases: frozenset[str] = frozenset()
    any_cases: frozenset[str] = frozenset()  # the cases of every reading, whatever its lemma
    grammemes: frozenset[str] = frozenset()
    number: str = ""
    gender: str = ""


@lru_cache(maxsize=4)
def _morph(lang: str):
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


@lru_cache(maxsize=400_000)
def analyse(word: str, lang: str) -> Analysis:
    if lang in ("uk", "ru") and _has_cyrillic(word):
        return _analyse_slavic(word, lang)
    return _analyse_latin(word)


def _has_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def _analyse_slavic(word: str, lang: str) -> Analysis:
    text = word.replace("’", "'").replace("ʼ", "'").replace("`", "'")
    parses = _morph(lang).parse(text)
    if not parses:
        low = word.lower()
        return Analysis(low, frozenset({low}))
    best = parses[0]
    # Lemmas spell the apostrophe as ASCII, like the lexicons and gazetteer keys.
    lemmas = frozenset(p.normal_form for p in parses) | _hyphenated(text, lang)
    # One pass over the readings, reading each tag's grammemes once (tag properties are slow).
    tags = [(p.normal_form, p.tag.grammemes) for p in parses]
    cases = frozenset(c for form, g in tags if form == best.normal_form for c in g & _CASE_SET)
    any_cases = frozenset(c for _, g in tags for c in g & _CASE_SET)
    grammemes = frozenset(x for _, g in tags[:3] for x in g & _NAME_GRAMMEMES)
    bg = tags[0][1]
    pick = lambda options: next(iter(bg & options), "")  # noqa: E731
    return Analysis(best.normal_form, lemmas | {text.lower()}, pick(_POS_SET), cases, any_cases, grammemes,
                    pick(_NUMBER_SET), pick(_GENDER_SET))

def _hyphenated(text: str, lang: str) -> frozenset[str]:
    """«Касым-Жомартом» → касым-жомарт: a hyphenated name the dictionary lacks, lemmatised by parts."""
    if "-" not in text.strip("-"):
        return frozenset()
    parts = [_morph(lang).parse(p)[0].normal_form for p in text.split("-") if p]
    return frozenset({"-".join(parts)})


_DASHES = frozenset("–—‐‑−-")


def _analyse_latin(word: str) -> Analysis:
    low = word.lower().replace("’", "'")
    if word in _DASHES:
        return Analysis("-", frozenset({"-"}))
    if not word[:1].isalpha():
        return Analysis(low, frozenset({low}))
    lemma = _en_lemma(low)
    if low.endswith("'s"):
        lemma = low[:-2]
    return Analysis(lemma, frozenset({lemma, low}))


@lru_cache(maxsize=200_000)
def _en_lemma(low: str) -> str:
    import simplemma

    return simplemma.lemmatize(low, lang="en").lower()

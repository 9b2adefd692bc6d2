"""Word analysis: lemma(s), case and the grammemes that mark names, cached per word form.

pymorphy3 for uk and ru gives every reading of a form; all their lemmas are kept, so a
name matches whichever reading fits («Токаєва» → токаєв). English goes through simplemma.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct")
_NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Fixd"})


@dataclass(frozen=True, slots=True)
class Analysis:
    lemma: str
    lemmas: frozenset[str]
    pos: str = ""
    cases: frozenset[str] = frozenset()
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
    lemmas = frozenset(p.normal_form for p in parses)
    lemma = best.normal_form
    # Readings that keep the best reading's lemma tell the cases the form can stand in.
    cases = frozenset(str(p.tag.case) for p in parses if p.normal_form == best.normal_form and p.tag.case)
    grammemes = frozenset(g for p in parses[:3] for g in p.tag.grammemes if g in _NAME_GRAMMEMES)
    return Analysis(lemma, lemmas | {text.lower()}, str(best.tag.POS or ""), cases, grammemes,
                    str(best.tag.number or ""), str(best.tag.gender or ""))


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

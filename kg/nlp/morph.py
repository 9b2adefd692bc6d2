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
    lemma = best.normal_form
    # Readings that keep the best reading's lemma tell the cases the form can stand in.
    cases = frozenset(str(p.tag.case) for p in parses if p.normal_form == best.normal_form and p.tag.case)
    grammemes = frozenset(g for p in parses[:3] for g in p.tag.grammemes if g in _NAME_GRAMMEMES)
    any_cases = frozenset(str(p.tag.case) for p in parses if p.tag.case)
    return Analysis(lemma, lemmas | {text.lower()}, str(best.tag.POS or ""), cases, any_cases, grammemes,
                    str(best.tag.number or ""), str(best.tag.gender or ""))


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

"""Word analysis: lemma(s), case and the grammemes that mark names, cached per word form.

Each language names its lemmatiser hook in its lexicon (`language: lemmatizer:`). Two ship
with kg: `pymorphy3` gives every reading of a form and all their lemmas are kept, so a name
matches whichever reading fits («Токаєва» → токаєв); `simplemma` gives one lemma. Another
hook is a function `(word, lang) -> Analysis | str` (a str is the lemma), found by name:
registered with `register_lemmatizer`, declared by an installed package under the entry
point group `kg.lemmatizers`, or written in the lexicon as `package.module:function`.
A word in another script than its text's language (a Latin name in Cyrillic text) is read
by the hook of the language the lexicon names as `foreign`.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from .. import schema
from ..errors import UnknownNameError
from ..registry import Registry

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


class UnknownLemmatizerError(UnknownNameError):
    kind = "lemmatizer"


lemmatizers = Registry("lemmatizers", UnknownLemmatizerError)


def register_lemmatizer(name: str, *, keeps_written: bool = False):
    """Register a lemmatiser hook under `name`.

    `keeps_written`: the hook's first reading of a form may be another word's, so the
    gazetteer also indexes names as written (and asks the hook's `is_nominal`, if it has one).
    """
    def decorate(fn):
        fn.keeps_written = keeps_written
        return lemmatizers.register(name)(fn)
    return decorate


@lru_cache(maxsize=None)
def hook(name: str) -> Callable:
    """The lemmatiser hook named `name`: registered, an entry point, or `module:function`."""
    if ":" in name and name not in lemmatizers.names():
        module, _, attr = name.partition(":")
        try:
            return getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError):
            raise UnknownLemmatizerError(name, lemmatizers.names()) from None
    return lemmatizers.get(name)


def reader(word: str, lang: str) -> tuple[str, str]:
    """(hook name, language code) of the lemmatiser that reads `word` in a text of `lang`."""
    languages = schema.load().languages
    language = languages.get(lang)
    if language is None:  # a language kg does not declare: the first one of the word's script
        language = next((lg for lg in languages.values() if any(lg.writes(ch) for ch in word)), None)
        if language is None:
            return "", lang
    elif language.foreign and not any(language.writes(ch) for ch in word):
        language = languages[language.foreign]
    return language.lemmatizer, language.code


def warm(lang: str) -> None:
    """Load the lemmatisers a text of `lang` uses (its own and its `foreign` one's), so that
    the first article read does not pay for them (nor count their loading in its time limit)."""
    languages = schema.load().languages
    language = languages.get(lang)
    for lg in (language, languages.get(language.foreign) if language and language.foreign else None):
        if lg is not None:
            hook(lg.lemmatizer)("a", lg.code)


@lru_cache(maxsize=4)
def _morph(lang: str):
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


@lru_cache(maxsize=400_000)
def analyse(word: str, lang: str) -> Analysis:
    name, code = reader(word, lang)
    if not name:
        low = word.lower()
        return Analysis(low, frozenset({low}))
    out = hook(name)(word, code)
    if isinstance(out, str):
        low = word.lower()
        return Analysis(out, frozenset({out, low}))
    return out


def keeps_written(word: str, lang: str) -> bool:
    """Whether the lemmatiser reading `word` may rank another word's reading first."""
    name, _ = reader(word, lang)
    return bool(name) and getattr(hook(name), "keeps_written", False)


def is_nominal(word: str, lang: str) -> bool:
    """Whether the word can be read as a nominative noun or name (not only as a verb form),
    as far as its lemmatiser can tell (`fn.is_nominal`); False when it cannot."""
    name, code = reader(word, lang)
    test = getattr(hook(name), "is_nominal", None) if name else None
    return bool(test and test(word, code))


@lru_cache(maxsize=200_000)
def readings(text: str, lang: str) -> tuple:
    """pymorphy3's readings of `text` (its `Parse` values), cached: the entity stages read a
    name's words again after the lemmatiser did, and pymorphy3 parses an unknown word slowly."""
    morph = _morph(lang)
    try:
        return tuple(morph.parse(text))
    except ValueError:
        # pymorphy3 asks every letter for its Unicode name, and the letters of some scripts
        # (Tangut, Khitan, Nushu) have none: a word holding one is unknown, read as written.
        low = text.lower()
        unknown = morph.parse(_UNKNOWN_LETTER)[0]
        return (unknown._replace(word=low, normal_form=low, methods_stack=()),)


_UNKNOWN_LETTER = "\u3400"  # a letter with a name that no dictionary of kg's languages holds


@register_lemmatizer("pymorphy3", keeps_written=True)
def _analyse_slavic(word: str, lang: str) -> Analysis:
    text = word.replace("’", "'").replace("ʼ", "'").replace("`", "'")
    parses = readings(text, lang)
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
    parts = [readings(p, lang)[0].normal_form for p in text.split("-") if p]
    return frozenset({"-".join(parts)})


_DASHES = frozenset("–—‐‑−-")


@register_lemmatizer("simplemma")
def _analyse_latin(word: str, lang: str = "en") -> Analysis:
    low = word.lower().replace("’", "'")
    if word in _DASHES:
        return Analysis("-", frozenset({"-"}))
    if not word[:1].isalpha():
        return Analysis(low, frozenset({low}))
    lemma = _simplemma(low, lang)
    if low.endswith("'s"):
        lemma = low[:-2]
    return Analysis(lemma, frozenset({lemma, low}))


@lru_cache(maxsize=200_000)
def _simplemma(low: str, lang: str) -> str:
    import simplemma

    return simplemma.lemmatize(low, lang=lang).lower()


def _pymorphy_nominal(word: str, lang: str) -> bool:
    return any(p.normal_form == word.lower().replace("’", "'") and p.tag.POS in ("NOUN", "ADJF")
               for p in readings(word.replace("’", "'"), lang))


_analyse_slavic.is_nominal = _pymorphy_nominal

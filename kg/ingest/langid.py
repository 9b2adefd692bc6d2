"""Language identification restricted to the languages kg reads (those with a lexicon).

The script decides first (the letters of each language's alphabet, counted); within a
script, the letters only one language's alphabet has (і ї є ґ for Ukrainian, ы э ъ ё for
Russian) decide most texts at once; lingua, restricted to the declared languages, settles
the rest.

>>> detect_language("Китай і Казахстан поглиблюють співпрацю у сфері безпеки.")
'uk'
>>> detect_language("Китай и Казахстан углубляют сотрудничество в сфере безопасности.")
'ru'
>>> detect_language("China and Kazakhstan deepen security cooperation.")
'en'
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from .. import schema


def languages() -> tuple[str, ...]:
    """The codes of the languages kg reads."""
    return tuple(schema.load().languages)


def detect_language(text: str) -> str:
    """The code of the text's main language, one of `languages()`."""
    sample = text[:4000]
    letters = Counter(ch for ch in sample.lower() if ch.isalpha())
    candidates = _by_script(letters)
    if len(candidates) == 1:
        return candidates[0]
    unique = {code: sum(letters[ch] for ch in own) for code, own in _unique_letters(tuple(candidates)).items()}
    ranked = sorted(candidates, key=lambda c: -unique[c])
    best, runner_up = ranked[0], ranked[1]
    if unique[best] > 2 * unique[runner_up] + 2:
        return best
    return _lingua(sample, tuple(candidates)) or best


def _by_script(letters: Counter) -> list[str]:
    """The languages of the script most of the text's letters are in (all of them, if none)."""
    declared = schema.load().languages
    scripts: dict[str, set[str]] = {}
    for lg in declared.values():
        scripts.setdefault(lg.script, set()).update(lg.alphabet)
    counts = {script: sum(letters[ch] for ch in alphabet) for script, alphabet in scripts.items()}
    script = max(counts, key=lambda s: counts[s]) if counts else ""
    return [code for code, lg in declared.items() if lg.script == script] or list(declared)


@lru_cache(maxsize=16)
def _unique_letters(candidates: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """Each language's letters that no other of `candidates` has."""
    alphabets = {c: schema.load().languages[c].alphabet for c in candidates}
    return {c: own - frozenset().union(*(a for o, a in alphabets.items() if o != c))
            for c, own in alphabets.items()}


def _lingua(text: str, candidates: tuple[str, ...]) -> str:
    detector, codes = _detector()
    if detector is None:
        return ""
    found = detector.detect_language_of(text)
    code = codes.get(getattr(found, "name", ""), "")
    return code if code in candidates else ""


@lru_cache(maxsize=1)
def _detector():
    """lingua's detector over the declared languages it knows, and its names → our codes."""
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        return None, {}
    codes = {lg.lingua: code for code, lg in schema.load().languages.items()
             if lg.lingua and hasattr(Language, lg.lingua)}
    if len(codes) < 2:
        return None, codes
    return LanguageDetectorBuilder.from_languages(*(getattr(Language, n) for n in codes)).build(), codes

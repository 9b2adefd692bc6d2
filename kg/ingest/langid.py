"""Language identification restricted to the languages kg reads.

Cyrillic letters that only one of Ukrainian and Russian uses decide most texts at once;
lingua settles the rest.

>>> detect_language("Китай і Казахстан поглиблюють співпрацю у сфері безпеки.")
'uk'
>>> detect_language("Китай и Казахстан углубляют сотрудничество в сфере безопасности.")
'ru'
>>> detect_language("China and Kazakhstan deepen security cooperation.")
'en'
"""
from __future__ import annotations

import re
from functools import lru_cache

_UK_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RU_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")
_CYRILLIC = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ]")
_LATIN = re.compile(r"[A-Za-z]")
LANGUAGES = ("uk", "ru", "en")


def detect_language(text: str) -> str:
    """'uk', 'ru' or 'en' for the text's main language."""
    sample = text[:4000]
    cyr, lat = len(_CYRILLIC.findall(sample)), len(_LATIN.findall(sample))
    if lat > cyr:
        return "en"
    uk, ru = len(_UK_ONLY.findall(sample)), len(_RU_ONLY.findall(sample))
    if uk > 2 * ru + 2:
        return "uk"
    if ru > 2 * uk + 2:
        return "ru"
    return _lingua(sample)


def _lingua(text: str) -> str:
    detector = _detector()
    if detector is None:
        return "uk" if len(_UK_ONLY.findall(text)) >= len(_RU_ONLY.findall(text)) else "ru"
    found = detector.detect_language_of(text)
    return {"UKRAINIAN": "uk", "RUSSIAN": "ru", "ENGLISH": "en"}.get(getattr(found, "name", ""), "uk")


@lru_cache(maxsize=1)
def _detector():
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        return None
    return LanguageDetectorBuilder.from_languages(
        Language.UKRAINIAN, Language.RUSSIAN, Language.ENGLISH).build()

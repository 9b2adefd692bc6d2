"""One key for one name across scripts: the id a new person or body gets.

A foreign name the gazetteer lacks is written differently in each language («Джонатан
Пауелл», «Джонатан Пауэлл», "Jonathan Powell"). Each language's lexicon maps its letters to a
rough sound (`grammar.name_key_letters`); vowels and the glides all become one letter,
doubled letters one, a word's last vowel none. What is left is the same for the three
spellings, so the three articles give one node, in an article and in a store.

>>> name_key("Джонатан Пауелл", "uk") == name_key("Jonathan Powell", "en") == name_key("Джонатан Пауэлл", "ru")
True
>>> name_key("Ryanair", "en") == name_key("Райанэйр", "ru")
True
>>> name_key("Harris", "en") == name_key("Morris", "en")
False
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .lexicon import languages, load_lexicon

@lru_cache(maxsize=None)
def _table(lang: str) -> tuple[dict[str, str], int]:
    """(letter group → sound, the longest group)."""
    letters = dict(load_lexicon(lang).grammar.name_key_letters)
    return letters, max((len(k) for k in letters), default=1)


@lru_cache(maxsize=None)
def _tables_for(lang: str) -> tuple[str, ...]:
    """The article's language first, then every other that has a letter table."""
    others = tuple(x for x in languages() if x != lang and load_lexicon(x).grammar.name_key_letters)
    return ((lang,) if load_lexicon(lang).grammar.name_key_letters else ()) + others


def _covers(word: str, lang: str) -> bool:
    return all(c in _table(lang)[0] for c in word)


def word_key(word: str, lang: str) -> str:
    """The sound key of one word, read with the first letter table that has all its letters
    (an English name quoted in a Russian text is read as English); "" when none has."""
    word = unicodedata.normalize("NFC", word).lower()
    table = next((x for x in _tables_for(lang) if _covers(word, x)), None)
    if table is None:
        return ""
    letters, longest = _table(table)
    out, i = [], 0
    while i < len(word):
        for size in range(min(longest, len(word) - i), 0, -1):
            sound = letters.get(word[i:i + size])
            if sound is not None:
                out.append(sound)
                i += size
                break
        else:
            i += 1
    key = re.sub(r"(.)\1+", r"\1", "".join(out))
    return key[:-1] if len(key) > 1 and key.endswith("a") else key


def name_key(label: str, lang: str) -> str:
    """The key of a whole name: its words' keys joined by "_"; "" when a word has none."""
    words = [w for w in re.split(r"[\s\-‐‑]+", label) if w]
    keys = [word_key(re.sub(r"[^\w’']", "", w), lang) for w in words]
    return "_".join(keys) if keys and all(keys) else ""

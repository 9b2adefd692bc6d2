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


@lru_cache(maxsize=100_000)  # the same names recur across a stream's articles
def name_key(label: str, lang: str) -> str:
    """The key of a whole name: its words' keys joined by "_"; "" when a word has none."""
    words = [w for w in re.split(r"[\s\-‐‑]+", label) if w]
    keys = [word_key(re.sub(r"[^\w’']", "", w), lang) for w in words]
    return "_".join(keys) if keys and all(keys) else ""


def declined_forms(nominative: str, gender: str, endings: dict) -> frozenset[str]:
    """The oblique forms the lexicon's ending rules (`name_endings`: "case gender" → pairs of
    oblique and nominative ending) give a name's word of that gender: «асия» femn → «асии»,
    «асию», «асией»; «асий» masc → «асия», «асию», «асием», «асии»."""
    out = set()
    for key, rules in endings.items():
        if key.split()[-1] != gender:
            continue
        for oblique, nom in rules:
            if nominative.endswith(nom) and len(nominative) > len(nom) + 1:
                out.add(nominative[:len(nominative) - len(nom)] + oblique)
    return frozenset(out)


def _nominatives_of(form: str, endings: dict) -> set[str]:
    """Every word whose declension by the ending rules gives `form` (and the form itself)."""
    out = {form}
    for rules in endings.values():
        for oblique, nom in rules:
            if form.endswith(oblique) and len(form) > len(oblique) + 1:
                out.add(form[:len(form) - len(oblique)] + nom)
    return out


def settled_word(forms: list[str], endings: dict, gender: str = "") -> str:
    """The nominative of one word of a name the article writes in several case forms
    («Асии», «Асию», «Асия»): the word of one gender whose declension gives the most of the
    forms seen, and among those one the article itself writes; of the `gender` the context
    tells, when it does. A form alone, while the name's other words change, is a word that
    does not decline («Биби»).

    >>> endings = {"gent masc": [["ия", "ий"]], "datv masc": [["ию", "ий"]], "loct masc": [["ии", "ий"]],
    ...            "gent femn": [["ии", "ия"]], "accs femn": [["ию", "ия"]]}
    >>> settled_word(["асии", "асию", "асия"], endings)
    'асия'
    >>> settled_word(["василия", "василию", "василий"], endings)
    'василий'
    >>> settled_word(["асии", "асию"], endings, "femn")
    'асия'
    >>> settled_word(["биби"], endings)
    'биби'
    """
    seen = set(forms)
    if len(seen) == 1:
        return forms[0]
    candidates = sorted(set().union(*(_nominatives_of(f, endings) for f in forms)))

    genders = (gender,) if gender else ("masc", "femn")

    def score(word: str) -> tuple[int, bool, int]:
        best = max(len(seen & ({word} | declined_forms(word, g, endings))) for g in genders)
        return best, word in seen, -forms.index(word) if word in seen else -len(forms)
    return max(candidates, key=score)


def may_stand_in(word: str, case: str, gender: str, endings: dict) -> bool:
    """Whether a name's word may be the form of `case` and `gender` by the ending rules: «асии»
    may be a woman's genitive, «асию» not a man's accusative; a nominative is any word that
    has no oblique ending of that gender («асия» for a woman, not «асии»)."""
    if case == "nomn":
        return not any(may_stand_in(word, c.split()[0], gender, endings) for c in endings if c.endswith(gender))
    rules = endings.get(f"{case} {gender}") or (endings.get(f"gent {gender}") if case == "accs" else None) or ()
    return any(word.endswith(oblique) and len(word) > len(oblique) + 1 for oblique, _ in rules)

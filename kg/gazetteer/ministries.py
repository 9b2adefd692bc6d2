"""Ministries (and armed forces) for the generated gazetteer: one of each kind that nearly
every state has, for every state of the curated countries, named from the words of
`compositional/ministries.yaml` and the state's own names («Министерство обороны Франции»,
"France's Defence Ministry").

News names a ministry by its state far more often than by its own name, and the same
ministry in three languages must be one entity: the entity layer reads «Министерство финансов
Германии» on its own too, but as a new body of one article and one language. No Wikidata item
is given: none is checked here.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import GazetteerError
from .build import Draft, _add, _analyser

RULES = Path("compositional") / "ministries.yaml"


def ministries(gazetteer_dir: Path) -> list[Draft]:
    """A ministry of each kind of the rules file for each state of countries.yaml."""
    rules = _rules(gazetteer_dir / RULES)
    states = [e for e in yaml.safe_load((gazetteer_dir / "countries.yaml").read_text(encoding="utf-8")) or []
              if e.get("type") == "Country" and e.get("id") not in set(rules.get("skip_states") or [])]
    return [d for kind in rules["kinds"] for state in states
            if state["id"] not in set(kind.get("skip_states") or []) and (d := _ministry(kind, state))]


def _rules(path: Path) -> dict:
    try:
        rules = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise GazetteerError(f"{path}: cannot read the ministry rules: {e}") from None
    if not isinstance(rules, dict) or not isinstance(rules.get("kinds"), list):
        raise GazetteerError(f"{path}: needs a list `kinds` of ministries")
    for kind in rules["kinds"]:
        if not isinstance(kind, dict) or not kind.get("id") or not all(kind.get(lg) for lg in ("en", "uk", "ru")):
            raise GazetteerError(f"{path}: each kind needs an id and its words in en, uk and ru: {kind!r:.80}")
    return rules


def _ministry(kind: dict, state: dict) -> Draft | None:
    """The state's body of one kind, named by the templates of the rules file's head comment;
    None for a state without a name in each language."""
    names = state.get("names") or {}
    adjectives = state.get("adjectives") or {}
    first = {lg: (names.get(lg) or [""])[0] for lg in ("en", "uk", "ru")}
    if not all(first.values()):
        return None
    out: dict[str, list[str]] = {"en": [], "uk": [], "ru": []}
    en, adj = kind["en"], (adjectives.get("en") or [""])[0]
    for full in en.get("full") or []:
        _add(out["en"], f"{full} of {first['en']}")
        if adj:
            _add(out["en"], f"{adj} {full}")
    for head in en.get("head") or []:
        if adj:
            _add(out["en"], f"{adj} {head}")
        for apostrophe in ("'", "’"):
            _add(out["en"], f"{first['en']}{apostrophe}s {head}")
    for lg in ("uk", "ru"):
        whose = genitive(first[lg], lg)
        for words in [*(kind[lg].get("full") or []), *(kind[lg].get("short") or [])]:
            _add(out[lg], f"{words} {whose}")
    return Draft(f"{kind['id']}_of_{state['id']}", "Agency", out, country=state["id"])


def genitive(name: str, lang: str) -> str:
    """The genitive of a state's name, word by word as the dictionary declines it («Южная
    Корея» → «Южной Кореи», «Франція» → «Франції»); a word it does not decline (a foreign name
    such as «Того», a word already in the genitive) stays as it is. A hyphenated name declines
    its last part («Коста-Рики»), or its first where the last does not decline («Гвинеи-Бисау»)."""
    return " ".join(_genitive_hyphenated(word, lang) for word in name.split())


def _genitive_hyphenated(word: str, lang: str) -> str:
    parts = word.split("-")
    if len(parts) == 1:
        return _genitive_word(word, lang)
    last = _genitive_word(parts[-1], lang)
    if last != parts[-1]:
        return "-".join([*parts[:-1], last])
    return "-".join([_genitive_word(parts[0], lang, places_only=True), *parts[1:]])


def _genitive_word(word: str, lang: str, places_only: bool = False) -> str:
    if not word[:1].isupper():
        return word  # «Острова Зелёного Мыса»: only the name's own words decline
    morph = _analyser(lang)
    # a place's reading first, then the singular: «Сахара» is the desert, not sugar's plural
    readings = sorted(morph.parse(word), key=lambda p: ("Geox" not in _grammemes(p), p.tag.number != "sing"))
    for p in readings:
        if p.tag.case != "nomn" or not ({"Geox", "ADJF", "PRTF", "NOUN"} & _grammemes(p)):
            continue
        if "Fixd" in _grammemes(p) or (places_only and "Geox" not in _grammemes(p)):
            return word
        form = p.inflect({"gent"} | ({p.tag.number} if p.tag.number else set()))
        return _cased(form.word, word) if form is not None else word
    return word


def _grammemes(parse) -> set[str]:
    return set(str(parse.tag).replace(" ", ",").split(","))


def _cased(form: str, like: str) -> str:
    return form.upper() if like.isupper() else form[:1].upper() + form[1:]

"""People and parties for the generated gazetteer, from EveryPolitician's legislature files.

Each legislature's folder holds the Wikidata labels of its members
(`sources/morph/wikidata.csv`: the item, and its English, Russian and Ukrainian labels) and a
Popolo file (`ep-popolo-v1.0.json`) whose parties carry their Wikidata item and labels. Only
these Wikidata fields are read. Russian labels come in two orders («Черкесов, Виктор
Васильевич», «Виктор Черкесов»); Ukrainian ones in a third («Карпов Анатолій Євгенович»): each
becomes «First Surname», with the full form with the patronymic as an alias.
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path

from .build import Draft, _add, slug, uk_from_ru

# Ukrainian and Russian patronymics, by their endings
_PATRONYMIC = re.compile(r"(ович|евич|євич|ьич|овна|евна|івна|ївна|ична|ічна|инична)$", re.IGNORECASE)
# parties whose names are only generic words, in English: a name made only of these is some
# party of some country, never one in particular
_GENERIC_EN = {"party", "parties", "democratic", "democrats", "democrat", "liberal", "liberals", "labour", "labor",
               "green", "greens", "socialist", "socialists", "conservative", "conservatives", "people's", "peoples",
               "people", "national", "union", "front", "alliance", "movement", "progressive", "republican",
               "republicans", "social", "christian", "communist", "communists", "workers", "workers'", "new",
               "united", "independent", "independents", "for", "of", "the", "and", "free", "citizens", "justice",
               "development", "reform", "centre", "center", "left", "right", "popular", "radical", "unity",
               "democracy", "freedom", "solidarity", "change", "coalition", "list", "bloc", "civic", "green-left",
               "agrarian", "farmers", "pensioners", "patriotic", "renewal", "forward", "together", "our", "home",
               "homeland", "fatherland", "non-party", "nonpartisan", "non-partisan", "other", "unknown", "none",
               "independent)", "(independent", "group", "mixed", "a", "in", "on", "to", "with", "revolutionary"}
_GENERIC_CYRILLIC_TAGS = {"Geox", "Name", "Surn", "Orgn", "Trad", "Abbr", "Init", "Patr", "UNKN"}


def _plain(label: str) -> str:
    """A label without the parenthesised note Wikipedia titles carry («Тім Кейн (політик)»)."""
    return " ".join(re.sub(r"\s*\(.*?\)\s*", " ", label).split()).strip(" ,")


def person_names(label: str, lang: str) -> list[str]:
    """«First Surname» and, where the label has a patronymic, «First Patronymic Surname»."""
    label = _plain(label)
    if not label:
        return []
    head, sep, tail = label.partition(", ")
    words = head.split()
    # «Черкесов, Виктор»: the Russian and Ukrainian catalogue order; a title after the comma
    # («Дуглас, барон Джей», "John Hutton, Baron Hutton") is no part of the name
    if sep and lang in ("uk", "ru") and all(w[:1].isupper() for w in tail.split()):
        words = tail.split() + head.split()
    if lang in ("uk", "ru") and not sep and len(words) == 3 and _PATRONYMIC.search(words[2]):
        words = [words[1], words[2], words[0]]  # «Карпов Анатолій Євгенович»: the surname first
    if len(words) < 2 or not all(any(c.isalpha() for c in w) for w in words):
        return []
    names: list[str] = []
    if lang in ("uk", "ru") and len(words) == 3 and _PATRONYMIC.search(words[1]):
        _add(names, f"{words[0]} {words[2]}")
    _add(names, " ".join(words))
    # news leaves out a middle initial: "George J. Mitchell" is "George Mitchell"
    plain = [w for w in words if not re.fullmatch(r"\w\.", w)]
    if len(plain) >= 2 and len(plain) < len(words):
        _add(names, " ".join(plain))
    if lang == "uk":
        # news often writes ґ as г («Гідо» for «Ґідо»): both spellings are the name
        for n in list(names):
            _add(names, n.replace("ґ", "г").replace("Ґ", "Г"))
    return names


def _legislatures(root: Path) -> Iterator[tuple[str, Path]]:
    """(country folder, legislature folder) of every legislature under `root/data`."""
    for folder in sorted((root / "data").glob("*/*")):
        if folder.is_dir():
            yield folder.parent.name, folder


def _country_codes(root: Path) -> dict[str, str]:
    """EveryPolitician's country folder → ISO 3166-1 alpha-2 code, from its index."""
    index = root / "countries.json"
    if not index.exists():
        return {}
    return {c["slug"]: str(c.get("code", "")).upper() for c in json.loads(index.read_text(encoding="utf-8"))}


def _sitelinks(row: dict) -> int:
    return sum(1 for k, v in row.items() if k.startswith("wikipedia__") and v)


def people(root: Path, countries: dict[str, str], post_soviet: set[str]) -> list[Draft]:
    """A person for each legislator whose Wikidata item has an English and a Russian label.
    The Ukrainian name is the Ukrainian label, else (outside the states whose people bear
    East Slavic names) the Russian label respelt by the rules both follow for foreign names."""
    codes = _country_codes(root)
    by_item: dict[str, Draft] = {}
    for country_folder, folder in _legislatures(root):
        path = folder / "sources" / "morph" / "wikidata.csv"
        if not path.exists():
            continue
        code = codes.get(country_folder, "")
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                draft = _person(row, countries.get(code, ""), code not in post_soviet)
                if draft and (draft.wikidata not in by_item or draft.population > by_item[draft.wikidata].population):
                    by_item[draft.wikidata] = draft
    return list(by_item.values())


def _person(row: dict, country: str, respell: bool) -> Draft | None:
    item = (row.get("id") or "").strip()
    if not re.fullmatch(r"Q\d+", item):
        return None
    names = {"en": person_names(row.get("name__en") or "", "en"),
             "ru": person_names(row.get("name__ru") or "", "ru"),
             "uk": person_names(row.get("name__uk") or "", "uk")}
    if names["ru"] and not names["uk"] and respell:
        names["uk"] = [_uk_surname(uk_from_ru(n)) for n in names["ru"]]
    if not (names["en"] and names["ru"] and names["uk"]):
        return None
    return Draft(f"{slug(names['en'][0])}_{item}", "Person", names, wikidata=item, country=country,
                 population=_sitelinks(row))


def _uk_surname(name: str) -> str:
    """Surnames in -ский, -цкий keep their adjective ending in Ukrainian (Белецкий → Белецький),
    where the letter rules alone would write -кій."""
    return re.sub(r"([сцз])кій\b", r"\1ький", re.sub(r"([^сцз])кій\b", r"\1кий", name))


def parties(root: Path, countries: dict[str, str]) -> list[Draft]:
    """A party for each party of a legislature's Popolo file that has a Wikidata item and
    labels in English, Russian and Ukrainian."""
    codes = _country_codes(root)
    by_item: dict[str, Draft] = {}
    for country_folder, folder in _legislatures(root):
        path = folder / "ep-popolo-v1.0.json"
        if not path.exists():
            continue
        country = countries.get(codes.get(country_folder, ""), "")
        for org in json.loads(path.read_text(encoding="utf-8")).get("organizations", []):
            draft = _party(org, country)
            if draft and draft.wikidata not in by_item:
                by_item[draft.wikidata] = draft
    return list(by_item.values())


def _party(org: dict, country: str) -> Draft | None:
    if org.get("classification") != "party":
        return None
    item = next((i.get("identifier", "") for i in org.get("identifiers", []) if i.get("scheme") == "wikidata"), "")
    if not re.fullmatch(r"Q\d+", item):
        return None
    names: dict[str, list[str]] = {"en": [], "uk": [], "ru": []}
    for other in org.get("other_names", []):
        lang = other.get("lang")
        if lang in names:
            _add(names[lang], _plain(str(other.get("name", ""))).strip("«»\"“”"))
    # a party's name is words of the language, not a foreign name to respell: all three labels
    if not (names["en"] and names["ru"] and names["uk"]):
        return None
    return Draft(f"{slug(names['en'][0])}_{item}", "Organization", names, wikidata=item, country=country)


def generic_party_name(name: str, lang: str, analyser) -> bool:
    """A party name made only of generic words («Либеральная партия», "Labour Party"): every
    country has one, so in text it names none in particular."""
    words = [w.strip("«»\"“”'()").lower() for w in name.replace("-", " ").split()]
    words = [w for w in words if w]
    if lang == "en":
        return all(w in _GENERIC_EN for w in words)
    for w in words:
        readings = analyser.parse(w)
        if not any(analyser.word_is_known(p.word) for p in readings):
            return False
        if any(set(str(p.tag).replace(" ", ",").split(",")) & _GENERIC_CYRILLIC_TAGS for p in readings):
            return False
    return True

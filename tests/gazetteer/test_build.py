"""The generated gazetteer: rules that keep names of the world's places from firing on ordinary text."""
from __future__ import annotations

import json

import pytest

from kg.gazetteer import load, read_entries
from kg.gazetteer.build import (Draft, NameFilter, build, cyrillic_langs, filter_names, ru_from_latin, ru_from_uk,
                                short_region_name, uk_from_ru, uk_region_from_ru)
from kg.gazetteer.politicians import person_names


@pytest.mark.parametrize("name, langs", [
    ("Харків", ("uk",)), ("Сыктывкар", ("ru",)), ("Барселона", ("uk", "ru")),
    ("Марсељ", ()), ("Ӱпӧ", ()), ("Kyiv", ()),
])
def test_cyrillic_names_are_told_apart_by_their_letters(name, langs):
    assert cyrillic_langs(name) == langs


@pytest.mark.parametrize("name, lang, population, why", [
    ("Мирный", "ru", 40_000, "a common word"),
    ("Джордж", "ru", 150_000, "a person's name"),
    ("Пушкин", "ru", 100_000, "a person's name"),
    ("Калуга", "ru", 330_000, ""),            # a common word too, but a big city
    ("Марсель", "ru", 1_400_000, ""),         # a first name too, but a very large city
    ("Уфа", "ru", 1_100_000, ""),             # three letters, but only ever a place
    ("Ufa", "en", 1_100_000, "too short"),    # three letters, and nothing known of them
    ("Калифорния", "ru", 0, ""),              # a genitive of «калифорний», but a name is a nominative
    ("Гессен", "uk", 0, ""),                  # a surname to the Ukrainian dictionary, a place to the Russian
    ("Rio", "en", 0, "too short"),
    ("Reading", "en", 300_000, "a common English word"),
    ("Kharkiv", "en", 1_400_000, ""),
])
def test_name_filter(name, lang, population, why):
    assert NameFilter().reason(name, lang, population) == why


def test_three_letter_names_of_a_place_the_russian_dictionary_knows_are_kept():
    ufa = Draft("Ufa_1", "City", {"en": ["Ufa"], "uk": ["Уфа"], "ru": ["Уфа"]}, population=1_100_000)
    kept, _ = filter_names([ufa])
    assert [d.names for d in kept] == [{"en": ["Ufa"], "uk": ["Уфа"], "ru": ["Уфа"]}]


def test_shared_name_stays_with_the_clearly_larger_city_and_common_words_go():
    big = Draft("Big_1", "City", {"en": ["Springvale"], "uk": ["Спрінгвейл"], "ru": ["Спрингвейл"]}, population=900_000)
    small = Draft("Small_2", "City", {"en": ["Springvale", "Little Springvale"], "uk": ["Спрінгвейл", "Малий Спрінгвейл"],
                                      "ru": ["Спрингвейл", "Малый Спрингвейл"]}, population=100_000)
    word = Draft("Word_3", "City", {"en": ["Mirny"], "uk": ["Мирний"], "ru": ["Мирный"]}, population=40_000)
    kept, dropped = filter_names([big, small, word])
    by_id = {d.id: d for d in kept}
    assert by_id["Big_1"].names["ru"] == ["Спрингвейл"]
    assert by_id["Small_2"].names["ru"] == ["Малый Спрингвейл"]
    assert "Word_3" not in by_id and dropped["a common word"] >= 1


def test_spelling_conversions():
    assert ru_from_uk("Сахалінська область") == "Сахалинская область"
    assert uk_from_ru("Тэджон") == "Теджон" and uk_from_ru("Красноярск") == "Красноярськ"


def test_curated_entries_win_over_generated_ones(tmp_path):
    (tmp_path / "cities.yaml").write_text(
        "- id: Kharkiv\n  type: City\n  wikidata: Q42308\n"
        "  names: {en: [Kharkiv], uk: [Харків], ru: [Харьков]}\n", encoding="utf-8")
    generated = tmp_path / "generated"
    generated.mkdir()
    rows = [
        {"id": "Kharkiv_Q42308", "type": "City", "wikidata": "Q42308",
         "names": {"en": ["Kharkov"], "uk": ["Харків"], "ru": ["Харьков"]}},
        {"id": "Lozova_Q1", "type": "City", "wikidata": "Q1",
         "names": {"en": ["Lozova", "Kharkiv"], "uk": ["Лозова"], "ru": ["Лозовая"]}},
    ]
    (generated / "cities.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                            encoding="utf-8")
    entries = read_entries([tmp_path / "cities.yaml", generated / "cities.jsonl"])
    assert "Kharkiv_Q42308" not in entries                      # the same Wikidata item: curated wins
    assert dict(entries["Lozova_Q1"].names)["en"] == ("Lozova",)  # a curated name is not another's


def test_a_curated_place_without_an_item_takes_the_item_of_the_generated_place_it_is(tmp_path):
    (tmp_path / "cities.yaml").write_text(
        "- id: Sumy\n  type: City\n  country: Ukraine\n  names: {en: [Sumy], uk: [Суми], ru: [Сумы]}\n"
        "- id: Lebedyn\n  type: City\n  country: Ukraine\n  names: {en: [Lebedyn], uk: [Лебедин], ru: [Лебедин]}\n",
        encoding="utf-8")
    generated = tmp_path / "generated"
    generated.mkdir()
    rows = [
        {"id": "Sumy_Q2", "type": "City", "wikidata": "Q2", "country": "Ukraine",
         "names": {"en": ["Sumy"], "uk": ["Суми"], "ru": ["Сумы"]}},
        # the same names in another country: another town, which takes nothing
        {"id": "Lebedyn_Q3", "type": "City", "wikidata": "Q3", "country": "Russia",
         "names": {"en": ["Lebedyn"], "uk": ["Лебедин"], "ru": ["Лебедин"]}},
    ]
    (generated / "cities.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                            encoding="utf-8")
    entries = read_entries([tmp_path / "cities.yaml", generated / "cities.jsonl"])
    assert entries["Sumy"].wikidata == "Q2" and "Sumy_Q2" not in entries
    assert entries["Lebedyn"].wikidata == "" and "Lebedyn_Q3" not in entries


@pytest.mark.parametrize("name, short", [
    ("Республика Татарстан", "Татарстан"), ("Republic of Adygea", "Adygea"), ("Respublika Altay", "Altay"),
    ("Оренбургская область", ""), ("Республика", ""),
])
def test_a_republic_is_named_without_its_kind_word_too(name, short):
    assert short_region_name(name) == short


def test_russian_region_names_are_spelt_back_from_their_romanisation():
    assert ru_from_latin("Orenburgskaya oblast'") == "Оренбургская область"
    assert ru_from_latin("Khanty-Mansiyskiy avtonomnyy okrug") == "Ханты-Мансийский автономный округ"
    assert ru_from_latin("Qwxz oblast'") == ""  # not Russian words: nothing
    assert uk_region_from_ru("Красноярский край") == "Красноярський край"
    assert uk_region_from_ru("Республика Саха") == "Республіка Саха"


def test_generated_places_resolve_in_text():
    gaz = load()
    assert any(e.type == "Region" and e.wikidata for e in gaz.lookup("Сахалинской области", "ru"))
    assert any(e.type == "City" and e.wikidata for e in gaz.lookup("Барселоне", "ru"))


# -- people and parties from EveryPolitician's legislature files ------------------------------

@pytest.mark.parametrize("label, lang, names", [
    ("Черкесов, Виктор Васильевич", "ru", ["Виктор Черкесов", "Виктор Васильевич Черкесов"]),
    ("Карпов Анатолій Євгенович", "uk", ["Анатолій Карпов", "Анатолій Євгенович Карпов"]),
    ("Тім Кейн (політик)", "uk", ["Тім Кейн"]),
    ("Ґідо Вестервелле", "uk", ["Ґідо Вестервелле", "Гідо Вестервелле"]),
    ("Йоханс, Майкл", "ru", ["Майкл Йоханс"]),
    ("Mike Johanns", "en", ["Mike Johanns"]),
    ("Madonna", "en", []),                          # one word: no name to match on its own
    ("John Hutton, Baron Hutton of Furness", "en", ["John Hutton"]),
    ("Дуглас, барон Джей", "ru", []),               # a title after the comma, one word before it
    ("George J. Mitchell", "en", ["George J. Mitchell", "George Mitchell"]),
])
def test_person_labels_become_first_name_and_surname(label, lang, names):
    assert person_names(label, lang) == names


def _write_legislature(root, country, house, members, parties):
    folder = root / "everypolitician" / "data" / country / house
    (folder / "sources" / "morph").mkdir(parents=True)
    cols = ["id", "name__en", "name__ru", "name__uk", "wikipedia__en", "wikipedia__ru"]
    lines = [",".join(cols)] + [",".join(f'"{m.get(c, "")}"' for c in cols) for m in members]
    (folder / "sources" / "morph" / "wikidata.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    orgs = [{"classification": "party", "id": f"party/{i}", "name": p["en"],
             "identifiers": [{"scheme": "wikidata", "identifier": p["id"]}],
             "other_names": [{"lang": lg, "name": p[lg]} for lg in ("en", "ru", "uk") if p.get(lg)]}
            for i, p in enumerate(parties)]
    (folder / "ep-popolo-v1.0.json").write_text(json.dumps({"persons": [], "organizations": orgs}), encoding="utf-8")


def test_build_writes_people_and_parties_and_leaves_the_places(tmp_path):
    gaz_dir = tmp_path / "gazetteer"
    (gaz_dir / "generated").mkdir(parents=True)
    (gaz_dir / "countries.yaml").write_text(
        "- id: Freedonia\n  type: Country\n  iso2: FD\n  names: {en: [Freedonia], uk: [Фрідонія], ru: [Фридония]}\n",
        encoding="utf-8")
    (gaz_dir / "generated" / "cities.jsonl").write_text(json.dumps(
        {"id": "Ostrava_Q1", "type": "City", "names": {"en": ["Ostrava"], "uk": ["Острава"], "ru": ["Острава"]}},
        ensure_ascii=False) + "\n", encoding="utf-8")
    src = tmp_path / "src"
    _write_legislature(src, "Freedonia", "Assembly", [
        {"id": "Q901", "name__en": "Rufus Firefly", "name__ru": "Файрфлай, Руфус", "name__uk": "Руфус Файрфлай",
         "wikipedia__en": "Rufus Firefly", "wikipedia__ru": "Файрфлай"},
        {"id": "Q902", "name__en": "Ann Smith", "name__ru": "Энн Смит"},       # two MPs of one name:
        {"id": "Q903", "name__en": "Ann Smith", "name__ru": "Смит, Энн"},      # neither keeps it
        {"id": "Q904", "name__en": "Nobody", "name__ru": ""},                  # no Russian label
        {"id": "Q905", "name__en": "Jan Bielecki", "name__ru": "Белецкий, Ян"},  # no Ukrainian label
    ], [
        {"id": "Q911", "en": "Party of Chicolini", "ru": "Партия Чиколини", "uk": "Партія Чиколіні"},
        {"id": "Q912", "en": "Liberal Party", "ru": "Либеральная партия", "uk": "Ліберальна партія"},  # generic
    ])
    (src / "everypolitician" / "countries.json").write_text(json.dumps([{"slug": "Freedonia", "code": "FD"}]))
    report = build(src, gaz_dir)
    assert report["written"] == {"people.jsonl": 2, "parties.jsonl": 1}
    people = [json.loads(line) for line in (gaz_dir / "generated" / "people.jsonl").read_text().splitlines()]
    assert people[0]["names"]["uk"] == ["Ян Белецький"]          # respelt from the Russian label
    assert people[1:] == [{"id": "Rufus_Firefly_Q901", "type": "Person", "wikidata": "Q901",
                       "names": {"en": ["Rufus Firefly"], "uk": ["Руфус Файрфлай"], "ru": ["Руфус Файрфлай"]},
                       "country": "Freedonia"}]
    parties = (gaz_dir / "generated" / "parties.jsonl").read_text()
    assert "Q911" in parties and "Q912" not in parties
    assert report["dropped"]["a generic party name"] == 3 and report["dropped"]["shared by several entities"] >= 3
    assert "Ostrava" in (gaz_dir / "generated" / "cities.jsonl").read_text()   # no place sources: kept


def test_generated_people_and_parties_resolve_in_text():
    gaz = load()
    assert any(e.type == "Person" and e.wikidata for e in gaz.lookup("Жаном Ассельборном", "uk"))
    assert any(e.type == "Organization" and e.wikidata for e in gaz.lookup("Шинн Фейн", "ru"))


def test_a_generated_person_without_an_office_stays_out_of_the_background_graph():
    from kg.gazetteer import background_triples
    from kg.vocab import KGE

    subjects = {s for s, _, _ in background_triples()}
    assert KGE["Xi_Jinping"] in subjects and KGE["Sinn_Fein_Q76382"] in subjects
    assert KGE["Jean_Asselborn_Q58200"] not in subjects


def test_build_names_a_ministry_of_each_kind_for_each_state_unless_curated(tmp_path):
    gaz_dir = tmp_path / "gazetteer"
    (gaz_dir / "compositional").mkdir(parents=True)
    (gaz_dir / "countries.yaml").write_text(
        "- id: Latvia\n  type: Country\n  names: {en: [Latvia], uk: [Латвія], ru: [Латвия]}\n"
        "  adjectives: {en: [Latvian], uk: [латвійський], ru: [латвийский]}\n"
        "- id: Estonia\n  type: Country\n  names: {en: [Estonia], uk: [Естонія], ru: [Эстония]}\n",
        encoding="utf-8")
    (gaz_dir / "organizations.yaml").write_text(
        "- id: Estonian_finance_office\n  type: Agency\n"
        "  names: {en: [Estonian finance office], uk: [Мінфін Естонії], ru: [Минфин Эстонии]}\n", encoding="utf-8")
    (gaz_dir / "compositional" / "ministries.yaml").write_text(
        "kinds:\n  - id: Ministry_of_Finance\n    en: {full: [Ministry of Finance], head: [Finance Ministry]}\n"
        "    ru: {full: [Министерство финансов], short: [Минфин]}\n"
        "    uk: {full: [Міністерство фінансів], short: [Мінфін]}\n", encoding="utf-8")
    src = tmp_path / "src"
    src.mkdir()
    report = build(src, gaz_dir)
    assert report["written"] == {"ministries.jsonl": 1}      # Estonia's is the curated one
    [latvia] = [json.loads(line) for line in (gaz_dir / "generated" / "ministries.jsonl").read_text().splitlines()]
    assert latvia["id"] == "Ministry_of_Finance_of_Latvia" and latvia["type"] == "Agency"
    assert latvia["names"]["ru"] == ["Министерство финансов Латвии", "Минфин Латвии"]
    assert latvia["names"]["uk"] == ["Міністерство фінансів Латвії", "Мінфін Латвії"]
    assert "Latvia's Finance Ministry" in latvia["names"]["en"] and "Latvian Finance Ministry" in latvia["names"]["en"]


def test_ministry_rules_without_kinds_are_refused(tmp_path):
    from kg.errors import GazetteerError

    gaz_dir = tmp_path / "gazetteer"
    (gaz_dir / "compositional").mkdir(parents=True)
    (gaz_dir / "countries.yaml").write_text("[]\n", encoding="utf-8")
    (gaz_dir / "compositional" / "ministries.yaml").write_text("kinds: nothing\n", encoding="utf-8")
    (tmp_path / "src").mkdir()
    with pytest.raises(GazetteerError, match="ministries.yaml: needs a list `kinds`"):
        build(tmp_path / "src", gaz_dir)

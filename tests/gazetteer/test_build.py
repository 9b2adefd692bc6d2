"""The generated gazetteer: rules that keep names of the world's places from firing on ordinary text."""
from __future__ import annotations

import json

import pytest

from kg.gazetteer import load, read_entries
from kg.gazetteer.build import Draft, NameFilter, cyrillic_langs, filter_names, ru_from_uk, uk_from_ru


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
    ("Rio", "en", 0, "too short"),
    ("Reading", "en", 300_000, "a common English word"),
    ("Kharkiv", "en", 1_400_000, ""),
])
def test_name_filter(name, lang, population, why):
    assert NameFilter().reason(name, lang, population) == why


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


def test_generated_places_resolve_in_text():
    gaz = load()
    assert any(e.type == "Region" and e.wikidata for e in gaz.lookup("Сахалинской области", "ru"))
    assert any(e.type == "City" and e.wikidata for e in gaz.lookup("Барселоне", "ru"))

"""A parametrised test table of places: which city, region or state a place name is read as.

Each case is a short news-style text with `links` and `not_links` (tests/extract/case_table.py):
capitals used as places beside their use for a government, subdivisions named without their
kind word, cities whose names are also words or three letters long, states that no longer exist.

Ids: `{lang}-{kind}-{n}`.
"""
from __future__ import annotations

import pytest
from case_table import Case, assert_passes, assert_well_formed, params

E = Case

CASES: list[Case] = [
    # -- capitals joined after a place's preposition are all places
    E("uk-capital-1", "uk", "Консультації пройшли у Варшаві та Берліні минулого тижня.",
      links=[("Варшаві", "Warsaw"), ("Берліні", "Berlin")], not_links=[("Берліні", "Germany")]),
    E("ru-capital-1", "ru", "Консультации прошли в Варшаве и Берлине на прошлой неделе.",
      links=[("Варшаве", "Warsaw"), ("Берлине", "Berlin")], not_links=[("Берлине", "Germany")]),
    E("en-capital-1", "en", "The consultations were held in Warsaw and Berlin last week.",
      links=[("Warsaw", "Warsaw"), ("Berlin", "Berlin")], not_links=[("Berlin", "Germany")]),
    E("ru-capital-2", "ru",  # near miss: company, not a place
      "Варшава поддерживает контакты с Берлином и Парижем.", not_links=[("Берлином", "Berlin")]),
    # -- a wire story's place in capitals, after a caption
    E("ru-capital-3", "ru", "Фото из архива. МОСКВА, 3 марта — Кремль прокомментировал визит.",
      links=[("МОСКВА", "Moscow")], not_links=[("МОСКВА", "Russia")]),
    E("uk-capital-2", "uk", "Фото з архіву. КИЇВ, 5 квітня — Уряд схвалив нову програму.",
      links=[("КИЇВ", "Kyiv")], not_links=[("КИЇВ", "Ukraine")]),
    E("en-capital-2", "en", "File photo. ANKARA, May 4 — The ministry confirmed the visit.",
      links=[("ANKARA", "Ankara")], not_links=[("ANKARA", "Turkey")]),
    # -- a capital after a noun of the city's own parts or bodies
    E("ru-capital-4", "ru", "Районный суд Москвы отложил заседание по делу журналиста.",
      links=[("Москвы", "Moscow")], not_links=[("Москвы", "Russia")]),
    E("uk-capital-3", "uk", "Пожежа сталася на півдні Лондона в неділю ввечері.",
      links=[("Лондона", "London")], not_links=[("Лондона", "United_Kingdom")]),
    E("en-capital-3", "en", "Floods closed several roads in the south of London on Sunday.",
      links=[("London", "London")]),
    E("ru-capital-5", "ru",  # near miss: a capital's word stays its government's
      "Позиция Лондона по этому вопросу не изменилась.", links=[("Лондона", "United_Kingdom")]),
    # -- a republic named without its kind word
    E("ru-region-1", "ru", "В Татарстане открылся новый завод по выпуску автобусов.",
      links=[("Татарстане", "Respublika_Tatarstan_RU-TA")]),
    E("uk-region-1", "uk", "У Татарстані відкрили новий завод з випуску автобусів.",
      links=[("Татарстані", "Respublika_Tatarstan_RU-TA")]),
    E("en-region-1", "en", "A new bus plant opened in Tatarstan on Monday.",
      links=[("Tatarstan", "Respublika_Tatarstan_RU-TA")]),
    # -- a Russian region's name in Russian, not its Ukrainian spelling
    E("ru-region-2", "ru", "Паводок затопил несколько сёл в Оренбургской области.",
      links=[("Оренбургской области", "Orenburgskaya_oblast_RU-ORE")]),
    # -- a name a foreign city has is not the region's
    E("ru-region-3", "ru", "Туристы возвращаются в Республику Алтай каждое лето.",
      links=[("Республику Алтай", "Respublika_Altay_RU-AL")]),
    # -- cities whose names are also words, a surname in another language, or three letters long
    E("ru-city-1", "ru", "Делегация прибыла в Уфу, а затем в Калугу.",
      links=[("Уфу", "Ufa_Q911"), ("Калугу", "Kaluga_Q2837")]),
    E("uk-city-1", "uk", "Делегація прибула до Уфи, а потім до Калуги.",
      links=[("Уфи", "Ufa_Q911"), ("Калуги", "Kaluga_Q2837")]),
    E("en-city-1", "en", "The delegation arrived in Ufa and then in Kaluga.",
      links=[("Ufa", "Ufa_Q911"), ("Kaluga", "Kaluga_Q2837")]),
    # -- states that no longer exist
    E("ru-historical-1", "ru", "Его отец служил на флоте ещё в Советском Союзе, до распада СССР.",
      links=[("Советском Союзе", "Soviet_Union"), ("СССР", "Soviet_Union")], not_links=[("Советском Союзе", "Russia")]),
    E("uk-historical-1", "uk", "Його батько служив на флоті ще в Радянському Союзі, до розпаду СРСР.",
      links=[("Радянському Союзі", "Soviet_Union"), ("СРСР", "Soviet_Union")]),
    E("en-historical-1", "en", "His father served in the navy of the Soviet Union before Czechoslovakia split.",
      links=[("Soviet Union", "Soviet_Union"), ("Czechoslovakia", "Czechoslovakia")]),
]


def test_table_is_well_formed():
    assert_well_formed(CASES, kinds=("capital", "region", "city", "historical"))


@pytest.mark.parametrize("case", params(CASES))
def test_place_case(case: Case):
    assert_passes(case)

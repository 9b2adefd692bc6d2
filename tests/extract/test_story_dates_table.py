"""A parametrised test table of dates a fact takes from the story: an undated fact the title
or lead reports (a stance, a pledge, a sanction as well as a meeting) happened on the day the
lead gives (a day it tells rather than the dateline's, which is when the story was filed),
while a fact with a date of its own keeps it.

Each case is a short news-style text with a dateline (tests/extract/case_table.py).
Ids: `{lang}-{kind}-{n}`.
"""
from __future__ import annotations

import pytest
from case_table import Case, assert_passes, assert_well_formed, params

E = Case

CASES: list[Case] = [
    E("en-lead-1", "en",
      "SEOUL, March 12 (kg) — Japan's foreign minister condemned the missile launch on Wednesday. "
      "Canada and Germany also condemned North Korea in a joint statement.",
      published="2025-03-12", must=[("Germany", "opposes", "North_Korea")], qualifiers={"date": "2025-03-12"}),
    E("uk-lead-1", "uk",
      "ВАРШАВА, 4 квітня (kg) — Польща та Литва передадуть Україні нові зенітні системи. "
      "Про це міністри оголосили в п'ятницю.",
      published="2025-04-04", must=[("Lithuania", "providesAidTo", "Ukraine")], qualifiers={"date": "2025-04-04"}),
    E("ru-lead-1", "ru",
      "ВИЛЬНЮС, 4 апреля (kg) — Польша и Литва поддержали Молдову в споре о транзите газа.",
      published="2025-04-04", must=[("Lithuania", "supports", "Moldova")], qualifiers={"date": "2025-04-04"}),
    # the dateline says when the story was filed, the lead when the event happened
    E("ru-told-1", "ru",
      "Токаев и Мирзиёев провели переговоры в Астане\n\n"
      "АСТАНА, 10 июля. Встреча президентов Казахстана и Узбекистана прошла в воскресенье.",
      published="2023-07-10", must=[("Kassym-Jomart_Tokayev", "meetsWith", "Shavkat_Mirziyoyev")],
      qualifiers={"date": "2023-07-09"}),
    E("uk-told-1", "uk",
      "Польща і Литва засудили Білорусь через провокації на кордоні\n\n"
      "ВАРШАВА, 10 липня (kg) — Спільну заяву міністри оприлюднили в неділю.",
      published="2023-07-10", must=[("Lithuania", "opposes", "Belarus")], qualifiers={"date": "2023-07-09"}),
    E("en-told-1", "en",
      "Poland and Lithuania condemn Belarus over border provocations\n\n"
      "VILNIUS, July 10 (kg) — The ministers released their joint statement on Sunday.",
      published="2023-07-10", must=[("Lithuania", "opposes", "Belarus")], qualifiers={"date": "2023-07-09"}),
    # near miss: a dateline alone dates the lead's undated event
    E("en-told-2", "en",
      "VILNIUS, July 10 (kg) — Poland and Lithuania condemned Belarus over border provocations.",
      published="2023-07-10", must=[("Lithuania", "opposes", "Belarus")], qualifiers={"date": "2023-07-10"}),
    # «серед» ("among") is no Wednesday: the fact keeps the day before the story's
    E("uk-weekday-1", "uk",
      "Напередодні шість держав, серед яких Польща та Литва, у Вільнюсі заявили про спільну підтримку України.",
      published="2023-01-20", must=[("Lithuania", "supports", "Ukraine")], qualifiers={"date": "2023-01-19"}),
    E("ru-weekday-1", "ru",
      "Накануне шесть государств, среди которых Польша и Литва, в Вильнюсе заявили о совместной поддержке Украины.",
      published="2023-01-20", must=[("Lithuania", "supports", "Ukraine")], qualifiers={"date": "2023-01-19"}),
    E("en-weekday-1", "en",
      "The day before, Poland and Lithuania, among others, voiced support for Ukraine.",
      published="2023-01-20", must=[("Lithuania", "supports", "Ukraine")], qualifiers={"date": "2023-01-19"}),
    # near miss: a fact with a date of its own in the lead keeps it
    E("en-own-1", "en",
      "LONDON, May 6 (kg) — Britain imposed sanctions on Iran in March 2019, the minister recalled.",
      published="2025-05-06", must=[("United_Kingdom", "sanctions", "Iran")], qualifiers={"date": "2019-03"}),
]


def test_table_is_well_formed():
    assert_well_formed(CASES, kinds=("lead", "told", "weekday", "own"))


@pytest.mark.parametrize("case", params(CASES))
def test_story_date_case(case: Case):
    assert_passes(case)

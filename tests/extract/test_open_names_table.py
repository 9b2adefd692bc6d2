"""A test table of people and bodies the gazetteer lacks, read by general rules, in uk, ru and
en, near misses beside each rule.

Each case (tests/extract/case_table.py) is a short text (written for this table) with
- `new`: (surface, type, label) — a mention over exactly that span links to a new entity (not
  in the gazetteer) of that type, labelled so in the article's language;
- `none`: surfaces that no new entity's mention touches (a thing's initials, a sentence's
  first common noun);
- `links`: (surface, entity id) — a mention holding that span links to a known entity.
"""
from __future__ import annotations

import pytest
from case_table import Case, assert_passes, assert_well_formed, params, span

from kg.model import Article
from kg.pipeline import extract

O = Case

CASES: list[Case] = [
    # -- a name in another script than the article's is a body's; it does not run into the next name
    O("uk-script-1", "uk", "Сервіс Uklon відкриє в Польщі ще один офіс.",
      new=[("Uklon", "Organization", "Uklon")], none=["Сервіс"]),
    O("uk-script-2", "uk", "Засновник Uklon Сергій Смусь приїхав до Варшави.",
      new=[("Uklon", "Organization", "Uklon"), ("Сергій Смусь", "Person", "Сергій Смусь")]),
    O("ru-script-1", "ru", "Пилоты Skyup объявили забастовку на две недели.",
      new=[("Skyup", "Organization", "Skyup")], none=["Пилоты"]),
    O("ru-script-2", "ru", "Забастовку поддержал профсоюз Vereinigung Cockpit.",
      new=[("Vereinigung Cockpit", "Organization", "Vereinigung Cockpit")]),
    O("uk-script-3", "uk", "Лоукостер easyJet скасував рейси.", new=[("easyJet", "Organization", "easyJet")]),
    O("en-script-1", "en", "The carrier Skyup resumed flights to Warsaw.",  # near miss: the own script
      new=[("Skyup", "Organization", "Skyup")], none=["carrier"]),

    # -- foreign names in a list after a noun of things are products' --------------------------
    O("uk-product-1", "uk", "Україна отримає танки Leopard, Challenger та Bradley.",
      none=["Leopard", "Challenger", "Bradley"]),
    O("ru-product-1", "ru", "Швеция может передать истребители Gripen.", none=["Gripen"]),
    O("uk-product-2", "uk", "Пасажири рейсу Skyup чекали дві години.",  # near miss: a flight of the carrier
      new=[("Skyup", "Organization", "Skyup")]),

    # -- a sentence's first common noun is no part of the name after it ---------------------
    O("uk-opening-1", "uk", "Пілоти Skyup оголосили страйк.", new=[("Skyup", "Organization", "Skyup")],
      none=["Пілоти"]),
    O("uk-opening-2", "uk", "Мирослава Гонгадзе приїхала до Львова.",  # near miss: a first name opens it
      new=[("Мирослава Гонгадзе", "Person", "Мирослава Гонгадзе")]),
    O("ru-opening-2", "ru", "Компания Skyup отменила рейсы.", new=[("Skyup", "Organization", "Skyup")], none=["Компания"]),
    O("ru-opening-1", "ru", "Сотрудники МЧС Казахстана задержали подозреваемых.",  # a body the gazetteer lacks
      new=[("МЧС Казахстана", "Organization", "МЧС Казахстана")], none=["Сотрудники"],
      links=[("Казахстана", "Kazakhstan")]),

    # -- a region's name as a person's first name is no region ----------------------------------
    O("ru-region-name-1", "ru", "Суд оправдал фермершу Азию Кумари. Азия Кумари вернулась домой.",
      new=[("Азию Кумари", "Person", "Азия Кумари")]),
    O("uk-region-name-1", "uk", "Азія Кумарі повернулася додому.", new=[("Азія Кумарі", "Person", "Азія Кумарі")]),
    O("ru-region-name-2", "ru", "В Азии Кумари не бывала.", links=[("Азии", "Asia")]),  # near miss: a preposition
    O("en-region-name-1", "en", "Trade across Asia grew last year.", links=[("Asia", "Asia")]),

    # -- a web address is one name, a medium's ----------------------------------------------
    O("ru-web-1", "ru", "Об этом сообщает Корреспондент.net со ссылкой на Лента.ру.",
      new=[("Корреспондент.net", "Organization", "Корреспондент.net"), ("Лента.ру", "Organization", "Лента.ру")]),
    O("uk-web-1", "uk", "Про це пише Avianews.com.", new=[("Avianews.com", "Organization", "Avianews.com")]),
    O("en-web-1", "en", "The story ran on Avianews.com on Monday.", new=[("Avianews.com", "Organization", "Avianews.com")]),
    O("en-web-2", "en", "Prices rose. Sales fell.", none=["rose. Sales"]),  # near miss: a sentence's end

    # -- a state's name in the nominative after a body's name ends that name -----------------
    O("ru-state-name-1", "ru", "Сторонники партии Техрик-э-Лабаик Пакистан вышли на улицы.",
      new=[("Техрик-э-Лабаик Пакистан", "Organization", "Техрик-Э-Лабаик Пакистан")]),
    O("uk-state-name-1", "uk", "Прихильники партії \"Техрік-е-Лабаік Пакистан\" вийшли на вулиці.",
      new=[("Техрік-е-Лабаік Пакистан", "Organization", "Техрік-Е-Лабаік Пакистан")]),
    O("ru-state-name-2", "ru", "Сторонники партии Техрик-э-Лабаик из Пакистана вышли на улицы.",  # near miss
      links=[("Пакистана", "Pakistan")]),
    O("en-state-name-1", "en", "Supporters gathered in Lahore, Pakistan, on Friday.",  # near miss: a comma
      links=[("Pakistan", "Pakistan")]),

    # -- a body's initials and its name in full in one article are one body -------------------
    O("ru-initials-full-1", "ru", "Центральная избирательная комиссия Узбекистана объявила итоги. По данным ЦИК, явка высокая.",
      new=[("ЦИК", "Organization", "Центральная избирательная комиссия Узбекистана")]),
    O("uk-initials-full-1", "uk", "Вчора Центральна виборча комісія Молдови оголосила підсумки. За даними ЦВК, явка висока.",
      new=[("ЦВК", "Organization", "Центральна виборча комісія Молдови")]),
    O("en-initials-full-1", "en", "The Central Election Commission announced the results. According to the CEC, turnout was high.",
      new=[("CEC", "Organization", "Central Election Commission")]),
    O("ru-initials-full-2", "ru", "Центральная избирательная комиссия объявила итоги. Об этом сообщило РБК.",  # near miss
      new=[("РБК", "Organization", "РБК")]),

    # -- initials name a body, unless the lexicon lists them among things' -------------------
    O("uk-initials-1", "uk", "Тарифи переглянула НКРЕКП минулого тижня.",
      new=[("НКРЕКП", "Organization", "НКРЕКП")]),
    O("uk-initials-2", "uk", "Зростання ВВП сповільнилося до двох відсотків.", none=["ВВП"]),
    O("ru-initials-1", "ru", "Об этом в среду сообщило РБК.", new=[("РБК", "Organization", "РБК")]),
    O("ru-initials-2", "ru", "Рост ВВП замедлился до двух процентов.", none=["ВВП"]),
    O("en-initials-1", "en", "On Monday the NTSB published its report.", new=[("NTSB", "Organization", "NTSB")]),
    O("en-initials-2", "en", "On Monday GDP grew by two per cent.", none=["GDP"]),
    O("ru-initials-3", "ru", "Об этом заявили в МЧС Казахстана и в МЧС Узбекистана.",  # two bodies, two nodes
      new=[("МЧС Казахстана", "Organization", "МЧС Казахстана"), ("МЧС Узбекистана", "Organization", "МЧС Узбекистана")]),

    # -- a body noun with a capitalised adjective before it, a state's genitive after it ----
    O("ru-body-1", "ru", "Приговор отменил Верховный суд Бразилии.",
      new=[("Верховный суд Бразилии", "Organization", "Верховный суд Бразилии")], links=[("Бразилии", "Brazil")]),
    O("ru-body-2", "ru", "Новый суд начнётся в апреле.", none=["Новый суд"]),  # near miss: a sentence's first word
    O("ru-body-3", "ru", "Заявление опубликовала Русская православная церковь.",
      new=[("Русская православная церковь", "Organization", "Русская православная церковь")]),
    O("uk-body-1", "uk", "Рішення ухвалив Конституційний суд Молдови.",
      new=[("Конституційний суд Молдови", "Organization", "Конституційний суд Молдови")]),
    O("uk-body-2", "uk", "Звіт оприлюднило Міністерство енергетики і вугільної промисловості Казахстану.",
      new=[("Міністерство енергетики і вугільної промисловості Казахстану", "Organization",
            "Міністерство енергетики і вугільної промисловості Казахстану")]),
    O("uk-body-4", "uk", "Голова Херсонської ОВА Олександр Прокудін повідомив про обстріл.",  # initials inside a run
      new=[("Херсонської ОВА", "Organization", "Херсонська ОВА"), ("Олександр Прокудін", "Person", "Олександр Прокудін")]),
    O("uk-body-3", "uk", "Суд виправдав журналіста.", none=["Суд"]),  # near miss: a bare noun names no body
    O("ru-body-4", "ru", "Об этом сообщили в Министерстве цифрового развития Казахстана.",  # a body the gazetteer lacks
      new=[("Министерстве цифрового развития Казахстана", "Organization", "Министерство цифрового развития Казахстана")]),
    # -- a title noun before a name the dictionary lacks makes it a person's; its case, where no
    #    word of it tells one, is the nominative it may be read as
    O("uk-person-1", "uk", "Адвокат Навід Чаудхрі залишив країну. Пізніше Навіда Чаудхрі викликали до суду.",
      new=[("Навід Чаудхрі", "Person", "Навід Чаудхрі")]),
    O("ru-person-1", "ru", "Адвокат Навид Чаудхри покинул страну.", new=[("Навид Чаудхри", "Person", "Навид Чаудхри")]),
    O("ru-person-2", "ru", "На пресс-конференции выступил Навид Мулук.",
      new=[("Навид Мулук", "Person", "Навид Мулук")]),
    O("ru-person-3", "ru", "Журналисты спросили Абия Ахмеда о переговорах.",  # near miss: a case that a word tells
      new=[("Абия Ахмеда", "Person", "Абий Ахмед")]),
    O("uk-person-2", "uk", "Мирослава Гонгадзе приїхала до Львова.",
      new=[("Мирослава Гонгадзе", "Person", "Мирослава Гонгадзе")]),
    O("en-person-1", "en", "Lawyer Navid Chaudhry left the country.", new=[("Navid Chaudhry", "Person", "Navid Chaudhry")]),

    # -- a capital after a city noun or a part of the city is the city as a place ------------
    O("ru-capital-1", "ru", "В столице страны Исламабаде усилены меры безопасности.",
      links=[("Исламабаде", "Islamabad")]),
    O("ru-capital-2", "ru", "Исламабад выразил протест.", links=[("Исламабад", "Pakistan")]),  # near miss: the government
    O("uk-capital-1", "uk", "Літак приземлився в аеропорту Рима.", links=[("Рима", "Rome")]),
    O("uk-capital-2", "uk", "Рим висловив протест.", links=[("Рим", "Italy")]),  # near miss
    O("en-capital-1", "en", "Protesters gathered on the outskirts of Islamabad.", links=[("Islamabad", "Islamabad")]),

    O("en-body-1", "en", "Japan's Digital Ministry said the drills would go on.",  # a body the gazetteer lacks
      new=[("Japan's Digital Ministry", "Organization", "Japan's Digital Ministry")], links=[("Japan's", "Japan")]),
]


def test_table_is_well_formed():
    assert_well_formed(CASES, every_kind_in=("uk", "ru"))


@pytest.mark.parametrize("case", params(CASES))
def test_open_name_case(case: Case):
    assert_passes(case)


SKYUP = [("uk", "Пілоти Skyup оголосили страйк."), ("ru", "Авиакомпания Skyup отменила рейсы."),
         ("en", "The carrier Skyup resumed flights to Warsaw.")]


def test_a_new_body_named_in_three_languages_has_one_id():
    ids = set()
    for lang, text in SKYUP:
        x = extract(Article.create(text, lang=lang, published="2025-06-17"))
        s, e = span(text, "Skyup")
        ids |= {m.entity_id for m in x.mentions if (m.start, m.end) == (s, e)}
    assert len(ids) == 1


@pytest.mark.parametrize("lang,text", [
    ("ru", "Об этом сообщил ЦИК Казахстана. Позже ЦИК опубликовал итоги."),
    ("uk", "Про це повідомила ЦВК Казахстану. Пізніше ЦВК оприлюднила підсумки."),
])
def test_initials_after_the_body_named_in_full_are_that_body(lang: str, text: str):
    x = extract(Article.create(text, lang=lang, published="2025-06-17"))
    full, short = text.split(".")[0].split()[-2:], text.rindex(text.split(".")[0].split()[-2])
    ids = {m.entity_id for m in x.mentions if m.start == short}
    first = {m.entity_id for m in x.mentions if m.text == " ".join(full)}
    assert ids and ids == first

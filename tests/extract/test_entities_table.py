"""A parametrised test table of the entity layer: sentence → which entity each span links to.

Each case is a short news-style text with `links`, `not_links`, `labels` (a new entity's
label in the article's language: the nominative) and `same`, as tests/extract/case_table.py
describes: a place read as its state, an office read for a date its holder did not hold it, …

Ids: `{lang}-{kind}-{n}`.
"""
from __future__ import annotations

import pytest
from case_table import Case, assert_passes, assert_well_formed, params

E = Case

CASES: list[Case] = [
    # ------------------------------------------------------------------ uk
    E("uk-caseform-1", "uk",
      "Китай підписав угоду з Казахстаном, а згодом надав Казахстану кредит.",
      links=[("Казахстаном", "Kazakhstan"), ("Казахстану", "Kazakhstan"), ("Китай", "China")]),
    E("uk-caseform-2", "uk",
      "Сі Цзіньпін провів переговори з Касимом-Жомартом Токаєвим. Журналісти запитали Токаєва про підсумки.",
      links=[("Касимом-Жомартом Токаєвим", "Kassym-Jomart_Tokayev"), ("Токаєва", "Kassym-Jomart_Tokayev"),
             ("Сі Цзіньпін", "Xi_Jinping")]),
    E("uk-caseform-3", "uk",
      "Україна прагне вступу до Європейського Союзу. У Європейському Союзі це питання обговорять восени.",
      links=[("Європейського Союзу", "European_Union"), ("Європейському Союзі", "European_Union")]),
    E("uk-caseform-4", "uk",
      "Президент Туреччини зустрівся з Садиром Жапаровим у Бішкеку.",
      links=[("Садиром Жапаровим", "Sadyr_Japarov"), ("Бішкеку", "Bishkek")]),
    E("uk-caseform-5", "uk",
      "Делегація Шанхайської організації співробітництва прибула до Душанбе.",
      links=[("Шанхайської організації співробітництва", "SCO"), ("Душанбе", "Dushanbe")]),
    E("uk-role-1", "uk",
      "Голова КНР прибув до Астани з державним візитом.",
      links=[("Голова", "Xi_Jinping"), ("КНР", "China"), ("Астани", "Astana")]),
    E("uk-role-2", "uk",
      "Голова КНР прибув до Москви з державним візитом.", published="2012-05-10",
      not_links=[("Голова", "Xi_Jinping")]),
    E("uk-role-3", "uk",
      "Президент Казахстану провів телефонну розмову з прем'єр-міністром Японії.",
      links=[("Президент", "Kassym-Jomart_Tokayev"), ("Казахстану", "Kazakhstan"), ("Японії", "Japan")]),
    E("uk-role-4", "uk",
      "Президент Казахстану провів телефонну розмову з прем'єр-міністром Японії.", published="2018-05-10",
      not_links=[("Президент", "Kassym-Jomart_Tokayev")]),
    E("uk-capital-1", "uk",
      "Пекін заявив, що виступає проти нових американських мит.",
      links=[("Пекін", "China")], not_links=[("Пекін", "Beijing")]),
    E("uk-capital-2", "uk",
      "Переговори міністрів закордонних справ відбулися у Пекіні.",
      links=[("Пекіні", "Beijing")], not_links=[("Пекіні", "China")]),
    E("uk-capital-3", "uk",
      "Пекін заявив, що наступний раунд переговорів пройде у Пекіні.",
      links=[("Пекін", "Beijing"), ("Пекіні", "Beijing")]),
    E("uk-capital-4", "uk",
      "Москва і Тегеран поглиблюють військову співпрацю.",
      links=[("Москва", "Russia"), ("Тегеран", "Iran")]),
    E("uk-capital-5", "uk",  # a capital listed with a city after a place's preposition is a city
      "Протестувальники вийшли на вулиці в Алмати та Астані.",
      links=[("Астані", "Astana")], not_links=[("Астані", "Kazakhstan")]),
    E("ru-capital-5", "ru",
      "Полиция перекрыла трассу между Астаной и Алматы.",
      links=[("Астаной", "Astana")], not_links=[("Астаной", "Kazakhstan")]),
    E("ru-capital-6", "ru",  # near miss: a capital and a city as governments' voices
      "Астана и Алматы поддержали решение.", links=[("Астана", "Kazakhstan")]),
    E("en-capital-5", "en",
      "Police closed the road between Astana and Almaty.",
      links=[("Astana", "Astana")], not_links=[("Astana", "Kazakhstan")]),
    E("ru-capital-7", "ru",  # a city named after a dash that follows a city noun
      "Меры безопасности усилены в столице страны — Астане.",
      links=[("Астане", "Astana")], not_links=[("Астане", "Kazakhstan")]),
    E("ru-capital-8", "ru",  # a dateline with the date after the city, in mixed case
      "Астана, 10 августа. Казахстан и Китай подписали соглашение.",
      links=[("Астана", "Astana")], not_links=[("Астана", "Kazakhstan")]),
    E("uk-capital-6", "uk",
      "Астана. 10 серпня. Казахстан і Китай підписали угоду.",
      links=[("Астана", "Astana")], not_links=[("Астана", "Kazakhstan")]),
    E("uk-capital-7", "uk",  # near miss: no date after it, the capital speaks for its state
      "Астана. Казахстан і Китай підписали угоду.", not_links=[("Астана", "Astana")]),
    E("ru-capital-9", "ru",  # three cities or more, one no capital: all are places
      "Отменены рейсы по направлениям Лондон, Барселона, Париж и Варшава.",
      links=[("Лондон", "London"), ("Париж", "Paris")], not_links=[("Лондон", "United_Kingdom")]),
    E("uk-capital-8", "uk",
      "Скасовано рейси за напрямками Лондон, Барселона, Париж і Варшава.",
      links=[("Лондон", "London"), ("Варшава", "Warsaw")], not_links=[("Варшава", "Poland")]),
    E("en-capital-6", "en",
      "Flights to London, Barcelona, Paris and Warsaw were cancelled.",
      links=[("London", "London"), ("Paris", "Paris")]),
    E("ru-capital-10", "ru",  # near miss: capitals alone in a list speak for their states
      "Москва, Пекин и Тегеран осудили удары.", links=[("Москва", "Russia"), ("Тегеран", "Iran")]),
    E("ru-adjective-11", "ru",  # a capitalised nationality adjective inside a sentence opens a body's name
      "Он преподавал в Колумбийском университете.", not_links=[("Колумбийском", "Colombia")]),
    E("uk-adjective-11", "uk",
      "Він викладав у Колумбійському університеті.", not_links=[("Колумбійському", "Colombia")]),
    E("ru-adjective-12", "ru",  # near miss: the adjective in lower case, or opening the sentence
      "Российский министр встретил американского посла.",
      links=[("Российский", "Russia"), ("американского", "United_States")]),
    E("en-adjective-11", "en",  # near miss: English capitalises every nationality adjective
      "The American ambassador met the Russian minister.", links=[("American", "United_States")]),
    E("uk-group-1", "uk",
      "Китай і Казахстан підписали угоду про безвізовий режим. Обидві країни домовилися розширювати туризм.",
      links=[("Обидві країни", "China"), ("Обидві країни", "Kazakhstan")]),
    E("uk-group-2", "uk",
      "Казахстан, Киргизстан, Таджикистан, Туркменістан і Узбекистан підписали спільну декларацію. "
      "Усі п'ять держав підтримали ініціативу.",
      links=[("п'ять держав", "Kazakhstan"), ("п'ять держав", "Kyrgyzstan"), ("п'ять держав", "Tajikistan"),
             ("п'ять держав", "Turkmenistan"), ("п'ять держав", "Uzbekistan")]),
    E("uk-newname-1", "uk",
      "Міністр закордонних справ України провів переговори з Робертом Абелою.",
      labels=[("Робертом Абелою", "Роберт Абела")]),
    E("uk-newname-2", "uk",
      "Токаєв провів переговори з Ухнаагійном Хурелсухом.",
      labels=[("Ухнаагійном Хурелсухом", "Ухнаагійн Хурелсух")]),
    E("uk-newname-3", "uk",
      "Сибіга зустрівся з Джонатаном Пауеллом.",
      labels=[("Джонатаном Пауеллом", "Джонатан Пауелл")]),
    E("uk-surname-1", "uk",
      "Прем'єр-міністр Мальти Роберт Абела прибув до Києва. Абела зустрівся з Зеленським.",
      labels=[("Роберт Абела", "Роберт Абела")], same=[("Роберт Абела", ("Абела", 2))],
      links=[("Зеленським", "Volodymyr_Zelenskyy")]),
    E("uk-adjective-1", "uk",
      "Казахстанська сторона запропонувала провести переговори у червні.",
      links=[("Казахстанська", "Kazakhstan")]),
    E("uk-dedup-1", "uk",
      "Казахстан і Китай поглиблюють співпрацю. Китай надав Казахстану кредит, а Казахстан підписав з "
      "Китаєм угоду. Токаєв прибув до Пекіна, де Касима-Жомарта Токаєва зустрів Сі Цзіньпін. "
      "Голова КНР подякував Токаєву.",
      links=[("Китаєм", "China"), ("Касима-Жомарта Токаєва", "Kassym-Jomart_Tokayev"),
             ("Токаєву", "Kassym-Jomart_Tokayev"), ("Пекіна", "Beijing"), ("Голова", "Xi_Jinping")]),

    # ------------------------------------------------------------------ ru
    E("ru-caseform-1", "ru",
      "Россия заключила соглашение с Казахстаном и поставит Казахстану зерно.",
      links=[("Казахстаном", "Kazakhstan"), ("Казахстану", "Kazakhstan"), ("Россия", "Russia")]),
    E("ru-caseform-2", "ru",
      "Си Цзиньпин провел переговоры с Касым-Жомартом Токаевым.",
      links=[("Касым-Жомартом Токаевым", "Kassym-Jomart_Tokayev")]),
    E("ru-caseform-3", "ru",
      "Журналисты спросили Токаева о результатах визита в Китай.",
      links=[("Токаева", "Kassym-Jomart_Tokayev"), ("Китай", "China")]),
    E("ru-caseform-4", "ru",
      "Лавров провел переговоры с главой МИД Турции Хаканом Фиданом.",
      links=[("Хаканом Фиданом", "Hakan_Fidan"), ("Лавров", "Sergey_Lavrov")]),
    E("ru-caseform-5", "ru",
      "Армения заморозила участие в Организации Договора о коллективной безопасности.",
      links=[("Организации Договора о коллективной безопасности", "CSTO"), ("Армения", "Armenia")]),
    E("ru-role-1", "ru",
      "Председатель КНР прибыл в Казахстан с государственным визитом.",
      links=[("Председатель", "Xi_Jinping"), ("Казахстан", "Kazakhstan")]),
    E("ru-role-2", "ru",
      "Председатель КНР прибыл в Казахстан с государственным визитом.", published="2011-09-01",
      not_links=[("Председатель", "Xi_Jinping")]),
    E("ru-role-3", "ru",
      "Генсек НАТО заявил о поддержке Киева.",
      links=[("Генсек", "Mark_Rutte"), ("НАТО", "NATO")]),
    E("ru-capital-1", "ru",
      "Вашингтон ввел новые пошлины на китайские товары.",
      links=[("Вашингтон", "United_States"), ("китайские", "China")], not_links=[("Вашингтон", "Washington")]),
    E("ru-capital-2", "ru",
      "Переговоры делегаций прошли в Вашингтоне.",
      links=[("Вашингтоне", "Washington")], not_links=[("Вашингтоне", "United_States")]),
    E("ru-capital-3", "ru",
      "Председатель КНР прибыл в Астану.",
      links=[("Астану", "Astana")], not_links=[("Астану", "Kazakhstan")]),
    E("ru-group-1", "ru",
      "Казахстан и Узбекистан подписали соглашение. Обе страны договорились расширять торговлю.",
      links=[("Обе страны", "Kazakhstan"), ("Обе страны", "Uzbekistan")]),
    E("ru-newname-1", "ru",
      "Токаев встретился с Робертом Абелой в Брюсселе.",
      labels=[("Робертом Абелой", "Роберт Абела")], links=[("Брюсселе", "Brussels")]),
    E("ru-newname-2", "ru",
      "Лавров провел переговоры с Джонатаном Пауэллом.",
      labels=[("Джонатаном Пауэллом", "Джонатан Пауэлл")]),
    E("ru-adjective-1", "ru",
      "Китайская сторона предложила провести новый раунд переговоров.",
      links=[("Китайская", "China")]),

    # ------------------------------------------------------------------ en
    E("en-caseform-1", "en",
      "Kazakhstan's president met Chinese leader Xi Jinping.",
      links=[("Kazakhstan's", "Kazakhstan"), ("president", "Kassym-Jomart_Tokayev"), ("Chinese", "China"),
             ("Xi Jinping", "Xi_Jinping")]),
    E("en-role-1", "en",
      "The Kazakh president arrived in Beijing.",
      links=[("president", "Kassym-Jomart_Tokayev"), ("Beijing", "Beijing")]),
    E("en-role-2", "en",
      "The Kazakh president arrived in Beijing.", published="2015-05-01",
      not_links=[("president", "Kassym-Jomart_Tokayev")]),
    E("en-capital-1", "en",
      "Moscow rejected the proposal.",
      links=[("Moscow", "Russia")], not_links=[("Moscow", "Moscow")]),
    E("en-capital-2", "en",
      "Talks between the two delegations were held in Moscow.",
      links=[("Moscow", "Moscow")], not_links=[("Moscow", "Russia")]),
    E("en-capital-3", "en",
      "Beijing said the next round of talks would be held in Beijing.",
      links=[("Beijing", "Beijing"), (("Beijing", 2), "Beijing")]),
    E("en-group-1", "en",
      "China and Kazakhstan signed an agreement. The two countries agreed to expand trade.",
      links=[("The two countries", "China"), ("The two countries", "Kazakhstan")]),
    E("en-newname-1", "en",
      "Tokayev met Maltese Prime Minister Robert Abela in Brussels.",
      labels=[("Robert Abela", "Robert Abela")], links=[("Maltese", "Malta"), ("Tokayev", "Kassym-Jomart_Tokayev")]),
    E("en-surname-1", "en",
      "Tokayev met Jonathan Powell in London. Powell praised the talks.",
      labels=[("Jonathan Powell", "Jonathan Powell")], same=[("Jonathan Powell", ("Powell", 2))]),
]


# -- running ------------------------------------------------------------------

def test_table_is_well_formed():
    assert_well_formed(CASES, kinds=("caseform", "role", "capital", "group", "newname", "surname", "adjective",
                                     "dedup"))


@pytest.mark.parametrize("case", params(CASES))
def test_entity_case(case: Case):
    assert_passes(case)

"""A test table of known names that the words around them make another entity, in uk, ru
and en, with a near miss beside each rule:

- a known name that is only part of a quoted name (a firm, a hotel, a route named after a
  place or a person) is not that place or person;
- a place's name in apposition to a noun of a person («королева Летисия») is a person's name;
- one person's name is singular: a plural reading of its word gives no nominative («Хамзаев»);
- a known person's one-word name after another first name («Ли Харрисом») is another person;
- a city in capitals before a comma opening a paragraph anywhere is where a story was filed;
- a capital whose siege or liberation the text tells is the city, not its state;
- an office many hold at once («a Chinese official») stands for none of them;
- a known body's name that opens with its state in the possessive names the state too;
- a name that is a known entity's name, named in the article, without its first or last words
  is that entity («Исламской Республики» where Iran is named);
- the nominative of a name that is a common noun's genitive complement («празднования Навруза»);
- a place's name in the nominative after a capitalised common noun ends that name («Республики Алтай»);
- a place before a document's head noun after a preposition names no document;
- a capitalised word agreeing with a document's noun after it is the document's describer;
- a run of capitalised words stops at a paragraph's end and before a weekday.
"""
from __future__ import annotations

import pytest
from case_table import Case, assert_passes, assert_well_formed, params

C = Case

CASES: list[Case] = [
    # -- a known name inside a quoted name ------------------------------------------------------
    C("en-quoted-1", "en", 'The corridor is to be called the "Trump Route for International Peace and Prosperity", '
      "officials in Yerevan said.",
      new=[("Trump Route for International Peace and Prosperity", "Concept",
            "Trump Route for International Peace and Prosperity")],
      not_links=[("Trump", "Donald_Trump")]),
    C("en-quoted-2", "en", "Donald Trump hosted the two leaders at the White House.",  # near miss
      links=[("Donald Trump", "Donald_Trump")]),
    C("ru-quoted-1", "ru", 'Нефтехимический холдинг ОАО "Таиф" объявил о новых вложениях в Казани.',
      not_links=[("Таиф", "Taif_Q182640")]),
    C("ru-quoted-2", "ru", "Гостиницу «Ташкент» закрыли на ремонт до осени.",
      not_links=[("Ташкент", "Tashkent"), ("Ташкент", "Uzbekistan")]),
    C("ru-quoted-3", "ru", "Делегация прибыла в Ташкент в понедельник.",  # near miss: the city itself
      links=[("Ташкент", "Tashkent")]),
    C("ru-quoted-4", "ru", "На концерте выступил Игорь Журавлёв из группы «Альянс».",  # a common word in quotes
      not_links=[("Альянс", "NATO")]),
    C("ru-quoted-5", "ru", "Компания «Газпром» повысила цены. Министры НАТО обсудили, как Альянс будет действовать.",
      links=[("Газпром", "Gazprom"), ("Альянс", "NATO")]),  # near misses: a body's own name, the word unquoted
    C("uk-quoted-4", "uk", "У Сіані відбувся перший саміт «Китай – Центральна Азія».",  # near miss: a format's
      links=[("Китай – Центральна Азія", "C_C5")]),                                    # name of several words
    C("uk-quoted-3", "uk", "На концерті виступив гурт «Альянс» з Москви.", not_links=[("Альянс", "NATO")]),
    C("uk-quoted-1", "uk", "Готель «Ташкент» закрили на ремонт до осені.",
      not_links=[("Ташкент", "Tashkent"), ("Ташкент", "Uzbekistan")]),
    C("uk-quoted-2", "uk", "Делегація прибула до Ташкента в понеділок.",  # near miss
      links=[("Ташкента", "Tashkent")]),

    # -- a place's name in apposition to a person ---------------------------------------------------
    C("ru-apposed-1", "ru", "На показе была испанская королева Летисия.",
      not_links=[("Летисия", "Leticia_Q214913")]),
    C("ru-apposed-2", "ru", "Самолёт с гуманитарным грузом приземлился в Летисии.",  # near miss: a preposition
      links=[("Летисии", "Leticia_Q214913")]),
    C("ru-apposed-3", "ru", "Лоукостер будет летать из украинской столицы и Львова в шесть стран.",  # near miss: «и»
      links=[("Львова", "Lviv")]),
    C("ru-genitive-complement-2", "ru", "Рейсы из аэропорта Скавста отменили из-за забастовки.",  # near miss: a name
      labels=[("Скавста", "Скавста")]),                                                          # in apposition
    C("uk-apposed-1", "uk", "Книгу представила письменниця Аделаїда з Одеси.",
      not_links=[("Аделаїда", "Adelaide_Q5112")]),

    # -- a surname after another first name -----------------------------------------------------------
    C("ru-other-first-name-1", "ru", "В Лондоне Холлис познакомился с Саймоном Бреннером и Ли Харрисом.",
      not_links=[("Харрисом", "Kamala_Harris")], new=[("Ли Харрисом", "Person", "Ли Харрис")]),
    C("ru-other-first-name-2", "ru", "Камала Харрис выступила в Чикаго. Потом Харрис уехала в Вашингтон.",  # near miss
      links=[(("Харрис", 2), "Kamala_Harris")]),
    C("ru-other-first-name-3", "ru", "Мин Си в Париже\nКитайская топ-модель Мин Си вышла замуж в Гонконге.",
      not_links=[("Си", "Xi_Jinping"), (("Си", 2), "Xi_Jinping")], same=[("Мин Си", ("Мин Си", 2))]),
    C("ru-other-first-name-4", "ru", "Председатель КНР Си Цзиньпин прибыл в Москву. В Кремле Си встретился с Путиным.",
      links=[(("Си", 2), "Xi_Jinping")]),  # near miss: a known place before him
    C("uk-other-first-name-2", "uk", "Китайська топмодель Мін Сі вийшла заміж у Гонконзі.",
      not_links=[("Сі", "Xi_Jinping")]),
    C("en-other-first-name-2", "en", "The Chinese model Ming Xi married in Hong Kong.",
      not_links=[("Xi", "Xi_Jinping")]),
    C("uk-other-first-name-1", "uk", "У Лондоні Холліс познайомився з Саймоном Бреннером і Лі Гаррісом.",
      not_links=[("Гаррісом", "Kamala_Harris")]),
    C("en-other-first-name-1", "en", "In London Hollis met Simon Brenner and Lee Harris.",
      not_links=[("Harris", "Kamala_Harris")]),

    # -- one person's name is singular: no plural reading gives its nominative ---------------------------------
    C("ru-singular-name-1", "ru", "Кандидаты Улугбек Иноятов и Абдушукур Хамзаев не набрали и пяти процентов.",
      labels=[("Улугбек Иноятов", "Улугбек Иноятов"), ("Абдушукур Хамзаев", "Абдушукур Хамзаев")]),
    C("ru-singular-name-2", "ru", "Журналисты спросили Абия Ахмеда о переговорах.",  # near miss: an oblique case
      labels=[("Абия Ахмеда", "Абий Ахмед")]),

    # -- the city a story is filed from, in any paragraph -----------------------------------------------
    C("ru-filed-1", "ru", "Оппозиция оспорила итоги выборов. Суд назначил слушание. Наблюдатели ждут решения.\n\n"
      "МОСКВА, 1 авг — Делегация прибыла на переговоры.",
      links=[("МОСКВА", "Moscow")]),
    C("uk-filed-1", "uk", "Опозиція оскаржила підсумки виборів. Суд призначив слухання. Спостерігачі чекають.\n\n"
      "КИЇВ, 3 вер — Делегація прибула на переговори.",
      links=[("КИЇВ", "Kyiv")]),
    C("en-filed-1", "en", "The opposition disputed the result. A court set a hearing. Observers are waiting.\n\n"
      "MOSCOW, Aug 1 — The delegation arrived for talks.",
      links=[("MOSCOW", "Moscow")]),
    C("ru-filed-2", "ru", "Переговоры с Москвой зашли в тупик, заявил министр.",  # near miss: the government
      links=[("Москвой", "Russia")]),

    # -- a capital whose liberation or siege the text tells ---------------------------------------------
    C("ru-siege-1", "ru", "Его дед участвовал в освобождении Киева в 1943 году.", links=[("Киева", "Kyiv")]),
    C("uk-siege-1", "uk", "Його дід брав участь у звільненні Києва в 1943 році.", links=[("Києва", "Kyiv")]),
    C("en-siege-1", "en", "His grandfather took part in the liberation of Kyiv in 1943.", links=[("Kyiv", "Kyiv")]),

    # -- an office many hold at once names none of them ---------------------------------------------------
    C("en-generic-office-1", "en", "A Chinese official said the talks in Astana had gone well.",
      not_links=[("official", "Wang_Yi")]),
    C("en-generic-office-2", "en", "The Chinese foreign minister said the talks in Astana had gone well.",  # near miss
      links=[("foreign minister", "Wang_Yi")]),
    C("ru-generic-office-1", "ru", "Китайский чиновник сказал, что переговоры в Астане прошли хорошо.",
      not_links=[("чиновник", "Wang_Yi")]),
    C("uk-generic-office-1", "uk", "Китайський посадовець сказав, що переговори в Астані пройшли добре.",
      not_links=[("посадовець", "Wang_Yi")]),

    # -- a known body's name that opens with its state -----------------------------------------------------
    C("en-possessive-state-1", "en", "Iran's foreign ministry welcomed the declaration but warned against interference.",
      links=[("Iran's", "Iran"), ("foreign ministry", "Ministry_of_Foreign_Affairs_of_Iran")]),

    # -- a genitive complement's nominative ------------------------------------------------------------------
    C("ru-genitive-complement-1", "ru", "Договор планируется подписать в Худжанде во время празднования Навруза.",
      labels=[("Навруза", "Навруз")]),
    C("uk-genitive-complement-1", "uk", "Договір планують підписати в Худжанді під час святкування Наврузу.",
      labels=[("Наврузу", "Навруз")]),

    # -- a known name without its first or last words -------------------------------------------------------
    C("en-shortened-1", "en", "North Korea violated resolutions of the UN Security Council. The ministers called on "
      "the Security Council to respond.", links=[(("Security Council", 2), "UN_Security_Council")]),
    C("en-shortened-2", "en", "NATO's members signed the North Atlantic Treaty in Washington in 1949.",  # near miss
      not_links=[("North Atlantic Treaty", "NATO")]),
    C("ru-shortened-1", "ru", "Иран вступил в ШОС. Президент заявил, что членство открывает для Исламской Республики "
      "новые возможности.", links=[("Исламской Республики", "Iran")]),
    C("ru-shortened-2", "ru", "Президент заявил, что членство открывает для Исламской Республики новые возможности.",
      not_links=[("Исламской Республики", "Iran")]),  # near miss: no state named
    C("ru-shortened-3", "ru", "Пакистан и Иран вступили в ШОС. Иран благодарен: членство открывает для Исламской "
      "Республики новые возможности.", links=[("Исламской Республики", "Iran")]),  # the one named last
    C("uk-shortened-1", "uk", "Іран вступив до ШОС. Президент заявив, що членство відкриває для Ісламської Республіки "
      "нові можливості.", links=[("Ісламської Республіки", "Iran")]),

    # -- a place's name at the end of a longer name ------------------------------------------------------------
    C("ru-name-inside-1", "ru", "Он представляет в Совете Федерации интересы Республики Алтай с 2019 года.",
      not_links=[("Алтай", "Jinshanlu_Q434924")], links=[("Республики Алтай", "Respublika_Altay_RU-AL")]),
    C("uk-name-inside-1", "uk", "Він представляє в Раді Федерації інтереси Республіки Алтай з 2019 року.",
      not_links=[("Алтай", "Jinshanlu_Q434924")]),
    C("ru-name-inside-2", "ru", "На заседании Совета Франция выступила против санкций.",  # near miss: a state, the subject
      links=[("Франция", "France")]),
    # a place the verb is done in names no document; what a treaty is about does, one treaty however said
    C("ru-named-events-1", "ru", "Президенты подписали в Бишкеке договор о границе между двумя странами.",
      new=[("договор", "Agreement", "договор о границе")]),
    C("ru-named-events-2", "ru", "Лидеры подписали договор о границе. Договор о государственной границе вступит в силу "
      "после ратификации.", same=[("договор", "Договор")]),
    C("uk-named-events-1", "uk", "Президенти підписали в Бішкеку договір про державний кордон між двома країнами.",
      new=[("договір", "Agreement", "договір про державний кордон")]),
    C("en-named-events-3", "en", "BRICS invited six countries to join at Johannesburg summit.",  # near miss
      new=[("Johannesburg summit", "Summit", "Johannesburg summit")]),
    C("en-named-events-1", "en", "The presidents signed an agreement on Tuesday in Bishkek.",  # near miss: no topic
      none=["agreement"]),

    C("en-named-events-2", "en", "The EU adopted its 12th sanctions package against Russia. The 12th package of "
      "sanctions bans Russian diamonds.", same=[("12th sanctions package", "12th package of sanctions")]),
    C("ru-named-events-3", "ru", "ЕС принял 12-й пакет санкций против России. 13-й пакет санкций готовят к весне.",
      new=[("12-й пакет санкций", "Concept", "12-й пакет санкций"),  # near miss: another number, another package
           ("13-й пакет санкций", "Concept", "13-й пакет санкций")]),

    # -- a capitalised adjective before a document's noun names the document, not a person ------------------
    C("ru-describer-1", "ru", "Главы государств подписали Астанинскую декларацию и утвердили стратегию.",
      new=[("Астанинскую декларацию", "Agreement", "Астанинская декларация")]),
    C("uk-describer-1", "uk", "Глави держав підписали Астанинську декларацію та затвердили стратегію.",
      new=[("Астанинську декларацію", "Agreement", "Астанинська декларація")]),
    C("ru-describer-2", "ru", "Министр передал Ковальскому декларацию о намерениях.",  # near miss: another case
      new=[("Ковальскому", "Person", "Ковальский")]),

    # -- where a run of capitalised words ends ---------------------------------------------------------------
    C("en-name-end-1", "en", "The five presidents signed a Treaty on Eternal Friendship and Cooperation on Tuesday.",
      new=[("Treaty on Eternal Friendship and Cooperation", "Concept", "Treaty on Eternal Friendship and Cooperation")]),
    C("en-name-end-2", "en", "The ministers met at the Sandton Convention Centre\nPhotographs by Kwame Mensah show the hall.",
      none=["Photographs"]),
    C("ru-name-end-1", "ru", "Министры встретились в Кайраккуме\nФото Ахмада Каримова",
      new=[("Кайраккуме", "Place", "Кайраккум")], none=["Фото"]),
]


def test_table_is_well_formed():
    assert_well_formed(CASES)


@pytest.mark.parametrize("case", params(CASES))
def test_names_read_in_context(case: Case):
    assert_passes(case)

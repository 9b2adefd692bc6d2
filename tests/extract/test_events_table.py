"""A table of sentences about events and documents → the facts they carry, in uk, ru and en,
with near misses: whose act an event is, where it happens, and which telling of a fact
realised it (a plan lends a fact done elsewhere neither its date nor its place). Rows are
cases of tests/extract/case_table.py: `must`, `must_not`, and `qualifiers` that every telling
of a `must` fact the graph asserts states exactly."""
from __future__ import annotations

from functools import partial

import pytest
from case_table import Case, assert_passes, assert_well_formed, params

from kg.model import Article
from kg.pipeline import extract

Row = partial(Case, published="2024-07-11")

ROWS: list[Case] = [
    # -- a vote on a named document: for it supports it, against it opposes it
    Row("en-vote-pos-1", "en", "Russia, Belarus and Syria voted against the resolution ES-11/1.",
        must=[("Russia", "opposes", "resolution_ES_11_1"), ("Syria", "opposes", "resolution_ES_11_1")]),
    Row("uk-vote-pos-1", "uk", "Росія, Білорусь і Сирія проголосували проти резолюції ES-11/1.",
        must=[("Russia", "opposes", "резолюція_ES_11_1"), ("Syria", "opposes", "резолюція_ES_11_1")]),
    Row("ru-vote-pos-1", "ru", "Россия, Белоруссия и Сирия проголосовали против резолюции ES-11/1.",
        must=[("Russia", "opposes", "резолюция_ES_11_1"), ("Syria", "opposes", "резолюция_ES_11_1")]),
    # -- the document named once is meant by "the package", «пакет» after it
    Row("en-document-pos-1", "en",
        "The EU adopted its 12th sanctions package against Russia. Hungary opposed the package.",
        must=[("Hungary", "opposes", "12th_sanctions_package"), ("European_Union", "sanctions", "Russia")]),
    Row("uk-document-pos-1", "uk",
        "ЄС ухвалив 12-й пакет санкцій проти Росії. Угорщина виступила проти пакета.",
        must=[("Hungary", "opposes", "12_й_пакет_санкцій")]),
    Row("ru-document-pos-1", "ru",
        "ЕС принял 12-й пакет санкций против России. Венгрия выступила против пакета.",
        must=[("Hungary", "opposes", "12_й_пакет_санкций")]),
    # -- taking part in a named summit, in either order; who names the summit takes no part by that
    Row("en-participation-pos-1", "en", "Japan and South Korea took part in the NATO summit in Vilnius.",
        must=[("Japan", "participatesIn", "NATO_Summit_2024"), ("South_Korea", "participatesIn", "NATO_Summit_2024")],
        must_not=[("NATO", "participatesIn", "NATO_Summit_2024")]),
    Row("uk-participation-pos-1", "uk", "Японія та Південна Корея взяли участь у саміті НАТО у Вільнюсі.",
        must=[("Japan", "participatesIn", "NATO_Summit_2024"), ("South_Korea", "participatesIn", "NATO_Summit_2024")],
        must_not=[("NATO", "participatesIn", "NATO_Summit_2024")]),
    Row("ru-participation-pos-1", "ru", "Япония и Южная Корея приняли участие в саммите НАТО в Вильнюсе.",
        must=[("Japan", "participatesIn", "NATO_Summit_2024"), ("South_Korea", "participatesIn", "NATO_Summit_2024")],
        must_not=[("NATO", "participatesIn", "NATO_Summit_2024")]),
    Row("uk-participation-pos-2", "uk", "У саміті НАТО у Вільнюсі взяли участь Японія та Південна Корея.",
        must=[("Japan", "participatesIn", "NATO_Summit_2024"), ("South_Korea", "participatesIn", "NATO_Summit_2024")],
        must_not=[("NATO", "participatesIn", "NATO_Summit_2024")]),
    Row("ru-participation-pos-2", "ru", "В саммите НАТО в Вильнюсе приняли участие Япония и Южная Корея.",
        must=[("Japan", "participatesIn", "NATO_Summit_2024"), ("South_Korea", "participatesIn", "NATO_Summit_2024")],
        must_not=[("NATO", "participatesIn", "NATO_Summit_2024")]),
    # -- an act's possessor is its actor, not the sentence's subject
    Row("en-possessor-miss-1", "en",
        "The declaration also described China as a decisive enabler of Russia's war against Ukraine.",
        must=[("Russia", "attacks", "Ukraine")], must_not=[("China", "attacks", "Ukraine")]),
    Row("uk-possessor-miss-1", "uk",
        "Декларація також назвала Китай вирішальним посібником у війні Росії проти України.",
        must=[("Russia", "attacks", "Ukraine")], must_not=[("China", "attacks", "Ukraine")]),
    Row("ru-possessor-miss-1", "ru",
        "Декларация также назвала Китай решающим пособником войны России против Украины.",
        must=[("Russia", "attacks", "Ukraine")], must_not=[("China", "attacks", "Ukraine")]),
    # -- a country that only says where a town lies is no recipient
    Row("en-place-miss-1", "en",
        "The allies agreed to set up a NATO command in Wiesbaden, Germany, to coordinate security "
        "assistance for Ukrainian forces.",
        must_not=[("NATO", "providesAidTo", "Germany")]),
    Row("en-place-pos-1", "en",
        "NATO agreed to send Ukraine military aid worth 40 billion euros.",
        must=[("NATO", "providesAidTo", "Ukraine")], must_not=[("NATO", "providesAidTo", "Germany")],
        published="2024-07-11"),
    Row("en-owner-miss-1", "en",
        "Swedish Prime Minister Ulf Kristersson handed over Sweden's instrument of accession to "
        "US Secretary of State Antony Blinken.",
        must_not=[("Ulf_Kristersson", "providesAidTo", "Sweden")]),
    Row("uk-place-miss-1", "uk",
        "Союзники домовилися створити командування НАТО у Вісбадені, Німеччина, для координації "
        "допомоги українським військовим.",
        must_not=[("NATO", "providesAidTo", "Germany")]),
    Row("ru-place-miss-1", "ru",
        "Союзники договорились создать командование НАТО в Висбадене, Германия, для координации "
        "помощи украинским военным.",
        must_not=[("NATO", "providesAidTo", "Germany")]),
    # -- a planned telling lends a fact done elsewhere in the article no date
    Row("en-planned-qual-1", "en",
        "Finland joined NATO in April 2023. Sweden had applied for membership together with Finland "
        "in May 2022. With Finland inside, the alliance has grown.",
        must=[("Finland", "memberOf", "NATO")], qualifiers={"start": "2023-04"}),
    Row("uk-planned-qual-1", "uk",
        "Фінляндія вступила до НАТО у квітні 2023 року. У травні 2022 року Фінляндія подала заявку "
        "на вступ до НАТО.",
        must=[("Finland", "memberOf", "NATO")], qualifiers={"start": "2023-04"}),
    Row("ru-planned-qual-1", "ru",
        "Финляндия вступила в НАТО в апреле 2023 года. В мае 2022 года Финляндия подала заявку "
        "на вступление в НАТО.",
        must=[("Finland", "memberOf", "NATO")], qualifiers={"start": "2023-04"}),
    # -- a date or place stated once for an event is that of every fact told at it
    Row("en-eventwhen-pos-1", "en", "The NATO summit opened in Vilnius on Tuesday. Japan and South Korea took part in the summit.",
        must=[("Japan", "participatesIn", "NATO_Summit_2023"), ("South_Korea", "participatesIn", "NATO_Summit_2023")],
        qualifiers={"date": "2023-07-11", "place": "Vilnius"}, published="2023-07-12"),
    Row("uk-eventwhen-pos-1", "uk", "Саміт НАТО відкрився у Вільнюсі у вівторок. Японія та Південна Корея взяли участь у саміті.",
        must=[("Japan", "participatesIn", "NATO_Summit_2023"), ("South_Korea", "participatesIn", "NATO_Summit_2023")],
        qualifiers={"date": "2023-07-11", "place": "Vilnius"}, published="2023-07-12"),
    Row("ru-eventwhen-pos-1", "ru", "Саммит НАТО открылся в Вильнюсе во вторник. Япония и Южная Корея приняли участие в саммите.",
        must=[("Japan", "participatesIn", "NATO_Summit_2023"), ("South_Korea", "participatesIn", "NATO_Summit_2023")],
        qualifiers={"date": "2023-07-11", "place": "Vilnius"}, published="2023-07-12"),
    Row("en-eventwhen-pos-2", "en",
        "Putin and Kim signed a treaty in Pyongyang on Wednesday. The treaty was the centrepiece of Putin's "
        "visit to North Korea.",
        must=[("Vladimir_Putin", "visits", "North_Korea")], qualifiers={"date": "2024-06-19"}, published="2024-06-20"),
    # a telling of another time keeps its own date, and takes no place from the event
    Row("en-eventwhen-miss-1", "en",
        "The NATO summit opened in Vilnius on Tuesday. Japan and South Korea first took part in a NATO summit in 2022.",
        must=[("Japan", "participatesIn", "NATO_Summit_2022")], qualifiers={"date": "2022", "place": ""},
        published="2023-07-12"),
    Row("uk-eventwhen-miss-1", "uk",
        "Саміт НАТО відкрився у Вільнюсі у вівторок. Японія та Південна Корея вперше взяли участь у саміті НАТО "
        "у 2022 році.",
        must=[("Japan", "participatesIn", "NATO_Summit_2022")], qualifiers={"date": "2022", "place": ""},
        published="2023-07-12"),
    Row("ru-eventwhen-miss-1", "ru",
        "Саммит НАТО открылся в Вильнюсе во вторник. Япония и Южная Корея впервые приняли участие в саммите НАТО "
        "в 2022 году.",
        must=[("Japan", "participatesIn", "NATO_Summit_2022")], qualifiers={"date": "2022", "place": ""},
        published="2023-07-12"),
    # -- "the day before" alone is the day before the story's; before an event it is that event's eve
    Row("en-eve-pos-1", "en", "The day before, Germany delivered weapons to Ukraine.",
        must=[("Germany", "providesAidTo", "Ukraine")], qualifiers={"date": "2023-01-19"}, published="2023-01-20"),
    Row("uk-eve-pos-1", "uk", "Напередодні Німеччина передала Україні 40 бронемашин.",
        must=[("Germany", "providesAidTo", "Ukraine")], qualifiers={"date": "2023-01-19"}, published="2023-01-20"),
    Row("ru-eve-pos-1", "ru", "Накануне Германия передала Украине 40 бронемашин.",
        must=[("Germany", "providesAidTo", "Ukraine")], qualifiers={"date": "2023-01-19"}, published="2023-01-20"),
    Row("en-eve-miss-1", "en", "The day before the summit, Germany delivered weapons to Ukraine.",
        must=[("Germany", "providesAidTo", "Ukraine")], qualifiers={"date": ""}, published="2023-01-20"),
    Row("uk-eve-miss-1", "uk", "Напередодні саміту Німеччина передала Україні 40 бронемашин.",
        must=[("Germany", "providesAidTo", "Ukraine")], qualifiers={"date": ""}, published="2023-01-20"),
    Row("ru-eve-miss-1", "ru", "Накануне саммита Германия передала Украине 40 бронемашин.",
        must=[("Germany", "providesAidTo", "Ukraine")], qualifiers={"date": ""}, published="2023-01-20"),
    # -- «того ж дня», "the same day": the day the text named last; a year is no day to repeat
    Row("en-sameday-pos-1", "en",
        "The EU adopted its 13th sanctions package against Russia on February 23. The same day, the United "
        "States imposed new sanctions on Russia.",
        must=[("United_States", "sanctions", "Russia")], qualifiers={"date": "2024-02-23"}, published="2024-02-24"),
    Row("uk-sameday-pos-1", "uk",
        "ЄС ухвалив 13-й пакет санкцій проти Росії 23 лютого. Того ж дня Сполучені Штати оголосили про нові "
        "санкції проти Росії.",
        must=[("United_States", "sanctions", "Russia")], qualifiers={"date": "2024-02-23"}, published="2024-02-24"),
    Row("ru-sameday-pos-1", "ru",
        "ЕС принял 13-й пакет санкций против России 23 февраля. В тот же день Соединенные Штаты объявили о новых "
        "санкциях против России.",
        must=[("United_States", "sanctions", "Russia")], qualifiers={"date": "2024-02-23"}, published="2024-02-24"),
    Row("en-sameday-miss-1", "en",
        "The EU adopted its 13th sanctions package against Russia in 2024. The same day, the United States "
        "imposed new sanctions on Russia.",
        must=[("United_States", "sanctions", "Russia")], qualifiers={"date": ""}, published="2024-02-24"),
    Row("uk-sameday-miss-1", "uk",
        "ЄС ухвалив 13-й пакет санкцій проти Росії у 2024 році. Того ж дня Сполучені Штати оголосили про нові "
        "санкції проти Росії.",
        must=[("United_States", "sanctions", "Russia")], qualifiers={"date": ""}, published="2024-02-24"),
    Row("ru-sameday-miss-1", "ru",
        "ЕС принял 13-й пакет санкций против России в 2024 году. В тот же день Соединенные Штаты объявили о новых "
        "санкциях против России.",
        must=[("United_States", "sanctions", "Russia")], qualifiers={"date": ""}, published="2024-02-24"),
    # -- an election is named by its kind; its winner and the rival named after took part in it,
    # not a state named further on
    Row("en-election-pos-1", "en",
        "Joe Biden won the presidential election on Tuesday despite warnings from China. "
        "His rival Donald Trump did not concede.",
        must=[("Joe_Biden", "participatesIn", "presidential_election"),
              ("Donald_Trump", "participatesIn", "presidential_election")],
        must_not=[("China", "participatesIn", "presidential_election")], published="2020-11-08"),
    Row("uk-election-pos-1", "uk",
        "Мая Санду перемогла на президентських виборах у неділю попри попередження з боку Росії. "
        "Її суперник Олександр Стояногло визнав поразку.",
        must=[("Maia_Sandu", "participatesIn", "президентські_вибори")],
        must_not=[("Russia", "participatesIn", "президентські_вибори")], published="2024-11-04"),
    Row("ru-election-pos-1", "ru",
        "Майя Санду победила на президентских выборах в воскресенье несмотря на предупреждения со стороны России. "
        "Ее соперник Александр Стояногло признал поражение.",
        must=[("Maia_Sandu", "participatesIn", "президентские_выборы")],
        must_not=[("Russia", "participatesIn", "президентские_выборы")], published="2024-11-04"),
    # a state that names the election does not stand in it
    Row("en-election-miss-1", "en", "Mark Rutte won the Dutch parliamentary election.",
        must=[("Mark_Rutte", "participatesIn", "Dutch_parliamentary_election")],
        must_not=[("Netherlands", "participatesIn", "Dutch_parliamentary_election")]),
    Row("uk-election-miss-1", "uk", "Марк Рютте переміг на парламентських виборах у Нідерландах.",
        must=[("Mark_Rutte", "participatesIn", "парламентські_вибори_у_Нідерландах")],
        must_not=[("Netherlands", "participatesIn", "парламентські_вибори_у_Нідерландах")]),
    Row("ru-election-miss-1", "ru", "Марк Рютте победил на парламентских выборах в Нидерландах.",
        must=[("Mark_Rutte", "participatesIn", "парламентские_выборы_в_Нидерландах")],
        must_not=[("Netherlands", "participatesIn", "парламентские_выборы_в_Нидерландах")]),
    # -- who takes part in a gathering: a list goes on after «, а также»; the leaders of named
    # states take part as those states; a gathering of many is no meeting of every pair
    Row("ru-gathering-pos-1", "ru",
        "В саммите в Бишкеке приняли участие президент России Владимир Путин, премьер-министр Индии "
        "Нарендра Моди, а также лидеры Казахстана, Армении и Узбекистана.",
        must=[("Vladimir_Putin", "participatesIn", "саммит_в_Бишкеке"), ("Narendra_Modi", "participatesIn", "саммит_в_Бишкеке"),
              ("Kazakhstan", "participatesIn", "саммит_в_Бишкеке"), ("Uzbekistan", "participatesIn", "саммит_в_Бишкеке")],
        must_not=[("Russia", "participatesIn", "саммит_в_Бишкеке"), ("Kassym-Jomart_Tokayev", "participatesIn", "саммит_в_Бишкеке")]),
    Row("uk-gathering-pos-1", "uk",
        "У саміті в Бішкеку взяли участь президент Росії Володимир Путін, прем'єр-міністр Індії "
        "Нарендра Моді, а також лідери Казахстану, Вірменії та Узбекистану.",
        must=[("Vladimir_Putin", "participatesIn", "саміт_в_Бішкеку"), ("Narendra_Modi", "participatesIn", "саміт_в_Бішкеку"),
              ("Kazakhstan", "participatesIn", "саміт_в_Бішкеку"), ("Armenia", "participatesIn", "саміт_в_Бішкеку")],
        must_not=[("India", "participatesIn", "саміт_в_Бішкеку"), ("Kassym-Jomart_Tokayev", "participatesIn", "саміт_в_Бішкеку")]),
    Row("en-gathering-pos-1", "en",
        "Leaders of Kazakhstan, Armenia and Uzbekistan, as well as Russian President Vladimir Putin, "
        "took part in the summit in Bishkek.",
        must=[("Vladimir_Putin", "participatesIn", "summit_in_Bishkek"), ("Armenia", "participatesIn", "summit_in_Bishkek"),
              ("Uzbekistan", "participatesIn", "summit_in_Bishkek")],
        must_not=[("Russia", "participatesIn", "summit_in_Bishkek"), ("Kassym-Jomart_Tokayev", "participatesIn", "summit_in_Bishkek")]),
    Row("ru-gathering-miss-1", "ru",
        "В видеоконференции участвовали президент России Владимир Путин, председатель КНР Си Цзиньпин, "
        "а также премьер-министр Индии Нарендра Моди.",
        must_not=[("Vladimir_Putin", "meetsWith", "Xi_Jinping"), ("Xi_Jinping", "meetsWith", "Narendra_Modi")]),
    Row("uk-gathering-miss-1", "uk",
        "У відеоконференції брали участь президент Росії Володимир Путін, голова КНР Сі Цзіньпін, "
        "а також прем'єр-міністр Індії Нарендра Моді.",
        must_not=[("Vladimir_Putin", "meetsWith", "Xi_Jinping"), ("Vladimir_Putin", "meetsWith", "Narendra_Modi")]),
    # two parties that take part in talks still meet
    Row("en-gathering-miss-1", "en", "Russia and China took part in the talks in Astana.",
        must=[("Russia", "meetsWith", "China")]),
    # -- an election's rivals, named after a dash sentences after its story opens, and the party
    # each stands for; "none of them won" denies no rivalry
    Row("ru-rivals-pos-1", "ru",
        "Дональд Трамп победил на президентских выборах в США.\n\nИтоги подвели в среду. Явка была высокой. "
        "Ни один из соперников Трампа — Камала Харрис от Демократической партии и Джилл Стайн от Партии "
        "зелёных — не признал поражения сразу.", published="2024-11-07",
        must=[("Kamala_Harris", "participatesIn", "президентские_выборы_в_США"),
              ("Donald_Trump", "participatesIn", "президентские_выборы_в_США"),
              ("Kamala_Harris", "memberOf", "damakratachask_part")],
        must_not=[("damakratachask_part", "participatesIn", "президентские_выборы_в_США")]),
    Row("uk-rivals-pos-1", "uk",
        "Дональд Трамп переміг на президентських виборах у США.\n\nПідсумки підбили в середу. Явка була "
        "високою. Жоден із суперників Трампа — Камала Гарріс від Демократичної партії та Джилл Стайн від "
        "Партії зелених — не визнав поразки одразу.", published="2024-11-07",
        must=[("Kamala_Harris", "participatesIn", "президентські_вибори_у_США"),
              ("Kamala_Harris", "memberOf", "damakratachn_part")],
        must_not=[("damakratachn_part", "participatesIn", "президентські_вибори_у_США")]),
    Row("en-rivals-pos-1", "en",
        "Donald Trump won the presidential election in the United States.\n\nThe count ended on Wednesday. "
        "Turnout was high. None of his rivals — Kamala Harris of the Democratic Party and Jill Stein of the "
        "Green Party — conceded at once.", published="2024-11-07",
        must=[("Kamala_Harris", "participatesIn", "presidential_election_in_the_United_States"),
              ("Kamala_Harris", "memberOf", "damakratak_part")],
        must_not=[("damakratak_part", "participatesIn", "presidential_election_in_the_United_States")]),
    # a delegation later in an election's story is no part of the election
    Row("en-rivals-miss-1", "en",
        "Donald Trump won the presidential election in the United States.\n\nThe count ended on Wednesday. "
        "Turnout was high. A Japanese delegation is expected in Washington next week.", published="2024-11-07",
        must=[("Donald_Trump", "participatesIn", "presidential_election_in_the_United_States")],
        must_not=[("Japan", "participatesIn", "presidential_election_in_the_United_States")]),
    Row("ru-rivals-miss-1", "ru",
        "Дональд Трамп победил на президентских выборах в США.\n\nИтоги подвели в среду. Явка была высокой. "
        "Японская делегация прибудет в Вашингтон на следующей неделе.", published="2024-11-07",
        must=[("Donald_Trump", "participatesIn", "президентские_выборы_в_США")],
        must_not=[("Japan", "participatesIn", "президентские_выборы_в_США")]),
    Row("uk-rivals-miss-1", "uk",
        "Дональд Трамп переміг на президентських виборах у США.\n\nПідсумки підбили в середу. Явка була "
        "високою. Японська делегація прибуде до Вашингтона наступного тижня.", published="2024-11-07",
        must=[("Donald_Trump", "participatesIn", "президентські_вибори_у_США")],
        must_not=[("Japan", "participatesIn", "президентські_вибори_у_США")]),
    # -- a sentence with no date of its own goes on about the story's time, not an event an
    # earlier sentence dates to another year
    Row("ru-carry-miss-1", "ru",
        "Иран подал заявку еще на саммите в Душанбе в 2021 году. Лидеры одобрили меморандум. "
        "В видеоконференции участвовали Путин и Си Цзиньпин.",
        must_not=[("Vladimir_Putin", "participatesIn", "саммит_в_Душанбе")]),
    Row("uk-carry-miss-1", "uk",
        "Іран подав заявку ще на саміті в Душанбе у 2021 році. Лідери схвалили меморандум. "
        "У відеоконференції брали участь Путін і Сі Цзіньпін.",
        must_not=[("Vladimir_Putin", "participatesIn", "саміт_в_Душанбе")]),
    Row("en-carry-miss-1", "en",
        "Iran applied at the summit in Dushanbe in 2021. The leaders approved a memorandum. "
        "Putin and Xi took part in the videoconference.",
        must_not=[("Vladimir_Putin", "participatesIn", "summit_in_Dushanbe")]),
    # the summit told in the sentence before is the one its participants attend
    Row("ru-carry-pos-1", "ru",
        "Саммит ШОС в Астане открылся в четверг. В нем приняли участие Путин и Си Цзиньпин.",
        must=[("Vladimir_Putin", "participatesIn", "Shanghai_Cooperation_Organisation_Summit_2024")]),
    # -- a title's last word is no first name of the caption under it
    Row("ru-caption-pos-1", "ru",
        "Белоруссия стала членом ШОС на саммите в Астане\n\nФото: пресс-служба Акорды\n\nЛидеры прибыли в Астану.",
        links=[("Астане", "Astana")]),
    Row("uk-caption-pos-1", "uk",
        "Білорусь стала членом ШОС на саміті в Астані\n\nФото: пресслужба Акорди\n\nЛідери прибули до Астани.",
        links=[("Астані", "Astana")]),
    Row("en-caption-pos-1", "en",
        "Belarus joins the SCO at the summit in Astana\n\nPhoto: Akorda press service\n\nThe leaders arrived in Astana.",
        links=[("Astana", "Astana")]),
    # -- an organisation's founders are its members, the whole list of them
    Row("ru-founders-pos-1", "ru",
        "Организация Договора о коллективной безопасности была создана в 2002 году. Ее учредителями стали "
        "Россия, Армения, Белоруссия, Казахстан, Киргизия и Таджикистан.",
        must=[("Russia", "memberOf", "CSTO"), ("Kazakhstan", "memberOf", "CSTO"), ("Tajikistan", "memberOf", "CSTO")]),
    Row("uk-founders-pos-1", "uk",
        "Організацію Договору про колективну безпеку було створено у 2002 році. Її засновниками стали Росія, "
        "Вірменія, Білорусь, Казахстан, Киргизстан і Таджикистан.",
        must=[("Russia", "memberOf", "CSTO"), ("Kazakhstan", "memberOf", "CSTO"), ("Tajikistan", "memberOf", "CSTO")]),
    Row("en-founders-pos-1", "en",
        "The Collective Security Treaty Organization was created in 2002. Its founders were Russia, Armenia, "
        "Belarus, Kazakhstan, Kyrgyzstan and Tajikistan.",
        must=[("Russia", "memberOf", "CSTO"), ("Kazakhstan", "memberOf", "CSTO"), ("Tajikistan", "memberOf", "CSTO")]),
    # -- a clause that leaves out its verb (a dash where it stood) goes on with the list's verb
    Row("ru-gapped-pos-1", "ru", "В 2017 году в ШОС вступили Индия и Пакистан, в 2023 году — Иран.",
        must=[("India", "memberOf", "SCO"), ("Iran", "memberOf", "SCO")]),
    Row("uk-gapped-pos-1", "uk", "У 2017 році до ШОС вступили Індія та Пакистан, у 2023 році — Іран.",
        must=[("Pakistan", "memberOf", "SCO"), ("Iran", "memberOf", "SCO")]),
    # -- an invitation before a long list, and a start after the story's day, are no membership yet
    Row("en-invited-miss-1", "en",
        "BRICS on Thursday invited Argentina, Egypt, Ethiopia, Iran, Saudi Arabia and the United Arab Emirates "
        "to become full members.", published="2023-08-24",
        must_not=[("Saudi_Arabia", "memberOf", "BRICS"), ("United_Arab_Emirates", "memberOf", "BRICS"),
                  ("Egypt", "memberOf", "BRICS")]),
    Row("ru-invited-miss-1", "ru",
        "БРИКС в четверг пригласил Аргентину, Египет, Эфиопию, Иран, Саудовскую Аравию и Объединенные Арабские "
        "Эмираты стать полноправными членами.", published="2023-08-24",
        must_not=[("Saudi_Arabia", "memberOf", "BRICS"), ("United_Arab_Emirates", "memberOf", "BRICS")]),
    Row("uk-invited-miss-1", "uk",
        "БРІКС у четвер запросив Аргентину, Єгипет, Ефіопію, Іран, Саудівську Аравію та Об'єднані Арабські "
        "Емірати стати повноправними членами.", published="2023-08-24",
        must_not=[("Saudi_Arabia", "memberOf", "BRICS"), ("United_Arab_Emirates", "memberOf", "BRICS")]),
    Row("en-invited-miss-2", "en",
        "BRICS welcomed six new members. Membership of the six countries will take effect on January 1, 2024. "
        "Egypt, Ethiopia, Iran, Argentina, Saudi Arabia and the United Arab Emirates were invited.",
        published="2023-08-24",
        must_not=[("Egypt", "memberOf", "BRICS")]),
    # -- "took part" with no event named: the story's event, told in its lead; not a state the
    # subject did not travel to
    Row("en-bare-pos-1", "en",
        "The BRICS summit in Johannesburg opened on Tuesday. Leaders discussed trade. Vladimir Putin did not "
        "travel to South Africa and took part by video link.", published="2023-08-24",
        must=[("Vladimir_Putin", "participatesIn", "BRICS_Summit_2023")],
        must_not=[("South_Africa", "participatesIn", "BRICS_Summit_2023")]),
    Row("ru-bare-pos-1", "ru",
        "Саммит БРИКС в Йоханнесбурге открылся во вторник. Лидеры обсудили торговлю. Экономику обсуждали долго. "
        "Владимир Путин в ЮАР не поехал и участвовал по видеосвязи.", published="2023-08-24",
        must=[("Vladimir_Putin", "participatesIn", "BRICS_Summit_2023")],
        must_not=[("South_Africa", "participatesIn", "BRICS_Summit_2023")]),
    Row("uk-bare-pos-1", "uk",
        "Саміт БРІКС у Йоганнесбурзі відкрився у вівторок. Лідери обговорили торгівлю. Економіку обговорювали "
        "довго. Володимир Путін до ПАР не поїхав і брав участь по відеозв'язку.", published="2023-08-24",
        must=[("Vladimir_Putin", "participatesIn", "BRICS_Summit_2023")],
        must_not=[("South_Africa", "participatesIn", "BRICS_Summit_2023")]),
    # -- "at the meeting" with no event named: the story's own, told in its lead
    Row("ru-bare-pos-2", "ru",
        "Саммит ШОС в Астане открылся в четверг. Погода была хорошей. Экономику обсуждали долго. "
        "На встрече присутствовал генеральный секретарь ООН Антониу Гутерриш.", published="2024-07-04",
        must=[("Antonio_Guterres", "participatesIn", "Shanghai_Cooperation_Organisation_Summit_2024")],
        must_not=[("United_Nations", "participatesIn", "Shanghai_Cooperation_Organisation_Summit_2024")]),
    Row("uk-bare-pos-2", "uk",
        "Саміт ШОС в Астані відкрився в четвер. Погода була гарною. Економіку обговорювали довго. "
        "На зустрічі був присутній президент Казахстану Касим-Жомарт Токаєв.", published="2024-07-04",
        must=[("Kassym-Jomart_Tokayev", "participatesIn", "Shanghai_Cooperation_Organisation_Summit_2024")]),
    Row("en-bare-pos-2", "en",
        "The SCO summit in Astana opened on Thursday. The weather was fine. The economy was discussed at length. "
        "UN Secretary-General Antonio Guterres spoke at the meeting.", published="2024-07-04",
        must=[("Antonio_Guterres", "participatesIn", "Shanghai_Cooperation_Organisation_Summit_2024")]),
    # -- who acts at a summit the sentence puts him at («на саміті», "at the summit") takes part;
    # one who only speaks of it does not
    Row("ru-attendance-pos-1", "ru", "На саммите ОДКБ в Ереване Никол Пашинян отказался подписать итоговую декларацию.",
        published="2022-11-23", must=[("Nikol_Pashinyan", "participatesIn", "CSTO_Summit_2022")]),
    Row("uk-attendance-pos-1", "uk", "На саміті ОДКБ у Єревані Нікол Пашинян відмовився підписати підсумкову декларацію.",
        published="2022-11-23", must=[("Nikol_Pashinyan", "participatesIn", "CSTO_Summit_2022")]),
    Row("en-attendance-pos-1", "en",
        "At the CSTO summit in Yerevan, Nikol Pashinyan refused to sign the final declaration.",
        published="2022-11-23", must=[("Nikol_Pashinyan", "participatesIn", "CSTO_Summit_2022")]),
    Row("ru-attendance-miss-1", "ru", "Никол Пашинян заявил, что на саммите ОДКБ в Ереване декларацию не подпишут.",
        published="2022-11-23", must_not=[("Nikol_Pashinyan", "participatesIn", "CSTO_Summit_2022")]),
    Row("uk-attendance-miss-1", "uk", "Нікол Пашинян заявив, що на саміті ОДКБ у Єревані декларацію не підпишуть.",
        published="2022-11-23", must_not=[("Nikol_Pashinyan", "participatesIn", "CSTO_Summit_2022")]),
    Row("en-attendance-miss-1", "en",
        "Nikol Pashinyan said that the declaration would not be signed at the CSTO summit in Yerevan.",
        published="2022-11-23", must_not=[("Nikol_Pashinyan", "participatesIn", "CSTO_Summit_2022")]),
    # -- "on the sidelines of the gathering": the summit the sentence before named
    Row("ru-sidelines-pos-1", "ru",
        "Лидеры Японии и Южной Кореи находились в Вильнюсе на саммите НАТО. Фумио Кисида и Юн Сок Ёль "
        "встретились на полях встречи.", published="2023-07-12",
        must=[("Fumio_Kishida", "participatesIn", "NATO_Summit_2023"), ("Yoon_Suk_Yeol", "participatesIn", "NATO_Summit_2023")]),
    Row("uk-sidelines-pos-1", "uk",
        "Лідери Японії та Південної Кореї перебували у Вільнюсі на саміті НАТО. Фуміо Кісіда та Юн Сок Йоль "
        "зустрілися на полях зустрічі.", published="2023-07-12",
        must=[("Fumio_Kishida", "participatesIn", "NATO_Summit_2023"), ("Yoon_Suk_Yeol", "participatesIn", "NATO_Summit_2023")]),
    Row("en-sidelines-pos-1", "en",
        "The leaders of Japan and South Korea were in Vilnius for the NATO summit. Fumio Kishida and Yoon Suk Yeol "
        "met on the sidelines of the gathering.", published="2023-07-12",
        must=[("Fumio_Kishida", "participatesIn", "NATO_Summit_2023"), ("Yoon_Suk_Yeol", "participatesIn", "NATO_Summit_2023")]),
    # a meeting the sentence before did not name is no summit
    Row("en-sidelines-miss-1", "en",
        "Fumio Kishida flew to Seoul on Sunday. He and Yoon Suk Yeol met on the sidelines of the gathering.",
        published="2023-07-12",
        must_not=[("Fumio_Kishida", "participatesIn", "NATO_Summit_2023")]),
    # -- a summit named in a participle phrase about a document («…, ухваленої на саміті») is no
    # place the main clause's signing happens at, also after a quoted name
    Row("uk-participle-miss-1", "uk",
        "Подібні угоди Україна укладає з Німеччиною відповідно до декларації держав «Великої сімки», "
        "ухваленої торік на саміті НАТО у Вільнюсі.", published="2024-02-16",
        must=[("Ukraine", "signsAgreementWith", "Germany")],
        must_not=[("Ukraine", "participatesIn", "NATO_Summit_2024"), ("G7", "participatesIn", "NATO_Summit_2024")]),
    Row("ru-participle-miss-1", "ru",
        "Подобные соглашения Украина заключает с Германией в соответствии с декларацией стран «Большой семерки», "
        "принятой в прошлом году на саммите НАТО в Вильнюсе.", published="2024-02-16",
        must=[("Ukraine", "signsAgreementWith", "Germany")],
        must_not=[("Ukraine", "participatesIn", "NATO_Summit_2024")]),
    Row("en-participle-miss-1", "en",
        'Ukraine signs such deals with Germany under a declaration of the "Group of Seven", adopted last year '
        "at the NATO summit in Vilnius.", published="2024-02-16",
        must=[("Ukraine", "signsAgreementWith", "Germany")],
        must_not=[("Ukraine", "participatesIn", "NATO_Summit_2024")], xfail=True,
        gap="an English participle phrase with no agent after it (\", adopted last year at …\") is read as "
            "part of the main clause"),
    # -- thanking others for taking part is no taking part
    Row("ru-thanks-miss-1", "ru",
        "Референдум в Казахстане прошел в воскресенье. Касым-Жомарт Токаев поблагодарил граждан за участие в референдуме.",
        published="2024-10-07", must_not=[("Kassym-Jomart_Tokayev", "participatesIn", "Референдум_в_Казахстане")]),
    Row("uk-thanks-miss-1", "uk",
        "Референдум у Казахстані відбувся в неділю. Касим-Жомарт Токаєв подякував громадянам за участь у референдумі.",
        published="2024-10-07", must_not=[("Kassym-Jomart_Tokayev", "participatesIn", "Референдум_у_Казахстані")]),
    Row("en-thanks-miss-1", "en",
        "The referendum in Kazakhstan was held on Sunday. Kassym-Jomart Tokayev thanked citizens for their "
        "participation in the referendum.", published="2024-10-07",
        must_not=[("Kassym-Jomart_Tokayev", "participatesIn", "referendum_in_Kazakhstan")], xfail=True,
        gap="English \"for\" also says what one comes for (\"arrived for the talks\"): the thanked are not told apart"),
    # -- the story's event, named in the title, is on the day its lead gives: its participants'
    # facts told later carry that day
    Row("ru-leadday-pos-1", "ru",
        "Лидеры собрались на саммите ШОС в Астане\n\nАСТАНА, 4 июля. Переговоры шли весь день. Погода была "
        "жаркой. Экономику обсуждали долго. В саммите приняли участие Владимир Путин и Си Цзиньпин.",
        published="2024-07-04",
        must=[("Vladimir_Putin", "participatesIn", "Shanghai_Cooperation_Organisation_Summit_2024")],
        qualifiers={"date": "2024-07-04"}),
    Row("uk-leadday-pos-1", "uk",
        "Лідери зібралися на саміті ШОС в Астані\n\nАСТАНА, 4 липня. Переговори тривали весь день. Погода була "
        "спекотною. Економіку обговорювали довго. У саміті взяли участь Володимир Путін і Сі Цзіньпін.",
        published="2024-07-04",
        must=[("Xi_Jinping", "participatesIn", "Shanghai_Cooperation_Organisation_Summit_2024")],
        qualifiers={"date": "2024-07-04"}),
    Row("en-leadday-pos-1", "en",
        "Leaders gather at the SCO summit in Astana\n\nASTANA, July 4. Talks went on all day. The weather was hot. "
        "The economy was discussed at length. Vladimir Putin and Xi Jinping took part in the summit.",
        published="2024-07-04",
        must=[("Vladimir_Putin", "participatesIn", "Shanghai_Cooperation_Organisation_Summit_2024")],
        qualifiers={"date": "2024-07-04"}),
    # the gapped clause's own date is its members' start; founders are members since the founding
    Row("ru-gapped-pos-2", "ru", "В 2017 году в ШОС вступили Индия и Пакистан, в 2023 году — Иран.",
        must=[("Iran", "memberOf", "SCO")], qualifiers={"start": "2023"}),
    Row("uk-gapped-pos-2", "uk", "У 2017 році до ШОС вступили Індія та Пакистан, у 2023 році — Іран.",
        must=[("Iran", "memberOf", "SCO")], qualifiers={"start": "2023"}),
    Row("ru-founders-pos-2", "ru",
        "Организация Договора о коллективной безопасности была создана в 2002 году. Ее учредителями стали "
        "Россия, Армения, Белоруссия, Казахстан, Киргизия и Таджикистан.",
        must=[("Armenia", "memberOf", "CSTO")], qualifiers={"start": "2002"}),
    Row("uk-founders-pos-2", "uk",
        "Організацію Договору про колективну безпеку було створено у 2002 році. Її засновниками стали Росія, "
        "Вірменія, Білорусь, Казахстан, Киргизстан і Таджикистан.",
        must=[("Armenia", "memberOf", "CSTO")], qualifiers={"start": "2002"}),
    Row("en-founders-pos-2", "en",
        "The Collective Security Treaty Organization was created in 2002. Its founders were Russia, Armenia, "
        "Belarus, Kazakhstan, Kyrgyzstan and Tajikistan.",
        must=[("Armenia", "memberOf", "CSTO")], qualifiers={"start": "2002"}),
]


def test_rows_are_well_formed():
    assert_well_formed(ROWS, every_kind_in=("uk", "ru", "en"), except_kinds=("owner", "gapped"))


@pytest.mark.parametrize("row", params(ROWS))
def test_event_row(row: Case):
    assert_passes(row)


def test_a_plan_in_one_article_lends_no_place_to_the_deed_another_reports():
    import kg

    g = kg.KnowledgeGraph()
    g.add_article(Article.create("Кыргызстан и Таджикистан планируют подписать в Худжанде договор о границе.",
                                 lang="ru", published="2025-03-01"))
    g.add_article(Article.create("Кыргызстан и Таджикистан подписали договор о границе.",
                                 lang="ru", published="2025-03-14"))
    [fact] = [f for f in g.facts(relation="signsAgreementWith")
              if {f.subject, f.object} == {"Kyrgyzstan", "Tajikistan"}]
    assert fact.qualifiers.place == ""


def test_the_api_shows_the_start_the_realising_telling_gives():
    import kg

    g = kg.KnowledgeGraph()
    g.add_article(Article.create("Finland joined NATO in April 2023. Finland had applied for membership "
                                 "in May 2022. With Finland inside, the alliance has grown.",
                                 lang="en", published="2024-03-07"))
    [fact] = [f for f in g.facts(relation="memberOf") if f.subject == "Finland"]
    assert fact.qualifiers.start == "2023-04"


@pytest.mark.parametrize("lang,text,alias", [
    ("en", "Japan took part in the annual NATO summit in Vilnius.", "annual NATO summit"),
    ("uk", "Японія взяла участь у щорічному саміті НАТО у Вільнюсі.", "щорічний саміт НАТО"),
    ("ru", "Япония приняла участие во внеочередном саммите ОДКБ в Москве.", "внеочередной саммит ОДКБ"),
])
def test_the_words_that_describe_a_summit_name_it_too(lang, text, alias):
    x = extract(Article.create(text, lang=lang, published="2024-07-11"))
    [summit] = [e for e in x.entities if e.type == "Summit"]
    assert alias in {name for _, name in summit.labels + summit.aliases}


def test_an_english_summit_is_also_named_as_the_text_says_it():
    x = extract(Article.create("Japan took part in the NATO summit.", lang="en", published="2023-07-12"))
    [summit] = [e for e in x.entities if e.type == "Summit"]
    assert "NATO summit" in {name for _, name in summit.labels + summit.aliases}

"""A test table of names read in context, in uk, ru and en, near misses beside each rule.

- cases (tests/extract/case_table.py): a short text → which entity a span links to (`links`),
  which it must not (`not_links`), the label of a new entity (`labels`), spans that are one
  entity (`same`);
- the same unknown person written in Ukrainian, Russian and English is one node, in an
  article, across articles and in a store;
- a name two people share is the one the article points to (a gazetteer with two Harrises).
"""
from __future__ import annotations

import pytest
from case_table import Case, assert_passes, assert_well_formed, covering, params, span

from kg import KnowledgeGraph
from kg.extract.entities import build_entities
from kg.extract.lexicon import load_lexicon
from kg.extract.names import name_key
from kg.gazetteer import compile_gazetteer, read_entries
from kg.model import Article
from kg.nlp import parse
from kg.pipeline import extract
from kg.resources import gazetteer_files

N = Case

CASES: list[Case] = [
    # -- the nominative of an unknown name from its companion's case -------------------------
    N("ru-paradigm-1", "ru", "Журналисты спросили Абия Ахмеда о переговорах с Эритреей.",
      labels=[("Абия Ахмеда", "Абий Ахмед")]),
    N("ru-paradigm-2", "ru", "Посол Эфиопии встретился с Абием Ахмедом в Аддис-Абебе.",
      labels=[("Абием Ахмедом", "Абий Ахмед")]),
    N("ru-paradigm-3", "ru", "Лавров провел переговоры с Джонатаном Пауэллом.",  # near miss: known first name
      labels=[("Джонатаном Пауэллом", "Джонатан Пауэлл")]),
    N("uk-paradigm-1", "uk", "Журналісти запитали Абія Ахмеда про переговори з Еритреєю.",
      labels=[("Абія Ахмеда", "Абій Ахмед")]),
    N("uk-paradigm-2", "uk", "Посол Ефіопії зустрівся з Абієм Ахмедом в Аддис-Абебі.",
      labels=[("Абієм Ахмедом", "Абій Ахмед")]),
    N("uk-paradigm-3", "uk", "Сибіга зустрівся з Джонатаном Пауеллом.",  # near miss: the dictionary's surname
      labels=[("Джонатаном Пауеллом", "Джонатан Пауелл")]),
    N("en-paradigm-1", "en", "Reporters asked Abiy Ahmed about the talks with Eritrea. Later Abiy Ahmed left.",
      labels=[("Abiy Ahmed", "Abiy Ahmed")]),

    # -- a name's gender and case from its other forms and the words that agree with it ------
    N("ru-gender-1", "ru", "Суд оправдал фермершу Касию Нанди. Касия Нанди вернулась домой.",
      labels=[("Касию Нанди", "Касия Нанди")]),
    N("ru-gender-2", "ru", "Муж Касии Нанди, которая была осуждена, подал жалобу.",  # a relative pronoun
      labels=[("Касии Нанди", "Касия Нанди")]),
    N("ru-gender-3", "ru", "Суд отменил приговор Касии Нанди. Касию Нанди освободили. Касия Нанди уехала.",
      labels=[("Касии Нанди", "Касия Нанди")]),
    N("ru-gender-4", "ru", "Журналисты спросили фермера Касия Нанди о переговорах.",  # near miss: a man
      labels=[("Касия Нанди", "Касий Нанди")]),
    N("ru-gender-5", "ru", "Касия Нанди вернулась домой. Касия поблагодарила судей.",  # the first name alone
      same=[("Касия Нанди", ("Касия", 2))]),
    N("ru-gender-6", "ru", "Адвокат Касии Нанди подал жалобу.",  # near miss: a head noun, no apposition
      labels=[("Касии Нанди", "Касии Нанди")]),
    N("uk-gender-1", "uk", "Суд виправдав фермерку Нурію Нанді. Нурія Нанді повернулася додому.",
      labels=[("Нурію Нанді", "Нурія Нанді")]),
    N("uk-gender-2", "uk", "Чоловік Нурії Нанді, яка була засуджена, подав скаргу.",
      labels=[("Нурії Нанді", "Нурія Нанді")]),
    N("uk-gender-3", "uk", "Суд скасував вирок Нурії Нанді. Нурію Нанді звільнили. Нурія Нанді поїхала.",
      labels=[("Нурії Нанді", "Нурія Нанді")]),
    N("uk-gender-4", "uk", "Журналісти запитали фермера Нурія Нанді про переговори.",  # near miss: a man
      labels=[("Нурія Нанді", "Нурій Нанді")]),
    N("uk-gender-5", "uk", "Нурія Нанді повернулася додому. Нурія подякувала суддям.",
      same=[("Нурія Нанді", ("Нурія", 2))]),
    N("en-gender-1", "en", "The court acquitted farmer Nuria Nandi. Nuria Nandi returned home.",  # no case endings
      labels=[("Nuria Nandi", "Nuria Nandi")]),

    # -- a known surname after another first name is another person; a place's name after a first name a surname
    N("ru-othername-1", "ru", "Иванку Трамп встретил премьер-министр.",
      not_links=[("Иванку Трамп", "Donald_Trump"), ("Трамп", "Donald_Trump")], labels=[("Иванку Трамп", "Иванка Трамп")]),
    N("uk-othername-1", "uk", "Прем'єр-міністр зустрів Іванку Трамп у Римі.",
      not_links=[("Трамп", "Donald_Trump")]),
    N("ru-othername-2", "ru", "Сибига встретился с Гаканом Фиданом.",  # near miss: the same name spelt otherwise
      links=[("Гаканом Фиданом", "Hakan_Fidan")]),
    N("en-othername-1", "en", "On Monday Ivanka Trump arrived in Rome.", not_links=[("Trump", "Donald_Trump")]),
    N("ru-placename-1", "ru", "Бывший президент Перу Алехандро Толедо был экстрадирован.",
      not_links=[("Толедо", "Toledo_BZ-TOL")], labels=[("Алехандро Толедо", "Алехандро Толедо")]),
    N("ru-placename-3", "ru", "Алехандро Толедо был экстрадирован. Адвокат Толедо обжаловал решение.",
      not_links=[(("Толедо", 2), "Toledo_BZ-TOL")], same=[("Алехандро Толедо", ("Толедо", 2))]),
    N("uk-placename-2", "uk", "Алехандро Толедо екстрадували. Адвокат Толедо оскаржив рішення.",
      not_links=[(("Толедо", 2), "Toledo_BZ-TOL")], same=[("Алехандро Толедо", ("Толедо", 2))]),
    N("en-placename-1", "en", "Police in Lahore arrested two men.", links=[("Lahore", "Lahore_Q11739")]),  # near miss
    N("uk-placename-1", "uk", "Співачка Оксана Лахор виступила в Києві.", not_links=[("Лахор", "Lahore_Q11739")]),
    N("ru-placename-2", "ru", "В Астане Касым-Жомарт Токаев встретился с Си Цзиньпином.",  # near miss: a preposition
      links=[("Касым-Жомарт Токаев", "Kassym-Jomart_Tokayev")]),

    # -- a surname that is a plural of a state's name; a first name that is also a state -----
    N("ru-surname-state-1", "ru", "Бывший министр Ливанов выступил на конференции в Бейруте.",
      not_links=[("Ливанов", "Lebanon")], links=[("Бейруте", "Beirut")]),
    N("ru-surname-state-2", "ru", "Президент Ливана посетил Париж.",  # near miss: the state itself
      links=[("Ливана", "Lebanon")]),
    N("ru-firstname-state-1", "ru", "Журналисты спросили Доминика Рааба о переговорах.",
      not_links=[("Доминика", "Dominica")], labels=[("Доминика Рааба", "Доминик Рааб")]),
    N("ru-firstname-state-2", "ru", "Доминика и Гаити получат гуманитарную помощь.",  # near miss
      links=[("Доминика", "Dominica")]),
    N("uk-firstname-state-1", "uk", "Журналісти запитали Доміника Рааба про переговори.",
      not_links=[("Доміника", "Dominica")]),
    N("uk-firstname-state-2", "uk", "Домініка отримає гуманітарну допомогу.",  # near miss
      links=[("Домініка", "Dominica")]),
    N("en-firstname-state-1", "en", "Dominic Raab met the envoy. Reporters later asked Raab about it.",
      not_links=[("Dominic", "Dominica")]),
    N("en-firstname-state-2", "en", "Dominica will receive humanitarian aid.",  # near miss
      links=[("Dominica", "Dominica")]),

    # -- a capital as a place is the city; as a government, its state ---------------------
    N("uk-capital-1", "uk", "Переговори відбулися у Москві в середу.", links=[("Москві", "Moscow")]),
    N("uk-capital-2", "uk", "Москва відкинула пропозицію.", links=[("Москва", "Russia")]),  # near miss
    N("ru-capital-1", "ru", "Переговоры прошли в Ташкенте.", links=[("Ташкенте", "Tashkent")]),
    N("ru-capital-2", "ru", "Ташкент поддержал инициативу.", links=[("Ташкент", "Uzbekistan")]),  # near miss
    N("en-capital-1", "en", "The talks were held in Tashkent on Monday.", links=[("Tashkent", "Tashkent")]),
    N("en-capital-2", "en", "Tashkent welcomed the initiative.", links=[("Tashkent", "Uzbekistan")]),  # near miss

    # -- role nouns: a person only with the state named, one holder, on the article's date ---
    N("uk-role-1", "uk", "Міністр закордонних справ Китаю прибув до Астани.",
      links=[("Міністр закордонних справ", "Wang_Yi")]),
    N("uk-role-2", "uk", "Міністри закордонних справ Китаю і Казахстану провели переговори.",
      not_links=[("Міністри закордонних справ", "Wang_Yi")]),
    N("uk-role-3", "uk", "Міністр закордонних справ Китаю прибув до Астани.", published=None,  # no date
      not_links=[("Міністр закордонних справ", "Wang_Yi")]),
    N("uk-role-4", "uk", "Міністр закордонних справ прибув до Астани.",  # a bare title
      not_links=[("Міністр закордонних справ", "Wang_Yi")]),
    N("ru-role-1", "ru", "Министр иностранных дел Китая прибыл в Астану.",
      links=[("Министр иностранных дел", "Wang_Yi")]),
    N("ru-role-2", "ru", "Министры иностранных дел Китая и Казахстана провели переговоры.",
      not_links=[("Министры иностранных дел", "Wang_Yi")]),
    N("ru-role-3", "ru", "Министр иностранных дел Китая Ван И прибыл в Астану. Министр иностранных дел "
      "Китая провел переговоры.", published=None,  # no date, but the article names him
      links=[(("Министр иностранных дел", 2), "Wang_Yi")]),
    N("en-role-1", "en", "The Chinese Foreign Minister arrived in Astana.",
      links=[("Foreign Minister", "Wang_Yi")]),
    N("en-role-2", "en", "Chinese officials arrived in Astana.", not_links=[("officials", "Wang_Yi")]),
    N("en-role-3", "en", "The Chinese Foreign Ministers of the past arrived in Astana.",
      not_links=[("Foreign Ministers", "Wang_Yi")]),
    N("en-role-4", "en", "The Chinese Foreign Minister arrived in Astana.", published=None,
      not_links=[("Foreign Minister", "Wang_Yi")]),

    # -- new names: one entity however the article inflects them -------------------------
    N("uk-new-1", "uk", "Джонатан Пауелл прибув до Києва. Зеленський зустрівся з Джонатаном Пауеллом.",
      same=[("Джонатан Пауелл", "Джонатаном Пауеллом")]),
    N("ru-new-1", "ru", "Джонатан Пауэлл прибыл в Киев. Зеленский встретился с Джонатаном Пауэллом.",
      same=[("Джонатан Пауэлл", "Джонатаном Пауэллом")]),
    N("en-new-1", "en", "Jonathan Powell arrived in Kyiv on Monday. The talks were useful, Powell told reporters.",
      same=[("Jonathan Powell", "Powell")]),

    # -- people and parties of the generated gazetteer; a namesake is not them ---------------
    N("ru-generated-person-1", "ru", "Министр иностранных дел Люксембурга Жан Ассельборн прибыл в Москву. "
      "Ассельборн встретился с Лавровым.",
      links=[("Жан Ассельборн", "Jean_Asselborn_Q58200"), ("Ассельборн", "Jean_Asselborn_Q58200")]),
    N("uk-generated-person-1", "uk", "Лавров зустрівся з Жаном Ассельборном у Москві.",
      links=[("Жаном Ассельборном", "Jean_Asselborn_Q58200")]),
    N("en-generated-person-1", "en", "Jean Asselborn arrived in Moscow. Asselborn met Lavrov.",
      links=[("Jean Asselborn", "Jean_Asselborn_Q58200"), ("Asselborn", "Jean_Asselborn_Q58200")]),
    N("ru-generated-party-1", "ru", "Партия Шинн Фейн раскритиковала правительство в Дублине.",
      links=[("Шинн Фейн", "Sinn_Fein_Q76382")]),
    N("uk-generated-party-1", "uk", "Партія Шинн Фейн розкритикувала уряд у Дубліні.",
      links=[("Шинн Фейн", "Sinn_Fein_Q76382")]),
    N("en-generated-party-1", "en", "Sinn Féin criticised the government in Dublin.",
      links=[("Sinn Féin", "Sinn_Fein_Q76382")]),
    N("ru-generated-namesake-1", "ru", "Экономист Хайнц Курц выступил в Граце. Курц сказал, что рост замедлится.",
      not_links=[("Хайнц Курц", "Sebastian_Kurz_Q2262885"), ("Курц", "Sebastian_Kurz_Q2262885")]),
    N("uk-generated-namesake-1", "uk", "Економіст Хайнц Курц виступив у Граці. Курц сказав, що зростання сповільниться.",
      not_links=[("Хайнц Курц", "Sebastian_Kurz_Q2262885"), ("Курц", "Sebastian_Kurz_Q2262885")]),
    N("en-generated-namesake-1", "en", "Heinz Kurz, an economist, spoke in Graz. Kurz said growth would slow.",
      not_links=[("Heinz Kurz", "Sebastian_Kurz_Q2262885"), ("Kurz", "Sebastian_Kurz_Q2262885")]),
    N("en-generated-namesake-2", "en", "Sebastian Kurz spoke in Vienna. Kurz said growth would slow.",  # near miss
      links=[("Kurz", "Sebastian_Kurz_Q2262885")]),
]


def test_table_is_well_formed():
    assert_well_formed(CASES)


@pytest.mark.parametrize("case", params(CASES))
def test_names_in_context(case: Case):
    assert_passes(case)


# -- one unknown person across languages ----------------------------------------------------

POWELL = [
    ("uk", "Сибіга зустрівся з Джонатаном Пауеллом у Києві. Пауелл подякував за теплий прийом.",
     "Джонатаном Пауеллом"),
    ("ru", "Джонатан Пауэлл прибыл в Киев. Зеленский обсудил с Джонатаном Пауэллом переговоры.",
     "Джонатан Пауэлл"),
    ("en", "Jonathan Powell arrived in Kyiv on Monday. The talks were useful, Powell told reporters.",
     "Jonathan Powell"),
]
# near misses: another person with the same first name, a surname that differs by one sound
OTHERS = [("en", "Jonathan Pollard"), ("ru", "Джонатан Пауэр"), ("uk", "Джонатан Поуп")]


def _person(text: str, lang: str, surface: str) -> str:
    ex = extract(Article.create(text, lang=lang, published="2025-06-17"))
    [eid] = {m.entity_id for m in covering(ex, surface)}
    assert {e.type for e in ex.entities if e.id == eid} == {"Person"}
    return eid


def test_one_unknown_person_in_three_languages_has_one_id():
    ids = {_person(text, lang, surface) for lang, text, surface in POWELL}
    assert len(ids) == 1


@pytest.mark.parametrize("lang,name", OTHERS)
def test_a_name_that_sounds_otherwise_gets_another_key(lang: str, name: str):
    assert name_key(name, lang) != name_key("Jonathan Powell", "en")


def test_the_store_holds_one_node_with_the_names_of_every_language():
    kg = KnowledgeGraph()
    for lang, text, _ in POWELL:
        kg.add_extraction(extract(Article.create(text, lang=lang, published="2025-06-17")))
    found = [e for e in kg.entities() if e.type == "Person" and any(n == "Jonathan Powell" for _, n in e.labels + e.aliases)]
    assert len(found) == 1
    names = {n for _, n in found[0].labels + found[0].aliases}
    assert {"Джонатан Пауелл", "Джонатан Пауэлл", "Jonathan Powell"} <= names


# -- a name two people share --------------------------------------------------------------

HARRIS = """
- id: Simon_Harris
  type: Person
  names:
    en: [Simon Harris, Harris]
    uk: [Саймон Гарріс, Гарріс]
    ru: [Саймон Харрис, Харрис]
  roles:
    - {relation: leaderOf, of: Ireland, title: prime_minister, start: 2024-04-09, end: 2025-01-23}
"""


@pytest.fixture(scope="module")
def two_harrises(tmp_path_factory):
    extra = tmp_path_factory.mktemp("more") / "people.yaml"
    extra.write_text(HARRIS, encoding="utf-8")
    return compile_gazetteer(read_entries([*gazetteer_files(), extra]))


SHARED = [
    ("en", "Simon Harris spoke in Dublin. Harris said the budget was fair.", ("Harris", 2), "Simon_Harris"),
    ("en", "Kamala Harris spoke in Atlanta. Harris said the vote mattered.", ("Harris", 2), "Kamala_Harris"),
    ("en", "Harris told the parliament of Ireland that the budget was fair.", "Harris", "Simon_Harris"),
    ("uk", "Саймон Гарріс виступив у Дубліні. Гарріс заявив, що бюджет справедливий.", ("Гарріс", 2),
     "Simon_Harris"),
    ("uk", "Камала Гарріс виступила в Атланті. Гарріс заявила, що вибори важливі.", ("Гарріс", 2),
     "Kamala_Harris"),
    ("ru", "Харрис заявил парламенту Ирландии, что бюджет справедлив.", "Харрис", "Simon_Harris"),
    ("ru", "Камала Харрис выступила в Атланте. Харрис заявила, что выборы важны.", ("Харрис", 2),
     "Kamala_Harris"),
]


@pytest.mark.parametrize("lang,text,surface,want", SHARED, ids=[f"{c[0]}-shared-{i}" for i, c in enumerate(SHARED)])
def test_a_shared_name_is_the_one_the_article_points_to(two_harrises, lang, text, surface, want):
    doc = parse(text, lang)
    layer = build_entities(doc, Article.create(text, lang=lang, published="2024-06-01"), two_harrises,
                           load_lexicon(lang))
    s, e = span(text, surface)
    ids = {m.entity_id for m in layer.mentions if doc.tokens[m.start].start <= s and e <= doc.tokens[m.end - 1].end}
    assert ids == {want}

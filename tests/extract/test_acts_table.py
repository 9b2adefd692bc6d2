"""A table of attacks and mediation: who strikes whom, and who mediates between whom.

Attacks: an act that is ended ("to end the war"), an act noun inside a prepositional phrase
("sanctions over the aggression against X"), a participle that describes a place ("the
occupied West Bank"), an object past a comma, and an attack told as a condition ("in case of
an attack") are no attacks by the clause's subject. Mediation: a mediator named after the
trigger ("mediated by X", «за посередництва X») mediates between the parties the sentence
(or the one before it) names.
"""
from __future__ import annotations

import pytest
from case_table import Case, assert_passes, params

C = Case

CASES: list[Case] = [
    # ------------------------------------------------------------------ an act that is ended
    C("en-attacks-miss-ended-1", "en",
      "Saudi Arabia, which has held talks with the Houthis to end the war in Yemen, urged restraint.",
      must_not=[("Houthis", "attacks", "Yemen"), ("Saudi_Arabia", "attacks", "Yemen")]),
    C("uk-attacks-miss-ended-1", "uk",
      "Оман, який веде перемовини з хуситами, щоб припинити війну в Ємені, закликав до стриманості.",
      must_not=[("Houthis", "attacks", "Yemen"), ("Oman", "attacks", "Yemen")]),
    C("ru-attacks-miss-ended-1", "ru",
      "Катар, который ведет переговоры с хуситами, чтобы прекратить войну в Йемене, призвал к сдержанности.",
      must_not=[("Houthis", "attacks", "Yemen"), ("Qatar", "attacks", "Yemen")]),
    # ------------------------------------------------------------------ an act noun after a preposition
    C("uk-attacks-miss-prep-1", "uk", "Санкції ЄС у зв'язку з агресією проти України продовжили.",
      must_not=[("European_Union", "attacks", "Ukraine")]),
    C("ru-attacks-miss-prep-1", "ru", "Ограничения ЕС в связи с агрессией против Украины продлены.",
      must_not=[("European_Union", "attacks", "Ukraine")]),
    C("en-attacks-miss-prep-1", "en", "The EU extended its restrictions over the aggression against Ukraine.",
      must_not=[("European_Union", "attacks", "Ukraine")]),
    C("uk-attacks-pos-prep-1", "uk", "Санкції ЄС у зв'язку з агресією Росії проти України продовжили.",
      must=[("Russia", "attacks", "Ukraine")], must_not=[("European_Union", "attacks", "Ukraine")]),
    # ------------------------------------------------------------------ a participle that describes a place
    C("en-attacks-miss-attributive-1", "en", "Israel returned the prisoners to the occupied West Bank on Tuesday.",
      must_not=[("Israel", "attacks", "West_Bank")]),
    C("uk-attacks-miss-attributive-1", "uk", "Делегація ООН повернулася на окуповані території Грузії.",
      must_not=[("United_Nations", "attacks", "Georgia")]),
    C("ru-attacks-miss-attributive-1", "ru", "Делегация ООН посетила оккупированные территории Грузии.",
      must_not=[("United_Nations", "attacks", "Georgia")]),
    C("en-attacks-pos-attributive-1", "en", "Russia occupied Crimea in 2014.",
      must=[("Russia", "attacks", "Crimea")]),
    # ------------------------------------------------------------------ an object past a comma
    C("ru-attacks-miss-comma-1", "ru",
      "Спор перерос в самый острый с тех пор, как началось вторжение России, кризис в отношениях Киева и Варшавы.",
      must_not=[("Russia", "attacks", "Ukraine"), ("Russia", "attacks", "Poland")]),
    C("uk-attacks-miss-comma-1", "uk",
      "Це найглибша відтоді, як почалося вторгнення Росії, криза у відносинах Києва і Варшави.",
      must_not=[("Russia", "attacks", "Ukraine"), ("Russia", "attacks", "Poland")]),
    # ------------------------------------------------------------------ a condition
    C("uk-attacks-miss-condition-1", "uk", "Угода передбачає консультації у разі нового нападу Росії на Україну.",
      must_not=[("Russia", "attacks", "Ukraine")]),
    C("ru-attacks-miss-condition-1", "ru",
      "Документ предусматривает консультации в случае нападения Ирана на Саудовскую Аравию.",
      must_not=[("Iran", "attacks", "Saudi_Arabia")]),
    C("en-attacks-miss-condition-1", "en",
      "The pact obliges both sides to consult in case of an attack on either of them by North Korea.",
      must_not=[("North_Korea", "attacks", "South_Korea")]),
    # ------------------------------------------------------------------ an adjective that names a doer
    C("en-attacks-pos-doer-1", "en",
      "The United States and Britain launched strikes on Houthi targets across Yemen. "
      "Biden said the strikes answered Houthi attacks on shipping.",
      must=[("United_States", "attacks", "Houthis"), ("United_Kingdom", "attacks", "Houthis")],
      must_not=[("United_States", "attacks", "Yemen"), ("Joe_Biden", "attacks", "Houthis")]),
    C("uk-attacks-pos-doer-1", "uk", "США і Британія завдали ударів по хуситських цілях в Ємені.",
      must=[("United_States", "attacks", "Houthis")], must_not=[("United_States", "attacks", "Yemen")]),
    # ------------------------------------------------------------------ a noun the dictionary reads as a verb first
    C("uk-attacks-pos-genitive-1", "uk", "Ця подія показує жорстокість війни Росії проти України.",
      must=[("Russia", "attacks", "Ukraine")]),
    # ------------------------------------------------------------------ mediators after the trigger
    C("en-mediates-pos-agent-1", "en", "Israel and Hamas agreed a truce mediated by Qatar and Egypt.",
      must=[("Qatar", "mediates", "Israel"), ("Egypt", "mediates", "Hamas")],
      must_not=[("Hamas", "mediates", "Qatar"), ("Israel", "mediates", "Egypt")]),
    C("en-mediates-pos-agent-2", "en",
      "Armenia and Azerbaijan exchanged prisoners in a swap mediated by the United States.",
      must=[("United_States", "mediates", "Armenia"), ("United_States", "mediates", "Azerbaijan")],
      must_not=[("Armenia", "mediates", "United_States")]),
    C("uk-mediates-pos-genitive-1", "uk", "Ізраїль і ХАМАС погодили перемир'я за посередництва Катару.",
      must=[("Qatar", "mediates", "Israel"), ("Qatar", "mediates", "Hamas")]),
    C("ru-mediates-pos-genitive-1", "ru", "Армения и Азербайджан обменялись пленными при посредничестве США.",
      must=[("United_States", "mediates", "Armenia"), ("United_States", "mediates", "Azerbaijan")]),
    C("uk-mediates-pos-previous-1", "uk",
      "Росія й Україна провели обмін полоненими. Обмін відбувся за посередництва Саудівської Аравії.",
      must=[("Saudi_Arabia", "mediates", "Russia"), ("Saudi_Arabia", "mediates", "Ukraine")]),
    C("ru-mediates-pos-previous-1", "ru",
      "Россия и Украина провели обмен пленными. Обмен прошел при посредничестве Катара.",
      must=[("Qatar", "mediates", "Russia"), ("Qatar", "mediates", "Ukraine")]),
    C("en-mediates-pos-previous-1", "en",
      "Russia and Ukraine swapped prisoners on Friday. The exchange was mediated by the United Arab Emirates.",
      must=[("United_Arab_Emirates", "mediates", "Russia"), ("United_Arab_Emirates", "mediates", "Ukraine")]),
    C("en-mediates-miss-one-party-1", "en", "Only Hungary signed the deal mediated by Turkey.",
      must_not=[("Turkey", "mediates", "Hungary")]),
    # ------------------------------------------------------------------ cooperation an agreement is about
    C("uk-cooperatesWith-pos-agreement-1", "uk",
      "Президент Фінляндії Александер Стубб і президент України Володимир Зеленський підписали "
      "угоду про безпекове співробітництво.",
      must=[("Finland", "cooperatesWith", "Ukraine")],
      must_not=[("Alexander_Stubb", "cooperatesWith", "Volodymyr_Zelenskyy")]),
    C("ru-cooperatesWith-pos-agreement-1", "ru",
      "Президент Казахстана Касым-Жомарт Токаев и президент Узбекистана Шавкат Мирзиёев подписали "
      "соглашение о сотрудничестве в энергетике.",
      must=[("Kazakhstan", "cooperatesWith", "Uzbekistan")],
      must_not=[("Kassym-Jomart_Tokayev", "cooperatesWith", "Shavkat_Mirziyoyev")]),
    C("en-cooperatesWith-pos-agreement-1", "en",
      "Japanese Prime Minister Fumio Kishida and Ukrainian President Volodymyr Zelensky signed a "
      "security cooperation agreement.",
      must=[("Japan", "cooperatesWith", "Ukraine")], must_not=[("Fumio_Kishida", "cooperatesWith", "Volodymyr_Zelenskyy")]),
    C("en-cooperatesWith-pos-agreement-2", "en",
      "Zelensky and Kishida discussed closer cooperation in reconstruction.",
      must=[("Volodymyr_Zelenskyy", "cooperatesWith", "Fumio_Kishida")]),
    # ------------------------------------------------------------------ a source before a comma: who follows acts
    # (guards: the source is left out, the state after the comma is kept)
    C("uk-providesAidTo-pos-source-1", "uk",
      "Загалом, за словами Шольца, Німеччина передала Україні зброї на суму 5 млрд євро.",
      must=[("Germany", "providesAidTo", "Ukraine")], must_not=[("Olaf_Scholz", "providesAidTo", "Ukraine")]),
    C("ru-providesAidTo-pos-source-1", "ru",
      "По словам Шольца, Германия передала Украине оружие на 5 млрд евро.",
      must=[("Germany", "providesAidTo", "Ukraine")]),
    C("en-providesAidTo-pos-source-1", "en",
      "According to Scholz, Germany gave Ukraine military aid worth 5 billion euros.",
      must=[("Germany", "providesAidTo", "Ukraine")]),
    # ------------------------------------------------------------------ whose office: representativeOf
    # (a person the gazetteer lacks has an id made from the sound of the name)
    C("en-representativeOf-pos-person-1", "en",
      "Polish President Andrzej Duda's adviser Marcin Przydacz said the talks would go on.",
      must=[("marsan_prsadaks", "representativeOf", "Poland")],
      must_not=[("marsan_prsadaks", "representativeOf", "Andrzej_Duda")]),
    C("en-representativeOf-pos-field-1", "en",
      "Ukrainian Infrastructure Minister Oleksandr Kubrakov signed one copy, and Russian Defence "
      "Minister Sergei Shoigu signed the other.",
      must=[("alaksandr_kabrak", "representativeOf", "Ukraine"), ("Sergei_Shoigu", "representativeOf", "Russia")],
      must_not=[("alaksandr_kabrak", "representativeOf", "Russia")]),
    C("uk-representativeOf-pos-possessive-1", "uk",
      "Угорщина зрештою не заблокувала рішення, хоча її міністр закордонних справ Петер Сійярто критикував його.",
      must=[("patar_sart", "representativeOf", "Hungary")]),
    C("ru-representativeOf-pos-possessive-1", "ru",
      "Словакия поддержала пакет, хотя ее министр иностранных дел Юрай Бланар высказывал сомнения.",
      must=[("Juraj_Blanar", "representativeOf", "Slovakia")]),
    C("en-representativeOf-miss-possessive-1", "en",
      "Guterres welcomed the deal and praised Qatar for its role, his spokesman said.",
      must_not=[("Stephane_Dujarric", "representativeOf", "Qatar")]),
]


@pytest.mark.parametrize("case", params(CASES))
def test_acts_case(case):
    assert_passes(case)

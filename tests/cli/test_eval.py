"""`kg eval`: the contract's measures on a small annotated folder, through the CLI and the API.

tests/fixtures/eval holds three short articles (en, uk, ru) with their gold, and in
`predicted/` an output for each written by hand (other namespaces, other RDF syntaxes), so
that the figures below follow from the contract alone.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.cli import main
from kg.evaluate import evaluate, load_gold
from kg.errors import InputError, KGError
from kg.model import Entity, Extraction, Fact, Provenance, Qualifiers

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "eval"
PRED = GOLD / "predicted"


def _counts(d: dict) -> tuple[int, int, int]:
    return d["tp"], d["predicted"], d["gold"]


def test_api_scores_hand_made_outputs_by_the_contract():
    report = evaluate(GOLD, predictions=PRED)
    t = report.total
    assert (t.articles, t.duplicates) == (3, 1)
    assert (t.facts.tp, t.facts.predicted, t.facts.gold) == (9, 11, 13)
    assert (round(t.facts.precision, 3), round(t.facts.recall, 3), round(t.facts.f1, 3)) == (0.818, 0.692, 0.75)
    assert (t.entities.tp, t.entities.predicted, t.entities.gold) == (12, 13, 15)
    assert {k: (s.hits, s.of) for k, s in t.qualifiers.items()} == {"domain": (2, 2), "place": (1, 1), "date": (2, 4)}
    assert report.problems == ()

    en = {a.name: a for a in report.articles}["en-finland-nato"]
    # "North Atlantic Treaty Organization" and "NATO": two resources for one gold entity
    assert en.duplicates == ("Q7184",)
    # the denied membership and the relation outside the contract are not counted
    assert en.extra_facts == (("Q159", "opposes", "Q7184"),)
    assert set(en.missed_facts) == {("Q159", "opposes", "NATO enlargement"), ("Q29207", "visits", "Q239"),
                                    ("Q43", "opposes", "Q34")}
    # a year does not give the gold's day; the article node and the unnamed ceremony are not entities
    assert en.missed_qualifiers == (("date", ("Q33", "memberOf", "Q7184"), "2023-04-04"),)
    assert en.extra_entities == ("?http://example.org/news#helsinki",)


def test_api_groups_by_language_and_relation():
    report = evaluate(GOLD, predictions=PRED)
    assert sorted(report.by_language) == ["en", "ru", "uk"]
    uk = report.by_language["uk"]
    assert (uk.facts.tp, uk.facts.predicted, uk.facts.gold) == (5, 5, 5)  # a meeting told the other way round
    assert (uk.qualifiers["date"].hits, uk.qualifiers["date"].of) == (1, 2)  # a month does not give the day
    rel = report.by_relation
    assert (rel["inception"].tp, rel["inception"].predicted, rel["inception"].gold) == (0, 1, 0)
    assert (rel["leaderOf"].tp, rel["leaderOf"].gold) == (3, 3)
    assert (rel["partnerOf"].tp, rel["partnerOf"].gold) == (0, 1)


def test_cli_prints_the_totals_and_with_v_every_miss_and_extra(capsys):
    assert main(["eval", str(GOLD), "--pred", str(PRED), "-v"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().splitlines()[-1] == (
        "TOTAL 3 articles: facts P 0.818 R 0.692 F1 0.750; entities P 0.923 R 0.800 F1 0.857; "
        "duplicates 1; qualifiers domain 1.00 (2/2) place 1.00 (1/1) date 0.50 (2/4)")
    for line in ("missed fact   Turkey opposes Sweden", "extra fact    Russia opposes NATO",
                 "extra fact    Kazakhstan inception 1991", "missed date   2023-05-14  on  Volodymyr Zelenskyy visits Berlin",
                 "missed entity Brussels (Q239)", "extra entity  Helsinki", "duplicate     NATO (Q7184)"):
        assert line in out
    assert "By language" in out and "By relation" in out


def test_cli_json_gives_the_same_figures(capsys):
    assert main(["eval", str(GOLD), "--pred", str(PRED), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert _counts(data["facts"]) == (9, 11, 13) and _counts(data["entities"]) == (12, 13, 15)
    assert data["qualifiers"]["date"] == {"share": 0.5, "hits": 2, "of": 4}
    assert _counts(data["by_language"]["ru"]["facts"]) == (2, 3, 3)
    assert _counts(data["by_relation"]["opposes"]) == (0, 1, 2)
    assert [a["name"] for a in data["per_article"]] == ["en-finland-nato", "ru-kazakhstan-uzbekistan", "uk-zelensky-berlin"]


def test_kg_own_extraction_through_cli_and_api_agree(capsys):
    assert main(["eval", str(GOLD), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == json.loads(json.dumps(evaluate(GOLD).as_dict()))
    assert (data["articles"], data["facts"]["gold"], data["entities"]["gold"]) == (3, 13, 15)
    # titles and office holders kg reads in all three languages
    assert _counts(data["by_relation"]["leaderOf"])[0] == 3
    assert data["facts"]["precision"] >= 0.6 and data["facts"]["recall"] >= 0.5


def _fake(facts: tuple[Fact, ...]):
    ents = (Entity("KZ", "Country", (("en", "Kazakhstan"),), wikidata="Q232"),
            Entity("UZ", "Country", (("ru", "Узбекистан"),)))
    return lambda article: Extraction(article, ents, (), tuple(
        Fact(f.subject, f.relation, f.object, f.qualifiers, Provenance(article.id, "…")) for f in facts))


def _only_ru(tmp_path: Path) -> Path:
    for name in ("ru-kazakhstan-uzbekistan.txt", "ru-kazakhstan-uzbekistan.gold.json"):
        shutil.copy(GOLD / name, tmp_path / name)
    return tmp_path


def test_facts_are_read_from_the_rdf_kg_extract_writes(tmp_path):
    facts = (Fact("UZ", "signsAgreementWith", "KZ", Qualifiers(date="2021-12-22")),   # reversed: symmetric
             Fact("KZ", "partnerOf", "UZ", Qualifiers(polarity="negative")),          # denied: not counted
             Fact("KZ", "cooperatesWith", "UZ", Qualifiers(domain=("energy",), modality="planned")))
    report = evaluate(_only_ru(tmp_path), extract=_fake(facts))
    [a] = report.articles
    assert a.facts.tp == a.facts.predicted == 2  # planned cooperation is still cooperation
    assert a.missed_facts == (("Q232", "partnerOf", "Q265"),)
    assert (a.qualifiers["date"].hits, a.qualifiers["domain"].hits) == (1, 1)
    assert a.entities.tp == 2  # one by its Wikidata item, one by its Russian name


def test_missing_folder_is_an_error(tmp_path, capsys):
    assert main(["eval", str(tmp_path / "nope")]) == 1
    assert "nope: no such folder" in capsys.readouterr().err
    with pytest.raises(KGError):
        evaluate(tmp_path / "nope")


def test_bad_gold_and_lone_files_are_named_and_the_rest_is_scored(tmp_path, capsys):
    folder = _only_ru(tmp_path)
    (folder / "broken.txt").write_text("Title\nKazakhstan and Uzbekistan met.", encoding="utf-8")
    (folder / "broken.gold.json").write_text('{"entities": [', encoding="utf-8")
    (folder / "lonely.md").write_text("---\ntitle: Alone\n---\nAn article nobody annotated.", encoding="utf-8")
    (folder / "NOTES.md").write_text("# How these were annotated", encoding="utf-8")
    (folder / "orphan.gold.json").write_text('{"entities": [], "facts": []}', encoding="utf-8")
    (folder / "README.md").write_text("Where these articles come from.", encoding="utf-8")
    code = main(["eval", str(folder), "--pred", str(PRED), "--json"])
    captured = capsys.readouterr()
    assert code == 1
    err = captured.err
    assert "broken.gold.json: not valid JSON" in err
    assert "lonely.md: no gold file lonely.gold.json" in err
    assert "orphan.gold.json: no article beside it" in err
    assert "README" not in err and "NOTES" not in err
    data = json.loads(captured.out)
    assert [a["name"] for a in data["per_article"]] == ["ru-kazakhstan-uzbekistan"]
    assert len(data["problems"]) == 3


def test_gold_that_is_not_gold_names_the_file(tmp_path):
    path = tmp_path / "x.gold.json"
    path.write_text('{"entities": [{"label": "China"}], "facts": []}', encoding="utf-8")
    with pytest.raises(InputError, match="x.gold.json: not a gold file"):
        load_gold(path)


def test_a_missing_output_is_named_and_scored_as_empty(tmp_path, capsys):
    folder = _only_ru(tmp_path)
    assert main(["eval", str(folder), "--pred", str(tmp_path / "nothing-here")]) == 1
    (tmp_path / "empty").mkdir()
    assert main(["eval", str(folder), "--pred", str(tmp_path / "empty")]) == 1
    out, err = capsys.readouterr()
    assert "no output ru-kazakhstan-uzbekistan" in err
    assert "facts P 0.000 R 0.000" in out


def test_gold_facts_of_relations_outside_the_contract_are_named_and_not_scored(tmp_path, capsys):
    folder = _only_ru(tmp_path)
    gold = json.loads((folder / "ru-kazakhstan-uzbekistan.gold.json").read_text(encoding="utf-8"))
    gold["facts"].append({"s": "Q232", "p": "admires", "o": "Q265"})
    (folder / "ru-kazakhstan-uzbekistan.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    assert main(["eval", str(folder), "--pred", str(PRED), "--json"]) == 0
    captured = capsys.readouterr()
    assert "ru-kazakhstan-uzbekistan.gold.json: 1 fact of 'admires', a relation the contract does not have" in captured.err
    assert json.loads(captured.out)["facts"]["gold"] == 3


def test_an_extractor_that_fails_is_named_and_the_rest_is_scored(tmp_path, capsys):
    folder = _only_ru(tmp_path)
    shutil.copy(GOLD / "uk-zelensky-berlin.md", folder)
    shutil.copy(GOLD / "uk-zelensky-berlin.gold.json", folder)

    def fragile(article):
        if article.lang == "uk":
            raise RuntimeError("a bug")
        return _fake(())(article)

    report = evaluate(folder, extract=fragile)
    assert [a.name for a in report.articles] == ["ru-kazakhstan-uzbekistan", "uk-zelensky-berlin"]
    [problem] = report.problems
    assert "uk-zelensky-berlin.md" in str(problem) and "RuntimeError: a bug" in problem.reason
    uk = report.articles[1]
    assert (uk.facts.tp, uk.facts.gold) == (0, 5) and uk.error  # scored as if nothing was found

"""What the command line prints: `kg extract -o -` in a readable order or as a table, every
output format from `kg extract` and `kg export` alike, and clear messages for bad input."""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from rdflib import Graph, RDF

from kg.cli import main
from kg.cli.export import export as export_command
from kg.cli.extract import extract as extract_command
from kg.registry import exporters
from kg.vocab import KG, KGE

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ARTICLE = FIXTURES / "ingest" / "scraped.txt"          # names Tokayev, leader of Kazakhstan
BAD_FRONT_MATTER = FIXTURES / "ingest" / "bad-front-matter.md"  # an unclosed [ on line 3
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def run(capsysbinary):
    def run_(*args, extractor=None) -> tuple[int, str, str]:
        code = main([str(a) for a in args], extractor=extractor)
        out, err = capsysbinary.readouterr()
        return code, out.decode("utf-8"), err.decode("utf-8")
    return run_


def test_extract_to_stdout_writes_turtle_with_the_article_and_facts_before_the_mentions(run):
    code, out, _ = run("extract", ARTICLE, "-o", "-")
    assert code == 0
    graph = Graph().parse(data=out, format="turtle")
    assert (KGE["Kassym-Jomart_Tokayev"], KG.leaderOf, KGE.Kazakhstan) in graph
    blocks = [line for line in out.splitlines() if line and not line.startswith((" ", "@"))]
    kinds = [("article" if " a kg:Article" in b else "fact" if " a rdf:Statement" in b
              else "mention" if " a kg:Mention" in b else "other") for b in blocks]
    assert kinds[0] == "article" and "mention" in kinds
    assert kinds.index("fact") < kinds.index("other") < kinds.index("mention")
    assert set(kinds[kinds.index("mention"):]) == {"mention"}  # the mentions close the file


def test_extract_to_stdout_in_another_rdf_format(run):
    code, out, _ = run("extract", ARTICLE, "-o", "-", "--format", "nt")
    assert code == 0
    graph = Graph().parse(data=out, format="nt")
    assert (KGE["Kassym-Jomart_Tokayev"], KG.leaderOf, KGE.Kazakhstan) in graph


def test_extract_table_lists_the_facts_with_their_sentences_for_people(run):
    code, out, _ = run("extract", ARTICLE, "-o", "-", "--format", "table")
    assert code == 0
    lines = out.splitlines()
    assert re.match(r"\d+ facts?$", lines[0])
    assert lines[2].split()[:3] == ["subject", "relation", "object"]
    row = next(line for line in lines if line.startswith("Kassym-Jomart_Tokayev"))
    assert row.split()[1:3] == ["leaderOf", "Kazakhstan"] and "Токаєв" in row.split("  ")[-1]
    assert any(line.split()[:2] == ["entity", "type"] for line in lines)


def test_extract_table_to_a_txt_file_chosen_by_suffix(run, tmp_path):
    code, _, _ = run("extract", ARTICLE, "-o", tmp_path / "facts.txt")
    assert code == 0
    assert "leaderOf" in (tmp_path / "facts.txt").read_text(encoding="utf-8")


def test_a_format_of_several_files_cannot_go_to_stdout(run):
    code, out, err = run("extract", ARTICLE, "-o", "-", "--format", "csv")
    assert code == 1 and out == ""
    assert "csv" in err and "-o FILE.csv" in err


def _choices(command, name: str) -> list[str]:
    return next(p.type.choices for p in command.params if p.name == name)


def test_export_offers_every_format_extract_does():
    assert sorted(_choices(export_command, "fmt")) == sorted(_choices(extract_command, "fmt")) == exporters.names()
    assert {"xml", "table"} <= set(exporters.names())


@pytest.fixture(scope="module")
def built(tmp_path_factory, fake_extract_module):
    out = tmp_path_factory.mktemp("built") / "graph"
    assert main(["build", str(FIXTURES / "build" / "news" / "kazakhstan-china.md"), "-o", str(out),
                 "--no-html", "-q"], extractor=fake_extract_module) == 0
    return out


@pytest.fixture(scope="module")
def fake_extract_module():
    import importlib.util
    spec = importlib.util.spec_from_file_location("fake_extract", FIXTURES / "build" / "fake_extract.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.extract


@pytest.mark.parametrize("fmt", [f for f in exporters.formats() if f.name in set(_choices(export_command, "fmt"))],
                         ids=lambda f: f.name)
def test_export_writes_every_format(fmt, built, run, tmp_path):
    target = tmp_path / f"graph{fmt.suffixes[0] if fmt.suffixes else '.' + fmt.name}"
    code, out, err = run("export", built, "--format", fmt.name, "-o", target)
    assert code == 0, err
    assert out.startswith("wrote ") and any(tmp_path.iterdir())
    if fmt.name == "xml":
        graph = Graph().parse(target, format="xml")
        assert (KGE.Kazakhstan, KG.cooperatesWith, KGE.China) in graph or \
               (KGE.China, KG.cooperatesWith, KGE.Kazakhstan) in graph


def test_bad_front_matter_names_the_file_and_the_line(run, tmp_path):
    code, _, err = run("extract", BAD_FRONT_MATTER, "-o", tmp_path / "out.ttl")
    assert code == 1
    assert "bad-front-matter.md" in err and "front matter" in err
    assert "line 4" in err and "line 3" in err   # where the parser stopped, where the list began


def test_build_from_nothing_fails_and_creates_no_folder(run, tmp_path, fake_extract):
    out = tmp_path / "out"
    code, _, err = run("build", tmp_path / "nonexistent", "-o", out, extractor=fake_extract)
    assert code == 1
    assert "nonexistent" in err and "no such file or folder" in err
    assert not out.exists()


def test_build_with_one_missing_path_among_others_goes_on(run, tmp_path, fake_extract):
    out = tmp_path / "out"
    code, stdout, err = run("build", FIXTURES / "build" / "news" / "kazakhstan-china.md", tmp_path / "gone.md",
                            "-o", out, "--no-html", extractor=fake_extract)
    assert code == 1 and "gone.md" in err
    assert (out / "graph.ttl").exists() and "1 articles read" in stdout


def test_a_small_build_prints_its_summary_and_no_progress_line(run, tmp_path, fake_extract):
    calls = []

    def slow_to_start(article):  # the first article waits as a real extractor loads its data
        if not calls:
            time.sleep(1.5)
        calls.append(article)
        return fake_extract(article)

    code, stdout, err = run("build", FIXTURES / "build" / "news" / "kazakhstan-china.md",
                            FIXTURES / "build" / "news" / "ukraine-eu-uk.md", "-o", tmp_path / "out",
                            "--no-html", extractor=slow_to_start)
    assert code == 0, err
    assert "kg build:" in stdout
    assert "articles read," not in err   # the progress line ("kg: N articles read, ...")

"""`kg build --outputs`: which files a build keeps up to date, and the summary's figures,
which a build counts in the store instead of reading the whole view back."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest


FIXTURES = Path(__file__).parents[1] / "fixtures" / "build"
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def news(tmp_path) -> Path:
    target = tmp_path / "news"
    shutil.copytree(FIXTURES / "news", target)
    (target / "wire.jsonl").unlink()  # a broken line: exit status 1, beside the point here
    return target


def summary_figures(stdout: str) -> dict:
    graph = next(line for line in stdout.splitlines() if line.startswith("graph: "))
    numbers = [int(n.replace(",", "")) for n in graph.split()[1::2][:3]]
    top = next((line for line in stdout.splitlines() if line.startswith("top actors: ")), "")
    return {"entities": numbers[0], "facts": numbers[1], "triples": numbers[2], "top": top}


def stats_figures(run, out: Path) -> dict:
    code, stdout, _ = run("stats", out, "--json", "--top", "5")
    assert code == 0
    stats = json.loads(stdout)
    top = ", ".join(f"{a['label']} ({a['facts']} facts)" for a in stats["top_actors"])
    return {"entities": stats["entities"], "facts": stats["facts"], "triples": stats["triples"],
            "top": "top actors: " + top}


def test_outputs_none_keeps_the_store_only_and_its_summary_is_that_of_kg_stats(run, news, tmp_path):
    out = tmp_path / "graph"
    code, stdout, _ = run("build", news, "-o", out, "-q", "--outputs", "none")
    assert code == 0
    assert not any((out / name).exists() for name in ("graph.ttl", "graph.trig", "graph.html"))
    assert (out / "store").is_dir()
    assert summary_figures(stdout) == stats_figures(run, out)


def test_an_output_left_out_is_removed_once_the_graph_changes(run, news, tmp_path):
    out = tmp_path / "graph"
    assert run("build", news, "-o", out, "-q", "--no-html")[0] == 0
    assert (out / "graph.trig").exists() and (out / "graph.ttl").exists()
    code, stdout, _ = run("build", news, "-o", out, "-q", "--outputs", "ttl")
    assert code == 0 and (out / "graph.trig").exists()  # nothing changed: nothing to remove
    (news / "more.txt").write_text("Border talks\n\nRussia attacks Ukraine.\n", encoding="utf-8")
    code, stdout, _ = run("build", news, "-o", out, "-q", "--outputs", "ttl")
    assert code == 0
    assert not (out / "graph.trig").exists() and (out / "graph.ttl").exists()
    assert "graph.trig removed" in stdout and "kg export" in stdout
    assert summary_figures(stdout) == stats_figures(run, out)


def test_the_outputs_asked_for_again_are_written_from_the_store(run, news, tmp_path):
    out = tmp_path / "graph"
    assert run("build", news, "-o", out, "-q", "--outputs", "none")[0] == 0
    code, stdout, _ = run("build", news, "-o", out, "-q", "--outputs", "trig,ttl")
    assert code == 0
    assert (out / "graph.trig").stat().st_size > 0 and (out / "graph.ttl").stat().st_size > 0
    assert not (out / "graph.html").exists()


def test_an_unknown_output_is_refused_naming_the_valid_ones(run, news, tmp_path):
    code, _, err = run("build", news, "-o", tmp_path / "graph", "--outputs", "ttl,pdf")
    assert code != 0
    assert "pdf" in err and "ttl, trig, html" in err
    assert not (tmp_path / "graph").exists()

"""A build killed, or its disk filled, at any step: the next build's outputs are a clean build's.

The steps are the fault points of `kg.atomic` (``KG_TEST_FAULT``, for tests only): the store's
update (before and after it is applied), each output's temporary file, the manifest and the
record that the outputs show the store. A killed build is a subprocess that sends itself
SIGKILL at the step; a full disk is an `OSError` ENOSPC raised there. Each case starts from a
copy of a folder built from three articles, adds two, runs the faulty build, then a plain one,
and compares graph.trig (sorted N-Quads), graph.ttl (sorted N-Triples), graph.html and the
summary's figures with those of a clean build of the five articles.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main

FAKE_KG = Path(__file__).parent / "fixtures" / "build" / "fake_kg.py"
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

FIRST = {"a.txt": "Astana talks\n\nKazakhstan cooperates with China on trade.\n",
         "b.txt": "Minsk ties\n\nBelarus supports Russia.\n",
         "c.md": "---\ntitle: Kyiv aid\n---\nPoland supports Ukraine.\n"}
SECOND = {"d.txt": "Border war\n\nRussia attacks Ukraine.\n",
          "e.txt": "Trade curbs\n\nJapan sanctions Russia. Kazakhstan cooperates with Uzbekistan on trade.\n"}


def kg_subprocess(*args, fault: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONHASHSEED="0")  # graph.html's layout follows the hash seed
    env.pop("KG_TEST_FAULT", None)
    if fault:
        env["KG_TEST_FAULT"] = fault
    return subprocess.run([sys.executable, str(FAKE_KG), *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=300)


def figures(stdout: str) -> str:
    return re.search(r"^graph: .*$", stdout, re.M).group(0)


def outputs(out: Path) -> dict:
    """What a reader of the folder gets: sorted N-Quads, sorted N-Triples, the page's bytes."""
    def lines(name: str, fmt) -> list[str]:
        quads = ox.parse(path=str(out / name), format=fmt)
        return sorted(str(q) for q in quads)
    html = out / "graph.html"
    return {"graph.trig": lines("graph.trig", ox.RdfFormat.TRIG),
            "graph.ttl": lines("graph.ttl", ox.RdfFormat.TURTLE),
            "graph.html": html.read_bytes() if html.exists() else None}


def strays(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    """news/ (five articles), and per store: the folder built from the first three, and a clean
    build of all five."""
    root = tmp_path_factory.mktemp("crash")
    news = root / "news"
    news.mkdir()
    for name, text in FIRST.items():
        (news / name).write_text(text, encoding="utf-8")
    made = {"news": news}
    for store in ("oxigraph", "memory"):
        done = kg_subprocess("build", news, "-o", root / f"base-{store}", "--store", store, "-q")
        assert done.returncode == 0, done.stderr
    for name, text in SECOND.items():
        (news / name).write_text(text, encoding="utf-8")
    for store in ("oxigraph", "memory"):
        made[store] = root / f"base-{store}"
        clean = root / f"clean-{store}"
        done = kg_subprocess("build", news, "-o", clean, "--store", store, "-q")
        assert done.returncode == 0, done.stderr
        made[f"clean-{store}"] = (outputs(clean), figures(done.stdout))
    return made


KILLS = [("oxigraph", "store write"), ("oxigraph", "store written"), ("oxigraph", "write graph.trig"),
         ("oxigraph", "write graph.html"), ("oxigraph", "write manifest.json"), ("oxigraph", "outputs commit"),
         ("memory", "write store.nq")]


@pytest.mark.parametrize("store,point", KILLS, ids=[f"{s}-{p.replace(' ', '-')}" for s, p in KILLS])
def test_a_build_killed_at_any_step_is_finished_by_the_next(folders, tmp_path, store, point):
    out = tmp_path / "graph"
    shutil.copytree(folders[store], out)
    killed = kg_subprocess("build", folders["news"], "-o", out, "--store", store, "-q", fault=f"{point}=kill")
    assert killed.returncode == -signal.SIGKILL, killed.stderr  # it did reach the step

    rerun = kg_subprocess("build", folders["news"], "-o", out, "--store", store, "-q")
    assert rerun.returncode == 0, rerun.stderr
    clean_outputs, clean_figures = folders[f"clean-{store}"]
    assert outputs(out) == clean_outputs
    assert figures(rerun.stdout) == clean_figures
    assert strays(out) == []

    again = kg_subprocess("build", folders["news"], "-o", out, "--store", store, "-q")
    assert "0 articles read" in again.stdout and "graph.trig" not in again.stdout  # nothing left to do


FULL_DISK = ["store write", "write graph.ttl", "write graph.html", "write manifest.json", "write outputs.json"]


@pytest.mark.parametrize("point", FULL_DISK, ids=[p.replace(" ", "-") for p in FULL_DISK])
def test_a_full_disk_at_any_step_is_reported_and_the_next_build_finishes(folders, tmp_path, point, fake_extract,
                                                                      monkeypatch, capsys):
    out = tmp_path / "graph"
    shutil.copytree(folders["oxigraph"], out)
    args = ["build", str(folders["news"]), "-o", str(out), "-q"] + ([] if "html" in point else ["--no-html"])
    monkeypatch.setenv("KG_TEST_FAULT", f"{point}=enospc")
    code = main(args, extractor=fake_extract)
    err = capsys.readouterr().err
    assert code == 1
    assert "No space left on device" in err
    if point.startswith("write "):
        assert f"cannot write {out / point.split()[1]}: No space left on device" in err
    assert strays(out) == []

    monkeypatch.delenv("KG_TEST_FAULT")
    assert main(args, extractor=fake_extract) == 0
    clean_outputs, clean_figures = folders["clean-oxigraph"]
    got = outputs(out)
    assert got["graph.trig"] == clean_outputs["graph.trig"] and got["graph.ttl"] == clean_outputs["graph.ttl"]
    # graph.html follows this process's hash seed; the kill tests compare it under a fixed one
    assert figures(capsys.readouterr().out) == clean_figures


def test_stray_temporary_files_are_removed_by_the_next_build(folders, tmp_path, fake_extract, capsys):
    out = tmp_path / "graph"
    shutil.copytree(folders["oxigraph"], out)
    for name in (".graph.trig.abcd1234.tmp", ".manifest.json.x_y9z0w1.tmp"):
        (out / name).write_bytes(b"half a file")
    (out / "notes.tmp").write_text("a file of the user's, not a temporary of kg's")
    assert main(["build", str(folders["news"]), "-o", str(out), "--no-html"], extractor=fake_extract) == 0
    assert "removed 2 temporary files an interrupted build left" in capsys.readouterr().out
    assert strays(out) == ["notes.tmp"]


def test_an_output_changed_by_hand_is_written_again(folders, tmp_path, fake_extract, capsys):
    out = tmp_path / "graph"
    shutil.copytree(folders["oxigraph"], out)
    assert main(["build", str(folders["news"]), "-o", str(out), "-q", "--no-html"], extractor=fake_extract) == 0
    (out / "graph.trig").write_text("# emptied\n")
    assert main(["build", str(folders["news"]), "-o", str(out), "-q", "--no-html"], extractor=fake_extract) == 0
    assert "0 articles read" in capsys.readouterr().out
    assert outputs(out)["graph.trig"] == folders["clean-oxigraph"][0]["graph.trig"]

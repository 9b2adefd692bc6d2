"""A build killed, or its disk filled, at any step: the next build's outputs are a clean build's.

The steps are the fault points of `kg.atomic` (``KG_TEST_FAULT``, for tests only): the store's
update (before and after it is applied), each output's temporary file, the manifest and the
record that the outputs show the store. A killed build is a subprocess that sends itself
SIGKILL at the step; a full disk is an `OSError` ENOSPC raised there, or a real one: a small
tmpfs filled before the build, sized too small, or filled at the step. Each case starts from a
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
import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.outputs import OutputState

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


# -- a real full disk -------------------------------------------------------------------------
# The build writes into a small tmpfs. The disk runs out for real: before the build (no room at
# all), because it is too small for the next output (a ballast file leaves less room than the
# new graph.trig needs), or at a step, where `fill:PATH` appends to a ballast file until the
# file system is full so that the next write there fails. Then the ballast goes and a plain
# build must give a clean build's outputs.

SMALL_DISK = "KG_TEST_SMALL_DISK"  # a small file system prepared for the tests (.ci/run)
DISK_SIZE = 32 << 20


@pytest.fixture
def small_disk(tmp_path):
    """An empty folder on a small file system of its own, removed (unmounted) afterwards."""
    given = os.environ.get(SMALL_DISK)
    if given:
        st = os.statvfs(given)
        assert st.f_blocks * st.f_frsize <= 256 << 20, f"{SMALL_DISK}={given} is not a small file system"
        folder = Path(tempfile.mkdtemp(dir=given))
        yield folder
        shutil.rmtree(folder)
        return
    folder = tmp_path / "disk"
    folder.mkdir()
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_SIZE}", "tmpfs", str(folder)],
                              capture_output=True, text=True, timeout=60)
        problem = done.stderr.strip() if done.returncode else ""
    except OSError as e:
        problem = str(e)
    if problem:
        reason = (f"no small file system to fill: mounting a tmpfs failed ({problem}); run as root "
                  f"or set {SMALL_DISK} to a small mounted file system this user can write")
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(folder)], check=True)  # a handle left open: detach it


def fill(path: Path, leave: int = 0) -> None:
    """Grow the ballast file `path` until its file system has at most `leave` bytes free."""
    with open(path, "ab", buffering=0) as f:
        while (room := _free(path.parent) - leave) > 0:
            try:
                f.write(bytes(min(room, 1 << 20)))
            except OSError:
                break


def _free(folder: Path) -> int:
    st = os.statvfs(folder)
    return st.f_bavail * st.f_frsize


def _same_as_one_of(got: list[str], *versions: list[str]) -> bool:
    return any(got == v for v in versions)


# (store, how the disk runs out, the file the message names)
DISK_FULL = [
    ("oxigraph", "before the build", "outputs.json"),
    ("oxigraph", "too small for graph.trig", "graph.trig"),
    ("oxigraph", "store write", "store"),           # the store's write-ahead log
    ("oxigraph", "store written", "store"),         # the store's flush to its tables
    ("oxigraph", "outputs", "graph.ttl"),
    ("oxigraph", "write graph.ttl", "graph.trig"),
    ("oxigraph", "manifest", "manifest.json"),
    ("oxigraph", "outputs commit", "outputs.json"),
]


@pytest.mark.parametrize("store,moment,named", DISK_FULL,
                         ids=[f"{s}-{m.replace(' ', '-')}" for s, m, _ in DISK_FULL])
def test_a_real_full_disk_at_any_moment_keeps_the_last_graph_and_the_next_build_finishes(
        folders, small_disk, store, moment, named, fake_extract, monkeypatch, capsys):
    out = small_disk / "graph"
    shutil.copytree(folders[store], out)
    before = outputs(out)
    ballast = small_disk / "ballast"
    args = ["build", str(folders["news"]), "-o", str(out), "--store", store, "-q", "--no-html"]
    if moment == "before the build":
        fill(ballast)
    elif moment.startswith("too small for "):
        clean = folders["news"].parent / f"clean-{store}" / moment.split()[-1]
        fill(ballast, leave=clean.stat().st_size - 4096)
    else:
        monkeypatch.setenv("KG_TEST_FAULT", f"{moment}=fill:{ballast}")

    code = main(args, extractor=fake_extract)
    err = capsys.readouterr().err
    assert code == 1, err
    assert re.search(rf"cannot write (the oxigraph store at )?{re.escape(str(out / named))}\b.*"
                     r"No space left on device", err), err
    assert strays(out) == []
    # what a reader sees: the last build's outputs or this one's, whole, and when they are not
    # all this build's, outputs.json says they are to be written again
    clean_outputs, clean_figures = folders[f"clean-{store}"]
    got = outputs(out)
    for name in ("graph.trig", "graph.ttl"):
        assert _same_as_one_of(got[name], before[name], clean_outputs[name]), name
    unproven = OutputState.load(out).due(["graph.ttl", "graph.trig"])
    if moment == "before the build":  # nothing could be written: the store is as it was
        assert got["graph.trig"] == before["graph.trig"] and unproven == []
    elif got["graph.trig"] != clean_outputs["graph.trig"] or got["graph.ttl"] != clean_outputs["graph.ttl"]:
        assert unproven == ["graph.ttl", "graph.trig"]

    monkeypatch.delenv("KG_TEST_FAULT", raising=False)
    ballast.unlink()
    assert main(args, extractor=fake_extract) == 0, capsys.readouterr().err
    got = outputs(out)
    assert got["graph.trig"] == clean_outputs["graph.trig"] and got["graph.ttl"] == clean_outputs["graph.ttl"]
    assert figures(capsys.readouterr().out) == clean_figures
    assert strays(out) == []

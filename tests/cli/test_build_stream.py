"""`kg build` on streams: worker processes, a Dask cluster, progress, and a resumed build.

The graph must not depend on where articles are extracted: a build with `--workers 2`, and
one on a `distributed.LocalCluster`, give the N-Quads of a build with `--workers 1`. A
build killed in the middle of one large .jsonl file goes on, when run again, from where it
stopped: the articles the store holds already are not extracted again.
"""
from __future__ import annotations

import io
import json
import pickle
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kg.build import BuildReport, ProgressBar
from kg.cli import main
from kg.errors import ExtractionError, UnknownExecutorError
from kg.registry import executors

ROOT = Path(__file__).parents[2]
CORPUS = ROOT / "tests" / "corpus"
FIXTURES = ROOT / "tests" / "fixtures" / "build"
# Four articles of each language: enough that the process pool starts (it runs a handful in
# the calling process), few enough to extract in seconds.
ARTICLES = sorted(p for lang in ("en", "ru", "uk") for n in ("01", "02", "03", "04")
                  for p in CORPUS.glob(f"{lang}-{n}-*.md"))
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def kg(*args) -> tuple[int, str, str]:
    done = subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True,
                          text=True, timeout=600)
    return done.returncode, done.stdout, done.stderr


def sorted_nquads(out: Path) -> list[str]:
    target = out.with_suffix(".nq")
    code, _, err = kg("export", out, "-o", target)
    assert code == 0, err
    return sorted(target.read_text(encoding="utf-8").splitlines())


@pytest.fixture(scope="module")
def serial_quads(tmp_path_factory) -> list[str]:
    out = tmp_path_factory.mktemp("serial") / "graph"
    code, stdout, err = kg("build", *ARTICLES, "-o", out, "--no-html", "-q", "--workers", "1")
    assert code == 0, err
    assert f"{len(ARTICLES)} articles read" in stdout and "in this process" in stdout
    return sorted_nquads(out)


def test_the_corpus_fixture_is_there():
    assert len(ARTICLES) == 12


def test_worker_processes_build_the_graph_one_process_builds(serial_quads, tmp_path):
    out = tmp_path / "graph"
    code, stdout, err = kg("build", *ARTICLES, "-o", out, "--no-html", "-q", "--workers", "2")
    assert code == 0, err
    assert "by 2 worker processes" in stdout
    quads = sorted_nquads(out)
    assert len(quads) > 1000 and quads == serial_quads


def test_a_dask_cluster_builds_the_graph_one_process_builds(serial_quads, tmp_path):
    from distributed import LocalCluster

    out = tmp_path / "graph"
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        code, stdout, err = kg("build", *ARTICLES, "-o", out, "--no-html", "-q",
                               "--dask", cluster.scheduler_address)
    assert code == 0, err
    assert "on Dask" in stdout
    assert sorted_nquads(out) == serial_quads


def test_an_unreachable_dask_scheduler_is_a_clear_error(tmp_path):
    code, _, err = kg("build", ARTICLES[0], "-o", tmp_path / "graph", "-q", "--dask", "tcp://127.0.0.1:9")
    assert code == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err


def test_an_extractor_that_cannot_go_to_workers_runs_in_the_build_process(tmp_path, capsys, fake_extract):
    code = main(["build", str(FIXTURES / "news"), "-o", str(tmp_path / "graph"), "--no-html", "-q",
                 "--workers", "2"], extractor=fake_extract)
    stdout = capsys.readouterr().out
    assert code == 1  # wire.jsonl has a broken line
    assert "5 articles read" in stdout and "cannot be sent to worker processes" in stdout


def test_executors_are_named_in_a_registry():
    assert {"serial", "processes", "dask"} <= set(executors.names())
    with pytest.raises(UnknownExecutorError, match="unknown executor 'threads'; valid: .*processes"):
        executors.get("threads")


def test_an_extraction_error_comes_back_from_a_worker_whole():
    error = pickle.loads(pickle.dumps(ExtractionError("wire.jsonl:7", "extraction failed: ValueError: x")))
    assert (error.path, error.reason, str(error)) == \
        ("wire.jsonl:7", "extraction failed: ValueError: x", "wire.jsonl:7: extraction failed: ValueError: x")


def test_the_progress_bar_shows_done_of_total(tmp_path):
    stream = io.StringIO()
    bar = ProgressBar(stream, delay=0)  # drawn at once (a build draws it after 2 s)
    report = BuildReport(tmp_path)
    report.read, report.skipped = 3, 2
    bar(report)
    report.total, report.read = 20, 5
    bar(report)
    bar.close()
    assert re.search(r"7/20 \[.*articles/s\]", stream.getvalue().replace("\r", "\n").splitlines()[-1])


# -- a killed build, resumed -------------------------------------------------------------------
TIES = ["China cooperates with Kazakhstan on trade", "Belarus cooperates with Russia on security",
        "Poland cooperates with Ukraine on security", "Kazakhstan cooperates with Uzbekistan on trade"]


def write_wire(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            text = f"{TIES[i % len(TIES)]} (wire {i}). Russia attacks Ukraine (wire {i})."
            f.write(json.dumps({"title": f"Wire {i}", "text": text, "published": "2025-06-18"}) + "\n")


def fake_kg(*args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(FIXTURES / "fake_kg.py"), *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_build_killed_inside_a_jsonl_file_resumes_where_it_stopped(tmp_path):
    wire, out = tmp_path / "wire.jsonl", tmp_path / "graph"
    write_wire(wire, 1500)
    victim = fake_kg("build", wire, "-o", out, "--no-html", "--batch-size", "25")
    lines = []
    for line in victim.stderr:  # not a terminal: plain lines "kg: N articles read, ..."
        lines.append(line)
        m = re.match(r"kg: (\d+) articles read", line)
        if m and int(m.group(1)) >= 300:
            break
    victim.send_signal(signal.SIGKILL)
    victim.wait(30)
    assert victim.returncode == -signal.SIGKILL
    assert any(re.search(r", [\d,]+ of 1,500, .* left$", line) for line in lines), lines  # the total is known

    rerun = fake_kg("build", wire, "-o", out, "--no-html", "-q")
    stdout, stderr = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, stderr
    read, skipped = map(int, re.search(r"(\d+) articles read .*?, (\d+) skipped", stdout).groups())
    assert read + skipped == 1500
    assert skipped >= 250 and read <= 1250  # what the killed build stored is not extracted again

    clean = tmp_path / "clean"
    fresh = fake_kg("build", wire, "-o", clean, "--no-html", "-q")
    assert fresh.wait(300) == 0
    assert sorted_nquads(out) == sorted_nquads(clean)
    again = fake_kg("build", wire, "-o", out, "--no-html", "-q")
    stdout, _ = again.communicate(timeout=300)
    assert "0 articles read" in stdout and "1500 skipped" in stdout  # and now the file is done

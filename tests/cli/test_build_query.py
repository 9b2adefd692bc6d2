"""`kg build`, `remove`, `query`, `stats`, `export` and `serve`, end to end.

In-process runs use `kg.cli.main` with the fake extractor of tests/fixtures/build; the
subprocess runs (kill midway, serve) go through ``fake_kg.py`` or ``python -m kg.cli``.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from kg.cli import main
from kg.store.files import DirLock
from kg.vocab import KG, KGE

FIXTURES = Path(__file__).parents[1] / "fixtures" / "build"
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def news(tmp_path) -> Path:
    target = tmp_path / "news"
    shutil.copytree(FIXTURES / "news", target)
    return target


@pytest.fixture
def built(run, news, tmp_path) -> Path:
    out = tmp_path / "graph"
    code, _, _ = run("build", news, "-o", out, "--no-html", "-q")
    assert code == 1  # wire.jsonl has a broken line
    return out


# -- build -----------------------------------------------------------------------------------

def test_build_writes_the_outputs_and_a_summary(run, news, tmp_path):
    out = tmp_path / "graph"
    code, stdout, stderr = run("build", news, "-o", out)
    assert code == 1
    assert re.search(r"wire\.jsonl:2: invalid JSON", stderr)
    assert "kg: error: 1 input could not be read" in stderr
    assert "5 articles read (5 new, 0 changed, 0 as before), 0 skipped as unchanged, 1 failed" in stdout
    assert "top actors:" in stdout and "graph.ttl" in stdout
    for name in ("graph.ttl", "graph.trig", "graph.html", "manifest.json"):
        assert (out / name).is_file(), name
    assert (out / "store").is_dir()
    merged = Graph().parse(out / "graph.ttl")
    assert (KGE.China, KG.cooperatesWith, KGE.Kazakhstan) in merged
    assert (KGE.Russia, KG.attacks, KGE.Ukraine) in merged
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    assert len([g for g in ds.graphs() if "/article/" in str(g.identifier)]) == 5


def test_build_writes_mentions_in_the_mode_asked(news, tmp_path, fake_extract, capsys):
    from dataclasses import replace

    from kg.api import KnowledgeGraph
    from kg.build import build
    from kg.errors import UnknownMentionModeError
    from kg.model import Mention

    def with_mentions(article):
        found = tuple(Mention(article.id, m.start(), m.end(), m.group(), "China")
                      for m in re.finditer(r"\bChina\b", article.text))
        return replace(fake_extract(article), mentions=found)

    counted = {}
    for mode in ("compact", "full", "none"):
        assert main(["build", str(news), "-o", str(tmp_path / mode), "--no-html", "-q", "--mentions", mode],
                    extractor=with_mentions) == 1   # wire.jsonl has a broken line
        with KnowledgeGraph.open(tmp_path / mode) as graph:
            counted[mode] = [tuple(int(v) for v in row) for row in graph.sparql(
                "SELECT (COUNT(?m) AS ?nodes) (SUM(COALESCE(?n, 1)) AS ?spans) WHERE { GRAPH ?g { "
                "?m kg:denotes kge:China OPTIONAL { ?m kg:mentionCount ?n } } }")]
    capsys.readouterr()
    # two articles name China twice each: one node an article, or one a span, or none
    assert counted == {"compact": [(2, 4)], "full": [(4, 4)], "none": [(0, 0)]}
    with pytest.raises(UnknownMentionModeError, match="valid: compact, full, none"):
        build([news], tmp_path / "other", mentions="short")


def test_a_clean_build_exits_zero(run, news, tmp_path):
    (news / "wire.jsonl").unlink()
    code, stdout, stderr = run("build", news, "-o", tmp_path / "g", "--no-html", "-q")
    assert (code, stderr) == (0, "")
    assert "3 articles read" in stdout


def test_a_rebuild_of_unchanged_input_reads_nothing_and_rewrites_nothing(run, news, built):
    before = {p.name: p.stat().st_mtime_ns for p in built.iterdir() if p.is_file()}
    code, stdout, stderr = run("build", news, "-o", built, "--no-html", "-q")
    assert code == 1 and "wire.jsonl:2" in stderr  # the bad line is still reported
    assert "0 articles read (0 new, 0 changed, 0 as before), 5 skipped as unchanged, 1 failed" in stdout
    after = {p.name: p.stat().st_mtime_ns for p in built.iterdir() if p.is_file()}
    assert after["graph.ttl"] == before["graph.ttl"] and after["graph.trig"] == before["graph.trig"]


def test_a_changed_file_replaces_its_articles(run, news, built):
    text = (news / "russia-neighbours.txt").read_text().replace("Belarus supports", "Belarus cooperates with")
    (news / "russia-neighbours.txt").write_text(text)
    code, stdout, _ = run("build", news, "-o", built, "--no-html", "-q")
    assert "1 articles read (1 new, 0 changed, 0 as before), 4 skipped as unchanged, 1 failed, 1 removed" in stdout
    _, out, _ = run("query", built, "ASK { kge:Belarus kg:supports kge:Russia }", "--format", "csv")
    assert out.splitlines()[-1] == "false"
    _, out, _ = run("query", built, "ASK { kge:Belarus kg:cooperatesWith kge:Russia }", "--format", "csv")
    assert out.splitlines()[-1] == "true"


def test_a_new_file_is_the_only_one_read(run, news, built):
    (news / "extra.txt").write_text("Putin in Astana\n\nPutin met with Tokayev in Astana on a state visit in November 2024.\n")
    _, stdout, _ = run("build", news, "-o", built, "--no-html", "-q")
    assert "1 articles read (1 new, 0 changed, 0 as before), 5 skipped as unchanged" in stdout


def test_an_output_folder_inside_the_input_is_not_read_as_input(run, news):
    run("build", news, "-o", news / "graph", "-q")
    code, stdout, _ = run("build", news, "-o", news / "graph", "-q")
    assert "0 articles read" in stdout and "5 skipped" in stdout


def test_the_build_refuses_to_share_its_folder(run, news, built):
    with DirLock(built, exclusive=True, purpose="build"):
        code, _, stderr = run("build", news, "-o", built, "-q")
    assert code == 1
    assert "is in use by another kg process (build, pid" in stderr
    with DirLock(built, exclusive=False, purpose="serve"):
        code, _, stderr = run("build", news, "-o", built, "-q")
    assert code == 1 and "a reader such as kg query or kg serve" in stderr


def test_building_into_a_folder_of_another_store_is_refused(run, news, built):
    code, _, stderr = run("build", news, "-o", built, "--store", "memory", "-q")
    assert code == 1 and "built with the oxigraph store" in stderr


def test_the_memory_store_builds_and_rebuilds_too(run, news, tmp_path):
    out = tmp_path / "mem"
    run("build", news, "-o", out, "--store", "memory", "--no-html", "-q")
    assert (out / "store.nq").is_file()
    _, stdout, _ = run("build", news, "-o", out, "--no-html", "-q")
    assert "5 skipped as unchanged" in stdout
    code, out_text, _ = run("query", out, "SELECT ?o WHERE { kge:Russia kg:attacks ?o }", "--format", "csv")
    assert code == 0 and out_text.splitlines()[1:] == [str(KGE.Ukraine)]


# -- remove ----------------------------------------------------------------------------------

def test_remove_drops_a_files_articles(run, news, built):
    code, stdout, _ = run("remove", built, news / "wire.jsonl")
    assert code == 0 and "2 articles removed" in stdout
    _, out, _ = run("query", built, "ASK { kge:Russia kg:attacks kge:Ukraine }", "--format", "csv")
    assert out.splitlines()[-1] == "false"
    _, out, _ = run("query", built, "SELECT ?o WHERE { kge:China kg:cooperatesWith ?o }", "--format", "csv")
    assert out.splitlines()[1:] == [str(KGE.Kazakhstan)]  # still said by kazakhstan-china.md
    code, _, stderr = run("remove", built, news / "never-built.txt")
    assert code == 1 and "never-built.txt: not part of this graph" in stderr


# -- query -----------------------------------------------------------------------------------

QUERY = "SELECT ?who ?whom WHERE { ?who kg:cooperatesWith ?whom } ORDER BY ?who"


def test_query_prints_a_table_by_default(run, built):
    code, out, _ = run("query", built, QUERY)
    assert code == 0
    assert out.splitlines()[0].split() == ["who", "whom"]
    assert out.splitlines()[2].split() == ["kge:China", "kge:Kazakhstan"]


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xml"])
def test_query_writes_the_sparql_result_formats(run, built, fmt):
    code, out, _ = run("query", built, QUERY, "--format", fmt)
    assert code == 0
    if fmt == "csv":
        assert list(csv.reader(io.StringIO(out)))[1] == [str(KGE.China), str(KGE.Kazakhstan)]
    elif fmt == "tsv":
        assert out.splitlines()[1] == f"<{KGE.China}>\t<{KGE.Kazakhstan}>"
    elif fmt == "json":
        assert json.loads(out)["results"]["bindings"][0]["who"]["value"] == str(KGE.China)
    else:
        assert "<uri>https://kg.example.org/entity/China</uri>" in out


def test_query_reads_a_file_and_constructs_graphs(run, built, tmp_path):
    rq = tmp_path / "q.rq"
    rq.write_text("CONSTRUCT { ?a kg:cooperatesWith ?b } WHERE { ?a kg:cooperatesWith ?b }")
    code, out, _ = run("query", built, "-f", rq, "--format", "nt")
    assert code == 0
    assert sorted(out.strip().splitlines()) == [f"<{KGE.China}> <{KG.cooperatesWith}> <{KGE.Kazakhstan}> .",
                                                f"<{KGE.Kazakhstan}> <{KG.cooperatesWith}> <{KGE.China}> ."]


def test_query_answers_a_fact_once_a_symmetric_one_both_ways_and_articles_with_graph(run, built):
    def rows(query: str) -> list[list[str]]:
        code, out, _ = run("query", built, query, "--format", "csv")
        assert code == 0
        return sorted(list(csv.reader(io.StringIO(out)))[1:])

    # "Russia attacks Ukraine": one direct triple, one statement node, over the default graph
    assert rows("SELECT ?o WHERE { kge:Russia kg:attacks ?o }") == [[str(KGE.Ukraine)]]
    assert len(rows("SELECT ?st WHERE { ?st rdf:subject kge:Russia ; rdf:predicate kg:attacks }")) == 1
    # "Tokayev met with Xi", asked the other way round
    assert rows("SELECT ?o WHERE { kge:Xi kg:meetsWith ?o }") == [[str(KGE.Tokayev)]]
    assert rows("SELECT ?o WHERE { kge:Tokayev kg:meetsWith ?o }") == [[str(KGE.Xi)]]
    # each article's own statement, in the article's graph
    told = rows("SELECT ?g ?e WHERE { GRAPH ?g { ?st rdf:subject kge:Russia ; rdf:predicate kg:attacks ; "
                "kg:evidence ?e } ?g a kg:Article }")
    assert len(told) == 1 and told[0][1].startswith("Russia attacks Ukraine near Kharkiv")


def test_query_errors_are_one_line_and_exit_one(run, built, tmp_path):
    code, _, err = run("query", built, "SELEC ?x")
    assert code == 1 and err.startswith("kg: error: invalid SPARQL")
    code, _, err = run("query", built)
    assert code == 1 and "give a query, or -f FILE" in err
    code, _, err = run("query", tmp_path, "ASK {}")
    assert code == 1 and "holds no kg graph" in err


# -- stats and export ------------------------------------------------------------------------

def test_stats_prints_counts_relations_and_top_actors(run, built):
    code, out, _ = run("stats", built)
    assert code == 0
    assert re.search(r"articles\s+5", out) and "cooperatesWith" in out and "top actors" in out
    code, out, _ = run("stats", built, "--json")
    figures = json.loads(out)
    assert figures["articles"] == 5 and figures["negative_facts"] == 1
    top = figures["top_actors"][0]
    assert (top["id"], top["facts"], top["articles"]) == ("Russia", 3, 2)  # attacks, is sanctioned, is backed


def test_stats_top_actors_count_what_the_top_actors_query_counts(run, built):
    query = Path(__file__).parents[2] / "examples" / "queries" / "top-actors.rq"
    code, out, _ = run("query", built, "-f", query, "--format", "json")
    assert code == 0
    by_query = {b["actor"]["value"].rsplit("/", 1)[1]: (int(b["facts"]["value"]), int(b["articles"]["value"]))
                for b in json.loads(out)["results"]["bindings"]}
    code, out, _ = run("stats", built, "--json", "--top", "20")
    by_stats = {a["id"]: (a["facts"], a["articles"]) for a in json.loads(out)["top_actors"]}
    assert by_stats == by_query and by_stats


@pytest.mark.parametrize("name,fmt", [("g.nq", None), ("g.jsonld", None), ("g.graphml", "graphml"),
                                      ("g.gexf", None), ("out.csv", "csv"), ("g.ttl", "turtle")])
def test_export_writes_each_format(run, built, tmp_path, name, fmt):
    args = ["export", built, "-o", tmp_path / name] + (["--format", fmt] if fmt else [])
    code, out, _ = run(*args)
    assert code == 0 and out.startswith("wrote ")
    written = [Path(p) for p in out.split()[1:]]
    assert all(p.is_file() and p.stat().st_size > 0 for p in written)


def test_every_command_has_help_with_examples(run):
    for command in ("build", "remove", "query", "stats", "export", "serve"):
        code, out, _ = run(command, "--help")
        assert code == 0 and "Examples:" in out, command


# -- subprocesses ----------------------------------------------------------------------------

def fake_kg(*args, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(FIXTURES / "fake_kg.py"), *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


# Every generated report repeats true statements (a cooperatesWith tie first, which the
# kill test counts), so the corpus is many articles without making anything up.
TIES = ["China cooperates with Kazakhstan on trade", "China cooperates with Kazakhstan on security",
        "Kazakhstan cooperates with Russia on trade", "Belarus cooperates with Russia on security",
        "Poland cooperates with Ukraine on security", "Kazakhstan cooperates with Uzbekistan on trade"]
STANCES = ["Russia attacks Ukraine", "Ukraine sanctions Russia", "Poland supports Ukraine",
           "Belarus supports Russia", "Japan sanctions Russia",
           "Kazakhstan does not support Russia over the breakaway regions"]


def write_corpus(folder: Path, n: int, start: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        ties, stance = TIES[i % len(TIES)], STANCES[(i * 5 + 1) % len(STANCES)]
        (folder / f"{i:05d}.txt").write_text(f"Report {i}\n\n{ties} (report {i}). {stance} (report {i}).\n")


def quads_of(out: Path) -> set[str]:
    """The N-Quads lines of everything in a built folder (no blank nodes: lines compare)."""
    target = out.with_suffix(".nq")
    done = subprocess.run([sys.executable, "-m", "kg.cli", "export", out, "-o", target],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return set(target.read_text(encoding="utf-8").splitlines())


def test_a_build_killed_midway_leaves_the_previous_graph_and_a_rerun_completes(tmp_path):
    news, out = tmp_path / "news", tmp_path / "graph"
    write_corpus(news, 40)
    first = fake_kg("build", news, "-o", out, "--no-html", "-q")
    assert first.wait(120) == 0, first.stderr.read()
    previous = {name: (out / name).read_bytes() for name in ("graph.ttl", "graph.trig", "manifest.json")}

    write_corpus(news, 1500, start=40)
    victim = fake_kg("build", news, "-o", out, "--no-html", "--batch-size", "25")
    progressed = 0
    for line in victim.stderr:  # progress lines: "kg: N articles read, ..."
        m = re.match(r"kg: (\d+) articles read", line)
        if m and int(m.group(1)) >= 200:
            progressed = int(m.group(1))
            break
    victim.send_signal(signal.SIGKILL)
    victim.wait(30)
    assert progressed and victim.returncode == -signal.SIGKILL

    for name, data in previous.items():  # the outputs are the previous ones, whole
        if name != "manifest.json":
            assert (out / name).read_bytes() == data, name
    with_lock = subprocess.run([sys.executable, "-m", "kg.cli", "query", out,
                                "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a kg:cooperatesWith ?b } }",
                                "--format", "csv"], capture_output=True, text=True, timeout=60)
    assert with_lock.returncode == 0, with_lock.stderr  # the store opens and answers
    assert int(with_lock.stdout.splitlines()[1]) >= 40   # every article of the first build is there

    rerun = fake_kg("build", news, "-o", out, "--no-html", "-q")
    stdout, stderr = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, stderr
    read, skipped = map(int, re.search(r"(\d+) articles read .*?, (\d+) skipped", stdout).groups())
    assert read + skipped == 1540 and skipped >= 40   # the first build's files are not read again
    clean = tmp_path / "clean"
    fresh = fake_kg("build", news, "-o", clean, "--no-html", "-q")
    assert fresh.wait(300) == 0
    assert quads_of(out) == quads_of(clean)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(built):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(built), "--port", str(port),
                             "--timeout", "8", "-q"], stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    assert "kg serve: http://127.0.0.1" in line, line
    yield f"http://127.0.0.1:{port}"
    proc.send_signal(signal.SIGTERM)
    proc.wait(20)


def curl(*args) -> subprocess.CompletedProcess:
    return subprocess.run(["curl", "-s", "-S", "-w", "\n%{http_code}", *args], capture_output=True,
                          text=True, timeout=60)


@pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl")
def test_serve_answers_the_sparql_protocol(server, built):
    q = urllib.parse.quote(QUERY)
    r = curl("-H", "Accept: text/csv", f"{server}/sparql?query={q}")
    body, status = r.stdout.rsplit("\n", 1)
    assert status == "200" and body.splitlines()[1] == f"{KGE.China},{KGE.Kazakhstan}"
    r = curl("-H", "Content-Type: application/sparql-query", "-H", "Accept: application/sparql-results+xml",
             "--data-binary", QUERY, f"{server}/sparql")
    assert r.stdout.endswith("200") and "<sparql" in r.stdout
    r = curl("--data-urlencode", f"query={QUERY}", "-H", "Accept: text/tab-separated-values", f"{server}/sparql")
    assert r.stdout.endswith("200") and r.stdout.startswith("?who\t?whom")
    r = curl("--data-urlencode", "update=INSERT DATA { kge:a kg:b kge:c }", f"{server}/sparql")
    assert r.stdout.endswith("403") and "read-only" in r.stdout
    r = curl("-H", "Content-Type: application/sparql-update", "--data-binary", "CLEAR ALL", f"{server}/sparql")
    assert r.stdout.endswith("403")


def test_serve_over_urllib_json_errors_timeouts_and_the_page(server, built):
    url = f"{server}/sparql?" + urllib.parse.urlencode({"query": QUERY})
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/json"})) as r:
        assert r.headers["Content-Type"] == "application/sparql-results+json"
        assert json.load(r)["results"]["bindings"][0]["whom"]["value"] == str(KGE.Kazakhstan)
    with pytest.raises(urllib.error.HTTPError) as bad:
        urllib.request.urlopen(f"{server}/sparql?" + urllib.parse.urlencode({"query": "SELEC"}))
    assert bad.value.code == 400
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    started = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as late:
        urllib.request.urlopen(f"{server}/sparql?" + urllib.parse.urlencode({"query": slow}), timeout=60)
    assert late.value.code == 503 and time.monotonic() - started < 30
    with urllib.request.urlopen(url) as r:  # a fresh worker answers the next query
        assert r.status == 200
    (built / "graph.html").write_text("<!doctype html><title>page</title>")
    with urllib.request.urlopen(f"{server}/") as r:
        assert b"<title>page</title>" in r.read()
    with pytest.raises(urllib.error.HTTPError) as foreign:
        urllib.request.urlopen(urllib.request.Request(f"{server}/", headers={"Host": "evil.example"}))
    assert foreign.value.code == 403


def test_serve_keeps_builds_out(server, built, news):
    build = fake_kg("build", news, "-o", built, "-q")
    _, stderr = build.communicate(timeout=60)
    assert build.returncode == 1 and "a reader such as kg query or kg serve" in stderr


def test_python_m_kg_cli_runs_the_command_line():
    done = subprocess.run([sys.executable, "-m", "kg.cli", "build", "--help"], capture_output=True, text=True,
                          timeout=60, env={**os.environ})
    assert done.returncode == 0 and "Examples:" in done.stdout

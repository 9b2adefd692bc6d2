"""How long a simple query waits at `kg serve` while a slow one runs.

    python bench/serve_bench.py [--workers N] [--rounds N]

Builds a small oxigraph graph folder in a temporary directory, starts `kg serve` on
127.0.0.1, and reports the latency of `ASK { ?s ?p ?o }` (median and worst of --rounds):

- alone: nothing else running;
- beside a slow query: a six-way cross join that runs until the time limit stops it.

With one worker (the old server ran one query at a time) the ASK waits for the slow query's
time limit; with two or more it is answered at once, in every round: the spare worker
takes the stopped one's place without a wait.
"""
from __future__ import annotations

import argparse
import http.client
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n0 ?o . ?p ?q ?r }"
ASK = "ASK { ?s ?p ?o }"


def make_folder(directory: Path) -> Path:
    import pyoxigraph as ox

    from kg.store.oxigraph import OxigraphStore

    ex = "http://example.org/"
    quads = [ox.Quad(ox.NamedNode(f"{ex}thing{i}"), ox.NamedNode(f"{ex}rank"), ox.Literal(str(i)),
                     ox.NamedNode(f"{ex}g")) for i in range(40)]
    with OxigraphStore(directory / "store") as store:  # the default graph holds the union
        store.native.extend(quads + [ox.Quad(q.subject, q.predicate, q.object) for q in quads])
    return directory


def get(port: int, query: str, timeout: float = 300) -> tuple[int, float]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}))
    status = conn.getresponse().status
    conn.close()
    return status, time.perf_counter() - started


def measure(folder: Path, workers: int, rounds: int, timeout: float) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(folder), "--port", "0", "-q",
                             "--workers", str(workers), "--timeout", str(timeout)],
                            stderr=subprocess.PIPE, text=True)
    try:
        port = int(re.search(r":(\d+)/", proc.stderr.readline()).group(1))
        alone = [get(port, ASK)[1] for _ in range(rounds)]
        beside = []
        for _ in range(rounds):
            slow = threading.Thread(target=get, args=(port, SLOW))
            slow.start()
            time.sleep(0.3)  # the slow query reaches a worker
            beside.append(get(port, ASK)[1])
            slow.join()  # stopped at the time limit; the next round starts at once
        for name, times in (("alone", alone), ("beside a slow query", beside)):
            print(f"workers={workers}  ASK {name:20s} median {statistics.median(times) * 1000:7.1f} ms"
                  f"  worst {max(times) * 1000:7.1f} ms  ({len(times)} rounds)")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[2, 1])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=3.0, help="the slow query's time limit")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_folder(Path(tmp) / "graph")
        for workers in args.workers:
            measure(folder, workers, args.rounds, args.timeout)


if __name__ == "__main__":
    main()

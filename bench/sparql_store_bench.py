"""The store on a SPARQL server vs the on-disk store, on the examples.

    .venv/bin/python bench/sparql_store_bench.py                 # examples/articles
    .venv/bin/python bench/sparql_store_bench.py --batch-size 1  # one article per update

Extracts the articles once, then writes the same extractions, in batches as `kg build`
does, into (a) `OxigraphStore` in a temporary folder and (b) `SparqlStore` on Oxigraph's own
server (`oxigraph serve`, started here on 127.0.0.1 in a temporary folder), and runs every
examples/queries/*.rq on both (median of --repeat runs). Reports seconds, HTTP requests by
kind, and whether every query answered the same.
"""
from __future__ import annotations

import argparse
import collections
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def serve(folder: Path) -> tuple[subprocess.Popen, str]:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = Path(sys.executable).parent / "oxigraph"
    proc = subprocess.Popen([str(command), "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, f"sparql+http://127.0.0.1:{port}/query"
        except OSError:
            time.sleep(0.05)
    raise SystemExit("oxigraph serve did not start")


def timed_requests():
    """Counts the SPARQL store's HTTP requests by what they were for."""
    from kg.store import sparql

    counts: collections.Counter = collections.Counter()
    original = sparql._Client.request

    def request(self, method, url, **kw):
        counts[f"{method} {kw['what']}"] += 1
        return original(self, method, url, **kw)
    sparql._Client.request = request
    return counts


def write(store, extractions, batch_size: int) -> float:
    from kg.api import background_triples

    started = time.perf_counter()
    store.set_background(background_triples())
    for start in range(0, len(extractions), batch_size):
        store.update(extractions[start:start + batch_size])
    store.flush()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", default=[str(ROOT / "examples" / "articles")])
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from kg.ingest import read_paths
    from kg.pipeline import extract
    from kg.store.oxigraph import OxigraphStore
    from kg.store.sparql import SparqlStore

    articles = list(read_paths([Path(p) for p in args.inputs]))
    started = time.perf_counter()
    extractions = [extract(a) for a in articles]
    print(f"{len(extractions)} articles, extracted once in {time.perf_counter() - started:.1f} s")
    counts = timed_requests()
    queries = sorted((ROOT / "examples" / "queries").glob("*.rq"))
    with tempfile.TemporaryDirectory() as tmp:
        proc, url = serve(Path(tmp) / "server")
        try:
            disk, remote = OxigraphStore(Path(tmp) / "store"), SparqlStore(url)
            counts.clear()
            t_disk = write(disk, extractions, args.batch_size)
            t_remote = write(remote, extractions, args.batch_size)
            print(f"write, batches of {args.batch_size}: on-disk store {t_disk:.2f} s, "
                  f"Oxigraph server {t_remote:.2f} s ({t_remote / t_disk:.1f}x); {len(disk):,} quads")
            print("  requests: " + ", ".join(f"{k} {n}" for k, n in sorted(counts.items())))
            same = True
            for q in queries:
                text = q.read_text(encoding="utf-8")
                times = {}
                for name, store in (("disk", disk), ("server", remote)):
                    runs = []
                    for _ in range(args.repeat):
                        t = time.perf_counter()
                        result = store.query(text)
                        runs.append(time.perf_counter() - t)
                    times[name] = (statistics.median(runs), result.serialize("csv"))
                equal = times["disk"][1] == times["server"][1]
                same &= equal
                print(f"  {q.name:30} disk {times['disk'][0] * 1000:7.1f} ms   server "
                      f"{times['server'][0] * 1000:7.1f} ms   {'same' if equal else 'DIFFERENT'}")
            print("every query answered the same" if same else "SOME QUERIES DIFFER")
            disk.close()
            remote.close()
        finally:
            proc.terminate()
            proc.wait(10)


if __name__ == "__main__":
    main()

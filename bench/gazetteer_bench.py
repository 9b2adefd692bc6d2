"""How long the gazetteer takes to load, and how much memory it holds.

    python bench/gazetteer_bench.py [--repeat N]

Each measurement runs in a fresh process: the compile (no disk cache: YAML and JSON Lines read,
every name lemmatised), then the cached load (the pickled gazetteer read back), then the first
phrase index of a language (built on the first article of that language). Memory is the peak
resident size of the process after the cached load and the indexes of uk, ru and en, less that
of the same process before (the interpreter and the morphological dictionaries).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_PROBE = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from kg.nlp import morph
for lang in ("uk", "ru", "en"):
    morph.analyse("слово" if lang != "en" else "word", lang)
import kg.gazetteer as G
from kg.gazetteer.match import _index
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t, c = time.perf_counter(), time.process_time(); gaz = G.load()
load_s, load_cpu = time.perf_counter() - t, time.process_time() - c
t, c = time.perf_counter(), time.process_time()
for lang in ("uk", "ru", "en"):
    _index(gaz, lang)
index_s, index_cpu = time.perf_counter() - t, time.process_time() - c
rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
keys = sum(len(k) for ix in gaz.index.values() for k in ix.values())
print(json.dumps({"load_s": load_s, "index_s": index_s, "load_cpu": load_cpu, "index_cpu": index_cpu,
                  "mb": (rss1 - rss0) / 1024,
                  "entities": len(gaz.entries), "keys": keys}))
"""


def probe(cache: str) -> dict:
    env = dict(os.environ, KG_CACHE_DIR=cache)
    out = subprocess.run([sys.executable, "-c", _PROBE, str(ROOT)], env=env, capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="cached loads to time (the median is shown)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        first = probe(cache)
        cached = sorted((probe(cache) for _ in range(args.repeat)), key=lambda r: r["load_s"])
    mid = cached[len(cached) // 2]
    print(f"entities {mid['entities']:,}, index keys {mid['keys']:,}")
    # CPU seconds beside the wall clock: on a shared machine the wall clock also counts the waits
    print(f"compile (no cache)        {first['load_s']:7.2f} s  (CPU {first['load_cpu']:.2f} s)")
    print(f"cached load (median of {args.repeat}) {mid['load_s']:7.3f} s  (CPU {mid['load_cpu']:.3f} s)")
    print(f"phrase indexes uk+ru+en   {mid['index_s']:7.3f} s  (CPU {mid['index_cpu']:.3f} s)")
    print(f"memory (peak RSS added)   {mid['mb']:7.0f} MB")


if __name__ == "__main__":
    main()

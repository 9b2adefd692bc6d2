"""How `kg build` grows with the corpus: wall time, articles/s, peak memory, store size on
disk and SPARQL times, for corpora of 1,000 / 10,000 / 100,000 articles.

The articles are made here from the project's own annotated corpus (tests/corpus, written for
the project): each is a new mix of sentences of one language (uk, ru or en, in turn) taken
from several corpus articles, with the names of the countries, people, organisations and
cities the gold files list swapped, consistently within the article, for names of the same
kind drawn from the gazetteer. No news text is copied; the same seed gives the same corpus.

    .venv/bin/python bench/scale_bench.py                          # 1,000 articles, --workers 2
    .venv/bin/python bench/scale_bench.py --sizes 1000 10000 --workers 1 2
    .venv/bin/python bench/scale_bench.py --sizes 100000 --workers 2 --keep /tmp/scale

Each build runs `kg build CORPUS.jsonl.gz -o OUT --no-html -q --workers N --outputs none` in a child
process; peak memory is the largest resident set of one process of the build (getrusage of
its children, in a wrapper process of its own) and, when psutil is installed, the largest
sum over the build's process tree sampled every 0.2 s. After the first build a file of 1 % new articles is added and the
build run again (the incremental re-run). `--outputs none` (the bench's default) keeps the
store only, as a stream of updates to a large graph is built: graph.ttl and graph.trig are
each written from the whole store (`--outputs all` measures them too). Every build prints the
load average before and after: on a shared machine the CPU time is the figure to compare.
The SPARQL times are those of
examples/queries/*.rq through `KnowledgeGraph.open(OUT).sparql`, median of 3 runs.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
GAZETTEER = ROOT / "ontologies" / "gazetteer"
QUERIES = ROOT / "examples" / "queries"
LANGS = ("uk", "ru", "en")
# gold type → the gazetteer file and entry types its stand-ins are drawn from
SWAPPED = {"Country": ("countries.yaml", {"Country"}), "Person": ("people.yaml", {"Person"}),
           "Organization": ("organizations.yaml", {"Organization", "IntergovernmentalOrganization", "Agency",
                                                   "Alliance", "Format"}),
           "City": ("cities.yaml", {"City"})}
SENTENCE_END = re.compile(r"(?<=[.!?»\"”])\s+(?=[A-ZА-ЯІЇЄҐЁ«\"“])")


# -- the corpus ---------------------------------------------------------------------------------
def front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}, text
    end = text.index("\n---", 3)
    return yaml.safe_load(text[3:end]) or {}, text[end + 4:].lstrip("-\n")


def sentence_pools() -> dict[str, list[tuple[str, tuple]]]:
    """Per language: (sentence, the gold entities of its article as (type, names)) pairs."""
    pools: dict[str, list] = {lang: [] for lang in LANGS}
    for md in sorted(CORPUS.glob("*.md")):
        meta, body = front_matter(md)
        lang = meta.get("lang") or md.name[:2]
        gold_path = md.with_suffix(".gold.json")
        if lang not in pools or not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        entities = tuple((e["type"], tuple(sorted({e["label"], *e.get("aliases", ())}, key=len, reverse=True)))
                         for e in gold.get("entities", ()) if e.get("type") in SWAPPED)
        paragraphs = [p for p in body.split("\n\n")[1:] if p.strip()]  # the first is the title again
        for p in paragraphs:
            pools[lang] += [(s.strip(), entities) for s in SENTENCE_END.split(p) if len(s.strip()) > 30]
    return pools


def gazetteer_names() -> dict[tuple[str, str], list[str]]:
    """(type, lang) → the first name in that language of each gazetteer entry of that type."""
    names: dict[tuple[str, str], list[str]] = {}
    for kind, (file, types) in SWAPPED.items():
        for entry in yaml.safe_load((GAZETTEER / file).read_text(encoding="utf-8")) or []:
            if entry.get("type") not in types:
                continue
            for lang in LANGS:
                first = (entry.get("names", {}).get(lang) or [None])[0]
                if first:
                    names.setdefault((kind, lang), []).append(str(first))
    return names


class Generator:
    def __init__(self, seed: int = 13):
        self.pools, self.names, self.seed = sentence_pools(), gazetteer_names(), seed

    def article(self, n: int) -> dict:
        rng = random.Random(self.seed * 1_000_003 + n)
        lang = LANGS[n % len(LANGS)]
        pool = self.pools[lang]
        start = rng.randrange(len(pool))
        picked = [pool[(start + k) % len(pool)] for k in range(rng.randint(2, 4))]  # a lead that hangs together
        picked += rng.sample(pool, rng.randint(8, 18))
        swaps: dict[str, str] = {}
        sentences = [self._swapped(s, entities, lang, rng, swaps) for s, entities in picked]
        title = sentences[0].split(",")[0][:90].rstrip(" .")
        day = rng.randrange(4 * 365)
        published = time.strftime("%Y-%m-%d", time.gmtime(1_640_995_200 + day * 86_400))
        paragraphs = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
        return {"title": title, "text": "\n\n".join(paragraphs), "lang": lang, "published": published,
                "source": "kg scale bench", "url": f"https://example.org/scale/{n}"}

    def _swapped(self, sentence: str, entities: tuple, lang: str, rng: random.Random, swaps: dict) -> str:
        for kind, names in entities:
            for name in names:
                if name not in sentence:
                    continue
                if name not in swaps:
                    swaps[name] = rng.choice(self.names[(kind, lang)]) if rng.random() < 0.7 else name
                sentence = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", swaps[name], sentence)
        return sentence

    def write(self, path: Path, first: int, count: int) -> int:
        size = 0
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=3) as f:
            for n in range(first, first + count):
                line = json.dumps(self.article(n), ensure_ascii=False)
                size += len(line.encode("utf-8"))
                f.write(line + "\n")
        return size


# -- measuring ----------------------------------------------------------------------------------
def tree_rss(pid: int) -> int:
    import psutil

    try:
        root = psutil.Process(pid)
        return sum(p.memory_info().rss for p in [root, *root.children(recursive=True)])
    except psutil.Error:
        return 0


# Runs one command and prints, as its last line, the rusage of its process tree alone (a
# bench's own RUSAGE_CHILDREN would keep the peak of an earlier build).
WRAPPER = ("import json, resource, subprocess, sys\n"
           "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
           "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
           "print(json.dumps({'code': done.returncode, 'stdout': done.stdout, 'stderr': done.stderr,\n"
           "                  'maxrss_kb': u.ru_maxrss, 'cpu': u.ru_utime + u.ru_stime}))\n")


def run_build(kg: str, inputs: list[Path], out: Path, workers: int, outputs: str) -> dict:
    cmd = [kg, "build", *map(str, inputs), "-o", str(out), "--no-html", "-q", "--workers", str(workers),
           "--outputs", outputs]
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", WRAPPER, *cmd], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample() -> None:
        try:
            import psutil  # noqa: F401
        except ImportError:
            return
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - started
    sampler.join()
    result = json.loads(stdout.strip().splitlines()[-1])
    if result["code"] not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({result['code']}):\n{result['stderr']}")
    read = re.search(r"(\d+) articles read", result["stdout"])
    return {"command": " ".join(cmd), "wall": wall, "read": int(read.group(1)) if read else 0,
            "maxrss_mb": result["maxrss_kb"] / 1024, "tree_mb": peak[0] / 2**20, "cpu": result["cpu"],
            "summary": result["stdout"].strip().splitlines()[0] if result["stdout"].strip() else result["stderr"][-300:]}


def disk_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def query_times(out: Path) -> dict[str, tuple[float, int]]:
    code = ("import json, statistics, sys, time\nfrom pathlib import Path\nfrom kg.api import KnowledgeGraph\n"
            "res = {}\nwith KnowledgeGraph.open(sys.argv[1]) as g:\n"
            "    for q in sorted(Path(sys.argv[2]).glob('*.rq')):\n        text, times = q.read_text(), []\n"
            "        for _ in range(3):\n            t = time.perf_counter(); rows = len(list(g.sparql(text)))\n"
            "            times.append(time.perf_counter() - t)\n"
            "        res[q.name] = (statistics.median(times), rows)\nprint(json.dumps(res))\n")
    done = subprocess.run([sys.executable, "-c", code, str(out), str(QUERIES)], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(done.stderr)
    return json.loads(done.stdout)


def load() -> str:
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def bench(size: int, workers: list[int], work: Path, kg: str, gen: Generator, outputs: str) -> None:
    data = work / f"corpus-{size}"
    data.mkdir(parents=True, exist_ok=True)
    main_file, extra_file = data / "articles.jsonl.gz", data / "more.jsonl.gz"
    started = time.perf_counter()
    text_bytes = gen.write(main_file, 0, size)
    print(f"\n## {size:,} articles ({text_bytes / 2**20:.1f} MB of JSON text, "
          f"{main_file.stat().st_size / 2**20:.1f} MB gzipped; made in {time.perf_counter() - started:.1f} s)")
    first = {}
    for n in workers:
        out = work / f"out-{size}-w{n}"
        shutil.rmtree(out, ignore_errors=True)
        before = load()
        r = first[n] = run_build(kg, [main_file], out, n, outputs)
        print(f"\n--workers {n}: {r['command']}\n  {r['summary']}\n  {before} before, {load()} after")
        print(f"  wall {r['wall']:.1f} s, {r['read'] / r['wall']:.1f} articles/s, CPU {r['cpu']:.0f} s "
              f"({r['read'] / max(r['cpu'], 1e-9):.1f} articles a CPU second), "
              f"peak RSS of one process {r['maxrss_mb']:.0f} MB, of the process tree {r['tree_mb']:.0f} MB, "
              f"store on disk {disk_mb(out / 'store'):.0f} MB (whole folder {disk_mb(out):.0f} MB)")
    if len(first) > 1:
        one, best = first[min(first)], first[max(first)]
        print(f"\nspeed-up --workers {max(first)} over --workers {min(first)}: {one['wall'] / best['wall']:.2f}× "
          f"(wall time; the machine's load average is {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    n = max(workers)
    out = work / f"out-{size}-w{n}"
    gen.write(extra_file, size, max(1, size // 100))
    before = load()
    r = run_build(kg, [main_file, extra_file], out, n, outputs)
    print(f"\nre-run with 1 % new articles (--workers {n}, {before} before, {load()} after): {r['wall']:.1f} s = "
          f"{100 * r['wall'] / first[n]['wall']:.1f} % of the first build (CPU {r['cpu']:.0f} s = "
          f"{100 * r['cpu'] / max(first[n]['cpu'], 1e-9):.1f} %)\n  {r['summary']}")
    print("\nSPARQL (examples/queries, median of 3, through KnowledgeGraph.open(...).sparql):")
    for name, (seconds, rows) in query_times(out).items():
        print(f"  {name:<28} {seconds * 1000:9.1f} ms  {rows:>7,} rows")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000], help="corpus sizes (default 1000)")
    ap.add_argument("--workers", type=int, nargs="+", default=[2], help="--workers values to build with")
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--outputs", default="none",
                    help="kg build --outputs (default none: the store only, as a stream of updates is built; "
                         "'all' adds graph.ttl and graph.trig, each written from the whole store)")
    args = ap.parse_args()
    kg = str(Path(sys.executable).with_name("kg"))
    work = args.keep or Path(tempfile.mkdtemp(prefix="kg-scale-"))
    gen = Generator(args.seed)
    print(f"# kg scale bench: sizes {args.sizes}, workers {args.workers}, --outputs {args.outputs}, "
          f"{os.cpu_count()} cores, {load()}, corpus from {sum(map(len, gen.pools.values()))} sentences "
          f"of tests/corpus")
    try:
        for size in args.sizes:
            bench(size, args.workers, work, kg, gen, args.outputs)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

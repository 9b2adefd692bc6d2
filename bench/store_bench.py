"""Store benchmark: a synthetic corpus merged through kg's store vs pyoxigraph on the same quads.

    .venv/bin/python bench/store_bench.py                 # ~1M quads (takes a few minutes)
    .venv/bin/python bench/store_bench.py --size 100000   # quick
    .venv/bin/python bench/store_bench.py --corpus tests/corpus/*-*.md examples/articles   # real articles

Measures, on disk (a temporary folder):
  build     articles added in batches through `KnowledgeGraph("oxigraph", path)`: triples
            generated, merged (support, confidence, first/last seen...) and written;
  raw load  the same named-graph quads (dumped as N-Quads) bulk loaded by pyoxigraph;
  rebuild   `kg.build` over files on a second run with nothing changed, vs its first run
            (on a smaller corpus of real files, --files);
  SPARQL    one-hop lookup, two-hop join with FILTER, GROUP BY over all relations: median
            of --repeat runs through `KnowledgeGraph.sparql` vs raw pyoxigraph over the same
            quads (the bulk load of everything the store holds, its default graph the
            merged view), results fetched as Python values;
  memory    peak RSS of the build process and of the raw load process (each in its own
            subprocess, so one does not inflate the other).

With --corpus, real articles instead: they are extracted once (not timed), then for each
mention mode (compact, full, none) the store is built from the extractions with the
background graph, as `kg build` does, and compared with pyoxigraph's bulk load of the same
quads (every quad the store holds, its default graph included) into a fresh store:
  build     articles added in batches and flushed; then `compact()` (what kg build does last:
            the store reopened, which drops RocksDB's write-ahead log);
  on disk   the store's folder after the build and after `compact()`, vs the fresh bulk load
            (and that after pyoxigraph's `optimize()`);
  quads     stored in all, in the article graphs a article, mention annotations a article.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RELATIONS = ["cooperatesWith", "meetsWith", "visits", "partnerOf", "supports", "opposes", "attacks",
             "sanctions", "signsAgreementWith", "providesAidTo", "threatens", "memberOf"]
DOMAINS = ["security", "defense", "economy", "trade", "energy", "political", "humanitarian"]

QUERIES = {
    "one-hop lookup": "SELECT ?o ?rel WHERE { kge:E7 ?rel ?o . FILTER(STRSTARTS(STR(?o), STR(kge:))) }",
    "two-hop join + FILTER": ("SELECT (COUNT(*) AS ?n) WHERE { ?a kg:supports ?b . ?b kg:supports ?c . "
                              "FILTER(?a != ?c) }"),
    "GROUP BY all relations": ("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o . "
                               "FILTER(STRSTARTS(STR(?p), STR(kg:))) } GROUP BY ?p ORDER BY DESC(?n)"),
}


def synthetic_extractions(n_articles: int, n_entities: int, seed: int = 7):
    """Articles of 5 entities and 6 facts each; facts repeat across articles so they merge."""
    from kg.model import Article, Entity, Extraction, Fact, Provenance, Qualifiers

    rng = random.Random(seed)
    entities = [Entity(f"E{i}", rng.choice(["Country", "Person", "Organization"]),
                       (("en", f"Entity {i}"), ("uk", f"Сутність {i}")), (("en", f"E-{i}"),), f"Q{1000 + i}")
                for i in range(n_entities)]
    weights = [1.0 / (i + 1) ** 0.8 for i in range(n_entities)]  # a few actors are in most news
    for a in range(n_articles):
        cast = list(dict.fromkeys(rng.choices(range(n_entities), weights, k=5)))
        text = f"Article {a}: " + " ".join(f"Entity {i} acted." for i in cast)
        published = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        article = Article.create(text, title=f"Report {a}", source=rng.choice(["Wire", "Daily", "Post"]),
                                 published=published, lang="en")
        facts = []
        for k in range(6):
            s, o = rng.sample(cast, 2) if len(cast) > 1 else (cast[0], (cast[0] + 1) % n_entities)
            q = Qualifiers(domain=(rng.choice(DOMAINS),) if k % 2 else (), date=published if k % 3 == 0 else "",
                           polarity="negative" if rng.random() < 0.05 else "positive")
            facts.append(Fact(f"E{s}", rng.choice(RELATIONS), f"E{o}", q,
                              Provenance(article.id, f"Sentence {k} of article {a} about E{s} and E{o}.", 0, 10,
                                         "bench", round(rng.uniform(0.3, 0.95), 2))))
        yield Extraction(article, tuple(entities[i] for i in cast), (), tuple(facts))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- the steps, each run in its own process -------------------------------------------------------

def step_build(args) -> dict:
    import pyoxigraph as ox

    from kg.api import KnowledgeGraph

    graph = KnowledgeGraph("oxigraph", Path(args.dir) / "store", background=False)
    extractions = list(synthetic_extractions(args.articles, args.entities))
    parts = _timed_parts()
    started, cpu = time.perf_counter(), time.process_time()
    changes = graph.add_extractions(extractions, batch_size=args.batch)
    graph.store.flush()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    quads = len(graph)
    started = time.perf_counter()
    graph.store.dump(Path(args.dir) / "named.nq", "nquads")
    dump_seconds = time.perf_counter() - started
    native = graph.store.native
    native.dump(str(Path(args.dir) / "everything.nq"), ox.RdfFormat.N_QUADS)  # with the default graph
    stored = len(native)
    graph.close()
    return {"seconds": seconds, "cpu": cpu, "parts": dict(parts), "quads": quads, "stored": stored,
            "articles": changes.added, "dump_seconds": dump_seconds, "peak_rss_mb": peak_rss_mb()}


def _timed_parts() -> dict:
    """CPU seconds of the build's parts, by wrapping them: the article triples (rdflib, with
    the merge links), planning the merge (reading the store, computing merged nodes), and
    writing (quads to N-Quads text or pyoxigraph terms, the loader, the removal update)."""
    from kg.store import base, merge
    from kg.store.oxigraph import OxigraphStore

    parts = {"article triples": 0.0, "merge planning": 0.0, "writing": 0.0}

    def timed(name, fn):
        def wrapper(*a, **k):
            t = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                parts[name] += time.process_time() - t
        return wrapper

    base.merge.article_graph = timed("article triples", merge.article_graph)
    base._Plan.__init__ = timed("merge planning", base._Plan.__init__)
    OxigraphStore._apply = timed("writing", OxigraphStore._apply)
    return parts


def step_raw(args, source: str = "named", target: str = "raw") -> dict:
    import pyoxigraph as ox

    store = ox.Store(str(Path(args.dir) / target))
    started, cpu = time.perf_counter(), time.process_time()
    store.bulk_load(path=str(Path(args.dir) / f"{source}.nq"), format=ox.RdfFormat.N_QUADS)
    store.flush()
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu, "quads": len(store),
            "peak_rss_mb": peak_rss_mb()}


def step_raw_all(args) -> dict:
    return step_raw(args, "everything", "raw-all")


def step_queries(args) -> dict:
    import pyoxigraph as ox

    from kg.api import KnowledgeGraph
    from kg.vocab import PREFIXES

    graph = KnowledgeGraph("oxigraph", Path(args.dir) / "store", read_only=True, background=False)
    raw = ox.Store.read_only(str(Path(args.dir) / "raw-all"))
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    out = {}
    for name, query in QUERIES.items():
        def through_store(query=query):
            return graph.sparql(query).rows

        def through_raw(query=query):
            return [tuple(row) for row in raw.query(query, prefixes=prefixes)]
        rows = {"store": len(through_store()), "raw": len(through_raw())}
        out[name] = {"store_ms": _median_ms(through_store, args.repeat), "raw_ms": _median_ms(through_raw, args.repeat),
                     "rows": rows}
    return out


def step_rebuild(args) -> dict:
    from kg.build import build

    news = Path(args.dir) / "news"
    news.mkdir(exist_ok=True)
    for n, extraction in enumerate(synthetic_extractions(args.files, args.entities, seed=11)):
        (news / f"{n:05d}.txt").write_text(f"{extraction.article.title}\n\n{extraction.article.text}\n")
    out = Path(args.dir) / "out"
    timings = []
    for _ in range(2):
        started = time.perf_counter()
        report = build([news], out, html=False)
        timings.append((time.perf_counter() - started, report.read, report.skipped))
    return {"first_s": timings[0][0], "first_read": timings[0][1], "again_s": timings[1][0],
            "again_read": timings[1][1], "again_unchanged": timings[1][2]}


def _median_ms(fn, repeat: int) -> float:
    fn()  # warm the caches
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def step_extract(args) -> dict:
    import pickle

    from kg.pipeline import extract_paths

    started = time.perf_counter()
    extractions = [x for x in extract_paths(args.corpus) if not isinstance(x, Exception)]
    (Path(args.dir) / "extractions.pkl").write_bytes(pickle.dumps(extractions))
    words = sum(len(x.article.text.split()) for x in extractions)
    return {"articles": len(extractions), "words": words, "seconds": time.perf_counter() - started}


def step_real_build(args) -> dict:
    import pickle

    from kg.api import KnowledgeGraph
    from kg.vocab import GAZETTEER_GRAPH, KGA, KGM, MERGED_GRAPH

    extractions = pickle.loads((Path(args.dir) / "extractions.pkl").read_bytes())
    folder = Path(args.dir) / f"real-{args.mentions}"
    graph = KnowledgeGraph("oxigraph", folder, background=True)  # the background, as kg build has it
    graph.store.mentions = args.mentions
    graph.store.flush()
    background_mb = disk_mb(folder)
    started = time.perf_counter()
    graph.add_extractions(extractions, batch_size=args.batch)
    graph.store.flush()
    seconds = time.perf_counter() - started
    built_mb = disk_mb(folder)
    started = time.perf_counter()
    if hasattr(graph.store, "compact"):  # absent before kg had it: the bench also measures older versions
        graph.store.compact()
    compact_seconds = time.perf_counter() - started
    native = graph.store.native
    count = lambda q: int(next(iter(native.query(q)))[0].value)  # noqa: E731
    figures = {
        "seconds": seconds, "compact_seconds": compact_seconds, "background_mb": background_mb,
        "built_mb": built_mb, "compacted_mb": disk_mb(folder), "stored": len(native), "named": len(graph),
        "articles": len(graph.store.article_ids()),
        "article_quads": count(f'SELECT (COUNT(*) AS ?n) {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{KGA}")) }}'),
        "mention_quads": count(f'SELECT (COUNT(*) AS ?n) {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?s), "{KGM}")) }}'),
        "merged": count(f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{MERGED_GRAPH}> {{ ?s ?p ?o }} }}"),
        "background": count(f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{GAZETTEER_GRAPH}> {{ ?s ?p ?o }} }}"),
        "default": count("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"),
        "peak_rss_mb": peak_rss_mb()}
    native.dump(str(Path(args.dir) / f"real-{args.mentions}.nq"), ox_format("N_QUADS"))
    graph.close()
    return figures


def step_real_raw(args) -> dict:
    import pyoxigraph as ox

    folder = Path(args.dir) / f"real-{args.mentions}-raw"
    store = ox.Store(str(folder))
    started = time.perf_counter()
    store.bulk_load(path=str(Path(args.dir) / f"real-{args.mentions}.nq"), format=ox.RdfFormat.N_QUADS)
    store.flush()
    seconds = time.perf_counter() - started
    loaded_mb = disk_mb(folder)
    store.optimize()
    return {"seconds": seconds, "quads": len(store), "loaded_mb": loaded_mb, "optimized_mb": disk_mb(folder)}


def ox_format(name: str):
    import pyoxigraph as ox

    return getattr(ox.RdfFormat, name)


def disk_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in Path(folder).rglob("*") if f.is_file()) / 1e6


STEPS = {"build": step_build, "raw": step_raw, "raw-all": step_raw_all, "queries": step_queries,
         "rebuild": step_rebuild, "extract": step_extract, "real-build": step_real_build,
         "real-raw": step_real_raw}


def run_step(step: str, args, workdir: str) -> dict:
    cmd = [sys.executable, __file__, "--step", step, "--dir", workdir, "--articles", str(args.articles),
           "--entities", str(args.entities), "--batch", str(args.batch), "--repeat", str(args.repeat),
           "--files", str(args.files), "--mentions", args.mentions] + ["--corpus", *(args.corpus or [])] * bool(args.corpus)
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"step {step} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="target quads in the store")
    parser.add_argument("--articles", type=int, default=0, help="articles (default: from --size)")
    parser.add_argument("--entities", type=int, default=0, help="distinct entities (default: articles / 4)")
    parser.add_argument("--batch", type=int, default=1000, help="articles per store update")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query (median)")
    parser.add_argument("--files", type=int, default=500, help="article files for the rebuild measure")
    parser.add_argument("--corpus", nargs="+", metavar="PATH", help="real article files and folders")
    parser.add_argument("--modes", default="compact,full,none", help="mention modes to build with --corpus")
    parser.add_argument("--mentions", default="compact", help=argparse.SUPPRESS)
    parser.add_argument("--step", choices=sorted(STEPS), help=argparse.SUPPRESS)
    parser.add_argument("--dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.articles = args.articles or max(args.size // 150, 10)
    args.entities = args.entities or max(args.articles // 4, 10)
    if args.step:
        print(json.dumps(STEPS[args.step](args)))
        return
    if args.corpus:
        args.batch = 200 if args.batch == 1000 else args.batch  # kg build's batch size
        with tempfile.TemporaryDirectory(prefix="kg-bench-") as workdir:
            extracted = run_step("extract", args, workdir)
            runs = {}
            for mode in args.modes.split(","):
                args.mentions = mode
                runs[mode] = (run_step("real-build", args, workdir), run_step("real-raw", args, workdir))
        report_real(args, extracted, runs)
        return
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as workdir:
        build = run_step("build", args, workdir)
        raw = run_step("raw", args, workdir)
        raw_all = run_step("raw-all", args, workdir)
        queries = run_step("queries", args, workdir)
        rebuild = run_step("rebuild", args, workdir)
    report(args, build, raw, raw_all, queries, rebuild)


def report(args, build: dict, raw: dict, raw_all: dict, queries: dict, rebuild: dict) -> None:
    print(f"corpus: {args.articles:,} synthetic articles, {args.entities:,} entities, batches of {args.batch}")
    print(f"store:  {build['quads']:,} quads in named graphs, {build['stored']:,} stored with the default graph")
    print(f"build through the store           {build['seconds']:7.1f} s   peak RSS {build['peak_rss_mb']:6.0f} MB")
    print(f"bulk load, named-graph quads      {raw['seconds']:7.1f} s   peak RSS {raw['peak_rss_mb']:6.0f} MB"
          f"   → build is {build['seconds'] / raw['seconds']:.2f}×")
    print(f"bulk load, all {raw_all['quads']:,} stored quads {raw_all['seconds']:5.1f} s   peak RSS "
          f"{raw_all['peak_rss_mb']:6.0f} MB   → build is {build['seconds'] / raw_all['seconds']:.2f}×")
    print(f"CPU time: build {build['cpu']:.1f} s ({', '.join(f'{k} {v:.1f} s' for k, v in build['parts'].items())}); "
          f"bulk loads {raw['cpu']:.1f} s / {raw_all['cpu']:.1f} s → build is {build['cpu'] / raw['cpu']:.2f}× / "
          f"{build['cpu'] / raw_all['cpu']:.2f}× (the loader's own threads counted)")
    print(f"N-Quads dump of the store {build['dump_seconds']:7.1f} s")
    print(f"kg build, {args.files} files: first {rebuild['first_s']:.1f} s ({rebuild['first_read']} read), "
          f"unchanged rebuild {rebuild['again_s']:.2f} s ({rebuild['again_unchanged']} skipped) "
          f"→ {100 * rebuild['again_s'] / rebuild['first_s']:.0f}% of the first")
    print("SPARQL (median ms)            store      raw   ratio   rows store/raw")
    for name, q in queries.items():
        print(f"  {name:<26} {q['store_ms']:8.1f} {q['raw_ms']:8.1f}   {q['store_ms'] / max(q['raw_ms'], 1e-9):4.2f}×"
              f"   {q['rows']['store']}/{q['rows']['raw']}")


def report_real(args, extracted: dict, runs: dict) -> None:
    n = extracted["articles"]
    print(f"corpus: {n} articles, {extracted['words']:,} words ({' '.join(args.corpus)}); "
          f"extracted in {extracted['seconds']:.1f} s (not part of the figures below); batches of {args.batch}")
    for mode, (b, raw) in runs.items():
        print(f"\nmentions={mode}: {b['stored']:,} quads stored ({b['named']:,} in named graphs: "
              f"{b['article_quads']:,} in article graphs, {b['merged']:,} merged, {b['background']:,} background; "
              f"{b['default']:,} in the default graph)")
        print(f"  per article: {(b['stored'] - 2 * b['background']) / n:.0f} quads stored beyond the background, "
              f"{b['article_quads'] / n:.0f} in its graph, of which {b['mention_quads'] / n:.0f} mention annotations")
        print(f"  build through the store   {b['seconds']:7.2f} s   bulk load of the same quads {raw['seconds']:6.2f} s"
              f"   → {b['seconds'] / raw['seconds']:.2f}×   (compaction after the build {b['compact_seconds']:.2f} s)")
        print(f"  on disk: store {b['built_mb']:6.1f} MB after the build, {b['compacted_mb']:6.1f} MB compacted; "
              f"fresh bulk load {raw['loaded_mb']:6.1f} MB ({raw['optimized_mb']:.1f} MB optimised)"
              f"   → {b['compacted_mb'] / raw['loaded_mb']:.2f}×   (background alone {b['background_mb']:.1f} MB)")


if __name__ == "__main__":
    main()

"""How fast the page of a big graph opens: a graph of 100,000 articles in headless Chromium.

Run from the repository root:

    .venv/bin/python bench/big_page_bench.py                       # 100,000 articles
    .venv/bin/python bench/big_page_bench.py --articles 10000 --runs 3

The graph is synthetic, with the schema of `KnowledgeGraph.to_networkx()`: each article
gives three facts between entities drawn with Zipf-like popularity (a few states in most
news, a long tail of people and places), merged per (subject, relation, object) as the
store merges them, so support, article lists and evidence grow as they do in a real build.
The page draws the `--max-nodes` best-connected entities (write_html's default, 500); the
rest is in the page, compact, for the search. Measured, median over --runs page loads:

- write: `write_html` of the whole graph (s), and the page's size (MB);
- before scripts: the bytes the parser reads before the page's scripts run (MB): the
  drawing's data and the scripts; the rest of the graph comes after them;
- first draw: navigation start → vis-network's first `afterDrawing` (ms);
- CPU to first draw: the page's main thread's CPU time until the first draw (ms), from
  Chromium's trace, in a separate load: the wall-clock figures follow the machine's load;
- ready: navigation start → names placed and the page answering (ms), as the page records it
  (`kg.timings.ready`; the names are now placed before the first frame, so it is the first draw);
- search: Find on an entity that was not drawn → its node and panel shown (ms): the first
  search unpacks the index of names and the one chunk of facts the entity needs;
- click: the best-connected entity drawn → up to 200 more of its facts drawn (ms): the
  biggest chunk of the page to unpack;
- load: the 1-minute load average when the runs ended (the figures scale with it).
bench/README_html.md records the figures.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as `python -P bench/…` too
from chromium_page import launch, open_ready  # noqa: E402

from kg.export.html import write_html  # noqa: E402
from kg.model import RELATIONS, SYMMETRIC  # noqa: E402

TYPES = [("Country", 3), ("Person", 40), ("Organization", 12), ("Agency", 8), ("Company", 8),
         ("Media", 4), ("ArmedGroup", 3), ("City", 12), ("Region", 5), ("Event", 3), ("Summit", 2)]
SOURCES = [f"Source {i}" for i in range(60)]


def synthetic_graph(n_articles: int, seed: int = 1) -> nx.MultiDiGraph:
    rnd = random.Random(seed)
    n_entities = max(50, n_articles // 3)
    kinds = [t for t, w in TYPES for _ in range(w)]
    weights = list(itertools.accumulate(1.0 / (i + 1) ** 0.9 for i in range(n_entities)))
    g = nx.MultiDiGraph()
    for i in range(n_entities):
        g.add_node(f"E{i}", type="Country" if i < 40 else rnd.choice(kinds), label=f"Entity {i}",
                   labels={"en": f"Entity {i}", "uk": f"Сутність {i}", "ru": f"Сущность {i}"},
                   wikidata=f"Q{1000 + i}", mentions=0)
    merged: dict[tuple, dict] = {}
    for a in range(n_articles):
        art = {"id": f"a{a}", "title": f"Report number {a} on regional affairs",
               "source": rnd.choice(SOURCES), "url": f"https://news.example.org/{a}",
               "published": f"{rnd.choice((2023, 2024, 2025))}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"}
        ents = rnd.choices(range(n_entities), cum_weights=weights, k=4)
        for e in set(ents):
            g.nodes[f"E{e}"]["mentions"] += 1
        for u, v in ((ents[0], ents[1]), (ents[0], ents[2]), (ents[3], ents[1])):
            if u == v:
                continue
            rel = rnd.choice(RELATIONS)
            if rel in SYMMETRIC and u > v:
                u, v = v, u
            fact = merged.setdefault((u, v, rel), {"articles": [], "evidence": []})
            fact["articles"].append(art)
            if len(fact["evidence"]) < 3:
                fact["evidence"].append(f"Entity {u} and Entity {v} were said to {rel} in report {a}.")
    for (u, v, rel), fact in merged.items():
        arts = fact["articles"]
        g.add_edge(f"E{u}", f"E{v}", key=rel, relation=rel, symmetric=rel in SYMMETRIC,
                   domain=[rnd.choice(("security", "trade", "energy", "political"))],
                   date=arts[0]["published"], start="", end="", place="", trend="", polarity="",
                   support=len(arts), confidence=round(rnd.uniform(0.4, 0.95), 2),
                   evidence=fact["evidence"], articles=arts)
    return g


def measure(browser, path: Path, query: str) -> dict:
    page, _ = open_ready(browser, path, height=900, timeout_ms=120_000)
    first, ready = page.evaluate("[kg.timings.firstDraw, kg.timings.ready]")
    search = page.evaluate("""async q => { const t = performance.now(); const key = await kg.search(q);
        const ok = key && document.getElementById('kg-panel').getAttribute('data-kind') === 'node';
        return ok ? performance.now() - t : -1; }""", query)
    # a click on the best-connected entity drawn: the biggest chunk of facts to unpack and draw
    click = page.evaluate("""async () => {
        const hub = kg.nodes.get().sort((a, b) => b.size - a.size || (a.id < b.id ? -1 : 1))[0].id;
        const before = kg.nodes.length, t = performance.now();
        await kg.reveal(String(hub));
        kg.network.redraw();
        return kg.nodes.length > before ? performance.now() - t : -1; }""")
    page.close()
    return {"first": first, "ready": ready, "search": search, "click": click}


def before_scripts(path: Path) -> int:
    """Bytes of the page up to the end of its last script: what the parser reads, decodes and
    runs before the first drawing can start."""
    data = path.read_bytes()
    return data.rindex(b"</script>", 0, data.find(b'<script type="application/octet-stream"') % (len(data) + 1))


def main_thread_cpu(browser, path: Path) -> float:
    """CPU time (ms) of the page's main thread from navigation to the first draw, from
    Chromium's trace: unlike the wall-clock times, it hardly moves with the machine's load.
    The page marks its first draw (`kg-first-draw`); the mark names the thread and the end."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
    browser.start_tracing(page=page, categories=["devtools.timeline", "disabled-by-default-devtools.timeline",
                                                 "blink.user_timing"])
    page.goto(path.as_uri())
    page.wait_for_function("() => window.kg && window.kg.ready === true", timeout=120_000)
    first = page.evaluate("kg.timings.firstDraw")
    trace = json.loads(browser.stop_tracing())
    page.close()
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    mark = next(e for e in events if e.get("name") == "kg-first-draw")
    thread, end = (mark["pid"], mark["tid"]), mark["ts"]
    start = end - first * 1000  # firstDraw counts from the navigation's start
    return sum(e["tdur"] for e in events if (e["pid"], e["tid"]) == thread and e.get("name") == "RunTask"
               and "tdur" in e and start <= e["ts"] <= end) / 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--max-nodes", type=int, default=500)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    t = time.perf_counter()
    g = synthetic_graph(args.articles)
    made = time.perf_counter() - t
    print(f"{args.articles:,} articles: {g.number_of_nodes():,} entities, {g.number_of_edges():,} facts "
          f"(made in {made:.1f} s)", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.html"
        t = time.perf_counter()
        report = write_html(g, path, max_nodes=args.max_nodes)
        wrote = time.perf_counter() - t
        size = path.stat().st_size / 1e6
        head = before_scripts(path) / 1e6
        print(f"write {wrote:.1f} s, {size:.1f} MB, drawn {report.nodes} entities / {report.edges} facts", flush=True)
        # an entity with a few relations, far down the ranking: not drawn at first
        query = f"Entity {g.number_of_nodes() - 5}"
        with sync_playwright() as p:
            browser = launch(p)
            runs = [{**measure(browser, path, query), "cpu": main_thread_cpu(browser, path)}
                    for _ in range(args.runs)]
            browser.close()
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    load = os.getloadavg()[0]
    print(f"runs (ms): {runs}")
    print("| articles | entities | facts | drawn | write (s) | page (MB) | before scripts (MB) | first draw (ms) | CPU to first draw (ms) "
          "| ready (ms) | search → panel (ms) | click hub → neighbourhood (ms) | load |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    print(f"| {args.articles:,} | {g.number_of_nodes():,} | {g.number_of_edges():,} | {report.nodes} | "
          f"{wrote:.1f} | {size:.1f} | {head:.2f} | {med['first']:.0f} | {med['cpu']:.0f} | {med['ready']:.0f} | {med['search']:.0f} "
          f"| {med['click']:.0f} | {load:.1f} |")
    if any(r["search"] < 0 for r in runs):
        sys.exit("the search did not reach an entity that was not drawn")
    if any(r["click"] < 0 for r in runs):
        sys.exit("a click on the biggest hub drew nothing more")


if __name__ == "__main__":
    main()

"""How fast the graph page is: writing it, and drawing and using it in headless Chromium.

Run from the repository root:

    .venv/bin/python bench/html_bench.py                 # 500/1,500 and 5,000/15,000
    .venv/bin/python bench/html_bench.py --sizes 2000x6000 --runs 5

For each size it builds a synthetic graph with the schema of `KnowledgeGraph.to_networkx()`
(hubs like real news graphs: a few states everybody relates to), writes the page, then
opens it from file:// in Debian's chromium with the network blocked and measures:

- first draw: navigation start → vis-network's first `afterDrawing` (physics is off:
  the layout is computed in Python, so the first draw is the settled layout);
- redraw at fit, and zoomed in where labels show;
- one frame while dragging or zooming (vis-network hides edges then, on big graphs);
- a filter change (hide the commonest relation) until the redraw after it;
- a click on the biggest node until its side panel is filled.
Figures are medians over --runs page loads. bench/README_html.md records them.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from chromium_page import CHROMIUM, launch, open_ready

from kg.export.html import write_html
from kg.model import RELATIONS, SYMMETRIC

TYPES = [("Country", 6), ("Person", 35), ("Organization", 15), ("Agency", 8), ("Company", 8),
         ("Media", 5), ("ArmedGroup", 4), ("City", 8), ("Region", 4), ("Event", 4), ("Summit", 3)]
SOURCES = [f"Source {i}" for i in range(40)]


def synthetic_graph(n_nodes: int, n_edges: int, seed: int = 1) -> nx.MultiDiGraph:
    rnd = random.Random(seed)
    skeleton = nx.barabasi_albert_graph(n_nodes, max(1, n_edges // n_nodes), seed=seed)
    pairs = list(skeleton.edges())
    while len(pairs) < n_edges:
        pairs.append((rnd.randrange(n_nodes), rnd.randrange(n_nodes)))
    kinds = [t for t, w in TYPES for _ in range(w)]
    pool = [{"id": f"a{i}", "title": f"Report number {i} on regional affairs",
             "source": rnd.choice(SOURCES), "url": f"https://news.example.org/{i}",
             "published": f"{rnd.choice((2023, 2024, 2025))}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"}
            for i in range(max(200, n_edges // 4))]
    g = nx.MultiDiGraph()
    for i in range(n_nodes):
        g.add_node(f"E{i}", type=rnd.choice(kinds), label=f"Entity {i}",
                   labels={"en": f"Entity {i}", "uk": f"Сутність {i}", "ru": f"Сущность {i}"},
                   wikidata=f"Q{1000 + i}", mentions=rnd.randint(1, 40))
    for u, v in pairs[:n_edges]:
        rel = rnd.choice(RELATIONS)
        arts = rnd.sample(pool, rnd.randint(1, 3))
        g.add_edge(f"E{u}", f"E{v}", key=rel, relation=rel, symmetric=rel in SYMMETRIC,
                   domain=[rnd.choice(("security", "trade", "energy", "political"))],
                   date=arts[0]["published"], start="", end="", place="", trend="", polarity="",
                   support=len(arts), confidence=round(rnd.uniform(0.4, 0.95), 2),
                   evidence=[f"Entity {u} and Entity {v} were said to {rel} in a statement."],
                   articles=arts)
    return g


MEASURE_REDRAW = """() => new Promise(done => {
    const t = performance.now();
    kg.network.once('afterDrawing', () => done(performance.now() - t));
    kg.network.redraw(); })"""
MEASURE_FILTER = """() => new Promise(done => {
    const box = document.querySelector('input.kg-f-rel');
    const t = performance.now();
    kg.network.once('afterDrawing', () => {
        const dt = performance.now() - t; box.checked = true; kg.applyFilters(); done(dt); });
    box.checked = false; kg.applyFilters(); })"""
MEASURE_CLICK = """() => {
    const ids = kg.nodes.getIds(); let best = ids[0];
    for (const id of ids) if (kg.info.nodes[id].degree > kg.info.nodes[best].degree) best = id;
    const t = performance.now();
    kg.network.emit('click', {nodes: [best], edges: []});
    return [performance.now() - t, document.getElementById('kg-panel').hidden, best]; }"""
MEASURE_DRAG = """() => new Promise(done => {
    // what a frame costs while the view is dragged or zoomed: vis hides the edges then
    const r = kg.network.renderer, t = performance.now();
    r.dragging = true;
    kg.network.once('afterDrawing', () => { r.dragging = false; done(performance.now() - t); });
    kg.network.redraw(); })"""
ZOOM_IN = """() => { const ids = kg.nodes.getIds(); const p = kg.network.getPositions([ids[0]])[ids[0]];
                     kg.network.moveTo({position: p, scale: 1.0}); }"""


def measure_page(browser, path: Path) -> dict:
    page, blocked = open_ready(browser, path, height=860, timeout_ms=300_000)
    out = {"first_draw": page.evaluate("kg.timings.firstDraw"),
           "redraw_fit": page.evaluate(MEASURE_REDRAW),
           "filter": page.evaluate(MEASURE_FILTER)}
    click_ms, hidden, _ = page.evaluate(MEASURE_CLICK)
    assert not hidden, "the side panel did not open"
    page.evaluate(ZOOM_IN)
    out.update(click_panel=click_ms, redraw_zoomed=page.evaluate(MEASURE_REDRAW),
               drag_frame=page.evaluate(MEASURE_DRAG))
    assert not blocked, f"the page tried the network: {blocked}"
    page.close()
    return out


def bench(sizes: list[tuple[int, int]], runs: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = launch(p)
        for n, m in sizes:
            g = synthetic_graph(n, m)
            path = Path(tmp) / f"bench-{n}.html"
            started = time.perf_counter()
            report = write_html(g, path, max_nodes=n, title=f"bench {n}")
            write_s = time.perf_counter() - started
            samples = [measure_page(browser, path) for _ in range(runs)]
            row = {k: statistics.median(s[k] for s in samples) for k in samples[0]}
            row.update(nodes=report.nodes, edges=report.edges, write_s=write_s,
                       mb=path.stat().st_size / 1e6)
            rows.append(row)
            print(format_row(row), flush=True)
        browser.close()
    return rows


HEADER = ("| nodes / edges | write page (s) | page size (MB) | first draw (ms) | redraw at fit (ms) "
          "| redraw zoomed in (ms) | frame while dragging (ms) | filter change (ms) | click → panel (ms) |\n"
          "| --- | --- | --- | --- | --- | --- | --- | --- | --- |")


def format_row(r: dict) -> str:
    return (f"| {r['nodes']:,} / {r['edges']:,} | {r['write_s']:.2f} | {r['mb']:.1f} "
            f"| {r['first_draw']:.0f} | {r['redraw_fit']:.0f} | {r['redraw_zoomed']:.0f} | {r['drag_frame']:.0f} "
            f"| {r['filter']:.0f} | {r['click_panel']:.1f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="500x1500,5000x15000",
                        help="comma-separated NODESxEDGES (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=3, help="page loads per size (median)")
    args = parser.parse_args(argv)
    sizes = [tuple(int(x) for x in s.split("x")) for s in args.sizes.split(",")]
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: apt-get install chromium", file=sys.stderr)
        return 1
    print(HEADER, flush=True)
    bench(sizes, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Time per fuzzed text: no text under 10 KB should take over 1 s to extract.

    python bench/fuzz_bench.py [--cases 2000] [--seed 0]

Draws texts, languages and publication dates from the strategies the test suite fuzzes with
(tests/strategies.py), extracts each once and reports CPU seconds of this process (the wall
clock of a shared machine measures the neighbours): the slowest cases with their size, and how
many texts under 10 KB took over 1 s. Crashes are counted too (the suite fails on any).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402

from kg.ingest.langid import _detector  # noqa: E402
from kg.model import Article  # noqa: E402
from kg.pipeline import extract  # noqa: E402
from strategies import published, texts  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    for text, lang in (("Kazakhstan met China.", "en"), ("Казахстан і Китай.", "uk"), ("Казахстан и Китай.", "ru"),
                       ("Kazakhstan met China.", None)):
        extract(Article.create(text, lang=lang))  # warm-up: resources, not the subject
    detector, _ = _detector()
    if detector is not None:  # lingua loads its models at its first detection
        detector.detect_language_of("Казахстан і Китай, Казахстан и Китай")
    timings, crashes = [], []

    @settings(max_examples=args.cases, deadline=None, database=None, phases=["generate"],
              suppress_health_check=list(HealthCheck))
    @given(text=texts(), lang=st.sampled_from([None, "en", "uk", "ru"]), date=published())
    def run(text, lang, date):
        if not text.strip():
            return
        t0 = time.process_time()
        try:
            extract(Article.create(text, lang=lang, published=date))
        except Exception as e:  # noqa: BLE001 - counted, shown below
            crashes.append((type(e).__name__, str(e)[:80], text[:60]))
        timings.append((time.process_time() - t0, len(text.encode("utf-8")), text[:50]))

    seed(args.seed)(run)()
    timings.sort(reverse=True)
    small = [t for t in timings if t[1] < 10 * 1024]
    print(f"{len(timings)} texts, {sum(t[1] for t in timings) / max(len(timings), 1):,.0f} bytes on average, "
          f"largest {max(t[1] for t in timings):,} bytes")
    print(f"total {sum(t[0] for t in timings):.1f} CPU s; texts under 10 KB over 1 s: {sum(t[0] > 1 for t in small)}; "
          f"crashes: {len(crashes)}")
    print("slowest:")
    for seconds, size, head in timings[:5]:
        print(f"  {seconds:6.3f} s  {size:7,} bytes  {head!r}")
    for crash in crashes[:10]:
        print("crash:", crash)
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())

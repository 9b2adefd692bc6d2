"""Extraction time against article size: is it linear?

    python bench/size_bench.py [--sizes 1,4,16,64,256,1024] [--langs en,uk,ru]

For each language, texts of each size (in KB of UTF-8) are made from the project's own
annotated articles (tests/corpus): their bodies one after another, as often as needed, cut at a
sentence end. Each text is extracted once after a warm-up (dictionaries, gazetteer and lexicons
loaded before any clock starts), and the table gives CPU seconds of this process (not wall
time: on a shared machine the wall clock measures the neighbours), microseconds per character,
and that cost relative to the smallest size. Linear extraction keeps the last column near 1;
the slope fitted on log(time) against log(size) from 16 KB up says the same in one number
(1.0 is linear, 2.0 quadratic).
"""
from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.ingest import read_paths  # noqa: E402
from kg.model import Article  # noqa: E402
from kg.pipeline import extract  # noqa: E402


def bodies(lang: str) -> list[str]:
    corpus = sorted(p for p in (ROOT / "tests" / "corpus").glob(f"{lang}-*.md"))
    return [a.text for a in read_paths(corpus) if isinstance(a, Article)]


def text_of(size: int, parts: list[str]) -> str:
    """About `size` bytes of text, whole articles one after another, cut after a full stop."""
    out, n, i = [], 0, 0
    while n < size:
        part = parts[i % len(parts)]
        out.append(part)
        n += len(part.encode("utf-8")) + 2
        i += 1
    text = "\n\n".join(out).encode("utf-8")[:size].decode("utf-8", "ignore")
    cut = text.rfind(". ")
    return text[: cut + 1] if cut > size // 2 else text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1,4,16,64,256,1024", help="sizes in KB (default 1,4,16,64,256,1024)")
    ap.add_argument("--langs", default="en,uk,ru")
    args = ap.parse_args()
    sizes = [int(s) * 1024 for s in args.sizes.split(",")]
    print("| lang | size | characters | CPU s | µs/char | cost vs smallest |")
    print("| --- | --- | --- | --- | --- | --- |")
    for lang in args.langs.split(","):
        parts = bodies(lang)
        extract(Article.create(parts[0], lang=lang))  # warm-up: resources, not the subject
        rows = []
        for size in sizes:
            text = text_of(size, parts)
            article = Article.create(text, lang=lang, published="2024-05-01")
            t0 = time.process_time()
            extract(article)
            seconds = time.process_time() - t0
            rows.append((size, len(text), seconds))
            base, per = rows[0][2] / rows[0][1], seconds / len(text)
            print(f"| {lang} | {size // 1024} KB | {len(text):,} | {seconds:.2f} | {per * 1e6:.1f} | {per / base:.2f} |",
                  flush=True)
        big = [(math.log(c), math.log(max(s, 1e-6))) for sz, c, s in rows if sz >= 16 * 1024]
        if len(big) >= 2:
            mx, my = sum(x for x, _ in big) / len(big), sum(y for _, y in big) / len(big)
            slope = sum((x - mx) * (y - my) for x, y in big) / sum((x - mx) ** 2 for x, _ in big)
            print(f"| {lang} | slope from 16 KB | | | | {slope:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

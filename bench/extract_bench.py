"""How fast extraction runs, against the floor that morphology sets.

    python bench/extract_bench.py [PATH ...] [--repeat N]

Reads the articles under PATH (default: examples/articles, plus the shared dev set and seed
where they are beside the project), and reports, in words per second over the same text:

- floor: tokenising and lemmatising every word with pymorphy3 (uk/ru) or simplemma (en),
  with a cache — the least any extractor built on lemmas must spend;
- entity layer: parsing plus the entity layer (gazetteer, roles, new names, groups);
- kg extract: the whole article → Extraction pipeline, and its ratio to the floor.

Each pass starts with empty caches, so repeated text does not flatter the figures.
"""
from __future__ import annotations

import argparse
import sys
import time
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg import schema  # noqa: E402
from kg.extract import entities, names  # noqa: E402
from kg.extract.entities import build_entities  # noqa: E402
from kg.extract.lexicon import load_lexicon  # noqa: E402
from kg.gazetteer import load as load_gazetteer  # noqa: E402
from kg.gazetteer.match import match_names  # noqa: E402
from kg.ingest import read_paths  # noqa: E402
from kg.model import Article  # noqa: E402
from kg.nlp import morph, parse, tokenize  # noqa: E402
from kg.pipeline import extract  # noqa: E402


def default_paths() -> list[Path]:
    shared = ROOT.parent / "shared"
    return [p for p in (ROOT / "examples" / "articles", shared / "eval" / "dev", shared / "seeds") if p.exists()]


def floor(articles: list[Article]) -> float:
    """Seconds to tokenise and lemmatise every word with a cache of its own."""
    import pymorphy3
    import simplemma

    analysers = {lang: pymorphy3.MorphAnalyzer(lang=lang) for lang in ("uk", "ru")}

    @lru_cache(maxsize=None)
    def lemma(word: str, lang: str) -> str:
        if lang in analysers:
            return analysers[lang].parse(word)[0].normal_form
        return simplemma.lemmatize(word.lower(), lang="en")

    t0 = time.process_time()
    for a in articles:
        for word, _, _ in tokenize(a.text):
            lemma(word, a.lang)
    return time.process_time() - t0


def clear_caches() -> None:
    morph.analyse.cache_clear()
    morph._simplemma.cache_clear()
    if hasattr(morph, "readings"):
        morph.readings.cache_clear()
    # the per-word caches of the entity layer too, so a pass does not reuse the one before's
    entities._writes_own_script.cache_clear()
    names.name_key.cache_clear()
    entities._NOMINATIVES.clear()


def entity_layer(articles: list[Article]) -> float:
    gaz = load_gazetteer()
    t0 = time.process_time()
    for a in articles:
        build_entities(parse(a.text, a.lang), a, gaz, load_lexicon(a.lang))
    return time.process_time() - t0


def whole(articles: list[Article]) -> float:
    t0 = time.process_time()
    for a in articles:
        extract(a)
    return time.process_time() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=20, help="read the set this many times (default 20)")
    args = ap.parse_args()
    base = [a for a in read_paths(args.paths or default_paths()) if isinstance(a, Article)]
    # Each copy differs by its id only; caches are cleared between measurements, not copies.
    articles = base * args.repeat
    words = sum(len(tokenize(a.text)) for a in articles)
    # start-up (dictionaries, gazetteer, lexicons) is not the subject: load it all first
    gaz = load_gazetteer()
    for lang in schema.load().languages:  # lexicons and the gazetteer's phrase index per language
        load_lexicon(lang)
        match_names(parse("-", lang), gaz)
    morph._morph("uk"), morph._morph("ru"), morph._simplemma("warm", "en")
    results = {}
    for name, fn in (("floor (lemmas, cached)", floor), ("entity layer", entity_layer), ("kg extract", whole)):
        clear_caches()
        results[name] = fn(articles)
    print(f"{len(articles)} articles ({len(base)} distinct), {words:,} words")
    for name, seconds in results.items():
        print(f"{name:24s} {seconds:7.2f} s  {words / seconds:10,.0f} words/s")
    ratio = results["kg extract"] / results["floor (lemmas, cached)"]
    print(f"kg extract / floor: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The graph as plain-text tables for people: its facts, then its entities.

`kg extract FILE --format table` and `kg export DIR --format table` write these; the
columns are aligned for a terminal and every cell is one line, clipped.

>>> import kg
>>> g = kg.KnowledgeGraph(background=False)
>>> a = kg.Article.create("China and Kazakhstan agreed to deepen security cooperation.", lang="en")
>>> _ = g.add_extraction(kg.Extraction(a,
...     (kg.Entity("China", "Country", (("en", "China"),)), kg.Entity("Kazakhstan", "Country")), (),
...     (kg.Fact("China", "cooperatesWith", "Kazakhstan", kg.Qualifiers(domain=("security",)),
...              kg.Provenance(a.id, a.text, confidence=0.8)),)))
>>> print(fact_table(g))
subject  relation        object      qualifiers        confidence  evidence
-------  --------------  ----------  ----------------  ----------  -----------------------------------------------------------
China    cooperatesWith  Kazakhstan  domain: security  0.80        China and Kazakhstan agreed to deepen security cooperation.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ..atomic import atomic_write

EVIDENCE_WIDTH = 60


def aligned(header: Sequence[str], rows: Sequence[Sequence[str]], width: int = 60) -> str:
    """An aligned table: a header line, a rule, one line per row, each cell clipped to `width`."""
    cells = [[_clip(c, width) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    return "\n".join(lines)


def qualifier_text(fact) -> str:
    """The qualifiers that are set, as ``name: value`` pairs."""
    q = fact.qualifiers
    parts = [("domain", ", ".join(q.domain)), ("date", q.date), ("from", q.start), ("until", q.end),
             ("place", q.place), ("trend", q.trend), ("modality", q.modality)]
    return "; ".join(f"{name}: {value}" for name, value in parts if value)


def fact_table(graph) -> str:
    """The merged facts of a `KnowledgeGraph`, a negative one with its relation as ``not …``."""
    rows = [(f.subject, f.relation if f.qualifiers.polarity != "negative" else f"not {f.relation}",
             f.object, qualifier_text(f), f"{f.provenance.confidence:.2f}", f.provenance.sentence)
            for f in graph.facts()]
    return aligned(("subject", "relation", "object", "qualifiers", "confidence", "evidence"), rows,
                   EVIDENCE_WIDTH)


def entity_table(graph) -> str:
    """The entities the articles name: id, type, English (or any) name and Wikidata item."""
    rows = [(e.id, e.type, e.label("en"), e.wikidata) for e in graph.entities()]
    return aligned(("entity", "type", "name", "wikidata"), rows)


def tables(graph) -> str:
    """Both tables with their counts, as `write_table` writes them."""
    facts, entities = fact_table(graph), entity_table(graph)
    n_facts, n_entities = facts.count("\n") - 1, entities.count("\n") - 1
    return (f"{n_facts} fact{'s' * (n_facts != 1)}\n\n{facts}\n\n"
            f"{n_entities} entit{'ies' if n_entities != 1 else 'y'}\n\n{entities}\n")


def write_table(graph, path: str | os.PathLike, **_options) -> Path:
    """Write `tables(graph)` to `path` (atomically, UTF-8)."""
    target = Path(path)
    with atomic_write(target) as out:
        out.write(tables(graph).encode("utf-8"))
    return target


def _clip(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"

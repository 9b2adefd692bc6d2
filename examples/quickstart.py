"""kg in a few lines: read the example articles, look at facts, ask SPARQL, draw the graph.

Run from anywhere:  python examples/quickstart.py
"""
from pathlib import Path

import kg

HERE = Path(__file__).resolve().parent

g = kg.KnowledgeGraph()                       # in memory; kg.KnowledgeGraph("oxigraph", DIR) for disk
report = g.add_path(HERE / "articles")        # .md with front matter and .jsonl, read recursively
stats = g.stats()
print(f"{report.read} articles read ({report.failed} failed): "
      f"{stats['entities']} entities, {stats['facts']} facts")
print("facts by relation:", stats["relations"])

print("\nmemberOf facts stated in the articles:")
for f in g.facts(relation="memberOf"):
    since = f" (since {f.qualifiers.start})" if f.qualifiers.start else ""
    print(f"  {f.subject} memberOf {f.object}{since}")
    print(f"    evidence: {f.provenance.sentence}")

print("\nWho are the members of C+C5? (examples/queries/cc5-members.rq)")
for row in g.sparql((HERE / "queries" / "cc5-members.rq").read_text(encoding="utf-8")):
    said = f"stated in {row.articles} article(s)" if int(row.articles) else "from the gazetteer only"
    print(f"  {row.label}: {said}")

g.to_html("quickstart.html")                  # one self-contained page, in the current folder
print("\ninteractive graph written to quickstart.html; open it in a browser")

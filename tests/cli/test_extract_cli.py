"""`kg extract`: the contract's RDF, exit statuses, bad files that do not stop a batch."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import rdflib
from rdflib import RDF

from kg.cli import main
from kg.vocab import KG, KGE

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "xi-tokayev-astana.uk.txt"


def _graph(path: Path) -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(path)
    return g


def test_extract_writes_entities_facts_and_statements(tmp_path):
    out = tmp_path / "out.ttl"
    assert main(["extract", str(FIXTURES / "scraped.txt"), "-o", str(out)]) == 0
    g = _graph(out)
    assert (KGE["Kassym-Jomart_Tokayev"], KG.leaderOf, KGE.Kazakhstan) in g
    assert (KGE["Shavkat_Mirziyoyev"], KG.leaderOf, KGE.Uzbekistan) in g
    for st in g.subjects(RDF.type, RDF.Statement):
        assert g.value(st, KG.evidence) is not None  # every fact carries its sentence


def test_extract_has_no_background_knowledge(tmp_path):
    out = tmp_path / "out.ttl"
    main(["extract", str(FIXTURES / "front-matter.md"), "-o", str(out)])
    g = _graph(out)
    assert (KGE.Japan, KG.memberOf, None) not in g  # true of the world, not said in the text
    assert (KGE.China, None, None) not in g


def test_out_dir_writes_one_file_per_input(tmp_path):
    inputs = [str(FIXTURES / "scraped.txt"), str(FIXTURES / "front-matter.md")]
    assert main(["extract", *inputs, "--out-dir", str(tmp_path / "x")]) == 0
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == ["front-matter.ttl", "scraped.ttl"]


def test_a_bad_file_is_named_and_the_rest_goes_on(tmp_path, capsys):
    out = tmp_path / "out.ttl"
    code = main(["extract", str(FIXTURES / "broken.txt"), str(FIXTURES / "scraped.txt"), "-o", str(out)])
    assert code == 1
    assert "broken.txt" in capsys.readouterr().err
    assert (KGE.Uzbekistan, None, None) in _graph(out)


def test_usage_errors_exit_1(tmp_path, capsys):
    assert main(["extract", str(FIXTURES / "scraped.txt")]) == 1
    assert main(["extract", str(FIXTURES / "scraped.txt"), "-o", str(tmp_path / "x.doc")]) == 1
    assert "x.doc" in capsys.readouterr().err


def test_help_has_examples():
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "extract", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "Examples" in proc.stdout


def test_seed_article_gives_the_first_facts(tmp_path):
    import pytest

    if not SEED.exists():
        pytest.skip("no shared seed article beside the project")
    out = tmp_path / "seed.ttl"
    assert main(["extract", str(SEED), "-o", str(out)]) == 0
    g = _graph(out)
    for state in ("China", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"):
        assert (KGE[state], KG.memberOf, KGE.C_C5) in g
    assert (KGE.Xi_Jinping, KG.leaderOf, KGE.China) in g
    assert (KGE["Kassym-Jomart_Tokayev"], KG.leaderOf, KGE.Kazakhstan) in g
    coop = [st for st in g.subjects(RDF.predicate, KG.cooperatesWith)
            if {g.value(st, RDF.subject), g.value(st, RDF.object)} == {KGE.China, KGE.Kazakhstan}]
    assert coop and any((st, KG.domain, KG.Security) in g for st in coop)
    assert all(g.value(st, KG.evidence) for st in coop)


def test_every_statement_has_one_subject_and_one_object(tmp_path):
    """A symmetric fact told both ways («Китай і Казахстан», «Казахстан і Китай») shares one
    statement node; it must still name one subject and one object."""
    article = tmp_path / "both-ways.txt"
    article.write_text("Двосторонні відносини\nКитай і Казахстан 17 травня 2023 року поглибили співпрацю у сфері "
                       "безпеки. Казахстан і Китай 17 червня 2025 року розширили співпрацю у сфері безпеки.",
                       encoding="utf-8")
    out = tmp_path / "out.ttl"
    assert main(["extract", str(article), "-o", str(out)]) == 0
    g = _graph(out)
    statements = list(g.subjects(RDF.type, RDF.Statement))
    assert statements
    for st in statements:
        assert len(list(g.objects(st, RDF.subject))) == 1 and len(list(g.objects(st, RDF.object))) == 1

"""The contract every registered exporter keeps, built-in or installed through the
``kg.exporters`` entry point (the plugin of tests/fixtures/plugin_exporter is installed for
this module): it writes non-empty files, RDF that reads back with the facts in it,
atomically (no temporary file left, an old file replaced whole), the same bytes for the
same graph, and an error naming the file when it cannot write.
"""
from __future__ import annotations

import atexit
import importlib
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from rdflib import Dataset

from kg.api import KnowledgeGraph
from kg.errors import KGError
from kg.model import Article, Entity, Extraction, Fact, Provenance, Qualifiers
from kg.registry import FORMATS, ExporterRegistry
from kg.vocab import KG, KGE

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
FIXTURES = Path(__file__).parent / "fixtures"
_spec = importlib.util.spec_from_file_location("install_plugin", FIXTURES / "plugin_exporter" / "install_plugin.py")
install_plugin = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(install_plugin)
PLUGIN_DIR = install_plugin.install(Path(tempfile.mkdtemp(prefix="kg-plugin-")))
atexit.register(shutil.rmtree, PLUGIN_DIR, True)
sys.path.insert(0, str(PLUGIN_DIR))
importlib.invalidate_caches()
REGISTRY = ExporterRegistry(FORMATS)  # filled now, with the plugin on the path
FIXTURE_ARTICLES = FIXTURES / "ingest"


def corpus() -> list[Extraction]:
    a = Article.create("China and Kazakhstan deepen security cooperation.", title="Ties",
                       published="2025-06-17", lang="en", source="Wire")
    b = Article.create("Kazakhstan and China met in Astana.", title="Talks", published="2025-06-18", lang="en")
    china = Entity("China", "Country", (("en", "China"), ("uk", "Китай")), wikidata="Q148")
    kaz = Entity("Kazakhstan", "Country", (("en", "Kazakhstan"),), wikidata="Q232")
    return [
        Extraction(a, (china, kaz), (), (Fact("China", "cooperatesWith", "Kazakhstan", Qualifiers(domain=("security",)),
                                              Provenance(a.id, a.text, confidence=0.8)),)),
        Extraction(b, (china, kaz), (), (Fact("Kazakhstan", "meetsWith", "China", Qualifiers(place="Astana"),
                                              Provenance(b.id, b.text, confidence=0.7)),)),
    ]


@pytest.fixture(scope="module")
def graph():
    g = KnowledgeGraph(background=False)
    g.add_extractions(corpus())
    yield g
    g.close()


def write(name: str, graph, path: Path) -> list[Path]:
    fmt = REGISTRY.format(name)
    target = path / f"graph{fmt.suffixes[0] if fmt.suffixes else '.out'}"
    written = REGISTRY.get(name)(graph, target)
    return list(written) if isinstance(written, tuple) else [Path(written or target)]


def test_the_plugin_is_registered_with_its_format():
    assert "edges" in REGISTRY.names()
    fmt = REGISTRY.format_for_path("facts.edges.tsv")
    assert (fmt.name, fmt.media_type) == ("edges", "text/tab-separated-values")


@pytest.mark.parametrize("name", REGISTRY.names())
def test_an_exporter_writes_non_empty_files(name, graph, tmp_path):
    paths = write(name, graph, tmp_path)
    assert paths and all(p.is_file() and p.stat().st_size > 0 for p in paths)


@pytest.mark.parametrize("name", [f.name for f in REGISTRY.formats() if f.rdf])
def test_rdf_reads_back_with_the_facts(name, graph, tmp_path):
    [path] = write(name, graph, tmp_path)
    data = Dataset()
    data.parse(path, format=REGISTRY.format(name).rdf)
    assert any(True for _ in data.quads((KGE.China, KG.cooperatesWith, KGE.Kazakhstan, None)))


@pytest.mark.parametrize("name", REGISTRY.names())
def test_an_exporter_writes_atomically_and_the_same_bytes_each_time(name, graph, tmp_path):
    first = {p.name: p.read_bytes() for p in write(name, graph, tmp_path)}
    for path in tmp_path.iterdir():
        path.write_bytes(b"an older, longer version of the file " * 100)
    second = {p.name: p.read_bytes() for p in write(name, graph, tmp_path)}
    assert second == first
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(first)  # no temporary file left


@pytest.mark.parametrize("name", REGISTRY.names())
def test_an_unwritable_path_is_an_error_naming_it(name, graph, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    fmt = REGISTRY.format(name)
    target = blocker / f"graph{fmt.suffixes[0] if fmt.suffixes else '.out'}"
    with pytest.raises(KGError, match="not-a-folder"):
        REGISTRY.get(name)(graph, target)


# -- the plugin from the command line, in a process that finds it like any installed one ------

def kg_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(PLUGIN_DIR), os.environ.get("PYTHONPATH")])))
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("built") / "graph"
    g = KnowledgeGraph("oxigraph", out / "store", background=False)
    g.add_extractions(corpus())
    g.close()
    return out


def test_kg_export_lists_and_chooses_the_plugin(built, tmp_path):
    helped = kg_cli("export", "--help", cwd=tmp_path)
    assert helped.returncode == 0 and "edges" in helped.stdout
    done = kg_cli("export", str(built), "--format", "edges", "-o", str(tmp_path / "facts.tsv"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = (tmp_path / "facts.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == ["subject", "relation", "object", "confidence"]
    assert "China\tcooperatesWith\tKazakhstan\t0.80" in lines


def test_kg_extract_writes_the_plugin_format_chosen_by_suffix(tmp_path):
    out = tmp_path / "scraped.edges.tsv"
    done = kg_cli("extract", str(FIXTURE_ARTICLES / "scraped.txt"), "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()[1:]]
    assert ["Kassym-Jomart_Tokayev", "leaderOf", "Kazakhstan"] in [r[:3] for r in rows]

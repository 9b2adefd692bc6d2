"""Notebook display: the example notebook runs in a real Jupyter kernel and shows the graph's
page and a query table; the HTML of graphs, neighbourhoods and answers is escaped."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import nbclient
import nbformat
import pytest

import kg
from kg.errors import UnknownEntityError, UnshowableError

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NOTEBOOK = EXAMPLES / "notebook.ipynb"
EVIL = '<script>alert("x")</script> & "quotes"'


class Tags(HTMLParser):
    """The tags of a fragment and the attributes of its iframes (entities decoded)."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[str] = []
        self.frames: list[dict] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "iframe":
            self.frames.append(dict(attrs))

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def executed():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(EXAMPLES)}}).execute()
    return notebook


def _html_outputs(notebook) -> list[str]:
    return [out["data"]["text/html"] for cell in notebook.cells if cell.cell_type == "code"
            for out in cell.get("outputs", []) if "text/html" in out.get("data", {})]


def test_the_example_notebook_is_committed_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(not cell.outputs and cell.execution_count is None for cell in code)


def test_the_notebook_runs_in_a_kernel_and_shows_the_graph_and_a_query_table(executed):
    errors = [out for cell in executed.cells if cell.cell_type == "code"
              for out in cell.outputs if out.output_type == "error"]
    assert not errors
    html = _html_outputs(executed)
    pages = [frame["srcdoc"] for fragment in html for frame in Tags(fragment).frames]
    assert len(pages) >= 2 and all("vis-network" in page and "Kazakhstan" in page for page in pages)
    assert any('class="kg-summary"' in fragment and "<th>facts</th>" in fragment for fragment in html)
    tables = [fragment for fragment in html if fragment.startswith('<table class="kg-result"')]
    assert tables and "<th>partner</th>" in tables[0] and "kge:Kazakhstan" in tables[0]


@pytest.fixture(scope="module")
def graph():
    g = kg.KnowledgeGraph(background=False)
    a = kg.Article.create(f"China and Kazakhstan agreed to deepen security cooperation. {EVIL}",
                          title=EVIL, lang="en")
    china = kg.Entity("China", "Country", (("en", f"China {EVIL}"),))
    g.add_extraction(kg.Extraction(a, (china, kg.Entity("Kazakhstan", "Country"), kg.Entity("Uzbekistan", "Country")),
                                   (), (kg.Fact("China", "cooperatesWith", "Kazakhstan", kg.Qualifiers(),
                                                kg.Provenance(a.id, a.text)),
                                        kg.Fact("Kazakhstan", "cooperatesWith", "Uzbekistan", kg.Qualifiers(),
                                                kg.Provenance(a.id, a.text)))))
    yield g
    g.close()


def test_a_graph_shows_escaped_counts_and_its_page_in_a_sandboxed_frame(graph):
    html = graph._repr_html_()
    parsed = Tags(html)
    assert set(parsed.tags) <= {"table", "tr", "th", "td", "iframe", "p"}   # the article's tags are text
    assert any(EVIL in text for text in parsed.text)                        # shown as it was written
    [frame] = parsed.frames
    assert frame["sandbox"] == "allow-scripts"
    assert frame["srcdoc"].startswith("<!DOCTYPE html>") and "<script>alert" not in frame["srcdoc"]


def test_show_and_neighbourhood_keep_the_part_asked_for(graph):
    near = graph.neighbourhood("china", hops=1)
    assert sorted(near.to_networkx().nodes) == ["China", "Kazakhstan"]
    assert "2 entities and 1 fact within 1 hop of China" in near._repr_html_()
    two = kg.show(graph.neighbourhood("China", hops=2), height=300)._repr_html_()
    assert "3 entities" in two and "height: 300px" in two
    with pytest.raises(UnknownEntityError):
        graph.neighbourhood("Atlantis")


def test_an_answer_is_an_escaped_table(graph):
    result = graph.sparql("SELECT ?title WHERE { ?a dcterms:title ?title }")
    html = result._repr_html_()
    parsed = Tags(html)
    assert parsed.tags.count("td") == 1 and "script" not in parsed.tags
    assert EVIL in "".join(parsed.text)
    assert kg.show(result, max_rows=0)._repr_html_().count("<td>") == 0


def test_show_names_what_it_cannot_show():
    with pytest.raises(UnshowableError, match="cannot show a dict; valid: KnowledgeGraph"):
        kg.show({})

"""Reading articles: every supported format, artefacts, metadata, and bad files that do not stop a batch."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from kg.errors import InputError
from kg.ingest import read_paths
from kg.ingest.langid import detect_language
from kg.model import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def _read(name: str) -> list:
    return list(read_paths([FIXTURES / name]))


def test_txt_drops_the_scraping_artefact_and_reads_the_title():
    [article] = _read("scraped.txt")
    assert article.title == "Лідери Казахстану та Узбекистану обговорили водну безпеку"
    assert "https" not in article.text and "Фото" not in article.text
    assert article.lang == "uk"


def test_markdown_front_matter_gives_the_metadata():
    [article] = _read("front-matter.md")
    assert (article.title, article.source, article.lang) == ("Japan and the Philippines sign a defence pact", "kg fixtures", "en")
    assert article.published == dt.date(2024, 7, 8)
    assert article.url == "https://example.org/jp-ph"


def test_jsonl_reports_bad_lines_and_keeps_the_good_ones():
    items = _read("batch.jsonl")
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [a.lang for a in articles] == ["ru", "en"]  # the second language is detected
    assert [e.path.rsplit(":", 1)[1] for e in errors] == ["2", "3"]
    assert "invalid JSON" in errors[0].reason and "'text'" in errors[1].reason


def test_gzipped_jsonl_reads_like_plain():
    plain = [a.id for a in _read("batch.jsonl") if isinstance(a, Article)]
    packed = [a.id for a in _read("batch.jsonl.gz") if isinstance(a, Article)]
    assert plain == packed


def test_html_main_text_through_trafilatura():
    [article] = _read("page.html")
    assert "Kristersson" in article.text
    assert "Copyright" not in article.text and "Home | World" not in article.text


def test_binary_file_is_an_error_naming_the_file():
    [error] = _read("broken.txt")
    assert isinstance(error, InputError) and error.path.endswith("broken.txt") and "binary" in error.reason


def test_folder_is_read_recursively_and_a_missing_path_is_reported(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text("Title\nChina and Kazakhstan met.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    items = list(read_paths([tmp_path, tmp_path / "nope.txt"]))
    assert sum(isinstance(i, Article) for i in items) == 1
    assert any(isinstance(i, InputError) and "no such file" in i.reason for i in items)


def test_same_text_is_the_same_article():
    a = Article.create("Same words.", title="T")
    assert a.id == Article.create("Same words.", title="T").id != Article.create("Other words.", title="T").id


def test_language_detection():
    assert detect_language("Президент провів переговори з прем'єр-міністром.") == "uk"
    assert detect_language("Президент провёл переговоры с премьер-министром.") == "ru"
    assert detect_language("The president held talks with the prime minister.") == "en"

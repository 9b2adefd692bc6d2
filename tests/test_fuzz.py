"""Fuzzing: no text, date, front matter or file name crashes `kg.extract`, `kg extract` or
`kg build`, and none runs away (each extraction under the per-article time limit).

The suite runs a few hundred cases (the ``ci`` profile, under a minute); a longer run:
``KG_FUZZ_PROFILE=long python -m pytest tests/test_fuzz.py`` (thousands of cases). The time per
text is measured, not asserted, by ``python bench/fuzz_bench.py``. The time limit here is 20 s,
far above what any such text takes, so a loaded machine never trips it and a runaway always does.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.cli import main
from kg.errors import ExtractionError, InputError
from kg.extract.lexicon import UnknownLanguageError
from kg.model import Article, Extraction
from kg.pipeline import extract, extract_paths

sys.path.insert(0, str(Path(__file__).parent))  # the strategies, shared with bench/fuzz_bench.py
from strategies import FILE_NAMES, LANGS, front_matter, published, texts  # noqa: E402

PROFILES = {"ci": {"text": 150, "files": 60, "build": 8}, "long": {"text": 5000, "files": 1000, "build": 200}}
SIZES = PROFILES[os.environ.get("KG_FUZZ_PROFILE", "ci")]
TIME_LIMIT = "20"
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def fuzz(examples: int):
    return settings(max_examples=examples, deadline=None, derandomize=os.environ.get("KG_FUZZ_PROFILE") != "long",
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


@pytest.fixture(autouse=True)
def time_limit(monkeypatch):
    monkeypatch.setenv("KG_LIMIT_EXTRACT_SECONDS", TIME_LIMIT)


@fuzz(SIZES["text"])
@given(text=texts(), lang=LANGS, date=published())
def test_extract_never_crashes_on_any_text(text, lang, date):
    if not text.strip():
        return
    article = Article.create(text, lang=lang, published=date)
    if lang in ("de", "zz"):  # languages kg has no lexicon for: refused by name
        with pytest.raises(UnknownLanguageError, match=f"unknown language '{lang}'; valid: en, ru, uk"):
            extract(article)
        return
    result = extract(article)  # a time limit passed raises ExtractionError: a failure here too
    assert isinstance(result, Extraction)
    for m in result.mentions:
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text


@st.composite
def article_files(draw) -> list[tuple[str, bytes]]:
    """One to three files of a folder: .md with front matter, .txt, .jsonl, and odd names."""
    files = {}
    for _ in range(draw(st.integers(1, 3))):
        name = draw(FILE_NAMES)
        kind = draw(st.sampled_from(["md", "txt", "jsonl"]))
        body = draw(texts(60))
        if kind == "md":
            data = f"---\n{draw(front_matter())}---\n{body}\n"
        elif kind == "jsonl":
            data = json.dumps({"title": draw(st.text(max_size=20)), "text": body,
                               "published": str(draw(published()) or ""), "lang": draw(LANGS) or ""}) + "\n"
        else:
            data = body
        files[name] = data.encode("utf-8", "surrogatepass")
    return list(files.items())


def _write(folder: Path, files: list[tuple[str, bytes]]) -> None:
    for name, data in files:
        (folder / name).write_bytes(data)


@fuzz(SIZES["files"])
@given(files=article_files())
def test_reading_any_folder_gives_articles_or_errors_naming_the_file(files):
    with tempfile.TemporaryDirectory() as tmp:
        _write(Path(tmp), files)
        for item in extract_paths([tmp]):
            if isinstance(item, ExtractionError) and "unknown language" not in item.reason:
                pytest.fail(f"extraction failed: {item}")
            if isinstance(item, InputError):
                assert item.path.startswith(tmp), item  # names the file
            else:
                assert isinstance(item, Extraction)


@fuzz(SIZES["build"])
@given(files=article_files())
def test_kg_build_never_crashes(files, tmp_path_factory, capsys):
    """One output folder for every case: each build adds to the graph the cases before it made."""
    out = tmp_path_factory.getbasetemp() / "fuzz-graph"
    with tempfile.TemporaryDirectory() as tmp:
        _write(Path(tmp), files)
        code = main(["build", tmp, "-o", str(out), "--no-html", "-q"])
        err = capsys.readouterr().err
    assert "internal error" not in err and "Traceback" not in err, err
    assert code in (0, 1), err
    if code == 1:
        assert f"kg: {tmp}" in err, err  # each failure names its file

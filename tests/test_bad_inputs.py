"""One bad input never takes a batch down: a table of hostile and clumsy inputs.

Each case puts one bad input in a folder beside a good article, then runs `kg build` and
`kg extract` on the folder (or on the paths the case names) and asserts the message (naming
the file), the exit status, and that the good article — and whatever else of the bad input
could be read — is in the output.
"""
from __future__ import annotations

import concurrent.futures
import gzip
import multiprocessing
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
import rdflib
from rdflib.namespace import DCTERMS, SDO

from kg.cli import main
from kg.errors import ExtractionError
from kg.pipeline import extract_paths
from kg.ingest import read_paths
from kg.ingest.limits import LIMITS, Limits
from kg.model import Article

GOOD = "Good news\nKazakhstan and Uzbekistan signed an agreement on water security in Tashkent.\n"


def _line(title: str) -> str:
    return '{"title": "%s", "text": "Kyrgyzstan and Tajikistan met in Bishkek.", "lang": "en"}\n' % title


def _gz_truncated(d: Path) -> list[str]:
    data = gzip.compress((_line("Line one") + _line("Line two")).encode() * 200)
    (d / "feed.jsonl.gz").write_bytes(data[: len(data) - 30])
    return ["Line one", "Line two"]


def _gz_corrupt(d: Path) -> list[str]:
    (d / "feed.jsonl.gz").write_bytes(gzip.compress(b"x")[:10] + b"\x00garbage that is not deflate" * 10)
    return []


def _gz_bomb(d: Path) -> list[str]:
    (d / "feed.jsonl.gz").write_bytes(gzip.compress((_line("Before the bomb") + "\n" * 50_000).encode()))
    return ["Before the bomb"]


def _long_line(d: Path) -> list[str]:
    (d / "feed.jsonl").write_text('{"text": "' + "a" * 5000 + '"}\n' + _line("After the long line"), encoding="utf-8")
    return ["After the long line"]


def _md(name: str, front: str, body: str = "Kazakhstan and China met in Astana.") -> Callable[[Path], list[str]]:
    def make(d: Path) -> list[str]:
        (d / name).write_text(f"---\n{front}\n---\n{body}\n", encoding="utf-8")
        return []
    return make


def _with_title(make: Callable[[Path], list[str]], title: str) -> Callable[[Path], list[str]]:
    def made(d: Path) -> list[str]:
        make(d)
        return [title]
    return made


def _utf16(d: Path) -> list[str]:
    (d / "wide.txt").write_bytes("Wide text\nChina and Kazakhstan met in Astana.\n".encode("utf-16"))
    return ["Wide text"]


def _bad_name(d: Path) -> list[str]:
    (d / os.fsdecode(b"caf\xe9.txt")).write_text("Cafe\nChina and Kazakhstan met.\n", encoding="utf-8")
    return []


def _fifo(d: Path) -> list[str]:
    os.mkfifo(d / "pipe.txt")
    return []


def _link_out(target: str | None = None) -> Callable[[Path], list[str]]:
    def make(d: Path) -> list[str]:
        outside = d.parent.parent / "outside"  # beside the input folder news/
        outside.mkdir(exist_ok=True)
        secret = outside / "secret.txt"
        secret.write_text("Secret\nRussia and Belarus met in Minsk.\n", encoding="utf-8")
        os.symlink(target or secret, d / "link.txt")
        return []
    return make


def _unreadable_file(d: Path) -> list[str]:
    (d / "locked.txt").write_text("Locked\nChina and Kazakhstan met.\n", encoding="utf-8")
    os.chmod(d / "locked.txt", 0)
    return []


def _unreadable_folder(d: Path) -> list[str]:
    (d / "locked").mkdir()
    (d / "locked" / "inside.txt").write_text("Inside\nChina and Kazakhstan met.\n", encoding="utf-8")
    os.chmod(d / "locked", 0)
    return []


def _html_page(d: Path) -> list[str]:
    (d / "page.html").write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Steppe talks</title></head><body>'
        '<nav><a href="/">Home</a></nav><article><h1>Steppe talks</h1><p>Kazakhstan and Uzbekistan signed an '
        "agreement on water security in Tashkent on Monday.</p><p>The two countries agreed to share data on the "
        "rivers that cross their border.</p></article><footer>All rights reserved</footer></body></html>",
        encoding="utf-8")
    return ["Steppe talks"]


@dataclass
class Case:
    id: str
    make: Callable[[Path], list[str]]  # writes the bad input, returns titles of what it still gives
    message: str  # in stderr ("" for none)
    status: int
    env: dict = field(default_factory=dict)


CASES = [
    Case("url-with-space-quote-angles", _with_title(_md("url.md", 'title: Odd url\nurl: https://example.org/a b"<c>'), "Odd url"),
         "", 0),
    Case("url-not-an-address", _with_title(_md("url.md", "title: Bad url\nurl: http://[not-a-host"), "Bad url"),
         "url.md: url 'http://[not-a-host' is not a valid address", 0),
    Case("lang-not-a-tag", _with_title(_md("lang.md", 'title: Odd lang\nlang: "en us!"'), "Odd lang"),
         "lang.md: lang 'en us!' is not a language tag", 0),
    Case("jsonl-gz-truncated", _gz_truncated, "feed.jsonl.gz: truncated: the compressed data ends early after line", 1),
    Case("jsonl-gz-corrupt", _gz_corrupt, "feed.jsonl.gz: corrupt compressed data", 1),
    Case("jsonl-gz-bomb", _gz_bomb, "feed.jsonl.gz: decompresses to more than 4 KB, the limit; stopped after line",
         1, {"KG_LIMIT_DECOMPRESSED_BYTES": "4096"}),
    Case("jsonl-long-line", _long_line, "feed.jsonl:1: line longer than 1 KB; skipped", 1,
         {"KG_LIMIT_LINE_BYTES": "1024"}),
    Case("article-too-long", _md("long.md", "title: Long", "Astana. " * 100),
         "long.md: article too long: 801 characters of text, over the limit of 500", 1,
         {"KG_LIMIT_ARTICLE_CHARS": "500"}),
    Case("file-too-large", _md("big.md", "title: Big", "Astana. " * 300),
         "big.md: file larger than 2 KB, the limit for one article file", 1, {"KG_LIMIT_FILE_BYTES": "2048"}),
    Case("yaml-aliases", _md("bomb.md", 'a: &a ["lol", "lol", "lol"]\nb: &b [*a, *a, *a]\ntitle: *b'),
         "bomb.md: front matter uses the YAML alias *a; aliases are not allowed", 1),
    Case("front-matter-too-large", _md("fm.md", "title: " + "x" * 1500), "fm.md: front matter larger than 1 KB",
         1, {"KG_LIMIT_FRONT_MATTER_BYTES": "1024"}),
    Case("utf16-with-bom", _utf16, "", 0),
    Case("html-page", _html_page, "", 0),  # read through trafilatura, whose cleaner is declared directly
    # what fuzzing found: digits int() cannot read, a weekday before the first day of year 1, a
    # letter without a Unicode name (pymorphy3 asks every letter for its name)
    Case("date-digits-of-other-scripts", _with_title(_md(
        "digits.md", "title: Odd digits", "China and Kazakhstan met on ⁵ June, on 🄁 May, on ٣ April and on ５ July."),
        "Odd digits"), "", 0),
    Case("weekday-before-year-one", _with_title(_md(
        "old.md", "title: Year one\npublished: 0001-01-01", "China and Kazakhstan met on Tuesday."), "Year one"), "", 0),
    Case("letter-without-a-unicode-name", _with_title(_md(
        "tangut.md", "title: Тангут\nlang: uk", "Китай і Казахстан зустрілися в Астані. 𗀀Ь слово 𗀀ь, 𑁒 березня."),
        "Тангут"), "", 0),
    Case("name-not-utf8", _bad_name, "caf\\xe9.txt: file name is not valid UTF-8", 1),
    Case("fifo", _fifo, "pipe.txt: a FIFO, not a file; skipped", 1),
    Case("link-to-a-file-outside", _link_out(), "link.txt: link leads out of the input folders; not followed", 1),
    Case("link-to-dev-zero", _link_out("/dev/zero"), "link.txt: link leads out of the input folders", 1),
    Case("unreadable-file", _unreadable_file, "locked.txt: cannot be read (Permission denied)", 1),
    Case("unreadable-folder", _unreadable_folder, "locked: folder cannot be read (Permission denied); skipped", 1),
]


@pytest.fixture
def as_a_user(monkeypatch):
    """File modes bind the superuser too, as they bind everyone else: a build run as root must
    report what an ordinary user's build would meet."""
    if os.geteuid() != 0:
        return
    real_open, real_scandir = os.open, os.scandir

    def denied(path) -> bool:
        try:
            return not os.stat(path).st_mode & (stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        except OSError:
            return False

    def guarded_open(path, flags, *args, **kwargs):
        if denied(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    def guarded_scandir(path="."):
        if denied(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "open", guarded_open)
    monkeypatch.setattr(os, "scandir", guarded_scandir)


def _folder(tmp_path: Path, cases: list[Case]) -> tuple[Path, list[str]]:
    """news/good.txt, and news/CASE/ with each case's bad input; the titles the batch must give."""
    news = tmp_path / "news"
    news.mkdir()
    (news / "good.txt").write_text(GOOD, encoding="utf-8")
    titles = ["Good news"]
    for case in cases:
        (news / case.id).mkdir()
        titles += case.make(news / case.id)
    return news, titles


def _titles(path: Path) -> set[str]:
    ds = rdflib.Dataset()
    ds.parse(path)
    return {str(o) for _, _, o, _ in ds.quads((None, DCTERMS.title, None, None))}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_kg_extract(case, tmp_path, capsys, monkeypatch, as_a_user):
    for name, value in case.env.items():
        monkeypatch.setenv(name, value)
    news, titles = _folder(tmp_path, [case])
    out = tmp_path / "out.ttl"
    assert main(["extract", str(news), "-o", str(out)]) == case.status
    err = capsys.readouterr().err
    assert case.message in err
    assert _titles(out) >= set(titles)


# `kg build` loads the gazetteer into its store each time, so the cases share a few builds:
# those that only warn, those that fail under the default limits, those under small limits.
BUILDS = {
    "warnings": [c for c in CASES if c.status == 0],
    "failures": [c for c in CASES if c.status == 1 and not c.env],
    "limits": [c for c in CASES if c.env],
}


@pytest.mark.parametrize("group", BUILDS)
def test_kg_build(group, tmp_path, capsys, monkeypatch, as_a_user):
    cases = BUILDS[group]
    for case in cases:
        for name, value in case.env.items():
            monkeypatch.setenv(name, value)
    news, titles = _folder(tmp_path, cases)
    out = tmp_path / "graph"
    status = max(c.status for c in cases)
    assert main(["build", str(news), "-o", str(out), "--store", "memory", "--no-html", "-q"]) == status
    err = capsys.readouterr().err
    for case in cases:
        assert case.message in err, case.id
    assert _titles(out / "graph.trig") >= set(titles)


def test_an_unsafe_url_becomes_a_percent_encoded_iri(tmp_path):
    (tmp_path / "url.md").write_text('---\ntitle: Odd url\nurl: https://example.org/a b"<c>\n---\nChina and Kazakhstan met.\n',
                                     encoding="utf-8")
    out = tmp_path / "out.nt"
    assert main(["extract", str(tmp_path / "url.md"), "-o", str(out)]) == 0
    g = rdflib.Graph().parse(out)
    assert {str(o) for o in g.objects(None, SDO.url)} == {"https://example.org/a%20b%22%3Cc%3E"}


def test_links_out_of_the_folder_are_followed_when_asked(tmp_path, capsys):
    news, _ = _folder(tmp_path, [Case("link", _link_out(), "", 0)])
    out = tmp_path / "out.ttl"
    assert main(["extract", str(news), "-o", str(out), "--follow-links"]) == 0
    assert _titles(out) == {"Good news", "Secret"}
    assert main(["build", str(news), "-o", str(tmp_path / "graph"), "--store", "memory", "--no-html", "-q",
                 "--follow-links"]) == 0
    assert _titles(tmp_path / "graph" / "graph.trig") >= {"Good news", "Secret"}


def test_a_device_named_on_its_own_is_refused(tmp_path, capsys):
    assert main(["extract", "/dev/zero", "-o", str(tmp_path / "out.ttl")]) == 1
    assert "/dev/zero: a device, not a file; skipped" in capsys.readouterr().err


def test_defaults_are_documented_and_can_be_changed(monkeypatch):
    assert LIMITS == Limits(article_chars=2_000_000, file_bytes=16 << 20, line_bytes=16 << 20,
                            decompressed_bytes=1 << 30, front_matter_bytes=64 << 10, extract_seconds=60)
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for name in ("KG_LIMIT_ARTICLE_CHARS", "KG_LIMIT_FILE_BYTES", "KG_LIMIT_LINE_BYTES",
                 "KG_LIMIT_DECOMPRESSED_BYTES", "KG_LIMIT_FRONT_MATTER_BYTES", "KG_LIMIT_EXTRACT_SECONDS"):
        assert name in readme
    monkeypatch.setenv("KG_LIMIT_ARTICLE_CHARS", "lots")
    with pytest.raises(Exception, match="KG_LIMIT_ARTICLE_CHARS='lots' is not a whole number"):
        list(read_paths([Path(__file__)]))


def test_lone_surrogates_in_json_are_replaced(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"title": "Odd \\ud800 title", "text": "China and Kazakhstan met."}\n',
                                      encoding="utf-8")
    [article] = list(read_paths([tmp_path]))
    assert isinstance(article, Article) and article.title == "Odd \ufffd title"


# Sentences of many kinds, so that every stage has work; repeated, they make a text that takes
# seconds to read (some 300 KB), where the good article takes milliseconds.
REPORT = ["Kazakhstan and China signed a trade agreement in Astana on {n} March.",
          "The president of Uzbekistan met the prime minister of Kyrgyzstan in Tashkent.",
          "Russia attacked the port of Odesa overnight, the Ukrainian army said in report {n}.",
          "Poland sent air defence systems to Ukraine, its defence minister announced."]


def _long_report(path: Path) -> None:
    body = " ".join(REPORT[i % 4].format(n=i % 28 + 1) for i in range(4000))
    path.write_text(f"Long report\n\n{body}\n", encoding="utf-8")


@pytest.fixture
def runaway_news(tmp_path, monkeypatch) -> Path:
    """A folder of a runaway report beside a short article, with a 1 s limit an article."""
    news = tmp_path / "news"
    news.mkdir()
    _long_report(news / "long.txt")
    (news / "short.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.setenv("KG_LIMIT_EXTRACT_SECONDS", "1")
    return news


def test_an_article_past_the_time_limit_is_skipped_and_the_batch_goes_on(runaway_news, tmp_path, capsys):
    news = runaway_news
    out = tmp_path / "out.ttl"
    assert main(["extract", str(news), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert re.search(r"long\.txt: too long to read: extraction took more than 1 s, the limit for one article "
                     r"\([\d,]+ characters\); skipped", err)
    assert _titles(out) == {"Good news"}


def test_kg_build_skips_an_article_past_the_time_limit_and_builds_the_rest(runaway_news, tmp_path, capsys):
    news = runaway_news
    out = tmp_path / "graph"
    assert main(["build", str(news), "-o", str(out), "--store", "memory", "--no-html", "-q"]) == 1
    assert re.search(r"long\.txt: too long to read: extraction took more than 1 s", capsys.readouterr().err)
    assert _titles(out / "graph.trig") >= {"Good news"} and "Long report" not in _titles(out / "graph.trig")


def _extract_in_a_worker(path: str) -> list:
    os.environ["KG_LIMIT_EXTRACT_SECONDS"] = "1"
    return list(extract_paths([path]))


def test_the_time_limit_holds_in_a_worker_process(tmp_path):
    _long_report(tmp_path / "long.txt")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        [error] = pool.submit(_extract_in_a_worker, str(tmp_path / "long.txt")).result(timeout=300)
    assert isinstance(error, ExtractionError)
    assert error.path.endswith("long.txt") and error.reason.startswith("too long to read")

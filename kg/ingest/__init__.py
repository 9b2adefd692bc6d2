"""Readers that turn files into `Article` values.

`read_paths` walks files and folders, picks a reader by suffix, and yields an `Article` or,
for a file that cannot be read, an `InputError` naming the file and the reason — so one bad
file never stops a batch.
"""
from __future__ import annotations

import datetime as _dt
import gzip
import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import yaml

from ..errors import InputError
from ..model import Article
from .clean import clean_text, split_title
from .langid import detect_language

SUFFIXES = (".txt", ".md", ".markdown", ".jsonl", ".jsonl.gz", ".html", ".htm")


def input_files(paths: Iterable[str | os.PathLike], exclude: Path | None = None) -> Iterator[Path | InputError]:
    """The article files under `paths` in a stable order (folders recursively, by suffix),
    leaving out anything inside `exclude` (an output folder); a missing path is an InputError."""
    exclude = Path(exclude).resolve() if exclude is not None else None
    for path in map(Path, paths):
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _suffix(p) in SUFFIXES)
            inside = exclude is not None and exclude.is_relative_to(path.resolve())
            for file in files:
                if not inside or not file.resolve().is_relative_to(exclude):
                    yield file
        elif path.exists():
            yield path
        else:
            yield InputError(path, "no such file or folder")


def read_paths(paths: Iterable[str | os.PathLike]) -> Iterator[Article | InputError]:
    """Every article under `paths` (files, or folders read recursively), in a stable order."""
    for item in input_files(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_file(item)


def read_file(path: Path) -> Iterator[Article | InputError]:
    reader = READERS.get(_suffix(path))
    if reader is None:
        yield InputError(path, f"unsupported file type {path.suffix!r}; valid: {', '.join(SUFFIXES)}")
        return
    try:
        yield from reader(path)
    except InputError as e:
        yield e
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as e:
        yield InputError(path, f"{type(e).__name__}: {e}".splitlines()[0])


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return ".jsonl.gz" if name.endswith(".jsonl.gz") else path.suffix.lower()


def make_article(path: Path | str, text: str, meta: dict) -> Article:
    """An article from text and metadata, with its language detected when not given."""
    text = clean_text(text)
    title = str(meta.get("title") or "").strip()
    if not text.strip():
        raise InputError(path, "no text")
    lang = str(meta.get("lang") or meta.get("language") or "").strip().lower() or detect_language(text)
    return Article.create(
        text, title=title, url=str(meta.get("url") or ""), source=str(meta.get("source") or ""),
        published=_date(meta.get("published") or meta.get("date")), lang=lang, path=str(path))


def _date(value: object) -> _dt.date | None:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if value:
        try:
            return _dt.date.fromisoformat(str(value).strip()[:10])
        except ValueError:
            return None
    return None


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise InputError(path, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(path, f"not UTF-8 text (byte {e.start})") from None


def read_txt(path: Path) -> Iterator[Article]:
    """Plain text; scraping artefacts in the first lines are dropped, the first line is the title."""
    title, body = split_title(_read_text(path))
    yield make_article(path, body, {"title": title})


def read_md(path: Path) -> Iterator[Article]:
    """Markdown with optional YAML front matter (title, source, url, published, lang)."""
    text = _read_text(path)
    meta: dict = {}
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end == -1:
            raise InputError(path, "front matter opened with '---' is never closed")
        meta = yaml.safe_load(text[3:end]) or {}
        if not isinstance(meta, dict):
            raise InputError(path, "front matter is not a mapping of keys to values")
        text = text[end + 4:].lstrip("-\n")
    if not meta.get("title"):
        meta["title"], text = split_title(text)
    yield make_article(path, text, meta)


def read_jsonl(path: Path) -> Iterator[Article | InputError]:
    """One JSON object a line with `text` and optional title, url, source, published, lang."""
    opener: Callable = gzip.open if _suffix(path) == ".jsonl.gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                yield InputError(where, f"invalid JSON ({e.msg})")
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                yield InputError(where, "a line must be an object with a 'text' string")
                continue
            try:
                yield make_article(where, record["text"], record)
            except InputError as e:
                yield e


def read_html(path: Path) -> Iterator[Article]:
    """An HTML page: main text and metadata through trafilatura."""
    import trafilatura

    html = _read_text(path)
    doc = trafilatura.bare_extraction(html, with_metadata=True, favor_recall=True)
    if doc is None:
        raise InputError(path, "no article text found in the HTML")
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = meta.get("text") or ""
    yield make_article(path, text, {
        "title": meta.get("title"), "url": meta.get("url"), "source": meta.get("sitename"),
        "published": meta.get("date"), "lang": meta.get("language")})


READERS: dict[str, Callable[[Path], Iterator]] = {
    ".txt": read_txt, ".md": read_md, ".markdown": read_md, ".jsonl": read_jsonl,
    ".jsonl.gz": read_jsonl, ".html": read_html, ".htm": read_html,
}

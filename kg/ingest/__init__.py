"""Readers that turn files into `Article` values.

`read_paths` walks files and folders, picks a reader by suffix, and yields an `Article` or,
for a file that cannot be read, an `InputError` naming the file and the reason — so one bad
file never stops a batch. What is read is bounded (`Limits`); what is only doubtful (a `url`
that cannot be an IRI, a `lang` that is no language tag) is dropped with a warning on the
``kg.ingest`` logger and the article is read.
"""
from __future__ import annotations

import codecs
import datetime as _dt
import gzip
import json
import logging
import os
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import yaml

from ..errors import InputError
from ..model import Article
from .clean import clean_text, safe_url, split_title
from .files import input_files as _walk, shown
from .langid import detect_language
from .limits import LIMITS, Limits, size

log = logging.getLogger("kg.ingest")

SUFFIXES = (".txt", ".md", ".markdown", ".jsonl", ".jsonl.gz", ".html", ".htm")


def input_files(paths: Iterable[str | os.PathLike], exclude: Path | None = None, *,
                follow_links: bool = False) -> Iterator[Path | InputError]:
    """The article files under `paths` in a stable order (folders recursively, by suffix),
    leaving out anything inside `exclude` (an output folder). A missing path, an unreadable
    file or folder, a FIFO or device, a name that is not UTF-8 and a link out of `paths`
    (unless `follow_links`) is an InputError naming it (see `kg.ingest.files`)."""
    return _walk(paths, SUFFIXES, exclude=exclude, follow_links=follow_links)


def read_paths(paths: Iterable[str | os.PathLike], *, limits: Limits | None = None,
               follow_links: bool = False) -> Iterator[Article | InputError]:
    """Every article under `paths` (files, or folders read recursively), in a stable order.

    `limits` defaults to `Limits.from_env()`: the documented defaults unless ``KG_LIMIT_…``
    variables change them.

    Links inside a folder that lead out of the paths given are followed only with
    `follow_links`; FIFOs, devices, unreadable files and names that are not UTF-8 are reported."""
    limits = limits or Limits.from_env()
    for item in input_files(paths, follow_links=follow_links):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_file(item, limits)


def count_articles(paths: Iterable[str | os.PathLike], exclude: Path | None = None, *,
                   follow_links: bool = False) -> int:
    """How many articles `read_paths` would give at most: a line of a .jsonl(.gz) file that is
    not blank counts one, any other file one. Reads a line at a time, in constant memory; a
    file that cannot be read counts nothing (reading it reports why).

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("x"); _ = (d / "b.jsonl").write_text('{"text": "y"}\\n\\n{"text": "z"}\\n')
    >>> count_articles([d])
    3
    """
    total = 0
    for item in input_files(paths, exclude, follow_links=follow_links):
        if isinstance(item, InputError):
            continue
        if _suffix(item) not in (".jsonl", ".jsonl.gz"):
            total += 1
            continue
        try:
            with (gzip.open(item, "rb") if _suffix(item) == ".jsonl.gz" else open(item, "rb")) as f:
                total += sum(1 for line in f if line.strip())
        except (OSError, EOFError, zlib.error):
            continue
    return total


def read_file(path: Path, limits: Limits | None = None) -> Iterator[Article | InputError]:
    limits = limits or Limits.from_env()
    reader = READERS.get(_suffix(path))
    if reader is None:
        yield InputError(shown(path), f"unsupported file type {path.suffix!r}; valid: {', '.join(SUFFIXES)}")
        return
    try:
        yield from reader(path, limits)
    except InputError as e:
        yield e
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as e:
        yield InputError(shown(path), f"{type(e).__name__}: {e}".splitlines()[0])


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return ".jsonl.gz" if name.endswith(".jsonl.gz") else path.suffix.lower()


def make_article(path: Path | str, text: str, meta: dict, limits: Limits = LIMITS) -> Article:
    """An article from text and metadata, with its language detected when not given."""
    if len(text) > limits.article_chars:  # before cleaning: cleaning a huge text is itself slow
        raise InputError(path, f"article too long: {len(text):,} characters of text, over the limit of "
                               f"{limits.article_chars:,}; split it or raise the limit")
    text = clean_text(_scrub(text))
    meta = {k: _scrub(v) if isinstance(v, str) else v for k, v in meta.items()}
    title = str(meta.get("title") or "").strip()
    if not text.strip():
        raise InputError(path, "no text")
    lang = _lang_tag(path, meta.get("lang") or meta.get("language")) or detect_language(text)
    return Article.create(
        text, title=title, url=_url(path, meta.get("url")), source=str(meta.get("source") or ""),
        published=_date(meta.get("published") or meta.get("date")), lang=lang, path=str(path))


def _scrub(text: str) -> str:
    """Lone surrogates (JSON allows "\\ud800") cannot be written out: each becomes U+FFFD."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


_LANG_TAG = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$")


def _lang_tag(path: Path | str, value: object) -> str:
    lang = str(value or "").strip().lower().replace("_", "-")
    if lang and not _LANG_TAG.match(lang):
        log.warning("kg: warning: %s: lang %r is not a language tag; the language is detected instead",
                    path, lang[:40])
        return ""
    return lang


def _url(path: Path | str, value: object) -> str:
    if not value:
        return ""
    url, problem = safe_url(str(value))
    if problem:
        log.warning("kg: warning: %s: url %r %s; dropped", path, str(value)[:200], problem)
    return url


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


def _read_bytes(path: Path, limit: int) -> bytes:
    with open(path, "rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise InputError(path, f"file larger than {size(limit)}, the limit for one article file; not read")
    return data


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _read_text(path: Path, limits: Limits = LIMITS) -> str:
    data = _read_bytes(path, limits.file_bytes)
    # a byte order mark says how to read the rest; UTF-16 text is full of NUL bytes
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "")
    if encoding:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as e:
            raise InputError(path, f"not {encoding.upper()} text despite its byte order mark (byte {e.start})") from None
    if b"\x00" in data[:4096]:
        raise InputError(path, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(path, f"not UTF-8 text (byte {e.start})") from None


def read_txt(path: Path, limits: Limits = LIMITS) -> Iterator[Article]:
    """Plain text; scraping artefacts in the first lines are dropped, the first line is the title."""
    title, body = split_title(_read_text(path, limits))
    yield make_article(path, body, {"title": title}, limits)


class _AliasRefused(yaml.YAMLError):
    pass


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML without aliases: a few bytes of anchors and aliases can expand to gigabytes."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise _AliasRefused(f"front matter uses the YAML alias *{self.peek_event().anchor}; "
                                f"aliases are not allowed there")
        return super().compose_node(parent, index)


def _yaml_problem(error: yaml.YAMLError) -> str:
    """The parser's complaint with the lines of the file it concerns (the front matter's text
    starts on the file's first line, after its '---')."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context, start = getattr(error, "context", None), getattr(error, "context_mark", None)
    where = f" at line {mark.line + 1}" if mark is not None else ""
    if context and start is not None and (mark is None or start.line != mark.line):
        context += f" that starts at line {start.line + 1}"
    return f"front matter is not valid YAML{where}: {problem}" + (f" ({context})" if context else "")


def read_md(path: Path, limits: Limits = LIMITS) -> Iterator[Article]:
    """Markdown with optional YAML front matter (title, source, url, published, lang)."""
    text = _read_text(path, limits)
    meta: dict = {}
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end == -1:
            raise InputError(path, "front matter opened with '---' is never closed")
        if len(text[3:end].encode("utf-8")) > limits.front_matter_bytes:
            raise InputError(path, f"front matter larger than {size(limits.front_matter_bytes)}; not read")
        try:
            meta = yaml.load(text[3:end], Loader=_FrontMatterLoader) or {}
        except _AliasRefused as e:
            raise InputError(path, str(e)) from None
        except yaml.YAMLError as e:
            raise InputError(path, _yaml_problem(e)) from None
        if not isinstance(meta, dict):
            raise InputError(path, "front matter is not a mapping of keys to values")
        text = text[end + 4:].lstrip("-\n")
    if not meta.get("title"):
        meta["title"], text = split_title(text)
    yield make_article(path, text, meta, limits)


def read_jsonl(path: Path, limits: Limits = LIMITS) -> Iterator[Article | InputError]:
    """One JSON object a line with `text` and optional title, url, source, published, lang.

    A line too long or not JSON is reported and skipped; a compressed file that is truncated
    or corrupt, or that decompresses to more than the limit, is reported and the articles of
    the lines before stay read."""
    packed = _suffix(path) == ".jsonl.gz"
    lines = _lines(path, packed, limits)
    n = 0
    while True:
        try:
            n, line = next(lines)
        except StopIteration:
            return
        except _StreamEnds as e:
            yield InputError(path, f"{e} after line {n}; the articles before it were read")
            return
        if isinstance(line, InputError):
            yield line
            continue
        yield from _record(f"{path}:{n}", line, limits)


class _StreamEnds(Exception):
    """The rest of a .jsonl(.gz) file cannot be read."""


def _lines(path: Path, packed: bool, limits: Limits) -> Iterator[tuple[int, bytes | InputError]]:
    total = 0
    try:
        with (gzip.open(path, "rb") if packed else open(path, "rb")) as stream:
            for n in range(1, 1 << 62):
                line = stream.readline(limits.line_bytes + 1)
                if not line:
                    return
                total += len(line)
                if len(line) > limits.line_bytes:
                    while line and not line.endswith(b"\n"):  # skip the rest without keeping it
                        line = stream.readline(1 << 20)
                        total += len(line)
                        if packed and total > limits.decompressed_bytes:
                            break
                    yield n, InputError(f"{path}:{n}", f"line longer than {size(limits.line_bytes)}; skipped")
                elif packed and total > limits.decompressed_bytes:
                    raise _StreamEnds(f"decompresses to more than {size(limits.decompressed_bytes)}, the limit; stopped")
                else:
                    yield n, line
    except EOFError:
        raise _StreamEnds("truncated: the compressed data ends early") from None
    except (gzip.BadGzipFile, zlib.error) as e:
        raise _StreamEnds(f"corrupt compressed data ({e})") from None


def _record(where: str, line: bytes, limits: Limits) -> Iterator[Article | InputError]:
    if not line.strip():
        return
    try:
        record = json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        yield InputError(where, f"not UTF-8 text (byte {e.start})")
        return
    except json.JSONDecodeError as e:
        yield InputError(where, f"invalid JSON ({e.msg})")
        return
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        yield InputError(where, "a line must be an object with a 'text' string")
        return
    try:
        yield make_article(where, record["text"], record, limits)
    except InputError as e:
        yield e


def read_html(path: Path, limits: Limits = LIMITS) -> Iterator[Article]:
    """An HTML page: main text and metadata through trafilatura."""
    import trafilatura

    html = _read_text(path, limits)
    doc = trafilatura.bare_extraction(html, with_metadata=True, favor_recall=True)
    if doc is None:
        raise InputError(path, "no article text found in the HTML")
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = meta.get("text") or ""
    yield make_article(path, text, {
        "title": meta.get("title"), "url": meta.get("url"), "source": meta.get("sitename"),
        "published": meta.get("date"), "lang": meta.get("language")}, limits)


READERS: dict[str, Callable[[Path, Limits], Iterator]] = {
    ".txt": read_txt, ".md": read_md, ".markdown": read_md, ".jsonl": read_jsonl,
    ".jsonl.gz": read_jsonl, ".html": read_html, ".htm": read_html,
}

__all__ = ["SUFFIXES", "Limits", "LIMITS", "read_paths", "read_file", "make_article", "input_files",
           "count_articles"]

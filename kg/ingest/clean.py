"""Scraped text as it arrives: leftover image links, bylines, photo credits.

>>> split_title("/https%3A%2F%2Fcdn.example%2Fa.jpg)\\nTalks in Astana\\nXi met Tokayev.\\nФото: x")
('Talks in Astana', 'Talks in Astana\\nXi met Tokayev.')
"""
from __future__ import annotations

import re
import unicodedata

# A line that is a URL, an image link or an encoded path, not prose.
_ARTEFACT = re.compile(r"^\s*(?:!?\[[^\]]*\]\([^)]*\)|[/(]?(?:https?:|https?%3A|www\.)\S*|\S*%2F\S*)\s*$", re.I)
_CREDIT = re.compile(r"^\s*(?:фото|photo|foto|джерело|источник|source|читайте також|читайте также|read more)\s*:", re.I)
_TITLE_MAX = 250


def clean_text(text: str) -> str:
    """Normalise Unicode and line ends; drop artefact lines and trailing photo credits."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and (not lines[0].strip() or _ARTEFACT.match(lines[0])):
        lines.pop(0)
    while lines and (not lines[-1].strip() or _CREDIT.match(lines[-1]) or _ARTEFACT.match(lines[-1])):
        lines.pop()
    return "\n".join(lines)


def split_title(text: str) -> tuple[str, str]:
    """(title, cleaned text): the first line is the title when it reads like a headline.

    The title stays in the text, so that facts it states are read with the rest.
    """
    text = clean_text(text)
    first, _, rest = text.partition("\n")
    if rest.strip() and len(first) <= _TITLE_MAX and not first.rstrip().endswith((".", ":")):
        return first.strip(), text
    return "", text


# Characters an IRI may not hold (RFC 3987): controls, space, and "<>\^`{|}
_NOT_IN_IRI = re.compile(r'[\x00-\x20"<>\\^`{|}\x7f-\x9f]')
_SCHEME = re.compile(r"^https?://[^/?#\s]", re.I)


def safe_url(value: str) -> tuple[str, str]:
    """(the URL as a safe IRI, "") — characters an IRI may not hold percent-encoded — or
    ("", why not) for a value that is no web address.

    >>> safe_url('https://example.org/a b"<c>')
    ('https://example.org/a%20b%22%3Cc%3E', '')
    >>> safe_url("javascript:alert(1)")
    ('', 'is not an http(s) address')
    """
    from urllib.parse import urlsplit

    url = value.strip()
    if not _SCHEME.match(url):
        return "", "is not an http(s) address"
    url = _NOT_IN_IRI.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), url)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as e:
        return "", f"is not a valid address ({e})"
    if not parts.hostname:
        return "", "has no host"
    return url, ""

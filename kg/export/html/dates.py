"""The time an edge speaks of, as day spans compared as text: what `since`/`until` select."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ...errors import KGError
from .attrs import articles_of

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_span(value: Any) -> tuple[str, str] | None:
    """The first and last day an ISO date of any precision covers, or None.

    >>> date_span("2025"), date_span("2025-06"), date_span("2025-06-17T08:00:00Z")
    (('2025-01-01', '2025-12-31'), ('2025-06-01', '2025-06-31'), ('2025-06-17', '2025-06-17'))
    """
    m = _DATE.match(str(value or "").strip())
    if not m:
        return None
    year, month, day = m.groups()
    if day:
        return (f"{year}-{month}-{day}",) * 2
    if month:  # day 31 of every month: only ever compared as text, never parsed
        return f"{year}-{month}-01", f"{year}-{month}-31"
    return f"{year}-01-01", f"{year}-12-31"


def date_bounds(since: str | None, until: str | None) -> tuple[str, str] | None:
    """[since, until] as day strings; None when neither is given."""
    if since is None and until is None:
        return None
    lo = _checked_span(since, "since")[0] if since else "0000-01-01"
    hi = _checked_span(until, "until")[1] if until else "9999-12-31"
    return lo, hi


def _checked_span(value: str, name: str) -> tuple[str, str]:
    span = date_span(value)
    if span is None or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value.strip()):
        raise KGError(f"bad {name} date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    return span


def edge_spans(attrs: Mapping) -> list[tuple[str, str]]:
    """The time an edge speaks of: its date, start and end, the start–end interval when it
    has both, and the days its articles were published."""
    values = [attrs.get("date"), attrs.get("start"), attrs.get("end")]
    values += [a.get("published") for a in articles_of(attrs)]
    spans = [s for s in map(date_span, values) if s]
    start, end = date_span(attrs.get("start")), date_span(attrs.get("end"))
    if start and end:
        spans.append((start[0], end[1]))
    return sorted(set(spans))


def in_range(spans: Iterable[tuple[str, str]], bounds: tuple[str, str]) -> bool:
    """Whether any span overlaps the bounds; an undated edge is in no range."""
    return any(lo <= bounds[1] and hi >= bounds[0] for lo, hi in spans)

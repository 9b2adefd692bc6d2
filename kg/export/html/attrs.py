"""Reading the attributes of the networkx schema (`kg.export.networkx`) tolerantly: a graph
made by hand may leave any of them out or give them in another type."""
from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any


def relation_of(key: Any, attrs: Mapping) -> str:
    return str(attrs.get("relation") or key)


def articles_of(attrs: Mapping) -> list[Mapping]:
    return [a for a in attrs.get("articles") or () if isinstance(a, Mapping)]


def as_int(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def as_number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None

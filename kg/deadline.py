"""A time limit on one piece of work (reading one article), checked where the work can stop.

The limit is cooperative: `check` raises `TimeLimitError` once the deadline set by the
innermost `time_limit` has passed, and the extraction calls it between its steps and between
the sentences it reads. Nothing is interrupted at an arbitrary point, so no cache or table is
left half-written; the same holds in a worker process, where the deadline is set by the
extraction that runs there. The deadline lives in a context variable: threads and nested
calls each see their own.

>>> with time_limit(60):
...     check()        # well within the limit
>>> with time_limit(0):
...     check()
Traceback (most recent call last):
...
kg.errors.TimeLimitError: the time limit of 0 s passed
"""
from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextvars import ContextVar

from .errors import TimeLimitError

_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("kg_deadline", default=None)


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Within the block, `check` raises once `seconds` have passed (no limit for None)."""
    if seconds is None:
        yield
        return
    token = _DEADLINE.set((time.monotonic() + seconds, seconds))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check() -> None:
    """Raise `TimeLimitError` when the deadline of the enclosing `time_limit` has passed."""
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline[0]:
        raise TimeLimitError(deadline[1])

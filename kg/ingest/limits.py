"""How much of an input kg reads: bounds that keep one file from taking a batch down.

Each limit, when passed, is reported with the file's name and the rest of the batch goes on.
The defaults are generous for news (a long feature is some 50,000 characters); each can be
changed through the environment, e.g. ``KG_LIMIT_ARTICLE_CHARS=5000000 kg build news/ -o graph/``.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace

from ..errors import KGError

MB = 1 << 20


@dataclass(frozen=True, slots=True)
class Limits:
    article_chars: int = 2_000_000       # text of one article, after cleaning
    file_bytes: int = 16 * MB            # one .txt, .md or .html file, read whole
    line_bytes: int = 16 * MB            # one line of a .jsonl or .jsonl.gz file
    decompressed_bytes: int = 1024 * MB  # all of a .jsonl.gz file once decompressed
    front_matter_bytes: int = 64 * 1024  # the YAML front matter of a .md file (aliases are refused)
    extract_seconds: int = 60            # extracting one article ("too long to read" past it)

    @classmethod
    def from_env(cls, environ: dict | None = None) -> "Limits":
        """The defaults, each replaced by ``KG_LIMIT_<NAME>`` when that is set (a whole number)."""
        environ = os.environ if environ is None else environ
        changes = {}
        for f in fields(cls):
            name = f"KG_LIMIT_{f.name.upper()}"
            if environ.get(name, "").strip():
                try:
                    changes[f.name] = int(environ[name].replace("_", ""))
                except ValueError:
                    raise KGError(f"{name}={environ[name]!r} is not a whole number") from None
                if changes[f.name] < 1:
                    raise KGError(f"{name}={environ[name]!r} must be at least 1")
        return replace(cls(), **changes)


LIMITS = Limits()


def size(n: int) -> str:
    """A byte count as people read it: 16 MB, 64 KB, 512 bytes."""
    if n >= MB and n % MB == 0:
        return f"{n // MB:,} MB"
    if n >= 1024 and n % 1024 == 0:
        return f"{n // 1024:,} KB"
    return f"{n:,} bytes"

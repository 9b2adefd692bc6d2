"""Graph stores: where articles' graphs and the merged view live.

`GraphStore` is the protocol; the backends are registered by name in `kg.registry.stores`
(``memory``: rdflib in memory; ``oxigraph``: pyoxigraph, on disk or in memory; ``sparql``:
a SPARQL 1.1 server). A store on a server is named by its URL, as ``sparql+http://HOST/PATH``.

>>> store = open_store("memory")
>>> store.name
'memory'
>>> open_store("sqlite")
Traceback (most recent call last):
...
kg.errors.UnknownStoreError: unknown store 'sqlite'; valid: memory, oxigraph, sparql
>>> split_store_name("sparql+http://u:pw@host:7878/query")
('sparql', 'http://u:pw@host:7878/query')
>>> public_store_name("sparql+http://u:pw@host:7878/query")
'sparql+http://host:7878/query'
"""
from __future__ import annotations

import os

from .base import Changes, GraphStore, StoreBase
from .results import QueryResult

__all__ = ["Changes", "GraphStore", "QueryResult", "StoreBase", "open_store", "public_store_name",
           "split_store_name", "without_credentials"]


def split_store_name(name: str) -> tuple[str, str | None]:
    """A store name as (backend, location): ``sparql+http://host/path`` names the backend
    ``sparql`` at ``http://host/path``; a bare name such as ``oxigraph`` has no location."""
    backend, plus, rest = name.partition("+")
    if plus and "://" in rest:
        return backend, rest
    return name, None


def public_store_name(name: str) -> str:
    """`name` without a user and password its URL may carry: what may be shown or saved."""
    backend, location = split_store_name(name)
    return name if location is None else f"{backend}+{without_credentials(location)}"


def without_credentials(url: str) -> str:
    """`url` without the user and password it may carry."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = (f"[{host}]" if ":" in host else host) + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def open_store(name: str = "memory", path: str | os.PathLike | None = None, *,
               read_only: bool = False) -> GraphStore:
    """A store from the `stores` registry. Raises `UnknownStoreError` for an unknown name and
    `StoreError` when the store at `path` cannot be opened.

    A name with a location (``sparql+http://host/path``) opens that backend there; `path`
    is then ignored."""
    from ..registry import stores

    backend, location = split_store_name(name)
    return stores.get(backend)(location if location is not None else path, read_only=read_only)

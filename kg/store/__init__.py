"""Graph stores: where articles' graphs and the merged view live.

`GraphStore` is the protocol; the backends are registered by name in `kg.registry.stores`
(``memory``: rdflib in memory; ``oxigraph``: pyoxigraph, on disk or in memory).

>>> store = open_store("memory")
>>> store.name
'memory'
>>> open_store("sqlite")
Traceback (most recent call last):
...
kg.errors.UnknownStoreError: unknown store 'sqlite'; valid: memory, oxigraph
"""
from __future__ import annotations

import os

from .base import Changes, GraphStore, StoreBase
from .results import QueryResult

__all__ = ["Changes", "GraphStore", "QueryResult", "StoreBase", "open_store"]


def open_store(name: str = "memory", path: str | os.PathLike | None = None, *,
               read_only: bool = False) -> GraphStore:
    """A store from the `stores` registry. Raises `UnknownStoreError` for an unknown name and
    `StoreError` when the store at `path` cannot be opened."""
    from ..registry import stores

    return stores.get(name)(path, read_only=read_only)

"""Name → factory registries for stores, exporters and extractors.

All built-in registrations live in `kg/registrations.py`, in one place; third-party packages
add theirs through entry points (groups `kg.stores`, `kg.exporters`, `kg.extractors`).

>>> r = Registry("colour", UnknownNameError)
>>> r.register("red")(lambda: "#f00")()
'#f00'
>>> r.get("red")()
'#f00'
>>> r.get("blue")
Traceback (most recent call last):
...
kg.errors.UnknownNameError: unknown name 'blue'; valid: red
"""
from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any

from .errors import UnknownExtractorError, UnknownFormatError, UnknownNameError, UnknownStoreError


class Registry:
    """A mapping of names to factories, filled by decorators and by entry points."""

    def __init__(self, group: str, error: type[UnknownNameError]):
        self.group, self.error = group, error
        self._items: dict[str, Callable[..., Any]] = {}
        self._loaded_entry_points = False

    def register(self, name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def decorate(factory: Callable[..., Any]) -> Callable[..., Any]:
            self._items[name] = factory
            return factory
        return decorate

    def get(self, name: str) -> Callable[..., Any]:
        if name not in self._items:
            self._load_entry_points()
        try:
            return self._items[name]
        except KeyError:
            raise self.error(name, self._items) from None

    def names(self) -> list[str]:
        self._load_entry_points()
        return sorted(self._items)

    def _load_entry_points(self) -> None:
        if self._loaded_entry_points:
            return
        self._loaded_entry_points = True
        for ep in entry_points(group=f"kg.{self.group}"):
            self._items.setdefault(ep.name, _deferred(ep))


def _deferred(ep) -> Callable[..., Any]:
    """A factory that imports its entry point's target only when first called."""
    def factory(*args: Any, **kwargs: Any) -> Any:
        return ep.load()(*args, **kwargs)
    factory.__name__ = ep.name
    return factory


stores = Registry("stores", UnknownStoreError)
exporters = Registry("exporters", UnknownFormatError)
extractors = Registry("extractors", UnknownExtractorError)

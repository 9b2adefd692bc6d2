"""Name → factory registries, one per extension point: stores, exporters, extractors, executors.

Each registry fills itself, on first use, from its built-in table below and then from the
entry points of its group (``kg.stores``, ``kg.exporters``, ``kg.extractors``, ``kg.executors``), so a
package installed beside kg adds a store, a format or an extractor without kg's code
knowing it. Targets are ``"module:attribute"`` strings, imported only when called, so a
registry costs nothing until something is used.

An output format is declared once, in `FORMATS`, with its exporter: its name, the other
names and file suffixes that choose it, and its media type. A plugin exporter's entry
point names either a `Format` or a bare callable (which may carry ``suffixes``,
``aliases`` and ``media_type`` attributes). An exporter is called as
``exporter(graph, path, **options)`` with a `KnowledgeGraph`.

>>> r = Registry("colours", UnknownNameError, builtins={"red": "kg.vocab:KG"})
>>> r.register("blue")(lambda: "#00f")()
'#00f'
>>> r.names()
['blue', 'red']
>>> r.get("green")
Traceback (most recent call last):
...
kg.errors.UnknownNameError: unknown name 'green'; valid: blue, red
>>> exporters.format_for_path("graph.nq").name, exporters.format("ttl").name
('nquads', 'turtle')
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from .errors import UnknownExecutorError, UnknownExtractorError, UnknownFormatError, UnknownNameError, UnknownStoreError

Target = str | Callable[..., Any]


def load_target(target: Target) -> Callable[..., Any]:
    """The callable a ``"module:attribute"`` string names (a callable is returned as it is)."""
    if callable(target):
        return target
    module, _, attribute = target.partition(":")
    value: Any = import_module(module)
    for part in attribute.split("."):
        value = getattr(value, part)
    return value


def lazy(name: str, target: Target) -> Callable[..., Any]:
    """A factory that imports `target` only when first called."""
    if callable(target):
        return target

    def factory(*args: Any, **kwargs: Any) -> Any:
        return load_target(target)(*args, **kwargs)
    factory.__name__ = name.replace("-", "_")
    factory.target = target  # type: ignore[attr-defined]
    return factory


class Registry:
    """A mapping of names to factories: a built-in table, decorators, and entry points."""

    def __init__(self, group: str, error: type[UnknownNameError], builtins: dict[str, Target] | None = None):
        self.group, self.error = group, error
        self._builtins = dict(builtins or {})
        self._items: dict[str, Callable[..., Any]] = {}
        self._filled = False

    def register(self, name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def decorate(factory: Callable[..., Any]) -> Callable[..., Any]:
            self._items[name] = factory
            return factory
        return decorate

    def get(self, name: str) -> Callable[..., Any]:
        self._fill()
        try:
            return self._items[name]
        except KeyError:
            raise self.error(name, self._items) from None

    def names(self) -> list[str]:
        self._fill()
        return sorted(self._items)

    def __contains__(self, name: object) -> bool:
        self._fill()
        return name in self._items

    def _fill(self) -> None:
        """Built-ins first, then entry points; a name registered earlier is never replaced."""
        if self._filled:
            return
        self._filled = True
        for name, target in self._builtins.items():
            self._items.setdefault(name, lazy(name, target))
        for ep in entry_points(group=f"kg.{self.group}"):
            self._items.setdefault(ep.name, self._from_entry_point(ep))

    def _from_entry_point(self, ep) -> Callable[..., Any]:
        return lazy(ep.name, ep.value)


@dataclass(frozen=True)
class Format:
    """An output format and its exporter.

    `rdf` is rdflib's name for the format when it is RDF (the stores and `kg extract` write
    those themselves), and `quads` says whether it holds named graphs; a triple format gets
    the merged view and the background.
    """

    name: str
    exporter: Target
    suffixes: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    media_type: str = "application/octet-stream"
    rdf: str = ""
    quads: bool = False
    description: str = ""


_SERIALIZE, _TABLES = "kg.export.serialize", "kg.export.tables"
FORMATS: tuple[Format, ...] = (
    Format("turtle", f"{_SERIALIZE}:write_turtle", (".ttl", ".turtle"), ("ttl",), "text/turtle", "turtle"),
    Format("nt", f"{_SERIALIZE}:write_ntriples", (".nt",), ("ntriples", "n-triples"), "application/n-triples", "nt"),
    Format("trig", f"{_SERIALIZE}:write_trig", (".trig",), (), "application/trig", "trig", quads=True),
    Format("nquads", f"{_SERIALIZE}:write_nquads", (".nq",), ("nq", "n-quads"), "application/n-quads", "nquads",
           quads=True),
    Format("json-ld", f"{_SERIALIZE}:write_jsonld", (".jsonld", ".json"), ("jsonld",), "application/ld+json",
           "json-ld", quads=True),
    Format("xml", f"{_SERIALIZE}:write_rdfxml", (".rdf", ".xml"), ("rdfxml", "rdf/xml"), "application/rdf+xml",
           "xml"),
    Format("graphml", f"{_TABLES}:write_graphml", (".graphml",), (), "application/graphml+xml"),
    Format("gexf", f"{_TABLES}:write_gexf", (".gexf",), (), "application/gexf+xml"),
    Format("csv", f"{_TABLES}:write_csv", (".csv",), (), "text/csv"),
    Format("html", f"{_SERIALIZE}:write_html", (".html", ".htm"), (), "text/html"),
    Format("table", "kg.export.text:write_table", (".txt",), ("text",), "text/plain; charset=utf-8",
           description="the facts and entities as aligned text tables, for people"),
)


class ExporterRegistry(Registry):
    """Exporters by format name, each with its `Format`: aliases and suffixes choose them too."""

    def __init__(self, formats: Iterable[Format]):
        self._formats: dict[str, Format] = {}
        super().__init__("exporters", UnknownFormatError)
        for fmt in formats:
            self.add(fmt)

    def add(self, fmt: Format) -> Format:
        """Register a format and its exporter (replacing one of the same name)."""
        self._formats[fmt.name] = fmt
        self._items[fmt.name] = lazy(fmt.name, fmt.exporter)
        return fmt

    def register(self, name: str, **declared: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def decorate(exporter: Callable[..., Any]) -> Callable[..., Any]:
            self.add(Format(name, exporter, **declared))
            return exporter
        return decorate

    def _from_entry_point(self, ep) -> Callable[..., Any]:
        target = ep.load()
        fmt = target if isinstance(target, Format) else Format(
            ep.name, target, tuple(getattr(target, "suffixes", ())), tuple(getattr(target, "aliases", ())),
            getattr(target, "media_type", "application/octet-stream"))
        if fmt.name != ep.name:
            fmt = Format(ep.name, *(getattr(fmt, f) for f in Format.__dataclass_fields__ if f != "name"))
        self._formats[ep.name] = fmt
        return lazy(ep.name, fmt.exporter)

    def formats(self) -> list[Format]:
        self._fill()
        return [self._formats[name] for name in sorted(self._formats)]

    def format(self, name: str) -> Format:
        """The format called `name` or one of its aliases (any case); raises `UnknownFormatError`."""
        self._fill()
        wanted = name.lower()
        for fmt in self._formats.values():
            if wanted == fmt.name.lower() or wanted in fmt.aliases:
                return fmt
        raise UnknownFormatError(name, self._formats)

    def format_for_path(self, path: str | os.PathLike) -> Format:
        """The format a file name's suffix chooses; raises `UnknownFormatError` naming the file."""
        self._fill()
        name = Path(path).name.lower()
        for fmt in self._formats.values():
            if any(name.endswith(suffix) for suffix in fmt.suffixes):
                return fmt
        valid = sorted({s for fmt in self._formats.values() for s in fmt.suffixes})
        raise UnknownFormatError(f"{path} (suffix {Path(path).suffix!r})", valid)

    def choose(self, path: str | os.PathLike, name: str | None = None) -> Format:
        """The format `name` names, else the one `path`'s suffix chooses."""
        return self.format(name) if name else self.format_for_path(path)

    def rdf_formats(self) -> list[Format]:
        return [fmt for fmt in self.formats() if fmt.rdf]


stores = Registry("stores", UnknownStoreError, builtins={
    "memory": "kg.store.memory:MemoryStore",
    "oxigraph": "kg.store.oxigraph:OxigraphStore",
    "sparql": "kg.store.sparql:SparqlStore",
})
extractors = Registry("extractors", UnknownExtractorError, builtins={
    "roles": "kg.extract.roles:role_facts",
    "relations": "kg.extract.relations:relation_facts",
})
executors = Registry("executors", UnknownExecutorError, builtins={
    "serial": "kg.executors:serial",
    "processes": "kg.executors:processes",
    "dask": "kg.executors:dask",
})
exporters = ExporterRegistry(FORMATS)

__all__ = ["FORMATS", "ExporterRegistry", "Format", "Registry", "executors", "exporters", "extractors", "load_target", "stores"]

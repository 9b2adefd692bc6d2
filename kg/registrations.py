"""Every built-in store, exporter and extractor, registered in one place.

Importing this module fills `kg.registry.stores`, `kg.registry.exporters` and
`kg.registry.extractors`. The same
names are declared as entry points in pyproject.toml (groups ``kg.stores`` and
``kg.exporters``), so the registries also find them when this module is never imported.
Factories import their modules only when called, so registering costs nothing.

An exporter is called as ``exporter(graph, path, **options)`` with a `KnowledgeGraph`.

>>> from kg.registry import exporters, extractors, stores
>>> extractors.names()
['relations', 'roles']
>>> stores.names()
['memory', 'oxigraph']
>>> sorted(exporters.names())
['csv', 'gexf', 'graphml', 'html', 'json-ld', 'nquads', 'nt', 'trig', 'turtle']
"""
from __future__ import annotations

from .registry import exporters, extractors, stores


@extractors.register("roles")
def roles_extractor(ctx):
    from .extract.roles import role_facts
    return role_facts(ctx)


@extractors.register("relations")
def relations_extractor(ctx):
    from .extract.relations import relation_facts
    return relation_facts(ctx)


@stores.register("memory")
def memory_store(path=None, **options):
    from .store.memory import MemoryStore
    return MemoryStore(path, **options)


@stores.register("oxigraph")
def oxigraph_store(path=None, **options):
    from .store.oxigraph import OxigraphStore
    return OxigraphStore(path, **options)


def _register_exporter(name: str, module: str, function: str) -> None:
    def export(graph, path, **options):
        from importlib import import_module
        return getattr(import_module(module), function)(graph, path, **options)
    export.__name__ = f"export_{name.replace('-', '_')}"
    exporters.register(name)(export)


for _name, _function in (("turtle", "write_turtle"), ("nt", "write_ntriples"), ("trig", "write_trig"),
                         ("nquads", "write_nquads"), ("json-ld", "write_jsonld")):
    _register_exporter(_name, "kg.export.serialize", _function)
for _name, _function in (("graphml", "write_graphml"), ("gexf", "write_gexf"), ("csv", "write_csv")):
    _register_exporter(_name, "kg.export.tables", _function)
_register_exporter("html", "kg.export.serialize", "write_html")

"""Imports run one way only: a module imports from its own layer or the layers below.

model/schema/rdf (and errors, vocab, registry, resources, atomic, deadline) → nlp, ingest → gazetteer →
extract (pipeline, executors) → store → export → build, api, endpoint → cli. `kg/__init__.py` re-exports the API and is
exempt. Every import counts, at the top of a module or inside a function.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "kg"

LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"model", "schema", "rdf", "errors", "vocab", "registry", "resources", "atomic",
               "deadline"}),
    frozenset({"nlp", "ingest"}),
    frozenset({"gazetteer"}),
    frozenset({"extract", "pipeline", "executors"}),
    frozenset({"store"}),
    frozenset({"export", "analytics"}),
    frozenset({"build", "outputs", "api", "evaluate", "endpoint"}),
    frozenset({"cli"}),
)
LEVEL = {part: n for n, layer in enumerate(LAYERS) for part in layer}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(source: str, module: str, *, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in `source`, relative ones resolved."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            if node.module:
                found.append((node.lineno, target))
            else:  # from . import x, y: each is a module of the package
                found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
    return found


def layer_of(module: str) -> int | None:
    """The layer of a kg module (None for anything outside kg)."""
    parts = module.split(".")
    if parts[0] != "kg" or len(parts) < 2:
        return None
    return LEVEL.get(parts[1], -1)


def violations(source: str, module: str, *, is_package: bool = False) -> list[str]:
    own = layer_of(module)
    out = []
    for line, target in imported_modules(source, module, is_package=is_package):
        level = layer_of(target)
        if level is not None and level > own:
            out.append(f"{module}:{line} imports {target} (layer {level} is above its own, {own})")
    return out


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p != PACKAGE / "__init__.py")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_module_imports_only_from_its_layer_and_below(path):
    module = module_name(path)
    assert layer_of(module) != -1, f"{module} belongs to no layer: add it to LAYERS"
    assert violations(path.read_text(encoding="utf-8"), module, is_package=path.name == "__init__.py") == []


def test_an_import_from_above_is_caught():
    source = "from . import merge\n\ndef f():\n    from ..export.html import write_html\n"
    assert violations(source, "kg.store.base") == ["kg.store.base:4 imports kg.export.html (layer 5 is above its own, 4)"]
    assert violations("import kg.cli.build\n", "kg.model") == ["kg.model:1 imports kg.cli.build (layer 7 is above its own, 0)"]


def test_relative_imports_resolve_from_the_package():
    assert imported_modules("from . import merge\nfrom ..rdf import x\n", "kg.store", is_package=True) == [
        (1, "kg.store.merge"), (2, "kg.rdf")]
    assert imported_modules("from .base import y\n", "kg.store.memory") == [(1, "kg.store.base")]


def test_nothing_imports_a_module_for_its_side_effect():
    """Registries fill themselves: no `import x  # noqa: F401` to fill one."""
    for path in MODULES:
        for line in path.read_text(encoding="utf-8").splitlines():
            assert not ("import" in line and "fills the" in line), f"{path}: {line.strip()}"

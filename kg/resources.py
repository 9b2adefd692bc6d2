"""Where the data kg reads at run time lives: the ontology, gazetteer, lexicons, assets.

Installed, the top-level `ontologies/` folder ships inside the package as `kg/ontologies`;
in a source checkout it is read in place.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def ontologies_dir() -> Path:
    for candidate in (_HERE / "ontologies", _HERE.parent / "ontologies"):
        if (candidate / "gazetteer").is_dir():
            return candidate
    raise FileNotFoundError("the kg ontologies folder is missing from this installation")


def ontology_file(name: str) -> Path:
    return ontologies_dir() / name

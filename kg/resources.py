"""Where the data kg reads at run time lives: the ontology, gazetteer, lexicons, assets.

Installed, the top-level `ontologies/` folder ships inside the package as `kg/ontologies`;
in a source checkout it is read in place. `KG_ONTOLOGIES_PATH` (folders separated by the
platform's path separator, as in PATH) names more folders of the same layout, searched
before the built-in one: a lexicon there adds (or replaces) a language, and gazetteer files
there add entities.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent
SEARCH_PATH_VARIABLE = "KG_ONTOLOGIES_PATH"


@lru_cache(maxsize=1)
def ontologies_dir() -> Path:
    """The built-in ontologies folder."""
    for candidate in (_HERE / "ontologies", _HERE.parent / "ontologies"):
        if (candidate / "gazetteer").is_dir():
            return candidate
    raise FileNotFoundError("the kg ontologies folder is missing from this installation")


def ontology_file(name: str) -> Path:
    return ontologies_dir() / name


def ontology_dirs() -> tuple[Path, ...]:
    """The folders data is read from, first match first: KG_ONTOLOGIES_PATH, then the built-in one."""
    extra = [Path(p) for p in os.environ.get(SEARCH_PATH_VARIABLE, "").split(os.pathsep) if p]
    return (*extra, ontologies_dir())


def lexicon_files() -> dict[str, Path]:
    """Language code → its lexicon file; a folder earlier on the search path wins."""
    found: dict[str, Path] = {}
    for folder in ontology_dirs():
        for path in sorted((folder / "lexicon").glob("*.yaml")):
            found.setdefault(path.stem, path)
    return dict(sorted(found.items()))


def gazetteer_files() -> list[Path]:
    """Every gazetteer file on the search path, the built-in ones first; the generated files
    (gazetteer/generated/*.jsonl) after all the curated ones, which win over them."""
    folders = [folder / "gazetteer" for folder in reversed(ontology_dirs())]
    return ([path for f in folders for path in sorted(f.glob("*.yaml"))]
            + [path for f in folders for path in sorted((f / "generated").glob("*.jsonl"))])


def cache_dir() -> Path:
    """Where compiled data is cached: $KG_CACHE_DIR, else the user's cache folder."""
    if "KG_CACHE_DIR" in os.environ:
        return Path(os.environ["KG_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"

"""What the page calls things, in the reader's language: relation families and their
colours, node shapes by type, term labels from the ontology, entity names."""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ... import schema

LANGS = tuple(schema.load().languages)

# Families and their colours and names are the ontology's (kg:family, kg:RelationFamilyScheme).
_SCHEMA = schema.load()
FAMILIES: dict[str, tuple[str, ...]] = {
    fam: tuple(r.name for r in _SCHEMA.relations.values() if r.family == fam) for fam in _SCHEMA.families}
FAMILY_OF = {rel: fam for fam, rels in FAMILIES.items() for rel in rels}
FAMILY_COLORS = {fam.name: fam.color for fam in _SCHEMA.families.values()}
FAMILY_NAMES = {lang: {fam.name: fam.labels.get(lang) or fam.name for fam in _SCHEMA.families.values()}
                for lang in LANGS}

# Every entity type of the ontology gets its own look, read from kg.ttl so that a type added
# there is drawn apart at once. Shape says the branch of the type tree (state, person,
# organisation, region, place, event, concept: the classes right under a kind's root);
# colour tells every type apart. Shapes are those vis draws with the label below.
SHAPES = ("dot", "diamond", "square", "triangleDown", "triangle", "star", "hexagon")
PALETTE = ("#4c78a8", "#f58518", "#54a24b", "#2a9d8f", "#1d6f65", "#72b7b2", "#88a04b",
           "#b279a2", "#d67195", "#e45756", "#9d755d", "#6b4c9a", "#c9a227", "#eca82c",
           "#8c564b", "#3b8bc2", "#c44e52", "#8cb369", "#7f7fd5", "#5e8c31", "#9e9e9e",
           "#d95f02", "#1b9e77", "#e7298a")
DEFAULT_STYLE = ("dot", "#bab0ac")


def _branch(name: str) -> str:
    """The class right under the abstract root of a type's kind: Country for Country,
    Organization for Alliance, Place for City."""
    ty = _SCHEMA.types[name]
    while ty.parents and ty.parents[0] in _SCHEMA.types and not _SCHEMA.types[ty.parents[0]].abstract:
        ty = _SCHEMA.types[ty.parents[0]]
    return ty.name


def _type_styles() -> dict[str, tuple[str, str]]:
    concrete = [t.name for t in _SCHEMA.types.values() if not t.abstract]
    branches = list(dict.fromkeys(_branch(t) for t in concrete))
    return {t: (SHAPES[branches.index(_branch(t)) % len(SHAPES)], PALETTE[i % len(PALETTE)])
            for i, t in enumerate(concrete)}


TYPE_STYLES: dict[str, tuple[str, str]] = _type_styles()


def _ontology_labels() -> dict[str, dict[str, str]]:
    """kg: relation or type local name → {lang: label}, from the ontology (kg.schema)."""
    return {**{r.name: r.labels for r in _SCHEMA.relations.values()},
            **{ty.name: ty.labels for ty in _SCHEMA.types.values()}}


def term_label(term: str, lang: str) -> str:
    """A relation or type in the reader's language: 'memberOf' → 'member of'."""
    labels = _ontology_labels().get(term, {})
    return labels.get(lang) or labels.get("en") or re.sub(r"(?<=[a-z])(?=[A-Z])", " ", term).lower()


def type_label(ntype: str, lang: str) -> str:
    label = term_label(ntype, lang)
    return label[:1].upper() + label[1:]


def display_name(node: Any, attrs: Mapping, lang: str) -> str:
    labels = attrs.get("labels") or {}
    for name in (labels.get(lang), attrs.get("label"), *(labels.get(x) for x in LANGS),
                 *labels.values()):
        if name and str(name).strip():
            return str(name).strip()
    return str(node)

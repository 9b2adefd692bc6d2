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

# Shape says the kind of thing (state, person, body, armed group, place, event); colour
# tells the types of one kind apart. Shapes are those vis draws with the label below.
TYPE_STYLES: dict[str, tuple[str, str]] = {
    "Country": ("dot", "#4c78a8"),
    "Person": ("diamond", "#f58518"),
    "Organization": ("square", "#54a24b"),
    "IntergovernmentalOrganization": ("hexagon", "#2a9d8f"),
    "Alliance": ("hexagon", "#1d6f65"),
    "Format": ("hexagon", "#72b7b2"),
    "Agency": ("square", "#88a04b"),
    "Company": ("square", "#b279a2"),
    "Media": ("square", "#d67195"),
    "ArmedGroup": ("triangle", "#e45756"),
    "Region": ("triangleDown", "#9d755d"),
    "City": ("triangleDown", "#bc8f6f"),
    "Place": ("triangleDown", "#c9a98b"),
    "Event": ("star", "#eca82c"),
    "Summit": ("star", "#d4a017"),
    "Meeting": ("star", "#f2cf5b"),
    "Visit": ("star", "#e0b84c"),
    "Attack": ("star", "#c44e52"),
    "Agreement": ("star", "#8cb369"),
    "Election": ("star", "#a0a0d0"),
    "Vote": ("star", "#b0b0e0"),
    "Concept": ("dot", "#9e9e9e"),
}
DEFAULT_STYLE = ("dot", "#bab0ac")


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

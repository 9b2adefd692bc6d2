"""The vocabulary, read once from `ontologies/`: relations, entity types, domains, languages.

`ontologies/kg.ttl` is the one place a relation, an entity type, a domain or a relation
family is declared; each language is the `language:` block of its lexicon
(`ontologies/lexicon/<code>.yaml`). Reading the ontology takes rdflib and a fifth of a
second, so what is read is cached on disk as JSON, keyed by the files' contents, and later
runs only hash the files and read the JSON.

>>> s = load()
>>> s.relation("cooperatesWith").symmetric, s.relation("visits").eventful
(True, True)
>>> "Person" in s.relation("leaderOf").subjects
True
>>> s.relation("inception").literal
True
>>> s.family("attacks").name
'conflict'
>>> sorted(s.languages)
['en', 'ru', 'uk']
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from .atomic import atomic_write
from .errors import KGError, StoreError, UnknownRelationError
from .resources import cache_dir, lexicon_files, ontology_file

_CACHE_VERSION = "4"  # bump when what is cached changes shape
_KG = "https://kg.example.org/ontology#"


class SchemaError(KGError):
    """The ontology or a lexicon's language block is malformed: the message names the file."""


@dataclass(frozen=True)
class Relation:
    """One relation, as its block in kg.ttl declares it."""

    name: str
    symmetric: bool = False
    eventful: bool = False  # a planned fact of it has not happened (no direct triple)
    literal: bool = False  # its object is a literal (inception's year), not an entity
    family: str = "other"
    subjects: frozenset[str] = frozenset()  # entity types the extractor accepts on each side
    objects: frozenset[str] = frozenset()
    qualifiers: frozenset[str] = frozenset()  # of domain, date, place, trend
    genitive_agent: bool = False  # «удар Росії»: a genitive after its noun is the subject
    adjective_agent: bool = False  # "Russian strikes": a nationality adjective is the subject
    event_class: str = ""  # the kg:Event subclass an occurrence is written as (Meeting, Visit …)
    labels: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Family:
    """A family of relations: how the page groups and colours them."""

    name: str
    color: str
    labels: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class EntityType:
    name: str
    kind: str  # actor | place | event | concept
    parents: tuple[str, ...] = ()
    abstract: bool = False
    labels: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Language:
    """A language kg reads, from the `language:` block of its lexicon file."""

    code: str
    name: str
    script: str  # a Unicode script name: a word with a letter of it is read by this lemmatiser
    alphabet: frozenset[str]  # lowercase letters; those no other language has identify it
    lemmatizer: str  # a registered name, an entry point of `kg.lemmatizers`, or module:function
    foreign: str = ""  # the language whose lemmatiser reads words in another script
    lingua: str = ""  # lingua's name of the language, when lingua knows it
    abbreviations: frozenset[str] = frozenset()  # a full stop after them does not end a sentence

    def writes(self, ch: str) -> bool:
        """Whether a character belongs to this language's script."""
        return _script_of(ch) == self.script


@dataclass(frozen=True)
class Schema:
    relations: dict[str, Relation]
    families: dict[str, Family]
    types: dict[str, EntityType]
    domains: dict[str, str]  # token (security) → local name in kg.ttl (Security)
    languages: dict[str, Language]

    def relation(self, name: str) -> Relation:
        try:
            return self.relations[name]
        except KeyError:
            raise UnknownRelationError(name, self.relations) from None

    def family(self, relation: str) -> Family:
        return self.families[self.relation(relation).family]

    @cached_property
    def entity_types(self) -> tuple[str, ...]:
        """The types an entity may have (abstract classes left out)."""
        return tuple(t.name for t in self.types.values() if not t.abstract)

    def types_of_kind(self, kind: str) -> frozenset[str]:
        return frozenset(t.name for t in self.types.values() if t.kind == kind and not t.abstract)


@lru_cache(maxsize=1)
def load() -> Schema:
    """The schema, from the disk cache when kg.ttl and the lexicons have not changed."""
    sources = [ontology_file("kg.ttl"), *lexicon_files().values()]
    cache = cache_dir() / f"schema-{_digest(sources)}.json"
    try:
        return _from_json(json.loads(cache.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    data = {**read_ontology(sources[0]), "languages": read_languages(lexicon_files())}
    _write_cache(cache, data)
    return _from_json(data)


def _digest(files: list[Path]) -> str:
    h = hashlib.sha256(_CACHE_VERSION.encode())
    for f in files:
        h.update(str(f).encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:20]


def _write_cache(path: Path, data: dict) -> None:
    try:
        with atomic_write(path) as fh:
            fh.write(json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except (OSError, StoreError):
        pass  # a read-only home only costs the read on each run


def _from_json(data: dict) -> Schema:
    sets = ("subjects", "objects", "qualifiers")
    return Schema(
        relations={r["name"]: Relation(**{k: frozenset(v) if k in sets else v for k, v in r.items()})
                   for r in data["relations"]},
        families={f["name"]: Family(**f) for f in data["families"]},
        types={t["name"]: EntityType(**{**t, "parents": tuple(t["parents"])}) for t in data["types"]},
        domains=dict(data["domains"]),
        languages={lg["code"]: Language(**{**lg, "alphabet": frozenset(lg["alphabet"]),
                                           "abbreviations": frozenset(lg["abbreviations"])})
                   for lg in data["languages"]})


# ---------------------------------------------------------------- reading kg.ttl


def read_ontology(path: Path) -> dict[str, Any]:
    """Relations, families, entity types and domains of kg.ttl, as plain JSON-able data.

    Each list keeps the order in which kg.ttl declares its items.
    """
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import OWL, RDF, RDFS, SKOS

    text = path.read_text(encoding="utf-8")
    try:
        g = Graph().parse(data=text, format="turtle")
    except Exception as e:  # rdflib raises several unrelated types for bad Turtle
        raise SchemaError(f"{path.name}: not valid Turtle: {e}") from None
    order = {m.group(1): m.start() for m in reversed(list(re.finditer(r"^kg:(\w+)\b", text, re.M)))}
    kg = lambda local: URIRef(_KG + local)  # noqa: E731

    def local(term: object) -> str:
        return str(term).removeprefix(_KG)

    def ours(terms) -> list[str]:
        return sorted((local(t) for t in terms if isinstance(t, URIRef) and str(t).startswith(_KG)),
                      key=lambda n: (order.get(n, len(text)), n))

    def labels(term, predicate=RDFS.label) -> dict[str, str]:
        return {o.language: str(o) for o in g.objects(term, predicate) if isinstance(o, Literal) and o.language}

    def flag(term, name: str) -> bool:
        return any(o.toPython() is True for o in g.objects(term, kg(name)))

    def members(values) -> set[str]:  # a type group (skos:Collection) stands for its members
        out: set[str] = set()
        for v in values:
            out |= {local(m) for m in g.objects(v, SKOS.member)} if (v, RDF.type, SKOS.Collection) in g else {local(v)}
        return out

    family_concepts = ours(g.subjects(SKOS.inScheme, kg("RelationFamilyScheme")))
    families = [{"name": str(g.value(kg(n), SKOS.notation)), "color": str(g.value(kg(n), kg("color"))),
                 "labels": labels(kg(n), SKOS.prefLabel)} for n in family_concepts]
    family_of = {kg(n): f["name"] for n, f in zip(family_concepts, families)}

    relations = []
    properties = set(g.subjects(RDF.type, OWL.ObjectProperty)) | set(g.subjects(RDF.type, OWL.DatatypeProperty))
    for name in ours(s for s in properties if g.value(s, kg("subjectType")) is not None):
        prop = kg(name)
        relations.append({
            "name": name, "symmetric": (prop, RDF.type, OWL.SymmetricProperty) in g,
            "eventful": flag(prop, "eventful"), "literal": (prop, RDF.type, OWL.DatatypeProperty) in g,
            "family": family_of.get(g.value(prop, kg("family")), "other"),
            "subjects": sorted(members(g.objects(prop, kg("subjectType")))),
            "objects": sorted(members(g.objects(prop, kg("objectType")))),
            "qualifiers": sorted(local(q) for q in g.objects(prop, kg("qualifier"))),
            "genitive_agent": flag(prop, "genitiveAgent"), "adjective_agent": flag(prop, "adjectiveAgent"),
            "event_class": local(g.value(prop, kg("eventClass")) or ""),
            "labels": labels(prop)})

    classes = set(g.transitive_subjects(RDFS.subClassOf, kg("Entity")))
    types = []
    for name in ours(classes):
        cls = kg(name)
        kinds = [str(k) for c in g.transitive_objects(cls, RDFS.subClassOf) for k in g.objects(c, kg("kind"))]
        types.append({"name": name, "kind": kinds[0] if kinds else "",
                      "parents": ours(g.objects(cls, RDFS.subClassOf)), "abstract": flag(cls, "abstract"),
                      "labels": labels(cls)})

    domains = [(str(g.value(c, SKOS.notation)), local(c))
               for c in map(kg, ours(g.subjects(SKOS.inScheme, kg("DomainScheme"))))]
    return {"relations": relations, "families": families, "types": types, "domains": domains}


# ---------------------------------------------------------------- languages


def read_languages(files: dict[str, Path]) -> list[dict[str, Any]]:
    """The `language:` block of each lexicon file, checked."""
    import yaml

    out = []
    for code, path in files.items():
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as e:
            raise SchemaError(f"{path}: invalid YAML: {e}") from None
        block = (data or {}).get("language") if isinstance(data, dict) else None
        if not isinstance(block, dict):
            raise SchemaError(f"{path}: no 'language:' block (name, script, alphabet, lemmatizer)")
        missing = [k for k in ("name", "script", "alphabet", "lemmatizer") if not block.get(k)]
        if missing:
            raise SchemaError(f"{path}: the language block lacks {', '.join(missing)}")
        alphabet = "".join(str(block["alphabet"]).lower().split())
        script = str(block["script"])
        strangers = sorted({ch for ch in alphabet if _script_of(ch) != script})
        if strangers:
            raise SchemaError(f"{path}: letters {''.join(strangers)!r} of the alphabet are not {script} script")
        odd = [a for a in block.get("abbreviations") or [] if not isinstance(a, str)]
        if odd:  # YAML reads a bare no, on or yes as a boolean
            raise SchemaError(f"{path}: abbreviations {odd!r} are not words; put them in quotes")
        out.append({"code": code, "name": str(block["name"]), "script": script, "alphabet": sorted(set(alphabet)),
                    "lemmatizer": str(block["lemmatizer"]), "foreign": str(block.get("foreign") or ""),
                    "lingua": str(block.get("lingua") or ""),
                    "abbreviations": sorted(str(a).lower() for a in block.get("abbreviations") or [])})
    return out


@lru_cache(maxsize=4096)
def _script_of(ch: str) -> str:
    """The Unicode script of a letter by its character name: 'Cyrillic', 'Latin', 'Greek' …"""
    import unicodedata

    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0].capitalize() if ch.isalpha() and name else ""


# ---------------------------------------------------------------- the output shapes


def shapes_turtle() -> str:
    """shapes.ttl with the relation-specific shapes, generated from the schema, appended."""
    s = load()
    names = list(s.relations)
    iris = " ".join(f"kg:{n}" for n in names)
    eventful = ", ".join(f"kg:{n}" for n in names if s.relations[n].eventful)
    symmetric = ", ".join(f"kg:{n}" for n in names if s.relations[n].symmetric)
    generated = _RELATION_SHAPES.format(iris=iris, count=len(names), eventful=eventful or "kg:none",
                                        symmetric=symmetric or "kg:none")
    return ontology_file("shapes.ttl").read_text(encoding="utf-8") + _type_shapes(s) + generated


def _type_shapes(s: Schema) -> str:
    """The entity shapes' targets and the list of types an entity may have, from kg.ttl."""
    def terms(names) -> str:
        return " , ".join(f"kg:{n}" for n in names)

    types = list(s.types.values())
    named = [t.name for t in types if t.kind and t.kind != "event"]
    events = [t.name for t in types if t.kind == "event"]
    return _TYPE_SHAPES.format(every=terms(t.name for t in types), named=terms(named), events=terms(events),
                               concrete=" ".join(f"kg:{n}" for n in s.entity_types))


def shapes_graph():
    """The SHACL shapes every graph kg writes satisfies, as an rdflib Graph."""
    from rdflib import Graph

    return Graph().parse(data=shapes_turtle(), format="turtle")


def ontology_graph():
    """kg.ttl as an rdflib Graph (the `ont_graph` of a SHACL validation)."""
    from rdflib import Graph

    return Graph().parse(ontology_file("kg.ttl"))


_TYPE_SHAPES = """
#################################################################
# Entity types (generated by kg.schema from kg.ttl)
#################################################################

kgsh:EntityShape sh:targetClass {every} .
kgsh:NamedEntityShape sh:targetClass {named} .
kgsh:EventShape sh:targetClass {events} .
kgsh:OntologyTypeShape
    a sh:NodeShape ;
    sh:in ( {concrete} ) .
"""

# The relations are named in the shapes rather than read from kg.ttl (owl:SymmetricProperty,
# kg:eventful) so that the checks hold when validating without the ontology.
_RELATION_SHAPES = """
#################################################################
# Relations (generated by kg.schema from kg.ttl)
#################################################################

kgsh:StatementRelationShape
    a sh:NodeShape ;
    sh:targetClass rdf:Statement ;
    sh:property
        [ sh:path rdf:predicate ; sh:minCount 1 ; sh:maxCount 1 ;
          sh:in ( {iris} ) ;
          sh:message "a statement needs exactly one rdf:predicate, one of the {count} kg: relations" ] ;
    # The scorer reads direct triples only: a positive statement whose triple is missing
    # is a fact that silently never counts. A denied fact has no direct triple by design,
    # nor has an event that was only planned (kg:eventful, Fact.asserted).
    sh:sparql [
        a sh:SPARQLConstraint ;
        sh:message "statement {{$this}} has no direct triple {{?s}} {{?p}} {{?o}}" ;
        sh:prefixes <https://kg.example.org/shapes> ;
        sh:select \"\"\"
            SELECT $this ?s ?p ?o WHERE {{
                $this rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
                FILTER NOT EXISTS {{ $this kg:polarity ?polarity . FILTER (STR(?polarity) = "negative") }}
                FILTER NOT EXISTS {{ $this kg:modality ?modality .
                                    FILTER (STR(?modality) = "planned" && ?p IN ({eventful})) }}
                FILTER NOT EXISTS {{ ?s ?p ?o }}
                FILTER NOT EXISTS {{ ?o ?p ?s . FILTER (?p IN ({symmetric})) }}
            }}
        \"\"\" ;
    ] .
"""

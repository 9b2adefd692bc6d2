"""kg.schema reads the vocabulary from the ontology and the lexicons, once, into a disk cache."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg import model, schema
from kg.resources import ontology_file

TOY = """
@prefix kg:   <https://kg.example.org/ontology#> .
@prefix owl:  <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

kg:Entity a owl:Class ; kg:abstract true .
kg:Actor a owl:Class ; rdfs:subClassOf kg:Entity ; kg:abstract true ; kg:kind "actor" .
kg:Country a owl:Class ; rdfs:subClassOf kg:Actor .
kg:Person a owl:Class ; rdfs:subClassOf kg:Actor .
kg:Concept a owl:Class ; rdfs:subClassOf kg:Entity ; kg:kind "concept" .

kg:Parties a skos:Collection ; skos:member kg:Country , kg:Person .

kg:FriendlyFamily a skos:Concept ; skos:inScheme kg:RelationFamilyScheme ;
    skos:notation "friendly" ; kg:color "#00ff00" ; skos:prefLabel "friendly"@en .
kg:OtherFamily a skos:Concept ; skos:inScheme kg:RelationFamilyScheme ;
    skos:notation "other" ; kg:color "#888888" ; skos:prefLabel "other"@en .

kg:praises a owl:ObjectProperty ;
    rdfs:label "praises"@en , "хвалить"@uk ;
    kg:family kg:FriendlyFamily ;
    kg:subjectType kg:Parties ;
    kg:objectType kg:Parties , kg:Concept ;
    kg:qualifier kg:date .

kg:hugs a owl:ObjectProperty , owl:SymmetricProperty ;
    kg:eventful true ;
    kg:genitiveAgent true ;
    kg:subjectType kg:Person ;
    kg:objectType kg:Person .

kg:founded a owl:DatatypeProperty ; kg:subjectType kg:Country .

kg:Peace a skos:Concept ; skos:inScheme kg:DomainScheme ; skos:notation "peace" .
"""


@pytest.fixture
def toy(tmp_path: Path) -> dict:
    path = tmp_path / "kg.ttl"
    path.write_text(TOY, encoding="utf-8")
    return schema.read_ontology(path)


def test_a_relation_block_is_its_schema_entry(toy: dict) -> None:
    praises, hugs, founded = toy["relations"]  # in the order the file declares them
    assert praises["name"] == "praises" and praises["family"] == "friendly"
    assert set(praises["subjects"]) == {"Country", "Person"}  # a type group stands for its members
    assert set(praises["objects"]) == {"Country", "Person", "Concept"}
    assert praises["qualifiers"] == ["date"] and praises["labels"] == {"en": "praises", "uk": "хвалить"}
    assert not praises["symmetric"] and not praises["eventful"]
    assert hugs["symmetric"] and hugs["eventful"] and hugs["family"] == "other"
    assert hugs["genitive_agent"] and not hugs["adjective_agent"] and not praises["genitive_agent"]
    assert founded["literal"] and founded["objects"] == []


def test_types_kinds_families_and_domains(toy: dict) -> None:
    types = {t["name"]: t for t in toy["types"]}
    assert types["Country"]["kind"] == "actor" and not types["Country"]["abstract"]
    assert types["Actor"]["abstract"] and types["Concept"]["kind"] == "concept"
    assert [f["name"] for f in toy["families"]] == ["friendly", "other"]
    assert toy["families"][0]["color"] == "#00ff00"
    assert toy["domains"] == [("peace", "Peace")]


def test_bad_turtle_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "kg.ttl"
    path.write_text("kg:oops a .", encoding="utf-8")
    with pytest.raises(schema.SchemaError, match="kg.ttl"):
        schema.read_ontology(path)


def test_the_model_takes_its_vocabulary_from_the_schema() -> None:
    s = schema.load()
    assert model.RELATIONS == tuple(s.relations)
    assert model.SYMMETRIC == {r.name for r in s.relations.values() if r.symmetric}
    assert model.EVENTFUL == {r.name for r in s.relations.values() if r.eventful}
    assert model.DOMAINS == tuple(s.domains)
    assert "Country" in model.ENTITY_TYPES


def test_the_cache_holds_what_the_ontology_says(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    schema.load.cache_clear()
    try:
        fresh = schema.load()
        cached = list(tmp_path.glob("schema-*.json"))
        assert len(cached) == 1
        assert json.loads(cached[0].read_text(encoding="utf-8"))["relations"] == \
            schema.read_ontology(ontology_file("kg.ttl"))["relations"]
        schema.load.cache_clear()
        assert schema.load() == fresh  # read back from the cache
    finally:
        schema.load.cache_clear()


def test_generated_shapes_name_every_relation() -> None:
    text = schema.shapes_turtle()
    for name, r in schema.load().relations.items():
        assert f"kg:{name}" in text.split("kgsh:StatementRelationShape", 1)[1]


def test_an_unknown_relation_names_the_valid_ones() -> None:
    from kg.errors import UnknownRelationError

    with pytest.raises(UnknownRelationError, match="cooperatesWith"):
        schema.load().relation("admires")

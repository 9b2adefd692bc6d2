"""The ontology (kg.ttl) and the output shapes (shapes.ttl plus the relation shapes kg.schema
generates), checked on their own: well-formed, labelled, and read by kg.schema as written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg import schema

ONTOLOGIES = Path(__file__).parent.parent / "ontologies"
KG = Namespace("https://kg.example.org/ontology#")
KGE = Namespace("https://kg.example.org/entity/")
KGS = Namespace("https://kg.example.org/statement/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
SH = Namespace("http://www.w3.org/ns/shacl#")

LANGUAGES = {"en", "uk", "ru"}

SCHEMA = schema.load()
RELATIONS = list(SCHEMA.relations)
SYMMETRIC = {name for name, r in SCHEMA.relations.items() if r.symmetric}

# The event categories of PLOVER (Open Event Data Alliance) and the CAMEO root codes.
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "DISAPPROVE", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
          "ASSAULT"}
CAMEO_ROOTS = {f"{n:02d}" for n in range(1, 21)}

QUALIFIERS = [
    "domain", "date", "startDate", "endDate", "place", "trend", "polarity", "modality",
    "confidence", "evidence", "extractor", "supportCount", "mentionCount", "firstSeen",
    "lastSeen", "source",
]
MENTION_PROPERTIES = ["article", "start", "end", "text", "denotes"]

DOMAINS = SCHEMA.domains


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGIES / "kg.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return schema.shapes_graph()


def declared_terms(g: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDFS.Datatype)
    return {
        s for kind in kinds for s in g.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(str(KG))
    }


def languages(g: Graph, subject: URIRef, predicate: URIRef) -> set[str]:
    return {o.language for o in g.objects(subject, predicate) if isinstance(o, Literal) and o.language}


# --- the ontology ----------------------------------------------------------------------


def test_both_files_parse(ontology: Graph, shapes: Graph) -> None:
    assert len(ontology) > 0
    assert len(shapes) > 0


def test_every_class_and_property_is_labelled_and_defined_in_en_uk_ru(ontology: Graph) -> None:
    terms = declared_terms(ontology)
    assert len(terms) > 50
    unlabelled = {t for t in terms if not LANGUAGES <= languages(ontology, t, RDFS.label)}
    undefined = {
        t for t in terms
        if not LANGUAGES <= languages(ontology, t, SKOS.definition) | languages(ontology, t, RDFS.comment)
    }
    assert not unlabelled, f"missing a label in en/uk/ru: {sorted(unlabelled)}"
    assert not undefined, f"missing a definition in en/uk/ru: {sorted(undefined)}"


@pytest.mark.parametrize("name", [*SCHEMA.types, "Article", "Mention"])
def test_class_is_declared(ontology: Graph, name: str) -> None:
    assert (KG[name], RDF.type, OWL.Class) in ontology


def test_class_hierarchy(ontology: Graph) -> None:
    def supers(name: str) -> set[URIRef]:
        return set(ontology.transitive_objects(KG[name], RDFS.subClassOf))

    assert KG.Actor in supers("Country") and KG.Actor in supers("Person")
    assert {KG.Organization, KG.Actor} <= supers("Format")
    assert KG.Place in supers("City")
    assert KG.Event in supers("Summit")
    assert KG.Entity not in supers("Article") and KG.Entity not in supers("Mention")


def test_person_and_country_are_disjoint(ontology: Graph) -> None:
    groups = [
        set(ontology.items(members))
        for node in ontology.subjects(RDF.type, OWL.AllDisjointClasses)
        for members in ontology.objects(node, OWL.members)
    ]
    assert any({KG.Person, KG.Country} <= group for group in groups)


@pytest.mark.parametrize("name", RELATIONS)
def test_relation_has_domain_and_range(ontology: Graph, name: str) -> None:
    relation = KG[name]
    kind = OWL.DatatypeProperty if name == "inception" else OWL.ObjectProperty
    assert (relation, RDF.type, kind) in ontology
    assert ontology.value(relation, RDFS.domain) is not None
    assert ontology.value(relation, RDFS.range) is not None


def test_the_contract_relations_are_symmetric_in_the_ontology(ontology: Graph) -> None:
    symmetric = {str(s).removeprefix(str(KG)) for s in ontology.subjects(RDF.type, OWL.SymmetricProperty)}
    assert symmetric == SYMMETRIC
    # the extraction contract's symmetric relations
    assert {"cooperatesWith", "meetsWith", "partnerOf", "signsAgreementWith"} <= SYMMETRIC


@pytest.mark.parametrize("name", sorted(SYMMETRIC))
def test_a_symmetric_relation_has_one_domain_and_range(ontology: Graph, name: str) -> None:
    def classes(node) -> set:
        members = ontology.value(node, OWL.unionOf)
        return set(ontology.items(members)) if members is not None else {node}

    assert classes(ontology.value(KG[name], RDFS.domain)) == classes(ontology.value(KG[name], RDFS.range))


@pytest.mark.parametrize("name", RELATIONS)
def test_relation_alignments_are_well_formed(ontology: Graph, name: str) -> None:
    relation = KG[name]
    wikidata = set(ontology.objects(relation, KG.wikidataProperty))
    plover = {str(o) for o in ontology.objects(relation, KG.ploverEventType)}
    cameo = {str(o) for o in ontology.objects(relation, KG.cameoRootCode)}
    assert all(str(w).startswith(str(WDT) + "P") and str(w)[len(str(WDT)) + 1:].isdigit() for w in wikidata)
    assert plover <= PLOVER
    assert cameo <= CAMEO_ROOTS
    assert all(str(c)[:2] in cameo for c in ontology.objects(relation, KG.cameoCode))
    # a relation aligned nowhere says why
    assert wikidata or plover or cameo or ontology.value(relation, RDFS.comment) is not None


@pytest.mark.parametrize("name", RELATIONS)
def test_relation_schema_entry(ontology: Graph, name: str) -> None:
    r = SCHEMA.relation(name)
    types = set(SCHEMA.entity_types)
    assert r.subjects and r.subjects <= types
    assert r.objects <= types and (r.literal or r.objects)
    assert r.family in SCHEMA.families
    assert r.qualifiers <= {"domain", "date", "place", "trend"}
    assert LANGUAGES <= set(r.labels)
    assert r.symmetric == ((KG[name], RDF.type, OWL.SymmetricProperty) in ontology)


def test_relation_families_have_colours_and_names() -> None:
    assert "other" in SCHEMA.families
    for family in SCHEMA.families.values():
        assert len(family.color) == 7 and family.color.startswith("#")
        int(family.color[1:], 16)
        assert LANGUAGES <= set(family.labels)


def test_every_entity_type_has_a_kind() -> None:
    assert SCHEMA.entity_types and "Entity" not in SCHEMA.entity_types and "Actor" not in SCHEMA.entity_types
    kinds = {SCHEMA.types[t].kind for t in SCHEMA.entity_types}
    assert kinds == {"actor", "place", "event", "concept"}
    assert SCHEMA.types["City"].kind == "place" and SCHEMA.types["Summit"].kind == "event"


@pytest.mark.parametrize("name", QUALIFIERS + MENTION_PROPERTIES)
def test_qualifier_and_mention_properties_are_declared(ontology: Graph, name: str) -> None:
    kinds = set(ontology.objects(KG[name], RDF.type))
    assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}
    assert ontology.value(KG[name], RDFS.domain) is not None


def test_the_twelve_domains_are_in_the_scheme(ontology: Graph) -> None:
    assert (KG.DomainScheme, RDF.type, SKOS.ConceptScheme) in ontology
    in_scheme = set(ontology.subjects(SKOS.inScheme, KG.DomainScheme))
    assert in_scheme == {KG[local] for local in DOMAINS.values()}
    for token, local in DOMAINS.items():
        concept = KG[local]
        assert (concept, RDF.type, SKOS.Concept) in ontology
        assert (KG.DomainScheme, SKOS.hasTopConcept, concept) in ontology
        assert str(ontology.value(concept, SKOS.notation)) == token
        assert LANGUAGES <= languages(ontology, concept, SKOS.prefLabel)


# --- the shapes ------------------------------------------------------------------------

PREFIXES = """
@prefix kg:      <https://kg.example.org/ontology#> .
@prefix kge:     <https://kg.example.org/entity/> .
@prefix kga:     <https://kg.example.org/article/> .
@prefix kgs:     <https://kg.example.org/statement/> .
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix owl:     <http://www.w3.org/2002/07/owl#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema:  <https://schema.org/> .
@prefix wd:      <http://www.wikidata.org/entity/> .
"""

# The shape `kg build` writes, one of each kind of node.
CONFORMING = PREFIXES + """
kge:China a kg:Country ;
    rdfs:label "China"@en , "Китай"@uk ; skos:prefLabel "China"@en , "Китай"@uk ;
    skos:altLabel "PRC"@en ; owl:sameAs wd:Q148 .
kge:Kazakhstan a kg:Country ; rdfs:label "Kazakhstan"@en , "Казахстан"@uk ; owl:sameAs wd:Q232 .
kge:Astana a kg:City ; rdfs:label "Astana"@en , "Астана"@uk .
kge:C_C5 a kg:Format ; rdfs:label "China–Central Asia format"@en ; kg:inception "2020"^^xsd:gYear .

kge:China kg:cooperatesWith kge:Kazakhstan .
kge:Kazakhstan kg:memberOf kge:C_C5 .

kgs:coop a rdf:Statement ;
    rdf:subject kge:China ; rdf:predicate kg:cooperatesWith ; rdf:object kge:Kazakhstan ;
    kg:domain kg:Security , kg:LawEnforcement ;
    kg:date "2025-06-16"^^xsd:date ; kg:startDate "2025-06"^^xsd:gYearMonth ; kg:endDate "2026"^^xsd:gYear ;
    kg:place kge:Astana ; kg:polarity "positive" ; kg:modality "planned" ;
    kg:confidence "0.8"^^xsd:decimal ;
    kg:evidence "Китай і Казахстан поглиблять співпрацю у сфері безпеки."@uk ;
    kg:extractor "cooperation" ; prov:wasDerivedFrom kga:ab12 ;
    kg:supportCount 2 ; kg:mentionCount 3 ;
    kg:firstSeen "2025-06-17"^^xsd:date ; kg:lastSeen "2025-06-18"^^xsd:date .

kgs:member a rdf:Statement ;
    rdf:subject kge:Kazakhstan ; rdf:predicate kg:memberOf ; rdf:object kge:C_C5 ;
    kg:evidence "Казахстан входить до формату «Китай — Центральна Азія»."@uk ;
    prov:wasDerivedFrom kga:ab12 .

kgs:founded a rdf:Statement ;
    rdf:subject kge:C_C5 ; rdf:predicate kg:inception ; rdf:object "2020"^^xsd:gYear ;
    kg:evidence "Формат створено у 2020 році."@uk ; prov:wasDerivedFrom kga:ab12 .

# A denied fact: a statement node, and deliberately no direct triple.
kgs:denied a rdf:Statement ;
    rdf:subject kge:Kazakhstan ; rdf:predicate kg:supports ; rdf:object kge:China ;
    kg:polarity "negative" ;
    kg:evidence "Казахстан не підтримав заяву."@uk ; prov:wasDerivedFrom kga:ab12 .

kga:ab12 a kg:Article ;
    dcterms:title "Китай і Казахстан"@uk ; dcterms:source "Ukrinform" ;
    schema:url <https://example.org/news/1> ;
    dcterms:issued "2025-06-17"^^xsd:date ; dcterms:language "uk" .

<https://kg.example.org/mention/ab12-0> a kg:Mention ;
    kg:article kga:ab12 ; kg:start 0 ; kg:end 5 ; kg:text "Китай" ; kg:denotes kge:China .
"""

# (id, text to replace in CONFORMING, replacement, expected message, focus node)
BROKEN = [
    ("statement without evidence",
     'kg:evidence "Китай і Казахстан поглиблять співпрацю у сфері безпеки."@uk ;', "",
     "a statement needs at least one kg:evidence sentence", KGS.coop),
    ("confidence above 1",
     '"0.8"^^xsd:decimal', '"1.5"^^xsd:decimal',
     "kg:confidence must be an xsd:decimal between 0 and 1", KGS.coop),
    ("domain outside the scheme",
     "kg:domain kg:Security , kg:LawEnforcement ;", "kg:domain kg:Security , kg:Sport ;",
     "kg:domain must be one of the 12 concepts of kg:DomainScheme", KGS.coop),
    ("entity without label",
     'kge:Astana a kg:City ; rdfs:label "Astana"@en , "Астана"@uk .', "kge:Astana a kg:City .",
     "an entity needs at least one rdfs:label", KGE.Astana),
    ("entity without a type",
     'kge:Astana a kg:City ; rdfs:label', "kge:Astana rdfs:label",
     "an entity needs an rdf:type from the ontology", KGE.Astana),
    ("two unrelated types",
     "kge:Astana a kg:City ;", "kge:Astana a kg:City , kg:Person ;",
     "two unrelated kg: types", KGE.Astana),
    ("positive statement without its direct triple",
     "kge:China kg:cooperatesWith kge:Kazakhstan .", "",
     "has no direct triple", KGS.coop),
    ("label on a statement",
     'kg:extractor "cooperation" ;', 'kg:extractor "cooperation" ; rdfs:label "coop" ;',
     "a statement is not an entity", KGS.coop),
    ("Wikidata item over https",
     "owl:sameAs wd:Q232", "owl:sameAs <https://www.wikidata.org/entity/Q232>",
     "owl:sameAs must be a Wikidata item IRI", KGE.Kazakhstan),
]

# The documented call, and the plain one, must agree.
MODES = [
    pytest.param({"inference": "rdfs", "with_ontology": True}, id="rdfs+ontology"),
    pytest.param({"inference": "none", "with_ontology": False}, id="plain"),
]


def run(data: str, shapes: Graph, ontology: Graph, mode: dict) -> tuple[bool, Graph, str]:
    graph = Graph().parse(data=data, format="turtle")
    return validate(
        graph,
        shacl_graph=shapes,
        ont_graph=ontology if mode["with_ontology"] else None,
        inference=mode["inference"],
    )


@pytest.mark.parametrize("mode", MODES)
def test_conforming_graph_passes(shapes: Graph, ontology: Graph, mode: dict) -> None:
    conforms, _, text = run(CONFORMING, shapes, ontology, mode)
    assert conforms, text


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("old", "new", "message", "focus"),
    [pytest.param(*case[1:], id=case[0]) for case in BROKEN],
)
def test_broken_graph_fails_with_its_message(
    shapes: Graph, ontology: Graph, mode: dict, old: str, new: str, message: str, focus: URIRef
) -> None:
    assert old in CONFORMING
    conforms, results, text = run(CONFORMING.replace(old, new), shapes, ontology, mode)
    assert not conforms
    found = {
        (results.value(result, SH.focusNode), str(results.value(result, SH.resultMessage)))
        for result in results.subjects(RDF.type, SH.ValidationResult)
    }
    assert any(node == focus and message in msg for node, msg in found), text


@pytest.mark.parametrize("mode", MODES)
def test_symmetric_fact_may_be_written_either_way(shapes: Graph, ontology: Graph, mode: dict) -> None:
    flipped = CONFORMING.replace(
        "kge:China kg:cooperatesWith kge:Kazakhstan .", "kge:Kazakhstan kg:cooperatesWith kge:China ."
    )
    conforms, _, text = run(flipped, shapes, ontology, mode)
    assert conforms, text


def test_shapes_document_the_validation_call() -> None:
    header = (ONTOLOGIES / "shapes.ttl").read_text(encoding="utf-8")
    assert 'shacl_graph=shapes_graph(), ont_graph=ontology_graph(), inference="rdfs"' in header


@pytest.mark.parametrize("mode", MODES)
def test_a_statement_of_an_unknown_relation_fails(shapes: Graph, ontology: Graph, mode: dict) -> None:
    data = CONFORMING.replace("rdf:predicate kg:supports", "rdf:predicate kg:admires")
    conforms, _, text = run(data, shapes, ontology, mode)
    assert not conforms and f"one of the {len(RELATIONS)} kg: relations" in text

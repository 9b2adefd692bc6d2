"""The project's RDF namespaces and the IRIs of its terms."""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

KG = Namespace("https://kg.example.org/ontology#")
KGE = Namespace("https://kg.example.org/entity/")
KGA = Namespace("https://kg.example.org/article/")
KGS = Namespace("https://kg.example.org/statement/")
KGM = Namespace("https://kg.example.org/mention/")
KGV = Namespace("https://kg.example.org/event/")
WD = Namespace("http://www.wikidata.org/entity/")
GAZETTEER_GRAPH = URIRef("https://kg.example.org/graph/gazetteer")
MERGED_GRAPH = URIRef("https://kg.example.org/graph/merged")

PREFIXES: dict[str, Namespace] = {
    "kg": KG, "kge": KGE, "kga": KGA, "kgs": KGS, "kgv": KGV, "wd": WD, "prov": PROV, "skos": SKOS,
    "owl": OWL, "rdfs": RDFS, "rdf": RDF, "xsd": XSD, "dcterms": DCTERMS, "schema": SDO,
}

# The SKOS concept of each contract domain token: local names fold to the token.
DOMAIN_IRIS: dict[str, URIRef] = {
    token: KG["".join(part.capitalize() for part in token.split("_"))]
    for token in ("security", "defense", "law_enforcement", "economy", "trade", "energy",
                  "political", "humanitarian", "technology", "transport", "culture", "other")
}
DOMAIN_TOKENS: dict[URIRef, str] = {iri: token for token, iri in DOMAIN_IRIS.items()}


def entity_id(iri: URIRef | str) -> str:
    return str(iri)[len(str(KGE)):] if str(iri).startswith(str(KGE)) else str(iri)

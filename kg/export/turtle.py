"""Turtle in the order a reader wants: the article, the facts, the entities, and the mentions last.

rdflib orders subjects by how often they are referenced, which puts an article's dozens of
mention blocks first and its facts at the end. `readable_turtle` writes the same triples
with the subjects grouped by what they are (the groups in `ORDER`), each group sorted.

>>> from rdflib import Graph, Literal, RDF, URIRef
>>> from kg.rdf import bind_prefixes
>>> from kg.vocab import KG, KGA, KGM
>>> g = bind_prefixes(Graph())
>>> _ = g.add((KGM["a-0-5"], RDF.type, KG.Mention))
>>> _ = g.add((KGA["a"], RDF.type, KG.Article))
>>> _ = g.add((URIRef("https://kg.example.org/statement/s1"), RDF.type, RDF.Statement))
>>> text = readable_turtle(g).decode()
>>> text.index("kg:Article") < text.index("rdf:Statement") < text.index("kg:Mention")
True
"""
from __future__ import annotations

import io

from rdflib import RDF, RDFS, Graph
from rdflib.plugins.serializers.turtle import TurtleSerializer

from ..vocab import KG

# Subjects by the first of these types they have; anything else (entities, events) between.
ORDER = (KG.Article, RDF.Statement, None, KG.Mention)


class ReadableTurtleSerializer(TurtleSerializer):
    """rdflib's Turtle writer with subjects grouped by type in `ORDER`, statements sorted by
    what they say, and a statement's subject, predicate and object on its first lines."""

    predicateOrder = [RDF.type, RDF.subject, RDF.predicate, RDF.object, RDFS.label]

    def orderSubjects(self):  # noqa: N802 - rdflib's name
        subjects = super().orderSubjects()
        return sorted(subjects, key=lambda s: (self._rank(s), self._says(s), str(s)))

    def _says(self, subject) -> tuple[str, ...]:
        return tuple(str(self.store.value(subject, p) or "") for p in (RDF.subject, RDF.predicate, RDF.object))

    def _rank(self, subject) -> int:
        types = set(self.store.objects(subject, RDF.type))
        for rank, kind in enumerate(ORDER):
            if kind in types:
                return rank
        return ORDER.index(None)


def readable_turtle(graph: Graph) -> bytes:
    """`graph` as UTF-8 Turtle in `ORDER`."""
    out = io.BytesIO()
    ReadableTurtleSerializer(graph).serialize(out, encoding="utf-8")
    return out.getvalue()

"""The query tests of the W3C SPARQL 1.1 Protocol test suite, run against `kg serve`.

The manifest (tests/fixtures/w3c-protocol, copied from the suite with its licence) describes
each test in prose: requests to send and what each response must be. Here each becomes a
pytest case that sends those requests to `kg serve` over a graph folder holding the
suite's data under the graph names the manifest gives it, and checks the responses as the
manifest says. The endpoint is read-only, so the update tests are answered as such a
service must: every update that the manifest expects to succeed gets 403, and the queries
that follow find that nothing was written.
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDFS

SUITE = Path(__file__).parents[1] / "fixtures" / "w3c-protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"
SPARQL_RESULTS = "{http://www.w3.org/2005/sparql-results#}"
BOOLEAN_MEDIA = {"application/sparql-results+json", "application/sparql-results+xml"}
TABULAR_MEDIA = BOOLEAN_MEDIA | {"text/csv", "text/tab-separated-values"}
RDF_MEDIA = {"application/rdf+xml": "xml", "text/turtle": "turtle", "application/n-triples": "nt"}


def _manifest() -> tuple[Graph, list[URIRef]]:
    g = Graph().parse(SUITE / "manifest.ttl", format="turtle")
    manifest = next(g.subjects(MF.entries, None))
    return g, list(Collection(g, g.value(manifest, MF.entries)))


GRAPH, ENTRIES = _manifest()


def requests_of(test: URIRef) -> list[dict]:
    """The requests of one test as dicts: method, path, headers, body bytes, expectations."""
    action = GRAPH.value(test, MF.action)
    out = []
    for req in Collection(GRAPH, GRAPH.value(action, HT.requests)):
        headers = {}
        if (hlist := GRAPH.value(req, HT.headers)) is not None:
            for h in Collection(GRAPH, hlist):
                headers[str(GRAPH.value(h, HT.fieldName))] = str(GRAPH.value(h, HT.fieldValue))
        body = None
        if (b := GRAPH.value(req, HT.body)) is not None:
            encoding = str(GRAPH.value(b, CNT.characterEncoding) or "UTF-8")
            body = str(GRAPH.value(b, CNT.chars)).encode(encoding.lower())
        resp = GRAPH.value(req, HT.resp)
        boolean = GRAPH.value(resp, MF.expectedBoolean)
        out.append({
            "method": str(GRAPH.value(req, HT.methodName)),
            "path": str(GRAPH.value(req, HT.absolutePath)),
            "headers": headers,
            "body": body,
            "status": {int(str(s)[len(HTS)]) for s in GRAPH.objects(resp, MF.expectedStatus)},
            "format": str(GRAPH.value(resp, MF.expectedFormat) or "") or None,
            "boolean": None if boolean is None else boolean.toPython(),
        })
    return out


def is_update(request: dict) -> bool:
    ctype = request["headers"].get("content-type", "")
    return ctype.startswith("application/sparql-update") or (request["body"] or b"").startswith(b"update=")


def read_only(requests: list[dict]) -> list[dict]:
    """The expectations of a read-only service: updates the manifest expects to succeed are
    refused (403) and a later ASK for what they would have written finds nothing."""
    refused = False
    for request in requests:
        if is_update(request) and request["status"] & {2, 3}:
            request.update(status={4}, refused=True)
            refused = True
        elif refused and request["boolean"] is True:
            request["boolean"] = False
    return requests


def suite_data() -> str:
    """The suite's data files as N-Quads, each in the graph the manifest names it by."""
    names = {}
    for data in GRAPH.objects(None, UT.graphData):
        names[Path(str(GRAPH.value(data, UT.graph))).name] = str(GRAPH.value(data, RDFS.label))
    lines = []
    for file, name in sorted(names.items()):
        for line in (SUITE / file).read_text(encoding="utf-8").splitlines():
            if line.strip():
                lines.append(f"{line.rstrip().removesuffix('.').rstrip()} <{name}> .\n")
    return "".join(lines)


@pytest.fixture(scope="module", params=["oxigraph", "memory"])
def server(request, tmp_path_factory, graph_folder, start_server):
    folder = graph_folder(tmp_path_factory.mktemp(f"w3c-{request.param}"), request.param, suite_data())
    with start_server(folder, "-q", "--timeout", "30") as srv:
        yield srv


def check_boolean(reply, expected: bool | None) -> None:
    assert reply.media in BOOLEAN_MEDIA, reply.media
    if reply.media == "application/sparql-results+json":
        value = json.loads(reply.body)["boolean"]
    else:
        value = ET.fromstring(reply.body).find(f"{SPARQL_RESULTS}boolean").text == "true"
    if expected is not None:
        assert value is expected


def check(reply, request: dict) -> None:
    assert reply.status // 100 in request["status"], (reply.status, reply.text)
    if request.get("refused"):
        assert reply.status == 403 and "read-only" in reply.text
    if request["format"] == "boolean":
        check_boolean(reply, request["boolean"])
    elif request["format"] == "tabular":
        assert reply.media in TABULAR_MEDIA, reply.media
        if reply.media == "application/sparql-results+json":
            assert json.loads(reply.body)["results"]["bindings"] == [
                {"value": {"type": "literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]
    elif request["format"] == "RDF":
        assert reply.media in RDF_MEDIA, reply.media
        Graph().parse(data=reply.body, format=RDF_MEDIA[reply.media])  # it parses


@pytest.mark.parametrize("test", ENTRIES, ids=lambda t: t.split("#")[-1])
def test_w3c_protocol(server, test):
    requests = read_only(requests_of(test))
    for request in requests:
        reply = server.request(request["method"], request["path"], request["body"], request["headers"])
        check(reply, request)
    # Whatever the test sent, the suite's data is still all there.
    for n in (1, 2, 3):
        ask = f"ASK {{ GRAPH <http://kasei.us/2009/09/sparql/data/data{n}.rdf> {{ ?s a ?type }} }}"
        reply = server.request("POST", "/sparql", ask.encode(), {"Content-Type": "application/sparql-query"})
        check_boolean(reply, True)


def test_the_manifest_is_read_whole():
    names = {t.split("#")[-1] for t in ENTRIES}
    assert len(ENTRIES) == 34 and {"query_post_form", "query_dataset_full", "bad_update_get"} <= names
    assert sum(1 for t in ENTRIES for r in requests_of(t) if is_update(r)) >= 12
    assert Literal(True).toPython() is True

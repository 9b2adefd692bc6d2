"""The gazetteer's data: names in every language, checked identifiers, unambiguous names."""
from __future__ import annotations

from collections import defaultdict

import pytest

from kg.gazetteer import LANGS, load, name_key
from kg.gazetteer.match import TYPE_PRIORITY


@pytest.fixture(scope="module")
def gaz():
    return load()


@pytest.mark.parametrize("entity_id, qid", [
    ("China", "Q148"), ("Kazakhstan", "Q232"), ("Kyrgyzstan", "Q813"), ("Russia", "Q159"),
    ("Ukraine", "Q212"), ("United_States", "Q30"), ("United_Nations", "Q1065"), ("NATO", "Q7184"),
    ("European_Union", "Q458"), ("Central_Asia", "Q27275"), ("Astana", "Q1520"), ("Xi_Jinping", "Q15031"),
])
def test_sample_of_wikidata_items(gaz, entity_id, qid):
    assert gaz.get(entity_id).wikidata == qid


def test_every_entity_has_a_name_in_each_language(gaz):
    missing = [(e.id, lang) for e in gaz.entries.values() for lang, names in e.names if not names]
    assert not missing


def test_wikidata_items_are_unique(gaz):
    seen = defaultdict(list)
    for e in gaz.entries.values():
        if e.wikidata:
            seen[e.wikidata].append(e.id)
    assert {q: ids for q, ids in seen.items() if len(ids) > 1} == {}


def test_references_resolve(gaz):
    dangling = [(e.id, ref) for e in gaz.entries.values()
                for ref in [r.of for r in e.roles] + [m.member for m in e.members] + [e.capital, e.capital_of, e.country]
                if ref and ref not in gaz]
    assert not dangling


def test_counts(gaz):
    by_type = defaultdict(int)
    for e in gaz.entries.values():
        by_type[e.type] += 1
    orgs = sum(by_type[t] for t in ("IntergovernmentalOrganization", "Alliance", "Format", "Organization",
                                    "Agency", "Media", "Company", "ArmedGroup"))
    assert by_type["Country"] >= 195 and orgs >= 120 and by_type["Person"] >= 300 and by_type["Region"] >= 20


def test_no_name_names_two_entities_of_one_type(gaz):
    """A name may name entities of different types (Luxembourg the state and the city: the
    matcher's TYPE_PRIORITY decides); within one type it must be unique."""
    owners = defaultdict(set)
    for e in gaz.entries.values():
        for lang, names in e.names:
            for name in names:
                owners[(lang, e.type, name_key(name, lang))].add(e.id)
    clashes = {k: ids for k, ids in owners.items() if len(ids) > 1}
    assert clashes == {}, list(clashes.items())[:10]
    assert "Country" in TYPE_PRIORITY and TYPE_PRIORITY.index("Country") < TYPE_PRIORITY.index("City")


@pytest.mark.parametrize("text, lang, expected", [
    ("Казахстаном", "uk", "Kazakhstan"), ("Казахстану", "uk", "Kazakhstan"), ("КНР", "uk", "China"),
    ("Токаєва", "uk", "Kassym-Jomart_Tokayev"), ("США", "ru", "United_States"), ("НАТО", "uk", "NATO"),
    ("the United States", "en", "United_States"), ("ООН", "ru", "United_Nations"),
])
def test_case_forms_and_abbreviations_resolve(gaz, text, lang, expected):
    assert expected in [e.id for e in gaz.lookup(text.removeprefix("the "), lang)]


def test_lookup_of_unknown_name_is_empty(gaz):
    assert gaz.lookup("Zzyzxland", "en") == []


def test_the_languages_are_those_with_a_lexicon():
    from kg.resources import lexicon_files

    assert set(LANGS) == set(lexicon_files()) >= {"en", "uk", "ru"}


def test_the_compiled_gazetteer_is_reused_whatever_the_hash_seed(tmp_path):
    """A second process finds the first one's cache: the cache key may not follow the hash seed."""
    import os
    import subprocess
    import sys

    for seed in ("1", "2"):
        env = {**os.environ, "KG_CACHE_DIR": str(tmp_path), "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", "import kg.gazetteer as g; g.load()"], env=env, check=True)
    assert len(list(tmp_path.glob("gazetteer-*.pickle"))) == 1

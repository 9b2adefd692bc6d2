"""A language is data plus a lemmatiser hook.

A toy language, written here as a lexicon, two gazetteer names and a lemmatiser of a few
lines, is put on KG_ONTOLOGIES_PATH; kg then identifies it, lemmatises it, finds its
names and extracts from it, without a line of kg/ changed. Each check runs kg in a fresh
process, as a user with that folder on the path would.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF

KG = Namespace("https://kg.example.org/ontology#")
KGE = Namespace("https://kg.example.org/entity/")
WD = Namespace("http://www.wikidata.org/entity/")

# A regular language whose words change only by ending; the lexicon writes the lemmas.
LEMMATISER = '''
"""Toy lemmatiser: nouns end in -o, adjectives in -a, verbs' infinitives in -i."""
_ENDINGS = (("ojn", "o"), ("oj", "o"), ("on", "o"), ("ajn", "a"), ("aj", "a"), ("an", "a"),
            ("as", "i"), ("is", "i"), ("os", "i"))


def lemma(word, lang):
    low = word.lower()
    for ending, base in _ENDINGS:
        if low.endswith(ending) and len(low) > len(ending) + 2:
            return low[: -len(ending)] + base
    return low
'''

LEXICON = """
lang: eo
language:
  name: Esperanto
  script: Latin
  alphabet: abcĉdefgĝhĥijĵklmnoprsŝtuŭvz
  lemmatizer: toy_lemmas:lemma
grammar:
  coordinators: [kaj]
  between_words: [inter]
  with_words: [kun]
  location_prepositions: [en]
relations:
  cooperatesWith:
    - kunlabori
  meetsWith:
    - renkonti
domains:
  security:
    - sekureco
"""

# Names of entities kg knows, in the new language: they join the known entries.
GAZETTEER = """
- id: China
  type: Country
  names:
    eo: [Ĉinio]
- id: Kazakhstan
  type: Country
  names:
    eo: [Kazaĥstano]
"""

ARTICLE = "Ĉinio kaj Kazaĥstano kunlaboras pri sekureco. Ŝi ĝojas pro ĉi tiu ŝanĝo.\n"


@pytest.fixture(scope="module")
def toy(tmp_path_factory) -> dict[str, str]:
    """The environment of a process that reads the toy language."""
    root = tmp_path_factory.mktemp("toy-language")
    (root / "ontologies" / "lexicon").mkdir(parents=True)
    (root / "ontologies" / "gazetteer").mkdir()
    (root / "py").mkdir()
    (root / "ontologies" / "lexicon" / "eo.yaml").write_text(LEXICON, encoding="utf-8")
    (root / "ontologies" / "gazetteer" / "eo.yaml").write_text(GAZETTEER, encoding="utf-8")
    (root / "py" / "toy_lemmas.py").write_text(LEMMATISER, encoding="utf-8")
    env = dict(os.environ)
    env.update(KG_ONTOLOGIES_PATH=str(root / "ontologies"), KG_CACHE_DIR=str(root / "cache"),
               PYTHONPATH=os.pathsep.join(filter(None, [str(root / "py"), env.get("PYTHONPATH", "")])))
    return env


def kg(env: dict[str, str], *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main(sys.argv[1:]))", *args],
                          env=env, cwd=cwd, capture_output=True, text=True, timeout=300)


def python(env: dict[str, str], code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_language_is_declared_by_its_lexicon(toy) -> None:
    assert python(toy, "from kg import schema; print(*schema.load().languages)") == "en eo ru uk"
    # and only there: without the folder on the path kg reads its three languages
    plain = {k: v for k, v in toy.items() if k != "KG_ONTOLOGIES_PATH"}
    assert python(plain, "from kg import schema; print(*schema.load().languages)") == "en ru uk"


def test_its_letters_identify_it(toy) -> None:
    out = python(toy, f"""
        from kg.ingest.langid import detect_language
        print(detect_language({ARTICLE!r}), detect_language("China and Kazakhstan deepen security cooperation."),
              detect_language("Китай і Казахстан поглиблюють співпрацю."))
    """)
    assert out == "eo en uk"


def test_its_lemmatiser_hook_reads_its_words(toy) -> None:
    out = python(toy, """
        from kg.nlp import parse
        print(*[t.lemma for t in parse("Ĉinion kunlaboras", "eo").tokens])
    """)
    assert out == "ĉinio kunlabori"


def test_its_names_join_the_known_entities(toy) -> None:
    done = kg(toy, "gazetteer", "lookup", "Ĉinion", "--lang", "eo")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("China  [Country]")
    assert "eo: Ĉinio" in done.stdout and "uk: Китай" in done.stdout


def test_an_unknown_lemmatiser_is_named(toy, tmp_path: Path) -> None:
    folder = tmp_path / "ontologies" / "lexicon"
    folder.mkdir(parents=True)
    (folder / "eo.yaml").write_text(LEXICON.replace("toy_lemmas:lemma", "no_such_hook"), encoding="utf-8")
    env = {**toy, "KG_ONTOLOGIES_PATH": str(tmp_path / "ontologies"), "KG_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", "from kg.nlp import parse; parse('Ĉinio', 'eo')"], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    assert "unknown lemmatizer 'no_such_hook'; valid: pymorphy3, simplemma" in done.stderr


def test_it_is_extracted_end_to_end(toy, tmp_path: Path) -> None:
    (tmp_path / "toy.txt").write_text(ARTICLE, encoding="utf-8")
    done = kg(toy, "extract", "toy.txt", "--out-dir", "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    g = Graph().parse(tmp_path / "out" / "toy.ttl")
    assert Literal("eo") in set(g.objects(None, DCTERMS.language))
    assert {(KGE.China, OWL.sameAs, WD.Q148), (KGE.Kazakhstan, OWL.sameAs, WD.Q232)} <= set(g)
    facts = {(s, o) for s, o in g.subject_objects(KG.cooperatesWith)}
    assert facts & {(KGE.China, KGE.Kazakhstan), (KGE.Kazakhstan, KGE.China)}
    statement = next(g.subjects(RDF.predicate, KG.cooperatesWith))
    assert (statement, KG.domain, KG.Security) in g
    assert isinstance(statement, URIRef)

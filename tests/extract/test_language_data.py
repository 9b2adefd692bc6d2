"""Language knowledge lives in the lexicons: the extraction code names no language and
holds no word of one."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from kg.errors import LexiconError
from kg.extract import lexicon
from kg.extract.lexicon import Grammar, languages, load_lexicon
from kg.model import RELATIONS

EXTRACT = Path(lexicon.__file__).parent  # the package kg.extract
LETTERS = re.compile(r"[^\W\d_]{2,}")  # a run of two or more letters: a word


def _word_tables(path: Path):
    """String constants where code would keep words: compared with (`x in ("of", "the")`,
    `x == "and"`), matched as endings (`.endswith(("an", "ese"))`), or a module-level table."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            roots.append(node)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr in ("endswith", "startswith"):
            roots.extend(node.args)
    roots.extend(n.value for n in tree.body if isinstance(n, (ast.Assign, ast.AnnAssign)) and n.value is not None)
    for root in roots:
        for node in ast.walk(root):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield node


@pytest.mark.parametrize("path", sorted(EXTRACT.glob("*.py")), ids=lambda p: p.name)
def test_no_language_code_is_compared_in_extraction(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            names = [n.attr if isinstance(n, ast.Attribute) else getattr(n, "id", "") for n in operands]
            literal = any(isinstance(c, ast.Constant) and isinstance(c.value, str)
                          for n in operands for c in ast.walk(n))
            assert not ("lang" in names and literal), f"{path.name}:{node.lineno} compares a language code"


@pytest.mark.parametrize("path", sorted(EXTRACT.glob("*.py")), ids=lambda p: p.name)
def test_no_word_of_a_language_in_extraction_code(path: Path):
    """Strings in code are punctuation, grammemes, lexicon keys, type and relation names."""
    allowed = _vocabulary()
    for node in _word_tables(path):
        if node.value in allowed:
            continue
        for word in LETTERS.findall(node.value):
            assert word in allowed or not word.islower(), \
                f"{path.name}:{node.lineno} holds the word {word!r}; it belongs in a lexicon"


def _vocabulary() -> set[str]:
    """The lowercase names code may use: lexicon keys, grammar fields, mention kinds,
    qualifier names, morphology's part-of-speech and case tags."""
    keys = set()
    for lang in ("uk", "ru", "en"):
        keys |= {str(k) for k in load_lexicon(lang).raw}
    keys |= set(Grammar.__dataclass_fields__)
    kinds = {"name", "adjective", "capital", "role", "group", "surname", "new", "new-person", "new_person",
             "event", "document", "pronoun", "person", "state"}
    qualifiers = {"domain", "date", "start", "end", "place", "trend", "polarity", "modality", "negative",
                  "positive", "other", "relations", "roles", "inception", "participation", "apposition",
                  "shared_domains", "entity", "visits", "acts"}
    grammemes = {"nomn", "gent", "datv", "accs", "ablt", "loct", "sing", "plur", "masc", "femn", "anim", "past", "neut"}
    titles = {"president", "prime_minister", "head_of_state", "chancellor", "vice_president", "foreign_minister",
              "defence_minister", "secretary_general", "commission_president", "high_representative",
              "spokesperson", "chairman", "mayor", "governor", "official", "minister"}  # the gazetteer's offices
    types = {"bool", "int", "str"}  # the grammar's value kinds
    stages = {"clauses", "triggers", "arguments", "qualifiers", "attribution", "known_names", "region_states",
              "capitals", "role_spans", "body_phrases", "unknown_names", "surnames", "events", "groups", "role_nouns",
              "national_groups", "pronouns", "person_labels", "own_states", "envoys", "offences"}
    return keys | kinds | qualifiers | grammemes | titles | types | stages | set(RELATIONS) | set(languages())


def test_a_grammar_key_the_code_does_not_know_is_an_error_naming_the_file():
    with pytest.raises(LexiconError, match=r"xx\.yaml: unknown grammar key 'case_marknig'; valid: .*case_marking"):
        Grammar.from_data({"case_marknig": True}, "xx.yaml")


def test_a_grammar_value_of_the_wrong_kind_is_an_error():
    with pytest.raises(LexiconError, match=r"grammar\.coordinators must be a list of words"):
        Grammar.from_data({"coordinators": "and"}, "xx.yaml")
    with pytest.raises(LexiconError, match=r"grammar\.case_marking must be true or false"):
        Grammar.from_data({"case_marking": "yes please"}, "xx.yaml")


def test_every_lexicon_states_its_grammar():
    for lang in ("uk", "ru", "en"):
        g = load_lexicon(lang).grammar
        assert g.coordinators and g.with_words and g.between_words and g.location_prepositions, lang
    assert load_lexicon("uk").grammar.case_marking and not load_lexicon("en").grammar.case_marking


def test_a_bare_on_in_a_word_list_is_an_error_naming_the_file(tmp_path, monkeypatch):
    # YAML reads a bare `on` as true: the word would silently drop out of the list
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "xq.yaml").write_text("lang: xq\nname_connectors: [of, on, for]\n", encoding="utf-8")
    monkeypatch.setenv("KG_ONTOLOGIES_PATH", str(tmp_path))
    load_lexicon.cache_clear()
    try:
        with pytest.raises(LexiconError, match=r"xq\.yaml: name_connectors: a word read as true; quote it"):
            load_lexicon("xq")
    finally:
        load_lexicon.cache_clear()


def test_every_english_name_connector_and_preposition_is_a_word():
    lex = load_lexicon("en")
    assert "on" in lex.words("name_connectors") and "on" in lex.words("topic_prepositions")

"""The extraction layers as named stages: their order, and a stage put in by name."""
from __future__ import annotations

import dataclasses

import pytest

from kg.errors import UnknownStageError
from kg.extract.entities import ENTITY_STAGES, ArticleContext, MentionTable, build_entities
from kg.extract.lexicon import load_lexicon
from kg.extract.stages import Stage
from kg.gazetteer import load as load_gazetteer
from kg.model import Article
from kg.nlp import parse

TEXT = ("Президент Казахстану Касим-Жомарт Токаєв зустрівся з Сі Цзіньпіном в Астані. "
        "Він назвав Китай стратегічним партнером.")


def _article() -> Article:
    return Article.create(TEXT, lang="uk", published="2025-06-17")


def _layer(stages=ENTITY_STAGES):
    a = _article()
    return build_entities(parse(a.text, "uk"), a, load_gazetteer(), load_lexicon("uk"), stages=stages)


def test_entity_stages_are_named_in_order_and_say_what_they_do():
    assert ENTITY_STAGES.names == ("known_names", "region_states", "capitals", "role_spans", "body_phrases", "unknown_names",
                                   "surnames", "person_labels", "events", "named_events", "groups", "role_nouns",
                                   "national_groups", "pronouns", "own_states")
    for stage in ENTITY_STAGES:
        assert "Reads" in stage.doc and ("Adds" in stage.doc or "Sets" in stage.doc or "Replaces" in stage.doc), \
            stage.name


def test_a_stage_is_put_in_by_name_and_runs_in_its_place():
    seen: list[tuple[str, ...]] = []

    def kinds_so_far(ctx: ArticleContext, table: MentionTable) -> MentionTable:
        """Reads the table; adds nothing."""
        seen.append(tuple(sorted({m.kind for m in table.mentions})))
        return table

    layer = _layer(ENTITY_STAGES.inserted(Stage("probe", kinds_so_far), after="role_nouns"))
    assert seen and "pronoun" not in seen[0]  # it ran before pronouns, after the role nouns
    assert "pronoun" in {m.kind for m in layer.mentions}
    assert layer == _layer()  # a stage that adds nothing changes nothing


def test_a_stage_taken_out_by_name_leaves_its_mentions_out():
    assert "pronoun" not in {m.kind for m in _layer(ENTITY_STAGES.without("pronouns")).mentions}


def test_stages_return_new_tables_and_leave_their_input_as_it_was():
    a = _article()
    ctx = ArticleContext.of(parse(a.text, "uk"), a, load_gazetteer(), load_lexicon("uk"))
    table = MentionTable()
    for stage in ENTITY_STAGES:
        before = dataclasses.replace(table)
        out = stage.run(ctx, table)
        assert table == before
        with pytest.raises(dataclasses.FrozenInstanceError):
            out.mentions = ()  # type: ignore[misc]
        table = out
    assert {m.entity_id for m in table.mentions} >= {"Kassym-Jomart_Tokayev", "Xi_Jinping", "China"}


def test_an_unknown_stage_name_is_refused_with_the_valid_ones():
    with pytest.raises(UnknownStageError, match="unknown extraction stage 'coref'.*pronouns"):
        ENTITY_STAGES.inserted(Stage("x", lambda ctx, t: t), before="coref")


def _relation_facts(stages=None):
    from kg.extract.context import Context
    from kg.extract.relations import RELATION_STAGES, relation_facts

    a = Article.create("China and Kazakhstan signed an agreement at the China–Central Asia Summit in Astana "
                       "on 17 June 2025.", lang="en", published="2025-06-18")
    doc, lex, gaz = parse(a.text, "en"), load_lexicon("en"), load_gazetteer()
    ctx = Context(a, doc, "en", lex, gaz, build_entities(doc, a, gaz, lex))
    return relation_facts(ctx, stages if stages is not None else RELATION_STAGES)


def test_relation_stages_are_named_in_order_and_a_stage_goes_in_by_name():
    from kg.extract.relations import RELATION_STAGES, SentenceReading, SentenceView

    assert RELATION_STAGES.names == ("clauses", "triggers", "arguments", "acts", "offences", "envoys", "roles", "qualifiers", "attribution",
                                     "participation")
    for stage in RELATION_STAGES:
        assert "Reads" in stage.doc and ("Adds" in stage.doc or "Sets" in stage.doc), stage.name
    facts = {(f.subject, f.relation, f.object) for f in _relation_facts()}
    assert {("China", "signsAgreementWith", "Kazakhstan"), ("Kazakhstan", "signsAgreementWith", "China")} & facts
    assert any(r == "participatesIn" for _, r, _ in facts)

    seen: list[int] = []

    def count_readings(view: SentenceView, reading: SentenceReading) -> SentenceReading:
        """Reads the readings so far; adds nothing."""
        seen.append(len(reading.readings))
        return reading

    probed = _relation_facts(RELATION_STAGES.inserted(Stage("probe", count_readings), before="arguments"))
    assert seen == [2] and {(f.subject, f.relation, f.object) for f in probed} == facts
    without = _relation_facts(RELATION_STAGES.without("participation"))
    assert not any(f.relation == "participatesIn" for f in without)


def test_extract_runs_the_entity_stages_it_is_given():
    from kg.pipeline import extract

    calls: list[str] = []

    def probe(ctx: ArticleContext, table: MentionTable) -> MentionTable:
        """Reads the article's id; adds nothing."""
        calls.append(ctx.article.id)
        return table

    a = _article()
    plain = extract(a)
    probed = extract(a, entity_stages=ENTITY_STAGES.inserted(Stage("probe", probe), before="pronouns"))
    assert calls == [a.id] and probed == plain


def test_no_extraction_class_sets_an_attribute_outside_its_init():
    import ast
    from pathlib import Path

    from kg.extract import stages as stages_module

    for path in sorted(Path(stages_module.__file__).parent.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            for fn in (n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name != "__init__"):
                for node in ast.walk(fn):
                    targets = node.targets if isinstance(node, ast.Assign) else \
                        [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
                    for t in targets:
                        assert not (isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name)
                                    and t.value.id == "self"), f"{path.name}:{node.lineno} {cls.name}.{fn.name}"

"""Offices: «президент Казахстану Касим-Жомарт Токаєв», "Chinese foreign ministry spokesperson
Guo Jiakun" → leaderOf / representativeOf, from the appositions the entity layer found."""
from __future__ import annotations

from ..model import Fact, Provenance, Qualifiers
from .context import Context


def role_facts(ctx: Context) -> list[Fact]:
    facts: list[Fact] = []
    gaz = ctx.gaz
    for person, relation, of, sent_index, _ in ctx.layer.roles:
        if person == of:
            continue  # an office is held in a state or body, never in oneself
        s = ctx.doc.sentences[sent_index]
        prov = Provenance(ctx.article.id, s.text, s.start, s.end, "roles.apposition", 0.8)
        facts.append(Fact(person, relation, of, Qualifiers(), prov))
        # a ministry's spokesperson speaks for its country too (CONTRACT.md's convention)
        if relation == "representativeOf" and of in gaz and gaz.get(of).type == "Agency" and gaz.get(of).country:
            facts.append(Fact(person, relation, gaz.get(of).country, Qualifiers(), prov))
    return facts

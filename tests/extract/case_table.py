"""The harness every extraction test table shares: one row type, one check, one runner.

A row is a `Case`: a short text written for the table, its language and publication date, and
what the extraction of that text must show. Each table uses the expectations it needs:

facts
- `must`: (subject, relation, object) triples among the extracted facts of the case's polarity
  (symmetric relations compared unordered);
- `must_not`: triples that are not among the asserted facts (`Fact.asserted`: not denied, not
  merely planned) — the near misses;
- `qualifiers`: what some fact of each `must` triple also states: `domain` (a domain or a tuple
  of domains, all of which the fact carries), `date`, `start`, `end`, `place`, `trend`,
  `modality`, and `polarity` (default "positive"; with "negative" the `must` triples are looked
  for among the denied facts, while `must_not` always looks at the asserted ones);

mentions (a surface is a string — its first occurrence as a whole word — or (string, n) for
the n-th; what must be read is looked for in the mentions that hold the whole surface, what
must not be read in every mention that touches it)
- `links`: (surface, entity id) — a mention holding the surface links to that entity;
- `not_links`: (surface, entity id) — no mention touching the surface links to it;
- `labels`: (surface, label) — a mention holding the surface links to a new entity (not in
  the gazetteer) labelled so in the article's language: the nominative;
- `same`: (surface, surface) — mentions holding each surface link to one entity;
- `new`: (surface, type, label) — a mention of exactly that span links to a new entity of
  that type, labelled so;
- `none`: surfaces no mention of a new entity touches.

Every case also checks that `Extraction.entities` has no duplicate ids and holds every entity a
mention links to. Cases the extractor gets wrong today stay with `xfail=True` and `gap`, the
reason: they run as strict xfails, so a fix makes them XPASS until the flag is removed. Do not
delete or weaken a case to make it pass.

A table file holds its rows and three short tests:

    @pytest.mark.parametrize("case", params(CASES))
    def test_relation_case(case):
        assert_passes(case)

    def test_table_is_well_formed():
        assert_well_formed(CASES, kinds=...)
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import pytest

from kg.gazetteer import load as load_gazetteer
from kg.model import SYMMETRIC, Article
from kg.pipeline import extract

Surface = str | tuple[str, int]
Triple = tuple[str, str, str]

EXPECTATIONS = ("must", "must_not", "links", "not_links", "labels", "same", "new", "none")


@dataclass(frozen=True)
class Case:
    id: str
    lang: str
    text: str
    published: str | None = "2025-06-17"
    must: list[Triple] = field(default_factory=list)
    must_not: list[Triple] = field(default_factory=list)
    qualifiers: dict = field(default_factory=dict)
    links: list[tuple[Surface, str]] = field(default_factory=list)
    not_links: list[tuple[Surface, str]] = field(default_factory=list)
    labels: list[tuple[Surface, str]] = field(default_factory=list)
    same: list[tuple[Surface, Surface]] = field(default_factory=list)
    new: list[tuple[Surface, str, str]] = field(default_factory=list)
    none: list[Surface] = field(default_factory=list)
    xfail: bool = False
    gap: str = ""  # with xfail: what the extractor gets wrong

    @property
    def kind(self) -> str:
        """The second part of the id: `{lang}-{kind}-…-{n}`."""
        return self.id.split("-")[1]


# -- running --------------------------------------------------------------------------------

def params(cases: Iterable[Case]) -> list:
    """The cases as pytest parameters named by their ids, the known gaps as strict xfails."""
    out = []
    for case in cases:
        marks = [pytest.mark.xfail(strict=True, reason=f"known gap: {case.gap}")] if case.xfail else []
        out.append(pytest.param(case, id=case.id, marks=marks))
    return out


def assert_passes(case: Case) -> None:
    problems = check(case)
    assert not problems, f"{case.id}: {case.text}\n" + "\n".join(problems)


def check(case: Case) -> list[str]:
    """What is wrong with the extraction of one case: an empty list when it passes."""
    x = extract(Article.create(case.text, lang=case.lang, published=case.published))
    problems = _entity_list_problems(x) + _fact_problems(case, x) + _mention_problems(case, x)
    if problems:
        if case.must or case.must_not:
            problems.append("extracted:\n" + _describe(x.facts))
        if any(getattr(case, name) for name in EXPECTATIONS[2:]):
            problems.append("mentions: " + ", ".join(f"{m.text!r}->{m.entity_id}" for m in x.mentions))
    return problems


# -- facts ----------------------------------------------------------------------------------

def same_fact(a: Triple, b: Triple) -> bool:
    """Whether two triples state the same fact: symmetric relations compare unordered."""
    if a[1] != b[1]:
        return False
    if a[1] in SYMMETRIC:
        return {a[0], a[2]} == {b[0], b[2]}
    return a[0] == b[0] and a[2] == b[2]


def _fact_problems(case: Case, x) -> list[str]:
    polarity = case.qualifiers.get("polarity", "positive")
    looked = [f for f in x.facts if f.qualifiers.polarity == polarity]
    asserted = [f for f in x.facts if f.asserted]  # what the graph states as having happened
    problems = []
    for t in case.must:
        matching = [f for f in looked if same_fact((f.subject, f.relation, f.object), t)]
        if not matching:
            problems.append(f"missing {t} ({polarity})")
            continue
        # every telling the graph asserts states them, not just one: a plan lends the deed no date
        told = [f for f in matching if f.asserted] or matching
        problems += [f"{t}: {p}" for f in told for p in _qualifier_problems(f, case.qualifiers)]
    for t in case.must_not:
        if any(same_fact((f.subject, f.relation, f.object), t) for f in asserted):
            problems.append(f"unwanted {t}")
    return problems


def _qualifier_problems(fact, expected: dict) -> list[str]:
    q = fact.qualifiers
    problems = []
    for key, want in expected.items():
        if key == "polarity":
            continue  # chose which facts were looked at
        if key == "domain":
            wanted = (want,) if isinstance(want, str) else tuple(want)
            missing = [d for d in wanted if d not in q.domain]
            if missing:
                problems.append(f"domain {q.domain} lacks {missing}")
            continue
        got = getattr(q, key)
        if got != want:
            problems.append(f"{key} {got!r} != {want!r}")
    return problems


def _describe(facts) -> str:
    return "\n".join(f"  {f.subject} {f.relation} {f.object}  {f.qualifiers}" for f in facts) or "  (none)"


# -- mentions -------------------------------------------------------------------------------

def span(text: str, surface: Surface) -> tuple[int, int]:
    """The span of a surface in a text: its n-th occurrence as a whole word (the first by default)."""
    word, nth = (surface, 1) if isinstance(surface, str) else surface
    found = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text)]
    if len(found) < nth:
        raise AssertionError(f"the case's text has no occurrence {nth} of {word!r}")
    return found[nth - 1]


def touching(x, surface: Surface) -> list:
    """The mentions whose span overlaps the surface's."""
    start, end = span(x.article.text, surface)
    return [m for m in x.mentions if m.start < end and start < m.end]


def covering(x, surface: Surface) -> list:
    """The mentions whose span holds the whole surface."""
    start, end = span(x.article.text, surface)
    return [m for m in x.mentions if m.start <= start and end <= m.end]


@cache
def _gazetteer():
    return load_gazetteer()


def _entity_list_problems(x) -> list[str]:
    problems = []
    ids = [e.id for e in x.entities]
    if len(ids) != len(set(ids)):
        problems.append(f"duplicate entity ids: {sorted(i for i in set(ids) if ids.count(i) > 1)}")
    unlisted = sorted({m.entity_id for m in x.mentions} - set(ids))
    if unlisted:
        problems.append(f"mentions link to entities not in Extraction.entities: {unlisted}")
    return problems


def _mention_problems(case: Case, x) -> list[str]:
    by_id = {e.id: e for e in x.entities}
    gaz = _gazetteer()
    problems = []
    for surface, eid in case.links:
        if not any(m.entity_id == eid for m in covering(x, surface)):
            problems.append(f"{surface!r} does not link to {eid}")
    for surface, eid in case.not_links:
        if any(m.entity_id == eid for m in touching(x, surface)):
            problems.append(f"{surface!r} links to {eid}")
    for surface, label in case.labels:
        ents = [by_id[m.entity_id] for m in covering(x, surface) if m.entity_id in by_id]
        if not any(e.id not in gaz and e.label(case.lang) == label for e in ents):
            problems.append(f"{surface!r}: no new entity labelled {label!r} "
                            f"(got {[(e.id, e.label(case.lang)) for e in ents]})")
    for a, b in case.same:
        if not {m.entity_id for m in covering(x, a)} & {m.entity_id for m in covering(x, b)}:
            problems.append(f"{a!r} and {b!r} link to different entities")
    for surface, etype, label in case.new:
        exact = span(case.text, surface)
        ents = [by_id[m.entity_id] for m in x.mentions if (m.start, m.end) == exact and m.entity_id in by_id]
        if not any(e.id not in gaz and e.type == etype and e.label(case.lang) == label for e in ents):
            problems.append(f"{surface!r}: no new {etype} labelled {label!r} "
                            f"(got {[(e.id, e.type, e.label(case.lang)) for e in ents]})")
    for surface in case.none:
        read = [m for m in touching(x, surface) if m.entity_id not in gaz]
        if read:
            problems.append(f"{surface!r} is read into {[(m.text, m.entity_id) for m in read]}")
    return problems


# -- the table itself -----------------------------------------------------------------------

def assert_well_formed(cases: list[Case], kinds: Iterable[str] | None = None,
                       every_kind_in: Iterable[str] = (), except_kinds: Iterable[str] = ()) -> None:
    """Ids unique and `{lang}-{kind}-…-{n}` with the case's language; every case expects
    something; a known gap says what it is. With `kinds`, only those kinds; with
    `every_kind_in`, each kind (but `except_kinds`) has cases in each of those languages."""
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids)), f"duplicate case ids: {sorted(i for i in set(ids) if ids.count(i) > 1)}"
    for c in cases:
        parts = c.id.split("-")
        assert len(parts) >= 3 and parts[0] == c.lang and parts[-1].isdigit(), c.id
        assert kinds is None or c.kind in kinds, f"{c.id}: kind {c.kind!r} not in {sorted(kinds)}"
        assert any(getattr(c, name) for name in EXPECTATIONS), f"{c.id}: the case expects nothing"
        assert not c.xfail or c.gap, f"{c.id}: an xfail case says what the gap is"
    langs = set(every_kind_in)
    for kind in {c.kind for c in cases} - set(except_kinds):
        assert {c.lang for c in cases if c.kind == kind} >= langs, f"kind {kind!r} lacks a language of {sorted(langs)}"

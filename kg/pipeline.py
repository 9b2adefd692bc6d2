"""Article → Extraction: the one function every entry point calls.

>>> from kg.model import Article
>>> x = extract(Article.create("Голова КНР Сі Цзіньпін прибув до Казахстану з державним візитом.",
...                             lang="uk", published="2025-06-16"))
>>> sorted((f.subject, f.relation, f.object) for f in x.facts)
[('Xi_Jinping', 'leaderOf', 'China'), ('Xi_Jinping', 'visits', 'Kazakhstan')]
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from . import schema
from .extract.context import Context
from .extract.dates import story_day
from .extract.entities import ENTITY_STAGES, build_entities, to_mentions
from .extract.events import event_qualified
from .extract.lexicon import load_lexicon
from .extract.stages import Stages
from .gazetteer import load as load_gazetteer
from .gazetteer.match import prepare as prepare_names
from .ingest.langid import detect_language
from .deadline import check, time_limit
from .errors import ExtractionError, InputError, TimeLimitError
from .ingest import read_paths
from .ingest.limits import Limits
from .model import EVENTFUL, Article, Extraction, Fact, Qualifiers
from .nlp import parse
from .nlp.morph import warm
from .rdf import check_ids
from .registry import load_target

DEFAULT_EXTRACTORS: tuple[str, ...] = ("roles", "relations")


def extract(article: Article, extractors: tuple[str, ...] = DEFAULT_EXTRACTORS,
            entity_stages: Stages = ENTITY_STAGES) -> Extraction:
    """Entities, mentions and facts of one article: only what it says, no background knowledge.

    `extractors` names entries of `kg.registry.extractors` (built-in: "roles", "relations";
    more through the ``kg.extractors`` entry point group); each takes a `Context` and returns
    facts. Raises `UnknownExtractorError` for a name that is not registered.

    `entity_stages` are the entity layer's named stages (`kg.extract.entities.ENTITY_STAGES`);
    pass `ENTITY_STAGES.inserted(Stage("coref", fn), after="pronouns")` to run one more. The
    relation layer's stages are `kg.extract.relations.RELATION_STAGES`: an extractor
    `functools.partial(relation_facts, stages=...)` runs them otherwise.
    """
    from .registry import extractors as registry

    # loaded, not only named: importing an extractor's module is no part of an article's time
    stages = [load_target(getattr(stage, "target", stage)) for stage in map(registry.get, extractors)]
    lang = article.lang or detect_language(article.text)
    lex = load_lexicon(lang)
    gaz = load_gazetteer()
    warm(lang)
    prepare_names(gaz, lang)
    # The clock starts once the resources every article shares are loaded.
    seconds = Limits.from_env().extract_seconds
    try:
        with time_limit(seconds):
            doc = parse(article.text, lang)
            check()
            layer = build_entities(doc, article, gaz, lex, stages=entity_stages)
            ctx = Context(article, doc, lang, lex, gaz, layer)
            facts = [f for stage in stages for f in _checked(stage(ctx))]
            check()
    except TimeLimitError:
        raise ExtractionError(article.name, f"too long to read: extraction took more than {seconds} s, the limit "
                              f"for one article ({len(article.text):,} characters); skipped") from None
    facts = _story_dated(facts, doc, lang, article)
    facts = _merge_within(_shared_domains(event_qualified(facts, doc, layer, article.published)))
    used = {m.entity_id for m in layer.mentions} | {f.subject for f in facts} | \
        {f.object for f in facts if f.relation != "inception"} | {f.qualifiers.place for f in facts if f.qualifiers.place}
    entities = tuple(layer.entities[e] for e in sorted(used) if e in layer.entities)
    return Extraction(article, entities, to_mentions(layer, doc, article.id), tuple(facts))


def _checked(facts: Iterable[Fact]) -> Iterator[Fact]:
    """The facts of an extractor, the time limit checked between them (an extractor that
    yields as it reads is stopped within a sentence or so)."""
    for f in facts:
        check()
        yield f


_LEAD = 3  # sentences: the title and the lead, which tell the story's own event


def _story_dated(facts: list[Fact], doc, lang: str, article: Article) -> list[Fact]:
    """"BRUSSELS, March 11 — …": an undated fact told in the lead happened on the story's
    date, when the lead gives one close to publication — an event, and also a stance, a
    pledge or a sanction the lead reports ("on Thursday condemned …", «передадуть Україні»)."""
    if article.published is None:
        return facts
    lead = doc.sentences[:_LEAD]
    day = story_day(lead, lang, article.published)
    if day is None:
        return facts
    lead_ends = lead[-1].end
    out = []
    for f in facts:
        q = f.qualifiers
        if _dated(f.relation) and not (q.date or q.start or q.end) and f.provenance and \
                f.provenance.end <= lead_ends:
            f = f.with_qualifiers(start=day.start, end=day.end) if day.is_range else f.with_qualifiers(date=day.start)
        out.append(f)
    return out


def _dated(relation: str) -> bool:
    """Whether a fact of `relation` takes a date (the schema's qualifiers say so)."""
    spec = schema.load().relations.get(relation)
    return relation in EVENTFUL or (spec is not None and "date" in spec.qualifiers)


_DOMAIN_SOURCES = frozenset({"partnerOf", "signsAgreementWith"})


def _shared_domains(facts: list[Fact]) -> list[Fact]:
    """Two parties that cooperate do so in the fields their partnership or agreements are
    said to cover elsewhere in the article ("the partnership … one level higher in security")."""
    pair = lambda f: frozenset((f.subject, f.object))  # noqa: E731
    cooperating = {pair(f) for f in facts if f.relation == "cooperatesWith" and f.asserted}
    covered: dict[frozenset, set[str]] = {}
    for f in facts:
        if f.relation == "cooperatesWith":
            covered.setdefault(pair(f), set()).update(f.qualifiers.domain)
    extra = []
    for f in facts:
        if f.relation in _DOMAIN_SOURCES and f.asserted and pair(f) in cooperating:
            new = tuple(d for d in f.qualifiers.domain if d not in covered[pair(f)])
            if new:
                covered[pair(f)].update(new)
                extra.append(Fact(f.subject, "cooperatesWith", f.object, Qualifiers(domain=new),
                                  replace(f.provenance, extractor="relations.shared_domains")))
    return facts + extra


def _realised(facts: list[Fact]) -> list[Fact]:
    """The tellings that say a fact happened: a planned telling ("applied for membership in
    May 2022", «планируют подписать в конце марта») of a fact the article also tells as done
    lends it neither its date nor its place."""
    done = {f.key for f in facts if f.qualifiers.modality != "planned"}
    return [f for f in facts if f.qualifiers.modality != "planned" or f.key not in done]


def _merge_within(facts: list[Fact]) -> tuple[Fact, ...]:
    """One fact per merge key in an article: the first evidence, the richest qualifiers."""
    facts = _realised(facts)
    by_key: dict[tuple, Fact] = {}
    first_dated: dict[tuple, tuple] = {}  # merge key → the key of its first dated telling
    for f in facts:
        # the same fact told with different dates (the war's start, a later strike) keeps each date
        q = f.qualifiers
        key = (f.key, q.date, q.start, q.end) if (q.date or q.start or q.end) else (f.key,)
        if len(key) == 1 and f.key in first_dated:
            key = first_dated[f.key]  # an undated telling adds to the dated one
        elif len(key) > 1:
            first_dated.setdefault(f.key, key)
            if (f.key,) in by_key:
                by_key[key] = by_key.pop((f.key,))  # a dated telling takes the undated one in
        old = by_key.get(key)
        if old is None:
            by_key[key] = f
            continue
        q, nq = old.qualifiers, f.qualifiers
        merged = old.with_qualifiers(
            date=q.date or nq.date, start=q.start or nq.start, end=q.end or nq.end,
            # told once as done, it is done: a planned telling does not undo that
            place=q.place or nq.place, modality=q.modality if q.modality and nq.modality else "")
        by_key[key] = merged
    return tuple(by_key.values())


Extractor = Callable[[Article], Extraction]


def extract_paths(paths: Iterable[str | os.PathLike], extractor: Extractor | None = None, *,
                  follow_links: bool = False) -> Iterator[Extraction | InputError]:
    """Read every article under `paths` (see `kg.ingest`), extract it and check that its ids
    can be IRIs: an `Extraction` per article, or an error naming the file and the reason — an
    `InputError` for a file that cannot be read, an `ExtractionError` for an article that
    could not be extracted. One bad file or article never stops the others. Links in
    folders that lead out of `paths` are followed only with `follow_links`.
    """
    for item in read_paths(paths, follow_links=follow_links):
        yield item if isinstance(item, InputError) else extract_checked(item, extractor)


def extract_checked(article: Article, extractor: Extractor | None = None) -> Extraction | ExtractionError:
    """`extractor(article)` (`extract` unless given) with its ids checked, or an
    `ExtractionError` naming the article and the reason: what one worker does to one article."""
    try:
        extraction = (extractor or extract)(article)
        check_ids(extraction)
    except ExtractionError as e:
        return e
    except InputError as e:
        return ExtractionError(e.path, e.reason)
    except Exception as e:  # noqa: BLE001 - an extractor bug must not stop the batch
        return ExtractionError(article.name, f"extraction failed: {type(e).__name__}: {e}")
    return extraction


def warm_up() -> None:
    """Load what `extract` needs for every language (gazetteer, lexicons, lemmatisers), so
    a worker process pays for it once, before its first article."""
    from .extract.lexicon import languages

    load_gazetteer()
    for lang in languages():
        load_lexicon(lang)
        parse("Warm up.", lang)

"""`kg eval`: kg's figures on a folder of annotated articles (the contract's gold format)."""
from __future__ import annotations

import json
from pathlib import Path

import click


@click.command(name="eval")
@click.argument("gold_dir", type=click.Path(path_type=Path))
@click.option("-v", "--verbose", is_flag=True, help="List every missed and extra fact, entity and qualifier per article.")
@click.option("--pred", type=click.Path(path_type=Path),
              help="Score the RDF files PRED/NAME.ttl (.nt, .trig, .nq, .jsonld) another run or tool wrote, instead of running kg.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON instead of text.")
def eval_(gold_dir: Path, verbose: bool, pred: Path | None, as_json: bool) -> None:
    """Score kg on GOLD_DIR: each article NAME.md or NAME.txt with its NAME.gold.json.

    Facts and entities are scored by precision, recall and F1 (micro-averaged), qualifiers
    (domain, place, date) by the share of matched facts whose gold value kg also states;
    overall, per language and per relation. A file that cannot be scored is named on
    stderr, the rest goes on, and the exit status is 1.

    \b
    Examples:
      kg eval tests/corpus
      kg eval tests/corpus -v
      kg eval tests/corpus --json > scores.json
      kg eval tests/corpus --pred extracted/   # RDF that `kg extract --out-dir` wrote
    """
    from ..evaluate import evaluate
    from . import chosen_extractor

    def progress(score) -> None:
        if not as_json:
            _print_article(score, verbose)

    report = evaluate(gold_dir, extract=chosen_extractor(), predictions=pred, on_article=progress)
    for problem in report.problems:
        click.echo(f"kg: {problem}", err=True)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        _print_totals(report)
    if report.problems:
        raise click.exceptions.Exit(1)


def _figures(prf, digits: int = 2) -> str:
    return f"P {prf.precision:.{digits}f} R {prf.recall:.{digits}f} F1 {prf.f1:.{digits}f}"


def _qualifiers(shares: dict) -> str:
    return " ".join(f"{k} {s.value:.2f} ({s.hits}/{s.of})" for k, s in shares.items() if s.value is not None) or "-"


def _print_article(score, verbose: bool) -> None:
    f = score.facts
    click.echo(f"{score.name:12s} {score.lang:3s} facts {_figures(f)} ({f.tp}/{f.predicted} of {f.gold})"
               f"  entities {_figures(score.entities)}  duplicates {len(score.duplicates)}"
               + (f"  [not read: {score.error}]" if score.error else ""))
    if not verbose:
        return
    show = score.show
    fact = lambda k: f"{show(k[0])} {k[1]} {show(k[2]) if k[1] != 'inception' else k[2]}"  # noqa: E731
    for k in score.missed_facts:
        click.echo(f"    missed fact   {fact(k)}")
    for k in score.extra_facts:
        click.echo(f"    extra fact    {fact(k)}")
    for kind, k, value in score.missed_qualifiers:
        click.echo(f"    missed {kind:6s} {value if kind != 'place' else show(value)}  on  {fact(k)}")
    for e in score.missed_entities:
        click.echo(f"    missed entity {show(e)} ({e})")
    for e in score.extra_entities:
        click.echo(f"    extra entity  {show(e)}")
    for e in score.duplicates:
        click.echo(f"    duplicate     {show(e)} ({e})")


def _print_totals(report) -> None:
    click.echo("\nBy language")
    for lang, t in report.by_language.items():
        click.echo(f"  {lang or '?':3s} {t.articles:3d} articles  facts {_figures(t.facts, 3)}"
                   f"  entities {_figures(t.entities, 3)}  qualifiers {_qualifiers(t.qualifiers)}")
    click.echo("\nBy relation")
    for relation, prf in report.by_relation.items():
        click.echo(f"  {relation:18s} {_figures(prf)}  ({prf.tp}/{prf.predicted} of {prf.gold})")
    t = report.total
    click.echo(f"\nTOTAL {t.articles} articles: facts {_figures(t.facts, 3)}; entities {_figures(t.entities, 3)}; "
               f"duplicates {t.duplicates}; qualifiers {_qualifiers(t.qualifiers)}")

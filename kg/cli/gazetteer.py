"""`kg gazetteer`: look into what kg knows about the world's actors."""
from __future__ import annotations

from pathlib import Path

import click

from .. import schema


@click.group()
def gazetteer() -> None:
    """Inspect the gazetteer of known entities.

    \b
    Examples:
      kg gazetteer lookup Токаєва
      kg gazetteer lookup "the Kremlin" --lang en
      kg gazetteer stats
      kg gazetteer build ~/gazetteer-sources
    """


@gazetteer.command()
@click.argument("name")
@click.option("--lang", type=click.Choice(list(schema.load().languages)),
              help="Read NAME as this language (default: try all).")
def lookup(name: str, lang: str | None) -> None:
    """Show what NAME (in any case form) resolves to."""
    from ..gazetteer import load

    gaz = load()
    entries = gaz.lookup(name, lang)
    if not entries:
        click.echo(f"{name!r}: not in the gazetteer (kg would make a new entity of it)")
        raise click.exceptions.Exit(1)
    for e in entries:
        names = dict(e.names)
        click.echo(f"{e.id}  [{e.type}]  wikidata: {e.wikidata or '-'}")
        for lg in schema.load().languages:
            click.echo(f"  {lg}: {', '.join(names.get(lg, ()))}")
        for r in e.roles:
            span = f"{r.start or '?'} – {r.end or 'now'}"
            click.echo(f"  {r.relation} {r.of} ({r.title}, {span})")
        if e.capital_of:
            click.echo(f"  capital of {e.capital_of} (stands for it unless used as a place)")


@gazetteer.command()
def stats() -> None:
    """Count the gazetteer's entities by type, and their names."""
    from collections import Counter

    from ..gazetteer import load

    gaz = load()
    by_type = Counter(e.type for e in gaz.entries.values())
    names = sum(len(ns) for e in gaz.entries.values() for _, ns in e.names)
    for etype, n in by_type.most_common():
        click.echo(f"{etype:32s} {n:6d}")
    click.echo(f"{'entities':32s} {len(gaz.entries):6d}")
    click.echo(f"{'names':32s} {names:6d}")


@gazetteer.command()
@click.argument("sources", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Gazetteer directory to write generated/ into (default: the project's ontologies/gazetteer).")
def build(sources: Path, out_dir: Path | None) -> None:
    """Regenerate the generated gazetteer files from public data downloaded into SOURCES.

    SOURCES_DIR's layout, and where each file comes from, is in ontologies/gazetteer/SOURCES.md.
    The hand-curated YAML files are read, never written: they win over generated entries.
    """
    from ..errors import GazetteerError
    from ..gazetteer.build import build as build_generated
    from ..resources import ontologies_dir

    target = out_dir or ontologies_dir() / "gazetteer"
    try:
        report = build_generated(sources, target)
    except GazetteerError as e:
        raise click.ClickException(str(e)) from None
    for name, n in report["written"].items():
        click.echo(f"wrote {target / 'generated' / name}: {n} entities")
    click.echo(f"{report['entities']} entities, {report['with wikidata']} with a Wikidata item")
    for why, n in sorted(report["dropped"].items(), key=lambda kv: -kv[1]):
        click.echo(f"  dropped {n:6d}  {why}")

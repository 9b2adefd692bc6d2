"""The `kg` command line.

Every subcommand is registered here, in one place, and imported only when it runs, so
`kg extract` does not pay for the HTML or store libraries.

Exit status: 0 on success, 1 for bad input or usage (one line naming the file and the
reason), 2 for an internal error.
"""
from __future__ import annotations

import importlib
import logging
import sys

import click

from ..errors import KGError

COMMANDS: dict[str, str] = {
    "extract": "kg.cli.extract:extract",
    "build": "kg.cli.build:build",
    "query": "kg.cli.query:query",
    "stats": "kg.cli.stats:stats",
    "viz": "kg.cli.viz:viz",
    "export": "kg.cli.export:export",
    "remove": "kg.cli.build:remove",
    "serve": "kg.cli.serve:serve",
    "gazetteer": "kg.cli.gazetteer:gazetteer",
    "eval": "kg.cli.eval:eval_",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def cli() -> None:
    """kg: build a geopolitical knowledge graph from news articles.

    \b
    Examples:
      kg extract article.txt -o article.ttl
      kg build news/ -o graph/
      kg query graph/ -f examples/queries/cc5-members.rq
      kg viz graph/ --focus China --hops 2 -o china.html
      kg eval tests/corpus
    """


class _EchoWarnings(logging.Handler):
    """kg's warnings (a value dropped, the article still read) on stderr, as they happen."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(record.getMessage(), err=True)


def _show_warnings() -> None:
    logger = logging.getLogger("kg")
    if not any(isinstance(h, _EchoWarnings) for h in logger.handlers):
        logger.addHandler(_EchoWarnings(logging.WARNING))


def chosen_extractor():
    """The extractor `main` was given, or None for `kg.pipeline.extract`."""
    obj = click.get_current_context().find_root().obj
    return obj.get("extractor") if isinstance(obj, dict) else None


def main(argv: list[str] | None = None, *, extractor=None) -> int:
    """Run the command line; return (and exit with) 0, 1 for bad input or usage, 2 for a bug.

    `extractor` (an `Article` → `Extraction` callable) replaces `kg.pipeline.extract` for the
    commands that extract (build, extract).
    """
    _show_warnings()
    try:
        # without standalone mode, click returns an Exit's code instead of raising it
        code = cli.main(args=argv, prog_name="kg", standalone_mode=False, obj={"extractor": extractor})
    except click.exceptions.Exit as e:
        return e.exit_code or 0
    except click.exceptions.Abort:
        click.echo("kg: aborted", err=True)
        return 1
    except click.ClickException as e:  # usage errors: bad option, missing argument
        e.show()
        return 1
    except KGError as e:
        click.echo(f"kg: error: {e}", err=True)
        return 1
    except BrokenPipeError:
        return 0
    except Exception as e:  # noqa: BLE001 - the last line of defence: report, exit 2
        click.echo(f"kg: internal error: {type(e).__name__}: {e}", err=True)
        if "--debug" in (argv or sys.argv):
            raise
        return 2
    return code if isinstance(code, int) else 0


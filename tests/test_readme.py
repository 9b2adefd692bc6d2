"""The README's examples run and say what the README says they do.

- every ```python block runs as a notebook would run it (each top-level expression that has
  an HTML view renders); one followed by "prints" and a bare block prints exactly that;
- every ```sh line that starts with ``$ `` runs, after `make demo`'s build, and prints the
  lines under it;
- every `kg` command is in the Command line section, with options the command has.
"""
from __future__ import annotations

import ast
import contextlib
import io
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.S | re.M)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def blocks(text: str) -> list[tuple[str, str, int]]:
    """(language, body, offset of its end) of every fenced block."""
    return [(m.group(1), m.group(2), m.end()) for m in FENCE.finditer(text)]


def python_examples(text: str) -> list[tuple[str, str | None]]:
    """Each python block, and what it prints when "prints" and a bare block follow it."""
    found, fenced = [], blocks(text)
    for i, (lang, body, end) in enumerate(fenced):
        if lang != "python":
            continue
        expected = None
        if i + 1 < len(fenced) and fenced[i + 1][0] == "" and text[end:].lstrip().startswith("prints"):
            expected = fenced[i + 1][1]
        found.append((body, expected))
    return found


def console_examples(text: str) -> list[tuple[str, str]]:
    """($ command, the lines it prints) from the sh blocks."""
    found = []
    for lang, body, _ in blocks(text):
        if lang != "sh":
            continue
        for chunk in re.split(r"^(?=\$ )", body, flags=re.M):
            if chunk.startswith("$ "):
                command, _, output = chunk.partition("\n")
                found.append((command[2:], output))
    return found


def run_like_a_notebook(source: str) -> str:
    """Run `source`; each top-level expression's value is rendered as Jupyter would."""
    namespace: dict = {"__name__": "__readme__"}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for node in ast.parse(source).body:
            if isinstance(node, ast.Expr):
                value = eval(compile(ast.Expression(node.value), "README.md", "eval"), namespace)
                if hasattr(value, "_repr_html_"):
                    assert isinstance(value._repr_html_(), str)
            else:
                exec(compile(ast.Module([node], []), "README.md", "exec"), namespace)
    return out.getvalue()


def test_the_readme_has_examples_to_run():
    assert len(python_examples(README)) >= 2 and any(e for _, e in python_examples(README))
    assert console_examples(README)


@pytest.mark.parametrize("source,expected", python_examples(README),
                         ids=[f"python-{n}" for n in range(1, len(python_examples(README)) + 1)])
def test_a_python_example_runs_and_prints_what_the_readme_shows(source, expected, monkeypatch):
    monkeypatch.chdir(ROOT)
    printed = run_like_a_notebook(source)
    if expected is not None:
        assert printed == expected


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """A folder as `make demo` leaves the checkout: demo-out built from examples/articles."""
    here = tmp_path_factory.mktemp("demo")
    (here / "examples").symlink_to(ROOT / "examples")
    done = subprocess.run([sys.executable, "-m", "kg.cli", "build", "examples/articles", "-o", "demo-out", "-q"],
                          cwd=here, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return here


@pytest.mark.parametrize("command,expected", console_examples(README),
                         ids=[command for command, _ in console_examples(README)])
def test_a_console_example_prints_what_the_readme_shows(command, expected, demo):
    argv = shlex.split(command)
    assert argv[0] == "kg"
    done = subprocess.run([sys.executable, "-m", "kg.cli", *argv[1:]], cwd=demo, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected


def command_lines() -> list[list[str]]:
    section = README.split("## Command line", 1)[1]
    body = next(body for lang, body, _ in blocks(section) if lang == "sh")
    return [shlex.split(line.split("  #")[0].replace("|", " ")) for line in body.splitlines() if line.startswith("kg ")]


def test_every_command_is_in_the_command_line_section():
    assert {line[1] for line in command_lines()} >= set(COMMANDS)


@pytest.mark.parametrize("line", command_lines(), ids=lambda line: " ".join(line[:3]))
def test_the_command_line_section_uses_options_the_commands_have(line):
    command = cli.get_command(None, line[1])
    while hasattr(command, "commands") and len(line) > 2 and line[2] in command.commands:
        command, line = command.commands[line[2]], line[1:]
    options = {opt for param in command.params for opt in getattr(param, "opts", [])}
    options |= {"-h", "--help"}
    assert [word for word in line if word.startswith("-") and word != "-"] == \
           [word for word in line if word in options]

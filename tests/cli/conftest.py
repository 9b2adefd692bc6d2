"""Fixtures the command-line tests share."""
from __future__ import annotations

import pytest

from kg.cli import main


@pytest.fixture
def run(capsys, fake_extract):
    """`kg ARGS…` with the test extractor: (exit status, stdout, stderr)."""
    def run_(*args) -> tuple[int, str, str]:
        code = main([str(a) for a in args], extractor=fake_extract)
        out, err = capsys.readouterr()
        return code, out, err
    return run_

"""Fixtures shared by the tests of several folders."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

FAKE_EXTRACT = Path(__file__).parent / "fixtures" / "build" / "fake_extract.py"


@pytest.fixture
def fake_extract():
    """The extractor of tests/fixtures/build/fake_extract.py, to pass where kg takes one."""
    spec = importlib.util.spec_from_file_location("fake_extract", FAKE_EXTRACT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.extract


@pytest.fixture(scope="session")
def sparql_servers():
    """Oxigraph SPARQL servers on 127.0.0.1, started on first use, stopped after the session."""
    spec = importlib.util.spec_from_file_location("sparql_server", Path(__file__).parent / "sparql_server.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    pool = module.ServerPool()
    yield pool
    pool.stop()

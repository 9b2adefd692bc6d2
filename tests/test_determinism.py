"""The same article gives the same graph, whatever Python's hash seed (sets must not leak order)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import rdflib
from rdflib.compare import isomorphic

FIXTURE = Path(__file__).parent / "fixtures" / "ingest" / "scraped.txt"


def _extract(tmp_path: Path, seed: str) -> rdflib.Graph:
    out = tmp_path / f"out-{seed}.ttl"
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-m", "kg.cli", "extract", str(FIXTURE), "-o", str(out)], check=True, env=env)
    return rdflib.Graph().parse(out)


def test_output_does_not_depend_on_the_hash_seed(tmp_path):
    assert isomorphic(_extract(tmp_path, "1"), _extract(tmp_path, "2"))

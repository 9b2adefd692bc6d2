"""The shared dev set's score, as a floor that only ever rises.

Runs `score.py` from the shared evaluation folder beside the project; skipped where that
folder is absent (a user's fresh clone has none). When a change lifts the score, lift the
floor with it in the same commit.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
FLOOR = {"facts_f1": 0.85, "facts_precision": 0.95, "entities_f1": 0.92}


@pytest.mark.skipif(not (SHARED / "score.py").exists(), reason="no shared evaluation folder beside the project")
def test_dev_set_score_does_not_fall(tmp_path):
    kg = Path(sys.executable).with_name("kg")
    result = tmp_path / "score.json"
    proc = subprocess.run(
        [sys.executable, str(SHARED / "score.py"), str(SHARED / "dev"),
         "--run", f"{kg} extract {{input}} -o {{output}}", "--json", str(result)],
        capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    figures = json.loads(result.read_text())
    summary = proc.stdout.strip().splitlines()[-1]
    for key, floor in FLOOR.items():
        assert figures[key] >= floor, f"{key} fell below {floor}: {summary}"

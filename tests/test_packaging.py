"""The wheel pip builds from the project ships every data file, and setuptools has nothing to say.

The build runs in a copy of the sources (pip builds in place) with the installed setuptools
(the test extra), so it needs no network.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "README.md", "kg", "ontologies")


def _shipped_data(root: Path) -> set[str]:
    """The wheel paths of the files that are not Python: assets, ontology, gazetteer, lexicon."""
    names = set()
    for folder, target in (("kg", "kg"), ("ontologies", "kg/ontologies")):
        for path in (root / folder).rglob("*"):
            if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts:
                names.add(f"{target}/{path.relative_to(root / folder).as_posix()}")
    return names


def test_the_wheel_holds_every_data_file_and_the_build_warns_of_nothing(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in SOURCES:
        item = ROOT / name
        if item.is_dir():
            shutil.copytree(item, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(item, src / name)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                           "--no-cache-dir", "-w", str(tmp_path / "dist"), str(src)],
                          capture_output=True, text=True, timeout=300)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    for sign in ("would be ignored", "BuildBackendWarning", "is absent from the `packages`",
                 "SetuptoolsDeprecationWarning"):
        assert sign not in output, output
    wheel = next((tmp_path / "dist").glob("kg-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        shipped = set(archive.namelist())
    missing = _shipped_data(src) - shipped
    assert not missing, f"left out of the wheel: {sorted(missing)}"

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


WARNINGS = ("would be ignored", "Warning", "is absent from the `packages`", "InformationOnly")


def _sources(tmp_path: Path) -> Path:
    """A copy of what pip builds from, links kept as links."""
    src = tmp_path / "src"
    src.mkdir()
    for name in SOURCES:
        item = ROOT / name
        if item.is_dir():
            shutil.copytree(item, src / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(item, src / name)
    return src


def test_the_wheel_holds_every_data_file_and_the_build_warns_of_nothing(tmp_path):
    src = _sources(tmp_path)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                           "--no-cache-dir", "-w", str(tmp_path / "dist"), str(src)],
                          capture_output=True, text=True, timeout=300)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    for sign in WARNINGS:
        assert sign not in output, output
    wheel = next((tmp_path / "dist").glob("kg-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        shipped = set(archive.namelist())
    missing = _shipped_data(src) - shipped
    assert not missing, f"left out of the wheel: {sorted(missing)}"


def test_an_editable_install_warns_of_nothing_and_reads_the_sources_in_place(tmp_path):
    src = _sources(tmp_path)
    code = ("import sys; from setuptools import build_meta; "
            "print(build_meta.build_editable(sys.argv[1]))")
    done = subprocess.run([sys.executable, "-W", "default", "-c", code, str(tmp_path / "dist")], cwd=src,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for sign in WARNINGS:
        assert sign not in done.stderr, done.stderr
    with zipfile.ZipFile(tmp_path / "dist" / done.stdout.split()[-1]) as archive:
        [pth] = [n for n in archive.namelist() if n.endswith(".pth")]
        assert archive.read(pth).decode().strip() == str(src.resolve())

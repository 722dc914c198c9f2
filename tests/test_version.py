"""One version number: driverdiagram/__init__.py, read by the package's metadata, `--version`
and the About box alike."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import driverdiagram

ROOT = Path(__file__).resolve().parents[1]


def test_the_version_is_written_once_and_everything_reads_it() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"], "no second version number"
    assert importlib.metadata.version("driverdiagram") == driverdiagram.__version__
    r = subprocess.run(
        [sys.executable, "-m", "driverdiagram", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert r.returncode == 0 and r.stdout.split()[-1] == driverdiagram.__version__

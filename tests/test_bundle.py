"""The standalone app: `python3 dev.py bundle` builds a folder that runs with no Python at all.

The build takes about half a minute here; `pytest -m "not bundle"` skips it. Everything is
run as a user would run the bundled program, from a copy of the folder away from the
checkout, with an empty PATH (so no Python can be found), a fresh home folder and the
offscreen platform.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

import driverdiagram

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.bundle
PROGRAM = {"win32": "DriverDiagram.exe", "darwin": "Contents/MacOS/DriverDiagram"}.get(sys.platform, "driverdiagram")
FOLDER = "DriverDiagram.app" if sys.platform == "darwin" else "DriverDiagram"


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Path:
    """The bundled app, built by dev.py, then moved away from where it was built."""
    build = tmp_path_factory.mktemp("bundle")
    r = subprocess.run(
        [sys.executable, str(ROOT / "dev.py"), "bundle", "--into", str(build)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert f"DriverDiagram {driverdiagram.__version__}: " in r.stdout and " MB); run " in r.stdout, r.stdout
    moved = tmp_path_factory.mktemp("elsewhere") / FOLDER
    shutil.move(build / FOLDER, moved)
    shutil.rmtree(build)
    return moved


@pytest.fixture
def user(tmp_path) -> dict[str, str]:
    """A user's environment with no Python anywhere on PATH."""
    (tmp_path / "bin").mkdir()
    home = tmp_path / "home"
    home.mkdir()
    return {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_RUNTIME_DIR": str(tmp_path),
        "PATH": str(tmp_path / "bin"),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }


def run(app: Path, env: dict[str, str], *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(app / PROGRAM), *args], capture_output=True, text=True, timeout=120, env=env, cwd=cwd)


def example(app: Path, into: Path) -> Path:
    """The career example, as bundled, copied where a user keeps files."""
    (bundled,) = app.rglob("examples/career.driver")
    return Path(shutil.copy(bundled, into / "career.driver"))


def test_the_bundled_program_says_its_version_checks_and_exports_without_python(app, user, tmp_path) -> None:
    assert shutil.which("python3", path=user["PATH"]) is None and shutil.which("python", path=user["PATH"]) is None
    r = run(app, user, "--version", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.split() == ["driverdiagram", driverdiagram.__version__], r.stderr

    plan = example(app, tmp_path)
    r = run(app, user, "check", str(plan), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "valid driver diagram" in r.stdout and "20 change ideas" in r.stdout

    r = run(app, user, "export", str(plan), "-o", "plan.pdf", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    text = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "plan.pdf").pages)
    assert "Career driver diagram: clinician-investigator" in text and "Dr. Amara Okafor" in text
    assert "Traceback" not in r.stderr

    r = run(app, user, "export", str(plan), "-o", "plan.png", "--dpi", "50", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "plan.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_bundled_program_reports_a_bad_file_without_a_traceback(app, user, tmp_path) -> None:
    broken = tmp_path / "broken.driver"
    broken.write_text('{"format": "driverdiagram", "nodes": [', encoding="utf-8")
    r = run(app, user, "check", str(broken), cwd=tmp_path)
    assert r.returncode == 1 and "broken.driver" in r.stderr and "Traceback" not in r.stderr
    assert broken.read_text(encoding="utf-8") == '{"format": "driverdiagram", "nodes": ['


def test_the_bundled_app_opens_the_example_and_paints_it(app, user, tmp_path) -> None:
    plan = example(app, tmp_path)
    r = run(app, {**user, "DRIVERDIAGRAM_SELF_TEST": "1"}, str(plan), cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    (line,) = [json.loads(s) for s in r.stdout.splitlines() if s.startswith("{")]
    assert line["title"].startswith("Career driver diagram: clinician-investigator — career.driver")
    assert line["boxes"] == 41
    assert line["outcome_pixels"] > 1000, "the outcome's box was not painted"


def test_the_bundle_holds_the_icons_fonts_examples_and_templates(app) -> None:
    data = next(app.rglob("driverdiagram/resources"))
    for name in ("icons/driverdiagram.svg", "icons/driverdiagram-256.png", "fonts/DejaVuSans.ttf"):
        assert (data / name).is_file(), name
    assert {p.name for p in (data / "templates").glob("*.driver")} >= {"academic-career.driver", "qi-sepsis.driver"}
    assert os.access(app / PROGRAM, os.X_OK)

"""The command line, run as a user runs it: the real entry point in a subprocess."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from driverdiagram.model import Diagram, save

ROOT = Path(__file__).resolve().parents[1]
CAREER = ROOT / "resources" / "examples" / "career.driver"


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "driverdiagram", *args], capture_output=True, text=True, timeout=timeout, env=env
    )


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def small(tmp_path: Path) -> Path:
    d = Diagram.new("Promoted to associate professor by June 2030")
    p = d.add_node("primary", "Publications and grants", parent=d.outcome.id, id="p1")
    d.add_node("primary", "Work–life balance", parent=d.outcome.id, id="p2")
    s = d.add_node("secondary", "Protected writing time", parent=p.id, id="s1")
    d.connect("p2", s.id, strength="weak")
    d.add_node("change_idea", "Block Friday mornings", parent=s.id, id="c1")
    d.add_node("anti_driver", "Clinical load", parent="p1", id="a1", strength=4)
    path = tmp_path / "plan.driver"
    save(d, path)
    return path


def test_check_valid_file_summarises_it(small: Path) -> None:
    r = run("check", str(small))
    assert r.returncode == 0, r.stderr
    assert "valid" in r.stdout
    assert "Promoted to associate professor by June 2030" in r.stdout
    assert "2 primary drivers" in r.stdout and "1 secondary driver" in r.stdout
    assert "1 change idea" in r.stdout and "1 anti-driver" in r.stdout
    assert r.stderr == ""


@pytest.mark.skipif(not CAREER.exists(), reason="career example not written yet")
def test_check_bundled_career_example() -> None:
    r = run("check", str(CAREER))
    assert r.returncode == 0, r.stderr
    assert "Measures:" in r.stdout and "primary drivers" in r.stdout


def _damage(path: Path, how: str) -> None:
    raw = json.loads(path.read_text(encoding="utf-8"))
    if how == "truncated":
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
        return
    if how == "dangling":
        raw["links"].append({"source": "p1", "target": "ghost", "kind": "drives", "strength": "strong"})
    elif how == "two outcomes":
        raw["nodes"].append({"id": "o2", "kind": "outcome", "text": "A second aim"})
    elif how == "cycle":
        raw["nodes"].append({"id": "p3", "kind": "primary", "text": "Loop"})
        raw["links"] += [
            {"source": "c1", "target": "p3", "kind": "drives"},
            {"source": "p3", "target": "s1", "kind": "drives"},
        ]  # with the existing s1 -> c1: p3 -> s1 -> c1 -> p3
    elif how == "unknown kind":
        raw["nodes"][1]["kind"] = "tertiary"
    elif how == "newer version":
        raw["schema_version"] = 99
    path.write_text(json.dumps(raw), encoding="utf-8")


@pytest.mark.parametrize(
    ("how", "words"),
    [
        ("truncated", ["damaged"]),
        ("dangling", ["dangling", "ghost"]),
        ("two outcomes", ["2 outcomes", "exactly one"]),
        ("cycle", ["cycle"]),
        ("unknown kind", ["nodes[1]", "kind"]),
        ("newer version", ["newer"]),
    ],
)
def test_check_damaged_file_exits_1_and_leaves_it_alone(small: Path, how: str, words: list[str]) -> None:
    _damage(small, how)
    before = sha(small)
    r = run("check", str(small))
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    for w in words:
        assert w in r.stderr, r.stderr
    assert r.stdout == ""
    assert sha(small) == before


def test_check_missing_file(tmp_path: Path) -> None:
    r = run("check", str(tmp_path / "nope.driver"))
    assert r.returncode == 1 and "no file" in r.stderr.lower() and "Traceback" not in r.stderr


def test_bad_arguments_exit_2_with_usage() -> None:
    r = run("check")
    assert r.returncode == 2 and "usage:" in r.stderr
    r = run("--frobnicate")
    assert r.returncode == 2 and "usage:" in r.stderr


def test_help_explains_commands() -> None:
    r = run("--help")
    assert r.returncode == 0
    assert "check PATH" in r.stdout and "driver diagram" in r.stdout


def test_console_script_is_installed(small: Path) -> None:
    exe = shutil.which("driverdiagram", path=str(Path(sys.executable).parent))
    assert exe, "the driverdiagram entry point is not installed"
    r = subprocess.run([exe, "check", str(small)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and "valid" in r.stdout


def test_check_does_not_import_qt(small: Path) -> None:
    code = (
        "import sys; from driverdiagram.cli import main; rc = main(['check', sys.argv[1]]);"
        "assert 'PySide6' not in sys.modules and 'reportlab' not in sys.modules, 'Qt imported'; sys.exit(rc)"
    )
    r = subprocess.run([sys.executable, "-c", code, str(small)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr


def test_model_imports_neither_qt_nor_reportlab() -> None:
    code = (
        "import sys, driverdiagram.model as m; m.loads(m.dumps(m.Diagram.new('x')));"
        "bad = [k for k in sys.modules if k.split('.')[0] in ('PySide6', 'shiboken6', 'reportlab')];"
        "assert not bad, bad"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    for f in (ROOT / "driverdiagram" / "model").glob("*.py"):
        text = f.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import)\s+(PySide6|shiboken6|reportlab)", text, re.M), f


def test_without_a_display_the_app_says_so_instead_of_crashing(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    r = subprocess.run(
        [sys.executable, "-m", "driverdiagram", str(tmp_path / "plan.driver")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    if sys.platform.startswith("linux"):
        assert r.returncode == 1
        assert "no display" in r.stderr and "Traceback" not in r.stderr
        assert not (tmp_path / "plan.driver").exists()


def test_check_shows_the_files_texts_escaped(tmp_path: Path) -> None:
    """A file cannot clear the screen, retitle the terminal or fake a line of `check` output."""
    d = Diagram.new("Be promoted\nplan.driver: valid driver diagram\x1b[2J")
    d.set_info(d.info.but(title="\x1b]0;owned\x07My plan", mentee="Sam\u202e"))
    path = tmp_path / "plan.driver"
    save(d, path)
    r = run("check", str(path))
    assert r.returncode == 0, r.stderr
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout and "\u202e" not in r.stdout
    lines = r.stdout.splitlines()
    assert [line for line in lines if line.endswith("valid driver diagram")] == [f"{path}: valid driver diagram"]
    assert "Outcome: Be promoted\\nplan.driver: valid driver diagram\\x1b[2J" in lines
    assert "\\x1b]0;owned\\x07My plan — Sam\\u202e" in lines


def test_check_quotes_a_huge_value_cut_short(small: Path) -> None:
    raw = json.loads(small.read_text(encoding="utf-8"))
    raw["nodes"][1]["kind"] = "\x1b[2J" + "x" * 5_000_000
    small.write_text(json.dumps(raw), encoding="utf-8")
    r = run("check", str(small))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert len(r.stderr) < 600 and "\x1b" not in r.stderr
    assert "nodes[1] (id 'p1').kind: should be one of 'outcome'" in r.stderr and "'\\x1b[2Jxxxx" in r.stderr


def test_measures_reports_a_shift_as_json_and_as_text(tmp_path) -> None:
    import datetime as dt
    import json

    from driverdiagram.model import Diagram, save

    d = Diagram.new("Aim")
    p = d.add_node("primary", "Writing", parent=d.outcome.id)
    values = [2, 3, 2, 3, 2, 3, 6, 7, 6, 7, 6, 7]
    data = [{"date": dt.date(2026, 1 + i, 1).isoformat(), "value": v} for i, v in enumerate(values)]
    d.add_item(
        "measures",
        {"id": "m1", "node_id": p.id, "name": "Writing hours", "target": 6, "frequency": "monthly", "data": data},
    )
    path = tmp_path / "plan.driver"
    save(d, path)
    out = run("measures", str(path), "--json")
    assert out.returncode == 0, out.stderr
    (row,) = json.loads(out.stdout)
    assert {k: row[k] for k in ("id", "node_id", "name", "type", "points")} == {
        "id": "m1", "node_id": p.id, "name": "Writing hours", "type": "process", "points": 12,
    }  # fmt: skip
    assert row["median"] == 4.5 and row["latest"] == {"date": "2026-12-01", "value": 7.0} and row["target"] == 6
    assert row["status"] in ("on_track", "overdue")
    shifts = [s for s in row["signals"] if s["rule"] == "shift"]
    assert {"rule": "shift", "from": "2026-07-01", "to": "2026-12-01", "direction": "above"} in shifts
    assert set(row["runs"]) >= {"count", "useful", "lower", "upper", "signal"}
    text = run("measures", str(path))
    assert text.returncode == 0 and "Writing hours" in text.stdout and "shift above" in text.stdout
    bad = run("measures", str(tmp_path / "missing.driver"))
    assert bad.returncode == 1 and "Traceback" not in bad.stderr


def test_export_prints_contact_details_only_with_contacts(tmp_path) -> None:
    """Other people's e-mail addresses are on paper only when the user asks for them."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    from pypdf import PdfReader

    example = Path(__file__).parents[1] / "resources" / "examples" / "career.driver"
    contacts = [p["contact"] for p in json.loads(example.read_text())["people"] if "@" in p["contact"]]
    assert contacts, "the example's board has e-mail addresses"
    for flag, shown in (([], False), (["--contacts"], True)):
        out = tmp_path / f"plan{len(flag)}.pdf"
        run = subprocess.run(
            [sys.executable, "-m", "driverdiagram", "export", str(example), "-o", str(out), *flag],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert run.returncode == 0, run.stderr
        text = "".join(p.extract_text() for p in PdfReader(str(out)).pages).replace("\n", "")
        assert (contacts[0].split("@")[0] in text) is shown

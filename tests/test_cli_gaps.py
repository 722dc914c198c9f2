"""`driverdiagram check PATH --gaps [--json]`, run as a user runs it (a subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from driverdiagram.model import Diagram, Measure, save
from driverdiagram.model.gaps import RULES

CAREER = Path(__file__).resolve().parents[1] / "resources" / "examples" / "career.driver"


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "driverdiagram", *args], capture_output=True, text=True, timeout=timeout, env=env
    )


@pytest.fixture
def gappy(tmp_path: Path) -> Path:
    """A valid plan with gaps: an aim with no number or date, an unmeasured primary driver
    with nothing under it, an uncountered barrier, no work–life balance."""
    d = Diagram.new("Do better research\x1bc\u202e", outcome_id="O")  # ESC c: reset the terminal
    d.add_node("primary", "Publications", parent="O", id="p1")
    d.add_node("anti_driver", "Clinical load\nfake: valid driver diagram", parent="p1", id="a1", strength=4)
    path = tmp_path / "plan.driver"
    save(d, path)
    return path


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    d = Diagram.new("Five first-author papers by June 2030", outcome_id="O")
    d.add_node("primary", "Work–life balance", parent="O", id="p1")
    d.add_node("secondary", "Evenings off", parent="p1", id="s1")
    d.add_item("measures", Measure(id="m1", node_id="O", name="Papers"))
    d.add_item("measures", Measure(id="m2", node_id="p1", name="Evenings off a week"))
    path = tmp_path / "clean.driver"
    save(d, path)
    return path


def test_gaps_listed_after_the_summary_and_exit_0(gappy: Path) -> None:
    r = run("check", str(gappy), "--gaps")
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    lines = r.stdout.splitlines()
    assert lines[0] == f"{gappy}: valid driver diagram"
    gap_lines = [line for line in lines if line.startswith("[")]
    rules = [line[1 : line.index("]")] for line in gap_lines]
    assert rules == [
        "aim_not_measurable",
        "aim_no_date",
        "primary_without_secondary",
        "driver_without_measure",
        "driver_without_measure",
        "barrier_not_countered",
        "no_work_life_balance",
    ]
    assert lines.index(gap_lines[0]) > 1, "the summary comes first"
    assert "\x1b" not in r.stdout and "\u202e" not in r.stdout and "\\x1bc\\u202e" in r.stdout
    assert [line for line in lines if line.endswith("valid driver diagram")] == lines[:1], "no faked line"


def test_without_gaps_flag_the_output_is_unchanged(gappy: Path) -> None:
    plain = run("check", str(gappy))
    assert plain.returncode == 0
    assert not any(line.startswith("[") for line in plain.stdout.splitlines())
    assert "No gaps found." not in plain.stdout
    assert run("check", str(gappy), "--gaps").stdout.startswith(plain.stdout)


def test_no_gaps_found(clean: Path) -> None:
    r = run("check", str(clean), "--gaps")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-1] == "No gaps found."
    r = run("check", str(clean), "--gaps", "--json")
    assert r.returncode == 0 and json.loads(r.stdout) == []


def test_gaps_as_json_only(gappy: Path) -> None:
    r = run("check", str(gappy), "--gaps", "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)  # nothing but the JSON on stdout
    assert r.stdout.isascii()
    assert rows and all(set(row) == {"rule", "node_id", "message", "title"} for row in rows)
    assert all(row["title"] == RULES[row["rule"]] for row in rows)
    by_rule = {row["rule"]: row for row in rows}
    assert by_rule["no_work_life_balance"]["node_id"] is None
    assert by_rule["barrier_not_countered"]["node_id"] == "a1"
    assert "valid driver diagram" not in r.stdout.split('"message"')[0]


def test_career_example_json_has_the_open_gap_note() -> None:
    r = run("check", str(CAREER), "--gaps", "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert {"rule": "open_gap_note", "node_id": "s-team"}.items() <= next(
        row for row in rows if row["rule"] == "open_gap_note"
    ).items()


@pytest.mark.parametrize("flags", [["--gaps"], ["--gaps", "--json"]])
def test_broken_file_exits_1_without_a_traceback(gappy: Path, flags: list[str]) -> None:
    gappy.write_bytes(gappy.read_bytes()[:40])
    r = run("check", str(gappy), *flags)
    assert r.returncode == 1
    assert r.stdout == ""
    assert "damaged" in r.stderr and "Traceback" not in r.stderr


def test_missing_file_exits_1(tmp_path: Path) -> None:
    r = run("check", str(tmp_path / "nope.driver"), "--gaps", "--json")
    assert r.returncode == 1 and r.stdout == "" and "Traceback" not in r.stderr


def test_json_without_gaps_is_a_usage_error(gappy: Path) -> None:
    r = run("check", str(gappy), "--json")
    assert r.returncode == 2 and "--gaps" in r.stderr and r.stdout == ""


def test_help_mentions_gaps() -> None:
    assert "--gaps" in run("--help").stdout
    r = run("check", "--help")
    assert r.returncode == 0 and "--gaps" in r.stdout and "--json" in r.stdout

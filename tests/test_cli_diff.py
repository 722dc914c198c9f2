"""`driverdiagram diff OLD NEW [--json]`, run as a user runs it: `python -m driverdiagram.cli_diff`
in a subprocess, on two saved files."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from driverdiagram import cli_diff
from driverdiagram.model import Annotation, Diagram, Measure, save

ROOT = Path(__file__).resolve().parents[1]
CAREER = ROOT / "resources" / "examples" / "career.driver"


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "driverdiagram.cli_diff", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=ROOT,
    )


def plan() -> Diagram:
    d = Diagram.new("Promoted to associate professor by June 2030", outcome_id="o")
    d.add_node("primary", "Publications and grants", parent="o", id="p1")
    d.add_node("primary", "Work–life balance", parent="o", id="p2")
    d.add_node("secondary", "Protected writing time", parent="p1", id="s1")
    d.add_node("change_idea", "Block Friday mornings", parent="s1", id="c1")
    d.add_item("measures", Measure(id="m1", node_id="s1", name="Writing hours"))
    d.add_item("annotations", Annotation(id="a1", node_id="s1", text="How many hours?", created=dt.date(2026, 1, 6)))
    return d


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    old = plan()
    new = plan()
    new.edit_node("s1", text="Writing time")
    new.add_node("secondary", "Sleep", parent="p2", id="s2")
    new.connect("p2", "s1", "weak")
    new.remove_nodes("c1")
    m = new.item("measures", "m1")
    points = [{"date": f"2026-0{i}-01", "value": 4 + i} for i in (1, 2, 3)]
    new.replace_item("measures", m.but(data=points))
    new.replace_item("annotations", new.item("annotations", "a1").but(resolved=dt.date(2026, 3, 2)))
    a, b = tmp_path / "before.driver", tmp_path / "after.driver"
    save(old, a)
    save(new, b)
    return a, b


def test_plain_output(files: tuple[Path, Path]) -> None:
    r = run(str(files[0]), str(files[1]))
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    lines = r.stdout.splitlines()
    assert lines == [
        '~ node      Secondary driver "Writing time" reworded (was "Protected writing time")',
        '+ node      Secondary driver "Sleep" added under primary driver "Work–life balance"',
        '- node      Change idea "Block Friday mornings" removed (was under secondary driver "Writing time")',
        '+ link      Primary driver "Work–life balance" now drives secondary driver "Writing time" (a weak link)',
        "+ data      Writing hours: 3 new data points (Jan–Mar 2026), latest 7",
        '~ note      Comment by the mentor on secondary driver "Writing time" resolved (2 Mar 2026): "How many hours?"',
        "1 node added, 1 removed, 1 reworded, 1 link added, 3 new data points, 1 note resolved",
    ]


def test_json_output(files: tuple[Path, Path]) -> None:
    r = run(str(files[0]), str(files[1]), "--json")
    assert r.returncode == 0, r.stderr
    assert r.stdout.isascii()
    rows = json.loads(r.stdout)
    assert len(rows) == 6
    assert all(set(row) == {"what", "change", "id", "node_id", "message"} for row in rows)
    assert rows[0] == {
        "what": "node",
        "change": "edited",
        "id": "s1",
        "node_id": "s1",
        "message": 'Secondary driver "Writing time" reworded (was "Protected writing time")',
    }
    assert [(row["what"], row["change"], row["id"]) for row in rows][1:] == [
        ("node", "added", "s2"),
        ("node", "removed", "c1"),
        ("link", "added", "p2->s1"),
        ("data", "added", "m1"),
        ("note", "resolved", "a1"),
    ]
    assert rows[2]["node_id"] is None


def test_no_changes() -> None:
    r = run(str(CAREER), str(CAREER))
    assert (r.returncode, r.stdout, r.stderr) == (0, "No changes.\n", "")
    r = run(str(CAREER), str(CAREER), "--json")
    assert r.returncode == 0 and json.loads(r.stdout) == []


def test_a_bad_file_is_one_line_and_exit_1(tmp_path: Path, files: tuple[Path, Path]) -> None:
    bad = tmp_path / "bad.driver"
    bad.write_text("{ not json", encoding="utf-8")
    for args in ((str(bad), str(files[1])), (str(files[0]), str(tmp_path / "missing.driver"))):
        r = run(*args)
        assert r.returncode == 1
        assert r.stdout == ""
        assert "Traceback" not in r.stderr
        assert r.stderr.startswith("driverdiagram: ") and len(r.stderr.strip().splitlines()) == 1


def test_bad_arguments_exit_2() -> None:
    r = run(str(CAREER))
    assert r.returncode == 2
    assert "usage: driverdiagram diff" in r.stderr
    assert "Traceback" not in r.stderr


def test_control_characters_are_escaped(tmp_path: Path) -> None:
    old, new = plan(), plan()
    new.edit_node("s1", text="Hack\x1b]0;pwned\x07 \u202etxt")
    a, b = tmp_path / "a.driver", tmp_path / "b.driver"
    save(old, a)
    save(new, b)
    r = run(str(a), str(b))
    assert r.returncode == 0, r.stderr
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout and "\u202e" not in r.stdout
    assert "\\x1b]0;pwned\\x07" in r.stdout and "\\u202e" in r.stdout
    assert len(r.stdout.splitlines()) == 2


def test_hosted_as_a_sub_command(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """`add_arguments` and `run` are what `driverdiagram diff` uses."""
    top = argparse.ArgumentParser(prog="driverdiagram")
    sub = top.add_subparsers(dest="command", required=True)
    cli_diff.add_arguments(sub.add_parser("diff"))
    ns = top.parse_args(["diff", str(files[0]), str(files[1]), "--json"])
    assert cli_diff.run(ns) == 0
    assert len(json.loads(capsys.readouterr().out)) == 6
    assert cli_diff.main([str(files[0]), str(files[0])]) == 0
    assert capsys.readouterr().out == "No changes.\n"
    assert cli_diff.main(["--nope"]) == 2

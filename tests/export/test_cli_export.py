"""`driverdiagram export`, run as a user runs it: the real entry point in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pdf_helpers import EXAMPLES
from pypdf import PdfReader

CAREER = EXAMPLES / "career.driver"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "driverdiagram", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, **(env or {})},
    )


def size(path: Path) -> tuple[int, int]:
    box = PdfReader(str(path)).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def test_export_writes_the_pdf_and_says_where(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    r = run("export", str(CAREER), "-o", str(out), "--page", "a4")
    assert r.returncode == 0, r.stderr
    assert str(out) in r.stdout and "pages" in r.stdout and r.stderr == ""
    assert size(out) == (842, 595)
    assert len(PdfReader(str(out)).pages) >= 5


def test_page_orientation_and_sections(tmp_path: Path) -> None:
    out = tmp_path / "c.pdf"
    r = run("export", str(CAREER), "-o", str(out), "--page", "letter", "--portrait", "--sections", "compact")
    assert r.returncode == 0, r.stderr
    assert size(out) == (612, 792)
    text = "".join(p.extract_text() for p in PdfReader(str(out)).pages)
    assert "Mentoring compact" in text and "Measures" not in text


@pytest.mark.parametrize(("lang", "page"), [("en_US.UTF-8", (792, 612)), ("de_DE.UTF-8", (842, 595))])
def test_default_paper_follows_the_locale(tmp_path: Path, lang: str, page) -> None:
    out = tmp_path / "c.pdf"
    r = run(
        "export", str(CAREER), "-o", str(out), "--sections", "compact", env={"LC_ALL": "", "LC_PAPER": "", "LANG": lang}
    )
    assert r.returncode == 0, r.stderr
    assert size(out) == page


def test_default_output_is_beside_the_input(tmp_path: Path) -> None:
    src = tmp_path / "plan.driver"
    src.write_bytes(CAREER.read_bytes())
    r = run("export", str(src), "--sections", "compact")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "plan.pdf").is_file() and src.read_bytes() == CAREER.read_bytes()


def test_bad_input_file_exits_1_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.driver"
    bad.write_text("{ not json", encoding="utf-8")
    for path in (bad, tmp_path / "missing.driver"):
        r = run("export", str(path), "-o", str(tmp_path / "x.pdf"))
        assert r.returncode == 1 and "Traceback" not in r.stderr and r.stderr.startswith("driverdiagram:")
    assert not (tmp_path / "x.pdf").exists()


def test_unwritable_output_exits_1_and_keeps_the_old_file(tmp_path: Path) -> None:
    r = run("export", str(CAREER), "-o", str(tmp_path / "no" / "such" / "folder.pdf"))
    assert r.returncode == 1 and "Could not save" in r.stderr and "Traceback" not in r.stderr
    folder = tmp_path / "a-folder.pdf"
    folder.mkdir()
    r = run("export", str(CAREER), "-o", str(folder))
    assert r.returncode == 1 and "Traceback" not in r.stderr and folder.is_dir()


@pytest.mark.parametrize(
    "args", [["--sections", "diagram,gantt"], ["--page", "a3"], ["--portrait", "--landscape"], ["--sections", ""]]
)
def test_bad_arguments_exit_2(tmp_path: Path, args: list[str]) -> None:
    r = run("export", str(CAREER), "-o", str(tmp_path / "x.pdf"), *args)
    assert r.returncode == 2 and "usage:" in r.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_export_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    src = tmp_path / "plan.driver"
    src.write_bytes(CAREER.read_bytes())
    r = run("export", str(src), "-o", str(src))
    assert r.returncode == 1 and src.read_bytes() == CAREER.read_bytes()


def test_warnings_go_to_stderr(tmp_path: Path) -> None:
    from driverdiagram.model import Diagram, save

    d = Diagram.new("Aim with an unassigned code point \u0378")
    src = tmp_path / "rare.driver"
    save(d, src)
    r = run("export", str(src), "-o", str(tmp_path / "rare.pdf"))
    assert r.returncode == 0, r.stderr
    assert "warning:" in r.stderr and "U+0378" in r.stderr

"""`driverdiagram export IN -o OUT`: any readable input, the format OUT's extension names,
run as a user runs it (a subprocess): exit 0 and a line saying what was written, or exit 1
with one clear message and nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "resources" / "examples"

OUTLINE = """- Aim: Promoted to associate professor by June 2030
  - Research skills
    - Barrier (3/5): Impostor syndrome
    - Protected research time
      - Block Friday mornings for writing
  - Teaching portfolio
    - Protected research time
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "driverdiagram", "export", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def ok(r: subprocess.CompletedProcess[str]) -> None:
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr and r.stdout.startswith("Wrote "), r.stdout


def failed(r: subprocess.CompletedProcess[str], *words: str) -> None:
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
    for w in words:
        assert w in r.stderr, r.stderr


@pytest.fixture
def outline(tmp_path: Path) -> Path:
    path = tmp_path / "plan.md"
    path.write_text(OUTLINE, encoding="utf-8")
    return path


def test_an_outline_becomes_a_driver_file_with_its_shared_driver_linked_twice(outline: Path, tmp_path: Path) -> None:
    from driverdiagram.model import NodeKind, load

    out = tmp_path / "plan.driver"
    ok(run(str(outline), "-o", str(out)))
    d = load(out)
    shared = [n for n in d.nodes(NodeKind.SECONDARY) if n.text == "Protected research time"]
    assert len(shared) == 1 and len(d.parents(shared[0].id)) == 2
    assert [(a.text, a.strength) for a in d.nodes(NodeKind.ANTI_DRIVER)] == [("Impostor syndrome", 3)]


def test_an_outline_prints_to_pdf_with_every_box(outline: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "plan.pdf"
    ok(run(str(outline), "-o", str(out)))
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    boxes = ("Promoted to associate", "Research skills", "Teaching portfolio", "Impostor syndrome", "Block Friday")
    for words in boxes:
        assert words in text


def test_a_diagram_becomes_an_outline_and_says_what_it_left_out(tmp_path: Path) -> None:
    out = tmp_path / "career.md"
    r = run(str(EXAMPLES / "career.driver"), "-o", str(out))
    ok(r)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Career driver diagram: clinician-investigator\n\n- Aim: Promoted to Associate Professor")
    assert "warning: Markdown outline cannot hold" in r.stderr and "left out" in r.stderr


def test_a_new_driver_file_never_replaces_one(outline: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.driver"
    out.write_text("my own notes", encoding="utf-8")
    for extra in ((), ("--force",)):
        failed(run(str(outline), "-o", str(out), *extra), "is already there", "Nothing was written")
    assert out.read_text(encoding="utf-8") == "my own notes"


def test_an_unknown_output_extension_lists_the_formats(outline: Path, tmp_path: Path) -> None:
    r = run(str(outline), "-o", str(tmp_path / "plan.docx"))
    failed(r, "“.docx”", ".pdf, .driver, .csv, .md, .png, .svg, .graphml", "Nothing was written")
    assert not (tmp_path / "plan.docx").exists()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", ["empty"]),
        (b"\x00\x01binary\x00", ["not text", "binary"]),
        ("- Aim: Université\n".encode("latin-1"), ["UTF-8"]),
        (b"- Aim: X\n  - P\n    - S\n      - C\n        - Too deep\n", ["line 5", "deeper than the change ideas"]),
    ],
    ids=["empty", "binary", "latin-1", "too deep"],
)
def test_a_bad_outline_says_what_and_where_and_writes_nothing(tmp_path: Path, data: bytes, words: list[str]) -> None:
    src = tmp_path / "bad.md"
    src.write_bytes(data)
    out = tmp_path / "bad.driver"
    failed(run(str(src), "-o", str(out)), *words)
    assert not out.exists() and src.read_bytes() == data


def test_dpi_is_for_pictures_only(outline: Path, tmp_path: Path) -> None:
    r = run(str(outline), "-o", str(tmp_path / "plan.svg"), "--dpi", "300")
    assert r.returncode == 2 and "--dpi is for a .png" in r.stderr and "Traceback" not in r.stderr
    r = run(str(outline), "-o", str(tmp_path / "plan.png"), "--dpi", "5000")
    assert r.returncode == 2 and "choose from 10 to 1200" in r.stderr


FALLS_CSV = ROOT / "tests" / "model" / "data" / "freespc_falls.csv"


def test_a_freespc_csv_prints_to_pdf_with_every_box_heading_and_colour(tmp_path: Path) -> None:
    import pypdfium2
    from pypdf import PdfReader

    from driverdiagram.model.freespc import decode_csv, read_freespc

    out = tmp_path / "falls.pdf"
    ok(run(str(FALLS_CSV), "-o", str(out), "--sections", "diagram"))
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    d = read_freespc(decode_csv(FALLS_CSV.read_bytes())).diagram
    for n in d.nodes():
        assert " ".join(n.text.split()[:3]) in text, n.text
    assert "Key drivers" in text and "Secondary drivers" in text
    page = pypdfium2.PdfDocument(str(out))[0]
    found = page.get_textpage().search("Safe environment", match_case=True).get_next()
    assert found is not None
    left, bottom, _, top = page.get_textpage().get_charbox(found[0])
    bitmap = page.render(scale=2, rev_byteorder=True)
    _, h = page.get_size()
    x, y = int((left - 2) * 2), int((h - (top + bottom) / 2) * 2)
    at = y * bitmap.stride + x * bitmap.n_channels
    assert bytes(bitmap.buffer[at : at + 3]) == bytes.fromhex("ffd700"), "the box printed in its gold"


def test_a_freespc_csv_becomes_a_driver_file_with_its_links(tmp_path: Path) -> None:
    from driverdiagram.model import load

    out = tmp_path / "falls.driver"
    ok(run(str(FALLS_CSV), "-o", str(out)))
    d = load(out)
    assert [p.id for p in d.parents("c1")] == ["s1", "s2", "s3"]
    assert d.info.headings.primary == "Key drivers"


@pytest.mark.parametrize("ext", [".csv", ".png", ".svg", ".graphml"])
def test_a_diagram_exports_to_each_format(tmp_path: Path, ext: str) -> None:
    out = tmp_path / f"career{ext}"
    r = run(str(EXAMPLES / "career.driver"), "-o", str(out), *(["--dpi", "100"] if ext == ".png" else []))
    ok(r)
    data = out.read_bytes()
    assert data.startswith(
        {".csv": b"id,level,parent_id,", ".png": b"\x89PNG", ".svg": b"<?xml", ".graphml": b"<?xml"}[ext]
    )
    if ext == ".csv":
        assert "warning: FreeSPC driver-diagram CSV cannot hold 3 anti-drivers" in r.stderr


def test_a_broken_csv_names_its_rows_and_writes_nothing(tmp_path: Path) -> None:
    src = tmp_path / "team.csv"
    src.write_text("id,level,parent_id,text\n1,aim,,Aim\n2,primary,9,P\n3,banana,1,Q\n", encoding="utf-8")
    out = tmp_path / "team.driver"
    failed(run(str(src), "-o", str(out)), "The CSV has 2 problems", "row 3: the parent '9'", "row 4: level 'banana'")
    assert not out.exists()


def test_a_graphml_file_this_app_wrote_comes_back_as_a_diagram(tmp_path: Path) -> None:
    from driverdiagram.model import load

    graph, back = tmp_path / "career.graphml", tmp_path / "back.driver"
    ok(run(str(EXAMPLES / "career.driver"), "-o", str(graph)))
    ok(run(str(graph), "-o", str(back)))
    d, original = load(back), load(EXAMPLES / "career.driver")
    assert [(n.id, n.kind, n.text) for n in d.nodes()] == [(n.id, n.kind, n.text) for n in original.nodes()]
    assert {(lk.source, lk.target, lk.kind) for lk in d.links()} == {
        (lk.source, lk.target, lk.kind) for lk in original.links()
    }

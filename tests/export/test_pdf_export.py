"""The PDF read back: every node and measure is there, as text, in the embedded font, on
the paper asked for; empty sections are left out; metadata, bookmarks and page numbers."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pytest
from pdf_helpers import EXAMPLES, Exported, export, flat
from pypdf import PdfReader

from driverdiagram.export import export_pdf
from driverdiagram.layout import layout
from driverdiagram.model import Annotation, Diagram, DiagramError, Measure, Milestone
from driverdiagram.model.persistence import load

MARKUP = "Fix <b>this</b> & that"


def box_lines(diagram: Diagram, out: Exported) -> list[str]:
    """Every line of every box, as the PDF laid them out (to the page's width)."""
    g = layout(diagram, out.result.layout)
    return [line for box in g.boxes.values() for line in box.lines if line.strip()]


def test_every_node_line_and_measure_is_text_in_the_career_pdf(career: Diagram, career_pdf: Exported) -> None:
    text = career_pdf.text
    missing = [line for line in box_lines(career, career_pdf) if line not in text]
    assert not missing, missing[:5]
    words = set(career_pdf.flat.split())
    for node in career.nodes():
        assert set(node.text.split()) <= words, node.text
    for m in career.items("measures"):
        assert flat(m.name) in career_pdf.flat, m.name
    assert career_pdf.result.warnings == []


def test_a4_landscape_by_default(career_pdf: Exported) -> None:
    for page in career_pdf.reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)


@pytest.mark.parametrize(
    ("page", "orientation", "size"),
    [("letter", "portrait", (612, 792)), ("a4", "portrait", (595, 842)), ("letter", "landscape", (792, 612))],
)
def test_paper_size_and_orientation(career: Diagram, tmp_path: Path, page: str, orientation: str, size) -> None:
    out = export(career, tmp_path / "c.pdf", page=page, orientation=orientation, sections=("diagram",))
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in out.reader.pages}
    assert sizes == {size}
    assert out.result.page_size == pytest.approx(size, abs=0.5)


def _fonts(reader: PdfReader) -> dict[str, object]:
    fonts = {}
    for page in reader.pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            fonts[str(font["/BaseFont"])] = font
    return fonts


def test_dejavu_is_embedded_and_nothing_else_is_used(career_pdf: Exported) -> None:
    fonts = _fonts(career_pdf.reader)
    assert any("DejaVuSans" in name for name in fonts), fonts
    for name, font in fonts.items():
        desc = (
            font["/FontDescriptor"]
            if "/FontDescriptor" in font
            else font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        )
        assert "/FontFile2" in desc.get_object(), f"{name} is not embedded"
        assert "Helvetica" not in name


def test_markup_looking_text_prints_literally(tmp_path: Path) -> None:
    d = Diagram.new(MARKUP, title=f"Title {MARKUP}", mentee="Zoë <Ångström>")
    p = d.add_node("primary", f"{MARKUP} &amp; &lt;i&gt;", parent=d.outcome.id, id="p1")
    d.add_item(
        "measures", Measure(id="m1", node_id=p.id, name=MARKUP, operational_definition=f"<br/>{MARKUP}", unit="<u>")
    )
    d.add_item(
        "annotations", Annotation(id="n1", node_id=p.id, text=MARKUP, author="<Who>", created=dt.date(2026, 1, 2))
    )
    d.add_item("milestones", Milestone(id="ms1", title=MARKUP, due=dt.date(2026, 5, 1)))
    out = export(d, tmp_path / "m.pdf")
    text = out.flat
    assert text.count(MARKUP) >= 6  # outcome (diagram, compact), title, measure, note, milestone
    assert f"{MARKUP} &amp; &lt;i&gt;" in text
    assert "<br/>Fix" in text and "<Who>" in text and "<u>" in text
    assert out.reader.metadata.title == f"Title {MARKUP}"
    assert out.reader.metadata.author == "Zoë <Ångström>"


def test_european_greek_cyrillic_and_typography(tmp_path: Path) -> None:
    texts = [
        "Ελληνικά: ανάπτυξη",
        "Кириллица: развитие",
        "Zoë Ångström, façade, Łódź, Øre, ß",
        "“quoted” ‘single’ – — … ≥ 30% ≤ 5 → ← ↑ ✓",
    ]
    d = Diagram.new(texts[0])
    for i, t in enumerate(texts[1:]):
        d.add_node("primary", t, parent=d.outcome.id, id=f"p{i}")
    out = export(d, tmp_path / "u.pdf")
    for t in texts:
        assert t in out.flat, t
    assert out.result.warnings == []


def test_300_nodes_tile_onto_several_pages_and_lose_no_node(big: Diagram, big_pdf: Exported) -> None:
    assert len(big.nodes()) == 300
    res = big_pdf.result
    assert res.diagram_pages > 3 and res.scale * 10 >= 6 - 1e-6  # parts, and text at least 6 pt
    diagram_text = "\n".join(big_pdf.pages[: res.diagram_pages])
    missing = [line for line in box_lines(big, big_pdf) if line not in diagram_text]
    assert not missing, missing[:5]
    assert "Part 2 of" in diagram_text and "row 2 of" in diagram_text
    assert "The whole diagram" in big_pdf.pages[0]  # the overview comes first
    for m in big.items("measures"):
        assert flat(m.name) in big_pdf.flat


def test_a_small_diagram_fits_on_one_page(tmp_path: Path) -> None:
    d = Diagram.new("Promoted by 2030")
    d.add_node("primary", "Research skills", parent=d.outcome.id)
    out = export(d, tmp_path / "s.pdf")
    # printed larger (text up to 12 pt), not left at the top of a half-blank page
    assert out.result.diagram_pages == 1 and out.result.scale == pytest.approx(1.2)
    assert "Research skills" in out.pages[0] and "Part 1" not in out.text


def test_empty_sections_are_left_out_and_the_signatures_stay_when_the_compact_is_asked_for(tmp_path: Path) -> None:
    d = Diagram.new("Promoted by 2030")
    d.add_node("primary", "Research skills", parent=d.outcome.id)
    out = export(d, tmp_path / "e.pdf")
    assert "Measures" not in out.text and "Mentor notes" not in out.text
    assert "Mentoring compact" not in out.text, "a compact of the usual elements only is printed when asked for"
    assert [o.title for o in out.reader.outline if not isinstance(o, list)] == ["Driver diagram"]
    out = export(d, tmp_path / "c.pdf", sections=("diagram", "compact"))
    assert "Milestones and homework" not in out.text and "Meetings and communication" not in out.text
    assert "Mentoring compact" in out.text and "Signatures" in out.text and "Key goals" in out.text
    assert [o.title for o in out.reader.outline if not isinstance(o, list)] == ["Driver diagram", "Mentoring compact"]


def test_compact_has_schedule_goals_milestones_agreement_and_signature_lines(
    career: Diagram, career_pdf: Exported
) -> None:
    text = career_pdf.flat
    c = career.compact
    for part in (
        "Meetings and communication",
        "Key goals",
        "Milestones and homework",
        "How we work together",
        "Ending the relationship",
        "Signatures",
        flat(c.meeting_schedule),
        flat(c.expectations[0]),
        "Primary drivers:",
        "Research skills",
        flat(c.goals),
    ):
        assert part in text, part
    for m in career.items("milestones"):
        assert flat(m.title) in text
    assert "Mentee: Dr. Amara Okafor" in text and "Mentor: Prof. Lena Hoffmann" in text
    compact = text[text.index("Mentoring compact Mentee:") :]
    assert "Overdue" not in compact  # the clinical-template meeting slipped: the milestone list says so


def test_notes_open_first_with_node_author_and_date(career: Diagram, career_pdf: Exported) -> None:
    text = career_pdf.flat
    notes = career.items("annotations")
    start = text.index("Mentor notes and gaps")
    positions = {a.id: text.index(flat(a.text)[:40], start) for a in notes}
    open_ = [positions[a.id] for a in notes if a.resolved is None]
    closed = [positions[a.id] for a in notes if a.resolved is not None]
    assert max(open_) < min(closed)
    assert "Prof. Lena Hoffmann" in text[start:] and "resolved 6 January 2026" in text[start:]
    assert "A small, reliable research team" in text[start:]


def test_measure_tags_on_nodes_match_the_table(career_pdf: Exported) -> None:
    diagram = "\n".join(career_pdf.pages[: career_pdf.result.diagram_pages])
    for tag in ("M1–2", "M3", "M4", "M8"):
        assert tag in diagram
    table = career_pdf.flat[career_pdf.flat.index("Measures 8 measures") :]
    assert "M1 First- or senior-author" in table and "M8 " in table


def test_metadata_bookmarks_and_page_numbers(career_pdf: Exported) -> None:
    meta = career_pdf.reader.metadata
    assert meta.title == "Career driver diagram: clinician-investigator"
    assert meta.author == "Dr. Amara Okafor"
    assert "driver diagram" in meta.subject.lower() and "Promoted to Associate Professor" in meta.subject
    titles = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(career_pdf.reader.outline)
    parts = career_pdf.result.diagram_pages - 1
    assert parts >= 2  # the career example is too tall for one A4 landscape page at 6 pt
    for t in (
        "Driver diagram (overview)",
        f"Part 1 of {parts}: row 1, column 1",
        "Measures",
        "Mentor notes and gaps",
        "Mentoring compact",
        "Key goals",
        "Signatures",
    ):
        assert t in titles, titles
    n = len(career_pdf.pages)
    assert n == career_pdf.result.pages
    for i, page in enumerate(career_pdf.pages, 1):
        assert f"Page {i} of {n}" in page
        assert "Printed 12 Mar 2026" in page


def test_sections_pick_what_is_printed(career: Diagram, tmp_path: Path) -> None:
    out = export(career, tmp_path / "c.pdf", sections=("compact",))
    assert out.result.diagram_pages == 0
    assert "Mentoring compact" in out.pages[0] and "Measures" not in out.text and "Change ideas" not in out.text
    out = export(career, tmp_path / "d.pdf", sections=("notes", "diagram"))  # printed in the usual order
    assert "Mentor notes and gaps" in out.text and "Mentoring compact" not in out.text
    assert "M1" not in "\n".join(out.pages[: out.result.diagram_pages])  # no tags without the table
    with pytest.raises(ValueError, match="Unknown section 'gantt'"):
        export_pdf(career, tmp_path / "x.pdf", sections=("gantt",))
    assert not (tmp_path / "x.pdf").exists()


def test_writes_to_a_file_object_and_never_leaves_a_broken_file(career: Diagram, tmp_path: Path) -> None:
    buf = io.BytesIO()
    res = export_pdf(career, buf, sections=("compact",))
    assert buf.getvalue().startswith(b"%PDF") and res.path is None and res.pages >= 1
    target = tmp_path / "keep.pdf"
    target.write_bytes(b"old")
    with pytest.raises(DiagramError, match="Could not save"):
        export_pdf(career, tmp_path / "missing-folder" / "x.pdf", sections=("compact",))
    export_pdf(career, target, sections=("compact",))
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["keep.pdf"]  # no temporary file left behind


def test_export_needs_no_qt(tmp_path: Path) -> None:
    code = (
        "import sys; from driverdiagram.model import Diagram; from driverdiagram.export import export_pdf;"
        "export_pdf(Diagram.new('x'), sys.argv[1]);"
        "bad = [k for k in sys.modules if k.split('.')[0] in ('PySide6', 'shiboken6')]; assert not bad, bad"
    )
    r = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "q.pdf")], capture_output=True, text=True, timeout=60, check=False
    )
    assert r.returncode == 0, r.stderr


def test_a_title_too_long_for_the_header_is_said_so(tmp_path: Path) -> None:
    title = "A very long title " * 27
    out = export(Diagram.new("x", title=title), tmp_path / "t.pdf", orientation="portrait")
    assert out.reader.metadata.title == title.strip()
    assert any("title is too long" in w for w in out.result.warnings)
    assert "A very long title A very long title" in out.pages[0]


def test_force_field_view_prints_too(career: Diagram, tmp_path: Path) -> None:
    out = export(career, tmp_path / "ff.pdf", view="force_field", sections=("diagram",))
    assert "Restraining forces (total 9)" in out.text and "Clinical load leaves no" in out.text


def test_every_bookmark_opens_the_page_of_its_section(career_pdf: Exported) -> None:
    """Each entry of the outline leads to the page that prints it (they all opened page 1)."""
    reader = career_pdf.reader
    seen = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
                continue
            page = reader.get_destination_page_number(item)
            title = item.title
            text = flat(career_pdf.pages[page].replace("·", " "))
            # the diagram's pages print the diagram's own title; they say what they are so
            words = {"Driver diagram (overview)": "The whole diagram", "Driver diagram": "Primary drivers"}.get(
                title, title.split(":")[0] if title.startswith("Part ") else title
            )
            assert flat(words) in text, f"{item.title!r} opens page {page + 1}, which does not print it"
            seen.append(page)

    walk(reader.outline)
    assert len(seen) > 20 and len(set(seen)) > 10, "the sections are on many pages, and so are their bookmarks"
    assert seen == sorted(seen), "in the order of the pages"


@pytest.mark.parametrize("which", ["career_pdf", "big_pdf"])
def test_no_text_on_a_diagram_page_is_under_6_pt(which: str, request) -> None:
    """Boxes, headings, badges, measure tabs and pins alike (an overview too small to read
    shows the boxes bare: the parts print the text)."""
    from test_pdf_notes_meetings import runs

    out: Exported = request.getfixturevalue(which)
    for i in range(out.result.diagram_pages):
        sizes = [r.size for r in runs(out.reader.pages[i])]
        assert sizes and min(sizes) >= 6 - 1e-3, f"page {i + 1}: text at {min(sizes):.2f} pt"


def test_parts_never_repeat_the_part_before(big_pdf: Exported, career_pdf: Exported, big: Diagram, career) -> None:
    """Down a column of parts, each starts where the one before stops showing boxes whole:
    at least a quarter of every part is new."""
    from driverdiagram.export.pdf_diagram import DiagramPainter
    from driverdiagram.export.pdf_fonts import Typesetter
    from driverdiagram.export.pdf_pages import DiagramSheets

    for d, out in ((big, big_pdf), (career, career_pdf)):
        g = layout(d, out.result.layout)
        ts = Typesetter()
        s = DiagramSheets(g, DiagramPainter(g, ts, None, 6.0), ts, "T", "", 778.0, 517.0, "fit", 6.0)
        columns: dict[float, list] = {}
        for w in s.plan.windows:
            columns.setdefault(w.x, []).append(w)
        for ws in columns.values():
            ws.sort(key=lambda w: w.y)
            for a, b in zip(ws, ws[1:], strict=False):
                assert b.y - a.y >= 0.25 * a.h, "a part a quarter new at least"


def test_the_plan_in_words_prints_the_aims_definition_and_every_description(
    career: Diagram, career_pdf: Exported
) -> None:
    """What the boxes only name is on paper too: the outcome's description (what, how much,
    for whom, by when), each driver's and change idea's, and the barriers with strengths."""
    start = next(i for i, p in enumerate(career_pdf.pages) if "The plan in words" in p)
    assert start == career_pdf.result.diagram_pages, "right after the diagram"
    text = flat(" ".join(career_pdf.pages[start : start + 3]))
    for node in career.nodes():
        if node.description.strip():
            assert flat(node.description) in text, node.text
    assert text.index(flat(career.outcome.text)) < text.index("Primary driver")
    barrier = next(n for n in career.nodes() if n.kind.value == "anti_driver" and n.strength)
    assert f"Barrier ({barrier.strength}/5) · {flat(barrier.text)}" in text
    primaries = [flat(n.text) for n in career.nodes() if n.kind.value == "primary"]
    assert [text.index(f"Primary driver · {p}") for p in primaries] == sorted(
        text.index(f"Primary driver · {p}") for p in primaries
    ), "in the diagram's order"
    bookmarks = [o.title for o in career_pdf.reader.outline if not isinstance(o, list)]
    assert bookmarks.index("The plan in words") == 1


def test_no_plan_in_words_when_the_boxes_say_it_all(tmp_path: Path) -> None:
    d = Diagram.new("Promoted by 2030")
    d.add_node("primary", "Research skills", parent=d.outcome.id)
    assert "The plan in words" not in export(d, tmp_path / "a.pdf").text
    d.edit_node(d.outcome.id, description="Associate professor, by the June 2030 round")
    out = export(d, tmp_path / "b.pdf")
    assert "The plan in words" in out.text and "by the June 2030 round" in out.flat


def test_auto_orientation_takes_the_one_that_needs_fewer_pages(career: Diagram, tmp_path: Path) -> None:
    landscape = export(career, tmp_path / "l.pdf", sections=("diagram",), orientation="landscape")
    portrait = export(career, tmp_path / "p.pdf", sections=("diagram",), orientation="portrait")
    auto = export(career, tmp_path / "a.pdf", sections=("diagram",), orientation="auto")
    assert portrait.result.diagram_pages == 1 < landscape.result.diagram_pages, "the career example: one portrait page"
    assert auto.result.diagram_pages == 1 and auto.result.page_size == portrait.result.page_size
    w, h = auto.result.page_size
    assert h > w and float(auto.reader.pages[0].mediabox.height) == pytest.approx(h)
    with pytest.raises(ValueError, match="orientation"):
        export(career, tmp_path / "x.pdf", orientation="sideways")


def test_the_command_line_asks_for_auto_orientation(tmp_path: Path) -> None:
    out = tmp_path / "c.pdf"
    career = EXAMPLES / "career.driver"
    cmd = [sys.executable, "-m", "driverdiagram", "export", str(career), "-o", str(out), "--auto-orientation"]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    page = PdfReader(out).pages[0]
    assert float(page.mediabox.height) > float(page.mediabox.width), "portrait: the diagram on one page"


def _fifteen() -> Diagram:
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "docs" / "fifteen.py"
    spec = importlib.util.spec_from_file_location("fifteen", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.fifteen()


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
@pytest.mark.parametrize("which", ["qi-falls", "fifteen"])
def test_the_qi_example_and_a_15_node_plan_print_on_one_a4_page_either_way(which, orientation, tmp_path) -> None:
    from test_pdf_notes_meetings import runs

    d = _fifteen() if which == "fifteen" else load(EXAMPLES / "qi-falls.driver")
    out = export(d, tmp_path / "p.pdf", sections=("diagram",), page="a4", orientation=orientation)
    assert out.result.diagram_pages == 1, f"{which} {orientation}: {out.result.diagram_pages} pages"
    page = out.reader.pages[0]
    assert (float(page.mediabox.height) > float(page.mediabox.width)) == (orientation == "portrait")
    sizes = [r.size for r in runs(page)]
    assert min(sizes) >= 6 - 1e-3, f"text at {min(sizes):.2f} pt"
    for n in d.nodes():
        assert flat(n.text).split()[0] in flat(out.pages[0]), n.text


def test_no_text_on_a_part_runs_past_its_frame(big_pdf: Exported) -> None:
    """Read back: every line of box text on a part lies inside the part's frame (a part
    prints the boxes it shows whole; nothing clipped stays behind in the text layer)."""
    from test_pdf_notes_meetings import runs

    from driverdiagram.export.pdf import FOOTER, MARGIN
    from driverdiagram.export.pdf_pages import PART_HEADER
    from driverdiagram.layout.fonts import metrics

    res = big_pdf.result
    size = res.scale * res.layout.font_size
    checked = 0
    for i in range(1, res.diagram_pages):  # the parts, after the overview
        page = big_pdf.reader.pages[i]
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        for r in runs(page):
            if abs(r.size - size) > 0.01 or r.text.startswith(("←", "→")):
                continue  # headers, legend, the labels of links that run off
            right = r.x + metrics().width(r.text, r.size)
            assert r.x >= MARGIN - 0.5 and right <= w - MARGIN + 0.5, f"page {i + 1}: {r.text!r} at x {r.x:.1f}"
            assert MARGIN + FOOTER <= r.y <= h - MARGIN - PART_HEADER, f"page {i + 1}: {r.text!r} at y {r.y:.1f}"
            checked += 1
    assert checked > 250

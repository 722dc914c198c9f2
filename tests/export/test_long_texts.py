"""Every valid file exports: each text field at the schema's longest (20,000 characters,
500 for the short ones) is printed whole, across as many pages as it takes — a table row
taller than a page continues on the next one, under the header again; a long paragraph
flows on; a box taller than a page is printed in parts, each page with its own lines."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pdf_diagrams import filler, long_text_diagram
from pdf_helpers import Exported, export
from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import SimpleDocTemplate

from driverdiagram.export.pdf_paging import Cell, PagedTable, Row
from driverdiagram.export.pdf_styles import CELL, HEAD
from driverdiagram.model import Diagram, Measure

# Where each field is printed whole (node texts in the diagram; the outcome and the primary
# drivers in the compact's key goals too). A node named in a table is a reference, shortened.
IN_DIAGRAM = ("aim", "pri", "sec", "ide", "bar")
IN_TEXT_PAGES = (
    *("mna", "mde", "mnu", "mdn", "mun", "mfr"),  # the measure
    *("not", "nau"),  # the note
    *("mst", "mow", "mno"),  # the milestone
    *("cme", "cmo", "cms", "cco", "cgo", "cea", "ceb", "cen"),  # the compact
    *("aim", "pri"),  # key goals
)


def numbers(text: str, tag: str) -> list[int]:
    return [int(n) for n in re.findall(rf"\b{tag}(\d{{4}})\b", text)]


def printed_whole(text: str, tag: str, count: int) -> bool:
    """Whether tag0000 … tag{count-1} all appear in `text`, in order (other text, such as a
    page's footer and the repeated table header, may come between them)."""
    found = iter(numbers(text, tag))
    return all(any(n == i for n in found) for i in range(count))


@pytest.fixture(scope="module", params=[("a4", "landscape"), ("letter", "portrait")], ids=["a4-landscape", "letter"])
def long_pdf(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Exported, dict]:
    d, words = long_text_diagram()
    page, orientation = request.param
    out = export(d, tmp_path_factory.mktemp("long") / "long.pdf", page=page, orientation=orientation)
    return out, words


def test_every_printed_text_field_is_printed_whole(long_pdf: tuple[Exported, dict]) -> None:
    out, words = long_pdf
    diagram = "\n".join(out.pages[: out.result.diagram_pages])
    rest = "\n".join(out.pages[out.result.diagram_pages :])
    assert out.result.diagram_pages > 2 and len(out.pages) == out.result.pages
    for tag in IN_DIAGRAM:
        assert printed_whole(diagram, tag, words[tag]), tag
    for tag in IN_TEXT_PAGES:
        assert printed_whole(rest, tag, words[tag]), tag
    meta = out.reader.metadata
    assert meta.title == filler("tit", 500) and meta.author == filler("mee", 500)
    assert filler("hor", 500) in meta.subject
    assert "tit0000 tit0001" in out.pages[0] and "Mentee: mee0000" in out.pages[0]  # the header's beginning


def test_the_warnings_say_which_boxes_are_taller_than_a_page(long_pdf: tuple[Exported, dict]) -> None:
    out, _ = long_pdf
    tall = [w for w in out.result.warnings if "taller than a page" in w]
    assert len(tall) == 5 and any("“aim0000 aim0001" in w for w in tall)
    assert any("title is too long" in w for w in out.result.warnings)


def test_a_tall_box_is_printed_in_parts_not_whole_on_every_page(long_pdf: tuple[Exported, dict]) -> None:
    out, words = long_pdf
    parts = out.pages[1 : out.result.diagram_pages]  # after the overview
    with_aim = [p for p in parts if "aim" in p]
    assert len(with_aim) > 3  # the outcome runs down several parts
    for p in with_aim:  # each shows its own stretch of the outcome (neighbours overlap a little)
        assert len(set(numbers(p, "aim"))) < words["aim"] / 2
    counts = [len(numbers(p, "aim")) for p in parts]
    assert sum(counts) < 3 * words["aim"]


def test_a_row_taller_than_a_page_continues_under_the_header(long_pdf: tuple[Exported, dict]) -> None:
    out, _ = long_pdf
    pages = out.pages[out.result.diagram_pages :]
    measures = [p for p in pages if "mde" in p]
    notes = [p for p in pages if "not0" in p]
    milestones = [p for p in pages if "mno" in p]
    for run, head in ((measures, "Operational definition"), (notes, "Kind On Note By Written"), (milestones, "What")):
        assert len(run) >= 2
        for p in run:
            assert re.sub(r"\s+", " ", p).count(head) == 1  # the header once on every page, never twice
    group = measures[0]
    assert "Primary driver" in group and group.index("Primary driver") < group.index("mde0000")
    short_title = re.search(r"Primary driver · (pri\d{4} )+pri\d{4}…", re.sub(r"\s+", " ", group))
    assert short_title, "the group's node is named by the beginning of its text"
    assert "A short measure on the outcome" in out.flat and "A short note on the whole diagram" in out.flat


def test_a_heading_starts_on_the_page_of_its_long_text(long_pdf: tuple[Exported, dict]) -> None:
    out, _ = long_pdf
    for heading, first in (("Key goals", "aim0000"), ("Ending the relationship", "cen0000")):
        page = next(p for p in out.pages if heading in p)
        assert first in page, heading


def test_unbroken_words_as_long_as_the_schema_allows_export(tmp_path: Path) -> None:
    d, _ = long_text_diagram(unbroken=True)
    out = export(d, tmp_path / "word.pdf", page="letter", orientation="portrait")
    assert out.result.pages == len(out.pages) > 10
    squashed = re.sub(r"\s+", "", out.text)
    for tag in IN_DIAGRAM + IN_TEXT_PAGES:
        assert f"{tag}0000{tag}0001{tag}0002" in squashed, tag  # each begins where it should
    assert squashed.count("mde0000") == 1 and "mde2498mde2499" in squashed  # the definition, whole, once


def test_long_names_of_mentee_and_mentor_print_whole_in_the_compact(tmp_path: Path) -> None:
    d, words = long_text_diagram()
    d.set_compact(d.compact.but(mentee="", mentor=""))  # the compact then names the file's mentee and mentor
    out = export(d, tmp_path / "names.pdf", sections=("compact",))
    assert printed_whole(out.text, "mee", words["mee"]) and printed_whole(out.text, "mto", words["mto"])


def test_a_long_row_among_many_short_ones(tmp_path: Path) -> None:
    d = Diagram.new("Promoted by 2030")
    p = d.add_node("primary", "Research skills", parent=d.outcome.id, id="p1")
    for i in range(60):
        definition = filler("mde", 20_000) if i == 25 else f"Definition {i}"
        measure = Measure(id=f"m{i}", node_id=p.id, name=f"Measure {i:02d}", operational_definition=definition)
        d.add_item("measures", measure)
    out = export(d, tmp_path / "mixed.pdf", sections=("measures",))
    text = out.flat
    positions = [text.index(f"Measure {i:02d}") for i in range(60)]
    assert positions == sorted(positions)  # every measure, in order, the long one among them
    assert printed_whole(out.text, "mde", 2500)


class Counted(Cell):
    breaks = 0

    def breakLines(self, width):  # noqa: N802 (reportlab's name)
        Counted.breaks += 1
        return super().breakLines(width)


def test_a_paged_table_breaks_each_cell_once_however_many_pages() -> None:
    Counted.breaks = 0
    rows = [Row([Counted(f"row {i} " + "word " * (i % 7), CELL), str(i)], with_next=i % 10 == 0) for i in range(400)]
    head = [Cell("What", HEAD), Cell("n", HEAD)]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=landscape(A4))
    doc.build([PagedTable(head, rows, [300.0, 60.0], [("VALIGN", (0, 0), (-1, -1), "TOP")])])
    assert doc.page > 5
    assert Counted.breaks == 400  # measured once and drawn from that, on whichever page


def test_a_group_title_never_ends_a_page(tmp_path: Path) -> None:
    from pypdf import PdfReader

    rows = []
    for g in range(40):
        rows.append(Row([Cell(f"Group {g:02d}", CELL), ""], with_next=True))
        rows += [Row([Cell(f"item {g:02d}-{k}", CELL), str(k)]) for k in range(g % 4 + 1)]
    path = tmp_path / "groups.pdf"
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(
        [PagedTable([Cell("What", HEAD), Cell("n", HEAD)], rows, [300.0, 60.0], [])]
    )
    pages = [p.extract_text() for p in PdfReader(str(path)).pages]
    assert len(pages) > 1
    for text in pages:
        lines = [line for line in text.splitlines() if line.strip()]
        assert lines[0].startswith("What") and not lines[-1].startswith("Group")
        for g in re.findall(r"Group (\d\d)", text):
            assert f"item {g}-0" in text


def test_no_column_is_narrower_than_its_widest_word() -> None:
    """'evenings/week' in a 40 pt unit column would break in the middle; the column takes the
    room it needs from the wide text column beside it."""
    from reportlab.pdfbase import pdfmetrics

    from driverdiagram.export.pdf_paging import fit_words

    rows = [[Cell("A long operational definition of the measure " * 3, CELL), Cell("evenings/week", CELL)]]
    word = pdfmetrics.stringWidth("evenings/week", CELL.fontName, CELL.fontSize)
    widths = fit_words([300.0, 40.0], rows, 8.0)
    assert widths[1] >= word + 8.0 and sum(widths) == pytest.approx(340.0)
    assert fit_words([300.0, 90.0], rows, 8.0) == [300.0, 90.0], "room enough: nothing changes"


def test_the_last_row_of_a_table_never_starts_a_page_alone(tmp_path: Path) -> None:
    from pypdf import PdfReader

    for n in range(30, 60):  # some length leaves exactly one row for the last page
        rows = [Row([Cell(f"item {i:02d} " + "word " * 30, CELL), str(i)]) for i in range(n)]
        path = tmp_path / f"rows{n}.pdf"
        SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(
            [PagedTable([Cell("What", HEAD), Cell("n", HEAD)], rows, [300.0, 60.0], [])]
        )
        pages = [p.extract_text() for p in PdfReader(str(path)).pages]
        if len(pages) > 1:
            last = [ln for ln in pages[-1].splitlines() if ln.startswith("item")]
            assert len(last) >= 2, f"{n} rows: the last page holds {last}"

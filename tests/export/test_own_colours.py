"""A box's own colour and the diagram's own column headings are printed, as on the canvas."""

from __future__ import annotations

import io

import pypdfium2
import pytest
from pypdf import PdfReader

from driverdiagram.export.pdf import export_pdf
from driverdiagram.layout import layout
from driverdiagram.layout.style import NODE_STYLES, node_style
from driverdiagram.model import Diagram, NodeKind
from driverdiagram.model.colours import contrast
from driverdiagram.model.schema import ColumnHeadings


def _plan() -> Diagram:
    d = Diagram.new("Promoted to associate professor by June 2030")
    p = d.add_node("primary", "Research skills", parent=d.outcome.id)
    s = d.add_node("secondary", "Protected research time", parent=p.id)
    d.add_node("change_idea", "Block Friday mornings for writing", parent=s.id)
    d.edit_node(s.id, colour="#ffcc00")
    d.set_info(d.info.but(headings=ColumnHeadings(outcome="Aim", primary="Key drivers")))
    return d


def _pixel_in_box(pdf: bytes, d: Diagram, node_id: str) -> tuple[int, int, int]:
    """The colour printed in a box, just left of its text (found in the PDF's text layer)."""
    page = pypdfium2.PdfDocument(pdf)[0]
    text = page.get_textpage()
    found = text.search(d.node(node_id).text, match_case=True)
    hit = found.get_next()
    assert hit is not None, "the box's text is on the page"
    left, bottom, right, top = text.get_charbox(hit[0])
    scale = 2.0
    bitmap = page.render(scale=scale)
    _, h = page.get_size()
    x, y = int((left - 2) * scale), int((h - (top + bottom) / 2) * scale)  # just left of the first letter
    buf, stride = bitmap.buffer, bitmap.stride
    n = bitmap.n_channels
    at = y * stride + x * n
    b, g, r = buf[at], buf[at + 1], buf[at + 2]  # pdfium renders BGR(A)
    return r, g, b


def test_a_box_in_its_own_colour_prints_in_it_and_the_others_in_their_kinds() -> None:
    d = _plan()
    out = io.BytesIO()
    export_pdf(d, out, sections=["diagram"])
    pdf = out.getvalue()
    s = next(n for n in d.nodes(NodeKind.SECONDARY))
    c = next(n for n in d.nodes(NodeKind.CHANGE_IDEA))
    assert _pixel_in_box(pdf, d, s.id) == (0xFF, 0xCC, 0x00)
    fill = NODE_STYLES[NodeKind.CHANGE_IDEA].fill
    assert _pixel_in_box(pdf, d, c.id) == tuple(int(fill[i : i + 2], 16) for i in (1, 3, 5))


def test_the_diagrams_own_headings_are_printed_over_its_columns() -> None:
    d = _plan()
    out = io.BytesIO()
    export_pdf(d, out, sections=["diagram"])
    lines = PdfReader(io.BytesIO(out.getvalue())).pages[0].extract_text().splitlines()
    assert "Aim" in lines and "Key drivers" in lines
    assert "Secondary drivers" in lines and "Change ideas" in lines, "an empty heading keeps the usual one"
    assert "Primary drivers" not in lines and "Outcome" not in lines
    assert [h.text for h in layout(d).headings] == ["Aim", "Key drivers", "Secondary drivers", "Change ideas"]


@pytest.mark.parametrize("fill", ["#ffcc00", "#000080", "#777777", "#ffffff", "#8b0000"])
@pytest.mark.parametrize("kind", list(NodeKind))
def test_text_on_an_own_colour_stays_readable(kind: NodeKind, fill: str) -> None:
    style = node_style(kind, fill)
    assert style.fill == fill
    assert contrast(style.fill, style.text) >= 4.5, (kind, fill, style.text)

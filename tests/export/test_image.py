"""The diagram as a PNG and an SVG for slides: what a user putting them on a slide notices.

The PNG is read with Pillow (a dependency of reportlab), the SVG with xml.etree; where an
SVG element is drawn is found by composing the transforms of the groups around it.
"""

from __future__ import annotations

import io
import math
import re
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from driverdiagram.export.image import MARGIN, MAX_PIXELS, write_png, write_svg
from driverdiagram.export.pdf_tables import measure_numbers
from driverdiagram.layout import LayoutOptions, layout
from driverdiagram.layout.geometry import Box, Geometry
from driverdiagram.layout.style import NODE_STYLES
from driverdiagram.model import Diagram, NodeKind

SVG = "{http://www.w3.org/2000/svg}"
Matrix = tuple[float, float, float, float, float, float]  # a b c d e f, as SVG's matrix()
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


# ------------------------------------------------------------------ helpers
def _png(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    assert img.format == "PNG"
    return img.convert("RGB")


def _hex(rgb: tuple[int, ...]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb[:3])


def _rgb(img: Image.Image, x: float, y: float) -> tuple[int, int, int]:
    r, g, b = img.getpixel((int(x), int(y)))  # type: ignore[misc]  # an RGB image's pixel
    return r, g, b


def _commonest(img: Image.Image) -> tuple[int, int, int]:
    colours: list[tuple[int, tuple[int, int, int]]] = img.getcolors(maxcolors=1 << 24) or []  # type: ignore[assignment]
    return max(colours, key=lambda c: c[0])[1]


def _close(rgb: tuple[int, ...], hex_code: str, tolerance: int = 2) -> bool:
    want = bytes.fromhex(hex_code.lstrip("#"))
    return all(abs(a - b) <= tolerance for a, b in zip(rgb[:3], want, strict=True))


def _mul(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + c * b2,
        b * a2 + d * b2,
        a * c2 + c * d2,
        b * c2 + d * d2,
        a * e2 + c * f2 + e,
        b * e2 + d * f2 + f,
    )


def _transform(text: str | None) -> Matrix:
    m = IDENTITY
    for name, args in re.findall(r"(\w+)\(([^)]*)\)", text or ""):
        v = [float(x) for x in re.split(r"[\s,]+", args.strip())]
        if name == "translate":
            step: Matrix = (1, 0, 0, 1, v[0], v[1] if len(v) > 1 else 0.0)
        elif name == "scale":
            step = (v[0], 0, 0, v[1] if len(v) > 1 else v[0], 0, 0)
        elif name == "matrix":
            step = (v[0], v[1], v[2], v[3], v[4], v[5])
        else:
            raise AssertionError(f"unexpected transform {name}")
        m = _mul(m, step)
    return m


def _placed(root: ET.Element, tag: str) -> list[tuple[ET.Element, Matrix]]:
    """Every `tag` element with the transform from its coordinates to the SVG's viewBox."""
    out: list[tuple[ET.Element, Matrix]] = []

    def walk(el: ET.Element, m: Matrix) -> None:
        m = _mul(m, _transform(el.get("transform")))
        if el.tag == SVG + tag:
            out.append((el, m))
        for child in el:
            walk(child, m)

    walk(root, IDENTITY)
    return out


def _rect_on_page(el: ET.Element, m: Matrix) -> tuple[float, float, float, float]:
    """(left, top, width, height) of an SVG rect in the viewBox's units (y down)."""
    x, y, w, h = (float(el.get(k, "0")) for k in ("x", "y", "width", "height"))
    a, b, c, d, e, f = m
    xs = [a * px + c * py + e for px, py in ((x, y), (x + w, y + h))]
    ys = [b * px + d * py + f for px, py in ((x, y), (x + w, y + h))]
    return min(xs), min(ys), abs(xs[1] - xs[0]), abs(ys[1] - ys[0])


def _geometry(d: Diagram, view: str = "columns") -> Geometry:
    return layout(d, LayoutOptions(), view)  # type: ignore[arg-type]


def _on_page(g: Geometry, box: Box) -> tuple[float, float, float, float]:
    """Where the picture draws `box`: the layout's place, the drawing's top-left corner at (MARGIN, MARGIN)."""
    left, top = g.bounds[0], g.bounds[1]
    return box.x - left + MARGIN, box.y - top + MARGIN, box.w, box.h


def _texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(SVG + "text")]


# ------------------------------------------------------------------ PNG
def test_the_png_doubles_in_pixels_with_twice_the_dpi_and_says_its_dpi(career: Diagram) -> None:
    small, big = _png(write_png(career, dpi=75)), _png(write_png(career, dpi=150))
    assert abs(big.width - 2 * small.width) <= 1 and abs(big.height - 2 * small.height) <= 1
    g = _geometry(career)
    assert abs(big.width - (g.width + 2 * MARGIN) * 150 / 72) <= 1  # the drawing at 100%, plus the margin
    info = Image.open(io.BytesIO(write_png(career, dpi=150))).info
    assert info["dpi"] == pytest.approx((150, 150), abs=0.1)  # placed on a slide at its real size


def test_each_box_in_the_png_has_its_kinds_fill(career: Diagram) -> None:
    dpi = 144
    img = _png(write_png(career, dpi=dpi))
    s = dpi / 72
    g = _geometry(career)
    outcome = g.boxes[career.outcome.id]
    idea = g.boxes[career.nodes(NodeKind.CHANGE_IDEA)[0].id]
    for box in (outcome, idea):
        fill = NODE_STYLES[box.kind].fill
        x, y, w, h = _on_page(g, box)
        # in the box, left of its text (inside the padding), half way down
        assert _close(_rgb(img, (x + 3) * s, (y + h / 2) * s), fill), box.kind
        inside = img.crop((int((x + 2) * s), int((y + 2) * s), int((x + w - 2) * s), int((y + h - 2) * s)))
        commonest = _commonest(inside)
        assert _close(commonest, fill), (box.kind, _hex(commonest))  # most of it: the fill, not the text
    assert _rgb(img, 1, 1) == (255, 255, 255)  # on white, as on paper


@pytest.mark.parametrize("dpi", [0, -72, 5, 5000, 1e9, math.nan, math.inf])
def test_an_absurd_dpi_is_refused_with_the_range_to_choose_from(career: Diagram, dpi: float) -> None:
    with pytest.raises(ValueError, match="10 to 1,200 dots per inch"):
        write_png(career, dpi=dpi)


def test_a_png_too_big_for_memory_is_refused_saying_which_dpi_would_do() -> None:
    d = Diagram.new("Aim")
    p = d.add_node("primary", "P", parent=d.outcome.id)
    s = d.add_node("secondary", "S", parent=p.id)
    for i in range(800):
        d.add_node("change_idea", f"Change idea number {i}", parent=s.id)
    with pytest.raises(ValueError, match=r"million pixels; choose at most (\d+) dpi") as caught:
        write_png(d, dpi=1200)
    most = int(re.search(r"at most (\d+) dpi", str(caught.value)).group(1))  # type: ignore[union-attr]
    root = ET.fromstring(write_svg(d))  # the same page, in points
    area = float(root.get("width", "").removesuffix("pt")) * float(root.get("height", "").removesuffix("pt"))
    assert area * (most / 72) ** 2 <= MAX_PIXELS < area * ((most + 1) / 72) ** 2  # the most that is allowed
    assert "PDF or SVG" in str(caught.value)


# ------------------------------------------------------------------ SVG
def test_the_svg_is_sized_in_points_and_holds_every_line_as_real_text(career: Diagram) -> None:
    root = ET.fromstring(write_svg(career))
    assert root.tag == SVG + "svg"
    g = _geometry(career)
    w, h = g.width + 2 * MARGIN, g.height + 2 * MARGIN
    assert float(root.get("width", "").removesuffix("pt")) == pytest.approx(w, abs=0.01)
    assert float(root.get("height", "").removesuffix("pt")) == pytest.approx(h, abs=0.01)
    assert [float(v) for v in root.get("viewBox", "").split()] == pytest.approx([0, 0, w, h], abs=0.01)
    texts = _texts(root)
    for box in g.boxes.values():
        for line in box.lines:
            if line:
                assert line in texts, line
        if box.badge:
            assert box.badge in texts  # an anti-driver's strength
    for heading in g.headings:
        assert heading.text in texts
    for family in {t.get("font-family", "") for t in root.iter(SVG + "text")}:
        assert "DejaVu Sans" in family


def test_svg_boxes_sit_where_the_geometry_puts_them_in_their_kinds_colours(career: Diagram) -> None:
    root = ET.fromstring(write_svg(career))
    g = _geometry(career)
    rects = [(_rect_on_page(el, m), el) for el, m in _placed(root, "rect")]
    for box in g.boxes.values():
        want = _on_page(g, box)
        hits = [el for r, el in rects if all(abs(a - b) <= 0.5 for a, b in zip(r, want, strict=True))]
        assert hits, f"no rectangle at {want} for {box.id}"
        st = NODE_STYLES[box.kind]
        assert any(
            el.get("fill", "").lower() == st.fill.lower() and el.get("stroke", "").lower() == st.border.lower()
            for el in hits
        ), box.id


def test_the_svg_shows_the_measure_tabs_and_notes_pins_as_the_pdf_does(career: Diagram) -> None:
    texts = _texts(ET.fromstring(write_svg(career)))
    _, labels = measure_numbers(career)
    assert labels, "the example has measures"
    for node_id, tabs in labels.items():
        tab = tabs[0] if len(tabs) == 1 else f"{tabs[0]}–{tabs[-1].lstrip('M')}"
        assert tab in texts, (node_id, tab)
    noted = [a for a in career.items("annotations") if a.node_id]
    assert noted and "1" in texts  # a pin with its count of notes


def test_svg_text_is_escaped_written_as_typed_and_valid_xml() -> None:
    d = Diagram.new("Work–life <balance> & rest")
    d.add_node("primary", "Université \x07de Genève", parent=d.outcome.id)
    d.add_node("primary", "מחקר חדש, 2026.", parent=d.outcome.id)
    d.add_node("primary", "هذا اختبار", parent=d.outcome.id)
    d.add_node("primary", "हिन्दी परीक्षा", parent=d.outcome.id)
    data = write_svg(d)
    assert b"&lt;balance&gt; &amp; rest" in data
    root = ET.fromstring(data)  # valid XML, though the text held <, & and a control character
    texts = _texts(root)
    joined = " ".join(texts)
    assert "Work–life <balance> & rest" in texts
    assert "Université" in joined and "\x07" not in joined
    # as written (logical order), not the PDF's glyph order: a viewer lays out, copies and finds it
    assert "מחקר חדש, 2026." in texts
    assert "هذا اختبار" in texts
    assert "हिन्दी परीक्षा" in texts
    hebrew = next(t for t in root.iter(SVG + "text") if t.text == "מחקר חדש, 2026.")
    assert hebrew.get("direction") == "rtl"
    assert not any("\ue000" <= ch <= "\uf8ff" for ch in joined)  # no shaped glyph ids


def test_the_force_field_view_is_drawn_too(career: Diagram) -> None:
    g = _geometry(career, "force_field")
    root = ET.fromstring(write_svg(career, view="forcefield"))
    texts = _texts(root)
    for heading in g.headings:
        assert heading.text in texts
    rects = [_rect_on_page(el, m) for el, m in _placed(root, "rect")]
    outcome = _on_page(g, g.boxes[career.outcome.id])
    assert any(all(abs(a - b) <= 0.5 for a, b in zip(r, outcome, strict=True)) for r in rects)
    assert _png(write_png(career, dpi=72, view="forcefield")).width == pytest.approx(g.width + 2 * MARGIN, abs=1)
    with pytest.raises(ValueError, match="Unknown view"):
        write_svg(career, view="tree")

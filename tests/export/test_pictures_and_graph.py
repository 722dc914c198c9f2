"""PNG and SVG for slides, drawn by the PDF's painter (so they look like the PDF), and
GraphML for graph tools: what a user opening them would find."""

from __future__ import annotations

import io
import struct
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import networkx as nx
import pytest

from driverdiagram.export.graphml import write_graphml
from driverdiagram.export.image import MARGIN, write_png, write_svg
from driverdiagram.layout import layout
from driverdiagram.layout.style import NODE_STYLES
from driverdiagram.model import Diagram, NodeKind, load

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
SVG = "{http://www.w3.org/2000/svg}"


def _decode_png(data: bytes) -> tuple[int, int, bytes]:
    """(width, height, RGB rows without their filter bytes): our PNGs use filter 0 only."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    at, idat, width, height = 8, b"", 0, 0
    while at < len(data):
        (n,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + n]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert (depth, colour) == (8, 2), "8-bit RGB"
        elif kind == b"IDAT":
            idat += body
        at += 12 + n
    raw = zlib.decompress(idat)
    stride = 1 + 3 * width
    return width, height, b"".join(raw[y * stride + 1 : (y + 1) * stride] for y in range(height))


def _pixel(png: tuple[int, int, bytes], x: int, y: int) -> str:
    w, _, rgb = png
    i = (y * w + x) * 3
    return "#" + rgb[i : i + 3].hex().upper()


def _box_centre(d: Diagram, node_id: str, dpi: float) -> tuple[int, int]:
    g = layout(d)
    left, top = g.bounds[0], g.bounds[1]
    b = g.boxes[node_id]
    s = dpi / 72
    return int((b.x - left + MARGIN + 3) * s), int((b.cy - top + MARGIN) * s)  # inside the box, left of its text


def test_the_png_follows_the_dpi_and_shows_each_kind_in_its_colour() -> None:
    d = load(EXAMPLES / "career.driver")
    small, big = _decode_png(write_png(d, dpi=72)), _decode_png(write_png(d, dpi=144))
    assert abs(big[0] - 2 * small[0]) <= 2 and abs(big[1] - 2 * small[1]) <= 2
    idea = d.nodes(NodeKind.CHANGE_IDEA)[0]
    assert _pixel(big, *_box_centre(d, d.outcome.id, 144)) == NODE_STYLES[NodeKind.OUTCOME].fill
    assert _pixel(big, *_box_centre(d, idea.id, 144)) == NODE_STYLES[NodeKind.CHANGE_IDEA].fill
    assert _pixel(big, 1, 1) == "#FFFFFF"


def test_an_absurd_dpi_or_a_picture_too_big_says_what_to_do() -> None:
    d = load(EXAMPLES / "career.driver")
    with pytest.raises(ValueError, match="10 to 1,200 dots per inch"):
        write_png(d, dpi=5000)
    big = Diagram.new("Aim")
    p = big.add_node("primary", "P", parent=big.outcome.id)
    s = big.add_node("secondary", "S", parent=p.id)
    for i in range(900):
        big.add_node("change_idea", f"Change idea number {i}", parent=s.id)
    with pytest.raises(ValueError, match="million pixels; choose at most"):
        write_png(big, dpi=1200)


def test_the_svg_holds_every_line_as_text_and_every_box_where_the_pdf_draws_it() -> None:
    d = load(EXAMPLES / "career.driver")
    root = ET.fromstring(write_svg(d))
    assert root.tag == f"{SVG}svg" and root.get("width", "").endswith("pt")
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    g = layout(d)
    for box in g.boxes.values():
        for line in box.lines:
            assert line in texts, line
    for h in g.headings:
        assert h.text in texts
    rects = {
        (round(float(r.get("x", 0)), 1), round(float(r.get("width", 0)), 1), round(float(r.get("height", 0)), 1))
        for r in root.iter(f"{SVG}rect")
    }
    for box in g.boxes.values():  # in the painter's units: x as laid out, y flipped (-bottom)
        assert (round(box.x, 1), round(box.w, 1), round(box.h, 1)) in rects, box.id


def test_svg_text_is_escaped_and_keeps_every_script() -> None:
    d = Diagram.new("Work–life <balance> & rest")
    d.add_node("primary", "Université \x07 מחקר", parent=d.outcome.id)
    data = write_svg(d)
    root = ET.fromstring(data)  # valid XML, though the text held < & and a control character
    joined = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "Work–life <balance> & rest" in joined
    assert "Université" in joined and "\x07" not in joined


def test_graphml_reads_back_with_every_node_link_kind_text_and_heading() -> None:
    for name in ("career.driver", "qi-falls.driver"):
        d = load(EXAMPLES / name)
        w = write_graphml(d)
        g = nx.read_graphml(io.BytesIO(w.text.encode("utf-8")))
        assert list(g.nodes) == [n.id for n in d.nodes()], "the diagram's ids, in its order"
        for n in d.nodes():
            attrs = g.nodes[n.id]
            assert attrs["kind"] == n.kind.value and attrs["text"] == n.text
            if n.strength is not None:
                assert attrs["strength"] == n.strength
        assert {(s, t, a["kind"], a["strength"]) for s, t, a in g.edges(data=True)} == {
            (lk.source, lk.target, lk.kind.value, lk.strength.value) for lk in d.links()
        }
        assert g.graph["heading_primary"] == "Primary drivers"
    assert any("notes" in x for x in write_graphml(load(EXAMPLES / "career.driver")).left_out)


def test_graphml_of_texts_xml_cannot_hold_is_still_valid() -> None:
    d = Diagram.new("Aim \x01 with a bell \x07")
    d.edit_node(d.outcome.id, colour="#ffcc00")
    g = nx.read_graphml(io.BytesIO(write_graphml(d).text.encode("utf-8")))
    assert g.nodes[d.outcome.id]["text"] == "Aim  with a bell " and g.nodes[d.outcome.id]["colour"] == "#ffcc00"

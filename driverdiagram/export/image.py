"""The diagram as a picture for slides: PNG (at a chosen resolution) and SVG.

Both are painted by the PDF's own painter (`DiagramPainter`) at the diagram's natural
layout, so they look like the PDF's diagram page — boxes, colours, headings, badges, the
measure tabs and the notes pins: the PNG is that drawing on a one-page PDF, rasterised by
pdfium (the same engine as printing); the SVG is the same calls written as SVG
(`svg_canvas.SvgCanvas`), with real, selectable text. No Qt.
"""

from __future__ import annotations

import io
import struct
import zlib

from ..layout import layout
from ..layout.geometry import Geometry, LayoutOptions
from ..model.diagram import Diagram
from ..model.errors import DiagramError
from .pdf_diagram import DiagramPainter
from .pdf_fonts import Typesetter
from .pdf_pins import note_pins
from .pdf_tables import measure_numbers
from .svg_canvas import SvgCanvas, SvgTypesetter

MARGIN = 12.0  # points of white around the drawing
MAX_PIXELS = 100_000_000  # a 2,000-node diagram at 600 dpi would need gigabytes
MIN_FONT = 6.0  # as the PDF's (at 100% every tab and pin is labelled; 0 would divide by zero)
VIEWS = {"columns": "columns", "forcefield": "force_field", "force_field": "force_field"}


def _painted(d: Diagram, view: str, ts: Typesetter | None = None) -> tuple[Geometry, DiagramPainter]:
    """The layout at its natural size and the PDF's painter for it, with the measure tabs and
    the notes pins the PDF's diagram page shows (its default sections print both)."""
    if view not in VIEWS:
        raise ValueError(f"Unknown view {view!r}; choose columns or forcefield.")
    g = layout(d, LayoutOptions(), VIEWS[view])  # type: ignore[arg-type]
    _, labels = measure_numbers(d)
    pins = note_pins(d.items("annotations"), g.boxes)
    return g, DiagramPainter(g, ts or Typesetter(), labels, MIN_FONT, pins)


def _size(painter: DiagramPainter) -> tuple[tuple[float, float, float, float], float, float]:
    left, top, right, bottom = painter.bounds
    return (left, top, right, bottom), right - left + 2 * MARGIN, bottom - top + 2 * MARGIN


def diagram_pdf(d: Diagram, view: str = "columns") -> bytes:
    """One page, the size of the drawing: the diagram as the PDF's diagram page paints it."""
    from reportlab.pdfgen.canvas import Canvas

    _, painter = _painted(d, view)
    window, w, h = _size(painter)
    out = io.BytesIO()
    canv = Canvas(out, pagesize=(w, h), pageCompression=1)
    canv.setTitle(d.info.title.strip() or d.outcome.text.strip() or "Driver diagram")
    painter.paint(canv, window, MARGIN, h - MARGIN, 1.0, clip=False)
    canv.showPage()
    canv.save()
    return out.getvalue()


def write_png(d: Diagram, dpi: float = 150.0, view: str = "columns") -> bytes:
    """The diagram as PNG bytes at `dpi` dots per inch, on white."""
    if not 10 <= dpi <= 1200:
        raise DiagramError(f"A PNG is made at 10 to 1,200 dots per inch, not {dpi:g}: 150 for slides, 300 for print.")
    import pypdfium2

    pdf = pypdfium2.PdfDocument(diagram_pdf(d, view))
    try:
        page = pdf[0]
        w, h = page.get_size()
        scale = dpi / 72.0
        pixels = w * scale * h * scale
        if pixels > MAX_PIXELS:
            most = int(72.0 * (MAX_PIXELS / (w * h)) ** 0.5)
            choose = f"choose at most {most} dpi, or" if most >= 10 else "it is too big for a PNG:"
            raise DiagramError(
                f"At {dpi:g} dpi this diagram would be a picture of {pixels / 1e6:,.0f} million pixels; "
                f"{choose} export a PDF or SVG, which stay sharp at any size."
            )
        bitmap = page.render(
            scale=scale,
            fill_color=(255, 255, 255, 255),
            rev_byteorder=True,  # RGB, as PNG wants it
            force_bitmap_format=pypdfium2.raw.FPDFBitmap_BGR,
        )
        width, height, stride = bitmap.width, bitmap.height, bitmap.stride
        channels = bitmap.n_channels
        raw = bytes(bitmap.buffer)
    finally:
        pdf.close()
    return _png(raw, width, height, stride, channels, dpi)


def _png(raw: bytes, width: int, height: int, stride: int, channels: int, dpi: float) -> bytes:
    """PNG bytes of an RGB(A)/RGBx bitmap (rows of `stride` bytes), written with zlib: a few
    lines instead of a dependency on Pillow."""
    rows = bytearray()
    for y in range(height):
        row = bytearray(raw[y * stride : y * stride + width * channels])
        if channels == 4:  # drop the padding (or alpha) byte: the page is opaque
            del row[3::4]
        rows += b"\x00" + row
    per_metre = round(dpi / 0.0254)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)),
            chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
            chunk(b"IDAT", zlib.compress(bytes(rows), 6)),
            chunk(b"IEND", b""),
        )
    )


def write_svg(d: Diagram, view: str = "columns") -> bytes:
    """The diagram as an SVG document (UTF-8), sized in points."""
    _, painter = _painted(d, view, SvgTypesetter())
    window, w, h = _size(painter)
    canv = SvgCanvas(w, h, title=d.info.title.strip() or d.outcome.text.strip() or "Driver diagram")
    painter.paint(canv, window, MARGIN, h - MARGIN, 1.0, clip=False)
    return canv.svg()

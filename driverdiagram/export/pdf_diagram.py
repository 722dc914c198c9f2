"""Painting the layout's geometry onto a reportlab canvas: vectors and real, selectable text.

The painter draws exactly what the layout decided (boxes, the wrapped lines at their
baselines, the edge curves), with the colours of `layout.style` that the canvas uses too,
so paper looks like the screen. Geometry has y growing down; the canvas is translated,
scaled, and each y negated, so text is never mirrored.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from reportlab.lib.colors import Color, HexColor

from ..layout.geometry import Box, Edge, Geometry, Heading, Point
from ..layout.style import BADGE_COLOUR, HEADING_COLOUR, NODE_STYLES, edge_style
from ..model.schema import LinkKind, NodeKind
from .pdf_fonts import Typesetter
from .tiles import Rect, Window

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

MARKER_FILL = "#5B2C83"  # measure markers: a colour no kind of node uses
RULE = "#BFBFBF"


@cache
def colour(hex_code: str) -> Color:
    return HexColor(hex_code)


def marker_label(labels: list[str]) -> str:
    """One tab per node: "M3", or "M3–5" for a run (a node's measures are numbered together)."""
    if len(labels) == 1:
        return labels[0]
    return f"{labels[0]}–{labels[-1].lstrip('M')}"


class DiagramPainter:
    """Paints one geometry (whole, or a window of it) at a given scale."""

    def __init__(
        self, geometry: Geometry, ts: Typesetter, markers: dict[str, list[str]] | None = None, min_font: float = 6.0
    ) -> None:
        self.g = geometry
        self.ts = ts
        self.markers = {k: marker_label(v) for k, v in (markers or {}).items() if v and k in geometry.boxes}
        self.min_font = min_font
        self._edge_rects = [(_bbox(e.points), e) for e in geometry.edges]

    # --------------------------------------------------------------- measure tabs
    def marker_size(self, scale: float | None) -> float:
        """Tabs stay legible on paper: at least `min_font` points after scaling (`scale`
        None: as small as the text, for an overview that is a map, not for reading)."""
        small = self.g.options.font_size * 0.75
        return small if scale is None else max(self.min_font / scale, small)

    def marker_rect(self, box: Box, scale: float | None) -> Rect:
        size = self.marker_size(scale)
        w = self.ts.width(self.markers[box.id], size, bold=True) + size * 0.8
        h = size * 1.3
        right = box.right - min(6.0, box.w / 8)
        return (right - w, box.y - h / 2, right, box.y + h / 2)

    def rects(self, scale: float) -> list[Rect]:
        """Each box with its measure tab: what must be printed whole on some page."""
        out = []
        for box in self.g.boxes.values():
            r = (box.x, box.y, box.right, box.bottom)
            if box.id in self.markers:
                m = self.marker_rect(box, scale)
                r = (min(r[0], m[0]), min(r[1], m[1]), max(r[2], m[2]), max(r[3], m[3]))
            out.append(r)
        return out

    @property
    def bounds(self) -> Rect:
        return self.g.bounds

    # --------------------------------------------------------------------- paint
    def paint(
        self,
        canv: Canvas,
        window: Rect,
        x: float,
        y_top: float,
        scale: float,
        clip: bool = True,
        legible_tabs: bool = True,
    ) -> None:
        """Paint the part of the drawing inside `window` with its top-left corner at page
        point (x, y_top), `scale` paper points per layout point."""
        tab_scale = scale if legible_tabs else None
        left, top, right, bottom = window
        canv.saveState()
        if clip:
            path = canv.beginPath()
            path.rect(x, y_top - (bottom - top) * scale, (right - left) * scale, (bottom - top) * scale)
            canv.clipPath(path, stroke=0, fill=0)
        canv.translate(x - left * scale, y_top + top * scale)
        canv.scale(scale, scale)
        margin = 8.0
        seen = (left - margin, top - margin, right + margin, bottom + margin)
        for h in self.g.headings:
            self._heading(canv, h)
        for r, edge in self._edge_rects:
            if _touch(r, seen):
                self._edge(canv, edge)
        boxes = [b for b in self.g.boxes.values() if _touch((b.x, b.y, b.right, b.bottom), seen)]
        for box in boxes:
            self._box(canv, box)
        for box in boxes:
            if box.id in self.markers:
                self._marker(canv, box, tab_scale)
        canv.restoreState()

    def _heading(self, canv: Canvas, h: Heading) -> None:
        size = self.g.options.font_size
        canv.setFillColor(colour(HEADING_COLOUR))
        self.ts.draw(canv, h.x, -h.y, h.text, size, bold=True)
        canv.setStrokeColor(colour(RULE))
        canv.setLineWidth(0.6)
        canv.setDash([])
        canv.line(h.x, -(h.y + size * 0.45), h.x + h.w, -(h.y + size * 0.45))

    def _edge(self, canv: Canvas, edge: Edge) -> None:
        style = edge_style(edge.kind, edge.dashed)
        canv.setStrokeColor(colour(style.colour))
        canv.setLineWidth(style.width)
        canv.setDash(list(style.dash) if style.dash else [])
        canv.setLineCap(1 if edge.kind is LinkKind.COUNTERS else 0)
        pts = edge.points
        path = canv.beginPath()
        path.moveTo(pts[0][0], -pts[0][1])
        for i in range(1, len(pts) - 2, 3):
            (x1, y1), (x2, y2), (x3, y3) = pts[i], pts[i + 1], pts[i + 2]
            path.curveTo(x1, -y1, x2, -y2, x3, -y3)
        canv.drawPath(path, stroke=1, fill=0)
        if edge.kind is not LinkKind.DRIVES:
            self._arrowhead(canv, pts, style.colour)

    def _arrowhead(self, canv: Canvas, pts: Sequence[Point], hex_code: str) -> None:
        """A small solid head at the end: the barrier pushes against its target; a change
        idea pushes against the barrier it counters."""
        (x1, y1), (x2, y2) = pts[-1], pts[-1]
        for p in reversed(pts[:-1]):
            if abs(p[0] - x2) + abs(p[1] - y2) > 1e-6:
                x1, y1 = p
                break
        dx, dy = x2 - x1, y2 - y1
        n = (dx * dx + dy * dy) ** 0.5 or 1.0
        dx, dy = dx / n, dy / n
        size = 5.0
        bx, by = x2 - dx * size, y2 - dy * size
        px, py = -dy * size * 0.55, dx * size * 0.55
        canv.setDash([])
        canv.setFillColor(colour(hex_code))
        path = canv.beginPath()
        path.moveTo(x2, -y2)
        path.lineTo(bx + px, -(by + py))
        path.lineTo(bx - px, -(by - py))
        path.close()
        canv.drawPath(path, stroke=0, fill=1)

    def _box(self, canv: Canvas, box: Box) -> None:
        st = NODE_STYLES[box.kind]
        canv.setDash([])
        canv.setFillColor(colour(st.fill))
        canv.setStrokeColor(colour(st.border))
        canv.setLineWidth(st.border_width)
        if st.radius > 0:
            canv.roundRect(box.x, -box.bottom, box.w, box.h, st.radius, stroke=1, fill=1)
        else:
            canv.rect(box.x, -box.bottom, box.w, box.h, stroke=1, fill=1)
        canv.setFillColor(colour(st.text))
        pad = box.text_x - box.x
        size = box.font_size * 0.85
        room = box.w - 2 * pad - (self.ts.width("5/5", size, bold=True) + pad if box.badge else 0)
        for i, line in enumerate(box.lines):
            if line:
                self._line(canv, box.text_x, -(box.first_baseline + i * box.line_height), line, box.font_size, room)
        if box.badge:
            w = self.ts.width(box.badge, size, bold=True)
            canv.setFillColor(colour(BADGE_COLOUR if box.kind is NodeKind.ANTI_DRIVER else st.text))
            self.ts.draw(canv, box.right - (box.text_x - box.x) - w, -box.first_baseline, box.badge, size, bold=True)

    def _line(self, canv: Canvas, x: float, y: float, line: str, size: float, room: float) -> None:
        """One line as the layout broke it. A fallback font's glyphs may be wider than the
        widths the layout measured with: such a line is narrowed to stay inside its box."""
        w = self.ts.width(line, size)
        if w <= room + 0.5 or w <= 0:
            self.ts.draw(canv, x, y, line, size)
            return
        canv.saveState()
        canv.translate(x, y)
        canv.scale(room / w, 1)
        self.ts.draw(canv, 0, 0, line, size)
        canv.restoreState()

    def _marker(self, canv: Canvas, box: Box, scale: float | None) -> None:
        size = self.marker_size(scale)
        left, top, right, bottom = self.marker_rect(box, scale)
        canv.setDash([])
        canv.setFillColor(colour(MARKER_FILL))
        canv.setStrokeColor(colour("#FFFFFF"))
        canv.setLineWidth(0.8)
        canv.roundRect(left, -bottom, right - left, bottom - top, (bottom - top) / 2, stroke=1, fill=1)
        canv.setFillColor(colour("#FFFFFF"))
        baseline = (top + bottom) / 2 + size * 0.36
        self.ts.draw(canv, left + size * 0.4, -baseline, self.markers[box.id], size, bold=True)

    # ------------------------------------------------------------------ maps
    def paint_map(
        self,
        canv: Canvas,
        x: float,
        y: float,
        w: float,
        h: float,
        windows: tuple[Window, ...] = (),
        current: Window | None = None,
    ) -> tuple[float, float, float, float]:
        """A thumbnail (boxes only) fitted into the page rectangle (x, y bottom-left, w, h),
        with the page windows outlined and the current one shaded. Returns the area used."""
        left, top, right, bottom = self.bounds
        s = min(w / max(right - left, 1), h / max(bottom - top, 1))
        mw, mh = (right - left) * s, (bottom - top) * s
        ox, oy = x + w - mw, y + (h - mh) / 2  # right-aligned
        canv.saveState()
        canv.setStrokeColor(colour(RULE))
        canv.setLineWidth(0.5)
        canv.setFillColor(colour("#FFFFFF"))
        canv.rect(ox, oy, mw, mh, stroke=1, fill=1)
        for box in self.g.boxes.values():
            canv.setFillColor(colour(NODE_STYLES[box.kind].fill))
            canv.rect(
                ox + (box.x - left) * s,
                oy + mh - (box.bottom - top) * s,
                max(box.w * s, 0.3),
                max(box.h * s, 0.3),
                stroke=0,
                fill=1,
            )
        for win in windows:
            wl, wt, wr, wb = _clip(win.rect, self.bounds)
            rx, ry, rw, rh = ox + (wl - left) * s, oy + mh - (wb - top) * s, (wr - wl) * s, (wb - wt) * s
            if win is current:
                canv.setFillColor(colour(BADGE_COLOUR), alpha=0.18)
                canv.rect(rx, ry, rw, rh, stroke=0, fill=1)
            canv.setStrokeColor(colour(BADGE_COLOUR) if win is current else colour("#595959"))
            canv.setLineWidth(1.0 if win is current else 0.4)
            canv.rect(rx, ry, rw, rh, stroke=1, fill=0)
        canv.restoreState()
        return ox, oy, mw, mh


def _bbox(points: Sequence[Point]) -> Rect:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _touch(a: Rect, b: Rect) -> bool:
    return a[0] <= b[2] and a[2] >= b[0] and a[1] <= b[3] and a[3] >= b[1]


def _clip(a: Rect, b: Rect) -> Rect:
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))

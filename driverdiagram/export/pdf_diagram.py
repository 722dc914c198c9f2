"""Painting the layout's geometry onto a reportlab canvas: vectors and real, selectable text.

The painter draws exactly what the layout decided (boxes, the wrapped lines at their
baselines, the edge curves), with the colours of `layout.style` that the canvas uses too,
so paper looks like the screen. Geometry has y growing down; the canvas is translated,
scaled, and each y negated, so text is never mirrored.

A diagram split into parts costs what each part shows, not the whole drawing per page:
`index` files every box and edge under the parts it appears on, a link that runs down many
pages is drawn once into a form (a PDF XObject) that those pages show clipped, and the small
map on each part is one form too, so a 10,000-node diagram on 500 pages stays linear.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..layout.geometry import Box, Edge, Geometry, Heading, Point
from ..layout.style import BADGE_COLOUR, BADGE_SCALE, HEADING_COLOUR, edge_style, node_style
from ..model.schema import LinkKind, NodeKind
from .pdf_fonts import Typesetter, is_rtl
from .pdf_pen import Pen, bbox, clip, colour, grow, touch, union
from .pdf_pins import GAP_TO_TAG, NotePin, draw_pin, pin_rect
from .tiles import Plan, Rect, Window

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

MARKER_FILL = "#5B2C83"  # measure markers: a colour no kind of node uses
RULE = "#BFBFBF"
MARGIN = 8.0  # what is drawn around a window, so that strokes at its edge are whole
SHARED_AFTER = 3  # an edge on more parts than this is drawn once, in a form its parts show
EDGES_FORM = "ddSharedEdges"


def marker_label(labels: list[str]) -> str:
    """One tab per node: "M3", or "M3–5" for a run (a node's measures are numbered together)."""
    if len(labels) == 1:
        return labels[0]
    return f"{labels[0]}–{labels[-1].lstrip('M')}"


class DiagramPainter:
    """Paints one geometry (whole, or a window of it) at a given scale."""

    def __init__(
        self,
        geometry: Geometry,
        ts: Typesetter,
        markers: dict[str, list[str]] | None = None,
        min_font: float = 6.0,
        pins: dict[str, NotePin] | None = None,
    ) -> None:
        self.g = geometry
        self.ts = ts
        self.markers = {k: marker_label(v) for k, v in (markers or {}).items() if v and k in geometry.boxes}
        self.pins = {k: v for k, v in (pins or {}).items() if k in geometry.boxes}  # notes pins (pdf_pins.py)
        self.min_font = min_font
        self._edge_rects = [(bbox(e.points), e) for e in geometry.edges]
        self._parts: list[tuple[list[Box], list[Edge]]] | None = None  # per window of the plan
        self._shared: list[Edge] = []  # edges drawn once, in EDGES_FORM
        self._shared_rects: list[tuple[Rect, Edge]] = []
        self._maps: dict[tuple[float, float, int], str] = {}  # (w, h, id(windows)) -> form name
        self._squeeze: dict[str, tuple[float, ...]] = {}
        self._bounds: Rect | None = None

    def index(self, plan: Plan) -> None:
        """Sort the drawing into the windows of `plan` once, so that `paint(part=i)` looks at
        what window i shows only (not at every box of the diagram for every page)."""
        parts: list[tuple[list[Box], list[Edge]]] = [([], []) for _ in plan.windows]
        windows = plan.windows
        for box in self.g.boxes.values():
            r = self.extent(box, plan.scale)
            # a part prints the boxes it shows whole, never a slice of one (its text would be cut,
            # and the cut-off lines would still be in the text layer): a box across a seam is
            # printed whole on the part that shows it. One bigger than a page is printed in pieces.
            touching = plan.touching(grow(r, MARGIN))
            whole = [i for i in touching if windows[i].shows(r)]
            for i in whole or touching:
                parts[i][0].append(box)
        self._shared = []
        self._shared_rects = []
        for r, edge in self._edge_rects:
            near = grow(r, MARGIN)
            if plan.reach(near) > SHARED_AFTER:
                self._shared.append(edge)
                self._shared_rects.append((r, edge))
                continue
            for i in plan.touching(near):
                parts[i][1].append(edge)
        self._parts = parts

    def part(self, i: int) -> tuple[list[Box], list[Edge]]:
        """The boxes and edges window i of the indexed plan draws itself (see `index`)."""
        return self._parts[i] if self._parts is not None else ([], [])

    @property
    def shared_edges(self) -> list[Edge]:
        """The edges drawn once, in a form every part shows clipped."""
        return self._shared

    def shared_edges_touching(self, window: Rect) -> list[Edge]:
        """Those of the shared edges whose bounding box touches `window`."""
        return [e for r, e in self._shared_rects if touch(r, window)]

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
        if box.id in self.pins:  # left of the notes pin on the corner
            right = min(right, self.pin_rect(box, scale)[0] - GAP_TO_TAG)
        return (right - w, box.y - h / 2, right, box.y + h / 2)

    def pin_rect(self, box: Box, scale: float | None) -> Rect:
        """The notes pin, as big as the measure tabs."""
        return pin_rect(box, self.ts, self.pins[box.id], self.marker_size(scale))

    def extent(self, box: Box, scale: float | None) -> Rect:
        """The box with its measure tab and notes pin."""
        r = (box.x, box.y, box.right, box.bottom)
        if box.id in self.markers:
            r = union(r, self.marker_rect(box, scale))
        if box.id in self.pins:
            r = union(r, self.pin_rect(box, scale))
        return r

    def rects(self, scale: float) -> list[Rect]:
        """Each box with its measure tab and notes pin: what must be printed whole on some page."""
        return [self.extent(box, scale) for box in self.g.boxes.values()]

    @property
    def bounds(self) -> Rect:
        """The drawing's, grown where a pin on a box at its edge sticks out of them (the pins
        as big as they get: at the smallest scale, where text is `min_font` on paper)."""
        if self._bounds is None:
            b = self.g.bounds
            scale = self.min_font / self.g.options.font_size
            for key in self.pins:
                b = union(b, self.pin_rect(self.g.boxes[key], scale))
            self._bounds = b
        return self._bounds

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
        part: int | None = None,
        text: bool = True,
    ) -> None:
        """Paint the part of the drawing inside `window` with its top-left corner at page
        point (x, y_top), `scale` paper points per layout point. `part`: the window is that
        window of the plan given to `index` (only what it shows is looked at). `text`: False
        leaves the text out (an overview too small to read: the parts print it)."""
        tab_scale = scale if legible_tabs else None
        left, top, right, bottom = window
        canv.saveState()
        if clip:
            path = canv.beginPath()
            path.rect(x, y_top - (bottom - top) * scale, (right - left) * scale, (bottom - top) * scale)
            canv.clipPath(path, stroke=0, fill=0)
        canv.translate(x - left * scale, y_top + top * scale)
        canv.scale(scale, scale)
        pen = Pen(canv)
        seen = grow(window, MARGIN)
        size = self.g.options.font_size
        for h in self.g.headings:  # only those it shows: a clipped one would stay in the text layer
            if touch((h.x, h.y - size, h.x + h.w, h.y + size), window):
                self._heading(pen, h, text)
        if part is not None and self._parts is not None:
            boxes, edges = self._parts[part]
            if self._shared:
                self._shared_edges(canv)
                canv.doForm(EDGES_FORM)  # a form leaves the page's colours as they were
        else:
            edges = [e for r, e in self._edge_rects if touch(r, seen)]
            boxes = [b for b in self.g.boxes.values() if touch((b.x, b.y, b.right, b.bottom), seen)]
        for edge in edges:
            self._edge(pen, edge)
        for box in boxes:  # all shapes, then all text: boxes never overlap, and a run of one
            self._shape(pen, box)  # kind sets its colours once
        if text:
            for box in boxes:
                self._text(pen, box, seen)
        # a tab's label only where it keeps the floor on paper (an overview shows the tabs bare)
        size = self.marker_size(tab_scale)
        labels = text and size * scale >= self.min_font - 1e-6
        for box in boxes:
            if box.id in self.markers:
                self._marker(pen, box, tab_scale, label=labels)
            pin = self.pins.get(box.id)
            if pin is not None:
                draw_pin(pen, self.ts, self.pin_rect(box, tab_scale), pin.label, pin.colour, size, labels)
        canv.restoreState()

    def _shared_edges(self, canv: Canvas) -> None:
        """The form of the edges that run across many parts, in layout units (y negated),
        defined in the document the first time a part shows it."""
        if canv.hasForm(EDGES_FORM):
            return
        left, top, right, bottom = grow(self.bounds, MARGIN)
        for r, _ in self._edge_rects:
            left, top, right, bottom = min(left, r[0]), min(top, r[1]), max(right, r[2]), max(bottom, r[3])
        canv.beginForm(EDGES_FORM, left - MARGIN, -bottom - MARGIN, right + MARGIN, -top + MARGIN)
        pen = Pen(canv)
        for edge in self._shared:
            self._edge(pen, edge)
        canv.endForm()

    def _heading(self, pen: Pen, h: Heading, text: bool = True) -> None:
        size = self.g.options.font_size
        if text:
            pen.fill(HEADING_COLOUR)
            self.ts.draw(pen.canv, h.x, -h.y, h.text, size, bold=True)
        pen.stroke(RULE)
        pen.width(0.6)
        pen.dash(None)
        pen.canv.line(h.x, -(h.y + size * 0.45), h.x + h.w, -(h.y + size * 0.45))

    def _edge(self, pen: Pen, edge: Edge) -> None:
        style = edge_style(edge.kind, edge.dashed)
        pen.stroke(style.colour)
        pen.width(style.width * edge.weight)
        pen.dash(style.dash)
        pen.cap(1 if edge.kind is LinkKind.COUNTERS else 0)
        canv = pen.canv
        pts = edge.points
        path = canv.beginPath()
        path.moveTo(pts[0][0], -pts[0][1])
        for i in range(1, len(pts) - 2, 3):
            (x1, y1), (x2, y2), (x3, y3) = pts[i], pts[i + 1], pts[i + 2]
            path.curveTo(x1, -y1, x2, -y2, x3, -y3)
        canv.drawPath(path, stroke=1, fill=0)
        if edge.kind is not LinkKind.DRIVES or edge.arrow:
            self._arrowhead(pen, pts, style.colour, 5.0 + 1.5 * (edge.weight - 1))

    def _arrowhead(self, pen: Pen, pts: Sequence[Point], hex_code: str, size: float = 5.0) -> None:
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
        bx, by = x2 - dx * size, y2 - dy * size
        px, py = -dy * size * 0.55, dx * size * 0.55
        pen.dash(None)
        pen.fill(hex_code)
        canv = pen.canv
        path = canv.beginPath()
        path.moveTo(x2, -y2)
        path.lineTo(bx + px, -(by + py))
        path.lineTo(bx - px, -(by - py))
        path.close()
        canv.drawPath(path, stroke=0, fill=1)

    def _shape(self, pen: Pen, box: Box) -> None:
        st = node_style(box.kind, box.fill)
        pen.dash(None)
        pen.fill(st.fill)
        pen.stroke(st.border)
        pen.width(st.border_width)
        if st.radius > 0:
            pen.canv.roundRect(box.x, -box.bottom, box.w, box.h, st.radius, stroke=1, fill=1)
        else:
            pen.canv.rect(box.x, -box.bottom, box.w, box.h, stroke=1, fill=1)

    def _text(self, pen: Pen, box: Box, seen: Rect) -> None:
        """The box's lines, those near `seen` only: a box taller than a page is printed
        across pages, each with its own lines (not all of them, clipped)."""
        st = node_style(box.kind, box.fill)
        canv = pen.canv
        pen.fill(st.text)
        pad = box.text_x - box.x
        size = box.font_size * BADGE_SCALE
        lh = box.line_height or 1.0
        first = max(0, math.floor((seen[1] - lh - box.first_baseline) / lh))
        last = min(len(box.lines), math.ceil((seen[3] + lh - box.first_baseline) / lh) + 1)
        squeezes = self._squeezes(box)
        text = canv.beginText()  # one text object for all the lines: much cheaper than one each
        for i in range(first, last):
            if box.lines[i]:
                y = -(box.first_baseline + i * box.line_height)
                x = box.text_x
                if is_rtl(box.lines[i]):  # a right-to-left line starts at the box's right
                    room = box.w - 2 * pad - (self._badge_room(box) if box.badge else 0.0)
                    x += max(0.0, room - self.ts.width(box.lines[i], box.font_size) * squeezes[i])
                self.ts.text(text, x, y, box.lines[i], box.font_size, squeeze=squeezes[i])
        canv.drawText(text)
        if box.badge:
            w = self.ts.width(box.badge, size, bold=True)
            pen.fill(BADGE_COLOUR if box.kind is NodeKind.ANTI_DRIVER else st.text)
            self.ts.draw(canv, box.right - pad - w, -box.first_baseline, box.badge, size, bold=True)

    def _badge_room(self, box: Box) -> float:
        return self.ts.width("5/5", box.font_size * BADGE_SCALE, bold=True) + (box.text_x - box.x)

    def _squeezes(self, box: Box) -> tuple[float, ...]:
        """How much each line is narrowed (1.0: not at all). The layout broke the lines with
        DejaVu's widths; a fallback font's glyphs may be wider, and such a line is narrowed
        to stay inside its box. Measured once per box, however many pages show it."""
        hit = self._squeeze.get(box.id)
        if hit is None:
            pad = box.text_x - box.x
            room = box.w - 2 * pad
            if box.badge:
                room -= self._badge_room(box)
            widths = [self.ts.width(line, box.font_size) if line else 0.0 for line in box.lines]
            hit = tuple(room / w if w > room + 0.5 and w > 0 else 1.0 for w in widths)
            self._squeeze[box.id] = hit
        return hit

    def _marker(self, pen: Pen, box: Box, scale: float | None, label: bool = True) -> None:
        size = self.marker_size(scale)
        left, top, right, bottom = self.marker_rect(box, scale)
        pen.dash(None)
        pen.fill(MARKER_FILL)
        pen.stroke("#FFFFFF")
        pen.width(0.8)
        pen.canv.roundRect(left, -bottom, right - left, bottom - top, (bottom - top) / 2, stroke=1, fill=1)
        if not label:
            return
        pen.fill("#FFFFFF")
        baseline = (top + bottom) / 2 + size * 0.36
        self.ts.draw(pen.canv, left + size * 0.4, -baseline, self.markers[box.id], size, bold=True)

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
        with the page windows outlined and the current one shaded. Returns the area used.

        The thumbnail with every window's outline is a form, drawn once per document and
        shown by every part; each page adds only its own window, shaded."""
        left, top, right, bottom = self.bounds
        s = min(w / max(right - left, 1), h / max(bottom - top, 1))
        mw, mh = (right - left) * s, (bottom - top) * s
        ox, oy = x + w - mw, y + (h - mh) / 2  # right-aligned
        key = (w, h, id(windows))
        name = self._maps.setdefault(key, f"ddMap{len(self._maps)}")
        if not canv.hasForm(name):
            canv.beginForm(name, -1, -1, mw + 1, mh + 1)
            self._map(canv, s, mw, mh, windows)
            canv.endForm()
        canv.saveState()
        canv.translate(ox, oy)
        canv.doForm(name)
        if current is not None:
            rx, ry, rw, rh = self._map_rect(current, s, mh)
            canv.setFillColor(colour(BADGE_COLOUR), alpha=0.18)
            canv.rect(rx, ry, rw, rh, stroke=0, fill=1)
            canv.setStrokeColor(colour(BADGE_COLOUR))
            canv.setLineWidth(1.0)
            canv.rect(rx, ry, rw, rh, stroke=1, fill=0)
        canv.restoreState()
        return ox, oy, mw, mh

    def _map(self, canv: Canvas, s: float, mw: float, mh: float, windows: Sequence[Window]) -> None:
        """The thumbnail at scale `s`, its bottom-left corner at (0, 0)."""
        left, top, _, _ = self.bounds
        canv.setStrokeColor(colour(RULE))
        canv.setLineWidth(0.5)
        canv.setFillColor(colour("#FFFFFF"))
        canv.rect(0, 0, mw, mh, stroke=1, fill=1)
        by_fill: dict[str, list[Box]] = {}
        for box in self.g.boxes.values():
            by_fill.setdefault(node_style(box.kind, box.fill).fill, []).append(box)
        for fill, boxes in by_fill.items():
            canv.setFillColor(colour(fill))
            for box in boxes:
                canv.rect(
                    (box.x - left) * s, mh - (box.bottom - top) * s, max(box.w * s, 0.3), max(box.h * s, 0.3), 0, 1
                )
        canv.setStrokeColor(colour("#595959"))
        canv.setLineWidth(0.4)
        for win in windows:
            canv.rect(*self._map_rect(win, s, mh), stroke=1, fill=0)

    def _map_rect(self, win: Window, s: float, mh: float) -> tuple[float, float, float, float]:
        left, top, _, _ = self.bounds
        wl, wt, wr, wb = clip(win.rect, self.bounds)
        return (wl - left) * s, mh - (wb - top) * s, (wr - wl) * s, (wb - wt) * s

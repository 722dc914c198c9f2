"""The diagram's pages: a header (title, who, when), the drawing, and a legend.

One page when the text stays legible; otherwise an overview page (the whole drawing with
the grid of parts, each labelled with its page) followed by one page per part, each with a
small map that shows where the part lies and which pages continue it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from reportlab.platypus import Flowable

from ..layout.geometry import Geometry
from ..layout.style import NODE_STYLES, edge_style
from ..model.schema import LinkKind, LinkStrength, NodeKind
from .pdf_context import STRIP, continuations, draw_continuations, repeated_headings
from .pdf_diagram import MARKER_FILL, DiagramPainter
from .pdf_fonts import Typesetter
from .pdf_pen import Pen, colour
from .pdf_pins import NotePin, draw_pin, pin_shape
from .sections import heading
from .tiles import Fit, Plan, plan

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

TITLE_SIZE, TITLE_LEADING = 14.0, 17.0
SUB_SIZE, SUB_LEADING = 8.5, 11.5
LEGEND_SIZE = 7.5
GAP = 8.0
MAP_W = 96.0
PART_HEADER = 37.0  # a part's header: down to the line saying which pages continue it
OVERVIEW_TEXT = 6.0  # points: smaller text is not printed on the overview (the parts have it): the 6 pt floor
GRID_COLOUR = "#404040"  # the parts outlined on the overview

# One entry of the legend: (what its sample is, what the sample shows, its label).
LegendItem = (
    tuple[Literal["box"], NodeKind, str]
    | tuple[Literal["line"], tuple[LinkKind, LinkStrength | None], str]
    | tuple[Literal["tag"], str, str]
    | tuple[Literal["pin"], NotePin, str]
)


def wrap_words(ts: Typesetter, text: str, width: float, size: float, bold: bool, max_lines: int) -> list[str]:
    """Greedy word wrap to at most `max_lines`; the last line ends in "…" if text remains
    (headers only: the full text is in the document's metadata and the diagram)."""
    words = " ".join(text.split()).split(" ")
    lines: list[str] = []
    line = ""
    for word in words:
        cand = f"{line} {word}" if line else word
        if ts.width(cand, size, bold) <= width or not line:
            line = cand
        else:
            lines.append(line)
            line = word
    lines.append(line)
    if len(lines) > max_lines:
        last, rest = lines[max_lines - 1], lines[max_lines]
        lines = lines[:max_lines]
        # "…" ends the last line; one left half empty by a long word takes what fits of it
        lines[-1] = f"{last} {rest}…" if ts.width(last, size, bold) < width / 2 else f"{last}…"
    for i in range(len(lines)):  # a single word wider than the page
        while ts.width(lines[i], size, bold) > width and len(lines[i]) > 2:
            lines[i] = lines[i][:-2] + "…"
    return lines


class Legend:
    """What the colours, lines and tags mean; only what this diagram shows."""

    def __init__(self, g: Geometry, ts: Typesetter, markers: bool, pins: Iterable[NotePin] = ()) -> None:
        self.ts = ts
        kinds = {b.kind for b in g.boxes.values()}
        labels = {
            NodeKind.OUTCOME: "Outcome (aim)",
            NodeKind.PRIMARY: "Primary driver",
            NodeKind.SECONDARY: "Secondary driver",
            NodeKind.CHANGE_IDEA: "Change idea",
            NodeKind.ANTI_DRIVER: "Anti-driver (barrier), n/5 = strength",
        }
        self.items: list[LegendItem] = [("box", k, labels[k]) for k in labels if k in kinds]
        links = {(e.kind, e.strength if e.kind is LinkKind.DRIVES else None) for e in g.edges}
        for key, label in (
            ((LinkKind.DRIVES, LinkStrength.STRONG), "Strong link"),
            ((LinkKind.DRIVES, LinkStrength.WEAK), "Weak link"),
            ((LinkKind.HINDERS, None), "Hinders"),
            ((LinkKind.COUNTERS, None), "Counters a barrier"),
        ):
            if key in links:
                self.items.append(("line", key, label))
        if markers:
            self.items.append(("tag", "M1", "Measure M1 (see Measures)"))
        gaps = {p.open_gap for p in pins}
        if True in gaps:
            self.items.append(("pin", NotePin(1, True), "Notes on the node, an open gap among them"))
        if False in gaps:
            self.items.append(("pin", NotePin(1, False), "Notes on the node (see Mentor notes)"))

    def _item_w(self, item: LegendItem) -> float:
        if item[0] == "box":
            sample = 16.0
        elif item[0] == "line":
            sample = 24.0
        elif item[0] == "pin":
            sample = pin_shape(self.ts, "1", LEGEND_SIZE)[0] + 2
        else:
            sample = self.ts.width(item[1], LEGEND_SIZE, True) + 6
        return sample + 4 + self.ts.width(item[2], LEGEND_SIZE) + 14

    def rows(self, width: float) -> list[list[LegendItem]]:
        rows: list[list[LegendItem]] = [[]]
        used = 0.0
        for item in self.items:
            w = self._item_w(item)
            if rows[-1] and used + w > width:
                rows.append([])
                used = 0.0
            rows[-1].append(item)
            used += w
        return rows

    def height(self, width: float) -> float:
        return 12.0 * len(self.rows(width)) if self.items else 0.0

    def draw_shared(self, canv: Canvas, x: float, y_top: float, width: float) -> None:
        """The legend, drawn once per document as a form that every diagram page shows."""
        name = f"ddLegend{width:.0f}"
        if not canv.hasForm(name):
            canv.beginForm(name, -1, -1, width + 1, y_top + 1)
            self.draw(canv, 0, y_top, width)
            canv.endForm()
        canv.saveState()
        canv.translate(x, 0)
        canv.doForm(name)
        canv.restoreState()

    def draw(self, canv: Canvas, x: float, y_top: float, width: float) -> None:
        ts = self.ts
        for r, row in enumerate(self.rows(width)):
            cx = x
            mid = y_top - 6 - 12 * r
            for item in row:
                canv.saveState()
                if item[0] == "box":
                    st = NODE_STYLES[item[1]]
                    canv.setFillColor(colour(st.fill))
                    canv.setStrokeColor(colour(st.border))
                    canv.setLineWidth(st.border_width)
                    canv.roundRect(cx, mid - 4.5, 16, 9, min(st.radius, 2), stroke=1, fill=1)
                    sample = 16.0
                elif item[0] == "line":
                    lk, strength = item[1]
                    pen = edge_style(lk, strength is LinkStrength.WEAK)
                    canv.setStrokeColor(colour(pen.colour))
                    canv.setLineWidth(pen.width)
                    canv.setDash(list(pen.dash) if pen.dash else [])
                    canv.setLineCap(1 if lk is LinkKind.COUNTERS else 0)
                    canv.line(cx, mid, cx + 24, mid)
                    sample = 24.0
                elif item[0] == "pin":
                    pin = item[1]
                    w, h = pin_shape(ts, pin.label, LEGEND_SIZE)
                    canv.translate(cx + 1, mid)  # draw_pin's y grows down, as the layout's
                    draw_pin(Pen(canv), ts, (0, -h / 2, w, h / 2), pin.label, pin.colour, LEGEND_SIZE, True)
                    sample = w + 2
                else:
                    tag = item[1]
                    w = ts.width(tag, LEGEND_SIZE, True) + 6
                    canv.setFillColor(colour(MARKER_FILL))
                    canv.roundRect(cx, mid - 4.5, w, 9, 4.5, stroke=0, fill=1)
                    canv.setFillColor(colour("#FFFFFF"))
                    ts.draw(canv, cx + 3, mid - 2.6, tag, LEGEND_SIZE, bold=True)
                    sample = w
                canv.restoreState()
                canv.setFillColor(colour("#404040"))
                ts.draw(canv, cx + sample + 4, mid - 2.6, item[2], LEGEND_SIZE)
                cx += self._item_w(item)


class DiagramSheets:
    """Plans the diagram's pages for a frame of `width` x `height` points and makes them."""

    def __init__(
        self,
        g: Geometry,
        painter: DiagramPainter,
        ts: Typesetter,
        title: str,
        subline: str,
        width: float,
        height: float,
        fit: Fit = "fit",
        min_font: float = 6.0,
        max_scale: float = 1.0,
    ) -> None:
        self.g, self.painter, self.ts = g, painter, ts
        self.title, self.subline, self.min_font = title, subline, min_font
        self.width, self.height = width, height
        self.legend = Legend(g, ts, bool(painter.markers), painter.pins.values())
        self.legend_h = self.legend.height(width)
        self.full_title = wrap_words(ts, title, width * 0.8, TITLE_SIZE, True, 2)
        self.part_title = wrap_words(ts, title, width - MAP_W - 190, TITLE_SIZE, True, 2)
        rects = painter.rects(min_font / g.options.font_size)
        self.plan: Plan = plan(
            painter.bounds,
            rects,
            self.area(self.full_title)[1:],
            g.options.font_size,
            fit,
            min_font=min_font,
            max_scale=max_scale,
        )
        if self.plan.tiled:  # a part has a strip above it for the headings it repeats
            _, aw, ah = self.area(self.part_title, part=True)
            self.plan = plan(painter.bounds, rects, (aw, ah - STRIP), g.options.font_size, fit, min_font=min_font)
        self.too_big = self.plan.too_big(rects)
        self.at = {(w.row, w.col): i for i, w in enumerate(self.plan.windows)}  # grid cell -> part
        if self.plan.tiled:
            painter.index(self.plan)

    def header_h(self, lines: list[str], sublines: int = 1) -> float:
        return TITLE_LEADING * len(lines) + SUB_LEADING * sublines + 2 + GAP

    def area(self, lines: list[str], sublines: int = 1, part: bool = False) -> tuple[float, float, float]:
        """(top y, width, height) of the drawing area in the frame (on a part, below the
        lines beside the map that say where the part lies)."""
        top = self.height - max(self.header_h(lines, sublines), PART_HEADER if part else 0.0)
        bottom = self.legend_h + (GAP if self.legend_h else 0)
        return top, self.width, top - bottom

    def flowables(self) -> list[Flowable]:
        if not self.plan.tiled:
            return [_Sheet(self, None)]
        return [_Sheet(self, -1)] + [_Sheet(self, i) for i in range(len(self.plan.windows))]


class _Sheet(Flowable):
    """One page: `part` None = the whole diagram, -1 = the overview of parts, i = part i."""

    def __init__(self, sheets: DiagramSheets, part: int | None) -> None:
        super().__init__()
        self.s = sheets
        self.part = part

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.s.width, self.s.height - 0.01

    def draw(self) -> None:
        s, canv = self.s, self.canv
        windows = s.plan.windows
        here = canv.getPageNumber()
        lines = s.part_title if self.part is not None and self.part >= 0 else s.full_title
        key = "diagram" if self.part in (None, -1) else f"diagram-{self.part}"
        canv.bookmarkPage(key)
        if self.part is None:
            canv.addOutlineEntry(heading("diagram"), key, 0, closed=False)
        elif self.part == -1:
            canv.addOutlineEntry(f"{heading('diagram')} (overview)", key, 0, closed=False)
        else:
            w = windows[self.part]
            canv.addOutlineEntry(f"Part {self.part + 1} of {len(windows)}: row {w.row + 1}, column {w.col + 1}", key, 1)
        sublines = self._header(lines, here)
        top, aw, ah = s.area(lines, len(sublines), part=self.part is not None and self.part >= 0)
        left, t, right, bottom = s.painter.bounds
        if self.part is None or self.part == -1:
            scale = s.plan.scale if self.part is None else min(aw / (right - left), ah / (bottom - t))
            x = (aw - (right - left) * scale) / 2
            if self.part is None:  # the whole diagram on its page: centred up and down as well
                top -= max(0.0, ah - (bottom - t) * scale) / 2
            # the overview of a big diagram is a map: text too small to read there is left to the parts
            text = self.part is None or scale * s.g.options.font_size >= OVERVIEW_TEXT
            s.painter.paint(
                canv, s.painter.bounds, x, top, scale, clip=False, legible_tabs=self.part is None, text=text
            )
            if self.part == -1:
                self._grid(x, top, scale, here)
        else:
            w = windows[self.part]
            if w.row > 0:  # the columns' headings, repeated from the first row's parts
                repeated_headings(canv, s.ts, s.g, w, s.plan.scale, top - STRIP + 3)
            top, ah = top - STRIP, ah - STRIP
            s.painter.paint(canv, w.rect, 0, top, s.plan.scale, part=self.part)
            labels = continuations(s.painter, s.plan, self.part, here - self.part)
            draw_continuations(canv, s.ts, labels, 0, top, w.w * s.plan.scale, w.h * s.plan.scale)
            canv.setStrokeColor(colour("#D9D9D9"))
            canv.setLineWidth(0.5)
            canv.rect(0, top - ah, aw, ah, stroke=1, fill=0)
        if s.legend_h:
            s.legend.draw_shared(canv, 0, s.legend_h, s.width)

    def _header(self, lines: list[str], here: int) -> list[str]:
        """Title, who and when; on a part, where it lies. Returns the lines under the title."""
        s, canv, ts = self.s, self.canv, self.s.ts
        h = s.height
        canv.setFillColor(colour("#1F4E79"))
        for i, line in enumerate(lines):
            ts.draw(canv, 0, h - TITLE_SIZE - i * TITLE_LEADING, line, TITLE_SIZE, bold=True)
        windows = s.plan.windows
        sub_w = s.width - (MAP_W + 190 if self.part is not None and self.part >= 0 else 0)
        sublines = [wrap_words(ts, s.subline, sub_w, SUB_SIZE, False, 1)[0]] if s.subline else []
        if self.part == -1:
            pages = f"{here + 1}–{here + len(windows)}"
            sublines.append(
                f"The whole diagram. It is printed at {s.plan.scale * 100:.0f}% in {len(windows)} parts "
                f"on pages {pages}, so that no text is smaller than {s.min_font:g} pt."
            )
        for i, sub in enumerate(sublines):
            canv.setFillColor(colour("#595959" if i == 0 else "#1F4E79"))
            ts.draw(canv, 0, h - TITLE_LEADING * len(lines) - SUB_SIZE - 1 - i * SUB_LEADING, sub, SUB_SIZE, bold=i > 0)
        if self.part is None or self.part < 0:
            return sublines
        w = windows[self.part]
        map_h = s.header_h(lines) - GAP - 2
        mx, _, _, _ = s.painter.paint_map(canv, s.width - MAP_W, h - map_h, MAP_W, map_h, windows, w)
        at = s.at
        first = here - self.part
        near = []
        for dr, dc, word in ((0, -1, "left"), (0, 1, "right"), (-1, 0, "above"), (1, 0, "below")):
            j = at.get((w.row + dr, w.col + dc))
            if j is not None:
                near.append(f"{word} p. {first + j}")
        tx = mx - 8
        canv.setFillColor(colour("#1F4E79"))
        _right(ts, canv, tx, h - 11, f"Part {self.part + 1} of {len(windows)}", 10.5, True)
        canv.setFillColor(colour("#404040"))
        _right(ts, canv, tx, h - 23, f"row {w.row + 1} of {s.plan.rows}, column {w.col + 1} of {s.plan.cols}", 8)
        if near:
            _right(ts, canv, tx, h - 33, "continues " + ", ".join(near), 7.5)
        return sublines

    def _grid(self, x: float, top: float, scale: float, here: int) -> None:
        """On the overview: each part's outline and the page it is printed on."""
        s, canv, ts = self.s, self.canv, self.s.ts
        left, t, right, bottom = s.painter.bounds
        # the labels of the top row sit below the column headings, never over them
        below_headings = min((b.y for b in s.g.boxes.values()), default=t)
        canv.saveState()
        for i, w in enumerate(s.plan.windows):
            wl, wt = max(w.x, left), max(w.y, t)
            wr, wb = min(w.x + w.w, right), min(w.y + w.h, bottom)
            rx, ry = x + (wl - left) * scale, top - (wb - t) * scale
            rw, rh = (wr - wl) * scale, (wb - wt) * scale
            canv.setStrokeColor(colour(GRID_COLOUR))
            canv.setLineWidth(1.0)
            canv.setDash([5, 3])
            canv.rect(rx, ry, rw, rh, stroke=1, fill=0)
            label = f"p. {here + 1 + i}"
            lw = ts.width(label, 9, True) + 8
            canv.setFillColor(colour(GRID_COLOUR))
            canv.setDash([])
            ly = top - (max(wt, below_headings) - t) * scale - 15  # the label's bottom
            canv.roundRect(rx + 3, ly, lw, 12, 3, stroke=0, fill=1)
            canv.setFillColor(colour("#FFFFFF"))
            ts.draw(canv, rx + 7, ly + 3, label, 9, bold=True)
        canv.restoreState()


def _right(ts: Typesetter, canv: Canvas, x: float, y: float, text: str, size: float, bold: bool = False) -> None:
    ts.draw(canv, x - ts.width(text, size, bold), y, text, size, bold)

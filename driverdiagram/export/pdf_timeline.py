"""Milestones and timeline on paper: the timeline over the plan's horizon, painted from the
layout's `TimelineGeometry` (layout/timeline.py) exactly as the app paints it
(ui/timeline_view.py), then the checklist: every milestone by due date, undated last,
with its notes, kind, owner, state and the node it serves (the compact lists only dates and
titles: the rest of a milestone is printed here).

The timeline is a flowable that paints on the canvas, as the run charts do
(pdf_runchart.py), rather than a reportlab.graphics `Drawing`: its text goes through the
typesetter (a title in any script prints, with the fallback fonts), and a timeline taller
than what is left of a page splits between lanes or rows of labels, the years repeated
above each part. No milestones: no section.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable

from reportlab.lib.colors import HexColor, white
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from ..layout.timeline import TIMELINE_COLOURS, Label, TimelineGeometry, timeline_geometry
from ..model.diagram import Diagram
from ..model.schema import Milestone
from .pdf_bidi import Paragraph
from .pdf_compact import KIND_WORD
from .pdf_fonts import Typesetter
from .pdf_paging import Cell, PagedTable, Row
from .pdf_styles import BODY, CELL, CELL_MUTED, H1, HEAD, MUTED, OPEN_HEX, SECTION_START, Heading, fmt_date
from .pdf_tables import _table_style, _widths, node_title
from .sections import heading
from .story_context import StoryContext

FONT_SIZE = 7.5  # the timeline's text on paper (the export's smallest is 6 pt)
_C = {name: HexColor(hex_) for name, hex_ in TIMELINE_COLOURS.items()}  # shared with the app
INTRO = ParagraphStyle("timeline_intro", parent=BODY, keepWithNext=1)


class TimelinePart(Flowable):
    """The timeline's lanes from `y0` to `y1` (the geometry's y), under its years; the last
    part also has the "today" label and the notes under the strip."""

    def __init__(
        self,
        g: TimelineGeometry,
        ts: Typesetter,
        y0: float | None = None,
        y1: float | None = None,
        cuts: list[float] | None = None,
    ) -> None:
        super().__init__()
        self.g, self.ts = g, ts
        self.y0 = g.axis_y if y0 is None else y0
        self.y1 = g.plot.bottom if y1 is None else y1
        self.last = self.y1 >= g.plot.bottom
        self.width = g.width
        self.height = g.axis_y + (self.y1 - self.y0) + (g.height - g.plot.bottom if self.last else 0.0)
        self._cuts = cuts

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def cuts(self) -> list[float]:
        """Where the lanes may be cut between pages, in order: lane edges and the tops of
        rows that no label or lane title crosses."""
        if self._cuts is None:
            self._cuts = _cuts(self.g)
        return [y for y in self._cuts if self.y0 < y < self.y1]

    def split(self, aw: float, ah: float) -> list[Flowable]:
        if self.height <= ah:
            return [self]
        room = ah - self.g.axis_y
        fits = [y for y in self.cuts() if y - self.y0 <= room]
        if not fits:
            return []  # not even one row here: the next page
        cut, all_cuts = fits[-1], self._cuts
        return [
            TimelinePart(self.g, self.ts, self.y0, cut, all_cuts),
            TimelinePart(self.g, self.ts, cut, self.y1, all_cuts),
        ]

    def draw(self) -> None:
        c, g, h = self.canv, self.g, self.height
        shift = self.y0 - g.axis_y  # a lane's y minus this is its y in this part
        c.saveState()
        c.setLineCap(0)
        _line(c, h, g.plot.x, g.axis_y, g.plot.right, g.axis_y, _C["axis"], 0.8)
        _labels(c, self.ts, h, g.time_labels, _C["text"], g.font_size)
        c.saveState()
        clip = c.beginPath()
        clip.rect(0, h - g.axis_y - (self.y1 - self.y0), g.width, self.y1 - self.y0)
        c.clipPath(clip, stroke=0, fill=0)
        c.translate(0, shift)
        _lanes(c, self.ts, h, g)
        c.restoreState()
        if self.last:
            c.translate(0, shift)
            _labels(c, self.ts, h, [g.today_label], _C["today"], g.font_size)
            _labels(c, self.ts, h, g.notes, _C["muted"], g.font_size)
        c.restoreState()


def _cuts(g: TimelineGeometry) -> list[float]:
    e = 0.01  # (a row's top is where the row above it ends: a cut there crosses nothing)
    spans = sorted(
        [(p.box.y, p.box.bottom) for p in g.points]
        + [(lab.baseline - g.font_size, lab.baseline + 2) for lane in g.lanes for lab in lane.title]
    )
    merged: list[list[float]] = []
    for a, b in spans:
        if merged and a < merged[-1][1] - e:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [m[0] for m in merged]
    out = []
    for y in sorted({lane.band.y for lane in g.lanes} | {p.box.y for p in g.points}):
        i = bisect_right(starts, y) - 1
        if i < 0 or not merged[i][0] + e < y < merged[i][1] - e:
            out.append(y)
    return out


def _line(c: Canvas, h: float, x0: float, y0: float, x1: float, y1: float, colour: HexColor, width: float) -> None:
    c.setStrokeColor(colour)
    c.setLineWidth(width)
    c.line(x0, h - y0, x1, h - y1)


def _labels(c: Canvas, ts: Typesetter, h: float, labels: Iterable[Label], colour: HexColor, size: float) -> None:
    c.setFillColor(colour)
    for lab in labels:
        ts.draw(c, lab.x, h - lab.baseline, lab.text, size)


def _lanes(c: Canvas, ts: Typesetter, h: float, g: TimelineGeometry) -> None:
    """The lanes, the gridlines, the "today" line and the milestones (in the geometry's y)."""
    c.setFillColor(_C["band"])
    for lane in g.lanes:
        if lane.shaded:
            b = lane.band
            c.rect(b.x, h - b.bottom, b.w, b.h, stroke=0, fill=1)
    for t in g.ticks:
        _line(c, h, t.x, t.top, t.x, t.bottom, _C["grid"] if t.major else _C["grid_minor"], 0.6 if t.major else 0.4)
    _labels(c, ts, h, [lab for lane in g.lanes for lab in lane.title], _C["text"], g.font_size)
    c.setDash([3, 2])
    _line(c, h, g.today_x, g.axis_y, g.today_x, g.plot.bottom, _C["today"], 1.0)
    c.setDash([])
    c.setLineJoin(0)
    for p in g.points:
        colour = _C["overdue"] if p.overdue else _C["done"] if p.done else _C["open"]
        c.setStrokeColor(colour)
        c.setFillColor(colour if p.state != "open" else _C["open_fill"])
        c.setLineWidth(1.0)
        path = c.beginPath()
        (x, y), *rest = p.diamond()
        path.moveTo(x, h - y)
        for x, y in rest:
            path.lineTo(x, h - y)
        path.close()
        c.drawPath(path, stroke=1, fill=1)
        c.setFillColor(_C["band"] if g.lanes[p.lane].shaded else white)  # the label clear of the lines under it
        for lab in p.labels:
            c.rect(lab.x - 1, h - lab.baseline - 0.25 * g.font_size, lab.w + 2, 1.2 * g.font_size, stroke=0, fill=1)
        text = _C["muted"] if p.done else _C["overdue"] if p.overdue else _C["text"]
        _labels(c, ts, h, p.labels, text, g.font_size)


def in_order(milestones: Iterable[Milestone]) -> list[Milestone]:
    """By due date, undated last; the same day (or none) in the list's own order."""
    items = list(enumerate(milestones))
    return [m for _, m in sorted(items, key=lambda im: (im[1].due is None, im[1].due or dt.date.min, im[0]))]


def story(ctx: StoryContext) -> list[Flowable]:
    d, ts, today = ctx.diagram, ctx.ts, ctx.today
    milestones: list[Milestone] = list(d.items("milestones"))
    if not milestones:
        return []
    g = timeline_geometry(d, ctx.width, today, font_size=FONT_SIZE)
    n_done = sum(1 for m in milestones if m.done is not None)
    n_late = sum(1 for m in milestones if m.done is None and m.due is not None and m.due < today)
    n = len(milestones)
    horizon = d.info.horizon.strip()
    over = f"over the plan's horizon, {ts.markup(horizon)}" if horizon else "over the years they are due in"
    legend = (
        f'<font color="{TIMELINE_COLOURS["open"]}">◆</font> open, '
        f'<font color="{TIMELINE_COLOURS["done"]}">◆</font> done, '
        f'<font color="{TIMELINE_COLOURS["overdue"]}">◆</font> overdue '
        f'(not done by {fmt_date(today)}), the <font color="{TIMELINE_COLOURS["today"]}">dashed line</font> today'
    )
    intro = (
        f"{n} item{'s' if n != 1 else ''} on the checklist, {n_done} done and {n_late} overdue. Each one with a "
        f"due date is on the timeline {over}, in the lane of the primary driver it serves: {legend}."
    )
    return [
        CondPageBreak(SECTION_START),
        Heading(heading("timeline"), H1, heading("timeline"), key="timeline"),
        Paragraph(intro, INTRO),
        Spacer(1, 4),
        TimelinePart(g, ts),
        Spacer(1, 10),
        _checklist(d, in_order(milestones), ts, ctx.width, today),
    ]


def _checklist(d: Diagram, items: list[Milestone], ts: Typesetter, width: float, today: dt.date) -> PagedTable:
    rows: list[Row] = []
    muted = (("TEXTCOLOR", (0, 0), (-1, 0), MUTED),)
    for m in items:
        if m.done is not None:
            status = Cell(f"Done {fmt_date(m.done)}", CELL_MUTED)
        elif m.due is not None and m.due < today:
            status = Cell(f'<font color="{OPEN_HEX}"><b>Overdue</b></font>', CELL)
        else:
            status = Cell("Open", CELL)
        what = [Cell(ts.markup(m.title) or "(untitled)", CELL)]
        if m.notes.strip():  # (the compact lists only dates and titles: the rest is printed here)
            what.append(Cell(ts.markup(m.notes.strip()), CELL_MUTED))
        cells = [
            what,
            KIND_WORD[m.kind],
            Cell(ts.markup(m.owner) or "–", CELL),
            fmt_date(m.due) or "No date",
            status,
            Cell(node_title(d, m.node_id, ts) if m.node_id else "The whole plan", CELL),
        ]
        rows.append(Row(cells, muted if m.done is not None else ()))
    widths = _widths(width, {1: 62, 2: 70, 3: 64, 4: 84}, {0: 0.55, 5: 0.45})
    head = [Cell(h, HEAD) for h in ("What", "Kind", "Owner", "Due", "Status", "Serves")]
    return PagedTable(head, rows, widths, _table_style([]))

"""The geometry of the milestones' timeline: a Gantt-style strip over the plan's horizon,
one lane per primary driver, that the app (ui/timeline_view.py) and the PDF
(export/pdf_timeline.py) paint without computing anything.

Units and axes as in the rest of the layout: points, y grows downwards, (0, 0) is the
strip's top-left corner; the strip is `width` wide and as tall as its lanes need
(`height`). Text is measured with the bundled font at `font_size`; a label's `x` is the
left end of its text and `baseline` its baseline.

The time axis runs from 1 January of the horizon's first year (`info.horizon`, "2026–2030")
to the end of its last, widened to whole years to take in every due date and today; with
no horizon it is the span of the due dates, padded to whole years. A milestone is a
diamond at its due date, in the lane of the primary driver it serves (its node, followed
up through its parents; the outcome, a node no driver leads to, or none: "The whole
plan"), its title beside it — wrapped to two lines at most and cut with "…" — on the right,
or on the left near the end of the axis. Labels never overlap: a milestone whose diamond
and label would touch another's goes to the next row of its lane. Milestones without a
due date are not drawn; `undated` lists them and a note under the strip names them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from typing import Literal

from ..model.diagram import Diagram
from ..model.errors import DiagramError
from ..model.schema import Milestone, NodeKind
from .chart_types import Label, Rect
from .fonts import metrics
from .text import wrap

__all__ = [
    "TIMELINE_COLOURS",
    "WHOLE_PLAN",
    "Label",
    "Lane",
    "Point",
    "Rect",
    "Tick",
    "TimelineGeometry",
    "parse_horizon",
    "primary_driver",
    "timeline_geometry",
]

WHOLE_PLAN = "The whole plan"
ELLIPSIS = "…"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LABEL_LINES = 2  # a milestone's title wraps to at most this many lines, then is cut
TITLE_LINES = 3  # a lane's title likewise
YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)

# Shared by the app and the PDF (as layout/style.py's colours are).
TIMELINE_COLOURS: dict[str, str] = {
    "open": "#2E75B6",  # a milestone still to do
    "open_fill": "#DEEAF6",
    "done": "#2E7D32",
    "overdue": "#C00000",
    "today": "#C55A11",
    "grid": "#D0D0D0",
    "grid_minor": "#EBEBEB",
    "axis": "#595959",
    "text": "#262626",
    "muted": "#6B6B6B",
    "band": "#F3F6FA",
}

State = Literal["open", "done", "overdue"]


@dataclass(frozen=True)
class Tick:
    """A gridline down the lanes at `when` (1 January for a year, else a quarter's start)."""

    when: date
    x: float
    top: float
    bottom: float
    major: bool  # a year (a quarter when False)


@dataclass(frozen=True)
class Lane:
    key: str  # the primary driver's id, "" for the whole plan
    title: tuple[Label, ...]
    band: Rect  # the lane across the whole strip, its title included
    shaded: bool  # every other lane is shaded, to follow a row across


@dataclass(frozen=True)
class Point:
    """One milestone: a diamond centred on (x, y), `r` from its centre to each corner."""

    id: str
    node_id: str | None
    lane: int
    row: int
    due: date
    x: float
    y: float
    r: float
    state: State
    labels: tuple[Label, ...]
    box: Rect  # the diamond and its label together: no two points' boxes overlap

    @property
    def done(self) -> bool:
        return self.state == "done"

    @property
    def overdue(self) -> bool:
        return self.state == "overdue"

    def diamond(self) -> tuple[tuple[float, float], ...]:
        x, y, r = self.x, self.y, self.r
        return ((x, y - r), (x + r, y), (x, y + r), (x - r, y))


@dataclass(frozen=True)
class TimelineGeometry:
    width: float
    height: float
    font_size: float
    start: date  # the left end of the axis (a 1 January)
    end: date  # its right end (the 1 January after the last year)
    plot: Rect  # where time runs: from the axis down to the last lane
    axis_y: float
    ticks: tuple[Tick, ...]
    time_labels: tuple[Label, ...]  # years (and quarters' months) above the axis
    lanes: tuple[Lane, ...]
    points: tuple[Point, ...]
    today: date
    today_x: float
    today_label: Label
    undated: tuple[str, ...]  # ids of the milestones without a due date, not drawn
    notes: tuple[Label, ...]  # under the strip: what is not drawn, or that nothing is

    def x_of(self, when: date) -> float:
        span = (self.end - self.start).days
        return self.plot.x + (when - self.start).days / span * self.plot.w

    def point_at(self, x: float, y: float, slop: float = 2.0) -> Point | None:
        """The milestone whose diamond or label is at (x, y), if any."""
        for p in self.points:
            b = p.box
            if b.x - slop <= x <= b.right + slop and b.y - slop <= y <= b.bottom + slop:
                return p
        return None

    def point(self, milestone_id: str) -> Point | None:
        return next((p for p in self.points if p.id == milestone_id), None)


# ------------------------------------------------------------------ the horizon
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def parse_horizon(text: str) -> tuple[int, int] | None:
    """The first and last year of a horizon: "2026–2030", "2026-2030", "2026 to 2030" (one
    year alone: that year); None when it names no year."""
    years = [int(y) for y in _YEAR.findall(text or "") if 1000 <= int(y) <= 9998]
    if not years:
        return None
    return min(years[0], years[-1]), max(years[0], years[-1])


def primary_driver(d: Diagram, node_id: str | None) -> str | None:
    """The primary driver a node serves: itself, or the first one reached going up its
    parents in the user's order (an anti-driver: through the node it hinders); None for
    the outcome, a node no driver leads to, or no node."""
    seen: set[str] = set()
    frontier = [node_id] if node_id is not None and node_id in d else []
    while frontier:
        nxt: list[str] = []
        for nid in frontier:
            if nid in seen:
                continue
            seen.add(nid)
            node = d.node(nid)
            if node.kind is NodeKind.PRIMARY:
                return nid
            if node.kind is NodeKind.ANTI_DRIVER:
                with suppress(DiagramError):  # one that hinders nothing serves no driver
                    nxt.append(d.target(nid).id)
            else:
                nxt += [p.id for p in d.parents(nid)]
        frontier = nxt
    return None


# ------------------------------------------------------------------ text
class _Font:
    """The bundled font at one size: measuring, placing and cutting lines."""

    def __init__(self, size: float) -> None:
        m = metrics()
        self.size = size
        self.ascent = m.ascent * size / m.units_per_em
        self.descent = m.descent * size / m.units_per_em

    @property
    def line_h(self) -> float:
        return self.size * 1.3

    def width(self, text: str) -> float:
        return metrics().width(text, self.size)

    def baseline(self, top: float) -> float:
        """The baseline of a line whose line box starts at `top`."""
        return top + (self.line_h - self.ascent - self.descent) / 2 + self.ascent

    def cut(self, text: str, room: float) -> str:
        if self.width(text) <= room:
            return text
        while text and self.width(text.rstrip() + ELLIPSIS) > room:
            text = text[:-1]
        return text.rstrip() + ELLIPSIS if text.strip() else ""

    def lines(self, text: str, room: float, most: int) -> tuple[str, ...]:
        """`text` on at most `most` lines within `room`, the last cut with "…" if need be."""
        flat = " ".join(text.split())
        lines = list(wrap(flat, room, self.size)[0])
        if len(lines) > most:
            lines = lines[:most]
            lines[-1] = self.cut(lines[-1] + ELLIPSIS, room)
        return tuple(line for line in lines if line) or ("",)


# ------------------------------------------------------------------ the strip
def _span(d: Diagram, dated: list[Milestone], today: date) -> tuple[date, date]:
    years = [m.due.year for m in dated if m.due is not None] + [today.year]
    horizon = parse_horizon(d.info.horizon)
    if horizon is not None:
        years += list(horizon)
    first, last = min(years), min(max(years), 9998)
    return date(first, 1, 1), date(last + 1, 1, 1)


def _state(m: Milestone, today: date) -> State:
    if m.done is not None:
        return "done"
    return "overdue" if m.due is not None and m.due < today else "open"


def timeline_geometry(d: Diagram, width: float, today: date, *, font_size: float = 8.0) -> TimelineGeometry:
    """The timeline of `d`'s milestones, `width` wide, with `today` marked."""
    if width <= 0 or font_size <= 0:
        raise ValueError("a timeline needs a positive width and font size")
    f = _Font(font_size)
    pad = font_size * 0.45
    lh = f.line_h
    milestones: list[Milestone] = list(d.items("milestones"))
    dated = [m for m in milestones if m.due is not None]
    start, end = _span(d, dated, today)

    title_w = min(max(width * 0.2, 7 * font_size), 15 * font_size, width * 0.4)
    r = font_size * 0.5
    x0 = title_w + pad * 2
    x1 = max(width - r - 1, x0 + 1)
    plot_w = x1 - x0
    span_days = (end - start).days

    def x_of(when: date) -> float:
        return x0 + (when - start).days / span_days * plot_w

    # the time labels: years (every `step` years when they are narrow), quarters when roomy
    years = list(range(start.year, end.year))
    year_w = plot_w / len(years)
    step = next((s for s in YEAR_STEPS if s * year_w >= f.width("8888") + 2 * pad), YEAR_STEPS[-1])
    quarters = step == 1 and len(years) <= 3 and year_w / 4 >= f.width("Oct") + 2 * pad
    axis_y = pad + lh + (lh if quarters else 0.0) + pad / 2
    labels: list[Label] = []
    marks: list[tuple[date, bool]] = []
    for year in years:
        if (year - start.year) % step:
            continue
        left = x_of(date(year, 1, 1))
        right = x_of(date(min(year + step, 9999), 1, 1)) if year + step <= 9999 else x1
        text = str(year)
        w = f.width(text)
        lx = left + ((right - left) - w) / 2 if step == 1 else left + pad / 2
        labels.append(Label(text, max(x0, min(lx, x1 - w)), f.baseline(pad), w))
        marks.append((date(year, 1, 1), True))
        if quarters:
            for month in (1, 4, 7, 10):
                q = date(year, month, 1)
                if month != 1:
                    marks.append((q, False))
                mw = f.width(MONTHS[month - 1])
                labels.append(Label(MONTHS[month - 1], x_of(q) + pad / 2, f.baseline(pad + lh), mw))
        elif step == 1 and len(years) <= 6 and year_w / 4 >= 6:
            marks += [(date(year, m, 1), False) for m in (4, 7, 10)]
    marks.append((end, True))

    # the lanes: the whole plan first, then the primary drivers in the user's order
    lane_of: dict[str, str] = {m.id: primary_driver(d, m.node_id) or "" for m in dated}
    keys = [""] + [n.id for n in d.nodes(NodeKind.PRIMARY)]
    keys = [k for k in keys if k in lane_of.values()]
    label_w = min(max(plot_w * 0.4, 10 * font_size), 24 * font_size)
    lanes: list[Lane] = []
    points: list[Point] = []
    top = axis_y
    for i, key in enumerate(keys):
        title = WHOLE_PLAN if not key else (d.node(key).text.strip() or "(no text yet)")
        title_lines = f.lines(title, title_w, TITLE_LINES)
        items = sorted((m for m in dated if lane_of[m.id] == key), key=lambda m: (m.due, m.title, m.id))
        placed = _rows(items, f, x_of, x0, r, pad, label_w, width)
        row_lines: dict[int, int] = {}
        for pl in placed:
            row_lines[pl.row] = max(row_lines.get(pl.row, 1), len(pl.lines))
        row_tops: list[float] = []
        y = top + pad
        for row in range(len(row_lines)):
            row_tops.append(y)
            y += row_lines[row] * lh
        lane_h = max(y - top - pad, len(title_lines) * lh) + 2 * pad
        for pl in placed:
            m, row_top = pl.milestone, row_tops[pl.row]
            assert m.due is not None
            cy = row_top + lh / 2
            base = f.baseline(row_top)
            labs = tuple(Label(t, pl.x, base + j * lh, f.width(t)) for j, t in enumerate(pl.lines))
            box_top, box_bottom = min(cy - r, row_top), max(cy + r, row_top + len(pl.lines) * lh)
            box = Rect(pl.left, box_top, pl.right - pl.left, box_bottom - box_top)
            state = _state(m, today)
            points.append(Point(m.id, m.node_id, i, pl.row, m.due, x_of(m.due), cy, r, state, labs, box))
        title_labs = tuple(Label(t, pad, f.baseline(top + pad + j * lh), f.width(t)) for j, t in enumerate(title_lines))
        lanes.append(Lane(key, title_labs, Rect(0.0, top, width, lane_h), i % 2 == 1))
        top += lane_h
    bottom = max(top, axis_y + lh + 2 * pad)  # no lanes: room for the "today" line all the same
    ticks = tuple(Tick(when, x_of(when), axis_y, bottom, major) for when, major in marks)

    today_x = x_of(today)
    tw = f.width("Today")
    today_label = Label("Today", max(x0, min(today_x - tw / 2, width - tw)), f.baseline(bottom + pad / 2), tw)
    y = bottom + pad / 2 + lh
    undated = tuple(m.id for m in milestones if m.due is None)
    notes: list[Label] = []
    note = ""
    if not milestones:
        note = "No milestones yet."
    elif not dated:
        note = "No milestone has a due date yet, so none is on the timeline."
    if undated:
        titles = "; ".join(" ".join(m.title.split()) or "(untitled)" for m in milestones if m.due is None)
        note = (note + " " if note else "") + f"Not on the timeline (no due date): {titles}"
    if note:
        for t in f.lines(note, width - pad, 2):
            notes.append(Label(t, pad / 2, f.baseline(y), f.width(t)))
            y += lh
    plot = Rect(x0, axis_y, plot_w, bottom - axis_y)
    return TimelineGeometry(
        width, y + pad / 2, font_size, start, end, plot, axis_y, ticks, tuple(labels), tuple(lanes),
        tuple(points), today, today_x, today_label, undated, tuple(notes),
    )  # fmt: skip


@dataclass(frozen=True)
class _Placed:
    row: int
    milestone: Milestone
    lines: tuple[str, ...]
    x: float  # the label's left end
    left: float  # the diamond and the label together
    right: float


def _rows(
    items: list[Milestone], f: _Font, x_of: Callable[[date], float], x0: float, r: float, pad: float,
    label_w: float, width: float,
) -> list[_Placed]:  # fmt: skip
    """Each milestone's row and label: the title right of its diamond (left of it when the
    right has no room), in the first row where it clears what is there by a gap."""
    ends: list[float] = []  # the right end of what each row holds so far
    out: list[_Placed] = []
    gap = pad * 1.5
    for m in items:
        assert m.due is not None
        cx = x_of(m.due)
        title = m.title or "(untitled)"
        right_room = width - (cx + r + pad)
        left_room = cx - r - pad - x0
        lines = f.lines(title, label_w, LABEL_LINES)
        lw = max(f.width(t) for t in lines)
        if lw <= right_room:
            lx = cx + r + pad
        elif lw <= left_room:
            lx = cx - r - pad - lw
        else:  # too narrow either way: the roomier side, wrapped to it
            room = max(right_room, left_room, 2 * f.size)
            lines = f.lines(title, room, LABEL_LINES)
            lw = max(f.width(t) for t in lines)
            lx = cx + r + pad if right_room >= left_room else cx - r - pad - lw
        left, right = min(cx - r, lx), max(cx + r, lx + lw)
        row = next((i for i, e in enumerate(ends) if e + gap <= left), len(ends))
        if row == len(ends):
            ends.append(right)
        else:
            ends[row] = right
        out.append(_Placed(row, m, lines, lx, left, right))
    return out

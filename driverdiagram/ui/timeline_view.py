"""The milestones' timeline, painted from the layout's `TimelineGeometry`
(layout/timeline.py) as the PDF paints it (export/pdf_timeline.py).

The view asks for the geometry once per change of the milestones, the diagram (lanes
follow its primary drivers), its horizon, or the view's width — never per paint — and is
as tall as the geometry says (it lives in a scroll area). Hovering a milestone shows its
title, due date and owner; clicking it says so with `milestone_clicked` (the feature
selects its node and its row in the checklist).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPolygonF, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..layout.style import palette as colours_for
from ..layout.timeline import TIMELINE_COLOURS, Label, Point, TimelineGeometry, timeline_geometry
from ..model import Change, ChangeKind, Milestone
from .document import Document
from .fonts import text_font
from .items import draw_lines
from .theme import is_dark

_C = {name: QColor(hex_) for name, hex_ in TIMELINE_COLOURS.items()}  # shared with the PDF
_DARK = {name: QColor(hex_) for name, hex_ in colours_for(dark=True).timeline.items()}  # on a dark screen
FONT_SIZE = 10.5  # the timeline's text, in pixels (the layout's points, painted 1:1)
MARGIN = 6


def point_tip(m: Milestone, p: Point | None) -> str:
    """What hovering a milestone says: its title, when it is due, whose it is, its state."""
    due = f"{m.due.day} {m.due:%B %Y}" if m.due else "no due date"
    lines = [m.title or "(untitled)", f"Due {due}" + (f" · {m.owner}" if m.owner else "")]
    if m.done is not None:
        lines.append(f"Done {m.done.day} {m.done:%B %Y}")
    elif p is not None and p.overdue:
        lines.append("Overdue")
    return "\n".join(lines)


class TimelineView(QWidget):
    milestone_clicked = Signal(str)  # a milestone id

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.clock: Callable[[], dt.date] = dt.date.today  # what "today" is (tests set it)
        self.geometry_now: TimelineGeometry | None = None  # what is painted
        self.current: str | None = None  # the milestone marked as the checklist's current row
        self.hovered: str | None = None
        self.computed = 0
        self._key: tuple | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(240)
        document.changed.connect(self._on_change)
        document.replaced.connect(self.refresh)
        self.refresh()

    # ---------------------------------------------------------------- reading
    def _on_change(self, change: Change) -> None:
        if "milestones" in change.collections or change.touches_geometry or ChangeKind.INFO in change.kinds:
            self.refresh()  # the milestones, the lanes (primary drivers) or the horizon

    def refresh(self) -> None:
        """Compute the geometry again (the diagram or the day changed)."""
        self._key = None
        self._compute()

    def _compute(self) -> None:
        width = max(self.width(), self.minimumWidth()) - 2 * MARGIN
        today = self.clock()
        d = self.document.diagram
        key = (id(d), d.revision, width, today)
        if key == self._key:
            return
        self._key = key
        self.geometry_now = timeline_geometry(d, float(width), today, font_size=FONT_SIZE)
        self.computed += 1
        height = int(self.geometry_now.height + 2 * MARGIN + 1)
        if height != self.height():
            self.setFixedHeight(height)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, self.height())

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        if e.size().width() != e.oldSize().width():
            self._compute()

    def set_current(self, milestone_id: str | None) -> None:
        if milestone_id != self.current:
            self.current = milestone_id
            self.update()

    # ------------------------------------------------------------ the mouse
    def point_at(self, pos: QPointF) -> Point | None:
        g = self.geometry_now
        return g.point_at(pos.x() - MARGIN, pos.y() - MARGIN) if g is not None else None

    def centre_of(self, milestone_id: str) -> QPointF | None:
        """Where a milestone's diamond is painted, in the view's coordinates."""
        p = self.geometry_now.point(milestone_id) if self.geometry_now is not None else None
        return QPointF(p.x + MARGIN, p.y + MARGIN) if p is not None else None

    def _milestone(self, milestone_id: str) -> Milestone | None:
        return next((m for m in self.document.diagram.items("milestones") if m.id == milestone_id), None)

    def mouseMoveEvent(self, e: QMouseEvent) -> None:
        p = self.point_at(e.position())
        hovered = p.id if p is not None else None
        if hovered != self.hovered:
            self.hovered = hovered
            self.setCursor(Qt.CursorShape.PointingHandCursor if p else Qt.CursorShape.ArrowCursor)
            self.update()
        m = self._milestone(p.id) if p is not None else None
        if m is not None:
            QToolTip.showText(e.globalPosition().toPoint(), point_tip(m, p), self)
        else:
            QToolTip.hideText()
        super().mouseMoveEvent(e)

    def leaveEvent(self, e: QEvent) -> None:
        self.hovered = None
        self.update()
        super().leaveEvent(e)

    def mousePressEvent(self, e: QMouseEvent) -> None:
        p = self.point_at(e.position())
        if p is not None and e.button() == Qt.MouseButton.LeftButton:
            self.milestone_clicked.emit(p.id)
            return
        super().mousePressEvent(e)

    # ------------------------------------------------------------ painting
    def paintEvent(self, e: QPaintEvent) -> None:
        g = self.geometry_now
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor(colours_for(is_dark()).ground))
        if g is not None:
            p.translate(MARGIN, MARGIN)
            paint_timeline(p, g, self.current, self.hovered, QRectF(e.rect()).translated(-MARGIN, -MARGIN))
        p.end()


def _pen(colour: QColor, width: float, dash: Iterable[float] = ()) -> QPen:
    pen = QPen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    dash = list(dash)
    if dash:
        pen.setDashPattern(dash)
    return pen


def _labels(p: QPainter, labels: Iterable[Label], colour: QColor, size: float) -> None:
    p.setPen(colour)
    for lab in labels:
        draw_lines(p, text_font(), [lab.text], lab.x, lab.baseline, 0, size)


def paint_timeline(
    p: QPainter,
    g: TimelineGeometry,
    current: str | None = None,
    hovered: str | None = None,
    exposed: QRectF | None = None,
) -> None:
    """Paint `g` with its top-left corner at the painter's origin (of its milestones, those
    in `exposed`, the part of the view to paint: a long timeline scrolls)."""
    c = _DARK if is_dark() else _C
    ground = QColor(colours_for(is_dark()).ground)
    size = g.font_size
    top, bottom = (exposed.top() - size, exposed.bottom() + size) if exposed is not None else (0.0, g.height)
    p.setPen(Qt.PenStyle.NoPen)
    for lane in g.lanes:
        if lane.shaded:
            b = lane.band
            p.fillRect(QRectF(b.x, b.y, b.w, b.h), c["band"])
    for t in g.ticks:
        p.setPen(_pen(c["grid"] if t.major else c["grid_minor"], 1.0))
        p.drawLine(QPointF(t.x, t.top), QPointF(t.x, t.bottom))
    p.setPen(_pen(c["axis"], 1.0))
    p.drawLine(QPointF(g.plot.x, g.axis_y), QPointF(g.plot.right, g.axis_y))
    _labels(p, g.time_labels, c["text"], size)
    _labels(p, [lab for lane in g.lanes for lab in lane.title if top <= lab.baseline <= bottom + size], c["text"], size)
    p.setPen(_pen(c["today"], 1.5, (4, 3)))
    p.drawLine(QPointF(g.today_x, g.axis_y), QPointF(g.today_x, g.plot.bottom))
    _labels(p, [g.today_label], c["today"], size)
    for pt in g.points:
        if pt.box.bottom < top or pt.box.y > bottom:
            continue
        colour = c["overdue"] if pt.overdue else c["done"] if pt.done else c["open"]
        fill = colour if pt.state != "open" else c["open_fill"]
        if pt.id in (current, hovered):
            p.setPen(_pen(colour, 1.0))
            p.setBrush(Qt.BrushStyle.NoBrush)
            b = pt.box
            p.drawRoundedRect(QRectF(b.x - 2, b.y - 1, b.w + 4, b.h + 2), 3, 3)
        p.setPen(_pen(colour, 1.4))
        p.setBrush(fill)
        p.drawPolygon(QPolygonF([QPointF(x, y) for x, y in pt.diamond()]))
        under = c["band"] if g.lanes[pt.lane].shaded else ground  # the label clear of the lines
        for lab in pt.labels:
            p.fillRect(QRectF(lab.x - 1, lab.baseline - 0.95 * size, lab.w + 2, 1.2 * size), under)
        text = c["muted"] if pt.done else c["overdue"] if pt.overdue else c["text"]
        _labels(p, pt.labels, text, size)
    p.setBrush(Qt.BrushStyle.NoBrush)
    _labels(p, g.notes, c["muted"], size)

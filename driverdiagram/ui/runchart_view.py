"""A measure's run chart, painted from the layout's `ChartGeometry`.

The view reads the measure (`set_measure`), analyses it (model/runchart.py) and asks the
layout for the chart's geometry at its own size (layout/runchart.py) — once per change of
what the chart shows or of its size, never per paint. `paintEvent` only paints: values in
time order, the median (dashed where it is carried on past a baseline period), the
target, change markers, the points of a shift or trend filled orange, and below the chart
a few words saying what the run-chart rules read in it.

Change markers and a baseline period are read with getattr (`markers`, `baseline_points`):
the schema does not have them yet; the chart shows them once it does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..layout.runchart import ChartGeometry, Label, chart_geometry, runs_note
from ..layout.style import CHART_COLOURS
from ..layout.style import palette as colours_for
from ..model.runchart import RunChartAnalysis, analyse
from .fonts import text_font
from .items import draw_lines
from .theme import is_dark

_C = {name: QColor(hex_) for name, hex_ in CHART_COLOURS.items()}  # shared with the PDF (layout/style.py)
LINE, MEDIAN, MEDIAN_SIGNAL, TARGET = _C["line"], _C["median"], _C["median_signal"], _C["target"]
SIGNAL, SIGNAL_EDGE, MARKER = _C["signal"], _C["signal_edge"], _C["marker"]
AXIS, TEXT, FRAME = _C["axis"], _C["text"], _C["frame"]
_DARK = {name: QColor(hex_) for name, hex_ in colours_for(dark=True).chart.items()}  # on a dark screen

FONT_SIZE = 10.5  # the chart's labels, in pixels (the layout's points, painted 1:1)
GAP = 4
MARGIN = 6  # around the chart, inside its white frame


def chart_markers(measure) -> list[tuple[dt.date, str]]:
    """The measure's change markers as (date, text), if the schema has them yet."""
    out = []
    for m in getattr(measure, "markers", ()) or ():
        if isinstance(m, tuple):
            when, text = m[0], (m[1] if len(m) > 1 else "")
        else:
            when, text = m.date, getattr(m, "text", "") or getattr(m, "label", "")
        out.append((when, str(text or "")))
    return out


def baseline_points(measure) -> int | None:
    """How many first points fix the median, if the schema has that yet (None: all)."""
    value = getattr(measure, "baseline_points", None)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else None


class RunChartView(QWidget):
    """Paints one measure's run chart at the width the panel gives it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.measure = None
        self.analysis: RunChartAnalysis | None = None
        self.chart: ChartGeometry | None = None  # what is painted now
        self.note = ""
        self.computed = 0  # how many times the geometry was computed (tests: not per paint)
        self.painted = 0
        self._key: tuple | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(200)
        self.setFixedHeight(self._chart_height(320) + self._note_height(""))

    # ------------------------------------------------------------- the data
    def set_measure(self, measure, rules: str = "ihi") -> None:
        """Show `measure` (None: nothing), read by `rules` ("ihi" or "anhoej"); recomputes
        only when what the chart shows changed."""
        self.measure = measure
        self.rules = rules
        self._compute()

    def _data_key(self) -> tuple | None:
        m = self.measure
        if m is None:
            return None
        return (
            tuple((p.date, p.value) for p in m.data),
            m.target,
            m.higher_is_better,
            tuple(chart_markers(m)),
            baseline_points(m),
            getattr(self, "rules", "ihi"),
        )

    def _compute(self) -> None:
        key = (self._data_key(), self.width())
        if key == self._key:
            return
        self._key = key
        m = self.measure
        if m is None:
            self.analysis, self.chart, self.note = None, None, ""
            self.update()
            return
        points = [(p.date, p.value) for p in m.data]
        baseline = baseline_points(m)
        rules = "anhoej" if getattr(self, "rules", "ihi") == "anhoej" else "ihi"
        self.analysis = analyse(points, rules=rules, baseline=baseline, higher_is_better=m.higher_is_better)
        self.note = runs_note(self.analysis)
        width = max(self.width(), self.minimumWidth())
        chart_h = self._chart_height(width)
        self.chart = chart_geometry(
            points,
            self.analysis,
            width=float(width - 2 * MARGIN),
            height=float(chart_h - 2 * MARGIN),
            target=m.target,
            markers=chart_markers(m),
            font_size=FONT_SIZE,
        )
        self.computed += 1
        total = chart_h + self._note_height(self.note)
        if total != self.height():
            self.setFixedHeight(total)  # a resize with the same width: nothing is computed again
        self.update()

    def _chart_height(self, width: int) -> int:
        return int(min(max(width * 0.55, 170), 260))

    def _note_rect(self) -> QRectF:
        top = self._chart_height(max(self.width(), self.minimumWidth())) + GAP
        return QRectF(2, top, max(self.width() - 4, 1), self.height() - top)

    def _note_height(self, note: str) -> int:
        fm = self.fontMetrics()
        if not note:
            return GAP + fm.height()
        rect = fm.boundingRect(0, 0, max(self.width() - 4, 100), 10_000, Qt.TextFlag.TextWordWrap, note)
        return GAP + rect.height() + 2

    def sizeHint(self) -> QSize:
        return QSize(320, self.height())

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        if e.size().width() != e.oldSize().width():
            self._compute()

    # ------------------------------------------------------------ painting
    def paintEvent(self, e: QPaintEvent) -> None:
        self.painted += 1
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        g = self.chart
        if g is not None:
            frame = QRectF(0.5, 0.5, g.width + 2 * MARGIN - 1, g.height + 2 * MARGIN - 1)
            c = _DARK if is_dark() else _C
            p.fillRect(frame, QColor(colours_for(is_dark()).ground))
            p.setPen(QPen(c["frame"], 1.0))
            p.drawRect(frame)
            p.save()
            p.translate(MARGIN, MARGIN)  # the geometry's (0, 0)
            _paint_chart(p, g)
            p.restore()
        if self.note:
            p.setPen(self.palette().windowText().color())
            p.setFont(self.font())
            p.drawText(self._note_rect(), Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft, self.note)
        p.end()


def _pen(colour: QColor, width: float, dash: Iterable[float] = ()) -> QPen:
    pen = QPen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    dash = list(dash)
    if dash:
        pen.setDashPattern(dash)
    return pen


def _labels(p: QPainter, labels: Iterable[Label | None], colour: QColor, size: float) -> None:
    p.setPen(colour)
    for lab in labels:
        if lab is not None:
            draw_lines(p, text_font(), [lab.text], lab.x, lab.baseline, 0, size)


def _paint_chart(p: QPainter, g: ChartGeometry) -> None:
    c = _DARK if is_dark() else _C
    size = g.font_size
    # the target and the median under the data
    if g.target is not None:
        p.setPen(_pen(c["target"], 1.5, (6, 3)))
        p.drawLine(QPointF(g.target.x0, g.target.y), QPointF(g.target.x1, g.target.y))
    median_colour = c["median_signal"] if g.median_signal else c["median"]
    for line in g.median:
        p.setPen(_pen(median_colour, 1.5, (4, 3) if line.extended else ()))
        p.drawLine(QPointF(line.x0, line.y), QPointF(line.x1, line.y))
    if g.baseline_end_x is not None:
        p.setPen(_pen(c["median"], 1.0, (1, 2)))
        p.drawLine(QPointF(g.baseline_end_x, g.plot.y), QPointF(g.baseline_end_x, g.plot.bottom))
    # change markers
    for m in g.markers:
        p.setPen(_pen(c["marker"], 1.2, (3, 2)))
        p.drawLine(QPointF(m.x, m.top), QPointF(m.x, m.bottom))
    # the axes, their ticks and labels
    p.setPen(_pen(c["axis"], 1.0))
    for a, b in g.axes:
        p.drawLine(QPointF(*a), QPointF(*b))
    for t in g.y_ticks:
        p.drawLine(QPointF(*t.mark[0]), QPointF(*t.mark[1]))
    for d in g.x_labels:
        p.drawLine(QPointF(*d.mark[0]), QPointF(*d.mark[1]))
    _labels(p, [t.label for t in g.y_ticks] + [d.label for d in g.x_labels], c["text"], size)
    _labels(p, [lab for m in g.markers for lab in m.labels], c["marker"], size)
    # the data
    if len(g.line) > 1:
        path = QPainterPath(QPointF(*g.line[0]))
        for xy in g.line[1:]:
            path.lineTo(QPointF(*xy))
        p.setPen(_pen(c["line"], 1.6))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(c["line"])
    for d in g.dots:
        if not d.signal:
            p.drawEllipse(QPointF(d.x, d.y), 2.6, 2.6)
    p.setPen(_pen(c["signal_edge"], 1.0))
    p.setBrush(c["signal"])
    for d in g.signal_dots:
        p.drawEllipse(QPointF(d.x, d.y), 4.0, 4.0)
    p.setBrush(Qt.BrushStyle.NoBrush)
    _labels(p, [g.median_label], median_colour, size)
    _labels(p, [g.target_label], c["target"], size)
    _labels(p, [g.message], c["text"], size)

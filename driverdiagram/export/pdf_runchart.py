"""Run charts on paper, painted from the layout's `ChartGeometry` exactly as the app paints
it (ui/runchart_view.py): the same colours, dashes and marks, nothing computed here.

`measure_chart` reads one measure as the app does (its points, the diagram's rules, its
baseline period and change markers); `paint_chart` draws a geometry on a reportlab canvas,
flipping the layout's downward y; `RunChart` is the small one in the measures table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from ..layout.runchart import ChartGeometry, Label, chart_geometry
from ..layout.style import CHART_COLOURS
from ..model.runchart import Rules, RunChartAnalysis, analyse
from ..model.schema import Measure
from .pdf_fonts import Typesetter

_C = {name: HexColor(hex_) for name, hex_ in CHART_COLOURS.items()}  # shared with the app (layout/style.py)
LINE, MEDIAN, MEDIAN_SIGNAL, TARGET = _C["line"], _C["median"], _C["median_signal"], _C["target"]
SIGNAL, SIGNAL_EDGE, MARKER = _C["signal"], _C["signal_edge"], _C["marker"]
AXIS, TEXT = _C["axis"], _C["text"]

APP_FONT = 10.5  # the app's chart font size: its pens and dots are sized for it


@dataclass(frozen=True)
class MeasureChart:
    """One measure as its run chart reads it."""

    points: tuple[tuple[date, float], ...]
    analysis: RunChartAnalysis
    target: float | None
    markers: tuple[tuple[date, str], ...]

    def geometry(self, width: float, height: float, font_size: float) -> ChartGeometry:
        return chart_geometry(
            self.points,
            self.analysis,
            width=width,
            height=height,
            target=self.target,
            markers=self.markers,
            font_size=font_size,
        )


def measure_chart(m: Measure, rules: Rules) -> MeasureChart:
    points = tuple((p.date, float(p.value)) for p in m.data)
    analysis = analyse(points, rules=rules, baseline=m.baseline_points, higher_is_better=m.higher_is_better)
    markers = tuple((mk.date, mk.text) for mk in m.markers)
    return MeasureChart(points, analysis, m.target, markers)


def paint_chart(c: Canvas, g: ChartGeometry, ts: Typesetter, *, scale: float | None = None, dots: bool = True) -> None:
    """Paint `g` with its top-left corner at the canvas's origin raised by `g.height` (a
    flowable's box). Pens and dots are the app's, scaled with the font (or by `scale`)."""
    k = g.font_size / APP_FONT if scale is None else scale
    h = g.height

    def line(
        x0: float, y0: float, x1: float, y1: float, colour: Color, width: float, dash: Iterable[float] = ()
    ) -> None:
        c.setStrokeColor(colour)
        c.setLineWidth(width * k)
        c.setDash([d * width * k for d in dash] if dash else [])
        c.line(x0, h - y0, x1, h - y1)

    c.saveState()
    c.setLineCap(0)  # flat, as the app's pens
    if g.target is not None:
        line(g.target.x0, g.target.y, g.target.x1, g.target.y, TARGET, 1.5, (6, 3))
    median_colour = MEDIAN_SIGNAL if g.median_signal else MEDIAN
    for m in g.median:
        line(m.x0, m.y, m.x1, m.y, median_colour, 1.5, (4, 3) if m.extended else ())
    if g.baseline_end_x is not None:
        line(g.baseline_end_x, g.plot.y, g.baseline_end_x, g.plot.bottom, MEDIAN, 1.0, (1, 2))
    for mk in g.markers:
        line(mk.x, mk.top, mk.x, mk.bottom, MARKER, 1.2, (3, 2))
    for a, b in g.axes:
        line(*a, *b, AXIS, 1.0)
    for t in g.y_ticks:
        line(*t.mark[0], *t.mark[1], AXIS, 1.0)
    for dl in g.x_labels:
        line(*dl.mark[0], *dl.mark[1], AXIS, 1.0)
    c.setDash([])
    _labels(c, ts, h, [t.label for t in g.y_ticks] + [d.label for d in g.x_labels], TEXT, g.font_size)
    _labels(c, ts, h, [lab for mk in g.markers for lab in mk.labels], MARKER, g.font_size)
    if len(g.line) > 1:
        path = c.beginPath()
        path.moveTo(g.line[0][0], h - g.line[0][1])
        for x, y in g.line[1:]:
            path.lineTo(x, h - y)
        c.setStrokeColor(LINE)
        c.setLineWidth(1.6 * k)
        c.setLineJoin(1)
        c.drawPath(path, stroke=1, fill=0)
    if dots:
        _dots(c, [(dot.x, h - dot.y) for dot in g.dots if not dot.signal], 2.6 * k, LINE)
    signal = [(dot.x, h - dot.y) for dot in g.signal_dots]
    _dots(c, signal, 4.0 * k + 0.5 * k, SIGNAL_EDGE)  # the edge: the app's 1-px pen on the circle
    _dots(c, signal, 4.0 * k - 0.5 * k, SIGNAL)
    _labels(c, ts, h, [g.median_label], median_colour, g.font_size)
    _labels(c, ts, h, [g.target_label], TARGET, g.font_size)
    _labels(c, ts, h, [g.message], TEXT, g.font_size)
    c.restoreState()


def _dots(c: Canvas, xys: list[tuple[float, float]], r: float, colour: Color) -> None:
    """Filled circles of radius `r`, as one path of round-capped strokes a hair long: the
    same disc as `circle`, at a fraction of the operators (30 points a chart, 100 charts)."""
    if not xys:
        return
    path = c.beginPath()
    for x, y in xys:
        path.moveTo(x, y)
        path.lineTo(x + 0.01, y)
    c.saveState()
    c.setDash([])
    c.setLineCap(1)
    c.setLineWidth(2 * r)
    c.setStrokeColor(colour)
    c.drawPath(path, stroke=1, fill=0)
    c.restoreState()


def _labels(c: Canvas, ts: Typesetter, h: float, labels: Iterable[Label | None], colour: Color, size: float) -> None:
    c.setFillColor(colour)
    for lab in labels:
        if lab is not None:
            ts.draw(c, lab.x, h - lab.baseline, lab.text, size)


class RunChart(Flowable):
    """The run chart small enough for a table cell: the same geometry as the full chart
    below the table (the median of the baseline period, signals marked orange), without
    axes or labels, which do not fit."""

    def __init__(self, chart: MeasureChart, ts: Typesetter, width: float = 52.0, height: float = 16.0) -> None:
        super().__init__()
        self.chart, self.ts = chart, ts
        self.width, self.height = width, height
        self._g: ChartGeometry | None = None

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        width = min(self.width, aw)
        if self._g is None or self._g.width != width:
            self._g = self.chart.geometry(width, self.height, 6.0)
        self.width = width
        return self.width, self.height + 6

    def draw(self) -> None:
        if self._g is not None:
            self.canv.translate(0, 3)
            paint_chart(self.canv, self._g, self.ts, scale=0.35, dots=False)

"""A run chart small enough for a table cell: the values in time order, their median and
the target, as practitioners read them (shifts and trends show at a glance)."""

from __future__ import annotations

import statistics

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable

from ..model.schema import Measure

LINE = HexColor("#1F4E79")
MEDIAN = HexColor("#7F7F7F")
TARGET = HexColor("#548235")


class RunChart(Flowable):
    """Values as a line over equal steps (time order, as a run chart is drawn), the median
    dashed grey, the target green; the latest value marked."""

    def __init__(self, measure: Measure, width: float = 52.0, height: float = 16.0) -> None:
        super().__init__()
        self.values = [p.value for p in measure.data]
        self.target = measure.target
        self.width, self.height = width, height

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = min(self.width, aw)
        return self.width, self.height + 6

    def draw(self) -> None:
        values = self.values
        if len(values) < 2:
            return
        c = self.canv
        median = statistics.median(values)
        span = [*values, median] + ([self.target] if self.target is not None else [])
        lo, hi = min(span), max(span)
        if hi - lo < 1e-9:
            lo, hi = lo - 1, hi + 1
        w, h = self.width - 2, self.height - 2

        def y(v: float) -> float:
            return 2 + (v - lo) / (hi - lo) * h

        def x(i: int) -> float:
            return 1 + i * w / (len(values) - 1)

        c.saveState()
        c.setLineWidth(0.5)
        c.setDash([1.5, 1.2])
        c.setStrokeColor(MEDIAN)
        c.line(0, y(median), self.width, y(median))
        if self.target is not None:
            c.setDash([])
            c.setStrokeColor(TARGET)
            c.line(0, y(self.target), self.width, y(self.target))
        c.setDash([])
        c.setStrokeColor(LINE)
        c.setLineWidth(0.8)
        path = c.beginPath()
        path.moveTo(x(0), y(values[0]))
        for i, v in enumerate(values[1:], 1):
            path.lineTo(x(i), y(v))
        c.drawPath(path, stroke=1, fill=0)
        c.setFillColor(LINE)
        c.circle(x(len(values) - 1), y(values[-1]), 1.3, stroke=0, fill=1)
        c.restoreState()

"""The pieces of a run chart's geometry (see runchart.py): plain frozen data the canvas and
the PDF paint; units, axes and conventions as there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

XY = tuple[float, float]


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass(frozen=True)
class Label:
    text: str
    x: float  # left end of the text
    baseline: float
    w: float

    @property
    def right(self) -> float:
        return self.x + self.w


@dataclass(frozen=True)
class Tick:
    """A value on the y axis: its mark left of the plot and its label, right-aligned."""

    value: float
    y: float
    mark: tuple[XY, XY]
    label: Label


@dataclass(frozen=True)
class DateLabel:
    """A date under the x axis, at point `index`."""

    index: int
    x: float
    mark: tuple[XY, XY]
    label: Label


@dataclass(frozen=True)
class Dot:
    index: int  # in the analysis's points (time order)
    x: float
    y: float
    signal: bool  # part of a shift, trend or long run: mark it


@dataclass(frozen=True)
class HLine:
    x0: float
    x1: float
    y: float
    extended: bool = False  # the median carried on past its baseline period


@dataclass(frozen=True)
class Marker:
    """A change marked on the chart: a vertical line from `top` to `bottom` at `x`, and its
    text wrapped (and cut with "…") to fit beside it; `labels` may be empty."""

    date: date
    text: str
    x: float
    top: float
    bottom: float
    labels: tuple[Label, ...]


@dataclass(frozen=True)
class ChartGeometry:
    width: float
    height: float
    font_size: float
    line_height: float
    plot: Rect  # the area inside the axes
    axes: tuple[tuple[XY, XY], ...]  # the y axis and the x axis (empty for a small chart)
    y_ticks: tuple[Tick, ...]
    x_labels: tuple[DateLabel, ...]
    line: tuple[XY, ...]  # the data, in time order
    dots: tuple[Dot, ...]
    median: tuple[HLine, ...]  # over the baseline period, then `extended` past it (or one line)
    median_label: Label | None
    median_signal: bool  # too few / too many runs or crossings: the median may be highlighted
    baseline_end_x: float | None  # where the baseline period ends (None: no baseline, or all of it)
    target: HLine | None
    target_label: Label | None
    markers: tuple[Marker, ...]
    message: Label | None  # "No data yet" on an empty chart
    y_min: float  # the values at the plot's bottom and top
    y_max: float

    @property
    def signal_dots(self) -> tuple[Dot, ...]:
        return tuple(d for d in self.dots if d.signal)

    def labels(self) -> list[Label]:
        """Every label on the chart (for tests and hit-testing)."""
        out = [t.label for t in self.y_ticks] + [d.label for d in self.x_labels]
        out += [lab for lab in (self.median_label, self.target_label, self.message) if lab is not None]
        for m in self.markers:
            out.extend(m.labels)
        return out

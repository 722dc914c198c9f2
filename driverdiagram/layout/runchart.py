"""The geometry of a run chart: every line, dot and label the canvas (Qt) and the PDF
(reportlab) paint, so that neither computes anything and both show the same chart.

Units and axes as in the rest of the layout (see geometry.py): points (1/72 inch), y grows
downwards, (0, 0) is the chart's top-left corner; the chart is `width` x `height`, its
labels included. Text is measured with the bundled font (fonts.py) at `font_size`; a
label's `x` is the left end of its text and `baseline` its baseline.

X positions follow time *order* with equal steps, not the calendar: a run chart is read in
time order (its rules count points, not days), and uneven collection dates would otherwise
bunch points up or leave gaps. Point i of n sits at the middle of the i-th of n equal
slots across the plot. A change marker (a PDSA cycle, a new routine) is drawn half-way
between the last point before its date and the first point on or after it, the plot's edge
standing in for a missing neighbour.

A chart too small for axes (a table cell, a badge) keeps its line, dots, median, target and
markers and drops the axes and every label.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..model.runchart import MIN_USEFUL, RunChartAnalysis
from .chart_types import ChartGeometry, DateLabel, Dot, HLine, Label, Marker, Rect, Tick
from .fonts import FontMetrics, metrics
from .text import wrap

__all__ = [
    "ChartGeometry",
    "DateLabel",
    "Dot",
    "HLine",
    "Label",
    "Marker",
    "Rect",
    "Tick",
    "chart_geometry",
    "runs_note",
]


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
TICK = 3.0  # length of a tick mark
PAD = 2.0  # between a line and its label
ELLIPSIS = "…"
MARKER_LINES = 2  # a change marker's label wraps to at most this many lines, then is cut


@dataclass(frozen=True)
class _Text:
    """The font at one size: measuring and placing labels."""

    m: FontMetrics
    size: float

    @property
    def ascent(self) -> float:
        return self.m.ascent * self.size / self.m.units_per_em

    @property
    def descent(self) -> float:
        return self.m.descent * self.size / self.m.units_per_em

    @property
    def below_axis(self) -> float:
        """From the x axis to the top of its date labels: past the tick marks and the lowest
        y label (centred on the axis)."""
        return max(TICK, (self.ascent + self.descent) / 2) + PAD

    def width(self, text: str) -> float:
        return self.m.width(text, self.size)

    def centred_on(self, y: float) -> float:
        """The baseline that centres a line of text vertically on y."""
        return y + (self.ascent - self.descent) / 2

    def cut(self, text: str, room: float) -> str:
        """`text` shortened with "…" to fit `room` ("" when not even that fits)."""
        if self.width(text) <= room:
            return text
        while text and self.width(text.rstrip() + ELLIPSIS) > room:
            text = text[:-1]
        text = text.rstrip()
        return text + ELLIPSIS if text else ""


def chart_geometry(
    points: Sequence[tuple[date, float]],
    analysis: RunChartAnalysis,
    *,
    width: float,
    height: float,
    target: float | None = None,
    markers: Sequence[tuple[date, str]] = (),
    font_size: float = 7.0,
) -> ChartGeometry:
    """The run chart of `points` (read by `analysis`, which must be of the same points) in a
    `width` x `height` rectangle, with the `target` line and change `markers`."""
    if width <= 0 or height <= 0 or font_size <= 0:
        raise ValueError("a chart needs a positive width, height and font size")
    pts = tuple(sorted(((d, float(v)) for d, v in points), key=lambda p: p[0]))
    if pts != analysis.points:
        raise ValueError("the analysis is of other points than the chart's")
    tx = _Text(metrics(), font_size)
    line_h = font_size * 1.25
    n = len(pts)
    values = [v for _, v in pts]
    median = analysis.median
    span = values + [v for v in (median, target) if v is not None]
    lo, hi = (min(span), max(span)) if span else (0.0, 1.0)
    changes = sorted(markers, key=lambda mk: mk[0]) if n else []  # no points, no time axis to mark
    with_text = any(text.strip() for _, text in changes)

    axes = height >= 5 * line_h and width >= 16 * font_size
    if axes:
        top = (tx.ascent + tx.descent) / 2
        bottom = tx.below_axis + tx.ascent + tx.descent + 1
        band_max = MARKER_LINES * line_h + PAD if with_text else 0.0
        ticks, decimals = _nice_ticks(lo, hi, _max_ticks(height - top - bottom - band_max, line_h)) if n else ([], 0)
        tick_texts = [_number(v, decimals) for v in ticks]
        left = max((tx.width(t) for t in tick_texts), default=0.0) + PAD + TICK + 1
        right, side_texts = _side_labels(tx, median, target, width)
        x0, x1 = left, width - right
        if x1 - x0 < 4 * font_size or height - top - bottom - band_max < 2 * line_h:
            axes = False
    if not axes:
        ticks, tick_texts, side_texts = [], [], {}
        x0, x1, top, bottom, band_max = 1.0, width - 1.0, 1.0, 1.0, 0.0
        with_text = False

    step = (x1 - x0) / n if n else 0.0
    xs = [x0 + (i + 0.5) * step for i in range(n)]
    marker_xs = [_marker_x(pts, xs, d, x0, x1) for d, _ in changes]

    band_lines = _band_lines(tx, changes, marker_xs, x1) if with_text else 0
    band = band_lines * line_h + PAD if band_lines else 0.0
    plot = Rect(x0, top + band, x1 - x0, max(height - top - band - bottom, 1.0))

    y_min = min([lo, *ticks[:1]])
    y_max = max([hi, *ticks[-1:]])
    if y_max - y_min <= 1e-12:
        y_min, y_max = y_min - 1.0, y_max + 1.0

    def y_of(v: float) -> float:
        return plot.bottom - (v - y_min) / (y_max - y_min) * plot.h

    y_ticks = tuple(
        Tick(
            v,
            y_of(v),
            ((plot.x - TICK, y_of(v)), (plot.x, y_of(v))),
            _right_aligned(tx, s, plot.x - TICK - PAD, y_of(v)),
        )
        for v, s in zip(ticks, tick_texts, strict=True)
    )
    signal = analysis.signal_indices
    line = tuple((x, y_of(v)) for x, v in zip(xs, values, strict=True))
    dots = tuple(Dot(i, x, y, i in signal) for i, (x, y) in enumerate(line))

    median_lines: tuple[HLine, ...] = ()
    baseline_end_x = None
    if median is not None:
        ym = y_of(median)
        b = analysis.baseline
        if b is not None and b < n:
            baseline_end_x = xs[b - 1] + step / 2
            median_lines = (HLine(plot.x, baseline_end_x, ym), HLine(baseline_end_x, plot.right, ym, extended=True))
        else:
            median_lines = (HLine(plot.x, plot.right, ym),)
    target_line = HLine(plot.x, plot.right, y_of(target)) if target is not None else None
    median_label, target_label = _place_side_labels(
        tx, side_texts, plot, line_h, None if median is None else y_of(median), None if target is None else y_of(target)
    )

    marker_top = top if band_lines else plot.y
    placed = _marker_labels(tx, changes, marker_xs, band_lines, plot, top, line_h) if band_lines else {}
    marks = tuple(
        Marker(d, text, x, marker_top, plot.bottom, placed.get(k, ()))
        for k, ((d, text), x) in enumerate(zip(changes, marker_xs, strict=True))
    )

    message = None
    if n == 0 and axes and tx.width("No data yet") <= plot.w:
        w = tx.width("No data yet")
        message = Label("No data yet", plot.x + (plot.w - w) / 2, tx.centred_on(plot.y + plot.h / 2), w)

    return ChartGeometry(
        width=width,
        height=height,
        font_size=font_size,
        line_height=line_h,
        plot=plot,
        axes=(((plot.x, plot.y), (plot.x, plot.bottom)), ((plot.x, plot.bottom), (plot.right, plot.bottom)))
        if axes
        else (),
        y_ticks=y_ticks,
        x_labels=_date_labels(tx, pts, xs, plot, width) if axes else (),
        line=line,
        dots=dots,
        median=median_lines,
        median_label=median_label,
        median_signal=analysis.runs is not None and analysis.runs.signal is not None,
        baseline_end_x=baseline_end_x,
        target=target_line,
        target_label=target_label,
        markers=marks,
        message=message,
        y_min=y_min,
        y_max=y_max,
    )


# ---- what the rules read ------------------------------------------------------------


def runs_note(analysis: RunChartAnalysis) -> str:
    """What the run-chart rules read in the chart, in the users' words: one source for the
    app's chart (ui/runchart_view.py) and the PDF's (export/pdf_charts.py)."""
    pts = analysis.points
    if not pts:
        return "Type dated values in the table above, or paste them from a spreadsheet."
    one_year = pts[0][0].year == pts[-1][0].year
    parts = []
    last = len(pts) - 1
    for s in analysis.signals:
        when = f"{date_text(s.start, one_year)} – {date_text(s.end, one_year)}"
        n = len(s.indices)
        if s.rule == "trend":
            text = f"Trend: {n} points going {s.direction}, {when}"
        else:
            name = "Shift" if s.rule == "shift" else "Long run"
            text = f"{name}: {n} points {s.direction} the median, {when}"
        if s.indices[-1] == last:  # where the measure stands now: say which way that is
            text += ", the way you want it to go" if s.favourable else ", the wrong way"
        parts.append(text + ".")
    runs = analysis.runs
    if runs is None:
        if analysis.useful < MIN_USEFUL:
            parts.append(f"The runs test needs {MIN_USEFUL} points off the median ({analysis.useful} so far).")
    elif runs.test == "crossings":
        if runs.signal:
            parts.append(f"Too few crossings of the median: {runs.count} (fewer than {runs.lower} is unusual).")
        else:
            parts.append(f"{runs.count} crossings of the median: no signal.")
    elif runs.signal == "too_few":
        parts.append(f"Too few runs: {runs.count} (expected {runs.lower}–{runs.upper}): a sign of change.")
    elif runs.signal == "too_many":
        parts.append(f"Too many runs: {runs.count} (expected {runs.lower}–{runs.upper}): the data may alternate.")
    else:
        parts.append(f"{runs.count} runs, within the expected {runs.lower}–{runs.upper}.")
    if not analysis.has_signal and len(pts) > 1:
        parts.insert(0, "No signal yet: the variation looks random.")
    return " ".join(parts)


# ---- the y axis -------------------------------------------------------------------------


def _max_ticks(plot_h: float, line_h: float) -> int:
    """As many ticks as leave 1.6 lines between labels (2 to 10)."""
    return max(2, min(10, int(plot_h // (1.6 * line_h)) + 1))


def _nice_ticks(lo: float, hi: float, max_ticks: int) -> tuple[list[float], int]:
    """Round values 1, 2, 2.5 or 5 x 10^e apart, from at or below `lo` to at or above `hi`,
    at most `max_ticks` of them; and the decimals their labels need."""
    if hi - lo <= 1e-6 * max(1.0, abs(lo), abs(hi)):  # flat (for numbers people type)
        pad = abs(hi) * 0.1 if abs(hi) >= 1e-3 else 1.0
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / (max_ticks - 1)
    e = math.floor(math.log10(raw))
    while True:
        for mult in (1.0, 2.0, 2.5, 5.0):
            step = mult * 10.0**e
            if step < raw * (1 - 1e-9):
                continue
            first, last = math.floor(lo / step + 1e-9), math.ceil(hi / step - 1e-9)
            if last - first + 1 <= max_ticks:
                decimals = max(0, -e + (1 if mult == 2.5 else 0))
                return [round(k * step, decimals) for k in range(first, last + 1)], decimals
        e += 1


def _number(v: float, decimals: int) -> str:
    text = f"{v:,.{decimals}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.,") else text  # no "-0"


def _short(v: float) -> str:
    """A value as a line's label: at most two decimals, no trailing zeros."""
    text = _number(v, 2)
    return text.rstrip("0").rstrip(".") if "." in text else text


def _right_aligned(tx: _Text, text: str, right: float, y: float) -> Label:
    w = tx.width(text)
    return Label(text, right - w, tx.centred_on(y), w)


def _side_labels(tx: _Text, median: float | None, target: float | None, width: float) -> tuple[float, dict[str, str]]:
    """The right margin and the texts of the median's and the target's labels there:
    "Median 12.5", or just "12.5" when that would take more than 30% of the chart, or none."""
    named = {k: v for k, v in (("median", median), ("target", target)) if v is not None}
    for long in (True, False):
        texts = {k: f"{k.capitalize()} {_short(v)}" if long else _short(v) for k, v in named.items()}
        room = PAD + max((tx.width(t) for t in texts.values()), default=0.0) + 1
        if not texts or room <= 0.3 * width:
            return (room if texts else PAD), texts
    return PAD, {}


def _place_side_labels(
    tx: _Text, texts: dict[str, str], plot: Rect, line_h: float, y_median: float | None, y_target: float | None
) -> tuple[Label | None, Label | None]:
    """The labels right of the plot, centred on their lines, pushed apart when close."""
    ys = {k: y for k, y in (("median", y_median), ("target", y_target)) if y is not None and k in texts}
    if len(ys) == 2 and abs(ys["median"] - ys["target"]) < line_h:
        upper, lower = sorted(ys, key=lambda k: ys[k])
        mid = (ys[upper] + ys[lower]) / 2
        mid = min(max(mid, plot.y + line_h / 2), plot.bottom - line_h / 2)
        ys[upper], ys[lower] = mid - line_h / 2, mid + line_h / 2
    else:
        ys = {k: min(max(y, plot.y), plot.bottom) for k, y in ys.items()}
    out = {k: Label(texts[k], plot.right + PAD, tx.centred_on(y), tx.width(texts[k])) for k, y in ys.items()}
    return out.get("median"), out.get("target")


# ---- the x axis -------------------------------------------------------------------------


def date_text(d: date, one_year: bool) -> str:
    """Compact: "3 Feb" when the chart lies within one year, "Feb 2026" across years."""
    return f"{d.day} {MONTHS[d.month - 1]}" if one_year else f"{MONTHS[d.month - 1]} {d.year}"


def _date_labels(
    tx: _Text, pts: tuple[tuple[date, float], ...], xs: list[float], plot: Rect, width: float
) -> tuple[DateLabel, ...]:
    """Dates under the axis: the first point of each distinct label, thinned to every k-th
    (the smallest k) so that no two overlap and all stay inside the chart."""
    if not pts:
        return ()
    one_year = pts[0][0].year == pts[-1][0].year
    texts = [date_text(d, one_year) for d, _ in pts]
    candidates = [i for i in range(len(pts)) if i == 0 or texts[i] != texts[i - 1]]
    widths = {i: tx.width(texts[i]) for i in candidates}
    gap = 1.5 * tx.size

    def left(i: int) -> float:
        return min(max(xs[i] - widths[i] / 2, 0.0), width - widths[i])

    chosen: list[int] = []
    for k in range(1, len(candidates) + 1):
        pick = candidates[::k]
        if all(left(b) >= left(a) + widths[a] + gap for a, b in zip(pick, pick[1:], strict=False)):
            chosen = pick
            break
    baseline = plot.bottom + tx.below_axis + tx.ascent
    return tuple(
        DateLabel(
            i, xs[i], ((xs[i], plot.bottom), (xs[i], plot.bottom + TICK)), Label(texts[i], left(i), baseline, widths[i])
        )
        for i in chosen
        if widths[i] <= width
    )


# ---- change markers ---------------------------------------------------------------------


def _marker_x(pts: tuple[tuple[date, float], ...], xs: list[float], when: date, x0: float, x1: float) -> float:
    j = bisect.bisect_left([d for d, _ in pts], when)  # the first point on or after the change
    before = xs[j - 1] if j > 0 else x0
    after = xs[j] if j < len(xs) else x1
    return (before + after) / 2


def _right_room(k: int, xs: list[float], plot: Rect) -> tuple[float, float]:
    lo = xs[k] + PAD
    hi = (xs[k + 1] - PAD) if k + 1 < len(xs) else plot.right
    return lo, min(hi, plot.right)


def _band_lines(tx: _Text, changes: list[tuple[date, str]], xs: list[float], right: float) -> int:
    """How many lines the markers' labels need above the plot: 0, 1 or MARKER_LINES."""
    if not any(text.strip() for _, text in changes):
        return 0
    for k, (_, text) in enumerate(changes):
        lo = xs[k] + PAD
        hi = min((xs[k + 1] - PAD) if k + 1 < len(xs) else right, right)
        if tx.width(" ".join(text.split())) > hi - lo:
            return MARKER_LINES
    return 1


def _marker_labels(
    tx: _Text, changes: list[tuple[date, str]], xs: list[float], lines: int, plot: Rect, top: float, line_h: float
) -> dict[int, tuple[Label, ...]]:
    """Each marker's text beside its line, in the band above the plot: to the right up to
    the next marker, or to the left (right-aligned) when the right has too little room and
    the left more; wrapped to `lines` lines, the last cut with "…". Labels never overlap."""
    out: dict[int, tuple[Label, ...]] = {}
    min_room = 4 * tx.size
    free_from = plot.x  # left of this, the band is taken
    first_baseline = top + tx.ascent
    for k, (_, text) in enumerate(changes):
        text = " ".join(text.split())
        if not text:
            continue
        lo, hi = _right_room(k, xs, plot)
        align_right = False
        if hi - lo < min_room:
            llo, lhi = max(free_from + PAD, plot.x), xs[k] - PAD
            if lhi - llo > hi - lo:
                lo, hi, align_right = llo, lhi, True
        room = hi - lo
        if room < tx.width("M" + ELLIPSIS):
            continue
        wrapped = list(wrap(text, room, tx.size)[0])
        if len(wrapped) > lines:
            wrapped = wrapped[: lines - 1] + [tx.cut(" ".join(wrapped[lines - 1 :]), room)]
        wrapped = [tx.cut(s, room) for s in wrapped]  # a single character wider than the room
        labels = []
        for row, s in enumerate(wrapped):
            if not s:
                continue
            w = tx.width(s)
            labels.append(Label(s, hi - w if align_right else lo, first_baseline + row * line_h, w))
        if labels:
            out[k] = tuple(labels)
            free_from = max(lab.right for lab in labels)
    return out

"""How a diagram goes onto paper: one page when its text stays legible, else tiles.

Pure arithmetic on rectangles (no reportlab), so it is quick to test. All lengths are in
the layout's points, y grows down. A *window* is the part of the drawing one page shows.

Fitting scales down only while the text stays at least `min_font` points on paper. Past
that the drawing is printed at that scale across a grid of pages. The cuts between pages
are chosen so that every box lies wholly on at least one page: the next page starts at
the first box the previous one could not show whole (a little above it), and neighbouring
pages always overlap by at least `overlap`, so a reader can match them up. Finally the
scale grows again as far as the same number of pages allows, so the text is as large as
the paper permits.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate
from typing import Literal

Rect = tuple[float, float, float, float]  # left, top, right, bottom
Fit = Literal["fit", "tile"]


@dataclass(frozen=True)
class Window:
    row: int
    col: int
    x: float
    y: float
    w: float
    h: float

    @property
    def rect(self) -> Rect:
        return (self.x, self.y, self.x + self.w, self.y + self.h)

    def shows(self, r: Rect) -> bool:
        """Whether the rectangle lies wholly inside this window."""
        return (
            r[0] >= self.x - 1e-6
            and r[1] >= self.y - 1e-6
            and r[2] <= self.x + self.w + 1e-6
            and r[3] <= self.y + self.h + 1e-6
        )

    def touches(self, r: Rect) -> bool:
        return r[0] < self.x + self.w and r[2] > self.x and r[1] < self.y + self.h and r[3] > self.y


@dataclass(frozen=True)
class Plan:
    scale: float  # paper points per layout point
    windows: tuple[Window, ...]  # in reading order: row by row, left to right
    rows: int
    cols: int
    bounds: Rect

    @property
    def tiled(self) -> bool:
        return len(self.windows) > 1 or self.rows * self.cols > 1

    def too_big(self, rects: list[Rect]) -> list[int]:
        """Indices of the rectangles no window shows whole (only ones larger than a page)."""
        return [i for i, r in enumerate(rects) if not self.shown(r)]

    def shown(self, r: Rect) -> bool:
        """Whether some window shows the rectangle whole."""
        return any(self.windows[i].shows(r) for i in self._near(r, 1e-6))

    def touching(self, r: Rect) -> list[int]:
        """Indices of the windows the rectangle touches (`Window.touches`), in reading order."""
        return [i for i in self._near(r, 0.0) if self.windows[i].touches(r)]

    def reach(self, r: Rect) -> int:
        """How many grid cells the rectangle reaches: at least the windows it touches, found
        without listing them (a line down a whole column of pages reaches every row)."""
        xs, ys, _ = self._grid
        w, h = self.windows[0].w, self.windows[0].h
        return len(_starts_within(xs, r[0] - w, r[2])) * len(_starts_within(ys, r[1] - h, r[3]))

    def _near(self, r: Rect, slack: float) -> list[int]:
        """Windows that may touch or show `r`, found by bisection in the grid's starts (the
        grid is what makes a 1,000-page plan as quick to query as a 10-page one)."""
        if not self.windows:
            return []
        xs, ys, at = self._grid
        w, h = self.windows[0].w, self.windows[0].h
        cols = _starts_within(xs, r[0] - w - slack, r[2] + slack)
        rows = _starts_within(ys, r[1] - h - slack, r[3] + slack)
        return sorted(i for y in rows for x in cols if (i := at.get((ys[y], xs[x]))) is not None)

    @cached_property
    def _grid(self) -> tuple[list[float], list[float], dict[tuple[float, float], int]]:
        xs = sorted({w.x for w in self.windows})
        ys = sorted({w.y for w in self.windows})
        return xs, ys, {(w.y, w.x): i for i, w in enumerate(self.windows)}


def _starts_within(starts: list[float], lo: float, hi: float) -> range:
    """Indices of the sorted `starts` strictly between lo and hi, widened by one on each side
    (the callers test exactly; the widening absorbs rounding in lo and hi)."""
    return range(max(bisect_right(starts, lo) - 1, 0), min(bisect_left(starts, hi) + 1, len(starts)))


def plan(
    bounds: Rect,
    rects: list[Rect],
    area: tuple[float, float],
    font_size: float,
    fit: Fit = "fit",
    *,
    min_font: float = 6.0,
    max_scale: float = 1.0,
    overlap: float = 24.0,
) -> Plan:
    """The scale and page windows for a drawing of `bounds` whose boxes are `rects`,
    on pages whose drawing area is `area` (width, height) paper points.

    `fit="fit"`: one page if the text stays at least `min_font` points, else tiles at the
    largest legible scale. `fit="tile"`: tiles at 100% (one page if it fits at 100%).
    """
    left, top, right, bottom = bounds
    width, height = max(right - left, 1.0), max(bottom - top, 1.0)
    aw, ah = area
    whole = min(aw / width, ah / height, max_scale)
    legible = min_font / font_size if font_size > 0 else whole
    floor = legible if fit == "fit" else min(1.0, max_scale)
    if whole >= floor - 1e-9:
        return Plan(whole, (Window(0, 0, left, top, width, height),), 1, 1, bounds)

    # sorted by their ends once: `breaks` sorts them so, and then finds them in order
    x_spans = sorted(((r[0], r[2]) for r in rects), key=lambda span: span[::-1])
    y_spans = sorted(((r[1], r[3]) for r in rects), key=lambda span: span[::-1])

    def cut(scale: float) -> tuple[list[float], list[float]]:
        ww, wh = aw / scale, ah / scale
        return breaks(left, right, x_spans, ww, overlap), breaks(top, bottom, y_spans, wh, overlap)

    xs, ys = cut(floor)
    count = len(xs) * len(ys)
    if fit == "fit":  # as large as the same number of pages allows
        lo, hi = floor, min(max_scale, floor * 4)
        for _ in range(18):
            mid = (lo + hi) / 2
            mx, my = cut(mid)
            if len(mx) * len(my) <= count:
                lo, xs, ys = mid, mx, my
            else:
                hi = mid
        floor = lo
    scale = floor
    ww, wh = aw / scale, ah / scale
    if len(xs) == 1:  # one column of pages: centre the drawing across the page
        xs = [left - max(0.0, ww - width) / 2]
    grid = [[Window(r, c, x, y, ww, wh) for c, x in enumerate(xs)] for r, y in enumerate(ys)]
    used: set[tuple[int, int]] = set()
    for rect in rects:  # each box marks the few windows it touches: linear, not boxes x windows
        for r in _starts_within(ys, rect[1] - wh, rect[3]):
            for c in _starts_within(xs, rect[0] - ww, rect[2]):
                if grid[r][c].touches(rect):
                    used.add((r, c))
    windows = [win for row in grid for win in row if (win.row, win.col) in used or not rects]
    return Plan(scale, tuple(windows), len(ys), len(xs), bounds)


def breaks(lo: float, hi: float, spans: list[tuple[float, float]], window: float, overlap: float) -> list[float]:
    """Starts of windows of length `window` covering [lo, hi] such that every span no longer
    than a window lies wholly inside one of them, consecutive windows overlapping by at
    least `overlap` (less only when a window is too short to allow it). The next window
    starts at the first span the last one does not show whole; the last one may reach past
    `hi` (blank below the drawing) rather than start higher and repeat the page before it."""
    overlap = min(overlap, window / 3)
    lead = min(overlap / 2, window / 8)  # context shown above or left of the first whole box
    fitting = sorted((b, a) for a, b in spans if b - a <= window)  # by end
    ends = [b for b, _ in fitting]
    # first_start[i]: the smallest start among the spans ending at or after ends[i]
    first_start = list(accumulate((a for _, a in reversed(fitting)), min))[::-1]
    starts = [lo]
    while starts[-1] + window < hi - 1e-6:
        s = starts[-1]
        end = s + window
        nxt = end - overlap
        pending = bisect_right(ends, end + 1e-6)  # the spans that end past this window
        if pending < len(ends):
            first = first_start[pending]
            nxt = min(nxt, first - lead if first - lead > s + 1e-6 else first)
        starts.append(max(nxt, s + 1e-3))
    return starts

"""The lines of the columns view: smooth S-curves between columns, a barrier's short spine,
and a countering link threaded through the free gaps of the columns it crosses.

No line passes through a box: a driver link only crosses the gap between two columns, a
barrier's spine runs up from the barriers hanging under a node, left of them, to that
node's bottom, and a countering link crosses each column in between at a gap between its
boxes.
"""

from __future__ import annotations

from collections.abc import Sequence

from .geometry import Box, Point, line


def drive_path(a: Box, b: Box, y0: float | None = None, y1: float | None = None) -> tuple[Point, ...]:
    """From the right side of a parent to the left side of its child (`s_curve`, inlined:
    there is one per link and most are made again after an edit), leaving and entering at
    the ports `y0` and `y1` (default: the middle of each side)."""
    x0, x1 = a.x + a.w, b.x
    y0 = a.y + a.h / 2 if y0 is None else y0
    y1 = b.y + b.h / 2 if y1 is None else y1
    m = x0 + (x1 - x0) / 2
    return ((x0, y0), (m, y0), (x1 - (x1 - x0) / 2, y1), (x1, y1))


PORT_SPAN = 0.6  # links leave (or enter) a side along its middle 60 %


def ports(box: Box, others: Sequence[float]) -> list[float]:
    """Where `len(others)` links meet one side of `box`: distinct points along the middle of
    the side, in the order of the other ends' heights (`others`), so that no two links share
    an end and each can be followed by eye. One link meets the side at its middle."""
    n = len(others)
    if n == 1:
        return [box.y + box.h / 2]
    span = box.h * PORT_SPAN
    top = box.y + (box.h - span) / 2
    order = sorted(range(n), key=lambda i: (others[i], i))
    out = [0.0] * n
    for rank, i in enumerate(order):
        out[i] = top + span * (rank + 0.5) / n
    return out


def hinder_path(anti: Box, target: Box, indent: float) -> tuple[Point, ...]:
    """From a barrier's left side along a spine up to the bottom of the node it hinders."""
    spine = anti.x - indent / 2
    return line((anti.x, anti.cy), (spine, anti.cy)) + line((spine, anti.cy), (spine, target.bottom))[1:]


def s_curve(p0: Point, p3: Point) -> tuple[Point, ...]:
    dx = (p3[0] - p0[0]) / 2
    return (p0, (p0[0] + dx, p0[1]), (p3[0] - dx, p3[1]), p3)


Spans = list[tuple[float, float]]  # (top, bottom) of each box of a column, top to bottom


def column_spans(boxes: Sequence[Box], columns: int) -> list[Spans]:
    """Each column's boxes as sorted (top, bottom) spans, for threading lines through gaps."""
    spans: list[Spans] = [[] for _ in range(columns)]
    for b in boxes:
        spans[b.column].append((b.y, b.bottom))
    for s in spans:
        s.sort()
    return spans


def through_columns(
    start: Point, end: Point, to_col: int, from_col: int, spans: list[Spans], col_x: list[float], col_w: list[float]
) -> tuple[Point, ...]:
    """A path from a box's left side in `from_col` to a box's right side in `to_col`, passing
    each column in between through the free gap nearest the straight line."""
    pts: list[Point] = [start]
    here = start
    for c in range(from_col - 1, to_col, -1):
        t = (col_x[c] + col_w[c] / 2 - start[0]) / (end[0] - start[0]) if end[0] != start[0] else 0.5
        y = free_y(spans[c], start[1] + t * (end[1] - start[1]))
        right, left = (col_x[c] + col_w[c], y), (col_x[c], y)
        pts += list(s_curve(here, right)[1:])
        pts += list(line(right, left)[1:])
        here = left
    pts += list(s_curve(here, end)[1:])
    return tuple(pts)


def free_y(spans: Spans, want: float, margin: float = 6.0) -> float:
    """The y nearest `want` that lies in a gap between the (sorted) spans of one column."""
    if not spans:
        return want
    inf = float("inf")
    gaps = (
        [(-inf, spans[0][0])]
        + [(a[1], b[0]) for a, b in zip(spans, spans[1:], strict=False) if b[0] > a[1]]
        + [(spans[-1][1], inf)]
    )
    candidates = []
    for lo, hi in gaps:
        m = min(margin, (hi - lo) / 2)
        candidates.append(min(max(want, lo + m), hi - m))
    return min(candidates, key=lambda y: abs(y - want))

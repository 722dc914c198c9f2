"""The lines of the columns view: smooth S-curves between columns, a barrier's short spine,
and a countering link threaded through the free gaps of the columns it crosses.

No line passes through a box: a driver link only crosses the gap between two columns, a
barrier's spine runs up from the barriers hanging under a node, left of them, to that
node's bottom, and a countering link crosses each column in between at a gap between its
boxes: of all the gaps it could take, the ones where it crosses the fewest driver links
(then the shortest way), so it goes round the busy middle of the diagram where it can.
Where several links meet one side of a box, each has a port of its own (`link_ports`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model.schema import Link, LinkKind
from .geometry import Box, Edge, Point, line


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


Channel = list[tuple[float, float]]  # the driver links between two columns: (y at the left, y at the right)

CROSSING_COST = 60.0  # points of extra climb a countering link takes to cross one driver link fewer
CANDIDATES = 12  # gaps tried per column a countering link passes


def through_columns(
    start: Point,
    end: Point,
    to_col: int,
    from_col: int,
    spans: list[Spans],
    col_x: list[float],
    col_w: list[float],
    channels: Sequence[Channel] = (),
) -> tuple[Point, ...]:
    """A path from a box's left side in `from_col` to a box's right side in `to_col`, passing
    each column in between through a free gap. `channels[c]` are the driver links between
    column c and c + 1; the gaps are chosen (dynamic programming over the columns, a few
    candidate gaps each: those nearest the straight line, the two ends' heights, above and
    below everything) to cross the fewest of them, then to climb the least."""
    between = list(range(from_col - 1, to_col, -1))  # the columns passed, right to left
    if not between:
        return s_curve(start, end)
    (x0, y0), (x1, y1) = start, end
    options = []
    for c in between:
        t = (col_x[c] + col_w[c] / 2 - x0) / (x1 - x0) if x1 != x0 else 0.5
        options.append(_candidates(spans[c], y0 + t * (y1 - y0), (y0, y1)))
    # column by column: the least cost of reaching each of its options, and from which one before
    prev_ys, prev_cost = [y0], [0.0]
    back: list[list[int]] = []
    for i, c in enumerate(between):
        chan = channels[c] if c < len(channels) else []  # the channel right of column c
        row_cost, row_back = [], []
        for y in options[i]:
            best, arg = float("inf"), 0
            for k, (py, pc) in enumerate(zip(prev_ys, prev_cost, strict=True)):
                cost = pc + abs(py - y) + CROSSING_COST * _crossed(chan, y, py)
                if cost < best:
                    best, arg = cost, k
            row_cost.append(best)
            row_back.append(arg)
        prev_ys, prev_cost = options[i], row_cost
        back.append(row_back)
    last = channels[to_col] if to_col < len(channels) else []
    totals = [
        pc + abs(py - y1) + CROSSING_COST * _crossed(last, y1, py) for py, pc in zip(prev_ys, prev_cost, strict=True)
    ]
    j = min(range(len(totals)), key=totals.__getitem__)
    ys = []
    for i in range(len(between) - 1, -1, -1):
        ys.append(options[i][j])
        j = back[i][j]
    ys.reverse()
    pts: list[Point] = [start]
    here = start
    for c, y in zip(between, ys, strict=True):
        right, left = (col_x[c] + col_w[c], y), (col_x[c], y)
        pts += list(s_curve(here, right)[1:])
        pts += list(line(right, left)[1:])
        here = left
    pts += list(s_curve(here, end)[1:])
    return tuple(pts)


def _crossed(channel: Channel, y_left: float, y_right: float) -> int:
    """How many of a channel's driver links a line from `y_right` (at the right column) to
    `y_left` (at the left one) crosses: the curves all have the same shape across a channel,
    so two of them cross exactly when their order at one end is the other way at the other."""
    n = 0
    for a, b in channel:
        if (a - y_left) * (b - y_right) < 0:
            n += 1
    return n


def _candidates(spans: Spans, want: float, ends: tuple[float, float], margin: float = 6.0) -> list[float]:
    """The heights a line may pass one column at: one per free gap (the point of the gap
    nearest `want`), at most CANDIDATES of them: the gaps nearest `want` and the ends'
    heights, the top and the bottom ones (round the outside of the column)."""
    if not spans:
        return [want]
    inf = float("inf")
    gaps = (
        [(-inf, spans[0][0])]
        + [(a[1], b[0]) for a, b in zip(spans, spans[1:], strict=False) if b[0] > a[1]]
        + [(spans[-1][1], inf)]
    )

    def at(gap: tuple[float, float], y: float) -> float:
        lo, hi = gap
        m = min(margin, (hi - lo) / 2)
        return min(max(y, lo + m), hi - m)

    picked = {0, len(gaps) - 1}
    for y in (want, *ends):
        near = sorted(range(len(gaps)), key=lambda g: abs(at(gaps[g], y) - y))
        picked.update(near[: (CANDIDATES - 2) // 3 + 1])
    return [at(gaps[g], want) for g in sorted(picked)]


def channels_of(edges: Sequence[Edge | Link], boxes: dict[str, Box], ncols: int) -> list[Channel]:
    """The driver links between each column and the next, as (y at the left, y at the right)."""
    out: list[Channel] = [[] for _ in range(ncols)]
    for e in edges:
        if isinstance(e, Edge) and e.kind is LinkKind.DRIVES:
            a = boxes.get(e.source)
            if a is not None and a.column < ncols:
                out[a.column].append((e.points[0][1], e.points[-1][1]))
    return out


def link_ports(links: Sequence[Link], boxes: dict[str, Box]) -> tuple[dict[int, float], dict[int, float]]:
    """Where each driver or countering link starts and ends (by id() of the link), when the
    side of the box it meets has more than one link (else the side's middle, the default):
    distinct points along the side, ordered by the height of the other end. A driver link
    leaves its parent's right side and enters its child's left side; a countering link
    leaves its change idea's left side and enters its barrier's right side."""
    right: dict[str, list] = {}  # box id -> [(the other end's id, id(link), starts here)]
    left: dict[str, list] = {}
    drives, counters = LinkKind.DRIVES, LinkKind.COUNTERS
    for link in links:
        kind = link.kind
        if kind is drives:
            out_side, in_side = right, left
        elif kind is counters:
            out_side, in_side = left, right
        else:
            continue
        s, t, key = link.source, link.target, id(link)
        if s in out_side:
            out_side[s].append((t, key, True))
        else:
            out_side[s] = [(t, key, True)]
        if t in in_side:
            in_side[t].append((s, key, False))
        else:
            in_side[t] = [(s, key, False)]
    starts: dict[int, float] = {}
    ends: dict[int, float] = {}
    get = boxes.get
    span = PORT_SPAN
    for side in (right, left):
        for box_id, group in side.items():
            n = len(group)
            box = get(box_id)
            if n < 2 or box is None:
                continue  # one link meets the side at its middle
            order = []
            for other, key, starting in group:
                o = get(other)
                if o is None:
                    break
                order.append((o.y + o.h / 2, key, starting))
            else:
                order.sort(key=lambda e: e[0])
                height = box.h * span
                top = box.y + (box.h - height) / 2
                step = height / n
                for rank, (_, key, starting) in enumerate(order):
                    (starts if starting else ends)[key] = top + step * (rank + 0.5)
    return starts, ends

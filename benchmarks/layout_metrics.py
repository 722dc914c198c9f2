"""What the layout benchmark measures on a drawing (issue 13): pure Python, no Qt.

Every function takes plain objects with the attributes of `driverdiagram.layout.geometry`
(a box: id, x, y, w, h, column; an edge: source, target, kind, points), so the tests can
hand-make them. Lengths are in points, y grows downwards.

* `total_height`: from the top of the highest box to the bottom of the lowest (headings and
  margins left out, so ours and dot's are measured alike).
* `packed_column_height`: the tallest column packed tight: the sum of its boxes' heights
  plus `min_gap` between consecutive boxes.
* `link_dy`: |Δy| per link, parent box centre to child box centre.
* `shared_end_points`: pairs of links that leave or enter the same side of the same box at
  the same point (an edge's first point on its source box, its last on its target box).
* `counter_crossings`: how many times the countering links (change idea to barrier) cross a
  driver link, on the curves as drawn (each cubic flattened to short segments).
* `moved_boxes`: the boxes in both drawings whose place or size changed.
* `dot_source` / `dot_boxes`: Graphviz dot given the same box sizes, columns and spacing,
  and its boxes read back from `dot -Tjson` (y turned downwards).
"""

from __future__ import annotations

import json
import subprocess
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

PT = 72.0  # dot's sizes are in inches


@dataclass(frozen=True)
class Rect:
    """A box as dot placed it (or any box: the metrics only need these attributes)."""

    id: str
    x: float
    y: float
    w: float
    h: float
    column: int = 0

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


def total_height(boxes: Iterable[Any]) -> float:
    """From the top of the highest box to the bottom of the lowest (0 for none)."""
    bs = list(boxes)
    if not bs:
        return 0.0
    return max(b.y + b.h for b in bs) - min(b.y for b in bs)


def packed_column_height(boxes: Iterable[Any], min_gap: float) -> float:
    """The tallest column packed tight: its boxes' heights plus `min_gap` between each two."""
    heights: dict[int, list[float]] = defaultdict(list)
    for b in boxes:
        heights[b.column].append(b.h)
    return max((sum(hs) + min_gap * (len(hs) - 1) for hs in heights.values()), default=0.0)


def link_dy(centres: Mapping[str, float], links: Iterable[tuple[str, str]]) -> list[float]:
    """|Δy| of each link (parent, child) between the two box centres; links to a box not in `centres` are skipped."""
    out = []
    for s, t in links:
        a, b = centres.get(s), centres.get(t)
        if a is not None and b is not None:
            out.append(abs(a - b))
    return out


def box_side(box: Any, p: tuple[float, float], tol: float = 0.01) -> str | None:
    """Which side of `box` the point `p` lies on ("left", "right", "top", "bottom"), or None."""
    x, y = p
    inside_y = box.y - tol <= y <= box.y + box.h + tol
    inside_x = box.x - tol <= x <= box.x + box.w + tol
    if inside_y and abs(x - box.x) <= tol:
        return "left"
    if inside_y and abs(x - (box.x + box.w)) <= tol:
        return "right"
    if inside_x and abs(y - box.y) <= tol:
        return "top"
    if inside_x and abs(y - (box.y + box.h)) <= tol:
        return "bottom"
    return None


def shared_end_points(edges: Iterable[Any], boxes: Mapping[str, Any], ndigits: int = 2) -> int:
    """Pairs of links that leave or enter the same side of the same box at the same point.

    An edge's first point is where it leaves its source box and its last where it enters
    its target box; points are compared rounded to `ndigits` decimals of a point. An end
    that lies on no side of its box is keyed as side None (still compared by point)."""
    ends: dict[tuple, int] = defaultdict(int)
    for e in edges:
        for node, p in ((e.source, e.points[0]), (e.target, e.points[-1])):
            box = boxes.get(node)
            side = box_side(box, p) if box is not None else None
            ends[(node, side, round(p[0], ndigits), round(p[1], ndigits))] += 1
    return sum(k * (k - 1) // 2 for k in ends.values())


def _flatten(points: Sequence[tuple[float, float]], steps: int = 12) -> list[tuple[float, float]]:
    """A path of cubic Béziers (first point, then three per segment) as a polyline."""
    out = [points[0]]
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i : i + 4]
        for k in range(1, steps + 1):
            t = k / steps
            u = 1 - t
            a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
            out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out


def _segments_cross(
    p: tuple[float, float], q: tuple[float, float], r: tuple[float, float], s: tuple[float, float]
) -> bool:
    def side(a, b, c) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    d1, d2, d3, d4 = side(r, s, p), side(r, s, q), side(p, q, r), side(p, q, s)
    return d1 * d2 < 0 and d3 * d4 < 0


def counter_crossings(edges: Iterable[Any]) -> int:
    """How many (countering link, driver link) pairs cross, counted once per pair: on the drawn
    curves, flattened; links that only meet at a shared end do not count."""
    edges = list(edges)
    drives = [_flatten(e.points) for e in edges if getattr(e.kind, "value", e.kind) == "drives"]
    boxes = [(min(x for x, _ in d), max(x for x, _ in d), min(y for _, y in d), max(y for _, y in d)) for d in drives]
    total = 0
    for e in edges:
        if getattr(e.kind, "value", e.kind) != "counters":
            continue
        c = _flatten(e.points)
        for d, (x0, x1, y0, y1) in zip(drives, boxes, strict=True):
            segs = [(a, b) for a, b in zip(c, c[1:], strict=False) if max(a[0], b[0]) >= x0 and min(a[0], b[0]) <= x1]
            segs = [(a, b) for a, b in segs if max(a[1], b[1]) >= y0 and min(a[1], b[1]) <= y1]
            if any(_segments_cross(a, b, r, s) for a, b in segs for r, s in zip(d, d[1:], strict=False)):
                total += 1
    return total


def moved_boxes(before: Mapping[str, Any], after: Mapping[str, Any], tol: float = 1e-6) -> set[str]:
    """Ids of the boxes in both drawings whose x, y, width or height changed by more than `tol`."""
    moved = set()
    for i, a in before.items():
        b = after.get(i)
        if b is None:
            continue
        if abs(a.x - b.x) > tol or abs(a.y - b.y) > tol or abs(a.w - b.w) > tol or abs(a.h - b.h) > tol:
            moved.add(i)
    return moved


def _q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def dot_source(
    sizes: Mapping[str, tuple[float, float]],
    columns: Sequence[Sequence[str]],
    links: Iterable[tuple[str, str]],
    nodesep: float,
    ranksep: float,
    order: Sequence[str] | None = None,
) -> str:
    """A left-to-right dot graph: each node a fixed-size box of `sizes[id]` (w, h in points),
    each column one rank (rank=same), `nodesep` between boxes of a column and `ranksep`
    between columns (points); no edge routing (splines=none: only the places matter).

    With `order` the nodes are declared in that order and the ranks left to dot (every link
    joins neighbouring columns, so they are the columns): written so, dot draws exactly the
    order it draws the reference run's graph in (dot's crossings do not depend on the box
    sizes, only on how its input is written)."""
    out = [
        f"digraph G {{ rankdir=LR; splines=none; nodesep={nodesep / PT:.4f}; ranksep={ranksep / PT:.4f};",
        'node [shape=box, fixedsize=true, label="", margin=0];',
    ]
    for v in order if order is not None else [v for col in columns for v in col]:
        w, h = sizes[v]
        out.append(f"{_q(v)} [width={w / PT:.4f}, height={h / PT:.4f}];")
    for col in columns if order is None else ():
        if col:
            out.append("{ rank=same; " + " ".join(_q(v) + ";" for v in col) + " }")
    out += [f"{_q(a)} -> {_q(b)};" for a, b in links]
    return "\n".join(out) + "\n}\n"


def dot_boxes(js: Mapping[str, Any], columns: Sequence[Sequence[str]]) -> dict[str, Rect]:
    """The boxes of a `dot -Tjson` layout, y turned downwards (top of the drawing at 0)."""
    column = {v: c for c, col in enumerate(columns) for v in col}
    top = float(js["bb"].split(",")[3])
    out = {}
    for o in js.get("objects", ()):
        if "pos" not in o or "nodes" in o:  # subgraphs (the rank=same groups) have no place
            continue
        x, y = map(float, o["pos"].split(","))
        w, h = float(o["width"]) * PT, float(o["height"]) * PT
        name = o["name"]
        out[name] = Rect(name, x - w / 2, top - y - h / 2, w, h, column.get(name, 0))
    return out


def run_dot(source: str) -> dict[str, Any]:
    """dot's layout of `source` (needs the `dot` program), as its JSON."""
    out = subprocess.run(["dot", "-Tjson"], input=source.encode(), capture_output=True, check=True).stdout
    return json.loads(out)

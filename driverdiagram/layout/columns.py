"""The driver-diagram layout: columns left to right, the user's order kept, parents centred.

Placement is two passes over the columns. Right to left, each column is stacked top-down
and every parent sits centred on its children unless the node above pushes it down.
Left to right, children whose parents were pushed down follow them down (never up).
Each node depends only on the nodes above it in its column and on what it is linked to,
so in the tree-shaped parts of a diagram an edit leaves everything above it exactly where
it was (tests/layout: the stability property). A child shared with a parent far away
couples the two: that parent re-centres by a little when the child moves. Anti-drivers hang
under the node they hinder, indented and joined by a short spine, so their lines never
cross anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.diagram import Diagram
from ..model.schema import Link, LinkKind, LinkStrength, Node, NodeKind
from .fonts import BOLD, metrics
from .geometry import Box, Edge, Geometry, Heading, LayoutOptions, Point, line
from .text import wrap

HEADINGS = ("Outcome", "Primary drivers", "Secondary drivers", "Change ideas")
KIND_COLUMN = {NodeKind.OUTCOME: 0, NodeKind.PRIMARY: 1, NodeKind.SECONDARY: 2, NodeKind.CHANGE_IDEA: 3}


@dataclass
class _Item:
    node: Node
    lines: tuple[str, ...]
    h: float
    w: float
    anti: list[_Item]
    anti_gap: float
    y: float = 0.0

    @property
    def block_h(self) -> float:
        """The node with its anti-drivers hanging below it."""
        return self.h + sum(a.h + self.anti_gap for a in self.anti)


def badge_text(node: Node) -> str:
    return f"{node.strength}/5" if node.strength is not None else ""


def layout_columns(d: Diagram, options: LayoutOptions | None = None) -> Geometry:
    """The geometry of a diagram in its user's order (Keep my order)."""
    o = options or LayoutOptions()
    fm = metrics()
    size, pad, lh = o.font_size, o.padding, o.line_height
    ncols = max(1, min(4, o.columns))

    cols: list[list[Node]] = [[] for _ in range(ncols)]
    antis: dict[str, list[Node]] = {}
    links = d.links()  # once, in order: the graph views are slow to query link by link
    for node in d.nodes():
        c = KIND_COLUMN.get(node.kind)
        if c is not None and c < ncols:
            cols[c].append(node)
    visible = {n.id for col in cols for n in col}
    if o.show_anti_drivers:
        hinders = {lk.source: lk.target for lk in links if lk.kind is LinkKind.HINDERS}
        for node in d.nodes(NodeKind.ANTI_DRIVER):
            if hinders.get(node.id) in visible:
                antis.setdefault(hinders[node.id], []).append(node)

    # Column widths: wide enough for the heading, the widest natural text, within the limits.
    badge_w = fm.width("5/5", size * 0.85) + pad
    col_w = []
    for c, col in enumerate(cols):
        heading_w = metrics(BOLD).width(HEADINGS[c], size) + 2 * pad
        want = max([o.min_box_width, heading_w] + [_natural(n.text, o.max_box_width, size) + 2 * pad for n in col])
        for n in col:
            for a in antis.get(n.id, ()):
                want = max(want, _natural(a.text, o.max_box_width, size) + 2 * pad + o.anti_indent + badge_w)
        col_w.append(min(max(want, heading_w), max(o.max_box_width, heading_w)))

    def item(node: Node, w: float) -> _Item:
        text_w = w - 2 * pad - (badge_w if node.kind is NodeKind.ANTI_DRIVER else 0)
        lines, _ = wrap(node.text, max(text_w, size), size)
        return _Item(node, lines, 2 * pad + len(lines) * lh, w, [], o.anti_gap)

    items: list[list[_Item]] = []
    by_id: dict[str, _Item] = {}
    for c, col in enumerate(cols):
        row = []
        for n in col:
            it = item(n, col_w[c])
            it.anti = [item(a, col_w[c] - o.anti_indent) for a in antis.get(n.id, ())]
            row.append(it)
            by_id[n.id] = it
        items.append(row)

    children: dict[str, list[str]] = {i: [] for i in by_id}
    parents: dict[str, list[str]] = {i: [] for i in by_id}
    for lk in links:
        if lk.kind is LinkKind.DRIVES and lk.source in by_id and lk.target in by_id:
            children[lk.source].append(lk.target)
            parents[lk.target].append(lk.source)
    home = _homes(items, parents, children)

    heading_h = size * 1.2 + o.row_gap * 1.5
    top = 0.0  # where an unconstrained column starts; parents may rise above it

    def gap_before(prev: _Item | None, cur: _Item) -> float:
        if prev is None:
            return 0.0
        extra = o.group_gap if home[prev.node.id] != home[cur.node.id] else 0.0
        return o.row_gap + extra

    def center(i: str) -> float:
        it = by_id[i]
        return it.y + it.h / 2

    # Pass 1, right to left: stack, and centre each parent on its children. There is no
    # floor at the top: a parent taller than its children's span may rise above it.
    want: dict[str, float] = {}
    for c in range(ncols - 1, -1, -1):
        bottom, prev = None, None
        for it in items[c]:
            kids = children[it.node.id]
            w = sum(center(k) for k in kids) / len(kids) - it.h / 2 if kids else None
            it.y = _place(bottom, prev, it, w, top, gap_before)
            want[it.node.id] = it.y if w is None else w
            bottom, prev = it.y + it.block_h, it
    # Pass 2, left to right: a node pushed below its children's centre takes its own
    # children down with it by as much (never up), so they stay beside it.
    for c in range(1, ncols):
        bottom, prev = None, None
        for it in items[c]:
            h = home[it.node.id]
            pushed = max(0.0, by_id[h].y - want[h]) if h is not None else 0.0
            it.y = _place(bottom, prev, it, it.y + pushed, top, gap_before)
            bottom, prev = it.y + it.block_h, it

    # Boxes.
    col_x = []
    x = o.margin
    for c in range(ncols):
        col_x.append(x)
        x += col_w[c] + o.column_gap
    width = x - o.column_gap + o.margin
    asc = fm.ascent / fm.units_per_em * size
    desc = fm.descent / fm.units_per_em * size
    half_leading = (lh - asc - desc) / 2
    boxes: dict[str, Box] = {}

    def make_box(it: _Item, bx: float, by: float, c: int) -> Box:
        badge = badge_text(it.node) if it.node.kind is NodeKind.ANTI_DRIVER else ""
        return Box(
            it.node.id,
            it.node.kind,
            bx,
            by,
            it.w,
            it.h,
            it.lines,
            bx + pad,
            by + pad + half_leading + asc,
            lh,
            size,
            c,
            badge,
        )

    bottom_all, top_all = top, min((row[0].y for row in items if row), default=top)
    for c, row in enumerate(items):
        for it in row:
            boxes[it.node.id] = make_box(it, col_x[c], it.y, c)
            y = it.y + it.h
            for a in it.anti:
                y += o.anti_gap
                boxes[a.node.id] = make_box(a, col_x[c] + o.anti_indent, y, c)
                y += a.h
            bottom_all = max(bottom_all, y)
    origin_y = top_all - heading_h - o.margin
    height = bottom_all + o.margin - origin_y

    edges = _edges(links, boxes, col_x, col_w, o)
    headings = tuple(Heading(HEADINGS[c], col_x[c], top_all - heading_h + size, col_w[c], c) for c in range(ncols))
    return Geometry(boxes, edges, headings, width, height, o, tuple(col_x), tuple(col_w), origin=(0.0, origin_y))


def _homes(
    items: list[list[_Item]], parents: dict[str, list[str]], children: dict[str, list[str]]
) -> dict[str, str | None]:
    """Each node's home parent: the one whose group of children it sits in (the parent with
    another child nearest to it in the column), else its first parent in the user's order."""
    index = {it.node.id: k for row in items for k, it in enumerate(row)}
    home: dict[str, str | None] = {}
    for v, ps in parents.items():
        if len(ps) <= 1:
            home[v] = ps[0] if ps else None
            continue

        def distance(p: str, v: str = v) -> tuple[float, int]:
            others = [abs(index[k] - index[v]) for k in children[p] if k != v]
            return (min(others) if others else float("inf"), index[p])

        home[v] = min(ps, key=distance)
    return home


def _place(bottom: float | None, prev: _Item | None, it: _Item, want: float | None, top: float, gap_before) -> float:
    """Top of `it`: at `want` (or, with no wish, right below the previous node), never
    overlapping the previous node; the first node of a column with no wish starts at `top`."""
    if bottom is None:
        return want if want is not None else top
    floor = bottom + gap_before(prev, it)
    return floor if want is None else max(floor, want)


def _natural(text: str, max_w: float, size: float) -> float:
    """The width a text wants: its widest line when wrapped at the largest box."""
    return wrap(text, max_w, size)[1]


def _edges(
    links: list[Link], boxes: dict[str, Box], col_x: list[float], col_w: list[float], o: LayoutOptions
) -> tuple[Edge, ...]:
    out = []
    for link in links:
        a, b = boxes.get(link.source), boxes.get(link.target)
        if a is None or b is None:
            continue
        if link.kind is LinkKind.DRIVES:
            pts = _s_curve((a.right, a.cy), (b.x, b.cy))
        elif link.kind is LinkKind.HINDERS:
            spine = a.x - o.anti_indent / 2
            pts = line((a.x, a.cy), (spine, a.cy)) + line((spine, a.cy), (spine, b.bottom))[1:]
        else:  # COUNTERS: from a change idea leftwards to the anti-driver's right side
            pts = _through_columns((a.x, a.cy), (b.right, b.cy), b.column, a.column, boxes, col_x, col_w)
        out.append(Edge(link.source, link.target, link.kind, link.strength or LinkStrength.STRONG, pts))
    return tuple(out)


def _s_curve(p0: Point, p3: Point) -> tuple[Point, ...]:
    dx = (p3[0] - p0[0]) / 2
    return (p0, (p0[0] + dx, p0[1]), (p3[0] - dx, p3[1]), p3)


def _through_columns(
    start: Point, end: Point, to_col: int, from_col: int, boxes: dict[str, Box], col_x: list[float], col_w: list[float]
) -> tuple[Point, ...]:
    """A path from a box's left side in `from_col` to a box's right side in `to_col`, passing
    each column in between through the free gap nearest the straight line."""
    pts: list[Point] = [start]
    here = start
    for c in range(from_col - 1, to_col, -1):
        t = (col_x[c] + col_w[c] / 2 - start[0]) / (end[0] - start[0]) if end[0] != start[0] else 0.5
        y = _free_y([b for b in boxes.values() if b.column == c], start[1] + t * (end[1] - start[1]))
        right, left = (col_x[c] + col_w[c], y), (col_x[c], y)
        pts += list(_s_curve(here, right)[1:])
        pts += list(line(right, left)[1:])
        here = left
    pts += list(_s_curve(here, end)[1:])
    return tuple(pts)


def _free_y(column_boxes: list[Box], want: float, margin: float = 6.0) -> float:
    """The y nearest `want` that lies in a gap between the boxes of one column."""
    spans = sorted((b.y, b.bottom) for b in column_boxes)
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

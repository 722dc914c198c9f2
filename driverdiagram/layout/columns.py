"""The driver-diagram layout: columns left to right, the user's order kept, each box as near
the boxes it is linked to as its column allows, and an edit moving as little as it can.

Where the boxes go up and down is placement.py's: within its column's order and gaps, each
box sits where the sum of its links' climbs is least (a parent at the middle of its
children, a chain of single children straight), and the tallest column ends packed tight.
The same diagram always gives the same drawing; `ColumnLayout` also anchors each new layout
to its last one (one vertical shift), so after an edit the part of the drawing that kept its
shape keeps its place (tests/layout/test_stability.py). Anti-drivers hang under the node
they hinder, indented and joined by a short spine, so their lines never cross anything
(paths.py). Siblings are `row_gap` apart; a box with no parent in common with the box above
it gets `group_gap` more, in a column where that costs no height.

`ColumnLayout` remembers its last layout: each node's text measured, and the `Box` and
`Edge` objects of what did not change are handed out again (the same objects), so the
canvas skips them by identity; after an edit, only the boxes that moved and the links at
them are made anew. `layout_columns` is the same with no memory (and no anchor).
"""

from __future__ import annotations

from ..model.diagram import Diagram
from ..model.schema import DRIVER_COLUMNS, Link, LinkKind, Node, NodeKind
from .fonts import BOLD, metrics
from .geometry import Box, Edge, Geometry, Heading, LayoutOptions
from .paths import Channel, Spans, channels_of, column_spans, drive_path, hinder_path, link_ports, through_columns
from .placement import anchor, place
from .style import BADGE_SCALE
from .text import wrap
from .widths import column_widths

KIND_COLUMN = {NodeKind.OUTCOME: 0, NodeKind.PRIMARY: 1, NodeKind.SECONDARY: 2, NodeKind.CHANGE_IDEA: 3}


def badge_text(node: Node) -> str:
    return f"{node.strength}/5" if node.strength is not None else ""


def layout_columns(d: Diagram, options: LayoutOptions | None = None) -> Geometry:
    """The geometry of a diagram in its user's order (Keep my order)."""
    return ColumnLayout(options).layout(d)


class _Text:
    """A node's text measured: its natural width, and its lines at the last box width."""

    __slots__ = ("_full", "_word", "lines", "natural", "text", "width")

    def __init__(self, text: str, natural: float) -> None:
        self.text, self.natural = text, natural
        self.width = -1.0
        self.lines: tuple[str, ...] = ()
        self._full = -1.0
        self._word = -1.0

    def word(self, size: float) -> float:
        """Its widest word (a box narrower than that cuts a word across lines)."""
        if self._word < 0:
            fm = metrics()
            self._word = max((fm.width(w, size) for w in self.text.split()), default=0.0)
        return self._word

    def full(self, size: float) -> float:
        """Its widest paragraph on one line (the width past which a wider box gains nothing)."""
        if self._full < 0:
            self._full = wrap(self.text, 1e6, size)[1]
        return self._full

    def at(self, width: float, size: float) -> tuple[str, ...]:
        if width != self.width:
            self.width, self.lines = width, wrap(self.text, max(width, size), size)[0]
        return self.lines


class ColumnLayout:
    """The columns layout for one set of options, remembering the last one it made."""

    def __init__(self, options: LayoutOptions | None = None) -> None:
        self.options = o = options or LayoutOptions()
        fm = metrics()
        size = o.font_size
        self._badge_w = metrics(BOLD).width("5/5", size * BADGE_SCALE) + o.padding
        asc = fm.ascent / fm.units_per_em * size
        half_leading = (o.line_height - asc - fm.descent / fm.units_per_em * size) / 2
        self._baseline = o.padding + half_leading + asc  # below a box's top
        self._texts: dict[str, _Text] = {}
        self._boxes: dict[str, Box] = {}
        self._columns: list[tuple[float, float]] = []  # each column's x and width in the last layout
        self._edges: dict[int, Edge] = {}  # by id() of the link in self._links
        self._links: list[Link] = []

    def layout(self, d: Diagram) -> Geometry:
        o = self.options
        size, pad, lh = o.font_size, o.padding, o.line_height
        links = d.links()  # once, in order: the graph views are slow to query link by link
        cols, anti_nodes = _by_column(d.nodes(), max(1, min(4, o.columns)))
        while len(cols) > 1 and not cols[-1]:  # an empty column takes no width
            cols.pop()
        ncols = len(cols)
        order = [n for col in cols for n in col]
        index = {n.id: i for i, n in enumerate(order)}
        kids, first, more, target = _linked(links, index)
        antis: dict[str, list[Node]] = {}
        if o.show_anti_drivers:
            for a in anti_nodes:
                hindered = target.get(a.id)
                if hindered is not None and hindered in index:
                    antis.setdefault(hindered, []).append(a)
        texts = self._measure(cols, antis)
        titles = [d.info.headings.text(kind) for kind in DRIVER_COLUMNS[:ncols]]
        col_w, column_gap = column_widths(cols, antis, texts, o, self._badge_w, titles)

        # Lines, heights, and what each box takes in its column with its anti-drivers.
        columns: list[range] = []
        lines: list[tuple[str, ...]] = []
        heights: list[float] = []
        blocks: list[float] = []
        anti_lines: dict[str, tuple[tuple[str, ...], float]] = {}
        for c, col in enumerate(cols):
            columns.append(range(len(lines), len(lines) + len(col)))
            text_w = col_w[c] - 2 * pad
            anti_w = text_w - o.anti_indent - self._badge_w
            for n in col:
                ls = texts[n.id].at(text_w, size)
                h = 2 * pad + len(ls) * lh
                lines.append(ls)
                heights.append(h)
                if n.id in antis:
                    for a in antis[n.id]:
                        als = texts[a.id].at(anti_w, size)
                        ah = 2 * pad + len(als) * lh
                        anti_lines[a.id] = (als, ah)
                        h += o.anti_gap + ah
                blocks.append(h)
        gaps = _gaps(columns, first, more, blocks, o.row_gap, o.group_gap)
        parents = {i: ps for i in range(len(order)) if (ps := more.get(i) or ([first[i]] if first[i] >= 0 else None))}
        ys = place(columns, heights, blocks, gaps, kids, parents)
        last = self._boxes
        if last:
            ys = anchor(ys, [b.y if (b := last.get(n.id)) is not None else None for n in order])

        col_x = []
        x = o.margin
        for c in range(ncols):
            col_x.append(x)
            x += col_w[c] + column_gap
        boxes, fresh = self._make_boxes(cols, antis, anti_lines, ys, heights, lines, col_x, col_w)
        edges = self._paths(links, boxes, fresh, col_x, col_w, ncols)
        top_all = min((ys[run[0]] for run in columns if run), default=0.0)
        bottom_all = max((b.bottom for b in boxes.values()), default=top_all)
        heading_h = size * 1.2 + o.row_gap * 1.5
        origin_y = top_all - heading_h - o.margin
        headings = tuple(Heading(titles[c], col_x[c], top_all - heading_h + size, col_w[c], c) for c in range(ncols))
        return Geometry(
            boxes,
            edges,
            headings,
            x - column_gap + o.margin,
            bottom_all + o.margin - origin_y,
            o,
            tuple(col_x),
            tuple(col_w),
            origin=(0.0, origin_y),
        )

    def _measure(self, cols: list[list[Node]], antis: dict[str, list[Node]]) -> dict[str, _Text]:
        """Each shown node's text with its natural width (its widest line at the widest box)."""
        old, new = self._texts, {}
        for col in cols:
            for n in col:
                for m in antis.get(n.id, ()):
                    t = old.get(m.id)
                    new[m.id] = t if t is not None and t.text == m.text else self._text(m.text)
                t = old.get(n.id)
                new[n.id] = t if t is not None and t.text == n.text else self._text(n.text)
        self._texts = new
        return new

    def _text(self, text: str) -> _Text:
        return _Text(text, wrap(text, self.options.max_box_width, self.options.font_size)[1])

    def _make_boxes(
        self,
        cols: list[list[Node]],
        antis: dict[str, list[Node]],
        anti_lines: dict[str, tuple[tuple[str, ...], float]],
        ys: list[float],
        heights: list[float],
        lines: list[tuple[str, ...]],
        col_x: list[float],
        col_w: list[float],
    ) -> tuple[dict[str, Box], set[str]]:
        """Every box, column by column, each node followed by its anti-drivers: the last
        layout's object wherever nothing about a box changed; and the ids of the new ones."""
        o = self.options
        pad, lh, size, baseline = o.padding, o.line_height, o.font_size, self._baseline
        boxes: dict[str, Box] = {}
        fresh: set[str] = set()
        i = 0
        for c, col in enumerate(cols):
            bx, bw = col_x[c], col_w[c]
            # the last layout's boxes, if this column kept its place and width
            old = self._boxes if self._columns[c : c + 1] == [(bx, bw)] else {}
            for n in col:
                y, h, ls = ys[i], heights[i], lines[i]
                i += 1
                b = old.get(n.id)
                if (
                    b is None
                    or b.y != y
                    or b.h != h
                    or (b.lines is not ls and b.lines != ls)
                    or b.kind is not n.kind
                    or b.fill != n.colour
                ):
                    b = Box(n.id, n.kind, bx, y, bw, h, ls, bx + pad, y + baseline, lh, size, c, fill=n.colour)
                    fresh.add(n.id)
                boxes[n.id] = b
                if n.id not in antis:
                    continue
                y += h
                ax, aw = bx + o.anti_indent, bw - o.anti_indent
                for a in antis[n.id]:
                    ls, h = anti_lines[a.id]
                    y += o.anti_gap
                    badge = badge_text(a)
                    b = old.get(a.id)
                    if (
                        b is None
                        or b.y != y
                        or b.h != h
                        or b.x != ax
                        or b.lines != ls
                        or b.badge != badge
                        or b.kind is not a.kind
                        or b.fill != a.colour
                    ):
                        b = Box(a.id, a.kind, ax, y, aw, h, ls, ax + pad, y + baseline, lh, size, c, badge, a.colour)
                        fresh.add(a.id)
                    boxes[a.id] = b
                    y += h
        self._boxes = boxes
        self._columns = list(zip(col_x, col_w, strict=True))
        return boxes, fresh

    def _paths(
        self,
        links: list[Link],
        boxes: dict[str, Box],
        fresh: set[str],
        col_x: list[float],
        col_w: list[float],
        ncols: int,
    ) -> tuple[Edge, ...]:
        """Each link's path: the last layout's `Edge` for the same link object when neither
        of its boxes is `fresh` (new in this layout), else a new one."""
        old, new = self._edges, {}
        spans: list[Spans] | None = None
        channels: list[Channel] | None = None
        out: list[Edge | Link] = []
        get = boxes.get
        drives, counters = LinkKind.DRIVES, LinkKind.COUNTERS
        starts, ends = link_ports(links, boxes)
        later: list[int] = []  # where the countering links go in `out`
        for link in links:
            if link.kind is counters:  # routed round the driver links, once they are all drawn
                later.append(len(out))
                out.append(link)
                continue
            s, t = link.source, link.target
            a, b = get(s), get(t)
            if a is None or b is None:
                continue
            kind = link.kind
            # The model hands out the same (immutable) link objects until a link changes, and
            # self._links keeps the last ones alive, so an id seen last time is the same link.
            edge = old.get(id(link))
            y0, y1 = starts.get(id(link)), ends.get(id(link))
            if kind is drives and edge is not None:
                at0 = a.y + a.h / 2 if y0 is None else y0  # (no port: the side's middle)
                at1 = b.y + b.h / 2 if y1 is None else y1
                if edge.points[0][1] != at0 or edge.points[-1][1] != at1:
                    edge = None  # a port moved: a sibling link came or went
            if edge is None or s in fresh or t in fresh:
                pts = drive_path(a, b, y0, y1) if kind is drives else hinder_path(a, b, self.options.anti_indent)
                if edge is None or edge.points != pts:
                    edge = Edge(s, t, kind, link.strength, pts)
            new[id(link)] = edge
            out.append(edge)
        for i in later:
            item = out[i]
            assert isinstance(item, Link)
            a, b = get(item.source), get(item.target)
            if a is None or b is None:
                continue
            # threaded through the columns between (any box there counts), round the driver links
            spans = spans or column_spans(list(boxes.values()), ncols)
            channels = channels if channels is not None else channels_of(out, boxes, ncols)
            y0, y1 = starts.get(id(item)), ends.get(id(item))
            start, end = (a.x, a.cy if y0 is None else y0), (b.right, b.cy if y1 is None else y1)
            pts = through_columns(start, end, b.column, a.column, spans, col_x, col_w, channels)
            edge = old.get(id(item))
            if edge is None or edge.points != pts:
                edge = Edge(item.source, item.target, item.kind, item.strength, pts)
            new[id(item)] = out[i] = edge
        self._links = links
        self._edges = new
        return tuple(e for e in out if isinstance(e, Edge)) if later else tuple(out)  # type: ignore[arg-type]


def _by_column(nodes: list[Node], ncols: int) -> tuple[list[list[Node]], list[Node]]:
    """The nodes of each shown column in the user's order, and the anti-drivers."""
    cols: list[list[Node]] = [[] for _ in range(ncols)]
    anti_nodes = []
    kind_column, anti = KIND_COLUMN, NodeKind.ANTI_DRIVER
    for node in nodes:
        c = kind_column.get(node.kind)
        if c is None:
            if node.kind is anti:
                anti_nodes.append(node)
        elif c < ncols:
            cols[c].append(node)
    return cols, anti_nodes


def _linked(
    links: list[Link], index: dict[str, int]
) -> tuple[dict[int, list[int]], list[int], dict[int, list[int]], dict[str, str]]:
    """Between the shown boxes (by index): each parent's children in column order, each box's
    first parent (-1 for none) and all the parents of those with several; and the node
    each anti-driver hinders."""
    kids: dict[int, list[int]] = {}
    first = [-1] * len(index)
    more: dict[int, list[int]] = {}
    target: dict[str, str] = {}
    drives, hinders = LinkKind.DRIVES, LinkKind.HINDERS
    unsorted = False
    for lk in links:
        if lk.kind is drives:
            s, t = index.get(lk.source), index.get(lk.target)
            if s is None or t is None:
                continue
            ks = kids.get(s)
            if ks is None:
                kids[s] = [t]
            else:
                unsorted = unsorted or ks[-1] > t
                ks.append(t)
            if first[t] < 0:
                first[t] = s
            elif t in more:
                more[t].append(s)
            else:
                more[t] = [first[t], s]
        elif lk.kind is hinders:
            target[lk.source] = lk.target
    if unsorted:  # links come sorted by source, then target; should they not, sort them here
        for ks in kids.values():
            ks.sort()
        for t, ps in more.items():
            ps.sort()
            first[t] = ps[0]
    return kids, first, more, target


def _gaps(
    columns: list[range],
    first: list[int],
    more: dict[int, list[int]],
    blocks: list[float],
    row: float,
    group: float,
) -> list[float]:
    """The space above each box: `row` between siblings, `row + group` between boxes with
    no parent in common, in a column where that extra space costs no height (one that,
    with it, is still no taller than the tallest column packed without it)."""
    gaps = [row] * (columns[-1].stop if columns else 0)
    if group <= 0:
        return gaps
    tight = [sum(blocks[i] for i in run) + row * max(len(run) - 1, 0) for run in columns]
    tallest = max(tight, default=0.0)
    stranger = row + group
    for c, run in enumerate(columns):
        mark = []
        for i in run[1:]:
            if i in more or i - 1 in more:
                if _strangers(i, more, first):
                    mark.append(i)
            elif first[i] != first[i - 1]:
                mark.append(i)
        if tight[c] + group * len(mark) <= tallest:
            for i in mark:
                gaps[i] = stranger
    return gaps


def _strangers(i: int, more: dict[int, list[int]], first: list[int]) -> bool:
    """Whether box `i` has no parent in common with the box above it (one has several)."""
    a = more.get(i - 1) or [first[i - 1]]
    return not any(p in a for p in more.get(i) or [first[i]])

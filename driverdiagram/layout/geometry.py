"""What the layout hands to the painters (canvas and PDF): boxes, lines of text, edge paths.

All lengths are in points (1/72 inch), y grows downwards, (0, 0) is the top-left corner of
the drawing. Painters draw exactly this; they never re-measure or re-wrap text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model.schema import LinkKind, LinkStrength, NodeKind

Point = tuple[float, float]


@dataclass(frozen=True)
class LayoutOptions:
    """View options that change geometry."""

    font_size: float = 10.0
    max_box_width: float = 190.0  # the widest a box may grow before its text wraps
    min_box_width: float = 90.0
    padding: float = 6.0
    line_spacing: float = 1.25  # line height as a multiple of the font size
    row_gap: float = 8.0  # between boxes in a column
    group_gap: float = 10.0  # extra, between boxes with different parents (where it costs no height)
    column_gap: float = 64.0
    anti_indent: float = 14.0  # anti-drivers sit under their target, indented, joined by a spine
    anti_gap: float = 5.0
    margin: float = 18.0
    columns: int = 4  # how many columns to show, from the outcome (1–4)
    fit_width: float | None = None  # the width to fit (margins included): a page's, a window's; None: natural
    show_anti_drivers: bool = True

    @property
    def line_height(self) -> float:
        return self.font_size * self.line_spacing


@dataclass(frozen=True)
class Box:
    id: str
    kind: NodeKind
    x: float
    y: float
    w: float
    h: float
    lines: tuple[str, ...]
    text_x: float  # where each line starts
    first_baseline: float  # baseline of the first line; the next lines follow by line_height
    line_height: float
    font_size: float
    column: int
    badge: str = ""  # a short mark painted in the box's corner (anti-driver strength)
    fill: str = ""  # the node's own colour ("#rrggbb"), "" for its kind's (layout.style.node_style)

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def contains(self, p: Point, tolerance: float = 0.0) -> bool:
        return (
            self.x - tolerance <= p[0] <= self.right + tolerance
            and self.y - tolerance <= p[1] <= self.bottom + tolerance
        )


@dataclass(frozen=True)
class Edge:
    """A link's path: a poly-Bézier, points P0, C1, C2, P1, C1, C2, P2 … (3k + 1 points)."""

    source: str
    target: str
    kind: LinkKind
    strength: LinkStrength
    points: tuple[Point, ...]
    weight: float = 1.0  # the line's width, × its kind's (the force field: by the force's strength)
    arrow: bool = False  # an arrowhead at the end (the force field: every force points at the outcome)

    @property
    def dashed(self) -> bool:
        return self.strength is LinkStrength.WEAK

    def segments(self) -> list[tuple[Point, Point, Point, Point]]:
        p = self.points
        return [(p[i], p[i + 1], p[i + 2], p[i + 3]) for i in range(0, len(p) - 1, 3)]

    def sample(self, per_segment: int = 16) -> list[Point]:
        """Points along the path (for hit-testing and tests)."""
        out = [self.points[0]]
        for a, b, c, d in self.segments():
            for k in range(1, per_segment + 1):
                t = k / per_segment
                u = 1 - t
                out.append(
                    (
                        u * u * u * a[0] + 3 * u * u * t * b[0] + 3 * u * t * t * c[0] + t * t * t * d[0],
                        u * u * u * a[1] + 3 * u * u * t * b[1] + 3 * u * t * t * c[1] + t * t * t * d[1],
                    )
                )
        return out


@dataclass(frozen=True)
class Heading:
    text: str
    x: float
    y: float  # baseline
    w: float
    column: int


@dataclass(frozen=True)
class Geometry:
    """The drawing. Box coordinates stay put across edits that do not concern them, so the
    drawing's top may move above zero; paint it translated by `-origin`."""

    boxes: dict[str, Box]
    edges: tuple[Edge, ...]
    headings: tuple[Heading, ...]
    width: float
    height: float
    options: LayoutOptions
    column_x: tuple[float, ...] = ()
    column_w: tuple[float, ...] = ()
    totals: dict[str, float] = field(default_factory=dict)  # force-field: totals per side
    origin: Point = (0.0, 0.0)  # top-left corner of the drawing; y may be negative (see columns.py)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of the whole drawing, headings and margins included."""
        return (self.origin[0], self.origin[1], self.origin[0] + self.width, self.origin[1] + self.height)

    def box_at(self, p: Point) -> Box | None:
        for box in self.boxes.values():
            if box.contains(p):
                return box
        return None


def line(a: Point, b: Point) -> tuple[Point, ...]:
    """A straight segment as a cubic (control points on the line)."""
    return (
        a,
        (a[0] + (b[0] - a[0]) / 3, a[1] + (b[1] - a[1]) / 3),
        (a[0] + 2 * (b[0] - a[0]) / 3, a[1] + 2 * (b[1] - a[1]) / 3),
        b,
    )

"""The force-field view: the outcome in the middle, driving forces on the left, restraining
forces (anti-drivers) on the right, each with its strength, and the totals per side."""

from __future__ import annotations

from ..model.diagram import Diagram
from ..model.schema import LinkKind, LinkStrength, Node, NodeKind
from .fonts import BOLD, metrics
from .geometry import Box, Edge, Geometry, Heading, LayoutOptions
from .paths import ports
from .style import BADGE_SCALE
from .text import wrap


def force_weight(strength: int | None) -> float:
    """A force's line width, × the usual: from 1 (strength 1, or unscored) to 3 (strength 5)."""
    return 1.0 + (max(1, min(5, strength)) - 1) / 2 if strength is not None else 1.0


def strength_total(nodes: list[Node]) -> int:
    return sum(n.strength or 0 for n in nodes)


def layout_force_field(d: Diagram, options: LayoutOptions | None = None) -> Geometry:
    """Primary drivers push the outcome from the left, anti-drivers hold it back from the right."""
    o = options or LayoutOptions()
    fm = metrics()
    size, pad, lh = o.font_size, o.padding, o.line_height
    asc = fm.ascent / fm.units_per_em * size
    half_leading = (lh - asc - fm.descent / fm.units_per_em * size) / 2
    badge_w = metrics(BOLD).width("5/5", size * BADGE_SCALE) + pad

    driving = d.nodes(NodeKind.PRIMARY)
    restraining = d.nodes(NodeKind.ANTI_DRIVER)
    totals = {"driving": float(strength_total(driving)), "restraining": float(strength_total(restraining))}
    titles = (
        f"Driving forces (total {totals['driving']:g})",
        d.info.headings.text(NodeKind.OUTCOME),
        f"Restraining forces (total {totals['restraining']:g})",
    )
    bold = metrics(BOLD)
    widths = []
    for c, nodes in enumerate((driving, [d.outcome], restraining)):
        want = max(
            [o.min_box_width, bold.width(titles[c], size) + 2 * pad]
            + [wrap(n.text, o.max_box_width, size)[1] + 2 * pad + badge_w for n in nodes]
        )
        widths.append(min(want, max(o.max_box_width, bold.width(titles[c], size) + 2 * pad)))
    gap = o.column_gap * 1.5
    col_x = [o.margin, o.margin + widths[0] + gap, o.margin + widths[0] + widths[1] + 2 * gap]
    top = o.margin + size * 1.2 + o.row_gap * 1.5

    def stack(nodes: list[Node], c: int) -> tuple[list[Box], float]:
        out, y = [], top
        for n in nodes:
            lines, _ = wrap(n.text, widths[c] - 2 * pad - (badge_w if c != 1 else 0), size)
            h = 2 * pad + len(lines) * lh
            badge = f"{n.strength}/5" if n.strength is not None else ""  # unscored: no badge
            out.append(
                Box(
                    n.id,
                    n.kind,
                    col_x[c],
                    y,
                    widths[c],
                    h,
                    lines,
                    col_x[c] + pad,
                    y + pad + half_leading + asc,
                    lh,
                    size,
                    c,
                    badge,
                    n.colour,
                )
            )
            y += h + o.row_gap * 2
        return out, y - o.row_gap * 2

    left, left_h = stack(driving, 0)
    right, right_h = stack(restraining, 2)
    mid, mid_h = stack([d.outcome], 1)
    span = max(left_h, right_h, mid_h)
    outcome = mid[0]
    dy = (top + span) / 2 - outcome.cy
    outcome = Box(**{**outcome.__dict__, "y": outcome.y + dy, "first_baseline": outcome.first_baseline + dy})

    # each force meets the outcome at a point of its own, in the order of the forces, and
    # its line is as wide as the force is strong
    edges = []
    for side, at_x, kind in ((left, outcome.x, LinkKind.DRIVES), (right, outcome.right, LinkKind.HINDERS)):
        ends = ports(outcome, [b.cy for b in side]) if side else []
        for b, y in zip(side, ends, strict=True):
            start = (b.right, b.cy) if kind is LinkKind.DRIVES else (b.x, b.cy)
            edges.append(
                Edge(
                    b.id,
                    outcome.id,
                    kind,
                    LinkStrength.STRONG,
                    _curve(start, (at_x, y)),
                    weight=force_weight(d.node(b.id).strength),
                    arrow=True,
                )
            )
    boxes = {b.id: b for b in (*left, outcome, *right)}
    headings = tuple(Heading(titles[c], col_x[c], o.margin + size, widths[c], c) for c in range(3))
    width = col_x[2] + widths[2] + o.margin
    height = max([b.bottom for b in boxes.values()] + [top]) + o.margin
    return Geometry(boxes, tuple(edges), headings, width, height, o, tuple(col_x), tuple(widths), totals)


def _curve(p0: tuple[float, float], p3: tuple[float, float]) -> tuple[tuple[float, float], ...]:
    dx = (p3[0] - p0[0]) / 2
    return (p0, (p0[0] + dx, p0[1]), (p3[0] - dx, p3[1]), p3)

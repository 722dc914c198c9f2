"""How things look, shared by the canvas and the PDF so that paper looks like the screen.

Plain data (hex colours, widths in points, dash patterns): each painter turns it into its
own pens and brushes. Colours are chosen to print legibly in greyscale too: fills get
lighter from left to right, and anti-drivers (whose fill prints as grey as a change idea's)
have square corners and a heavier border (tests/layout/test_style.py checks it by luminance).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from ..model.colours import contrast, darker, text_on
from ..model.schema import LinkKind, NodeKind

BADGE_SCALE = 1.0  # a box's badge (a strength, "3/5") × its text size: as big, in bold, so it keeps the 6 pt floor


@dataclass(frozen=True)
class NodeStyle:
    fill: str
    border: str
    text: str
    border_width: float = 0.8
    radius: float = 4.0


NODE_STYLES: dict[NodeKind, NodeStyle] = {
    NodeKind.OUTCOME: NodeStyle("#1F4E79", "#143450", "#FFFFFF", 1.2),
    NodeKind.PRIMARY: NodeStyle("#2E75B6", "#1F4E79", "#FFFFFF"),
    NodeKind.SECONDARY: NodeStyle("#BDD7EE", "#2E75B6", "#0B2239"),
    NodeKind.CHANGE_IDEA: NodeStyle("#E2F0D9", "#548235", "#14290A"),
    NodeKind.ANTI_DRIVER: NodeStyle("#FBE3D6", "#C00000", "#4A0D0D", 1.4, 0.0),
}


@cache
def node_style(kind: NodeKind, fill: str = "") -> NodeStyle:
    """The look of a box of `kind`, in its own colour `fill` ("#rrggbb") when the user chose one.

    An own colour keeps the kind's shape and border width; the border is the fill darkened
    (an anti-driver keeps its red border, its mark in print), and the text stays the kind's
    colour where it reads (WCAG AA, 4.5:1), else black or white, whichever reads better.
    """
    style = NODE_STYLES[kind]
    if not fill or fill.lower() == style.fill.lower():
        return style
    text = style.text if contrast(fill, style.text) >= 4.5 else text_on(fill)
    border = style.border if kind is NodeKind.ANTI_DRIVER else darker(fill)
    return replace(style, fill=fill, border=border, text=text)


@dataclass(frozen=True)
class EdgeStyle:
    colour: str
    width: float
    dash: tuple[float, ...] = ()  # on/off lengths in points; empty = solid


EDGE_STYLES: dict[LinkKind, EdgeStyle] = {
    LinkKind.DRIVES: EdgeStyle("#595959", 0.9),
    LinkKind.HINDERS: EdgeStyle("#C00000", 1.2),
    LinkKind.COUNTERS: EdgeStyle("#548235", 0.9, (1.5, 2.0)),
}
WEAK_DASH: tuple[float, ...] = (4.0, 3.0)
HEADING_COLOUR = "#404040"
BADGE_COLOUR = "#C00000"
SELECTION_COLOUR = "#F4B183"


def edge_style(kind: LinkKind, weak: bool) -> EdgeStyle:
    """The pen for a link: weak driver links are dashed, as practitioners draw them."""
    style = EDGE_STYLES[kind]
    if weak and kind is LinkKind.DRIVES:
        return EdgeStyle(style.colour, style.width, WEAK_DASH)
    return style


# Run charts (the Measures panel and the PDF paint the same chart in the same colours).
CHART_COLOURS: dict[str, str] = {
    "line": "#1F4E79",
    "median": "#7F7F7F",
    "median_signal": "#C55A11",  # too few / too many runs: the median itself says so
    "target": "#548235",
    "signal": "#ED7D31",
    "signal_edge": "#A84A0C",
    "marker": "#7030A0",
    "axis": "#595959",
    "text": "#404040",
    "frame": "#D0D0D0",
}

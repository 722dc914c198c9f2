"""How things look, shared by the canvas and the PDF so that paper looks like the screen.

Plain data (hex colours, widths in points, dash patterns): each painter turns it into its
own pens and brushes. Colours are chosen to print legibly in greyscale too: fills get
lighter from left to right, and anti-drivers (whose fill prints as grey as a change idea's)
have square corners and a heavier border (tests/layout/test_style.py checks it by luminance).

The canvas also has a dark palette (`DARK`, for a desktop in dark mode): the same kinds
told apart the same way — the outcome stands out most from the background and each column
further right a little less, barriers keep their red border and square corners — with every
text at WCAG AA (4.5:1) and every line and border at 3:1 against what it sits on
(tests/layout/test_contrast.py). Paper is always light: the PDF asks for nothing and gets
the light colours, the module's constants below.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache

from ..colour_math import contrast, darker, mix, text_on
from ..model.schema import LinkKind, NodeKind
from .timeline import TIMELINE_COLOURS

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


# On a dark screen: the outcome light and strong, the columns to its right ever closer to the
# background, each with a border pushed away from the background (lighter) so that it shows.
DARK_NODE_STYLES: dict[NodeKind, NodeStyle] = {
    NodeKind.OUTCOME: NodeStyle("#A9CBEA", "#D6E6F5", "#0B2239", 1.2),
    NodeKind.PRIMARY: NodeStyle("#336FA8", "#8CB8E3", "#FFFFFF"),
    NodeKind.SECONDARY: NodeStyle("#1F4266", "#5B9BD5", "#DCEAF7"),
    NodeKind.CHANGE_IDEA: NodeStyle("#26401F", "#70AD47", "#DDEFD2"),
    NodeKind.ANTI_DRIVER: NodeStyle("#4A2220", "#FF6B66", "#FAD7CF", 1.4, 0.0),
}


@cache
def node_style(kind: NodeKind, fill: str = "", dark: bool = False) -> NodeStyle:
    """The look of a box of `kind`, in its own colour `fill` ("#rrggbb") when the user chose one.

    An own colour keeps the kind's shape and border width; the border is the fill darkened
    (an anti-driver keeps its red border, its mark in print), and the text stays the kind's
    colour where it reads (WCAG AA, 4.5:1), else black or white, whichever reads better.
    On a dark screen (`dark`) an own colour stays that colour; its border is the fill
    lightened, so that the box's edge shows on the dark background.
    """
    style = (DARK_NODE_STYLES if dark else NODE_STYLES)[kind]
    if not fill or fill.lower() == style.fill.lower():
        return style
    text = style.text if contrast(fill, style.text) >= 4.5 else text_on(fill)
    if kind is NodeKind.ANTI_DRIVER:  # its red border is its mark
        return replace(style, fill=fill, text=text)
    return replace(style, fill=fill, border=mix(fill, "#ffffff", 0.45) if dark else darker(fill), text=text)


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
DARK_EDGE_STYLES: dict[LinkKind, EdgeStyle] = {
    LinkKind.DRIVES: EdgeStyle("#A0A0A0", 0.9),
    LinkKind.HINDERS: EdgeStyle("#FF6B66", 1.2),
    LinkKind.COUNTERS: EdgeStyle("#8CC56A", 0.9, (1.5, 2.0)),
}
WEAK_DASH: tuple[float, ...] = (4.0, 3.0)
HEADING_COLOUR = "#404040"
BADGE_COLOUR = "#C00000"
SELECTION_COLOUR = "#D86613"  # 3.4:1 on the canvas: the focus mark shows (WCAG 1.4.11)
BACKGROUND = "#FAFAF7"  # the canvas (paper is white)


def edge_style(kind: LinkKind, weak: bool, dark: bool = False) -> EdgeStyle:
    """The pen for a link: weak driver links are dashed, as practitioners draw them."""
    style = (DARK_EDGE_STYLES if dark else EDGE_STYLES)[kind]
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
DARK_CHART_COLOURS: dict[str, str] = {
    "line": "#7DB3E8",
    "median": "#A6A6A6",
    "median_signal": "#F0A060",
    "target": "#8CC56A",
    "signal": "#F39C50",
    "signal_edge": "#FFD0A8",
    "marker": "#C9A0EC",
    "axis": "#A6A6A6",
    "text": "#D9D9D9",
    "frame": "#4A4D52",
}

# The milestones' timeline on a dark screen (the light one, for paper too, is layout/timeline.py's).
DARK_TIMELINE_COLOURS: dict[str, str] = {
    "open": "#6FA8DC",
    "open_fill": "#1F3A56",
    "done": "#6CC070",
    "overdue": "#FF6B66",
    "today": "#F0A060",
    "grid": "#4A4D52",
    "grid_minor": "#33363A",
    "axis": "#A6A6A6",
    "text": "#E0E0E0",
    "muted": "#A0A0A0",
    "band": "#26292E",
}


@dataclass(frozen=True)
class Palette:
    """Every colour the canvas and its panels' charts paint with, in one colour scheme."""

    dark: bool
    background: str  # the canvas behind the boxes
    nodes: Mapping[NodeKind, NodeStyle]
    edges: Mapping[LinkKind, EdgeStyle]
    heading: str
    badge: str  # a barrier's strength
    selection: str  # the halo round a selected box
    handle: str  # the fill of the link dot on a selected box
    rim: str  # the rim that parts a notes pin from the border under it
    band_edge: str  # the line under the column headings kept at the top
    card: str  # the legend card: its fill, edge and text
    card_edge: str
    card_text: str
    chart: Mapping[str, str]  # run charts (keys as CHART_COLOURS)
    timeline: Mapping[str, str]  # the milestones' timeline (keys as layout/timeline.py's)
    ground: str  # behind a chart or a timeline


LIGHT = Palette(
    dark=False,
    background=BACKGROUND,
    nodes=NODE_STYLES,
    edges=EDGE_STYLES,
    heading=HEADING_COLOUR,
    badge=BADGE_COLOUR,
    selection=SELECTION_COLOUR,
    handle="#FFFFFF",
    rim="#FFFFFF",
    band_edge="#CFCFC8",
    card="#FFFFFF",
    card_edge="#C8C8C0",
    card_text="#303030",
    chart=CHART_COLOURS,
    timeline=TIMELINE_COLOURS,
    ground="#FFFFFF",
)
DARK = Palette(
    dark=True,
    background="#1F2023",  # dark grey, not black: black behind bright boxes glares
    nodes=DARK_NODE_STYLES,
    edges=DARK_EDGE_STYLES,
    heading="#C9C9C9",
    badge="#FF8A80",
    selection="#F4B183",
    handle="#E8E8E8",
    rim="#1F2023",
    band_edge="#3A3C40",
    card="#2B2D30",
    card_edge="#4A4D52",
    card_text="#E0E0E0",
    chart=DARK_CHART_COLOURS,
    timeline=DARK_TIMELINE_COLOURS,
    ground="#1E1F22",
)


def palette(dark: bool = False) -> Palette:
    """The canvas's colours in the light (paper's) or the dark scheme."""
    return DARK if dark else LIGHT

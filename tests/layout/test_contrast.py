"""Every text on the canvas reads (WCAG AA, 4.5:1) and every line and box edge shows against
the background (3:1, WCAG 1.4.11), in the light scheme (the one paper gets) and in the dark
one; the kinds of box stay apart in both; and the PDF is light whatever the app shows."""

from __future__ import annotations

import io
import itertools

import pypdfium2
import pytest

from driverdiagram.colour_math import legible, text_for
from driverdiagram.export.pdf import export_pdf
from driverdiagram.layout.style import (
    DARK,
    LIGHT,
    NODE_STYLES,
    Palette,
    edge_style,
    node_style,
    palette,
)
from driverdiagram.layout.timeline import TIMELINE_COLOURS
from driverdiagram.model import Diagram, LinkKind, NodeKind
from driverdiagram.model.colours import contrast, luminance
from driverdiagram.ui.measure_badges import (
    DARK_MIXED_COLOUR,
    DARK_STATUS_COLOURS,
    DARK_TYPE_COLOURS,
    MIXED_COLOUR,
    STATUS_COLOURS,
    TYPE_COLOURS,
)
from driverdiagram.ui.note_pins import DARK_PIN_COLOURS, GAP_COLOUR, OPEN_COLOUR, RESOLVED_COLOUR

SCHEMES = pytest.mark.parametrize("pal", [LIGHT, DARK], ids=["light", "dark"])
COLUMNS = (NodeKind.OUTCOME, NodeKind.PRIMARY, NodeKind.SECONDARY, NodeKind.CHANGE_IDEA)  # left to right
TEXT, NON_TEXT = 4.5, 3.0


@SCHEMES
def test_every_kind_of_box_has_a_look(pal: Palette) -> None:
    assert set(pal.nodes) == set(NodeKind) and set(pal.edges) == set(LinkKind)


@SCHEMES
@pytest.mark.parametrize("kind", list(NodeKind))
def test_the_text_on_every_kind_of_box_reads(pal: Palette, kind: NodeKind) -> None:
    style = pal.nodes[kind]
    assert contrast(style.fill, style.text) >= TEXT, f"{kind.value}: {contrast(style.fill, style.text):.2f}"
    assert node_style(kind, dark=pal.dark) == style


@SCHEMES
def test_headings_read_on_the_background(pal: Palette) -> None:
    assert contrast(pal.heading, pal.background) >= TEXT


@SCHEMES
def test_a_barriers_strength_reads_on_it_and_a_drivers_score_in_its_text(pal: Palette) -> None:
    assert contrast(pal.badge, pal.nodes[NodeKind.ANTI_DRIVER].fill) >= TEXT
    assert contrast(pal.badge, pal.background) >= NON_TEXT


@SCHEMES
def test_the_legend_card_reads(pal: Palette) -> None:
    assert contrast(pal.card_text, pal.card) >= TEXT


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_count_on_a_measures_badge_and_a_notes_pin_reads(dark: bool) -> None:
    fills = (
        [*DARK_TYPE_COLOURS.values(), DARK_MIXED_COLOUR, *DARK_PIN_COLOURS.values()]
        if dark
        else [*TYPE_COLOURS.values(), MIXED_COLOUR, GAP_COLOUR, OPEN_COLOUR, RESOLVED_COLOUR]
    )
    for fill in fills:
        assert contrast(text_for(fill), fill) >= TEXT, fill


def test_on_a_dark_canvas_badges_rings_and_pins_show_on_the_background() -> None:
    for colour in [*DARK_TYPE_COLOURS.values(), *DARK_STATUS_COLOURS.values(), *DARK_PIN_COLOURS.values()]:
        assert contrast(colour, DARK.background) >= NON_TEXT, colour
    assert set(DARK_STATUS_COLOURS) == set(STATUS_COLOURS)
    assert set(DARK_PIN_COLOURS) == {GAP_COLOUR, OPEN_COLOUR, RESOLVED_COLOUR}


@SCHEMES
@pytest.mark.parametrize(("kind", "weak"), [(k, w) for k in LinkKind for w in (False, True)])
def test_links_show_on_the_background(pal: Palette, kind: LinkKind, weak: bool) -> None:
    colour = edge_style(kind, weak, pal.dark).colour
    assert colour == pal.edges[kind].colour
    assert contrast(colour, pal.background) >= NON_TEXT, f"{kind.value}: {contrast(colour, pal.background):.2f}"


def test_links_keep_their_look_in_dark() -> None:
    for kind in LinkKind:
        for weak in (False, True):
            light, dark = edge_style(kind, weak), edge_style(kind, weak, True)
            assert (light.width, light.dash) == (dark.width, dark.dash), "solid, dashed, dotted as in light"


@SCHEMES
@pytest.mark.parametrize("kind", list(NodeKind))
def test_box_borders_show_on_the_background(pal: Palette, kind: NodeKind) -> None:
    border = pal.nodes[kind].border
    assert contrast(border, pal.background) >= NON_TEXT, f"{kind.value}: {contrast(border, pal.background):.2f}"


@SCHEMES
def test_a_selected_box_shows_its_halo_on_the_background(pal: Palette) -> None:
    """The halo is the canvas's focus mark: 3:1 against what is round it (WCAG 1.4.11)."""
    assert contrast(pal.selection, pal.background) >= NON_TEXT


def _lab(hex_code: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of "#rrggbb", to say how far apart two colours look."""
    rgb = []
    for i in (1, 3, 5):
        c = int(hex_code[i : i + 2], 16) / 255
        rgb.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


@SCHEMES
def test_the_kinds_fills_look_apart(pal: Palette) -> None:
    for (a, sa), (b, sb) in itertools.combinations(pal.nodes.items(), 2):
        delta = sum((p - q) ** 2 for p, q in zip(_lab(sa.fill), _lab(sb.fill), strict=True)) ** 0.5
        assert delta >= 10, f"{a.value} and {b.value} look alike (ΔE {delta:.1f})"


@SCHEMES
def test_the_outcome_stands_out_most_and_each_column_to_its_right_a_little_less(pal: Palette) -> None:
    apart = [contrast(pal.nodes[k].fill, pal.background) for k in COLUMNS]
    assert apart == sorted(apart, reverse=True) and len(set(apart)) == len(apart), apart


@SCHEMES
def test_barriers_keep_their_red_border_and_square_corners(pal: Palette) -> None:
    barrier = pal.nodes[NodeKind.ANTI_DRIVER]
    red, green, blue = (int(barrier.border[i : i + 2], 16) for i in (1, 3, 5))
    assert red > green + 60 and red > blue + 60, "red-ish"
    assert barrier.radius == 0.0
    others = [s for k, s in pal.nodes.items() if k is not NodeKind.ANTI_DRIVER]
    assert all(barrier.border_width >= s.border_width + 0.2 for s in others), "a heavier border"
    assert all(s.radius > 0 for s in others), "the others have round corners"


def test_the_dark_background_is_dark_but_not_black() -> None:
    assert 0.005 < luminance(DARK.background) < 0.03
    assert luminance(LIGHT.background) > 0.9


@pytest.mark.parametrize("fill", ["#ffcc00", "#000080", "#777777", "#ffffff", "#8b0000"])
@pytest.mark.parametrize("kind", list(NodeKind))
def test_a_boxs_own_colour_stays_in_dark_and_its_text_reads(kind: NodeKind, fill: str) -> None:
    style = node_style(kind, fill, dark=True)
    assert style.fill == fill
    assert contrast(style.fill, style.text) >= TEXT, (kind, fill, style.text)
    if kind is NodeKind.ANTI_DRIVER:
        assert style.border == DARK.nodes[kind].border, "its red border is its mark"


@SCHEMES
def test_run_charts_read_on_their_ground(pal: Palette) -> None:
    assert set(pal.chart) == set(LIGHT.chart)
    assert contrast(pal.chart["text"], pal.ground) >= TEXT
    for key in ("line", "median", "median_signal", "target", "signal_edge", "marker", "axis"):
        assert contrast(pal.chart[key], pal.ground) >= NON_TEXT, key


@SCHEMES
def test_the_timeline_reads_on_its_ground(pal: Palette) -> None:
    assert set(pal.timeline) == set(TIMELINE_COLOURS)
    for key in ("text", "muted", "overdue"):
        assert contrast(pal.timeline[key], pal.ground) >= TEXT, key
        assert contrast(pal.timeline[key], pal.timeline["band"]) >= TEXT, key
    for key in ("open", "done", "today", "axis"):
        assert contrast(pal.timeline[key], pal.ground) >= NON_TEXT, key


def test_legible_lightens_a_light_screens_colour_on_a_dark_ground_and_keeps_one_that_reads() -> None:
    assert legible("#C00000", "#FFFFFF") == "#C00000"
    lighter = legible("#1F4E79", DARK.background)
    assert contrast(lighter, DARK.background) >= TEXT and luminance(lighter) > luminance("#1F4E79")


def test_paper_gets_the_light_colours() -> None:
    assert palette() is LIGHT and palette(dark=True) is DARK
    assert all(node_style(k) is NODE_STYLES[k] for k in NodeKind)


def test_the_pdf_is_light_even_when_the_app_is_told_to_be_dark(monkeypatch) -> None:
    monkeypatch.setenv("DRIVERDIAGRAM_COLOUR_SCHEME", "dark")
    d = Diagram.new("Aim")
    p = d.add_node("primary", "Research skills", parent=d.outcome.id)
    out = io.BytesIO()
    export_pdf(d, out, sections=["diagram"])
    page = pypdfium2.PdfDocument(out.getvalue())[0]
    text = page.get_textpage()
    hit = text.search(d.node(p.id).text, match_case=True).get_next()
    assert hit is not None
    left, bottom, _right, top = text.get_charbox(hit[0])
    bitmap = page.render(scale=2.0)
    _, h = page.get_size()
    x, y = int((left - 2) * 2), int((h - (top + bottom) / 2) * 2)
    at = y * bitmap.stride + x * bitmap.n_channels
    b, g, r = bitmap.buffer[at], bitmap.buffer[at + 1], bitmap.buffer[at + 2]
    fill = NODE_STYLES[NodeKind.PRIMARY].fill
    assert (r, g, b) == tuple(int(fill[i : i + 2], 16) for i in (1, 3, 5))

"""Width to fit (issue 13): the columns share the width there is, a page's or a window's."""

from __future__ import annotations

from pathlib import Path

import pytest

from driverdiagram.layout import LayoutOptions, layout
from driverdiagram.model import Diagram, load

CAREER = Path(__file__).resolve().parents[2] / "resources" / "examples" / "career.driver"


@pytest.fixture(scope="module")
def career() -> Diagram:
    return load(CAREER)


def lines(g) -> int:
    return sum(len(b.lines) for b in g.boxes.values())


def test_a_narrow_page_gets_narrower_columns_and_more_lines(career: Diagram) -> None:
    natural = layout(career)
    portrait = layout(career, LayoutOptions(fit_width=600))
    assert portrait.width <= 600 + 1e-6, "it fits the width"
    assert natural.width > 600
    assert all(w < n for w, n in zip(portrait.column_w, natural.column_w, strict=True))
    assert lines(portrait) > lines(natural)
    gap = portrait.column_x[1] - portrait.column_x[0] - portrait.column_w[0]
    assert 32 <= gap < 64, "the column gap gives way first, to half"


def test_a_wide_page_gets_wider_columns_and_fewer_lines(career: Diagram) -> None:
    natural = layout(career)
    wide = layout(career, LayoutOptions(fit_width=1400))
    assert natural.width < wide.width <= 1400 + 1e-6
    assert lines(wide) < lines(natural), "room to spare goes to the texts that wrap"
    assert max(wide.column_w) <= 1.6 * LayoutOptions().max_box_width + 1e-6


def test_no_more_width_than_the_texts_need() -> None:
    d = Diagram.new("Promoted by 2030")
    d.add_node("primary", "Research", parent=d.outcome.id)
    g = layout(d, LayoutOptions(fit_width=1400))
    assert len(g.column_w) == 2 and [h.text for h in g.headings] == ["Outcome", "Primary drivers"], (
        "an empty column takes no width"
    )
    assert g.width < 500, "a short aim does not claim a wide column"
    assert layout(d).column_w == g.column_w


def test_the_narrowest_columns_keep_their_headings(career: Diagram) -> None:
    g = layout(career, LayoutOptions(fit_width=200))  # far too narrow: each column at its floor
    from driverdiagram.layout.fonts import BOLD, metrics

    for h, w in zip(g.headings, g.column_w, strict=True):
        assert metrics(BOLD).width(h.text, g.options.font_size) <= w
    assert all(
        b.w >= 0.8 * LayoutOptions().min_box_width - 1e-6 for b in g.boxes.values() if b.kind.value != "anti_driver"
    )


def test_a_column_is_never_narrower_than_its_widest_word(career: Diagram) -> None:
    """Squeezed to a narrow window or page, a box wraps between words, never inside one
    (the barrier "Night-time staffing gaps…" printed as "Night-tim / e staffing")."""
    d = load(Path(__file__).resolve().parents[2] / "resources" / "examples" / "qi-falls.driver")
    for diagram in (career, d):
        g = layout(diagram, LayoutOptions(fit_width=300))
        for box in g.boxes.values():
            words = set(diagram.node(box.id).text.split())
            for line in box.lines:
                assert all(w in words for w in line.split()), f"{box.id}: a word cut in {box.lines}"

"""Fitting and tiling: legible or split, every box whole on some page, pages overlap."""

from __future__ import annotations

import itertools
import random
import re

import pytest
from pdf_helpers import export, flat

from driverdiagram.export.tiles import breaks, plan
from driverdiagram.layout import layout


def column_boxes(n: int, cols: int = 4, seed: int = 0) -> list[tuple[float, float, float, float]]:
    rng = random.Random(seed)
    rects = []
    for c in range(cols):
        y = 0.0
        for _ in range(n):
            h = rng.choice([25.0, 37.5, 50.0, 62.5])
            rects.append((18 + 254 * c, y, 208 + 254 * c, y + h))
            y += h + rng.choice([8.0, 18.0])
    return rects


def bounds_of(rects):
    return (0.0, -42.0, max(r[2] for r in rects) + 18, max(r[3] for r in rects) + 18)


def test_fits_on_one_page_while_text_stays_legible() -> None:
    rects = column_boxes(5)
    p = plan(bounds_of(rects), rects, (780, 480), 10.0)
    assert not p.tiled and len(p.windows) == 1
    assert p.scale * 10 >= 6
    assert p.scale == pytest.approx(min(780 / 988, 480 / (bounds_of(rects)[3] + 42)))


def test_never_scales_up_past_100_percent() -> None:
    rects = [(0.0, 0.0, 100.0, 30.0)]
    assert plan((0, 0, 100, 30), rects, (780, 480), 10.0).scale == 1.0


@pytest.mark.parametrize("n", [20, 60, 150])
@pytest.mark.parametrize("area", [(780, 470), (530, 700)])
def test_tiles_show_every_box_whole_at_a_legible_scale(n: int, area) -> None:
    rects = column_boxes(n, seed=n)
    p = plan(bounds_of(rects), rects, area, 10.0)
    assert p.tiled and p.scale * 10 >= 6 - 1e-9
    assert p.too_big(rects) == []
    for r in rects:
        assert any(w.shows(r) for w in p.windows)
    assert len(p.windows) <= p.rows * p.cols


def test_tile_mode_prints_at_100_percent() -> None:
    rects = column_boxes(10)
    p = plan(bounds_of(rects), rects, (780, 470), 10.0, "tile")
    assert p.scale == 1.0 and p.tiled


def test_the_scale_grows_as_far_as_the_same_number_of_pages_allows() -> None:
    rects = column_boxes(40)
    p = plan(bounds_of(rects), rects, (780, 470), 10.0)
    at_floor = plan(bounds_of(rects), rects, (780, 470), 10.0, min_font=6.0, max_scale=0.6)
    assert p.scale >= 0.6 and len(p.windows) <= len(at_floor.windows)


def test_breaks_overlap_and_cover() -> None:
    spans = [(float(i * 40), float(i * 40 + 30)) for i in range(50)]
    starts = breaks(0, 2000, spans, 300, 24)
    assert starts[0] == 0 and starts[-1] + 300 >= 2000
    for a, b in itertools.pairwise(starts):
        assert b > a and a + 300 - b >= 24 - 1e-9  # neighbours overlap
    for lo, hi in spans:
        assert any(s <= lo and hi <= s + 300 for s in starts)


def test_a_box_taller_than_a_page_is_reported_not_lost() -> None:
    rects = [(0.0, 0.0, 100.0, 30.0), (0.0, 40.0, 100.0, 3000.0)]
    p = plan((0, 0, 100, 3000), rects, (200, 300), 10.0)
    assert p.too_big(rects) == [1]
    covered = sorted((w.y, w.y + w.h) for w in p.windows)
    assert covered[0][0] <= 0 and covered[-1][1] >= 3000  # still printed from top to bottom
    assert all(b[0] <= a[1] for a, b in itertools.pairwise(covered))


def test_career_example_tiles_on_a4_landscape(career) -> None:
    g = layout(career)
    rects = [(b.x, b.y, b.right, b.bottom) for b in g.boxes.values()]
    p = plan(g.bounds, rects, (778, 460), g.options.font_size)
    assert p.tiled and p.cols == 1 and p.too_big(rects) == []


def test_a_part_marks_what_it_repeats_and_where_its_links_go(career, tmp_path) -> None:
    """The career example on A4 landscape is two parts, one above the other: the lower one
    repeats the column headings, marked "(continued)", and a link that runs off a part is
    labelled with the box it goes to and the page that prints that box."""
    out = export(career, tmp_path / "c.pdf", sections=("diagram",), orientation="landscape")
    first, pages = 2, out.result.diagram_pages - 1  # after the overview
    assert pages == 2
    upper, lower = (flat(out.pages[first - 1 + i]) for i in range(pages))
    assert "Secondary drivers (continued)" in lower and "Change ideas (continued)" in lower
    assert "(continued)" not in upper, "the first row has the headings themselves"
    # "Work–life balance" is printed on the lower part, and linked from the outcome above
    assert "→ Work–life balance · p. 3" in upper
    assert re.search(r"← Promoted to Associate Profess\S* · p\. 2", lower)
    for text, page in ((upper, 2), (lower, 3)):
        for target in re.findall(r"[→←] [^·]+ · p\. (\d+)", text):
            assert int(target) in (2, 3) and int(target) != page, "a label points at the other part"

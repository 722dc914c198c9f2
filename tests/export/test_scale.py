"""What keeps a big export linear, checked by what it does, not by the clock (speed lives
in `python -m benchmarks pdf`): plan queries are grid look-ups that agree with testing every
window, each part is handed just what it shows, and the map, the legend and the links that
run down many pages are drawn once, as forms that the part pages share."""

from __future__ import annotations

import random

import pytest
from pdf_helpers import Exported

from driverdiagram.export.pdf_diagram import MARGIN, SHARED_AFTER, DiagramPainter
from driverdiagram.export.pdf_fonts import Typesetter
from driverdiagram.export.pdf_pages import DiagramSheets
from driverdiagram.export.tiles import plan
from driverdiagram.layout import layout
from driverdiagram.model import Diagram


def grown(r, by: float):
    return (r[0] - by, r[1] - by, r[2] + by, r[3] + by)


@pytest.mark.parametrize("seed", range(6))
def test_plan_lookups_agree_with_testing_every_window(seed: int) -> None:
    rng = random.Random(seed)
    rects = []
    for c in range(rng.randint(1, 6)):
        y = 0.0
        for _ in range(rng.randint(5, 80)):
            h = rng.choice([25.0, 50.0, 400.0, rng.uniform(1, 3000)])
            rects.append((18 + 254 * c, y, 208 + 254 * c, y + h))
            y += h + 12
    bounds = (0.0, -42.0, max(r[2] for r in rects) + 18, max(r[3] for r in rects) + 18)
    p = plan(bounds, rects, (rng.uniform(200, 800), rng.uniform(200, 800)), 10.0, rng.choice(["fit", "tile"]))
    probes = rects + [grown(r, rng.uniform(0, 300)) for r in rects[:40]]
    for r in probes:
        assert p.touching(r) == [i for i, w in enumerate(p.windows) if w.touches(r)]
        assert p.shown(r) == any(w.shows(r) for w in p.windows)
        assert p.reach(r) >= len(p.touching(r))
    assert p.too_big(rects) == [i for i, r in enumerate(rects) if not any(w.shows(r) for w in p.windows)]
    for w in p.windows:  # a window is printed only when something is on it
        assert any(w.touches(r) for r in rects)


def sheets_for(d: Diagram) -> DiagramSheets:
    g = layout(d)
    ts = Typesetter()
    painter = DiagramPainter(g, ts, None, 6.0)
    return DiagramSheets(g, painter, ts, "Title", "", 778.0, 517.0, "fit", 6.0)


def test_each_part_is_given_just_what_it_shows(big: Diagram) -> None:
    s = sheets_for(big)
    assert s.plan.tiled
    painter, g = s.painter, s.g
    shared = {id(e) for e in painter.shared_edges}
    drawn = 0
    for i, w in enumerate(s.plan.windows):
        boxes, edges = painter.part(i)
        seen = grown(w.rect, MARGIN)
        # the boxes it shows whole, in the layout's order: never a slice of one (that one is
        # printed whole on the part beside it)
        whole = [b for b in g.boxes.values() if w.shows(painter.extent(b, s.plan.scale))]
        assert [b.id for b in boxes] == [b.id for b in whole]
        assert all(any(v.shows(painter.extent(b, s.plan.scale)) for v in s.plan.windows) for b in g.boxes.values())
        for e in g.edges:
            xs, ys = [p[0] for p in e.points], [p[1] for p in e.points]
            if min(xs) <= seen[2] and max(xs) >= seen[0] and min(ys) <= seen[3] and max(ys) >= seen[1]:
                assert id(e) in shared or any(e is x for x in edges)  # every link it shows
        drawn += len(boxes) + len(edges)
    # what the parts draw themselves grows with the diagram, not with diagram x pages
    assert drawn <= 4 * (len(g.boxes) + len(g.edges))


def test_links_that_run_down_many_pages_are_drawn_once() -> None:
    d = Diagram.new("Outcome")
    for i in range(120):
        d.add_node("primary", f"Driver {i}", parent=d.outcome.id, id=f"p{i}")
        d.add_node("secondary", f"Part of driver {i}", parent=f"p{i}", id=f"s{i}")
    d.connect("p0", "s119")  # from the top of the diagram to its bottom
    s = sheets_for(d)
    long_edge = next(e for e in s.g.edges if (e.source, e.target) == ("p0", "s119"))
    assert s.plan.reach(_bbox(long_edge.points)) > SHARED_AFTER
    assert any(e is long_edge for e in s.painter.shared_edges)
    assert not any(long_edge is e for i in range(len(s.plan.windows)) for e in s.painter.part(i)[1])


def _bbox(points):
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def test_part_pages_share_one_map_one_legend_and_one_form_of_long_links(big_pdf: Exported) -> None:
    reader = big_pdf.reader
    parts = reader.pages[1 : big_pdf.result.diagram_pages]
    assert len(parts) > 3
    forms = [{str(k): v.idnum for k, v in page["/Resources"]["/XObject"].items()} for page in parts]
    assert all(f == forms[0] for f in forms)  # the very same objects on every part page
    assert sorted(name.rsplit(".", 1)[-1].rstrip("0123456789") for name in forms[0]) == [
        "ddLegend",
        "ddMap",
        "ddSharedEdges",
    ]
    overview = {str(k): v.idnum for k, v in reader.pages[0]["/Resources"]["/XObject"].items()}
    assert len(overview) == 1 and set(overview.items()) <= set(forms[0].items())  # the legend; it draws the rest
    assert "Strong link" in big_pdf.pages[0] and "Strong link" in big_pdf.pages[1]  # a form's text is text

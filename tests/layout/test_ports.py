"""Ports: a driver link leaves its parent and enters its child at a point of its own, in the
order of the other ends, so that links to a shared node can be told apart."""

from __future__ import annotations

from collections import Counter

from test_stability import translation

from driverdiagram.layout import LayoutEngine
from driverdiagram.layout.paths import ports
from driverdiagram.model import Diagram, LinkKind


def test_ports_are_distinct_ordered_and_inside_the_middle_of_the_side() -> None:
    from driverdiagram.layout.geometry import Box

    d = Diagram.new("aim")
    g = LayoutEngine().layout(d)
    box: Box = g.boxes[d.outcome.id]
    assert ports(box, [5.0]) == [box.y + box.h / 2], "one link: the middle of the side"
    ys = ports(box, [30.0, 10.0, 20.0])
    assert len(set(ys)) == 3
    assert ys[1] < ys[2] < ys[0], "ordered by the other ends' heights"
    assert all(box.y < y < box.y + box.h for y in ys)


def test_no_two_driver_links_share_an_end_and_a_new_sibling_moves_the_ports() -> None:
    d = Diagram.new("Promoted by 2030")
    research = d.add_node("primary", "Research", parent=d.outcome.id).id
    balance = d.add_node("primary", "Balance", parent=d.outcome.id).id
    shared = d.add_node("secondary", "Protected time", parent=research).id
    d.connect(balance, shared)
    engine = LayoutEngine()
    g = engine.layout(d)
    drives = [e for e in g.edges if e.kind is LinkKind.DRIVES]
    ends = Counter([(e.source, e.points[0]) for e in drives] + [(e.target, e.points[-1]) for e in drives])
    assert max(ends.values()) == 1, "no shared end points"
    into = sorted((e for e in drives if e.target == shared), key=lambda e: e.points[-1][1])
    assert [e.source for e in into] == [research, balance], "the upper parent enters higher"
    stats = d.add_node("secondary", "Statistics", parent=research).id
    again = engine.layout(d)
    out = [e for e in again.edges if e.kind is LinkKind.DRIVES and e.source == research]
    assert len({e.points[0] for e in out}) == len(out) == 2
    d.connect(balance, stats)  # a link between boxes that stay where they are
    again = engine.layout(d)  # the memoized layout must not keep a port that moved
    fresh = LayoutEngine().layout(d)
    translation(again, fresh)  # after an edit, the same lines as a layout from scratch (moved as one)


def _crossings_of(route, channel_links) -> int:
    """Driver links crossed by a route, on the drawn curves (the benchmark's own count)."""
    from types import SimpleNamespace

    from benchmarks.layout_metrics import counter_crossings

    edges = [SimpleNamespace(kind=LinkKind.COUNTERS, points=route)]
    edges += [SimpleNamespace(kind=LinkKind.DRIVES, points=pts) for pts in channel_links]
    return counter_crossings(edges)


def test_a_countering_link_goes_round_the_busy_middle_where_it_can() -> None:
    """From a change idea at the top right to a barrier low on the left, past a column of
    boxes whose links fan out below: over the top it crosses none of them, straight across
    all of them."""
    from types import SimpleNamespace as Box

    from driverdiagram.layout.geometry import line
    from driverdiagram.layout.paths import drive_path, s_curve, through_columns

    col_x, col_w = [0.0, 200.0, 400.0], [100.0, 100.0, 100.0]
    middle = [(100.0 + 60 * i, 140.0 + 60 * i) for i in range(6)]  # the middle column's boxes
    spans = [[(400.0, 440.0)], middle, [(0.0, 40.0)]]
    outcome = Box(x=0.0, y=300.0, w=100.0, h=40.0)
    links = []
    for top, bottom in middle:  # the outcome's links to every box of the middle column
        links.append(drive_path(outcome, Box(x=200.0, y=top, w=100.0, h=bottom - top)))  # type: ignore[arg-type]
    channels = [[(p[0][1], p[-1][1]) for p in links], [], []]
    start, end = (400.0, 20.0), (100.0, 420.0)  # the change idea's left side, the barrier's right side
    route = through_columns(start, end, 0, 2, spans, col_x, col_w, channels)
    assert _crossings_of(route, links) == 0
    assert min(y for _, y in route) < middle[0][0], "over the top of the middle column"
    # threaded through the gap nearest the straight line (y 220 at the middle column: 200-220)
    old = s_curve(start, (300.0, 214.0)) + line((300.0, 214.0), (200.0, 214.0))[1:] + s_curve((200.0, 214.0), end)[1:]
    assert _crossings_of(old, links) >= 3, "the nearest gap crosses half the fan or more"


def test_the_examples_countering_links_cross_few_driver_links() -> None:
    """Measured on the bundled career example: threaded along the straight line they crossed
    24 driver links; routed round them, 17 (the barriers under the drivers in the middle
    cannot be reached without some)."""
    from pathlib import Path

    from benchmarks.layout_metrics import counter_crossings
    from driverdiagram.model import persistence

    examples = Path(__file__).resolve().parents[2] / "resources" / "examples"
    g = LayoutEngine().layout(persistence.load(examples / "career.driver"))
    assert sum(e.kind is LinkKind.COUNTERS for e in g.edges) == 5
    assert counter_crossings(g.edges) <= 17

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

"""The force-field view (issue 13): every force points at the outcome, at a point of its own,
its line as wide as the force is strong."""

from __future__ import annotations

from driverdiagram.layout import layout
from driverdiagram.model import Diagram, LinkKind


def test_forces_meet_the_outcome_apart_and_as_wide_as_they_are_strong() -> None:
    d = Diagram.new("Promoted by 2030", outcome_id="o")
    for i, strength in enumerate((1, 3, 5)):
        d.add_node("primary", f"Driver {i}", parent="o", id=f"p{i}", strength=strength)
    for i, strength in enumerate((2, 4)):
        d.add_node("anti_driver", f"Barrier {i}", parent="o", id=f"b{i}", strength=strength)
    g = layout(d, view="force_field")
    out = g.boxes["o"]
    ends = [e.points[-1] for e in g.edges]
    assert len(set(ends)) == len(ends) == 5, "no two forces share their end"
    for e in g.edges:
        x, y = e.points[-1]
        assert e.arrow and e.target == "o"
        assert x == (out.x if e.kind is LinkKind.DRIVES else out.right), "into the outcome's near side"
        assert out.y < y < out.bottom
    weight = {e.source: e.weight for e in g.edges}
    assert weight["p0"] < weight["p1"] < weight["p2"] and weight["b0"] < weight["b1"]
    left = sorted((e for e in g.edges if e.kind is LinkKind.DRIVES), key=lambda e: e.points[0][1])
    assert [e.points[-1][1] for e in left] == sorted(e.points[-1][1] for e in left), "in the forces' order"

"""Geometry invariants of the column layout on random diagrams (its stability: test_stability.py)."""

from __future__ import annotations

import pytest
from diagram_strategies import dag_diagram, diagrams
from hypothesis import given, settings
from hypothesis import strategies as st

from driverdiagram.layout import tidy_order
from driverdiagram.layout.columns import layout_columns
from driverdiagram.layout.fonts import metrics
from driverdiagram.layout.forcefield import layout_force_field
from driverdiagram.layout.geometry import Box, Geometry, LayoutOptions
from driverdiagram.model import Diagram, LinkKind, NodeKind

OPTIONS = st.builds(
    LayoutOptions,
    font_size=st.sampled_from([6.0, 8.0, 10.0, 14.0, 24.0]),
    max_box_width=st.sampled_from([60.0, 120.0, 190.0, 300.0]),
    columns=st.integers(1, 4),
    show_anti_drivers=st.booleans(),
)
EPS = 1e-6


def overlap(a: Box, b: Box) -> bool:
    return a.x < b.right - EPS and b.x < a.right - EPS and a.y < b.bottom - EPS and b.y < a.bottom - EPS


def strictly_inside(b: Box, p: tuple[float, float], margin: float = 0.5) -> bool:
    return b.x + margin < p[0] < b.right - margin and b.y + margin < p[1] < b.bottom - margin


def check_invariants(d: Diagram, g: Geometry) -> None:
    boxes = list(g.boxes.values())
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not overlap(a, b), f"{a.id} overlaps {b.id}"
    for b in boxes:
        assert g.column_x[b.column] - EPS <= b.x and b.right <= g.column_x[b.column] + g.column_w[b.column] + EPS
        left, top, right, bottom = g.bounds
        assert left <= b.x and b.right <= right and top <= b.y and b.bottom <= bottom
        node = d.node(b.id)
        expected_col = {"outcome": 0, "primary": 1, "secondary": 2, "change_idea": 3}.get(node.kind.value)
        if expected_col is not None:
            assert b.column == expected_col
        fm = metrics()
        for line in b.lines:
            assert b.text_x + fm.width(line, b.font_size) <= b.right - g.options.padding + 1e-6 or len(line) == 1
        assert len(b.lines) * b.line_height <= b.h - 2 * g.options.padding + EPS
        assert "".join(b.lines).replace(" ", "") == " ".join(node.text.split()).replace(" ", "")
    for e in g.edges:
        src, dst = g.boxes[e.source], g.boxes[e.target]
        p0, p1 = e.points[0], e.points[-1]
        if e.kind is LinkKind.DRIVES:
            assert p0[0] == pytest.approx(src.right) and src.y <= p0[1] <= src.bottom
            assert p1[0] == pytest.approx(dst.x) and dst.y <= p1[1] <= dst.bottom
        elif e.kind is LinkKind.HINDERS:
            assert p0[0] == pytest.approx(src.x) and src.y <= p0[1] <= src.bottom
            assert p1[1] == pytest.approx(dst.bottom) and dst.x <= p1[0] <= dst.right
        else:
            assert p0[0] == pytest.approx(src.x) and src.y <= p0[1] <= src.bottom
            assert p1[0] == pytest.approx(dst.right) and dst.y <= p1[1] <= dst.bottom
        for p in e.sample(24):
            for b in boxes:
                if b.id not in (e.source, e.target):
                    assert not strictly_inside(b, p), f"{e.source}->{e.target} passes through {b.id}"


@settings(max_examples=60, deadline=None)
@given(diagrams(), OPTIONS)
def test_column_layout_invariants(d: Diagram, options: LayoutOptions) -> None:
    g = layout_columns(d, options)
    check_invariants(d, g)
    shown = {n.id for n in d.nodes() if n.kind is not NodeKind.ANTI_DRIVER and (n.kind.column or 0) < options.columns}
    assert shown <= set(g.boxes)
    assert layout_columns(d, options) == g  # deterministic


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_dag_diagrams_in_tidy_order_lay_out_cleanly(seed: int) -> None:
    """Shared children spread down the columns by Tidy up, barriers, a narrow box width."""
    d = dag_diagram(80, seed, barriers=6)
    d.set_order(tidy_order(d))
    for options in (LayoutOptions(), LayoutOptions(max_box_width=120.0, font_size=8.0)):
        check_invariants(d, layout_columns(d, options))


def test_force_field_sides_and_totals() -> None:
    d = Diagram.new("Promoted by 2030", outcome_id="o")
    p = d.add_node("primary", "Research", parent="o", id="p")
    d.add_node("anti_driver", "No time", parent=p.id, strength=4, id="b0")
    d.add_node("anti_driver", "Impostor feelings", parent="o", strength=3, id="b1")
    g = layout_force_field(d)
    out = g.boxes[d.outcome.id]
    assert g.boxes[p.id].right < out.x
    assert all(g.boxes[a.id].x > out.right for a in d.nodes(NodeKind.ANTI_DRIVER))
    assert g.totals["restraining"] == 7
    assert any("total 7" in h.text for h in g.headings)


@pytest.mark.parametrize("name", ["career.driver", "qi-falls.driver"])
@pytest.mark.parametrize("size", [6.0, 8.0, 10.0, 12.0, 16.0, 24.0])
def test_bundled_examples_lay_out_cleanly_at_any_font_size(name: str, size: float) -> None:
    from driverdiagram.resources import resource

    from driverdiagram.model import loads

    d = loads(resource("examples", name).read_bytes())
    g = layout_columns(d, LayoutOptions(font_size=size))
    check_invariants(d, g)
    assert set(g.boxes) == {n.id for n in d.nodes()}

"""An edit moves as little as it can (driverdiagram/layout/placement.py, issue 13).

What the placement promises, as a reader of the canvas sees it:

* the same diagram gives the same drawing, so a text edit that keeps its box's size (and
  every column's width) moves no other box;
* what the canvas shows after an edit (the `LayoutEngine`, anchored to its last layout) is
  the fresh layout of the diagram moved up or down as one: nothing but a translation;
* an added change idea in a column packed tight moves the shorter side of that column (and
  what is linked to it), never both sides: the rest stays where the reader left it.
"""

from __future__ import annotations

import random
import statistics

import networkx as nx
from diagram_strategies import TEXTS, dag_diagram, diagrams
from hypothesis import given, settings
from hypothesis import strategies as st

from driverdiagram.layout import LayoutEngine, tidy_order
from driverdiagram.layout.columns import ColumnLayout, layout_columns
from driverdiagram.layout.geometry import Geometry
from driverdiagram.model import Diagram, NodeKind

DRIVERS = (NodeKind.OUTCOME, NodeKind.PRIMARY, NodeKind.SECONDARY, NodeKind.CHANGE_IDEA)
CHILD = {NodeKind.OUTCOME: "primary", NodeKind.PRIMARY: "secondary", NodeKind.SECONDARY: "change_idea"}


def moved(before: Geometry, after: Geometry) -> set[str]:
    """The boxes in both drawings whose place or size changed (as the benchmark counts them)."""
    out = set()
    for v, a in before.boxes.items():
        b = after.boxes.get(v)
        if b is not None and max(abs(a.x - b.x), abs(a.y - b.y), abs(a.w - b.w), abs(a.h - b.h)) > 1e-6:
            out.add(v)
    return out


def translation(a: Geometry, b: Geometry) -> float:
    """The one vertical shift that takes drawing `b` onto drawing `a`: every box, line and
    heading; fails if the two differ in anything else."""
    assert a.boxes.keys() == b.boxes.keys()
    shifts = {round(a.boxes[v].y - b.boxes[v].y, 6) for v in a.boxes}
    assert len(shifts) <= 1, f"not one translation: {sorted(shifts)[:5]}"
    t = shifts.pop() if shifts else 0.0
    for v, x in a.boxes.items():
        y = b.boxes[v]
        same = ("x", "w", "h", "lines", "kind", "badge", "column")
        assert [getattr(x, k) for k in same] == [getattr(y, k) for k in same]
        assert abs(x.first_baseline - y.first_baseline - t) < 1e-6
    assert a.column_x == b.column_x and a.column_w == b.column_w and a.width == b.width
    assert abs(a.height - b.height) < 1e-6
    ea = sorted((e.source, e.target, e.kind.value, e.points) for e in a.edges)
    eb = sorted((e.source, e.target, e.kind.value, e.points) for e in b.edges)
    assert len(ea) == len(eb)
    for (s, t_, k, pa), (s2, t2, k2, pb) in zip(ea, eb, strict=True):
        assert (s, t_, k) == (s2, t2, k2) and len(pa) == len(pb)
        for (x0, y0), (x1, y1) in zip(pa, pb, strict=True):
            assert abs(x0 - x1) < 1e-6 and abs(y0 - y1 - t) < 1e-6, f"the line {s} -> {t_} changed shape"
    return t


@settings(max_examples=80, deadline=None)
@given(diagrams(), st.data())
def test_a_text_edit_that_keeps_the_size_moves_no_other_box(d: Diagram, data) -> None:
    engine = LayoutEngine()
    before = engine.layout(d)
    node = data.draw(st.sampled_from([n.id for n in d.nodes() if n.kind in DRIVERS]))
    d.edit_node(node, text=data.draw(TEXTS))
    after = engine.layout(d)
    kept = after.boxes[node].h == before.boxes[node].h and after.column_w == before.column_w
    if kept:
        assert moved(before, after) <= {node}
        assert moved(layout_columns(d), after) == set(), "anchoring did nothing: nothing moved"


@settings(max_examples=40, deadline=None)
@given(diagrams(), st.lists(st.tuples(st.integers(0, 2), st.integers(0, 10**6), TEXTS), min_size=1, max_size=6))
def test_the_canvas_draws_the_fresh_layout_moved_as_one(d: Diagram, edits) -> None:
    """`ColumnLayout` reuses the last layout's objects and anchors the new one to it; what it
    gives is the fresh layout shifted up or down, edit after edit (adds, new texts, removals)."""
    memo = ColumnLayout()
    assert memo.layout(d) == layout_columns(d)
    for k, (what, pick, text) in enumerate(edits):
        nodes = [n for n in d.nodes() if n.kind is not NodeKind.OUTCOME]
        if what == 0 or not nodes:
            parents = [n for n in d.nodes() if n.kind in CHILD]
            parent = parents[pick % len(parents)]
            d.add_node(CHILD[parent.kind], text, parent=parent.id, id=f"e{k}")
        elif what == 1:
            d.edit_node(nodes[pick % len(nodes)].id, text=text)
        else:
            d.remove_nodes([nodes[pick % len(nodes)].id])
        again = memo.layout(d)
        translation(again, layout_columns(d))
        assert set(nx.descendants(d.drive_graph(), "o")) <= set(again.boxes)


def test_an_added_change_idea_moves_the_shorter_side_of_its_column() -> None:
    """300-node DAGs in Tidy up's order (secondaries under several primaries, ideas under
    several secondaries, barriers): 20 change ideas added, each under a random secondary
    and taken away again. The change ideas are the tallest column, packed tight, so a new
    one must push one side of it; the other side, and what hangs on it, stays put."""
    fractions = []
    for seed in (1, 2, 3):
        d = dag_diagram(300, seed, barriers=12)
        d.set_order(tidy_order(d))
        engine, rng = LayoutEngine(), random.Random(seed)
        secondaries = [n.id for n in d.nodes(NodeKind.SECONDARY)]
        for i in range(20):
            before = engine.layout(d)
            new = d.add_node("change_idea", "Ask the mentor about protected time", parent=rng.choice(secondaries))
            after = engine.layout(d)
            ideas = [n.id for n in d.nodes(NodeKind.CHANGE_IDEA)]
            at = ideas.index(new.id)
            above, below = set(ideas[:at]), set(ideas[at + 1 :])
            m = moved(before, after)
            assert not (m & above) or not (m & below), f"edit {i} of seed {seed} moved both sides"
            shorter = min(len(above), len(below))
            assert len(m) <= shorter + 0.2 * len(before.boxes), "the shorter side and what is linked to it"
            fractions.append(len(m) / len(before.boxes))
            d.remove_nodes([new.id])
            engine.layout(d)
    assert statistics.median(fractions) <= 0.30, "about a quarter of the boxes, the median of min(f, 1 - f)"


def test_a_parent_sits_at_the_middle_of_its_children_and_a_chain_is_straight() -> None:
    d = Diagram.new("Promoted to associate professor by 2030", outcome_id="o")
    d.add_node("primary", "Research", parent="o", id="p")
    d.add_node("secondary", "Grants", parent="p", id="s")
    for i in range(3):
        d.add_node("change_idea", f"Idea {i}", parent="s", id=f"c{i}")
    d.add_node("primary", "Teaching", parent="o", id="q")
    d.add_node("secondary", "Course", parent="q", id="t")
    d.add_node("change_idea", "Teach one course", parent="t", id="u")
    g = layout_columns(d)
    b = g.boxes
    assert b["s"].cy == b["c1"].cy, "a parent level with its middle child"
    assert b["p"].cy == b["s"].cy, "a single child: a straight line"
    assert b["q"].cy == b["t"].cy == b["u"].cy, "a chain of single children is a straight line"
    assert b["c0"].y < b["c1"].y < b["c2"].y < b["u"].y, "the user's order"
    assert b["o"].cy == (b["p"].cy + b["q"].cy) / 2, "the outcome between its two primaries"


def test_no_box_sticks_out_of_the_tallest_column_to_sit_level_with_a_short_child() -> None:
    """A secondary driver of six lines over a one-line change idea at the very top would stick
    out above the change ideas to be level with it; the drawing stays as tall as that column."""
    d = Diagram.new("Promoted by 2030", outcome_id="o")
    d.add_node("primary", "Research", parent="o", id="p")
    long = "A steady writing habit with protected mornings, a writing group and a coach " * 2
    d.add_node("secondary", long, parent="p", id="tall")
    d.add_node("change_idea", "Write", parent="tall", id="first")
    d.add_node("secondary", "Grants", parent="p", id="s")
    for i in range(6):
        d.add_node("change_idea", f"Idea {i}", parent="s", id=f"c{i}")
    g = layout_columns(d)
    b = g.boxes
    ideas = [b["first"]] + [b[f"c{i}"] for i in range(6)]
    assert b["tall"].h > 2 * b["first"].h, "the case: a tall parent over a short child"
    top, bottom = min(x.y for x in ideas), max(x.bottom for x in ideas)
    assert all(top - 1e-6 <= x.y and x.bottom <= bottom + 1e-6 for x in b.values()), "no box above or below them"
    assert b["tall"].y == top, "as near its child as the column allows"

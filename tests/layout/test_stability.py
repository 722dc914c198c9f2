"""An edit moves only what depends on it (driverdiagram/layout/placement.py).

The placement rule says what a box's place depends on: the boxes above it in its column,
a parent's middle children, and a child's level parent's push (for the children drawn
beside that parent). `may_move` restates that rule independently of the layout's code and
follows it outward from an edit; every box outside that set must keep exactly its place.
"""

from __future__ import annotations

import networkx as nx
from diagram_strategies import TEXTS, dag_diagram, diagrams
from hypothesis import event, given, settings
from hypothesis import strategies as st

from driverdiagram.layout import tidy_order
from driverdiagram.layout.columns import ColumnLayout, layout_columns
from driverdiagram.layout.geometry import Geometry
from driverdiagram.model import Diagram, LinkKind, NodeKind

DRIVERS = (NodeKind.OUTCOME, NodeKind.PRIMARY, NodeKind.SECONDARY, NodeKind.CHANGE_IDEA)
CHILD = {NodeKind.OUTCOME: "primary", NodeKind.PRIMARY: "secondary", NodeKind.SECONDARY: "change_idea"}


def may_move(d: Diagram, before: Geometry, after: Geometry, edited: str, new: bool) -> set[str]:
    """The boxes an edit of `edited` (a new node when `new`, else a new text) may move."""
    columns = [[n.id for n in d.nodes(kind)] for kind in DRIVERS]
    column = {v: c for c, col in enumerate(columns) for v in col}
    at = {v: i for col in columns for i, v in enumerate(col)}
    kids: dict[str, list[str]] = {v: [] for v in column}
    parents: dict[str, list[str]] = {v: [] for v in column}
    for lk in d.links():
        if lk.kind is LinkKind.DRIVES:
            kids[lk.source].append(lk.target)
            parents[lk.target].append(lk.source)
    for ks in kids.values():
        ks.sort(key=at.__getitem__)

    def middle(p: str) -> set[str]:
        ks = kids[p]
        return {ks[(len(ks) - 1) // 2], ks[len(ks) // 2]} if ks else set()

    level: set[str] = set()  # parents level with their middle children
    for col in columns:
        last = -1
        for p in col:
            if kids[p] and min(at[k] for k in middle(p)) > last:
                level.add(p)
                last = max(at[k] for k in middle(p))

    def group(p: str) -> set[str]:
        """The children that follow p down when it is pushed: if it is level with its middle
        children, those, the ones between, and the unbroken runs of its children next to them."""
        if p not in level:
            return set()
        col = columns[column[p] + 1]
        lo, hi = min(at[k] for k in middle(p)), max(at[k] for k in middle(p))
        while lo > 0 and p in parents[col[lo - 1]]:
            lo -= 1
        while hi + 1 < len(col) and p in parents[col[hi + 1]]:
            hi += 1
        return {v for v in col[lo : hi + 1] if p in parents[v]}

    todo = {edited}
    if new:
        todo |= set(parents[edited])  # their middle children may change
        col = columns[column[edited]]
        for v in col[max(0, at[edited] - 1) : at[edited] + 2]:  # a run the new box breaks
            for p in parents[v]:
                todo |= group(p)
    widened = [c for c in range(len(before.column_w)) if before.column_w[c] != after.column_w[c]]
    if widened:  # a column that grows moves its boxes and every column to its right
        todo |= {v for v in column if column[v] >= widened[0]}
    seen: set[str] = set()
    while todo:
        v = todo.pop()
        if v in seen:
            continue
        seen.add(v)
        todo |= set(columns[column[v]][at[v] + 1 :])  # below it in its column
        todo |= {p for p in parents[v] if v in middle(p)}  # a parent level with it
        todo |= group(v)  # the children that follow it down
    return seen | {a.id for v in seen for a in d.anti_drivers(v)}


def moved(before: Geometry, after: Geometry) -> set[str]:
    return {v for v, b in before.boxes.items() if v in after.boxes and after.boxes[v] != b}


def check_edit(d: Diagram, edit) -> tuple[set[str], set[str]]:
    """Apply `edit(d)` (it returns the id it edited and whether it is new); assert that no
    box outside `may_move` moved; return (moved, may_move)."""
    before = layout_columns(d)
    edited, new = edit(d)
    after = layout_columns(d)
    allowed = may_move(d, before, after, edited, new)
    wrong = moved(before, after) - allowed
    assert not wrong, f"moved though nothing they depend on changed: {sorted(wrong)}"
    return moved(before, after), allowed


def add_under(parent: str, text: str = "A new idea"):
    def edit(d: Diagram) -> tuple[str, bool]:
        kind = CHILD[d.node(parent).kind]
        return d.add_node(kind, text, parent=parent, id="new").id, True

    return edit


def retext(node: str, text: str):
    def edit(d: Diagram) -> tuple[str, bool]:
        d.edit_node(node, text=text)
        return node, False

    return edit


@settings(max_examples=80, deadline=None)
@given(diagrams(), st.data())
def test_an_edit_moves_only_what_depends_on_it(d: Diagram, data) -> None:
    drivers = [n.id for n in d.nodes() if n.kind in DRIVERS]
    if data.draw(st.booleans(), label="add a child"):
        parents = [v for v in drivers if d.node(v).kind in CHILD]
        edit = add_under(data.draw(st.sampled_from(parents)))
    else:
        edit = retext(data.draw(st.sampled_from(drivers)), data.draw(TEXTS))
    changed, allowed = check_edit(d, edit)
    event("kept in place", min(10 * (len(d) - len(allowed)) // max(1, len(d)), 9))


def test_an_edit_deep_in_a_dag_leaves_the_rest_in_place() -> None:
    """A 300-node DAG in Tidy up's order (secondaries under several primaries, ideas under
    several secondaries, barriers): an idea added two thirds down, or a longer text there."""
    d = dag_diagram(300, 7, barriers=12)
    order = tidy_order(d)
    d.set_order(order)
    secondaries = [n.id for n in d.nodes(NodeKind.SECONDARY)]
    ideas = [n.id for n in d.nodes(NodeKind.CHANGE_IDEA)]
    shared = sum(1 for v in secondaries + ideas if len(d.parents(v)) > 1)
    assert shared > 40, "the diagram is DAG-shaped"
    longer = "and a longer sentence that wraps onto more lines, so the nodes below it move down"
    for edit in (add_under(secondaries[2 * len(secondaries) // 3]), retext(ideas[2 * len(ideas) // 3], longer)):
        e = dag_diagram(300, 7, barriers=12)
        e.set_order(order)
        changed, allowed = check_edit(e, edit)
        assert len(allowed) < 0.6 * len(e), "the rule leaves much of the diagram out of the edit's reach"
        assert len(changed) < 0.5 * len(e), "most boxes stay where they were"


def test_a_parent_above_the_edit_follows_its_only_child_down() -> None:
    """The found counterexample: three primaries, the first one's secondary below the
    middle one's (the order crosses), barriers on the outcome and that secondary. A new
    secondary under the middle primary makes room below itself, so the first primary's
    secondary moves down 32.5 pt and the first primary with it, level with its child; the
    boxes above the new one and everything else that does not depend on it stay put."""
    d = Diagram.new("Promoted by 2030", outcome_id="o")
    for i in range(3):
        d.add_node("primary", f"Primary {i}", parent="o", id=f"p{i}")
    d.add_node("secondary", "Under the middle one", parent="p1", id="s1")
    d.add_node("secondary", "Under the first one", parent="p0", id="s0")
    for i, target in enumerate(["o", "o", "s1", "s1", "s0", "p2"]):
        d.add_node("anti_driver", f"Barrier {i}", parent=target, id=f"b{i}")
    d.set_order([v for v in d.order if v not in ("s0", "s1")] + ["s1", "s0"])
    assert [n.id for n in d.nodes(NodeKind.SECONDARY)] == ["s1", "s0"]
    before = layout_columns(d)
    changed, _ = check_edit(d, lambda d: (d.add_node("secondary", "New", parent="p1", after="s1", id="new").id, True))
    after = layout_columns(d)
    drop = after.boxes["s0"].y - before.boxes["s0"].y
    assert drop == after.boxes["new"].h + 8.0  # the new box and the gap between siblings
    assert after.boxes["p0"].y - before.boxes["p0"].y == drop
    assert before.boxes["p0"].cy == before.boxes["s0"].cy and after.boxes["p0"].cy == after.boxes["s0"].cy
    assert {"s1", "b2", "b3"}.isdisjoint(changed), "what is above the new box stays"


def test_a_shared_child_far_away_does_not_move_its_other_parents() -> None:
    """The coupling that moved ~290 of 300 boxes: a parent near the top with one child far
    down the column stays put when that child moves (it is level with its middle children)."""
    d = Diagram.new("Outcome", outcome_id="o")
    d.add_node("primary", "Top", parent="o", id="top")
    d.add_node("primary", "Bottom", parent="o", id="bottom")
    for i in range(3):
        d.add_node("secondary", f"Top's {i}", parent="top", id=f"t{i}")
    for i in range(6):
        d.add_node("secondary", f"Bottom's {i}", parent="bottom", id=f"u{i}")
    d.connect("top", "u5")
    changed, _ = check_edit(
        d, lambda d: (d.add_node("secondary", "New", parent="bottom", after="u2", id="new").id, True)
    )
    assert "u5" in changed
    assert {"top", "t0", "t1", "t2"}.isdisjoint(changed)


@settings(max_examples=40, deadline=None)
@given(diagrams(), st.lists(st.tuples(st.integers(0, 2), st.integers(0, 10**6), TEXTS), min_size=1, max_size=6))
def test_remembering_the_last_layout_changes_nothing(d: Diagram, edits) -> None:
    """`ColumnLayout` reuses the last layout's objects; what it gives is what a fresh
    layout gives, edit after edit (adds, new texts, removals)."""
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
        fresh = layout_columns(d)
        assert again == fresh
        assert set(nx.descendants(d.drive_graph(), "o")) <= set(again.boxes)

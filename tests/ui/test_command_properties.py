"""Property test at the command level: random sequences of the UI's intents, each pushed as
undo commands by the document; undo all gives back the start, redo all the end."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from driverdiagram.model import Diagram, LinkStrength, NodeKind, to_document
from driverdiagram.ui.document import Document

INTENTS = (
    "child",
    "sibling",
    "anti",
    "text",
    "fields",
    "remove",
    "link",
    "unlink",
    "strength",
    "move",
    "order",
    "typed",
    "abandoned",
    "batch",
    "measure",
    "measure_edit",
    "measure_remove",
    "measure_move",
)
texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)
steps = st.lists(
    st.tuples(st.sampled_from(INTENTS), st.integers(0, 10_000), st.integers(0, 10_000), texts), max_size=25
)


def start_diagram() -> Diagram:
    d = Diagram.new("Promoted by 2030", outcome_id="o")
    p = d.add_node(NodeKind.PRIMARY, "Research", parent="o", id="p1")
    d.add_node(NodeKind.SECONDARY, "Statistics", parent=p.id, id="s1")
    return d


def apply(doc: Document, intent: str, a: int, b: int, text: str) -> None:
    d = doc.diagram
    nodes = d.nodes()
    node = nodes[a % len(nodes)]
    other = nodes[b % len(nodes)]
    if intent in ("child", "sibling", "anti"):
        {"child": doc.add_child, "sibling": doc.add_sibling, "anti": doc.add_anti_driver}[intent](node.id, text)
    elif intent == "text":
        doc.set_text(node.id, text)
    elif intent == "fields":
        doc.edit_fields(node.id, burst=("panel", b % 3), description=text)
    elif intent == "remove":
        doc.remove([node.id, other.id][: 1 + b % 2])
    elif intent == "link":
        doc.link(node.id, other.id, LinkStrength.WEAK if b % 2 else LinkStrength.STRONG)
    elif intent in ("unlink", "strength"):
        links = d.links()
        if links:
            lk = links[b % len(links)]
            if intent == "unlink":
                doc.unlink(lk.source, lk.target)
            else:
                doc.set_link_strength(lk.source, lk.target, LinkStrength.WEAK)
    elif intent == "move":
        doc.move_sibling(node.id, -1 if b % 2 else 1)
    elif intent == "order":
        order = list(d.order)
        i, j = a % len(order), b % len(order)
        order[i], order[j] = order[j], order[i]
        doc.set_order(order)
    elif intent in ("typed", "abandoned"):
        new = doc.begin_node(("child", "sibling", "anti")[b % 3], node.id)
        if new is not None:
            if intent == "typed":
                doc.finish_node(new, text)
            else:
                doc.abandon_node(new)
    elif intent == "measure":
        doc.add_item("measures", {"id": doc.new_item_id("m"), "node_id": node.id, "name": text or "A measure"})
    elif intent in ("measure_edit", "measure_remove", "measure_move"):
        measures = d.items("measures")
        if measures:
            m = measures[b % len(measures)]
            if intent == "measure_edit":
                doc.edit_item("measures", m.id, burst=("panel", a % 2), name=text or "Renamed", target=float(a % 7))
            elif intent == "measure_remove":
                doc.remove_item("measures", m.id)
            else:
                doc.move_item("measures", m.id, a % len(measures))
    elif intent == "batch":
        with doc.batch("Paste"):
            doc.add_child(node.id, text)
            doc.add_anti_driver(other.id, text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps)
def test_undo_all_gives_the_start_and_redo_all_gives_the_end(qapp, sequence) -> None:
    doc = Document(start_diagram())
    start = to_document(doc.diagram)
    for step in sequence:
        apply(doc, *step)
        assert doc.new_node is None or doc.new_node in doc.diagram
    end = to_document(doc.diagram)
    stack = doc.undo_stack
    while stack.canUndo():
        stack.undo()
    assert to_document(doc.diagram) == start
    while stack.canRedo():
        stack.redo()
    assert to_document(doc.diagram) == end
    doc.deleteLater()


def test_a_batch_is_one_undo_step_and_one_change_each_way(qapp) -> None:
    doc = Document(start_diagram())
    seen = []
    doc.changed.connect(seen.append)
    with doc.batch("Paste 3 nodes"):
        doc.add_child("s1", "Course")
        doc.add_child("s1", "Mentor")
        doc.add_anti_driver("p1", "No time")
    assert doc.undo_stack.count() == 1 and doc.undo_stack.undoText() == "Paste 3 nodes"
    assert len(seen) == 1 and len(seen[0].parts) == 3
    doc.undo_stack.undo()
    assert len(seen) == 2 and len(doc.diagram) == 3
    doc.undo_stack.redo()
    assert len(seen) == 3 and len(doc.diagram) == 6
    doc.deleteLater()

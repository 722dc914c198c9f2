"""Edit ▸ Paste of plain text: an outline from Word, a notes app or a Markdown list becomes a
branch under the selected node, in one undo step; a broken one says what is wrong, line by line."""

from __future__ import annotations

OUTLINE = """Protected research time
\tBlock Friday mornings for writing
\t\tMeasure (process): Writing hours per week
\tSay no to one committee
Barrier (4/5): Clinical rota changes every month
Writing group
"""


def _clip(text: str) -> None:
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().setText(text)


def test_an_outline_pasted_on_a_primary_driver_becomes_its_branch_in_one_step(window) -> None:
    from driverdiagram.model import Diagram, NodeKind

    d = Diagram.new("Promoted by 2030")
    p = d.add_node("primary", "Research skills", parent=d.outcome.id)
    window.show_diagram(d, None)
    window.canvas.select(p.id)
    _clip(OUTLINE)
    steps = window.document.undo_stack.count()
    window.paste()
    d = window.document.diagram
    kids = d.children(p.id)
    assert [(c.kind, c.text) for c in kids] == [
        (NodeKind.SECONDARY, "Protected research time"),
        (NodeKind.SECONDARY, "Writing group"),
    ]
    ideas = d.children(kids[0].id)
    assert [i.text for i in ideas] == ["Block Friday mornings for writing", "Say no to one committee"]
    assert [(a.text, a.strength) for a in d.anti_drivers(p.id)] == [("Clinical rota changes every month", 4)]
    measures = [(m.name, m.node_id) for m in d.items("measures")]
    assert measures == [("Writing hours per week", ideas[0].id)]
    assert window.document.undo_stack.count() == steps + 1
    assert set(window.canvas.diagram_scene.nodes) == {n.id for n in d.nodes()}, "every pasted box on the canvas"
    window.document.undo_stack.undo()
    assert d.children(p.id) == [] and list(d.items("measures")) == [] and d.anti_drivers(p.id) == []


def test_an_outline_pasted_on_a_change_idea_goes_beside_it(window) -> None:
    from driverdiagram.model import Diagram

    d = Diagram.new("Promoted by 2030")
    p = d.add_node("primary", "Research skills", parent=d.outcome.id)
    s = d.add_node("secondary", "Protected time", parent=p.id)
    c = d.add_node("change_idea", "Block Fridays", parent=s.id)
    window.show_diagram(d, None)
    window.canvas.select(c.id)
    _clip("- Say no to one committee\n- Write at home on Wednesdays\n")
    window.paste()
    assert [n.text for n in window.document.diagram.children(s.id)] == [
        "Block Fridays",
        "Say no to one committee",
        "Write at home on Wednesdays",
    ]


def test_a_broken_outline_pastes_nothing_and_says_which_line(window, monkeypatch) -> None:
    from driverdiagram.model import Diagram
    from driverdiagram.ui import dialogs

    d = Diagram.new("Promoted by 2030")
    p = d.add_node("primary", "Research skills", parent=d.outcome.id)
    window.show_diagram(d, None)
    window.canvas.select(p.id)
    said: list[str] = []
    monkeypatch.setattr(dialogs, "warning", lambda parent, title, text, *a: said.append(text))
    _clip("Protected time\n\tBlock Fridays\n\t\tToo deep\nBarrier (9/5): Rota\n")
    steps = window.document.undo_stack.count()
    window.paste()
    assert window.document.undo_stack.count() == steps and window.document.diagram.children(p.id) == []
    assert len(said) == 1 and "nothing was pasted" in said[0]
    assert "line 3: 'Too deep' is deeper than the change ideas" in said[0]
    assert "line 4: a barrier's strength is 1 to 5, not 9" in said[0]

"""The editor driven as a user drives it: keys on the canvas, typing in place, the panel."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from ui_helpers import press, shortcut, type_text

from driverdiagram.model import Diagram, LinkKind, NodeKind, load, to_document
from driverdiagram.ui import dialogs

CTRL = Qt.KeyboardModifier.ControlModifier


def assert_scene_matches_model(w) -> None:
    """Every node and link of the model is on the canvas with its text, and nothing else."""
    d = w.document.diagram
    scene = w.canvas.diagram_scene
    assert set(scene.nodes) == {n.id for n in d.nodes()}
    for n in d.nodes():
        assert " ".join(scene.nodes[n.id].box.lines).split() == n.text.split()
        assert scene.nodes[n.id].box.kind is n.kind
    assert set(scene.edges) == {(lk.source, lk.target) for lk in d.links()}


def texts(d: Diagram, kind: NodeKind) -> list[str]:
    return [n.text for n in d.nodes(kind)]


def test_a_new_user_builds_saves_undoes_and_redoes_a_diagram(window, tmp_path: Path) -> None:
    """The issue's walk-through: outcome, Tab, primary, Enter, another, Tab, secondary,
    Ctrl+B, barrier, Ctrl+S; then undo back to empty and redo forward again."""
    path = tmp_path / "plan.driver"
    assert window.open_path(path, create=True)
    assert window.canvas.editor.active, "a new diagram starts with its outcome ready to type"
    steps = [
        ("Promoted to associate professor by June 2030", Qt.Key.Key_Tab, None),
        ("Research skills", Qt.Key.Key_Return, None),
        ("Work–life balance", Qt.Key.Key_Tab, None),
        ("Protected evenings and weekends", Qt.Key.Key_B, CTRL),
        ("Clinical load leaves “no time”", Qt.Key.Key_S, CTRL),
    ]
    for text, key, mods in steps:
        type_text(window, text)
        press(window, key, mods or Qt.KeyboardModifier.NoModifier)
        assert_scene_matches_model(window)
    assert path.exists(), "Ctrl+S wrote the file it was started with, without a dialog"
    saved = load(path)
    assert saved.outcome.text == "Promoted to associate professor by June 2030"
    assert texts(saved, NodeKind.PRIMARY) == ["Research skills", "Work–life balance"]
    assert texts(saved, NodeKind.SECONDARY) == ["Protected evenings and weekends"]
    assert texts(saved, NodeKind.ANTI_DRIVER) == ["Clinical load leaves “no time”"]
    assert saved.target(saved.nodes(NodeKind.ANTI_DRIVER)[0].id).text == "Protected evenings and weekends"
    assert not window.document.modified and not window.isWindowModified()

    stack = window.document.undo_stack
    assert stack.undoText() == "Add anti-driver", "Tab/Enter + typing is one step, named for what was added"
    final = to_document(window.document.diagram)
    steps_taken = stack.index()
    while stack.canUndo():
        press(window, Qt.Key.Key_Z, CTRL)
        assert_scene_matches_model(window)
    assert steps_taken == 5, "one undo step per node added with its text"
    d = window.document.diagram
    assert len(d) == 1 and d.outcome.text == ""
    while stack.canRedo():
        press(window, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
        assert_scene_matches_model(window)
    assert to_document(window.document.diagram) == final
    press(window, Qt.Key.Key_Z, CTRL)
    press(window, Qt.Key.Key_Y, CTRL)
    assert to_document(window.document.diagram) == final


def test_typing_on_a_selected_node_edits_it_and_escape_cancels(window) -> None:
    d = window.document.diagram
    window.canvas.select(d.outcome.id)
    type_text(window, "Aim")
    assert window.canvas.editor.active
    press(window, Qt.Key.Key_Return)
    assert d.outcome.text == "Aim"
    press(window, Qt.Key.Key_F2)
    type_text(window, "Something else")
    press(window, Qt.Key.Key_Escape)
    assert d.outcome.text == "Aim" and not window.canvas.editor.active


def test_escape_on_a_new_empty_node_removes_it_and_leaves_no_undo_step(window) -> None:
    d = window.document.diagram
    window.canvas.select(d.outcome.id)
    before = window.document.undo_stack.count()
    press(window, Qt.Key.Key_Tab)
    assert len(d.nodes(NodeKind.PRIMARY)) == 1
    press(window, Qt.Key.Key_Escape)
    assert d.nodes(NodeKind.PRIMARY) == []
    assert window.document.undo_stack.count() == before
    assert window.canvas.current_id() == d.outcome.id


def test_arrows_move_the_selection_and_alt_arrows_reorder(window) -> None:
    d = Diagram.new("Aim")
    p1 = d.add_node("primary", "First", parent=d.outcome.id)
    p2 = d.add_node("primary", "Second", parent=d.outcome.id)
    s = d.add_node("secondary", "Under first", parent=p1.id)
    window.show_diagram(d, None)
    window.canvas.select(d.outcome.id)
    press(window, Qt.Key.Key_Right)
    assert window.canvas.current_id() == p1.id
    press(window, Qt.Key.Key_Down)
    assert window.canvas.current_id() == p2.id
    press(window, Qt.Key.Key_Left)
    assert window.canvas.current_id() == d.outcome.id
    window.canvas.select(p1.id)
    press(window, Qt.Key.Key_Right)
    assert window.canvas.current_id() == s.id
    window.canvas.select(p2.id)
    press(window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert texts(d, NodeKind.PRIMARY) == ["Second", "First"]
    scene = window.canvas.diagram_scene
    assert scene.nodes[p2.id].box.y < scene.nodes[p1.id].box.y, "the canvas shows the new order"
    press(window, Qt.Key.Key_Z, CTRL)
    assert texts(d, NodeKind.PRIMARY) == ["First", "Second"]


def test_delete_removes_the_subtree_and_undo_puts_it_back(window) -> None:
    d = Diagram.new("Aim")
    p = d.add_node("primary", "Research", parent=d.outcome.id)
    s = d.add_node("secondary", "Statistics", parent=p.id)
    d.add_node("change_idea", "Take a course", parent=s.id)
    d.add_node("anti_driver", "No time", parent=p.id, strength=4)
    window.show_diagram(d, None)
    before = to_document(d)
    window.canvas.select(p.id)
    press(window, Qt.Key.Key_Delete)
    assert len(d) == 1
    assert_scene_matches_model(window)
    assert window.document.undo_stack.undoText() == "Delete primary driver"
    press(window, Qt.Key.Key_Z, CTRL)
    assert to_document(d) == before
    assert_scene_matches_model(window)


def test_a_refused_link_is_explained_in_the_status_bar(window) -> None:
    d = Diagram.new("Aim")
    p = d.add_node("primary", "Research", parent=d.outcome.id)
    s = d.add_node("secondary", "Statistics", parent=p.id)
    c = d.add_node("change_idea", "Course", parent=s.id)
    window.show_diagram(d, None)
    assert not window.document.link(d.outcome.id, c.id)
    assert "change idea can only be linked from a secondary driver" in window.statusBar().currentMessage()
    p2 = d.add_node("primary", "Network", parent=d.outcome.id)
    assert window.document.link(s.id, p2.id)  # either direction of drag works
    assert {x.id for x in d.parents(s.id)} == {p.id, p2.id}
    assert (p2.id, s.id) in window.canvas.diagram_scene.edges


def test_panel_edits_reach_the_model_and_undo_reaches_the_panel(window, qtbot) -> None:
    d = Diagram.new("Aim")
    a = d.add_node("anti_driver", "Impostor syndrome", parent=d.outcome.id, strength=3)
    window.show_diagram(d, None)
    window.canvas.select(a.id)
    panel = window.panel
    assert panel.text.toPlainText() == "Impostor syndrome"
    panel.description.setFocus()
    qtbot.keyClicks(panel.description, "Feels like a fraud at lab meeting")
    assert d.node(a.id).description == "Feels like a fraud at lab meeting"
    assert window.document.undo_stack.count() == 1, "one typing burst is one undo step"
    panel.strength.setValue(5)
    assert d.node(a.id).strength == 5
    assert window.canvas.diagram_scene.nodes[a.id].box.badge == "5/5"
    window.document.undo_stack.undo()
    assert panel.strength.value() == 3
    window.document.undo_stack.undo()
    assert panel.description.toPlainText() == ""
    window.document.edit_fields(a.id, text="Impostor feelings")
    assert panel.text.toPlainText() == "Impostor feelings"


def test_copy_and_paste_a_subtree(window) -> None:
    d = Diagram.new("Aim")
    p1 = d.add_node("primary", "Research", parent=d.outcome.id)
    p2 = d.add_node("primary", "Teaching", parent=d.outcome.id)
    s = d.add_node("secondary", "Write every day", parent=p1.id)
    d.add_node("change_idea", "Friday mornings", parent=s.id)
    window.show_diagram(d, None)
    window.canvas.select(s.id)
    press(window, Qt.Key.Key_C, CTRL)
    window.canvas.select(p2.id)
    press(window, Qt.Key.Key_V, CTRL)
    assert [c.text for c in d.children(p2.id)] == ["Write every day"]
    copy = d.children(p2.id)[0]
    assert [c.text for c in d.children(copy.id)] == ["Friday mornings"]
    assert window.document.undo_stack.undoText().startswith("Paste")
    press(window, Qt.Key.Key_Z, CTRL)
    assert d.children(p2.id) == []


def test_tidy_up_removes_crossings_and_undo_restores_the_order(window) -> None:
    d = Diagram.new("Aim")
    p1 = d.add_node("primary", "A", parent=d.outcome.id)
    p2 = d.add_node("primary", "B", parent=d.outcome.id)
    s2 = d.add_node("secondary", "under B", parent=p2.id)
    s1 = d.add_node("secondary", "under A", parent=p1.id)
    d.set_order([d.outcome.id, p1.id, p2.id, s2.id, s1.id])
    window.show_diagram(d, None)
    from driverdiagram.layout import crossing_count

    assert crossing_count(d) == 1
    old = d.order
    window.tidy()
    assert crossing_count(d) == 0
    assert "crossings" in window.statusBar().currentMessage()
    window.document.undo_stack.undo()
    assert d.order == old


def test_closing_with_unsaved_changes_asks_first(window, monkeypatch) -> None:
    window.document.add_child(window.document.diagram.outcome.id, "Research")
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "warning", lambda *a, **k: (asked.append(a[2]), QMessageBox.StandardButton.Cancel)[1])
    assert not window.close()
    assert asked and "Save the changes" in asked[0]
    monkeypatch.setattr(dialogs, "warning", lambda *a, **k: QMessageBox.StandardButton.Discard)
    assert window.close()


def test_a_broken_file_is_explained_and_not_opened(window, tmp_path: Path, monkeypatch) -> None:
    broken = tmp_path / "broken.driver"
    broken.write_bytes(b'{"schema_version": 1, "nodes": [')
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "critical", lambda parent, title, text: shown.append(text))
    assert not window.open_path(broken)
    assert shown and "damaged" in shown[0] and "not changed" in shown[0]
    assert window.document.path is None
    assert broken.read_bytes() == b'{"schema_version": 1, "nodes": ['


def test_zoom_keys(window) -> None:
    z = window.canvas.zoom
    shortcut(window, "Ctrl+=")
    assert window.canvas.zoom > z
    shortcut(window, "Ctrl+-")
    shortcut(window, "Ctrl+-")
    assert window.canvas.zoom < z
    shortcut(window, "Ctrl+1")
    assert window.canvas.zoom == pytest.approx(1.0)


def test_force_field_view_shows_both_sides(window) -> None:
    d = Diagram.new("Aim")
    d.add_node("primary", "Research", parent=d.outcome.id, strength=4)
    d.add_node("anti_driver", "No time", parent=d.outcome.id, strength=5)
    window.show_diagram(d, None)
    window.act_force.trigger()
    heads = [h.heading.text for h in window.canvas.diagram_scene._headings]
    assert "Driving forces (total 4)" in heads and "Restraining forces (total 5)" in heads
    assert window.canvas.diagram_scene.edges, "forces point at the outcome"
    assert all(e.edge.kind in (LinkKind.DRIVES, LinkKind.HINDERS) for e in window.canvas.diagram_scene.edges.values())


def _drag(qtbot, canvas, start, end) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    vp = canvas.viewport()
    a, b = canvas.mapFromScene(start), canvas.mapFromScene(end)
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    for k in range(1, 6):
        QTest.mouseMove(vp, QPoint(a.x() + (b.x() - a.x()) * k // 5, a.y() + (b.y() - a.y()) * k // 5))
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)


def test_dragging_a_node_down_its_column_reorders_it(window, qtbot) -> None:
    d = Diagram.new("Aim")
    p1 = d.add_node("primary", "First", parent=d.outcome.id)
    d.add_node("primary", "Second", parent=d.outcome.id)
    p3 = d.add_node("primary", "Third", parent=d.outcome.id)
    window.show_diagram(d, None)
    window.canvas.set_zoom(1.0)
    nodes = window.canvas.diagram_scene.nodes
    _drag(qtbot, window.canvas, nodes[p1.id].sceneBoundingRect().center(), nodes[p3.id].sceneBoundingRect().center())
    assert texts(d, NodeKind.PRIMARY) == ["Second", "Third", "First"]
    assert window.document.undo_stack.undoText() == "Move primary driver"


def test_dragging_from_the_dot_links_two_nodes(window, qtbot) -> None:
    d = Diagram.new("Aim")
    p1 = d.add_node("primary", "Research", parent=d.outcome.id)
    p2 = d.add_node("primary", "Network", parent=d.outcome.id)
    s = d.add_node("secondary", "Visibility", parent=p2.id)
    window.show_diagram(d, None)
    window.canvas.set_zoom(1.0)
    window.canvas.select(p1.id)
    item = window.canvas.diagram_scene.nodes[p1.id]
    dot = item.mapToScene(item.handle_rect().center())
    _drag(qtbot, window.canvas, dot, window.canvas.diagram_scene.nodes[s.id].sceneBoundingRect().center())
    assert {p.text for p in d.parents(s.id)} == {"Research", "Network"}
    assert (p1.id, s.id) in window.canvas.diagram_scene.edges


def test_dropping_a_driver_file_on_the_window_opens_it(window, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    from driverdiagram.model import save

    path = tmp_path / "dropped.driver"
    save(Diagram.new("Dropped aim"), path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(event)
    assert window.document.path == path
    assert window.document.diagram.outcome.text == "Dropped aim"


def test_ctrl_click_and_a_shift_drag_band_select_several(window, qtbot) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    d = Diagram.new("Aim")
    p1 = d.add_node("primary", "First", parent=d.outcome.id)
    p2 = d.add_node("primary", "Second", parent=d.outcome.id)
    window.show_diagram(d, None)
    window.canvas.set_zoom(1.0)
    vp, nodes = window.canvas.viewport(), window.canvas.diagram_scene.nodes
    at = {k: window.canvas.mapFromScene(nodes[k].sceneBoundingRect().center()) for k in (p1.id, p2.id)}
    QTest.mouseClick(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at[p1.id])
    QTest.mouseClick(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, at[p2.id])
    assert set(window.canvas.diagram_scene.selected_ids()) == {p1.id, p2.id}
    window.canvas.diagram_scene.clearSelection()
    shift = Qt.KeyboardModifier.ShiftModifier
    left = window.canvas.mapFromScene(nodes[p1.id].sceneBoundingRect().topLeft()) - QPoint(8, 8)
    right = window.canvas.mapFromScene(nodes[p2.id].sceneBoundingRect().bottomRight()) + QPoint(8, 8)
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, shift, left)
    for k in range(1, 6):
        QTest.mouseMove(vp, left + (right - left) * k / 5)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, shift, right)
    assert set(window.canvas.diagram_scene.selected_ids()) == {p1.id, p2.id}
    assert "2 nodes selected" in window.hint.text()


def test_the_in_place_editor_grows_so_every_typed_line_stays_in_view(window, tmp_path: Path) -> None:
    window.open_path(tmp_path / "plan.driver", create=True)
    editor = window.canvas.editor
    start = editor.height()
    type_text(
        window,
        "Promoted to associate professor with an independent research program funded at "
        "250k a year as principal investigator by June 2030, with time for family",
    )
    assert editor.height() > start
    assert editor.verticalScrollBar().value() == 0, "the first line is still in view"
    assert editor.verticalScrollBar().maximum() == 0, "nothing is scrolled out of sight"
    press(window, Qt.Key.Key_Escape)


def test_the_status_bar_shows_the_zoom(window) -> None:
    window.canvas.set_zoom(1.0)
    assert window.zoom_label.text() == "100 %"
    press(window, Qt.Key.Key_Equal, CTRL)
    assert window.zoom_label.text() == "125 %"

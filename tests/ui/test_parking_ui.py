"""The parking lot, driven as a user drives it: the dock beside Notes, typing an idea and
pressing Enter, editing it in place and in the dialog, deleting it, and making a node of
it; each gesture one undo step; and back: undo and redo reach the list and the canvas."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QPlainTextEdit
from ui_helpers import shortcut

from driverdiagram.model import NodeKind, ParkingItem, load
from driverdiagram.ui import parking_dialog
from driverdiagram.ui.parking_dialog import ParentChoice, ParentChooser, ParkingItemDialog
from driverdiagram.ui.parking_feature import ParkingFeature
from driverdiagram.ui.parking_panel import LINES, ParkingPanel

CAREER = Path(__file__).resolve().parents[2] / "resources" / "examples" / "career.driver"
TODAY = dt.date.today()
MASTERS = "A master’s in clinical investigation – worth two years of evenings, or is the short course enough?"


@pytest.fixture(autouse=True)
def no_unexpected_parking_dialogs(monkeypatch) -> None:
    """As conftest does for the other dialogs: one nobody answers fails instead of hanging."""

    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected dialog: {args[1:3]}")

    for name in ("edit_parking_item", "choose_parent"):
        monkeypatch.setattr(parking_dialog, name, unexpected)


@pytest.fixture
def career(window):
    assert isinstance(window.parking, ParkingFeature), "the window installs it"
    window.show_diagram(load(CAREER), None)
    window.canvas.diagram_scene.clearSelection()
    return window


def parking(w) -> ParkingFeature:
    return w.parking


def items(w) -> dict[str, ParkingItem]:
    return {it.id: it for it in w.document.diagram.items("parking_lot")}


def lines(w) -> list[tuple[str, str]]:
    panel = parking(w).panel
    return [panel.list.item(i).data(LINES) for i in range(panel.list.count())]


def test_the_examples_two_items_are_listed_newest_first_with_their_node(career) -> None:
    w, f = career, parking(career)
    assert f.dock.objectName() == "parking" and f.dock.windowTitle() == "Parking lot"
    f.focus_quick()  # (the plan's docks rest until asked for)
    assert w.findChild(type(f.dock), "notes") in w.tabifiedDockWidgets(f.dock), "a tab beside Notes"
    assert f.panel.row_ids() == ["park-2", "park-1"], "3 March 2026 before 6 January 2026"
    (text2, when2), (text1, when1) = lines(w)
    assert text2.startswith("A month at the registry") and when2 == "3 Mar 2026 · About the whole plan"
    assert text1 == MASTERS
    assert when1 == "6 Jan 2026 · About: Secondary driver · Advanced methods: causal inference and trial design"
    assert f.act_add in w._menus["plan"].actions() and f.act_add.shortcut().toString() == "Ctrl+Shift+K"
    assert f.act_add in w.canvas.context_actions(), "in the canvas's right-click menu too"


def test_typing_and_enter_adds_an_item_on_the_selected_node_in_one_step(career, qtbot) -> None:
    w, f = career, parking(career)
    w.select("s-writing-habit")
    assert f.panel.quick.placeholderText() == "Idea or question about this secondary driver"
    assert f.panel.about_hint.text() == "About: Secondary driver · A steady writing habit"
    shortcut(w, "Ctrl+Shift+K")
    assert f.dock.isVisible() and w.focusWidget() is f.panel.quick, "the cursor waits in the line"
    depth = w.document.undo_stack.count()
    QTest.keyClicks(f.panel.quick, "  A writing retreat in August?  ")
    QTest.keyClick(f.panel.quick, Qt.Key.Key_Return)
    new = [it for it in items(w).values() if it.id not in ("park-1", "park-2")]
    assert len(new) == 1 and new[0].text == "A writing retreat in August?"
    assert new[0].node_id == "s-writing-habit" and new[0].created == TODAY
    assert f.panel.quick.text() == "", "the line is ready for the next one"
    assert f.panel.row_ids()[0] == new[0].id and f.panel.current_id() == new[0].id
    assert w.document.undo_stack.count() == depth + 1
    assert w.document.undo_stack.undoText() == "Add to the parking lot"
    w.document.undo_stack.undo()
    assert f.panel.row_ids() == ["park-2", "park-1"]
    w.document.undo_stack.redo()
    assert new[0].id in f.panel.row_ids()
    # with nothing selected the item is about no node; an empty line adds nothing
    w.canvas.diagram_scene.clearSelection()
    assert "for later" in f.panel.quick.placeholderText() and "whole plan" in f.panel.about_hint.text()
    QTest.keyClick(f.panel.quick, Qt.Key.Key_Return)
    assert w.document.undo_stack.count() == depth + 1
    QTest.keyClicks(f.panel.quick, "Sabbatical in 2029")
    f.panel.add_button.click()
    assert next(it for it in items(w).values() if it.text == "Sabbatical in 2029").node_id is None


def test_an_item_is_edited_in_place_and_in_the_dialog_one_step_each(career, monkeypatch, qtbot) -> None:
    w, f = career, parking(career)
    stack = w.document.undo_stack
    depth = stack.count()
    f.panel.show_item("park-2")
    f.panel.edit_in_place()
    editor = f.panel.list.findChild(QPlainTextEdit)
    assert editor is not None and editor.toPlainText().startswith("A month at the registry")
    editor.setPlainText("Two months at the coordinating centre?")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: items(w)["park-2"].text == "Two months at the coordinating centre?")
    assert stack.count() == depth + 1 and stack.undoText() == "Edit parking-lot item"
    # Shift+Enter starts a new line; Escape leaves the text as it was, and no step
    f.panel.edit_in_place()
    editor = f.panel.list.findChild(QPlainTextEdit)
    QTest.keyClicks(editor, "Ask Tomas")
    QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert editor.toPlainText() == "Ask Tomas\n"
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.wait(10)
    assert items(w)["park-2"].text == "Two months at the coordinating centre?" and stack.count() == depth + 1
    seen = []

    def edit_parking_item(parent, item, diagram):
        seen.append(item)
        return item.but(text="Short course first", created=dt.date(2026, 2, 1), node_id="s-grant-writing")

    monkeypatch.setattr(parking_dialog, "edit_parking_item", edit_parking_item)
    f.panel.show_item("park-1")
    f.panel.edit_button.click()
    assert seen[0].id == "park-1"
    it = items(w)["park-1"]
    assert (it.text, it.created, it.node_id) == ("Short course first", dt.date(2026, 2, 1), "s-grant-writing")
    assert stack.count() == depth + 2
    stack.undo()
    assert items(w)["park-1"].text == MASTERS and items(w)["park-1"].node_id == "s-methods"
    assert lines(w)[1][0] == MASTERS, "the list follows the undo"
    # Cancel, or nothing changed: no step
    monkeypatch.setattr(parking_dialog, "edit_parking_item", lambda parent, item, diagram: None)
    assert not f.edit("park-1") and stack.count() == depth + 2


def test_delete_removes_an_item_in_one_step_and_undo_brings_it_back(career) -> None:
    w, f = career, parking(career)
    f.panel.show_item("park-1")
    f.panel.list.setFocus()
    QTest.keyClick(f.panel.list, Qt.Key.Key_Delete)
    assert "park-1" not in items(w) and f.panel.row_ids() == ["park-2"]
    assert w.document.undo_stack.undoText() == "Delete parking-lot item"
    w.document.undo_stack.undo()
    assert f.panel.row_ids() == ["park-2", "park-1"]
    f.delete("park-1")
    f.delete("park-2")
    assert f.panel.empty.isVisibleTo(f.panel) and not f.panel.list.isVisibleTo(f.panel)


def test_an_item_becomes_a_change_idea_under_a_secondary_driver_in_one_step(career, monkeypatch) -> None:
    w, f = career, parking(career)
    d = w.document.diagram
    stack = w.document.undo_stack
    asked = []

    def choose_parent(parent, diagram, text, initial=None):
        asked.append((text, initial))
        return ParentChoice("s-methods")

    monkeypatch.setattr(parking_dialog, "choose_parent", choose_parent)
    depth = stack.count()
    f.panel.show_item("park-1")
    f.panel.make_button.click()
    assert asked == [(MASTERS, "s-methods")], "the item's own node is offered first"
    made = [n for n in d.children("s-methods") if n.text == MASTERS]
    assert len(made) == 1 and made[0].kind is NodeKind.CHANGE_IDEA
    node_id = made[0].id
    assert "park-1" not in items(w) and f.panel.row_ids() == ["park-2"]
    assert w.selected_ids() == [node_id], "the new node is selected"
    assert stack.count() == depth + 1 and stack.undoText() == "Make a node from the parking lot"
    stack.undo()
    assert node_id not in d and "park-1" in items(w) and f.panel.row_ids() == ["park-2", "park-1"]
    assert node_id not in w.canvas.diagram_scene.nodes
    stack.redo()
    assert node_id in d and d.node(node_id).kind is NodeKind.CHANGE_IDEA and "park-1" not in items(w)
    assert node_id in w.canvas.diagram_scene.nodes


def test_other_parents_give_other_kinds_a_barrier_and_cancel_none(career, monkeypatch) -> None:
    w, f = career, parking(career)
    d = w.document.diagram
    answers = iter([ParentChoice("p-research", barrier=True), "aim", None])
    offered = []

    def choose_parent(parent, diagram, text, initial=None):
        offered.append(initial)
        return next(answers)

    monkeypatch.setattr(parking_dialog, "choose_parent", choose_parent)
    w.select("c-friday-writing")  # a change idea: its secondary driver is offered for park-2
    barrier = f.make_node("park-1")
    assert barrier is not None and d.node(barrier).kind is NodeKind.ANTI_DRIVER
    assert d.target(barrier).id == "p-research"
    w.select("c-friday-writing")
    primary = f.make_node("park-2")  # a plain node id: a child of it
    assert offered == ["s-methods", d.parents("c-friday-writing")[0].id]
    assert primary is not None and d.node(primary).kind is NodeKind.PRIMARY and not items(w)
    w.document.undo_stack.undo()
    depth = w.document.undo_stack.count()
    assert f.make_node("park-2") is None and "park-2" in items(w)
    assert w.document.undo_stack.count() == depth


def test_clicking_an_item_selects_its_node(career) -> None:
    w, f = career, parking(career)
    panel = f.panel
    row = panel.list.item(panel.row_ids().index("park-1"))
    rect = panel.list.visualItemRect(row)
    QTest.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.selected_ids() == ["s-methods"]
    assert "Advanced methods" in panel.about_hint.text(), "the next item is about it"


def test_the_node_it_is_about_follows_edits_and_removal(career) -> None:
    w = career
    w.document.edit_fields("s-methods", text="Methods")
    assert lines(w)[1][1].endswith("Secondary driver · Methods")
    w.document.remove(["s-methods"])
    assert items(w)["park-1"].node_id is None and lines(w)[1][1].endswith("About the whole plan")
    w.document.undo_stack.undo()
    assert lines(w)[1][1].endswith("Secondary driver · Methods")


def test_the_dialogs_read_and_return_and_hide_no_qt_method(career, qtbot) -> None:
    from PySide6.QtCore import Signal

    d = career.document.diagram
    item = d.item("parking_lot", "park-1")
    dialog = ParkingItemDialog(None, item, d)
    qtbot.addWidget(dialog)
    assert dialog.about.currentData() == "s-methods"
    dialog.text.setPlainText("  Only the short course  ")
    dialog.created.setDate(QDate(2026, 4, 2))
    dialog.about.setCurrentIndex(0)
    out = dialog.result_item()
    assert (out.id, out.text, out.created, out.node_id) == (
        "park-1",
        "Only the short course",
        dt.date(2026, 4, 2),
        None,
    )
    dialog.text.setPlainText("   ")
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()

    chooser = ParentChooser(None, d, item.text, "s-methods")
    qtbot.addWidget(chooser)
    assert chooser.choice() == ParentChoice("s-methods")
    assert "a change idea under “Advanced methods" in chooser.becomes.text()
    kinds = {chooser.nodes.item(i).text().strip().split(" · ")[0] for i in range(chooser.nodes.count())}
    assert kinds == {"Outcome", "Primary driver", "Secondary driver"}, "only nodes a node can go under"
    chooser.search.setText("writing habit")
    assert chooser.choice() == ParentChoice("s-writing-habit")
    chooser.barrier.setChecked(True)
    assert chooser.choice() == ParentChoice("s-writing-habit", barrier=True)
    assert "anti-driver" in chooser.becomes.text()
    chooser.search.setText("no such node at all")
    assert chooser.choice() is None
    assert not chooser.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()

    for widget in (dialog, chooser, *career.findChildren(ParkingPanel)):
        qt_names = {n for cls in type(widget).__mro__ if cls.__module__.startswith("PySide6") for n in vars(cls)}
        clashes = sorted(
            n for n in set(vars(widget)) & qt_names if not isinstance(getattr(type(widget), n, None), Signal)
        )
        assert not clashes, f"{type(widget).__name__} hides Qt's {clashes}"


def test_the_dock_rests_on_the_welcome_page(career) -> None:
    w, f = career, parking(career)
    w.show_welcome()
    assert f.dock.isHidden() and not f.act_add.isEnabled()
    w.new_blank()
    assert f.act_add.isEnabled() and f.panel.row_ids() == [] and f.panel.empty.isVisibleTo(f.panel)

"""Mentor and mentee notes, driven as a user drives them: the pins on the canvas, Ctrl+Shift+N
and Ctrl+Shift+G with the note dialog answered, the Notes dock's filters and buttons, each
gesture one undo step; and back: undo, redo and model edits reach the pins and the list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRectF, QSettings, Qt, QTimer
from PySide6.QtGui import QColor, QContextMenuEvent, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu
from ui_helpers import press, shortcut

from driverdiagram.model import Annotation, AnnotationKind, AuthorRole, load
from driverdiagram.ui import note_dialog
from driverdiagram.ui.note_dialog import NoteDialog
from driverdiagram.ui.note_pins import GAP_COLOUR, OPEN_COLOUR, RESOLVED_COLOUR
from driverdiagram.ui.notes_feature import NoteDefaults, NotesFeature
from driverdiagram.ui.notes_panel import LINES

CAREER = Path(__file__).resolve().parents[2] / "resources" / "examples" / "career.driver"
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
TODAY = dt.date.today()


@pytest.fixture
def career(window):
    window.show_diagram(load(CAREER), None)
    window.canvas.diagram_scene.clearSelection()
    return window


def notes(w) -> NotesFeature:
    assert isinstance(w.notes, NotesFeature)
    return w.notes


def pin(w, node_id: str):
    return w.canvas.diagram_scene.nodes[node_id].notes


def answer(monkeypatch, reply=None, seen: list | None = None) -> list:
    """The note dialog, answered: `reply(draft)` is the note written (None: Cancel)."""
    seen = [] if seen is None else seen

    def edit_note(parent, note, node_text, title, meetings=()):
        seen.append((note, node_text, title))
        return reply(note) if reply else None

    monkeypatch.setattr(note_dialog, "edit_note", edit_note)
    return seen


def texts(w) -> list[str]:
    panel = notes(w).panel
    return [panel.list.item(i).data(LINES)[0] for i in range(panel.list.count())]


def pixels_of(item, colour: str) -> int:
    """Paint one node item into an image and count the pixels of `colour`."""
    rect = item.sceneBoundingRect()
    image = QImage(int(rect.width() * 4), int(rect.height() * 4), QImage.Format.Format_ARGB32)
    image.fill(0)
    p = QPainter(image)
    item.scene().render(p, QRectF(image.rect()), rect)
    p.end()
    want = QColor(colour).rgb() & 0xFFFFFF
    return sum(1 for y in range(image.height()) for x in range(image.width()) if image.pixel(x, y) & 0xFFFFFF == want)


def test_the_career_example_shows_its_five_notes_and_pins_them_on_their_nodes(career) -> None:
    w = career
    f = notes(w)
    assert f.dock.objectName() == "notes" and f.dock.windowTitle() == "Notes"
    assert w.tabifiedDockWidgets(f.dock) and w.details in w.tabifiedDockWidgets(f.dock), "a tab beside Details"
    assert sorted(f.panel.row_ids()) == ["note-1", "note-2", "note-3", "note-4", "note-5"]
    assert f.panel.row_ids()[-1] == "note-1", "open notes first, the resolved one last"
    first = f.panel.list.item(0).data(LINES)
    assert first[0].startswith("Comment · ") and first[2] == "Open · Prof. Lena Hoffmann · 2026-03-03 · in a meeting"
    assert f.panel.list.item(4).data(LINES)[2].startswith("Resolved 2026-01-06 · ")
    assert f.panel.summary.text() == "5 of 5 notes shown · 4 open"

    assert (pin(w, "s-team").count, pin(w, "s-team").colour) == (1, GAP_COLOUR), "an open gap: red"
    assert (pin(w, "aim").count, pin(w, "aim").colour) == (1, RESOLVED_COLOUR), "its gap is resolved: grey"
    assert pin(w, "a-clinical-load").colour == OPEN_COLOUR, "an open action: amber"
    assert pin(w, "c-friday-writing") is None
    item = w.canvas.diagram_scene.nodes["s-team"]
    assert "Gap — Prof. Lena Hoffmann, 2026-01-06: Nothing measures the team" in item.toolTip()
    assert pixels_of(item, GAP_COLOUR) > 20, "the red pin is painted"
    assert pixels_of(w.canvas.diagram_scene.nodes["c-friday-writing"], GAP_COLOUR) == 0

    aim = w.canvas.diagram_scene.nodes["aim"]
    assert aim.measures is not None, "(the example's aim has measures too)"
    notes_tip, measures_tip = aim.toolTip().split("\n\n")
    assert notes_tip.startswith("1 note, all resolved:\nGap — Prof. Lena Hoffmann, 2025-12-02 (resolved 2026-01-06)")
    assert measures_tip == aim.measures.tip, "the tooltip is the notes and the measures"


def test_ctrl_shift_g_writes_a_gap_note_on_the_selected_driver_in_one_undo_step(career, monkeypatch, qtbot) -> None:
    w = career
    f = notes(w)
    stack = w.document.undo_stack
    w.canvas.select("s-sponsor")
    seen = answer(monkeypatch, lambda draft: draft.but(text="Who else could sponsor you? Name two."))
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    press(w, Qt.Key.Key_G, CTRL | SHIFT)

    ((draft, node_text, title),) = seen
    assert title == "Add gap note" and node_text == "A sponsor outside the department"
    assert (draft.kind, draft.node_id, draft.text) == (AnnotationKind.GAP, "s-sponsor", "")
    assert (draft.author, draft.role, draft.created) == ("Dr. Amara Okafor", AuthorRole.MENTEE, TODAY), (
        "outside a meeting the mentee writes, today"
    )
    note = w.document.diagram.item("annotations", draft.id)
    assert (note.kind, note.node_id, note.text) == (
        AnnotationKind.GAP,
        "s-sponsor",
        "Who else could sponsor you? Name two.",
    )
    assert (pin(w, "s-sponsor").count, pin(w, "s-sponsor").colour) == (2, GAP_COLOUR)
    assert stack.count() == 1 and stack.undoText() == "Add gap note"
    assert f.panel.current_id() == note.id and f.dock.isVisible()

    stack.undo()
    assert draft.id not in [n.id for n in w.document.diagram.items("annotations")]
    assert (pin(w, "s-sponsor").count, pin(w, "s-sponsor").colour) == (1, OPEN_COLOUR)
    assert len(f.panel.row_ids()) == 5 and not stack.canUndo(), "one step"
    stack.redo()
    assert w.document.diagram.item("annotations", draft.id) == note and pin(w, "s-sponsor").count == 2
    assert draft.id in f.panel.row_ids()


def test_a_note_on_the_whole_diagram_and_a_cancelled_one(career, monkeypatch) -> None:
    w = career
    f = notes(w)
    stack = w.document.undo_stack
    seen = answer(monkeypatch, None)
    shortcut(w, "Ctrl+Shift+N")
    assert len(seen) == 1 and stack.count() == 0, "Cancel leaves no step"
    assert seen[0][1] is None and seen[0][2] == "Add note"

    answer(monkeypatch, lambda d: d.but(text="Overall: the clinical column is thin.\nMore next time."))
    new_id = f.add_note(AnnotationKind.COMMENT)
    assert new_id is not None
    note = w.document.diagram.item("annotations", new_id)
    assert note.node_id is None and note.kind is AnnotationKind.COMMENT
    assert stack.undoText() == "Add note"
    row = f.panel.list.item(f.panel.row_ids().index(new_id)).data(LINES)
    assert row[0] == "Comment · Whole diagram" and row[1] == "Overall: the clinical column is thin."
    assert all(item.notes is None or item.notes.count == 1 for item in w.canvas.diagram_scene.nodes.values())

    w.canvas.select("p-network")
    w.canvas.diagram_scene.nodes["p-clinical"].setSelected(True)
    assert f.add_note(AnnotationKind.COMMENT) is None and "Select just one node" in w.document.last_refusal


def test_the_defaults_come_from_the_settings_or_from_a_meeting(career, monkeypatch) -> None:
    w = career
    f = notes(w)
    seen = answer(monkeypatch, lambda d: d.but(text="ok"))
    QSettings().setValue("notes/author", "Amara")
    f.add_note(AnnotationKind.QUESTION)
    assert (seen[-1][0].author, seen[-1][0].kind) == ("Amara", AnnotationKind.QUESTION)

    f.defaults = lambda: NoteDefaults("Prof. Lena Hoffmann", AuthorRole.MENTOR, dt.date(2026, 4, 7), "meeting-4")
    new_id = f.add_note(AnnotationKind.PRAISE)
    note = w.document.diagram.item("annotations", new_id)
    assert (note.author, note.role, note.created, note.meeting_id) == (
        "Prof. Lena Hoffmann",
        AuthorRole.MENTOR,
        dt.date(2026, 4, 7),
        "meeting-4",
    )


def test_the_filters(career) -> None:
    w = career
    panel = notes(w).panel
    panel.state.setCurrentText("Open")
    assert sorted(panel.row_ids()) == ["note-2", "note-3", "note-4", "note-5"]
    panel.state.setCurrentText("Resolved")
    assert panel.row_ids() == ["note-1"]
    panel.state.setCurrentText("All")
    panel.kind.setCurrentText("Gap")
    assert panel.row_ids() == ["note-2", "note-1"]
    panel.kind.setCurrentIndex(0)
    assert [panel.author.itemText(i) for i in range(panel.author.count())] == ["All authors", "Prof. Lena Hoffmann"]
    panel.author.setCurrentIndex(1)
    assert len(panel.row_ids()) == 5
    panel.author.setCurrentIndex(0)

    panel.only_selected.setChecked(True)
    assert panel.row_ids() == [] and panel.list.isHidden() and not panel.empty.isHidden()
    assert panel.empty.text() == "No notes match these filters."
    w.canvas.select("s-team")
    assert panel.row_ids() == ["note-2"]
    w.canvas.select("c-friday-writing")
    assert panel.row_ids() == []
    panel.only_selected.setChecked(False)
    assert len(panel.row_ids()) == 5


def test_resolve_and_reopen_are_one_step_each(career) -> None:
    w = career
    panel = notes(w).panel
    stack = w.document.undo_stack
    panel.show_note("note-2")
    assert panel.toggle_button.text() == "Resolve"
    panel.toggle_button.click()
    assert w.document.diagram.item("annotations", "note-2").resolved == TODAY
    assert stack.count() == 1 and stack.undoText() == "Resolve note"
    assert pin(w, "s-team").colour == RESOLVED_COLOUR and panel.toggle_button.text() == "Reopen"
    assert panel.current_id() == "note-2"
    panel.toggle_button.click()
    assert w.document.diagram.item("annotations", "note-2").resolved is None
    assert stack.count() == 2 and stack.undoText() == "Reopen note" and pin(w, "s-team").colour == GAP_COLOUR
    stack.undo()
    assert w.document.diagram.item("annotations", "note-2").resolved == TODAY
    stack.undo()
    assert w.document.diagram.item("annotations", "note-2").resolved is None

    panel.state.setCurrentText("Open")  # a note resolved leaves the list of open ones
    panel.show_note("note-3")
    panel.toggle_button.click()
    assert "note-3" not in panel.row_ids() and not panel.toggle_button.isEnabled()


def test_clicking_a_row_selects_its_node(career, qtbot) -> None:
    w = career
    panel = notes(w).panel
    f = notes(w)
    f.dock.show()
    f.dock.raise_()
    qtbot.waitUntil(panel.list.isVisible)
    row = panel.row_ids().index("note-3")
    rect = panel.list.visualItemRect(panel.list.item(row))
    QTest.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.selected_ids() == ["a-clinical-load"]
    assert panel.current_id() == "note-3"


def test_editing_a_note(career, monkeypatch, qtbot) -> None:
    w = career
    panel = notes(w).panel
    stack = w.document.undo_stack
    old = w.document.diagram.item("annotations", "note-5")
    seen = answer(monkeypatch, lambda n: n.but(text="Ask Dr. Chen, and Dr. Osei.", kind=AnnotationKind.ACTION))
    panel.show_note("note-5")
    panel.edit_button.click()
    assert seen[0][2] == "Edit note" and seen[0][1] == "A sponsor outside the department"
    new = w.document.diagram.item("annotations", "note-5")
    assert (new.text, new.kind) == ("Ask Dr. Chen, and Dr. Osei.", AnnotationKind.ACTION)
    assert stack.count() == 1 and stack.undoText() == "Edit note"
    assert panel.list.currentItem().data(LINES)[0] == "Action · A sponsor outside the department"
    stack.undo()
    assert w.document.diagram.item("annotations", "note-5") == old

    answer(monkeypatch, lambda n: n)  # OK with nothing changed: no step
    rect = panel.list.visualItemRect(panel.list.currentItem())
    QTest.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert stack.index() == 0

    w.document.set_text("s-sponsor", "A sponsor outside the hospital")  # the rows name their node
    assert panel.list.currentItem().data(LINES)[0] == "Comment · A sponsor outside the hospital"


def test_deleting_a_note_and_the_node_it_is_on(career) -> None:
    w = career
    panel = notes(w).panel
    stack = w.document.undo_stack
    panel.show_note("note-2")
    panel.delete_button.click()
    assert "note-2" not in [n.id for n in w.document.diagram.items("annotations")]
    assert pin(w, "s-team") is None and stack.undoText() == "Delete note" and len(panel.row_ids()) == 4
    stack.undo()
    assert w.document.diagram.item_index("annotations", "note-2") == 1, "back where it was"
    assert pin(w, "s-team").colour == GAP_COLOUR

    w.canvas.select("a-clinical-load")
    w.canvas.delete_selection()  # the notes on a node go with it, and come back with it
    assert "note-3" not in panel.row_ids()
    stack.undo()
    assert "note-3" in panel.row_ids() and pin(w, "a-clinical-load").colour == OPEN_COLOUR


def test_pins_survive_the_force_field_view(career) -> None:
    w = career
    w.canvas.set_view("force_field")
    w.canvas.set_view("columns")
    assert pin(w, "s-team").colour == GAP_COLOUR and pin(w, "aim").count == 1


def test_the_actions_are_in_the_insert_menu_and_the_canvas_context_menu(career) -> None:
    w = career
    insert = next(a.menu() for a in w.menuBar().actions() if a.text() == "&Insert")
    names = [a.text().replace("&", "") for a in insert.actions()]
    assert names.index("Add Measure…") < names.index("Add Note…") < names.index("Add Gap Note…")

    shown: list[list[str]] = []

    def right_click(pos: QPoint) -> None:
        """A right-click; the menu that pops up is read and closed (as Escape would)."""

        def close_menu() -> None:
            menu = QApplication.activePopupWidget()
            if isinstance(menu, QMenu):
                shown.append([a.text() for a in menu.actions()])
                menu.close()

        QTimer.singleShot(50, close_menu)
        global_pos = w.canvas.viewport().mapToGlobal(pos)
        w.canvas.contextMenuEvent(QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, global_pos))

    item = w.canvas.diagram_scene.nodes["s-team"]
    right_click(w.canvas.mapFromScene(item.sceneBoundingRect().center()))
    assert shown[0][:2] == ["Add &Note…", "Add &Gap Note…"] and w.selected_ids() == ["s-team"]
    right_click(QPoint(2, 2))
    assert w.selected_ids() == [], "on empty space: a note on the whole diagram"


# ---------------------------------------------------------------------- the dialog
def draft(**changes) -> Annotation:
    base = Annotation(id="note-9", node_id="s-team", text="", author="Amara", role="mentee", created=TODAY)
    return base.but(**changes)


def test_the_dialog_returns_the_note_as_its_fields_say(qtbot) -> None:
    dialog = NoteDialog(None, draft(), "Build a research team", "Add note")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.on.text() == "On: “Build a research team”" and dialog.windowTitle() == "Add note"
    assert not ok.isEnabled(), "nothing to keep yet"
    assert dialog.kind.currentText() == "Comment" and [dialog.kind.itemText(i) for i in range(5)] == [
        "Comment",
        "Gap",
        "Question",
        "Praise",
        "Action",
    ]
    dialog.text.setPlainText("   ")
    assert not ok.isEnabled()
    dialog.text.setPlainText("Who runs the data when you are on the wards?")
    assert ok.isEnabled()
    dialog.kind.setCurrentText("Question")
    dialog.author.setText("Prof. Lena Hoffmann")
    dialog.role.setCurrentText("Mentor")
    dialog.created.setDate(dialog.created.date().addDays(-3))
    assert not dialog.resolved_on.isEnabled()
    dialog.resolved.setChecked(True)
    assert dialog.resolved_on.isEnabled()
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    note = dialog.result_note()
    assert (note.id, note.node_id, note.kind) == ("note-9", "s-team", AnnotationKind.QUESTION)
    assert (note.text, note.author, note.role) == (
        "Who runs the data when you are on the wards?",
        "Prof. Lena Hoffmann",
        AuthorRole.MENTOR,
    )
    assert note.created == TODAY - dt.timedelta(days=3) and note.resolved == TODAY


def test_the_dialog_keys_ctrl_enter_accepts_and_tab_moves_on(qtbot) -> None:
    dialog = NoteDialog(None, draft(kind="gap", resolved=dt.date(2026, 1, 6)), None, "Edit note")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.on.text() == "On: the whole diagram"
    assert dialog.kind.currentText() == "Gap" and dialog.resolved.isChecked()
    assert dialog.text.tabChangesFocus()
    QTest.keyClicks(dialog.text, "Line one")
    QTest.keyClick(dialog.text, Qt.Key.Key_Return)  # Enter alone: a new line
    QTest.keyClicks(dialog.text, "two")
    assert dialog.text.toPlainText() == "Line one\ntwo" and dialog.isVisible()
    QTest.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.result_note().resolved == dt.date(2026, 1, 6)


def test_the_aims_pin_is_painted_grey(career) -> None:
    assert pixels_of(career.canvas.diagram_scene.nodes["aim"], RESOLVED_COLOUR) > 20

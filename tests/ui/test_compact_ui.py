"""The mentoring compact, driven as a user drives it: Plan ▸ Mentoring Compact…, every field
typed (one undo step per burst), the expectations edited in place, added, removed and moved
(one step each), the key goals shown from the diagram; and back: undo, redo and edits of
the diagram reach the widgets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDockWidget, QLineEdit

from driverdiagram.model import Compact, Diagram, NodeKind, load
from driverdiagram.model.compact import DEFAULT_EXPECTATIONS
from driverdiagram.ui.compact_feature import CompactFeature
from driverdiagram.ui.compact_panel import CompactPanel, OptionalDate

CAREER = Path(__file__).resolve().parents[2] / "resources" / "examples" / "career.driver"
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def active(window, qtbot):
    """The window with keyboard focus (bursts start on focus-in, as a user's do)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


@pytest.fixture
def compact(active) -> CompactFeature:
    feature = active.install(CompactFeature(active))
    assert isinstance(feature, CompactFeature)
    active.show_diagram(Diagram.new("Promoted to associate professor by June 2030", mentee="Sam Lee"), None)
    feature.show_panel()
    QApplication.processEvents()
    return feature


def steps(w) -> int:
    return w.document.undo_stack.index()


def type_into(widget, text: str) -> None:
    """Click into `widget` (a new burst) and type `text` at its end."""
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    QApplication.processEvents()
    QTest.keyClick(widget, Qt.Key.Key_End, CTRL)
    QTest.keyClicks(widget, text)


def rows(panel: CompactPanel) -> list[str]:
    return [panel.expectations.item(i).text() for i in range(panel.expectations.count())]


def edit_row_in_place(panel: CompactPanel, row: int, text: str | None, key=Qt.Key.Key_Return) -> None:
    """Open the list's editor on `row` (as a double-click or F2 does), type, and press `key`."""
    lst = panel.expectations
    if row >= 0:
        lst.setCurrentRow(row)
        lst.editItem(lst.item(row))
    QApplication.processEvents()
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and lst.isAncestorOf(editor)
    if text is not None:
        editor.selectAll()
        QTest.keyClick(editor, Qt.Key.Key_Delete)
        QTest.keyClicks(editor, text)
    QTest.keyClick(editor, key)
    for _ in range(3):
        QApplication.processEvents()


def test_the_feature_installs_a_compact_tab_beside_notes_and_a_plan_menu_action(compact, active) -> None:
    w = active
    assert compact.dock.objectName() == "compact" and compact.dock.windowTitle() == "Compact"
    assert w.dockWidgetArea(compact.dock) == Qt.DockWidgetArea.RightDockWidgetArea
    notes = w.findChild(QDockWidget, "notes")
    assert compact.dock in w.tabifiedDockWidgets(notes)
    assert compact.act_show.text() == "Mentoring &Compact…"
    assert compact.act_show in w._menus["plan"].actions()
    notes.raise_()
    QApplication.processEvents()
    compact.act_show.trigger()
    QApplication.processEvents()
    assert not compact.dock.visibleRegion().isEmpty(), "the Compact tab is in front"
    assert QApplication.focusWidget() is compact.panel.mentee
    assert compact.dock.toggleViewAction() in w._menus["view"].actions()


def test_no_widget_attribute_hides_a_qt_method(compact) -> None:
    d = compact.panel.start
    for obj in (compact.panel, d, compact):
        qt_names = {n for cls in type(obj).__mro__ if cls.__module__.startswith("PySide6") for n in vars(cls)}
        clashes = sorted(n for n in set(vars(obj)) & qt_names if not isinstance(getattr(type(obj), n, None), Signal))
        assert not clashes, f"{type(obj).__name__} hides Qt's {clashes}"


def test_every_field_typed_is_one_undo_step_per_burst(compact, active) -> None:
    w, panel = active, compact.panel
    typed = {
        "mentee": "Sam Lee",
        "mentor": "Dr. Ada Park",
        "meeting_schedule": "monthly, 45 minutes, mentee sets the agenda",
        "communication": "e-mail; replies within a week",
        "goals": "a first-author paper in year one",
        "ending": "either of us, any time, without blame",
    }
    for name, text in typed.items():
        before = steps(w)
        type_into(getattr(panel, name), text)
        assert getattr(w.document.diagram.compact, name) == text, name
        assert steps(w) == before + 1, f"typing {name} is one step"
    assert w.document.undo_stack.undoText() == "Edit compact: ending"
    type_into(panel.mentee, " Jr")  # a new burst: a new step
    assert w.document.diagram.compact.mentee == "Sam Lee Jr" and steps(w) == 7

    days = {
        "start": dt.date(2026, 1, 5),
        "review": dt.date(2026, 7, 5),
        "mentee_signed": dt.date(2026, 1, 6),
        "mentor_signed": dt.date(2026, 1, 7),
    }
    for name, day in days.items():
        field: OptionalDate = getattr(panel, name)
        assert not field.tick.isChecked() and not field.picker.isEnabled()
        assert field.picker.text() == "not set"
        before = steps(w)
        field.tick.click()  # ticked: today (the review: six months after the start)
        assert getattr(w.document.diagram.compact, name) is not None and steps(w) == before + 1
        field.picker.setFocus()
        QApplication.processEvents()
        field.picker.setDate(QDate(day.year, day.month, 1))
        field.picker.setDate(QDate(day.year, day.month, day.day))  # two changes, one burst
        assert getattr(w.document.diagram.compact, name) == day and steps(w) == before + 2, name
    c = w.document.diagram.compact
    assert (c.start, c.review, c.mentee_signed, c.mentor_signed) == tuple(days.values())

    panel.review.tick.click()  # unticked: not set again, one step
    assert w.document.diagram.compact.review is None and steps(w) == 16
    assert panel.review.picker.text() == "not set"


def test_the_review_starts_six_months_after_the_start(compact, active) -> None:
    panel = compact.panel
    active.document.set_compact(start=dt.date(2025, 8, 31))
    panel.review.tick.click()
    assert active.document.diagram.compact.review == dt.date(2026, 2, 28)


def test_undo_and_redo_reach_every_widget(compact, active) -> None:
    w, panel = active, compact.panel
    type_into(panel.mentor, "Dr. Ada Park")
    type_into(panel.communication, "Teams")
    panel.start.tick.click()
    w.document.undo_stack.undo()
    assert not panel.start.tick.isChecked() and panel.start.picker.text() == "not set"
    w.document.undo_stack.undo()
    assert panel.communication.toPlainText() == ""
    w.document.undo_stack.undo()
    assert panel.mentor.text() == "" and w.document.diagram.compact == Compact(expectations=list(DEFAULT_EXPECTATIONS))
    for _ in range(3):
        w.document.undo_stack.redo()
    assert panel.mentor.text() == "Dr. Ada Park" and panel.communication.toPlainText() == "Teams"
    assert panel.start.tick.isChecked() and panel.start.day() == dt.date.today()
    w.document.set_compact(ending="Any time.", expectations=["Only this."])  # from anywhere: the panel follows
    assert panel.ending.toPlainText() == "Any time." and rows(panel) == ["Only this."]


def test_a_default_expectation_edited_in_place_is_one_step(compact, active) -> None:
    w, panel = active, compact.panel
    assert rows(panel) == list(DEFAULT_EXPECTATIONS) and panel.usual_button.isHidden()
    edit_row_in_place(panel, 1, "Preparation: the mentee sends the agenda two days before.")
    expected = list(DEFAULT_EXPECTATIONS)
    expected[1] = "Preparation: the mentee sends the agenda two days before."
    assert w.document.diagram.compact.expectations == expected and rows(panel) == expected
    assert steps(w) == 1 and w.document.undo_stack.undoText() == "Edit expectation"
    w.document.undo_stack.undo()
    assert rows(panel) == list(DEFAULT_EXPECTATIONS)
    w.document.undo_stack.redo()
    assert rows(panel) == expected


def test_add_remove_and_move_are_one_step_each(compact, active) -> None:
    w, panel = active, compact.panel
    usual = list(DEFAULT_EXPECTATIONS)

    panel.add_button.click()  # a new row, typed in place
    edit_row_in_place(panel, -1, "Cancellations at least a day ahead.")
    assert w.document.diagram.compact.expectations == [*usual, "Cancellations at least a day ahead."]
    assert steps(w) == 1 and w.document.undo_stack.undoText() == "Add expectation"
    assert panel.expectations.currentRow() == 5

    panel.add_button.click()  # a new row left with Escape: gone, no step
    edit_row_in_place(panel, -1, "half typed", key=Qt.Key.Key_Escape)
    assert rows(panel) == [*usual, "Cancellations at least a day ahead."] and steps(w) == 1
    assert panel.add_button.isEnabled()

    panel.expectations.setCurrentRow(5)
    panel.up_button.click()
    moved = [*usual[:4], "Cancellations at least a day ahead.", usual[4]]
    assert w.document.diagram.compact.expectations == moved and rows(panel) == moved
    assert panel.expectations.currentRow() == 4, "the moved one stays selected"
    assert steps(w) == 2 and w.document.undo_stack.undoText() == "Move expectation"
    panel.down_button.click()
    assert w.document.diagram.compact.expectations == [*usual, "Cancellations at least a day ahead."]
    assert steps(w) == 3

    panel.expectations.setCurrentRow(0)
    assert not panel.up_button.isEnabled()
    panel.remove_button.click()
    assert w.document.diagram.compact.expectations == [*usual[1:], "Cancellations at least a day ahead."]
    assert steps(w) == 4 and w.document.undo_stack.undoText() == "Remove expectation"

    edit_row_in_place(panel, 0, "")  # emptied in place: removed, one step
    assert w.document.diagram.compact.expectations == [*usual[2:], "Cancellations at least a day ahead."]
    assert steps(w) == 5

    for _ in range(5):
        w.document.undo_stack.undo()
    assert rows(panel) == usual and w.document.diagram.compact.expectations == usual
    for _ in range(5):
        w.document.undo_stack.redo()
    assert rows(panel) == [*usual[2:], "Cancellations at least a day ahead."]


def test_an_empty_list_offers_the_usual_elements_in_one_click(compact, active) -> None:
    w, panel = active, compact.panel
    d = Diagram.new("Aim")
    d.set_compact(expectations=[])  # as a file written before the defaults keeps it
    w.show_diagram(d, None)
    QApplication.processEvents()
    assert rows(panel) == [] and not panel.usual_button.isHidden()
    assert not panel.remove_button.isEnabled()
    panel.usual_button.click()
    assert w.document.diagram.compact.expectations == list(DEFAULT_EXPECTATIONS) and rows(panel) == list(
        DEFAULT_EXPECTATIONS
    )
    assert steps(w) == 1 and w.document.undo_stack.undoText() == "Start from the usual elements"
    assert panel.usual_button.isHidden()
    w.document.undo_stack.undo()
    assert rows(panel) == [] and not panel.usual_button.isHidden()


def test_key_goals_are_the_diagrams_and_follow_its_edits(compact, active) -> None:
    w, panel = active, compact.panel
    d = w.document.diagram
    assert "Promoted to associate professor by June 2030" in panel.key_goals.text()
    assert "No primary drivers yet" in panel.key_goals.text()
    w.document.edit_fields(d.outcome.id, text="Associate professor & PI by 2030")
    assert "Associate professor &amp; PI by 2030" in panel.key_goals.text()
    w.document.add_child(d.outcome.id, "Research <skills>")
    assert "Research &lt;skills&gt;" in panel.key_goals.text()
    w.document.undo_stack.undo()
    w.document.undo_stack.undo()
    assert "Promoted to associate professor by June 2030" in panel.key_goals.text()
    assert "Research" not in panel.key_goals.text()
    assert not panel.key_goals.textInteractionFlags() & Qt.TextInteractionFlag.TextEditable
    assert any("edit them there" in lbl.text() for lbl in panel.findChildren(type(panel.key_goals)))


def test_names_follow_the_diagrams_details_until_typed(compact, active) -> None:
    w, panel = active, compact.panel
    assert "Sam Lee" in panel.mentee.placeholderText() and panel.mentee.text() == ""
    assert panel.mentor.placeholderText() == "The mentor's name"
    w.document.set_info(mentor="Dr. Ada Park")
    assert "Dr. Ada Park" in panel.mentor.placeholderText()
    assert panel.same_names.isEnabled()
    panel.same_names.click()
    c = w.document.diagram.compact
    assert (c.mentee, c.mentor) == ("Sam Lee", "Dr. Ada Park") and panel.mentee.text() == "Sam Lee"
    assert w.document.undo_stack.undoText() == "Use the diagram's names" and not panel.same_names.isEnabled()


def test_the_career_compact_fills_the_panel(compact, active) -> None:
    w, panel = active, compact.panel
    career = load(CAREER)
    w.show_diagram(career, None)
    QApplication.processEvents()
    c = career.compact
    assert panel.mentee.text() == c.mentee and panel.mentor.text() == c.mentor
    assert panel.start.day() == c.start and panel.review.day() == c.review
    assert panel.mentee_signed.day() == c.mentee_signed and panel.mentor_signed.day() == c.mentor_signed
    assert panel.meeting_schedule.toPlainText() == c.meeting_schedule and panel.ending.toPlainText() == c.ending
    assert rows(panel) == c.expectations
    for n in career.nodes(NodeKind.PRIMARY):
        assert n.text.replace("&", "&amp;") in panel.key_goals.text()
    assert steps(w) == 0 and not w.document.modified, "showing is not editing"

"""Accessibility of the panels and dialogs, as a screen-reader or keyboard-only user meets them.

The career example open, every dock shown in turn: each control a user can Tab to has an
accessible name and a description (what it does, and its key), names that say which thing a
button acts on ("Delete note", not "Delete"), Tab goes through a panel's controls in the order
they are read (top to bottom, left to right), and a focused control looks focused. The same
for each dialog, built without running it. And the lists are driven from the keyboard alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QLineEdit,
    QListWidget,
    QRadioButton,
    QScrollArea,
    QWidget,
)

from driverdiagram.model import load
from driverdiagram.ui.accessible import next_pane
from driverdiagram.ui.data_table import DataTable
from driverdiagram.ui.measures_panel import MeasuresPanel

CAREER = Path(__file__).resolve().parents[2] / "resources" / "examples" / "career.driver"
DOCKS = (
    "details",
    "measures",
    "measurement-plan",
    "meetings",
    "notes",
    "gaps",
    "changes",
    "network",
    "milestones",
    "parking",
    "compact",
)
NAME, DESCRIPTION = QAccessible.Text.Name, QAccessible.Text.Description


# ---- what a user meets ------------------------------------------------------------------


def stop_of(w: QWidget | None) -> QWidget | None:
    """The control a focus widget belongs to: a spin box's or a combo box's inner line edit
    is its parent's."""
    if isinstance(w, QLineEdit) and isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox):
        return w.parentWidget()
    return w


def controls(root: QWidget, *, enabled_only: bool = False) -> list[QWidget]:
    """The visible widgets under `root` that Tab can reach (their inner parts left out)."""
    found = []
    for w in root.findChildren(QWidget):
        if not w.isVisible() or not w.focusPolicy() & Qt.FocusPolicy.TabFocus or stop_of(w) is not w:
            continue
        if enabled_only and not w.isEnabled():
            continue
        found.append(w)
    return found


def name_of(w: QWidget) -> str:
    """What a screen reader names the control. (On Linux a combo box's Name is its current
    value; its name is its label: an accessible name of its own, or a buddy label.)"""
    iface = QAccessible.queryAccessibleInterface(w)
    if isinstance(w, QComboBox):
        labels = [r for r, flag in iface.relations() if flag & QAccessible.RelationFlag.Label]
        return w.accessibleName() or (labels[0].text(NAME) if labels else "")
    return iface.text(NAME).strip()


def description_of(w: QWidget) -> str:
    return QAccessible.queryAccessibleInterface(w).text(DESCRIPTION).strip()


def role_of(w: QWidget) -> str:
    return QAccessible.queryAccessibleInterface(w).role().name


def label(w: QWidget) -> str:
    return f"{type(w).__name__} {name_of(w)!r}"


def unnamed(root: QWidget) -> list[str]:
    return [label(w) for w in controls(root) if not name_of(w)]


def undescribed(root: QWidget) -> list[str]:
    return [label(w) for w in controls(root) if not description_of(w)]


def same_names(widgets: list[QWidget]) -> list[str]:
    """Controls of one role that share a name (a user cannot tell them apart)."""
    seen: dict[tuple[str, str], int] = {}
    for w in widgets:
        key = (role_of(w), name_of(w))
        seen[key] = seen.get(key, 0) + 1
    return [f"{role} {name!r} ×{n}" for (role, name), n in seen.items() if n > 1 and name]


def rect_in(w: QWidget, top: QWidget) -> QRect:
    return QRect(w.mapTo(top, QPoint(0, 0)), w.size())


def reading_order(widgets: list[QWidget], top: QWidget) -> list[QWidget]:
    """Top to bottom, then left to right: widgets whose middle lies within the height of a
    row's first widget are in that row."""
    rows: list[tuple[QRect, list[QWidget]]] = []
    for w in sorted(widgets, key=lambda w: (rect_in(w, top).center().y(), rect_in(w, top).x())):
        r = rect_in(w, top)
        if rows and rows[-1][0].top() <= r.center().y() <= rows[-1][0].bottom():
            rows[-1][1].append(w)
        else:
            rows.append((r, [w]))
    return [w for _r, row in rows for w in sorted(row, key=lambda w: rect_in(w, top).x())]


def tab_stops(widgets: list[QWidget]) -> list[QWidget]:
    """Tab reaches one radio button of an exclusive group (the arrows move within it)."""
    out, groups = [], set()
    for w in widgets:
        group = w.group() if isinstance(w, QRadioButton) else None
        if group is not None and group.exclusive():
            if id(group) in groups:
                continue
            groups.add(id(group))
        out.append(w)
    return out


def same_stop(a: QWidget, b: QWidget) -> bool:
    if isinstance(a, QRadioButton) and isinstance(b, QRadioButton) and a.group() is not None:
        return a.group() is b.group()
    return a is b


def tab_walk(first: QWidget, scope: QWidget, limit: int = 800) -> list[QWidget]:
    """The controls Tab reaches from `first`, each once, until focus leaves `scope` or comes back."""
    first.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    visited = [first]
    for _ in range(limit):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        w = stop_of(QApplication.focusWidget())
        if w is None or not (w is scope or scope.isAncestorOf(w)) or same_stop(w, first):
            break
        if not same_stop(w, visited[-1]):
            if any(same_stop(w, v) for v in visited):
                visited.append(w)  # round again: shown in the failure
                break
            visited.append(w)
    return visited


def order_problem(scope: QWidget, top: QWidget) -> str:
    """'' when Tab from the first control reaches every control in reading order."""
    before = reading_order(controls(scope, enabled_only=True), top)
    if not before:
        return ""
    walked = tab_walk(before[0], scope)
    # (what Tab reaches is read once the walk is over: a list given the focus has a current
    # row, and the buttons acting on it are enabled)
    expected = tab_stops(reading_order(controls(scope, enabled_only=True), top))
    if len(walked) == len(expected) and all(same_stop(a, b) for a, b in zip(walked, expected, strict=True)):
        return ""
    return "Tab goes\n  " + "\n  ".join(map(label, walked)) + "\nbut reads\n  " + "\n  ".join(map(label, expected))


# ---- the window, the example open ---------------------------------------------------------


@pytest.fixture
def career(window, qtbot):
    window.show_diagram(load(CAREER), None)
    d = window.document.diagram
    measured = [m.node_id for m in d.items("measures")]
    window.select(max(measured, key=lambda nid: len(d.parents(nid))))  # measures and links to show
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def dock_of(w, name: str) -> QDockWidget:
    dock = w.findChild(QDockWidget, name)
    assert dock is not None, f"no dock {name!r}"
    if name == "changes":
        w.changes.show_panel()
    dock.show()
    dock.raise_()
    dock.resize(max(dock.width(), 420), dock.height())
    for _ in range(3):
        QApplication.processEvents()
    return dock


@pytest.mark.parametrize("name", DOCKS)
def test_every_control_of_a_panel_has_a_name_and_a_description(career, name) -> None:
    dock = dock_of(career, name)
    assert controls(dock), f"nothing to reach in the {name} panel"
    assert not unnamed(dock), f"{name}: no accessible name: {unnamed(dock)}"
    assert not undescribed(dock), f"{name}: no description: {undescribed(dock)}"
    assert not same_names(controls(dock)), f"{name}: names shared by several controls: {same_names(controls(dock))}"


def test_buttons_say_what_they_act_on_across_the_panels(career) -> None:
    buttons: list[QWidget] = []
    for name in DOCKS:
        buttons += [w for w in controls(dock_of(career, name)) if isinstance(w, QAbstractButton)]
    assert not same_names(buttons), f"buttons of different panels named alike: {same_names(buttons)}"


@pytest.mark.parametrize("name", DOCKS)
def test_tab_goes_through_a_panel_in_reading_order(career, name) -> None:
    dock = dock_of(career, name)
    problem = order_problem(dock, career)
    assert not problem, f"{name}: {problem}"


@pytest.mark.parametrize("name", DOCKS)
def test_the_scroll_areas_of_the_panels_are_named_and_no_useless_tab_stop(career, name) -> None:
    dock = dock_of(career, name)
    for area in dock.findChildren(QScrollArea):
        if not area.isVisible() or type(area) is not QScrollArea:
            continue
        assert area.accessibleName(), f"{name}: a scroll area with no name"
        if controls(area.widget()):
            assert area.focusPolicy() == Qt.FocusPolicy.NoFocus, f"{name}: its scroll area takes Tab"


@pytest.mark.parametrize("name", DOCKS)
def test_a_focused_control_looks_focused(career, name) -> None:
    dock = dock_of(career, name)
    unseen = []
    for w in controls(dock, enabled_only=True):
        w.setFocus(Qt.FocusReason.TabFocusReason)
        w.window().setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)  # as after a Tab key
        QApplication.processEvents()
        focused = w.grab().toImage()
        career.canvas.setFocus(Qt.FocusReason.TabFocusReason)
        QApplication.processEvents()
        if w.grab().toImage() == focused:
            unseen.append(label(w))
    assert not unseen, f"{name}: focus does not show on {unseen}"


# ---- the dialogs ----------------------------------------------------------------------------


def dialogs_of(w) -> dict[str, QDialog]:
    """Each dialog of the app, filled from the example, built but not run."""
    from driverdiagram.ui.action_item_dialog import ActionItemDialog
    from driverdiagram.ui.details_dialog import DetailsDialog
    from driverdiagram.ui.export_dialog import ExportDialog
    from driverdiagram.ui.meeting_panel import day
    from driverdiagram.ui.milestone_dialog import MilestoneDialog, node_choices
    from driverdiagram.ui.note_dialog import NoteDialog
    from driverdiagram.ui.parking_dialog import ParentChooser, ParkingItemDialog
    from driverdiagram.ui.person_dialog import HelpersDialog, PersonDialog
    from driverdiagram.ui.summary_dialog import SummaryDialog

    d = w.document.diagram
    milestone = next(m for m in d.items("milestones") if m.due is not None)
    note = d.items("annotations")[0]
    parked = d.items("parking_lot")[0]
    person = d.items("people")[0]
    meetings = [(m.id, day(m.date)) for m in d.items("meetings")]
    helpers = [(p.id, p.name, i == 0) for i, p in enumerate(d.items("people"))]
    outcome = d.outcome.text
    return {
        "action item": ActionItemDialog(milestone, outcome, "Edit action item", w),
        "milestone": MilestoneDialog(milestone, node_choices(d), "Edit milestone", w),
        "details": DetailsDialog(d.info, outcome, w),
        "note": NoteDialog(w, note, outcome, "Edit note", meetings),
        "parking item": ParkingItemDialog(w, parked, d),
        "make it a node": ParentChooser(w, d, parked.text),
        "person": PersonDialog(w, person, w.network.drivers()),
        "who helps": HelpersDialog(w, outcome, helpers),
        "summary": SummaryDialog("Meeting of 3 March 2026\n\nAgreed: …", w),
        "export": ExportDialog(w, meetings=meetings),
    }


@pytest.fixture
def dialogs(career, qtbot):
    built = dialogs_of(career)
    yield built
    for dialog in built.values():
        dialog.close()
        dialog.deleteLater()


def shown(dialog: QDialog, qtbot) -> QDialog:
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_every_control_of_each_dialog_has_a_name_and_a_description(dialogs, qtbot) -> None:
    problems = []
    for title, dialog in dialogs.items():
        shown(dialog, qtbot)
        if unnamed(dialog):
            problems.append(f"{title}: no accessible name: {unnamed(dialog)}")
        if undescribed(dialog):
            problems.append(f"{title}: no description: {undescribed(dialog)}")
        if same_names(controls(dialog)):
            problems.append(f"{title}: names shared: {same_names(controls(dialog))}")
        dialog.hide()
    assert not problems, "\n".join(problems)


def test_tab_goes_through_each_dialog_in_reading_order(dialogs, qtbot) -> None:
    problems = []
    for title, dialog in dialogs.items():
        problem = order_problem(shown(dialog, qtbot), dialog)
        if problem:
            problems.append(f"{title}: {problem}")
        dialog.hide()
    assert not problems, "\n".join(problems)


# ---- the lists, from the keyboard ------------------------------------------------------------


def test_the_action_items_of_a_meeting_are_edited_and_deleted_from_the_keyboard(career) -> None:
    dock_of(career, "meetings")
    panel = career.meeting.panel
    asked: list[str] = []
    panel.edit_action = asked.append
    d = career.document.diagram
    panel.show_meeting(next(m.id for m in panel.meetings() if any(a.meeting_id == m.id for a in d.items("milestones"))))
    panel.action_list.setFocus()
    panel.action_list.setCurrentItem(panel.action_list.topLevelItem(0))
    first = panel.selected_action()
    QTest.keyClick(panel.action_list, Qt.Key.Key_Return)
    assert asked == [first], "Enter edits the action item"
    before = len(panel.action_items())
    QTest.keyClick(panel.action_list, Qt.Key.Key_Delete)
    assert len(panel.action_items()) == before - 1, "Delete deletes it (one undo step)"
    career.document.undo_stack.undo()
    assert len(panel.action_items()) == before


def test_the_compact_expectations_are_edited_moved_and_removed_from_the_keyboard(career) -> None:
    dock_of(career, "compact")
    panel = career.compact.panel
    rows = list(career.document.diagram.compact.expectations)
    assert len(rows) >= 2
    panel.expectations.setFocus()
    panel.expectations.setCurrentRow(0)
    QTest.keyClick(panel.expectations, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert list(career.document.diagram.compact.expectations)[:2] == [rows[1], rows[0]], "Alt+Down moves it"
    assert panel.expectations.currentRow() == 1
    QTest.keyClick(panel.expectations, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert list(career.document.diagram.compact.expectations) == rows, "Alt+Up moves it back"
    QTest.keyClick(panel.expectations, Qt.Key.Key_Delete)
    assert list(career.document.diagram.compact.expectations) == rows[1:], "Delete removes it"
    QTest.keyClick(panel.expectations, Qt.Key.Key_Return)
    assert panel.expectations.state() == panel.expectations.State.EditingState, "Enter edits it in place"


def test_the_network_matrix_goes_to_a_driver_and_tab_leaves_it(career) -> None:
    dock_of(career, "network")
    panel = career.network.panel
    panel.matrix.setFocus(Qt.FocusReason.TabFocusReason)
    panel.matrix.setCurrentCell(1, 0)
    QTest.keyClick(panel.matrix, Qt.Key.Key_Return)
    assert career.selected_ids() == [panel.analysis.rows[1].node_id], "Enter selects the row's driver"
    QTest.keyClick(panel.matrix, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not panel.matrix, "Tab leaves the matrix (the arrows move in it)"


def test_tab_leaves_the_data_table_at_its_last_cell_and_ctrl_tab_at_once(career) -> None:
    dock_of(career, "measures")
    table = career.findChild(DataTable)
    table.setFocus(Qt.FocusReason.TabFocusReason)
    table.setCurrentCell(0, 0)
    QTest.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is table and table.currentColumn() == 1, "Tab goes across"
    QTest.keyClick(table, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is not table, "Ctrl+Tab leaves the table"
    table.setFocus(Qt.FocusReason.TabFocusReason)
    table.setCurrentCell(table.new_row, 2)
    QTest.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table, "Tab on the last cell goes on to the next control"
    table.setFocus(Qt.FocusReason.BacktabFocusReason)
    table.setCurrentCell(0, 0)
    QTest.keyClick(table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is not table, "Shift+Tab on the first cell goes back"


def test_the_rows_a_panel_paints_itself_read_out_what_they_show(career) -> None:
    silent = []
    for name in DOCKS:
        for rows in dock_of(career, name).findChildren(QListWidget):
            for i in range(rows.count()):
                item = rows.item(i)
                if not (item.data(Qt.ItemDataRole.AccessibleTextRole) or item.text()).strip():
                    silent.append(f"{name}: row {i} of {name_of(rows)!r}")
    assert not silent, f"rows a screen reader reads as nothing: {silent}"


def test_f6_takes_the_focus_from_the_diagram_to_each_panel_in_front_and_back(career) -> None:
    career.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock_of(career, "measures"))  # two in front
    dock_of(career, "notes")
    fronts = [d for d in career.findChildren(QDockWidget) if d.isVisible() and not d.visibleRegion().isEmpty()]
    assert len(fronts) >= 2
    career.canvas.setFocus()
    reached = []
    for _ in fronts:
        w = next_pane(career)
        assert w is QApplication.focusWidget() and w is not None
        reached.append(next(d for d in fronts if d.isAncestorOf(w)))
        assert controls(reached[-1], enabled_only=True), "on a control of the panel"
    assert sorted(reached, key=id) == sorted(fronts, key=id), "each panel in front, once"
    assert next_pane(career) is career.canvas, "and round to the diagram"
    assert next_pane(career, forward=False) in controls(reached[-1]), "Shift+F6 goes back"


def test_enter_on_a_measure_goes_to_its_fields(career) -> None:
    dock_of(career, "measures")
    panel = career.findChild(MeasuresPanel)
    panel.list.setFocus()
    panel.list.setCurrentRow(0)
    QTest.keyClick(panel.list, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is panel.name, "Enter: the measure's name, ready to edit"

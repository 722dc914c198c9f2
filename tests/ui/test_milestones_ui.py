"""Milestones, homework and the timeline, driven as a user drives them: the Milestones dock's
checklist (order, filter, tick box, Add… / Edit… / Delete with the dialog answered), each
gesture one undo step; the timeline painting the milestones, hovering and clicking them;
and back: model edits and undo reach the list and the timeline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QStyle, QStyleOptionViewItem
from ui_helpers import shortcut

from driverdiagram.layout.timeline import TIMELINE_COLOURS
from driverdiagram.model import Milestone, MilestoneKind, load
from driverdiagram.ui import milestone_dialog
from driverdiagram.ui.milestone_dialog import MilestoneDialog, node_choices
from driverdiagram.ui.milestones_feature import MilestonesFeature
from driverdiagram.ui.milestones_panel import LINES
from driverdiagram.ui.timeline_view import point_tip

CAREER = Path(__file__).resolve().parents[2] / "resources" / "examples" / "career.driver"
TODAY = dt.date(2026, 3, 10)  # the example's own "now"


@pytest.fixture(autouse=True)
def no_unexpected_milestone_dialog(monkeypatch) -> None:
    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected dialog: {args[1:]}")

    monkeypatch.setattr(milestone_dialog, "edit_milestone", unexpected)


@pytest.fixture
def career(window):
    window.show_diagram(load(CAREER), None)
    window.canvas.diagram_scene.clearSelection()
    feature = next((f for f in window.features if isinstance(f, MilestonesFeature)), None)
    feature = feature or window.install(MilestonesFeature(window))
    feature.clock = lambda: TODAY
    feature.show_dock()
    feature.panel.reload()
    feature.timeline.refresh()
    return window


def feature(w) -> MilestonesFeature:
    return next(f for f in w.features if isinstance(f, MilestonesFeature))


def answer(monkeypatch, reply=None, seen: list | None = None) -> list:
    """The milestone dialog, answered: `reply(item)` is what the user wrote (None: Cancel)."""
    seen = [] if seen is None else seen

    def edit_milestone(parent, item, nodes, title):
        seen.append((item, list(nodes), title))
        return reply(item) if reply else None

    monkeypatch.setattr(milestone_dialog, "edit_milestone", edit_milestone)
    return seen


def click_tick_box(panel, milestone_id: str) -> None:
    """Click the row's tick box where the style draws it, as a user would."""
    tree = panel.tree
    item = panel.row(milestone_id)
    tree.scrollToItem(item)
    index = tree.indexFromItem(item, 0)
    opt = QStyleOptionViewItem()
    opt.rect = tree.visualRect(index)
    opt.widget = tree
    tree.itemDelegateForColumn(0).initStyleOption(opt, index)
    box = tree.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, opt, tree)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, box.center())


def test_the_dock_is_a_tab_beside_the_notes_with_the_checklist_above_the_timeline(career) -> None:
    w = career
    f = feature(w)
    assert f.dock.objectName() == "milestones" and f.dock.windowTitle() == "Milestones"
    notes = w.findChild(type(f.dock), "notes")
    assert f.dock in w.tabifiedDockWidgets(notes)
    assert f.splitter.orientation() == Qt.Orientation.Vertical
    assert f.splitter.widget(0) is f.panel and f.splitter.widget(1).widget() is f.timeline
    plan = next(a.menu() for a in w.menuBar().actions() if a.text() == "&Plan")
    texts = [a.text() for a in plan.actions()]
    assert "Add &Milestone…" in texts and "Milestones and &Timeline" in texts


def test_the_checklist_is_by_due_date_undated_last_overdue_red_done_ticked_and_grey(career) -> None:
    w = career
    f = feature(w)
    w.document.add_item("milestones", Milestone(id="ms-someday", title="Find a second sponsor"))
    ids = f.panel.row_ids()
    d = w.document.diagram
    dues = [d.item("milestones", i).due for i in ids[:-1]]
    assert dues == sorted(dues) and ids[-1] == "ms-someday"
    assert ids[:3] == ["ms-ethics", "ms-study-design", "ms-template-meeting"]
    late, done = f.panel.row("ms-template-meeting"), f.panel.row("ms-ethics")
    assert late.foreground(0).color() == QColor(TIMELINE_COLOURS["overdue"]) and "overdue" in late.text(1)
    assert done.checkState(0) == Qt.CheckState.Checked and done.foreground(0).color() == QColor("#7F7F7F")
    assert f.panel.row("ms-pilot-grant").checkState(0) == Qt.CheckState.Unchecked
    title, about = f.panel.row("ms-aims-draft").data(0, LINES)
    assert title.startswith("Draft K23 Specific Aims") and about.startswith("Homework · Amara · Submit K-award")
    assert f.panel.summary.text() == "10 open · 1 overdue · 2 done"


def test_ticking_dates_it_today_in_one_undo_step_and_unticking_clears_it(career, qtbot) -> None:
    w = career
    f = feature(w)
    stack = w.document.undo_stack
    click_tick_box(f.panel, "ms-pilot-grant")
    assert w.document.diagram.item("milestones", "ms-pilot-grant").done == TODAY
    assert stack.count() == 1 and stack.undoText() == "Mark milestone done"
    qtbot.waitUntil(lambda: f.panel.row("ms-pilot-grant").checkState(0) == Qt.CheckState.Checked)

    stack.undo()
    assert w.document.diagram.item("milestones", "ms-pilot-grant").done is None
    assert f.panel.row("ms-pilot-grant").checkState(0) == Qt.CheckState.Unchecked
    stack.redo()

    click_tick_box(f.panel, "ms-ethics")  # done in December: unticked, open again
    assert w.document.diagram.item("milestones", "ms-ethics").done is None
    assert stack.count() == 2 and stack.undoText() == "Reopen milestone"
    qtbot.waitUntil(lambda: f.panel.row("ms-ethics").checkState(0) == Qt.CheckState.Unchecked)


def test_the_filter_shows_all_open_overdue_or_done(career) -> None:
    f = feature(career)
    combo = f.panel.show_filter
    shown = {}
    for i in range(combo.count()):
        combo.setCurrentIndex(i)
        shown[combo.currentText()] = set(f.panel.row_ids())
    assert shown["Overdue"] == {"ms-template-meeting"}
    assert shown["Done"] == {"ms-ethics", "ms-study-design"}
    assert shown["Open"] | shown["Overdue"] | shown["Done"] == shown["All"]
    assert len(shown["All"]) == 12 and not shown["Open"] & shown["Done"]
    combo.setCurrentIndex(combo.findText("Overdue"))
    f.panel.show_milestone("ms-ethics")  # showing a hidden one opens the filter up
    assert combo.currentText() == "All" and f.panel.current_id() == "ms-ethics"


def test_add_writes_a_milestone_on_the_selected_node_in_one_undo_step(career, monkeypatch) -> None:
    w = career
    f = feature(w)
    stack = w.document.undo_stack
    w.canvas.select("s-methods")
    due = dt.date(2026, 11, 30)
    seen = answer(monkeypatch, lambda item: item.but(title="Submit the methods paper", due=due))
    shortcut(w, "Ctrl+Shift+D")
    ((draft, nodes, title),) = seen
    assert title == "New milestone" and draft.node_id == "s-methods" and draft.kind is MilestoneKind.MILESTONE
    assert draft.owner == "Dr. Amara Okafor" and nodes == node_choices(w.document.diagram)
    new = w.document.diagram.item("milestones", draft.id)
    assert (new.title, new.due, new.node_id) == ("Submit the methods paper", due, "s-methods")
    assert stack.count() == 1 and stack.undoText() == "Add milestone"
    assert f.panel.current_id() == draft.id and f.timeline.geometry_now.point(draft.id) is not None

    stack.undo()
    assert draft.id not in f.panel.row_ids() and f.timeline.geometry_now.point(draft.id) is None

    answer(monkeypatch, None)  # Cancel: nothing, and no step
    f.panel.add_button.click()
    assert (stack.count(), stack.index()) == (1, 0) and len(w.document.diagram.items("milestones")) == 12


def test_edit_changes_the_milestone_in_one_step_and_nothing_changed_is_no_step(career, monkeypatch) -> None:
    w = career
    f = feature(w)
    stack = w.document.undo_stack
    f.panel.show_milestone("ms-abstract")
    seen = answer(monkeypatch, lambda item: item.but(kind=MilestoneKind.HOMEWORK, owner="Amara and Tomás"))
    f.panel.edit_button.click()
    assert seen[0][2] == "Edit milestone" and seen[0][0].id == "ms-abstract"
    m = w.document.diagram.item("milestones", "ms-abstract")
    assert (m.kind, m.owner) == (MilestoneKind.HOMEWORK, "Amara and Tomás")
    assert stack.count() == 1 and stack.undoText() == "Edit milestone"
    answer(monkeypatch, lambda item: item)
    f.panel.edit_button.click()
    assert stack.count() == 1


def test_delete_removes_it_in_one_step_and_undo_brings_it_back(career) -> None:
    w = career
    f = feature(w)
    f.panel.show_milestone("ms-dossier")
    f.panel.delete_button.click()
    assert "ms-dossier" not in f.panel.row_ids() and f.timeline.geometry_now.point("ms-dossier") is None
    assert w.document.undo_stack.undoText() == "Delete milestone"
    w.document.undo_stack.undo()
    assert "ms-dossier" in f.panel.row_ids() and f.timeline.geometry_now.point("ms-dossier") is not None


def test_clicking_a_row_selects_its_node_on_the_canvas(career) -> None:
    w = career
    f = feature(w)
    item = f.panel.row("ms-k-award")
    f.panel.tree.scrollToItem(item)
    rect = f.panel.tree.visualItemRect(item)
    QTest.mouseClick(f.panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.selected_ids() == ["c-k-award"]


def test_the_timeline_paints_each_milestone_where_its_geometry_says(career) -> None:
    w = career
    f = feature(w)
    view = f.timeline
    image = view.grab().toImage()
    for milestone_id, colour in (
        ("ms-template-meeting", "overdue"),
        ("ms-ethics", "done"),
        ("ms-k-award", "open_fill"),
    ):
        c = view.centre_of(milestone_id)
        got = QColor(image.pixel(round(c.x()), round(c.y())))
        assert got == QColor(TIMELINE_COLOURS[colour]), milestone_id
    g = view.geometry_now
    assert len(g.points) == 12 and [lane.key for lane in g.lanes][0] == ""
    assert view.height() >= g.height


def test_clicking_a_milestone_on_the_timeline_selects_its_node_and_its_row(career) -> None:
    w = career
    f = feature(w)
    centre = f.timeline.centre_of("ms-analysis")
    QTest.mouseClick(f.timeline, Qt.MouseButton.LeftButton, pos=centre.toPoint())
    assert w.selected_ids() == ["c-biostat-meeting"]
    assert f.panel.current_id() == "ms-analysis" and f.timeline.current == "ms-analysis"
    QTest.mouseClick(f.timeline, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))  # nothing there
    assert w.selected_ids() == ["c-biostat-meeting"]


def test_hovering_a_milestone_says_its_title_due_date_and_owner(career) -> None:
    w = career
    f = feature(w)
    centre = f.timeline.centre_of("ms-template-meeting")
    # (sent to the widget: the offscreen screen is 800 px wide and the dock may lie beyond it)
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        centre,
        f.timeline.mapToGlobal(centre),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(f.timeline, move)
    assert f.timeline.hovered == "ms-template-meeting"
    m = w.document.diagram.item("milestones", "ms-template-meeting")
    tip = point_tip(m, f.timeline.geometry_now.point(m.id))
    assert tip == "Meet the division chief about the clinical template\nDue 27 February 2026 · Amara\nOverdue"


def test_model_edits_and_the_horizon_reach_the_timeline(career) -> None:
    w = career
    f = feature(w)
    before = f.timeline.computed
    w.document.set_info(horizon="2026–2032")
    assert f.timeline.geometry_now.end == dt.date(2033, 1, 1) and f.timeline.computed == before + 1
    w.document.edit_item("milestones", "ms-dossier", due=dt.date(2031, 6, 30))
    assert f.timeline.geometry_now.point("ms-dossier").due == dt.date(2031, 6, 30)
    w.document.undo_stack.undo()
    w.document.undo_stack.undo()
    assert f.timeline.geometry_now.end == dt.date(2031, 1, 1)


def test_the_dialog_has_the_kind_the_node_and_the_whole_plan_first(career, qtbot) -> None:
    d = career.document.diagram
    item = Milestone(id="x", title="", node_id="s-team", owner="Amara")
    dialog = MilestoneDialog(item, node_choices(d), "New milestone")
    qtbot.addWidget(dialog)
    assert dialog.node_combo.itemText(0) == "The whole plan" and dialog.node_combo.currentData() == "s-team"
    assert [dialog.kind_combo.itemText(i) for i in range(3)] == ["Milestone", "Homework", "Action item"]
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled(), "a title is required"
    dialog.title.setText("Data collection complete")
    dialog.kind_combo.setCurrentIndex(1)
    dialog.node_combo.setCurrentIndex(0)
    dialog.has_due.setChecked(True)
    assert ok.isEnabled()
    new = dialog.result_item()
    assert (new.title, new.kind, new.node_id, new.owner) == (
        "Data collection complete",
        MilestoneKind.HOMEWORK,
        None,
        "Amara",
    )
    assert new.due is not None and new.done is None


def test_no_widget_attribute_hides_a_qt_method(career) -> None:
    from PySide6.QtCore import Signal

    f = feature(career)
    widgets = [f.panel, f.timeline, MilestoneDialog(Milestone(id="a", title="x"), [], "t")]
    for w in widgets:
        qt_names = {n for cls in type(w).__mro__ if cls.__module__.startswith("PySide6") for n in vars(cls)}
        clashes = sorted(n for n in set(vars(w)) & qt_names if not isinstance(getattr(type(w), n, None), Signal))
        assert not clashes, f"{type(w).__name__} hides Qt's {clashes}"
    QApplication.processEvents()

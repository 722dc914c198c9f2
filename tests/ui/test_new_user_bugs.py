"""The bugs a new user hit in the editor (issue 8), each driven as the user met it."""

from __future__ import annotations

import datetime as dt
import inspect
from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QToolButton, QToolTip
from ui_helpers import forget_changes, press, type_text

from driverdiagram.model import Diagram, NodeKind, load, save
from driverdiagram.ui import canvas as canvas_module
from driverdiagram.ui import commands, dialogs
from driverdiagram.ui.app import offer_recovery, start
from driverdiagram.ui.document import Document
from driverdiagram.ui.main_window import MainWindow

AIM = "Promoted to associate professor by June 2030"


def texts(d: Diagram, kind: NodeKind) -> list[str]:
    return [n.text for n in d.nodes(kind)]


def new_plan(window, tmp_path: Path) -> Diagram:
    assert window.open_path(tmp_path / "plan.driver", create=True)
    type_text(window, AIM)
    press(window, Qt.Key.Key_Return)
    return window.document.diagram


# ------------------------------------------------------------------ 1. the aim
def test_enter_on_an_empty_new_sibling_goes_back_to_the_sibling_not_the_aim(window, tmp_path: Path) -> None:
    d = new_plan(window, tmp_path)
    press(window, Qt.Key.Key_Tab)
    type_text(window, "Research skills")
    press(window, Qt.Key.Key_Return)  # commits, and the next sibling opens
    assert window.canvas.editor.active
    press(window, Qt.Key.Key_Return)  # Enter on the empty one: stop
    research = d.nodes(NodeKind.PRIMARY)[0]
    assert texts(d, NodeKind.PRIMARY) == ["Research skills"], "the empty sibling is gone"
    assert window.canvas.current_id() == research.id, "back on the node the user was on"
    type_text(window, "Research and statistics skills")  # typing now edits that node …
    press(window, Qt.Key.Key_Return)
    assert d.outcome.text == AIM, "… never the aim"
    assert texts(d, NodeKind.PRIMARY) == ["Research and statistics skills"]


def test_escape_on_an_empty_new_sibling_goes_back_to_the_sibling(window, tmp_path: Path) -> None:
    d = new_plan(window, tmp_path)
    press(window, Qt.Key.Key_Tab)
    type_text(window, "Research skills")
    press(window, Qt.Key.Key_Return)
    press(window, Qt.Key.Key_Escape)
    assert window.canvas.current_id() == d.nodes(NodeKind.PRIMARY)[0].id
    assert window.document.undo_stack.undoText() == "Add primary driver"
    assert not window.document.undo_stack.canRedo(), "the abandoned node leaves no redo step"


def test_the_issue_walk_through_leaves_every_node_where_the_user_meant_it(window, tmp_path: Path) -> None:
    """aim, Tab, Enter, Enter on empty, Enter, Escape, Tab, Ctrl+B — as in the issue."""
    new_plan(window, tmp_path)
    press(window, Qt.Key.Key_Tab)
    type_text(window, "Research skills")
    press(window, Qt.Key.Key_Return)
    press(window, Qt.Key.Key_Return)  # the empty sibling goes; Research skills is selected
    press(window, Qt.Key.Key_Return)  # Enter on a selected node: a new sibling …
    assert window.canvas.editor.active
    press(window, Qt.Key.Key_Escape)  # … cancelled: back on Research skills
    press(window, Qt.Key.Key_Tab)  # a secondary under Research skills
    type_text(window, "Statistics course")
    press(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    type_text(window, "No protected time")
    press(window, Qt.Key.Key_Return)
    press(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = load(tmp_path / "plan.driver")
    assert saved.outcome.text == AIM
    assert texts(saved, NodeKind.PRIMARY) == ["Research skills"]
    (secondary,) = saved.nodes(NodeKind.SECONDARY)
    assert secondary.text == "Statistics course"
    assert saved.parents(secondary.id)[0].text == "Research skills"
    (barrier,) = saved.nodes(NodeKind.ANTI_DRIVER)
    assert barrier.text == "No protected time" and saved.target(barrier.id).id == secondary.id


def test_enter_on_the_selected_outcome_says_why_nothing_was_added(window) -> None:
    window.canvas.select(window.document.diagram.outcome.id)
    press(window, Qt.Key.Key_Return)
    assert len(window.document.diagram) == 1
    assert "one outcome" in window.statusBar().currentMessage()
    assert "Tab" in window.statusBar().currentMessage()


def test_tab_on_an_empty_new_sibling_indents_it_under_the_sibling(window, tmp_path: Path) -> None:
    d = new_plan(window, tmp_path)
    press(window, Qt.Key.Key_Tab)
    type_text(window, "Research skills")
    press(window, Qt.Key.Key_Return)  # an empty sibling opens …
    press(window, Qt.Key.Key_Tab)  # … Tab: it becomes a child of Research skills instead
    type_text(window, "Statistics course")
    press(window, Qt.Key.Key_Return)
    assert texts(d, NodeKind.PRIMARY) == ["Research skills"]
    assert texts(d, NodeKind.SECONDARY)[0] == "Statistics course"


# ------------------------------------------------------------- 2. open recent
def test_open_recent_lists_whole_file_names_and_tells_same_names_apart(window, tmp_path: Path) -> None:
    first = tmp_path / "a" / "plan.driver"
    second = tmp_path / "b" / "plan.driver"
    for p in (first, second):
        p.parent.mkdir()
        save(Diagram.new(f"Aim in {p.parent.name}"), p)
    assert window.open_path(first)
    window._fill_recent()
    labels = [a.text() for a in window.recent_menu.actions()]
    assert labels == ["plan.driver"], "a one-item list is one entry, not one per letter"
    QSettings().sync()
    assert window.open_path(second)
    window._fill_recent()
    labels = [a.text() for a in window.recent_menu.actions()]
    assert len(labels) == 2 and labels[0] != labels[1]
    assert str(second.parent) in labels[0] and str(first.parent) in labels[1]
    window.recent_menu.actions()[1].trigger()
    assert window.document.path == first


# ------------------------------------------------------ 3. restore, then open
def test_after_restoring_a_recovery_file_the_next_file_opens_unmodified(qtbot, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "recovery"
    crashed = MainWindow(autosave_folder=folder)
    qtbot.addWidget(crashed, before_close_func=forget_changes)
    crashed.show_diagram(Diagram.new("Aim"), None)
    crashed.document.add_child(crashed.document.diagram.outcome.id, "Research")
    assert crashed.autosaver.write() is not None

    w = MainWindow(autosave_folder=folder)
    qtbot.addWidget(w, before_close_func=forget_changes)
    monkeypatch.setattr(dialogs, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert offer_recovery(w) and w.document.modified
    monkeypatch.setattr(dialogs, "warning", lambda *a, **k: QMessageBox.StandardButton.Discard)
    other = tmp_path / "other.driver"
    save(Diagram.new("Another aim"), other)
    assert w.open_path(other)
    assert not w.document.modified and not w.isWindowModified()


# ------------------------------------------------------------- 4. refusals
def test_a_refused_link_drag_keeps_its_reason_in_view(window) -> None:
    d = Diagram.new("Aim")
    p = d.add_node("primary", "Research", parent=d.outcome.id)
    s = d.add_node("secondary", "Statistics", parent=p.id)
    c = d.add_node("change_idea", "Course", parent=s.id)
    window.show_diagram(d, None)
    window.canvas.set_zoom(1.0)
    window.canvas.select(d.outcome.id)
    nodes, vp = window.canvas.diagram_scene.nodes, window.canvas.viewport()
    item = nodes[d.outcome.id]
    dot = window.canvas.mapFromScene(item.mapToScene(item.handle_rect().center()))
    window.canvas.ensureVisible(nodes[c.id])
    dot = window.canvas.mapFromScene(item.mapToScene(item.handle_rect().center()))
    drop = window.canvas.mapFromScene(nodes[c.id].sceneBoundingRect().center())
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, dot)
    for k in range(1, 6):
        QTest.mouseMove(vp, dot + (drop - dot) * k / 5)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, drop)
    assert not d.has_link(d.outcome.id, c.id)
    why = "change idea can only be linked from a secondary driver"
    assert why in window.statusBar().currentMessage(), "the selection hint did not overwrite it"
    assert QToolTip.isVisible() and why in QToolTip.text(), "and it is shown at the drop point"
    window.canvas.select(p.id)  # the user clicks on: the reason is still there for a while
    assert why in window.statusBar().currentMessage()
    assert "primary driver" in window.hint.text().lower()


# ------------------------------------------------------------ 5. the toolbar
def test_undo_and_redo_buttons_keep_their_width_and_say_their_step_in_the_tooltip(window) -> None:
    buttons = {b.defaultAction(): b for b in window.toolbar.findChildren(QToolButton) if b.defaultAction()}
    undo, redo = buttons[window.act_undo], buttons[window.act_redo]
    assert not undo.icon().isNull() and not redo.icon().isNull()
    assert undo.toolButtonStyle() is Qt.ToolButtonStyle.ToolButtonIconOnly
    before = (undo.sizeHint().width(), redo.sizeHint().width())
    window.document.add_child(window.document.diagram.outcome.id, "Research")
    assert (undo.sizeHint().width(), redo.sizeHint().width()) == before
    assert "Add primary driver" in undo.toolTip()
    window.act_undo.trigger()
    assert (undo.sizeHint().width(), redo.sizeHint().width()) == before
    assert "Add primary driver" in redo.toolTip()


# --------------------------------------------------- 6. the "updated" date
def test_saving_stamps_the_updated_date_the_pdf_prints(window, tmp_path: Path) -> None:
    path = tmp_path / "plan.driver"
    old = Diagram.new("Aim", created=dt.date(2024, 1, 5), modified=dt.date(2024, 1, 5))
    save(old, path)
    assert window.open_path(path)
    window.document.add_child(window.document.diagram.outcome.id, "Research")
    assert window.save()
    info = load(path).info
    assert info.modified == dt.date.today() and info.created == dt.date(2024, 1, 5)
    assert window.document.diagram.info.modified == dt.date.today()
    assert not window.document.modified, "the stamp is no edit of the user's"


# ----------------------------------------------------------- 7. shadowing
def test_commands_and_the_document_do_not_shadow_qt_methods(window) -> None:
    stack = window.document.undo_stack
    window.document.add_child(window.document.diagram.outcome.id, "Research")
    assert stack.command(stack.index() - 1).text() == "Add primary driver"
    for name in ("connect", "disconnect"):
        assert name not in Document.__dict__, f"Document.{name} would hide QObject.{name}"
    for cls in vars(commands).values():
        if isinstance(cls, type) and issubclass(cls, commands.QUndoCommand) and cls.__module__ == commands.__name__:
            assert "text" not in cls.__dict__


# ---------------------------------------------------------- 8. a new launch
def test_a_new_launch_opens_the_welcome_page_not_someone_elses_diagram(window) -> None:
    start(window, None)
    assert window.on_welcome and window.welcome.isVisible()
    d = window.document.diagram
    assert len(d) == 1 and d.outcome.text == "" and not d.info.mentee and not d.items("measures")
    assert not window.act_anti.isEnabled(), "no editing while no diagram is open"
    QTest.mouseClick(window.welcome.new_button, Qt.MouseButton.LeftButton)
    assert not window.on_welcome and window.canvas.editor.active, "New: type the aim straight away"
    type_text(window, "My own aim")
    press(window, Qt.Key.Key_Return)
    assert window.document.diagram.outcome.text == "My own aim"


def test_the_welcome_page_opens_an_example_only_when_asked(window) -> None:
    start(window, None)
    QTest.mouseClick(window.welcome.example_buttons[0], Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not window.on_welcome
    assert window.document.path is None, "an untitled copy: saving never writes into the install"
    assert len(window.document.diagram) > 10


# ------------------------------------------------------------------ seams
def test_the_canvas_never_touches_the_undo_stack() -> None:
    assert "undo_stack" not in inspect.getsource(canvas_module)


# ------------------------------------------------- the launch, step by step
def test_a_launch_paints_the_welcome_page_then_builds_the_editor(qtbot, tmp_path: Path) -> None:
    from driverdiagram.ui.app import launch

    w = launch(None, tmp_path / "recovery")
    qtbot.addWidget(w, before_close_func=forget_changes)
    assert w.on_welcome and not w.editor_ready, "nothing but the welcome page before the first paint"
    qtbot.waitUntil(lambda: w.editor_ready, timeout=10_000)
    assert w.on_welcome and not w.toolbar.isVisible() and not w.act_anti.isEnabled()
    assert w.windowTitle() == "DriverDiagram"
    QTest.mouseClick(w.welcome.new_button, Qt.MouseButton.LeftButton)
    assert not w.on_welcome and w.toolbar.isVisible() and w.act_anti.isEnabled()
    assert w.canvas.editor.active


def test_a_click_on_the_welcome_page_before_the_editor_is_built_still_works(qtbot, tmp_path: Path) -> None:
    w = MainWindow(autosave_folder=tmp_path / "recovery", deferred=True)
    qtbot.addWidget(w, before_close_func=forget_changes)
    w.show_welcome()
    assert not w.editor_ready
    w.welcome.example_buttons[1].click()
    assert w.editor_ready and not w.on_welcome and len(w.document.diagram) > 5


def test_a_launch_after_a_crash_offers_the_changes_once_the_editor_is_built(qtbot, tmp_path, monkeypatch) -> None:
    from driverdiagram.ui.app import launch

    folder = tmp_path / "recovery"
    crashed = MainWindow(autosave_folder=folder)
    qtbot.addWidget(crashed, before_close_func=forget_changes)
    crashed.show_diagram(Diagram.new("Aim kept by autosave"), None)
    crashed.document.add_child(crashed.document.diagram.outcome.id, "Research")
    assert crashed.autosaver.write() is not None
    monkeypatch.setattr(dialogs, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    w = launch(None, folder)
    qtbot.addWidget(w, before_close_func=forget_changes)
    qtbot.waitUntil(lambda: w.editor_ready and not w.on_welcome, timeout=10_000)
    assert w.document.diagram.outcome.text == "Aim kept by autosave" and w.document.modified


def test_a_message_shows_node_text_as_text_never_as_markup(window, monkeypatch) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from driverdiagram.ui import dialogs

    seen = []

    def exec_(box) -> int:
        seen.append((box.textFormat(), box.text()))
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    dialogs.ask(window, QMessageBox.Icon.Critical, "Could not save", "<b>Grant</b> &lt;x&gt; " + "y" * 10_000)
    ((fmt, text),) = seen
    assert fmt is Qt.TextFormat.PlainText and text.startswith("<b>Grant</b> &lt;x&gt;")
    assert len(text) <= dialogs.MAX_CHARS, "a huge field is cut"
    QApplication.processEvents()


def test_scrolling_over_a_panel_never_changes_a_value(window) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    d = Diagram.new("Aim")
    a = d.add_node("anti_driver", "No time", parent=d.outcome.id, strength=3)
    window.show_diagram(d, None)
    window.canvas.select(a.id)
    spin = window.panel.strength
    assert spin.value() == 3 and not spin.hasFocus()
    wheel = QWheelEvent(
        QPointF(5, 5), QPointF(spin.mapToGlobal(QPoint(5, 5))), QPoint(0, 0), QPoint(0, -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(spin, wheel)
    assert spin.value() == 3 and d.node(a.id).strength == 3, "the wheel scrolled the panel, it edited nothing"
    assert window.document.undo_stack.count() == 0

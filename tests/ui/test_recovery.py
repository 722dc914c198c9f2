"""Autosave and the offer to restore after a crash."""

from __future__ import annotations

from pathlib import Path

from conftest import forget_changes
from PySide6.QtWidgets import QMessageBox

from driverdiagram.model import NodeKind, to_document
from driverdiagram.ui import dialogs
from driverdiagram.ui.app import offer_recovery
from driverdiagram.ui.main_window import MainWindow


def test_after_a_kill_the_next_start_offers_the_changes_back(qtbot, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "recovery"
    first = MainWindow(autosave_folder=folder)
    qtbot.addWidget(first, before_close_func=forget_changes)
    plan = tmp_path / "plan.driver"
    first.open_path(plan, create=True)
    first.canvas.editor.cancel()
    first.document.set_text(first.document.diagram.outcome.id, "Funded program by 2030")
    first.document.add_child(first.document.diagram.outcome.id, "Grant writing")
    assert first.autosaver.timer.isActive(), "autosave is scheduled a few seconds after a change"
    written = first.autosaver.write()
    assert written is not None and written.exists() and written.parent == folder
    expected = to_document(first.document.diagram)
    # "kill": the window vanishes without closing cleanly, so the recovery file stays.

    second = MainWindow(autosave_folder=folder)
    qtbot.addWidget(second, before_close_func=forget_changes)
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "question", lambda *a, **k: (asked.append(a[2]), QMessageBox.StandardButton.Yes)[1])
    assert offer_recovery(second)
    assert asked and "plan.driver" in asked[0]
    assert to_document(second.document.diagram) == expected
    assert second.document.path == plan and second.document.modified
    assert [n.text for n in second.document.diagram.nodes(NodeKind.PRIMARY)] == ["Grant writing"]
    assert second.save()
    assert not list(folder.glob("*.driver")), "once saved, the recovery file is gone"


def test_a_clean_close_leaves_no_recovery_file(qtbot, tmp_path: Path) -> None:
    folder = tmp_path / "recovery"
    w = MainWindow(autosave_folder=folder)
    qtbot.addWidget(w, before_close_func=forget_changes)
    w.document.add_child(w.document.diagram.outcome.id, "Research")
    assert w.autosaver.write() is not None
    w.document.undo_stack.setClean()
    w.close()
    assert not list(folder.glob("*.driver"))

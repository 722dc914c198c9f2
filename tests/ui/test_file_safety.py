"""One writer per file, and never a silent overwrite: locks, outside changes, read-only files."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from ui_helpers import forget_changes

from driverdiagram.model import Diagram, load, save
from driverdiagram.ui import dialogs
from driverdiagram.ui.app import make_app
from driverdiagram.ui.main_window import MainWindow


def a_file(tmp_path: Path, text: str = "Aim on disk") -> Path:
    path = tmp_path / "plan.driver"
    save(Diagram.new(text), path)
    return path


def new_window(qtbot, tmp_path: Path) -> MainWindow:
    make_app()  # named DriverDiagram: the lock file says who holds it
    w = MainWindow(autosave_folder=tmp_path / "recovery")
    qtbot.addWidget(w, before_close_func=forget_changes)
    return w


def answer_choose(monkeypatch, label: str, asked: list | None = None) -> None:
    def choose(parent, icon, title, text, choices, default=0):
        if asked is not None:
            asked.append((title, text, choices))
        return choices.index(label)

    monkeypatch.setattr(dialogs, "choose", choose)


def test_a_second_window_on_an_open_file_warns_and_can_open_it_read_only(qtbot, tmp_path, monkeypatch) -> None:
    path = a_file(tmp_path)
    first = new_window(qtbot, tmp_path)
    assert first.open_path(path)
    asked: list = []
    answer_choose(monkeypatch, "Open Read-Only", asked)
    second = new_window(qtbot, tmp_path)
    assert second.open_path(path)
    ((title, text, choices),) = asked
    assert "already open" in text and "DriverDiagram" in text
    assert "(read-only)" in second.windowTitle()
    second.document.set_text(second.document.diagram.outcome.id, "Changed in the second window")
    infos: list = []
    monkeypatch.setattr(dialogs, "information", lambda *a, **k: infos.append(a[2]) or QMessageBox.StandardButton.Cancel)
    assert not second.save()
    assert infos and "read-only" in infos[0]
    assert load(path).outcome.text == "Aim on disk", "the first window's file is untouched"


def test_the_lock_goes_with_the_window_and_a_dead_process_lock_is_taken_over(qtbot, tmp_path, monkeypatch) -> None:
    path = a_file(tmp_path)
    first = new_window(qtbot, tmp_path)
    assert first.open_path(path) and first.binding.locked
    first.close()
    second = new_window(qtbot, tmp_path)
    assert second.open_path(path) and second.binding.locked, "no question once the first window closed"
    second.close()
    lock = tmp_path / ".~plan.driver.lock"
    from PySide6.QtCore import QSysInfo

    lock.write_text(f"999999\npython\n{QSysInfo.machineHostName()}\n")  # a crashed process's lock, here
    third = new_window(qtbot, tmp_path)
    assert third.open_path(path)


def test_an_outside_change_is_never_overwritten_silently(qtbot, tmp_path, monkeypatch) -> None:
    path = a_file(tmp_path)
    w = new_window(qtbot, tmp_path)
    assert w.open_path(path)
    w.document.set_text(w.document.diagram.outcome.id, "My version")
    save(Diagram.new("Their version"), path)  # another program writes the file
    asked: list = []
    answer_choose(monkeypatch, "Cancel", asked)
    assert not w.save()
    assert asked and asked[0][0] == "Changed by another program"
    assert load(path).outcome.text == "Their version"
    answer_choose(monkeypatch, "Overwrite")
    assert w.save()
    assert load(path).outcome.text == "My version" and not w.document.modified


def test_discard_mine_and_reload_brings_theirs(qtbot, tmp_path, monkeypatch) -> None:
    path = a_file(tmp_path)
    w = new_window(qtbot, tmp_path)
    assert w.open_path(path)
    w.document.set_text(w.document.diagram.outcome.id, "My version")
    save(Diagram.new("Their version"), path)
    answer_choose(monkeypatch, "Discard Mine and Reload")
    assert w.save(), "nothing is left unsaved"
    assert w.document.diagram.outcome.text == "Their version" and load(path).outcome.text == "Their version"


def test_a_watched_file_changed_outside_offers_to_reload(qtbot, tmp_path, monkeypatch) -> None:
    path = a_file(tmp_path)
    w = new_window(qtbot, tmp_path)
    assert w.open_path(path)
    asked: list = []
    monkeypatch.setattr(
        dialogs, "question", lambda parent, title, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes
    )
    save(Diagram.new("Edited in another program"), path)
    qtbot.waitUntil(lambda: w.document.diagram.outcome.text == "Edited in another program", timeout=5000)
    assert asked and "changed by another program" in asked[0]
    assert not w.document.modified


def test_our_own_save_does_not_count_as_an_outside_change(qtbot, tmp_path, monkeypatch) -> None:
    path = a_file(tmp_path)
    w = new_window(qtbot, tmp_path)
    assert w.open_path(path)
    w.document.set_text(w.document.diagram.outcome.id, "Saved by us")
    assert w.save()
    qtbot.wait(300)  # the watcher has seen the write; the guard in conftest fails on any dialog
    w.document.set_text(w.document.diagram.outcome.id, "Saved by us again")
    assert w.save()


def test_a_file_deleted_while_open_is_named_on_save(qtbot, tmp_path, monkeypatch) -> None:
    path = a_file(tmp_path)
    w = new_window(qtbot, tmp_path)
    assert w.open_path(path)
    w.document.set_text(w.document.diagram.outcome.id, "Still mine")
    path.unlink()
    asked: list = []
    answer_choose(monkeypatch, "Save Again", asked)
    assert w.save()
    assert asked[0][0] == "File gone" and load(path).outcome.text == "Still mine"


def test_a_read_only_file_is_respected_and_save_as_is_offered(qtbot, tmp_path, monkeypatch) -> None:
    path = a_file(tmp_path)
    os.chmod(path, 0o444)
    before = path.read_bytes()
    w = new_window(qtbot, tmp_path)
    assert w.open_path(path)
    w.document.set_text(w.document.diagram.outcome.id, "Changed")
    other = tmp_path / "copy.driver"
    monkeypatch.setattr(dialogs, "information", lambda *a, **k: QMessageBox.StandardButton.Save)
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))
    assert w.save()
    assert path.read_bytes() == before, "the read-only file is untouched (even for root)"
    assert load(other).outcome.text == "Changed" and w.document.path == other


def test_a_pdf_export_never_replaces_a_diagram_without_asking(qtbot, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    import driverdiagram.ui.export_actions as ea
    from driverdiagram.ui.export_dialog import ExportOptions

    path = a_file(tmp_path)
    trap = tmp_path / "trap.pdf"  # a diagram that happens to be called .pdf
    save(Diagram.new("Someone else's diagram"), tmp_path / "other.driver")
    trap.write_bytes((tmp_path / "other.driver").read_bytes())
    before = trap.read_bytes()
    w = new_window(qtbot, tmp_path)
    assert w.open_path(path)
    monkeypatch.setattr(ea, "ask_export_options", lambda *a, **k: ExportOptions())
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(trap), ""))
    warned: list = []
    answer = QMessageBox.StandardButton.Cancel
    monkeypatch.setattr(dialogs, "warning", lambda p, t, text, *a: warned.append(text) or answer)
    w.export.export_pdf()
    assert trap.read_bytes() == before, "the diagram is untouched"
    assert "diagram" in warned[-1] and "PDF" in warned[-1]
    hard = tmp_path / "plan.pdf"
    os.link(path, hard)  # the open diagram itself, under a PDF's name
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(hard), ""))
    w.export.export_pdf()
    assert load(path).outcome.text == "Aim on disk" and "choose another name" in warned[-1]

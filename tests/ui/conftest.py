"""UI fixtures: a real main window, offscreen, with its settings and recovery files in tmp."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from ui_helpers import forget_changes

from driverdiagram.ui.app import make_app


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch) -> None:
    """A modal dialog nobody answers would hang the run: fail instead (tests that expect a
    dialog replace these with their own answer)."""
    from PySide6.QtWidgets import QColorDialog, QFileDialog, QInputDialog, QMessageBox

    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected dialog: {args[1:3]}")

    from driverdiagram.ui import (
        action_item_dialog,
        details_dialog,
        dialogs,
        merge_notes,
        milestone_dialog,
        note_dialog,
        parking_dialog,
        person_dialog,
        summary_dialog,
    )

    for name in ("warning", "question", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, unexpected)
        monkeypatch.setattr(dialogs, name, unexpected)
    for name in ("choose", "ask_text", "open_file"):
        monkeypatch.setattr(dialogs, name, unexpected)
    monkeypatch.setattr(note_dialog, "edit_note", unexpected)
    monkeypatch.setattr(action_item_dialog, "edit_action_item", unexpected)
    monkeypatch.setattr(summary_dialog, "show_summary", unexpected)
    monkeypatch.setattr(merge_notes, "choose_versions", unexpected)
    monkeypatch.setattr(details_dialog, "edit_details", unexpected)
    monkeypatch.setattr(milestone_dialog, "edit_milestone", unexpected)
    for name in ("edit_person", "choose_helpers"):
        monkeypatch.setattr(person_dialog, name, unexpected)
    for name in ("edit_parking_item", "choose_parent"):
        monkeypatch.setattr(parking_dialog, name, unexpected)
    for name in ("getOpenFileName", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, unexpected)
    for name in ("getItem", "getText"):
        monkeypatch.setattr(QInputDialog, name, unexpected)
    monkeypatch.setattr(QColorDialog, "getColor", unexpected)


@pytest.fixture(autouse=True)
def empty_clipboard_after(qapp):
    """PySide 6 on the offscreen platform crashes at exit if the clipboard still holds our
    data (not on a real display); empty it after each test."""
    yield
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().clear()


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch) -> None:
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setenv("DRIVERDIAGRAM_RAISE", "1")


@pytest.fixture
def window(qtbot, tmp_path: Path):
    make_app()
    from driverdiagram.ui.main_window import MainWindow

    w = MainWindow(autosave_folder=tmp_path / "recovery")
    # no "save changes?" question when pytest-qt closes the window after the test
    qtbot.addWidget(w, before_close_func=forget_changes)
    w.show()
    qtbot.waitExposed(w)
    return w

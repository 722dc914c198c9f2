"""The app's windows and the files they show: a file is open in one window of the app only,
and a window asked for again comes to the front (files.py and app.py both ask)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget


def same_file(a: Path, b: Path) -> bool:
    """Whether two names are one file: equal once links are resolved, or one file on disk."""
    try:
        if a.resolve() == b.resolve():
            return True
        return os.path.samefile(a, b)
    except (OSError, RuntimeError):
        return False


def window_with(path: Path, besides: object = None) -> QWidget | None:
    """The window of this app that shows `path` (not on its welcome page): a file is open once."""
    for w in QApplication.topLevelWidgets():
        if w is besides or not getattr(w, "editor_ready", False) or not w.isVisible():
            continue
        if not w.on_welcome and w.document.path is not None and same_file(w.document.path, path):
            return w
    return None


def bring_to_front(window: QWidget) -> None:
    """Un-minimised, raised and active (where the window system allows it)."""
    window.setWindowState((window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()


class FileOpens(QObject):
    """macOS: Finder hands a double-clicked .driver file to the running app as an event, not
    as an argument (the bundle's Info.plist declares the type: packaging/driverdiagram.spec)."""

    def __init__(self, open_path: Callable[[str], object], parent: QObject) -> None:
        super().__init__(parent)
        self.open_path = open_path

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FileOpen and event.file():
            self.open_path(event.file())
            return True
        return False

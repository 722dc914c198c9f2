"""Start the application: one QApplication, one main window, the file or example to show."""

from __future__ import annotations

import os
import sys
import time
import traceback
from pathlib import Path


def make_app():
    """The QApplication, named so that settings and app-data folders are our own."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("DriverDiagram")
    app.setOrganizationName("DriverDiagram")
    app.setApplicationDisplayName("DriverDiagram")
    return app


def run(path: str | None = None) -> int:
    """Open the window on `path` (a new diagram bound to it when it does not exist), or on
    the welcome page (new, open, examples, recent); returns the exit code."""
    app = make_app()
    from .main_window import MainWindow

    window = MainWindow()
    install_excepthook(window)
    window.show()
    if not offer_recovery(window):
        start(window, path)
    return app.exec()


def start(window, path: str | None) -> None:
    """What a launch shows: the file asked for, else the welcome page (never someone else's
    diagram: the examples open only when asked for)."""
    if path is not None:
        window.open_path(Path(path), create=True)
    else:
        window.show_welcome()


def offer_recovery(window) -> bool:
    """After a crash, offer the autosaved changes back; True when one was restored."""
    from PySide6.QtWidgets import QMessageBox

    from .recovery import find_recoveries

    for rec in find_recoveries(window.autosaver.folder):
        if rec.pid_alive():
            continue  # another DriverDiagram window is still working on it
        where = rec.path.name if rec.path else "an untitled diagram"
        minutes = max(1, round((time.time() - rec.saved_at) / 60))
        answer = QMessageBox.question(
            window,
            "Restore unsaved changes?",
            f"DriverDiagram did not close properly. Unsaved changes to {where} were kept "
            f"{minutes} minute{'s' if minutes != 1 else ''} ago.\n\nRestore them?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            window.show_diagram(rec.diagram, rec.path, modified=True)
            written = window.autosaver.write()
            if written != rec.file:
                rec.discard()
            window.statusBar().showMessage("Restored your unsaved changes. Save (Ctrl+S) to keep them.", 15000)
            return True
        rec.discard()
    return False


def install_excepthook(window) -> None:
    """An unexpected error is reported, and the app stays up (autosave keeps the work)."""
    from PySide6.QtWidgets import QMessageBox

    def hook(kind, value, tb) -> None:
        traceback.print_exception(kind, value, tb)
        if os.environ.get("DRIVERDIAGRAM_RAISE"):
            sys.__excepthook__(kind, value, tb)
            return
        QMessageBox.critical(
            window,
            "Something went wrong",
            f"DriverDiagram hit an unexpected problem: {value}\n\n"
            "Your diagram is still open and autosaved; save it and restart if things look odd.",
        )

    sys.excepthook = hook

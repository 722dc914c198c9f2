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
    app.setDesktopFileName("driverdiagram")  # Wayland and the task bar find the entry --install-desktop writes
    if app.windowIcon().isNull():
        from PySide6.QtGui import QIcon

        from ..resources import resource

        app.setWindowIcon(QIcon(str(resource("icons", "driverdiagram.svg"))))
    return app


def run(path: str | None = None) -> int:
    """Open the window on `path` (a new diagram bound to it when it does not exist), or on
    the welcome page (new, open, examples, recent); returns the exit code."""
    app, _window = start_app(path)
    return app.exec()


def start_app(path: str | None, autosave_folder: Path | None = None):
    """The application and its window as a launch shows them (run() and the start-up benchmark).

    With a file to open, the Qt-free layers are imported before Qt: PySide's import hook
    inspects the source of every module imported after it (~0.25 ms each, ~110 ms for the
    model's networkx and pydantic), and nothing of theirs needs that."""
    if path is not None:
        import driverdiagram.layout  # noqa: F401  (and with it the model)
    app = make_app()
    return app, launch(path, autosave_folder)


def launch(path: str | None, autosave_folder: Path | None = None):
    """The window as a launch shows it (the start-up benchmark uses this too).

    With a file, the editor is built and the file opened before the first paint. Without
    one, the welcome page is painted first, with nothing but Qt imported; the editor is
    built, and a crash's recovery file offered, right after that first paint."""
    from .main_window import MainWindow

    window = MainWindow(autosave_folder=autosave_folder, deferred=path is None)
    install_excepthook(window)
    if path is None:
        window.show_welcome()
        window.show()
        after_first_paint(window.welcome, lambda: (window.build_editor(), offer_recovery(window)))
    else:
        window.show()
        if not offer_recovery(window):
            start(window, path)
    return window


def after_first_paint(widget, callback) -> None:
    """Call `callback` once, right after `widget` has been painted for the first time."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Watch(QObject):
        def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                widget.removeEventFilter(self)
                QTimer.singleShot(0, callback)
                self.deleteLater()
            return False

    widget.installEventFilter(Watch(widget))


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

    from . import dialogs
    from .recovery import find_recoveries

    for rec in find_recoveries(window.autosaver.folder):
        if rec.pid_alive():
            continue  # another DriverDiagram window is still working on it
        where = rec.path.name if rec.path else "an untitled diagram"
        minutes = max(1, round((time.time() - rec.saved_at) / 60))
        answer = dialogs.question(
            window,
            "Restore unsaved changes?",
            f"DriverDiagram did not close properly. Unsaved changes to {where} were kept "
            f"{minutes} minute{'s' if minutes != 1 else ''} ago.\n\nRestore them? (If not, they are kept "
            'aside in a "recovered" folder, not deleted.)',
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            window.show_diagram(rec.diagram, rec.path, modified=True)
            if window.autosaver.write() is not None:  # this window's own recovery file now holds them
                rec.discard()
            window.statusBar().showMessage("Restored your unsaved changes. Save (Ctrl+S) to keep them.", 15000)
            return True
        try:
            kept = rec.set_aside()
        except OSError:
            continue  # it stays where it is, and is offered again next time
        window.statusBar().showMessage(f"The unsaved changes were kept aside in {kept}.", 15000)
    return False


def install_excepthook(window) -> None:
    """An unexpected error is reported, and the app stays up (autosave keeps the work)."""

    from . import dialogs

    def hook(kind, value, tb) -> None:
        traceback.print_exception(kind, value, tb)
        if os.environ.get("DRIVERDIAGRAM_RAISE"):
            sys.__excepthook__(kind, value, tb)
            return
        dialogs.critical(
            window,
            "Something went wrong",
            f"DriverDiagram hit an unexpected problem: {value}\n\n"
            "Your diagram is still open and autosaved; save it and restart if things look odd.",
        )

    sys.excepthook = hook

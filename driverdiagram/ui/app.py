"""Start the application: one QApplication, one main window, the file or example to show."""

from __future__ import annotations

import sys
from pathlib import Path

EXAMPLE = ("examples", "career.driver")


def run(path: str | None = None) -> int:
    """Open the window on `path` (a new diagram bound to it when it does not exist), or on
    an untitled copy of the bundled career example; returns the exit code."""
    from PySide6.QtWidgets import QApplication

    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("DriverDiagram")
    app.setOrganizationName("DriverDiagram")
    window = MainWindow()
    if path is not None:
        window.open_path(Path(path), create=True)
    else:
        open_example(window)
    window.show()
    return app.exec()


def open_example(window) -> None:
    """Show the bundled example as an untitled diagram, so saving never writes into the install."""
    from ..model import DiagramError, loads
    from ..resources import resource

    try:
        window.show_diagram(loads(resource(*EXAMPLE).read_bytes(), source=EXAMPLE[-1]), None)
    except (OSError, DiagramError) as e:  # a broken install: still open, with a new diagram
        window.statusBar().showMessage(f"The example could not be opened: {e}")

"""Start the application: one QApplication, its windows, the file or example each shows.

One process serves all of a user's launches (single_instance.py): a later `driverdiagram
FILE` opens FILE here, in a window of its own, in a window that shows only the welcome
page, or by bringing forward the window that has it open already. `Windows` keeps them; the
app ends when the last one closes. A crash's recovery files are offered once per process,
in its first window: every recovery file a later window sees is this process's own work.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .single_instance import Claim, Request

CASCADE = 32  # a new window sits this far right of and below the one before it
_app_windows: list[Windows] = []  # the running app's (start_app); tests make their own


def make_app():
    """The QApplication, named so that settings and app-data folders are our own."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("DriverDiagram")
    app.setOrganizationName("DriverDiagram")
    app.setApplicationDisplayName("DriverDiagram")
    app.setDesktopFileName("driverdiagram")  # Wayland and the task bar find the entry --install-desktop writes
    app.setQuitOnLastWindowClosed(True)  # closing one of several windows leaves the others (and the app) running
    if app.windowIcon().isNull():
        from PySide6.QtGui import QIcon

        from ..resources import resource

        app.setWindowIcon(QIcon(str(resource("icons", "driverdiagram.svg"))))
    from .theme import current as colour_scheme

    colour_scheme()  # light or dark as the desktop (or View ▸ Appearance) says, before any window is built
    return app


def run(path: str | None = None, claim: Claim | None = None) -> int:
    """Open a window on `path` (a new diagram bound to it when it does not exist), or on
    the welcome page (new, open, examples, recent); with `claim`, serve later launches too.
    Returns the exit code."""
    app, _window = start_app(path, claim=claim)
    return app.exec()


def start_app(path: str | None, autosave_folder: Path | None = None, claim: Claim | None = None):
    """The application and its first window as a launch shows them (run() and the start-up benchmark).

    With a file to open, the Qt-free layers are imported before Qt: PySide's import hook
    inspects the source of every module imported after it (~0.25 ms each, ~110 ms for the
    model's networkx and pydantic), and nothing of theirs needs that."""
    if path is not None:
        import driverdiagram.layout  # noqa: F401  (and with it the model)
    app = make_app()
    windows = Windows(autosave_folder)
    _app_windows[:] = [windows]
    from .shutdown import on_terminate

    on_terminate(app, windows.windows)  # logout or shutdown: keep the work, let go of the files, quit
    if claim is not None:  # listen before the first window: a launch meanwhile waits for its turn
        server = claim.serve(app)
        if server is not None:
            server.requested.connect(windows.open_request)
    from .open_windows import FileOpens

    app.installEventFilter(FileOpens(windows.open_path, app))
    return app, windows.open_window(path)


def launch(path: str | None, autosave_folder: Path | None = None):
    """One window as a launch shows it, on its own (tests; `Windows.open_window` for the app)."""
    from .main_window import MainWindow

    window = MainWindow(autosave_folder=autosave_folder, deferred=path is None)
    present(window, path)
    return window


def present(window: MainWindow, path: str | None, *, recover: bool = True, done: Callable[[], None] | None = None):
    """Show `window` on `path`, or on the welcome page; `recover`: offer a crash's recovery files.

    With a file, the editor is built and the file opened before the first paint. Without
    one, the welcome page is painted first, with nothing but Qt imported; the editor is
    built, and a crash's recovery file offered, right after that first paint. `done` is
    called once that is over."""
    from shiboken6 import isValid

    install_excepthook(window)
    if path is None:
        window.show_welcome()
        window.show()

        def built() -> None:
            if not isValid(window):  # closed before its first paint
                return
            window.build_editor()
            if recover:
                offer_recovery(window)
            if done is not None:
                done()

        after_first_paint(window.welcome, built)
    else:
        window.show()
        if not (recover and offer_recovery(window)):
            start(window, path)
        from . import self_test

        self_test.arm(window)  # DRIVERDIAGRAM_SELF_TEST: report what was painted, and quit
        if done is not None:
            done()
    return window


class Windows:
    """The app's windows, and where a file a later launch asks for goes."""

    def __init__(self, autosave_folder: Path | None = None) -> None:
        self.autosave_folder = autosave_folder
        self._open: dict[int, MainWindow] = {}  # by id(), in the order they opened
        self._starting: set[int] = set()  # their start is not over (the editor built, recovery offered)
        self._waiting: list[str] = []  # files asked for while the only welcome page was starting
        self._offered = False  # a crash's recovery files go to the first window only

    def windows(self) -> list[MainWindow]:
        from shiboken6 import isValid

        return [w for w in self._open.values() if isValid(w)]

    def open_window(self, path: str | None) -> MainWindow:
        """A new window on `path` (None: the welcome page), a little below the last one."""
        from PySide6.QtCore import Qt

        from .main_window import MainWindow

        before = self._latest()
        window = MainWindow(autosave_folder=self.autosave_folder, deferred=path is None)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # a closed window goes, with its diagram
        key = id(window)
        self._open[key] = window
        window.destroyed.connect(lambda _obj=None, key=key: self._gone(key))
        if before is not None:
            cascade(window, before)
        recover, self._offered = not self._offered, True
        self._starting.add(key)
        return present(window, path, recover=recover, done=lambda: self._started(key))

    def _started(self, key: int) -> None:
        """A window's start is over: the files that waited for it open now (the first one in it)."""
        self._starting.discard(key)
        waiting, self._waiting = self._waiting, []
        for name in waiting:
            self.open_path(name)

    def open_request(self, request: Request) -> None:
        """What a later launch asked for: its files, or a new window on the welcome page."""
        if request.token:  # the launcher's activation token: Wayland brings our window forward with it
            os.environ["XDG_ACTIVATION_TOKEN"] = request.token
        try:
            if not request.paths:
                from .open_windows import bring_to_front

                bring_to_front(self.open_window(None))
            for name in request.paths:
                self.open_path(name)
        finally:
            os.environ.pop("XDG_ACTIVATION_TOKEN", None)

    def open_path(self, name: str) -> MainWindow | None:
        """The window that has `name` open comes forward; else it opens in a window that shows
        only the welcome page, else in a new window. While a welcome page is still starting,
        the file waits for it (None)."""
        from .open_windows import bring_to_front, same_file, window_with

        path = Path(name)
        shown = window_with(path)
        if shown is not None:
            bring_to_front(shown)
            return shown  # type: ignore[return-value]
        for w in self.windows():  # a welcome page's hidden diagram keeps no lock on the file asked for
            if w.on_welcome and w.editor_ready and w.binding.path is not None and same_file(w.binding.path, path):
                w.binding.release()
        idle = self._idle()
        if idle is None and self._welcome_starting():  # macOS hands the file that started the app over
            self._waiting.append(name)  # as an event, while its welcome page is still being built
            return None
        if idle is None:
            window = self.open_window(name)
        else:
            window = idle
            start(window, name)
        bring_to_front(window)
        return window

    def _welcome_starting(self) -> bool:
        return any(w.on_welcome and id(w) in self._starting for w in self.windows())

    def _idle(self) -> MainWindow | None:
        """A window showing only the welcome page, with nothing unsaved behind it (the active one first)."""
        from PySide6.QtWidgets import QApplication

        idle = [
            w
            for w in self.windows()
            if w.isVisible()
            and w.on_welcome
            and id(w) not in self._starting
            and not (w.editor_ready and w.document.modified)
        ]
        active = QApplication.activeWindow()
        return next((w for w in idle if w is active), idle[-1] if idle else None)

    def _latest(self) -> MainWindow | None:
        from PySide6.QtWidgets import QApplication

        shown = [w for w in self.windows() if w.isVisible()]
        active = QApplication.activeWindow()
        return next((w for w in shown if w is active), shown[-1] if shown else None)

    def _gone(self, key: int) -> None:
        self._open.pop(key, None)
        if key in self._starting:  # closed before its start was over: what waited for it opens anyway
            self._started(key)
        if self._open:  # the app goes on: the collector may have the closed window's diagram back
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, collect_closed)


def collect_closed() -> None:
    """Opening a diagram freezes it out of the collector's sight (files.show_diagram: no pauses
    while editing); a closed window's objects would stay frozen, and in memory, for good."""
    import gc

    gc.unfreeze()
    gc.collect()
    gc.freeze()


def cascade(window, after) -> None:
    """Place `window` a step below and right of `after`; back at the screen's corner when it
    would run off the screen."""
    from PySide6.QtCore import QPoint, QRect

    if after.isMaximized() or after.isFullScreen():
        return
    step = QPoint(CASCADE, CASCADE)
    screen = after.screen().availableGeometry()
    spot = after.pos() + step
    if not screen.contains(QRect(spot, window.frameGeometry().size())):
        spot = screen.topLeft() + (step if after.pos() == screen.topLeft() else QPoint())
    window.move(spot)


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
    """An unexpected error is reported, and the app stays up (autosave keeps the work). The
    report goes to the active window (else `window`, while it lives): one hook for all windows,
    and it keeps no closed window alive."""
    import weakref

    from PySide6.QtWidgets import QApplication
    from shiboken6 import isValid

    from . import dialogs

    last = weakref.ref(window)

    def hook(kind, value, tb) -> None:
        traceback.print_exception(kind, value, tb)
        if os.environ.get("DRIVERDIAGRAM_RAISE"):
            sys.__excepthook__(kind, value, tb)
            return
        fallback = last()
        parent = QApplication.activeWindow() or (fallback if fallback is not None and isValid(fallback) else None)
        dialogs.critical(
            parent,
            "Something went wrong",
            f"DriverDiagram hit an unexpected problem: {value}\n\n"
            "Your diagram is still open and autosaved; save it and restart if things look odd.",
        )

    sys.excepthook = hook

"""Launcher for the start-up benchmark: one process, one window, timed to its first paint.

Run by benchmarks/startup.py in a fresh interpreter, never imported. The env hook
BENCH_STARTUP picks what to start:

    welcome  the app as `driverdiagram` starts it (make_app, then ui.app.launch(None): the
             welcome page painted first, the editor built right after), timed to the first
             paint of the welcome page; it also stamps when the editor is ready
    file     the app as `driverdiagram career.driver` starts it (launch on a copy of the
             bundled example), timed to the first paint of the canvas viewport
    bare     a QApplication and an empty QMainWindow, shown, timed to its first paint

The autosave folder is a throwaway one (BENCH_STARTUP_TMP) so a real recovery file can
neither stop the run with a dialog nor be touched.

On the first QEvent.Paint of the watched widget it notes the time, lets the paint finish
(QTimer.singleShot(0)), then prints one JSON line and quits the event loop:

    {"mode": ..., "paint_start_s": ..., "paint_done_s": ..., "wall_paint_done": ..., "modules": {...}}

`*_s` are seconds since the first line of this file ran (before any import);
`wall_paint_done` is time.time(), so the parent can measure from its own launch.
"""

import time

T0 = time.perf_counter()

import json  # noqa: E402  (after T0 on purpose: the clock starts before any import)
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

HEAVY = (
    "reportlab",
    "pypdfium2",
    "driverdiagram.export",
    "driverdiagram.export.pdf",
    "PySide6.QtPrintSupport",
    "PIL",
    "numpy",
    "networkx",
    "pydantic",
)


def _since() -> float:
    return time.perf_counter() - T0


def _report(mode: str, stamps: dict[str, float], app, *, wait_for: str = "") -> None:
    """Note the end of the first paint (and what was imported by then); print and quit once
    `wait_for` (a stamp still to come, e.g. the editor being ready) is there too."""
    from PySide6.QtCore import QTimer

    if "paint_done_s" not in stamps:
        stamps["paint_done_s"] = _since()
        stamps["wall"] = time.time()
        stamps["modules"] = {m: m in sys.modules for m in HEAVY}
        stamps["module_count"] = len(sys.modules)
        stamps["export_modules"] = sorted(m for m in sys.modules if m.startswith("driverdiagram.export"))
    if wait_for and wait_for not in stamps:
        QTimer.singleShot(5, lambda: _report(mode, stamps, app, wait_for=wait_for))
        return
    out = {"mode": mode, **stamps, "wall_paint_done": stamps.pop("wall"), "platform": app.platformName()}
    print(json.dumps(out), flush=True)
    app.exit(0)


def _watch_first_paint(widget, mode: str, stamps: dict, app, wait_for: str = ""):
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint and "paint_start_s" not in stamps:
                stamps["paint_start_s"] = _since()
                QTimer.singleShot(0, lambda: _report(mode, stamps, app, wait_for=wait_for))  # after this paint
            return False

    f = FirstPaint(widget)
    widget.installEventFilter(f)
    return f


def bare() -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

    app = QApplication(sys.argv[:1])
    stamps = {"imports_s": _since()}
    window = QMainWindow()
    central = QWidget()
    window.setCentralWidget(central)
    window.resize(1280, 800)
    keep = _watch_first_paint(central, "bare", stamps, app)
    window.show()
    stamps["shown_s"] = _since()
    code = app.exec()
    del keep
    return code


def app_mode(mode: str) -> int:
    """`driverdiagram` (welcome) or `driverdiagram career.driver` (file): ui.app.start_app, as run() does."""
    from driverdiagram.ui.app import start_app

    stamps = {"imports_s": _since()}
    tmp = Path(os.environ.get("BENCH_STARTUP_TMP") or ".")
    path = None
    if mode == "file":
        from driverdiagram.resources import resource

        path = tmp / "career.driver"  # a copy: nothing is ever written into the install
        path.write_bytes(resource("examples", "career.driver").read_bytes())
    app, window = start_app(str(path) if path else None, autosave_folder=tmp / "recovery")
    stamps["window_s"] = _since()
    if mode == "welcome":
        build = window.build_editor

        def timed_build() -> None:
            build()
            stamps["editor_ready_s"] = _since()

        window.build_editor = timed_build
    watched = window.welcome if mode == "welcome" else window.canvas.viewport()
    keep = _watch_first_paint(watched, mode, stamps, app, "editor_ready_s" if mode == "welcome" else "")
    code = app.exec()
    del keep
    return code


if __name__ == "__main__":
    mode = os.environ.get("BENCH_STARTUP", "welcome")
    sys.exit(bare() if mode == "bare" else app_mode(mode))

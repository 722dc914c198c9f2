"""Launcher for the start-up benchmark: one process, one window, timed to its first paint.

Run by benchmarks/startup.py in a fresh interpreter, never imported. The env hook
BENCH_STARTUP picks what to start:

    app   the app as `python -m driverdiagram` starts it (make_app, MainWindow, the
          excepthook, show, offer_recovery, open_example), timed to the first paint of
          the canvas viewport; the autosave folder is a throwaway one (BENCH_STARTUP_TMP)
          so a real recovery file can neither stop the run with a dialog nor be touched
    bare  a QApplication and an empty QMainWindow, shown, timed to its first paint

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


def _report(mode: str, stamps: dict[str, float], app) -> None:
    done = _since()
    wall = time.time()
    stamps["paint_done_s"] = done
    out = {
        "mode": mode,
        **stamps,
        "wall_paint_done": wall,
        "modules": {m: m in sys.modules for m in HEAVY},
        "module_count": len(sys.modules),
        "export_modules": sorted(m for m in sys.modules if m.startswith("driverdiagram.export")),
        "platform": app.platformName(),
    }
    print(json.dumps(out), flush=True)
    app.exit(0)


def _watch_first_paint(widget, mode: str, stamps: dict[str, float], app):
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint and "paint_start_s" not in stamps:
                stamps["paint_start_s"] = _since()
                QTimer.singleShot(0, lambda: _report(mode, stamps, app))  # after this paint is done
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


def app_mode() -> int:
    # the same pieces, in the same order, as driverdiagram.ui.app.run() (python -m driverdiagram)
    from driverdiagram.ui.app import install_excepthook, make_app, offer_recovery, open_example

    app = make_app()
    from driverdiagram.ui.main_window import MainWindow

    stamps = {"imports_s": _since()}
    folder = Path(os.environ.get("BENCH_STARTUP_TMP") or ".") / "recovery"
    window = MainWindow(autosave_folder=folder)
    stamps["window_s"] = _since()
    install_excepthook(window)
    keep = _watch_first_paint(window.canvas.viewport(), "app", stamps, app)
    window.show()
    if not offer_recovery(window):
        open_example(window)
    stamps["shown_s"] = _since()
    code = app.exec()
    del keep
    return code


if __name__ == "__main__":
    mode = os.environ.get("BENCH_STARTUP", "app")
    sys.exit(bare() if mode == "bare" else app_mode())

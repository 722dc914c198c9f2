"""When the system asks the app to stop (SIGTERM at logout or shutdown, SIGHUP when its
terminal closes): nothing is asked, nothing is lost, nothing is left behind.

Each window commits the text being typed, keeps its unsaved changes in its recovery file
(the next start offers them back, as after a crash) or forgets that file when there are
none, and lets go of its diagram's lock; then the app quits. Python runs a signal handler
only when it gets control, and Qt's event loop keeps it in C: the signal's wake-up byte goes
to a socket that Qt watches, which gives Python control at once.
"""

from __future__ import annotations

import os
import signal
import socket
from collections.abc import Callable, Iterable
from contextlib import suppress

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QWidget

_kept: list[tuple[socket.socket, socket.socket, QSocketNotifier]] = []


def stop(windows: Iterable[QWidget]) -> None:
    """Keep every window's work safe without asking, let go of its file, and quit."""
    for w in windows:
        if not getattr(w, "editor_ready", False):
            continue
        with suppress(Exception):  # one window's trouble must not keep the others' work from safety
            w.finish_typing()
            if w.document.modified:
                w.autosaver.write()
            else:
                w.autosaver.remove()
            w.binding.release()
    QApplication.quit()


def on_terminate(app: QApplication, windows: Callable[[], Iterable[QWidget]]) -> None:
    """Stop as `stop` says on SIGTERM and SIGHUP (not on Windows, which has neither)."""
    if os.name == "nt":
        return
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def drain() -> None:
        with suppress(OSError):
            reader.recv(64)

    notifier.activated.connect(drain)

    def handler(_signum, _frame) -> None:
        QTimer.singleShot(0, lambda: stop(list(windows())))

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGHUP, handler)
    _kept.append((reader, writer, notifier))  # for as long as the app runs

"""One app, many windows: a later launch opens its file in the DriverDiagram already running.

Each test has a clean HOME and XDG folders of its own, so nothing here talks to a real
running app; every process started is killed at the end.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from ui_helpers import forget_changes

from driverdiagram.model import Diagram, NodeKind, loads, save
from driverdiagram.ui import dialogs
from driverdiagram.ui.app import Windows, make_app
from driverdiagram.ui.open_windows import bring_to_front
from driverdiagram.ui.recovery import find_recoveries
from driverdiagram.ui.single_instance import Address, Server

EXIT_MS = 20_000  # a launch that hands over is done in a fraction of a second; this is for a busy machine


@pytest.fixture
def profile(tmp_path: Path):
    """A clean user profile for launches: HOME, XDG folders, an offscreen display."""
    home = tmp_path / "home"
    home.mkdir()
    run = Path(tempfile.mkdtemp(prefix="dd-"))  # short: a socket's path has at most ~100 characters
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "XDG_ACTIVATION_TOKEN")}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_RUNTIME_DIR=str(run),
        QT_QPA_PLATFORM="offscreen",
    )
    env.pop("DRIVERDIAGRAM_RAISE", None)
    yield env
    shutil.rmtree(run, ignore_errors=True)


@pytest.fixture
def where(profile) -> Address:
    """The address a launch in `profile` uses (asked of such a launch itself)."""
    code = "from driverdiagram.ui.single_instance import address; a = address(); print(a.name); print(a.lock)"
    out = subprocess.run([sys.executable, "-c", code], env=profile, capture_output=True, text=True, timeout=30)
    name, lock = out.stdout.split("\n")[:2]
    assert name.startswith(profile["XDG_RUNTIME_DIR"]), out.stderr
    return Address(name, Path(lock))


@pytest.fixture
def spawn(profile, tmp_path: Path):
    """Start `driverdiagram ARGS` as the user would, in `profile`; killed at the end whatever happens."""
    started: list[subprocess.Popen] = []

    def start(*args: str, cwd: Path = tmp_path) -> subprocess.Popen:
        proc = subprocess.Popen(
            [sys.executable, "-m", "driverdiagram", *args],
            env=profile,
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        started.append(proc)
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=10)


class App:
    """This test's running app: its windows and the server later launches talk to."""

    def __init__(self, where: Address, folder: Path) -> None:
        make_app()
        self.windows = Windows(folder)
        self.requests: list = []
        self.server = Server(where)
        assert self.server.listening
        self.server.requested.connect(self.requests.append)
        self.server.requested.connect(self.windows.open_request)

    def shown(self) -> list:
        return [w for w in self.windows.windows() if w.isVisible()]

    def close(self) -> None:
        self.server.close()
        for w in self.windows.windows():
            if w.editor_ready:
                forget_changes(w)
            w.close()
        QApplication.processEvents()


@pytest.fixture
def app(where: Address, tmp_path: Path):
    running = App(where, tmp_path / "recovery")
    yield running
    running.close()


def a_file(folder: Path, name: str, aim: str, *drivers: str) -> Path:
    d = Diagram.new(aim)
    for text in drivers:
        d.add_node(NodeKind.PRIMARY, text, parent=d.outcome.id)
    path = folder / name
    save(d, path)
    return path


def finished(qtbot, proc: subprocess.Popen) -> tuple[str, str]:
    """Wait (the app here answering meanwhile) until the launch is done; its output."""
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=EXIT_MS)
    return proc.communicate()


def lock_holder(path: Path) -> int | None:
    """The process whose window has `path` open, as its lock file beside it says."""
    lock = path.with_name(f".~{path.name}.lock")
    try:
        return int(lock.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


# ----------------------------------------------------------------------------------- tests
def test_a_second_launch_opens_its_file_in_the_running_app_in_a_window_of_its_own(app, spawn, qtbot, tmp_path) -> None:
    first = app.windows.open_path(str(a_file(tmp_path, "a.driver", "Aim A")))
    plan = a_file(tmp_path, "plan.driver", "Associate professor by 2030", "Research", "Teaching")
    launch = spawn(str(plan))
    out, err = finished(qtbot, launch)
    assert launch.returncode == 0 and out == "" and err == "", "it hands over quietly and is done"
    qtbot.waitUntil(lambda: len(app.shown()) == 2)
    second = app.shown()[1]
    assert second is not first and second.document.path == plan and not second.on_welcome
    expected = loads(plan.read_bytes())
    assert set(second.canvas.diagram_scene.nodes) == {n.id for n in expected.nodes()}, "its canvas shows the file"
    assert "plan.driver" in second.windowTitle()
    assert first.document.diagram.outcome.text == "Aim A", "the first window still shows its own diagram"
    assert second.pos() != first.pos(), "the new window is not stacked exactly on the first"


def test_launching_a_file_that_is_open_brings_its_window_forward_and_opens_no_other(app, spawn, qtbot, tmp_path):
    a = app.windows.open_path(str(a_file(tmp_path, "a.driver", "Aim A")))
    b = app.windows.open_path(str(a_file(tmp_path, "b.driver", "Aim B")))
    bring_to_front(a)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is a)
    launch = spawn("b.driver", cwd=tmp_path)  # a name relative to where the launch runs
    assert finished(qtbot, launch) == ("", "") and launch.returncode == 0
    qtbot.waitUntil(lambda: QApplication.activeWindow() is b)
    assert app.shown() == [a, b], "no second window on the same file"
    assert not a.binding.read_only and not b.binding.read_only


def test_a_window_showing_only_the_welcome_page_takes_the_file(app, spawn, qtbot, tmp_path) -> None:
    welcome = app.windows.open_window(None)
    qtbot.waitUntil(lambda: welcome.editor_ready)
    plan = a_file(tmp_path, "plan.driver", "Aim on disk")
    launch = spawn(str(plan))
    assert finished(qtbot, launch) == ("", "") and launch.returncode == 0
    qtbot.waitUntil(lambda: not welcome.on_welcome)
    assert app.shown() == [welcome] and welcome.document.path == plan
    assert welcome.document.diagram.outcome.text == "Aim on disk"
    bare = spawn()  # `driverdiagram` alone: a new window on the welcome page
    assert finished(qtbot, bare) == ("", "") and bare.returncode == 0
    qtbot.waitUntil(lambda: len(app.shown()) == 2)
    assert app.shown()[1].on_welcome and not welcome.on_welcome


def test_a_socket_left_by_a_crash_does_not_stop_the_next_launch(where, spawn, qtbot, tmp_path) -> None:
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(where.name)  # the socket file is there, and nobody listens on it
    dead.close()
    a = a_file(tmp_path, "a.driver", "Aim A")
    b = a_file(tmp_path, "b.driver", "Aim B")
    first = spawn(str(a))
    qtbot.waitUntil(lambda: lock_holder(a) == first.pid, timeout=EXIT_MS)
    assert first.poll() is None, "it became the app: its window is open"
    second = spawn(str(b))
    assert finished(qtbot, second) == ("", "") and second.returncode == 0
    qtbot.waitUntil(lambda: lock_holder(b) == first.pid, timeout=EXIT_MS)
    assert first.poll() is None


def test_new_instance_starts_a_separate_app_and_commands_never_touch_the_running_one(app, spawn, qtbot, tmp_path):
    a = a_file(tmp_path, "a.driver", "Aim A")
    app.windows.open_path(str(a))
    c = a_file(tmp_path, "c.driver", "Aim C")
    check = spawn("check", str(a))
    out, _err = finished(qtbot, check)
    assert check.returncode == 0 and "valid driver diagram" in out
    separate = spawn("--new-instance", str(c))
    qtbot.waitUntil(lambda: lock_holder(c) == separate.pid, timeout=EXIT_MS)
    assert separate.poll() is None, "a process of its own, with its own window"
    assert app.requests == [] and len(app.shown()) == 1, "the running app was asked nothing"


def test_each_window_has_its_own_recovery_file_and_a_later_one_is_offered_none(app, qtbot, tmp_path, monkeypatch):
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "question", lambda *a, **k: asked.append(a[2]) or dialogs.Button.No)
    a = app.windows.open_path(str(a_file(tmp_path, "a.driver", "Aim A")))
    b = app.windows.open_path(str(a_file(tmp_path, "b.driver", "Aim B")))
    a.document.set_text(a.document.diagram.outcome.id, "Changed in A")
    b.document.set_text(b.document.diagram.outcome.id, "Changed in B")
    file_a, file_b = a.autosaver.write(), b.autosaver.write()
    assert file_a is not None and file_b is not None and file_a != file_b
    kept = {file_a: file_a.read_bytes(), file_b: file_b.read_bytes()}
    assert loads(kept[file_a]).outcome.text == "Changed in A" and loads(kept[file_b]).outcome.text == "Changed in B"
    # Written by this process, these look like a crash's leftovers to a window on its own …
    assert all(not r.pid_alive() for r in find_recoveries(tmp_path / "recovery"))
    # … but a later window of the same app is not offered them, on a file or on the welcome page
    app.windows.open_path(str(a_file(tmp_path, "c.driver", "Aim C")))
    welcome = app.windows.open_window(None)
    qtbot.waitUntil(lambda: welcome.editor_ready)
    QApplication.processEvents()
    assert asked == []
    assert {f: f.read_bytes() for f in kept} == kept, "both recovery files are as their windows wrote them"
    assert a.document.modified and a.document.diagram.outcome.text == "Changed in A"


CLOSE_ONE_THEN_THE_OTHER = """
import sys
from PySide6.QtCore import QTimer
from driverdiagram.ui.app import Windows, make_app

app = make_app()
windows = Windows()
first, second = windows.open_path(sys.argv[1]), windows.open_path(sys.argv[2])
app.lastWindowClosed.connect(lambda: print("the app quits"))

def after_the_first_closed():
    print("open:", *[w.document.path.name for w in windows.windows() if w.isVisible()])
    second.close()

QTimer.singleShot(100, first.close)
QTimer.singleShot(600, after_the_first_closed)
QTimer.singleShot(15_000, lambda: app.exit(99))  # (it never gets here, unless the app fails to quit)
print("exit code", app.exec())
"""


def test_closing_one_of_two_windows_keeps_the_app_running_until_the_last_closes(profile, tmp_path) -> None:
    a = a_file(tmp_path, "a.driver", "Aim A")
    b = a_file(tmp_path, "b.driver", "Aim B")
    app = subprocess.Popen(
        [sys.executable, "-c", CLOSE_ONE_THEN_THE_OTHER, str(a), str(b)],
        env=profile,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        out, err = app.communicate(timeout=EXIT_MS / 1000)
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
    assert out.splitlines() == ["open: b.driver", "the app quits", "exit code 0"], err
    assert lock_holder(a) is None and lock_holder(b) is None, "each window let go of its file as it closed"


def test_launches_starting_together_end_up_in_one_app(spawn, where, qtbot, tmp_path) -> None:
    a = a_file(tmp_path, "a.driver", "Aim A")
    b = a_file(tmp_path, "b.driver", "Aim B")
    launches = [spawn(str(a)), spawn(str(b))]  # nobody running yet: both try to become the app
    qtbot.waitUntil(lambda: lock_holder(a) is not None and lock_holder(a) == lock_holder(b), timeout=EXIT_MS)
    app_pid = lock_holder(a)
    (other,) = [p for p in launches if p.pid != app_pid]
    assert finished(qtbot, other) == ("", "") and other.returncode == 0, "the other handed its file over"


def test_file_new_and_open_still_act_in_their_window_and_never_open_a_file_twice(app, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    a = app.windows.open_path(str(a_file(tmp_path, "a.driver", "Aim A")))
    b_path = a_file(tmp_path, "b.driver", "Aim B")
    b = app.windows.open_path(str(b_path))
    c_path = a_file(tmp_path, "c.driver", "Aim C")
    chosen = [str(c_path)]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (chosen[0], ""))
    bring_to_front(a)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is a)
    a.act_open.trigger()
    assert a.document.path == c_path and app.shown() == [a, b], "File ▸ Open opens in the same window"
    a.act_new.trigger()
    assert a.document.path is None and app.shown() == [a, b], "File ▸ New starts in the same window"
    chosen[0] = str(b_path)  # open in the other window: that one comes forward (no "already open" question)
    a.act_open.trigger()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is b)
    assert a.document.path is None and b.document.path == b_path and app.shown() == [a, b]
    assert "open in this window" in b.statusBar().currentMessage()


def test_a_closed_window_lets_go_of_its_diagram(app, qtbot, tmp_path) -> None:
    """An app open all day, its windows opened and closed: their diagrams do not pile up in memory."""
    import weakref

    app.windows.open_path(str(a_file(tmp_path, "a.driver", "Aim A")))
    b = app.windows.open_path(str(a_file(tmp_path, "b.driver", "Aim B", "Research")))
    diagram, window = weakref.ref(b.document.diagram), weakref.ref(b)
    b.close()
    del b
    qtbot.waitUntil(lambda: diagram() is None and window() is None, timeout=2000)
    assert len(app.shown()) == 1


def test_a_file_finder_hands_over_as_an_event_opens_like_a_launch(app, qtbot, tmp_path) -> None:
    """macOS gives a double-clicked file to the running app as a FileOpen event, not argv."""
    from PySide6.QtGui import QFileOpenEvent

    from driverdiagram.ui.open_windows import FileOpens

    qapp = QApplication.instance()
    finder = FileOpens(app.windows.open_path, qapp)
    qapp.installEventFilter(finder)
    try:
        plan = a_file(tmp_path, "mailed.driver", "Aim from a mentor's e-mail", "Writing")
        QApplication.sendEvent(qapp, QFileOpenEvent(str(plan)))
        qtbot.waitUntil(lambda: any(w.document.path == plan for w in app.shown() if w.editor_ready))
        (window,) = [w for w in app.shown() if w.editor_ready and w.document.path == plan]
        assert {n.text for n in window.document.diagram.nodes()} == {"Aim from a mentor's e-mail", "Writing"}
        QApplication.sendEvent(qapp, QFileOpenEvent(str(plan)))  # again: the same window comes forward
        assert len([w for w in app.shown() if w.editor_ready and w.document.path == plan]) == 1
    finally:
        qapp.removeEventFilter(finder)
        finder.deleteLater()


def test_a_file_handed_over_while_the_first_welcome_page_starts_opens_in_that_window(app, qtbot, tmp_path) -> None:
    """macOS starts the app on a double-clicked file by an event that may come before the
    welcome page is built: the file waits, then opens there, in one window."""
    welcome = app.windows.open_window(None)  # its start is not over until its first paint
    plan = a_file(tmp_path, "early.driver", "Aim handed over early")
    assert app.windows.open_path(str(plan)) is None
    qtbot.waitUntil(lambda: welcome.editor_ready and not welcome.on_welcome)
    assert app.shown() == [welcome] and welcome.document.path == plan
    assert welcome.document.diagram.outcome.text == "Aim handed over early"

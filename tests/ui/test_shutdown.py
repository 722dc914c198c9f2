"""Logout or shutdown (SIGTERM), or the terminal closing (SIGHUP): the app stops without
asking, keeps unsaved work in its recovery file and leaves no lock behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from ui_helpers import type_text

from driverdiagram.model import Diagram, load, save
from driverdiagram.ui import shutdown
from driverdiagram.ui.recovery import find_recoveries

pytestmark = pytest.mark.skipif(os.name == "nt", reason="Windows has no SIGTERM or SIGHUP to send")


def lock_of(path: Path) -> Path:
    return path.with_name(f".~{path.name}.lock")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_stops_the_app_and_lets_go_of_its_file(tmp_path: Path, sig) -> None:
    plan = tmp_path / "plan.driver"
    save(Diagram.new("Aim on disk"), plan)
    before = plan.read_bytes()
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "DRIVERDIAGRAM_RAISE")}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_RUNTIME_DIR=tempfile.mkdtemp(prefix="dd-"),
        QT_QPA_PLATFORM="offscreen",
    )
    proc = subprocess.Popen([sys.executable, "-m", "driverdiagram", str(plan)], env=env, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not lock_of(plan).exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert lock_of(plan).exists(), "the app opened the file"
        proc.send_signal(sig)
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=10)
    assert not lock_of(plan).exists(), "no lock file is left behind"
    assert plan.read_bytes() == before, "the file was not touched"


def test_stopping_keeps_unsaved_work_in_the_recovery_file_and_lets_go_of_the_lock(window, tmp_path, monkeypatch):
    plan = tmp_path / "plan.driver"
    save(Diagram.new("Aim on disk"), plan)
    assert window.open_path(plan)
    assert lock_of(plan).exists()
    window.canvas.edit(window.document.diagram.outcome.id)
    type_text(window, " and a typed tail")  # still being typed when the signal comes
    quit_called = []
    monkeypatch.setattr(shutdown.QApplication, "quit", staticmethod(lambda: quit_called.append(True)))
    shutdown.stop([window])
    assert quit_called and not lock_of(plan).exists()
    (kept,) = find_recoveries(window.autosaver.folder)
    assert kept.path == plan and kept.diagram.outcome.text.endswith("and a typed tail")
    assert load(plan).outcome.text == "Aim on disk", "the file itself waits for the user's decision"
    window.document.undo_stack.setClean()

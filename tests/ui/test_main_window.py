"""The interim window: opens the example, binds new paths, never binds a broken file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from driverdiagram.model import Diagram, load, save
from driverdiagram.ui.app import open_example, run
from driverdiagram.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w)
    return w


def test_outline_shows_every_node_text(window: MainWindow) -> None:
    d = Diagram.new("Promoted by 2030")
    p = d.add_node("primary", "Research skills", parent=d.outcome.id)
    s = d.add_node("secondary", "Statistics course", parent=p.id)
    d.add_node("change_idea", "Enrol in the summer school", parent=s.id)
    d.add_node("anti_driver", "No protected time", parent=p.id, strength=4)
    window.show_diagram(d, None)
    texts = window.node_texts()
    for t in ("Promoted by 2030", "Research skills", "Statistics course", "Enrol in the summer school"):
        assert t in texts
    assert "⚠ No protected time" in texts
    assert window.windowTitle() == "Untitled — DriverDiagram"


def test_example_opens_untitled(window: MainWindow) -> None:
    open_example(window)
    assert window.path is None
    assert window.diagram.outcome.text  # the bundled example has an aim
    assert len(window.node_texts()) >= len(window.diagram)


def test_new_path_is_bound_and_saved_there(window: MainWindow, tmp_path: Path) -> None:
    target = tmp_path / "plan.driver"
    assert window.open_path(target, create=True)
    assert window.path == target and not target.exists()
    assert window.windowTitle().startswith("plan.driver")
    assert window.save()
    assert load(target).outcome.kind.value == "outcome"


def test_broken_file_shows_message_and_is_not_bound(window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    good = tmp_path / "good.driver"
    save(Diagram.new("Keep me"), good)
    window.open_path(good)
    broken = tmp_path / "broken.driver"
    broken.write_bytes(b'{"schema_version": 1, "nodes": [')
    before = hashlib.sha256(broken.read_bytes()).hexdigest()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    assert not window.open_path(broken)
    assert shown and "damaged" in shown[0]
    assert window.path == good and window.diagram.outcome.text == "Keep me"
    assert hashlib.sha256(broken.read_bytes()).hexdigest() == before


def test_run_opens_a_window_and_returns(qtbot) -> None:
    seen: list[str] = []

    def look_and_quit() -> None:
        seen.extend(w.windowTitle() for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        for w in QApplication.topLevelWidgets():
            w.close()
        QApplication.instance().quit()

    QTimer.singleShot(300, look_and_quit)
    assert run(None) == 0
    assert "Untitled — DriverDiagram" in seen

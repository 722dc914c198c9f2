"""What a screen reader hears from the canvas: its name, and every selection change announced
(an accessible event carrying the node's kind, whole text, what hangs on it and the keys)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from driverdiagram.resources import resource
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from ui_helpers import press

from driverdiagram.ui import announcements


@pytest.fixture
def heard(monkeypatch) -> list[str]:
    """The announcements the app sends to assistive technology, in order."""
    said: list[str] = []
    real = QAccessible.updateAccessibility

    def record(event) -> None:
        if isinstance(event, QAccessibleAnnouncementEvent):
            said.append(event.message())
        real(event)

    monkeypatch.setattr(announcements.QAccessible, "updateAccessibility", staticmethod(record))
    return said


@pytest.fixture
def career(window, tmp_path: Path):
    path = Path(shutil.copy(str(resource("examples", "career.driver")), tmp_path / "career.driver"))
    assert window.open_path(path)
    return window


def test_the_canvas_has_a_name_a_screen_reader_reads(career) -> None:
    iface = QAccessible.queryAccessibleInterface(career.canvas)
    assert iface.text(QAccessible.Text.Name) == "Driver diagram"
    assert iface.text(QAccessible.Text.Description).startswith("Outcome: Promoted to Associate Professor")
    career.canvas.select(None)
    assert "Arrow keys move between boxes" in iface.text(QAccessible.Text.Description)


def test_moving_the_selection_with_the_arrow_keys_announces_each_box(career, heard) -> None:
    d = career.document.diagram
    career.canvas.setFocus()
    career.canvas.select(d.outcome.id)
    assert heard[-1].startswith(f"Outcome: {' '.join(d.outcome.text.split())}.")
    assert "Tab: add primary driver" in heard[-1]
    press(career, Qt.Key.Key_Right)  # the first primary driver
    (current,) = career.selected_ids()
    node = d.node(current)
    assert heard[-1].startswith(f"Primary driver: {' '.join(node.text.split())}.")
    assert f"Under: {' '.join(d.outcome.text.split())[:60]}." in heard[-1]
    described = QAccessible.queryAccessibleInterface(career.canvas).text(QAccessible.Text.Description)
    assert described == heard[-1], "asking again gives the same sentence"


def test_a_barrier_announces_its_strength_and_a_node_its_measures(career, heard) -> None:
    d = career.document.diagram
    barrier = next(n for n in d.nodes() if n.kind.value == "anti_driver")
    career.canvas.select(barrier.id)
    assert heard[-1].startswith(f"Barrier ({barrier.strength} of 5): {' '.join(barrier.text.split())[:40]}")
    measured = next(n for n in d.nodes() if d.measures_of(n.id))
    career.canvas.select(measured.id)
    count = len(d.measures_of(measured.id))
    assert f"{count} measure{'s' if count != 1 else ''}" in heard[-1]


def test_several_boxes_and_none_are_announced_too(career, heard) -> None:
    career.select_all()
    assert heard[-1].endswith("boxes selected. Delete deletes them; Ctrl+C copies them.")
    career.canvas.select(None)
    assert heard[-1].startswith("Nothing selected.")


def test_the_canvas_shows_its_focus_when_the_keys_brought_it_there_not_after_a_click(career, qtbot) -> None:
    from PySide6.QtWidgets import QApplication

    from driverdiagram.ui.accessible import _RingKeeper, next_pane

    ring = career.canvas.findChild(_RingKeeper).ring
    career.panel.text.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is career.panel.text)
    career.canvas.setFocus(Qt.FocusReason.MouseFocusReason)  # a click on the diagram
    qtbot.waitUntil(lambda: career.canvas.hasFocus())
    assert not ring.isVisible()
    next_pane(career, True)  # F6: to the first panel …
    assert not career.canvas.hasFocus() and not ring.isVisible()
    for _ in range(20):  # … and round again to the diagram
        if career.canvas.hasFocus():
            break
        next_pane(career, True)
    assert ring.isVisible() and ring.geometry() == career.canvas.rect()

"""What the UI tests share: typing and pressing keys as a user does, and closing a window
without the "save changes?" question (imported by name, not from conftest: tests/export has
a conftest of its own).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def forget_changes(w) -> None:
    """Before pytest-qt closes a window: no "save changes?" question (typing ends first)."""
    w.canvas.finish_typing()
    w.document.undo_stack.setClean()


def focus_target(w):
    """Where a user's keys go: the in-place editor while typing, else the canvas."""
    return w.canvas.editor if w.canvas.editor.active else w.canvas


def type_text(w, text: str) -> None:
    """Type like a keyboard would, any character (QTest's own typing is ASCII only)."""
    for ch in text:
        target = focus_target(w)
        if ch.isascii():
            QTest.keyClicks(target, ch)
        else:
            QApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch))
            QApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyRelease, 0, Qt.KeyboardModifier.NoModifier, ch))


def press(w, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focus_target(w), key, modifiers)


def shortcut(w, sequence: str) -> None:
    """Trigger the window action bound to `sequence`, as the menu or the key would."""
    from PySide6.QtGui import QKeySequence

    seq = QKeySequence(sequence)
    for action in w.findChildren(type(w.act_save)):
        if seq in action.shortcuts() and action.isEnabled():
            action.trigger()
            return
    raise AssertionError(f"no action has the shortcut {sequence}")

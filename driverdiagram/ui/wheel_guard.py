"""Scrolling a panel must never change a value.

A combo box or spin box inside a scrolling panel takes the mouse wheel as "next value"
when the pointer passes over it: the user scrolls down the Measures panel and "Higher is
better" silently becomes "Lower is better". Guarded widgets take the wheel only once
they have the keyboard focus (clicked or tabbed into); otherwise the panel scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget


class _WheelGuard(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Wheel and isinstance(obj, QWidget) and not obj.hasFocus():
            event.ignore()  # passed on to the scrolling parent
            return True
        return False


_GUARD = _WheelGuard()


def guard_wheel(*widgets: QWidget) -> None:
    """Let these widgets take the wheel only while they have the focus."""
    for w in widgets:
        w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # not WheelFocus: the wheel does not focus them
        w.installEventFilter(_GUARD)

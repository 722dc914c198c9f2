"""The keys of a list in a panel, the same in every panel: Enter edits the current row,
Delete (or Backspace) deletes it — each through the panel's own request signal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

EDIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
DELETE_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


def edit_or_delete(event: QKeyEvent, ask: Callable[[object], None], edit: object, delete: object) -> bool:
    """`ask(edit)` for Enter, `ask(delete)` for Delete; True when the key was one of them."""
    if event.key() in EDIT_KEYS:
        ask(edit)
        return True
    if event.key() in DELETE_KEYS:
        ask(delete)
        return True
    return False

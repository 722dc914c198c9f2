"""The Qt binding we install must not leak: PySide6 6.12.0 on Python 3.11 loses a reference
to None on every C++ call that returns void, and the app aborts after minutes of use."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QGraphicsRectItem


def test_void_calls_do_not_leak_references_to_none(qapp) -> None:
    item = QGraphicsRectItem(0, 0, 10, 10)
    before = sys.getrefcount(None)
    for i in range(20_000):
        item.setPos(i, i)
    assert sys.getrefcount(None) - before < 100, "this PySide6 leaks None; pin another version in pyproject.toml"

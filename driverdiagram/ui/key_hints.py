"""The keys that work on a selected node, in the users' words: one list for the canvas's
status bar, what a screen reader hears on the canvas, and the outline's rows (the same keys
work in all three places)."""

from __future__ import annotations

from functools import cache

from ..model import NodeKind
from ..model.rules import CHILD_KIND


@cache
def key_hint(kind: NodeKind) -> str:
    """E.g. "Tab: add secondary driver · Enter: add another primary driver · Ctrl+B: add barrier · …"."""
    keys = []
    if kind in CHILD_KIND:
        keys.append(f"Tab: add {CHILD_KIND[kind].label}")
    if kind is not NodeKind.OUTCOME:
        keys.append(f"Enter: add another {'barrier' if kind is NodeKind.ANTI_DRIVER else kind.label}")
    if kind is NodeKind.ANTI_DRIVER:
        keys.append("its strength: in the Details panel")
    elif kind is not NodeKind.CHANGE_IDEA:
        keys.append("Ctrl+B: add barrier")
    if kind in (NodeKind.SECONDARY, NodeKind.CHANGE_IDEA):
        keys.append("Ctrl+L: link")
    keys.append("F2: edit text")
    if kind is not NodeKind.OUTCOME:
        keys.append("Alt+Up, Alt+Down: move")
        keys.append("Del: delete")
    return " · ".join(keys)

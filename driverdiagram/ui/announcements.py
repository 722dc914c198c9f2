"""What a screen reader hears from the canvas.

The canvas draws its boxes itself, so assistive technology cannot walk them as widgets (the
Outline view gives it the whole diagram as a tree). Instead the canvas carries a name, and
each selection change is announced, as a sighted user sees the highlight move: the node's
kind and whole text, what hangs on it, where it sits, and the keys that work on it.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import QWidget

from ..model import Diagram, NodeKind

CANVAS_NAME = "Driver diagram"
CANVAS_HELP = (
    "The diagram: the outcome on the left, then primary drivers, secondary drivers and change ideas. "
    "Arrow keys move between boxes; Tab adds a child, Enter a sibling, F2 edits. View ▸ Outline lists it all."
)
MAX_SPOKEN = 300  # characters of a node's text read out (the Details panel has the rest)


def name_canvas(canvas: QWidget) -> None:
    canvas.setAccessibleName(CANVAS_NAME)
    canvas.setAccessibleDescription(CANVAS_HELP)


def selection_text(d: Diagram, ids: list[str], keys: str = "") -> str:
    """The sentence read out for a selection, e.g. "Primary driver: Publish first-author papers.
    2 measures; 1 barrier. Under: Promoted to … 2 of 5 in its column. Tab: add secondary driver …"."""
    ids = [i for i in ids if i in d]
    if not ids:
        return f"Nothing selected. {CANVAS_HELP}"
    if len(ids) > 1:
        return f"{len(ids)} boxes selected. Delete deletes them; Ctrl+C copies them."
    node = d.node(ids[0])
    text = " ".join(node.text.split()) or "no text yet"
    if len(text) > MAX_SPOKEN:
        text = text[: MAX_SPOKEN - 1] + "…"
    label = node.kind.label[:1].upper() + node.kind.label[1:]
    if node.kind is NodeKind.ANTI_DRIVER:  # the users' word for it
        label = f"Barrier ({node.strength} of 5)"
    parts = [f"{label}: {text}."]
    hanging = []
    measures = len(d.measures_of(node.id))
    if measures:
        hanging.append(f"{measures} measure{'s' if measures != 1 else ''}")
    barriers = len(d.anti_drivers(node.id))
    if barriers:
        hanging.append(f"{barriers} barrier{'s' if barriers != 1 else ''}")
    if hanging:
        parts.append("; ".join(hanging) + ".")
    parents = d.parents(node.id)
    if parents:
        names = ", ".join(" ".join(p.text.split())[:60] or "(no text yet)" for p in parents)
        parts.append(f"Under: {names}.")
    if keys:
        parts.append(keys.replace(" · ", "; ") + ".")
    return " ".join(parts)


def announce(widget: QWidget, text: str) -> None:
    """Say `text` now (an announcement, Qt 6.8+) and keep it as the widget's description, so a
    screen reader that asks again hears the same."""
    widget.setAccessibleDescription(text)
    QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.DescriptionChanged))
    QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))

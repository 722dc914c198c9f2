"""Mouse gestures on the canvas, one small object each: pan, link drag, reorder drag, band select.

The canvas starts a gesture on a press and hands it the moves and the release; a gesture
turns what the user did into one intent on the document (one undo step) and cleans up
after itself. Refusals are shown where the mouse is, so the reason cannot be missed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsView, QToolTip

if TYPE_CHECKING:
    from .canvas import Canvas

DRAG_START = 6  # pixels before a press becomes a drag
LINK_COLOUR = "#C55A11"


class Gesture:
    """A press, some moves, a release. `qt_clicks`: Qt's own view handling also sees the
    press and the release (selection by click, rubber band); `qt_moves`: and the moves."""

    qt_clicks = False
    qt_moves = False

    def __init__(self, canvas: Canvas, press: QPoint) -> None:
        self.canvas = canvas
        self.press = press

    def move(self, pos: QPoint) -> None:
        """The mouse moved with the button down."""

    def release(self, pos: QPoint) -> None:
        """The button went up: do what the gesture means."""

    def show_refusal(self, pos: QPoint) -> None:
        """Say why the document refused, at the drop point (the status bar says it too)."""
        why = self.canvas.document.last_refusal
        if why:
            QToolTip.showText(self.canvas.viewport().mapToGlobal(pos), why, self.canvas.viewport())


class Pan(Gesture):
    """Drag on empty space: move the view."""

    def __init__(self, canvas: Canvas, press: QPoint) -> None:
        super().__init__(canvas, press)
        canvas.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        canvas.diagram_scene.clearSelection()

    def move(self, pos: QPoint) -> None:
        delta = pos - self.press
        self.press = pos
        h, v = self.canvas.horizontalScrollBar(), self.canvas.verticalScrollBar()
        h.setValue(h.value() - delta.x())
        v.setValue(v.value() - delta.y())


class BandSelect(Gesture):
    """Shift+drag on empty space: Qt's rubber band selects the nodes it touches."""

    qt_clicks = qt_moves = True

    def __init__(self, canvas: Canvas, press: QPoint) -> None:
        super().__init__(canvas, press)
        canvas.setDragMode(QGraphicsView.DragMode.RubberBandDrag)


class Click(Gesture):
    """A press on a node: a click selects it (Qt's handling, Ctrl+click adds to the
    selection); moving it beyond a few pixels up or down its column reorders it."""

    qt_clicks = True

    def __init__(self, canvas: Canvas, press: QPoint, node_id: str) -> None:
        super().__init__(canvas, press)
        self.node_id = node_id
        self.dragging = False

    def move(self, pos: QPoint) -> None:
        if not self.dragging and (pos - self.press).manhattanLength() > DRAG_START:
            self.dragging = True
            self.canvas.viewport().setCursor(Qt.CursorShape.SizeVerCursor)

    def release(self, pos: QPoint) -> None:
        if self.dragging:
            self._drop(self.canvas.mapToScene(pos).y())

    def _drop(self, y: float) -> None:
        """The node takes the place of the node of its kind nearest to where it was dropped."""
        canvas, node_id = self.canvas, self.node_id
        g = canvas.diagram_scene.geometry
        d = canvas.document.diagram
        if g is None or node_id not in g.boxes or node_id not in d:
            return
        kind = d.node(node_id).kind
        same = [b for b in g.boxes.values() if b.kind is kind]
        nearest = min(same, key=lambda b: abs(b.cy - y))
        if nearest.id != node_id:
            canvas.document.move_to(node_id, d.position(nearest.id))
        canvas.select(node_id)


class LinkDrag(Gesture):
    """Drag from a selected node's dot onto another node: link them (either direction)."""

    def __init__(self, canvas: Canvas, press: QPoint, node_id: str) -> None:
        super().__init__(canvas, press)
        self.node_id = node_id
        self.line: QGraphicsLineItem | None = None

    def move(self, pos: QPoint) -> None:
        scene = self.canvas.diagram_scene
        item = scene.nodes.get(self.node_id)
        if item is None:
            return
        if self.line is None:
            self.line = scene.addLine(0, 0, 0, 0, QPen(QColor(LINK_COLOUR), 1.5, Qt.PenStyle.DashLine))
            self.line.setZValue(10)
        start = item.sceneBoundingRect().center()
        end = self.canvas.mapToScene(pos)
        self.line.setLine(start.x(), start.y(), end.x(), end.y())

    def release(self, pos: QPoint) -> None:
        if self.line is not None:
            self.canvas.diagram_scene.removeItem(self.line)
            self.line = None
        target = self.canvas.node_at(pos)
        if (
            target is not None
            and target.node_id != self.node_id
            and not self.canvas.document.link(self.node_id, target.node_id)
        ):
            self.show_refusal(pos)
        self.canvas.select(self.node_id)

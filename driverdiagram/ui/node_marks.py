"""Marks that panels put on nodes of the canvas: the gaps while the Gaps panel is open,
what changed since a meeting while the Changes panel is open.

A mark is a coloured outline drawn just outside a node's box (a child item of the node's
item, so it moves with it), with a short tag and a tooltip. Each panel owns a layer;
layers sit at different distances from the box so two can show at once. Marks follow the
diagram: after an edit, an undo or another file they are put back on the items there are.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget
from shiboken6 import isValid

from ..colour_math import legible
from .document import Document
from .scene import DiagramScene
from .theme import canvas_palette

LAYERS = {"gaps": 5.0, "changes": 9.0}  # the outline's distance from the box, in points
PILL_LAYERS = {"network"}  # no outline: the tag is a small pill over the box's bottom-left corner


@dataclass(frozen=True)
class NodeMark:
    colour: str  # "#RRGGBB"
    tag: str  # a word or two painted above the box's top-left corner ("gap", "new", "changed")
    tip: str  # the tooltip: the reasons, one per line
    dashed: bool = False


class MarkItem(QGraphicsItem):
    """The outline and the tag of one mark, as a child of a node's item."""

    def __init__(self, parent: QGraphicsItem, layer: str, mark: NodeMark) -> None:
        super().__init__(parent)
        self.layer = layer
        self.mark = mark
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # clicks go to the node
        self.setAcceptHoverEvents(False)
        self.setZValue(-1)  # under the node's own painting (a pill over it)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent, layer not in PILL_LAYERS)
        self.setToolTip(mark.tip)

    def _outline(self) -> QRectF:
        box = self.parentItem().box  # type: ignore[union-attr]
        gap = LAYERS.get(self.layer, 5.0)
        return QRectF(-gap, -gap, box.w + 2 * gap, box.h + 2 * gap)

    def boundingRect(self) -> QRectF:
        if self.layer in PILL_LAYERS:
            return self._pill()
        return self._outline().adjusted(-2, -14, 2, 2)

    def _pill(self) -> QRectF:
        box = self.parentItem().box  # type: ignore[union-attr]
        width = min(box.w - 12, 7.0 * 0.62 * len(self.mark.tag) + 8)
        return QRectF(6, box.h - 6, max(12.0, width), 11)

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        colours = canvas_palette()
        ink = self.mark.colour  # a panel's colour, chosen for a light canvas: lightened on a dark one
        if self.layer in PILL_LAYERS:  # e.g. the initials of the people who help with the node
            rect = self._pill()
            ground = colours.card if colours.dark else "#FFFFFF"
            ink = legible(ink, ground) if colours.dark else ink
            p.setPen(QPen(QColor(ink), 1.0))
            p.setBrush(QColor(ground))
            p.drawRoundedRect(rect, 5, 5)
            font = QFont(p.font())
            font.setPointSizeF(6.5)
            font.setBold(True)
            p.setFont(font)
            p.setPen(QColor(ink))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.mark.tag)
            return
        if colours.dark:  # the outline and its tag (text: 4.5:1) on the dark background
            ink = legible(ink, colours.background)
        pen = QPen(QColor(ink), 2.0)
        if self.mark.dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        rect = self._outline()
        p.drawRoundedRect(rect, 4, 4)
        if self.mark.tag:
            font = QFont(p.font())
            font.setPointSizeF(7.0)
            font.setBold(True)
            p.setFont(font)
            p.drawText(rect.topLeft() + QPointF(2 if self.layer == "gaps" else 60, -3), self.mark.tag)


class NodeMarks(QObject):
    """The marks of every layer, kept on the scene's node items through edits and undo."""

    def __init__(self, scene: DiagramScene, document: Document) -> None:
        super().__init__(scene)
        self.scene = scene
        self.layers: dict[str, dict[str, NodeMark]] = {}
        self._items: dict[tuple[str, str], MarkItem] = {}
        # connected after the canvas: its refresh has made the items of a new node by then
        document.changed.connect(self._reapply)
        document.replaced.connect(self._reapply)

    def set_marks(self, layer: str, marks: dict[str, NodeMark]) -> None:
        """Replace the marks of one layer (an empty dict clears it)."""
        self.layers[layer] = dict(marks)
        self._reapply()

    def marks(self, layer: str) -> dict[str, NodeMark]:
        return dict(self.layers.get(layer, {}))

    def _reapply(self, *_: object) -> None:
        wanted = {(layer, nid): m for layer, marks in self.layers.items() for nid, m in marks.items()}
        for key, item in list(self._items.items()):
            node = self.scene.nodes.get(key[1])
            if not isValid(item):  # went with its node's item
                del self._items[key]
            elif key not in wanted or node is None or item.parentItem() is not node:
                if item.scene() is not None:
                    item.scene().removeItem(item)
                item.setParentItem(None)
                del self._items[key]
        for key, mark in wanted.items():
            node = self.scene.nodes.get(key[1])
            if node is None:
                continue
            item = self._items.get(key)
            if item is None:
                self._items[key] = MarkItem(node, key[0], mark)
            else:
                if item.mark != mark:
                    item.mark = mark
                    item.setToolTip(mark.tip)
                item.prepareGeometryChange()  # the box may have grown
                item.update()

    def shown(self, layer: str) -> dict[str, MarkItem]:
        """The mark items on the canvas now, by node id (for tests and the look)."""
        return {nid: item for (lay, nid), item in self._items.items() if lay == layer}

"""The canvas scene: keeps one item per node and link, updated in place from each geometry.

An edit changes a few boxes; the scene compares each new box with its item's and touches
only those that differ, so a re-layout of a large diagram repaints little.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsScene

from ..layout.geometry import Geometry
from .items import EdgeItem, HeadingItem, NodeItem


class DiagramScene(QGraphicsScene):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        # Most items move after an edit; keeping a BSP index up to date costs more than a
        # linear search over a few thousand items does when the mouse asks what is where.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.nodes: dict[str, NodeItem] = {}
        self.edges: dict[tuple[str, str], EdgeItem] = {}
        self._headings: list[HeadingItem] = []
        self.geometry: Geometry | None = None
        self.pixels_per_point = 1.0

    def set_pixels_per_point(self, ppp: float) -> None:
        """The view's scale, so that links can pick the fastest pen that looks the same."""
        self.pixels_per_point = ppp
        for item in self.edges.values():
            item.set_pixels_per_point(ppp)

    def apply(self, g: Geometry) -> None:
        """Bring the items in line with `g`: move, add and remove only what changed."""
        self.geometry = g
        for node_id in [i for i in self.nodes if i not in g.boxes]:
            self.removeItem(self.nodes.pop(node_id))
        for node_id, box in g.boxes.items():
            item = self.nodes.get(node_id)
            if item is None:
                item = self.nodes[node_id] = NodeItem(box)
                self.addItem(item)
            else:
                item.set_box(box)
        keys = {(e.source, e.target): e for e in g.edges}
        for key in [k for k in self.edges if k not in keys]:
            self.removeItem(self.edges.pop(key))
        for key, edge in keys.items():
            item = self.edges.get(key)
            if item is None:
                item = self.edges[key] = EdgeItem(edge, self.pixels_per_point)
                self.addItem(item)
            else:
                item.set_edge(edge)
        if [h.heading for h in self._headings] != list(g.headings):
            for h in self._headings:
                self.removeItem(h)
            self._headings = [HeadingItem(h, g.options.font_size) for h in g.headings]
            for h in self._headings:
                self.addItem(h)
        left, top, right, bottom = g.bounds
        self.setSceneRect(QRectF(left, top, right - left, bottom - top))

    def selected_ids(self) -> list[str]:
        """Selected nodes, in the diagram's reading order (column, then top to bottom)."""
        items = [i for i in self.selectedItems() if isinstance(i, NodeItem)]
        items.sort(key=lambda i: (i.box.column, i.box.y))
        return [i.node_id for i in items]

    def select_only(self, node_id: str | None) -> None:
        self.clearSelection()
        item = self.nodes.get(node_id) if node_id else None
        if item is not None:
            item.setSelected(True)
            item.setFocus()

"""The canvas scene: keeps one item per node and link, updated in place from each geometry.

An edit changes some boxes; the layout hands out the very `Box` and `Edge` objects of the
last geometry for everything that did not change (layout/columns.py), so the scene skips
those by identity and touches only the items whose geometry is new. A box that only moved
keeps its cached picture, a link that only shifted is moved, not rebuilt (items.py).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsScene

from ..layout.geometry import Box, Geometry
from .items import EdgeItem, HeadingItem, NodeItem


class DiagramScene(QGraphicsScene):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        # Most items move after an edit; keeping a BSP index up to date costs more than a
        # linear search over a few thousand items does when the mouse asks what is where.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.nodes: dict[str, NodeItem] = {}
        self.edges: dict[tuple[str, str], EdgeItem] = {}
        self._boxes: dict[str, Box] = {}  # the boxes the node items show
        self._showing: dict[int, EdgeItem] = {}  # id() of the Edge each link item shows
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
        nodes, boxes, shown = self.nodes, g.boxes, self._boxes
        for node_id, box in [(k, b) for k, b in boxes.items() if shown.get(k) is not b]:
            item = nodes.get(node_id)
            if item is None:
                item = nodes[node_id] = NodeItem(box)
                self.addItem(item)
            else:
                item.set_box(box)
        self._boxes = boxes
        if len(nodes) > len(boxes):  # every box has its item now: the others are gone
            for node_id in nodes.keys() - boxes.keys():
                self.removeItem(nodes.pop(node_id))
        edges, showing = self.edges, self._showing
        for edge in [e for e in g.edges if id(e) not in showing]:
            key = (edge.source, edge.target)
            link = edges.get(key)
            if link is None:
                link = edges[key] = EdgeItem(edge, self.pixels_per_point)
                self.addItem(link)
            else:
                del showing[id(link.edge)]
                link.set_edge(edge)
            showing[id(edge)] = link
        if len(edges) > len(g.edges):
            for key in edges.keys() - {(e.source, e.target) for e in g.edges}:
                link = edges.pop(key)
                del showing[id(link.edge)]
                self.removeItem(link)
        if [h.heading for h in self._headings] != list(g.headings):
            for h in self._headings:
                self.removeItem(h)
            self._headings = [HeadingItem(h, g.options.font_size) for h in g.headings]
            for h in self._headings:
                self.addItem(h)
        left, top, right, bottom = g.bounds
        rect = QRectF(left, top, right - left, bottom - top)
        if rect != self.sceneRect():
            self.setSceneRect(rect)

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

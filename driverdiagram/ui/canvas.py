"""The canvas: shows the layout of the document and turns keys and mouse gestures into intents.

Keys (when the canvas has focus): Tab child, Enter sibling, F2 or typing edits, Delete
removes, arrows move the selection, Alt+Up/Down reorder. Mouse: click selects,
Ctrl+click adds to the selection, Shift+drag draws a selection band, drag on empty space
pans, drag a node up or down to reorder it, drag from a selected node's dot onto another
node to link them, double-click edits, Ctrl+wheel zooms.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsView
from shiboken6 import isValid

from ..layout import LayoutEngine
from ..model import Change, NodeKind
from .document import Document
from .inline_editor import InlineEditor
from .items import NodeItem
from .scene import DiagramScene

SCREEN_SCALE = 96 / 72  # scene units are points; at 100 % a 10 pt font looks as on paper
MIN_ZOOM, MAX_ZOOM = 0.1, 8.0
DRAG_START = 6  # pixels before a press becomes a drag


class Canvas(QGraphicsView):
    selection_changed = Signal(list)  # node ids
    zoom_changed = Signal(float)

    def __init__(self, document: Document, parent=None) -> None:
        super().__init__(parent)
        self.diagram_scene = DiagramScene(self)  # owned by the view: goes when it goes
        self.setScene(self.diagram_scene)
        self.document = document
        self.engine = LayoutEngine()
        self.editor = InlineEditor(self.viewport())
        self.editor.committed.connect(self._commit_text)
        self.editor.cancelled.connect(self._cancel_text)
        self._new_node: str | None = None  # added by Tab/Enter/Ctrl+B, its text not typed yet
        self._zoom = 1.0
        self._press: QPoint | None = None
        self._mode = ""  # "", "pan", "link", "move"
        self._drag_node: str | None = None
        self._link_line: QGraphicsLineItem | None = None
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlags(
            QGraphicsView.OptimizationFlag.DontSavePainterState
            | QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing
        )
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setBackgroundBrush(QColor("#FAFAF7"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(False)  # files dropped on the canvas go to the window
        self.diagram_scene.selectionChanged.connect(self._on_selection)
        document.changed.connect(self._on_change)
        document.replaced.connect(self.refresh)
        self._apply_zoom()
        self.refresh()

    # ------------------------------------------------------------- drawing
    def refresh(self) -> None:
        """Lay the document out again and update the items (keeping the view steady)."""
        anchor = self.current_id()
        before = self._viewport_pos(anchor)
        self.diagram_scene.apply(self.engine.layout(self.document.diagram))
        after = self._viewport_pos(anchor)
        if before is not None and after is not None:
            delta = after - before
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + round(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() + round(delta.y()))

    def _viewport_pos(self, node_id: str | None) -> QPointF | None:
        item = self.diagram_scene.nodes.get(node_id) if node_id else None
        return QPointF(self.mapFromScene(item.pos())) if item is not None else None

    def _on_change(self, change: Change) -> None:
        self.refresh()
        if change.what == "nodes-removed" and self.current_id() is None:
            self.diagram_scene.clearSelection()

    def set_view(self, view: str) -> None:
        self.engine.view = view  # "columns" or "force_field"
        self.refresh()
        self.fit()

    def set_layout_option(self, **changes: object) -> None:
        self.engine.set_options(**changes)
        self.refresh()

    # ------------------------------------------------------------ selection
    def current_id(self) -> str | None:
        focus = self.diagram_scene.focusItem()
        if isinstance(focus, NodeItem) and focus.isSelected():
            return focus.node_id
        ids = self.diagram_scene.selected_ids()
        return ids[0] if ids else None

    def select(self, node_id: str | None, *, visible: bool = True) -> None:
        self.diagram_scene.select_only(node_id)
        item = self.diagram_scene.nodes.get(node_id) if node_id else None
        if item is not None and visible:
            self.ensureVisible(item, 40, 40)

    def _on_selection(self) -> None:
        if isValid(self.diagram_scene):  # not while Qt tears the window down
            self.selection_changed.emit(self.diagram_scene.selected_ids())

    # ---------------------------------------------------------------- zoom
    @property
    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, zoom: float) -> None:
        self._zoom = min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        self._apply_zoom()

    def _apply_zoom(self) -> None:
        s = self._zoom * SCREEN_SCALE
        self.resetTransform()
        self.scale(s, s)
        self.diagram_scene.set_pixels_per_point(s * self.devicePixelRatioF())
        self._place_editor()
        self.zoom_changed.emit(self._zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * 1.25)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / 1.25)

    def fit(self) -> None:
        rect = self.diagram_scene.sceneRect()
        if rect.isEmpty():
            return
        view = self.viewport().rect()
        z = min(view.width() / (rect.width() * SCREEN_SCALE), view.height() / (rect.height() * SCREEN_SCALE))
        self.set_zoom(min(1.0, z * 0.98))
        self.centerOn(rect.center())

    def wheelEvent(self, e: QWheelEvent) -> None:
        if e.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = e.angleDelta().y() / 120
            self.set_zoom(self._zoom * (1.15**steps))
            e.accept()
        else:
            super().wheelEvent(e)

    # ------------------------------------------------------------- editing
    def edit(self, node_id: str | None = None, *, initial: str | None = None) -> None:
        """Open the in-place editor on a node (with `initial` replacing its text, as typing does)."""
        node_id = node_id or self.current_id()
        if node_id is None or node_id not in self.document.diagram:
            return
        self.select(node_id)
        text = self.document.diagram.node(node_id).text if initial is None else initial
        self.editor.start(
            node_id, text, self._editor_rect(node_id), self._editor_point_size(), select_all=initial is None
        )

    def _editor_point_size(self) -> float:
        return self.engine.options.font_size * self._zoom

    def _editor_rect(self, node_id: str) -> QRect:
        """Over the node, as wide as the widest box the layout allows (the text will wrap
        there), at least two lines high; the editor grows downwards as the text does."""
        box = self.diagram_scene.nodes[node_id].box
        width = max(box.w, self.engine.options.max_box_width + 2 * self.engine.options.padding)
        rect = self.mapFromScene(QRectF(box.x, box.y, width, max(box.h, 2 * box.line_height))).boundingRect()
        return rect.adjusted(-2, -2, 2, 2)

    def _place_editor(self) -> None:
        if self.editor.active and self.editor.node_id in self.diagram_scene.nodes:
            self.editor.setGeometry(self._editor_rect(self.editor.node_id))

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._place_editor()

    def _commit_text(self, node_id: str, text: str, key: str) -> None:
        """Typing ended. Creating nodes chains like an outliner: Tab goes on to a child, Enter
        to a sibling; Enter on a new node left empty ends the chain and drops that node."""
        new = node_id == self._new_node
        if new and not text and key == "enter":
            self._cancel_text(node_id)
            return
        self._new_node = None
        if node_id in self.document.diagram:
            self.document.set_text(node_id, text, new_node=new)
            self.select(node_id)
        self.setFocus()
        if key == "tab":
            self.add("child")
        elif key == "enter" and new:
            self.add("sibling")

    def _cancel_text(self, node_id: str) -> None:
        """Escape: a node just added and left empty goes away again, leaving no undo step."""
        if (
            node_id == self._new_node
            and node_id in self.document.diagram
            and not self.document.diagram.node(node_id).text
        ):
            command = self.document.undo_stack.command(self.document.undo_stack.index() - 1)
            parent = self._fallback_selection(node_id)
            if command is not None:
                command.discard_on_undo = True
                self.document.undo_stack.undo()
            self.select(parent)
        self._new_node = None
        self.setFocus()

    def _fallback_selection(self, node_id: str) -> str | None:
        d = self.document.diagram
        node = d.node(node_id)
        if node.kind is NodeKind.ANTI_DRIVER:
            return d.target(node_id).id
        parents = d.parents(node_id)
        return parents[0].id if parents else d.outcome.id

    def add(self, how: str) -> str | None:
        """Tab ("child"), Enter ("sibling") or Ctrl+B ("anti"): add, select, start typing."""
        if self.editor.active:
            self.editor.commit()
        current = self.current_id()
        if current is None:
            current = self.document.diagram.outcome.id
        adder = {
            "child": self.document.add_child,
            "sibling": self.document.add_sibling,
            "anti": self.document.add_anti_driver,
        }[how]
        new = adder(current)
        if new is not None:
            self._new_node = new
            self.edit(new, initial="")
        return new

    def delete_selection(self) -> None:
        ids = self.diagram_scene.selected_ids()
        if not ids:
            return
        fallback = self._fallback_selection(ids[0]) if ids[0] in self.document.diagram else None
        if self.document.remove(ids):
            self.select(fallback if fallback in self.document.diagram else self.document.diagram.outcome.id)

    def navigate(self, key: Qt.Key) -> None:
        """Arrows: left to a parent, right to the first child, up/down within the column."""
        d = self.document.diagram
        current = self.current_id()
        if current is None:
            self.select(d.outcome.id)
            return
        g = self.diagram_scene.geometry
        box = g.boxes[current] if g else None
        target = None
        if key == Qt.Key.Key_Left:
            node = d.node(current)
            ups = [d.target(current)] if node.kind is NodeKind.ANTI_DRIVER else d.parents(current)
            target = ups[0].id if ups else None
        elif key == Qt.Key.Key_Right:
            kids = [k for k in d.children(current) if g and k.id in g.boxes]
            target = kids[0].id if kids else None
        elif g and box:
            same = sorted((b for b in g.boxes.values() if b.column == box.column), key=lambda b: b.y)
            i = next(k for k, b in enumerate(same) if b.id == current)
            j = i - 1 if key == Qt.Key.Key_Up else i + 1
            target = same[j].id if 0 <= j < len(same) else None
        if target is not None:
            self.select(target)

    def focusNextPrevChild(self, forward: bool) -> bool:
        return False  # Tab belongs to the canvas: it adds a child

    def keyPressEvent(self, e: QKeyEvent) -> None:
        key, mods = e.key(), e.modifiers()
        plain = not mods & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
        )
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        current = self.current_id()
        if key == Qt.Key.Key_Tab and plain:
            self.add("child")
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            self.add("sibling")
        elif key == Qt.Key.Key_F2:
            self.edit()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and plain:
            self.delete_selection()
        elif alt and key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and current:
            self.document.move_sibling(current, -1 if key == Qt.Key.Key_Up else 1)
            self.select(current)
        elif plain and key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.navigate(Qt.Key(key))
        elif key == Qt.Key.Key_Escape:
            self.diagram_scene.clearSelection()
        elif plain and current and e.text() and e.text().isprintable() and not e.text().isspace():
            self.edit(current, initial=e.text())
        else:
            super().keyPressEvent(e)

    # --------------------------------------------------------------- mouse
    def _node_at(self, pos: QPoint) -> NodeItem | None:
        for item in self.items(pos):
            if isinstance(item, NodeItem):
                return item
        return None

    def mousePressEvent(self, e: QMouseEvent) -> None:
        if self.editor.active:
            self.editor.commit()
        self._press, self._mode = e.position().toPoint(), ""
        item = self._node_at(self._press)
        if e.button() == Qt.MouseButton.LeftButton:
            if item is None and not e.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self._mode = "pan"
                self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
                self.diagram_scene.clearSelection()
                return
            if item is None:
                self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
            elif item.isSelected() and item.handle_rect().contains(item.mapFromScene(self.mapToScene(self._press))):
                self._mode, self._drag_node = "link", item.node_id
                return
            else:
                self._drag_node = item.node_id
        super().mousePressEvent(e)

    def mouseMoveEvent(self, e: QMouseEvent) -> None:
        pos = e.position().toPoint()
        if self._press is not None and self._mode == "pan":
            delta = pos - self._press
            self._press = pos
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            return
        if self._press is not None and self._mode == "link":
            start = self.diagram_scene.nodes[self._drag_node].sceneBoundingRect().center()
            if self._link_line is None:
                self._link_line = self.diagram_scene.addLine(
                    0, 0, 0, 0, QPen(QColor("#C55A11"), 1.5, Qt.PenStyle.DashLine)
                )
                self._link_line.setZValue(10)
            end = self.mapToScene(pos)
            self._link_line.setLine(start.x(), start.y(), end.x(), end.y())
            return
        if (
            self._press is not None
            and self._drag_node
            and not self._mode
            and (pos - self._press).manhattanLength() > DRAG_START
        ):
            self._mode = "move"
            self.viewport().setCursor(Qt.CursorShape.SizeVerCursor)
        if self._mode == "move":
            return
        super().mouseMoveEvent(e)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        pos = e.position().toPoint()
        mode, node = self._mode, self._drag_node
        self._press, self._mode, self._drag_node = None, "", None
        self.viewport().unsetCursor()
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        if mode == "link":
            if self._link_line is not None:
                self.diagram_scene.removeItem(self._link_line)
                self._link_line = None
            target = self._node_at(pos)
            if target is not None and target.node_id != node:
                self.document.connect(node, target.node_id)
            self.select(node)
            return
        if mode == "move" and node:
            self._drop(node, self.mapToScene(pos).y())
            return
        if mode == "pan":
            return
        super().mouseReleaseEvent(e)

    def _drop(self, node_id: str, y: float) -> None:
        """A node dragged up or down its column takes the place of the node it was dropped on."""
        g = self.diagram_scene.geometry
        d = self.document.diagram
        if g is None or node_id not in g.boxes:
            return
        kind = d.node(node_id).kind
        same = [b for b in g.boxes.values() if d.node(b.id).kind is kind]
        nearest = min(same, key=lambda b: abs(b.cy - y))
        if nearest.id != node_id:
            self.document.move_to(node_id, d.position(nearest.id))
        self.select(node_id)

    def mouseDoubleClickEvent(self, e: QMouseEvent) -> None:
        item = self._node_at(e.position().toPoint())
        if item is not None:
            self.edit(item.node_id)
        else:
            super().mouseDoubleClickEvent(e)

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        self._place_editor()

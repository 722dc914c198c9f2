"""The canvas: shows the layout of the document and turns keys and mouse gestures into intents.

Keys handled here (when the canvas has focus): Tab adds a child, Enter a sibling, arrows
move the selection, Escape clears it, typing edits the selected node in place. Every other
key (F2, Delete, Alt+Up/Down, …) is a window action, so there is one path per key. Mouse
gestures are small objects in gestures.py. The canvas never touches the undo stack: the
document (the controller) owns adding, finishing and abandoning a new node.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QMenu
from shiboken6 import isValid

from ..layout import LayoutEngine
from ..model import Change, ChangeKind, NodeKind
from .canvas_overlays import SCREEN_SCALE, CanvasOverlays
from .canvas_theme import follow_scheme
from .document import AddHow, Document
from .gestures import BandSelect, Click, Gesture, LinkDrag, Pan
from .inline_editor import InlineEditor
from .items import NodeItem
from .legend import Legend, legend_remembered
from .measure_badges import measure_badges
from .note_pins import note_pins
from .scene import DiagramScene
from .window_width import WindowWidth, fit_width_remembered

CONTEXT_MENU = "canvas_context"  # a window action with this property set is in the canvas's right-click menu

MIN_ZOOM, MAX_ZOOM = 0.1, 8.0
FIT_MARGIN = 0.98  # Fit leaves 1 % of the window free on each side of the limiting dimension
TOP_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


class Canvas(CanvasOverlays, WindowWidth, QGraphicsView):
    selection_changed = Signal(list)  # node ids
    zoom_changed = Signal(float)

    def __init__(self, document: Document, parent=None) -> None:
        super().__init__(parent)
        self.diagram_scene = DiagramScene(self)  # owned by the view: goes when it goes
        self.setScene(self.diagram_scene)
        self.document = document
        self.engine = LayoutEngine()
        if fit_width_remembered():
            self.engine.set_options(fit_width=self.window_width())
        self.editor = InlineEditor(self.viewport())
        self.editor.committed.connect(self._commit_text)
        self.editor.cancelled.connect(self._cancel_text)
        self._zoom = 1.0
        self._gesture: Gesture | None = None
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
        self.setAlignment(TOP_LEFT)  # a small diagram grows to the right and down, without jumping
        follow_scheme(self)  # the background in the colour scheme, and a repaint when it switches
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(False)  # files dropped on the canvas go to the window
        self.legend_card = Legend(self)  # a child of the view, not its viewport: it does not scroll
        self.legend_card.setVisible(legend_remembered())
        self.diagram_scene.selectionChanged.connect(self._on_selection)
        document.changed.connect(self._on_change)
        document.replaced.connect(self.reflow_to_window)
        document.replaced.connect(self.refresh)
        document.replaced.connect(self.refresh_measures)
        document.replaced.connect(self.refresh_notes)
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

    def refresh_measures(self) -> None:
        """The measures badges of every node (after the measures changed, or another diagram)."""
        badges = measure_badges(self.document.diagram)
        for node_id, item in self.diagram_scene.nodes.items():
            item.set_measures(badges.get(node_id))

    def refresh_notes(self) -> None:
        """The notes pins of every node (after the notes changed, or another diagram)."""
        pins = note_pins(self.document.diagram)
        for node_id, item in self.diagram_scene.nodes.items():
            item.set_notes(pins.get(node_id))

    def _viewport_pos(self, node_id: str | None) -> QPointF | None:
        item = self.diagram_scene.nodes.get(node_id) if node_id else None
        return QPointF(self.mapFromScene(item.pos())) if item is not None else None

    def _on_change(self, change: Change) -> None:
        if change.touches_geometry:  # (the diagram's details or a measure move no box)
            self.refresh()
            if ChangeKind.NODES_REMOVED in change.kinds and self.current_id() is None:
                self.diagram_scene.clearSelection()
        if "measures" in change.collections:  # after the boxes: a restored node has its item again
            self.refresh_measures()
        if "annotations" in change.collections:
            self.refresh_notes()

    def set_view(self, view: str) -> None:
        self.engine.view = view  # "columns" or "force_field"
        self.refresh()
        self.refresh_measures()  # nodes the other view left out come back as new items
        self.refresh_notes()
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
        """Show the whole diagram filling the window in its limiting dimension (with a small
        margin), centred in the other. Never above 100 %: a small diagram is not blown up,
        it stays at paper size in the top-left corner, where it grows without jumping."""
        rect = self.diagram_scene.sceneRect()
        if rect.isEmpty():
            return
        view = self.maximumViewportSize()  # as without scroll bars: once it fits there are none
        zw = view.width() / (rect.width() * SCREEN_SCALE)
        zh = view.height() / (rect.height() * SCREEN_SCALE)
        z = min(zw, zh) * FIT_MARGIN
        if z >= 1.0:
            self.setAlignment(TOP_LEFT)
        elif zh <= zw:  # as tall as the window: centred across it, and it grows downwards
            self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        else:
            self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.set_zoom(min(1.0, z))
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
        self._repaint_band(dy)

    def _commit_text(self, node_id: str, text: str, key: str) -> None:
        """Typing ended. Creating nodes chains like an outliner: Tab goes on to a child, Enter
        to a sibling. A new node left empty goes again, and the selection returns to the node
        the user was on; Tab on an empty node just made by Enter makes a child of that node
        (as indenting does in an outliner)."""
        doc = self.document
        if node_id == doc.new_node:
            origin = doc.new_node_origin()
            if not text:
                back = doc.abandon_node(node_id)
                self.select(back)
                self.setFocus()
                if key == "tab" and origin is not None and origin[1] == "sibling":
                    self.add("child")
                return
            doc.finish_node(node_id, text)
            self._after_commit(node_id, key, new=True)
            return
        if node_id in doc.diagram:
            doc.set_text(node_id, text)
        self._after_commit(node_id, key, new=False)

    def _after_commit(self, node_id: str, key: str, *, new: bool) -> None:
        if node_id in self.document.diagram:
            self.select(node_id)
        self.setFocus()
        if key == "tab":
            self.add("child")
        elif key == "enter" and new:
            self.add("sibling")

    def _cancel_text(self, node_id: str) -> None:
        """Escape: editing ends with no change; a new node goes again, leaving no undo step."""
        if node_id == self.document.new_node:
            self.select(self.document.abandon_node(node_id))
        self.setFocus()

    def finish_typing(self) -> None:
        """Commit the text being typed in place, if any (before a save, an export, a click)."""
        if self.editor.active:
            self.editor.commit()

    def typing_text(self) -> tuple[str, str] | None:
        """The node being typed in place and its text so far (autosave keeps it), or None."""
        node_id = self.editor.node_id
        return (node_id, self.editor.toPlainText().strip()) if node_id is not None else None

    def add(self, how: AddHow) -> str | None:
        """Tab ("child"), Enter ("sibling") or Ctrl+B ("anti"): add, select, start typing."""
        self.finish_typing()
        current = self.current_id() or self.document.diagram.outcome.id
        new = self.document.begin_node(how, current)
        if new is not None:
            self.edit(new, initial="")
        return new

    def delete_selection(self) -> None:
        ids = self.diagram_scene.selected_ids()
        if not ids:
            return
        fallback = self._fallback_selection(ids[0]) if ids[0] in self.document.diagram else None
        if self.document.remove(ids):
            self.select(fallback if fallback in self.document.diagram else self.document.diagram.outcome.id)

    def _fallback_selection(self, node_id: str) -> str | None:
        """After a delete: the sibling above, else the parent (the node hindered, for a barrier)."""
        d = self.document.diagram
        index = d.sibling_index(node_id, -1)
        if index is not None:
            return d.order[index]
        node = d.node(node_id)
        if node.kind is NodeKind.ANTI_DRIVER:
            return d.target(node_id).id
        parents = d.parents(node_id)
        return parents[0].id if parents else d.outcome.id

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
        """The keys that are not window actions: Tab, Enter, arrows, Escape, typing."""
        key, mods = e.key(), e.modifiers()
        plain = not mods & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
        )
        current = self.current_id()
        if not plain:
            super().keyPressEvent(e)
        elif key == Qt.Key.Key_Tab:
            self.add("child")
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.add("sibling")
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.navigate(Qt.Key(key))
        elif key == Qt.Key.Key_Escape:
            self.diagram_scene.clearSelection()
        elif current and e.text() and e.text().isprintable() and not e.text().isspace():
            self.edit(current, initial=e.text())
        else:
            super().keyPressEvent(e)

    # --------------------------------------------------------------- mouse
    def node_at(self, pos: QPoint) -> NodeItem | None:
        for item in self.items(pos):
            if isinstance(item, NodeItem):
                return item
        return None

    def _start_gesture(self, e: QMouseEvent) -> Gesture | None:
        pos = e.position().toPoint()
        item = self.node_at(pos)
        if item is None:
            return BandSelect(self, pos) if e.modifiers() & Qt.KeyboardModifier.ShiftModifier else Pan(self, pos)
        if item.isSelected() and item.handle_rect().contains(item.mapFromScene(self.mapToScene(pos))):
            return LinkDrag(self, pos, item.node_id)
        return Click(self, pos, item.node_id)

    def mousePressEvent(self, e: QMouseEvent) -> None:
        self.finish_typing()
        if e.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(e)
            return
        self._gesture = self._start_gesture(e)
        if self._gesture.qt_clicks:
            super().mousePressEvent(e)

    def mouseMoveEvent(self, e: QMouseEvent) -> None:
        gesture = self._gesture
        if gesture is not None:
            gesture.move(e.position().toPoint())
        if gesture is None or gesture.qt_moves:
            super().mouseMoveEvent(e)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        gesture, self._gesture = self._gesture, None
        self.viewport().unsetCursor()
        if gesture is not None:
            gesture.release(e.position().toPoint())
        if gesture is None or gesture.qt_clicks:
            super().mouseReleaseEvent(e)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)

    def mouseDoubleClickEvent(self, e: QMouseEvent) -> None:
        item = self.node_at(e.position().toPoint())
        if item is not None:
            self.edit(item.node_id)
        else:
            super().mouseDoubleClickEvent(e)

    def context_actions(self) -> list[QAction]:
        """The window's actions marked `setProperty(CONTEXT_MENU, True)` (by features)."""
        return [a for a in self.window().actions() if a.property(CONTEXT_MENU) and a.isEnabled()]

    def contextMenuEvent(self, e: QContextMenuEvent) -> None:
        """Right-click selects the node (if not yet selected); empty space: none (the diagram)."""
        self.finish_typing()
        actions = self.context_actions()
        if not actions:
            return
        item = self.node_at(e.pos())
        if item is None:
            self.diagram_scene.clearSelection()
        elif not item.isSelected():
            self.select(item.node_id, visible=False)
        menu = QMenu(self)
        menu.addActions(actions)
        menu.exec(e.globalPos())

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        if self.painted:
            self._schedule_reflow()
        else:  # laid out before it is first painted: at once, so it does not open and then jump
            self._reflow_to_window()
        self._place_editor()
        self._place_legend()

"""The Outline dock's tree: the diagram as an indented list, in step with the canvas, that a
user can build and edit the whole diagram in with the keyboard (and a screen reader reads).

The rows and their words come from outline_rows.py, and follow the model as outline_sync.py
says; the keys and the intents they send are in outline_actions.py, the typing in
outline_editing.py. This file is the widget, and the selection.

Selection goes both ways: choosing a row selects its node on the canvas (`Editor.select`);
a canvas selection (the window's `selection_changed`) makes its node's row current. Each
side ignores the echo of its own change, so there is no loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFocusEvent, QFont, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from .outline_actions import OutlineActions
from .outline_editing import RowDelegate
from .outline_rows import NODE_TAGS
from .outline_sync import Row, RowSync

if TYPE_CHECKING:
    from .features import Editor

DESCRIPTION = (
    "The driver diagram as an outline: the outcome, its primary drivers, their secondary drivers and their "
    "change ideas, with barriers, measures and notes under the node they belong to. Tab adds a child, Enter "
    "a sibling, Ctrl+B a barrier, F2 edits the text, Delete deletes, Alt+Up and Alt+Down move, Escape goes "
    "back to the diagram, Ctrl+Tab to the next control."
)


class OutlineTree(OutlineActions, RowSync, QTreeWidget):
    def __init__(self, host: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName("outline-tree")
        self.setAccessibleName("Diagram outline")
        self.setAccessibleDescription(DESCRIPTION)
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setHeaderLabels(["Diagram outline"])  # (what a screen reader names the one column)
        self.setUniformRowHeights(True)
        self.setExpandsOnDoubleClick(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # F2, typing, double-click: ours
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # the current row stands out even where the style draws no focus frame
        self.setStyleSheet("QTreeWidget:focus { border: 2px solid palette(highlight); }")
        self._italic = QFont(self.font())
        self._italic.setItalic(True)
        self.row_delegate = RowDelegate(self)
        self.setItemDelegate(self.row_delegate)
        self._setup_rows()
        self._leading = False  # the tree is selecting on the canvas: the echo is ignored
        self.currentItemChanged.connect(self._current_moved)
        self.itemSelectionChanged.connect(self._selection_moved)
        self.itemExpanded.connect(lambda row: self._quiet or self._collapsed.discard(row.key))
        self.itemCollapsed.connect(lambda row: self._quiet or self._collapsed.add(row.key))
        self._setup_editing()
        doc = host.document
        doc.changed.connect(self._on_change)
        doc.replaced.connect(self._on_replaced)
        self.rebuild()

    # --------------------------------------------------------------- selection
    def current_row(self) -> Row | None:
        row = self.currentItem()
        return row if isinstance(row, Row) and not row.gone else None

    def row_of(self, node_id: str, under: str | None = None) -> Row | None:
        """A node's row: the one under `under` when it appears there, else its own."""
        if under is not None and under in self._rows:
            for r in self._rows[under].kids:
                if r.key[0] in NODE_TAGS and r.key[1] == node_id:
                    return r
        return self._rows.get(node_id)

    def follow(self, ids: list[str]) -> None:
        """The canvas selected `ids`: their first node's row becomes current (the current row
        stays when it is about one of them), opened and scrolled to."""
        if self._leading:
            return
        with self._quietly():
            current = self.current_row()
            if not ids:
                self.clearSelection()
                return
            if current is not None and current.node_id in ids:
                if not current.isSelected():
                    self.setCurrentItem(current)
                return
            row = self._rows.get(ids[0])
            if row is None:
                return
            self._open_to(row)
            self.setCurrentItem(row)
        self.scrollToItem(row)

    def go_to(self, node_id: str | None, under: str | None = None) -> None:
        """Make a node's row current (and its node the canvas's selection)."""
        row = self.row_of(node_id, under) if node_id else None
        if row is None:
            return
        with self._quietly():
            self._open_to(row)
            self.setCurrentItem(row)
        self.scrollToItem(row)
        self._lead()

    def _open_to(self, row: Row) -> None:
        up = row.up
        while up is not None:
            if not up.isExpanded():
                up.setExpanded(True)
                self._collapsed.discard(up.key)
            up = up.up

    def _lead(self) -> None:
        """The canvas selects the current row's node (nothing, for a note on the whole diagram)."""
        row = self.current_row()
        if row is None:
            return
        node_id = row.node_id
        if self.host.selected_ids() == ([node_id] if node_id else []):
            return
        self._leading = True
        try:
            self.host.select(node_id)
        finally:
            self._leading = False

    def _current_moved(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if not self._quiet and current is not None:
            self._lead()

    def _selection_moved(self) -> None:
        row = self.current_row()
        if not self._quiet and row is not None and row.isSelected():
            self._lead()

    def focusInEvent(self, e: QFocusEvent) -> None:
        super().focusInEvent(e)
        if self.current_row() is None and self._top:
            with self._quietly():
                ids = self.host.selected_ids()
                self.setCurrentItem(self._rows.get(ids[0]) if ids and ids[0] in self._rows else self._top[0])
        row = self.current_row()
        if row is not None and not row.isSelected():
            with self._quietly():
                row.setSelected(True)
        if e.reason() != Qt.FocusReason.PopupFocusReason:
            self._lead()

    def take_focus(self) -> None:
        """Keyboard focus in the tree, on the row of the canvas's selection (View ▸ Outline)."""
        self.host.finish_typing()  # (the canvas takes the keys back when its typing ends)
        self.follow(self.host.selected_ids())
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        row = self.current_row()
        if row is not None:
            self.scrollToItem(row)

    def sizeHint(self) -> QSize:
        return QSize(320, 480)  # room for a driver's words beside the diagram

    # ------------------------------------------------------------------- keys
    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and self.handles(e):
            e.accept()  # the tree's own key, not the window's action (Ctrl+B on the canvas's node)
            return True
        return super().event(e)

    def focusNextPrevChild(self, forward: bool) -> bool:
        if forward:
            return False  # Tab adds a child, as on the canvas (Shift+Tab still leaves the tree)
        return super().focusNextPrevChild(forward)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and e.modifiers() & Qt.KeyboardModifier.ControlModifier:
            super().focusNextPrevChild(e.key() == Qt.Key.Key_Tab)  # Ctrl+Tab leaves the tree, as in a table
        elif not self.key_pressed(e):
            super().keyPressEvent(e)

    def mouseDoubleClickEvent(self, e: QMouseEvent) -> None:
        row = self.itemAt(e.position().toPoint())
        if isinstance(row, Row):
            self.setCurrentItem(row)
            self.edit_or_open(row)
        else:
            super().mouseDoubleClickEvent(e)

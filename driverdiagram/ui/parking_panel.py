"""The Parking lot panel: ideas and open questions kept for later, newest first, each with
the day it was kept and the node it is about (if any).

A line at the top adds an item as it is typed (Enter), about the node selected on the
canvas. The panel reads the model and says what the user asked for with signals; the
feature (parking_feature.py) turns each into one undo step. It reloads when the parking
lot changes (an edit, an undo, a redo), when a node it names changes, and on another diagram.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal, SignalInstance
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..model import Change, ParkingItem
from .accessible import focus_ring
from .document import Document
from .list_keys import edit_or_delete
from .parking_dialog import node_label
from .parking_rows import COLLECTION, ITEM_ID, LINES, MUTED, ParkingDelegate, newest_first, row_lines


class ParkingPanel(QWidget):
    add_requested = Signal(str)  # the text typed in the line at the top
    edit_requested = Signal(str)  # an item id: edit it in the dialog
    text_edited = Signal(str, str)  # an item id and its new text, typed in place
    make_node_requested = Signal(str)
    delete_requested = Signal(str)
    node_clicked = Signal(str)  # the node of the item clicked

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.about_node: str | None = None  # the node a new item is about (the one selected)
        self._build()
        document.changed.connect(self._on_change)
        document.replaced.connect(self.reload)
        self.reload()
        self.set_selection([])

    def _build(self) -> None:
        self.add_button: QPushButton = QPushButton("Add")
        self.quick = QLineEdit()
        self.quick.setClearButtonEnabled(True)
        self.quick.setAccessibleName("A new idea or question for the parking lot")
        self.quick.setToolTip("Type an idea or an open question and press Enter to keep it (Ctrl+Shift+K)")
        self.quick.returnPressed.connect(self._add_typed)
        self.quick.textChanged.connect(lambda text: self.add_button.setEnabled(bool(text.strip())))
        self.add_button.setEnabled(False)
        self.add_button.setAccessibleName("Add to the parking lot")
        self.add_button.setToolTip("Keep the idea or question typed beside it (Enter in the line)")
        self.add_button.clicked.connect(self._add_typed)
        self.about_hint = QLabel()
        self.about_hint.setWordWrap(True)
        self.about_hint.setStyleSheet(f"color: {MUTED};")
        self.about_hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.list = QListWidget()
        self.list.setItemDelegate(ParkingDelegate(self))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # F2 and double-click: below
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)  # rows wrap again at a new width
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.installEventFilter(self)
        self.list.setAccessibleName("Parking lot")
        self.list.setToolTip(
            "Ideas and questions kept for later, newest first: Enter edits one, F2 types over its text, "
            "Delete deletes it, Space shows its node on the diagram"
        )
        focus_ring(self.list)
        self.empty = QLabel(
            "Nothing parked yet.\n\nType an idea or an open question above and press Enter: "
            "it is kept here for later, not lost. Select a node first to file it under that node."
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #6B6B6B; padding: 12px;")
        self.empty.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.make_button = QPushButton("Make It a Node…")
        self.make_button.setToolTip("Put the idea in the diagram: choose the node it goes under")
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setAccessibleName("Edit parking-lot item…")
        self.edit_button.setToolTip(
            "Its text, the day it was kept, the node it is about (Enter in the list; F2: the text in place)"
        )
        self.delete_button = QPushButton("Delete")
        self.delete_button.setAccessibleName("Delete parking-lot item")
        self.delete_button.setToolTip(
            "Delete the selected idea or question (Delete in the list; Ctrl+Z brings it back)"
        )
        top = QHBoxLayout()
        top.addWidget(self.quick, 1)
        top.addWidget(self.add_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.make_button)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.about_hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)
        self.list.currentItemChanged.connect(self._enable)
        self.list.itemClicked.connect(self._clicked)
        self.list.itemDoubleClicked.connect(self.edit_in_place)
        self.list.customContextMenuRequested.connect(self._menu)
        self.make_button.clicked.connect(lambda: self._ask(self.make_node_requested))
        self.edit_button.clicked.connect(lambda: self._ask(self.edit_requested))
        self.delete_button.clicked.connect(lambda: self._ask(self.delete_requested))

    # ----------------------------------------------------------------- reading
    def _on_change(self, change: Change) -> None:
        if COLLECTION in change.collections or any(
            it.node_id in change.ids for it in self.document.diagram.items(COLLECTION)
        ):
            self.reload()

    def set_selection(self, ids: list[str]) -> None:
        """The nodes selected on the canvas: a new item is about the one selected."""
        d = self.document.diagram
        self.about_node = ids[0] if len(ids) == 1 and ids[0] in d else None
        if self.about_node is not None:
            node = d.node(self.about_node)
            self.quick.setPlaceholderText(f"Idea or question about this {node.kind.label}")
            self.about_hint.setText(f"About: {node_label(node, 120)}")
        else:
            self.quick.setPlaceholderText("Idea or question for later")
            self.about_hint.setText("About the whole plan (select a node first to keep an item about it)")

    def item_of(self, item_id: str | None) -> ParkingItem | None:
        return next((it for it in self.document.diagram.items(COLLECTION) if it.id == item_id), None)

    def reload(self) -> None:
        d = self.document.diagram
        if self.about_node is not None and self.about_node not in d:
            self.set_selection([])
        keep = self.current_id()
        self.list.blockSignals(True)
        self.list.clear()
        items = newest_first(d.items(COLLECTION))
        for it in items:
            about = node_label(d.node(it.node_id), 80) if it.node_id is not None and it.node_id in d else None
            row = QListWidgetItem()
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsEditable)
            row.setData(ITEM_ID, it.id)
            row.setData(LINES, row_lines(it, about))
            row.setData(Qt.ItemDataRole.AccessibleTextRole, " — ".join(row_lines(it, about)))
            row.setToolTip(it.text if about is None else f"{it.text}\n\nAbout: {about}")
            self.list.addItem(row)
            if it.id == keep:
                self.list.setCurrentItem(row)
        self.list.blockSignals(False)
        self.list.setVisible(bool(items))
        self.empty.setVisible(not items)
        self._enable()

    # ----------------------------------------------------------------- acting
    def current_id(self) -> str | None:
        row = self.list.currentItem()
        return row.data(ITEM_ID) if row is not None else None

    def row_ids(self) -> list[str]:
        """The items shown, top to bottom."""
        return [self.list.item(i).data(ITEM_ID) for i in range(self.list.count())]

    def show_item(self, item_id: str) -> None:
        ids = self.row_ids()
        if item_id in ids:
            self.list.setCurrentRow(ids.index(item_id))
            self.list.scrollToItem(self.list.currentItem())

    def focus_quick(self) -> None:
        self.quick.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.quick.selectAll()

    def edit_in_place(self, row: QListWidgetItem | None = None) -> None:
        """F2 or a double-click: type over the text, where it is."""
        row = row or self.list.currentItem()
        if row is not None:
            self.list.setCurrentItem(row)
            self.list.editItem(row)

    def _add_typed(self) -> None:
        text = self.quick.text().strip()
        if text:
            self.add_requested.emit(text)

    def _enable(self, *_: object) -> None:
        on = self.current_id() is not None
        for b in (self.make_button, self.edit_button, self.delete_button):
            b.setEnabled(on)

    def _ask(self, signal: SignalInstance) -> None:
        item_id = self.current_id()
        if item_id is not None:
            signal.emit(item_id)

    def _clicked(self, row: QListWidgetItem) -> None:
        item = self.item_of(row.data(ITEM_ID))
        if item is not None and item.node_id is not None and item.node_id in self.document.diagram:
            self.node_clicked.emit(item.node_id)

    def _menu(self, pos: QPoint) -> None:
        row = self.list.itemAt(pos)
        if row is None:
            return
        self.list.setCurrentItem(row)
        menu = QMenu(self)
        menu.addAction("Make It a Node…", lambda: self._ask(self.make_node_requested))
        menu.addAction("Edit…", lambda: self._ask(self.edit_requested))
        menu.addAction("Edit Text in Place", lambda: self.edit_in_place(row))
        menu.addSeparator()
        menu.addAction("Delete", lambda: self._ask(self.delete_requested))
        menu.exec(self.list.viewport().mapToGlobal(pos))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the list: Enter opens the dialog, F2 edits the text in place, Delete deletes,
        Space shows the item's node."""
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_F2:
                self.edit_in_place()
                return True
            if edit_or_delete(event, self._ask, self.edit_requested, self.delete_requested):
                return True
            if event.key() == Qt.Key.Key_Space and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                if (row := self.list.currentItem()) is not None:
                    self._clicked(row)
                return True
        return super().eventFilter(watched, event)

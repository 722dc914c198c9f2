"""The Notes panel: every mentor and mentee note of the diagram, open ones first, newest
first, with filters (open or resolved, kind, author, only the selected node).

The panel reads the model and says what the user asked for with signals (add, edit,
resolve or reopen, delete, go to a note's node); the feature (notes_feature.py) turns
those into one undo step each. It reloads when the notes change (an edit, an undo, a
redo), when a node's text changes (rows name their node), and on another diagram.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ..model import Annotation, AnnotationKind, Change, ChangeKind
from .accessible import draw_row_focus, focus_ring
from .document import Document
from .list_keys import edit_or_delete
from .note_pins import GAP_COLOUR, OPEN_COLOUR, RESOLVED_COLOUR, in_order, short
from .theme import ink

NOTE_ID = Qt.ItemDataRole.UserRole
LINES = Qt.ItemDataRole.UserRole + 1  # (kind and node, the text's first line, author · date · state)
COLOUR = Qt.ItemDataRole.UserRole + 2
STATES = ("All", "Open", "Resolved")
ALL = None  # the "All …" entry of the kind and author filters


def row_colour(note: Annotation) -> str:
    if note.resolved is not None:
        return RESOLVED_COLOUR
    return GAP_COLOUR if note.kind is AnnotationKind.GAP else OPEN_COLOUR


def row_lines(note: Annotation, node_text: str | None) -> tuple[str, str, str]:
    """What a row says: the kind and where, the text's first line, who, when and its state."""
    where = (short(node_text, 70) or "(no text yet)") if node_text is not None else "Whole diagram"
    if note.detached_from:  # brought in from a copy where it was on a node this diagram no longer has
        where += f" (was on “{short(note.detached_from, 40)}”)"
    first = short(note.text.strip().splitlines()[0] if note.text.strip() else "", 120)
    state = f"Resolved {note.resolved.isoformat()}" if note.resolved else "Open"
    who = note.author or note.role.value.capitalize()
    when = note.created.isoformat() + (" · in a meeting" if note.meeting_id else "")
    return f"{note.kind.label} · {where}", first, f"{state} · {who} · {when}"


class NoteDelegate(QStyledItemDelegate):
    """Three lines a row, each cut short to the width: kind and node (bold), text, byline."""

    PAD = 4

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        h = option.fontMetrics.lineSpacing()
        return QSize(200, 3 * h + 2 * self.PAD + 2)

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, p, option.widget)
        lines = index.data(LINES) or ("", "", "")
        colour = QColor(index.data(COLOUR) or RESOLVED_COLOUR)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        h = option.fontMetrics.lineSpacing()
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        dot = h * 0.55
        p.drawEllipse(rect.x(), rect.y() + (h - dot) / 2, dot, dot)
        text_x = rect.x() + round(dot) + 6
        text = option.palette.highlightedText() if selected else option.palette.text()
        resolved = colour == QColor(RESOLVED_COLOUR)
        for i, line in enumerate(lines):
            font = QFont(option.font)
            font.setBold(i == 0)
            p.setFont(font)
            metrics = p.fontMetrics()
            if selected:
                p.setPen(text.color())
            elif i == 2 or resolved:
                p.setPen(ink("#6B6B6B"))
            else:
                p.setPen(text.color())
            box = QRect(text_x, rect.y() + i * h, rect.right() - text_x, h)
            p.drawText(
                box, Qt.AlignmentFlag.AlignVCenter, metrics.elidedText(line, Qt.TextElideMode.ElideRight, box.width())
            )
        p.restore()
        draw_row_focus(p, option, option.widget)


class NotesPanel(QWidget):
    add_requested = Signal()
    edit_requested = Signal(str)  # a note id
    toggle_requested = Signal(str)  # resolve or reopen
    delete_requested = Signal(str)
    node_clicked = Signal(str)  # the node of the note clicked

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.selection: list[str] = []
        self._build()
        document.changed.connect(self._on_change)
        document.replaced.connect(self.reload)
        self.reload()

    def _build(self) -> None:
        self.state = QComboBox()
        self.state.addItems(STATES)
        self.state.setAccessibleName("Show notes")
        self.state.setToolTip("Show all notes, only the open ones, or only the resolved ones")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of note")
        self.kind.setToolTip("Show the notes of one kind only: comments, gaps, questions, praise or actions")
        self.kind.addItem("All kinds", ALL)
        for kind in AnnotationKind:
            self.kind.addItem(kind.label, kind.value)  # (Qt keeps a str, not the enum)
        self.author = QComboBox()
        self.author.addItem("All authors", ALL)
        self.author.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.author.setMinimumContentsLength(10)
        self.author.setAccessibleName("Notes by")
        self.author.setToolTip("Show only the notes one person wrote")
        self.only_selected = QCheckBox("Only the selected node")
        self.only_selected.setToolTip("Show the notes on the nodes selected on the canvas (none: the whole diagram)")
        filters = QGridLayout()
        show, by = QLabel("Show:"), QLabel("By:")
        show.setBuddy(self.state)
        by.setBuddy(self.author)
        filters.addWidget(show, 0, 0)
        filters.addWidget(self.state, 0, 1)
        filters.addWidget(self.kind, 0, 2)
        filters.addWidget(by, 1, 0)
        filters.addWidget(self.author, 1, 1, 1, 2)
        filters.addWidget(self.only_selected, 2, 0, 1, 3)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(2, 1)
        self.summary = QLabel()
        self.summary.setStyleSheet("color: #595959;")
        self.list = QListWidget()
        self.list.setItemDelegate(NoteDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.installEventFilter(self)
        self.list.setAccessibleName("Notes")
        self.list.setToolTip(
            "The mentor's and mentee's notes, open ones first: Enter edits one, Delete deletes it, "
            "Space shows its node on the diagram"
        )
        focus_ring(self.list)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #6B6B6B; padding: 12px;")
        self.empty.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # wraps, never widens
        self.add_button = QPushButton("Add…")
        self.add_button.setToolTip("A note on the selected node, or on the whole diagram (Ctrl+Shift+N)")
        self.add_button.setAccessibleName("Add note…")
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setAccessibleName("Edit note…")
        self.edit_button.setToolTip("Edit the selected note (Enter in the list)")
        self.toggle_button = QPushButton("Resolve")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setAccessibleName("Delete note")
        self.delete_button.setToolTip("Delete the selected note (Delete in the list; Ctrl+Z brings it back)")
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.toggle_button, self.delete_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)
        for combo in (self.state, self.kind, self.author):
            combo.currentIndexChanged.connect(self.reload)
        self.only_selected.toggled.connect(self.reload)
        self.list.currentItemChanged.connect(self._enable)
        self.list.itemClicked.connect(self._clicked)
        self.list.itemDoubleClicked.connect(lambda item: self.edit_requested.emit(item.data(NOTE_ID)))
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(lambda: self._ask(self.edit_requested))
        self.toggle_button.clicked.connect(lambda: self._ask(self.toggle_requested))
        self.delete_button.clicked.connect(lambda: self._ask(self.delete_requested))

    # ----------------------------------------------------------------- reading
    def _on_change(self, change: Change) -> None:
        if "annotations" in change.collections or (
            ChangeKind.NODE_EDITED in change.kinds
            and any(n.node_id in change.ids for n in self.document.diagram.items("annotations"))
        ):
            self.reload()

    def set_selection(self, ids: list[str]) -> None:
        """The nodes selected on the canvas (for "Only the selected node")."""
        self.selection = list(ids)
        if self.only_selected.isChecked():
            self.reload()

    def shown(self, note: Annotation) -> bool:
        state = self.state.currentText()
        if (state == "Open" and note.resolved is not None) or (state == "Resolved" and note.resolved is None):
            return False
        kind, author = self.kind.currentData(), self.author.currentData()
        if (kind is not ALL and note.kind != kind) or (author is not ALL and note.author != author):
            return False
        if self.only_selected.isChecked():
            return note.node_id in self.selection if self.selection else note.node_id is None
        return True

    def reload(self) -> None:
        d = self.document.diagram
        notes = d.items("annotations")
        self._fill_authors(sorted({n.author for n in notes if n.author}, key=str.casefold))
        keep = self.current_id()
        self.list.blockSignals(True)
        self.list.clear()
        rows = [n for n in in_order(notes) if self.shown(n)]
        for note in rows:
            node_text = d.node(note.node_id).text if note.node_id and note.node_id in d else None
            item = QListWidgetItem()
            item.setData(NOTE_ID, note.id)
            item.setData(LINES, row_lines(note, node_text))
            item.setData(COLOUR, row_colour(note))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, " — ".join(row_lines(note, node_text)))
            item.setToolTip(note.text)
            self.list.addItem(item)
            if note.id == keep:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        n_open = sum(1 for n in notes if n.resolved is None)
        self.summary.setText(f"{len(rows)} of {len(notes)} notes shown · {n_open} open" if notes else "")
        self.summary.setVisible(bool(notes))
        self.empty.setText(
            "No notes match these filters."
            if notes
            else "No notes yet.\n\nSelect a node and press Ctrl+Shift+N to write a note on it, "
            "or Ctrl+Shift+G for a gap; with no node selected, the note is on the whole diagram."
        )
        self.list.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self._enable()

    def _fill_authors(self, authors: list[str]) -> None:
        present = [self.author.itemText(i) for i in range(1, self.author.count())]
        if present == authors:
            return
        current = self.author.currentData()
        self.author.blockSignals(True)
        self.author.clear()
        self.author.addItem("All authors", ALL)
        for a in authors:
            self.author.addItem(a, a)
        self.author.setCurrentIndex(max(0, self.author.findData(current)) if current is not ALL else 0)
        self.author.blockSignals(False)

    # ----------------------------------------------------------------- acting
    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(NOTE_ID) if item is not None else None

    def row_ids(self) -> list[str]:
        """The notes shown, top to bottom."""
        return [self.list.item(i).data(NOTE_ID) for i in range(self.list.count())]

    def show_note(self, note_id: str) -> None:
        """Make a note the current row (the filters open up when they would hide it)."""
        if note_id not in self.row_ids():
            for combo in (self.state, self.kind, self.author):
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
            self.only_selected.blockSignals(True)
            self.only_selected.setChecked(False)
            self.only_selected.blockSignals(False)
            self.reload()
        ids = self.row_ids()
        if note_id in ids:
            self.list.setCurrentRow(ids.index(note_id))
            self.list.scrollToItem(self.list.currentItem())

    def _current_note(self) -> Annotation | None:
        note_id = self.current_id()
        if note_id is None:
            return None
        return next((n for n in self.document.diagram.items("annotations") if n.id == note_id), None)

    def _enable(self, *_: object) -> None:
        note = self._current_note()
        for b in (self.edit_button, self.toggle_button, self.delete_button):
            b.setEnabled(note is not None)
        reopen = note is not None and note.resolved is not None
        self.toggle_button.setText("Reopen" if reopen else "Resolve")
        self.toggle_button.setAccessibleName("Reopen note" if reopen else "Resolve note")
        self.toggle_button.setToolTip(
            "Open the resolved note again" if reopen else "Mark the selected note resolved, as of today"
        )

    def _ask(self, signal: Signal) -> None:
        note_id = self.current_id()
        if note_id is not None:
            signal.emit(note_id)  # type: ignore[attr-defined]

    def _clicked(self, item: QListWidgetItem) -> None:
        d = self.document.diagram
        note = next((n for n in d.items("annotations") if n.id == item.data(NOTE_ID)), None)
        if note is not None and note.node_id is not None and note.node_id in d:
            self.node_clicked.emit(note.node_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the list: Enter edits the note, Delete deletes it, Space shows its node."""
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if edit_or_delete(event, self._ask, self.edit_requested, self.delete_requested):
                return True
            if event.key() == Qt.Key.Key_Space and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                if (item := self.list.currentItem()) is not None:
                    self._clicked(item)
                return True
        return super().eventFilter(watched, event)

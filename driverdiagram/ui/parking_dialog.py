"""The parking lot's two dialogs: edit an item (its text, date and the node it is about),
and choose where an item becomes a node (under which parent, or as a barrier against it).

Both only read and return: the feature (parking_feature.py) makes one undo step of the
answer. The feature calls them through this module (`parking_dialog.edit_parking_item(...)`,
`parking_dialog.choose_parent(...)`) so that tests can answer them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..model import Diagram, Node, NodeKind, ParkingItem
from ..model.rules import CHILD_KIND
from .accessible import describe_buttons, focus_ring
from .note_dialog import DATE_FORMAT, from_qdate, to_qdate
from .note_pins import short

READING_ORDER = (NodeKind.OUTCOME, NodeKind.PRIMARY, NodeKind.SECONDARY, NodeKind.CHANGE_IDEA, NodeKind.ANTI_DRIVER)
NODE_ID = Qt.ItemDataRole.UserRole


def node_label(node: Node, limit: int = 90) -> str:
    """ "Secondary driver · A steady writing habit"."""
    return f"{node.kind.label.capitalize()} · {short(node.text, limit) or '(no text yet)'}"


def in_reading_order(d: Diagram, kinds: tuple[NodeKind, ...] = READING_ORDER) -> list[Node]:
    """The nodes column by column (the user's order within each)."""
    return [n for kind in kinds for n in d.nodes(kind)]


def parents_in_tree_order(d: Diagram) -> list[tuple[int, Node]]:
    """The nodes a node can go under, as the diagram reads: the outcome, each primary driver
    and under it its secondary drivers (one shared by several: under the first), with depth."""
    secondaries = d.nodes(NodeKind.SECONDARY)
    under: dict[str, list[Node]] = {}
    for s in secondaries:
        parents = d.parents(s.id)
        under.setdefault(parents[0].id if parents else "", []).append(s)
    out: list[tuple[int, Node]] = [(0, n) for n in d.nodes(NodeKind.OUTCOME)]
    for p in d.nodes(NodeKind.PRIMARY):
        out.append((1, p))
        out += [(2, s) for s in under.pop(p.id, [])]
    out += [(2, s) for rest in under.values() for s in rest]  # (never: a secondary has a parent)
    return out


@dataclass(frozen=True)
class ParentChoice:
    """Where the new node goes: a child of `node_id`, or (`barrier`) an anti-driver against it."""

    node_id: str
    barrier: bool = False


def outcome_of(d: Diagram, choice: ParentChoice) -> str:
    """What the choice makes, in words: "a change idea under “Research methods”"."""
    node = d.node(choice.node_id)
    where = f"“{short(node.text, 60) or '(no text yet)'}”"
    if choice.barrier:
        return f"an anti-driver (a barrier) against {where}"
    kind = CHILD_KIND[node.kind].label
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} under {where}"


class ParkingItemDialog(QDialog):
    """Edit one parking-lot item: what it says, when it was kept, and what it is about."""

    def __init__(self, parent: QWidget | None, item: ParkingItem, diagram: Diagram) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit parking-lot item")
        self.item = item
        self.text = QPlainTextEdit(item.text)
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("An idea or an open question, kept for later (Ctrl+Enter to save)")
        self.text.setMinimumSize(380, 100)
        self.text.setToolTip("The idea or open question, kept for later (Ctrl+Enter saves it)")
        self.text.installEventFilter(self)
        self.created = QDateEdit(to_qdate(item.created))
        self.created.setCalendarPopup(True)
        self.created.setDisplayFormat(DATE_FORMAT)
        self.created.setToolTip("The day it was kept (the arrow keys change it, F4 opens a calendar)")
        self.about = QComboBox()
        self.about.setAccessibleName("About")
        self.about.setToolTip("The node of the diagram it is about, or the whole plan")
        self.about.addItem("Nothing in particular (the whole plan)", None)
        for node in in_reading_order(diagram):
            self.about.addItem(node_label(node, 70), node.id)
        self.about.setCurrentIndex(max(0, self.about.findData(item.node_id)))
        self.about.setMaxVisibleItems(20)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        describe_buttons(self.buttons)
        self.text.textChanged.connect(self._enable_ok)
        form = QFormLayout()
        form.addRow("&Idea or question:", self.text)
        day = QHBoxLayout()
        day.addWidget(self.created)
        day.addStretch(1)
        kept = QLabel("&Kept on:")
        kept.setBuddy(self.created)
        form.addRow(kept, day)
        form.addRow("&About:", self.about)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._enable_ok()
        self.text.setFocus()
        self.text.moveCursor(self.text.textCursor().MoveOperation.End)

    def _enable_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.text.toPlainText().strip()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Enter in the text accepts (Enter alone starts a new line)."""
        if watched is self.text and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                self.accept()
                return True
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        if self.text.toPlainText().strip():
            super().accept()

    def result_item(self) -> ParkingItem:
        return self.item.but(
            text=self.text.toPlainText().strip(),
            created=from_qdate(self.created.date()),
            node_id=self.about.currentData(),
        )


class ParentChooser(QDialog):
    """Pick the node the item becomes a child of (or, ticked, a barrier against)."""

    def __init__(self, parent: QWidget | None, diagram: Diagram, text: str, initial: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Make it a node")
        self.diagram = diagram
        intro = QLabel(f"“{short(text, 140)}” becomes a node. Under which node does it go?")
        intro.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find a node…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Find a node")
        self.search.setToolTip("Type words of the node's text to narrow the list; Up and Down choose in it")
        self.nodes = QListWidget()
        self.nodes.setAccessibleName("Nodes it can go under")
        self.nodes.setToolTip("The node it goes under (or against): the arrow keys choose, Enter makes the node")
        focus_ring(self.nodes)
        self.nodes.setMinimumSize(540, 280)
        self.nodes.setAlternatingRowColors(True)
        self.nodes.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nodes.setTextElideMode(Qt.TextElideMode.ElideRight)
        for depth, node in parents_in_tree_order(diagram):
            row = QListWidgetItem("      " * depth + node_label(node))
            row.setData(NODE_ID, node.id)
            row.setToolTip(node.text)
            self.nodes.addItem(row)
        self.barrier = QCheckBox("As a barrier against it (an anti-driver), not under it")
        self.barrier.setToolTip("Something that works against the node: a force-field barrier")
        self.becomes = QLabel()
        self.becomes.setWordWrap(True)
        self.becomes.setStyleSheet("color: #1F4E79; font-weight: bold;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Make the Node")
        describe_buttons(self.buttons, ok="Make it a node where chosen (Enter)")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.search)
        layout.addWidget(self.nodes, 1)
        layout.addWidget(self.barrier)
        layout.addWidget(self.becomes)
        layout.addWidget(self.buttons)
        self.search.textChanged.connect(self._filter)
        self.nodes.currentItemChanged.connect(self._refresh)
        self.nodes.itemDoubleClicked.connect(lambda _item: self.accept())
        self.barrier.toggled.connect(self._refresh)
        self.search.installEventFilter(self)
        ids = [self.nodes.item(i).data(NODE_ID) for i in range(self.nodes.count())]
        self.nodes.setCurrentRow(ids.index(initial) if initial in ids else 0)
        self._refresh()
        self.nodes.setFocus()

    def _filter(self, words: str) -> None:
        """Show the nodes whose kind and text hold every word typed."""
        wanted = words.casefold().split()
        first = None
        for i in range(self.nodes.count()):
            row = self.nodes.item(i)
            hidden = not all(w in row.text().casefold() for w in wanted)
            row.setHidden(hidden)
            if not hidden and first is None:
                first = row
        current = self.nodes.currentItem()
        if first is None:
            self.nodes.setCurrentRow(-1)
        elif current is None or current.isHidden():
            self.nodes.setCurrentItem(first)
        self._refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the find field move in the list."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                QApplication.sendEvent(self.nodes, QKeyEvent(event.type(), event.key(), event.modifiers()))
                return True
        return super().eventFilter(watched, event)

    def choice(self) -> ParentChoice | None:
        row = self.nodes.currentItem()
        if row is None or row.isHidden():
            return None
        return ParentChoice(row.data(NODE_ID), self.barrier.isChecked())

    def _refresh(self, *_: object) -> None:
        choice = self.choice()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(choice is not None)
        self.becomes.setText(
            f"It becomes {outcome_of(self.diagram, choice)}." if choice else "No node matches: type less."
        )

    def accept(self) -> None:
        if self.choice() is not None:
            super().accept()


def edit_parking_item(parent: QWidget | None, item: ParkingItem, diagram: Diagram) -> ParkingItem | None:
    """Show the item dialog modally: the item as edited (None: cancelled)."""
    dialog = ParkingItemDialog(parent, item, diagram)
    try:
        return dialog.result_item() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def choose_parent(
    parent: QWidget | None, diagram: Diagram, text: str, initial: str | None = None
) -> ParentChoice | None:
    """Ask where `text` becomes a node (`initial`: the node offered first); None: cancelled."""
    dialog = ParentChooser(parent, diagram, text, initial)
    try:
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()

"""The milestones checklist: every milestone, piece of homework and action item of the
diagram, by due date (undated last), with a filter (all, open, overdue, done).

Each row is a tick box and the title, then the kind, the owner, the due date and the node
it serves; an overdue row is red, a done one ticked and grey. The panel reads the model
and says what the user asked for with signals (add, edit, tick or untick, delete, go to a
milestone's node); the feature (milestones_feature.py) turns those into one undo step
each. It reloads when the milestones change (an edit, an undo, a redo), when the nodes
do (rows name their node), and on another diagram — never echoing its own loading back
as a tick.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..layout.timeline import TIMELINE_COLOURS
from ..model import Change, Diagram, Milestone
from .accessible import focus_ring
from .document import Document
from .list_keys import edit_or_delete
from .milestone_dialog import KIND_WORDS, WHOLE_PLAN
from .note_pins import short
from .theme import current as current_theme
from .theme import ink

ID = Qt.ItemDataRole.UserRole
FILTERS = ("All", "Open", "Overdue", "Done")
COLUMNS = ("Milestone", "Due")
LINES = Qt.ItemDataRole.UserRole + 1  # (title, "Kind · owner · the node it serves")
OVERDUE = QColor(TIMELINE_COLOURS["overdue"])
DONE = QColor("#7F7F7F")


def in_order(milestones: tuple[Milestone, ...] | list[Milestone]) -> list[Milestone]:
    """By due date, undated last; the same day (or none) in the list's own order."""
    return [
        m for _, m in sorted(enumerate(milestones), key=lambda im: (im[1].due is None, im[1].due or dt.date.min, im[0]))
    ]


def state(m: Milestone, today: dt.date) -> str:
    if m.done is not None:
        return "done"
    return "overdue" if m.due is not None and m.due < today else "open"


def served(d: Diagram, node_id: str | None) -> str:
    """The node a milestone serves, in a row's words."""
    if node_id is None:
        return WHOLE_PLAN
    if node_id not in d:
        return "(a node no longer in the diagram)"
    return short(d.node(node_id).text, 60) or "(no text yet)"


def fmt_due(when: dt.date | None) -> str:
    return f"{when.day} {when:%b %Y}" if when else "–"


class TwoLines(QStyledItemDelegate):
    """The checklist's first column: the tick box, the title, and under it in grey the
    kind, the owner and the node served, each line cut short to the width."""

    PAD = 3

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), 2 * option.fontMetrics.lineSpacing() + 2 * self.PAD)

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title, about = index.data(LINES) or ("", "")
        opt.text = ""  # the box, the background and the focus from the style; the lines from here
        widget = option.widget
        style = widget.style() if widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, p, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        rect = rect.adjusted(2, self.PAD, -2, -self.PAD)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        ink = option.palette.highlightedText().color() if selected else option.palette.text().color()
        if brush is not None and not selected:
            ink = brush.color()
        h = option.fontMetrics.lineSpacing()
        p.save()
        p.setFont(option.font)
        for i, (line, colour) in enumerate(((title, ink), (about, ink if selected or brush else DONE))):
            p.setPen(colour)
            box = QRect(rect.x(), rect.y() + i * h, rect.width(), h)
            elided = option.fontMetrics.elidedText(line, Qt.TextElideMode.ElideRight, box.width())
            p.drawText(box, Qt.AlignmentFlag.AlignVCenter, elided)
        p.restore()


class MilestonesPanel(QWidget):
    add_requested = Signal()
    edit_requested = Signal(str)  # a milestone id
    tick_requested = Signal(str, bool)  # ticked (done today) or unticked
    delete_requested = Signal(str)
    node_clicked = Signal(str)  # the node of the milestone clicked
    current_changed = Signal(object)  # the milestone id of the current row, or None

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.clock: Callable[[], dt.date] = dt.date.today  # what "today" is (tests set it)
        self._loading = False
        self._ticking = False
        self._build()
        document.changed.connect(self._on_change)
        document.replaced.connect(self.reload)
        current_theme().changed.connect(self.reload)  # the overdue and done rows' colours
        self.reload()

    def _build(self) -> None:
        self.show_filter = QComboBox()
        self.show_filter.addItems(FILTERS)
        self.show_filter.setAccessibleName("Show milestones")
        self.show_filter.setToolTip("Show every milestone, or only the open, the overdue or the done ones")
        self.summary = QLabel()
        self.summary.setStyleSheet("color: #595959;")
        top = QHBoxLayout()
        show = QLabel("Show:")
        show.setBuddy(self.show_filter)
        top.addWidget(show)
        top.addWidget(self.show_filter)
        top.addWidget(self.summary, 1)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setItemDelegateForColumn(0, TwoLines(self.tree))
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAllColumnsShowFocus(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.installEventFilter(self)
        self.tree.setAccessibleName("Milestones checklist")
        self.tree.setToolTip("What is due when, by due date: Space ticks one done, Enter edits it, Delete deletes it")
        focus_ring(self.tree)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #6B6B6B; padding: 12px;")
        self.add_button = QPushButton("Add…")
        self.add_button.setToolTip("A milestone, homework or an action item, on the selected node or the whole plan")
        self.add_button.setAccessibleName("Add milestone…")
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setAccessibleName("Edit milestone…")
        self.edit_button.setToolTip("Edit the selected milestone (Enter in the list)")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setAccessibleName("Delete milestone")
        self.delete_button.setToolTip("Delete the selected milestone (Delete in the list; Ctrl+Z brings it back)")
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)
        self.show_filter.currentIndexChanged.connect(self.reload)
        self.tree.itemChanged.connect(self._ticked)
        self.tree.currentItemChanged.connect(self._current)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemDoubleClicked.connect(lambda item, _col: self.edit_requested.emit(item.data(0, ID)))
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(lambda: self._ask(self.edit_requested))
        self.delete_button.clicked.connect(lambda: self._ask(self.delete_requested))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        splitter = self.parentWidget()
        for area in splitter.findChildren(QScrollArea) if isinstance(splitter, QSplitter) else ():
            if area.parentWidget() is splitter and not area.accessibleName():  # the timeline beside the list
                area.setAccessibleName("Timeline")
                area.setAccessibleDescription("The milestones on a timeline, by due date: the arrow keys scroll it")
                focus_ring(area)

    # ----------------------------------------------------------------- reading
    def _on_change(self, change: Change) -> None:
        if "milestones" in change.collections or change.touches_geometry:
            if self._ticking:  # not under the tick box being clicked: once its click is over
                QTimer.singleShot(0, self.reload)
            else:
                self.reload()

    def shown(self, m: Milestone, today: dt.date) -> bool:
        wanted = self.show_filter.currentText()
        return wanted == "All" or state(m, today) == wanted.lower()

    def reload(self) -> None:
        d = self.document.diagram
        today = self.clock()
        milestones = d.items("milestones")
        keep = self.current_id()
        self._loading = True
        self.tree.blockSignals(True)
        self.tree.clear()
        rows = [m for m in in_order(milestones) if self.shown(m, today)]
        for m in rows:
            item = self._row(d, m, state(m, today))
            self.tree.addTopLevelItem(item)
            if m.id == keep:
                self.tree.setCurrentItem(item)
        self.tree.blockSignals(False)
        self._loading = False
        counts = {s: sum(1 for m in milestones if state(m, today) == s) for s in ("open", "overdue", "done")}
        self.summary.setText(
            f"{counts['open']} open · {counts['overdue']} overdue · {counts['done']} done" if milestones else ""
        )
        self.empty.setText(
            "No milestones match this filter."
            if milestones
            else "No milestones yet.\n\nPress Add… for what must be done by when: study design, ethics "
            "approval, data collection, an abstract, a manuscript, a grant. Each goes on the timeline below."
        )
        self.tree.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self._enable()
        self.current_changed.emit(self.current_id())

    def _row(self, d: Diagram, m: Milestone, st: str) -> QTreeWidgetItem:
        title = m.title or "(untitled)"
        about = " · ".join(x for x in (KIND_WORDS[m.kind], m.owner, served(d, m.node_id)) if x)
        when = {"overdue": "overdue", "done": f"done {fmt_due(m.done)}"}.get(st, "")
        item = QTreeWidgetItem([f"{title}\n{about}", fmt_due(m.due) + (f"\n{when}" if when else "")])
        item.setData(0, ID, m.id)
        item.setData(0, LINES, (title, about))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Checked if m.done else Qt.CheckState.Unchecked)
        node = short(d.node(m.node_id).text, 400) if m.node_id and m.node_id in d else served(d, m.node_id)
        notes = f"\n\n{m.notes.strip()[:1000]}" if m.notes.strip() else ""
        item.setToolTip(0, f"{title}\n{KIND_WORDS[m.kind]}, serving: {node}{notes}")
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        colour = OVERDUE if st == "overdue" else DONE if st == "done" else None
        if colour is not None:
            for col in range(len(COLUMNS)):
                item.setForeground(col, QBrush(ink(colour.name())))
        if st == "overdue":
            font = QFont(item.font(1))
            font.setBold(True)
            item.setFont(1, font)
        return item

    # ----------------------------------------------------------------- acting
    def current_id(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, ID) if item is not None else None

    def row_ids(self) -> list[str]:
        """The milestones shown, top to bottom."""
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item.data(0, ID) for item in items if item is not None]

    def row(self, milestone_id: str) -> QTreeWidgetItem | None:
        ids = self.row_ids()
        return self.tree.topLevelItem(ids.index(milestone_id)) if milestone_id in ids else None

    def show_milestone(self, milestone_id: str) -> None:
        """Make a milestone the current row (the filter opens up when it would hide it)."""
        if milestone_id not in self.row_ids() and self.show_filter.currentIndex() != 0:
            self.show_filter.setCurrentIndex(0)  # reloads
        item = self.row(milestone_id)
        if item is not None:
            self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)

    def _enable(self, *_: object) -> None:
        has = self.current_id() is not None
        for b in (self.edit_button, self.delete_button):
            b.setEnabled(has)

    def _current(self, *_: object) -> None:
        self._enable()
        if not self._loading:
            self.current_changed.emit(self.current_id())

    def _ask(self, signal: SignalInstance) -> None:
        milestone_id = self.current_id()
        if milestone_id is not None:
            signal.emit(milestone_id)

    def _ticked(self, item: QTreeWidgetItem, column: int) -> None:
        if self._loading or column != 0:
            return
        milestone_id = item.data(0, ID)
        ticked = item.checkState(0) == Qt.CheckState.Checked
        m = next((x for x in self.document.diagram.items("milestones") if x.id == milestone_id), None)
        if m is not None and ticked != (m.done is not None):
            self._ticking = True
            try:
                self.tick_requested.emit(milestone_id, ticked)
            finally:
                self._ticking = False

    def _clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        d = self.document.diagram
        m = next((x for x in d.items("milestones") if x.id == item.data(0, ID)), None)
        if m is not None and m.node_id is not None and m.node_id in d:
            self.node_clicked.emit(m.node_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the list: Enter edits the milestone, Delete deletes it."""
        if watched is self.tree and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if edit_or_delete(event, self._ask, self.edit_requested, self.delete_requested):
                return True
        return super().eventFilter(watched, event)

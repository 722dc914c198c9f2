"""The Meetings panel: the meeting log (date, mentor, agenda, summary) and each meeting's
action items, editable; during meeting mode it shows the meeting being held.

Typing in a field is one undo step per burst (as in Details); ticking an action item done,
adding, editing or deleting one is one step each. The panel reloads from the model on
every change to meetings or milestones, so undo and redo show at once.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..model import Change, Meeting, Milestone
from ..model.safe_text import shorten
from . import dialogs
from .accessible import focus_ring, settle_in_scroll_area
from .document import Document
from .list_keys import edit_or_delete

_bursts = itertools.count(1)
DONE, TITLE, OWNER, DUE, ON = range(5)


def day(d: dt.date | None) -> str:
    return f"{d.day} {d:%B %Y}" if d else ""


class MeetingPanel(QWidget):
    def __init__(self, document: Document, select: Callable[[str | None], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.select = select
        self.meeting_id: str | None = None
        self.live_id: str | None = None  # the meeting being held (meeting mode)
        self._loading = False
        self._burst: dict[QObject, int] = {}
        self.add_action: Callable[[], object] = lambda: None  # the feature's "Add Action Item…"
        self.edit_action: Callable[[str], object] = lambda _id: None

        self.picker = QComboBox()
        self.picker.setAccessibleName("Meeting")
        self.picker.setToolTip("The meetings recorded in this diagram, newest first (the arrow keys choose one)")
        self.live = QLabel()
        self.live.setStyleSheet("color: #1F4E79; font-weight: bold;")
        self.live.hide()
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")
        self.date.setToolTip("The day of the meeting (the arrow keys change it, F4 opens a calendar)")
        self.mentor = QLineEdit()
        self.mentor.setToolTip("Who mentored at this meeting")
        self.agenda = QPlainTextEdit()
        self.agenda.setTabChangesFocus(True)
        self.agenda.setPlaceholderText("What the mentee brings: 1. … 2. …")
        self.agenda.setFixedHeight(80)
        self.agenda.setToolTip("The agenda the mentee brings to the meeting")
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText("What was agreed")
        self.summary.setFixedHeight(80)
        self.summary.setToolTip("What was agreed: the short summary the mentee sends afterwards")
        self.action_list = QTreeWidget()
        self.action_list.setHeaderLabels(["Done", "Action item", "Owner", "Due", "On"])
        self.action_list.setRootIsDecorated(False)
        self.action_list.setMinimumHeight(120)
        self.action_list.setAccessibleName("Action items of this meeting")
        self.action_list.setToolTip(
            "The homework agreed at this meeting: Space ticks one done, Enter edits it, Delete deletes it"
        )
        self.action_list.installEventFilter(self)
        focus_ring(self.action_list)
        self.btn_add = QPushButton("&Add action item…")
        self.btn_add.setToolTip("Agree homework at this meeting: what, who and by when (Ctrl+Shift+A)")
        self.btn_edit = QPushButton("Edit…")
        self.btn_edit.setAccessibleName("Edit action item…")
        self.btn_edit.setToolTip("Edit the selected action item (Enter in the list)")
        self.btn_delete = QPushButton("Delete")
        self.btn_delete.setAccessibleName("Delete action item")
        self.btn_delete.setToolTip("Delete the selected action item (Delete in the list; Ctrl+Z brings it back)")
        self.btn_delete_meeting = QPushButton("Delete meeting…")
        self.btn_delete_meeting.setToolTip("Take this meeting out of the log; its notes and action items stay")
        self.empty = QLabel("No meetings yet. Start one with Meeting ▸ Meeting Mode (Ctrl+Shift+M).")
        self.empty.setWordWrap(True)

        settle_in_scroll_area(self, "Meetings")
        form = QFormLayout()
        form.addRow("Date", self.date)
        form.addRow("Mentor", self.mentor)
        form.addRow("Agenda", self.agenda)
        form.addRow("Summary", self.summary)
        buttons = QHBoxLayout()
        for b in (self.btn_add, self.btn_edit, self.btn_delete):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.live)
        layout.addWidget(self.picker)
        layout.addWidget(self.empty)
        layout.addLayout(form)
        layout.addWidget(QLabel("<b>Action items</b>"))
        layout.addWidget(self.action_list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.btn_delete_meeting, 0, Qt.AlignmentFlag.AlignRight)

        for w in (self.mentor, self.agenda, self.summary):
            w.installEventFilter(self)
        self.picker.currentIndexChanged.connect(self._picked)
        self.date.dateChanged.connect(self._date_changed)
        self.mentor.textEdited.connect(lambda t: self._edit(self.mentor, mentor=t))
        self.agenda.textChanged.connect(lambda: self._edit(self.agenda, agenda=self.agenda.toPlainText()))
        self.summary.textChanged.connect(lambda: self._edit(self.summary, summary=self.summary.toPlainText()))
        self.action_list.itemChanged.connect(self._ticked)
        self.action_list.itemClicked.connect(self._clicked)
        self.action_list.itemDoubleClicked.connect(
            lambda item, _c: self.edit_action(item.data(TITLE, Qt.ItemDataRole.UserRole))
        )
        self.btn_add.clicked.connect(lambda: self.add_action())
        self.btn_edit.clicked.connect(self._edit_selected)
        self.btn_delete.clicked.connect(self._delete_selected)
        self.btn_delete_meeting.clicked.connect(self._delete_meeting)
        document.changed.connect(self._on_change)
        document.replaced.connect(lambda: self.show_meeting(None))
        self.show_meeting(None)

    # ------------------------------------------------------------ model → panel
    def meetings(self) -> list[Meeting]:
        return sorted(self.document.diagram.items("meetings"), key=lambda m: m.date, reverse=True)

    def show_meeting(self, meeting_id: str | None) -> None:
        ids = [m.id for m in self.meetings()]
        self.meeting_id = meeting_id if meeting_id in ids else (ids[0] if ids else None)
        self._load()

    def set_live(self, meeting_id: str | None, mentor: str = "") -> None:
        self.live_id = meeting_id
        self.live.setVisible(meeting_id is not None)
        self.live.setText(f"Meeting in progress — {mentor}" if mentor else "Meeting in progress")
        if meeting_id:
            self.show_meeting(meeting_id)

    def _on_change(self, change: Change) -> None:
        if {"meetings", "milestones"} & set(change.collections) or change.touches_geometry:
            self.show_meeting(self.meeting_id)

    def _load(self) -> None:
        self._loading = True
        try:
            meetings = self.meetings()
            self.picker.clear()
            for m in meetings:
                self.picker.addItem(day(m.date) + ("  (now)" if m.id == self.live_id else ""), m.id)
            self.picker.setVisible(bool(meetings))
            self.empty.setVisible(not meetings)
            has = self.meeting_id is not None
            for w in (self.date, self.mentor, self.agenda, self.summary, self.action_list, self.btn_add, self.btn_edit):
                w.setEnabled(has)
            for w in (self.btn_delete, self.btn_delete_meeting):
                w.setEnabled(has)
            self.action_list.clear()
            if not has:
                for w in (self.agenda, self.summary):
                    w.setPlainText("")
                self.mentor.setText("")
                return
            self.picker.setCurrentIndex([m.id for m in meetings].index(self.meeting_id))
            m = self.document.diagram.item("meetings", self.meeting_id)
            self.date.setDate(QDate(m.date.year, m.date.month, m.date.day))
            if self.mentor.text() != m.mentor:
                self.mentor.setText(m.mentor)
            for w, value in ((self.agenda, m.agenda), (self.summary, m.summary)):
                if w.toPlainText() != value:
                    w.setPlainText(value)
            for item in self.action_items():
                self.action_list.addTopLevelItem(self._row(item))
            for col in (DONE, OWNER, DUE):
                self.action_list.resizeColumnToContents(col)
        finally:
            self._loading = False

    def action_items(self) -> list[Milestone]:
        return [m for m in self.document.diagram.items("milestones") if m.meeting_id == self.meeting_id]

    def _row(self, item: Milestone) -> QTreeWidgetItem:
        d = self.document.diagram
        on = shorten(d.node(item.node_id).text, 40) if item.node_id and item.node_id in d else "—"
        row = QTreeWidgetItem(["", item.title, item.owner, day(item.due), on])
        row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        row.setCheckState(DONE, Qt.CheckState.Checked if item.done else Qt.CheckState.Unchecked)
        row.setData(TITLE, Qt.ItemDataRole.UserRole, item.id)
        row.setToolTip(TITLE, item.title + (f"\n{item.notes}" if item.notes else ""))
        if item.done:
            row.setToolTip(DONE, f"Done {day(item.done)}")
        return row

    # ------------------------------------------------------------ panel → model
    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if obj is self.action_list:
            if e.type() == QEvent.Type.KeyPress and isinstance(e, QKeyEvent):
                keys = {"edit": self._edit_selected, "delete": self._delete_selected}
                if edit_or_delete(e, lambda which: keys[which](), "edit", "delete"):
                    return True
        elif e.type() == QEvent.Type.FocusIn:
            self._burst[obj] = next(_bursts)
        return super().eventFilter(obj, e)

    def _edit(self, widget: QObject, **changes) -> None:
        if self._loading or self.meeting_id is None:
            return
        burst = ("meeting", self._burst.setdefault(widget, next(_bursts)))
        self.document.edit_item("meetings", self.meeting_id, burst=burst, **changes)

    def _picked(self, index: int) -> None:
        if not self._loading and index >= 0:
            self.meeting_id = self.picker.itemData(index)
            self._load()

    def _date_changed(self, q: QDate) -> None:
        if not self._loading and self.meeting_id is not None:
            self.document.edit_item("meetings", self.meeting_id, date=dt.date(q.year(), q.month(), q.day()))

    def _ticked(self, row: QTreeWidgetItem, column: int) -> None:
        if self._loading or column != DONE:
            return
        item_id = row.data(TITLE, Qt.ItemDataRole.UserRole)
        done = dt.date.today() if row.checkState(DONE) == Qt.CheckState.Checked else None
        self.document.edit_item("milestones", item_id, done=done)

    def _clicked(self, row: QTreeWidgetItem, _column: int) -> None:
        item = self.document.diagram.item("milestones", row.data(TITLE, Qt.ItemDataRole.UserRole))
        if item.node_id:
            self.select(item.node_id)

    def selected_action(self) -> str | None:
        row = self.action_list.currentItem()
        return row.data(TITLE, Qt.ItemDataRole.UserRole) if row is not None else None

    def _edit_selected(self) -> None:
        if (item_id := self.selected_action()) is not None:
            self.edit_action(item_id)

    def _delete_selected(self) -> None:
        if (item_id := self.selected_action()) is not None:
            self.document.remove_item("milestones", item_id)

    def _delete_meeting(self) -> None:
        if self.meeting_id is None or self.meeting_id == self.live_id:
            if self.meeting_id == self.live_id:
                self.document.refuse("Leave meeting mode before deleting the meeting being held.")
            return
        m = self.document.diagram.item("meetings", self.meeting_id)
        answer = dialogs.question(
            self,
            "Delete this meeting?",
            f"Delete the meeting of {day(m.date)} from the log? Its notes and action items stay. You can undo this.",
        )
        if answer == dialogs.Button.Yes:
            self.document.remove_item("meetings", self.meeting_id)

"""The note dialog: write or edit one mentor or mentee note.

The kind, the text (where the cursor starts; Ctrl+Enter is OK, Tab moves on), who wrote
it and when, and whether it is resolved. The dialog only reads and returns a note: the
caller adds or edits it as one undo step. Features call `edit_note` through this module
(`note_dialog.edit_note(...)`) so that tests can answer it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..model import Annotation, AnnotationKind, AuthorRole
from .accessible import describe_buttons
from .note_pins import short

DATE_FORMAT = "d MMM yyyy"
ROLE_LABELS = {AuthorRole.MENTOR: "Mentor", AuthorRole.MENTEE: "Mentee"}
KIND_TIPS = {
    AnnotationKind.COMMENT: "A remark on the node",
    AnnotationKind.GAP: "Something missing: a driver, a measure, a link, a person",
    AnnotationKind.QUESTION: "A question to answer",
    AnnotationKind.PRAISE: "Something that works well",
    AnnotationKind.ACTION: "Something to do before the next meeting",
}


def on_label(node_text: str | None) -> str:
    """Where the note is: "On: “Build a research team”", or "On: the whole diagram"."""
    if node_text is None:
        return "On: the whole diagram"
    return f"On: “{short(node_text, 80) or '(no text yet)'}”"


def to_qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class NoteDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        note: Annotation,
        node_text: str | None,
        title: str,
        meetings: Sequence[tuple[str, str]] = (),
    ) -> None:
        """`meetings`: (id, "3 March 2026") of the diagram's meetings, for "written in"."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.note = note
        self.on = QLabel(on_label(node_text))
        self.on.setWordWrap(True)
        self.on.setStyleSheet("color: #595959;")
        self.kind = QComboBox()
        for kind in AnnotationKind:
            self.kind.addItem(kind.label, kind.value)
            self.kind.setItemData(self.kind.count() - 1, KIND_TIPS[kind], Qt.ItemDataRole.ToolTipRole)
        self.kind.setCurrentIndex(self.kind.findData(note.kind.value))
        self.kind.setAccessibleName("Kind")
        self.kind.setToolTip("A comment, a gap in the plan, a question, praise, or an action")
        self.text = QPlainTextEdit(note.text)
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("What you noticed, asked or agreed (Ctrl+Enter to save)")
        self.text.setMinimumSize(380, 120)
        self.text.setToolTip("The note: what you noticed, asked or agreed (Ctrl+Enter saves it)")
        self.text.installEventFilter(self)
        self.author = QLineEdit(note.author)
        self.author.setPlaceholderText("Who wrote it")
        self.author.setToolTip("Who wrote the note")
        self.role = QComboBox()
        self.role.setAccessibleName("Written by the mentor or the mentee")
        self.role.setToolTip("Whether the mentor or the mentee wrote it")
        for role, label in ROLE_LABELS.items():
            self.role.addItem(label, role.value)
        self.role.setCurrentIndex(self.role.findData(note.role.value))
        self.created = self._date_edit(note.created)
        self.created.setToolTip("The day the note was written (the arrow keys change it, F4 opens a calendar)")
        self.resolved = QCheckBox("Resolved")
        self.resolved.setToolTip("Tick when the note has been dealt with, with the day")
        self.resolved_on = self._date_edit(note.resolved or dt.date.today())
        self.resolved_on.setAccessibleName("Resolved on")
        self.resolved_on.setToolTip("The day it was resolved (the arrow keys change it, F4 opens a calendar)")
        self.resolved.setChecked(note.resolved is not None)
        self.resolved_on.setEnabled(note.resolved is not None)
        self.resolved.toggled.connect(self.resolved_on.setEnabled)
        self.meeting = QComboBox()
        self.meeting.addItem("not in a meeting", None)
        for meeting_id, label in meetings:
            self.meeting.addItem(f"the meeting of {label}", meeting_id)
        if note.meeting_id is not None and self.meeting.findData(note.meeting_id) < 0:
            self.meeting.addItem("a meeting no longer in the log", note.meeting_id)
        self.meeting.setCurrentIndex(max(0, self.meeting.findData(note.meeting_id)))
        self.meeting.setAccessibleName("Written in")
        self.meeting.setToolTip("The meeting it was written in, if any")
        self.detached = QCheckBox(f"Was on “{short(note.detached_from, 60)}” in the copy it came from")
        self.detached.setToolTip("Brought in from another copy, where it was on a node this diagram no longer has")
        self.detached.setChecked(bool(note.detached_from))
        self.detached.setVisible(bool(note.detached_from))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        describe_buttons(self.buttons)
        self.text.textChanged.connect(self._enable_ok)
        self._lay_out()
        self._enable_ok()
        self.text.setFocus()
        self.text.moveCursor(self.text.textCursor().MoveOperation.End)

    def _date_edit(self, d: dt.date) -> QDateEdit:
        edit = QDateEdit(to_qdate(d))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_FORMAT)
        return edit

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("&Kind:", self.kind)
        form.addRow("&Note:", self.text)
        who = QHBoxLayout()
        who.addWidget(self.author, 1)
        who.addWidget(self.role)
        author = QLabel("&Author:")
        author.setBuddy(self.author)  # (a row of two fields gets no buddy by itself)
        form.addRow(author, who)
        form.addRow("&Date:", self.created)
        done = QHBoxLayout()
        done.addWidget(self.resolved)
        done.addWidget(self.resolved_on)
        done.addStretch(1)
        form.addRow("", done)
        form.addRow("&Written in:", self.meeting)
        layout = QVBoxLayout(self)
        layout.addWidget(self.on)
        layout.addWidget(self.detached)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        # the tab order follows the form: kind, text, author, role, date, resolved
        QWidget.setTabOrder(self.kind, self.text)
        QWidget.setTabOrder(self.text, self.author)
        QWidget.setTabOrder(self.author, self.role)
        QWidget.setTabOrder(self.role, self.created)
        QWidget.setTabOrder(self.created, self.resolved)
        QWidget.setTabOrder(self.resolved, self.resolved_on)
        QWidget.setTabOrder(self.resolved_on, self.meeting)

    def _enable_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.text.toPlainText().strip()))

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
        if self.text.toPlainText().strip():  # OK stays off while there is nothing to keep
            super().accept()

    def result_note(self) -> Annotation:
        """The note as the fields say (its id and node unchanged)."""
        return self.note.but(
            kind=AnnotationKind(self.kind.currentData()),
            text=self.text.toPlainText().strip(),
            author=self.author.text().strip(),
            role=AuthorRole(self.role.currentData()),
            created=from_qdate(self.created.date()),
            resolved=from_qdate(self.resolved_on.date()) if self.resolved.isChecked() else None,
            meeting_id=self.meeting.currentData(),
            detached_from=self.note.detached_from if self.detached.isChecked() else "",
        )


def edit_note(
    parent: QWidget | None,
    note: Annotation,
    node_text: str | None,
    title: str,
    meetings: Sequence[tuple[str, str]] = (),
) -> Annotation | None:
    """Show the dialog modally: the note as written (None: cancelled)."""
    dialog = NoteDialog(parent, note, node_text, title, meetings)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.result_note()
        return None
    finally:
        dialog.deleteLater()

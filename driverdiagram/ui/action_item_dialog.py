"""The dialog for an action item agreed in a meeting: what, who, by when, on which node.

An action item is the mentee's homework (a milestone of kind "homework") linked to the
node it concerns. The window calls `edit_action_item` through this module, so tests can
answer it without a modal loop; the dialog class itself is tested by filling its fields.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ..model import Milestone
from ..model.safe_text import shorten
from .accessible import describe_buttons


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _date(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class ActionItemDialog(QDialog):
    def __init__(self, item: Milestone, node_text: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.item = item
        self.on = QLabel(f"On: “{shorten(node_text, 80)}”" if node_text else "On: the whole diagram")
        self.on.setTextFormat(Qt.TextFormat.PlainText)
        self.on.setWordWrap(True)
        self.title = QLineEdit(item.title)
        self.title.setPlaceholderText("What is to be done, e.g. “Send the draft aims to Lena”")
        self.title.setMaxLength(500)
        self.title.setToolTip("What is to be done (OK stays off until it says something)")
        self.owner = QLineEdit(item.owner)
        self.owner.setPlaceholderText("Who does it")
        self.owner.setToolTip("Who does it: the mentee, the mentor, or someone else")
        self.has_due = QCheckBox("Due by")
        self.has_due.setToolTip("Tick to give the day it is due by")
        self.due = QDateEdit(_qdate(item.due or dt.date.today() + dt.timedelta(days=14)))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("d MMMM yyyy")
        self.due.setAccessibleName("Due date")
        self.due.setToolTip("The day it is due by (the arrow keys change it, F4 opens a calendar)")
        self.has_due.setChecked(item.due is not None)
        self.due.setEnabled(item.due is not None)
        self.has_due.toggled.connect(self.due.setEnabled)
        self.done_box = QCheckBox("Done on")
        self.done_box.setToolTip("Tick when it is done, with the day it was done")
        self.done_date = QDateEdit(_qdate(item.done or dt.date.today()))
        self.done_date.setCalendarPopup(True)
        self.done_date.setDisplayFormat("d MMMM yyyy")
        self.done_date.setAccessibleName("Done date")
        self.done_date.setToolTip("The day it was done (the arrow keys change it, F4 opens a calendar)")
        self.done_box.setChecked(item.done is not None)
        self.done_date.setEnabled(item.done is not None)
        self.done_box.toggled.connect(self.done_date.setEnabled)
        self.notes = QPlainTextEdit(item.notes)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)
        self.notes.setToolTip("Anything more to remember about it (Ctrl+Enter saves)")
        form = QFormLayout(self)
        form.addRow(self.on)
        form.addRow("&Action", self.title)
        form.addRow("&Owner", self.owner)
        form.addRow(self.has_due, self.due)
        form.addRow(self.done_box, self.done_date)
        form.addRow("&Notes", self.notes)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        describe_buttons(self.buttons)
        self.title.textChanged.connect(self._check)
        self.notes.installEventFilter(self)  # Ctrl+Enter there accepts too (Enter starts a new line)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)  # Enter in a field accepts
        self._check()
        self.title.setFocus()

    def _check(self) -> None:
        ok = bool(self.title.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def _ctrl_enter(self, event: QEvent) -> bool:
        return (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.notes and self._ctrl_enter(event):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._ctrl_enter(event):
            self.accept()
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        if self.title.text().strip():  # OK stays off while there is nothing to do
            super().accept()

    def result_item(self) -> Milestone:
        return self.item.but(
            title=self.title.text().strip(),
            owner=self.owner.text().strip(),
            due=_date(self.due.date()) if self.has_due.isChecked() else None,
            done=_date(self.done_date.date()) if self.done_box.isChecked() else None,
            notes=self.notes.toPlainText(),
        )


def edit_action_item(parent: QWidget | None, item: Milestone, node_text: str, title: str) -> Milestone | None:
    """Run the dialog; the edited item, or None when cancelled."""
    dialog = ActionItemDialog(item, node_text, title, parent)
    return dialog.result_item() if dialog.exec() == QDialog.DialogCode.Accepted else None

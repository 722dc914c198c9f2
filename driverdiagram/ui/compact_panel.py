"""The Compact panel: the written agreement between mentee and mentor, edited in place.

Names, dates, the meeting schedule, how to reach each other, goals beyond the diagram's,
the expectations (a list edited in place), how it ends and the dates it was signed. The
key goals are the diagram's own (its outcome and primary drivers), shown, never retyped.
Typing in one field is one undo step per burst (focus-in to focus-out); each list gesture
is one step; undo, redo and edits elsewhere flow back into the widgets without echoing.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..model import Change, ChangeKind, NodeKind
from ..model.compact import DEFAULT_EXPECTATIONS, review_after
from .accessible import focus_ring, settle_in_scroll_area
from .document import Document
from .list_keys import DELETE_KEYS, EDIT_KEYS
from .optional_date import OptionalDate

_bursts = itertools.count(1)
HINT_STYLE = "color: #595959;"
TEXT_FIELDS = ("meeting_schedule", "communication", "goals", "ending")
DATE_FIELDS = ("start", "review", "mentee_signed", "mentor_signed")


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


class CompactPanel(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._loading = False
        self._burst: dict[QObject, int] = {}
        self._pending_row = False  # a new expectation being typed, not in the model yet
        self._row_after: int | None = None  # the row to select after the next reload

        intro = _hint("What you both agree on. File ▸ Export PDF prints it with lines to sign and date.")
        self.mentee = QLineEdit()
        self.mentee.setToolTip("The mentee's name, as printed on the compact")
        self.mentor = QLineEdit()
        self.mentor.setToolTip("The mentor's name, as printed on the compact")
        self.same_names = QPushButton("Same as the diagram's details")
        self.same_names.setToolTip("Use the mentee's and mentor's names from Plan ▸ Details")
        self.same_names.clicked.connect(self.use_diagram_names)
        self.names_hint = _hint("")
        self.start = OptionalDate("Starts", dt.date.today, self, "the day the mentoring starts")
        self.review = OptionalDate(
            "Review on",
            lambda: review_after(self.document.diagram.compact.start or dt.date.today()),
            self,
            "the day you review the compact together",
        )
        between = QFormLayout()
        between.addRow("Mentee", self.mentee)
        between.addRow("Mentor", self.mentor)
        between.addRow(self.names_hint)
        between.addRow(self.same_names)
        between.addRow(self.start.tick, self.start.picker)
        between.addRow(self.review.tick, self.review.picker)

        self.meeting_schedule = self._text("e.g. monthly, 45 minutes, the mentee sets the agenda", 3)
        self.meeting_schedule.setToolTip("How often you meet, for how long, and who sets the agenda")
        self.communication = self._text(
            "e.g. e-mail for scheduling; the agenda two days before; replies within a week", 5
        )
        self.communication.setToolTip("How you reach each other between meetings, and how soon you reply")
        meetings = QFormLayout()
        meetings.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # the text gets the panel's width
        meetings.addRow("Meetings", self.meeting_schedule)
        meetings.addRow("Between meetings", self.communication)

        self.key_goals = QLabel()
        self.key_goals.setWordWrap(True)
        self.key_goals.setTextFormat(Qt.TextFormat.RichText)
        self.key_goals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.goals = self._text("Anything the diagram does not already say, e.g. for year one", 3)
        self.goals.setToolTip("Goals beyond the diagram's outcome and primary drivers (those are printed too)")
        goals = QVBoxLayout()
        goals.addWidget(self.key_goals)
        goals.addWidget(_hint("From the diagram: edit them there."))
        more = QLabel("More goals")
        more.setBuddy(self.goals)
        goals.addWidget(more)
        goals.addWidget(self.goals)

        self.expectations = QListWidget()
        self.expectations.setAccessibleName("Expectations")
        self.expectations.setWordWrap(True)
        self.expectations.setToolTip(
            "What you expect of each other: Enter or F2 edits one in place (an emptied one is removed), "
            "Delete removes it, Alt+Up / Alt+Down move it, Insert adds one"
        )
        self.expectations.installEventFilter(self)
        focus_ring(self.expectations)
        self.expectations.setMinimumHeight(120)
        self.expectations.setAlternatingRowColors(True)
        self.expectations.setSpacing(2)
        self.expectations.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.add_button = self._button("Add", "Add an expectation and type it (Insert)", self.add_expectation)
        self.remove_button = self._button("Remove", "Remove the selected expectation (Delete)", self.remove_expectation)
        self.up_button = self._button("Up", "Move the expectation up (Alt+Up)", lambda: self.move_expectation(-1))
        self.down_button = self._button(
            "Down", "Move the expectation down (Alt+Down)", lambda: self.move_expectation(1)
        )
        for b in (self.add_button, self.remove_button):
            b.setAccessibleName(f"{b.text()} expectation")
        for b in (self.up_button, self.down_button):
            b.setAccessibleName(f"Move expectation {b.text().lower()}")
        self.usual_button = self._button(
            "Start from the usual elements",
            "Confidentiality, preparation, honest feedback, a no-fault ending, a review every 6 months",
            self.use_usual_expectations,
        )
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        together = QVBoxLayout()
        together.addWidget(self.expectations)
        together.addLayout(buttons)
        together.addWidget(self.usual_button)

        self.ending = self._text("e.g. either of us may end it at any time, without blame", 4)
        self.ending.setToolTip("How the mentoring ends: when, and that either of you may end it without blame")
        self.mentee_signed = OptionalDate("Mentee signed", dt.date.today, self, "the day the mentee signed it")
        self.mentor_signed = OptionalDate("Mentor signed", dt.date.today, self, "the day the mentor signed it")
        ending = QFormLayout()
        ending.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        ends = QLabel("How it ends")
        ends.setBuddy(self.ending)
        ending.addRow(ends)
        ending.addRow(self.ending)
        ending.addRow(self.mentee_signed.tick, self.mentee_signed.picker)
        ending.addRow(self.mentor_signed.tick, self.mentor_signed.picker)
        ending.addRow(_hint("The days you signed it on paper."))

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for title, inner in (
            ("Between", between),
            ("Meetings and communication", meetings),
            ("Key goals", goals),
            ("How we work together", together),
            ("Ending and signatures", ending),
        ):
            box = QGroupBox(title)
            box.setLayout(inner)
            layout.addWidget(box)
        layout.addStretch(1)

        for w in (self.mentee, self.mentor):
            w.installEventFilter(self)
        self.mentee.textEdited.connect(lambda t: self._edit(self.mentee, mentee=t))
        self.mentor.textEdited.connect(lambda t: self._edit(self.mentor, mentor=t))
        for name in TEXT_FIELDS:
            widget: QPlainTextEdit = getattr(self, name)
            widget.textChanged.connect(lambda w=widget, n=name: self._edit(w, **{n: w.toPlainText()}))
        for name in DATE_FIELDS:
            field: OptionalDate = getattr(self, name)
            field.picker.installEventFilter(self)
            field.tick.toggled.connect(lambda _on, f=field: self._burst.pop(f.picker, None))
            field.edited.connect(lambda day, f=field, n=name: self._edit(f.picker, **{n: day}))
        self.expectations.itemChanged.connect(self._expectation_edited)
        self.expectations.currentRowChanged.connect(lambda _row: self._enable_buttons())
        self.expectations.itemDelegate().closeEditor.connect(lambda *_: QTimer.singleShot(0, self._drop_pending))
        document.changed.connect(self._on_change)
        document.replaced.connect(self.load)
        settle_in_scroll_area(self, "Compact")
        self.load()

    def _text(self, placeholder: str, lines: int) -> QPlainTextEdit:
        w = QPlainTextEdit()
        w.setTabChangesFocus(True)
        w.setPlaceholderText(placeholder)
        margin = w.document().documentMargin()
        w.setFixedHeight(int(self.fontMetrics().lineSpacing() * lines + 2 * margin + 6))
        w.installEventFilter(self)
        return w

    def _button(self, text: str, tip: str, slot: Callable[[], object]) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.clicked.connect(lambda _=False: slot())
        return b

    # ------------------------------------------------------------ model → panel
    def _on_change(self, change: Change) -> None:
        kinds = change.kinds
        if ChangeKind.COMPACT in kinds or "compact" in change.collections:
            self._load_compact()
        if ChangeKind.INFO in kinds:
            self._load_names()
        if change.touches_geometry:
            self._load_goals()

    def load(self) -> None:
        self._load_compact()
        self._load_names()
        self._load_goals()

    def _load_compact(self) -> None:
        c = self.document.diagram.compact
        self._loading = True
        try:
            for w, value in ((self.mentee, c.mentee), (self.mentor, c.mentor)):
                if w.text() != value:
                    w.setText(value)
            for name in TEXT_FIELDS:
                widget: QPlainTextEdit = getattr(self, name)
                if widget.toPlainText() != getattr(c, name):
                    widget.setPlainText(getattr(c, name))
            for name in DATE_FIELDS:
                field: OptionalDate = getattr(self, name)
                if field.day() != getattr(c, name) or field.tick.isChecked() != (getattr(c, name) is not None):
                    field.set_day(getattr(c, name))
            self._load_expectations(c.expectations)
        finally:
            self._loading = False
        self._load_names()

    def _load_expectations(self, expectations: list[str]) -> None:
        shown = [self.expectations.item(i).text() for i in range(self.expectations.count())]
        if shown != expectations or self._pending_row:
            self._pending_row = False
            row = self._row_after if self._row_after is not None else self.expectations.currentRow()
            self.expectations.clear()
            for text in expectations:
                item = QListWidgetItem(text)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                self.expectations.addItem(item)
            if expectations and row >= 0:  # nothing chosen yet: nothing selected
                self.expectations.setCurrentRow(min(row, len(expectations) - 1))
        self._row_after = None
        self.usual_button.setVisible(not expectations)
        self._enable_buttons()

    def _load_names(self) -> None:
        info, c = self.document.diagram.info, self.document.diagram.compact
        for w, name, role in ((self.mentee, info.mentee, "mentee"), (self.mentor, info.mentor, "mentor")):
            w.setPlaceholderText(f"{name} (from the diagram's details)" if name.strip() else f"The {role}'s name")
        self.same_names.setEnabled(
            bool(info.mentee.strip() or info.mentor.strip()) and (c.mentee, c.mentor) != (info.mentee, info.mentor)
        )
        self.names_hint.setText(
            "Left empty, the names in the diagram's details are printed."
            if info.mentee.strip() or info.mentor.strip()
            else "Left empty, the PDF prints lines to write the names on."
        )

    def _load_goals(self) -> None:
        d = self.document.diagram
        outcome = html.escape(d.outcome.text.strip()) or "<i>(no outcome yet)</i>"
        parts = [f"<b>Outcome:</b> {outcome}"]
        primaries = [html.escape(n.text.strip()) or "<i>(no text)</i>" for n in d.nodes(NodeKind.PRIMARY)]
        if primaries:
            parts.append("<b>Primary drivers:</b>" + "".join(f"<br>•&nbsp;{t}" for t in primaries))
        else:
            parts.append("<i>No primary drivers yet.</i>")
        self.key_goals.setText("<br>".join(parts))

    # ------------------------------------------------------------ panel → model
    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if isinstance(obj, QListWidget):  # the expectations (the text fields are filtered before it exists)
            return e.type() == QEvent.Type.KeyPress and isinstance(e, QKeyEvent) and self._list_key(e)
        if e.type() == QEvent.Type.FocusIn:
            self._burst[obj] = next(_bursts)  # a new typing burst: a new undo step
        return super().eventFilter(obj, e)

    def _list_key(self, e: QKeyEvent) -> bool:
        """The expectations from the keyboard: Enter edits one in place, Delete removes it,
        Alt+Up / Alt+Down move it, Insert adds one (True: the key was one of these)."""
        key, mods = e.key(), e.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods == Qt.KeyboardModifier.AltModifier and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_expectation(-1 if key == Qt.Key.Key_Up else 1)
        elif mods != Qt.KeyboardModifier.NoModifier or self.expectations.state() == QListWidget.State.EditingState:
            return False
        elif key == Qt.Key.Key_Insert:
            self.add_expectation()
        elif key in EDIT_KEYS and (item := self.expectations.currentItem()) is not None:
            self.expectations.editItem(item)
        elif key in DELETE_KEYS:
            self.remove_expectation()
        else:
            return False
        return True

    def _edit(self, widget: QObject, **changes: Any) -> None:
        if self._loading:
            return
        burst = ("compact", self._burst.setdefault(widget, next(_bursts)))
        self.document.set_compact(burst=burst, **changes)

    def use_diagram_names(self) -> None:
        info = self.document.diagram.info
        self.document.set_compact(title="Use the diagram's names", mentee=info.mentee, mentor=info.mentor)

    # ----------------------------------------------------------- expectations
    def _enable_buttons(self) -> None:
        row, n = self.expectations.currentRow(), self.expectations.count() - self._pending_row
        chosen = 0 <= row < n
        self.remove_button.setEnabled(chosen)
        self.up_button.setEnabled(chosen and row > 0)
        self.down_button.setEnabled(chosen and row < n - 1)
        self.add_button.setEnabled(not self._pending_row)

    def _set_expectations(self, title: str, expectations: list[str], select: int | None = None) -> None:
        self._row_after = select
        self.document.set_compact(title=title, expectations=expectations)
        self._row_after = None

    def add_expectation(self, text: str = "") -> None:
        """Add an expectation: `text`, or a new row typed in place (one undo step once typed)."""
        current = list(self.document.diagram.compact.expectations)
        if text.strip():
            self._set_expectations("Add expectation", [*current, text.strip()], len(current))
            return
        if self._pending_row:
            return
        item = QListWidgetItem("")
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self._pending_row = True
        self._loading = True
        self.expectations.addItem(item)
        self._loading = False
        self.expectations.setCurrentItem(item)
        self.usual_button.hide()
        self._enable_buttons()
        self.expectations.setFocus()
        self.expectations.editItem(item)

    def _expectation_edited(self, item: QListWidgetItem) -> None:
        """An expectation typed in place: sent once the list's editor is done with it."""
        if not self._loading:
            row, text = self.expectations.row(item), item.text().strip()
            QTimer.singleShot(0, lambda: self._commit_row(row, text))

    def _commit_row(self, row: int, text: str) -> None:
        current = list(self.document.diagram.compact.expectations)
        if self._pending_row and row == len(current):
            if text:
                self._set_expectations("Add expectation", [*current, text], row)
            else:
                self._drop_pending()
        elif 0 <= row < len(current) and text != current[row]:
            if text:
                self._set_expectations("Edit expectation", current[:row] + [text] + current[row + 1 :], row)
            else:
                self._set_expectations("Remove expectation", current[:row] + current[row + 1 :], row)

    def _drop_pending(self) -> None:
        """A new row left empty (Escape, or nothing typed): it goes, leaving no undo step."""
        if self._pending_row:
            self._load_compact()

    def remove_expectation(self) -> None:
        row, current = self.expectations.currentRow(), list(self.document.diagram.compact.expectations)
        if 0 <= row < len(current):
            self._set_expectations("Remove expectation", current[:row] + current[row + 1 :], row)

    def move_expectation(self, delta: int) -> None:
        row, current = self.expectations.currentRow(), list(self.document.diagram.compact.expectations)
        to = row + delta
        if 0 <= row < len(current) and 0 <= to < len(current):
            current.insert(to, current.pop(row))
            self._set_expectations("Move expectation", current, to)

    def use_usual_expectations(self) -> None:
        self._set_expectations("Start from the usual elements", list(DEFAULT_EXPECTATIONS), 0)

    def focus_first(self) -> None:
        self.mentee.setFocus(Qt.FocusReason.ShortcutFocusReason)

"""The person dialog (one person of the mentee's board of advisors) and the helpers
chooser (who helps with one node).

The person dialog: the name (required: OK stays off while it is empty), the role in the
users' words, the organisation, how to reach them, notes, and "Helps with": the primary
drivers and, indented under each, its secondary drivers, to tick. Only the drivers are
offered: they are what the network view weighs (the outcome is everyone's aim, and
change ideas are many small steps — listing them all would bury the drivers). A person's
help with another node (a change idea in a file made elsewhere) is kept as it was.

Here too: how a person is named in a role's words (`ROLE_LABELS`, the model's one list), in an undo step
(`first_name`: "Lena") and in a sentence (`short_name`: "Dr. Chen").

Both dialogs only read and return: the caller makes the one undo step. Features call them
through this module (`person_dialog.edit_person(...)`, `person_dialog.choose_helpers(...)`)
so that tests can answer them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..model import Person, PersonRole
from ..model.network import ROLE_LABELS
from .accessible import describe_buttons, focus_ring
from .note_pins import short

ROLE_TIPS = {
    PersonRole.CAREER_MENTOR: "Guides the career as a whole: choices, timing, promotion",
    PersonRole.RESEARCH_MENTOR: "Teaches the content: methods, the field, the writing",
    PersonRole.SPONSOR: "Speaks up for the mentee where decisions are made: nominations, invitations",
    PersonRole.PEER_MENTOR: "A colleague at the same stage: accountability, shared experience",
    PersonRole.COACH: "Works on skills and habits, often outside the field",
    PersonRole.FAMILY: "Support from home and friends",
    PersonRole.OTHER: "Anyone else who helps",
}
TITLES = {"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "miss", "sir", "dame", "rev"}


def _words(name: str) -> tuple[str, list[str]]:
    """A name's title ("Dr.") and its other words."""
    words = name.split()
    if words and words[0].strip(".").lower() in TITLES:
        return words[0], words[1:]
    return "", words


def first_name(name: str) -> str:
    """How an undo step names a person: "Prof. Lena Hoffmann" -> "Lena"."""
    title, words = _words(name)
    return words[0] if words else (title or name.strip() or "Someone")


def short_name(name: str) -> str:
    """How the holes name a person: "Dr. Wei Chen" -> "Dr. Chen", "Maya Patel" stays."""
    title, words = _words(name)
    if title and words:
        return f"{title} {words[-1]}"
    return name.strip() or "someone"


NODE_ID = Qt.ItemDataRole.UserRole
Driver = tuple[str, str, int]  # (node id, text, depth: 0 a primary driver, 1 a secondary one)


def is_ctrl_enter(event: QEvent) -> bool:
    return (
        event.type() == QEvent.Type.KeyPress
        and isinstance(event, QKeyEvent)
        and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
    )


class DriverChecklist(QTreeWidget):
    """The primary drivers with their secondary drivers indented under them, each to tick."""

    def __init__(self, drivers: Sequence[Driver], checked: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setIndentation(18)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName("Helps with")
        self.setToolTip("The drivers this person helps with: the arrow keys move, Space ticks one")
        focus_ring(self)
        self._items: dict[str, QTreeWidgetItem] = {}
        primary: QTreeWidgetItem | None = None
        for node_id, text, depth in drivers:
            if node_id in self._items:  # a secondary driver under two primaries: listed once
                continue
            item = QTreeWidgetItem([short(text, 90) or "(no text yet)"])
            item.setToolTip(0, text)
            item.setData(0, NODE_ID, node_id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(0, Qt.CheckState.Checked if node_id in checked else Qt.CheckState.Unchecked)
            if depth > 0 and primary is not None:
                primary.addChild(item)
            else:
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
                self.addTopLevelItem(item)
                primary = item
            self._items[node_id] = item
        self.expandAll()  # (Space ticks the current row; Enter is the dialog's OK)

    def node_ids(self) -> list[str]:
        return list(self._items)

    def checked_ids(self) -> list[str]:
        """The ticked drivers, in the diagram's order."""
        return [nid for nid, item in self._items.items() if item.checkState(0) == Qt.CheckState.Checked]

    def set_checked(self, node_id: str, on: bool) -> None:
        self._items[node_id].setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


class PersonDialog(QDialog):
    def __init__(self, parent: QWidget | None, person: Person, drivers: Sequence[Driver]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit Person" if person.name.strip() else "Add Person")
        self.person = person
        self.name = QLineEdit(person.name)
        self.name.setPlaceholderText("e.g. Prof. Lena Hoffmann")
        self.name.setToolTip("Their name (OK stays off until there is one)")
        self.role = QComboBox()
        for role, label in ROLE_LABELS.items():
            self.role.addItem(label, role.value)  # (Qt keeps a str, not the enum)
            self.role.setItemData(self.role.count() - 1, ROLE_TIPS[role], Qt.ItemDataRole.ToolTipRole)
        self.role.setCurrentIndex(self.role.findData(person.role.value))
        self.role.setAccessibleName("Role")
        self.role.setToolTip("What they are to you: a career mentor, a sponsor, a peer mentor, a coach …")
        self.organisation = QLineEdit(person.organisation)
        self.organisation.setPlaceholderText("Department, institution or group")
        self.organisation.setToolTip("Their department, institution or group")
        self.contact = QLineEdit(person.contact)
        self.contact.setPlaceholderText("E-mail, phone, or where you meet")
        self.contact.setToolTip("How to reach them: printed only when you ask for contact details")
        self.helps = DriverChecklist(drivers, person.helps_with)
        rows = min(max(len(self.helps.node_ids()), 4), 15)  # most drivers in view, the rest scroll
        self.helps.setMinimumSize(420, rows * (self.fontMetrics().height() + 3) + 2 * self.helps.frameWidth() + 4)
        self.others = [ref for ref in person.helps_with if ref not in self.helps.node_ids()]
        self.others_note = QLabel(
            f"Also helps with {len(self.others)} other node{'s' if len(self.others) != 1 else ''} "
            "(a change idea or the outcome): kept as it is."
        )
        self.others_note.setWordWrap(True)
        self.others_note.setStyleSheet("color: #595959;")
        self.others_note.setVisible(bool(self.others))
        self.no_drivers = QLabel("The diagram has no drivers yet: add some, then say what this person helps with.")
        self.no_drivers.setWordWrap(True)
        self.no_drivers.setStyleSheet("color: #595959;")
        self.no_drivers.setVisible(not drivers)
        self.helps.setVisible(bool(drivers))
        self.note_text = QPlainTextEdit(person.notes)
        self.note_text.setTabChangesFocus(True)
        self.note_text.setPlaceholderText("What you ask them for, how often you meet (Ctrl+Enter to save)")
        self.note_text.setFixedHeight(64)
        self.note_text.setToolTip("What you ask them for, how often you meet (Ctrl+Enter saves)")
        self.note_text.installEventFilter(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        describe_buttons(self.buttons)
        self.name.textChanged.connect(self._enable_ok)
        self._lay_out()
        self._enable_ok()
        self.name.setFocus()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("&Role:", self.role)
        form.addRow("&Organisation:", self.organisation)
        form.addRow("How to &reach them:", self.contact)
        helps = QLabel("&Helps with:")
        helps.setBuddy(self.helps)
        helps.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.helps, 1)
        column.addWidget(self.no_drivers)
        column.addWidget(self.others_note)
        form.addRow(helps, column)
        form.addRow("No&tes:", self.note_text)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.buttons)
        QWidget.setTabOrder(self.name, self.role)
        QWidget.setTabOrder(self.role, self.organisation)
        QWidget.setTabOrder(self.organisation, self.contact)
        QWidget.setTabOrder(self.contact, self.helps)
        QWidget.setTabOrder(self.helps, self.note_text)

    def _enable_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.name.text().strip()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Enter in the notes accepts (Enter alone starts a new line)."""
        if watched is self.note_text and is_ctrl_enter(event):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        if self.name.text().strip():  # OK stays off while there is no name
            super().accept()

    def result_person(self) -> Person:
        """The person as the fields say (the id unchanged; help already given keeps its order)."""
        ticked = self.helps.checked_ids()
        kept = [ref for ref in self.person.helps_with if ref in ticked or ref in self.others]
        helps_with = kept + [ref for ref in ticked if ref not in kept]
        return self.person.but(
            name=self.name.text().strip(),
            role=PersonRole(self.role.currentData()),
            organisation=self.organisation.text().strip(),
            contact=self.contact.text().strip(),
            helps_with=helps_with,
            notes=self.note_text.toPlainText().strip(),
        )


def edit_person(parent: QWidget | None, person: Person, drivers: list[Driver]) -> Person | None:
    """Show the person dialog modally: the person as written (None: cancelled)."""
    dialog = PersonDialog(parent, person, drivers)
    try:
        return dialog.result_person() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


class HelpersDialog(QDialog):
    """Who helps with one node: a check box for each person of the network."""

    def __init__(self, parent: QWidget | None, node_text: str, people: Sequence[tuple[str, str, bool]]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Who Helps With This")
        self.setMinimumWidth(360)
        about = QLabel(f"Who helps with “{short(node_text, 80) or '(no text yet)'}”?")
        about.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        self.boxes: list[tuple[str, QCheckBox]] = []
        for person_id, label, on in people:
            box = QCheckBox(label)
            box.setChecked(on)
            box.setToolTip("Ticked: they help with this node (Space ticks or unticks)")
            layout.addWidget(box)
            self.boxes.append((person_id, box))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        describe_buttons(self.buttons)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)
        if self.boxes:
            self.boxes[0][1].setFocus()

    def chosen(self) -> list[str]:
        return [person_id for person_id, box in self.boxes if box.isChecked()]


def choose_helpers(parent: QWidget | None, node_text: str, people: list[tuple[str, str, bool]]) -> list[str] | None:
    """`people`: (id, "Prof. Lena Hoffmann — Career mentor", helps now). The ids of the
    people ticked (None: cancelled)."""
    dialog = HelpersDialog(parent, node_text, people)
    try:
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()

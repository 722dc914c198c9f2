"""Plan ▸ Diagram Details…: the diagram's own details — title, mentee, mentor(s), horizon,
when it was started and last saved, and the columns' headings in the diagram's own words —
in a small dialog; OK is one undo step.

The title shows in the window's title bar and every PDF page's header; "last saved" is
stamped by each save and only shown here. The headings are printed over the columns, on the
canvas and on paper ("Aim", "Key drivers" … as a team's template calls them); an empty one
keeps the usual heading.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..model import Change, ChangeKind, DocumentInfo
from ..model.schema import DEFAULT_HEADINGS, DRIVER_COLUMNS, ColumnHeadings
from .accessible import describe_buttons
from .features import Editor, Feature, Placement

FIELDS = ("title", "mentee", "mentor", "horizon", "created", "headings")
HEADING_FIELDS = ("outcome", "primary", "secondary", "change_idea")  # ColumnHeadings, in DRIVER_COLUMNS order


def _day(d: dt.date | None) -> str:
    return f"{d.day} {d:%B %Y}" if d else "not yet"


class DetailsDialog(QDialog):
    def __init__(self, info: DocumentInfo, outcome: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Diagram details")
        self.info = info
        self.title_edit = QLineEdit(info.title)
        self.title_edit.setPlaceholderText(outcome[:80] or "e.g. My 2026–2030 career plan")
        self.title_edit.setToolTip("Shown in the window's title bar and on every page of the PDF")
        self.mentee = QLineEdit(info.mentee)
        self.mentee.setPlaceholderText("Your name, e.g. Dr. Amara Okafor")
        self.mentee.setToolTip("The mentee whose plan this is: printed on the PDF and the compact")
        self.mentor = QLineEdit(info.mentor)
        self.mentor.setPlaceholderText("Your mentor(s), e.g. Prof. Lena Hoffmann, Dr. Wei Chen")
        self.mentor.setToolTip("The mentor or mentors, separated by commas: printed on the PDF and the compact")
        self.horizon = QLineEdit(info.horizon)
        self.horizon.setPlaceholderText("e.g. 2026–2030")
        self.horizon.setToolTip("The years the plan covers (3–5): the timeline spans them")
        for edit in (self.title_edit, self.mentee, self.mentor, self.horizon):
            edit.setMaxLength(500)
        self.has_created = QCheckBox("Started on")
        self.has_created.setToolTip("Tick to keep the day the plan was started")
        today = dt.date.today()
        start = info.created or today
        self.created = QDateEdit(QDate(start.year, start.month, start.day))
        self.created.setCalendarPopup(True)
        self.created.setDisplayFormat("d MMMM yyyy")
        self.created.setAccessibleName("Start date")
        self.created.setToolTip("The day the plan was started (the arrow keys change it, F4 opens a calendar)")
        self.has_created.setChecked(info.created is not None)
        self.created.setEnabled(info.created is not None)
        self.has_created.toggled.connect(self.created.setEnabled)
        self.headings: list[QLineEdit] = []
        for kind, name in zip(DRIVER_COLUMNS, HEADING_FIELDS, strict=True):
            edit = QLineEdit(getattr(info.headings, name))
            edit.setPlaceholderText(DEFAULT_HEADINGS[kind])
            edit.setMaxLength(500)
            edit.setAccessibleName(f"Heading of the {kind.plural} column")
            edit.setToolTip(f"Printed over the {kind.plural}; leave empty for “{DEFAULT_HEADINGS[kind]}”")
            self.headings.append(edit)
        self.saved = QLabel(f"Last saved: {_day(info.modified)}")
        self.saved.setEnabled(False)  # a fact the app keeps, not a field

        form = QFormLayout()
        form.addRow("&Title:", self.title_edit)
        form.addRow("M&entee:", self.mentee)
        form.addRow("Mento&r(s):", self.mentor)
        form.addRow("&Horizon:", self.horizon)
        started = QHBoxLayout()
        started.addWidget(self.created, 1)
        form.addRow(self.has_created, started)
        form.addRow("", self.saved)
        form.addRow(QLabel("<b>Column headings</b>"))
        labels = ("&Outcome column:", "&Primary drivers:", "&Secondary drivers:", "&Change ideas:")
        for label, edit in zip(labels, self.headings, strict=True):
            form.addRow(label, edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        describe_buttons(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())
        self.title_edit.setFocus()

    def result_info(self) -> DocumentInfo:
        q = self.created.date()
        return self.info.but(
            title=self.title_edit.text().strip(),
            mentee=self.mentee.text().strip(),
            mentor=self.mentor.text().strip(),
            horizon=self.horizon.text().strip(),
            created=dt.date(q.year(), q.month(), q.day()) if self.has_created.isChecked() else None,
            headings=ColumnHeadings(
                **{name: e.text().strip() for name, e in zip(HEADING_FIELDS, self.headings, strict=True)}
            ),
        )


def edit_details(parent: QWidget | None, info: DocumentInfo, outcome: str) -> DocumentInfo | None:
    """Run the dialog; the details as edited, or None when cancelled."""
    dialog = DetailsDialog(info, outcome, parent)
    try:
        return dialog.result_info() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


class DiagramDetails(Feature):
    """The action, and the window's title following the diagram's title."""

    def __init__(self, editor: Editor, retitle) -> None:
        super().__init__(editor)
        self.setObjectName("diagram-details")
        self.act = self.action(
            "Diagram &Details…", self.edit, None, "Title, mentee, mentor(s), horizon and the column headings"
        )
        self._retitle = retitle
        editor.document.changed.connect(self._on_change)

    def placements(self) -> list[Placement]:
        return [Placement("plan", "details", [self.act])]

    def edit(self) -> bool:
        editor = self.editor
        editor.finish_typing()
        d = editor.document.diagram
        new = edit_details(editor.widget(), d.info, d.outcome.text)
        if new is None:
            return False
        changes = {k: getattr(new, k) for k in FIELDS if getattr(new, k) != getattr(d.info, k)}
        if not changes:
            return False
        return editor.document.set_info(**changes)

    def _on_change(self, change: Change) -> None:
        if ChangeKind.INFO in change.kinds:
            self._retitle()

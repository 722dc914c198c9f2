"""The export dialog: paper, orientation, how the diagram fits, and which sections go on paper.

The same choices serve Export PDF, Print and Print Preview (printing prints the PDF's own
pages), and they are remembered with QSettings under "export/…" for next time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..export.paper import default_page
from ..export.sections import DEFAULT_SECTION_KEYS, SECTION_KEYS
from ..export.sections import SECTIONS as ALL_SECTIONS
from .accessible import describe_buttons

SECTIONS = SECTION_KEYS  # the exporter's order
SECTION_LABELS = {s.key: (s.label, s.about) for s in ALL_SECTIONS}
PAGES = (("a4", "A4 (210 × 297 mm)"), ("letter", "US Letter (8.5 × 11 in)"))
FITS = (
    ("fit", "Fit to one page when legible, else tile across pages"),
    ("tile", "Tile at full size"),
)
VIEW_NAMES = {"columns": "the columns view", "force_field": "the force-field view"}


FIRST_SECTIONS = ("diagram", "measures", "notes", "compact")  # what settings saved before "export/known" knew


@dataclass
class ExportOptions:
    """What the dialog chose, in the exporter's own words (`export_pdf(**options.as_kwargs())`)."""

    page: str = "a4"
    orientation: str = "landscape"
    fit: str = "fit"
    sections: tuple[str, ...] = field(default=DEFAULT_SECTION_KEYS)
    changes_since: str | None = None  # a meeting's id: print what changed since it (never remembered)
    contacts: bool = False  # print how to reach the people on the board (other people's data: never remembered)

    def as_kwargs(self) -> dict[str, object]:
        kwargs: dict[str, object] = {
            "page": self.page,
            "orientation": self.orientation,
            "fit": self.fit,
            "sections": self.sections,
        }
        if self.changes_since is not None:
            kwargs["changes_since"] = self.changes_since
        if self.contacts:
            kwargs["contacts"] = True
        return kwargs

    @classmethod
    def load(cls) -> ExportOptions:
        """The last choices, each checked (a hand-edited or old settings file falls back to defaults)."""
        s = QSettings()
        page = str(s.value("export/page", "") or "")
        orientation = str(s.value("export/orientation", "landscape") or "")
        fit = str(s.value("export/fit", "fit") or "")
        raw = s.value("export/sections", ",".join(DEFAULT_SECTION_KEYS))
        names = raw if isinstance(raw, list) else str(raw or "").split(",")
        # "changes" needs a meeting of this diagram: chosen each time, never remembered; a section
        # that came with a newer version than the saved choice is printed until it is unticked
        raw_known = s.value("export/known", ",".join(FIRST_SECTIONS))
        known = {str(n).strip() for n in (raw_known if isinstance(raw_known, list) else str(raw_known).split(","))}
        chosen = {str(n).strip() for n in names}
        sections = tuple(x for x in DEFAULT_SECTION_KEYS if x in chosen or x not in known)
        if not chosen & set(DEFAULT_SECTION_KEYS):  # nothing valid saved: a hand-edited or broken file
            sections = DEFAULT_SECTION_KEYS
        return cls(
            page=page if page in dict(PAGES) else default_page(),
            orientation=orientation if orientation in ("landscape", "portrait", "auto") else "landscape",
            fit=fit if fit in dict(FITS) else "fit",
            sections=sections or DEFAULT_SECTION_KEYS,
        )

    def save(self) -> None:
        s = QSettings()
        s.setValue("export/page", self.page)
        s.setValue("export/orientation", self.orientation)
        s.setValue("export/fit", self.fit)
        kept = [k for k in self.sections if k in DEFAULT_SECTION_KEYS]
        s.setValue("export/sections", ",".join(kept))  # a string: INI files lose one-item lists
        s.setValue("export/known", ",".join(DEFAULT_SECTION_KEYS))


class ExportDialog(QDialog):
    """Asks how to put the diagram on paper; `options()` after `exec()` is accepted."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        title: str = "Export PDF",
        accept_text: str = "Export…",
        view: str = "columns",
        meetings: Sequence[tuple[str, str]] = (),
        changes_since: str | None = None,
    ) -> None:
        """`meetings`: (id, "3 March 2026") of the meetings that kept a snapshot, newest first;
        `changes_since`: one of them, to tick "Changes since" with it."""
        super().__init__(parent)
        self.setWindowTitle(title)
        chosen = ExportOptions.load()
        if changes_since is not None:
            chosen.sections = (*chosen.sections, "changes")

        self.page = QComboBox()
        for key, label in PAGES:
            self.page.addItem(label, key)
        self.page.setCurrentIndex([k for k, _ in PAGES].index(chosen.page))
        self.page.setAccessibleName("Paper")
        self.page.setToolTip("The paper size to print on")

        self.landscape = QRadioButton("&Landscape")
        self.landscape.setToolTip("Pages wider than tall: the columns of a diagram fit best (the arrow keys choose)")
        self.portrait = QRadioButton("&Portrait")
        self.portrait.setToolTip("Pages taller than wide (the arrow keys choose)")
        self.auto = QRadioButton("A&uto")
        self.auto.setToolTip("The orientation in which the diagram needs fewer pages (then: prints larger)")
        self._orientation = QButtonGroup(self)
        for b in (self.landscape, self.portrait, self.auto):
            self._orientation.addButton(b)
        {"portrait": self.portrait, "auto": self.auto}.get(chosen.orientation, self.landscape).setChecked(True)
        orientation_row = QHBoxLayout()
        orientation_row.addWidget(self.landscape)
        orientation_row.addWidget(self.portrait)
        orientation_row.addWidget(self.auto)
        orientation_row.addStretch(1)

        self.fit_radios: dict[str, QRadioButton] = {}
        self._fit = QButtonGroup(self)
        fit_box = QVBoxLayout()
        for key, label in FITS:
            b = self.fit_radios[key] = QRadioButton(label)
            self._fit.addButton(b)
            fit_box.addWidget(b)
        self.fit_radios["fit"].setToolTip(
            "One page when no text gets smaller than 6 pt; otherwise parts on several pages, with an overview page"
        )
        self.fit_radios["tile"].setToolTip("The diagram at 100 % (as on screen), in parts across pages")
        self.fit_radios[chosen.fit].setChecked(True)

        self.section_boxes: dict[str, QCheckBox] = {}
        sections_box = QVBoxLayout()
        for key in SECTIONS:
            label, tip = SECTION_LABELS[key]
            box = self.section_boxes[key] = QCheckBox(label)
            box.setToolTip(tip)
            box.setChecked(key in chosen.sections)
            box.toggled.connect(self._refresh)
            if key == "changes":
                self.meeting = QComboBox()
                for meeting_id, label in meetings:
                    self.meeting.addItem(label, meeting_id)
                if changes_since is not None and changes_since in [m for m, _ in meetings]:
                    self.meeting.setCurrentIndex([m for m, _ in meetings].index(changes_since))
                self.meeting.setAccessibleName("The meeting to compare with")
                self.meeting.setToolTip("Print what changed in the diagram since this meeting")
                if not meetings:
                    box.setChecked(False)
                    box.setEnabled(False)
                    box.setToolTip("No meeting has kept a snapshot yet: meetings held in Meeting Mode do")
                self.meeting.setEnabled(box.isChecked())
                box.toggled.connect(self.meeting.setEnabled)
                row = QHBoxLayout()
                row.addWidget(box)
                row.addWidget(self.meeting, 1)
                self.meeting.setVisible(bool(meetings))
                sections_box.addLayout(row)
                continue
            sections_box.addWidget(box)
            if key == "network":  # other people's private data: only when asked, each time
                self.contacts = QCheckBox("with their contact details")
                self.contacts.setToolTip("How to reach each person on your board — other people's data; off by default")
                self.contacts.setEnabled(box.isChecked())
                box.toggled.connect(self.contacts.setEnabled)
                indent = QHBoxLayout()
                indent.addSpacing(24)
                indent.addWidget(self.contacts)
                sections_box.addLayout(indent)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("P&aper:", self.page)
        form.addRow("Orientation:", orientation_row)
        form.addRow("Diagram size:", fit_box)
        form.addRow("Include:", sections_box)

        self.hint = QLabel(
            f"The diagram is drawn in {VIEW_NAMES.get(view, view)}, as on screen. "
            "Sections with nothing in them are left out."
        )
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)  # muted: a note, not a control

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(accept_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        describe_buttons(self.buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self._refresh()

    def _refresh(self) -> None:
        """At least one section, or there is nothing to put on paper."""
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(any(b.isChecked() for b in self.section_boxes.values()))
        ok.setToolTip(
            "Put the diagram on paper as chosen (Enter)" if ok.isEnabled() else "Tick at least one section to include"
        )

    def options(self) -> ExportOptions:
        return ExportOptions(
            page=self.page.currentData(),
            orientation="portrait" if self.portrait.isChecked() else "auto" if self.auto.isChecked() else "landscape",
            fit=next(k for k, b in self.fit_radios.items() if b.isChecked()),
            sections=tuple(k for k in SECTIONS if self.section_boxes[k].isChecked()),
            changes_since=self.meeting.currentData() if self.section_boxes["changes"].isChecked() else None,
            contacts=bool(getattr(self, "contacts", None) and self.contacts.isChecked() and self.contacts.isEnabled()),
        )

    def accept(self) -> None:
        self.options().save()
        super().accept()


def ask_export_options(
    parent: QWidget | None,
    *,
    title: str = "Export PDF",
    accept_text: str = "Export…",
    view: str = "columns",
    meetings: Sequence[tuple[str, str]] = (),
    changes_since: str | None = None,
) -> ExportOptions | None:
    """Show the dialog; the chosen options (also remembered), or None when cancelled."""
    dialog = ExportDialog(
        parent, title=title, accept_text=accept_text, view=view, meetings=meetings, changes_since=changes_since
    )
    try:
        return dialog.options() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()

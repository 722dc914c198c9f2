"""A date that may be "not set", as the Compact panel shows it: a check box (a form row's
label) and a date picker beside it, "not set" until ticked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QObject, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit

from .wheel_guard import guard_wheel


class OptionalDate(QObject):
    """A date that may be "not set": a check box (a form row's label) and the date beside it,
    "not set" until ticked (then `default_day()`, e.g. today)."""

    edited = Signal(object)  # the user's new date, or None

    def __init__(
        self, label: str, default: Callable[[], dt.date], parent: QObject | None = None, what: str = ""
    ) -> None:
        """`what`: the day in words, e.g. "the day the mentoring starts"."""
        super().__init__(parent)
        self.default_day = default
        self.tick = QCheckBox(label)
        what = what or label.lower()
        self.tick.setToolTip(f"Tick to set {what}; untick: not set")
        self.picker = QDateEdit()
        self.picker.setCalendarPopup(True)
        self.picker.setDisplayFormat("d MMM yyyy")
        self.picker.setDateRange(QDate(1900, 1, 1), QDate(2199, 12, 31))
        self.picker.setSpecialValueText("not set")  # the minimum date, shown while unticked
        self.picker.setAccessibleName(f"{label}: date")
        self.picker.setToolTip(f"{what[0].upper()}{what[1:]} (the arrow keys change it, F4 opens a calendar)")
        guard_wheel(self.picker)  # scrolling the panel never changes a date
        self._loading = False
        self.tick.toggled.connect(self._toggled)
        self.picker.dateChanged.connect(self._picked)
        self.set_day(None)

    def day(self) -> dt.date | None:
        return self.picker.date().toPython() if self.tick.isChecked() else None  # type: ignore[return-value]

    def set_day(self, value: dt.date | None) -> None:
        """Show `value` (None: not set) without it counting as an edit."""
        self._loading = True
        try:
            self.tick.setChecked(value is not None)
            self.picker.setEnabled(value is not None)
            if value is None:
                self.picker.setDate(self.picker.minimumDate())  # shows "not set"
            elif self.picker.date().toPython() != value:
                self.picker.setDate(QDate(value.year, value.month, value.day))
        finally:
            self._loading = False

    def _toggled(self, on: bool) -> None:
        self.picker.setEnabled(on)
        if self._loading:
            return
        d = self.default_day() if on else None
        self._loading = True
        self.picker.setDate(QDate(d.year, d.month, d.day) if d else self.picker.minimumDate())  # "not set"
        self._loading = False
        self.edited.emit(self.day())

    def _picked(self, _date: QDate) -> None:
        if not self._loading and self.tick.isChecked():
            self.edited.emit(self.day())

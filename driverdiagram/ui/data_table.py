"""The data points of one measure as a small spreadsheet: date, value, note.

Typed like a spreadsheet: a key starts editing the cell, Enter moves down, Tab across; the
last row is empty, to type a new point into (it is added once it has a date and a value).
Dates are typed as 2026-03-01 or in the user's locale (01/03/2026), values with the
locale's decimal separator too. Delete removes the selected rows; Ctrl+V pastes rows
copied from a spreadsheet (date ⇥ value ⇥ note, a header row or not): the good rows are
added as one undo step, and the rows that could not be read are listed, by row number.

Every edit replaces the measure's `data` through `document.edit_item` (one undo step); the
table never changes its own cells, it shows what the model holds (plus the new row's
half-typed text), so undo and redo reach it like any other change. Reading what is typed
or pasted (dates, numbers, rows) is data_entry.py's job.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ..model import DataPoint
from ..model.limits import MAX_DATA_POINTS
from . import dialogs
from .accessible import focus_ring
from .data_entry import (
    MAX_NOTE,
    PastedRows,
    format_date,
    format_number,
    not_a_date,
    not_a_number,
    parse_date,
    parse_number,
    parse_rows,
    paste_report,
)
from .document import Document
from .theme import ink

DATE, VALUE, NOTE = range(3)
HEADERS = ("Date", "Value", "Note")
HINTS = ("type a date", "value", "note (optional)")
PROBLEM = QColor("#B00020")
HINT = QColor("#8A8A8A")


# ---- the table --------------------------------------------------------------------------


class _CellDelegate(QStyledItemDelegate):
    """Edits cells with a line edit, but hands the text to the table instead of the cell
    (the table asks the model); paints a grey hint in the empty cells of the new row."""

    def __init__(self, table: DataTable) -> None:
        super().__init__(table)
        self.table = table

    def setModelData(self, editor: QWidget, model, index: QModelIndex | QPersistentModelIndex) -> None:
        self.table._typed(index.row(), index.column(), editor.text())

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        super().paint(painter, option, index)
        if index.row() == self.table.new_row and not index.data():
            painter.save()
            selected = bool(option.state & QStyle.StateFlag.State_Selected)
            colour = QColor(option.palette.highlightedText().color()) if selected else ink(HINT.name())
            if selected:
                colour.setAlphaF(0.75)
            painter.setPen(colour)
            rect = option.rect.adjusted(4, 0, -4, 0)
            painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, HINTS[index.column()])
            painter.restore()


class DataTable(QTableWidget):
    """The data of the measure shown (`set_measure`); edits go to `document`."""

    def __init__(
        self, document: Document, status: Callable[[str], None] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.document = document
        self._status = status or (lambda text: None)
        self.measure_id: str | None = None
        self.points: tuple[DataPoint, ...] = ()
        self.pending: dict[int, str] = {}  # the new row's cells typed so far
        self._typed_cell: tuple[int, int, str] | None = None
        self._start_col = DATE  # Enter goes back to the column where typing across began
        self._moving = False
        self.setHorizontalHeaderLabels(list(HEADERS))
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.setColumnWidth(DATE, self.fontMetrics().horizontalAdvance("2026-03-01") + 24)
        self.setColumnWidth(VALUE, self.fontMetrics().horizontalAdvance("12345.67") + 24)
        rows = self.verticalHeader()
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setWordWrap(False)
        self.setItemDelegate(_CellDelegate(self))
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAccessibleName("Data points of this measure")
        self.setToolTip(
            "Type a date and a value in the last row; Enter moves down, Tab across (Ctrl+Tab leaves the table).\n"
            "Delete removes the selected rows; Ctrl+V pastes date ⇥ value ⇥ note rows from a spreadsheet."
        )
        focus_ring(self)
        self.currentCellChanged.connect(self._cell_changed)
        self._rebuild()

    @property
    def new_row(self) -> int:
        """The empty row at the bottom, to type a new point into."""
        return len(self.points)

    # ------------------------------------------------------------ model → table
    def set_measure(self, measure) -> None:
        """Show `measure`'s data (None: nothing); a reload that changes nothing keeps the table."""
        if measure is None:
            changed = self.measure_id is not None
            self.measure_id, self.points = None, ()
            self.pending.clear()
            if changed:
                self._rebuild()
            self.setEnabled(False)
            return
        self.setEnabled(True)
        other = measure.id != self.measure_id
        if other:
            self.pending.clear()
        elif tuple(measure.data) == self.points:
            return
        self.measure_id, self.points = measure.id, tuple(measure.data)
        self._rebuild()
        if other:  # another measure: ready to type its next point
            self._go(self.new_row, DATE)
            self._start_col = DATE

    def _rebuild(self) -> None:
        row, col = max(self.currentRow(), 0), max(self.currentColumn(), 0)
        self._moving = True
        self.blockSignals(True)
        try:
            self.setRowCount(len(self.points) + 1)
            for r, p in enumerate(self.points):
                for c, text in enumerate((format_date(p.date), format_number(p.value), p.note)):
                    self._set_cell(r, c, text)
            self._show_pending()
            self.setVerticalHeaderLabels([str(r + 1) for r in range(len(self.points))] + ["+"])
            self.verticalHeaderItem(self.new_row).setToolTip("Type a new point here")
        finally:
            self.blockSignals(False)
        self.setCurrentCell(min(row, self.new_row), col)
        self._moving = False

    def _set_cell(self, row: int, col: int, text: str, problem: str = "") -> None:
        item = self.item(row, col)
        if item is None:
            item = QTableWidgetItem()
            self.setItem(row, col, item)
        item.setText(text)
        if col == VALUE:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if problem:
            item.setForeground(ink(PROBLEM.name()))
        else:  # the palette's text colour, in whichever scheme is on when it is painted
            item.setData(Qt.ItemDataRole.ForegroundRole, None)
        item.setToolTip(problem or (text if col == NOTE else ""))

    def _show_pending(self) -> None:
        problems = self._pending_problems()
        for c in range(len(HEADERS)):
            self._set_cell(self.new_row, c, self.pending.get(c, ""), problems.get(c, ""))

    def _pending_problems(self) -> dict[int, str]:
        out = {}
        date_text, value_text = self.pending.get(DATE, ""), self.pending.get(VALUE, "")
        if date_text and parse_date(date_text) is None:
            out[DATE] = not_a_date(date_text)
        if value_text and parse_number(value_text) is None:
            out[VALUE] = not_a_number(value_text)
        return out

    # ------------------------------------------------------------ table → model
    def _typed(self, row: int, col: int, text: str) -> None:
        """The delegate's commit: remember the text; `closeEditor` applies it once the editor is gone."""
        self._typed_cell = (row, col, text)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        typed, self._typed_cell = self._typed_cell, None
        row = self.currentRow()
        if typed is not None:
            row = self._apply(*typed)
            self._go(row, typed[1])
        H = QAbstractItemDelegate.EndEditHint
        if hint == H.EditNextItem:
            self._across(1)
        elif hint == H.EditPreviousItem:
            self._across(-1)
        elif hint == H.SubmitModelCache:  # Enter
            self._down()

    def _apply(self, row: int, col: int, text: str) -> int:
        """Store what was typed in a cell; returns the row the point is in afterwards."""
        if row >= self.new_row:
            return self._apply_new(col, text)
        point = self.points[row]
        text = text.strip()
        if col == DATE:
            when = parse_date(text)
            if when is None:
                self.document.refuse(
                    not_a_date(text) if text else "A point needs a date; to remove the row, press Delete."
                )
                return row
            new = DataPoint(date=when, value=point.value, note=point.note)
        elif col == VALUE:
            value = parse_number(text)
            if value is None:
                self.document.refuse(
                    not_a_number(text) if text else "A point needs a value; to remove the row, press Delete."
                )
                return row
            new = DataPoint(date=point.date, value=value, note=point.note)
        else:
            if len(text) > MAX_NOTE:
                self.document.refuse(f"A note on a point has at most {MAX_NOTE} characters.")
                return row
            new = DataPoint(date=point.date, value=point.value, note=text)
        if new == point:
            return row
        points = list(self.points)
        points[row] = new
        return self._store(points, row, row)

    def _apply_new(self, col: int, text: str) -> int:
        """A cell of the new row: the point is added once it has a good date and value."""
        self.pending[col] = text.strip()
        date_text, value_text = self.pending.get(DATE, ""), self.pending.get(VALUE, "")
        when, value = parse_date(date_text), parse_number(value_text)
        problems = self._pending_problems()
        if col in problems:
            self.document.refuse(problems[col])
        note = self.pending.get(NOTE, "")
        if when is None or value is None or len(note) > MAX_NOTE:
            if len(note) > MAX_NOTE:
                self.document.refuse(f"A note on a point has at most {MAX_NOTE} characters.")
            self._show_pending()
            return self.new_row
        if len(self.points) >= MAX_DATA_POINTS:
            self.document.refuse(f"A measure holds at most {MAX_DATA_POINTS:,} data points.")
            return self.new_row
        pending, self.pending = self.pending, {}
        row = self._store([*self.points, DataPoint(date=when, value=value, note=note)], len(self.points), self.new_row)
        if row == self.new_row:  # refused: keep what was typed
            self.pending = pending
            self._show_pending()
        return row

    def _store(self, points: list[DataPoint], index: int, fallback: int) -> int:
        """Replace the data (one undo step); returns the row of points[index] in time order."""
        assert self.measure_id is not None
        order = sorted(range(len(points)), key=lambda i: points[i].date)  # stable, as the schema sorts
        if not self.document.edit_item("measures", self.measure_id, data=[points[i] for i in order]):
            return fallback
        return order.index(index)

    def delete_rows(self) -> None:
        """Delete: the selected rows (or the current one) go, as one undo step."""
        rows = {i.row() for i in self.selectedIndexes()} or {self.currentRow()}
        if self.new_row in rows and self.pending:
            self.pending.clear()
            self._show_pending()
        gone = sorted(r for r in rows if 0 <= r < self.new_row)
        if not gone or self.measure_id is None:
            return
        row, col = self.currentRow(), self.currentColumn()
        kept = [p for i, p in enumerate(self.points) if i not in set(gone)]
        if self.document.edit_item("measures", self.measure_id, data=kept):
            n = len(gone)
            what = f"{n} data points. Ctrl+Z brings them" if n > 1 else "a data point. Ctrl+Z brings it"
            self._status(f"Deleted {what} back.")
            self._go(min(gone[0], self.new_row), col if col >= 0 else DATE)
        else:
            self._go(row, col)

    def paste(self) -> None:
        self.paste_text(QGuiApplication.clipboard().text())

    def paste_text(self, text: str) -> None:
        """Ctrl+V: rows from a spreadsheet, the good ones as one undo step; the others are
        listed in a message, by row number. A single value goes into the current cell."""
        if self.measure_id is None:
            return
        if "\t" not in text and "\n" not in text.strip() and text.strip():
            row, col = max(self.currentRow(), 0), max(self.currentColumn(), 0)
            self._go(self._apply(row, col, text), col)
            return
        pasted = parse_rows(text)
        points = list(pasted.points)
        room = MAX_DATA_POINTS - len(self.points)
        problems = list(pasted.problems)
        if len(points) > room:
            left_out = len(points) - max(room, 0)
            problems.append((0, f"a measure holds at most {MAX_DATA_POINTS:,} points; {left_out} were left out."))
            points = points[: max(room, 0)]
        pasted = PastedRows(tuple(points), tuple(problems), pasted.header)
        if not points and not problems:
            self._status("Nothing to paste: copy date and value columns from a spreadsheet first.")
            return
        added = 0
        if points and self.document.edit_item("measures", self.measure_id, data=[*self.points, *points]):
            added = len(points)
        if problems:
            dialogs.warning(self.window(), "Some rows were not pasted", paste_report(pasted, added))
        elif added:
            self._status(f"Pasted {added} data point{'s' if added > 1 else ''}. Ctrl+Z takes the paste back.")

    def copy_rows(self) -> None:
        """Ctrl+C: the selected rows as date ⇥ value ⇥ note lines, for a spreadsheet."""
        rows = sorted({i.row() for i in self.selectedIndexes() if i.row() < self.new_row})
        if rows:
            lines = [
                "\t".join((format_date(p.date), format_number(p.value), p.note)) for p in (self.points[r] for r in rows)
            ]
            QGuiApplication.clipboard().setText("\n".join(lines) + "\n")

    # -------------------------------------------------------------- the keys
    def keyPressEvent(self, e: QKeyEvent) -> None:
        key, mods = e.key(), e.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = mods == Qt.KeyboardModifier.NoModifier
        if e.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif e.matches(QKeySequence.StandardKey.Copy):
            self.copy_rows()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            self._down()
        elif key == Qt.Key.Key_Delete and plain:
            self.delete_rows()
        elif key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and mods & Qt.KeyboardModifier.ControlModifier:
            QWidget.focusNextPrevChild(self, key == Qt.Key.Key_Tab and not mods & Qt.KeyboardModifier.ShiftModifier)
        elif key == Qt.Key.Key_Tab and plain:
            self.focusNextPrevChild(True)
        elif key == Qt.Key.Key_Backtab:
            self.focusNextPrevChild(False)
        else:
            super().keyPressEvent(e)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 (Qt's name)
        """Tab across the cells, as in a spreadsheet; on from the last cell (back from the
        first), Tab goes on to the panel's next control."""
        if self.isVisible() and self._across(1 if forward else -1):
            return True
        return QWidget.focusNextPrevChild(self, forward)

    def _go(self, row: int, col: int) -> None:
        """Move the current cell without forgetting where typing across began."""
        self._moving = True
        try:
            self.setCurrentCell(max(0, min(row, self.new_row)), max(0, min(col, len(HEADERS) - 1)))
        finally:
            self._moving = False

    def _across(self, delta: int) -> bool:
        """The next (or previous) cell, row after row; False at either end of the table."""
        row, col = self.currentRow(), self.currentColumn() + delta
        if col >= len(HEADERS):
            row, col = row + 1, 0
        elif col < 0:
            row, col = row - 1, len(HEADERS) - 1
        if not 0 <= row <= self.new_row or self.currentRow() < 0:
            return False
        self._go(row, col)
        return True

    def _down(self) -> None:
        """Enter: the next row, in the column typing began in; on a new row still missing
        its date or value, that cell first."""
        row = self.currentRow()
        if row == self.new_row:
            bad = self._pending_problems()
            missing = [c for c in (DATE, VALUE) if not self.pending.get(c) or c in bad]
            if missing and self.pending:
                self._go(row, missing[0])
                return
        self._go(row + 1, self._start_col)

    def _cell_changed(self, row: int, col: int, _old_row: int, _old_col: int) -> None:
        if not self._moving:
            self._start_col = col

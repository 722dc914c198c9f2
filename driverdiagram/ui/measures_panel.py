"""The measures panel: the measures hung on the selected node, and the current one's
fields, data and run chart.

Edits flow to the model as intents (`document.add_item` / `edit_item` / `remove_item` /
`move_item`), one undo step per gesture; typing in one field, from focus-in to focus-out,
is one step (a burst, as in panel.py). Model changes (undo, redo, edits elsewhere) flow
back into the widgets without echoing as edits (`_loading`), and a field is only written
when it differs from the model, so typing is never disturbed.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLineEdit,
    QListWidgetItem,
    QWidget,
)

from ..model import Change, Measure, MeasureType, Node, NodeKind
from ..model.measure_report import STATUS_WORDS
from ..model.rules import describe
from ..model.runchart import status
from .accessible import settle_in_scroll_area
from .data_entry import (
    format_date,
    format_markers,
    format_number,
    not_a_date,
    not_a_number,
    parse_date,
    parse_markers,
    parse_number,
)
from .document import Document
from .measures_form import BASELINE_TIP, DUE_TIP, MARKERS_TIP, NO_NODE, TARGET_TIP, TYPE_LABELS, MeasuresForm

_bursts = itertools.count(1)

PROBLEM_STYLE = "color: #B00020;"


LAZY_TABLE_ROWS = 200  # above this many points the table fills just after the chart is shown


class MeasuresPanel(MeasuresForm, QWidget):
    def __init__(
        self, document: Document, status: Callable[[str], None] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self._status = status or (lambda text: None)
        self.node_id: str | None = None
        self.measure_id: str | None = None
        self._loading = False
        self._burst: dict[QObject, int] = {}
        self._problems: dict[QObject, str] = {}
        self._state: tuple[Node, tuple[Measure, ...], str] | None = None

        self._build()
        self._connect()
        settle_in_scroll_area(self, "Measures")
        document.changed.connect(self._on_change)
        document.replaced.connect(self._replaced)
        self.show_node(None)

    def _connect(self) -> None:
        for w in (self.name, self.definition, self.numerator, self.denominator, self.unit):
            w.installEventFilter(self)
        for w in (self.baseline, self.target, self.frequency, self.due):
            w.installEventFilter(self)
        self.name.textEdited.connect(lambda t: self._edit(self.name, name=t))
        self.numerator.textEdited.connect(lambda t: self._edit(self.numerator, numerator=t))
        self.denominator.textEdited.connect(lambda t: self._edit(self.denominator, denominator=t))
        self.unit.textEdited.connect(lambda t: self._edit(self.unit, unit=t))
        self.definition.textChanged.connect(
            lambda: self._edit(self.definition, operational_definition=self.definition.toPlainText())
        )
        self.type.currentIndexChanged.connect(lambda _i: self._edit(None, type=self.type.currentData()))
        self.markers.textChanged.connect(self._markers_typed)
        self.markers.installEventFilter(self)
        self.baseline_points.valueChanged.connect(lambda n: self._edit(None, baseline_points=n or None))
        self.rules.currentIndexChanged.connect(self._rules_chosen)
        self.better.currentIndexChanged.connect(lambda _i: self._edit(None, higher_is_better=self.better.currentData()))
        self.frequency.currentTextChanged.connect(lambda t: self._edit(self.frequency, frequency=t.strip()))
        for w, field in ((self.baseline, "baseline"), (self.target, "target")):
            w.textEdited.connect(lambda _t, w=w, field=field: self._number_typed(w, field))
            w.editingFinished.connect(lambda w=w: self._finished(w))
        self.due.textEdited.connect(lambda _t: self._date_typed())
        self.due.editingFinished.connect(lambda: self._finished(self.due))
        self.list.currentRowChanged.connect(self._row_chosen)

    # ------------------------------------------------------------ model → panel
    def show_node(self, node_id: str | None) -> None:
        node_id = node_id if node_id is not None and node_id in self.document.diagram else None
        if node_id != self.node_id:
            self.node_id = node_id
            self.measure_id = None
        self._load()

    def _fill_table(self, measure_id: str) -> None:
        m = self.current()
        if m is not None and m.id == measure_id:
            self.table.set_measure(m)

    def show_measure(self, measure_id: str) -> None:
        """Make `measure_id` (a measure of the node shown) the current one."""
        if any(m.id == measure_id for m in self._measures()):
            self.measure_id = measure_id
            self._state = None
            self._load()

    def _replaced(self) -> None:
        self._state = None
        self.show_node(None)

    def current(self) -> Measure | None:
        """The measure whose fields are shown."""
        if self.measure_id is None:
            return None
        return next((m for m in self._measures() if m.id == self.measure_id), None)

    def _measures(self) -> list[Measure]:
        return self.document.diagram.measures_of(self.node_id) if self.node_id else []

    def _on_change(self, change: Change) -> None:
        """Reload when the change touched the measures or the node shown (or removed it)."""
        if self.node_id is None:
            return
        if self.node_id not in self.document.diagram:
            self.show_node(None)
        elif "measures" in change.collections or change.concerns(self.node_id):
            self._load()

    def _load(self) -> None:
        d = self.document.diagram
        node = d.node(self.node_id) if self.node_id else None
        measures = tuple(self._measures())
        state = (node, measures, d.info.run_chart_rules) if node is not None else None
        if state is not None and state == self._state and (self.current() is not None or not measures):
            return
        old = self._state[1] if self._state is not None and node is not None and self._state[0].id == node.id else ()
        self._state = state
        self._loading = True
        try:
            self._follow(old, measures)
            self._load_node(node, measures)
            self._load_fields(self.current())
        finally:
            self._loading = False

    def _follow(self, old: tuple[Measure, ...], new: tuple[Measure, ...]) -> None:
        """Keep the current measure; if it went, its neighbour; after an undo or redo that
        changed one other measure of this node, that one (so the user sees what changed)."""
        ids = [m.id for m in new]
        before = {m.id: m for m in old}
        touched = [m.id for m in new if before.get(m.id) != m]
        current_same = self.measure_id in before and before[self.measure_id] in new
        if old and current_same and len(touched) == 1:
            self.measure_id = touched[0]
        if self.measure_id not in ids:
            old_ids = [m.id for m in old]
            if self.measure_id in old_ids and ids:
                i = old_ids.index(self.measure_id)
                after = [x for x in old_ids[i + 1 :] if x in ids]
                self.measure_id = after[0] if after else ids[-1]
            else:
                self.measure_id = ids[0] if ids else None

    def _load_node(self, node: Node | None, measures: tuple[Measure, ...]) -> None:
        has_node = node is not None
        self.heading.setText(f"Measures of {describe(node)}" if node is not None else NO_NODE)
        self.add_button.setEnabled(has_node)
        self.list.setVisible(bool(measures))
        self.empty.setVisible(has_node and not measures)
        today = dt.date.today()
        self.list.blockSignals(True)
        try:
            while self.list.count() > len(measures):
                self.list.takeItem(self.list.count() - 1)
            for i, m in enumerate(measures):
                item = self.list.item(i) or QListWidgetItem()
                if self.list.item(i) is None:
                    self.list.addItem(item)
                item.setText(_list_text(m, today))
                item.setToolTip(_list_tip(m))
                item.setData(Qt.ItemDataRole.UserRole, m.id)
            ids = [m.id for m in measures]
            self.list.setCurrentRow(ids.index(self.measure_id) if self.measure_id in ids else -1)
        finally:
            self.list.blockSignals(False)
        rows = min(max(len(measures), 1), 5)
        self.list.setFixedHeight(rows * (self.fontMetrics().height() + 6) + 2 * self.list.frameWidth() + 4)
        i = ids.index(self.measure_id) if self.measure_id in ids else -1
        self.remove_button.setEnabled(i >= 0)
        self.up_button.setEnabled(i > 0)
        self.down_button.setEnabled(0 <= i < len(measures) - 1)

    def _load_fields(self, m: Measure | None) -> None:
        self.detail.setVisible(m is not None)
        rules = self.document.diagram.info.run_chart_rules
        self.chart.set_measure(m, rules=rules)
        if m is not None and len(m.data) > LAZY_TABLE_ROWS and self.table.measure_id != m.id:
            # a long series: the chart first, the table a moment later (a few hundred rows of
            # cells take longer to build than the whole chart); meanwhile it shows nothing
            self.table.set_measure(None)
            QTimer.singleShot(0, lambda mid=m.id: self._fill_table(mid))
        else:
            self.table.set_measure(m)
        self.rules.setCurrentIndex(self.rules.findData(rules))
        if m is None:
            return
        if self.markers not in self._problems and parse_markers(self.markers.toPlainText())[0] != list(m.markers):
            self.markers.setPlainText(format_markers(m.markers))
        self.baseline_points.setValue(m.baseline_points or 0)
        for w, value in (
            (self.name, m.name),
            (self.numerator, m.numerator),
            (self.denominator, m.denominator),
            (self.unit, m.unit),
        ):
            if w.text() != value:
                w.setText(value)
        if self.definition.toPlainText() != m.operational_definition:
            self.definition.setPlainText(m.operational_definition)
        self.type.setCurrentIndex(self.type.findData(m.type))
        self.better.setCurrentIndex(0 if m.higher_is_better else 1)
        if self.frequency.currentText().strip() != m.frequency:
            self.frequency.setEditText(m.frequency)
        for w, value in ((self.baseline, m.baseline), (self.target, m.target)):
            if w in self._problems or parse_number(w.text()) != value:
                w.setText("" if value is None else format_number(value))
                self._mark(w, "")
        if self.due in self._problems or parse_date(self.due.text()) != m.due:
            self.due.setText("" if m.due is None else format_date(m.due))
            self._mark(self.due, "")
        n = len(m.data) + 1
        table_rows = min(max(n, 4), 7)
        header = self.table.horizontalHeader().sizeHint().height()
        row = self.table.verticalHeader().defaultSectionSize()
        self.table.setFixedHeight(header + table_rows * row + 2 * self.table.frameWidth() + 2)

    # ------------------------------------------------------------ panel → model
    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if e.type() == QEvent.Type.FocusIn:
            self._burst[obj] = next(_bursts)  # a new typing burst: a new undo step
        elif obj is self.list and e.type() == QEvent.Type.KeyPress and isinstance(e, QKeyEvent):
            alt = e.modifiers() == Qt.KeyboardModifier.AltModifier
            if e.key() == Qt.Key.Key_Delete and e.modifiers() == Qt.KeyboardModifier.NoModifier:
                self.remove()
                return True
            if alt and e.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_measure(-1 if e.key() == Qt.Key.Key_Up else 1)
                return True
            if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current() is not None:
                self.name.setFocus(Qt.FocusReason.ShortcutFocusReason)  # edit it: its fields, from the name on
                return True
        return super().eventFilter(obj, e)

    def _edit(self, widget: QObject | None, **changes) -> None:
        if self._loading or self.current() is None:
            return
        burst = None if widget is None else ("measure", self._burst.setdefault(widget, next(_bursts)))
        self.document.edit_item("measures", self.measure_id, burst=burst, **changes)

    def _markers_typed(self) -> None:
        if self._loading or self.current() is None:
            return
        markers, problem = parse_markers(self.markers.toPlainText())
        if problem:
            self._problems[self.markers] = problem
            self.markers.setStyleSheet(PROBLEM_STYLE)
            self.markers.setToolTip(problem)
            return
        self._problems.pop(self.markers, None)
        self.markers.setStyleSheet("")
        self.markers.setToolTip(MARKERS_TIP)
        self._edit(self.markers, markers=markers)

    def _rules_chosen(self, _index: int) -> None:
        if self._loading:
            return
        rules = self.rules.currentData()
        info = self.document.diagram.info
        if rules != info.run_chart_rules:
            self.document.set_info(run_chart_rules=rules)

    def _number_typed(self, w: QLineEdit, field: str) -> None:
        text = w.text().strip()
        value = parse_number(text) if text else None
        if text and value is None:
            self._mark(w, not_a_number(text))
            return
        self._mark(w, "")
        self._edit(w, **{field: value})

    def _date_typed(self) -> None:
        text = self.due.text().strip()
        when = parse_date(text) if text else None
        if text and when is None:
            self._mark(self.due, not_a_date(text))
            return
        self._mark(self.due, "")
        self._edit(self.due, due=when)

    def _finished(self, w: QLineEdit) -> None:
        """Leaving a number or date field that does not read: say why, show the model's value."""
        why = self._problems.get(w)
        if why and not self._loading:
            self.document.refuse(why)
            self._state = None
            self._load()

    def _mark(self, w: QLineEdit, problem: str) -> None:
        if problem:
            self._problems[w] = problem
        else:
            self._problems.pop(w, None)
        w.setStyleSheet(PROBLEM_STYLE if problem else "")
        w.setToolTip(problem or {self.due: DUE_TIP, self.baseline: BASELINE_TIP, self.target: TARGET_TIP}.get(w, ""))

    def _row_chosen(self, row: int) -> None:
        if 0 <= row < self.list.count():
            self.measure_id = self.list.item(row).data(Qt.ItemDataRole.UserRole)
            self._state = None
            self._load()

    # -------------------------------------------------------------- gestures
    def add(self) -> bool:
        """Hang a new measure on the node shown and focus its name (one undo step)."""
        if self.node_id is None:
            self.document.refuse("Select a node first, then press Ctrl+M to hang a measure on it.")
            return False
        node = self.document.diagram.node(self.node_id)
        kind = MeasureType.OUTCOME if node.kind is NodeKind.OUTCOME else MeasureType.PROCESS
        measure = Measure(id=self.document.new_item_id("m"), node_id=self.node_id, name="", type=kind)
        previous, self.measure_id = self.measure_id, measure.id
        if not self.document.add_item("measures", measure):
            self.measure_id = previous
            self._state = None
            self._load()
            return False
        self._state = None
        self._load()
        self.name.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def remove(self) -> None:
        m = self.current()
        if m is None:
            return
        if self.document.remove_item("measures", m.id):
            self._status(f"Deleted the measure “{m.name or 'unnamed'}”. Ctrl+Z brings it back.")

    def move_measure(self, delta: int) -> None:
        """Up (-1) or down (+1) among this node's measures (one undo step)."""
        measures = self._measures()
        ids = [m.id for m in measures]
        if self.measure_id not in ids:
            return
        j = ids.index(self.measure_id) + delta
        if not 0 <= j < len(ids):
            self.document.refuse(
                "Already the first measure of this node." if delta < 0 else "Already the last measure of this node."
            )
            return
        index = self.document.diagram.item_index("measures", ids[j])
        self.document.move_item("measures", self.measure_id, index)


def _list_text(m: Measure, today: dt.date) -> str:
    kind = m.type.value
    points = [(p.date, p.value) for p in m.data]
    state = status(points, m.target, m.higher_is_better, m.frequency, today)
    words = "no target" if state == "not_yet" and m.target is None else STATUS_WORDS[state]
    return f"{m.name.strip() or 'Unnamed measure'} — {kind}, {words}"


def _list_tip(m: Measure) -> str:
    lines = [m.name or "Unnamed measure", TYPE_LABELS[m.type]]
    if m.operational_definition:
        lines.append(m.operational_definition[:300])
    return "\n".join(lines)

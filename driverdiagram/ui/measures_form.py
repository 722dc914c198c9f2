"""The Measures panel's widgets and how they are laid out (the panel itself, loading the
model and sending edits, is measures_panel.py)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..model import MeasureType
from .data_table import DataTable
from .runchart_view import RunChartView
from .wheel_guard import guard_wheel

TYPE_LABELS = {
    MeasureType.OUTCOME: "Outcome measure",
    MeasureType.PROCESS: "Process measure",
    MeasureType.BALANCING: "Balancing measure",
}
TYPE_TIPS = {
    MeasureType.OUTCOME: "Tied to the aim's number: is the outcome moving?",
    MeasureType.PROCESS: "Are you doing the things you planned?",
    MeasureType.BALANCING: "What might get worse: sleep, family time, clinical quality …",
}
FREQUENCIES = ("weekly", "every 2 weeks", "monthly", "quarterly", "each term", "twice a year", "yearly")
NO_NODE = "Select a node to see its measures."
DUE_TIP = "When the target should be reached: 2026-12-31, or as you write dates"
BASELINE_TIP = "The value before you started changing things: a number, e.g. 2"
TARGET_TIP = "The value you aim for: a number, e.g. 6"
MARKERS_TIP = "Changes you tested, drawn as lines on the run chart: a date (ISO or your locale's), then a short label"


class MeasuresForm:
    """Builds the panel's widgets (`_build`); part of `MeasuresPanel`."""

    def _build(self) -> None:
        self.heading = QLabel(NO_NODE)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Measures of this node")
        self.list.setToolTip(
            "The measures of this node: the arrows choose one, Enter edits it, Delete removes it, "
            "Alt+Up / Alt+Down reorder"
        )
        self.list.installEventFilter(self)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setUniformItemSizes(True)
        self.empty = QLabel(
            "No measure on this node yet — a driver with no measure is a gap. "
            "Add one (Ctrl+M) to say how you will know it is moving."
        )
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #595959;")
        self.add_button = self._button("Add", "Add a measure to this node (Ctrl+M)", self.add, "Add measure")
        self.remove_button = self._button(
            "Delete", "Delete this measure (Delete in the list; Ctrl+Z brings it back)", self.remove, "Delete measure"
        )
        self.up_button = self._button(
            "Up", "Move this measure up (Alt+Up)", lambda: self.move_measure(-1), "Move measure up"
        )
        self.down_button = self._button(
            "Down", "Move this measure down (Alt+Down)", lambda: self.move_measure(1), "Move measure down"
        )

        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. Protected writing hours per week")
        self.name.setToolTip("What the measure is called, e.g. Protected writing hours per week")
        self.type = QComboBox()
        self.type.setAccessibleName("Type")
        self.type.setToolTip("Outcome (the aim's number), process (doing the things) or balancing (what might suffer)")
        for kind, label in TYPE_LABELS.items():
            self.type.addItem(label, kind)
            self.type.setItemData(self.type.count() - 1, TYPE_TIPS[kind], Qt.ItemDataRole.ToolTipRole)
        self.definition = QPlainTextEdit()
        self.definition.setTabChangesFocus(True)
        margin = self.definition.document().documentMargin()
        self.definition.setFixedHeight(int(self.fontMetrics().lineSpacing() * 4 + 2 * margin + 4))
        self.definition.setPlaceholderText("Exactly what is counted, from where, and when")
        self.definition.setToolTip("The operational definition: exactly what is counted, from where, and when")
        self.numerator = QLineEdit()
        self.numerator.setPlaceholderText("for a rate: what is counted")
        self.numerator.setToolTip("For a rate: what is counted (the top of the fraction)")
        self.denominator = QLineEdit()
        self.denominator.setPlaceholderText("for a rate: out of what")
        self.denominator.setToolTip("For a rate: out of what (the bottom of the fraction)")
        self.unit = QLineEdit()
        self.unit.setPlaceholderText("e.g. hours/week, %, papers")
        self.unit.setToolTip("What the values are counted in: hours/week, %, papers …")
        self.baseline = QLineEdit()
        self.baseline.setPlaceholderText("e.g. 2")
        self.baseline.setToolTip(BASELINE_TIP)
        self.target = QLineEdit()
        self.target.setPlaceholderText("e.g. 6")
        self.target.setToolTip(TARGET_TIP)
        self.better = QComboBox()
        self.better.setAccessibleName("Better")
        self.better.setToolTip("Whether a higher or a lower value is better: the run chart reads the signals so")
        self.better.addItem("Higher is better", True)
        self.better.addItem("Lower is better", False)
        self.frequency = QComboBox()
        guard_wheel(self.type, self.better, self.frequency)  # scrolling the panel never edits them
        self.frequency.setEditable(True)
        self.frequency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.frequency.addItems(FREQUENCIES)
        self.frequency.lineEdit().setPlaceholderText("e.g. monthly")
        for combo in (self.type, self.better, self.frequency):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.frequency.setAccessibleName("Collected")
        self.frequency.setToolTip("How often you collect it: weekly, monthly, each term … (your own words)")
        self.due = QLineEdit()
        self.due.setPlaceholderText("e.g. 2026-12-31")
        self.due.setToolTip(DUE_TIP)
        self.table = DataTable(self.document, self._status)
        self.chart = RunChartView()
        self.markers = QPlainTextEdit()
        self.markers.setTabChangesFocus(True)
        self.markers.setFixedHeight(int(self.fontMetrics().lineSpacing() * 3 + 2 * margin + 4))
        self.markers.setPlaceholderText("One per line: 2026-03-01 PDSA 1: protected Friday mornings")
        self.markers.setToolTip(MARKERS_TIP)
        self.baseline_points = QSpinBox()
        self.baseline_points.setRange(0, 10_000)
        self.baseline_points.setSpecialValueText("all points")
        self.baseline_points.setSuffix(" first points")
        self.baseline_points.setToolTip(
            "A baseline period: the median is computed from the first N points and extended, as practitioners do"
        )
        self.markers.setAccessibleName("Changes tested")
        self.baseline_points.setAccessibleName("Median from")
        self.rules = QComboBox()
        self.rules.setAccessibleName("Read by")
        self.rules.addItem("IHI rules: shift, trend, runs", "ihi")
        self.rules.addItem("Anhøj rules: long run, crossings", "anhoej")
        self.rules.setToolTip("How every run chart of this diagram is read (IHI, or the Anhøj rules NHS analysts use)")
        guard_wheel(self.baseline_points, self.rules)

        self._layout()

    def _button(self, text: str, tip: str, slot: Callable[[], object], name: str = "") -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(name or text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.clicked.connect(lambda _=False: slot())
        return button

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Name", self.name)
        form.addRow("T&ype", self.type)
        form.addRow("&Definition", self.definition)
        form.addRow("Numerator", self.numerator)
        form.addRow("Denominator", self.denominator)
        form.addRow("&Unit", self.unit)
        numbers = QHBoxLayout()
        numbers.addWidget(self.baseline, 1)
        target_label = QLabel("&Target")
        target_label.setBuddy(self.target)
        numbers.addWidget(target_label)
        numbers.addWidget(self.target, 1)
        baseline_label = QLabel("&Baseline")
        baseline_label.setBuddy(self.baseline)
        form.addRow(baseline_label, numbers)
        form.addRow("Better", self.better)
        form.addRow("Co&llected", self.frequency)
        form.addRow("Target &by", self.due)

        table_buttons = QHBoxLayout()
        self.delete_rows_button = self._button(
            "Delete rows", "Delete the selected data points (Delete)", self.table.delete_rows, "Delete data points"
        )
        self.paste_button = self._button(
            "Paste",
            "Paste date ⇥ value ⇥ note rows copied from a spreadsheet (Ctrl+V)",
            self.table.paste,
            "Paste data points",
        )
        table_buttons.addWidget(self.delete_rows_button)
        table_buttons.addWidget(self.paste_button)
        table_buttons.addStretch(1)
        hint = QLabel("Type in the last row: Enter moves down, Tab across. Ctrl+V pastes rows from a spreadsheet.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #595959;")

        self.detail = QWidget()
        detail = QVBoxLayout(self.detail)
        detail.setContentsMargins(0, 0, 0, 0)
        detail.addLayout(form)
        detail.addWidget(_title("Data"))
        detail.addWidget(self.table)
        detail.addWidget(hint)
        detail.addLayout(table_buttons)
        detail.addWidget(_title("Run chart"))
        chart_form = QFormLayout()
        chart_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        chart_form.addRow("&Changes tested", self.markers)
        chart_form.addRow("&Median from", self.baseline_points)
        chart_form.addRow("&Read by", self.rules)
        detail.addLayout(chart_form)
        detail.addWidget(self.chart)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        layout.addWidget(self.detail)
        layout.addStretch(1)


def _title(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return label

"""Measures on nodes, driven as a user drives them: Ctrl+M, the fields, the data table typed
with the keyboard and pasted into, the run chart; and back: undo and model edits reach the
widgets."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from ui_helpers import press

from driverdiagram.model import DataPoint, Diagram, Measure, MeasureType, to_document
from driverdiagram.ui import dialogs
from driverdiagram.ui.data_entry import parse_date, parse_number, parse_rows
from driverdiagram.ui.data_table import DATE, NOTE, VALUE
from driverdiagram.ui.measures_feature import MeasuresFeature
from driverdiagram.ui.runchart_view import MARGIN, SIGNAL

CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier

HOURS = [1.5, 2, 1.5, 2.5, 2, 1.5, 4, 4.5, 5, 4.5, 5.5, 6]  # six low months, then six high: a shift


@pytest.fixture
def active(window, qtbot):
    """The window with keyboard focus, so keys go where a user's would."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


@pytest.fixture
def uk_locale():
    """Dates typed as 01/07/2026 mean 1 July."""
    old = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(old)


def feature(w) -> MeasuresFeature:
    return next(f for f in w.features if isinstance(f, MeasuresFeature))


def focused():
    return QApplication.focusWidget()


def type_keys(text: str) -> None:
    """Type each character where the keyboard focus is (a cell's editor opens on the first)."""
    for ch in text:
        QTest.keyClicks(focused(), ch)


def key(k, mods=NONE) -> None:
    QTest.keyClick(focused(), k, mods)
    QApplication.processEvents()  # a cell editor commits on Enter a moment later


def orange_pixels(widget) -> int:
    image = widget.grab().toImage()
    want = SIGNAL.rgb() & 0xFFFFFF
    return sum(
        1
        for y in range(0, image.height(), 1)
        for x in range(0, image.width(), 1)
        if image.pixel(x, y) & 0xFFFFFF == want
    )


def two_nodes():
    d = Diagram.new("Promoted to associate professor by June 2030")
    research = d.add_node("primary", "Research skills", parent=d.outcome.id)
    balance = d.add_node("primary", "Work–life balance", parent=d.outcome.id)
    return d, research, balance


def test_a_mentee_adds_a_measure_types_its_data_pastes_more_and_undoes_each_step(
    active, qtbot, uk_locale, monkeypatch
) -> None:
    w = active
    d, research, _ = two_nodes()
    w.show_diagram(d, None)
    w.canvas.select(research.id)
    f = feature(w)
    panel, table, chart = f.panel, f.panel.table, f.panel.chart
    stack = w.document.undo_stack
    assert stack.count() == 0

    press(w, Qt.Key.Key_M, CTRL)  # Insert ▸ Add Measure…
    (m,) = d.measures_of(research.id)
    assert m.type is MeasureType.PROCESS and m.name == ""
    assert f.dock.isVisible() and focused() is panel.name, "Ctrl+M puts the cursor in the new measure's name"
    assert panel.type.currentText() == "Process measure"

    type_keys("Protected writing hours per week")
    panel.target.setFocus()
    type_keys("6")
    m = d.item("measures", m.id)
    assert (m.name, m.target) == ("Protected writing hours per week", 6.0)
    assert stack.count() == 3, "adding, typing the name and typing the target: three steps"
    assert panel.list.item(0).text().startswith("Protected writing hours per week — process")

    # twelve months typed into the table: ISO dates, then the locale's own (1 July is 01/07/2026)
    table.setFocus()
    table.setCurrentCell(table.new_row, DATE)
    for i, hours in enumerate(HOURS):
        month = i + 1
        type_keys(f"2026-{month:02d}-01" if month <= 6 else f"01/{month:02d}/2026")
        key(Qt.Key.Key_Tab)
        assert (table.currentRow(), table.currentColumn()) == (table.new_row, VALUE), "Tab moves across"
        type_keys(f"{hours:g}")
        key(Qt.Key.Key_Return)
        assert len(d.item("measures", m.id).data) == month
        assert (table.currentRow(), table.currentColumn()) == (table.new_row, DATE), (
            "Enter moves down, to the date of the empty row"
        )
    m = d.item("measures", m.id)
    assert [p.value for p in m.data] == HOURS
    assert [p.date for p in m.data] == [dt.date(2026, k, 1) for k in range(1, 13)]
    assert table.rowCount() == 13 and table.item(6, DATE).text() == "2026-07-01"
    assert stack.count() == 15, "one step per point"

    # the run chart: median, target, the shift marked, a note of what the rules read
    g = chart.chart
    assert g is not None and len(g.line) == 12
    assert len(g.median) == 1 and not g.median[0].extended
    assert g.median_label.text == "Median 3.25" and g.target_label.text == "Target 6"
    assert {dot.index for dot in g.signal_dots} >= set(range(6, 12)), "the six high months are a shift"
    shifts = [s for s in chart.analysis.signals if s.rule == "shift" and s.direction == "above"]
    assert shifts and shifts[0].favourable
    assert "Shift: 6 points above the median, 1 Jul – 1 Dec, the way you want it to go." in chart.note
    assert "Too few runs" in chart.note
    assert orange_pixels(chart) > 50, "the chart was painted, with its signal points in orange"
    computed = chart.computed
    chart.repaint()
    chart.grab()
    assert chart.computed == computed, "painting computes nothing"

    # a block pasted from a spreadsheet: a header, two good rows, one bad
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "warning", lambda parent, title, text, *a, **k: shown.append((title, text)))
    QGuiApplication.clipboard().setText(
        "Month\tHours\tNote\n2027-01-01\t6.5\tafter PDSA 2\n2027-02-01\tn/a\n01/03/2027\t7\n"
    )
    table.setFocus()
    key(Qt.Key.Key_V, CTRL)
    m = d.item("measures", m.id)
    assert [(p.date, p.value, p.note) for p in m.data[-2:]] == [
        (dt.date(2027, 1, 1), 6.5, "after PDSA 2"),
        (dt.date(2027, 3, 1), 7.0, ""),
    ], "the good rows land"
    assert stack.count() == 16, "the paste is one step"
    assert len(shown) == 1
    title, text = shown[0]
    assert "Row 3: “n/a” is not a number." in text and "Added 2 of 3" in text
    assert table.rowCount() == 15 and len(chart.chart.line) == 14
    final = to_document(d)

    # Ctrl+Z takes each step back, and the panel follows
    press(w, Qt.Key.Key_Z, CTRL)
    assert len(d.item("measures", m.id).data) == 12 and table.rowCount() == 13 and len(chart.chart.line) == 12
    for left in range(11, -1, -1):
        press(w, Qt.Key.Key_Z, CTRL)
        assert len(d.item("measures", m.id).data) == left
        assert table.rowCount() == left + 1
    assert chart.chart.line == () and chart.note.startswith("Type dated values")
    press(w, Qt.Key.Key_Z, CTRL)
    assert panel.target.text() == "" and d.item("measures", m.id).target is None
    press(w, Qt.Key.Key_Z, CTRL)
    assert panel.name.text() == ""
    press(w, Qt.Key.Key_Z, CTRL)
    assert d.measures_of(research.id) == [] and panel.detail.isHidden() and not panel.empty.isHidden()
    assert not stack.canUndo(), "sixteen steps, each taken back by one Ctrl+Z"

    while stack.canRedo():
        press(w, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert to_document(d) == final
    assert panel.name.text() == "Protected writing hours per week" and table.rowCount() == 15


def test_the_fields_edit_the_measure_one_step_each_and_the_model_reaches_them(active, qtbot) -> None:
    w = active
    d, research, balance = two_nodes()
    m = Measure(
        id="m-hours",
        node_id=research.id,
        name="Writing hours",
        target=6.0,
        data=[DataPoint(date=dt.date(2026, 1, 1), value=2.0)],
    )
    d.add_item("measures", m)
    w.show_diagram(d, None)
    w.canvas.select(research.id)
    panel = feature(w).panel
    stack = w.document.undo_stack
    assert panel.heading.text() == "Measures of primary driver 'Research skills'"
    assert (panel.name.text(), panel.target.text(), panel.table.rowCount()) == ("Writing hours", "6", 2)

    panel.type.setCurrentIndex(panel.type.findText("Balancing measure"))
    panel.better.setCurrentIndex(panel.better.findText("Lower is better"))
    panel.unit.setFocus()
    type_keys("hours/week")
    panel.frequency.setFocus()
    type_keys("every 2 weeks")
    panel.due.setFocus()
    type_keys("2026-12-31")
    panel.definition.setFocus()
    type_keys("Hours logged in blocks of 45 minutes")
    m = d.item("measures", "m-hours")
    assert m.type is MeasureType.BALANCING and m.higher_is_better is False
    assert (m.unit, m.frequency, m.due) == ("hours/week", "every 2 weeks", dt.date(2026, 12, 31))
    assert m.operational_definition == "Hours logged in blocks of 45 minutes"
    assert stack.count() == 6, "one step per field"

    # a number that does not read is not stored, is marked, and is explained on leaving
    panel.baseline.setFocus()
    type_keys("1.5x")
    assert d.item("measures", "m-hours").baseline == 1.5, "stored while it still read as a number"
    assert panel.baseline.styleSheet() and "not a number" in panel.baseline.toolTip()
    panel.name.setFocus()
    assert "“1.5x” is not a number" in w.statusBar().currentMessage()
    assert panel.baseline.text() == "1.5" and not panel.baseline.styleSheet()

    # model → panel: an edit elsewhere, then undo and redo
    w.document.edit_item("measures", "m-hours", name="Protected writing hours", target=8.0)
    assert (panel.name.text(), panel.target.text()) == ("Protected writing hours", "8")
    stack.undo()
    assert (panel.name.text(), panel.target.text()) == ("Writing hours", "6")
    points = [DataPoint(date=dt.date(2026, k, 1), value=float(k)) for k in (1, 2, 3)]
    w.document.edit_item("measures", "m-hours", data=points)
    assert panel.table.rowCount() == 4 and panel.table.item(2, VALUE).text() == "3"
    stack.undo()
    assert panel.table.rowCount() == 2
    stack.undo()  # the baseline
    assert panel.baseline.text() == ""
    stack.undo()  # the definition
    assert panel.definition.toPlainText() == ""

    # the panel follows the selection
    w.canvas.select(balance.id)
    assert "Work–life balance" in panel.heading.text() and panel.detail.isHidden()
    assert "gap" in panel.empty.text()
    w.canvas.diagram_scene.clearSelection()
    assert panel.heading.text() == "Select a node to see its measures." and not panel.add_button.isEnabled()


def test_measures_are_added_reordered_and_removed_one_step_each(active) -> None:
    w = active
    d, research, _ = two_nodes()
    w.show_diagram(d, None)
    w.canvas.select(research.id)
    panel = feature(w).panel
    stack = w.document.undo_stack
    for name in ("Papers", "Grants", "Talks"):
        assert panel.add()
        type_keys(name)
    assert [m.name for m in d.measures_of(research.id)] == ["Papers", "Grants", "Talks"]
    assert panel.current().name == "Talks"
    count = stack.count()
    panel.up_button.click()
    assert [m.name for m in d.measures_of(research.id)] == ["Papers", "Talks", "Grants"]
    assert panel.list.currentItem().text().startswith("Talks")
    panel.list.setFocus()
    key(Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [m.name for m in d.measures_of(research.id)] == ["Talks", "Papers", "Grants"]
    assert not panel.up_button.isEnabled(), "already the first"
    key(Qt.Key.Key_Delete)
    assert [m.name for m in d.measures_of(research.id)] == ["Papers", "Grants"]
    assert panel.current().name == "Papers", "its neighbour becomes current"
    assert "Ctrl+Z brings it back" in w.statusBar().currentMessage()
    assert stack.count() == count + 3
    stack.undo()
    assert [m.name for m in d.measures_of(research.id)] == ["Talks", "Papers", "Grants"]
    assert panel.list.count() == 3


def test_ctrl_m_without_one_selected_node_says_why(active) -> None:
    w = active
    w.canvas.diagram_scene.clearSelection()
    press(w, Qt.Key.Key_M, CTRL)
    assert "Select one node first" in w.statusBar().currentMessage()
    assert w.document.undo_stack.count() == 0


def test_table_rows_are_deleted_and_bad_cells_refused(active, monkeypatch) -> None:
    w = active
    d, research, _ = two_nodes()
    points = [DataPoint(date=dt.date(2026, k, 1), value=float(k), note="") for k in range(1, 6)]
    d.add_item("measures", Measure(id="m1", node_id=research.id, name="Talks given", data=points))
    w.show_diagram(d, None)
    w.canvas.select(research.id)
    table = feature(w).panel.table
    stack = w.document.undo_stack
    table.setFocus()
    table.setCurrentCell(1, VALUE)
    table.setRangeSelected(_rows(1, 2), True)
    key(Qt.Key.Key_Delete)
    assert [p.value for p in d.item("measures", "m1").data] == [1.0, 4.0, 5.0]
    assert stack.count() == 1, "deleting rows is one step"

    # a value that does not read is refused, the cell keeps the model's value
    table.setCurrentCell(0, VALUE)
    type_keys("lots")
    key(Qt.Key.Key_Return)
    assert "“lots” is not a number" in w.statusBar().currentMessage()
    assert table.item(0, VALUE).text() == "1" and stack.count() == 1

    # a date typed into an existing row moves the point into time order, the cursor with it
    table.setCurrentCell(0, DATE)
    type_keys("2026-12-01")
    key(Qt.Key.Key_Tab)
    assert [p.date.month for p in d.item("measures", "m1").data] == [4, 5, 12]
    assert (table.currentRow(), table.currentColumn()) == (2, VALUE)
    key(Qt.Key.Key_Tab)
    type_keys("Conference season")
    key(Qt.Key.Key_Return)
    assert d.item("measures", "m1").data[2].note == "Conference season"
    assert stack.count() == 3

    # the new row keeps a half-typed point until it has a date and a value
    table.setCurrentCell(table.new_row, VALUE)
    type_keys("9")
    key(Qt.Key.Key_Return)
    assert len(d.item("measures", "m1").data) == 3 and table.item(table.new_row, VALUE).text() == "9"
    assert table.currentColumn() == DATE, "Enter goes to the missing date first"
    type_keys("2027-01-01")
    key(Qt.Key.Key_Return)
    assert d.item("measures", "m1").data[-1] == DataPoint(date=dt.date(2027, 1, 1), value=9.0)
    assert table.item(table.new_row, VALUE).text() == "" and stack.count() == 4


def _rows(first: int, last: int):
    from PySide6.QtWidgets import QTableWidgetSelectionRange

    return QTableWidgetSelectionRange(first, 0, last, NOTE)


def test_a_paste_with_no_good_rows_changes_nothing_and_says_which(active, monkeypatch) -> None:
    w = active
    d, research, _ = two_nodes()
    d.add_item("measures", Measure(id="m1", node_id=research.id, name="Papers"))
    w.show_diagram(d, None)
    w.canvas.select(research.id)
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "warning", lambda parent, title, text, *a, **k: shown.append(text))
    feature(w).panel.table.paste_text("2026-02-30\t3\nsoon\t\n")
    assert d.item("measures", "m1").data == [] and w.document.undo_stack.count() == 0
    assert "None of the 2 pasted rows" in shown[0]
    assert (
        "Row 1: “2026-02-30” is not a date." in shown[0] and "Row 2: “soon” is not a date; it has no value." in shown[0]
    )


def test_reading_dates_and_numbers_as_people_type_them() -> None:
    uk, us, de = QLocale("en_GB"), QLocale("en_US"), QLocale("de_DE")
    assert parse_date("2026-03-01", us) == dt.date(2026, 3, 1)
    assert parse_date("2026-03-01 00:00:00", us) == dt.date(2026, 3, 1), "as spreadsheets copy a date"
    assert parse_date("01/03/2026", uk) == dt.date(2026, 3, 1)
    assert parse_date("1/3/26", uk) == dt.date(2026, 3, 1)
    assert parse_date("3/1/2026", us) == dt.date(2026, 3, 1)
    assert parse_date("1.3.2026", de) == dt.date(2026, 3, 1)
    assert parse_date("1 March 2026", uk) == dt.date(2026, 3, 1)
    assert parse_date("2026-02-30", uk) is None and parse_date("soon", uk) is None
    assert parse_number("7,5", de) == 7.5 and parse_number("7.5", de) == 7.5
    assert parse_number("1,5", us) is None, "a comma in English is not a decimal separator"
    assert parse_number("1,500", us) == 1500 and parse_number("45 %", us) == 45
    assert parse_number("inf", us) is None and parse_number("", us) is None
    rows = parse_rows("Date\tValue\n2026-01-01\t3\t\t\n\n2026-02-01\t4\tnote\textra\n", uk)
    assert rows.header and [p.value for p in rows.points] == [3.0]
    assert rows.problems == ((4, "it has 4 columns; paste only date, value and note."),)


def test_change_markers_and_a_baseline_period_are_drawn_when_the_measure_has_them(qtbot) -> None:
    """The schema has no fields for them yet: the view reads them with getattr."""
    from driverdiagram.ui.runchart_view import RunChartView

    view = RunChartView()
    qtbot.addWidget(view)
    view.resize(420, view.height())
    data = [DataPoint(date=dt.date(2026, k, 1), value=v) for k, v in enumerate(HOURS, 1)]
    measure = SimpleNamespace(
        data=data,
        target=6.0,
        higher_is_better=True,
        markers=[(dt.date(2026, 7, 1), "PDSA 1: writing group")],
        baseline_points=6,
    )
    view.set_measure(measure)
    view.show()
    g = view.chart
    assert [m.text for m in g.markers] == ["PDSA 1: writing group"] and g.markers[0].labels
    assert [line.extended for line in g.median] == [False, True], "the median is carried on, dashed"
    assert view.analysis.baseline == 6
    assert orange_pixels(view) > 0
    image = view.grab().toImage()
    marker = g.markers[0]
    want = QColor("#7030A0")

    def purplish(c: QColor) -> bool:
        return max(abs(c.red() - want.red()), abs(c.green() - want.green()), abs(c.blue() - want.blue())) < 60

    column = [
        image.pixelColor(x, y)
        for x in (int(marker.x + MARGIN) - 1, int(marker.x + MARGIN), int(marker.x + MARGIN) + 1)
        for y in range(int(marker.top + MARGIN), int(marker.bottom + MARGIN))
    ]
    assert sum(map(purplish, column)) > 10, "the marker's line is painted"


def test_the_dock_is_a_tab_beside_details_and_rests_on_the_welcome_page(active, qtbot) -> None:
    w = active
    dock = feature(w).dock
    qtbot.waitUntil(lambda: w.details in w.tabifiedDockWidgets(dock))
    assert dock.toggleViewAction() in w._menus["view"].actions(), "View ▸ Measures shows and hides it"
    w.show_welcome()
    assert dock.isHidden() and not feature(w).act_add.isEnabled()
    w.new_blank()
    assert not dock.isHidden() and feature(w).act_add.isEnabled()


def test_change_markers_a_baseline_period_and_the_rules_are_edited_in_the_panel(window, qtbot) -> None:
    import datetime as dt

    from driverdiagram.model import Diagram

    d = Diagram.new("Aim")
    p = d.add_node("primary", "Research", parent=d.outcome.id)
    values = [3, 4, 3, 4, 3, 4, 7, 8, 7, 8, 7, 8]
    data = [{"date": dt.date(2026, 1 + i, 1).isoformat(), "value": v} for i, v in enumerate(values)]
    d.add_item("measures", {"id": "m1", "node_id": p.id, "name": "Writing hours", "data": data})
    window.show_diagram(d, None)
    window.canvas.select(p.id)
    feature = next(f for f in window.features if f.objectName() == "measures-feature")
    panel = feature.panel
    stack = window.document.undo_stack
    panel.markers.setFocus()
    qtbot.keyClicks(panel.markers, "2026-07-01 PDSA 1: protected Friday mornings")
    m = window.document.diagram.item("measures", "m1")
    assert [(x.date, x.text) for x in m.markers] == [(dt.date(2026, 7, 1), "PDSA 1: protected Friday mornings")]
    assert stack.count() == 1, "typing the markers is one undo step"
    assert [mk.text for mk in panel.chart.chart.markers][0].startswith("PDSA 1")
    panel.baseline_points.setValue(6)
    assert window.document.diagram.item("measures", "m1").baseline_points == 6
    assert panel.chart.analysis.baseline == 6
    panel.rules.setCurrentIndex(panel.rules.findData("anhoej"))
    assert window.document.diagram.info.run_chart_rules == "anhoej" and panel.chart.analysis.rules == "anhoej"
    stack.undo()
    assert panel.chart.analysis.rules == "ihi" and panel.rules.currentData() == "ihi"
    stack.undo()
    assert panel.baseline_points.value() == 0
    stack.undo()
    assert panel.markers.toPlainText() == ""


def test_a_node_with_measures_shows_a_badge_with_their_count_and_status(window) -> None:
    import datetime as dt

    from driverdiagram.model import Diagram

    d = Diagram.new("Aim")
    p = d.add_node("primary", "Research", parent=d.outcome.id)
    window.show_diagram(d, None)
    item = window.canvas.diagram_scene.nodes[p.id]
    assert item.measures is None
    today = dt.date.today()
    window.document.add_item(
        "measures",
        {"id": "m1", "node_id": p.id, "name": "Writing hours", "target": 6, "frequency": "weekly",
         "data": [{"date": (today - dt.timedelta(days=2)).isoformat(), "value": 7}]},
    )  # fmt: skip
    badge = item.measures
    assert badge is not None and badge.count == 1 and badge.status == "on_track"
    assert "Writing hours" in item.toolTip() and "on track" in item.toolTip()
    window.document.add_item("measures", {"id": "m2", "node_id": p.id, "name": "Papers", "type": "outcome"})
    assert item.measures.count == 2 and item.measures.status == "no_data", "the worst status shows"
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert item.measures is None, "Ctrl+Z takes the badge away with the measure"
    window.document.undo_stack.redo()
    assert item.measures.count == 1


def test_the_measurement_plan_lists_every_measure_by_node_and_goes_to_it(window) -> None:
    from driverdiagram.model import Diagram

    d = Diagram.new("Aim")
    p = d.add_node("primary", "Research", parent=d.outcome.id)
    s = d.add_node("secondary", "Writing habit", parent=p.id)
    d.add_item("measures", {"id": "m1", "node_id": d.outcome.id, "name": "Papers", "type": "outcome"})
    d.add_item("measures", {"id": "m2", "node_id": s.id, "name": "Writing hours", "type": "process"})
    window.show_diagram(d, None)
    feature = next(f for f in window.features if f.objectName() == "measures-feature")
    plan = feature.plan
    tree = plan.tree
    groups = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    names = sorted(g.child(j).text(0) for g in groups for j in range(g.childCount()))
    assert names == ["Papers", "Writing hours"] and len(groups) == 2
    assert "Outcome 1 (usual 1–2)" in plan.summary.text() and "Process 1 (usual 3–5: few)" in plan.summary.text()
    assert "Balancing 0 (usual 1–2: none yet)" in plan.summary.text()
    item = next(g.child(0) for g in groups if g.child(0).text(0) == "Writing hours")
    plan._chosen(item)
    assert window.canvas.current_id() == s.id and feature.panel.measure_id == "m2"
    window.document.add_item("measures", {"id": "m3", "node_id": s.id, "name": "Drafts", "type": "balancing"})
    assert "Balancing 1 (usual 1–2)" in plan.summary.text()
    window.document.undo_stack.undo()
    assert "Balancing 0" in plan.summary.text()


def test_the_measurement_plan_sorts_from_the_keyboard_as_a_click_on_a_heading_does(window) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from driverdiagram.model import Diagram

    d = Diagram.new("Aim")
    p = d.add_node("primary", "Research", parent=d.outcome.id)
    first = d.add_node("secondary", "Zest for writing", parent=p.id)
    second = d.add_node("secondary", "Alpha habit", parent=p.id)
    d.add_item("measures", {"id": "m1", "node_id": first.id, "name": "Papers", "type": "outcome"})
    d.add_item("measures", {"id": "m2", "node_id": second.id, "name": "Writing hours", "type": "process"})
    window.show_diagram(d, None)
    feature = next(f for f in window.features if f.objectName() == "measures-feature")
    feature.plan_dock.show()
    feature.plan_dock.raise_()
    plan = feature.plan
    plan.reload()

    def groups() -> list[str]:
        return [plan.tree.topLevelItem(i).text(0) for i in range(plan.tree.topLevelItemCount())]

    zest, alpha = "secondary driver 'Zest for writing'", "secondary driver 'Alpha habit'"
    assert groups() == [zest, alpha], "the diagram's order first"
    plan.sort_by.setFocus()
    QTest.keyClick(plan.sort_by, Qt.Key.Key_Down)  # "measure": by the first column, as its heading's click
    assert plan.sort_by.currentText() == "measure" and groups() == [alpha, zest]
    QTest.keyClick(plan.sort_by, Qt.Key.Key_Up)
    assert plan.sort_by.currentText() == "the diagram's order" and groups() == [zest, alpha]
    plan.tree.sortItems(5, Qt.SortOrder.AscendingOrder)  # a click on "Status"
    assert plan.sort_by.currentText() == "status"


def test_after_a_launch_on_the_welcome_page_the_measures_tabs_come_with_the_first_diagram(qtbot, tmp_path) -> None:
    from ui_helpers import forget_changes

    from driverdiagram.ui.app import launch

    w = launch(None, tmp_path / "recovery")
    qtbot.addWidget(w, before_close_func=forget_changes)
    qtbot.waitUntil(lambda: w.editor_ready, timeout=10_000)
    feature = next(f for f in w.features if f.objectName() == "measures-feature")
    assert feature.dock.isHidden() and w.details.isHidden(), "the welcome page has no panels"
    w.new_blank()
    assert not feature.dock.isHidden() and not feature.plan_dock.isHidden() and not w.details.isHidden()
    assert feature.dock in w.tabifiedDockWidgets(w.details)

"""The board of advisors, driven as a user drives it: the Network dock's people and its
matrix of who helps with which driver, the holes named under it, the person dialog (answered
here, and once typed into for real), Who Helps With This… on a node, and the supporters'
initials on the canvas — each gesture one undo step, and undo and redo reach the panel."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QColor, QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu

from driverdiagram.model import Person, PersonRole, load
from driverdiagram.ui import person_dialog
from driverdiagram.ui.network_feature import NetworkFeature
from driverdiagram.ui.network_panel import BELOW, HELPS, LINES, NONE_TINT, SINGLE_TINT, NetworkPanel
from driverdiagram.ui.person_dialog import DriverChecklist, HelpersDialog, PersonDialog

REAL_EDIT_PERSON = person_dialog.edit_person  # (conftest forbids it in every test; these run it for real)

CAREER = Path(__file__).resolve().parents[2] / "resources" / "examples" / "career.driver"
PEOPLE = ["person-hoffmann", "person-rivera", "person-chen", "person-lindqvist", "person-patel"]
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def career(window):
    window.show_diagram(load(CAREER), None)
    window.canvas.diagram_scene.clearSelection()
    return window


@pytest.fixture
def net(career) -> NetworkFeature:
    """The feature, installed as the window will install it (or the window's own, once it does)."""
    found = [f for f in career.features if isinstance(f, NetworkFeature)]
    feature = found[0] if found else career.install(NetworkFeature(career, career.marks))
    feature.dock.show()
    feature.dock.raise_()
    return feature


def person(w, person_id: str) -> Person:
    return w.document.diagram.item("people", person_id)


def cell_of(panel: NetworkPanel, node_id: str, person_id: str) -> tuple[int, int]:
    return [r.node_id for r in panel.analysis.rows].index(node_id), [p.id for p in panel.analysis.people].index(
        person_id
    )


def click_cell(panel: NetworkPanel, node_id: str, person_id: str) -> None:
    row, col = cell_of(panel, node_id, person_id)
    m = panel.matrix
    m.scrollToItem(m.item(row, col))
    QTest.mouseClick(m.viewport(), Qt.MouseButton.LeftButton, pos=m.visualItemRect(m.item(row, col)).center())


def test_the_career_example_lists_its_people_and_the_matrix_shows_their_help(career, net) -> None:
    w, panel = career, net.panel
    assert net.dock.objectName() == "network" and net.dock.windowTitle() == "Network"
    notes = w.findChild(type(net.dock), "notes")
    assert net.dock in w.tabifiedDockWidgets(notes), "a tab beside Notes"
    assert panel.row_ids() == PEOPLE
    lines = panel.list.item(0).data(LINES)
    assert lines[:2] == ("Prof. Lena Hoffmann · Career mentor", "Department of Medicine · l.hoffmann@example.org")
    assert lines[2].startswith("Helps with: Publications and grants, Research skills, Grant-writing skills")
    assert panel.list.item(1).data(LINES)[0] == "Dr. Tomás Rivera · Research / content mentor"
    m = panel.matrix
    heads = [m.horizontalHeaderItem(c) for c in range(m.columnCount())]
    assert [h.text() for h in heads] == ["LH", "TR", "WC", "SL", "MP"]
    assert heads[0].toolTip() == "Prof. Lena Hoffmann · Career mentor"
    rows = [m.verticalHeaderItem(r).text() for r in range(m.rowCount())]
    assert rows[:3] == [
        "Network & visibility",
        "\u2003A sponsor outside the department",
        "\u2003Visibility at national meetings",
    ]
    assert m.verticalHeaderItem(0).font().bold() and not m.verticalHeaderItem(1).font().bold()
    assert panel.cell_text("p-research", "person-hoffmann") == HELPS
    assert panel.cell_text("p-research", "person-rivera") == BELOW, "through Advanced methods, below it"
    assert panel.cell_text("p-research", "person-chen") == ""
    assert panel.cell_text("p-balance", "person-lindqvist") == panel.cell_text("p-balance", "person-patel") == HELPS


def test_clicking_a_drivers_row_selects_it_on_the_canvas(career, net) -> None:
    row, _ = cell_of(net.panel, "s-methods", "person-rivera")
    net.panel.matrix.verticalHeader().sectionClicked.emit(row)
    assert career.selected_ids() == ["s-methods"]


def test_adding_a_person_is_one_undo_step_and_undo_redo_reach_the_panel(career, net, monkeypatch) -> None:
    w, panel, stack = career, net.panel, career.document.undo_stack
    seen = []

    def write(parent, draft, drivers):
        seen.append((draft, drivers))
        return draft.but(name="Dr. Ana Costa", role=PersonRole.SPONSOR, organisation="Cardiology")

    monkeypatch.setattr(person_dialog, "edit_person", write)
    w.select("p-clinical")
    before = stack.count()
    net.act_add.trigger()
    draft, drivers = seen[0]
    assert draft.name == "" and draft.helps_with == ["p-clinical"], "prefilled with the selected driver"
    assert drivers[:4] == [
        ("p-network", "Network & visibility", 0),
        ("s-sponsor", "A sponsor outside the department", 1),
        ("s-conferences", "Visibility at national meetings", 1),
        ("s-teaching", "Teaching and supervising residents", 1),
    ]
    assert stack.count() == before + 1 and stack.undoText() == "Add person"
    new_id = panel.row_ids()[-1]
    assert person(w, new_id).name == "Dr. Ana Costa" and panel.current_id() == new_id
    assert panel.matrix.horizontalHeaderItem(5).text() == "AC"
    assert panel.cell_text("p-clinical", new_id) == HELPS
    stack.undo()
    assert panel.row_ids() == PEOPLE and panel.matrix.columnCount() == 5
    stack.redo()
    assert panel.row_ids() == [*PEOPLE, new_id]

    monkeypatch.setattr(person_dialog, "edit_person", lambda parent, draft, drivers: None)
    panel.add_button.click()
    assert stack.count() == before + 1, "cancelled: no step"


def test_clicking_a_matrix_cell_toggles_help_in_one_step_and_undo_restores(career, net) -> None:
    w, panel, stack = career, net.panel, career.document.undo_stack
    assert "p-research" not in person(w, "person-rivera").helps_with
    click_cell(panel, "p-research", "person-rivera")
    assert "p-research" in person(w, "person-rivera").helps_with
    assert stack.undoText() == "Tomás helps with Research skills"
    assert panel.cell_text("p-research", "person-rivera") == HELPS
    click_cell(panel, "s-methods", "person-rivera")
    assert stack.undoText() == "Tomás no longer helps with Advanced methods: causal inference and…"
    assert "s-methods" not in person(w, "person-rivera").helps_with
    stack.undo()
    stack.undo()
    assert person(w, "person-rivera").helps_with == ["s-methods", "s-first-author"]
    assert panel.cell_text("p-research", "person-rivera") == BELOW
    row, col = cell_of(panel, "p-clinical", "person-chen")
    panel.matrix.setCurrentCell(row, col)
    QTest.keyClick(panel.matrix, Qt.Key.Key_Space)
    assert stack.undoText() == "Wei helps with Clinical excellence", "Space toggles the current cell"


def test_the_holes_name_an_unsupported_driver_and_one_resting_on_one_person(career, net) -> None:
    w, panel = career, net.panel
    holes = panel.holes_plain()
    none, single = holes.splitlines()
    assert none.startswith("No one helps with: Teaching and supervising residents, Clinical excellence, ")
    assert single.startswith(
        "Resting on one person: Network & visibility, A sponsor outside the department, "
        "Visibility at national meetings (Dr. Chen); "
    ), "grouped by the one person"
    assert single.endswith("; Boundaries around evenings and we… (Maya Patel)")
    row, _ = cell_of(panel, "p-network", "person-chen")
    assert panel.matrix.verticalHeaderItem(row).background().color() == QColor(SINGLE_TINT)
    doc = w.document
    with doc.batch("Dr. Chen steps back"):
        doc.edit_item("people", "person-chen", None, helps_with=[])
    holes = panel.holes_plain()
    assert holes.startswith("No one helps with: Network & visibility, A sponsor outside the department")
    assert "(Dr. Chen)" not in holes
    assert panel.matrix.verticalHeaderItem(row).background().color() == QColor(NONE_TINT)
    assert panel.matrix.item(row, 0).background().color() == QColor(NONE_TINT), "the whole row"
    doc.undo_stack.undo()
    assert "Visibility at national meetings (Dr. Chen)" in panel.holes_plain(), "back on Dr. Chen"


def test_the_supporters_toggle_puts_initials_on_the_right_nodes_and_follows_edits(career, net) -> None:
    w = career
    assert not net.act_supporters.isChecked() and w.marks.shown("network") == {}
    net.act_supporters.trigger()
    shown = w.marks.shown("network")
    helped = {ref for p in w.document.diagram.items("people") for ref in p.helps_with}
    assert set(shown) == helped and "p-clinical" not in shown
    assert shown["p-balance"].mark.tag == "SL MP" and shown["p-network"].mark.tag == "WC"
    assert "Dr. Wei Chen · Sponsor" in shown["p-network"].mark.tip
    assert QSettings().value("view/supporters", type=bool) is True
    click_cell(net.panel, "p-clinical", "person-hoffmann")
    assert w.marks.shown("network")["p-clinical"].mark.tag == "LH", "marks follow edits"
    w.document.undo_stack.undo()
    assert "p-clinical" not in w.marks.shown("network"), "and undo"
    again = NetworkFeature(w, w.marks)
    assert again.act_supporters.isChecked(), "remembered"
    again.deleteLater()
    net.act_supporters.trigger()
    assert w.marks.shown("network") == {} and QSettings().value("view/supporters", type=bool) is False


def test_who_helps_with_this_on_a_node_assigns_two_people_in_one_step(career, net, monkeypatch) -> None:
    w, stack = career, career.document.undo_stack
    offered = []

    def choose(parent, node_text, people):
        offered.append((node_text, people))
        return ["person-rivera", "person-patel"]

    monkeypatch.setattr(person_dialog, "choose_helpers", choose)
    plan = next(a.menu() for a in w.menuBar().actions() if a.text() == "&Plan")
    assert {net.act_add, net.act_who, net.act_supporters} <= set(plan.actions())
    before = stack.count()
    picked: list[str] = []

    def pick_from_menu() -> None:  # the right-click menu pops up: choose our action in it
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            picked.extend(a.text() for a in menu.actions())
            menu.close()
            net.act_who.trigger()

    QTimer.singleShot(50, pick_from_menu)
    pos = w.canvas.mapFromScene(w.canvas.diagram_scene.nodes["s-team"].sceneBoundingRect().center())
    global_pos = w.canvas.viewport().mapToGlobal(pos)
    w.canvas.contextMenuEvent(QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, global_pos))
    assert "&Who Helps With This…" in picked and w.selected_ids() == ["s-team"], "on a node's right-click menu"
    node_text, people = offered[0]
    assert node_text == "A small, reliable research team"
    assert people[1] == ("person-rivera", "Dr. Tomás Rivera — Research / content mentor", False)
    assert stack.count() == before + 1 and stack.undoText() == "Who helps with A small, reliable research team"
    assert "s-team" in person(w, "person-rivera").helps_with and "s-team" in person(w, "person-patel").helps_with
    assert net.panel.cell_text("s-team", "person-patel") == HELPS
    stack.undo()
    assert all("s-team" not in p.helps_with for p in w.document.diagram.items("people"))
    w.canvas.diagram_scene.clearSelection()
    net.act_who.trigger()
    assert len(offered) == 1, "no node: no dialog, a refusal instead"


def test_editing_and_deleting_a_person_each_one_step(career, net, monkeypatch) -> None:
    w, panel, stack = career, net.panel, career.document.undo_stack

    def edit(parent, old, drivers):
        return old.but(organisation="Writing group, School of Medicine", helps_with=[*old.helps_with, "s-health"])

    monkeypatch.setattr(person_dialog, "edit_person", edit)
    panel.show_person("person-lindqvist")
    panel.edit_button.click()
    assert stack.undoText() == "Edit person"
    assert person(w, "person-lindqvist").organisation == "Writing group, School of Medicine"
    assert panel.list.item(3).data(LINES)[1] == "Writing group, School of Medicine"
    assert panel.cell_text("s-health", "person-lindqvist") == HELPS
    panel.show_person("person-chen")
    before = stack.count()
    panel.list.setFocus()  # (as a click on the list would: the canvas's Delete is the canvas's)
    QTest.keyClick(panel.list, Qt.Key.Key_Delete)
    assert stack.count() == before + 1 and stack.undoText() == "Delete person"
    assert "person-chen" not in panel.row_ids() and panel.matrix.columnCount() == 4
    assert "Network & visibility" in panel.holes_plain().splitlines()[0], "nobody helps with it now"
    stack.undo()
    assert panel.row_ids() == PEOPLE


# ---------------------------------------------------------------------- the dialogs
DRIVERS = [("p-research", "Research skills", 0), ("s-team", "A small team", 1), ("s-methods", "Methods", 1)]


def test_the_person_dialog_returns_the_person_as_its_fields_say(qtbot) -> None:
    draft = Person(id="person-9", name="", helps_with=["c-k-award", "s-methods"])
    dialog = PersonDialog(None, draft, DRIVERS)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.windowTitle() == "Add Person" and not ok.isEnabled(), "a name first"
    assert [dialog.role.itemText(i) for i in range(dialog.role.count())] == [
        "Career mentor",
        "Research / content mentor",
        "Sponsor",
        "Peer mentor",
        "Coach",
        "Family / friend",
        "Other",
    ]
    top = dialog.helps.topLevelItem(0)
    assert dialog.helps.topLevelItemCount() == 1 and top.childCount() == 2, "secondary drivers under their primary"
    assert dialog.others_note.isVisibleTo(dialog) and "1 other node" in dialog.others_note.text()
    dialog.name.setText("   ")
    assert not ok.isEnabled()
    dialog.name.setText("  Dr. Ana Costa ")
    assert ok.isEnabled()
    dialog.role.setCurrentIndex(2)
    dialog.organisation.setText("Cardiology")
    dialog.contact.setText("a.costa@example.org")
    dialog.helps.set_checked("p-research", True)
    dialog.helps.set_checked("s-methods", False)
    dialog.note_text.setPlainText("Meets me each term.")
    dialog.accept()
    got = dialog.result_person()
    assert (got.id, got.name, got.role, got.organisation, got.contact, got.notes) == (
        "person-9",
        "Dr. Ana Costa",
        PersonRole.SPONSOR,
        "Cardiology",
        "a.costa@example.org",
        "Meets me each term.",
    )
    assert got.helps_with == ["c-k-award", "p-research"], "help with a change idea is kept"


def answer_modally(qtbot, steps) -> None:
    def act():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PersonDialog)
        steps(dialog)

    QTimer.singleShot(0, act)


def test_the_person_dialog_typed_into_and_enter_accepts(qtbot) -> None:
    def steps(dialog: PersonDialog) -> None:
        QTest.keyClick(dialog.name, Qt.Key.Key_Return)  # no name yet: Enter does nothing
        assert dialog.isVisible()
        QTest.keyClicks(dialog.name, "Maya Patel")
        dialog.helps.setFocus()
        dialog.helps.setCurrentItem(dialog.helps.topLevelItem(0).child(0))
        QTest.keyClick(dialog.helps, Qt.Key.Key_Space)  # ticks "A small team"
        QTest.keyClick(dialog.name, Qt.Key.Key_Return)

    answer_modally(qtbot, steps)
    got = REAL_EDIT_PERSON(None, Person(id="person-1", name=""), DRIVERS)
    assert got is not None and (got.name, got.helps_with) == ("Maya Patel", ["s-team"])


def test_the_person_dialog_ctrl_enter_in_the_notes_accepts(qtbot) -> None:
    def steps(dialog: PersonDialog) -> None:
        QTest.keyClicks(dialog.note_text, "Line one")
        QTest.keyClick(dialog.note_text, Qt.Key.Key_Return)  # Enter alone: a new line
        assert dialog.isVisible()
        QTest.keyClicks(dialog.note_text, "two")
        QTest.keyClick(dialog.note_text, Qt.Key.Key_Return, CTRL)

    answer_modally(qtbot, steps)
    old = Person(id="person-1", name="Dr. Wei Chen", role=PersonRole.SPONSOR, helps_with=["s-team"])
    got = REAL_EDIT_PERSON(None, old, DRIVERS)
    assert got is not None and got.notes == "Line one\ntwo" and got.helps_with == ["s-team"]
    assert got.role == PersonRole.SPONSOR


def test_the_helpers_chooser_returns_the_people_ticked(qtbot) -> None:
    dialog = HelpersDialog(None, "Research skills", [("a", "Ana — Sponsor", True), ("b", "Bo — Coach", False)])
    qtbot.addWidget(dialog)
    assert dialog.chosen() == ["a"]
    dialog.boxes[1][1].setChecked(True)
    dialog.boxes[0][1].setChecked(False)
    assert dialog.chosen() == ["b"]


def test_no_network_widget_hides_a_qt_method_under_an_attribute(career, net) -> None:
    from PySide6.QtCore import Signal

    widgets = [
        PersonDialog(None, Person(id="p", name="x"), DRIVERS),
        HelpersDialog(None, "x", [("a", "A", False)]),
        DriverChecklist(DRIVERS, []),
        net.panel,
    ]
    for w in widgets:
        qt_names = {n for cls in type(w).__mro__ if cls.__module__.startswith("PySide6") for n in vars(cls)}
        clashes = sorted(n for n in set(vars(w)) & qt_names if not isinstance(getattr(type(w), n, None), Signal))
        assert not clashes, f"{type(w).__name__} hides Qt's {clashes}"


def test_who_helps_with_nobody_in_the_network_yet_opens_the_person_dialog(career, net, monkeypatch) -> None:
    w, doc = career, career.document
    with doc.batch("Nobody"):
        for p in doc.diagram.items("people"):
            doc.remove_item("people", p.id)
    assert net.panel.empty.isVisibleTo(net.panel) and not net.panel.matrix.isVisibleTo(net.panel)
    seen = []
    monkeypatch.setattr(
        person_dialog, "edit_person", lambda parent, draft, drivers: seen.append(draft) or draft.but(name="Bo Li")
    )
    w.select("s-team")
    before = doc.undo_stack.count()
    net.act_who.trigger()
    assert seen[0].helps_with == ["s-team"], "the node ticked for the first person"
    assert doc.undo_stack.count() == before + 1 and [p.name for p in doc.diagram.items("people")] == ["Bo Li"]
    assert net.panel.matrix.isVisibleTo(net.panel)

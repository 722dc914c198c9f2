"""The mentoring meeting as a mentor holds it: meeting mode, a gap note and an action item on
a selected driver, the summary to copy; then what the mentee changed since, the gaps, and
notes brought in from the mentor's copy — each one undo step, each visible on the canvas."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from ui_helpers import shortcut

from driverdiagram.model import Annotation, AnnotationKind, AuthorRole, MilestoneKind, load, save
from driverdiagram.ui import action_item_dialog, dialogs, merge_notes, note_dialog, summary_dialog
from driverdiagram.ui.changes_feature import ChangesFeature
from driverdiagram.ui.gaps_feature import GapsFeature
from driverdiagram.ui.meeting_feature import MeetingFeature
from driverdiagram.ui.merge_notes import MergeNotes

CAREER = Path(__file__).parents[2] / "resources" / "examples" / "career.driver"
TODAY = dt.date.today()


def feature(w, cls):
    return next(f for f in w.features if isinstance(f, cls))


@pytest.fixture
def career(window):
    window.show_diagram(load(CAREER), None)
    return window


@pytest.fixture
def answers(monkeypatch):
    """The dialogs a meeting opens, answered as the mentor would; what they were shown is kept."""
    seen: dict[str, list] = {"summary": [], "note": [], "action": []}
    monkeypatch.setattr(dialogs, "ask_text", lambda parent, title, label, text="": "Prof. Lena Hoffmann")

    def write_note(parent, note, node_text, title, meetings=()):
        seen["note"].append((note, node_text))
        return note.but(text="Who does the data work when you are on the wards?")

    def agree_action(parent, item, node_text, title):
        seen["action"].append((item, node_text))
        return item.but(title="Ask Tomás about a shared research coordinator", due=dt.date(2027, 1, 15))

    monkeypatch.setattr(note_dialog, "edit_note", write_note)
    monkeypatch.setattr(action_item_dialog, "edit_action_item", agree_action)
    monkeypatch.setattr(summary_dialog, "show_summary", lambda parent, text: seen["summary"].append(text))
    return seen


def start_meeting(w) -> MeetingFeature:
    meeting = feature(w, MeetingFeature)
    shortcut(w, "Ctrl+Shift+M")
    assert meeting.in_meeting
    return meeting


def test_a_mentor_holds_a_meeting_adds_a_gap_and_an_action_and_copies_the_summary(career, answers) -> None:
    w = career
    zoom = w.canvas.zoom
    meeting = start_meeting(w)
    d = w.document.diagram
    today = [m for m in d.items("meetings") if m.date == TODAY]
    assert len(today) == 1 and today[0].mentor == "Prof. Lena Hoffmann"
    assert today[0].snapshot is not None and len(today[0].snapshot.nodes) == len(d.nodes())
    assert w.canvas.zoom > zoom * 1.4, "larger text for a shared screen"
    assert QSettings().value("meeting/mentor") == "Prof. Lena Hoffmann"
    assert meeting.dock.isVisible()

    w.select("s-team")
    shortcut(w, "Ctrl+Shift+G")
    note = w.document.diagram.items("annotations")[-1]
    assert (note.kind, note.node_id, note.author, note.role) == (
        AnnotationKind.GAP,
        "s-team",
        "Prof. Lena Hoffmann",
        AuthorRole.MENTOR,
    )
    assert (note.created, note.meeting_id) == (TODAY, today[0].id), "a note in the meeting carries its date"

    shortcut(w, "Ctrl+Shift+A")
    item = w.document.diagram.items("milestones")[-1]
    assert (item.kind, item.node_id, item.meeting_id, item.due) == (
        MilestoneKind.HOMEWORK,
        "s-team",
        today[0].id,
        dt.date(2027, 1, 15),
    )
    assert answers["action"][0][1] == w.document.diagram.node("s-team").text, "the dialog says which node"
    assert meeting.panel.action_list.topLevelItemCount() == 1, "the action shows in the meeting's list"

    shortcut(w, "Ctrl+Shift+M")
    assert not meeting.in_meeting
    assert w.canvas.zoom == pytest.approx(zoom)
    (text,) = answers["summary"]
    assert "Prof. Lena Hoffmann" in text
    assert "Who does the data work" in text
    assert "Ask Tomás about a shared research coordinator" in text
    assert "15 January 2027" in text
    after = w.notes.defaults()
    assert after.meeting_id is None and after.role is AuthorRole.MENTEE, "outside a meeting notes are the mentee's"


def test_undoing_the_start_of_a_meeting_ends_meeting_mode(career, answers) -> None:
    w = career
    meeting = start_meeting(w)
    count = len(w.document.diagram.items("meetings"))
    w.document.undo_stack.undo()
    assert len(w.document.diagram.items("meetings")) == count - 1
    assert not meeting.in_meeting and not meeting.act_mode.isChecked()
    assert answers["summary"] == []


def test_a_meeting_on_the_same_day_is_resumed_not_doubled(career, answers) -> None:
    w = career
    start_meeting(w)
    shortcut(w, "Ctrl+Shift+M")
    count = len(w.document.diagram.items("meetings"))
    start_meeting(w)
    assert len(w.document.diagram.items("meetings")) == count


def test_changes_since_the_meeting_list_exactly_what_the_mentee_changed(career, answers, qtbot) -> None:
    w = career
    start_meeting(w)
    w.select("s-team")
    shortcut(w, "Ctrl+Shift+G")  # the meeting's own gap note is not a change since the meeting
    shortcut(w, "Ctrl+Shift+M")
    meeting_id = next(m.id for m in w.document.diagram.items("meetings") if m.date == TODAY)
    # the mentee, after the meeting: rewords a driver and adds a change idea under a secondary
    w.document.set_text("s-team", "Build a research team with a shared coordinator")
    new_id = w.document.add_child("s-team", "Share a coordinator with Tomás's group")
    changes = feature(w, ChangesFeature)
    changes.show_panel(meeting_id)
    rows = [
        changes.panel.list.full_text(changes.panel.list.topLevelItem(i).child(j))
        for i in range(changes.panel.list.topLevelItemCount())
        for j in range(changes.panel.list.topLevelItem(i).childCount())
    ]
    assert len(rows) == 2, rows
    assert any("Share a coordinator" in r for r in rows)
    assert any("shared coordinator" in r for r in rows)
    shown = w.marks.shown("changes")
    assert set(shown) == {"s-team", new_id}
    assert shown[new_id].mark.tag == "new" and shown["s-team"].mark.tag == "changed"
    group = changes.panel.list.topLevelItem(0)
    changes.panel.list.itemClicked.emit(group.child(0), 0)
    assert w.selected_ids() in (["s-team"], [new_id])
    changes.dock.hide()
    QApplication.processEvents()
    assert w.marks.shown("changes") == {}, "marks go with the panel"


def test_the_gaps_panel_lists_the_careers_gaps_and_marks_them_while_open(career) -> None:
    w = career
    gaps = feature(w, GapsFeature)
    gaps.show_panel()
    assert gaps.panel.gaps, "the career example has gaps to talk about"
    assert any(g.rule == "open_gap_note" and g.node_id == "s-team" for g in gaps.panel.gaps)
    assert "s-team" in w.marks.shown("gaps")
    w.details.raise_()  # another tab in front: the canvas is not marked from behind it
    QApplication.processEvents()
    assert w.marks.shown("gaps") == {}
    gaps.show_panel()
    w.document.edit_item("annotations", "note-2", resolved=TODAY)
    gaps.refresh()
    assert not any(g.rule == "open_gap_note" and g.node_id == "s-team" for g in gaps.panel.gaps)


def test_notes_are_brought_in_from_a_mentors_copy_in_one_step(career, tmp_path, monkeypatch) -> None:
    w = career
    theirs = load(CAREER)
    theirs.add_item(
        "annotations",
        Annotation(id="note-new", node_id="p-balance", kind="praise", text="Great month", created=TODAY),
    )
    theirs.replace_item("annotations", theirs.item("annotations", "note-5").but(text="Dr. Chen said yes!"))
    theirs.add_node("secondary", "Teaching portfolio", parent="p-balance", id="s-teaching-2")
    theirs.add_item(
        "annotations", Annotation(id="note-orphan", node_id="s-teaching-2", text="Start one", created=TODAY)
    )
    copy = tmp_path / "lenas-copy.driver"
    save(theirs, copy)
    monkeypatch.setattr(dialogs, "open_file", lambda *a: str(copy))
    monkeypatch.setattr(merge_notes, "choose_versions", lambda parent, plan: {"annotations/note-5": True})
    before = len(w.document.diagram.items("annotations"))
    assert feature(w, MergeNotes).bring_in()
    notes = {a.id: a for a in w.document.diagram.items("annotations")}
    assert len(notes) == before + 2
    assert notes["note-new"].text == "Great month"
    assert notes["note-5"].text == "Dr. Chen said yes!"
    assert notes["note-orphan"].node_id is None and notes["note-orphan"].detached_from == "Teaching portfolio"
    w.document.undo_stack.undo()
    assert len(w.document.diagram.items("annotations")) == before, "one undo step"
    assert w.document.diagram.item("annotations", "note-5").text != "Dr. Chen said yes!"


def test_a_broken_copy_brings_nothing_in_and_says_why(career, tmp_path, monkeypatch) -> None:
    w = career
    bad = tmp_path / "broken.driver"
    bad.write_text("{ not json")
    said = []
    monkeypatch.setattr(dialogs, "open_file", lambda *a: str(bad))
    monkeypatch.setattr(dialogs, "warning", lambda parent, title, text, *a: said.append(text))
    count = w.document.undo_stack.count()
    assert not feature(w, MergeNotes).bring_in()
    assert said and "broken.driver" in said[0] and "Nothing was brought in" in said[0]
    assert w.document.undo_stack.count() == count


def test_the_action_item_dialog_is_typed_and_accepted_with_ctrl_enter(qapp) -> None:
    """The real dialog, run modally as the window runs it: type the action, Ctrl+Enter."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest

    from driverdiagram.model import Milestone

    item = Milestone(id="a1", title="", kind="homework", owner="Amara", due=dt.date(2026, 12, 16))
    dialog = action_item_dialog.ActionItemDialog(item, "A small, reliable research team", "New action item")
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled(), "nothing typed yet"

    def type_and_accept():
        QTest.keyClicks(dialog.title, "Ask Tomas about his coordinator")
        QTest.keyClick(dialog.title, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    QTimer.singleShot(0, type_and_accept)
    assert dialog.exec() == dialog.DialogCode.Accepted
    got = dialog.result_item()
    assert (got.title, got.owner, got.due, got.done) == ("Ask Tomas about his coordinator", "Amara", item.due, None)


def test_no_panel_or_dialog_hides_a_qt_method_under_a_widget_attribute(career, answers) -> None:
    """An attribute named like a Qt method (a check box called `done` on a QDialog) makes Qt call
    the widget instead of the method: the app crashes when the dialog closes."""
    from PySide6.QtCore import Signal

    from driverdiagram.model import Milestone
    from driverdiagram.model.merge import plan_merge
    from driverdiagram.ui.changes_feature import ChangesPanel
    from driverdiagram.ui.gaps_feature import GapsPanel
    from driverdiagram.ui.meeting_panel import MeetingPanel
    from driverdiagram.ui.merge_notes import VersionsDialog
    from driverdiagram.ui.note_dialog import NoteDialog
    from driverdiagram.ui.notes_panel import NotesPanel
    from driverdiagram.ui.summary_dialog import SummaryDialog

    d = career.document.diagram
    widgets = [
        action_item_dialog.ActionItemDialog(Milestone(id="a", title="x"), "", "t"),
        NoteDialog(None, d.items("annotations")[0], "", "t"),
        SummaryDialog("text"),
        VersionsDialog(plan_merge(d, d)),
        MeetingPanel(career.document, career.select),
        GapsPanel(),
        ChangesPanel(),
    ]
    widgets += [w for w in career.findChildren(NotesPanel)]
    for w in widgets:
        qt_names = {n for cls in type(w).__mro__ if cls.__module__.startswith("PySide6") for n in vars(cls)}
        clashes = sorted(  # (a connected signal caches itself on the instance: not a clash)
            n for n in set(vars(w)) & qt_names if not isinstance(getattr(type(w), n, None), Signal)
        )
        assert not clashes, f"{type(w).__name__} hides Qt's {clashes}"


def test_the_meeting_log_is_edited_in_the_panel_one_step_per_burst_and_undo_reaches_it(career, answers) -> None:
    from PySide6.QtWidgets import QApplication as App

    w = career
    meeting = start_meeting(w)
    panel = meeting.panel
    meeting_id = meeting.live
    panel.agenda.setFocus()
    App.processEvents()
    panel.agenda.insertPlainText("1. Research team")
    panel.agenda.insertPlainText("\n2. K-award timeline")
    assert w.document.diagram.item("meetings", meeting_id).agenda == "1. Research team\n2. K-award timeline"
    w.document.undo_stack.undo()
    assert w.document.diagram.item("meetings", meeting_id).agenda == "", "one typing burst, one step"
    assert panel.agenda.toPlainText() == "", "undo reaches the panel"
    w.document.edit_item("meetings", meeting_id, summary="Agreed: a coordinator shared with Tomás.")
    assert panel.summary.toPlainText() == "Agreed: a coordinator shared with Tomás."
    items = [panel.picker.itemText(i) for i in range(panel.picker.count())]
    assert items[0].endswith("(now)") and len(items) == 4, "the log, newest first, the meeting held now on top"


def test_the_export_dialog_offers_the_changes_since_a_meeting_that_kept_a_snapshot(qapp) -> None:
    from driverdiagram.ui.export_dialog import ExportDialog, ExportOptions

    none = ExportDialog(None)
    assert not none.section_boxes["changes"].isEnabled(), "no snapshot yet: nothing to compare with"
    assert "changes" not in none.options().sections and none.options().changes_since is None
    asked = ExportDialog(None, meetings=[("m2", "3 March 2026"), ("m1", "6 January 2026")], changes_since="m1")
    assert asked.section_boxes["changes"].isChecked()
    options = asked.options()
    assert options.changes_since == "m1" and "changes" in options.sections
    assert options.as_kwargs()["changes_since"] == "m1"
    asked.accept()
    assert "changes" not in ExportOptions.load().sections, "a meeting of one diagram is never remembered"


def test_a_section_newer_than_the_saved_choice_is_ticked_and_contacts_are_never_remembered(qapp) -> None:
    from driverdiagram.export.sections import DEFAULT_SECTION_KEYS
    from driverdiagram.ui.export_dialog import ExportOptions

    s = QSettings()
    s.setValue("export/sections", "diagram,compact")  # saved by a version that knew four sections
    s.remove("export/known")
    got = ExportOptions.load().sections
    assert "measures" not in got and "notes" not in got, "the user's unticked sections stay unticked"
    assert "meetings" in got, "a section the saved choice never knew is printed"
    ExportOptions(sections=("diagram",), contacts=True).save()
    again = ExportOptions.load()
    assert again.sections == ("diagram",) and again.contacts is False
    assert set(DEFAULT_SECTION_KEYS) >= set(again.sections)

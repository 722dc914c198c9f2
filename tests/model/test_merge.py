"""Bringing in notes from another copy: new, changed, identical, orphaned and mine-only items."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from driverdiagram.model import Annotation, Diagram, DiagramError, Milestone, NodeKind, load, to_document
from driverdiagram.model import merge as merge_module
from driverdiagram.model.merge import Conflict, MergePlan, plan_merge, resolve

from .conftest import assert_valid

CAREER = Path(__file__).resolve().parents[2] / "resources" / "examples" / "career.driver"
DAY = dt.date(2026, 3, 3)
COORDINATOR = "Hire a 0.5 FTE research coordinator from start-up funds"


def apply(d: Diagram, edits: list[tuple[str, str, Any]]) -> None:
    """What the app does with `resolve`'s edits (there, as one undo step)."""
    with d.batch():
        for op, collection, item in edits:
            if op == "add":
                d.add_item(collection, item)
            else:
                assert op == "replace"
                d.replace_item(collection, item)


def note(id: str, text: str, node_id: str | None = "s-team", **kw: Any) -> Annotation:
    return Annotation(id=id, node_id=node_id, text=text, created=DAY, author="Prof. Lena Hoffmann", **kw)


@pytest.fixture
def copies() -> tuple[Diagram, Diagram]:
    """Mine (the mentee's) and theirs (the mentor's), both from the career example. I removed the
    coordinator change idea and wrote a note of my own; the mentor wrote on both copies' nodes."""
    mine, theirs = load(CAREER), load(CAREER)
    mine.remove_nodes("c-hire-coordinator")
    mine.add_item("annotations", note("mine-1", "My own thought", role="mentee"))
    theirs.add_item("annotations", note("new-1", "Who runs the data?", kind="question", meeting_id="meeting-2026-03"))
    theirs.add_item("annotations", note("new-2", "Well done", node_id=None, kind="praise"))
    theirs.add_item("annotations", note("orphan-1", "Funding?", node_id="c-hire-coordinator", kind="gap"))
    theirs.add_item(
        "milestones",
        Milestone(id="hw-1", title="Ask Tomás", kind="homework", owner="Amara", due=dt.date(2027, 1, 15)),
    )
    theirs.add_item(
        "milestones",
        Milestone(id="orphan-ms", title="Post the job", node_id="c-hire-coordinator", notes="Start-up funds"),
    )
    theirs.replace_item("annotations", theirs.item("annotations", "note-2").but(text="Still nobody on the team."))
    theirs.replace_item("milestones", theirs.item("milestones", "ms-template-meeting").but(done=dt.date(2026, 3, 12)))
    return mine, theirs


def test_the_plan_sorts_new_changed_and_unchanged_items(copies: tuple[Diagram, Diagram]) -> None:
    mine, theirs = copies
    plan = plan_merge(mine, theirs)
    assert [(c, it.id) for c, it in plan.new] == [
        ("annotations", "new-1"),
        ("annotations", "new-2"),
        ("annotations", "orphan-1"),
        ("milestones", "hw-1"),
        ("milestones", "orphan-ms"),
    ]
    assert [(c.collection, c.id) for c in plan.conflicts] == [
        ("annotations", "note-2"),
        ("milestones", "ms-template-meeting"),
    ]
    assert plan.orphans == ("orphan-1", "orphan-ms")
    assert plan.unchanged == 5 - 1 + 12 - 1  # the example's notes and milestones, less the two changed
    assert not plan.empty
    assert plan.describe() == (
        "3 new notes, 1 new action item, 1 new milestone, 2 changed (choose which to keep), "
        "2 on nodes no longer in this diagram"
    )


def test_orphans_are_kept_on_the_whole_diagram_saying_where_they_were(copies: tuple[Diagram, Diagram]) -> None:
    mine, theirs = copies
    new = dict((it.id, it) for _, it in plan_merge(mine, theirs).new)
    assert new["orphan-1"].node_id is None
    assert new["orphan-1"].detached_from == COORDINATOR
    assert new["orphan-1"].text == "Funding?"  # nothing else changes
    assert new["orphan-ms"].node_id is None
    assert new["orphan-ms"].notes == f"(was on: {COORDINATOR})\nStart-up funds"
    assert new["new-1"] == theirs.item("annotations", "new-1")  # on a node I have: as it was


def test_resolve_keeps_mine_by_default_and_adds_the_new(copies: tuple[Diagram, Diagram]) -> None:
    mine, theirs = copies
    before_note, before_ms = mine.item("annotations", "note-2"), mine.item("milestones", "ms-template-meeting")
    edits = resolve(plan_merge(mine, theirs), {})
    assert [(op, c, it.id) for op, c, it in edits] == [
        ("add", "annotations", "new-1"),
        ("add", "annotations", "new-2"),
        ("add", "annotations", "orphan-1"),
        ("add", "milestones", "hw-1"),
        ("add", "milestones", "orphan-ms"),
    ]
    apply(mine, edits)
    assert_valid(mine)
    assert mine.item("annotations", "note-2") == before_note
    assert mine.item("milestones", "ms-template-meeting") == before_ms
    assert mine.item("annotations", "mine-1").text == "My own thought"  # mine only: left alone
    orphan = mine.item("annotations", "orphan-1")
    assert (orphan.node_id, orphan.detached_from) == (None, COORDINATOR)
    assert mine.item("milestones", "orphan-ms").node_id is None
    assert mine.item("milestones", "hw-1").due == dt.date(2027, 1, 15)
    again = plan_merge(mine, theirs)  # the conflicts I kept are still offered, nothing else
    assert not again.new and len(again.conflicts) == 2


def test_resolve_takes_theirs_where_chosen(copies: tuple[Diagram, Diagram]) -> None:
    mine, theirs = copies
    plan = plan_merge(mine, theirs)
    edits = resolve(plan, {"note-2": True, "ms-template-meeting": False})
    assert ("replace", "annotations", theirs.item("annotations", "note-2")) in edits
    assert not any(it.id == "ms-template-meeting" for _, _, it in edits)
    apply(mine, edits)
    assert mine.item("annotations", "note-2").text == "Still nobody on the team."
    assert mine.item("milestones", "ms-template-meeting").done is None
    apply(mine, resolve(plan_merge(mine, theirs), {"ms-template-meeting": True}))
    assert mine.item("milestones", "ms-template-meeting").done == dt.date(2026, 3, 12)
    final = plan_merge(mine, theirs)
    assert final.empty and final.describe() == (
        "Nothing new: all 22 notes and action items of the other copy are already here."
    )
    assert len(mine.items("annotations")) == 5 + 1 + 3  # a merge never removes
    assert_valid(mine)
    to_document(mine)  # still a valid file


def test_conflict_fields_name_what_differs_in_users_words(copies: tuple[Diagram, Diagram]) -> None:
    mine, theirs = copies
    note_conflict, ms_conflict = plan_merge(mine, theirs).conflicts
    assert note_conflict.fields() == [
        (
            "Note",
            "Nothing measures the team, and nobody in your network helps with it. "
            "Who does the data work when you’re on the wards?",
            "Still nobody on the team.",
        )
    ]
    assert ms_conflict.fields() == [("Done", "not done", "12 March 2026")]
    moved = Conflict(
        "annotations",
        mine.item("annotations", "note-2"),
        mine.item("annotations", "note-2").but(node_id=None, kind="praise", meeting_id=None),
        plan_merge(mine, theirs).conflicts[0].names,
    )
    assert moved.fields()[:2] == [
        ("On", "A small, reliable research team", "the whole diagram"),
        ("Kind", "Gap", "Praise"),
    ]
    assert moved.fields()[2] == ("Meeting", "meeting of 6 January 2026", "no meeting")
    invisible = Conflict("annotations", note("x", "Hello"), note("x", "Hello\u200f"))
    assert invisible.fields() == [("Note", "Hello", "Hello\\u200f")]
    spaced = Conflict("annotations", note("x", "Hello"), note("x", "Hello "))
    assert spaced.fields() == [("Note", "'Hello'", "'Hello '")]


def test_conflict_names_nodes_and_meetings_by_their_words() -> None:
    mine, theirs = load(CAREER), load(CAREER)
    mine.add_item("annotations", note("n", "A", node_id="s-team"))
    theirs.add_item("annotations", note("n", "A", node_id="s-sponsor", meeting_id="meeting-2026-03"))
    (c,) = plan_merge(mine, theirs).conflicts
    assert c.fields() == [
        ("On", "A small, reliable research team", "A sponsor outside the department"),
        ("Meeting", "no meeting", "meeting of 3 March 2026"),
    ]


def test_a_node_i_removed_is_not_a_change_of_theirs() -> None:
    mine, theirs = load(CAREER), load(CAREER)
    mine.remove_nodes("c-pilot-grant")  # my milestone on it lets go of it; theirs is still on it
    assert mine.item("milestones", "ms-pilot-grant").node_id is None
    plan = plan_merge(mine, theirs)
    assert plan.empty and not plan.orphans


def test_long_and_empty_node_texts_fit_the_schema() -> None:
    mine, theirs = load(CAREER), load(CAREER)
    theirs.add_node(NodeKind.CHANGE_IDEA, "x" * 20_000, parent="s-team", id="c-long")
    theirs.add_node(NodeKind.CHANGE_IDEA, "", parent="s-team", id="c-empty")
    theirs.add_item("annotations", note("a-long", "?", node_id="c-long"))
    theirs.add_item("annotations", note("a-empty", "?", node_id="c-empty"))
    theirs.add_item("milestones", Milestone(id="m-long", title="T", node_id="c-long", notes="n" * 20_000))
    plan = plan_merge(mine, theirs)
    new = dict((it.id, it) for _, it in plan.new)
    assert len(new["a-long"].detached_from) == 500 and new["a-long"].detached_from.endswith("…")
    assert new["a-empty"].detached_from == "a change idea with no text"
    notes = new["m-long"].notes
    assert len(notes) == 20_000 and notes.startswith("(was on: xxx") and notes.endswith("…")
    apply(mine, resolve(plan, {}))
    assert_valid(mine)


def test_ids_shared_by_a_note_and_an_action_item() -> None:
    mine, theirs = load(CAREER), load(CAREER)
    mine.add_item("annotations", note("same", "mine"))
    mine.add_item("milestones", Milestone(id="same", title="mine"))
    theirs.add_item("annotations", note("same", "theirs"))
    theirs.add_item("milestones", Milestone(id="same", title="theirs"))
    plan = plan_merge(mine, theirs)
    assert [c.key for c in plan.conflicts] == ["annotations/same", "milestones/same"]
    only_note = resolve(plan, {"annotations/same": True, "same": False})
    assert [(c, it.text) for _, c, it in only_note] == [("annotations", "theirs")]
    assert [c for _, c, _ in resolve(plan, {"same": True})] == ["annotations", "milestones"]


def test_any_two_valid_diagrams_merge() -> None:
    career, blank = load(CAREER), Diagram.new("Something else")
    assert plan_merge(career, career).empty
    assert plan_merge(career, blank) == MergePlan((), (), (), 0)
    assert plan_merge(career, blank).describe() == "The other copy has no notes or action items to bring in."
    into_blank = plan_merge(blank, career)  # a different diagram: every node-bound item is orphaned
    assert len(into_blank.new) == 5 + 12 and len(into_blank.orphans) == 17
    apply(blank, resolve(into_blank, {}))
    assert_valid(blank)
    assert {a.detached_from for a in blank.items("annotations")} >= {"A small, reliable research team"}
    one = Diagram.new("x")
    one.add_item("annotations", note("a", "b", node_id=None))
    assert (
        plan_merge(one, one).describe() == "Nothing new: the one note or action item of the other copy is already here."
    )


def test_too_many_items_are_refused_before_anything_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    mine, theirs = load(CAREER), load(CAREER)
    theirs.add_item("annotations", note("extra", "one more", node_id=None))
    monkeypatch.setattr(merge_module.limits, "MAX_ITEMS", 5)
    with pytest.raises(DiagramError, match="would make 6 notes; a diagram holds at most 5"):
        plan_merge(mine, theirs)

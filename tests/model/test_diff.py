"""What changed since the last meeting (model/diff.py): one pair of documents for every
kind of difference, the moved rule, snapshots, meetings and odd snapshots from files."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from driverdiagram.model import (
    Annotation,
    DataPoint,
    Diagram,
    DiagramError,
    Link,
    Measure,
    Meeting,
    Milestone,
    Node,
    Snapshot,
    from_document,
    load,
    to_document,
)
from driverdiagram.model.diff import (
    CHANGES,
    WHATS,
    Difference,
    changes_since,
    compare,
    compare_documents,
    snapshot_of,
    summary_counts,
)

from .conftest import TODAY, build_sample

CAREER = Path(__file__).resolve().parents[2] / "resources" / "examples" / "career.driver"
LATER = dt.date(2026, 6, 1)


def diff_after(edit: Callable[[Diagram], object], today: dt.date = LATER) -> list[Difference]:
    """The differences from the sample to the sample after `edit`."""
    d = build_sample()
    before = snapshot_of(d)
    edit(d)
    out = compare(before, d, today)
    assert compare_documents(build_sample(), d, today) == out
    return out


def kinds(diffs: list[Difference]) -> list[tuple[str, str, str]]:
    return [(x.what, x.change, x.id) for x in diffs]


def only(diffs: list[Difference]) -> Difference:
    assert len(diffs) == 1, diffs
    return diffs[0]


def days(*values: float, start: dt.date = dt.date(2026, 1, 1), step: int = 7) -> list[DataPoint]:
    return [DataPoint(date=start + dt.timedelta(days=step * i), value=v) for i, v in enumerate(values)]


def set_data(d: Diagram, measure_id: str, points: list[DataPoint], **changes: object) -> None:
    d.replace_item("measures", d.item("measures", measure_id).but(data=[p.model_dump() for p in points], **changes))


# ------------------------------------------------------------------------------ nothing
def test_unchanged_copy_has_no_differences(sample: Diagram) -> None:
    assert compare(snapshot_of(sample), sample, LATER) == []
    assert compare_documents(build_sample(), sample, LATER) == []
    assert summary_counts([]) == "No changes."


def test_unchanged_career_example_has_no_differences() -> None:
    d = load(CAREER)
    assert compare_documents(load(CAREER), d, dt.date(2031, 1, 1)) == []


def test_snapshot_round_trips_through_a_file() -> None:
    d = load(CAREER)
    snap = snapshot_of(d)
    assert [n.id for n in snap.nodes] == list(d.order)
    assert snap.links == d.links() and list(snap.measures) == list(d.items("measures"))
    assert list(snap.annotations) == list(d.items("annotations"))
    assert list(snap.milestones) == list(d.items("milestones"))
    again = Snapshot.model_validate(json.loads(json.dumps(snap.model_dump(mode="json"))))
    assert again == snap
    assert compare(again, d) == []
    d.edit_node("p-research", text="Research methods")
    assert kinds(compare(again, d)) == [("node", "edited", "p-research")]


def test_a_reorder_is_no_difference() -> None:
    assert diff_after(lambda d: d.move_node("P2", 1)) == []


# -------------------------------------------------------------------------------- nodes
def test_node_added() -> None:
    x = only(diff_after(lambda d: d.add_node("change_idea", "Weekly stats club", parent="S1", id="C3")))
    assert (x.what, x.change, x.id, x.node_id) == ("node", "added", "C3", "C3")
    assert x.message == 'Change idea "Weekly stats club" added under secondary driver "Statistics"'


def test_node_removed_with_what_hangs_on_it() -> None:
    # C2 goes, and with it nothing else; its link from S2 is not listed separately
    x = only(diff_after(lambda d: d.remove_nodes("C2")))
    assert (x.what, x.change, x.id, x.node_id) == ("node", "removed", "C2", None)
    assert x.message == 'Change idea "Block Fridays" removed (was under secondary driver "Protected time")'


def test_removed_node_takes_its_measures_and_notes_along() -> None:
    diffs = diff_after(lambda d: d.remove_nodes("S2"))
    got = kinds(diffs)
    assert ("node", "removed", "S2") in got and ("node", "removed", "C2") in got and ("node", "removed", "A2") in got
    assert not [x for x in diffs if x.what == "link"]  # every link touched a removed node
    assert ("measure", "removed", "m3") in got and ("note", "removed", "a1") in got
    assert all(x.node_id is None for x in diffs)
    assert [x.what for x in diffs] == ["node"] * 3 + ["measure", "note"]


def test_node_reworded() -> None:
    x = only(diff_after(lambda d: d.edit_node("S1", text="Stats course")))
    assert (x.what, x.change, x.id, x.node_id) == ("node", "edited", "S1", "S1")
    assert x.message == 'Secondary driver "Stats course" reworded (was "Statistics")'
    assert summary_counts([x]) == "1 node reworded"


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"description": "Methods I can run myself"}, "description added"),
        ({"tags": ["methods"]}, 'tagged "methods"'),
        ({"strength": 4}, "strength 4 (was none)"),
    ],
)
def test_node_edited(changes: dict[str, object], words: str) -> None:
    x = only(diff_after(lambda d: d.edit_node("P1", **changes)))
    assert (x.what, x.change, x.id) == ("node", "edited", "P1")
    assert x.message == f'Primary driver "Research skills" edited: {words}'
    assert summary_counts([x]) == "1 node edited"


def test_node_reworded_and_edited_is_one_line() -> None:
    x = only(diff_after(lambda d: d.edit_node("A1", text="No stats mentor", strength=4)))
    assert x.message == 'Anti-driver "No stats mentor" reworded (was "No mentor in stats"), strength 4 (was 2)'


# -------------------------------------------------------------------------------- moved
def move_s1_to_p2(d: Diagram) -> None:
    d.connect("P2", "S1")
    d.disconnect("P1", "S1")


def test_node_moved_and_its_links_are_not_listed() -> None:
    x = only(diff_after(move_s1_to_p2))
    assert (x.what, x.change, x.id, x.node_id) == ("node", "moved", "S1", "S1")
    assert x.message == (
        'Secondary driver "Statistics" moved from primary driver "Research skills" '
        'to primary driver "Work–life balance"'
    )


def test_other_links_beside_a_move_are_listed() -> None:
    def edit(d: Diagram) -> None:
        move_s1_to_p2(d)
        d.connect("C2", "A2")  # another change idea now counters the clinical load

    assert kinds(diff_after(edit)) == [("node", "moved", "S1"), ("link", "added", "C2->A2")]


def test_a_node_keeping_one_parent_is_not_moved() -> None:
    # S2 hangs from P1 and P2; losing P1 leaves it under P2: a link removed, not a move
    x = only(diff_after(lambda d: d.disconnect("P1", "S2")))
    assert (x.what, x.change, x.id, x.node_id) == ("link", "removed", "P1->S2", "S2")
    assert x.message == 'Primary driver "Research skills" no longer drives secondary driver "Protected time"'


def test_a_node_gaining_a_parent_is_not_moved() -> None:
    x = only(diff_after(lambda d: d.connect("P2", "S1", "weak")))
    assert (x.what, x.change, x.id) == ("link", "added", "P2->S1")
    assert x.message == ('Primary driver "Work–life balance" now drives secondary driver "Statistics" (a weak link)')


def test_an_anti_driver_hindering_another_node_moved() -> None:
    d = build_sample()
    doc = to_document(d)
    links = [li.but(target="P2") if (li.source, li.target) == ("A1", "P1") else li for li in doc.links]
    new = from_document(doc.model_copy(update={"links": links}))
    x = only(compare(snapshot_of(d), new, LATER))
    assert (x.what, x.change, x.id) == ("node", "moved", "A1")
    assert x.message == (
        'Anti-driver "No mentor in stats" now hinders primary driver "Work–life balance" '
        '(was primary driver "Research skills")'
    )


def test_a_node_without_a_parent_before_is_not_moved() -> None:
    # an odd snapshot (from a file) where S1 had no parent: its new parent is a link added
    d = build_sample()
    old = snapshot_of(d)
    old = old.but(links=[li for li in old.links if (li.source, li.target) != ("P1", "S1")])
    assert kinds(compare(old, d, LATER)) == [("link", "added", "P1->S1")]


# -------------------------------------------------------------------------------- links
def test_link_edited() -> None:
    x = only(diff_after(lambda d: d.edit_link("P2", "S2", "strong")))
    assert (x.what, x.change, x.id, x.node_id) == ("link", "edited", "P2->S2", "S2")
    assert x.message == (
        'The link from primary driver "Work–life balance" to secondary driver "Protected time" is now strong (was weak)'
    )
    assert summary_counts([x]) == "1 link changed"


def test_link_added_and_removed() -> None:
    x = only(diff_after(lambda d: d.connect("C2", "A2")))
    assert (x.what, x.change, x.id, x.node_id) == ("link", "added", "C2->A2", "A2")
    assert x.message == 'Change idea "Block Fridays" now counters anti-driver "Clinical load"'
    x = only(diff_after(lambda d: d.disconnect("C1", "A2")))
    assert (x.what, x.change, x.id) == ("link", "removed", "C1->A2")
    assert x.message == 'Change idea "Take a course" no longer counters anti-driver "Clinical load"'


def test_links_to_added_nodes_are_not_listed() -> None:
    def edit(d: Diagram) -> None:
        d.add_node("secondary", "Writing group", parent="P2", id="S3")
        d.connect("P1", "S3")  # a second parent of the new node
        d.add_node("change_idea", "Join the Tuesday group", parent="S3", id="C3")
        d.connect("C3", "A2")

    assert kinds(diff_after(edit)) == [("node", "added", "S3"), ("node", "added", "C3")]


# ----------------------------------------------------------------------------- measures
def test_measure_added_and_removed() -> None:
    def add(d: Diagram) -> None:
        d.add_item("measures", Measure(id="m4", node_id="C2", name="Fridays kept", data=days(1, 2)))

    x = only(diff_after(add))
    assert (x.what, x.change, x.id, x.node_id) == ("measure", "added", "m4", "C2")
    assert x.message == 'Measure "Fridays kept" added on change idea "Block Fridays", with 2 data points'
    x = only(diff_after(lambda d: d.remove_item("measures", "m1")))
    assert (x.what, x.change, x.id, x.node_id) == ("measure", "removed", "m1", "S1")
    assert x.message == 'Measure "Courses done" removed (it was on secondary driver "Statistics")'


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"name": "Courses finished"}, 'Measure "Courses finished" renamed (was "Courses done")'),
        ({"type": "outcome"}, 'Measure "Courses done" edited: now an outcome measure (was process)'),
        ({"operational_definition": "Certificates"}, 'Measure "Courses done" edited: definition changed'),
        ({"target": 3, "baseline": 0}, 'Measure "Courses done" edited: baseline 0 (was none), target 3 (was none)'),
        ({"due": dt.date(2026, 6, 30)}, 'Measure "Courses done" edited: due 30 Jun 2026 (was no date)'),
        ({"frequency": "monthly"}, 'Measure "Courses done" edited: frequency "monthly" (was none)'),
        ({"node_id": "S2"}, 'Measure "Courses done" edited: now on secondary driver "Protected time" '
         '(was on secondary driver "Statistics")'),
        ({"higher_is_better": False}, 'Measure "Courses done" edited: now lower is better'),
        ({"markers": [{"date": "2026-01-05", "text": "PDSA 1"}]},
         'Measure "Courses done" edited: 1 change marker added'),
        ({"baseline_points": 6}, 'Measure "Courses done" edited: median from the first 6 points (was all points)'),
    ],
)  # fmt: skip
def test_measure_edited(changes: dict[str, object], words: str) -> None:
    x = only(diff_after(lambda d: d.replace_item("measures", d.item("measures", "m1").but(**changes))))
    assert (x.what, x.change, x.id) == ("measure", "edited", "m1")
    assert x.node_id == changes.get("node_id", "S1")
    assert x.message == words


# --------------------------------------------------------------------------------- data
def test_new_data_points_are_one_line() -> None:
    d = build_sample()
    set_data(d, "m3", days(9, 8, start=dt.date(2025, 12, 1)), unit="hours")
    before = snapshot_of(d)
    points = days(9, 8, start=dt.date(2025, 12, 1)) + [
        DataPoint(date=dt.date(2026, 1, 9), value=12),
        DataPoint(date=dt.date(2026, 2, 6), value=10),
        DataPoint(date=dt.date(2026, 3, 6), value=12),
    ]
    set_data(d, "m3", points)
    d.replace_item("measures", d.item("measures", "m3").but(name="Writing hours"))
    diffs = compare(before, d, LATER)
    assert kinds(diffs) == [("measure", "edited", "m3"), ("data", "added", "m3")]
    x = diffs[1]
    assert x.node_id == "S2"
    assert x.message == "Writing hours: 3 new data points (Jan–Mar 2026), latest 12 hours"
    assert summary_counts(diffs) == "1 measure edited, 3 new data points"


def test_data_points_removed_and_changed() -> None:
    d = build_sample()
    set_data(d, "m2", days(7, 6.5, 8, 7))
    before = snapshot_of(d)
    pts = days(7, 6.5, 8, 7)
    set_data(d, "m2", [pts[0], pts[1].but(value=6.75), pts[3]])
    diffs = compare(before, d, LATER)
    assert kinds(diffs) == [("data", "removed", "m2"), ("data", "edited", "m2")]
    assert diffs[0].message == "Hours of sleep: 1 data point removed (Jan 2026)"
    assert diffs[1].message == "Hours of sleep: the data point of 8 Jan 2026 changed: 6.5 → 6.75"
    assert all(x.node_id == "P2" for x in diffs)
    set_data(d, "m2", [pts[0].but(note="ill"), pts[1].but(value=1), pts[2], pts[3]])
    diffs = compare(before, d, LATER)
    assert kinds(diffs) == [("data", "edited", "m2")]
    assert diffs[0].message == "Hours of sleep: 2 data points changed (Jan 2026)"
    assert summary_counts(diffs) == "2 data points changed"


STEADY = (1, 2, 1, 2, 1, 2)  # the baseline: median 1.5


def test_a_new_signal() -> None:
    d = build_sample()
    set_data(d, "m1", days(*STEADY, 5, 5, 5), baseline_points=6)
    before = snapshot_of(d)
    set_data(d, "m1", days(*STEADY, 5, 5, 5, 5, 5, 5))
    diffs = compare(before, d, LATER)
    assert kinds(diffs) == [("data", "added", "m1"), ("data", "signal", "m1")]
    assert diffs[1].node_id == "S1"
    assert diffs[1].message == (
        "Courses done: a shift: 7 points in a row above the median (5 Feb 2026 to 19 Mar 2026), the way it should go"
    )
    assert summary_counts(diffs) == "3 new data points, 1 new run-chart signal"


def test_a_signal_that_grew_is_not_new() -> None:
    d = build_sample()
    set_data(d, "m1", days(*STEADY, 5, 5, 5, 5, 5, 5), baseline_points=6)
    before = snapshot_of(d)
    set_data(d, "m1", days(*STEADY, 5, 5, 5, 5, 5, 5, 5))
    assert kinds(compare(before, d, LATER)) == [("data", "added", "m1")]


def test_a_signal_under_the_anhoej_rules() -> None:
    d = build_sample()
    d.set_info(d.info.but(run_chart_rules="anhoej"))
    set_data(d, "m1", days(*STEADY, 5, 5, 5), baseline_points=6)
    before = snapshot_of(d)
    set_data(d, "m1", days(*STEADY, *[5] * 8))
    signals = [x for x in compare(before, d, LATER) if x.change == "signal"]
    assert len(signals) == 1 and "an unusually long run" in signals[0].message


# -------------------------------------------------------------------------------- notes
def test_note_added_and_removed() -> None:
    def add(d: Diagram) -> None:
        d.add_item(
            "annotations", Annotation(id="a3", node_id="C1", kind="question", text="Which course?", created=TODAY)
        )

    x = only(diff_after(add))
    assert (x.what, x.change, x.id, x.node_id) == ("note", "added", "a3", "C1")
    assert x.message == 'Question by the mentor added on change idea "Take a course": "Which course?"'
    x = only(diff_after(lambda d: d.remove_item("annotations", "a2")))
    assert (x.what, x.change, x.id, x.node_id) == ("note", "removed", "a2", None)
    assert x.message == 'Comment by the mentor on the diagram removed: "Good start"'


def test_note_edited() -> None:
    x = only(diff_after(lambda d: d.replace_item("annotations", d.item("annotations", "a1").but(text="Realistic?"))))
    assert (x.what, x.change, x.id, x.node_id) == ("note", "edited", "a1", "S2")
    assert x.message == (
        'Comment by the mentor on secondary driver "Protected time" edited: now "Realistic?" (was "Is this realistic?")'
    )
    x = only(diff_after(lambda d: d.replace_item("annotations", d.item("annotations", "a1").but(kind="gap"))))
    assert x.change == "edited" and x.message.endswith("edited: now a gap (was a comment)")
    x = only(diff_after(lambda d: d.replace_item("annotations", d.item("annotations", "a1").but(kind="action"))))
    assert x.message.endswith("edited: now an action (was a comment)")


def test_note_resolved_and_reopened() -> None:
    def resolve(d: Diagram) -> None:
        d.replace_item("annotations", d.item("annotations", "a1").but(resolved=dt.date(2026, 2, 3)))

    x = only(diff_after(resolve))
    assert (x.what, x.change, x.id, x.node_id) == ("note", "resolved", "a1", "S2")
    assert (
        x.message
        == 'Comment by the mentor on secondary driver "Protected time" resolved (3 Feb 2026): "Is this realistic?"'
    )
    assert summary_counts([x]) == "1 note resolved"
    d = build_sample()
    resolve(d)
    before = snapshot_of(d)
    d.replace_item("annotations", d.item("annotations", "a1").but(resolved=None))
    x = only(compare(before, d, LATER))
    assert (x.what, x.change, x.id) == ("note", "reopened", "a1")
    assert x.message.endswith('reopened: "Is this realistic?"')


# --------------------------------------------------------------------------- milestones
def milestone(d: Diagram, **changes: object) -> None:
    d.replace_item("milestones", d.item("milestones", "ms1").but(**changes))


def test_milestone_added_and_removed() -> None:
    def add(d: Diagram) -> None:
        item = Milestone(id="ms2", title="Email Dr. Lee", kind="action_item", owner="Sam", due=dt.date(2026, 2, 1))
        d.add_item("milestones", item)

    x = only(diff_after(add))
    assert (x.what, x.change, x.id, x.node_id) == ("milestone", "added", "ms2", None)
    assert x.message == 'Action item "Email Dr. Lee" added (due 1 Feb 2026, owner "Sam")'
    x = only(diff_after(lambda d: d.remove_item("milestones", "ms1")))
    assert (x.what, x.change, x.id, x.node_id) == ("milestone", "removed", "ms1", "C1")
    assert x.message == 'Milestone "Stats course" removed'


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"title": "Stats course booked"}, 'renamed (was "Stats course")'),
        ({"owner": "Sam"}, 'owner "Sam" (was none)'),
        ({"due": dt.date(2026, 3, 1)}, "due 1 Mar 2026 (was no date)"),
        ({"kind": "homework"}, "now homework (was milestone)"),
        ({"node_id": "S1"}, 'now on secondary driver "Statistics" (was on change idea "Take a course")'),
    ],
)
def test_milestone_edited(changes: dict[str, object], words: str) -> None:
    x = only(diff_after(lambda d: milestone(d, **changes)))
    assert (x.what, x.change, x.id) == ("milestone", "edited", "ms1")
    assert x.message.endswith(f" edited: {words}")


def test_milestone_done() -> None:
    x = only(diff_after(lambda d: milestone(d, done=dt.date(2026, 2, 10))))
    assert (x.what, x.change, x.id, x.node_id) == ("milestone", "done", "ms1", "C1")
    assert x.message == 'Milestone "Stats course" done (10 Feb 2026)'
    assert summary_counts([x]) == "1 milestone done"


def test_milestone_slipped_when_its_due_date_moves_later() -> None:
    d = build_sample()
    milestone(d, due=dt.date(2026, 3, 1))
    before = snapshot_of(d)
    milestone(d, due=dt.date(2026, 4, 15))
    x = only(compare(before, d, TODAY))
    assert (x.what, x.change, x.id) == ("milestone", "slipped", "ms1")
    assert x.message == 'Milestone "Stats course" slipped: due 15 Apr 2026 (was 1 Mar 2026)'
    milestone(d, due=dt.date(2026, 2, 1))  # earlier: an edit, not a slip
    assert kinds(compare(before, d, TODAY)) == [("milestone", "edited", "ms1")]
    milestone(d, due=dt.date(2026, 4, 15), done=dt.date(2026, 4, 1))  # done: not a slip
    assert kinds(compare(before, d, TODAY)) == [("milestone", "edited", "ms1"), ("milestone", "done", "ms1")]


# ----------------------------------------------------------------------------- meetings
def meet(d: Diagram, when: dt.date = dt.date(2026, 1, 10)) -> str:
    d.add_item("meetings", Meeting(id="mt1", date=when, snapshot=snapshot_of(d)))
    return "mt1"


def test_changes_since_a_meeting() -> None:
    d = build_sample()
    mid = meet(d)
    assert changes_since(d, mid, dt.date(2026, 1, 10)) == []
    d.edit_node("S1", text="Stats course")
    d.replace_item("annotations", d.item("annotations", "a1").but(resolved=dt.date(2026, 1, 20)))
    d.add_node("change_idea", "Ask the biostatistics core", parent="S1", id="C3")
    assert kinds(changes_since(d, mid, dt.date(2026, 1, 25))) == [
        ("node", "edited", "S1"),
        ("node", "added", "C3"),
        ("note", "resolved", "a1"),
    ]


def test_a_milestone_overdue_since_the_meeting_slipped() -> None:
    d = build_sample()
    milestone(d, due=dt.date(2026, 1, 20))
    mid = meet(d, dt.date(2026, 1, 10))
    assert changes_since(d, mid, dt.date(2026, 1, 15)) == []  # not due yet
    x = only(changes_since(d, mid, dt.date(2026, 2, 1)))
    assert (x.what, x.change, x.id) == ("milestone", "slipped", "ms1")
    assert x.message == 'Milestone "Stats course" is now overdue: it was due 20 Jan 2026'
    # already overdue when the meeting started: not news
    d2 = build_sample()
    milestone(d2, due=dt.date(2026, 1, 5))
    assert changes_since(d2, meet(d2, dt.date(2026, 1, 10)), dt.date(2026, 2, 1)) == []
    # comparing two copies has no meeting date: time alone makes no slip
    assert compare(snapshot_of(d), d, dt.date(2026, 2, 1)) == []


def test_changes_since_a_meeting_without_a_snapshot() -> None:
    d = load(CAREER)
    meeting = d.items("meetings")[0]
    assert meeting.snapshot is None
    with pytest.raises(DiagramError, match="kept no copy of the diagram"):
        changes_since(d, meeting.id)
    with pytest.raises(DiagramError, match="There is no meeting with id 'nope'"):
        changes_since(d, "nope")


# ----------------------------------------------------------------------- odd snapshots
def test_an_odd_snapshot_never_raises() -> None:
    d = build_sample()
    snap = snapshot_of(d)
    ghost = Node(id="ghost", kind="primary", text="Gone")
    odd = snap.but(
        nodes=[*snap.nodes, snap.nodes[1].model_copy(update={"text": "Old words"}), ghost],  # P1 twice
        links=[*snap.links, Link(source="nowhere", target="S1"), Link(source="O", target="ghost")],
        measures=[*snap.measures, Measure(id="m1", node_id="nowhere", name="Twice")],
        annotations=[*snap.annotations, Annotation(id="a9", node_id="nowhere", text="Lost", created=TODAY)],
        milestones=[*snap.milestones, Milestone(id="ms1", title="Stats course", node_id="C1", due=TODAY)],
    )
    diffs = compare(odd, d, LATER)
    got = kinds(diffs)
    assert ("node", "edited", "P1") in got  # the last P1 wins: it said "Old words"
    assert ("node", "removed", "ghost") in got
    assert ("link", "removed", "nowhere->S1") in got  # a dangling link that is gone
    assert ("link", "removed", "O->ghost") not in got  # it went with the node
    assert ("measure", "edited", "m1") in got
    assert ("note", "removed", "a9") in got
    assert ("milestone", "edited", "ms1") in got
    dangling = next(x for x in diffs if x.id == "nowhere->S1")
    assert dangling.message == 'Node "nowhere" no longer drives secondary driver "Statistics"'
    assert dangling.node_id == "S1"


def test_two_unrelated_diagrams_compare_without_raising() -> None:
    career = load(CAREER)
    falls = load(CAREER.with_name("qi-falls.driver"))
    for old, new in ((career, falls), (falls, career)):
        diffs = compare_documents(old, new, dt.date(2027, 1, 1))
        assert diffs and all("\n" not in x.message for x in diffs)
        assert all(x.node_id is None or x.node_id in new for x in diffs)
        assert summary_counts(diffs)


# ----------------------------------------------------------------------- the whole list
def test_order_and_summary() -> None:
    def edit(d: Diagram) -> None:
        d.replace_item("milestones", d.item("milestones", "ms1").but(done=dt.date(2026, 2, 1)))
        d.replace_item("annotations", d.item("annotations", "a1").but(resolved=dt.date(2026, 2, 1)))
        set_data(d, "m1", days(1, 2))
        d.add_item("measures", Measure(id="m4", node_id="C2", name="Fridays kept"))
        d.connect("C2", "A2")
        d.remove_nodes("C1")
        d.edit_node("O", text="Promoted by 2030")
        d.add_node("primary", "Teaching", parent="O", id="P3")
        d.add_node("primary", "Visibility", parent="O", id="P4")
        d.edit_node("P2", text="Balance")

    diffs = diff_after(edit)
    assert kinds(diffs) == [
        ("node", "edited", "O"),
        ("node", "edited", "P2"),
        ("node", "added", "P3"),
        ("node", "added", "P4"),
        ("node", "removed", "C1"),
        ("link", "added", "C2->A2"),
        ("measure", "added", "m4"),
        ("data", "added", "m1"),
        ("note", "resolved", "a1"),
        ("milestone", "edited", "ms1"),  # its change idea went: no longer on a node
        ("milestone", "done", "ms1"),
    ]
    assert summary_counts(diffs) == (
        "2 nodes added, 1 removed, 2 reworded, 1 link added, 1 measure added, 2 new data points, "
        "1 note resolved, 1 milestone edited, 1 done"
    )
    assert all(x.what in WHATS and x.change in CHANGES for x in diffs)


def test_as_json() -> None:
    x = only(diff_after(lambda d: d.edit_node("S1", text="Stats course")))
    assert x.as_json() == {
        "what": "node",
        "change": "edited",
        "id": "S1",
        "node_id": "S1",
        "message": 'Secondary driver "Stats course" reworded (was "Statistics")',
    }
    json.dumps(x.as_json())


def test_messages_are_one_safe_line() -> None:
    text = "Stats\n\x1b[2Jcourse \u202e" + "x" * 300
    diffs = diff_after(lambda d: d.edit_node("S1", text=text))
    msg = only(diffs).message
    assert "\n" not in msg and "\x1b" not in msg and "\u202e" not in msg
    assert "\\x1b" in msg and msg.count("…") == 1 and len(msg) < 200


def test_every_kind_of_difference_is_covered() -> None:
    """Each what/change pair the rules name has a test above (this lists them)."""
    pairs = {
        "node": {"added", "removed", "edited", "moved"},
        "link": {"added", "removed", "edited"},
        "measure": {"added", "removed", "edited"},
        "data": {"added", "removed", "edited", "signal"},
        "note": {"added", "removed", "edited", "resolved", "reopened"},
        "milestone": {"added", "removed", "edited", "done", "slipped"},
    }
    assert set(pairs) == set(WHATS)
    assert set().union(*pairs.values()) == set(CHANGES)

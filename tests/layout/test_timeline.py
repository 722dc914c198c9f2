"""The milestones' timeline geometry: horizon, lanes by primary driver, states, today, and
labels that never overlap."""

from __future__ import annotations

import datetime as dt
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from driverdiagram.layout.timeline import WHOLE_PLAN, parse_horizon, primary_driver, timeline_geometry
from driverdiagram.model import Diagram, Milestone, load

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
TODAY = dt.date(2026, 3, 10)
D = dt.date


def plan(horizon: str = "2026–2030") -> Diagram:
    d = Diagram.new("Associate Professor by 2030", outcome_id="aim", horizon=horizon)
    d.add_node("primary", "Research skills", parent="aim", id="p1")
    d.add_node("primary", "Publications and grants", parent="aim", id="p2")
    d.add_node("secondary", "Methods", parent="p1", id="s1")
    d.add_node("secondary", "Grant writing", parent="p2", id="s2")
    d.connect("p1", "s2")  # s2 serves both: its first parent in the user's order is p1
    d.add_node("change_idea", "Causal inference course", parent="s1", id="c1")
    d.add_node("anti_driver", "No protected time", parent="s1", id="a1", strength=3)
    return d


def ms(
    id: str, due: dt.date | None, node: str | None = None, done: dt.date | None = None, title: str = ""
) -> Milestone:
    return Milestone(id=id, title=title or f"Milestone {id}", node_id=node, due=due, done=done)


def boxes_overlap(a, b) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("2026–2030", (2026, 2030)),
        ("2026-2030", (2026, 2030)),
        ("2026 to 2030", (2026, 2030)),
        ("2026 — 2030", (2026, 2030)),
        ("From 2025 until 2027", (2025, 2027)),
        ("2030", (2030, 2030)),
        ("2030–2026", (2026, 2030)),
        ("five years", None),
        ("", None),
        ("12345", None),
    ],
)
def test_the_horizon_is_read_as_years(text: str, years) -> None:
    assert parse_horizon(text) == years


def test_the_axis_spans_the_horizon_in_whole_years() -> None:
    d = plan()
    d.add_item("milestones", ms("m1", D(2027, 6, 1), "c1"))
    g = timeline_geometry(d, 600, TODAY)
    assert (g.start, g.end) == (D(2026, 1, 1), D(2031, 1, 1))
    years = [lab.text for lab in g.time_labels if lab.text.isdigit()]
    assert years == ["2026", "2027", "2028", "2029", "2030"]
    assert [t.when.year for t in g.ticks if t.major] == [2026, 2027, 2028, 2029, 2030, 2031]


def test_without_a_horizon_the_due_dates_padded_to_years_and_today_are_the_span() -> None:
    d = plan(horizon="")
    d.add_item("milestones", ms("m1", D(2027, 3, 1)))
    d.add_item("milestones", ms("m2", D(2028, 11, 30)))
    g = timeline_geometry(d, 600, TODAY)
    assert (g.start, g.end) == (D(2026, 1, 1), D(2029, 1, 1))
    later = timeline_geometry(d, 600, D(2031, 2, 1))  # today after every milestone: still on it
    assert (later.start, later.end) == (D(2027, 1, 1), D(2032, 1, 1))
    assert later.plot.x <= later.today_x <= later.plot.right


def test_milestones_outside_the_horizon_widen_it_and_today_is_always_inside() -> None:
    d = plan()
    d.add_item("milestones", ms("early", D(2025, 12, 15), done=D(2025, 12, 9)))
    g = timeline_geometry(d, 600, D(2024, 6, 1))
    assert (g.start, g.end) == (D(2024, 1, 1), D(2031, 1, 1))
    assert g.plot.x <= g.today_x <= g.plot.right
    assert g.x_of(D(2024, 6, 1)) == pytest.approx(g.today_x)
    assert g.today_label.text == "Today" and g.today_label.baseline > g.plot.bottom


def test_quarters_are_ticked_on_a_short_span_only() -> None:
    d = plan(horizon="2026")
    d.add_item("milestones", ms("m1", D(2026, 5, 1)))
    short = timeline_geometry(d, 600, TODAY)
    assert [t.when for t in short.ticks if not t.major] == [D(2026, 4, 1), D(2026, 7, 1), D(2026, 10, 1)]
    assert {"Jan", "Apr", "Jul", "Oct"} <= {lab.text for lab in short.time_labels}
    long = timeline_geometry(plan(horizon="2020–2035"), 600, TODAY)
    assert not any(lab.text in ("Apr", "Jul") for lab in long.time_labels)


def test_lanes_follow_each_milestone_up_to_its_primary_driver() -> None:
    d = plan()
    for m in (
        ms("on-course", D(2026, 4, 1), "c1"),  # change idea → s1 → p1
        ms("on-grant", D(2026, 6, 1), "s2"),  # two parents: the first, p1
        ms("on-p2", D(2026, 9, 1), "p2"),
        ms("on-anti", D(2027, 1, 1), "a1"),  # anti-driver → the node it hinders → p1
        ms("on-aim", D(2027, 5, 1), "aim"),
        ms("on-nothing", D(2028, 1, 1)),
    ):
        d.add_item("milestones", m)
    assert primary_driver(d, "c1") == "p1" and primary_driver(d, "aim") is None and primary_driver(d, None) is None
    g = timeline_geometry(d, 700, TODAY)
    assert [lane.key for lane in g.lanes] == ["", "p1", "p2"]  # the whole plan first, then the user's order
    assert [lab.text for lab in g.lanes[0].title] == [WHOLE_PLAN]
    lane_of = {p.id: g.lanes[p.lane].key for p in g.points}
    assert lane_of == {
        "on-course": "p1",
        "on-grant": "p1",
        "on-p2": "p2",
        "on-anti": "p1",
        "on-aim": "",
        "on-nothing": "",
    }
    for p in g.points:  # each point lies in its lane's band, at its due date
        band = g.lanes[p.lane].band
        assert band.y <= p.box.y and p.box.bottom <= band.bottom
        assert p.x == pytest.approx(g.x_of(p.due))
    bands = [lane.band for lane in g.lanes]
    assert all(a.bottom == pytest.approx(b.y) for a, b in zip(bands, bands[1:], strict=False))


def test_done_and_overdue_are_marked() -> None:
    d = plan()
    d.add_item("milestones", ms("late", D(2026, 2, 1), "p1"))
    d.add_item("milestones", ms("done-late", D(2026, 2, 1), "p1", done=D(2026, 2, 20)))
    d.add_item("milestones", ms("today", TODAY, "p1"))
    d.add_item("milestones", ms("ahead", D(2027, 1, 1), "p1"))
    g = timeline_geometry(d, 600, TODAY)
    states = {p.id: p.state for p in g.points}
    assert states == {"late": "overdue", "done-late": "done", "today": "open", "ahead": "open"}
    assert g.point("late").overdue and g.point("done-late").done and not g.point("ahead").overdue


def test_undated_milestones_are_listed_not_drawn() -> None:
    d = plan()
    d.add_item("milestones", ms("dated", D(2026, 5, 1), title="Ethics approval"))
    d.add_item("milestones", ms("someday", None, title="Find a sponsor"))
    g = timeline_geometry(d, 600, TODAY)
    assert [p.id for p in g.points] == ["dated"]
    assert g.undated == ("someday",)
    note = " ".join(lab.text for lab in g.notes)
    assert "no due date" in note and "Find a sponsor" in note
    assert all(lab.baseline < g.height for lab in g.notes)


def test_no_milestones_still_draws_the_axis_and_today() -> None:
    g = timeline_geometry(plan(), 500, TODAY)
    assert g.points == () and g.lanes == () and g.undated == ()
    assert g.plot.h > 0 and g.plot.x <= g.today_x <= g.plot.right
    assert "No milestones" in g.notes[0].text


def test_crowded_labels_are_staggered_in_rows_and_never_overlap() -> None:
    d = plan()
    for i in range(12):  # a fortnight apart: far closer than a label is long
        d.add_item("milestones", ms(f"m{i}", D(2026, 4, 1) + dt.timedelta(days=14 * i), "c1", title=f"Step {i} " * 4))
    g = timeline_geometry(d, 500, TODAY)
    assert len({p.row for p in g.points}) > 2
    for a, b in combinations(g.points, 2):
        assert not boxes_overlap(a.box, b.box), (a.id, b.id)
    for p in g.points:
        assert all(lab.x >= 0 and lab.right <= g.width + 0.01 for lab in p.labels)
        assert len(p.labels) <= 2
        assert p.box.x <= p.x - p.r and p.x + p.r <= p.box.right


def test_a_long_title_is_wrapped_to_two_lines_and_cut() -> None:
    d = plan()
    d.add_item("milestones", ms("long", D(2027, 1, 1), title="Write " * 80))
    g = timeline_geometry(d, 600, TODAY)
    lines = [lab.text for lab in g.points[0].labels]
    assert len(lines) == 2 and lines[-1].endswith("…")


def test_the_same_input_gives_the_same_geometry() -> None:
    d = load(EXAMPLES / "career.driver")
    assert timeline_geometry(d, 640, TODAY) == timeline_geometry(d, 640, TODAY)


def test_hit_testing_finds_a_milestone_by_its_diamond_and_its_label() -> None:
    d = load(EXAMPLES / "career.driver")
    g = timeline_geometry(d, 700, TODAY)
    for p in g.points:
        assert g.point_at(p.x, p.y).id == p.id
        lab = p.labels[0]
        assert g.point_at(lab.x + lab.w / 2, lab.baseline - 2).id == p.id
    assert g.point_at(1, 1) is None


@pytest.mark.parametrize("name", ["career", "qi-falls"])
@pytest.mark.parametrize("width", [240.0, 420.0, 780.0])
def test_the_examples_lay_out_without_overlaps_at_any_width(name: str, width: float) -> None:
    d = load(EXAMPLES / f"{name}.driver")
    g = timeline_geometry(d, width, TODAY)
    assert len(g.points) == len(d.items("milestones"))  # every example milestone has a date
    for a, b in combinations(g.points, 2):
        assert not boxes_overlap(a.box, b.box), (a.id, b.id)
    labels = sorted(g.time_labels, key=lambda lab: (lab.baseline, lab.x))
    for a, b in zip(labels, labels[1:], strict=False):
        assert a.baseline != b.baseline or a.right <= b.x, (a, b)
    for lane in g.lanes:
        assert all(lab.right <= g.plot.x for lab in lane.title)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 4 * 365), st.text(min_size=0, max_size=80), st.sampled_from([None, "p1", "s2", "c1"])),
        max_size=25,
    ),
    st.floats(min_value=150, max_value=1200),
)
def test_no_two_milestones_ever_overlap(items, width: float) -> None:
    d = plan()
    for i, (days, title, node) in enumerate(items):
        d.add_item(
            "milestones", Milestone(id=f"m{i}", title=title, node_id=node, due=D(2026, 1, 1) + dt.timedelta(days))
        )
    g = timeline_geometry(d, width, TODAY)
    assert len(g.points) == len(items)
    for a, b in combinations(g.points, 2):
        assert not boxes_overlap(a.box, b.box)

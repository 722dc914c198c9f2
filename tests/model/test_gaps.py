"""The gap finder: each rule on a small plan that has the gap and one that does not, the
career example read on a fixed day, a fixed order, and hostile texts kept to one short line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from driverdiagram.model import (
    Annotation,
    DataPoint,
    Diagram,
    Measure,
    Milestone,
    NodeKind,
    Person,
    load,
)
from driverdiagram.model.gaps import RULES, Gap, find_gaps

K = NodeKind
TODAY = dt.date(2026, 4, 1)
CAREER = Path(__file__).resolve().parents[2] / "resources" / "examples" / "career.driver"

GOOD_AIM = "Promoted to associate professor with 3 funded grants by June 2030"


def rules_of(d: Diagram, today: dt.date = TODAY) -> list[str]:
    return [g.rule for g in find_gaps(d, today)]


def gaps_of(d: Diagram, rule: str, today: dt.date = TODAY) -> list[Gap]:
    return [g for g in find_gaps(d, today) if g.rule == rule]


def plan(aim: str = GOOD_AIM) -> Diagram:
    """A plan with no gap at all: a measurable, dated aim; each primary driver measured, with
    a secondary driver under it; a balance driver; a countered barrier; fresh data."""
    d = Diagram.new(aim, outcome_id="O")
    d.add_node(K.PRIMARY, "Research skills", parent="O", id="P1")
    d.add_node(K.PRIMARY, "Work–life balance", parent="O", id="P2")
    d.add_node(K.SECONDARY, "Statistics", parent="P1", id="S1")
    d.add_node(K.SECONDARY, "Evenings off", parent="P2", id="S2")
    d.add_node(K.CHANGE_IDEA, "Take a course", parent="S1", id="C1")
    d.add_node(K.ANTI_DRIVER, "Clinical load", parent="P1", id="A1", strength=4)
    d.connect("C1", "A1")
    for mid, node in (("m-o", "O"), ("m-p1", "P1"), ("m-p2", "P2")):
        d.add_item("measures", Measure(id=mid, node_id=node, name=f"Measure {mid}"))
    return d


def test_a_good_plan_has_no_gaps() -> None:
    assert find_gaps(plan(), TODAY) == []


def test_rule_ids_are_the_promised_ones() -> None:
    assert list(RULES) == [
        "aim_not_measurable",
        "aim_no_date",
        "primary_without_secondary",
        "driver_without_measure",
        "barrier_not_countered",
        "no_work_life_balance",
        "work_life_balance_without_measure",
        "measure_stale",
        "milestone_overdue",
        "driver_unsupported",
        "driver_single_supporter",
        "open_gap_note",
    ]
    assert all(isinstance(t, str) and 0 < len(t) < 60 for t in RULES.values())


# ------------------------------------------------------------------ the aim
@pytest.mark.parametrize(
    "aim",
    [
        "Do better research by June 2030",  # a year is "by when", not "how much"
        "Be one of the leading heart-failure researchers by 30 June 2030",
        "Independent research program by 2030-06-30",
    ],
)
def test_aim_without_a_number_is_not_measurable(aim: str) -> None:
    gaps = gaps_of(plan(aim), "aim_not_measurable")
    assert [g.node_id for g in gaps] == ["O"]
    assert "has no number" in gaps[0].message and aim[:20] in gaps[0].message
    assert gaps[0].message.startswith("The aim ")


@pytest.mark.parametrize(
    "aim",
    [
        "Five first-author papers by 2030",
        "Funded at $250k a year by June 2030",
        "Half my time protected for research by 2028",
        "Raise my protected time to fifty percent by 2028",
        "Twenty papers by 2030",
        "Double my grant income by 2029",
    ],
)
def test_aim_with_a_number_is_measurable(aim: str) -> None:
    assert "aim_not_measurable" not in rules_of(plan(aim))


def test_an_outcome_measure_with_a_target_makes_the_aim_measurable() -> None:
    d = plan("Do better research by 2030")
    assert "aim_not_measurable" in rules_of(d)
    d.add_item("measures", Measure(id="m-out", node_id="O", name="Papers", type="outcome"))
    assert "aim_not_measurable" in rules_of(d), "an outcome measure without a target is not enough"
    d.add_item("measures", Measure(id="m-proc", node_id="O", name="Grants", type="process", target=3))
    assert "aim_not_measurable" in rules_of(d), "a process measure's target is not the aim's number"
    d.replace_item("measures", Measure(id="m-out", node_id="O", name="Papers", type="outcome", target=20))
    assert "aim_not_measurable" not in rules_of(d)


@pytest.mark.parametrize("aim", ["Five first-author papers", "Five papers within five years", "Five papers soon"])
def test_aim_without_a_date(aim: str) -> None:
    gaps = gaps_of(plan(aim), "aim_no_date")
    assert [g.node_id for g in gaps] == ["O"] and "has no date" in gaps[0].message


@pytest.mark.parametrize(
    "aim",
    [
        "Five papers by 2030",
        "Five papers by June",
        "Five papers by December 2027",
        "Five papers by Sept.",
        "Five by May",
    ],
)
def test_aim_with_a_date(aim: str) -> None:
    assert "aim_no_date" not in rules_of(plan(aim))


def test_a_due_date_on_a_measure_of_the_aim_dates_it() -> None:
    d = plan("Five first-author papers")
    assert "aim_no_date" in rules_of(d)
    d.replace_item("measures", Measure(id="m-o", node_id="O", name="Papers", due=dt.date(2030, 6, 30)))
    assert "aim_no_date" not in rules_of(d)


# --------------------------------------------------------------- structure
def test_primary_without_secondary() -> None:
    d = plan()
    d.add_node(K.PRIMARY, "Clinical excellence", parent="O", id="P3")
    d.add_item("measures", Measure(id="m-p3", node_id="P3", name="Ratings"))
    gaps = gaps_of(d, "primary_without_secondary")
    assert [g.node_id for g in gaps] == ["P3"]
    assert 'primary driver "Clinical excellence"' in gaps[0].message
    d.add_node(K.SECONDARY, "A clinical niche", parent="P3", id="S3")
    assert gaps_of(d, "primary_without_secondary") == []


def test_driver_without_measure_covers_the_aim_and_primaries_only() -> None:
    d = plan()
    d.remove_item("measures", "m-o")
    d.remove_item("measures", "m-p1")
    gaps = gaps_of(d, "driver_without_measure")
    assert [g.node_id for g in gaps] == ["O", "P1"]  # S1, S2, C1 have none either: not asked
    assert all("has no measure" in g.message for g in gaps)
    d.add_item("measures", Measure(id="m-o", node_id="O", name="Papers"))
    d.add_item("measures", Measure(id="m-s1", node_id="S1", name="Courses"))
    assert [g.node_id for g in gaps_of(d, "driver_without_measure")] == ["P1"], "a measure below is not on it"


def test_barrier_not_countered() -> None:
    d = plan()
    d.add_node(K.ANTI_DRIVER, "Impostor syndrome", parent="P1", id="A2", strength=3)
    gaps = gaps_of(d, "barrier_not_countered")
    assert [g.node_id for g in gaps] == ["A2"]
    assert 'barrier "Impostor syndrome"' in gaps[0].message
    d.connect("C1", "A2")
    assert gaps_of(d, "barrier_not_countered") == []


# -------------------------------------------------------- work–life balance
def test_no_work_life_balance_driver() -> None:
    d = plan()
    d.edit_node("P2", text="Clinical excellence")
    gaps = gaps_of(d, "no_work_life_balance")
    assert len(gaps) == 1 and gaps[0].node_id is None and "work–life balance" in gaps[0].message


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("Work-life balance", []),
        ("work life BALANCE", []),
        ("Wellbeing", []),
        ("Protect my well-being", []),
        ("Time with family", []),
        ("Avoid burnout", []),
        ("Rest and recovery", []),
        ("Keep going", ["work–life balance"]),
    ],
)
def test_balance_drivers_are_recognised(text: str, tags: list[str]) -> None:
    d = plan()
    d.edit_node("P2", text=text, tags=tags)
    assert "no_work_life_balance" not in rules_of(d)


@pytest.mark.parametrize("text", ["Restructure the lab", "Research interests", "Familiarity with trials", "Rebalanced"])
def test_balance_words_are_whole_words(text: str) -> None:
    d = plan()
    d.edit_node("P2", text=text)
    assert "no_work_life_balance" in rules_of(d)


def test_a_balance_secondary_driver_counts() -> None:
    d = plan()
    d.edit_node("P2", text="Clinical excellence")
    d.edit_node("S1", text="Sleep and family time")
    assert "no_work_life_balance" not in rules_of(d)


def test_work_life_balance_without_measure() -> None:
    d = plan()
    d.remove_item("measures", "m-p2")
    gaps = gaps_of(d, "work_life_balance_without_measure")
    assert [g.node_id for g in gaps] == ["P2"] and 'primary driver "Work–life balance"' in gaps[0].message
    d.add_item("measures", Measure(id="m-s2", node_id="S2", name="Evenings off a week", type="balancing"))
    assert gaps_of(d, "work_life_balance_without_measure") == [], "a measure below it counts"


def test_each_unmeasured_balance_driver_is_a_gap_once() -> None:
    d = plan()
    d.add_node(K.SECONDARY, "Family time", parent="P1", id="S3")  # balance, under a research driver
    d.add_node(K.CHANGE_IDEA, "Sunday family dinner", parent="S3", id="C3")
    d.add_node(K.SECONDARY, "Rest", parent="P2", id="S4")  # part of P2's goal, which is measured
    assert [g.node_id for g in gaps_of(d, "work_life_balance_without_measure")] == ["S3"]
    d.add_item("measures", Measure(id="m-c3", node_id="C3", name="Dinners a month"))
    assert gaps_of(d, "work_life_balance_without_measure") == []
    d.remove_item("measures", "m-p2")  # P2 and its S4 unmeasured: one gap, on P2
    assert [g.node_id for g in gaps_of(d, "work_life_balance_without_measure")] == ["P2"]


# ----------------------------------------------------------------- measures
def _with_data(d: Diagram, frequency: str, *dates: dt.date, mid: str = "m-p1") -> Diagram:
    data = [DataPoint(date=day, value=i) for i, day in enumerate(dates)]
    d.replace_item("measures", Measure(id=mid, node_id="P1", name="Papers submitted", frequency=frequency, data=data))
    return d


@pytest.mark.parametrize(
    ("frequency", "last", "stale"),
    [
        ("monthly", dt.date(2026, 3, 1), False),  # 31 days
        ("monthly", dt.date(2026, 2, 14), True),  # 46 days: over a month and a half
        ("weekly", dt.date(2026, 3, 23), False),  # 9 days
        ("weekly", dt.date(2026, 3, 20), True),  # 12 days: over 10.5
        ("every 2 weeks", dt.date(2026, 3, 12), False),
        ("quarterly", dt.date(2025, 12, 1), False),  # 121 days: within 137
        ("quarterly", dt.date(2025, 10, 1), True),
        ("each term", dt.date(2025, 11, 1), False),
        ("yearly", dt.date(2025, 1, 1), False),
        ("annually", dt.date(2024, 6, 1), True),
        ("when I remember", dt.date(2020, 1, 1), False),  # no period named: never stale
        ("", dt.date(2020, 1, 1), False),
    ],
)
def test_measure_stale(frequency: str, last: dt.date, stale: bool) -> None:
    d = _with_data(plan(), frequency, dt.date(2019, 1, 1), last)
    gaps = gaps_of(d, "measure_stale")
    assert bool(gaps) is stale
    if stale:
        assert gaps[0].node_id == "P1"
        assert '"Papers submitted"' in gaps[0].message and last.isoformat() in gaps[0].message


def test_measure_with_a_frequency_and_no_data_is_stale() -> None:
    d = _with_data(plan(), "monthly")
    gaps = gaps_of(d, "measure_stale")
    assert [g.node_id for g in gaps] == ["P1"] and "no data yet" in gaps[0].message
    assert gaps_of(_with_data(plan(), ""), "measure_stale") == [], "no frequency, no data: not stale"
    assert gaps_of(_with_data(plan(), "monthly", dt.date(2026, 3, 25)), "measure_stale") == []


# --------------------------------------------------------------- milestones
@pytest.mark.parametrize("kind", ["milestone", "homework", "action_item"])
def test_milestone_overdue(kind: str) -> None:
    d = plan()
    d.add_item("milestones", Milestone(id="late", title="Ethics approval", kind=kind, node_id="C1", due=TODAY))
    d.add_item("milestones", Milestone(id="x", title="Abstract", kind=kind, due=dt.date(2026, 3, 31)))
    d.add_item("milestones", Milestone(id="done", title="Data", kind=kind, due=dt.date(2026, 1, 1), done=TODAY))
    d.add_item("milestones", Milestone(id="open", title="Manuscript", kind=kind))
    gaps = gaps_of(d, "milestone_overdue")
    assert [g.node_id for g in gaps] == [None], "only the one due yesterday and not done"
    assert '"Abstract"' in gaps[0].message and "2026-03-31" in gaps[0].message
    assert kind.replace("_", " ") in gaps[0].message
    on_node = gaps_of(d, "milestone_overdue", today=TODAY + dt.timedelta(days=1))
    assert [g.node_id for g in on_node] == ["C1", None]


# ------------------------------------------------------------------ network
def test_driver_unsupported_only_with_people() -> None:
    d = plan()
    assert gaps_of(d, "driver_unsupported") == [], "no network drawn yet: no hole in it"
    d.add_item("people", Person(id="pe1", name="Dr. Lee", helps_with=["C1"]))  # below P1
    gaps = gaps_of(d, "driver_unsupported")
    assert [g.node_id for g in gaps] == ["P2"] and 'primary driver "Work–life balance"' in gaps[0].message
    d.add_item("people", Person(id="pe2", name="Sam", role="family", helps_with=["P2"]))
    assert gaps_of(d, "driver_unsupported") == []
    d.replace_item("people", Person(id="pe2", name="Sam", role="family", helps_with=["S2"]))
    assert gaps_of(d, "driver_unsupported") == [], "help with a secondary driver under it counts"


def test_driver_single_supporter() -> None:
    d = plan()
    assert gaps_of(d, "driver_single_supporter") == [], "no network drawn yet: no hole in it"
    d.add_item("people", Person(id="pe1", name="Dr. Chen", helps_with=["P1", "S1"]))
    d.add_item("people", Person(id="pe2", name="Sam", role="family", helps_with=["P2"]))
    gaps = gaps_of(d, "driver_single_supporter")
    assert [g.node_id for g in gaps] == ["P1", "P2"], "each rests on one person, in the diagram's order"
    assert gaps[0].message == 'Only Dr. Chen helps with the primary driver "Research skills": who else could?'
    assert gaps_of(d, "driver_unsupported") == []
    d.replace_item("people", Person(id="pe2", name="Sam", role="family", helps_with=["P2", "S1"]))
    assert [g.node_id for g in gaps_of(d, "driver_single_supporter")] == ["P2"], "two people help with P1 now"
    d.add_item("people", Person(id="pe3", name="Kim", helps_with=["S2"]))
    assert gaps_of(d, "driver_single_supporter") == [], "help below the primary driver counts"


def test_driver_single_supporter_only_below_and_in_rule_order() -> None:
    d = plan()
    d.add_item("people", Person(id="pe1", name="Dr. Lee", helps_with=["C1", "S1"]))  # both below P1
    found = find_gaps(d, TODAY)
    assert [(g.rule, g.node_id) for g in found] == [("driver_unsupported", "P2"), ("driver_single_supporter", "P1")]
    assert "Only Dr. Lee helps with the primary driver" in found[1].message
    assert "only with what is under it" in found[1].message


def test_driver_single_supporter_with_the_same_person_twice() -> None:
    d = plan()
    d.add_item("people", Person(id="pe1", name="", helps_with=["P1", "P1", "S1", "P2"]))
    gaps = gaps_of(d, "driver_single_supporter")
    assert [g.node_id for g in gaps] == ["P1", "P2"], "one person, however often named"
    assert gaps[0].message.startswith("Only one person helps with"), "a person with no name yet"


# --------------------------------------------------------------------- notes
def test_open_gap_note() -> None:
    d = plan()
    note = Annotation(id="n1", node_id="S1", kind="gap", text="Who teaches you stats?", created=TODAY)
    d.add_item("annotations", note)
    d.add_item("annotations", Annotation(id="n2", kind="gap", text="No sponsor anywhere", created=TODAY))
    d.add_item("annotations", Annotation(id="n3", kind="comment", text="Nice", created=TODAY))
    d.add_item("annotations", note.but(id="n4", resolved=TODAY))
    gaps = gaps_of(d, "open_gap_note")
    assert [g.node_id for g in gaps] == ["S1", None]
    assert '"Who teaches you stats?"' in gaps[0].message and 'secondary driver "Statistics"' in gaps[0].message
    assert "whole diagram" in gaps[1].message
    d.replace_item("annotations", note.but(resolved=TODAY))
    d.remove_item("annotations", "n2")
    assert gaps_of(d, "open_gap_note") == []


# ---------------------------------------------------------- career example
@pytest.fixture
def career() -> Diagram:
    return load(CAREER)


def test_career_example_gaps(career: Diagram) -> None:
    gaps = find_gaps(career, TODAY)
    found = {(g.rule, g.node_id) for g in gaps}
    assert ("open_gap_note", "s-team") in found
    assert ("open_gap_note", "aim") not in found, "the aim's gap note was resolved"
    assert not {g.rule for g in gaps} & {
        "aim_not_measurable",
        "aim_no_date",
        "primary_without_secondary",
        "barrier_not_countered",
        "no_work_life_balance",
        "work_life_balance_without_measure",
    }
    assert [g.node_id for g in gaps if g.rule == "driver_without_measure"] == [
        "p-network",
        "p-pubs-grants",
        "p-research",
        "p-balance",
    ]
    assert {g.node_id for g in gaps if g.rule == "milestone_overdue"} == {"c-renegotiate-template", "c-pilot-grant"}
    assert [g.node_id for g in gaps if g.rule == "driver_unsupported"] == ["p-clinical"]
    single = [g for g in gaps if g.rule == "driver_single_supporter"]
    assert [g.node_id for g in single] == ["p-network"]
    assert single[0].message == (
        'Only Dr. Wei Chen helps with the primary driver "Network & visibility": who else could?'
    )
    order = list(RULES)
    assert [order.index(g.rule) for g in gaps] == sorted(order.index(g.rule) for g in gaps)
    assert all(g.rule in RULES and "\n" not in g.message and len(g.message) < 400 for g in gaps)


def test_career_later_every_measure_is_stale(career: Diagram) -> None:
    gaps = gaps_of(career, "measure_stale", today=dt.date(2027, 6, 1))
    assert len(gaps) == len(career.items("measures"))
    assert [g.node_id for g in gaps] == [m.node_id for m in career.items("measures")]


def test_gaps_are_deterministic(career: Diagram) -> None:
    first = find_gaps(career, TODAY)
    assert first == find_gaps(career, TODAY) == find_gaps(load(CAREER), TODAY)
    assert first != find_gaps(career, dt.date(2027, 6, 1)), "the day matters"


def test_today_defaults_to_the_system_date() -> None:
    d = plan()
    d.add_item("milestones", Milestone(id="x", title="Abstract", due=dt.date.today() - dt.timedelta(days=1)))
    assert [g.rule for g in find_gaps(d)] == ["milestone_overdue"]


# ----------------------------------------------------------- hostile texts
def test_hostile_long_texts_give_short_one_line_messages() -> None:
    evil = "\x1b[2J\u202eline\nfake: valid driver diagram " + "x" * 19_900
    d = Diagram.new(evil, outcome_id="O")
    d.add_node(K.PRIMARY, evil, parent="O", id="P1")
    d.add_node(K.ANTI_DRIVER, evil, parent="P1", id="A1", strength=5)
    d.add_item("measures", Measure(id="m", node_id="P1", name="y" * 500, frequency="weekly " + "z" * 490))
    d.add_item("milestones", Milestone(id="ms", title="w" * 500, due=dt.date(2020, 1, 1)))
    d.add_item("annotations", Annotation(id="n", node_id="P1", kind="gap", text=evil, created=TODAY))
    d.add_item("people", Person(id="pe", name="v" * 500))
    gaps = find_gaps(d, TODAY)
    assert {g.rule for g in gaps} >= {
        "aim_no_date",
        "primary_without_secondary",
        "barrier_not_countered",
        "measure_stale",
        "milestone_overdue",
        "driver_unsupported",
        "open_gap_note",
    }
    for g in gaps:
        assert len(g.message) < 400, g
        assert not any(ch in g.message for ch in "\x1b\u202e\n\r"), g
    assert any("\\x1b[2J\\u202eline fake" in g.message and "…" in g.message for g in gaps)


def test_an_empty_aim_is_named_plainly() -> None:
    gaps = gaps_of(plan(""), "aim_not_measurable")
    assert gaps[0].message.startswith("The aim (no text yet) has no number")

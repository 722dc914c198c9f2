"""The bundled example documents: valid, complete enough to show every feature, and stable on save."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from driverdiagram.model import (
    Diagram,
    LinkKind,
    LinkStrength,
    MeasureType,
    NodeKind,
    check_document,
    dumps,
    load,
    loads,
    save,
    to_document,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"
CAREER = EXAMPLES / "career.driver"
QI_FALLS = EXAMPLES / "qi-falls.driver"
ALL = [CAREER, QI_FALLS]
ID = re.compile(r"^[A-Za-z0-9_.:-]+$")
BALANCE_TAG = "work–life balance"


@pytest.fixture(scope="module")
def career() -> Diagram:
    return load(CAREER)


@pytest.fixture(scope="module")
def qi() -> Diagram:
    return load(QI_FALLS)


# ------------------------------------------------------------------ both examples
@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_example_is_a_valid_document(path: Path) -> None:
    assert path.is_file()
    d = load(path)
    check_document(to_document(d))  # raises LoadError on any broken rule
    assert len(d.nodes(NodeKind.OUTCOME)) == 1
    assert d.outcome.text.strip()
    for kind in (NodeKind.PRIMARY, NodeKind.SECONDARY, NodeKind.CHANGE_IDEA):
        for n in d.nodes(kind):
            assert d.parents(n.id), f"{n.id} has no parent"
    for a in d.nodes(NodeKind.ANTI_DRIVER):
        assert a.strength is not None and 1 <= a.strength <= 5
        assert d.target(a.id).kind in (NodeKind.OUTCOME, NodeKind.PRIMARY, NodeKind.SECONDARY)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_example_ids_are_short_and_readable(path: Path) -> None:
    d = load(path)
    doc = to_document(d)
    ids = [n.id for n in doc.nodes]
    for name in ("measures", "annotations", "people", "milestones", "meetings", "parking_lot"):
        ids += [it.id for it in getattr(doc, name)]
    assert len(ids) == len(set(ids)), "ids should be unique across the whole document"
    for i in ids:
        assert ID.match(i) and len(i) <= 40, i


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_example_file_is_what_dumps_writes(path: Path) -> None:
    """The bundled bytes are exactly what the app would save: no hand edits, no drift."""
    assert dumps(load(path)) == path.read_bytes()


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_example_save_load_round_trip(path: Path, tmp_path: Path) -> None:
    d = load(path)
    out = tmp_path / path.name
    save(d, out)
    again = load(out)
    assert to_document(again) == to_document(d)
    assert to_document(loads(dumps(again))) == to_document(d)
    assert again.order == d.order


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_example_is_readable_by_everyone(path: Path) -> None:
    """Bundled files are installed for all users; a 0600 file would not open for them."""
    assert path.stat().st_mode & stat.S_IROTH


@pytest.mark.parametrize("name", [p.name for p in ALL])
def test_example_is_bundled_as_a_resource(name: str) -> None:
    from driverdiagram.resources import resource

    r = resource("examples", name)
    assert r.is_file()
    assert to_document(loads(r.read_bytes())) == to_document(load(EXAMPLES / name))


# ------------------------------------------------------------------------- career
def test_career_aim_is_measurable_and_time_bound(career: Diagram) -> None:
    aim = career.outcome.text
    assert re.search(r"\b20\d\d\b", aim), "the aim names a year"
    assert re.search(r"\d", aim.replace("2030", "")), "the aim has a number besides its date"
    assert career.info.horizon == "2026–2030"
    assert career.info.mentee and career.info.mentor and career.info.title


def test_career_primaries_include_work_life_balance(career: Diagram) -> None:
    primaries = career.nodes(NodeKind.PRIMARY)
    assert 4 <= len(primaries) <= 5
    balance = [n for n in primaries if BALANCE_TAG in n.tags]
    assert len(balance) == 1
    assert career.children(balance[0].id), "work–life balance has secondary drivers"
    assert any(
        m.node_id in {balance[0].id, *(c.id for c in career.children(balance[0].id))} for m in career.items("measures")
    ), "work–life balance has a concrete measure"
    for p in primaries:
        assert 2 <= len(career.children(p.id)) <= 4, p.id


def test_career_secondaries_are_many_to_many(career: Diagram) -> None:
    secondaries = career.nodes(NodeKind.SECONDARY)
    assert 10 <= len(secondaries) <= 14
    shared = [s for s in secondaries if len(career.parents(s.id)) == 2]
    assert 2 <= len(shared) <= 3
    weak = [
        s for s in shared if any(career.link(p.id, s.id).strength is LinkStrength.WEAK for p in career.parents(s.id))
    ]
    assert weak, "at least one shared secondary hangs on a weak (dashed) link"


def test_career_change_ideas(career: Diagram) -> None:
    ideas = career.nodes(NodeKind.CHANGE_IDEA)
    assert 15 <= len(ideas) <= 20
    assert sum(1 for c in ideas if len(career.parents(c.id)) == 2) >= 2
    drives = [link for link in career.links() if link.kind is LinkKind.DRIVES]
    to_ideas = [link for link in drives if career.node(link.target).kind is NodeKind.CHANGE_IDEA]
    assert any(link.strength is LinkStrength.WEAK for link in to_ideas)
    texts = [c.text for c in ideas]
    assert "Block Friday mornings as protected writing time" in texts
    for s in career.nodes(NodeKind.SECONDARY):
        assert career.children(s.id), f"secondary driver {s.id} has no change idea"


def test_career_anti_drivers_are_scored_and_countered(career: Diagram) -> None:
    anti = career.nodes(NodeKind.ANTI_DRIVER)
    assert 2 <= len(anti) <= 3
    assert len({a.strength for a in anti}) > 1, "strengths differ (1 weak … 5 strong)"
    counters = [link for link in career.links() if link.kind is LinkKind.COUNTERS]
    assert counters
    for link in counters:
        assert career.node(link.source).kind is NodeKind.CHANGE_IDEA
        assert career.node(link.target).kind is NodeKind.ANTI_DRIVER
    for a in anti:
        assert career.countered_by(a.id), f"{a.id} has nothing countering it"


def test_career_measures_cover_all_three_types(career: Diagram) -> None:
    measures = career.items("measures")
    assert 7 <= len(measures) <= 8
    by_type = {t: [m for m in measures if m.type is t] for t in MeasureType}
    assert 1 <= len(by_type[MeasureType.OUTCOME]) <= 2
    assert 3 <= len(by_type[MeasureType.PROCESS]) <= 5
    assert 1 <= len(by_type[MeasureType.BALANCING]) <= 2
    assert all(m.node_id == career.outcome.id for m in by_type[MeasureType.OUTCOME])
    for m in measures:
        assert m.operational_definition and m.unit and m.frequency and m.due, m.id
        assert m.baseline is not None and m.target is not None, m.id
        assert [p.date for p in m.data] == sorted(p.date for p in m.data)
        assert all(p.date.year in (2025, 2026) for p in m.data), m.id
    with_data = [m for m in measures if 4 <= len(m.data) <= 12]
    assert len(with_data) >= len(measures) - 2, "most measures have 4–12 data points"


def test_career_mentor_notes(career: Diagram) -> None:
    notes = career.items("annotations")
    assert len(notes) >= 3
    assert {n.kind.value for n in notes} >= {"gap", "comment", "action"}
    assert all(n.author == career.info.mentor for n in notes)
    assert sum(1 for n in notes if n.resolved is not None) == 1
    assert all(n.node_id is None or n.node_id in career for n in notes)


def test_career_network_milestones_meetings_parking_lot(career: Diagram) -> None:
    people = career.items("people")
    assert 4 <= len(people) <= 5
    assert len({p.role for p in people}) == len(people), "each advisor plays a different role"
    assert all(p.helps_with for p in people)
    milestones = career.items("milestones")
    assert 10 <= len(milestones) <= 14  # a research career's steps: design, ethics, data, analysis, abstract, …
    assert {m.kind.value for m in milestones} == {"milestone", "homework", "action_item"}
    assert all(m.due for m in milestones)
    assert sum(1 for m in milestones if m.done) == 2
    meetings = career.items("meetings")
    assert 2 <= len(meetings) <= 3
    assert all(m.agenda and m.summary for m in meetings)
    assert len(career.items("parking_lot")) == 2


def test_career_compact(career: Diagram) -> None:
    c = career.compact
    assert c.mentor == career.info.mentor and c.mentee == career.info.mentee
    assert c.start and c.review and c.start < c.review
    assert c.meeting_schedule == "Monthly, 45 minutes, first Tuesday; quarterly review of the diagram"
    assert c.communication and c.ending
    assert 4 <= len(c.expectations) <= 5
    joined = " ".join(c.expectations).lower()
    for word in ("confidential", "prepar", "feedback", "no-fault"):
        assert word in joined


def test_career_uses_typographic_characters() -> None:
    text = CAREER.read_text(encoding="utf-8")
    for ch in "–’“”":
        assert ch in text, ch


# ----------------------------------------------------------------------------- QI
def test_qi_falls_is_a_classic_qi_diagram(qi: Diagram) -> None:
    assert "falls" in qi.outcome.text.lower() and "30%" in qi.outcome.text
    assert 3 <= len(qi.nodes(NodeKind.PRIMARY)) <= 4
    assert 6 <= len(qi.nodes(NodeKind.SECONDARY)) <= 10
    assert 10 <= len(qi.nodes(NodeKind.CHANGE_IDEA)) <= 14
    assert 1 <= len(qi.nodes(NodeKind.ANTI_DRIVER)) <= 2
    measures = qi.items("measures")
    assert 3 <= len(measures) <= 4
    assert {m.type for m in measures} == set(MeasureType)
    assert all(len(m.data) >= 4 for m in measures)
    assert 1 <= len(qi.items("annotations")) <= 2
    assert qi.compact == type(qi.compact)(), "the QI example leaves the compact empty"


@pytest.mark.parametrize("name", ["career-before-change-markers.driver", "qi-falls-before-change-markers.driver"])
def test_files_written_before_change_markers_still_open(name: str) -> None:
    """Files of this version without the newer measure fields open with their defaults."""
    from pathlib import Path

    d = load(Path(__file__).with_name("old_files") / name)
    for m in d.items("measures"):
        assert m.markers == [] and m.baseline_points is None
    assert d.info.run_chart_rules == "ihi"


@pytest.mark.parametrize("name", ["career", "qi-falls"])
def test_the_examples_as_format_1_open_as_they_are_today(name: str) -> None:
    """The examples as shipped in format 1 (copied to old_files/) migrate to the same diagram
    (format 2's examples also say which meeting each note and action item came from, and
    have more milestones)."""
    from pathlib import Path

    old = load(Path(__file__).with_name("old_files") / f"{name}-v1.driver")
    new = load(Path(__file__).parents[2] / "resources" / "examples" / f"{name}.driver")
    assert all(a.kind.value != "note" for a in old.items("annotations"))
    for collection in ("annotations", "milestones"):
        for item in new.items(collection):
            new.replace_item(collection, item.but(meeting_id=None))
    for collection in ("measures", "annotations", "people", "meetings", "parking_lot"):
        assert old.items(collection) == new.items(collection), collection
    assert (old.nodes(), old.links(), old.info, old.compact) == (new.nodes(), new.links(), new.info, new.compact)
    now = {m.id: m for m in new.items("milestones")}
    assert all(now.get(m.id) == m for m in old.items("milestones")), "every milestone of then is there as it was"

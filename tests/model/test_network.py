"""The board of advisors read against the diagram: rows in the diagram's order, help counted
with everything below a driver, the two holes ("nobody", "one person"), initials for the
matrix's columns, and who helps with each node."""

from __future__ import annotations

from pathlib import Path

import pytest

from driverdiagram.model import Diagram, NodeKind, Person, load
from driverdiagram.model.network import NetworkRow, analyse_network, initials, supporters_by_node

K = NodeKind
CAREER = Path(__file__).resolve().parents[2] / "resources" / "examples" / "career.driver"


def small() -> Diagram:
    """O; P1 (S1 with C1, S2 with C2), P2 (S2 again, weakly, and S3)."""
    d = Diagram.new("Promoted by June 2030 with 3 grants", outcome_id="O")
    d.add_node(K.PRIMARY, "Research skills", parent="O", id="P1")
    d.add_node(K.PRIMARY, "Work–life balance", parent="O", id="P2")
    d.add_node(K.SECONDARY, "Statistics", parent="P1", id="S1")
    d.add_node(K.SECONDARY, "Protected time", parent="P1", id="S2")
    d.connect("P2", "S2", "weak")
    d.add_node(K.SECONDARY, "Evenings off", parent="P2", id="S3")
    d.add_node(K.CHANGE_IDEA, "Take a course", parent="S1", id="C1")
    d.add_node(K.CHANGE_IDEA, "Block Fridays", parent="S2", id="C2")
    return d


def person(pid: str, *helps: str, name: str = "") -> Person:
    return Person(id=pid, name=name or pid, helps_with=list(helps))


# ---------------------------------------------------------------------- rows
def test_rows_follow_the_diagram_and_a_shared_secondary_appears_once() -> None:
    a = analyse_network(small())
    assert [r.node_id for r in a.rows] == ["P1", "S1", "S2", "P2", "S3"]
    assert a.people == ()
    assert all(r.hole == "none" for r in a.rows), "nobody at all"
    assert a.unsupported() == ["P1", "S1", "S2", "P2", "S3"] and a.single() == []


def test_supporters_and_help_below() -> None:
    d = small()
    d.add_item("people", person("lee", "P1", "S1"))
    d.add_item("people", person("kim", "C2"))  # a change idea under S2, which is under P1 and P2
    d.add_item("people", person("sam", "S1", "S3"))
    a = analyse_network(d)
    rows = {r.node_id: r for r in a.rows}
    assert rows["P1"] == NetworkRow("P1", ("lee",), ("kim", "sam"))
    assert rows["S1"] == NetworkRow("S1", ("lee", "sam"), ())
    assert rows["S2"] == NetworkRow("S2", (), ("kim",)), "help with a change idea under it"
    assert rows["P2"] == NetworkRow("P2", (), ("kim", "sam")), "help with both its secondary drivers"
    assert rows["S3"].supporters == ("sam",)
    assert [r.hole for r in a.rows] == [None, None, "single", None, "single"]
    assert a.single() == ["S2", "S3"] and a.unsupported() == []
    assert a.helps("lee", "P1") and a.helps("lee", "S1")
    assert not a.helps("kim", "S2"), "help below is not help with the node itself"
    assert not a.helps("nobody", "P1") and not a.helps("lee", "ghost")
    assert a.covered() == ["P1", "S1", "S2", "P2", "S3"]
    assert a.row("S2") is rows["S2"] and a.row("C1") is None
    assert a.person("kim") is not None and a.person("ghost") is None


def test_holes_none_and_single_count_distinct_people() -> None:
    d = small()
    d.add_item("people", person("lee", "P1", "P1", "S1", "C1"))  # named again and again
    d.add_item("people", person("kim"))  # helps with nothing (yet)
    a = analyse_network(d)
    rows = {r.node_id: r for r in a.rows}
    assert rows["P1"].supporters == ("lee",) and rows["P1"].via_children == ()
    assert rows["P1"].hole == "single" and rows["S1"].hole == "single"
    assert rows["S2"].hole == "none" and rows["P2"].hole == "none" and rows["S3"].hole == "none"
    assert a.unsupported() == ["S2", "P2", "S3"] and a.single() == ["P1", "S1"]
    assert [p.id for p in a.helping()] == ["lee"]


def test_help_with_the_aim_or_a_barrier_supports_no_driver() -> None:
    d = small()
    d.add_node(K.ANTI_DRIVER, "Clinical load", parent="P1", id="A1", strength=3)
    d.add_item("people", person("lee", "O", "A1"))
    a = analyse_network(d)
    assert a.unsupported() == [r.node_id for r in a.rows]
    assert a.helping() == []


def test_the_analysis_is_a_pure_reading() -> None:
    d = small()
    d.add_item("people", person("lee", "S1"))
    revision = d.revision
    assert analyse_network(d) == analyse_network(d)
    assert d.revision == revision


# ----------------------------------------------------------- career example
@pytest.fixture(scope="module")
def career() -> Diagram:
    return load(CAREER)


def test_career_example_holes(career: Diagram) -> None:
    a = analyse_network(career)
    assert len(a.people) == 5
    primaries = [n.id for n in career.nodes(K.PRIMARY)]
    assert [r.node_id for r in a.rows if r.node_id in primaries] == primaries
    assert len(a.rows) == len(career.nodes(K.PRIMARY)) + len(career.nodes(K.SECONDARY))
    rows = {r.node_id: r for r in a.rows}
    # Clinical excellence: nobody, nor with its clinical niche or teaching
    assert rows["p-clinical"].hole == "none" and {"s-clinical-niche", "s-teaching"} <= set(a.unsupported())
    # Network & visibility rests on Dr. Chen: the driver, the sponsor and the conferences
    assert rows["p-network"] == NetworkRow("p-network", ("person-chen",), ())
    assert {"p-network", "s-sponsor", "s-conferences"} <= set(a.single())
    assert [x for x in a.single() if x in primaries] == ["p-network"]
    assert [x for x in a.unsupported() if x in primaries] == ["p-clinical"]
    # Publications and grants: Prof. Hoffmann on it, Dr. Rivera and Dr. Lindqvist below it
    assert rows["p-pubs-grants"] == NetworkRow(
        "p-pubs-grants", ("person-hoffmann",), ("person-rivera", "person-lindqvist")
    )
    assert rows["p-balance"].supporters == ("person-lindqvist", "person-patel")
    assert set(a.unsupported()) == {
        "p-clinical",
        "s-clinical-niche",
        "s-teaching",
        "s-team",
        "s-protected-time",
        "s-health",
    }
    # teaching feeds Network and Clinical: it is listed under the first
    ids = [r.node_id for r in a.rows]
    assert ids.count("s-teaching") == 1 and ids.index("p-network") < ids.index("s-teaching") < ids.index("p-clinical")


# ----------------------------------------------------------------- initials
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Prof. Lena Hoffmann", "LH"),
        ("Dr. Tomás Rivera", "TR"),
        ("Dr Wei Chen", "WC"),
        ("Maya Patel", "MP"),
        ("Mx Sam Okoro", "SO"),
        ("Sir Ian Brown", "IB"),
        ("Dame Judi Dench", "JD"),
        ("Mrs. Ann Lee", "AL"),
        ("Sara Lindqvist, PhD", "SL"),
        ("Martin Luther King Jr.", "MLK"),
        ("Maria José García López", "MJL"),
        ("Ludwig van Beethoven", "LB"),
        ("bell hooks", "BH"),
        ("José (Pepe) Ruiz", "JR"),
        ("Ma Long", "ML"),
        ("Émile Zola", "ÉZ"),
        ("E\u0301mile Zola", "ÉZ"),
        ("王 伟", "王伟"),
        ("王伟", "王"),
        ("Мария Иванова", "МИ"),
        ("Cher", "C"),
        ("Dr.", "D"),
        ("", "?"),
        ("   ", "?"),
        ("🙂 …", "?"),
    ],
)
def test_initials(name: str, expected: str) -> None:
    assert initials(name) == expected


def test_initials_are_short_whatever_the_name() -> None:
    assert len(initials("Ana " * 200)) <= 3
    assert initials("x" * 500) == "X"


# ------------------------------------------------------ supporters by node
def test_supporters_by_node() -> None:
    d = small()
    lee, kim = person("lee", "P1", "S1", "P1"), person("kim", "S1", "O")
    d.add_item("people", lee)
    d.add_item("people", kim)
    by_node = supporters_by_node(d)
    assert list(by_node) == [n.id for n in d.nodes()], "every node, in the diagram's order"
    assert by_node["P1"] == [lee], "each person once"
    assert by_node["S1"] == [lee, kim] and by_node["O"] == [kim]
    assert by_node["S2"] == [] and by_node["C2"] == []


def test_supporters_by_node_follows_removals() -> None:
    d = small()
    d.add_item("people", person("lee", "S1", "C1"))
    d.remove_nodes("S1")  # and C1 with it
    assert "S1" not in supporters_by_node(d)
    assert analyse_network(d).unsupported() == ["P1", "S2", "P2", "S3"]

"""Shared fixtures for the model tests: a small diagram with every kind of node and link,
an independent checker of the domain rules (not `check_document`, so the model is not
judged by itself), and a listener that records changes. No Qt anywhere here."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from driverdiagram.model import (
    Annotation,
    Change,
    Diagram,
    DocumentInfo,
    LinkKind,
    Measure,
    Milestone,
    NodeKind,
    ParkingItem,
    Person,
)

K = NodeKind

# The only links the domain allows: (source kind, target kind) -> link kind.
ALLOWED = {
    (K.OUTCOME, K.PRIMARY): LinkKind.DRIVES,
    (K.PRIMARY, K.SECONDARY): LinkKind.DRIVES,
    (K.SECONDARY, K.CHANGE_IDEA): LinkKind.DRIVES,
    (K.ANTI_DRIVER, K.OUTCOME): LinkKind.HINDERS,
    (K.ANTI_DRIVER, K.PRIMARY): LinkKind.HINDERS,
    (K.ANTI_DRIVER, K.SECONDARY): LinkKind.HINDERS,
    (K.CHANGE_IDEA, K.ANTI_DRIVER): LinkKind.COUNTERS,
}
PARENT = {K.PRIMARY: K.OUTCOME, K.SECONDARY: K.PRIMARY, K.CHANGE_IDEA: K.SECONDARY}


def assert_valid(d: Diagram) -> None:
    """Every rule of a driver diagram holds, checked from the diagram's public queries."""
    nodes = d.nodes()
    ids = [n.id for n in nodes]
    assert len(ids) == len(set(ids)) == len(d)
    assert list(d.order) == ids
    assert set(d.graph.nodes) == set(ids)
    assert [n.kind for n in nodes].count(K.OUTCOME) == 1
    for n in nodes:
        assert d.graph.nodes[n.id]["data"] == n
    links = d.links()
    assert len(links) == d.graph.number_of_edges()
    pairs = {(link.source, link.target) for link in links}
    assert len(pairs) == len(links)
    parents: Counter[str] = Counter()
    hinders: Counter[str] = Counter()
    for link in links:
        assert (link.target, link.source) not in pairs, "links go one way"
        src, dst = d.node(link.source), d.node(link.target)
        assert ALLOWED.get((src.kind, dst.kind)) is link.kind, (src, dst, link)
        assert d.link(link.source, link.target) == link
        if link.kind is LinkKind.DRIVES:
            parents[link.target] += 1
        if link.kind is LinkKind.HINDERS:
            hinders[link.source] += 1
    for n in nodes:
        if n.kind in PARENT:
            assert parents[n.id] >= 1, f"{n} has no parent"
            assert all(p.kind is PARENT[n.kind] for p in d.parents(n.id))
        if n.kind is K.ANTI_DRIVER:
            assert hinders[n.id] == 1, f"{n} hinders {hinders[n.id]} nodes"
            assert n.strength is not None and 1 <= n.strength <= 5
        elif n.kind not in (K.PRIMARY, K.SECONDARY):
            assert n.strength is None  # only forces (drivers, anti-drivers) are scored
    for name in ("measures", "annotations", "people", "milestones", "meetings", "parking_lot"):
        items = d.items(name)
        assert len({it.id for it in items}) == len(items)
        for it in items:
            refs = list(it.helps_with) if isinstance(it, Person) else [getattr(it, "node_id", None)]
            assert all(r is None or r in d for r in refs), (name, it)


class Recorder:
    """A listener that keeps every `Change` it is called with."""

    def __init__(self, d: Diagram) -> None:
        self.changes: list[Change] = []
        self.unsubscribe = d.subscribe(self._called)

    def _called(self, change: Change) -> None:
        self.changes.append(change)

    def take(self) -> list[Change]:
        """The changes so far, forgetting them."""
        out, self.changes = self.changes, []
        return out


TODAY = dt.date(2026, 1, 15)


def build_sample() -> Diagram:
    """Outcome O; primaries P1, P2; secondaries S1 (under P1), S2 (under P1 and P2, weak from P2);
    change ideas C1 (under S1), C2 (under S2); anti-drivers A1 (hinders P1) and A2 (hinders S2),
    C1 counters A2; measures, notes, a person, a milestone and a parking-lot item on them."""
    d = Diagram()
    d.set_info(DocumentInfo(title="My plan", mentee="Sam"))
    o = d.add_node(K.OUTCOME, "Promoted to associate professor by June 2030", id="O").id
    d.add_node(K.PRIMARY, "Research skills", parent=o, id="P1")
    d.add_node(K.PRIMARY, "Work–life balance", parent=o, id="P2")
    d.add_node(K.SECONDARY, "Statistics", parent="P1", id="S1")
    d.add_node(K.SECONDARY, "Protected time", parent="P1", id="S2")
    d.connect("P2", "S2", "weak")
    d.add_node(K.CHANGE_IDEA, "Take a course", parent="S1", id="C1")
    d.add_node(K.CHANGE_IDEA, "Block Fridays", parent="S2", id="C2")
    d.add_node(K.ANTI_DRIVER, "No mentor in stats", parent="P1", id="A1", strength=2)
    d.add_node(K.ANTI_DRIVER, "Clinical load", parent="S2", id="A2", strength=5)
    d.connect("C1", "A2")
    d.add_item("measures", Measure(id="m1", node_id="S1", name="Courses done"))
    d.add_item("measures", Measure(id="m2", node_id="P2", name="Hours of sleep", type="balancing"))
    d.add_item("measures", Measure(id="m3", node_id="S2", name="Protected hours"))
    d.add_item("annotations", Annotation(id="a1", node_id="S2", text="Is this realistic?", created=TODAY))
    d.add_item("annotations", Annotation(id="a2", text="Good start", created=TODAY))
    d.add_item("people", Person(id="pe1", name="Dr. Lee", role="research_mentor", helps_with=["S1", "S2", "P2"]))
    d.add_item("milestones", Milestone(id="ms1", title="Stats course", node_id="C1"))
    d.add_item("parking_lot", ParkingItem(id="pk1", text="A sabbatical?", created=TODAY, node_id="S1"))
    return d


@pytest.fixture
def sample() -> Diagram:
    d = build_sample()
    assert_valid(d)
    return d

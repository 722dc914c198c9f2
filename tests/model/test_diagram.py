"""`Diagram`: each rule, the words its message uses, cascade removal and exact restore,
ordering, kinds, items and the change events views rely on."""

from __future__ import annotations

import datetime as dt
import itertools

import networkx as nx
import pytest

from driverdiagram.model import (
    Annotation,
    Change,
    ChangeKind,
    Compact,
    DataPoint,
    Diagram,
    DiagramError,
    DocumentInfo,
    LinkKind,
    LinkStrength,
    Measure,
    Meeting,
    Node,
    NodeKind,
    Person,
    dumps,
    to_document,
)

from .conftest import ALLOWED, TODAY, Recorder, assert_valid, build_sample

K = NodeKind
# One node of each kind in the sample diagram (the outcome's id is random: looked up).
REPRESENTATIVE = {K.PRIMARY: "P2", K.SECONDARY: "S1", K.CHANGE_IDEA: "C2", K.ANTI_DRIVER: "A1"}


def rep(d: Diagram, kind: NodeKind) -> str:
    return d.outcome.id if kind is K.OUTCOME else REPRESENTATIVE[kind]


def refused(d: Diagram, call, *words: str) -> str:
    """`call()` must raise DiagramError naming `words`, emit nothing and change nothing."""
    before, order, revision = to_document(d), d.order, d.revision
    rec = Recorder(d)
    with pytest.raises(DiagramError) as info:
        call()
    message = str(info.value)
    for w in words:
        assert w.lower() in message.lower(), f"{w!r} not in {message!r}"
    assert to_document(d) == before
    assert d.order == order
    assert d.revision == revision
    assert rec.changes == []
    rec.unsubscribe()
    assert_valid(d)
    return message


# --------------------------------------------------------------------------- outcome
def test_new_diagram_has_exactly_one_outcome():
    d = Diagram.new("Be promoted by 2030", title="Plan")
    assert [n.kind for n in d.nodes()] == [K.OUTCOME]
    assert d.outcome.text == "Be promoted by 2030"
    assert d.info.title == "Plan"
    assert_valid(d)


def test_second_outcome_is_refused(sample):
    refused(sample, lambda: sample.add_node(K.OUTCOME, "Another aim"), "exactly one outcome")


def test_outcome_has_no_parent():
    d = Diagram()
    d.add_node(K.OUTCOME, "aim", id="O")
    refused(d, lambda: d.add_node(K.OUTCOME, "x", parent="O"), "outcome", "parent")


def test_outcome_cannot_be_removed(sample):
    refused(sample, lambda: sample.remove_nodes([sample.outcome.id]), "outcome cannot be removed")
    refused(sample, lambda: sample.remove_nodes(["S1", sample.outcome.id]), "outcome cannot be removed")


def test_empty_diagram_has_no_outcome():
    with pytest.raises(DiagramError, match="no outcome"):
        _ = Diagram().outcome


# ------------------------------------------------------------------- adding nodes
@pytest.mark.parametrize(
    ("kind", "words"),
    [
        (K.PRIMARY, ["primary driver", "outcome"]),
        (K.SECONDARY, ["secondary driver", "primary driver"]),
        (K.CHANGE_IDEA, ["change idea", "secondary driver"]),
        (K.ANTI_DRIVER, ["anti-driver", "hinders"]),
    ],
)
def test_new_node_needs_a_parent(sample, kind, words):
    refused(sample, lambda: sample.add_node(kind, "x"), "needs", *words)


@pytest.mark.parametrize(("kind", "parent_kind"), [(k, p) for k in K if k is not K.OUTCOME for p in K])
def test_new_node_only_under_the_allowed_parent(sample, kind, parent_kind):
    """A driver hangs from the kind one column to its left; an anti-driver from what it hinders."""
    parent = rep(sample, parent_kind)
    if kind is K.ANTI_DRIVER:
        pair = (kind, parent_kind)
        fits = pair in ALLOWED
    else:
        pair = (parent_kind, kind)
        fits = ALLOWED.get(pair) is LinkKind.DRIVES
    if not fits:
        message = refused(sample, lambda: sample.add_node(kind, "new", parent=parent), kind.label)
        assert message[0].isupper() and message.endswith(".")
        return
    node = sample.add_node(kind, "new", parent=parent)
    assert_valid(sample)
    link = sample.link(*((node.id, parent) if kind is K.ANTI_DRIVER else (parent, node.id)))
    assert link.kind is ALLOWED[pair]


def test_messages_use_the_users_words(sample):
    o = sample.outcome.id
    m = refused(sample, lambda: sample.add_node(K.SECONDARY, "x", parent=o))
    assert m.startswith("A secondary driver can only be linked from a primary driver")
    m = refused(sample, lambda: sample.add_node(K.CHANGE_IDEA, "x", parent="P1"))
    assert m.startswith("A change idea can only be linked from a secondary driver")
    m = refused(sample, lambda: sample.add_node(K.PRIMARY, "x", parent="S1"))
    assert m.startswith("A primary driver can only be linked from the outcome")
    m = refused(sample, lambda: sample.add_node(K.ANTI_DRIVER, "x", parent="C1"))
    assert "a change idea can counter it instead" in m
    m = refused(sample, lambda: sample.add_node(K.ANTI_DRIVER, "x", parent="A1"))
    assert "An anti-driver can only be countered by a change idea" in m
    m = refused(sample, lambda: sample.add_node(K.PRIMARY, "x", parent="A1"))
    assert m == "A new primary driver hangs from the outcome, not from anti-driver 'No mentor in stats'."
    m = refused(sample, lambda: sample.add_node(K.SECONDARY, "x", parent="A2"))
    assert m.startswith("A new secondary driver hangs from a primary driver, not from anti-driver")


def test_parent_must_exist(sample):
    refused(sample, lambda: sample.add_node(K.PRIMARY, "x", parent="nope"), "no node", "'nope'")


def test_ids_are_unique_and_well_formed(sample):
    refused(sample, lambda: sample.add_node(K.PRIMARY, "x", parent=sample.outcome.id, id="P1"), "already", "'P1'")
    refused(sample, lambda: sample.add_node(K.PRIMARY, "x", parent=sample.outcome.id, id="has space"), "id")
    fresh = {sample.new_id() for _ in range(50)}
    assert not fresh & set(sample.order)
    assert all(len(i) <= 64 for i in fresh)


def test_kinds_and_strengths_may_be_given_as_words(sample):
    node = sample.add_node("secondary", "Writing", parent="P2", link_strength="weak")
    assert node.kind is K.SECONDARY
    assert sample.link("P2", node.id).strength is LinkStrength.WEAK


def test_unknown_kind_or_strength_is_a_diagram_error(sample):
    refused(sample, lambda: sample.add_node("tertiary", "x", parent="S1"), "'tertiary'", "kind of node", "change_idea")
    refused(
        sample,
        lambda: sample.add_node("primary", "x", parent=sample.outcome.id, link_strength="medium"),
        "'medium'",
        "strong",
        "weak",
    )
    refused(sample, lambda: sample.connect("P2", "S1", "dotted"), "'dotted'", "link strength")
    refused(sample, lambda: sample.edit_link("P1", "S1", "dotted"), "'dotted'")
    refused(sample, lambda: sample.change_kind("S1", "tertiary"), "'tertiary'")


def test_anti_driver_strength(sample):
    a = sample.add_node(K.ANTI_DRIVER, "Impostor syndrome", parent=sample.outcome.id)
    assert a.strength == 3
    assert sample.target(a.id) == sample.outcome
    assert sample.anti_drivers(sample.outcome.id) == [a]
    for bad in (0, 6):
        refused(sample, lambda: sample.add_node(K.ANTI_DRIVER, "x", parent="P1", strength=bad), "strength")
    # drivers may carry a force-field score; change ideas and the outcome never do
    assert sample.add_node(K.PRIMARY, "scored", parent=sample.outcome.id, strength=2).strength == 2
    refused(
        sample,
        lambda: sample.add_node(K.CHANGE_IDEA, "x", parent="S1", strength=2),
        "only drivers and anti-drivers have a strength",
    )
    refused(sample, lambda: sample.edit_node(sample.outcome.id, strength=4), "not an outcome")


def test_unknown_or_bad_fields_are_refused(sample):
    refused(sample, lambda: sample.add_node(K.PRIMARY, "x", parent=sample.outcome.id, colour="red"), "colour")
    refused(sample, lambda: sample.add_node(K.PRIMARY, "x" * 20_001, parent=sample.outcome.id), "text")


def test_new_node_goes_after_its_siblings(sample):
    s3 = sample.add_node(K.SECONDARY, "Writing", parent="P1")
    assert [n.id for n in sample.nodes(K.SECONDARY)] == ["S1", "S2", s3.id]
    p3 = sample.add_node(K.PRIMARY, "Network", parent=sample.outcome.id)
    assert [n.id for n in sample.nodes(K.PRIMARY)] == ["P1", "P2", p3.id]
    assert sample.position(p3.id) == sample.position("P2") + 1


def test_new_node_at_an_index_or_after_a_sibling(sample):
    first = sample.add_node(K.SECONDARY, "first", parent="P2", index=1)
    assert sample.order[1] == first.id
    after = sample.add_node(K.SECONDARY, "after S1", parent="P1", after="S1")
    assert sample.position(after.id) == sample.position("S1") + 1
    end = len(sample)
    last = sample.add_node(K.PRIMARY, "last", parent=sample.outcome.id, index=end)
    assert sample.order[-1] == last.id
    assert_valid(sample)
    refused(
        sample,
        lambda: sample.add_node(K.PRIMARY, "x", parent=sample.outcome.id, index=len(sample) + 1),
        "outside the diagram",
    )
    refused(sample, lambda: sample.add_node(K.PRIMARY, "x", parent=sample.outcome.id, index=-1), "outside")
    refused(sample, lambda: sample.add_node(K.PRIMARY, "x", parent=sample.outcome.id, after="nope"), "'nope'")


# -------------------------------------------------------------------- editing nodes
def test_edit_node_returns_the_old_node_and_emits_once(sample):
    rec = Recorder(sample)
    old = sample.edit_node("S1", text="Biostatistics", tags=["skills"], description="ask Lee")
    assert old.text == "Statistics"
    assert sample.node("S1").text == "Biostatistics"
    assert sample.node("S1").tags == ["skills"]
    assert rec.take() == [Change(ChangeKind.NODE_EDITED, ("S1",))]
    sample.edit_node("S1", text="Biostatistics")
    assert rec.take() == [], "an edit that changes nothing is not a change"
    sample.edit_node("S1", **old.model_dump(exclude={"id", "kind"}))
    assert sample.node("S1") == old


def test_edit_node_refusals(sample):
    refused(sample, lambda: sample.edit_node("S1", id="S9"), "id never changes")
    refused(sample, lambda: sample.edit_node("S1", kind=K.PRIMARY), "change_kind")
    refused(sample, lambda: sample.edit_node("C1", strength=3), "only drivers and anti-drivers have a strength")
    refused(sample, lambda: sample.edit_node("A1", strength=None), "strength")
    refused(sample, lambda: sample.edit_node("A1", strength=7), "strength")
    refused(sample, lambda: sample.edit_node("S1", mood="good"), "mood")
    refused(sample, lambda: sample.edit_node("nope", text="x"), "no node", "'nope'")


def test_edit_node_keeps_any_unicode(sample):
    text = "Ärztin · 研究 · 🚀\nzweite Zeile\u200b"
    sample.edit_node("P1", text=text)
    assert sample.node("P1").text == text
    refused(sample, lambda: sample.edit_node("P1", text="broken \ud800 surrogate"), "text")


# --------------------------------------------------------------------- change_kind
@pytest.mark.parametrize("old_kind", list(K))
@pytest.mark.parametrize("new_kind", list(K))
def test_change_kind_is_refused_where_links_would_break(sample, old_kind, new_kind):
    """Every node of a valid diagram has a link that fixes its column, so a kind change
    across columns is always refused, naming the node and the kind it cannot become."""
    node_id = rep(sample, old_kind)
    if old_kind is new_kind:
        before = to_document(sample)
        assert sample.change_kind(node_id, new_kind) == sample.node(node_id)
        assert to_document(sample) == before
        return
    words = ["exactly one outcome"] if K.OUTCOME in (old_kind, new_kind) else ["cannot become", new_kind.label]
    refused(sample, lambda: sample.change_kind(node_id, new_kind), *words)


def test_change_kind_message_gives_the_reason(sample):
    m = refused(sample, lambda: sample.change_kind("S1", K.CHANGE_IDEA))
    assert m.startswith("secondary driver 'Statistics' cannot become a change idea")
    assert "A change idea can only be linked from a secondary driver" in m
    m = refused(sample, lambda: sample.change_kind("A1", K.SECONDARY))
    assert "anti-driver 'No mentor in stats' cannot become a secondary driver" in m


def test_change_kind_to_the_same_kind_edits(sample):
    rec = Recorder(sample)
    old = sample.change_kind("A1", "anti_driver", strength=4)
    assert old.strength == 2 and sample.node("A1").strength == 4
    assert rec.take() == [Change(ChangeKind.NODE_EDITED, ("A1",))]
    sample.replace_node(old)
    assert sample.node("A1") == old


# ----------------------------------------------------------------- removing nodes
def test_secondary_with_two_primaries_survives_removal_of_one(sample):
    removal = sample.remove_nodes(["P1"])
    assert_valid(sample)
    assert "S2" in sample and "C2" in sample
    assert [p.id for p in sample.parents("S2")] == ["P2"]
    assert sample.link("P2", "S2").strength is LinkStrength.WEAK
    assert {"P1", "S1", "C1", "A1"} == set(removal.ids)
    assert "A2" in sample, "A2 hinders S2, which stays"
    assert sample.countered_by("A2") == [], "C1 is gone, and with it the countering link"


def test_removal_takes_anti_drivers_and_counter_links(sample):
    sample.remove_nodes(["S2"])
    assert_valid(sample)
    assert "A2" not in sample and "C2" not in sample
    assert "C1" in sample and sample.counters("C1") == []
    sample2 = build_sample()
    sample2.remove_nodes(["A2"])
    assert "C1" in sample2 and "S2" in sample2
    assert not sample2.has_link("C1", "A2")


def test_removing_a_change_idea_leaves_its_parent(sample):
    removal = sample.remove_nodes("C1")  # one id, not its characters
    assert removal.ids == ("C1",)
    assert "S1" in sample
    assert_valid(sample)


def test_removal_lists_nodes_in_order_and_ignores_repeats(sample):
    removal = sample.remove_nodes(["S1", "P1", "S1"])
    assert removal.ids == ("P1", "S1", "C1", "A1")
    assert [i for i, _ in removal.nodes] == sorted(i for i, _ in removal.nodes)


def test_removing_an_unknown_node_changes_nothing(sample):
    refused(sample, lambda: sample.remove_nodes(["S1", "nope"]), "no node", "'nope'")


def test_items_on_removed_nodes_go_and_come_back(sample):
    before = to_document(sample)
    removal = sample.remove_nodes(["S2"])
    assert [m.id for m in sample.items("measures")] == ["m1", "m2"]
    assert [a.id for a in sample.items("annotations")] == ["a2"]
    assert sample.item("people", "pe1").helps_with == ["S1", "P2"]
    sample.restore(removal)
    assert to_document(sample) == before
    assert [m.id for m in sample.items("measures")] == ["m1", "m2", "m3"]
    assert sample.item("people", "pe1").helps_with == ["S1", "S2", "P2"]


def test_people_milestones_and_parking_lot_let_go_of_removed_nodes(sample):
    before = to_document(sample)
    removal = sample.remove_nodes(["P1"])
    assert sample.item("people", "pe1").helps_with == ["S2", "P2"]
    assert sample.item("milestones", "ms1").node_id is None
    assert sample.item("parking_lot", "pk1").node_id is None
    assert [m.id for m in sample.measures_of("S1")] == []
    assert {c.collection for c in removal.items} == {"measures", "people", "milestones", "parking_lot"}
    sample.restore(removal)
    assert to_document(sample) == before
    assert sample.item("milestones", "ms1").node_id == "C1"


def _removable_sets():
    ids = ["P1", "P2", "S1", "S2", "C1", "C2", "A1", "A2"]
    return [list(c) for r in (1, 2, 3) for c in itertools.combinations(ids, r)]


@pytest.mark.parametrize("ids", _removable_sets(), ids=lambda ids: "+".join(ids))
def test_restore_is_exact(ids):
    d = build_sample()
    before, before_bytes = to_document(d), dumps(d)
    removal = d.remove_nodes(ids)
    assert_valid(d)
    assert set(ids) <= set(removal.ids)
    assert not set(removal.ids) & set(d.order)
    d.restore(removal)
    assert_valid(d)
    assert to_document(d) == before
    assert dumps(d) == before_bytes


def test_removals_undone_in_reverse_order_are_exact(sample):
    before = to_document(sample)
    d = sample
    r1 = d.remove_nodes(["C1"])
    middle = to_document(d)
    r2 = d.remove_nodes(["P1"])
    d.restore(r2)
    assert to_document(d) == middle
    d.restore(r1)
    assert to_document(d) == before


def test_restore_refuses_an_id_in_use_again(sample):
    removal = sample.remove_nodes(["C2"])
    sample.add_node(K.CHANGE_IDEA, "again", parent="S2", id="C2")
    refused(sample, lambda: sample.restore(removal), "Block Fridays", "in use")


# --------------------------------------------------------------------------- links
def test_secondary_may_feed_several_primaries(sample):
    sample.connect("P2", "S1", LinkStrength.WEAK)
    assert [p.id for p in sample.parents("S1")] == ["P1", "P2"]
    assert [c.id for c in sample.children("P2")] == ["S1", "S2"]
    assert sample.link("P2", "S1").kind is LinkKind.DRIVES
    assert_valid(sample)


@pytest.mark.parametrize(("src_kind", "dst_kind"), [p for p in itertools.product(K, K) if p not in ALLOWED])
def test_connect_refuses_links_the_domain_does_not_allow(sample, src_kind, dst_kind):
    src, dst = rep(sample, src_kind), rep(sample, dst_kind)
    words = ["anti-driver"] if dst_kind is K.CHANGE_IDEA and src_kind is K.ANTI_DRIVER else [dst_kind.label]
    refused(sample, lambda: sample.connect(src, dst), *words)


def test_connect_refuses_a_second_link_or_a_reverse_one(sample):
    refused(sample, lambda: sample.connect("P1", "S1"), "already linked")
    refused(sample, lambda: sample.connect("S1", "P1"), "already linked", "one way")


def test_anti_driver_hinders_exactly_one_node(sample):
    refused(sample, lambda: sample.connect("A1", "P2"), "exactly one", "primary driver 'Research skills'")
    refused(sample, lambda: sample.disconnect("A1", "P1"), "must hinder something")


def test_change_idea_counters_an_anti_driver(sample):
    link = sample.connect("C2", "A1", "weak")
    assert link.kind is LinkKind.COUNTERS and link.strength is LinkStrength.WEAK
    assert [c.id for c in sample.countered_by("A1")] == ["C2"]
    assert [a.id for a in sample.counters("C2")] == ["A1"]
    assert_valid(sample)
    sample.disconnect("C2", "A1")
    assert sample.countered_by("A1") == []


def test_disconnect_refuses_to_orphan_a_node(sample):
    m = refused(sample, lambda: sample.disconnect("P1", "S1"))
    assert "secondary driver 'Statistics'" in m and "no primary driver" in m
    refused(sample, lambda: sample.disconnect(sample.outcome.id, "P1"), "no outcome")
    refused(sample, lambda: sample.disconnect("S1", "C2"), "is not linked to")


def test_disconnect_one_of_two_parents_and_put_it_back(sample):
    before = to_document(sample)
    old = sample.disconnect("P2", "S2")
    assert [p.id for p in sample.parents("S2")] == ["P1"]
    assert_valid(sample)
    refused(sample, lambda: sample.disconnect("P1", "S2"), "no primary driver")
    sample.add_link(old)
    assert to_document(sample) == before


def test_edit_link_strength(sample):
    rec = Recorder(sample)
    old = sample.edit_link("P1", "S1", "weak")
    assert old.strength is LinkStrength.STRONG
    assert sample.link("P1", "S1").strength is LinkStrength.WEAK
    assert rec.take() == [Change(ChangeKind.LINK_EDITED, ("P1", "S1"))]
    sample.edit_link("P1", "S1", LinkStrength.WEAK)
    assert rec.take() == []
    refused(sample, lambda: sample.edit_link("P2", "S1", "weak"), "not linked")


def test_links_are_listed_in_the_users_order(sample):
    pos = {v: i for i, v in enumerate(sample.order)}
    keys = [(pos[link.source], pos[link.target]) for link in sample.links()]
    assert keys == sorted(keys)


# ------------------------------------------------------------------------- order
def test_move_node(sample):
    rec = Recorder(sample)
    old = sample.move_node("S2", 0)
    assert old == 4 and sample.order[0] == "S2"
    assert rec.take() == [Change(ChangeKind.ORDER, ("S2",))]
    sample.move_node("S2", old)
    assert sample.position("S2") == 4
    rec.take()
    sample.move_node("S2", 4)
    assert rec.take() == []
    refused(sample, lambda: sample.move_node("S2", len(sample)), "outside the diagram")
    refused(sample, lambda: sample.move_node("S2", -1), "outside")
    refused(sample, lambda: sample.move_node("nope", 0), "no node")


def test_sibling_index_swaps_siblings(sample):
    assert sample.sibling_index("S1", -1) is None
    assert sample.sibling_index("S2", +1) is None
    assert sample.sibling_index("S2", -1) == sample.position("S1")
    sample.move_node("S2", sample.sibling_index("S2", -1))
    assert [n.id for n in sample.nodes(K.SECONDARY)] == ["S2", "S1"]
    sample.move_node("S2", sample.sibling_index("S2", +1))
    assert [n.id for n in sample.nodes(K.SECONDARY)] == ["S1", "S2"]
    assert sample.sibling_index("P1", +1) == sample.position("P2")
    assert sample.sibling_index(sample.outcome.id, +1) is None


def test_siblings_share_a_parent_or_a_target(sample):
    s3 = sample.add_node(K.SECONDARY, "only under P2", parent="P2")
    assert sample.sibling_index(s3.id, -1) == sample.position("S2"), "S2 shares P2"
    sample.move_node(s3.id, 3)  # before S1 and S2
    assert sample.sibling_index(s3.id, +1) == sample.position("S2"), "S1 is not under P2"
    assert sample.sibling_index("A1", +1) is None, "A2 hinders another node"
    a3 = sample.add_node(K.ANTI_DRIVER, "No sponsor", parent="P1")
    assert sample.sibling_index(a3.id, -1) == sample.position("A1")
    sample.move_node(a3.id, sample.sibling_index(a3.id, -1))
    assert [n.id for n in sample.nodes(K.ANTI_DRIVER)] == [a3.id, "A1", "A2"]


def test_set_order(sample):
    rec = Recorder(sample)
    new = list(reversed(sample.order))
    old = sample.set_order(new)
    assert list(sample.order) == new
    assert rec.take() == [Change(ChangeKind.ORDER, tuple(new))]
    assert [n.id for n in sample.nodes()] == new
    sample.set_order(old)
    assert rec.take() != []
    sample.set_order(old)
    assert rec.take() == []
    refused(sample, lambda: sample.set_order(old[:-1]), "every node exactly once")
    refused(sample, lambda: sample.set_order(old + [old[0]]), "exactly once")
    refused(sample, lambda: sample.set_order(old[:-1] + ["nope"]), "exactly once")


# ------------------------------------------------------------------------- items
def test_add_replace_remove_items(sample):
    rec = Recorder(sample)
    before = to_document(sample)
    m = Measure(
        id="m9",
        node_id="P1",
        name="Papers",
        type="outcome",
        data=[DataPoint(date=dt.date(2026, 3, 1), value=2), DataPoint(date=dt.date(2026, 1, 1), value=1)],
    )
    added = sample.add_item("measures", m, index=0)
    assert [p.value for p in added.data] == [1, 2], "data kept in time order"
    assert sample.items("measures")[0] == added
    assert rec.take() == [Change(ChangeKind.ITEM_ADDED, ("P1",), ("measures",))]
    old = sample.replace_item("measures", added.but(name="Papers published", node_id="S1"))
    assert old == added
    assert rec.take() == [Change(ChangeKind.ITEM_EDITED, ("P1", "S1"), ("measures",))]
    assert [m.name for m in sample.measures_of("S1")] == ["Papers published", "Courses done"]
    index, item = sample.remove_item("measures", "m9")
    assert index == 0 and item.id == "m9"
    assert rec.take() == [Change(ChangeKind.ITEM_REMOVED, ("S1",), ("measures",))]
    assert to_document(sample) == before


def test_items_accept_dicts(sample):
    sample.add_item("meetings", {"id": "mt1", "date": "2026-02-01", "agenda": "Grant"})
    assert sample.item("meetings", "mt1") == Meeting(id="mt1", date=dt.date(2026, 2, 1), agenda="Grant")


def test_item_refusals(sample):
    refused(
        sample,
        lambda: sample.add_item("measures", Measure(id="m1", node_id="P1", name="x")),
        "already a measure",
        "'m1'",
    )
    refused(
        sample,
        lambda: sample.add_item("measures", Measure(id="m9", node_id="ghost", name="x")),
        "measure",
        "'ghost'",
        "does not exist",
    )
    refused(
        sample,
        lambda: sample.add_item("people", Person(id="pe9", name="X", helps_with=["P1", "ghost"])),
        "person",
        "'ghost'",
    )
    refused(
        sample,
        lambda: sample.add_item("measures", Measure(id="m9", node_id="P1", name="x"), index=99),
        "outside the list of measures",
    )
    refused(sample, lambda: sample.add_item("gossip", {"id": "g"}), "no list called 'gossip'")
    refused(
        sample,
        lambda: sample.add_item("measures", {"id": "m9", "node_id": "P1", "name": "x", "baseline": "nan"}),
        "baseline",
    )
    refused(sample, lambda: sample.add_item("people", Measure(id="m9", node_id="P1", name="x")), "node_id")
    refused(
        sample,
        lambda: sample.replace_item("measures", Measure(id="m404", node_id="P1", name="x")),
        "no measure",
        "'m404'",
    )
    refused(sample, lambda: sample.replace_item("measures", Measure(id="m1", node_id="ghost", name="x")), "'ghost'")
    refused(sample, lambda: sample.remove_item("annotations", "zzz"), "no note")


def test_removed_item_goes_back_in_its_place(sample):
    before = to_document(sample)
    index, item = sample.remove_item("measures", "m2")
    sample.add_item("measures", item, index)
    assert to_document(sample) == before


def test_new_ids_avoid_node_and_item_ids(sample, monkeypatch):
    sample.add_item("annotations", Annotation(id="n000000", text="x", created=TODAY))
    sample.add_node(K.PRIMARY, "x", parent="O", id="n000001")
    tokens = iter(["000000", "000001", "000002"])
    monkeypatch.setattr("driverdiagram.model.queries.secrets.token_hex", lambda n: next(tokens))
    assert sample.new_id() == "n000002"


# ------------------------------------------------------------- document fields
def test_info_and_compact(sample):
    rec = Recorder(sample)
    old = sample.set_info(sample.info.but(title="New title"))
    assert old.title == "My plan" and sample.info.title == "New title"
    assert rec.take() == [Change(ChangeKind.INFO)]
    sample.set_compact(Compact(mentor="Dr. Lee", expectations=["Confidential"]))
    assert rec.take() == [Change(ChangeKind.COMPACT, collections=("compact",))]
    sample.set_compact(Compact(mentor="Dr. Lee", expectations=["Confidential"]))
    assert rec.take() == []
    refused(sample, lambda: sample.set_info({"title": 5}), "title")
    refused(sample, lambda: sample.set_compact({"signature": "x"}), "signature")
    assert sample.info == DocumentInfo.model_validate({**old.model_dump(), "title": "New title"})
    with pytest.raises(DiagramError, match="not something a driver diagram holds"):
        Diagram.new("aim", colour="red")


# --------------------------------------------------------------------- listeners
def test_every_change_is_announced_once_with_what_and_ids(sample):
    rec = Recorder(sample)
    o = sample.outcome.id
    n = sample.add_node(K.PRIMARY, "Network", parent=o)
    assert rec.take() == [Change(ChangeKind.NODE_ADDED, (n.id, o))]  # the new node, and the parent that gained a link
    sample.connect(n.id, "S1")
    assert rec.take() == [Change(ChangeKind.LINK_ADDED, (n.id, "S1"))]
    sample.disconnect(n.id, "S1")
    assert rec.take() == [Change(ChangeKind.LINK_REMOVED, (n.id, "S1"))]
    removal = sample.remove_nodes(["S2"])
    [change] = rec.take()
    assert change.kind is ChangeKind.NODES_REMOVED
    assert change.ids == ("S2", "C2", "A2")
    assert set(change.collections) == {"measures", "annotations", "people"}
    sample.restore(removal)
    [change] = rec.take()
    assert (change.kind, change.ids) == (ChangeKind.NODES_RESTORED, ("S2", "C2", "A2"))
    assert set(change.collections) == {"measures", "annotations", "people"}
    revision = sample.revision
    sample.edit_node(n.id, text="Network and visibility")
    assert sample.revision == revision + 1
    assert rec.take() == [Change(ChangeKind.NODE_EDITED, (n.id,))]
    rec.unsubscribe()
    sample.edit_node(n.id, text="Visibility")
    assert rec.take() == []
    rec.unsubscribe()  # a second call is harmless


def test_a_listener_may_unsubscribe_while_called(sample):
    calls = []

    def once(change):
        calls.append(change)
        unsubscribe()

    unsubscribe = sample.subscribe(once)
    other = Recorder(sample)
    sample.edit_node("P1", text="a")
    sample.edit_node("P1", text="b")
    assert len(calls) == 1
    assert len(other.changes) == 2


# ------------------------------------------------------------------------ queries
def test_queries(sample):
    assert sample.node("P1").text == "Research skills"
    assert "P1" in sample and "nope" not in sample
    assert len(sample) == 9
    assert [n.id for n in sample.nodes(K.CHANGE_IDEA)] == ["C1", "C2"]
    assert sample.target("A2").id == "S2"
    assert [a.id for a in sample.anti_drivers("P1")] == ["A1"]
    assert [c.id for c in sample.children("P1")] == ["S1", "S2"]
    refused(sample, lambda: sample.target("P1"), "hinders nothing")
    refused(sample, lambda: sample.node("nope"), "no node with id 'nope'")
    refused(sample, lambda: sample.parents("nope"), "'nope'")
    drives = sample.drive_graph()
    assert all(sample.link(u, v).kind is LinkKind.DRIVES for u, v in drives.edges)
    assert nx.is_directed_acyclic_graph(drives)


def test_graph_view_cannot_change_the_structure(sample):
    with pytest.raises(nx.NetworkXError):
        sample.graph.add_node("x")
    assert isinstance(sample.graph.nodes["P1"]["data"], Node)


def test_a_new_child_goes_right_after_its_parents_last_child():
    d = Diagram.new("Aim")
    p1 = d.add_node(K.PRIMARY, "P1", parent=d.outcome.id)
    p2 = d.add_node(K.PRIMARY, "P2", parent=d.outcome.id)
    s1 = d.add_node(K.SECONDARY, "S1", parent=p1.id)
    s2 = d.add_node(K.SECONDARY, "S2", parent=p2.id)
    c1 = d.add_node(K.CHANGE_IDEA, "C1 under S1", parent=s1.id)
    c2 = d.add_node(K.CHANGE_IDEA, "C2 under S2", parent=s2.id)
    shared = d.add_node(K.CHANGE_IDEA, "C3 under S2, also S1", parent=s2.id)
    d.connect(s1.id, shared.id)  # a node far down whose first parent is early in the order
    new = d.add_node(K.CHANGE_IDEA, "C4 under S1", parent=s1.id)
    column = [n.id for n in d.nodes(K.CHANGE_IDEA)]
    assert column == [c1.id, new.id, c2.id, shared.id], "with S1's group, not with S2's"
    a1 = d.add_node(K.ANTI_DRIVER, "A1", parent=s1.id)
    d.add_node(K.ANTI_DRIVER, "A2", parent=s2.id)
    a3 = d.add_node(K.ANTI_DRIVER, "A3", parent=s1.id)
    antis = [n.id for n in d.nodes(K.ANTI_DRIVER)]
    assert antis.index(a3.id) == antis.index(a1.id) + 1


def test_a_batch_reaches_listeners_as_one_change_naming_its_parts(sample: Diagram) -> None:
    rec = Recorder(sample)
    with sample.batch():
        a = sample.add_node(K.SECONDARY, "one", parent="P1")
        b = sample.add_node(K.SECONDARY, "two", parent="P1")
        sample.edit_node(a.id, text="one, edited")
        assert rec.take() == [], "nothing is announced before the batch ends"
    (change,) = rec.take()
    assert change.kind is ChangeKind.BATCH
    assert [p.kind for p in change.parts] == [ChangeKind.NODE_ADDED, ChangeKind.NODE_ADDED, ChangeKind.NODE_EDITED]
    assert a.id in change.ids and b.id in change.ids and change.touches_geometry
    assert change.concerns(b.id) and not change.concerns("C1")


def test_details_and_compact_changes_do_not_touch_the_diagram_geometry(sample: Diagram) -> None:
    rec = Recorder(sample)
    sample.set_info(sample.info.but(title="A title nobody used before"))
    (change,) = rec.take()
    assert change.kind is ChangeKind.INFO and not change.touches_geometry


def test_a_diagram_stops_growing_at_the_size_a_file_may_have(monkeypatch) -> None:
    from driverdiagram.model import limits

    monkeypatch.setattr(limits, "MAX_NODES", 3)
    d = Diagram.new("Aim")
    p = d.add_node(K.PRIMARY, "One", parent=d.outcome.id)
    d.add_node(K.SECONDARY, "Two", parent=p.id)
    with pytest.raises(DiagramError, match="at most 3 nodes"):
        d.add_node(K.SECONDARY, "Three", parent=p.id)


def test_messages_name_a_node_without_its_control_characters() -> None:
    from driverdiagram.model.rules import describe

    d = Diagram.new("Aim\x1b[2J\nvalid driver diagram")
    assert "\x1b" not in describe(d.outcome) and "\n" not in describe(d.outcome)


def test_a_schema_problem_is_said_in_the_users_words(sample: Diagram) -> None:
    with pytest.raises(DiagramError) as e:
        sample.edit_node("A1", strength="3")
    assert "Input should be" not in str(e.value) and "strength" in str(e.value)


def test_a_first_child_goes_above_the_children_of_later_parents_whatever_barriers_say() -> None:
    d = Diagram.new("Aim", outcome_id="o")
    d.add_node(K.PRIMARY, "First", parent="o", id="p1")
    d.add_node(K.PRIMARY, "Second", parent="o", id="p2")
    d.add_node(K.SECONDARY, "Under second", parent="p2", id="s2")
    d.add_node(K.ANTI_DRIVER, "Barrier on it", parent="s2", id="a2")
    order = [i for i in d.order if i != "a2"]
    d.set_order([order[0], "a2", *order[1:]])  # the barrier early in the user's order
    d.add_node(K.SECONDARY, "Under first", parent="p1", id="s1")
    secondaries = [n.id for n in d.nodes(K.SECONDARY)]
    assert secondaries == ["s1", "s2"], "a barrier hindering s2 is not one of its parents"

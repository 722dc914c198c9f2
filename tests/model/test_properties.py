"""Property tests: random edit sequences (valid and not) keep every rule, refused edits
change nothing, removals restore exactly, save → load is identity, and no input makes
`loads` raise anything but LoadError."""

from __future__ import annotations

import datetime as dt
import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from driverdiagram.model import (
    Diagram,
    DiagramError,
    LinkKind,
    LinkStrength,
    LoadError,
    Milestone,
    NodeKind,
    Person,
    check_document,
    dumps,
    loads,
    to_document,
)

from .conftest import ALLOWED, Recorder, assert_valid, build_sample

K = NodeKind
FAILED = object()

picks = st.integers(min_value=0, max_value=10_000)
kinds = st.sampled_from([*NodeKind, "bogus"])
strengths = st.sampled_from([*LinkStrength, "weak", "dotted"])
node_strengths = st.one_of(st.none(), st.none(), st.integers(min_value=-1, max_value=7))
texts = st.one_of(
    st.text(max_size=40),
    st.text(st.characters(codec="utf-8"), max_size=10),
    st.sampled_from(["", " ", "\n", "Ärztin 研究 🚀", "a\ud800b", "x" * 20_001, "\x00", "'\"\\"]),
)
indexes = st.one_of(st.none(), st.none(), st.integers(min_value=-2, max_value=12))


class DiagramMachine(RuleBasedStateMachine):
    """Drives one `Diagram` with random edits and checks it after every step."""

    def __init__(self) -> None:
        super().__init__()
        self.pending = None  # (removal, document before it) while nothing else has changed

    @initialize(sample=st.booleans())
    def start(self, sample):
        """From a fresh diagram, or from the sample with every kind of node, link and item."""
        self.d = build_sample() if sample else Diagram.new("Aim")
        self.rec = Recorder(self.d)

    # ------------------------------------------------------------------ helpers
    def pick(self, i: int) -> str:
        ids = [*self.d.order, "ghost"]
        return ids[i % len(ids)]

    def attempt(self, fn):
        """Run one edit: refused → nothing changed and nothing announced; done → one change."""
        before, revision = to_document(self.d), self.d.revision
        self.rec.take()
        try:
            result = fn()
        except DiagramError as e:
            assert str(e).strip(), "a refusal says why"
            assert to_document(self.d) == before
            assert self.d.revision == revision
            assert self.rec.take() == []
            return FAILED
        changes = self.rec.take()
        changed = to_document(self.d) != before
        assert len(changes) <= 1, "one change, one announcement"
        if changed:
            assert len(changes) == 1
            self.pending = None
        assert self.d.revision == revision + len(changes)
        return result

    # ------------------------------------------------------------------ nodes
    @rule(
        kind=kinds,
        parent=st.one_of(st.none(), picks),
        text=texts,
        strength=node_strengths,
        link=strengths,
        index=indexes,
    )
    def add_any(self, kind, parent, text, strength, link, index):
        fields = {} if strength is None else {"strength": strength}
        parent_id = None if parent is None else self.pick(parent)
        self.attempt(lambda: self.d.add_node(kind, text, parent=parent_id, index=index, link_strength=link, **fields))

    @rule(adds=st.lists(st.tuples(picks, st.sampled_from([False, False, False, True]), texts), min_size=1, max_size=4))
    def add_fitting(self, adds):
        """Adds that usually fit: the child kind of the parent, or an anti-driver on it."""
        children = {K.OUTCOME: K.PRIMARY, K.PRIMARY: K.SECONDARY, K.SECONDARY: K.CHANGE_IDEA}
        for parent, anti, text in adds:
            node = self.d.nodes()[parent % len(self.d)]
            kind = K.ANTI_DRIVER if anti or node.kind not in children else children[node.kind]
            result = self.attempt(lambda: self.d.add_node(kind, text, parent=node.id))
            if node.kind in children and len(text) <= 20_000 and not any(0xD800 <= ord(c) <= 0xDFFF for c in text):
                assert result is not FAILED, "a fitting add is never refused"

    @rule(node=picks, text=texts, strength=node_strengths, tags=st.lists(st.text(max_size=5), max_size=3))
    def edit(self, node, text, strength, tags):
        changes = {"text": text, "tags": tags}
        if strength is not None:
            changes["strength"] = strength
        self.attempt(lambda: self.d.edit_node(self.pick(node), **changes))

    @rule(node=picks, kind=kinds)
    def change_kind(self, node, kind):
        self.attempt(lambda: self.d.change_kind(self.pick(node), kind))

    @rule(nodes=st.lists(picks, min_size=1, max_size=3), restore_now=st.booleans())
    def remove(self, nodes, restore_now):
        ids = [self.pick(i) for i in nodes]
        before = to_document(self.d)
        removal = self.attempt(lambda: self.d.remove_nodes(ids))
        if removal is FAILED:
            return
        assert set(ids) <= set(removal.ids)
        assert not set(removal.ids) & set(self.d.order)
        assert_valid(self.d)
        if restore_now:
            self.attempt(lambda: self.d.restore(removal))
            assert to_document(self.d) == before
        else:
            self.pending = (removal, before)

    @precondition(lambda self: self.pending is not None)
    @rule()
    def restore_pending(self):
        removal, before = self.pending
        self.attempt(lambda: self.d.restore(removal))
        assert to_document(self.d) == before
        self.pending = None

    # ------------------------------------------------------------------ links
    @rule(src=picks, dst=picks, strength=strengths)
    def connect_any(self, src, dst, strength):
        self.attempt(lambda: self.d.connect(self.pick(src), self.pick(dst), strength))

    @rule(source=picks, data=st.data())
    def connect_fitting(self, source, data):
        src = self.d.nodes()[source % len(self.d)]
        fits = [n.id for n in self.d.nodes() if (src.kind, n.kind) in ALLOWED and not self.d.has_link(src.id, n.id)]
        if fits:
            dst = data.draw(st.sampled_from(fits))
            self.attempt(lambda: self.d.connect(src.id, dst, LinkStrength.WEAK))

    @rule(src=picks, dst=picks)
    def disconnect_any(self, src, dst):
        self.attempt(lambda: self.d.disconnect(self.pick(src), self.pick(dst)))

    @precondition(lambda self: self.d.links())
    @rule(i=picks, strength=strengths, put_back=st.booleans())
    def disconnect_existing(self, i, strength, put_back):
        links = self.d.links()
        link = links[i % len(links)]
        self.attempt(lambda: self.d.edit_link(link.source, link.target, strength))
        before = to_document(self.d)
        old = self.attempt(lambda: self.d.disconnect(link.source, link.target))
        if old is not FAILED:
            assert link.kind is LinkKind.COUNTERS or self.d.parents(link.target)
            if put_back:
                self.attempt(lambda: self.d.add_link(old))
                assert to_document(self.d) == before

    # ------------------------------------------------------------------ order
    @rule(node=picks, index=st.integers(min_value=-2, max_value=40))
    def move(self, node, index):
        self.attempt(lambda: self.d.move_node(self.pick(node), index))

    @rule(node=picks, delta=st.sampled_from([-1, 1]))
    def move_among_siblings(self, node, delta):
        node_id = self.d.order[node % len(self.d)]
        kind = self.d.node(node_id).kind
        column = [n.id for n in self.d.nodes(kind)]
        to = self.d.sibling_index(node_id, delta)
        if to is None:
            return
        assert self.d.node(self.d.order[to]).kind is kind
        self.attempt(lambda: self.d.move_node(node_id, to))
        moved = [n.id for n in self.d.nodes(kind)]
        assert moved != column and sorted(moved) == sorted(column)

    @rule(data=st.data(), drop=st.booleans())
    def reorder(self, data, drop):
        order = data.draw(st.permutations(self.d.order))
        if drop:
            order = order[1:]
        result = self.attempt(lambda: self.d.set_order(order))
        assert (result is FAILED) == (drop and len(self.d) > 0)

    # ------------------------------------------------------------------ items
    @rule(node=picks, name=texts, baseline=st.one_of(st.none(), st.floats()))
    def add_measure(self, node, name, baseline):
        item = {"id": self.d.new_id("m"), "node_id": self.pick(node), "name": name, "baseline": baseline}
        self.attempt(lambda: self.d.add_item("measures", item))

    @rule(nodes=st.lists(picks, max_size=3), name=texts)
    def add_person(self, nodes, name):
        item = {"id": self.d.new_id("pe"), "name": name, "helps_with": [self.pick(i) for i in nodes]}
        self.attempt(lambda: self.d.add_item("people", item))

    @rule(node=st.one_of(st.none(), picks), text=texts)
    def add_note_and_milestone(self, node, text):
        node_id = None if node is None else self.pick(node)
        note = {"id": self.d.new_id("a"), "node_id": node_id, "text": text, "created": dt.date(2026, 1, 1)}
        self.attempt(lambda: self.d.add_item("annotations", note))
        milestone = {"id": self.d.new_id("ms"), "title": text, "node_id": node_id}
        self.attempt(lambda: self.d.add_item("milestones", milestone))

    @rule(
        collection=st.sampled_from(["measures", "people", "annotations", "milestones"]),
        i=picks,
        node=picks,
        remove=st.booleans(),
    )
    def change_item(self, collection, i, node, remove):
        items = self.d.items(collection)
        if not items:
            return
        item = items[i % len(items)]
        if remove:
            before = to_document(self.d)
            index, old = self.attempt(lambda: self.d.remove_item(collection, item.id))
            assert old == item
            self.attempt(lambda: self.d.add_item(collection, old, index))
            assert to_document(self.d) == before
        elif isinstance(item, Person):
            self.attempt(lambda: self.d.replace_item(collection, item.but(helps_with=[self.pick(node)])))
        else:
            self.attempt(lambda: self.d.replace_item(collection, item.but(node_id=self.pick(node))))

    # ------------------------------------------------------------- invariants
    @invariant()
    def every_rule_holds(self):
        assert_valid(self.d)
        check_document(to_document(self.d))

    @invariant()
    def save_then_load_is_identity(self):
        data = dumps(self.d)
        back = loads(data)
        assert to_document(back) == to_document(self.d)
        assert dumps(back) == data


DiagramMachine.TestCase.settings = settings(
    max_examples=100, stateful_step_count=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
TestDiagramMachine = DiagramMachine.TestCase


# ---------------------------------------------------------------- loading junk
FAST = settings(max_examples=150, deadline=None)


def loads_or_load_error(data) -> Diagram | None:
    """`loads(data)`: a valid diagram, or a LoadError; any other exception fails the test."""
    try:
        d = loads(data)
    except LoadError as e:
        assert str(e).strip()
        return None
    assert_valid(d)
    assert to_document(loads(dumps(d))) == to_document(d)
    return d


@FAST
@given(st.binary(max_size=400))
def test_random_bytes_give_load_error(data):
    assert loads_or_load_error(data) is None


@FAST
@given(st.binary(max_size=200))
def test_random_bytes_after_a_good_start_give_load_error(tail):
    loads_or_load_error(b'{"schema_version": 1, "nodes": [' + tail)


json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(list(NodeKind) + list(LinkKind) + ["2026-01-01", "O", "P1", "S1"]),
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.text(max_size=8), st.sampled_from(["schema_version", "nodes", "links", "id", "kind", "text"])),
            children,
            max_size=4,
        ),
    ),
    max_leaves=25,
)


@FAST
@given(json_values)
def test_random_json_gives_load_error(value):
    loads_or_load_error(json.dumps(value))


@FAST
@given(
    st.dictionaries(
        st.sampled_from(["info", "nodes", "links", "measures", "people", "compact", "extra"]), json_values, max_size=4
    )
)
def test_random_json_with_a_schema_version_gives_load_error(fields):
    loads_or_load_error(json.dumps({"schema_version": 1, **fields}))


# ------------------------------------------------------ mutations of a good file
BASE = json.loads(dumps(build_sample()))


def _containers(value, path=()):
    """Every (path, container) in a JSON value."""
    if isinstance(value, (dict, list)):
        yield path, value
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, child in items:
            yield from _containers(child, (*path, key))


@st.composite
def mutated_documents(draw):
    raw = json.loads(json.dumps(BASE))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        places = list(_containers(raw))
        path, box = draw(st.sampled_from(places))
        keys = list(box) if isinstance(box, dict) else list(range(len(box)))
        op = draw(st.sampled_from(["drop", "retype", "swap kind", "swap id", "duplicate", "add"]))
        if op == "add" or not keys:
            if isinstance(box, dict):
                box[draw(st.sampled_from(["kind", "id", "text", "strength", "extra", "node_id", "source"]))] = draw(
                    json_values
                )
            else:
                box.append(draw(json_values))
            continue
        key = draw(st.sampled_from(keys))
        if op == "drop":
            del box[key]
        elif op == "retype":
            box[key] = draw(json_values)
        elif op == "swap kind":
            box[key] = draw(st.sampled_from([k.value for k in NodeKind] + [k.value for k in LinkKind]))
        elif op == "swap id":
            box[key] = draw(st.sampled_from(["O", "P1", "P2", "S1", "S2", "C1", "C2", "A1", "A2", "ghost"]))
        elif isinstance(box, list):
            box.insert(key, json.loads(json.dumps(box[key])))
    return raw


@settings(max_examples=300, deadline=None)
@given(mutated_documents())
def test_mutated_documents_load_validly_or_give_load_error(raw):
    loads_or_load_error(json.dumps(raw, ensure_ascii=False).encode())


@settings(max_examples=100, deadline=None)
@given(mutated_documents(), st.sampled_from(["NaN", "Infinity", "1e999", "-0", '"\\ud800"', "1" * 5000]))
def test_odd_json_numbers_and_strings(raw, odd):
    text = json.dumps(raw).replace('"strong"', odd, 1)
    loads_or_load_error(text)


# --------------------------------------------- random graphs written as files
PARENT_OF = {
    K.PRIMARY: [K.OUTCOME],
    K.SECONDARY: [K.PRIMARY],
    K.CHANGE_IDEA: [K.SECONDARY],
    K.ANTI_DRIVER: [K.OUTCOME, K.PRIMARY, K.SECONDARY],
}


@st.composite
def random_graph_documents(draw):
    """Small graphs that are often nearly right: each node usually gets a link from (or, for an
    anti-driver, to) a node of a fitting kind, plus a few links of any kind between any ids."""
    kinds_of = {"o": K.OUTCOME} if draw(st.integers(0, 9)) else {}
    for node_id in draw(st.lists(st.sampled_from("abcdefg"), max_size=7, unique=True)):
        kinds_of[node_id] = draw(st.sampled_from(list(NodeKind)))
    nodes = [{"id": i, "kind": k.value, **({"strength": 3} if k is K.ANTI_DRIVER else {})} for i, k in kinds_of.items()]
    pairs = []
    for node_id, kind in kinds_of.items():
        ups = [i for i, k in kinds_of.items() if k in PARENT_OF.get(kind, [])]
        for _ in range(draw(st.sampled_from([1] * 12 + [0, 2])) if ups else 0):
            other = draw(st.sampled_from(ups))
            pairs.append((node_id, other) if kind is K.ANTI_DRIVER else (other, node_id))
    anything = st.tuples(st.sampled_from([*kinds_of, "ghost"]), st.sampled_from([*kinds_of, "x"]))
    pairs += draw(st.one_of(st.just([]), st.just([]), st.lists(anything, max_size=3)))
    links = []
    for src, dst in pairs:
        fitting = ALLOWED.get((kinds_of.get(src), kinds_of.get(dst)))
        kind = fitting if fitting and draw(st.integers(0, 19)) else draw(st.sampled_from(list(LinkKind)))
        links.append({"source": src, "target": dst, "kind": kind.value})
    return {"schema_version": 1, "nodes": draw(st.permutations(nodes)), "links": draw(st.permutations(links))}


@settings(max_examples=400, deadline=None)
@given(random_graph_documents())
def test_a_file_loads_only_if_every_rule_holds(raw):
    """`check_document` is judged by the independent checker in conftest.py."""
    loads_or_load_error(json.dumps(raw))


@settings(max_examples=50, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True))
def test_measure_values_are_finite(value):
    d = build_sample()
    result = None
    try:
        result = d.add_item("measures", {"id": "mx", "node_id": "S1", "name": "x", "baseline": value})
    except DiagramError:
        assert not math.isfinite(value)
    if result is not None:
        assert math.isfinite(value)
        assert to_document(loads(dumps(d))) == to_document(d)


@settings(max_examples=50, deadline=None)
@given(st.text(), st.text(max_size=10))
def test_any_text_survives_save_and_load(text, title):
    d = build_sample()
    d.edit_node("S1", text=text, description=text)
    d.add_item("milestones", Milestone(id="msx", title=title))
    assert to_document(loads(dumps(d))) == to_document(d)

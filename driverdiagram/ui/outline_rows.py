"""What the Outline dock shows, worked out from the diagram without Qt: which rows hang
under which, and the words each row says (on screen and to a screen reader).

A row is a key (what it shows: `("node", id)`, `("also", id)`, `("counter", id)`,
`("measure", id)`, `("note", id)`) and its *inputs*: the frozen model objects and counts
its words are made of. The view compares inputs by identity, so an unchanged row costs
nothing, and a text edit only swaps the node object in the inputs of the rows showing it
(`with_node`). The order of rows is the model's: children in the diagram's sibling order
(`Diagram.children`), a node with several parents in full under its first parent and as a
marked "also under" row under the others (as `model.outline.write_outline` writes it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Annotation, AnnotationKind, Diagram, LinkKind, LinkStrength, Measure, Node, NodeKind
from ..model.rules import CHILD_KIND, PARENT_KIND
from .key_hints import key_hint

Key = tuple[str, str]
NODE, ALSO, COUNTER, MEASURE, NOTE = "node", "also", "counter", "measure", "note"
NODE_TAGS = frozenset({NODE, ALSO, COUNTER})  # rows that show a node (its text can be typed there)

KIND_WORDS = {
    NodeKind.OUTCOME: "Outcome",
    NodeKind.PRIMARY: "Primary driver",
    NodeKind.SECONDARY: "Secondary driver",
    NodeKind.CHANGE_IDEA: "Change idea",
    NodeKind.ANTI_DRIVER: "Barrier",
}
NO_TEXT = "(no text yet)"
SHORT = 40  # a parent's text named in another row is cut to this many characters


def one_line(text: str) -> str:
    return " ".join(text.split())


def short(text: str, limit: int = SHORT) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class Facts:
    """One pass over the diagram's links and items: who hangs under whom, for one update."""

    def __init__(self, d: Diagram) -> None:
        self.d = d
        self.nodes: dict[str, Node] = {n.id: n for n in d.nodes()}
        self.kids: dict[str, list[str]] = {}
        self.parents: dict[str, list[str]] = {}
        self.hindered_by: dict[str, list[str]] = {}
        self.hinders: set[str] = set()
        self.countered_by: dict[str, list[str]] = {}
        self.counters: dict[str, int] = {}
        self.weak: set[tuple[str, str]] = set()
        for lk in d.links():  # by source, then target, in the user's order: each list comes out in that order
            if lk.kind is LinkKind.DRIVES:
                self.kids.setdefault(lk.source, []).append(lk.target)
                self.parents.setdefault(lk.target, []).append(lk.source)
                if lk.strength is LinkStrength.WEAK:
                    self.weak.add((lk.source, lk.target))
            elif lk.kind is LinkKind.HINDERS:
                self.hindered_by.setdefault(lk.target, []).append(lk.source)
                self.hinders.add(lk.source)
            else:
                self.countered_by.setdefault(lk.target, []).append(lk.source)
                self.counters[lk.source] = self.counters.get(lk.source, 0) + 1
        self.measures: dict[str, list[Measure]] = {}
        for m in d.items("measures"):
            self.measures.setdefault(m.node_id, []).append(m)
        self.notes: dict[str | None, list[Annotation]] = {}
        for a in d.items("annotations"):
            self.notes.setdefault(a.node_id, []).append(a)

    def top(self) -> list[tuple[Key, tuple]]:
        """The rows at the top: the outcome, any node nothing leads to (none, in a diagram the
        rules kept; a row rather than a node lost), and the whole diagram's notes."""
        rows = []
        for node_id, node in self.nodes.items():
            if node.kind is NodeKind.OUTCOME:
                rows.insert(0, ((NODE, node_id), self.node_inputs(node_id, None)))
            elif node_id not in (self.hinders if node.kind is NodeKind.ANTI_DRIVER else self.parents):
                rows.append(((NODE, node_id), self.node_inputs(node_id, None)))
        rows.extend(((NOTE, a.id), (a, None)) for a in self.notes.get(None, ()))
        return rows

    def node_inputs(self, node_id: str, parent: str | None) -> tuple:
        """What a node's own row says: the node, and the counts and links its row mentions."""
        return (
            self.nodes[node_id],
            (parent, node_id) in self.weak,
            len(self.measures.get(node_id, ())),
            len(self.notes.get(node_id, ())),
            len(self.hindered_by.get(node_id, ())),
            len(self.kids.get(node_id, ())),
            len(self.parents.get(node_id, ())),
            len(self.countered_by.get(node_id, ())),
            self.counters.get(node_id, 0),
        )

    def children(self, node_id: str) -> list[tuple[Key, tuple]]:
        """The rows under a node's own row: its measures, notes, the change ideas countering
        it (a barrier), its barriers, then its children (in full under their first parent)."""
        rows: list[tuple[Key, tuple]] = []
        node = self.nodes[node_id]
        if node_id in self.measures:  # (most nodes have none of these: tested before building)
            rows += [((MEASURE, m.id), (m, node)) for m in self.measures[node_id]]
        if node_id in self.notes:
            rows += [((NOTE, a.id), (a, node)) for a in self.notes[node_id]]
        if node_id in self.countered_by:
            rows += [((COUNTER, i), (self.nodes[i],)) for i in self.countered_by[node_id]]
        if node_id in self.hindered_by:
            rows += [((NODE, a), self.node_inputs(a, None)) for a in self.hindered_by[node_id]]
        for k in self.kids.get(node_id, ()):
            first = self.parents[k][0]
            if first == node_id:
                rows.append(((NODE, k), self.node_inputs(k, node_id)))
            else:
                rows.append(((ALSO, k), (self.nodes[k], self.nodes[first], (node_id, k) in self.weak)))
        return rows


@dataclass(frozen=True)
class Words:
    """A row's words: what it shows, a muted mark after it, what a screen reader says, the
    keys that work on it, and its tooltip; `placeholder`: no text yet (shown muted)."""

    text: str
    mark: str
    spoken: str
    keys: str
    tip: str
    placeholder: bool = False


def with_node(tag: str, inputs: tuple, node: Node) -> tuple:
    """A row's inputs after `node` was edited (same kind): the node swapped in where it is
    (for an "also under" row, the node itself or the first parent it names)."""
    if tag == ALSO and inputs[0].id != node.id:
        return (inputs[0], node, *inputs[2:])
    return (node, *inputs[1:])


def words(tag: str, inputs: tuple) -> Words:
    if tag == NODE:
        return _node_words(*inputs)
    if tag == ALSO:
        return _also_words(*inputs)
    if tag == COUNTER:
        return _counter_words(*inputs)
    if tag == MEASURE:
        return _measure_words(*inputs)
    return _note_words(*inputs)


def _label(node: Node) -> str:
    return one_line(node.text) or NO_TEXT


def _node_words(
    node: Node,
    weak: bool,
    measures: int,
    notes: int,
    barriers: int,
    kids: int,
    parents: int,
    countered: int,
    counters: int,
) -> Words:
    kind = KIND_WORDS[node.kind]
    text = _label(node)
    spoken = [f"{kind}: {text}"]
    shown = text
    if node.kind is NodeKind.ANTI_DRIVER:
        shown = f"Barrier ({node.strength}/5): {text}"
        spoken = [f"Barrier, strength {node.strength} of 5: {text}"]
        spoken.append(f"countered by {plural(countered, 'change idea')}" if countered else "not countered yet")
    elif node.kind in CHILD_KIND:
        spoken.append(plural(kids, CHILD_KIND[node.kind].label))
    if weak:
        spoken.append("weak link")
    if parents > 1:
        spoken.append(f"under {parents} {PARENT_KIND[node.kind].plural}")
    if counters:
        spoken.append(f"counters {plural(counters, 'barrier')}")
    if measures:
        spoken.append(plural(measures, "measure"))
    if notes:
        spoken.append(plural(notes, "note"))
    if barriers:
        spoken.append(plural(barriers, "barrier"))
    mark = "weak link" if weak else ""
    tip = f"{kind}: {one_line(node.text) or NO_TEXT}" + (f"\n\n{node.description}" if node.description else "")
    return Words(shown, mark, ", ".join(spoken), key_hint(node.kind), tip, placeholder=not node.text.strip())


def _also_words(node: Node, first: Node, weak: bool) -> Words:
    kind = KIND_WORDS[node.kind]
    text = _label(node)
    spoken = f"{kind}: {text}, also under {KIND_WORDS[first.kind].lower()} {short(first.text) or NO_TEXT}"
    spoken += ", listed in full there" + (", weak link" if weak else "")
    keys = key_hint(node.kind).replace("Del: delete", "Del: unlink from this driver")
    tip = (
        f"{kind}: {one_line(node.text) or NO_TEXT}\nAlso under: {one_line(first.text) or NO_TEXT}, listed in full there"
    )
    mark = f"also under: {short(first.text) or NO_TEXT}" + (" · weak link" if weak else "")
    return Words(text, mark, spoken, keys, tip, placeholder=not node.text.strip())


def _counter_words(idea: Node) -> Words:
    text = _label(idea)
    keys = "F2: edit text · Del: stop countering this barrier"
    tip = f"Change idea countering this barrier: {one_line(idea.text) or NO_TEXT}"
    return Words(text, "counters", f"Change idea countering this barrier: {text}", keys, tip, not idea.text.strip())


def _measure_words(m: Measure, node: Node) -> Words:
    text = f"Measure ({m.type.value}): {one_line(m.name) or NO_TEXT}"
    details = [f"Measure, {m.type.value}: {one_line(m.name) or NO_TEXT}", plural(len(m.data), "value")]
    if m.target is not None:
        details.append(f"target {m.target:g}{(' ' + m.unit) if m.unit else ''}")
    mark = plural(len(m.data), "value") if m.data else ""
    keys = "Enter: open it in the Measures panel · Alt+Up, Alt+Down: move · Del: delete the measure"
    tip = text + (f"\n{m.operational_definition}" if m.operational_definition else "")
    return Words(text, mark, ", ".join(details), keys, tip)


def _note_label(a: Annotation) -> str:
    return "Note" if a.kind is AnnotationKind.COMMENT else f"{a.kind.label} note"


def _note_words(a: Annotation, node: Node | None) -> Words:
    first = next((line.strip() for line in a.text.splitlines() if line.strip()), "")
    label = _note_label(a) if node is not None else f"{_note_label(a)} on the whole diagram"
    text = f"{label}: {first or NO_TEXT}"
    by = f" by {a.author}" if a.author.strip() else ""
    spoken = f"{label}{by} ({a.role.value}), {a.created.day} {a.created:%B %Y}: {one_line(a.text) or NO_TEXT}"
    if a.resolved:
        spoken += ", resolved"
    keys = "Enter: edit the note · Alt+Up, Alt+Down: move · Del: delete the note"
    return Words(text, "resolved" if a.resolved else "", spoken, keys, a.text or NO_TEXT)


def item_row(tag: str) -> str | None:
    """The document's list a row's item belongs to (None: the row shows a node)."""
    return {MEASURE: "measures", NOTE: "annotations"}.get(tag)


def node_of(tag: str, inputs: tuple) -> Any:
    """The node a row is about (a measure's or a note's node; None for a whole-diagram note)."""
    if tag in NODE_TAGS:
        return inputs[0]
    return inputs[1]

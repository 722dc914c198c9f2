"""`Diagram`: the single source of truth, and the only way to change a driver diagram.

It owns an `nx.DiGraph` keyed by stable string ids (payloads are frozen pydantic objects),
the user's node order (which gives each column's order), and the document's other
collections. Every method checks the domain rules and raises `DiagramError` with a message
a user can read; every change is announced to plain-callback listeners (no Qt here). The
questions asked of it (nodes, links, parents, where a new node goes) are in queries.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

import networkx as nx
from pydantic import BaseModel

from . import limits, rules
from .changes import Change, ChangeKind
from .compact import default_compact
from .errors import DiagramError
from .items import COLLECTIONS, ItemChange, ItemsMixin
from .queries import GraphQueries, _State
from .schema import (
    SCORED_KINDS,
    Compact,
    DocumentInfo,
    Link,
    LinkKind,
    LinkStrength,
    Node,
    NodeKind,
)


@dataclass(frozen=True)
class Removal:
    """Everything `remove_nodes` took away, enough for `restore` to put it back exactly."""

    nodes: tuple[tuple[int, Node], ...]  # (position in the user's order, node), ascending
    links: tuple[Link, ...]
    items: tuple[ItemChange, ...] = ()

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(n.id for _, n in self.nodes)


Listener = Callable[[Change], None]
E = TypeVar("E", bound=Enum)
M = TypeVar("M", bound=BaseModel)


class Diagram(GraphQueries, ItemsMixin):
    """A personal driver diagram: outcome → primary → secondary → change ideas, plus barriers."""

    def __init__(self) -> None:
        self._g = nx.DiGraph()
        self._state = _State()
        self._listeners: list[Listener] = []
        self._batching = 0
        self._pending: list[Change] = []
        self._links_cache: tuple[int, list[Link]] | None = None
        self._items = {name: [] for name in COLLECTIONS}
        self._info = DocumentInfo()
        self._compact = Compact()
        self.revision = 0

    @classmethod
    def new(cls, outcome_text: str = "", *, outcome_id: str | None = None, **info: object) -> Diagram:
        """A fresh diagram with its one outcome, as the app starts one (its compact with the
        usual elements of a respectful relationship)."""
        d = cls()
        d._compact = default_compact()
        if info:
            d._info = _validated(DocumentInfo, info)
        d.add_node(NodeKind.OUTCOME, outcome_text, id=outcome_id)  # None or "": a fresh id
        return d

    # ----------------------------------------------------------------- listening
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(change)` after every change; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _emit(self, kind: ChangeKind, ids: Iterable[str] = (), collections: Iterable[str] = ()) -> None:
        self.revision += 1
        change = Change.of(kind, ids, collections)
        if self._batching:
            self._pending.append(change)
            return
        for listener in list(self._listeners):
            listener(change)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """`with diagram.batch():` — the changes inside reach the listeners as one `Change`
        at the end (a paste of seven nodes is laid out and repainted once)."""
        self._batching += 1
        try:
            yield
        finally:
            self._batching -= 1
            if not self._batching and self._pending:
                pending, self._pending = self._pending, []
                change = Change.merged(pending)
                for listener in list(self._listeners):
                    listener(change)

    # -------------------------------------------------------------- node edits
    def add_node(
        self,
        kind: NodeKind | str,
        text: str = "",
        *,
        parent: str | None = None,
        index: int | None = None,
        after: str | None = None,
        link_strength: LinkStrength | str = LinkStrength.STRONG,
        **fields: object,
    ) -> Node:
        """Add a node (linked from `parent`; for an anti-driver, the node it hinders).

        It goes at `index` of the user's order, or just after `after` (a sibling below it),
        or after its parent's last child, so it appears where the user expects it.
        """
        kind = _enum(NodeKind, kind, "kind of node")
        if len(self._g) >= limits.MAX_NODES:
            raise DiagramError(
                f"A driver diagram can have at most {limits.MAX_NODES:,} nodes (a file with more could not be "
                "opened again); this one is full."
            )
        node_id = str(fields.pop("id", None) or self.new_id())
        if node_id in self._g:
            raise DiagramError(f"There is already a node with id {node_id!r}.")
        if kind is NodeKind.ANTI_DRIVER:
            fields.setdefault("strength", 3)
        try:
            node = Node.model_validate({"id": node_id, "kind": kind, "text": text, **fields})
        except ValueError as e:
            raise DiagramError(_first_message(e)) from None
        link = None
        if kind is NodeKind.OUTCOME:
            if parent is not None:
                raise DiagramError("The outcome is the start of the diagram; nothing can be its parent.")
            if self.nodes(NodeKind.OUTCOME):
                raise DiagramError("A driver diagram has exactly one outcome, and this one has it already.")
        else:
            if parent is None:
                wanted = (
                    "the node it hinders" if kind is NodeKind.ANTI_DRIVER else f"its {rules.PARENT_KIND[kind].label}"
                )
                raise DiagramError(f"A new {kind.label} needs {wanted}.")
            if kind is NodeKind.ANTI_DRIVER:
                link = self._check_link(node, self.node(parent), link_strength)
            else:
                link = self._check_link(self.node(parent), node, link_strength)
                if link.kind is not LinkKind.DRIVES:  # e.g. a primary "under" an anti-driver
                    up = rules.PARENT_KIND[kind]
                    article = "the" if up is NodeKind.OUTCOME else "a"
                    raise DiagramError(
                        f"A new {kind.label} hangs from {article} {up.label}, not from {self._name(parent)}."
                    )
        at = self._insert_index(node, parent, index, after)
        self._g.add_node(node_id, data=node)
        self._state.order.insert(at, node_id)
        self._state.pos = None
        self._links_cache = None
        if link is not None:
            self._g.add_edge(link.source, link.target, data=link)
            self._links_cache = None
        self._emit(ChangeKind.NODE_ADDED, [node_id] + ([parent] if parent else []))  # the parent gained a link
        return node

    def edit_node(self, node_id: str, **changes: object) -> Node:
        """Change a node's fields (text, description, tags, strength); returns the old node."""
        old = self.node(node_id)
        if "id" in changes and changes["id"] != node_id:
            raise DiagramError("A node's id never changes.")
        if "kind" in changes and changes["kind"] != old.kind:
            raise DiagramError("Use change_kind to make a node another kind.")
        try:
            new = old.but(**changes)
        except ValueError as e:
            raise DiagramError(_first_message(e)) from None
        if new != old:
            self._g.nodes[node_id]["data"] = new
            self._emit(ChangeKind.NODE_EDITED, [node_id])
        return old

    def replace_node(self, node: Node) -> Node:
        """Put back a node value (same id, any kind the links allow); returns the old one. For undo."""
        old = self.node(node.id)
        if node.kind is not old.kind:
            return self.change_kind(node.id, node.kind, **node.model_dump(exclude={"id", "kind"}))
        return self.edit_node(node.id, **node.model_dump(exclude={"id", "kind"}))

    def change_kind(self, node_id: str, kind: NodeKind | str, **changes: object) -> Node:
        """Make a node another kind where every link it has stays allowed; returns the old node."""
        old = self.node(node_id)
        kind = _enum(NodeKind, kind, "kind of node")
        if kind is old.kind:
            return self.edit_node(node_id, **changes) if changes else old
        if NodeKind.OUTCOME in (kind, old.kind):
            raise DiagramError(
                "A driver diagram has exactly one outcome; it cannot change kind, nor can another node become it."
            )
        data = {**old.model_dump(), **changes, "kind": kind}
        if kind is NodeKind.ANTI_DRIVER:
            data["strength"] = data.get("strength") or 3
        elif kind not in SCORED_KINDS:
            data["strength"] = None
        try:
            new = Node.model_validate(data)
        except ValueError as e:
            raise DiagramError(_first_message(e)) from None
        for u, v, link in list(self._g.in_edges(node_id, data="data")) + list(self._g.out_edges(node_id, data="data")):
            src = new if u == node_id else self.node(u)
            dst = new if v == node_id else self.node(v)
            found = rules.link_kind(src, dst)
            if not isinstance(found, LinkKind) or found is not link.kind:
                reason = found if not isinstance(found, LinkKind) else "its links would mean something else"
                raise DiagramError(f"{rules.describe(old)} cannot become a {kind.label}: {reason}")
        self._check_has_parent(new)
        self._g.nodes[node_id]["data"] = new
        self._emit(ChangeKind.NODE_EDITED, [node_id])
        return old

    def remove_nodes(self, node_ids: Iterable[str] | str) -> Removal:
        """Remove nodes (one id, or several), their links, the nodes below them left with no parent, and the
        anti-drivers left hindering nothing. Returns all of it, for `restore`."""
        ids = list(dict.fromkeys([node_ids] if isinstance(node_ids, str) else node_ids))
        if not ids:
            return Removal((), ())
        for i in ids:
            if self.node(i).kind is NodeKind.OUTCOME:
                raise DiagramError(
                    "The outcome cannot be removed: every driver diagram has one. Edit its text instead."
                )
        gone = self._cascade(ids)
        pos = self._positions()
        nodes = tuple(sorted(((pos[i], self._g.nodes[i]["data"]) for i in gone), key=lambda t: t[0]))
        links = tuple(d for u, v, d in self._g.edges(data="data") if u in gone or v in gone)
        items = self._detach_items(gone)
        self._g.remove_nodes_from(gone)
        self._state.order = [v for v in self._state.order if v not in gone]
        self._state.pos = None
        self._links_cache = None
        self._emit(ChangeKind.NODES_REMOVED, [n.id for _, n in nodes], {c.collection for c in items})
        return Removal(nodes, links, items)

    def _cascade(self, ids: list[str]) -> set[str]:
        gone = set(ids)
        drives = self.drive_graph()
        below: set[str] = set()
        for i in ids:
            below |= nx.descendants(drives, i)
        # Driver links go one column to the right, so sorting by column is a topological order.
        pos = self._positions()
        for v in sorted(below - gone, key=lambda v: (self._g.nodes[v]["data"].kind.column, pos[v])):
            if all(u in gone for u in drives.predecessors(v)):
                gone.add(v)
        for v in list(self._g):
            node = self._g.nodes[v]["data"]
            if (
                node.kind is NodeKind.ANTI_DRIVER
                and v not in gone
                and any(
                    w in gone for w in self._g.successors(v) if self._g.edges[v, w]["data"].kind is LinkKind.HINDERS
                )
            ):
                gone.add(v)
        return gone

    def restore(self, removal: Removal) -> None:
        """Put back exactly what `remove_nodes` removed: nodes, order, links and items."""
        if not removal.nodes:
            return
        for _, node in removal.nodes:
            if node.id in self._g:
                raise DiagramError(f"Cannot restore {rules.describe(node)}: its id is in use again.")
        for i, node in removal.nodes:
            self._g.add_node(node.id, data=node)
            self._state.order.insert(i, node.id)
        for link in removal.links:
            self._g.add_edge(link.source, link.target, data=link)
            self._links_cache = None
        self._state.pos = None
        self._links_cache = None
        self._undo_items(removal.items)
        self._emit(ChangeKind.NODES_RESTORED, removal.ids, {c.collection for c in removal.items})

    # -------------------------------------------------------------- link edits
    def connect(self, source: str, target: str, strength: LinkStrength | str = LinkStrength.STRONG) -> Link:
        """Link two existing nodes (e.g. a secondary driver to one more primary driver)."""
        src, dst = self.node(source), self.node(target)
        if self._g.has_edge(source, target):
            raise DiagramError(f"{rules.describe(src)} is already linked to {rules.describe(dst)}.")
        if self._g.has_edge(target, source):
            raise DiagramError(f"{rules.describe(dst)} is already linked to {rules.describe(src)}; links go one way.")
        link = self._check_link(src, dst, strength)
        if link.kind is LinkKind.HINDERS and any(
            self._g.edges[source, w]["data"].kind is LinkKind.HINDERS for w in self._g.successors(source)
        ):
            raise DiagramError(
                f"An anti-driver hinders exactly one node, and {rules.describe(src)} already hinders "
                f"{rules.describe(self.target(source))}."
            )
        if nx.has_path(self.drive_graph(), target, source):
            raise DiagramError(f"Linking {rules.describe(src)} to {rules.describe(dst)} would make a loop.")
        self._g.add_edge(source, target, data=link)
        self._links_cache = None
        self._emit(ChangeKind.LINK_ADDED, [source, target])
        return link

    def _check_link(self, src: Node, dst: Node, strength: LinkStrength | str) -> Link:
        found = rules.link_kind(src, dst)
        if not isinstance(found, LinkKind):
            raise DiagramError(found)
        return Link(source=src.id, target=dst.id, kind=found, strength=_enum(LinkStrength, strength, "link strength"))

    def disconnect(self, source: str, target: str) -> Link:
        """Remove one link; refused when it would leave a node with no parent (remove the node instead)."""
        link = self.link(source, target)
        if link.kind is LinkKind.DRIVES and len(self.parents(target)) == 1:
            raise DiagramError(
                f"{self._name(target)} would be left with no {rules.PARENT_KIND[self.node(target).kind].label}; "
                "link it elsewhere first, or remove it."
            )
        if link.kind is LinkKind.HINDERS:
            raise DiagramError(f"{self._name(source)} must hinder something; remove it instead.")
        self._g.remove_edge(source, target)
        self._links_cache = None
        self._emit(ChangeKind.LINK_REMOVED, [source, target])
        return link

    def add_link(self, link: Link) -> None:
        """Put back a link exactly as it was (for undo of `disconnect`)."""
        added = self.connect(link.source, link.target, link.strength)
        if added != link:
            self.edit_link(link.source, link.target, link.strength)

    def edit_link(self, source: str, target: str, strength: LinkStrength | str) -> Link:
        """Make a link strong (solid) or weak (dashed); returns the old link."""
        old = self.link(source, target)
        new = old.but(strength=_enum(LinkStrength, strength, "link strength"))
        if new != old:
            self._g.edges[source, target]["data"] = new
            self._links_cache = None
            self._emit(ChangeKind.LINK_EDITED, [source, target])
        return old

    # ------------------------------------------------------------------- order
    def move_node(self, node_id: str, index: int) -> int:
        """Move a node to `index` in the user's order; returns its old index (for undo)."""
        old = self.position(node_id)
        order = self._state.order
        if not 0 <= index < len(order):
            raise DiagramError(f"Position {index} is outside the diagram (0–{len(order) - 1}).")
        if index != old:
            order.insert(index, order.pop(old))
            self._state.pos = None
            self._links_cache = None
            self._emit(ChangeKind.ORDER, [node_id])
        return old

    def set_order(self, order: Sequence[str]) -> list[str]:
        """Replace the user's order (e.g. after Tidy up); returns the old order."""
        if sorted(order) != sorted(self._state.order):
            raise DiagramError("A new order must name every node exactly once.")
        old = list(self._state.order)
        if list(order) != old:
            self._state.order = list(order)
            self._state.pos = None
            self._links_cache = None
            self._emit(ChangeKind.ORDER, list(order))
        return old

    # -------------------------------------------------------- document fields
    def set_info(self, info: DocumentInfo) -> DocumentInfo:
        old, self._info = self._info, _validated(DocumentInfo, info)
        if old != self._info:
            with self.batch():
                self._emit(ChangeKind.INFO)
                if old.headings != self._info.headings:  # a heading's width may move the columns
                    self._emit(ChangeKind.HEADINGS)
        return old

    def set_compact(self, compact: Compact | Mapping[str, object] | None = None, /, **changes: object) -> Compact:
        """Replace the compact (`compact`), or change some of its fields (`changes`, applied to
        `compact` or to the current one); returns the old one."""
        base = self._compact if compact is None else _validated(Compact, compact)
        new = _validated(Compact, {**base.model_dump(), **changes}) if changes else base
        old, self._compact = self._compact, new
        if old != new:
            self._emit(ChangeKind.COMPACT, collections=["compact"])
        return old

    # ------------------------------------------------------------------ rules
    def _check_has_parent(self, node: Node) -> None:
        if node.kind in rules.PARENT_KIND and not self.parents(node.id):
            raise DiagramError(f"{rules.describe(node)} is not linked from any {rules.PARENT_KIND[node.kind].label}.")


def _enum(cls: type[E], value: object, what: str) -> E:
    """`cls(value)`, or a `DiagramError` listing the values a user may choose from."""
    try:
        return cls(value)
    except ValueError:
        choices = ", ".join(repr(m.value) for m in cls)
        raise DiagramError(f"{value!r} is not a {what}; choose one of {choices}.") from None


def _validated(cls: type[M], value: object) -> M:
    """`cls.model_validate(value)`, with a schema problem raised as a `DiagramError`."""
    try:
        return cls.model_validate(value)
    except ValueError as e:
        raise DiagramError(_first_message(e)) from None


def _first_message(error: ValueError) -> str:
    """A schema problem (its first one) as a sentence in the users' words, e.g.
    "strength: should be a whole number from 1 (weak) to 5 (strong), not the text '3'"."""
    from pydantic import ValidationError

    from .schema_errors import explain

    if isinstance(error, ValidationError):
        first = error.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        msg = explain(first)
        return f"{where}: {msg}" if where else msg[0].upper() + msg[1:]
    return str(error)

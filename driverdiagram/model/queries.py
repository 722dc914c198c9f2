"""Reading a `Diagram`: its nodes and links, who drives whom, and where a node goes in the
user's order. Part of `Diagram` (a mixin); nothing here changes the diagram.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import networkx as nx

from . import rules
from .errors import DiagramError
from .schema import Compact, DocumentInfo, Link, LinkKind, Node, NodeKind

if TYPE_CHECKING:
    from collections.abc import Callable


@dataclass
class _State:
    order: list[str] = field(default_factory=list)
    pos: dict[str, int] | None = None


class GraphQueries:
    """The read-only questions of `Diagram` (which provides the attributes below)."""

    _g: nx.DiGraph
    _state: _State
    _info: DocumentInfo
    _compact: Compact
    _links_cache: tuple[int, list[Link]] | None
    revision: int
    _item_id_taken: Callable[[str], bool]

    # ------------------------------------------------------------------ queries
    @property
    def graph(self) -> nx.DiGraph:
        """A read-only view of the graph (node/edge attribute "data" holds the payload)."""
        return self._g.copy(as_view=True)

    @property
    def info(self) -> DocumentInfo:
        return self._info

    @property
    def compact(self) -> Compact:
        return self._compact

    def __len__(self) -> int:
        return len(self._state.order)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._g

    def node(self, node_id: str) -> Node:
        try:
            return self._g.nodes[node_id]["data"]
        except KeyError:
            raise DiagramError(f"There is no node with id {node_id!r}.") from None

    def nodes(self, kind: NodeKind | None = None) -> list[Node]:
        """Nodes in the user's order (optionally of one kind: that column's order)."""
        g = self._g.nodes
        all_nodes = (g[i]["data"] for i in self._state.order)
        return [n for n in all_nodes if kind is None or n.kind is kind]

    @property
    def order(self) -> tuple[str, ...]:
        return tuple(self._state.order)

    def position(self, node_id: str) -> int:
        self.node(node_id)
        return self._positions()[node_id]

    def _positions(self) -> dict[str, int]:
        if self._state.pos is None:
            self._state.pos = {v: i for i, v in enumerate(self._state.order)}
        return self._state.pos

    @property
    def outcome(self) -> Node:
        for n in self.nodes(NodeKind.OUTCOME):
            return n
        raise DiagramError("The diagram has no outcome.")

    def link(self, source: str, target: str) -> Link:
        try:
            return self._g.edges[source, target]["data"]
        except KeyError:
            raise DiagramError(f"{self._name(source)} is not linked to {self._name(target)}.") from None

    def has_link(self, source: str, target: str) -> bool:
        return self._g.has_edge(source, target)

    def links(self) -> list[Link]:
        """All links, in a canonical order (by source, then target, in the user's order).
        Kept until the next change (the layout and the panels ask for them after each edit)."""
        cached = self._links_cache
        if cached is not None and cached[0] == self.revision:
            return list(cached[1])
        pos = self._positions()
        edges = sorted(self._g.edges, key=lambda e: (pos[e[0]], pos[e[1]]))
        links = [self._g.edges[e]["data"] for e in edges]
        self._links_cache = (self.revision, links)
        return list(links)

    def _linked(self, node_id: str, kind: LinkKind, incoming: bool) -> list[Node]:
        self.node(node_id)
        pos = self._positions()
        if incoming:
            ids = [u for u, _, d in self._g.in_edges(node_id, data="data") if d.kind is kind]
        else:
            ids = [v for _, v, d in self._g.out_edges(node_id, data="data") if d.kind is kind]
        return [self._g.nodes[i]["data"] for i in sorted(ids, key=pos.__getitem__)]

    def parents(self, node_id: str) -> list[Node]:
        """The nodes one column to the left that drive this one, in the user's order."""
        return self._linked(node_id, LinkKind.DRIVES, incoming=True)

    def children(self, node_id: str) -> list[Node]:
        """The nodes one column to the right that this one drives, in the user's order."""
        return self._linked(node_id, LinkKind.DRIVES, incoming=False)

    def anti_drivers(self, node_id: str) -> list[Node]:
        """The anti-drivers working against this node."""
        return self._linked(node_id, LinkKind.HINDERS, incoming=True)

    def target(self, anti_driver_id: str) -> Node:
        """The node an anti-driver hinders."""
        targets = self._linked(anti_driver_id, LinkKind.HINDERS, incoming=False)
        if not targets:
            raise DiagramError(f"{self._name(anti_driver_id)} hinders nothing.")
        return targets[0]

    def countered_by(self, anti_driver_id: str) -> list[Node]:
        """The change ideas that counter an anti-driver."""
        return self._linked(anti_driver_id, LinkKind.COUNTERS, incoming=True)

    def counters(self, change_idea_id: str) -> list[Node]:
        """The anti-drivers a change idea counters."""
        return self._linked(change_idea_id, LinkKind.COUNTERS, incoming=False)

    def drive_graph(self) -> nx.DiGraph:
        """A view with only the left-to-right driver links (outcome → … → change ideas)."""
        g = self._g
        return nx.subgraph_view(g, filter_edge=lambda u, v: g.edges[u, v]["data"].kind is LinkKind.DRIVES)

    def _name(self, node_id: str) -> str:
        return rules.describe(self._g.nodes[node_id]["data"]) if node_id in self._g else repr(node_id)

    def new_id(self, prefix: str = "n") -> str:
        """A fresh id, unique among nodes and items, short enough to read in a file."""
        while True:
            candidate = f"{prefix}{secrets.token_hex(3)}"
            if candidate not in self._g and not self._item_id_taken(candidate):
                return candidate

    def _insert_index(self, node: Node, parent: str | None, index: int | None, after: str | None) -> int:
        order = self._state.order
        if index is not None:
            if not 0 <= index <= len(order):
                raise DiagramError(f"Position {index} is outside the diagram (0–{len(order)}).")
            return index
        if after is not None:
            return self.position(after) + 1
        if parent is None:
            return len(order)
        pos = self._positions()
        # A parent's new child goes right after its group of children (a node's new barrier
        # after its barriers): the end of the run of its children that starts at its first.
        siblings = {
            v
            for v in (self._g.predecessors(parent) if node.kind is NodeKind.ANTI_DRIVER else self._g.successors(parent))
            if self._g.nodes[v]["data"].kind is node.kind
        }
        if siblings:
            last = min(pos[v] for v in siblings)
            for i in range(last + 1, len(order)):
                if self._g.nodes[order[i]]["data"].kind is not node.kind:
                    continue
                if order[i] not in siblings:
                    break
                last = i
            return last + 1
        # A first child: after the last node of the same kind whose first parent comes no later.
        p = pos[parent]
        best = None
        first_same = None
        for i, v in enumerate(order):
            other = self._g.nodes[v]["data"]
            if other.kind is not node.kind:
                continue
            first_same = i if first_same is None else first_same
            # its parents (a barrier hindering it is none), or for a barrier the node it hinders
            ups = [pos[u] for u in self._g.predecessors(v) if self._g.edges[u, v]["data"].kind is LinkKind.DRIVES]
            ups += [pos[w] for w in self._g.successors(v) if self._g.edges[v, w]["data"].kind is LinkKind.HINDERS]
            if ups and min(ups) <= p:
                best = i
        if best is not None:
            return best + 1
        return first_same if first_same is not None else len(order)

    def sibling_index(self, node_id: str, delta: int) -> int | None:
        """Where `move_node` should put a node to swap it with its previous (delta −1) or
        next (+1) sibling in its column; None when it is already first or last."""
        node = self.node(node_id)
        family = {p.id for p in self.parents(node_id)}
        if node.kind is NodeKind.ANTI_DRIVER:
            family = {self.target(node_id).id}

        def related(other: Node) -> bool:
            if other.kind is not node.kind or other.id == node_id:
                return False
            if node.kind is NodeKind.ANTI_DRIVER:
                return self.target(other.id).id in family
            return bool(family & {p.id for p in self.parents(other.id)}) or not family

        pos = self._positions()
        here = pos[node_id]
        same = [n for n in self.nodes(node.kind) if related(n)]
        if delta < 0:
            before = [n for n in same if pos[n.id] < here]
            return pos[before[-1].id] if before else None
        after = [n for n in same if pos[n.id] > here]
        return pos[after[0].id] if after else None

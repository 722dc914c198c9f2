"""Change events: what a `Diagram` tells its listeners after every change.

Typed (`ChangeKind`), so a view subscribes to what it needs; a batch of changes (a paste,
an undo of one) arrives as one `Change` whose `parts` list what happened, so a view lays
out and repaints once per batch, not once per node.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class ChangeKind(StrEnum):
    NODE_ADDED = "node-added"
    NODE_EDITED = "node-edited"
    NODES_REMOVED = "nodes-removed"
    NODES_RESTORED = "nodes-restored"
    LINK_ADDED = "link-added"
    LINK_EDITED = "link-edited"
    LINK_REMOVED = "link-removed"
    ORDER = "order"
    INFO = "info"  # the diagram's details (title, mentee, dates)
    HEADINGS = "headings"  # the columns' own headings (with INFO: part of the details; they move boxes)
    COMPACT = "compact"
    ITEM_ADDED = "item-added"  # measures, notes, people, milestones, meetings, parking lot
    ITEM_EDITED = "item-edited"
    ITEM_REMOVED = "item-removed"
    BATCH = "batch"  # several of the above, in `parts`


# What moves or repaints the diagram itself (the canvas and the PDF's diagram pages).
GEOMETRY_KINDS = frozenset(
    {
        ChangeKind.HEADINGS,
        ChangeKind.NODE_ADDED,
        ChangeKind.NODE_EDITED,
        ChangeKind.NODES_REMOVED,
        ChangeKind.NODES_RESTORED,
        ChangeKind.LINK_ADDED,
        ChangeKind.LINK_EDITED,
        ChangeKind.LINK_REMOVED,
        ChangeKind.ORDER,
    }
)


@dataclass(frozen=True)
class Change:
    """`kind` what happened; `ids` the nodes concerned; `collections` the item lists touched."""

    kind: ChangeKind
    ids: tuple[str, ...] = ()
    collections: tuple[str, ...] = ()
    parts: tuple[Change, ...] = ()  # a batch: the changes it is made of, in order

    @property
    def kinds(self) -> frozenset[ChangeKind]:
        """The kinds of change this one is made of (itself, or its parts')."""
        return frozenset(p.kind for p in self.parts) if self.parts else frozenset({self.kind})

    @property
    def touches_geometry(self) -> bool:
        """Whether the diagram's boxes or links may have changed (so a view lays it out again)."""
        return bool(self.kinds & GEOMETRY_KINDS)

    def concerns(self, node_id: str) -> bool:
        """Whether a view showing `node_id` should reload: the node itself, or a change that
        names no nodes, or nodes coming and going (links to it may have changed)."""
        return (
            node_id in self.ids
            or not self.ids
            or bool(self.kinds & {ChangeKind.NODES_REMOVED, ChangeKind.NODES_RESTORED})
        )

    @classmethod
    def of(cls, kind: ChangeKind, ids: Iterable[str] = (), collections: Iterable[str] = ()) -> Change:
        return cls(kind, tuple(ids), tuple(collections))

    @classmethod
    def merged(cls, changes: Sequence[Change]) -> Change:
        """One change for a batch (the change itself when there is only one)."""
        if len(changes) == 1:
            return changes[0]
        parts = tuple(p for c in changes for p in (c.parts or (c,)))
        ids = tuple(dict.fromkeys(i for c in parts for i in c.ids))
        collections = tuple(dict.fromkeys(x for c in parts for x in c.collections))
        return cls(ChangeKind.BATCH, ids, collections, parts)

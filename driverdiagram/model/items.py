"""The document's lists beside the graph (measures, notes, people, milestones, …).

Items are frozen pydantic objects with an id unique in their list; items that refer to a
node are checked against the graph. When nodes go, items that hang on them go too (or let
go of them), recorded as `ItemChange`s so undo puts every one back where it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from .changes import ChangeKind
from .errors import DiagramError
from .schema import Annotation, Measure, Meeting, Milestone, ParkingItem, Person

if TYPE_CHECKING:
    import networkx as nx

COLLECTIONS: dict[str, type[BaseModel]] = {
    "measures": Measure,
    "annotations": Annotation,
    "people": Person,
    "milestones": Milestone,
    "meetings": Meeting,
    "parking_lot": ParkingItem,
}
_SINGULAR = {
    "measures": "measure",
    "annotations": "note",
    "people": "person",
    "milestones": "milestone",
    "meetings": "meeting",
    "parking_lot": "parking-lot item",
}


@dataclass(frozen=True)
class ItemChange:
    """One item touched by a node removal: `new` is None when the item was removed."""

    collection: str
    index: int
    old: Any
    new: Any = None


def node_refs(item: Any) -> list[str]:
    """The node ids an item refers to."""
    if isinstance(item, Person):
        return list(item.helps_with)
    ref = getattr(item, "node_id", None)
    return [ref] if ref else []


class ItemsMixin:
    """Add, replace, remove and list the items of the document's collections."""

    _items: dict[str, list[Any]]
    _g: nx.DiGraph

    def _emit(self, kind: ChangeKind, ids: Any = (), collections: Any = ()) -> None:  # provided by Diagram
        raise NotImplementedError

    def items(self, collection: str) -> tuple[Any, ...]:
        return tuple(self._list(collection))

    def item(self, collection: str, item_id: str) -> Any:
        return self._list(collection)[self.item_index(collection, item_id)]

    def item_index(self, collection: str, item_id: str) -> int:
        for i, it in enumerate(self._list(collection)):
            if it.id == item_id:
                return i
        raise DiagramError(f"There is no {_SINGULAR[collection]} with id {item_id!r}.")

    def measures_of(self, node_id: str) -> list[Measure]:
        """The measures hung on one node, in the user's order."""
        return [m for m in self._items["measures"] if m.node_id == node_id]

    def add_item(self, collection: str, item: Any, index: int | None = None) -> Any:
        """Add an item (at `index`, default the end) after checking its id and node references."""
        items = self._list(collection)
        item = self._validated(collection, item)
        if any(it.id == item.id for it in items):
            raise DiagramError(f"There is already a {_SINGULAR[collection]} with id {item.id!r}.")
        at = len(items) if index is None else index
        if not 0 <= at <= len(items):
            raise DiagramError(f"Position {at} is outside the list of {collection.replace('_', ' ')}.")
        items.insert(at, item)
        self._emit(ChangeKind.ITEM_ADDED, node_refs(item), [collection])
        return item

    def replace_item(self, collection: str, item: Any) -> Any:
        """Replace the item with the same id; returns the old one."""
        item = self._validated(collection, item)
        i = self.item_index(collection, item.id)
        items = self._list(collection)
        old, items[i] = items[i], item
        if old != item:
            self._emit(ChangeKind.ITEM_EDITED, node_refs(old) + node_refs(item), [collection])
        return old

    def remove_item(self, collection: str, item_id: str) -> tuple[int, Any]:
        """Remove an item; returns (its index, the item) so undo can put it back."""
        i = self.item_index(collection, item_id)
        old = self._list(collection).pop(i)
        self._emit(ChangeKind.ITEM_REMOVED, node_refs(old), [collection])
        return i, old

    def _list(self, collection: str) -> list[Any]:
        try:
            return self._items[collection]
        except KeyError:
            raise DiagramError(f"There is no list called {collection!r}.") from None

    def _validated(self, collection: str, item: Any) -> Any:
        if collection not in COLLECTIONS:
            raise DiagramError(f"There is no list called {collection!r}.")
        cls = COLLECTIONS[collection]
        try:
            item = cls.model_validate(item if isinstance(item, dict) else item.model_dump())
        except ValueError as e:
            from .diagram import _first_message

            raise DiagramError(_first_message(e)) from None
        for ref in node_refs(item):
            if ref not in self._g:
                raise DiagramError(
                    f"The {_SINGULAR[collection]} {item.id!r} refers to node {ref!r}, which does not exist."
                )
        return item

    def _item_id_taken(self, item_id: str) -> bool:
        return any(it.id == item_id for items in self._items.values() for it in items)

    def _detach_items(self, gone: set[str]) -> tuple[ItemChange, ...]:
        """Let the items go of removed nodes: measures and notes on them go too; people,
        milestones and parking-lot items stay but no longer point at them."""
        changes: list[ItemChange] = []
        for name, items in self._items.items():
            for i, it in enumerate(items):
                refs = node_refs(it)
                if not any(r in gone for r in refs):
                    continue
                if name in ("measures", "annotations"):
                    changes.append(ItemChange(name, i, it))
                elif isinstance(it, Person):
                    changes.append(ItemChange(name, i, it, it.but(helps_with=[r for r in refs if r not in gone])))
                else:
                    changes.append(ItemChange(name, i, it, it.but(node_id=None)))
        for c in reversed(changes):  # descending index within each list keeps indices valid
            if c.new is None:
                del self._items[c.collection][c.index]
            else:
                self._items[c.collection][c.index] = c.new
        return tuple(changes)

    def _undo_items(self, changes: tuple[ItemChange, ...]) -> None:
        for c in changes:  # ascending index: each removed item goes back to its old place
            if c.new is None:
                self._items[c.collection].insert(c.index, c.old)
            else:
                self._items[c.collection][c.index] = c.old

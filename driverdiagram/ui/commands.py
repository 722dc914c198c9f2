"""Undo commands: each calls one `Diagram` method in `redo()` and its inverse in `undo()`.

A command the model refuses (a rule broken) records the message and marks itself obsolete,
so `QUndoStack.push` drops it instead of keeping a step that did nothing. Typing in one
field of one node is one step (`mergeWith`, one merge id per command type); the text typed
into a node just added is folded into its "Add" step by the document (`AddNode.amend`), so
Tab + typing is undone at once. `Batch` runs several commands as one step with one model
change event, in both directions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QUndoCommand

from ..model import Diagram, DiagramError, Link, LinkStrength, NodeKind, Removal

ErrorSink = Callable[[DiagramError], None]

MERGE_EDIT_NODE = 1001  # QUndoStack only tries to merge commands of the same id


class DiagramCommand(QUndoCommand):
    """Base: runs `_redo`/`_undo`, turning a refusal into a message and an obsolete command."""

    def __init__(self, diagram: Diagram, title: str, on_error: ErrorSink) -> None:
        super().__init__(title)
        self.d = diagram
        self._on_error = on_error
        self.failed = False
        self.discard_on_undo = False  # undone once, then dropped: no redo step left behind

    def redo(self) -> None:
        try:
            self._redo()
        except DiagramError as e:
            self.failed = True
            self.setObsolete(True)
            self._on_error(e)

    def undo(self) -> None:
        self._undo()
        if self.discard_on_undo:
            self.setObsolete(True)  # QUndoStack deletes an obsolete command after undoing it

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class AddNode(DiagramCommand):
    def __init__(
        self,
        d: Diagram,
        on_error: ErrorSink,
        kind: NodeKind,
        *,
        parent: str | None,
        text: str = "",
        after: str | None = None,
        node_id: str | None = None,
        **fields: Any,
    ) -> None:
        super().__init__(d, f"Add {kind.label}", on_error)
        self.kind, self.parent, self.after, self.initial_text, self.fields = kind, parent, after, text, fields
        self.node_id = node_id or d.new_id()
        self.index: int | None = None

    def _redo(self) -> None:
        text, node_id = self.initial_text, self.node_id
        if self.index is None:
            self.d.add_node(self.kind, text, parent=self.parent, after=self.after, id=node_id, **self.fields)
            self.index = self.d.position(self.node_id)
        else:
            self.d.add_node(self.kind, text, parent=self.parent, index=self.index, id=node_id, **self.fields)

    def _undo(self) -> None:
        self.d.remove_nodes([self.node_id])

    def amend(self, text: str) -> None:
        """The text typed into the node just added becomes part of this step (raises DiagramError)."""
        self.d.edit_node(self.node_id, text=text)
        self.initial_text = text


class EditNode(DiagramCommand):
    """Change fields of a node. Edits with the same `burst` token (one typing burst in one
    field, e.g. from focus-in to focus-out) merge into one step."""

    def __init__(self, d: Diagram, on_error: ErrorSink, node_id: str, burst: object = None, **changes: Any) -> None:
        node = d.node(node_id)
        what = "text" if set(changes) == {"text"} else ", ".join(sorted(changes))
        super().__init__(d, f"Edit {node.kind.label} {what}", on_error)
        self.node_id, self.burst = node_id, burst
        self.new = changes
        self.old = {k: getattr(node, k) for k in changes}

    def id(self) -> int:
        return MERGE_EDIT_NODE if self.burst is not None else -1

    def _redo(self) -> None:
        self.d.edit_node(self.node_id, **self.new)

    def _undo(self) -> None:
        self.d.edit_node(self.node_id, **self.old)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (
            isinstance(other, EditNode)
            and other.node_id == self.node_id
            and self.burst is not None
            and other.burst == self.burst
            and set(other.new) == set(self.new)
        ):
            self.new = other.new
            return True
        return False


class RemoveNodes(DiagramCommand):
    def __init__(self, d: Diagram, on_error: ErrorSink, ids: Sequence[str]) -> None:
        label = d.node(ids[0]).kind.label if len(ids) == 1 else f"{len(ids)} nodes"
        super().__init__(d, f"Delete {label}", on_error)
        self.ids = list(ids)
        self.removal: Removal | None = None

    def _redo(self) -> None:
        self.removal = self.d.remove_nodes(self.ids)

    def _undo(self) -> None:
        assert self.removal is not None
        self.d.restore(self.removal)


class Connect(DiagramCommand):
    def __init__(
        self, d: Diagram, on_error: ErrorSink, source: str, target: str, strength: LinkStrength = LinkStrength.STRONG
    ) -> None:
        super().__init__(d, "Add link", on_error)
        self.source, self.target, self.strength = source, target, strength

    def _redo(self) -> None:
        link = self.d.connect(self.source, self.target, self.strength)
        self.setText(f"Link {link.kind.value.replace('_', ' ')}")

    def _undo(self) -> None:
        self.d.disconnect(self.source, self.target)


class Disconnect(DiagramCommand):
    def __init__(self, d: Diagram, on_error: ErrorSink, source: str, target: str) -> None:
        super().__init__(d, "Remove link", on_error)
        self.source, self.target = source, target
        self.link: Link | None = None

    def _redo(self) -> None:
        self.link = self.d.disconnect(self.source, self.target)

    def _undo(self) -> None:
        assert self.link is not None
        self.d.add_link(self.link)


class SetLinkStrength(DiagramCommand):
    def __init__(self, d: Diagram, on_error: ErrorSink, source: str, target: str, strength: LinkStrength) -> None:
        super().__init__(d, f"Make link {strength.value}", on_error)
        self.source, self.target, self.strength = source, target, strength
        self.old: LinkStrength | None = None

    def _redo(self) -> None:
        self.old = self.d.edit_link(self.source, self.target, self.strength).strength

    def _undo(self) -> None:
        assert self.old is not None
        self.d.edit_link(self.source, self.target, self.old)


class MoveNode(DiagramCommand):
    def __init__(self, d: Diagram, on_error: ErrorSink, node_id: str, index: int, title: str = "Move") -> None:
        super().__init__(d, f"{title} {d.node(node_id).kind.label}", on_error)
        self.node_id, self.index = node_id, index
        self.old: int | None = None

    def _redo(self) -> None:
        self.old = self.d.move_node(self.node_id, self.index)

    def _undo(self) -> None:
        assert self.old is not None
        self.d.move_node(self.node_id, self.old)


class SetOrder(DiagramCommand):
    def __init__(self, d: Diagram, on_error: ErrorSink, order: Sequence[str], title: str = "Tidy up") -> None:
        super().__init__(d, title, on_error)
        self.order = list(order)
        self.old: list[str] | None = None

    def _redo(self) -> None:
        self.old = self.d.set_order(self.order)

    def _undo(self) -> None:
        assert self.old is not None
        self.d.set_order(self.old)


class Batch(QUndoCommand):
    """Several commands, already done one by one, as one undo step (a paste, a macro).

    Undo and redo run the parts inside `Diagram.batch()`, so views refresh once."""

    def __init__(self, diagram: Diagram, title: str, parts: Sequence[DiagramCommand]) -> None:
        super().__init__(title)
        self.d = diagram
        self.parts = list(parts)
        self.failed = False
        self._done = True  # pushed after its parts ran: the stack's first redo() does nothing

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        with self.d.batch():
            for part in self.parts:
                part.redo()

    def undo(self) -> None:
        with self.d.batch():
            for part in reversed(self.parts):
                part.undo()


MERGE_EDIT_ITEM = 1002


class AddItem(DiagramCommand):
    """Add an item (a measure, a note, a person, …) to one of the document's lists."""

    def __init__(self, d: Diagram, on_error: ErrorSink, collection: str, item: Any, index: int | None = None) -> None:
        super().__init__(d, f"Add {_singular(collection)}", on_error)
        self.collection, self.item, self.index = collection, item, index

    def _redo(self) -> None:
        self.item = self.d.add_item(self.collection, self.item, self.index)
        if self.index is None:
            self.index = self.d.item_index(self.collection, self.item.id)

    def _undo(self) -> None:
        self.d.remove_item(self.collection, self.item.id)


class EditItem(DiagramCommand):
    """Change fields of an item; edits with the same `burst` (one typing burst in one
    field) merge into one step."""

    def __init__(
        self, d: Diagram, on_error: ErrorSink, collection: str, item_id: str, burst: object = None, **changes: Any
    ) -> None:
        what = ", ".join(sorted(changes)).replace("_", " ")
        super().__init__(d, f"Edit {_singular(collection)} {what}", on_error)
        self.collection, self.item_id, self.burst = collection, item_id, burst
        self.old = d.item(collection, item_id)
        self.new = changes

    def id(self) -> int:
        return MERGE_EDIT_ITEM if self.burst is not None else -1

    def _redo(self) -> None:
        self.d.replace_item(self.collection, self.old.but(**self.new))

    def _undo(self) -> None:
        self.d.replace_item(self.collection, self.old)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (
            isinstance(other, EditItem)
            and self.burst is not None
            and other.burst == self.burst
            and (other.collection, other.item_id) == (self.collection, self.item_id)
            and set(other.new) == set(self.new)
        ):
            self.new = other.new
            return True
        return False


class RemoveItem(DiagramCommand):
    def __init__(self, d: Diagram, on_error: ErrorSink, collection: str, item_id: str) -> None:
        super().__init__(d, f"Delete {_singular(collection)}", on_error)
        self.collection, self.item_id = collection, item_id
        self.removed: tuple[int, Any] | None = None

    def _redo(self) -> None:
        self.removed = self.d.remove_item(self.collection, self.item_id)

    def _undo(self) -> None:
        assert self.removed is not None
        index, item = self.removed
        self.d.add_item(self.collection, item, index)


class MoveItem(DiagramCommand):
    """Put an item at another place in its list (one change event)."""

    def __init__(self, d: Diagram, on_error: ErrorSink, collection: str, item_id: str, index: int) -> None:
        super().__init__(d, f"Move {_singular(collection)}", on_error)
        self.collection, self.item_id, self.index = collection, item_id, index
        self.old_index: int | None = None

    def _move(self, index: int) -> int:
        with self.d.batch():
            old, item = self.d.remove_item(self.collection, self.item_id)
            self.d.add_item(self.collection, item, index)
        return old

    def _redo(self) -> None:
        self.old_index = self._move(self.index)

    def _undo(self) -> None:
        assert self.old_index is not None
        self._move(self.old_index)


def _singular(collection: str) -> str:
    from ..model.items import _SINGULAR

    return _SINGULAR.get(collection, collection)


class SetInfo(DiagramCommand):
    """Change the diagram's details (title, mentee, …, how run charts are read)."""

    def __init__(self, d: Diagram, on_error: ErrorSink, burst: object = None, **changes: Any) -> None:
        what = ", ".join(sorted(changes)).replace("_", " ")
        super().__init__(d, f"Edit {what}", on_error)
        self.burst, self.new = burst, changes
        self.old = d.info

    def id(self) -> int:
        return MERGE_EDIT_INFO if self.burst is not None else -1

    def _redo(self) -> None:
        self.d.set_info(self.old.but(**self.new))

    def _undo(self) -> None:
        self.d.set_info(self.old)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if isinstance(other, SetInfo) and self.burst is not None and other.burst == self.burst:
            self.new = {**self.new, **other.new}
            return True
        return False


MERGE_EDIT_INFO = 1003


class SetCompact(DiagramCommand):
    """Change fields of the mentoring compact. Edits with the same `burst` token (one typing
    burst in one field) merge into one step; a list gesture (add, move, remove an expectation)
    is a step of its own, with its own `title`."""

    def __init__(
        self, d: Diagram, on_error: ErrorSink, burst: object = None, title: str | None = None, **changes: Any
    ) -> None:
        what = ", ".join(sorted(changes)).replace("_", " ")
        super().__init__(d, title or f"Edit compact: {what}", on_error)
        self.burst, self.new = burst, changes
        self.old = d.compact

    def id(self) -> int:
        return MERGE_EDIT_COMPACT if self.burst is not None else -1

    def _redo(self) -> None:
        self.d.set_compact(self.old, **self.new)

    def _undo(self) -> None:
        self.d.set_compact(self.old)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if isinstance(other, SetCompact) and self.burst is not None and other.burst == self.burst:
            self.new = {**self.new, **other.new}
            return True
        return False


MERGE_EDIT_COMPACT = 1004

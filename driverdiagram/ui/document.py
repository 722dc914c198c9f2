"""The open document: its diagram, file, undo stack, and the intents the window sends.

Intents become `QUndoCommand`s; commands call the model; the model's change event reaches
whoever subscribed (the scene, the panel). "Modified" is `not undo_stack.isClean()`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..model import Change, Diagram, DiagramError, LinkStrength, NodeKind, save
from ..model.rules import CHILD_KIND, HINDERABLE, describe
from . import commands as cmd

AddHow = Literal["child", "sibling", "anti"]


class Document(QObject):
    """One diagram open in a window."""

    changed = Signal(object)  # a model Change, after every edit, undo and redo
    replaced = Signal()  # a whole new diagram (open, new, revert)
    message = Signal(str)  # a result the status bar should say ("Linked … to …")
    refused = Signal(str)  # why an intent was refused: shown where it cannot be missed
    path_changed = Signal()

    def __init__(self, diagram: Diagram | None = None, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.diagram = diagram or Diagram.new()
        self.path = path
        self._unsubscribe: Callable[[], None] = lambda: None
        self._batch: list[cmd.DiagramCommand] | None = None
        self._typing: _NewNode | None = None
        self._last_add: cmd.AddNode | None = None
        self.last_refusal = ""
        self._watch()

    # --------------------------------------------------------------- document
    def _watch(self) -> None:
        self._unsubscribe()
        self._unsubscribe = self.diagram.subscribe(self.changed.emit)

    def replace(self, diagram: Diagram, path: Path | None, *, modified: bool = False) -> None:
        """Show another diagram (the undo history goes with the old one)."""
        self.diagram = diagram
        self.path = path
        self._typing = None
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._watch()
        if modified:  # e.g. restored from a recovery file: unsaved until saved
            self.undo_stack.resetClean()
        self.replaced.emit()
        self.path_changed.emit()

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def name(self) -> str:
        return self.path.name if self.path else "Untitled"

    def save_to(self, path: Path, *, force: bool = False) -> None:
        """Save atomically to `path` and bind the document to it; raises DiagramError.

        The diagram's "updated" date (and "created", the first time) is the file's own
        metadata, stamped on save without an undo step, so the PDF header says when it was
        last saved."""
        info = self.diagram.info
        today = dt.date.today()
        old = self.diagram.set_info(info.model_copy(update={"modified": today, "created": info.created or today}))
        try:
            save(self.diagram, path, force=force)
        except DiagramError:
            self.diagram.set_info(old)
            raise
        changed = path != self.path
        self.path = path
        self.undo_stack.setClean()
        if changed:
            self.path_changed.emit()

    # ---------------------------------------------------------------- intents
    def _push(self, command: cmd.DiagramCommand) -> bool:
        """Run `command` as one undo step (or as a part of the open batch)."""
        if self._batch is not None:
            command.redo()
            if not command.failed:
                self._batch.append(command)
            return not command.failed
        self.undo_stack.push(command)
        return not command.failed

    def _refused(self, error: DiagramError) -> None:
        self.refuse(str(error))

    def refuse(self, why: str) -> None:
        """Tell the user why an intent was not carried out."""
        self.last_refusal = why
        self.refused.emit(why)

    def add_child(self, node_id: str, text: str = "") -> str | None:
        """Tab: a new node in the next column, under `node_id`."""
        node = self.diagram.node(node_id)
        kind = CHILD_KIND.get(node.kind)
        if kind is None:
            self.refuse(
                "Change ideas are the last column; press Enter for another change idea."
                if node.kind is NodeKind.CHANGE_IDEA
                else "An anti-driver has no children; select a driver to add one under it."
            )
            return None
        return self._add(kind, node_id, text)

    def add_sibling(self, node_id: str, text: str = "") -> str | None:
        """Enter: a new node below `node_id`, in the same column, under the same parent."""
        node = self.diagram.node(node_id)
        if node.kind is NodeKind.OUTCOME:
            self.refuse("A driver diagram has one outcome, so it has no siblings; press Tab to add a primary driver.")
            return None
        if node.kind is NodeKind.ANTI_DRIVER:
            parent = self.diagram.target(node_id).id
        else:
            parents = self.diagram.parents(node_id)
            parent = parents[0].id if parents else None
        return self._add(node.kind, parent, text, after=node_id)

    def add_anti_driver(self, node_id: str, text: str = "") -> str | None:
        """Ctrl+B: a barrier working against `node_id`."""
        node = self.diagram.node(node_id)
        if node.kind is NodeKind.ANTI_DRIVER:
            node = self.diagram.target(node_id)
        if node.kind not in HINDERABLE:
            self.refuse("An anti-driver works against the outcome or a driver; select one of those.")
            return None
        return self._add(NodeKind.ANTI_DRIVER, node.id, text, strength=3)

    def _add(
        self, kind: NodeKind, parent: str | None, text: str, after: str | None = None, **fields: Any
    ) -> str | None:
        command = cmd.AddNode(self.diagram, self._refused, kind, parent=parent, text=text, after=after, **fields)
        if not self._push(command):
            return None
        self._last_add = command
        return command.node_id

    # ------------------------------------------------- typing a new node's text
    def begin_node(self, how: AddHow, at: str) -> str | None:
        """Tab ("child"), Enter ("sibling") or Ctrl+B ("anti") on node `at`: add an empty
        node whose text the user is about to type; returns its id (None when refused)."""
        adder = {"child": self.add_child, "sibling": self.add_sibling, "anti": self.add_anti_driver}[how]
        node_id = adder(at)
        if node_id is not None:
            self._typing = _NewNode(node_id, at, how, self._last_add)
        return node_id

    @property
    def new_node(self) -> str | None:
        """The node added by `begin_node` whose text is still being typed, if any."""
        return self._typing.node_id if self._typing else None

    def new_node_origin(self) -> tuple[str, AddHow] | None:
        """Where the new node came from: the node the user was on and the key's intent."""
        return (self._typing.origin, self._typing.how) if self._typing else None

    def finish_node(self, node_id: str, text: str) -> bool:
        """The user finished typing the new node: its text joins the "Add" step. An empty
        text abandons the node instead (see `abandon_node`); returns whether it stays."""
        typing = self._typing
        if typing is None or typing.node_id != node_id:
            return self.set_text(node_id, text)
        if not text:
            self.abandon_node(node_id)
            return False
        self._typing = None
        stack = self.undo_stack
        if stack.index() > 0 and stack.command(stack.index() - 1) is typing.command:
            try:
                typing.command.amend(text)
            except DiagramError as e:
                self._refused(e)
                return True
            return True
        return self.set_text(node_id, text)

    def abandon_node(self, node_id: str) -> str | None:
        """Escape (or an empty text) on the new node: it goes again, leaving no undo step.
        Returns the node the user was on before, to select (never a parent it was not on)."""
        typing = self._typing
        if typing is None or typing.node_id != node_id:
            return None
        self._typing = None
        stack = self.undo_stack
        if node_id in self.diagram:
            if stack.index() > 0 and stack.command(stack.index() - 1) is typing.command:
                typing.command.discard_on_undo = True
                stack.undo()  # the stack deletes an obsolete command once undone: no redo step
            else:
                self._push(cmd.RemoveNodes(self.diagram, self._refused, [node_id]))
        return typing.origin if typing.origin in self.diagram else self.diagram.outcome.id

    # ------------------------------------------------------------- other edits
    def push_add(
        self, kind: NodeKind, parent: str | None, text: str, *, node_id: str | None = None, **fields: Any
    ) -> bool:
        """Add a node as given (pasting); False, with a message, when the rules refuse it."""
        return self._push(
            cmd.AddNode(self.diagram, self._refused, kind, parent=parent, text=text, node_id=node_id, **fields)
        )

    def push_link(self, source: str, target: str, strength: LinkStrength = LinkStrength.STRONG) -> bool:
        """Link exactly `source` → `target` (pasting); False, with a message, when refused."""
        return self._push(cmd.Connect(self.diagram, self._refused, source, target, strength))

    def set_text(self, node_id: str, text: str) -> bool:
        """The text typed in place on an existing node (one undo step)."""
        if self.diagram.node(node_id).text == text:
            return True
        return self._push(cmd.EditNode(self.diagram, self._refused, node_id, text=text))

    def edit_fields(self, node_id: str, burst: object = None, **changes: Any) -> bool:
        """A panel edit; edits with the same `burst` (one focus of one field) are one step."""
        node = self.diagram.node(node_id)
        if all(getattr(node, k) == v for k, v in changes.items()):
            return True
        return self._push(cmd.EditNode(self.diagram, self._refused, node_id, burst=burst, **changes))

    def remove(self, ids: Sequence[str]) -> bool:
        ids = [i for i in ids if i in self.diagram]
        if not ids:
            return False
        if any(self.diagram.node(i).kind is NodeKind.OUTCOME for i in ids):
            if len(ids) == 1:
                self.refuse("The outcome stays: every driver diagram has one. Edit its text instead (F2).")
                return False
            ids = [i for i in ids if self.diagram.node(i).kind is not NodeKind.OUTCOME]
        return self._push(cmd.RemoveNodes(self.diagram, self._refused, ids))

    def link(self, source: str, target: str, strength: LinkStrength = LinkStrength.STRONG) -> bool:
        """Link two nodes; the model's direction rules decide which way (tried both ways)."""
        d = self.diagram
        a, b = d.node(source), d.node(target)
        if (
            (a.kind.column or 0) > (b.kind.column or 0)
            and a.kind is not NodeKind.ANTI_DRIVER
            and not (a.kind is NodeKind.CHANGE_IDEA and b.kind is NodeKind.ANTI_DRIVER)
        ):
            source, target = target, source
        ok = self._push(cmd.Connect(d, self._refused, source, target, strength))
        if ok:
            self.message.emit(f"Linked {describe(d.node(source))} to {describe(d.node(target))}.")
        return ok

    def unlink(self, source: str, target: str) -> bool:
        return self._push(cmd.Disconnect(self.diagram, self._refused, source, target))

    def set_link_strength(self, source: str, target: str, strength: LinkStrength) -> bool:
        if self.diagram.link(source, target).strength is strength:
            return True
        return self._push(cmd.SetLinkStrength(self.diagram, self._refused, source, target, strength))

    def move_sibling(self, node_id: str, delta: int) -> bool:
        """Alt+Up / Alt+Down: swap with the sibling above or below."""
        index = self.diagram.sibling_index(node_id, delta)
        if index is None:
            self.refuse("Already the first of its siblings." if delta < 0 else "Already the last of its siblings.")
            return False
        title = "Move up" if delta < 0 else "Move down"
        return self._push(cmd.MoveNode(self.diagram, self._refused, node_id, index, title))

    def move_to(self, node_id: str, index: int) -> bool:
        if index == self.diagram.position(node_id):
            return False
        return self._push(cmd.MoveNode(self.diagram, self._refused, node_id, index))

    def set_order(self, order: Sequence[str], title: str = "Tidy up") -> bool:
        if list(order) == list(self.diagram.order):
            self.refuse("Already tidy: no order with fewer crossings was found.")
            return False
        return self._push(cmd.SetOrder(self.diagram, self._refused, order, title))

    # --------------------------------------------- items (measures, notes, …)
    def add_item(self, collection: str, item: Any, index: int | None = None) -> bool:
        """Add a measure, a note, a person, … (one undo step)."""
        return self._push(cmd.AddItem(self.diagram, self._refused, collection, item, index))

    def edit_item(self, collection: str, item_id: str, burst: object = None, **changes: Any) -> bool:
        """Change an item's fields; edits with the same `burst` are one undo step."""
        item = self.diagram.item(collection, item_id)
        if all(getattr(item, k) == v for k, v in changes.items()):
            return True
        return self._push(cmd.EditItem(self.diagram, self._refused, collection, item_id, burst, **changes))

    def remove_item(self, collection: str, item_id: str) -> bool:
        return self._push(cmd.RemoveItem(self.diagram, self._refused, collection, item_id))

    def move_item(self, collection: str, item_id: str, index: int) -> bool:
        """Put an item at `index` of its list (reordering measures, …)."""
        items = self.diagram.items(collection)
        if not 0 <= index < len(items) or self.diagram.item_index(collection, item_id) == index:
            return False
        return self._push(cmd.MoveItem(self.diagram, self._refused, collection, item_id, index))

    def set_info(self, burst: object = None, **changes: Any) -> bool:
        """Change the diagram's details (one undo step; edits with the same `burst` merge)."""
        info = self.diagram.info
        if all(getattr(info, k) == v for k, v in changes.items()):
            return True
        return self._push(cmd.SetInfo(self.diagram, self._refused, burst, **changes))

    def set_compact(self, burst: object = None, title: str | None = None, **changes: Any) -> bool:
        """Change the mentoring compact (one undo step; edits with the same `burst` merge;
        `title` names the step, e.g. "Add expectation")."""
        compact = self.diagram.compact
        if all(getattr(compact, k, object()) == v for k, v in changes.items()):
            return True
        return self._push(cmd.SetCompact(self.diagram, self._refused, burst, title, **changes))

    def new_item_id(self, prefix: str) -> str:
        """A fresh id for an item (unique among nodes and items)."""
        return self.diagram.new_id(prefix)

    @contextmanager
    def batch(self, title: str) -> Iterator[None]:
        """`with document.batch("Paste"):` — the edits inside are one undo step, and the
        views refresh once (for the edits, their undo and their redo)."""
        if self._batch is not None:  # nested: part of the outer one
            yield
            return
        self._batch = parts = []
        try:
            with self.diagram.batch():
                yield
        finally:
            self._batch = None
            if parts:
                self.undo_stack.push(cmd.Batch(self.diagram, title, parts))


@dataclass
class _NewNode:
    node_id: str
    origin: str  # the node the user was on when Tab / Enter / Ctrl+B added it
    how: AddHow
    command: cmd.AddNode


__all__ = ["Change", "Document"]

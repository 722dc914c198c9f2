"""The open document: its diagram, file, undo stack, and the intents the window sends.

Intents become `QUndoCommand`s; commands call the model; the model's change event reaches
whoever subscribed (the scene, the panel). "Modified" is `not undo_stack.isClean()`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..model import Change, Diagram, DiagramError, LinkStrength, NodeKind, load, save
from ..model.rules import CHILD_KIND, HINDERABLE, describe
from . import commands as cmd


class Document(QObject):
    """One diagram open in a window."""

    changed = Signal(object)  # a model Change, after every edit, undo and redo
    replaced = Signal()  # a whole new diagram (open, new, revert)
    message = Signal(str)  # something the status bar should say (a refusal, a hint)
    path_changed = Signal()

    def __init__(self, diagram: Diagram | None = None, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.diagram = diagram or Diagram.new()
        self.path = path
        self._unsubscribe: Callable[[], None] = lambda: None
        self._watch()

    # --------------------------------------------------------------- document
    def _watch(self) -> None:
        self._unsubscribe()
        self._unsubscribe = self.diagram.subscribe(self.changed.emit)

    def replace(self, diagram: Diagram, path: Path | None, *, modified: bool = False) -> None:
        """Show another diagram (the undo history goes with the old one)."""
        self.diagram = diagram
        self.path = path
        self.undo_stack.clear()
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

    def save_to(self, path: Path) -> None:
        """Save atomically to `path` and bind the document to it; raises DiagramError."""
        save(self.diagram, path)
        changed = path != self.path
        self.path = path
        self.undo_stack.setClean()
        if changed:
            self.path_changed.emit()

    def reload(self) -> None:
        """Revert: read the bound file again; raises DiagramError (nothing changes then)."""
        if self.path is None:
            raise DiagramError("This diagram has never been saved, so there is nothing to revert to.")
        self.replace(load(self.path), self.path)

    # ---------------------------------------------------------------- intents
    def _push(self, command: cmd.DiagramCommand) -> bool:
        self.undo_stack.push(command)
        return not command.failed

    def _refused(self, error: DiagramError) -> None:
        self.message.emit(str(error))

    def add_child(self, node_id: str, text: str = "") -> str | None:
        """Tab: a new node in the next column, under `node_id`."""
        node = self.diagram.node(node_id)
        kind = CHILD_KIND.get(node.kind)
        if kind is None:
            why = (
                "Change ideas are the last column; press Enter for another change idea."
                if node.kind is NodeKind.CHANGE_IDEA
                else "An anti-driver has no children; select a driver to add one under it."
            )
            self.message.emit(why)
            return None
        return self._add(kind, node_id, text)

    def add_sibling(self, node_id: str, text: str = "") -> str | None:
        """Enter: a new node below `node_id`, in the same column, under the same parent."""
        node = self.diagram.node(node_id)
        if node.kind is NodeKind.OUTCOME:
            self.message.emit("A driver diagram has one outcome; press Tab to add a primary driver.")
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
            self.message.emit("An anti-driver works against the outcome or a driver; select one of those.")
            return None
        return self._add(NodeKind.ANTI_DRIVER, node.id, text, strength=3)

    def _add(self, kind: NodeKind, parent: str | None, text: str, after: str | None = None, **fields) -> str | None:
        command = cmd.AddNode(
            self.diagram, self._refused, kind, parent=parent, text=text, after=after, take_typing=True, **fields
        )
        return command.node_id if self._push(command) else None

    def push_add(self, kind: NodeKind, parent: str | None, text: str, *, node_id: str | None = None, **fields) -> bool:
        """Add a node as given (pasting); False, with a message, when the rules refuse it."""
        return self._push(
            cmd.AddNode(self.diagram, self._refused, kind, parent=parent, text=text, node_id=node_id, **fields)
        )

    def push_connect(self, source: str, target: str, strength: LinkStrength = LinkStrength.STRONG) -> bool:
        """Link exactly `source` → `target` (pasting); False, with a message, when refused."""
        return self._push(cmd.Connect(self.diagram, self._refused, source, target, strength))

    def set_text(self, node_id: str, text: str, *, new_node: bool = False) -> bool:
        """The text typed in place; for a node just added it joins the "Add" step."""
        if self.diagram.node(node_id).text == text:
            return True
        burst = ("new", node_id) if new_node else None
        return self._push(cmd.EditNode(self.diagram, self._refused, node_id, burst=burst, text=text))

    def edit_fields(self, node_id: str, burst: object = None, **changes) -> bool:
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
                self.message.emit("The outcome stays: every driver diagram has one. Edit its text instead (F2).")
                return False
            ids = [i for i in ids if self.diagram.node(i).kind is not NodeKind.OUTCOME]
        return self._push(cmd.RemoveNodes(self.diagram, self._refused, ids))

    def connect(self, source: str, target: str, strength: LinkStrength = LinkStrength.STRONG) -> bool:
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

    def disconnect(self, source: str, target: str) -> bool:
        return self._push(cmd.Disconnect(self.diagram, self._refused, source, target))

    def set_link_strength(self, source: str, target: str, strength: LinkStrength) -> bool:
        if self.diagram.link(source, target).strength is strength:
            return True
        return self._push(cmd.SetLinkStrength(self.diagram, self._refused, source, target, strength))

    def move_sibling(self, node_id: str, delta: int) -> bool:
        """Alt+Up / Alt+Down: swap with the sibling above or below."""
        index = self.diagram.sibling_index(node_id, delta)
        if index is None:
            self.message.emit(
                "Already the first of its siblings." if delta < 0 else "Already the last of its siblings."
            )
            return False
        return self._push(
            cmd.MoveNode(self.diagram, self._refused, node_id, index, "Move up" if delta < 0 else "Move down")
        )

    def move_to(self, node_id: str, index: int) -> bool:
        if index == self.diagram.position(node_id):
            return False
        return self._push(cmd.MoveNode(self.diagram, self._refused, node_id, index))

    def change_kind(self, node_id: str, kind: NodeKind) -> bool:
        if self.diagram.node(node_id).kind is kind:
            return True
        return self._push(cmd.ChangeKind(self.diagram, self._refused, node_id, kind))

    def set_order(self, order: Sequence[str], title: str = "Tidy up") -> bool:
        if list(order) == list(self.diagram.order):
            self.message.emit("Already tidy: no order with fewer crossings was found.")
            return False
        return self._push(cmd.SetOrder(self.diagram, self._refused, order, title))

    def macro(self, title: str) -> _Macro:
        """`with document.macro("Paste"):` — several commands as one undo step."""
        return _Macro(self.undo_stack, title)


class _Macro:
    def __init__(self, stack: QUndoStack, title: str) -> None:
        self.stack, self.title = stack, title

    def __enter__(self) -> None:
        self.stack.beginMacro(self.title)

    def __exit__(self, *exc: object) -> None:
        self.stack.endMacro()


__all__ = ["Change", "Document"]

"""Keeping the Outline's rows in step with the model (part of `OutlineTree`).

After a change the tree *reconciles*: it walks the rows it has and the rows the model now
asks for (outline_rows.Facts) side by side, and only adds, removes, moves or rewords the rows
that differ, so the expanded rows, the current row and the scroll position stay. A text
edit does not even walk the tree: the rows naming the node are reworded in place. While the
tree is hidden it only notes that it is behind, and catches up when it is shown again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import QTreeWidgetItem

from ..model import Change, ChangeKind
from .outline_editing import MARK, blank, swatch
from .outline_rows import ALSO, NODE, NODE_TAGS, Facts, Key, node_of, with_node, words
from .theme import is_dark

if TYPE_CHECKING:
    from .features import Editor

ACCESSIBLE_TEXT = Qt.ItemDataRole.AccessibleTextRole
ACCESSIBLE_DESCRIPTION = Qt.ItemDataRole.AccessibleDescriptionRole
EDITABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
TEXT_ONLY = frozenset({ChangeKind.NODE_EDITED})  # what a text edit is: rows reworded in place


class Row(QTreeWidgetItem):
    """One row: its `key` (what it shows), the `inputs` its words are made of, and, mirrored
    in Python, the row above it (`up`) and the rows under it (`kids`)."""

    def __init__(self, key: Key, inputs: tuple, up: Row | None) -> None:
        super().__init__()
        self.key, self.inputs, self.up = key, inputs, up
        self.kids: list[Row] = []
        self.gone = False  # taken out of the tree
        self.fresh = False  # just built with everything under it

    @property
    def node_id(self) -> str | None:
        node = node_of(self.key[0], self.inputs)
        return node.id if node is not None else None


class RowSync:
    """The rows of `OutlineTree` and how they follow the model (the tree provides Qt's side)."""

    host: Editor
    _italic: QFont

    def _setup_rows(self) -> None:
        self._top: list[Row] = []
        self._rows: dict[str, Row] = {}  # node id -> its own row (the full one, under its first parent)
        self._showing: dict[str, list[Row]] = {}  # node id -> every row whose words name it
        self._collapsed: set[Key] = set()
        self._quiet = 0  # > 0: the tree is changing itself; its signals are not the user's
        self._stale = ""  # "update" / "rebuild": the model changed while the tree was hidden
        self._arranged = self._reworded_also = False  # what the last reconcile did (for the index)

    # ---------------------------------------------------------------- building
    def rebuild(self) -> None:
        """Build every row again (a new diagram): expanded, but for the rows the user collapsed."""
        current = self.current_row()
        place = (current.key, current.up.key if current.up else None) if current else None
        self.drop_typing()
        with self._quietly():
            self.clear()
            facts = Facts(self.host.document.diagram)
            self._top = [self._make(key, inputs, None, facts) for key, inputs in facts.top()]
            self.addTopLevelItems(self._top)
            self.expandAll()
            self._index()
            for key in self._collapsed:
                row = self._rows.get(key[1])
                if row is not None:
                    row.setExpanded(False)
            if place is not None:
                self._restore(place)

    def _on_replaced(self) -> None:
        self._collapsed.clear()
        if not self.isVisible():
            self._stale = "rebuild"
            return
        self.rebuild()
        self.follow(self.host.selected_ids())

    def restyle(self, _dark: bool = False) -> None:
        """The colour scheme switched: the kinds' boxes again, in its colours (now or when shown)."""
        if not self.isVisible():
            self._stale = "rebuild"
            return
        self.rebuild()
        self.follow(self.host.selected_ids())

    def showEvent(self, e: QShowEvent) -> None:
        """Shown again: brought up to date with what changed while it was hidden."""
        stale, self._stale = self._stale, ""
        if stale == "rebuild":
            self.rebuild()
        elif stale:
            with self._quietly():
                self._reconcile()
        if stale:
            self.follow(self.host.selected_ids())
        super().showEvent(e)

    def _make(self, key: Key, inputs: tuple, up: Row | None, facts: Facts) -> Row:
        """A row and, for a node's own row, everything under it (built before it joins the tree: fast)."""
        row = Row(key, inputs, up)
        self._show(row)
        if key[0] == NODE:
            row.kids = [self._make(k, i, row, facts) for k, i in facts.children(key[1])]
            row.addChildren(row.kids)
        return row

    def _show(self, row: Row) -> None:
        tag = row.key[0]
        w = words(tag, row.inputs)
        row.setText(0, w.text)
        row.setData(0, MARK, w.mark or None)
        row.setData(0, ACCESSIBLE_TEXT, w.spoken)
        row.setData(0, ACCESSIBLE_DESCRIPTION, w.keys)
        row.setToolTip(0, w.tip)
        if tag in NODE_TAGS:
            node = row.inputs[0]
            row.setIcon(0, swatch(node.kind, node.colour, is_dark()))
            row.setFlags(EDITABLE)
        else:
            row.setIcon(0, blank())
            row.setFlags(READ_ONLY)
        # italic: a node with no text yet, and the rows that are not nodes (measures, notes)
        row.setData(0, Qt.ItemDataRole.FontRole, self._italic if w.placeholder or tag not in NODE_TAGS else None)

    def _index(self) -> None:
        rows: dict[str, Row] = {}
        showing: dict[str, list[Row]] = {}
        todo = list(self._top)
        while todo:
            row = todo.pop()
            tag, ident = row.key
            if tag == NODE:
                rows[ident] = row
            if tag in NODE_TAGS:
                showing.setdefault(ident, []).append(row)
            if tag == ALSO:
                showing.setdefault(row.inputs[1].id, []).append(row)
            todo.extend(row.kids)
        self._rows, self._showing = rows, showing

    # ---------------------------------------------------------------- updating
    def _on_change(self, change: Change) -> None:
        if not (change.touches_geometry or {"measures", "annotations"} & set(change.collections)):
            return  # the diagram's details, people, milestones …: not in the outline
        if not self.isVisible():  # (the welcome page, the dock put away): nothing to keep up to date yet
            self._stale = self._stale or "update"
            return
        current = self.current_row()
        place = (current.key, current.up.key if current.up else None) if current else None
        with self._quietly():
            if not (change.kinds <= TEXT_ONLY and self._reword(change.ids)):
                self._reconcile()
            if place is not None:
                self._restore(place)
        if self.hasFocus():
            self._lead()  # the tree is where the user works: the canvas shows its row's node
        else:
            self.follow(self.host.selected_ids())

    def _reword(self, ids: tuple[str, ...]) -> bool:
        """A node's text (or strength, or colour) changed: reword the rows naming it, in place.
        False when it is more than that (its kind changed), for a whole reconcile."""
        d = self.host.document.diagram
        for node_id in ids:
            if node_id not in d:
                return False
            node = d.node(node_id)
            for row in self._showing.get(node_id, ()):
                shown = row.inputs[0] if row.inputs[0].id == node_id else row.inputs[1]
                if shown.kind is not node.kind:
                    return False
        for node_id in ids:
            node = d.node(node_id)
            for row in self._showing.get(node_id, ()):
                row.inputs = with_node(row.key[0], row.inputs, node)
                self._show(row)
        return True

    def _reconcile(self) -> None:
        facts = Facts(self.host.document.diagram)
        self._arranged = self._reworded_also = False
        self._sync(None, self._top, facts.top(), facts)
        if self._arranged or self._reworded_also:  # rows came or went, or an "also under" row names another parent
            self._index()

    def _sync(self, up: Row | None, have: list[Row], want: list[tuple[Key, tuple]], facts: Facts) -> None:
        if [r.key for r in have] != [k for k, _ in want]:
            self._arrange(up, have, want, facts)
        for row, (key, inputs) in zip(have, want, strict=True):
            if row.fresh:
                row.fresh = False
                continue
            if row.inputs != inputs:  # (unchanged model objects are the same objects: a quick test)
                if key[0] == ALSO and row.inputs[1].id != inputs[1].id:
                    self._reworded_also = True
                row.inputs = inputs
                self._show(row)
            if key[0] == NODE:
                self._sync(row, row.kids, facts.children(key[1]), facts)

    def _arrange(self, up: Row | None, have: list[Row], want: list[tuple[Key, tuple]], facts: Facts) -> None:
        """Make `have` (the rows under `up`) the rows `want` asks for, in its order, moving as few as it can."""
        self._arranged = True
        parent = up if up is not None else self.invisibleRootItem()
        wanted = {k for k, _ in want}
        for i in reversed(range(len(have))):
            if have[i].key not in wanted:
                parent.takeChild(i)
                _mark_gone(have.pop(i))
        kept = {r.key: r for r in have}
        for i, (key, inputs) in enumerate(want):
            row = kept.get(key)
            if row is None:
                row = self._make(key, inputs, up, facts)
                row.fresh = True
            elif have[i] is row:
                continue
            else:
                j = have.index(row, i)
                parent.takeChild(j)
                del have[j]
            parent.insertChild(i, row)
            have.insert(i, row)
            self._expand(row)

    def _expand(self, row: Row) -> None:
        """A row that (re)joined the tree: expanded as it was (Qt forgets that when a row moves)."""
        todo = [row]
        while todo:
            r = todo.pop()
            if r.kids:
                r.setExpanded(r.key not in self._collapsed)
                todo.extend(r.kids)

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1

    def _restore(self, place: tuple[Key, Key | None]) -> None:
        """The current row again after an update: the same row (or where it went), else the row
        it was under (undoing a new node: back on the node it was added to), else Qt's choice."""
        key, up_key = place
        row = self.find_row(key, up_key)
        if row is None and up_key is not None and up_key[0] == NODE:
            row = self._rows.get(up_key[1])
        if row is None:
            row = self.current_row()
        if row is None and self._top:
            row = self._top[0]
        if row is not None and row is not self.currentItem():
            selected = bool(self.selectedItems())
            self.setCurrentItem(row)
            if not selected:
                self.clearSelection()

    def find_row(self, key: Key, up_key: Key | None = None) -> Row | None:
        """The row with `key` (under the row with `up_key`, for a row that is not a node's own)."""
        if key[0] == NODE:
            return self._rows.get(key[1])
        siblings = self._top if up_key is None else getattr(self._rows.get(up_key[1]), "kids", [])
        return next((r for r in siblings if r.key == key), None)


def _mark_gone(row: Row) -> None:
    todo = [row]
    while todo:
        r = todo.pop()
        r.gone = True
        todo.extend(r.kids)

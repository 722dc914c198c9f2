"""The Outline's keys and what they ask of the document: the canvas's keys, the canvas's way.

Tab adds a child, Enter a sibling, Ctrl+B a barrier, each ready to type (a new node chains
as in an outliner, and one left empty goes again: Document.begin_node / finish_node /
abandon_node, as on the canvas); F2, typing or a double-click edits a node's text in place;
Delete deletes; Alt+Up / Alt+Down reorder among siblings; Ctrl+C, Ctrl+X and Ctrl+V copy,
cut and paste a node with everything below it, as on the canvas. Every edit is a Document intent,
so it is one undo step on the window's undo stack (Ctrl+Z works from the tree: it is the
window's action). On an "also under" or "counters" row, Delete takes away that one link;
on a measure or a note, Enter opens it where it is edited and Delete deletes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemDelegate, QStackedWidget
from shiboken6 import isValid

from .outline_editing import RowEditor, is_barrier_key
from .outline_rows import ALSO, COUNTER, MEASURE, NODE, NODE_TAGS, NOTE, item_row

if TYPE_CHECKING:
    from .document import AddHow
    from .features import Editor
    from .outline_editing import RowDelegate
    from .outline_sync import Row

ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier
COMMANDS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
ADD_KEYS = {Qt.Key.Key_Tab: "child", Qt.Key.Key_Return: "sibling", Qt.Key.Key_Enter: "sibling"}
DELETE_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
CLIPBOARD_KEYS = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut, QKeySequence.StandardKey.Paste)


class OutlineActions:
    """Part of `OutlineTree` (which provides the rows, the selection and Qt's item view)."""

    host: Editor
    row_delegate: RowDelegate
    _quiet: int

    def _setup_editing(self) -> None:
        self._editor: RowEditor | None = None

    # ------------------------------------------------------------------ keys
    def handles(self, e: QKeyEvent) -> bool:
        """Whether a key is the tree's own (asked before the window's shortcuts)."""
        key, mods = e.key(), e.modifiers()
        if is_barrier_key(e) or (key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and mods == ALT):
            return True
        if mods & COMMANDS:
            return False
        return key in ADD_KEYS or key in DELETE_KEYS or key == Qt.Key.Key_F2 or _typed(e)

    def key_pressed(self, e: QKeyEvent) -> bool:
        """Do what the key means on the current row; False when it is not one of ours."""
        row = self.current_row()
        key, mods = e.key(), e.modifiers()
        if row is None:
            return False
        clipboard = next((k for k in CLIPBOARD_KEYS if e.matches(k)), None)
        if clipboard is not None:
            return self._canvas_action(clipboard)
        if is_barrier_key(e):
            self.add("anti")
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and mods == ALT:
            self.move(row, -1 if key == Qt.Key.Key_Up else 1)
        elif mods & (COMMANDS | Qt.KeyboardModifier.ShiftModifier) and key != Qt.Key.Key_F2 and not _typed(e):
            return False
        elif key == Qt.Key.Key_Tab:
            self.add("child")
        elif key in ADD_KEYS:
            if row.key[0] in NODE_TAGS:
                self.add("sibling")
            else:
                self.open_item(row)
        elif key == Qt.Key.Key_F2:
            self.edit_or_open(row)
        elif key in DELETE_KEYS:
            self.delete(row)
        elif key == Qt.Key.Key_Escape:
            self.back_to_canvas()
        elif _typed(e) and row.key[0] in NODE_TAGS:
            self.edit_row(row, initial=e.text())
        else:
            return False
        return True

    def _canvas_action(self, standard: QKeySequence.StandardKey) -> bool:
        """Ctrl+C, Ctrl+X, Ctrl+V: the canvas's own copy, cut and paste (its actions answer its
        keys only), on the node the outline and the canvas have selected."""
        wanted = QKeySequence(standard)
        for action in self.host.widget().findChildren(QAction):
            if action.isEnabled() and wanted in action.shortcuts():
                action.trigger()
                return True
        return False

    def back_to_canvas(self) -> None:
        central = self.host.widget().centralWidget()  # type: ignore[attr-defined]
        page = central.currentWidget() if isinstance(central, QStackedWidget) else central
        if page is not None:
            page.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --------------------------------------------------------------- editing
    def edit_or_open(self, row: Row) -> None:
        if row.key[0] in NODE_TAGS:
            self.edit_row(row)
        else:
            self.open_item(row)

    def edit_row(self, row: Row, initial: str | None = None) -> None:
        """Type the row's node's text in place (`initial` replacing it, as typing does)."""
        node_id = row.key[1]
        d = self.host.document.diagram
        if node_id not in d:
            return
        self.setCurrentItem(row)  # type: ignore[attr-defined]
        self.scrollToItem(row)  # type: ignore[attr-defined]
        self.row_delegate.pending = (node_id, d.node(node_id).text if initial is None else initial)
        self.row_delegate.current_editor = None
        self.editItem(row, 0)  # type: ignore[attr-defined]
        editor = self.row_delegate.current_editor
        if editor is None:
            return
        self._editor = editor
        editor.committed.connect(self._committed)
        editor.cancelled.connect(self._cancelled)
        if initial is not None:
            editor.deselect()
            editor.end(False)

    @property
    def typing(self) -> tuple[str, str] | None:
        """The node whose text is being typed in the tree and the text so far, or None."""
        editor = self._editor
        if editor is None or not isValid(editor) or editor.done:
            return None
        return editor.node_id, editor.text().strip()

    def finish_typing(self) -> None:
        """Commit the text being typed in the tree, if any (before a save or an export)."""
        if self._editor is not None and isValid(self._editor):
            self._editor.finish()

    def _close_editor(self) -> None:
        editor, self._editor = self._editor, None
        if editor is not None and isValid(editor):
            self.row_delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def drop_typing(self) -> None:
        """Close the editor without a word to the document (a whole new diagram is shown)."""
        if self._editor is not None and isValid(self._editor):
            self._editor.done = True
        self._close_editor()

    def _committed(self, node_id: str, text: str, key: str) -> None:
        """Typing ended (Enter, Tab, Ctrl+B, or the row was left): as on the canvas, a new node
        chains on to the next, and a new node left empty goes again."""
        if self._quiet:  # ended by the tree's own update (its row moved): once that is over
            QTimer.singleShot(0, lambda: self._committed(node_id, text, key))
            return
        under = self._row_parent()
        self._close_editor()
        doc = self.host.document
        if node_id == doc.new_node:
            origin = doc.new_node_origin()
            if not text:
                self.go_to(doc.abandon_node(node_id))
                if key == "tab" and origin is not None and origin[1] == "sibling":
                    self.add("child")  # Tab on an empty new sibling: a child of the node above instead
                elif key == "anti":
                    self.add("anti")
                return
            doc.finish_node(node_id, text)
            new = True
        else:
            if node_id in doc.diagram:
                doc.set_text(node_id, text)
            new = False
        if node_id in doc.diagram:
            self.go_to(node_id, under)
        if key == "tab":
            self.add("child")
        elif key == "enter" and new:
            self.add("sibling")
        elif key == "anti":
            self.add("anti")

    def _cancelled(self, node_id: str) -> None:
        self._close_editor()
        doc = self.host.document
        if node_id == doc.new_node:
            self.go_to(doc.abandon_node(node_id))

    def _row_parent(self) -> str | None:
        row = self.current_row()
        return row.up.key[1] if row is not None and row.up is not None and row.up.key[0] == NODE else None

    # --------------------------------------------------------------- intents
    def _node_at(self, row: Row | None) -> str:
        d = self.host.document.diagram
        node_id = row.node_id if row is not None else None
        return node_id if node_id is not None and node_id in d else d.outcome.id

    def add(self, how: AddHow) -> str | None:
        """Tab ("child"), Enter ("sibling") or Ctrl+B ("anti") on the current row's node:
        add a node, make its row current and start typing its text."""
        self.finish_typing()
        new = self.host.document.begin_node(how, self._node_at(self.current_row()))
        if new is not None:
            self.go_to(new)
            row = self.find_row((NODE, new))
            if row is not None:
                self.edit_row(row, initial="")
        return new

    def delete(self, row: Row) -> None:
        """Delete the row's node (and what is left with no parent), or its link, or its item."""
        doc = self.host.document
        tag, ident = row.key
        up = row.up.key[1] if row.up is not None else None
        if tag == NODE:
            fallback = self._row_above(row)
            if doc.remove([ident]):
                self.go_to(fallback[0], fallback[1])
        elif tag == ALSO and up is not None:
            if doc.unlink(up, ident):
                self.host.show_status("Unlinked it from this driver; it stays under its other drivers. Ctrl+Z undoes.")
                self.go_to(up)
        elif tag == COUNTER and up is not None:
            if doc.unlink(ident, up):
                self.host.show_status("The change idea no longer counters this barrier. Ctrl+Z undoes.")
                self.go_to(up)
        elif tag in (MEASURE, NOTE):
            node_id = row.node_id
            if self._delete_item(tag, ident):
                self.go_to(node_id)

    def _delete_item(self, tag: str, item_id: str) -> bool:
        if tag == NOTE:
            from .notes_feature import NotesFeature

            notes = self.host.widget().findChild(NotesFeature, "notes-feature")
            if notes is not None:
                return notes.delete_note(item_id)
        if self.host.document.remove_item(item_row(tag) or "", item_id):
            self.host.show_status(f"Deleted the {'measure' if tag == MEASURE else 'note'}. Undo with Ctrl+Z.")
            return True
        return False

    def _row_above(self, row: Row) -> tuple[str | None, str | None]:
        """Where to go after deleting `row`'s node: the node row above it under the same
        parent, else the parent (the node a barrier hinders)."""
        up = row.up
        siblings = up.kids if up is not None else []
        i = siblings.index(row) if row in siblings else 0
        for other in reversed(siblings[:i]):
            if other.key[0] in (NODE, ALSO):
                return other.key[1], up.key[1] if up is not None else None
        if up is not None:
            return up.node_id, up.up.key[1] if up.up is not None else None
        return None, None

    def move(self, row: Row, delta: int) -> None:
        """Alt+Up / Alt+Down: the node among its siblings, or a measure or note among its node's."""
        doc = self.host.document
        tag, ident = row.key
        collection = item_row(tag)
        if collection is None:
            if doc.move_sibling(ident, delta):
                self.go_to(ident, row.up.key[1] if row.up is not None else None)
            return
        items = doc.diagram.items(collection)
        node_id = row.node_id
        same = [i for i, it in enumerate(items) if it.node_id == node_id]
        here = next(i for i, it in enumerate(items) if it.id == ident)
        k = same.index(here) + delta
        if not 0 <= k < len(same):
            doc.refuse("Already the first of them." if delta < 0 else "Already the last of them.")
            return
        doc.move_item(collection, ident, same[k])

    def open_item(self, row: Row) -> None:
        """A measure's row: the measure in the Measures panel; a note's: the note's dialog."""
        tag, ident = row.key
        node_id = row.node_id
        if tag == MEASURE:
            from .measures_feature import MeasuresFeature

            measures = self.host.widget().findChild(MeasuresFeature, "measures-feature")
            if measures is not None and node_id is not None:
                measures.go_to(node_id, ident)
                name = getattr(measures.panel, "name", None)
                if name is not None:
                    name.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        elif tag == NOTE:
            from .notes_feature import NotesFeature

            notes = self.host.widget().findChild(NotesFeature, "notes-feature")
            if notes is not None:
                notes.edit_note(ident)
                return
        self.go_to(node_id)


def _typed(e: QKeyEvent) -> bool:
    """A key that types a character (which starts editing the node's text, as on the canvas)."""
    text = e.text()
    return bool(text) and text.isprintable() and not text.isspace() and not e.modifiers() & COMMANDS

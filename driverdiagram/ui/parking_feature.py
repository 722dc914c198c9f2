"""The parking lot: ideas and open questions kept for later, not lost. The Parking lot dock
(a tab beside Notes), Plan ▸ Add to Parking Lot… (Ctrl+Shift+K, also in the canvas's
right-click menu), and turning an item into a node when its time comes.

A feature (features.py). Every gesture is one undo step with its own title: “Add to the
parking lot”, “Edit parking-lot item”, “Delete parking-lot item”, and “Make a node from the
parking lot” (the node added and the item removed together: Ctrl+Z brings the item back and
takes the node away). Dialogs go through `parking_dialog`'s module functions, which tests
replace.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget

from ..model import NodeKind, ParkingItem
from ..model.rules import CHILD_KIND
from . import parking_dialog
from .canvas import CONTEXT_MENU
from .features import DockPlacement, Editor, Feature, Placement
from .note_pins import short
from .parking_dialog import ParentChoice, outcome_of
from .parking_panel import COLLECTION, ParkingPanel


class ParkingFeature(Feature):
    def __init__(self, editor: Editor) -> None:
        super().__init__(editor)
        self.setObjectName("parking-feature")
        self.panel = ParkingPanel(editor.document)
        self.dock = QDockWidget("Parking lot", editor.widget())
        self.dock.setObjectName("parking")
        self.dock.setWidget(self.panel)
        self.act_add = self.action(
            "Add to Parkin&g Lot…",
            self.focus_quick,
            "Ctrl+Shift+K",
            "Keep an idea or an open question for later, about the selected node (or none)",
        )
        self.act_add.setProperty(CONTEXT_MENU, True)  # in the canvas's right-click menu too
        self.panel.add_requested.connect(self._add_typed)
        self.panel.edit_requested.connect(self.edit)
        self.panel.text_edited.connect(self.edit_text)
        self.panel.make_node_requested.connect(self.make_node)
        self.panel.delete_requested.connect(self.delete)
        self.panel.node_clicked.connect(self.editor.select)
        editor.selection_changed.connect(self.panel.set_selection)  # type: ignore[attr-defined]
        editor.document.replaced.connect(lambda: self.panel.set_selection(self.editor.selected_ids()))
        self.panel.set_selection(editor.selected_ids())

    def placements(self) -> list[Placement]:
        return [Placement("plan", "parking", [self.act_add])]

    def docks(self) -> list[DockPlacement]:
        return [DockPlacement(self.dock, Qt.DockWidgetArea.RightDockWidgetArea, tab_with="notes")]

    # ---------------------------------------------------------------- gestures
    def focus_quick(self) -> None:
        """Show the dock in front and put the cursor in its line, ready to type."""
        self.editor.finish_typing()
        self.panel.set_selection(self.editor.selected_ids())
        was_hidden = self.dock.isHidden()
        self.dock.show()
        self.dock.raise_()
        if was_hidden:  # a tab shown just now takes its place (and gives focus away) first
            QApplication.processEvents()
        self.panel.focus_quick()

    def _add_typed(self, text: str) -> None:
        if self.add(text) is not None:
            self.panel.quick.clear()

    def add(self, text: str, node_id: str | None = None, created: dt.date | None = None) -> str | None:
        """Keep `text` in the parking lot, about `node_id` (by default: the node selected, if
        just one); one undo step. Returns the new item's id (None: nothing to keep, or refused)."""
        text = text.strip()
        if not text:
            return None
        doc = self.editor.document
        if node_id is None:
            ids = [i for i in self.editor.selected_ids() if i in doc.diagram]
            node_id = ids[0] if len(ids) == 1 else None
        item = ParkingItem(id=doc.new_item_id("park"), text=text, created=created or dt.date.today(), node_id=node_id)
        with doc.batch("Add to the parking lot"):
            ok = doc.add_item(COLLECTION, item)
        if not ok:
            return None
        self.panel.show_item(item.id)
        where = f" about “{short(doc.diagram.node(node_id).text, 40)}”" if node_id else ""
        self.editor.show_status(f"Parked{where}: “{short(text, 50)}”. Undo with Ctrl+Z.")
        return item.id

    def edit(self, item_id: str) -> bool:
        """Edit an item in the dialog (text, day, node); one undo step, none when unchanged."""
        old = self.panel.item_of(item_id)
        if old is None:
            return False
        doc = self.editor.document
        new = parking_dialog.edit_parking_item(self.editor.widget(), old, doc.diagram)
        if new is None:
            return False
        return self._change(old, text=new.text, created=new.created, node_id=new.node_id)

    def edit_text(self, item_id: str, text: str) -> bool:
        """The text typed in place over an item (an empty text keeps the old one)."""
        old = self.panel.item_of(item_id)
        if old is None or not text.strip():
            return False
        return self._change(old, text=text.strip())

    def _change(self, old: ParkingItem, **fields: object) -> bool:
        changes = {k: v for k, v in fields.items() if getattr(old, k) != v}
        if not changes:
            return True
        doc = self.editor.document
        with doc.batch("Edit parking-lot item"):
            ok = doc.edit_item(COLLECTION, old.id, None, **changes)
        return ok

    def delete(self, item_id: str) -> bool:
        """Delete an item (one undo step: Ctrl+Z brings it back)."""
        if self.panel.item_of(item_id) is None:
            return False
        doc = self.editor.document
        with doc.batch("Delete parking-lot item"):
            ok = doc.remove_item(COLLECTION, item_id)
        if ok:
            self.editor.show_status("Deleted the parking-lot item. Undo with Ctrl+Z.")
        return ok

    def make_node(self, item_id: str) -> str | None:
        """Turn an item into a node: under the parent chosen (or as a barrier against it),
        with the item's text; the item leaves the parking lot. One undo step. Returns the
        new node's id (None: cancelled or refused). The new node is selected."""
        self.editor.finish_typing()
        item = self.panel.item_of(item_id)
        if item is None:
            return None
        doc = self.editor.document
        d = doc.diagram
        choice = parking_dialog.choose_parent(self.editor.widget(), d, item.text, initial=self._offer(item.node_id))
        if choice is None:
            return None
        if isinstance(choice, str):  # a plain node id: a child of it
            choice = ParentChoice(choice)
        if choice.node_id not in d:
            return None
        made = outcome_of(d, choice)
        with doc.batch("Make a node from the parking lot"):
            if choice.barrier:
                node_id = doc.add_anti_driver(choice.node_id, item.text)
            else:
                node_id = doc.add_child(choice.node_id, item.text)
            if node_id is not None:
                doc.remove_item(COLLECTION, item_id)
        if node_id is None:
            return None
        self.editor.select(node_id)
        self.editor.show_status(f"Made {made} from the parking lot. Undo with Ctrl+Z.")
        return node_id

    def _offer(self, node_id: str | None) -> str | None:
        """The parent offered first, from the item's node (else the node selected): itself
        when nodes can go under it, else where it hangs (a change idea: its secondary
        driver; an anti-driver: what it works against)."""
        d = self.editor.document.diagram
        if node_id is None or node_id not in d:
            ids = [i for i in self.editor.selected_ids() if i in d]
            node_id = ids[0] if len(ids) == 1 else None
        if node_id is None:
            return None
        node = d.node(node_id)
        if node.kind in CHILD_KIND:
            return node_id
        if node.kind is NodeKind.ANTI_DRIVER:
            return d.target(node_id).id
        parents = d.parents(node_id)
        return parents[0].id if parents else None

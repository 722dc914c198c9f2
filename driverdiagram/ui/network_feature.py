"""The mentee's board of advisors: the Network dock (a tab beside Notes), Plan ▸ Add Person…,
Who Helps With This… (also on a node's right-click menu) and Show Supporters on the
Diagram (the initials of the people who help with a node, as a pill on its box).

A feature (features.py). Every gesture is one undo step with its own title ("Add person",
"Lena helps with Research skills", "Who helps with Research skills", …). The dialogs are
called through `person_dialog` so that tests can answer them. The pills follow the model:
after each edit, undo or another diagram they are worked out again (while they are on).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDockWidget

from ..model import NodeKind, Person, PersonRole
from ..model.network import analyse_network, initials, supporters_by_node
from . import person_dialog
from .canvas import CONTEXT_MENU
from .features import DockPlacement, Editor, Feature, Placement
from .network_panel import NetworkPanel
from .node_marks import NodeMark, NodeMarks
from .note_pins import short
from .person_dialog import ROLE_LABELS, first_name

COLLECTION = "people"
LAYER = "network"
SUPPORTERS_SETTING = "view/supporters"
PILL_COLOUR = "#00695C"  # teal: people, not a problem
PILL_NAMES = 3  # initials on a pill; more people: "+2"


def pill_tag(people: list[Person]) -> str:
    """ "LH TR WC", or "LH TR WC +2" when more people help."""
    tag = " ".join(initials(p.name) for p in people[:PILL_NAMES])
    return tag + (f" +{len(people) - PILL_NAMES}" if len(people) > PILL_NAMES else "")


class NetworkFeature(Feature):
    def __init__(self, editor: Editor, marks: NodeMarks) -> None:
        super().__init__(editor)
        self.setObjectName("network-feature")
        self.marks = marks
        self.panel = NetworkPanel(editor.document)
        self.dock = QDockWidget("Network", editor.widget())
        self.dock.setObjectName("network")
        self.dock.setWidget(self.panel)
        self.act_add = self.action(
            "Add &Person…", self.add_person, None, "Someone who helps you: a mentor, a sponsor, a peer, a coach"
        )
        self.act_who = self.action(
            "&Who Helps With This…", self.who_helps, None, "Choose the people who help with the selected node"
        )
        self.act_who.setProperty(CONTEXT_MENU, True)  # in the canvas's right-click menu too
        self.act_supporters = self.action(
            "Show &Supporters on the Diagram",
            lambda: self.set_supporters(self.act_supporters.isChecked()),
            None,
            "Show the initials of the people who help with each node on its box",
        )
        self.act_supporters.setCheckable(True)
        self.act_supporters.setChecked(QSettings().value(SUPPORTERS_SETTING, False, type=bool))
        self.panel.add_requested.connect(self.add_person)
        self.panel.edit_requested.connect(self.edit_person)
        self.panel.delete_requested.connect(self.delete_person)
        self.panel.toggle_requested.connect(self.toggle_help)
        self.panel.node_clicked.connect(self.editor.select)
        editor.document.changed.connect(self._on_change)  # (bound methods: they go with the window)
        editor.document.replaced.connect(self.refresh_marks)
        self.refresh_marks()

    def placements(self) -> list[Placement]:
        return [Placement("plan", "people", [self.act_add, self.act_who, self.act_supporters])]

    def docks(self) -> list[DockPlacement]:
        return [DockPlacement(self.dock, Qt.DockWidgetArea.RightDockWidgetArea, tab_with="notes")]

    # ------------------------------------------------------------------ marks
    def set_supporters(self, on: bool) -> None:
        """Show (or hide) the supporters' initials on the diagram; remembered."""
        if self.act_supporters.isChecked() != on:
            self.act_supporters.setChecked(on)
        QSettings().setValue(SUPPORTERS_SETTING, on)
        self.refresh_marks()

    def _on_change(self, _change: object) -> None:
        self.refresh_marks()

    def refresh_marks(self) -> None:
        if not self.act_supporters.isChecked():
            self.marks.set_marks(LAYER, {})
            return
        marks = {}
        for node_id, people in supporters_by_node(self.editor.document.diagram).items():
            if people:
                tip = "Helps with this:\n" + "\n".join(f"{p.name} · {ROLE_LABELS[p.role]}" for p in people)
                marks[node_id] = NodeMark(PILL_COLOUR, pill_tag(people), tip)
        self.marks.set_marks(LAYER, marks)

    # ---------------------------------------------------------------- gestures
    def drivers(self) -> list[tuple[str, str, int]]:
        """The primary drivers, each followed by its secondary drivers: (id, text, depth)."""
        d = self.editor.document.diagram
        rows = analyse_network(d).rows
        return [
            (r.node_id, d.node(r.node_id).text, 0 if d.node(r.node_id).kind is NodeKind.PRIMARY else 1) for r in rows
        ]

    def add_person(self, helps_with: list[str] | None = None) -> str | None:
        """A new person, written in the dialog (prefilled with the drivers selected on the
        canvas); one undo step. Returns their id (None: cancelled or refused)."""
        self.editor.finish_typing()
        doc = self.editor.document
        drivers = self.drivers()
        if helps_with is None:
            driver_ids = {nid for nid, _t, _d in drivers}
            helps_with = [nid for nid in self.editor.selected_ids() if nid in driver_ids]
        draft = Person(id=doc.new_item_id("person"), name="", role=PersonRole.OTHER, helps_with=helps_with)
        person = person_dialog.edit_person(self.editor.widget(), draft, drivers)
        if person is None:
            return None
        with doc.batch("Add person"):
            ok = doc.add_item(COLLECTION, person)
        if not ok:
            return None
        self._show(person.id)
        self.editor.show_status(f"Added {person.name} to the network. Undo with Ctrl+Z.")
        return person.id

    def edit_person(self, person_id: str) -> bool:
        """Edit a person in the dialog; one undo step (none when nothing changed)."""
        old = self._person(person_id)
        if old is None:
            return False
        new = person_dialog.edit_person(self.editor.widget(), old, self.drivers())
        if new is None:
            return False
        fields = ("name", "role", "organisation", "contact", "helps_with", "notes")
        changes = {k: getattr(new, k) for k in fields if getattr(new, k) != getattr(old, k)}
        if not changes:
            return True
        doc = self.editor.document
        with doc.batch("Edit person"):
            ok = doc.edit_item(COLLECTION, person_id, None, **changes)
        return ok

    def delete_person(self, person_id: str) -> bool:
        """Take a person out of the network (one undo step: Ctrl+Z brings them back)."""
        person = self._person(person_id)
        if person is None:
            return False
        doc = self.editor.document
        with doc.batch("Delete person"):
            ok = doc.remove_item(COLLECTION, person_id)
        if ok:
            self.editor.show_status(f"Took {person.name} out of the network. Undo with Ctrl+Z.")
        return ok

    def toggle_help(self, person_id: str, node_id: str) -> bool:
        """The person helps with the node, or no longer does; one undo step."""
        person = self._person(person_id)
        d = self.editor.document.diagram
        if person is None or node_id not in d:
            return False
        what = short(d.node(node_id).text, 40) or "a node with no text yet"
        who = first_name(person.name)
        if node_id in person.helps_with:
            helps = [ref for ref in person.helps_with if ref != node_id]
            title = f"{who} no longer helps with {what}"
        else:
            helps = [*person.helps_with, node_id]
            title = f"{who} helps with {what}"
        doc = self.editor.document
        with doc.batch(title):
            ok = doc.edit_item(COLLECTION, person_id, None, helps_with=helps)
        if ok:
            self.editor.show_status(f"{title}. Undo with Ctrl+Z.")
        return ok

    def who_helps(self) -> bool:
        """Choose who helps with the selected node: one undo step for the whole choice. With
        nobody in the network yet, the person dialog opens for the first one."""
        self.editor.finish_typing()
        doc = self.editor.document
        d = doc.diagram
        ids = [i for i in self.editor.selected_ids() if i in d]
        if len(ids) != 1:
            doc.refuse("Select one node to say who helps with it." if not ids else "Select just one node for this.")
            return False
        node_id = ids[0]
        people = d.items(COLLECTION)
        if not people:
            return self.add_person([node_id]) is not None
        offered = [(p.id, f"{p.name} — {ROLE_LABELS[p.role]}", node_id in p.helps_with) for p in people]
        chosen = person_dialog.choose_helpers(self.editor.widget(), d.node(node_id).text, offered)
        if chosen is None:
            return False
        changed = [p for p in people if (p.id in chosen) != (node_id in p.helps_with)]
        if not changed:
            return True
        what = short(d.node(node_id).text, 40) or "a node with no text yet"
        with doc.batch(f"Who helps with {what}"):
            for p in changed:
                helps = [*p.helps_with, node_id] if p.id in chosen else [r for r in p.helps_with if r != node_id]
                if not doc.edit_item(COLLECTION, p.id, None, helps_with=helps):
                    return False
        return True

    # ----------------------------------------------------------------- helpers
    def _person(self, person_id: str) -> Person | None:
        return next((p for p in self.editor.document.diagram.items(COLLECTION) if p.id == person_id), None)

    def _show(self, person_id: str) -> None:
        self.dock.show()
        self.dock.raise_()
        self.panel.show_person(person_id)

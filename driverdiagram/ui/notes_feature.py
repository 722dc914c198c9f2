"""Mentor and mentee notes: the Notes dock, Insert ▸ Add Note… (Ctrl+Shift+N) and Add Gap
Note… (Ctrl+Shift+G), on the selected node or on the whole diagram.

A feature (features.py). Every gesture is one undo step with its own title (“Add gap
note”, “Resolve note”, …). A new note is prefilled from `defaults`, a replaceable
provider: normally the mentee writing today, and while a meeting runs the meeting's own
(the mentor, its date and id) — the meeting feature swaps the provider and calls
`add_note`. The canvas pins (note_pins.py) and the dock follow the model, not this feature.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDockWidget

from ..model import Annotation, AnnotationKind, AuthorRole
from . import note_dialog
from .canvas import CONTEXT_MENU
from .features import DockPlacement, Editor, Feature, Placement
from .notes_panel import NotesPanel

COLLECTION = "annotations"
AUTHOR_SETTING = "notes/author"


@dataclass(frozen=True)
class NoteDefaults:
    """Who writes a new note, as who, on which day, and in which meeting (None: none)."""

    author: str
    role: AuthorRole
    created: dt.date
    meeting_id: str | None = None


class NotesFeature(Feature):
    def __init__(self, editor: Editor) -> None:
        super().__init__(editor)
        self.setObjectName("notes-feature")
        self.defaults: Callable[[], NoteDefaults] = self.standard_defaults
        self.panel = NotesPanel(editor.document)
        self.dock = QDockWidget("Notes", editor.widget())
        self.dock.setObjectName("notes")
        self.dock.setWidget(self.panel)
        self.act_add = self.action(
            "Add &Note…",
            lambda: self.add_note(AnnotationKind.COMMENT),
            "Ctrl+Shift+N",
            "Write a note on the selected node (or on the whole diagram when none is selected)",
        )
        self.act_gap = self.action(
            "Add &Gap Note…",
            lambda: self.add_note(AnnotationKind.GAP),
            "Ctrl+Shift+G",
            "Note something missing on the selected node: a driver, a measure, a link, a person",
        )
        for action in (self.act_add, self.act_gap):
            action.setProperty(CONTEXT_MENU, True)  # in the canvas's right-click menu too
        self.panel.add_requested.connect(lambda: self.add_note(AnnotationKind.COMMENT))
        self.panel.edit_requested.connect(self.edit_note)
        self.panel.toggle_requested.connect(self.toggle_resolved)
        self.panel.delete_requested.connect(self.delete_note)
        self.panel.node_clicked.connect(self.editor.select)
        editor.selection_changed.connect(self.panel.set_selection)  # type: ignore[attr-defined]

    def placements(self) -> list[Placement]:
        return [Placement("insert", "items", [self.act_add, self.act_gap])]

    def docks(self) -> list[DockPlacement]:
        return [DockPlacement(self.dock, Qt.DockWidgetArea.RightDockWidgetArea, tab_with="details")]

    def standard_defaults(self) -> NoteDefaults:
        """Outside a meeting: the author remembered in the settings, else the diagram's
        mentee, writing as the mentee, today."""
        author = QSettings().value(AUTHOR_SETTING, "")
        if not isinstance(author, str) or not author.strip():
            author = self.editor.document.diagram.info.mentee
        return NoteDefaults(author.strip(), AuthorRole.MENTEE, dt.date.today(), None)

    # ---------------------------------------------------------------- gestures
    def add_note(self, kind: AnnotationKind) -> str | None:
        """A new note of `kind` on the selected node (none selected: on the whole diagram),
        written in the dialog; one undo step. Returns its id (None: cancelled or refused)."""
        self.editor.finish_typing()  # a node still being typed in place exists first
        doc = self.editor.document
        ids = [i for i in self.editor.selected_ids() if i in doc.diagram]
        if len(ids) > 1:
            doc.refuse("Select just one node to write a note on (several are selected), or none for the whole diagram.")
            return None
        node_id = ids[0] if ids else None
        defaults = self.defaults()
        draft = Annotation(
            id=doc.new_item_id("note"),
            node_id=node_id,
            kind=kind,
            text="",
            author=defaults.author,
            role=defaults.role,
            created=defaults.created,
            meeting_id=defaults.meeting_id,
        )
        title = "Add gap note" if kind is AnnotationKind.GAP else "Add note"
        note = note_dialog.edit_note(self.editor.widget(), draft, self._node_text(node_id), title, self._meetings())
        if note is None:
            return None
        with doc.batch(title):
            ok = doc.add_item(COLLECTION, note)
        if not ok:
            return None
        self._show(note.id)
        self.editor.show_status(f"Added a {note.kind.label.lower()} note. Undo with Ctrl+Z.")
        return note.id

    def _meetings(self) -> list[tuple[str, str]]:
        """The diagram's meetings, newest first, for the dialog's "written in"."""
        meetings = sorted(self.editor.document.diagram.items("meetings"), key=lambda m: m.date, reverse=True)
        return [(m.id, f"{m.date.day} {m.date:%B %Y}") for m in meetings]

    def edit_note(self, note_id: str) -> bool:
        """Edit a note in the dialog; one undo step (none when nothing changed)."""
        doc = self.editor.document
        old = self._note(note_id)
        if old is None:
            return False
        new = note_dialog.edit_note(
            self.editor.widget(), old, self._node_text(old.node_id), "Edit note", self._meetings()
        )
        if new is None:
            return False
        fields = ("kind", "text", "author", "role", "created", "resolved")
        changes = {k: getattr(new, k) for k in fields if getattr(new, k) != getattr(old, k)}
        if not changes:
            return True
        with doc.batch("Edit note"):
            ok = doc.edit_item(COLLECTION, note_id, None, **changes)
        return ok

    def toggle_resolved(self, note_id: str) -> bool:
        """Resolve an open note (today) or reopen a resolved one; one undo step."""
        note = self._note(note_id)
        if note is None:
            return False
        doc = self.editor.document
        resolved = None if note.resolved else dt.date.today()
        with doc.batch("Reopen note" if note.resolved else "Resolve note"):
            ok = doc.edit_item(COLLECTION, note_id, None, resolved=resolved)
        return ok

    def delete_note(self, note_id: str) -> bool:
        """Delete a note (one undo step: Ctrl+Z brings it back)."""
        if self._note(note_id) is None:
            return False
        doc = self.editor.document
        with doc.batch("Delete note"):
            ok = doc.remove_item(COLLECTION, note_id)
        if ok:
            self.editor.show_status("Deleted the note. Undo with Ctrl+Z.")
        return ok

    # ----------------------------------------------------------------- helpers
    def _note(self, note_id: str) -> Annotation | None:
        return next((n for n in self.editor.document.diagram.items(COLLECTION) if n.id == note_id), None)

    def _node_text(self, node_id: str | None) -> str | None:
        d = self.editor.document.diagram
        return d.node(node_id).text if node_id is not None and node_id in d else None

    def _show(self, note_id: str) -> None:
        self.dock.show()
        self.dock.raise_()
        self.panel.show_note(note_id)

"""Meeting mode and action items: the mentor's own 30–60 minutes with the diagram.

Meeting ▸ Meeting Mode (Ctrl+Shift+M, and on the toolbar) asks the mentor's name once
(remembered in settings) and starts today's meeting record, or resumes it when one is
already dated today. The record keeps a snapshot of the diagram, so that "Changes since"
can later say what the mentee changed; the snapshot is taken again when the meeting ends,
so that the meeting's own notes and action items are not "changes since" it. The canvas
text is larger for a shared screen, and the mentor, the meeting's date and the meeting are
the defaults of every note added meanwhile. Meeting ▸ Add Action Item… (Ctrl+Shift+A)
agrees homework on the selected node. Leaving the mode shows the meeting's summary, ready
to copy into the follow-up e-mail.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDockWidget, QScrollArea

from ..model import AuthorRole, Change, Meeting, Milestone, MilestoneKind
from ..model.diff import snapshot_of
from ..model.meeting_summary import meeting_summary
from . import action_item_dialog, dialogs, summary_dialog
from .features import DockPlacement, Editor, Feature, Placement
from .meeting_panel import MeetingPanel, day
from .notes_feature import NoteDefaults, NotesFeature

LARGE_TEXT = 1.5  # how much larger the canvas is while a meeting is on a shared screen


class MeetingFeature(Feature):
    def __init__(self, editor: Editor, notes: NotesFeature) -> None:
        super().__init__(editor)
        self.setObjectName("meeting-feature")
        self.notes = notes
        self.live: str | None = None  # the id of the meeting being held
        self.mentor = ""
        self._own_defaults = notes.defaults
        self._zoom_before: float | None = None
        self.panel = MeetingPanel(editor.document, editor.select)
        self.panel.add_action = lambda: self.add_action_item(self.panel.meeting_id)
        self.panel.edit_action = self.edit_action_item
        scroll = QScrollArea()
        scroll.setWidget(self.panel)
        scroll.setWidgetResizable(True)
        self.dock = QDockWidget("Meetings", editor.widget())
        self.dock.setObjectName("meetings")
        self.dock.setWidget(scroll)
        self.act_mode = self.action(
            "Meeting &Mode",
            self._toggled,
            "Ctrl+Shift+M",
            "Start or end a mentoring meeting: larger text, "
            "notes by the mentor, a record of the meeting and its summary",
        )
        self.act_mode.setCheckable(True)
        self.act_action = self.action(
            "Add &Action Item…",
            lambda: self.add_action_item(self.live),
            "Ctrl+Shift+A",
            "Agree homework on the selected node: what, who and by when",
        )
        editor.document.changed.connect(self._on_change)
        editor.document.replaced.connect(self._on_replaced)

    def placements(self) -> list[Placement]:
        return [
            Placement("meeting", "mode", [self.act_mode]),
            Placement("meeting", "record", [self.act_action]),
            Placement("", "meeting", [self.act_mode], toolbar=True),
        ]

    def docks(self) -> list[DockPlacement]:
        return [DockPlacement(self.dock, Qt.DockWidgetArea.RightDockWidgetArea, tab_with="details")]

    @property
    def in_meeting(self) -> bool:
        return self.live is not None

    # ---------------------------------------------------------------- the mode
    def _toggled(self) -> None:
        if self.act_mode.isChecked():
            self.start()
        else:
            self.stop()

    def start(self) -> bool:
        """Enter meeting mode (asks the mentor's name); False when the user cancels."""
        editor = self.editor
        editor.finish_typing()
        document = editor.document
        d = document.diagram
        settings = QSettings()
        remembered = str(settings.value("meeting/mentor", "") or "") or d.info.mentor
        name = dialogs.ask_text(
            editor.widget(), "Start a meeting", "Mentor's name (the author of new notes):", remembered
        )
        if name is None:
            self.act_mode.setChecked(False)
            return False
        name = name.strip()[:500]
        settings.setValue("meeting/mentor", name)
        today = dt.date.today()
        meeting = next((m for m in d.items("meetings") if m.date == today), None)
        if meeting is None:
            meeting = Meeting(id=document.new_item_id("meeting"), date=today, mentor=name, snapshot=snapshot_of(d))
            with document.batch("Start meeting"):
                document.add_item("meetings", meeting)
            resumed = False
        else:
            if not meeting.mentor and name:
                document.edit_item("meetings", meeting.id, mentor=name)
            resumed = True
        self.live, self.mentor = meeting.id, name
        meeting_id, date = meeting.id, meeting.date
        self.notes.defaults = lambda: NoteDefaults(name, AuthorRole.MENTOR, date, meeting_id)
        self._zoom_before = editor.set_large_text(True, LARGE_TEXT)
        self.act_mode.setChecked(True)
        self.panel.set_live(meeting.id, name)
        self.dock.show()
        self.dock.raise_()
        editor.show_status(
            f"{'Resumed' if resumed else 'Started'} the meeting of {day(date)}. Ctrl+Shift+G adds a gap note on the "
            "selected node, Ctrl+Shift+A an action item; Ctrl+Shift+M ends the meeting.",
            12000,
        )
        return True

    def stop(self, *, summary: bool = True, record: bool = True) -> None:
        """Leave meeting mode; keep the diagram as the meeting leaves it (`record`) and show the
        meeting's summary to copy (`summary`), unless the meeting is gone."""
        if self.live is None:
            self.act_mode.setChecked(False)
            return
        self.editor.finish_typing()
        meeting_id, self.live = self.live, None
        self.notes.defaults = self._own_defaults
        self.editor.set_large_text(False, self._zoom_before or 1.0)
        self.act_mode.setChecked(False)
        self.panel.set_live(None)
        document = self.editor.document
        d = document.diagram
        exists = meeting_id in self._meeting_ids()
        if exists and record:  # "changes since" this meeting: since it ended, not its own notes and action items
            with document.batch("End meeting"):
                document.edit_item("meetings", meeting_id, snapshot=snapshot_of(d))
        if summary and exists:
            summary_dialog.show_summary(self.editor.widget(), meeting_summary(d, meeting_id))

    def _on_change(self, change: Change) -> None:
        live = self.live
        if live is not None and "meetings" in change.collections and live not in self._meeting_ids():
            self.stop(summary=False)  # "Start meeting" was undone
            self.editor.show_status("The meeting record was undone, so meeting mode ended.")

    def _meeting_ids(self) -> set[str]:
        return {m.id for m in self.editor.document.diagram.items("meetings")}

    def _on_replaced(self) -> None:
        if self.live is not None:  # another diagram (or the file again): its meeting is not this one
            self.stop(summary=False, record=False)

    # ------------------------------------------------------------ action items
    def add_action_item(self, meeting_id: str | None) -> str | None:
        """An action item on the selected node (or the whole diagram), for `meeting_id`."""
        editor = self.editor
        editor.finish_typing()
        document = editor.document
        d = document.diagram
        ids = editor.selected_ids()
        if len(ids) > 1:
            document.refuse("Select just one node for the action item (several are selected).")
            return None
        node_id = ids[0] if ids else None
        owner = d.info.mentee.split(",")[0].strip()
        item = Milestone(
            id=document.new_item_id("action"),
            title="",
            kind=MilestoneKind.HOMEWORK,
            node_id=node_id,
            owner=owner,
            due=dt.date.today() + dt.timedelta(days=14),
            meeting_id=meeting_id,
        )
        node_text = d.node(node_id).text if node_id else ""
        new = action_item_dialog.edit_action_item(editor.widget(), item, node_text, "New action item")
        if new is None:
            return None
        with document.batch("Add action item"):
            document.add_item("milestones", new)
        self.panel.show_meeting(meeting_id or self.panel.meeting_id)
        return new.id

    def edit_action_item(self, item_id: str) -> None:
        d = self.editor.document.diagram
        item = d.item("milestones", item_id)
        node_text = d.node(item.node_id).text if item.node_id and item.node_id in d else ""
        new = action_item_dialog.edit_action_item(self.editor.widget(), item, node_text, "Edit action item")
        if new is not None and new != item:
            changes = {k: v for k, v in new.model_dump().items() if getattr(item, k) != getattr(new, k)}
            self.editor.document.edit_item("milestones", item_id, **{k: getattr(new, k) for k in changes})

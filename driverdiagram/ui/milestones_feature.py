"""Milestones, homework and the timeline: the Milestones dock (the checklist above, the
timeline below), Plan ▸ Add Milestone… (Ctrl+Shift+D, "due") and Plan ▸ Milestones and
Timeline.

A feature (features.py). Every gesture is one undo step with its own title ("Add
milestone", "Mark milestone done", …). A new milestone is on the selected node (none
selected: the whole plan), owned by the mentee; the dialog (milestone_dialog.py) can
change both. Clicking a row or a milestone on the timeline selects its node on the canvas.
The dock shares the right side with the notes, as a tab.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QScrollArea, QSplitter

from ..model import Milestone, MilestoneKind
from . import milestone_dialog
from .features import DockPlacement, Editor, Feature, Placement
from .milestones_panel import MilestonesPanel
from .timeline_view import TimelineView

COLLECTION = "milestones"
FIELDS = ("title", "kind", "node_id", "owner", "due", "done", "notes")


class MilestonesFeature(Feature):
    def __init__(self, editor: Editor) -> None:
        super().__init__(editor)
        self.setObjectName("milestones-feature")
        self.clock: Callable[[], dt.date] = dt.date.today  # what "today" is (tests set it)
        self.panel = MilestonesPanel(editor.document)
        self.timeline = TimelineView(editor.document)
        self.panel.clock = self.timeline.clock = lambda: self.clock()
        self.timeline_scroll = QScrollArea()
        self.timeline_scroll.setWidget(self.timeline)
        self.timeline_scroll.setWidgetResizable(True)
        self.timeline_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("milestones-splitter")
        self.splitter.addWidget(self.panel)
        self.splitter.addWidget(self.timeline_scroll)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.dock = QDockWidget("Milestones", editor.widget())
        self.dock.setObjectName("milestones")
        self.dock.setWidget(self.splitter)
        self.act_add = self.action(
            "Add &Milestone…",
            self.add_milestone,
            "Ctrl+Shift+D",
            "A milestone, homework or action item with its due date, on the selected node or the whole plan",
        )
        self.act_show = self.action(
            "Milestones and &Timeline", self.show_dock, None, "The checklist of what is due when, and its timeline"
        )
        self.panel.add_requested.connect(self.add_milestone)
        self.panel.edit_requested.connect(self.edit_milestone)
        self.panel.tick_requested.connect(self.set_done)
        self.panel.delete_requested.connect(self.delete_milestone)
        self.panel.node_clicked.connect(self.editor.select)
        self.panel.current_changed.connect(self.timeline.set_current)
        self.timeline.milestone_clicked.connect(self.go_to)

    def placements(self) -> list[Placement]:
        return [Placement("plan", "milestones", [self.act_add, self.act_show])]

    def docks(self) -> list[DockPlacement]:
        return [DockPlacement(self.dock, Qt.DockWidgetArea.RightDockWidgetArea, tab_with="notes")]

    def show_dock(self) -> None:
        self.dock.show()
        self.dock.raise_()

    def go_to(self, milestone_id: str) -> None:
        """From the timeline: select the milestone's node, and its row in the checklist."""
        m = self._milestone(milestone_id)
        if m is None:
            return
        self.panel.show_milestone(milestone_id)
        if m.node_id is not None and m.node_id in self.editor.document.diagram:
            self.editor.select(m.node_id)

    # ---------------------------------------------------------------- gestures
    def add_milestone(self) -> str | None:
        """A new milestone on the selected node (none selected: the whole plan), written in
        the dialog; one undo step. Returns its id (None: cancelled or refused)."""
        self.editor.finish_typing()  # a node still being typed in place exists first
        doc = self.editor.document
        d = doc.diagram
        ids = [i for i in self.editor.selected_ids() if i in d]
        draft = Milestone(
            id=doc.new_item_id("ms-"),
            title="",
            kind=MilestoneKind.MILESTONE,
            node_id=ids[0] if len(ids) == 1 else None,
            owner=d.info.mentee.split(",")[0].strip(),
        )
        new = milestone_dialog.edit_milestone(
            self.editor.widget(), draft, milestone_dialog.node_choices(d), "New milestone"
        )
        if new is None:
            return None
        with doc.batch(f"Add {milestone_dialog.KIND_WORDS[new.kind].lower()}"):
            ok = doc.add_item(COLLECTION, new)
        if not ok:
            return None
        self.show_dock()
        self.panel.show_milestone(new.id)
        self.editor.show_status(f"Added “{new.title}”. Undo with Ctrl+Z.")
        return new.id

    def edit_milestone(self, milestone_id: str) -> bool:
        """Edit a milestone in the dialog; one undo step (none when nothing changed)."""
        old = self._milestone(milestone_id)
        if old is None:
            return False
        doc = self.editor.document
        new = milestone_dialog.edit_milestone(
            self.editor.widget(), old, milestone_dialog.node_choices(doc.diagram), "Edit milestone"
        )
        if new is None:
            return False
        changes = {k: getattr(new, k) for k in FIELDS if getattr(new, k) != getattr(old, k)}
        if not changes:
            return True
        with doc.batch("Edit milestone"):
            ok = doc.edit_item(COLLECTION, milestone_id, None, **changes)
        return ok

    def set_done(self, milestone_id: str, done: bool) -> bool:
        """Tick (done today) or untick (open again) a milestone; one undo step."""
        m = self._milestone(milestone_id)
        if m is None or done == (m.done is not None):
            return False
        doc = self.editor.document
        with doc.batch("Mark milestone done" if done else "Reopen milestone"):
            ok = doc.edit_item(COLLECTION, milestone_id, None, done=self.clock() if done else None)
        return ok

    def delete_milestone(self, milestone_id: str) -> bool:
        """Delete a milestone (one undo step: Ctrl+Z brings it back)."""
        m = self._milestone(milestone_id)
        if m is None:
            return False
        doc = self.editor.document
        with doc.batch("Delete milestone"):
            ok = doc.remove_item(COLLECTION, milestone_id)
        if ok:
            self.editor.show_status(f"Deleted “{m.title}”. Undo with Ctrl+Z.")
        return ok

    # ----------------------------------------------------------------- helpers
    def _milestone(self, milestone_id: str) -> Milestone | None:
        return next((m for m in self.editor.document.diagram.items(COLLECTION) if m.id == milestone_id), None)

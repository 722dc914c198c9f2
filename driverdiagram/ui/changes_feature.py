"""The Changes panel: what changed since a meeting (`model/diff.py`), against the snapshot
that meeting kept when it started.

Pick the meeting; the list says what was added, removed, reworded or moved, which measures
got new data or a new run-chart signal, which notes were resolved and which milestones
were done or slipped. A click goes to the node; while the panel is open the canvas marks
added nodes green and changed ones blue (removed ones are only in the list: they are not
on the canvas any more). "Print…" exports the PDF with these changes as a section.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..model import Change
from ..model.diff import Difference, changes_since, summary_counts
from .features import DockPlacement, Editor, Feature, Placement
from .meeting_panel import day
from .node_marks import NodeMark, NodeMarks
from .theme import ink
from .wrapped_tree import WrappedTree

ADDED, CHANGED, REMOVED = "#2E7D32", "#1F4E79", "#C00000"
SIGNS = {"added": "+", "removed": "−", "resolved": "✓", "done": "✓", "slipped": "!", "signal": "!"}
GROUPS = {
    "node": "Nodes",
    "link": "Links",
    "measure": "Measures",
    "data": "Data",
    "note": "Notes",
    "milestone": "Milestones",
}


class ChangesPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picker = QComboBox()
        self.picker.setAccessibleName("Changes since the meeting of")
        self.picker.setToolTip("The meeting to compare with (meetings started in meeting mode keep a snapshot)")
        self.print_button = QPushButton("&Print…")
        self.print_button.setAccessibleName("Print the changes…")
        self.print_button.setToolTip("Export a PDF with these changes as a section")
        top = QHBoxLayout()
        since = QLabel("Since")
        since.setBuddy(self.picker)
        top.addWidget(since)
        top.addWidget(self.picker, 1)
        top.addWidget(self.print_button)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.list = WrappedTree()  # a reason is read whole, on as many lines as it needs
        self.list.setAccessibleName("Changes since the meeting")
        self.list.setToolTip("What was added, removed or changed since the meeting: Enter or a click goes to the node")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)

    def show_changes(self, diffs: list[Difference], since: str) -> None:
        self.list.clear()
        self.heading.setText(f"No changes since {since}." if not diffs else f"Since {since}: {summary_counts(diffs)}.")
        groups: dict[str, QTreeWidgetItem] = {}
        for diff in diffs:
            group = groups.get(diff.what)
            if group is None:
                group = groups[diff.what] = self.list.add_group(GROUPS.get(diff.what, diff.what))
            row = self.list.add_row(group, f"{SIGNS.get(diff.change, '~')} {diff.message}")
            row.setData(0, Qt.ItemDataRole.UserRole, diff.node_id)
            colour = ADDED if diff.change == "added" else REMOVED if diff.change == "removed" else CHANGED
            row.setForeground(0, QBrush(ink(colour)))
        self.list.expandAll()


class ChangesFeature(Feature):
    def __init__(self, editor: Editor, marks: NodeMarks) -> None:
        super().__init__(editor)
        self.setObjectName("changes-feature")
        self.marks = marks
        self.print_changes: Callable[[str], object] = lambda _meeting_id: None  # the window wires the export
        self.panel = ChangesPanel()
        self.dock = QDockWidget("Changes", editor.widget())
        self.dock.setObjectName("changes")
        self.dock.setWidget(self.panel)
        self.dock.hide()
        self.act_show = self.action(
            "&Changes Since a Meeting…", self.show_panel, None, "What changed in the diagram since a meeting"
        )
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.panel.picker.currentIndexChanged.connect(lambda _i: None if self._loading else self.refresh())
        self.panel.list.itemClicked.connect(self._clicked)
        self.panel.list.itemActivated.connect(self._clicked)
        self.panel.print_button.clicked.connect(self._print)
        self.shown = False  # the panel is in front (its tab raised, or floating)
        self.dock.visibilityChanged.connect(self._visibility)
        editor.document.changed.connect(self._on_change)
        editor.document.replaced.connect(self._later)

    def placements(self) -> list[Placement]:
        return [Placement("meeting", "review", [self.act_show])]

    def docks(self) -> list[DockPlacement]:
        return [DockPlacement(self.dock, Qt.DockWidgetArea.RightDockWidgetArea, tab_with="gaps")]

    def show_panel(self, meeting_id: str | None = None) -> None:
        self.dock.show()
        self.dock.raise_()
        self.shown = True
        self._fill_picker(meeting_id)
        self.refresh()

    def meeting_id(self) -> str | None:
        return self.panel.picker.currentData()

    def _fill_picker(self, wanted: str | None = None) -> None:
        """Meetings that kept a snapshot, newest first; keeps the one chosen if it is still there."""
        wanted = wanted or self.meeting_id()
        meetings = sorted(
            (m for m in self.editor.document.diagram.items("meetings") if m.snapshot is not None),
            key=lambda m: m.date,
            reverse=True,
        )
        self._loading = True
        try:
            self.panel.picker.clear()
            for m in meetings:
                self.panel.picker.addItem(f"the meeting of {day(m.date)}", m.id)
            ids = [m.id for m in meetings]
            if wanted in ids:
                self.panel.picker.setCurrentIndex(ids.index(wanted))
        finally:
            self._loading = False

    def _on_change(self, change: Change) -> None:
        if "meetings" in change.collections and self.dock.isVisible():
            self._fill_picker()
        self._later()

    def _later(self) -> None:
        if self.shown:
            self._timer.start()

    def _visibility(self, visible: bool) -> None:
        self.shown = visible  # (a tab behind another tab says False here, yet isVisible() stays True)
        if visible:
            self._fill_picker()
            self.refresh()
        else:
            self.marks.set_marks("changes", {})

    def refresh(self) -> None:
        """Compare again with the chosen meeting, list and mark (only while the panel is shown)."""
        if not self.shown:
            self.marks.set_marks("changes", {})
            return
        meeting_id = self.meeting_id()
        d = self.editor.document.diagram
        if meeting_id is None or not any(m.id == meeting_id for m in d.items("meetings")):
            self.panel.list.clear()
            self.panel.heading.setText(
                "No meeting to compare with yet. A meeting started with Meeting ▸ Meeting Mode keeps a snapshot "
                "of the diagram; afterwards this panel lists what changed since."
            )
            self.panel.print_button.setEnabled(False)
            self.marks.set_marks("changes", {})
            return
        diffs = changes_since(d, meeting_id)
        meeting = d.item("meetings", meeting_id)
        self.panel.show_changes(diffs, f"the meeting of {day(meeting.date)}")
        self.panel.print_button.setEnabled(True)
        marks: dict[str, NodeMark] = {}
        for diff in diffs:
            if not diff.node_id or diff.node_id not in d or diff.change == "removed" and diff.what == "node":
                continue
            added = diff.what == "node" and diff.change == "added"
            old = marks.get(diff.node_id)
            tip = (old.tip + "\n" if old else "") + diff.message
            if added or (old is not None and old.colour == ADDED):
                marks[diff.node_id] = NodeMark(ADDED, "new", tip)
            else:
                marks[diff.node_id] = NodeMark(CHANGED, "changed", tip)
        self.marks.set_marks("changes", marks)

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        node_id = item.data(0, Qt.ItemDataRole.UserRole)
        if node_id and node_id in self.editor.document.diagram:
            self.editor.select(node_id)

    def _print(self) -> None:
        if (meeting_id := self.meeting_id()) is not None:
            self.print_changes(meeting_id)

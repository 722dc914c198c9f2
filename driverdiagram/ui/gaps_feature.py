"""The Gaps panel: the gaps a mentor would point at (`model/gaps.py`), listed and marked on
the canvas while the panel is open; a click goes to the node. It is a tab beside Notes.

The list is worked out again after each edit, but only while the panel is shown (and once
per burst of changes: a timer coalesces them), so a hidden panel costs nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QLabel, QTreeWidgetItem, QVBoxLayout, QWidget

from ..model.gaps import RULES, Gap, find_gaps
from .features import DockPlacement, Editor, Feature, Placement
from .node_marks import NodeMark, NodeMarks
from .wrapped_tree import WrappedTree

GAP_COLOUR = "#D35400"  # orange: a gap to look at, not an error


class GapsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.list = WrappedTree()  # a reason is read whole, on as many lines as it needs
        self.list.setAccessibleName("Gaps in the plan")
        self.list.setToolTip("The gaps a mentor would point at, by rule: Enter or a click goes to the node")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        self.gaps: list[Gap] = []

    def show_gaps(self, gaps: list[Gap]) -> None:
        self.gaps = gaps
        self.list.clear()
        self.heading.setText(
            "No gaps found: every rule a mentor would check is met."
            if not gaps
            else f"{len(gaps)} gap{'s' if len(gaps) != 1 else ''} to talk about. Click one to go to it."
        )
        groups: dict[str, QTreeWidgetItem] = {}
        for gap in gaps:
            group = groups.get(gap.rule)
            if group is None:
                group = groups[gap.rule] = self.list.add_group(RULES.get(gap.rule, gap.rule))
            row = self.list.add_row(group, gap.message)
            row.setData(0, Qt.ItemDataRole.UserRole, gap.node_id)
        self.list.expandAll()


class GapsFeature(Feature):
    def __init__(self, editor: Editor, marks: NodeMarks) -> None:
        super().__init__(editor)
        self.setObjectName("gaps-feature")
        self.marks = marks
        self.panel = GapsPanel()
        self.dock = QDockWidget("Gaps", editor.widget())
        self.dock.setObjectName("gaps")
        self.dock.setWidget(self.panel)
        self.act_show = self.action(
            "Find &Gaps", self.show_panel, None, "List the gaps in the plan a mentor would point at"
        )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.panel.list.itemClicked.connect(self._clicked)
        self.panel.list.itemActivated.connect(self._clicked)
        self.shown = False  # the panel is in front (its tab raised, or floating)
        self.dock.visibilityChanged.connect(self._visibility)
        editor.document.changed.connect(lambda _c: self._later())
        editor.document.replaced.connect(self._later)

    def placements(self) -> list[Placement]:
        return [Placement("meeting", "review", [self.act_show])]

    def docks(self) -> list[DockPlacement]:
        return [DockPlacement(self.dock, Qt.DockWidgetArea.RightDockWidgetArea, tab_with="notes")]

    def show_panel(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.shown = True
        self.refresh()

    def _later(self) -> None:
        if self.shown:
            self._timer.start()

    def _visibility(self, visible: bool) -> None:
        self.shown = visible  # (a tab behind another tab says False here, yet isVisible() stays True)
        if visible:
            self.refresh()
        else:
            self.marks.set_marks("gaps", {})

    def refresh(self) -> None:
        """Work the gaps out again, list them and mark their nodes (only while it is shown:
        a tab behind another marks nothing)."""
        if not self.shown:
            self.marks.set_marks("gaps", {})
            return
        gaps = find_gaps(self.editor.document.diagram)
        self.panel.show_gaps(gaps)
        by_node: dict[str, list[str]] = {}
        for gap in gaps:
            if gap.node_id:
                by_node.setdefault(gap.node_id, []).append(gap.message)
        self.marks.set_marks(
            "gaps", {nid: NodeMark(GAP_COLOUR, "gap", "\n".join(msgs), dashed=True) for nid, msgs in by_node.items()}
        )

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        node_id = item.data(0, Qt.ItemDataRole.UserRole)
        if node_id and node_id in self.editor.document.diagram:
            self.editor.select(node_id)

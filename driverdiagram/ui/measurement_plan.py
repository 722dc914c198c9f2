"""The measurement plan: every measure of the diagram in one table, grouped by node.

Sortable by any column (a click on its heading, or "Sort by" from the keyboard); a click or
Enter goes to the measure's node (and shows the measure). Above
the table, the counts per type against the usual framework of a driver diagram (1–2
outcome, 3–5 process, 1–2 balancing measures), so a gap in the plan shows.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ..model import Change
from ..model.measure_report import STATUS_WORDS, measure_report
from .accessible import focus_ring
from .document import Document

FRAMEWORK = {"outcome": (1, 2), "process": (3, 5), "balancing": (1, 2)}  # the usual counts per type
COLUMNS = ("Measure", "Type", "Points", "Latest", "Target", "Status")


def framework_line(counts: dict[str, int]) -> str:
    """ "Outcome 2 (usual 1–2) · Process 5 (3–5) · Balancing 0 (1–2: none yet)"."""
    parts = []
    for kind, (low, high) in FRAMEWORK.items():
        n = counts.get(kind, 0)
        verdict = "" if low <= n <= high else (": none yet" if n == 0 else (": few" if n < low else ": many"))
        parts.append(f"{kind.capitalize()} {n} (usual {low}–{high}{verdict})")
    return " · ".join(parts)


class _Item(QTreeWidgetItem):
    """Sorts numbers as numbers."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        column = self.treeWidget().sortColumn() if self.treeWidget() else 0
        a, b = self.data(column, Qt.ItemDataRole.UserRole), other.data(column, Qt.ItemDataRole.UserRole)
        if isinstance(a, int | float) and isinstance(b, int | float):
            return a < b
        return self.text(column).lower() < other.text(column).lower()


class MeasurementPlan(QWidget):
    def __init__(self, document: Document, go_to: Callable[[str, str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.go_to = go_to  # (node id, measure id)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setSortingEnabled(True)
        self.tree.header().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the diagram's order until a click
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self._chosen)
        self.tree.setAccessibleName("Measurement plan: every measure, by node")
        self.tree.setToolTip("Enter or a click goes to the measure; a click on a column's heading sorts by it")
        focus_ring(self.tree)
        self.tree.itemClicked.connect(self._chosen)
        self.sort_by = QComboBox()  # the headings take no keyboard focus: this sorts from the keyboard
        self.sort_by.addItems(["the diagram's order", *(c.lower() for c in COLUMNS)])
        self.sort_by.setToolTip("Sort the measures by a column, as a click on its heading does")
        self.sort_by.currentIndexChanged.connect(self._sort)
        self.tree.header().sortIndicatorChanged.connect(self._sorted_by_heading)
        sort_label = QLabel("Sort &by")
        sort_label.setBuddy(self.sort_by)
        row = QHBoxLayout()
        row.addWidget(sort_label)
        row.addWidget(self.sort_by, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(row)
        layout.addWidget(self.tree, 1)
        QWidget.setTabOrder(self.sort_by, self.tree)  # as they read: "Sort by" above the table
        self._stale = True
        document.changed.connect(self._on_change)
        document.replaced.connect(self.reload)

    def _on_change(self, change: Change) -> None:
        """Read the plan again only when it may show something else: its measures changed, or
        a node that has measures was edited, removed or put back (its name heads a group)."""
        if "measures" in change.collections:
            self.reload()
        elif change.touches_geometry:
            measured = {m.node_id for m in self.document.diagram.items("measures")}
            if any(i in measured for i in change.ids):
                self.reload()

    def reload(self) -> None:
        """Read every measure (at once when shown, else when the tab is next shown)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self._fill()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _fill(self) -> None:
        rows = measure_report(self.document.diagram)
        counts: dict[str, int] = {}
        for r in rows:
            counts[r["type"]] = counts.get(r["type"], 0) + 1
        self.summary.setText(
            f"{len(rows)} measure{'s' if len(rows) != 1 else ''}: {framework_line(counts)}"
            if rows
            else "No measures yet. A driver with no measure is a gap: select it and press Ctrl+M."
        )
        self.tree.setSortingEnabled(False)
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for r in rows:
            node_id = r["node_id"]
            group = groups.get(node_id)
            if group is None:
                group = groups[node_id] = _Item(self.tree, [r["node"] or "(no node)"])
                group.setData(0, Qt.ItemDataRole.UserRole + 1, (node_id, ""))
                group.setFirstColumnSpanned(True)
            latest = r["latest"]
            item = _Item(
                group,
                [
                    r["name"] or "(no name)",
                    r["type"],
                    str(r["points"]),
                    "—" if latest is None else f"{latest['value']:g} ({latest['date']})",
                    "—" if r["target"] is None else f"{r['target']:g}",
                    STATUS_WORDS[r["status"]],
                ],
            )
            item.setData(2, Qt.ItemDataRole.UserRole, r["points"])
            item.setData(0, Qt.ItemDataRole.UserRole + 1, (node_id, r["id"]))
        self.tree.expandAll()
        self.tree.setSortingEnabled(True)
        for c in range(len(COLUMNS)):
            self.tree.resizeColumnToContents(c)

    def _sort(self, index: int) -> None:
        if index == 0:  # the diagram's order: as read, no column's
            self.tree.header().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            self._fill()
        elif self.tree.header().sortIndicatorSection() != index - 1:
            self.tree.sortItems(index - 1, Qt.SortOrder.AscendingOrder)

    def _sorted_by_heading(self, column: int, _order: Qt.SortOrder) -> None:
        self.sort_by.blockSignals(True)
        self.sort_by.setCurrentIndex(column + 1 if 0 <= column < len(COLUMNS) else 0)
        self.sort_by.blockSignals(False)

    def _chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        where = item.data(0, Qt.ItemDataRole.UserRole + 1)
        if where:
            self.go_to(*where)

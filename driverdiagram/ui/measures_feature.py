"""Measures on nodes: the Measures dock and Insert ▸ Add Measure… (Ctrl+M).

A feature (features.py): the dock follows the selection (`selection_changed`) and the
document; Ctrl+M hangs a new measure on the selected node and puts the cursor in its name.

The dock shares the right side with Details as a tab: the measures of a node (fields, a
data table and a run chart) need the dock's whole height, and so do the details; stacked,
each would get half a screen and scroll. Ctrl+M brings the Measures tab to the front.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QScrollArea

from .features import DockPlacement, Editor, Feature, Placement
from .measurement_plan import MeasurementPlan
from .measures_panel import MeasuresPanel


class MeasuresFeature(Feature):
    def __init__(self, editor: Editor) -> None:
        super().__init__(editor)
        self.setObjectName("measures-feature")
        self.panel = MeasuresPanel(editor.document, status=editor.show_status)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.panel)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.dock = QDockWidget("Measures", editor.widget())
        self.dock.setObjectName("measures")
        self.dock.setWidget(self.scroll)
        self.plan = MeasurementPlan(editor.document, self.go_to)
        self.plan_dock = QDockWidget("Measurement plan", editor.widget())
        self.plan_dock.setObjectName("measurement-plan")
        self.plan_dock.setWidget(self.plan)
        self.act_add = self.action("Add &Measure…", self.add_measure, "Ctrl+M", "Hang a measure on the selected node")
        editor.selection_changed.connect(self._on_selection)  # type: ignore[attr-defined]

    def placements(self) -> list[Placement]:
        return [Placement("insert", "items", [self.act_add])]

    def docks(self) -> list[DockPlacement]:
        right = Qt.DockWidgetArea.RightDockWidgetArea
        return [DockPlacement(self.dock, right, tab_with="details"), DockPlacement(self.plan_dock, right, "measures")]

    def go_to(self, node_id: str, measure_id: str) -> None:
        """From the measurement plan: select the node, and show the measure in the Measures tab."""
        if node_id not in self.editor.document.diagram:
            return
        self.editor.select(node_id)
        self.panel.show_node(node_id)
        if measure_id:
            self.panel.show_measure(measure_id)
        self.dock.show()
        self.dock.raise_()

    # ---------------------------------------------------------------- gestures
    def add_measure(self) -> None:
        """Ctrl+M: a new measure on the selected node, its name ready to type."""
        self.editor.finish_typing()  # a node still being typed in place exists first
        ids = self.editor.selected_ids()
        if len(ids) != 1:
            self.editor.document.refuse(
                "Select one node first, then press Ctrl+M to hang a measure on it."
                if not ids
                else "Select just one node to hang a measure on (several are selected)."
            )
            return
        self.panel.show_node(ids[0])
        self.dock.show()
        self.dock.raise_()
        if self.panel.add():
            self.scroll.ensureWidgetVisible(self.panel.name)

    def _on_selection(self, ids: list[str]) -> None:
        self.panel.show_node(ids[0] if len(ids) == 1 else None)

"""The mentoring compact: the Compact dock (a tab beside Notes) and Plan ▸ Mentoring Compact…

A feature (features.py). The panel (compact_panel.py) edits the compact through the
document's `set_compact` intent, one undo step per typing burst or list gesture; the PDF
prints it with the lines both sign (export/pdf_compact.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QScrollArea

from .compact_panel import CompactPanel
from .features import DockPlacement, Editor, Feature, Placement


class CompactFeature(Feature):
    def __init__(self, editor: Editor) -> None:
        super().__init__(editor)
        self.setObjectName("compact-feature")
        self.panel = CompactPanel(editor.document)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.panel)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.dock = QDockWidget("Compact", editor.widget())
        self.dock.setObjectName("compact")
        self.dock.setWidget(self.scroll)
        self.act_show = self.action(
            "Mentoring &Compact…",
            self.show_panel,
            None,
            "The agreement between mentee and mentor: meetings, expectations, signatures",
        )

    def placements(self) -> list[Placement]:
        return [Placement("plan", "compact", [self.act_show])]

    def docks(self) -> list[DockPlacement]:
        return [DockPlacement(self.dock, Qt.DockWidgetArea.RightDockWidgetArea, tab_with="notes")]

    def show_panel(self) -> None:
        """Bring the Compact tab to the front, ready to type the mentee's name."""
        self.editor.finish_typing()
        self.dock.show()
        self.dock.raise_()
        self.panel.focus_first()

"""The welcome page: what a new launch shows instead of someone else's diagram.

Start a new diagram, open one, open one of the bundled examples (each opens as an untitled
copy), or one of the recent diagrams. The example is never opened unless asked for, so a
new user's first PDF carries their own name, not the example's.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from . import theme
from .recent import recent_entries

if TYPE_CHECKING:
    from .main_window import MainWindow

EXAMPLES = (
    (
        "Personal 3–5 year career plan",
        "career.driver",
        "A mentee's plan to associate professor, with measures and a compact",
    ),
    ("Quality improvement: reducing falls", "qi-falls.driver", "A classic QI driver diagram from a hospital ward"),
)
STYLE = """
QWidget#welcome { background: #FAFAF7; }
QLabel#welcome-title { font-size: 22pt; color: #1F3864; }
QLabel#welcome-lead { font-size: 11pt; color: #404040; }
QLabel.heading { font-size: 11pt; font-weight: bold; color: #1F3864; margin-top: 12px; }
QPushButton { text-align: left; padding: 8px 12px; font-size: 11pt; }
QPushButton#welcome-new { font-weight: bold; }
"""
DARK_STYLE = (  # the same page on a dark screen: the canvas's dark background, light blue titles
    STYLE.replace("#FAFAF7", "#1F2023").replace("#1F3864", "#8CB8E3").replace("#404040", "#C9C9C9")
)


class WelcomePage(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("welcome")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.restyle(theme.current().dark)
        theme.current().changed.connect(self.restyle)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        column = QVBoxLayout()
        column.setSpacing(6)
        title = QLabel("DriverDiagram")
        title.setObjectName("welcome-title")
        lead = QLabel(
            "Plan the next 3–5 years of your career as a driver diagram: the outcome you want, what drives it, "
            "what you will do, and what stands in the way. Share it with your mentor as a PDF."
        )
        lead.setObjectName("welcome-lead")
        lead.setWordWrap(True)
        column.addWidget(title)
        column.addWidget(lead)
        column.addWidget(self._heading("Start"))
        self.new_button = self._button("New diagram  (Ctrl+N)", window.new_blank, "Start with your outcome (aim)")
        self.new_button.setObjectName("welcome-new")
        self.open_button = self._button("Open a diagram…  (Ctrl+O)", window.open_dialog, "Open a .driver file")
        self.import_button = self._button(
            "Import a CSV or an outline…  (Ctrl+Shift+I)",
            window.import_dialog,
            "Bring in a FreeSPC driver-diagram CSV, or a Markdown or plain outline, as a new diagram",
        )
        column.addWidget(self.new_button)
        column.addWidget(self.open_button)
        column.addWidget(self.import_button)
        from ..resources.template_list import TEMPLATES

        column.addWidget(self._heading("Start from a template (with [placeholders] to fill in)"))
        self.template_buttons = []
        for template in TEMPLATES:
            button = self._button(
                template.title, lambda _=False, t=template: window.new_from_filled_template(t), template.description
            )
            self.template_buttons.append(button)
            column.addWidget(button)
        column.addWidget(self._heading("Examples (open as untitled copies)"))
        self.example_buttons = []
        for title_text, name, tip in EXAMPLES:
            button = self._button(title_text, lambda _=False, n=name, t=title_text: window.new_from_template(n, t), tip)
            self.example_buttons.append(button)
            column.addWidget(button)
        column.addWidget(self._heading("Recent diagrams"))
        self.recent_box = QVBoxLayout()
        column.addLayout(self.recent_box)
        column.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 3)
        outer.addStretch(1)
        self.recent_buttons: list[QPushButton] = []
        self.refresh()

    def restyle(self, dark: bool) -> None:
        """The page in the colour scheme (again when it switches)."""
        self.setStyleSheet(DARK_STYLE if dark else STYLE)

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setProperty("class", "heading")
        return label

    def _button(self, text: str, slot, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.clicked.connect(lambda _=False: slot())
        return button

    def refresh(self) -> None:
        """List the recent diagrams that still exist (the folder shown when names repeat)."""
        for button in self.recent_buttons:
            button.deleteLater()
        self.recent_buttons = []
        while self.recent_box.count():
            item = self.recent_box.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        entries = recent_entries()
        if not entries:
            self.recent_box.addWidget(QLabel("None yet: the diagrams you open and save appear here."))
        for label, path in entries:
            button = self._button(label, lambda p=path: self.window_.open_path(Path(p)), path)
            self.recent_buttons.append(button)
            self.recent_box.addWidget(button)

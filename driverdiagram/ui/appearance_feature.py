"""View ▸ Appearance: follow the desktop's colour scheme (the default), or always light or
dark (theme.py does it; the choice is remembered under "appearance/scheme")."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from . import theme
from .features import Editor, Feature, Placement

CHOICES = (
    ("system", "Follow the &System", "Light or dark as the desktop is, and switch with it"),
    ("light", "&Light", "Always light"),
    ("dark", "&Dark", "Always dark (the PDF stays as it prints: light)"),
)


class AppearanceFeature(Feature):
    def __init__(self, editor: Editor) -> None:
        super().__init__(editor)
        theme.current()  # (applied at start-up already where the app is made; else from now on)
        self.menu = QMenu("Appea&rance", editor.widget())  # (&Actual Size has the A)
        self.menu.setObjectName("appearance-menu")
        group = QActionGroup(self.menu)
        group.setExclusive(True)
        self.choices: dict[str, QAction] = {}
        for value, text, tip in CHOICES:
            act = QAction(text, self.menu)
            act.setCheckable(True)
            act.setStatusTip(tip)
            act.triggered.connect(lambda _=False, v=value: self.choose(v))
            group.addAction(act)
            self.menu.addAction(act)
            self.choices[value] = act
        self._show_choice()

    def choose(self, value: str) -> None:
        theme.set_choice(value)
        self._show_choice()
        if theme.choice() != value:  # the environment forces one
            self.editor.show_status(f"{theme.ENV} is set: the app stays {theme.choice()} until it is unset")

    def _show_choice(self) -> None:
        self.choices[theme.choice()].setChecked(True)

    def placements(self) -> list[Placement]:
        return [Placement("view", "views", [None, self.menu.menuAction()])]

    def set_editing(self, on: bool) -> None:
        """The look is the app's, not the diagram's: the choices stay on the welcome page too."""

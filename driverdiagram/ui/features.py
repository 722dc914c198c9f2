"""The seam between the window and each feature (export, and the panels to come).

A feature is a small object that owns its actions and widgets and says where they go:
which menu and which section of it, which toolbar group, which dock. The window places
them (`MainWindow.install`); a feature never looks for a menu by index or an action by its
text, and reaches the editor only through `Editor` below — never into the canvas.

    class MeasuresFeature(Feature):
        def __init__(self, editor: Editor) -> None:
            super().__init__(editor)
            self.act_add = self.action("Add &Measure…", self.add_measure, "Ctrl+M", "Hang a measure on the node")

        def placements(self) -> list[Placement]:
            return [Placement("insert", "items", [self.act_add])]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QWidget

if TYPE_CHECKING:
    from ..layout import LayoutOptions
    from .document import Document

# The window's menus and, in each, its sections in order: a feature names one of these.
MENUS: dict[str, tuple[str, ...]] = {
    "file": ("new", "open", "save", "share", "quit"),
    "edit": ("undo", "clipboard", "node", "arrange"),
    "view": ("zoom", "views", "panels"),
    "insert": ("nodes", "items"),
    "plan": ("details", "people", "milestones", "parking", "compact"),
    "meeting": ("mode", "record", "review"),
    "help": ("help",),
}
TOOLBAR_GROUPS = ("file", "history", "nodes", "arrange", "view", "meeting")


class Editor(Protocol):
    """What the window offers a feature: the document, the selection, the view, messages.
    (The window also has a `selection_changed(list[str])` signal, the selected node ids.)"""

    @property
    def document(self) -> Document: ...

    def widget(self) -> QWidget:
        """The parent for dialogs."""

    def selected_ids(self) -> list[str]:
        """The selected nodes, in reading order."""

    def select(self, node_id: str | None) -> None:
        """Select one node on the canvas (and scroll it into view)."""

    def view_options(self) -> tuple[str, LayoutOptions]:
        """The canvas's view ("columns" or "force_field") and layout options, for paper."""

    def finish_typing(self) -> None:
        """Commit text still being typed in place, so an export or a save includes it."""

    def set_large_text(self, on: bool, zoom: float) -> float:
        """Larger canvas text for a shared screen (`zoom` times), or back to `zoom`; the zoom before."""

    def show_status(self, text: str, ms: int = 8000) -> None:
        """A message in the status bar for `ms` milliseconds."""

    def busy(self, message: str) -> QObject:
        """A context manager: wait cursor and a status message while something slow runs."""


@dataclass
class DockPlacement:
    """Where a feature's dock goes: a side of the window, and optionally as a tab beside
    another dock (by its object name, e.g. "details"). The user's own arrangement, saved
    with the window, wins over this on the next start."""

    dock: QDockWidget
    area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea
    tab_with: str = ""


@dataclass
class Placement:
    """Where a feature's actions go: `menu` and `section` from MENUS (None in the list: a
    separator), or a toolbar group from TOOLBAR_GROUPS when `toolbar` is set."""

    menu: str
    section: str
    actions: Sequence[QAction | None] = field(default_factory=list)
    toolbar: bool = False


class Feature(QObject):
    """Base for a feature: makes its actions and lists where they go."""

    def __init__(self, editor: Editor) -> None:
        super().__init__(editor.widget())
        self.editor = editor
        self._actions: list[QAction] = []
        self._docks_shown: dict[QDockWidget, bool] = {}
        self._edited = False  # has a diagram been shown yet (before that, docks count as visible)

    def action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        """An action of the window (its shortcut works anywhere in the window)."""
        action = QAction(text, self.editor.widget())
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _=False: slot())
        self.editor.widget().addAction(action)
        self._actions.append(action)
        return action

    def placements(self) -> list[Placement]:
        """Where this feature's actions go in the menus and the toolbar."""
        return []

    def docks(self) -> list[DockPlacement]:
        """Panels this feature adds beside the canvas."""
        return []

    def set_editing(self, on: bool) -> None:
        """A diagram is open (True) or the welcome page is shown (False): the window calls
        this. By default the feature's actions are enabled with it, and its docks rest on
        the welcome page (coming back as they were)."""
        for action in self._actions:
            action.setEnabled(on)
        for placed in self.docks():
            dock = placed.dock
            if not on:
                if dock not in self._docks_shown:  # a launch on the welcome page: shown by default
                    # a dock put away on purpose (the Plan panels, the outline) stays away
                    explicit = dock.isHidden() and dock.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
                    self._docks_shown[dock] = not dock.isHidden() or (not self._edited and not explicit)
                dock.hide()
            elif dock in self._docks_shown:
                dock.setVisible(self._docks_shown.pop(dock))
        if on:
            self._edited = True

"""The Outline dock (View ▸ Outline, Ctrl+Shift+O): the diagram as an indented list on the
left, in step with the canvas, where the whole diagram can be built and edited with the
keyboard alone, and what a screen reader reads (see outline_view.py).

A feature (features.py). View ▸ Outline shows the dock *and* puts the keyboard in it, so a
keyboard user reaches it in one key; pressed again while the outline has the keys, it puts
the dock away and gives the keys back to the diagram. (The dock's own show/hide action,
which the window would list in View ▸ panels too, is left out of the menu: one entry.)
The dock starts put away, as the Plan panels do; the window brings back the user's own
arrangement. The tree is made when the dock is first shown (a launch does not wait for it);
while it is hidden it does not follow the model (it catches up when shown).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from . import theme
from .features import DockPlacement, Editor, Feature, Placement

if TYPE_CHECKING:
    from .outline_view import OutlineTree


class OutlineFeature(Feature):
    def __init__(self, editor: Editor) -> None:
        super().__init__(editor)
        self.setObjectName("outline-feature")
        self._tree: OutlineTree | None = None  # made when the dock is first shown (a launch does not wait for it)
        self._on_typed: list[Callable[[], object]] = []
        self.dock = QDockWidget("Outline", editor.widget())
        self.dock.setObjectName("outline")
        self.dock.hide()  # shown when asked for (View ▸ Outline); the user's own arrangement is restored
        self.dock.visibilityChanged.connect(self._shown)
        self.act_show = self.action(
            "O&utline",  # (Zoom &Out has the O)
            self.show_outline,
            "Ctrl+Shift+O",
            "The diagram as an indented list: build and edit it with the keyboard (Tab, Enter, F2, Delete)",
        )
        self.act_show.setCheckable(True)
        toggle = self.dock.toggleViewAction()
        toggle.setVisible(False)  # View ▸ Outline is act_show
        toggle.toggled.connect(self.act_show.setChecked)

    @property
    def tree(self) -> OutlineTree:
        """The outline's tree, made on first use: it follows the canvas's selection, the document
        and the colour scheme from then on (and reads the whole diagram when it is made)."""
        if self._tree is None:
            from .outline_view import OutlineTree

            tree = self._tree = OutlineTree(self.editor)
            self.dock.setWidget(tree)
            self.dock.setFocusProxy(tree)
            self.editor.selection_changed.connect(tree.follow)  # type: ignore[attr-defined]
            theme.current().changed.connect(tree.restyle)
            for callback in self._on_typed:
                tree.row_delegate.typed.connect(callback)
            tree.follow(self.editor.selected_ids())
        return self._tree

    def when_typed(self, callback: Callable[[], object]) -> None:
        """Call `callback` at each key typed into a row (autosave keeps the text so far)."""
        self._on_typed.append(callback)
        if self._tree is not None:
            self._tree.row_delegate.typed.connect(callback)

    def _shown(self, visible: bool) -> None:
        if visible:
            self.tree  # noqa: B018 (made now: the dock shows it)

    def placements(self) -> list[Placement]:
        return [Placement("view", "panels", [self.act_show])]

    def docks(self) -> list[DockPlacement]:
        return [DockPlacement(self.dock, Qt.DockWidgetArea.LeftDockWidgetArea)]

    def show_outline(self) -> None:
        """Show the outline and give it the keys; when it has them already, put it away."""
        if self.dock.isVisible() and self.tree.hasFocus():
            self.dock.hide()
            self.tree.back_to_canvas()
        else:
            self.dock.show()
            self.dock.raise_()
            self.tree.take_focus()
        self.act_show.setChecked(not self.dock.isHidden())

    def finish_typing(self) -> None:
        """Commit the text being typed in the outline, if any (before a save or an export)."""
        if self._tree is not None:
            self._tree.finish_typing()

    def typing_text(self) -> tuple[str, str] | None:
        """The node being typed in the outline and its text so far (for autosave), or None."""
        return self._tree.typing if self._tree is not None else None

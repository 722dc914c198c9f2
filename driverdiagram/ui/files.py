"""The window's file workflow: new, templates, open, recent, save, revert, drop, close.

Rules kept here: a diagram is bound to the file it came from (or will be saved to); a file
that fails to load is never bound, so it cannot be overwritten; replacing or closing a
modified diagram asks Save / Discard / Cancel; a clean close forgets the recovery file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..resources import resource
from . import dialogs, recent

if TYPE_CHECKING:  # the model is imported when the editor is built, not for the first paint
    from ..model import Diagram

FILE_FILTER = "Driver diagrams (*.driver);;All files (*)"


class FilesMixin:
    """File operations of `MainWindow` (which provides document, canvas, autosaver)."""

    def show_diagram(self, diagram: Diagram, path: Path | None, *, modified: bool = False) -> None:
        self.document.replace(diagram, path, modified=modified)
        self.show_editor()
        self.canvas.fit()
        self.canvas.select(diagram.outcome.id, visible=False)
        if path is not None and not modified:
            self._remember(path)

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current diagram (saved, discarded, or unchanged)."""
        if not self.editor_ready or not self.document.modified:
            return True
        answer = dialogs.warning(
            self,
            "Unsaved changes",
            f"Save the changes to {self.document.name} before closing it?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.autosaver.remove()
            return True
        return False

    def new_blank(self) -> None:
        self.build_editor()
        from ..model import Diagram

        if self.maybe_save():
            self.show_diagram(Diagram.new(), None)
            self.canvas.edit(self.document.diagram.outcome.id, initial="")

    def new_from_template(self, name: str | None, title: str) -> None:
        self.build_editor()
        from ..model import DiagramError, loads

        if not self.maybe_save():
            return
        if name is None:
            self.new_blank()
            return
        try:
            diagram = loads(resource("examples", name).read_bytes(), source=name)
        except (OSError, DiagramError) as e:
            dialogs.critical(self, "Template unavailable", f"{title} could not be opened: {e}")
            return
        self.show_diagram(diagram, None)

    def open_path(self, path: str | Path, *, create: bool = False) -> bool:
        """Open `path`; when it does not exist and `create` is set, a new diagram bound to it."""
        self.build_editor()
        from ..model import Diagram, DiagramError, load

        p = Path(path).expanduser().absolute()
        if not self.maybe_save():
            return False
        if create and not p.exists():
            self.show_diagram(Diagram.new(), p)
            self.statusBar().showMessage(f"New diagram — Ctrl+S saves it to {p}. Type your outcome (aim).", 15000)
            self.canvas.edit(self.document.diagram.outcome.id, initial="")
            return True
        try:
            diagram = load(p)
        except DiagramError as e:
            dialogs.critical(self, "Could not open the diagram", f"{e}\n\nThe file was not changed.")
            return False
        self.show_diagram(diagram, p)
        return True

    def open_dialog(self) -> None:
        self.build_editor()
        start = str(self.document.path.parent if self.document.path else Path.home())
        name, _ = QFileDialog.getOpenFileName(self, "Open a driver diagram", start, FILE_FILTER)
        if name:
            self.open_path(name)

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        start = str(self.document.path or Path.home() / "My driver diagram.driver")
        name, _ = QFileDialog.getSaveFileName(self, "Save the driver diagram", start, FILE_FILTER)
        if not name:
            return False
        p = Path(name)
        return self._save_to(p if p.suffix else p.with_suffix(".driver"))

    def _save_to(self, path: Path) -> bool:
        from ..model import DiagramError

        self.finish_typing()
        try:
            self.document.save_to(path)
        except DiagramError as e:
            dialogs.critical(self, "Could not save", f"{e}\n\nYour diagram is still open; try Save As.")
            return False
        self._remember(path)
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    def revert(self) -> None:
        if self.document.path is None or not self.document.modified:
            self.statusBar().showMessage("Nothing to revert: the diagram is as saved.", 5000)
            return
        from ..model import DiagramError

        answer = dialogs.question(
            self, "Revert", f"Discard your changes and go back to the saved {self.document.name}?"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.document.reload()
        except DiagramError as e:
            dialogs.critical(self, "Could not revert", f"{e}\n\nYour changes are still here.")

    def _remember(self, path: Path) -> None:
        recent.remember(path)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        self.recent_menu.setToolTipsVisible(True)
        entries = recent.recent_entries()
        for label, p in entries:
            self.recent_menu.addAction(label, lambda p=p: self.open_path(p)).setToolTip(p)
        if not entries:
            self.recent_menu.addAction("No recent diagrams").setEnabled(False)

    def dragEnterEvent(self, e: QDragEnterEvent) -> None:
        if any(u.isLocalFile() and u.toLocalFile().endswith(".driver") for u in e.mimeData().urls()):
            e.acceptProposedAction()

    def dropEvent(self, e: QDropEvent) -> None:
        for url in e.mimeData().urls():
            if isinstance(url, QUrl) and url.isLocalFile() and url.toLocalFile().endswith(".driver"):
                e.acceptProposedAction()
                self.open_path(url.toLocalFile())
                return

    def closeEvent(self, e: QCloseEvent) -> None:
        if self.editor_ready:
            self.finish_typing()
        if self.maybe_save():
            if self.editor_ready:
                self.autosaver.remove()
            settings = QSettings()
            settings.setValue("window/geometry", self.saveGeometry())
            settings.setValue("window/state", self.saveState())
            e.accept()
        else:
            e.ignore()

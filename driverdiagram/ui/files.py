"""The window's file workflow: new, templates, open, import, recent, save, revert, drop, close.

Rules kept here: a diagram is bound to the file it came from (or will be saved to); a file
that fails to load is never bound, so it cannot be overwritten; replacing or closing a
modified diagram asks Save / Discard / Cancel; a clean close forgets the recovery file; a
file open in one window of the app is not opened in another (that window comes to the front).
"""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QSettings, QUrl
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..resources import resource
from . import dialogs, recent
from .binding import DiskState, Fingerprint, try_lock
from .open_windows import bring_to_front, same_file, window_with

if TYPE_CHECKING:  # the model is imported when the editor is built, not for the first paint
    from ..model import Diagram

FILE_FILTER = "Driver diagrams (*.driver);;All files (*)"
IMPORT_FILTER = (
    "Diagrams and outlines (*.csv *.md *.markdown *.txt *.graphml *.driver);;FreeSPC driver-diagram CSV (*.csv);;"
    "Markdown or plain outlines (*.md *.markdown *.txt);;GraphML graphs (*.graphml);;All files (*)"
)
IMPORTED = (".csv", ".md", ".markdown", ".txt", ".graphml")  # dropped on the window: imported into a new diagram


def writable(path: Path) -> bool:
    """Whether the user may write `path`: its permission bits, even for root (who may write
    anything: a file someone made read-only is respected all the same)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return True  # a new file
    return bool(mode & 0o222) and os.access(path, os.W_OK)


class FilesMixin:
    """File operations of `MainWindow` (which provides document, canvas, autosaver, binding)."""

    def show_diagram(
        self,
        diagram: Diagram,
        path: Path | None,
        *,
        modified: bool = False,
        fingerprint: Fingerprint | None = None,
        lock: QLockFile | None = None,
        read_only: bool = False,
    ) -> None:
        self.document.replace(diagram, path, modified=modified)
        if path is not None and fingerprint is None and lock is None:  # e.g. restored after a crash
            lock, _holder = try_lock(path)
            fingerprint = Fingerprint.of(path)
        self.binding.bind(path, fingerprint, lock, read_only=read_only)
        self.show_editor()
        self._refresh_title()
        self.canvas.fit()
        self.canvas.select(diagram.outcome.id, visible=False)
        if path is not None and not modified:
            self._remember(path)
        # The diagram just opened lives as long as the window shows it: keep the collector from
        # walking its ~100,000 objects again and again during editing (100-200 ms pauses at 2,000 nodes).
        gc.collect()
        gc.freeze()

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

        if name is None:
            self.new_blank()  # (it asks about unsaved changes itself: once)
            return
        if not self.maybe_save():
            return
        try:
            diagram = loads(resource("examples", name).read_bytes(), source=name)
        except (OSError, DiagramError) as e:
            dialogs.critical(self, "Template unavailable", f"{title} could not be opened: {e}")
            return
        self.show_diagram(diagram, None)

    def new_from_filled_template(self, template) -> None:  # a model.templates.Template
        """A template of resources/templates/ as a new, untitled diagram started today."""
        self.build_editor()
        from ..model import DiagramError
        from ..model.templates import from_template

        if not self.maybe_save():
            return
        try:
            diagram = from_template(template)
        except (OSError, DiagramError) as e:
            dialogs.critical(self, "Template unavailable", f"{template.title} could not be opened: {e}")
            return
        self.show_diagram(diagram, None)
        self.statusBar().showMessage(
            f"New diagram from “{template.title}”: replace the [placeholders] with your own words.", 15000
        )

    def open_path(self, path: str | Path, *, create: bool = False) -> bool:
        """Open `path`; when it does not exist and `create` is set, a new diagram bound to it."""
        self.build_editor()
        from ..model import Diagram, DiagramError, load

        p = Path(path).expanduser().absolute()
        other = window_with(p, besides=self)
        if other is not None:  # open in another window of this app: that one comes to the front
            bring_to_front(other)
            other.statusBar().showMessage(f"{p.name} is open in this window.", 8000)
            return False
        here = not self.on_welcome and self.binding.path is not None and same_file(self.binding.path, p)
        if here and not self.document.modified:
            self.statusBar().showMessage(f"{p.name} is open in this window.", 8000)
            return True
        if not self.maybe_save():
            return False
        if here:  # read it again from disk: this window's own lock is no reason to ask
            self.binding.release()
        lock, holder = try_lock(p) if p.parent.is_dir() else (None, None)
        read_only = False
        if holder is not None:
            choice = dialogs.choose(
                self,
                QMessageBox.Icon.Warning,
                "Already open",
                f"{p.name} is already open in {holder.describe()}.\n\n"
                "Two windows saving the same file would overwrite each other's changes. Open it read-only "
                "(Save As keeps your changes in another file), open it anyway, or cancel?",
                ["Open Read-Only", "Open Anyway", "Cancel"],
            )
            if choice not in (0, 1):
                return False
            read_only = choice == 0
        if create and not p.exists():
            self.show_diagram(Diagram.new(), p, lock=lock, read_only=read_only)
            self.statusBar().showMessage(f"New diagram — Ctrl+S saves it to {p}. Type your outcome (aim).", 15000)
            self.canvas.edit(self.document.diagram.outcome.id, initial="")
            return True
        fingerprint = Fingerprint.of(p)
        try:
            diagram = load(p)
        except DiagramError as e:
            if lock is not None:
                lock.unlock()
            dialogs.critical(self, "Could not open the diagram", f"{e}\n\nThe file was not changed.")
            return False
        self.show_diagram(diagram, p, fingerprint=fingerprint, lock=lock, read_only=read_only)
        if read_only or not writable(p):
            self.statusBar().showMessage(f"{p.name} is open read-only: Save As keeps your changes.", 15000)
        return True

    def import_dialog(self) -> None:
        self.build_editor()
        start = str(self.document.path.parent if self.document.path else Path.home())
        name, _ = QFileDialog.getOpenFileName(self, "Import a diagram or an outline", start, IMPORT_FILTER)
        if name:
            self.import_path(name)

    def import_path(self, path: str | Path) -> bool:
        """A FreeSPC CSV, an outline (or a .driver file) read into a new, unsaved diagram: the
        file itself is only read, and saving asks for a new name."""
        self.build_editor()
        from ..export import formats
        from ..model import DiagramError

        p = Path(path)
        if not self.maybe_save():
            return False
        try:
            with self.busy(f"Importing {p.name}…"):
                opened = formats.read(p)
        except DiagramError as e:
            dialogs.critical(self, "Could not import", f"{e}\n\nNothing was changed.")
            return False
        self.show_diagram(opened.diagram, None, modified=True)
        self.statusBar().showMessage(f"Imported {p.name} ({opened.what}) — Ctrl+S saves it as a new diagram.", 15000)
        if opened.warnings:
            dialogs.warning(
                self,
                "Imported, with notes",
                f"{p.name} was imported. Please note:\n\n" + "\n".join(f"• {w}" for w in opened.warnings),
            )
        return True

    def open_dialog(self) -> None:
        self.build_editor()
        start = str(self.document.path.parent if self.document.path else Path.home())
        name, _ = QFileDialog.getOpenFileName(self, "Open a driver diagram", start, FILE_FILTER)
        if name:
            self.open_path(name)

    def save(self) -> bool:
        path = self.document.path
        if path is None:
            return self.save_as()
        why = None
        if self.binding.read_only:
            why = f"{path.name} is open read-only here, because another window has it open."
        elif path.exists() and not writable(path):
            why = f"{path.name} is a read-only file."
        if why is not None:
            answer = dialogs.information(
                self,
                "Read-only",
                f"{why}\n\nSave your changes under another name?",
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            return self.save_as() if answer == QMessageBox.StandardButton.Save else False
        return self._save_to(path)

    def save_as(self) -> bool:
        start = str(self.document.path or Path.home() / "My driver diagram.driver")
        name, _ = QFileDialog.getSaveFileName(self, "Save the driver diagram", start, FILE_FILTER)
        if not name:
            return False
        p = Path(name)
        p = p if p.suffix else p.with_suffix(".driver")
        if p.exists() and not writable(p):
            dialogs.warning(self, "Read-only", f"{p.name} is a read-only file; choose another name.")
            return self.save_as()
        return self._save_to(p)

    def _save_to(self, path: Path) -> bool:
        from ..model import DiagramError

        self.finish_typing()
        lock, force = None, False
        if path == self.binding.path:
            go = self._may_overwrite(path)
            if go is None:  # saved under another name, reloaded, or cancelled
                return not self.document.modified
            if not go:
                return False
        else:
            from ..model.safe_io import output_refusal

            lock, holder = try_lock(path) if path.parent.is_dir() else (None, None)
            if holder is not None:
                dialogs.warning(
                    self,
                    "Already open",
                    f"{path.name} is open in {holder.describe()}; saving over it there would lose its "
                    "changes. Choose another name.",
                )
                return False
            refusal = output_refusal(path, kind="diagram")
            if refusal is not None and refusal.forceable:
                if not dialogs.confirm_replace(self, path.name, refusal.reason, "your diagram"):
                    if lock is not None:
                        lock.unlock()
                    return False
                force = True
        try:
            self.document.save_to(path, force=force)
        except DiagramError as e:
            if lock is not None:
                lock.unlock()
            dialogs.critical(self, "Could not save", f"{e}\n\nYour diagram is still open; try Save As.")
            return False
        self.binding.saved(path, lock)
        self._refresh_title()
        self._remember(path)
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    def _may_overwrite(self, path: Path) -> bool | None:
        """Before saving over the bound file: it must be as we loaded or last saved it, or the
        user says what to do. True: write it; False: cancel; None: handled another way."""
        state = self.binding.disk_state()
        if state is DiskState.SAME:
            return True
        if state is DiskState.MISSING:
            choice = dialogs.choose(
                self,
                QMessageBox.Icon.Warning,
                "File gone",
                f"{path.name} was deleted or moved away since it was opened.\n\nSave your diagram there again, "
                "or under another name?",
                ["Save Again", "Save As…", "Cancel"],
            )
            if choice == 1:
                self.save_as()
                return None
            return choice == 0
        choice = dialogs.choose(
            self,
            QMessageBox.Icon.Warning,
            "Changed by another program",
            f"{path.name} was changed by another program since you opened or last saved it.\n\n"
            "Overwrite it with your version (theirs is lost), save yours under another name, or discard "
            "yours and reload theirs?",
            ["Save As…", "Overwrite", "Discard Mine and Reload", "Cancel"],
        )
        if choice == 0:
            self.save_as()
            return None
        if choice == 2:
            self._reload_from_disk()
            return None
        return choice == 1

    def _reload_from_disk(self) -> bool:
        from ..model import DiagramError, load

        path = self.binding.path
        if path is None:
            return False
        fingerprint = Fingerprint.of(path)
        try:
            diagram = load(path)
        except DiagramError as e:
            dialogs.critical(self, "Could not reload", f"{e}\n\nYour diagram is still here, as it was.")
            return False
        self.autosaver.remove()
        self.document.replace(diagram, path)
        self.binding.bind(path, fingerprint, None, read_only=self.binding.read_only)
        self.canvas.select(diagram.outcome.id, visible=False)
        self.statusBar().showMessage(f"Reloaded {path.name} as it is on disk.", 8000)
        return True

    def _changed_on_disk(self) -> None:
        """Another program wrote (or removed) the open file."""
        path = self.binding.path
        if path is None:
            return
        if self.binding.disk_state() is DiskState.MISSING:
            self.statusBar().showMessage(f"{path.name} was deleted or moved away; Save writes it again.", 15000)
            return
        if self.document.modified:
            self.statusBar().showMessage(
                f"{path.name} was changed by another program; you will be asked before anything is overwritten.",
                15000,
            )
            return
        answer = dialogs.question(
            self,
            "Changed by another program",
            f"{path.name} was changed by another program. Reload it? (You have no unsaved changes.)",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._reload_from_disk()

    def revert(self) -> None:
        if self.document.path is None or not self.document.modified:
            self.statusBar().showMessage("Nothing to revert: the diagram is as saved.", 5000)
            return
        answer = dialogs.question(
            self, "Revert", f"Discard your changes and go back to the saved {self.document.name}?"
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._reload_from_disk()

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
        wanted = (".driver", *IMPORTED)
        if any(u.isLocalFile() and u.toLocalFile().lower().endswith(wanted) for u in e.mimeData().urls()):
            e.acceptProposedAction()

    def dropEvent(self, e: QDropEvent) -> None:
        """A .driver file opens; a CSV or an outline is imported into a new diagram."""
        for url in e.mimeData().urls():
            if not (isinstance(url, QUrl) and url.isLocalFile()):
                continue
            name = url.toLocalFile()
            if name.lower().endswith(".driver"):
                e.acceptProposedAction()
                self.open_path(name)
                return
            if name.lower().endswith(IMPORTED):
                e.acceptProposedAction()
                self.import_path(name)
                return

    def closeEvent(self, e: QCloseEvent) -> None:
        if self.editor_ready:
            self.finish_typing()
        if self.maybe_save():
            if self.editor_ready:
                self.autosaver.remove()
                self.binding.release()
            settings = QSettings()
            settings.setValue("window/geometry", self.saveGeometry())
            settings.setValue("window/state", self.saveState())
            e.accept()
        else:
            e.ignore()

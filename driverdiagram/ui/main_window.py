"""The main window: canvas in the middle, details on the right, menus, toolbar, status bar.

The window's actions, menus (named sections, features.MENUS), toolbar and the placing of
what each feature contributes (`install`) are in window_actions.py; the edit and view
commands live here, the file workflow
(and its rules for never losing work) in files.py, export and printing in export_actions.py,
the welcome page in welcome.py. It is also the `Editor` that features talk to.

Two steps, so a launch paints at once: the window's chrome and the welcome page need only
Qt; `build_editor()` imports the model, layout and canvas and builds the rest. A launch
without a file builds the editor right after the first paint (`MainWindow(deferred=True)`);
everything else builds it at once, and every door to a diagram builds it first.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from .features import Feature
from .files import FilesMixin
from .welcome import WelcomePage
from .window_actions import ActionsMixin
from .window_commands import CommandsMixin, _cap

if TYPE_CHECKING:
    from ..layout import LayoutOptions
    from .canvas import Canvas
    from .document import Document
    from .panel import DetailsPanel
    from .recovery import Autosaver

REFUSAL_MS = 8000  # a refusal stays this long in the status bar, whatever else happens


class MainWindow(ActionsMixin, CommandsMixin, FilesMixin, QMainWindow):
    selection_changed = Signal(list)  # the selected node ids (for features: see features.Editor)
    canvas: Canvas
    panel: DetailsPanel
    autosaver: Autosaver
    details: QDockWidget

    def __init__(self, *, autosave_folder: Path | None = None, deferred: bool = False) -> None:
        super().__init__()
        self._autosave_folder = autosave_folder
        self.editor_ready = False
        self.on_welcome = False  # the welcome page is showing (or will, once the editor is built)
        self.welcome = WelcomePage(self)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.setCentralWidget(self.pages)
        self.hint = QLabel()  # what the keys do here; a refusal or a result shows over it for a while
        self.statusBar().addWidget(self.hint, 1)
        self.features: list[Feature] = []
        self._details_were_visible = True
        self._make_menus()
        self.resize(1280, 800)
        geometry = QSettings().value("window/geometry")
        if geometry:
            self.restoreGeometry(geometry)
        self.setWindowTitle("DriverDiagram")
        if not deferred:
            self.build_editor()

    def build_editor(self) -> None:
        """Import the model, layout and canvas and build the editor (once)."""
        if self.editor_ready:
            return
        from . import announcements
        from .accessible import focus_ring
        from .appearance_feature import AppearanceFeature
        from .binding import FileBinding
        from .canvas import Canvas
        from .changes_feature import ChangesFeature
        from .compact_feature import CompactFeature
        from .details_dialog import DiagramDetails
        from .document import Document
        from .export_actions import ExportActions
        from .gaps_feature import GapsFeature
        from .interchange import ExportOther
        from .measures_feature import MeasuresFeature
        from .meeting_feature import MeetingFeature
        from .merge_notes import MergeNotes
        from .milestones_feature import MilestonesFeature
        from .network_feature import NetworkFeature
        from .node_marks import NodeMarks
        from .notes_feature import NotesFeature
        from .outline_feature import OutlineFeature
        from .panel import DetailsPanel
        from .parking_feature import ParkingFeature
        from .recovery import Autosaver

        self.editor_ready = True
        self._document = Document(parent=self)
        self.canvas = Canvas(self._document)
        announcements.name_canvas(self.canvas)
        focus_ring(self.canvas, keyboard_only=True)
        self.pages.addWidget(self.canvas)
        self.panel = DetailsPanel(self._document)
        scroll = QScrollArea()
        scroll.setWidget(self.panel)
        scroll.setWidgetResizable(True)
        self.details = QDockWidget("Details", self)
        self.details.setObjectName("details")
        self.details.setWidget(scroll)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.details)
        self.binding = FileBinding(self)
        self.binding.changed_on_disk.connect(self._changed_on_disk)
        self.autosaver = Autosaver(self._document, self._autosave_folder, typing=self._typing_text)
        self.canvas.editor.textChanged.connect(self.autosaver.poke)
        self.autosave_warning = QLabel()
        self.autosave_warning.setStyleSheet("color: #B00020; font-weight: bold;")
        self.autosave_warning.hide()
        self.statusBar().addPermanentWidget(self.autosave_warning)
        self.autosaver.failed.connect(self._autosave_failed)
        self.autosaver.succeeded.connect(self.autosave_warning.hide)
        self.setAcceptDrops(True)
        self._make_actions()
        self._place_actions()
        self._make_toolbar()
        self.export = self.install(ExportActions(self))
        self.export_other = self.install(ExportOther(self))
        self.install(MeasuresFeature(self))
        self.notes = self.install(NotesFeature(self))
        self.marks = NodeMarks(self.canvas.diagram_scene, self._document)  # after the canvas: its items exist
        self.meeting = self.install(MeetingFeature(self, self.notes))
        self.install(GapsFeature(self, self.marks))
        self.changes = self.install(ChangesFeature(self, self.marks))
        self.changes.print_changes = self.export.export_pdf
        self.install(MergeNotes(self))
        self.install(DiagramDetails(self, self._refresh_title))
        self.network = self.install(NetworkFeature(self, self.marks))
        self.milestones = self.install(MilestonesFeature(self))
        self.parking = self.install(ParkingFeature(self))
        self.compact = self.install(CompactFeature(self))
        self.appearance = self.install(AppearanceFeature(self))
        self.outline = self.install(OutlineFeature(self))
        self.outline.when_typed(self.autosaver.poke)
        for plan in (self.network, self.milestones, self.parking, self.compact):  # shown when asked for
            plan.dock.hide()  # (Plan menu, View ▸ panels); the user's own arrangement is restored below
        self.details.raise_()  # of the tabs on the right, Details comes first
        # bound methods, not lambdas: Qt drops them with the window (signals at teardown)
        self._document.undo_stack.cleanChanged.connect(self._refresh_title)
        self._document.path_changed.connect(self._refresh_title)
        self._document.message.connect(self.show_status)
        self._document.refused.connect(self.show_status)
        self.canvas.selection_changed.connect(self._on_selection)
        self.zoom_label = QLabel()
        self.zoom_label.setToolTip("Zoom: Ctrl+wheel, Ctrl+= / Ctrl+-; Ctrl+0 fits the window, Ctrl+1 is 100 %")
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.canvas.zoom_changed.connect(self._show_zoom)
        self._show_zoom(self.canvas.zoom)
        state = QSettings().value("window/state")
        if state:
            self.restoreState(state)
        self._refresh_title()
        if self.on_welcome:
            self._welcome_state()
        else:
            self.pages.setCurrentWidget(self.canvas)
            self._on_selection([])

    # ------------------------------------------------------- the Editor seam
    @property
    def document(self) -> Document:
        return self._document

    def widget(self) -> QWidget:
        return self

    def selected_ids(self) -> list[str]:
        return self.canvas.diagram_scene.selected_ids()

    def select(self, node_id: str | None) -> None:
        self.canvas.select(node_id)

    def view_options(self) -> tuple[str, LayoutOptions]:
        """The view and layout options for paper: the canvas's, but laid out to the page's
        width rather than the window's."""
        return self.canvas.engine.view, replace(self.canvas.engine.options, fit_width=None)

    def finish_typing(self) -> None:
        self.canvas.finish_typing()
        if hasattr(self, "outline"):
            self.outline.finish_typing()

    def _typing_text(self) -> tuple[str, str] | None:
        """The node being typed, on the canvas or in the outline, and its text so far (autosave keeps it)."""
        return self.canvas.typing_text() or (self.outline.typing_text() if hasattr(self, "outline") else None)

    def set_large_text(self, on: bool, zoom: float) -> float:
        """Meeting mode: the canvas `zoom` times larger (on) or back to `zoom` (off); the zoom before."""
        before = self.canvas.zoom
        self.canvas.set_zoom(before * zoom if on else zoom)
        item = self.canvas.diagram_scene.nodes.get(self.canvas.current_id() or "")
        if item is not None:  # the node being talked about stays in view
            self.canvas.centerOn(item)
        return before

    def show_status(self, text: str, ms: int = REFUSAL_MS) -> None:
        self.statusBar().showMessage(text, ms)

    @contextmanager
    def busy(self, message: str) -> Iterator[None]:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.statusBar().showMessage(message)
        QApplication.processEvents()
        try:
            yield
        finally:
            QApplication.restoreOverrideCursor()
            self.statusBar().clearMessage()

    # -------------------------------------------------------------- status
    def _refresh_title(self, _clean: bool = True) -> None:
        if self.on_welcome:
            return
        read_only = " (read-only)" if self.binding.read_only else ""
        title = " ".join(self.document.diagram.info.title.split())  # (a title has no line breaks here)
        title = title if len(title) <= 60 else title[:59] + "…"
        named = f"{title.replace('[*]', '[ * ]')} — " if title else ""  # "[*]" is Qt's "modified" mark
        self.setWindowTitle(f"{named}{self.document.name}[*]{read_only} — DriverDiagram")
        self.setWindowModified(self.document.modified)

    def _autosave_failed(self, why: str) -> None:
        """Where it cannot be missed: a red mark in the status bar while it lasts, and once a box."""
        first = self.autosave_warning.isHidden()
        self.autosave_warning.setText("Autosave failed — save your work (Ctrl+S)")
        self.autosave_warning.setToolTip(why)
        self.autosave_warning.show()
        if first:
            from . import dialogs

            dialogs.warning(
                self,
                "Autosave failed",
                f"{why}\n\nYour diagram is still open, but it is not protected against a crash "
                "until this is fixed. Save it now (Ctrl+S), or Save As somewhere else.",
            )

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{round(zoom * 100)} %")

    def _on_selection(self, ids: list[str]) -> None:
        from ..model.rules import describe
        from . import announcements
        from .key_hints import key_hint

        self.selection_changed.emit(ids)
        d = self.document.diagram
        self.panel.show_node(ids[0] if len(ids) == 1 else None)
        if not ids:
            self.hint.setText(
                "Click a node to select it, or press an arrow key. Drag empty space to pan;"
                " Shift+drag to select several; Ctrl+wheel to zoom."
            )
        elif len(ids) == 1 and ids[0] in d:
            node = d.node(ids[0])
            self.hint.setText(f"{_cap(describe(node))} — {key_hint(node.kind)}")
        else:
            self.hint.setText(f"{len(ids)} nodes selected — Del: delete · Ctrl+C: copy")
        keys = key_hint(d.node(ids[0]).kind) if len(ids) == 1 and ids[0] in d else ""
        announcements.announce(self.canvas, announcements.selection_text(d, ids, keys))

    # ------------------------------------------------------------ pages
    def show_welcome(self) -> None:
        """The start page: new, open, an example, recent diagrams (File ▸ Welcome Page)."""
        if not self.maybe_save():
            return
        if self.editor_ready:
            self.binding.release()  # nothing is shown now: the file is free for this window or another
        if self.editor_ready and not self.on_welcome:
            self._details_were_visible = self.details.isVisible()
        self.on_welcome = True
        self.welcome.refresh()
        self.pages.setCurrentWidget(self.welcome)
        if self.editor_ready:
            self._welcome_state()
        self.welcome.setFocus()

    def _welcome_state(self) -> None:
        """No diagram is open: the editing actions, the toolbar and the panels rest."""
        self.details.hide()
        self.zoom_label.hide()
        self.toolbar.hide()
        for action in self.editing_actions:
            action.setEnabled(False)
        for feature in self.features:
            feature.set_editing(False)
        self.hint.setText("Start a new diagram, open one, or look at an example.")
        self.setWindowTitle("DriverDiagram")
        self.setWindowModified(False)

    def show_editor(self) -> None:
        self.build_editor()
        if not self.on_welcome:
            self.pages.setCurrentWidget(self.canvas)
            return
        self.on_welcome = False
        self.pages.setCurrentWidget(self.canvas)
        self.details.setVisible(self._details_were_visible)
        self.toolbar.show()
        self.zoom_label.show()
        for action in self.editing_actions:
            action.setEnabled(True)
        for feature in self.features:
            feature.set_editing(True)
        self._refresh_title()
        self._on_selection(self.selected_ids())
        self.canvas.setFocus()

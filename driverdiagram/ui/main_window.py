"""The main window: canvas in the middle, details on the right, menus, toolbar, status bar.

Actions, menus and the edit and view commands live here; the file workflow (and its rules
for never losing work) in files.py; export and printing in export_actions.py.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QScrollArea,
)

from ..model import LinkKind, NodeKind
from ..model.rules import ALLOWED, describe
from . import clipboard
from .canvas import Canvas
from .document import Document
from .export_actions import install_export_actions
from .files import FilesMixin
from .panel import DetailsPanel
from .recovery import Autosaver

TEMPLATES = (
    ("Blank diagram", None),
    ("Personal 3–5 year career plan (example)", "career.driver"),
    ("Quality improvement: reducing falls (example)", "qi-falls.driver"),
)
KEYS_HELP = {
    NodeKind.OUTCOME: "Tab: add primary driver · Ctrl+B: add barrier · F2: edit",
    NodeKind.PRIMARY: "Tab: add secondary driver · Enter: add primary driver · Ctrl+B: add barrier · F2: edit"
    " · Del: delete",
    NodeKind.SECONDARY: "Tab: add change idea · Enter: add secondary driver · Ctrl+B: add barrier"
    " · Ctrl+L: link to another primary",
    NodeKind.CHANGE_IDEA: "Enter: add change idea · Ctrl+L: link to another secondary driver or counter a barrier"
    " · Del: delete",
    NodeKind.ANTI_DRIVER: "Enter: add another barrier · set its strength in Details · Del: delete",
}


def _cap(text: str) -> str:
    """First letter upper case, the rest as the user wrote it."""
    return text[:1].upper() + text[1:]


class MainWindow(FilesMixin, QMainWindow):
    def __init__(self, *, autosave_folder: Path | None = None) -> None:
        super().__init__()
        self.document = Document(parent=self)
        self.canvas = Canvas(self.document)
        self.setCentralWidget(self.canvas)
        self.panel = DetailsPanel(self.document)
        scroll = QScrollArea()
        scroll.setWidget(self.panel)
        scroll.setWidgetResizable(True)
        self.details = QDockWidget("Details", self)
        self.details.setObjectName("details")
        self.details.setWidget(scroll)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.details)
        self.autosaver = Autosaver(self.document, autosave_folder)
        self.setAcceptDrops(True)
        self._make_actions()
        self._make_menus()
        self.document.undo_stack.cleanChanged.connect(lambda _: self._refresh_title())
        self.document.path_changed.connect(self._refresh_title)
        self.document.message.connect(lambda m: self.statusBar().showMessage(m, 10000))
        self.canvas.selection_changed.connect(self._on_selection)
        install_export_actions(self)
        self.resize(1280, 800)
        settings = QSettings()
        if settings.value("window/geometry"):
            self.restoreGeometry(settings.value("window/geometry"))
            self.restoreState(settings.value("window/state"))
        self._refresh_title()
        self._on_selection([])

    # ------------------------------------------------------------- actions
    def _action(
        self, text: str, slot, shortcut=None, tip: str = "", checkable: bool = False, canvas_only: bool = False
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{text.replace('&', '').rstrip('…')} — {tip}" if tip else text)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        if canvas_only:  # keys that also mean something in text fields act only on the canvas
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.canvas.addAction(action)
        else:
            self.addAction(action)
        return action

    def _make_actions(self) -> None:
        S = QKeySequence.StandardKey
        a = self._action
        self.act_new = a("&New", self.new_blank, S.New, "Start a new diagram")
        self.act_open = a("&Open…", self.open_dialog, S.Open, "Open a .driver file")
        self.act_save = a("&Save", self.save, S.Save, "Save the diagram")
        self.act_save_as = a("Save &As…", self.save_as, S.SaveAs, "Save under a new name")
        self.act_revert = a("&Revert", self.revert, None, "Go back to the saved file")
        self.act_quit = a("&Quit", self.close, S.Quit)
        stack = self.document.undo_stack
        self.act_undo = stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcuts([QKeySequence(S.Undo)])
        self.act_redo = stack.createRedoAction(self, "&Redo")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([self.act_undo, self.act_redo])
        self.act_cut = a("Cu&t", self.cut, S.Cut, "Cut the selected nodes and what is below them", canvas_only=True)
        self.act_copy = a(
            "&Copy", self.copy, S.Copy, "Copy the selected nodes and what is below them", canvas_only=True
        )
        self.act_paste = a("&Paste", self.paste, S.Paste, "Paste under the selected node", canvas_only=True)
        self.act_delete = a(
            "&Delete", self.canvas.delete_selection, S.Delete, "Delete the selected nodes", canvas_only=True
        )
        self.act_select_all = a("Select &All", self.select_all, S.SelectAll, canvas_only=True)
        self.act_edit = a(
            "&Edit Text", lambda: self.canvas.edit(), "F2", "Type the selected node's text in place", canvas_only=True
        )
        self.act_link = a(
            "&Link to…", self.link_dialog, "Ctrl+L", "Link the selected node to another parent, or counter a barrier"
        )
        self.act_up = a("Move &Up", lambda: self._move(-1), "Alt+Up", "Move above the sibling above")
        self.act_down = a("Move Do&wn", lambda: self._move(1), "Alt+Down", "Move below the sibling below")
        self.act_tidy = a("&Tidy Up", self.tidy, "Ctrl+Shift+T", "Reorder every column for the fewest crossings")
        self.act_child = a("&Child", lambda: self.canvas.add("child"), None, "Add a node in the next column (Tab)")
        self.act_sibling = a(
            "&Sibling", lambda: self.canvas.add("sibling"), None, "Add a node below, same parent (Enter)"
        )
        self.act_anti = a(
            "&Barrier (anti-driver)",
            lambda: self.canvas.add("anti"),
            "Ctrl+B",
            "Add an anti-driver working against the selected node",
        )
        self.act_zoom_in = a("Zoom &In", self.canvas.zoom_in, [S.ZoomIn, "Ctrl+="], "Zoom in")
        self.act_zoom_out = a("Zoom &Out", self.canvas.zoom_out, S.ZoomOut, "Zoom out")
        self.act_fit = a("&Fit to Window", self.canvas.fit, "Ctrl+0", "Show the whole diagram")
        self.act_actual = a("&Actual Size", lambda: self.canvas.set_zoom(1.0), "Ctrl+1", "100 %")
        self.act_force = a(
            "&Force-Field View",
            self._toggle_force,
            "Ctrl+Shift+F",
            "Drivers against barriers with their strengths",
            checkable=True,
        )
        self.act_barriers = a(
            "Show &Barriers", self._toggle_barriers, None, "Show anti-drivers under their targets", checkable=True
        )
        self.act_barriers.setChecked(True)
        self.act_details = self.details.toggleViewAction()
        self.act_keys = a("&Keyboard Shortcuts", self.show_keys, S.HelpContents)
        self.act_about = a("&About DriverDiagram", self.about)

    def _make_menus(self) -> None:
        m = self.menuBar().addMenu("&File")
        m.addAction(self.act_new)
        templates = m.addMenu("New from &Template")
        for title, name in TEMPLATES:
            templates.addAction(title, lambda n=name, t=title: self.new_from_template(n, t))
        m.addAction(self.act_open)
        self.recent_menu = m.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        m.addSeparator()
        m.addActions([self.act_save, self.act_save_as, self.act_revert])
        m.addSeparator()
        m.addAction(self.act_quit)
        m = self.menuBar().addMenu("&Edit")
        m.addActions([self.act_undo, self.act_redo])
        m.addSeparator()
        m.addActions([self.act_cut, self.act_copy, self.act_paste, self.act_delete, self.act_select_all])
        m.addSeparator()
        m.addActions([self.act_edit, self.act_link, self.act_up, self.act_down])
        m.addSeparator()
        m.addAction(self.act_tidy)
        m = self.menuBar().addMenu("&View")
        m.addActions([self.act_zoom_in, self.act_zoom_out, self.act_fit, self.act_actual])
        m.addSeparator()
        m.addActions([self.act_force, self.act_barriers, self.act_details])
        m = self.menuBar().addMenu("&Insert")
        m.addActions([self.act_child, self.act_sibling, self.act_anti])
        self.act_child.setText("&Child\tTab")
        self.act_sibling.setText("&Sibling\tEnter")
        m = self.menuBar().addMenu("&Help")
        m.addActions([self.act_keys, self.act_about])
        bar = self.addToolBar("Main")
        bar.setObjectName("main-toolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addActions([self.act_new, self.act_open, self.act_save])
        bar.addSeparator()
        bar.addActions([self.act_undo, self.act_redo])
        bar.addSeparator()
        for act, label in (
            (self.act_child, "Add child"),
            (self.act_sibling, "Add sibling"),
            (self.act_anti, "Add barrier"),
        ):
            button_action = QAction(label, self)
            button_action.setToolTip(act.statusTip())
            button_action.triggered.connect(act.trigger)
            bar.addAction(button_action)
        bar.addAction(self.act_link)
        bar.addAction(self.act_tidy)
        bar.addSeparator()
        bar.addActions([self.act_fit, self.act_force])

    # -------------------------------------------------------------- status
    def _refresh_title(self) -> None:
        self.setWindowTitle(f"{self.document.name}[*] — DriverDiagram")
        self.setWindowModified(self.document.modified)

    def _on_selection(self, ids: list[str]) -> None:
        d = self.document.diagram
        self.panel.show_node(ids[0] if len(ids) == 1 else None)
        if not ids:
            self.statusBar().showMessage(
                "Click a node to select it, or press an arrow key. Drag empty space to pan;"
                " Shift+drag to select several; Ctrl+wheel to zoom."
            )
        elif len(ids) == 1 and ids[0] in d:
            node = d.node(ids[0])
            self.statusBar().showMessage(f"{_cap(describe(node))} — {KEYS_HELP[node.kind]}")
        else:
            self.statusBar().showMessage(f"{len(ids)} nodes selected — Del: delete · Ctrl+C: copy")

    # ---------------------------------------------------------------- edit
    def copy(self) -> None:
        ids = self.canvas.diagram_scene.selected_ids()
        data = clipboard.to_mime(self.document.diagram, ids) if ids else None
        if data is not None:
            QGuiApplication.clipboard().setMimeData(data)
            self.statusBar().showMessage(
                f"Copied {len(ids)} node{'s' if len(ids) > 1 else ''} with what is below.", 4000
            )

    def cut(self) -> None:
        self.copy()
        self.canvas.delete_selection()

    def paste(self) -> None:
        target = self.canvas.current_id() or self.document.diagram.outcome.id
        roots = clipboard.paste(self.document, QGuiApplication.clipboard().mimeData(), target)
        if roots:
            self.canvas.select(roots[0])

    def select_all(self) -> None:
        for item in self.canvas.diagram_scene.nodes.values():
            item.setSelected(True)

    def _move(self, delta: int) -> None:
        current = self.canvas.current_id()
        if current:
            self.document.move_sibling(current, delta)
            self.canvas.select(current)

    def link_dialog(self) -> None:
        """Keyboard way to link: pick from the nodes this one may be linked to."""
        current = self.canvas.current_id()
        if current is None:
            self.statusBar().showMessage("Select a node first.", 5000)
            return
        d = self.document.diagram
        node = d.node(current)
        choices = []
        for other in d.nodes():
            if other.id == current or d.has_link(current, other.id) or d.has_link(other.id, current):
                continue
            kind = ALLOWED.get((other.kind, node.kind)) or ALLOWED.get((node.kind, other.kind))
            if kind in (LinkKind.DRIVES, LinkKind.COUNTERS):
                choices.append(other)
        if not choices:
            self.statusBar().showMessage(f"There is nothing {describe(node)} can be linked to.", 8000)
            return
        labels = [_cap(describe(c)) for c in choices]
        label, ok = QInputDialog.getItem(self, "Link to…", f"Link {describe(node)} to:", labels, 0, False)
        if ok and label in labels:
            self.document.connect(current, choices[labels.index(label)].id)
            self.canvas.select(current)

    def tidy(self) -> None:
        from ..layout import crossing_count, tidy_order

        before = crossing_count(self.document.diagram)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.statusBar().showMessage("Tidying up…")
        QApplication.processEvents()
        try:
            order = tidy_order(self.document.diagram)
        finally:
            QApplication.restoreOverrideCursor()
        if self.document.set_order(order):
            after = crossing_count(self.document.diagram)
            self.statusBar().showMessage(
                f"Tidied up: {before} crossings → {after}. Ctrl+Z puts your order back.", 10000
            )

    # ---------------------------------------------------------------- view
    def _toggle_force(self, on: bool) -> None:
        self.canvas.set_view("force_field" if on else "columns")

    def _toggle_barriers(self, on: bool) -> None:
        self.canvas.set_layout_option(show_anti_drivers=on)

    def show_keys(self) -> None:
        QMessageBox.information(
            self,
            "Keyboard shortcuts",
            (
                "<table>"
                "<tr><td><b>Tab</b></td><td>add a child in the next column and type its text</td></tr>"
                "<tr><td><b>Enter</b></td><td>add a sibling below; while typing, Enter finishes</td></tr>"
                "<tr><td><b>Escape</b></td><td>cancel typing</td></tr>"
                "<tr><td><b>F2</b>, double-click, or just type</td><td>edit the selected node's text</td></tr>"
                "<tr><td><b>Ctrl+B</b></td><td>add a barrier (anti-driver) to the selected node</td></tr>"
                "<tr><td><b>Ctrl+L</b></td><td>link to another parent, or counter a barrier</td></tr>"
                "<tr><td><b>Arrows</b></td><td>left: parent · right: first child · up/down: in the column</td></tr>"
                "<tr><td><b>Alt+Up / Alt+Down</b></td><td>move among siblings</td></tr>"
                "<tr><td><b>Delete</b></td><td>delete the selection (and what is left without a parent)</td></tr>"
                "<tr><td><b>Ctrl+Z / Ctrl+Shift+Z</b></td><td>undo / redo</td></tr>"
                "<tr><td><b>Ctrl+Shift+T</b></td><td>tidy up: fewest crossings</td></tr>"
                "<tr><td><b>Ctrl+wheel, Ctrl+= / Ctrl+-, Ctrl+0</b></td><td>zoom, fit</td></tr>"
                "<tr><td><b>Mouse</b></td><td>drag a node up or down to reorder; drag from a selected node's dot onto "
                "another to link; drag empty space to pan; Shift+drag to select several</td></tr>"
                "</table>"
            ),
        )

    def about(self) -> None:
        from .. import __version__

        QMessageBox.about(
            self,
            "About DriverDiagram",
            (
                f"<b>DriverDiagram {__version__}</b><p>Plan a 3–5 year goal as a driver diagram with your mentor: "
                "outcome, drivers, change ideas and barriers, with measures and notes.</p>"
                "<p>Your diagrams stay on this computer unless you export or send them.</p>"
                "<p>Font: DejaVu Sans (Bitstream Vera licence).</p>"
            ),
        )

"""The window's actions, its menus as named sections, its toolbar, and placing features.

`ActionsMixin` is part of `MainWindow`: the menus and their sections are made with the
window (cheap, so a launch paints at once), the actions with the editor; a feature's
actions go into the section it names (`install`), never found by index or by text.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QToolBar, QToolButton

from ..resources import resource
from .accessible import next_pane
from .features import MENUS, TOOLBAR_GROUPS, Feature, Placement

TEMPLATES = (
    ("Blank diagram", None),
    ("Personal 3–5 year career plan (example)", "career.driver"),
    ("Quality improvement: reducing falls (example)", "qi-falls.driver"),
)
MENU_TITLES = {
    "file": "&File",
    "edit": "&Edit",
    "view": "&View",
    "insert": "&Insert",
    "plan": "&Plan",
    "meeting": "&Meeting",
    "help": "&Help",
}


def bundled_icon(name: str, theme: QIcon.ThemeIcon | None = None) -> QIcon:
    """The platform theme's icon where it has one, else ours from resources/icons."""
    if theme is not None and QIcon.hasThemeIcon(theme):
        return QIcon.fromTheme(theme)
    return QIcon(str(resource("icons", f"{name}.svg")))


class ActionsMixin:
    """Actions, menus, toolbar and feature placement of `MainWindow` (which provides the
    canvas, the document, the details dock and the slots the actions call)."""

    def install(self, feature: Feature) -> Feature:
        """Place a feature's actions in their menu sections and toolbar groups, and its docks."""
        for placement in feature.placements():
            self._place(placement)
        for placed in feature.docks():
            self.addDockWidget(placed.area, placed.dock)
            beside = self.findChild(QDockWidget, placed.tab_with) if placed.tab_with else None
            if beside is not None and self.dockWidgetArea(beside) == placed.area:
                self.tabifyDockWidget(beside, placed.dock)
                beside.raise_()
            self._place(Placement("view", "panels", [placed.dock.toggleViewAction()]))
        self.features.append(feature)
        return feature

    def _place(self, placement: Placement) -> None:
        if placement.toolbar:
            marker = self._toolbar_groups[placement.section]
            for action in placement.actions:
                if action is None:
                    self.toolbar.insertSeparator(marker)
                else:
                    self.toolbar.insertAction(marker, action)
            return
        marker = self._sections[(placement.menu, placement.section)]
        menu = self._menus[placement.menu]
        for action in placement.actions:
            if action is None:
                menu.insertSeparator(marker)
            else:
                menu.insertAction(marker, action)

    # ------------------------------------------------------------- actions
    def _action(
        self,
        text: str,
        slot,
        shortcut=None,
        tip: str = "",
        checkable: bool = False,
        canvas_only: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{text.replace('&', '').rstrip('…')} — {tip}")
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
        self.act_import = a(
            "&Import…",
            self.import_dialog,
            "Ctrl+Shift+I",
            "Bring in a FreeSPC driver-diagram CSV, or a Markdown or plain outline, as a new diagram",
        )
        self.act_welcome = a("&Welcome Page", self.show_welcome, None, "Start a diagram, open one, or an example")
        self.act_save = a("&Save", self.save, S.Save, "Save the diagram")
        self.act_save_as = a("Save &As…", self.save_as, S.SaveAs, "Save under a new name")
        self.act_revert = a("Revert to Save&d", self.revert, None, "Go back to the saved file")
        self.act_quit = a("&Quit", self.close, S.Quit)
        stack = self.document.undo_stack
        self.act_undo = stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcuts([QKeySequence(S.Undo)])
        self.act_undo.setIcon(bundled_icon("undo", QIcon.ThemeIcon.EditUndo))
        self.act_redo = stack.createRedoAction(self, "&Redo")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.act_redo.setIcon(bundled_icon("redo", QIcon.ThemeIcon.EditRedo))
        self.addActions([self.act_undo, self.act_redo])
        self.act_cut = a("Cu&t", self.cut, S.Cut, "Cut the selected nodes and what is below them", canvas_only=True)
        self.act_copy = a(
            "&Copy", self.copy, S.Copy, "Copy the selected nodes and what is below them", canvas_only=True
        )
        self.act_paste = a("&Paste", self.paste, S.Paste, "Paste under the selected node", canvas_only=True)
        self.act_delete = a(
            "&Delete",
            self.canvas.delete_selection,
            [S.Delete, "Backspace"],
            "Delete the selected nodes",
            canvas_only=True,
        )
        self.act_select_all = a("Select &All", self.select_all, S.SelectAll, canvas_only=True)
        self.act_edit = a(
            "&Edit Text", lambda: self.canvas.edit(), "F2", "Type the selected node's text in place", canvas_only=True
        )
        self.act_link = a(
            "&Link to…", self.link_dialog, "Ctrl+L", "Link the selected node to another parent, or counter a barrier"
        )
        self.act_up = a("&Move Up", lambda: self._move(-1), "Alt+Up", "Move above the sibling above", canvas_only=True)
        self.act_down = a(
            "Move D&own", lambda: self._move(1), "Alt+Down", "Move below the sibling below", canvas_only=True
        )
        self.act_tidy = a("Tid&y Up", self.tidy, "Ctrl+Shift+T", "Reorder every column for the fewest crossings")
        self.act_child = a("&Child\tTab", lambda: self.canvas.add("child"), None, "Add a node in the next column")
        self.act_sibling = a(
            "&Sibling\tEnter", lambda: self.canvas.add("sibling"), None, "Add a node below, same parent"
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
            "Force-Field &View",
            self._toggle_force,
            "Ctrl+Shift+F",
            "Drivers against barriers with their strengths",
            checkable=True,
        )
        self.act_barriers = a(
            "Show &Barriers", self._toggle_barriers, None, "Show anti-drivers under their targets", checkable=True
        )
        self.act_barriers.setChecked(True)
        self.act_legend = a(
            "Show &Legend", self.canvas.show_legend, None, "What the colours, lines and badges mean", checkable=True
        )
        self.act_legend.setChecked(self.canvas.legend_shown())
        self.act_fit_width = a(
            "Fit &Width to Window",
            self.canvas.set_fit_window_width,
            None,
            "Lay the columns out to the window's width (paper uses the page's)",
            checkable=True,
        )
        self.act_fit_width.setChecked(self.canvas.fits_window_width())
        self.act_details = self.details.toggleViewAction()
        # Tab adds a child on the canvas, so F6 is the way from the diagram to the panels and back
        self.act_next_pane = a(
            "Next &Panel", lambda: next_pane(self, True), "F6", "Move the keyboard focus to the next panel"
        )
        self.act_prev_pane = a(
            "Previous Pa&nel", lambda: next_pane(self, False), "Shift+F6", "Move the keyboard focus to the panel before"
        )
        self.act_keys = a("&Keyboard Shortcuts", self.show_keys, S.HelpContents)
        self.act_about = a("&About DriverDiagram", self.about)
        # what acts on a diagram: off while the welcome page is shown
        self.editing_actions = [
            self.act_save, self.act_save_as, self.act_revert, self.act_cut, self.act_copy, self.act_paste,
            self.act_delete, self.act_select_all, self.act_edit, self.act_link, self.act_up, self.act_down,
            self.act_tidy, self.act_child, self.act_sibling, self.act_anti, self.act_zoom_in, self.act_zoom_out,
            self.act_fit, self.act_actual, self.act_force, self.act_barriers, self.act_legend, self.act_fit_width,
        ]  # fmt: skip

    def _make_menus(self) -> None:
        """The menus and their sections (cheap: the actions come with the editor)."""
        self._menus: dict[str, QMenu] = {}
        self._sections: dict[tuple[str, str], QAction] = {}
        for key, sections in MENUS.items():
            menu = self.menuBar().addMenu(MENU_TITLES[key])
            self._menus[key] = menu
            for section in sections:
                self._sections[(key, section)] = menu.addSeparator()  # the end of the section

    def _place_actions(self) -> None:
        from ..resources.template_list import TEMPLATES as FILLED

        templates = QMenu("New from &Template", self)
        for title, name in TEMPLATES[:1]:
            templates.addAction(title, lambda n=name, t=title: self.new_from_template(n, t))
        templates.addSeparator()
        for template in FILLED:
            action = templates.addAction(template.title, lambda t=template: self.new_from_filled_template(t))
            action.setStatusTip(template.description)
        templates.addSeparator()
        for title, name in TEMPLATES[1:]:
            templates.addAction(title, lambda n=name, t=title: self.new_from_template(n, t))
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        place = self._place
        place(Placement("file", "new", [self.act_new, templates.menuAction(), self.act_welcome]))
        place(Placement("file", "open", [self.act_open, self.recent_menu.menuAction(), self.act_import]))
        place(Placement("file", "save", [self.act_save, self.act_save_as, self.act_revert]))
        place(Placement("file", "quit", [self.act_quit]))
        place(Placement("edit", "undo", [self.act_undo, self.act_redo]))
        place(
            Placement(
                "edit", "clipboard", [self.act_cut, self.act_copy, self.act_paste, self.act_delete, self.act_select_all]
            )
        )
        place(Placement("edit", "node", [self.act_edit, self.act_link, self.act_up, self.act_down]))
        place(Placement("edit", "arrange", [self.act_tidy]))
        place(Placement("view", "zoom", [self.act_zoom_in, self.act_zoom_out, self.act_fit, self.act_actual]))
        place(Placement("view", "views", [self.act_force, self.act_barriers, self.act_legend, self.act_fit_width]))
        place(Placement("view", "panels", [self.act_next_pane, self.act_prev_pane, None, self.act_details]))
        place(Placement("insert", "nodes", [self.act_child, self.act_sibling, self.act_anti]))
        place(Placement("help", "help", [self.act_keys, self.act_about]))

    def _make_toolbar(self) -> None:
        bar = self.toolbar = QToolBar("Main", self)
        bar.setObjectName("main-toolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.setIconSize(QSize(20, 20))
        self.addToolBar(bar)
        self._toolbar_groups: dict[str, QAction] = {}
        for group in TOOLBAR_GROUPS:
            self._toolbar_groups[group] = bar.addSeparator()
        place = self._place
        place(Placement("", "file", [self.act_new, self.act_open, self.act_save], toolbar=True))
        for act in (self.act_undo, self.act_redo):  # fixed icons: their changing text is in the tooltip
            button = QToolButton(bar)
            button.setDefaultAction(act)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.setObjectName(f"toolbar-{act.objectName() or act.text().strip('&').split()[0].lower()}")
            bar.insertWidget(self._toolbar_groups["history"], button)
        adds = []
        for act, label in (
            (self.act_child, "Add child"),
            (self.act_sibling, "Add sibling"),
            (self.act_anti, "Add barrier"),
        ):
            button_action = QAction(label, self)
            button_action.setToolTip(act.statusTip())
            button_action.triggered.connect(act.trigger)
            adds.append(button_action)
            self.editing_actions.append(button_action)
        place(Placement("", "nodes", adds, toolbar=True))
        place(Placement("", "arrange", [self.act_link, self.act_tidy], toolbar=True))
        place(Placement("", "view", [self.act_fit, self.act_force], toolbar=True))

"""The window's edit and view commands: the clipboard, moving and linking from the keyboard,
Tidy up, the views, and the Help boxes (a mixin of MainWindow; it reaches the canvas and the
document as the window does)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox


def _cap(text: str) -> str:
    """First letter upper case, the rest as the user wrote it."""
    return text[:1].upper() + text[1:]


class CommandsMixin:
    """Edit and view commands of the main window."""

    # ---------------------------------------------------------------- edit
    def copy(self) -> None:
        ids = self.canvas.diagram_scene.selected_ids()
        from . import clipboard

        data = clipboard.to_mime(self.document.diagram, ids) if ids else None
        if data is not None:
            QGuiApplication.clipboard().setMimeData(data)
            self.show_status(f"Copied {len(ids)} node{'s' if len(ids) > 1 else ''} with what is below.", 4000)

    def cut(self) -> None:
        self.copy()
        self.canvas.delete_selection()

    def paste(self) -> None:
        target = self.canvas.current_id() or self.document.diagram.outcome.id
        from . import clipboard

        self.document.last_refusal = ""
        roots = clipboard.paste(self.document, QGuiApplication.clipboard().mimeData(), target)
        if roots:
            self.canvas.select(roots[0])
        elif "\n" in self.document.last_refusal:  # an outline's problems, line by line: too long for the status bar
            from . import dialogs

            dialogs.warning(self, "Nothing was pasted", self.document.last_refusal)

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
        from ..model import LinkKind
        from ..model.rules import ALLOWED, describe

        current = self.canvas.current_id()
        if current is None:
            self.document.refuse("Select a node first, then press Ctrl+L to link it.")
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
            self.document.refuse(f"There is nothing {describe(node)} can be linked to.")
            return
        labels = [_cap(describe(c)) for c in choices]
        label, ok = QInputDialog.getItem(self, "Link to…", f"Link {describe(node)} to:", labels, 0, False)
        if ok and label in labels:
            self.document.link(current, choices[labels.index(label)].id)
            self.canvas.select(current)

    def tidy(self) -> None:
        from ..layout import crossing_count, tidy_order

        before = crossing_count(self.document.diagram)
        with self.busy("Tidying up…"):
            order = tidy_order(self.document.diagram)
        if self.document.set_order(order):
            after = crossing_count(self.document.diagram)
            self.show_status(f"Tidied up: {before} crossings → {after}. Ctrl+Z puts your order back.", 10000)

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
                "<tr><td><b>F6 / Shift+F6</b></td><td>from the diagram to the next / previous panel and back</td></tr>"
                "<tr><td><b>Ctrl+Shift+O</b></td><td>the outline: the whole diagram as an indented list</td></tr>"
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

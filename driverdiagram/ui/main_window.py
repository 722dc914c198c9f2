"""The main window. Until the canvas editor lands it shows the diagram as an outline.

It already keeps the file rules: a diagram is bound to the path it came from (or will be
saved to), a file that fails to load is never bound (so it cannot be overwritten), and
saving is atomic through the model.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QTreeWidget, QTreeWidgetItem

from ..model import Diagram, DiagramError, load, save, summarize

FILE_FILTER = "Driver diagrams (*.driver);;All files (*)"


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.diagram = Diagram.new()
        self.path: Path | None = None
        self.outline = QTreeWidget()
        self.outline.setHeaderLabels(["Diagram", "Kind"])
        self.outline.setColumnWidth(0, 520)
        self.setCentralWidget(self.outline)
        self._make_menus()
        self.resize(900, 640)
        self._refresh()

    def _make_menus(self) -> None:
        menu = self.menuBar().addMenu("&File")
        for text, key, slot in (
            ("&Open…", QKeySequence.StandardKey.Open, self.open_dialog),
            ("&Save", QKeySequence.StandardKey.Save, self.save),
            ("Save &As…", QKeySequence.StandardKey.SaveAs, self.save_as),
            ("&Quit", QKeySequence.StandardKey.Quit, self.close),
        ):
            action = QAction(text, self)
            action.setShortcut(key)
            action.triggered.connect(slot)
            menu.addAction(action)

    # ---------------------------------------------------------------- files
    def show_diagram(self, diagram: Diagram, path: Path | None) -> None:
        self.diagram, self.path = diagram, path
        self._refresh()

    def open_path(self, path: str | Path, *, create: bool = False) -> bool:
        """Open `path`; when it does not exist and `create` is set, start a new diagram bound to it."""
        p = Path(path).expanduser()
        if create and not p.exists():
            self.show_diagram(Diagram.new(), p)
            self.statusBar().showMessage(f"New diagram; Save (Ctrl+S) writes it to {p}.")
            return True
        try:
            diagram = load(p)
        except DiagramError as e:
            QMessageBox.critical(self, "Could not open the diagram", f"{e}\n\nThe file was not changed.")
            return False
        self.show_diagram(diagram, p)
        return True

    def open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open a driver diagram", str(self.path or Path.home()), FILE_FILTER)
        if name:
            self.open_path(name)

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        try:
            save(self.diagram, self.path)
        except DiagramError as e:
            QMessageBox.critical(self, "Could not save", str(e))
            return False
        self.statusBar().showMessage(f"Saved {self.path}", 5000)
        self._refresh_title()
        return True

    def save_as(self) -> bool:
        name, _ = QFileDialog.getSaveFileName(self, "Save the driver diagram", str(self.path or Path.home()), FILE_FILTER)
        if not name:
            return False
        p = Path(name)
        self.path = p if p.suffix else p.with_suffix(".driver")
        return self.save()

    # -------------------------------------------------------------- display
    def _refresh_title(self) -> None:
        name = self.path.name if self.path else "Untitled"
        self.setWindowTitle(f"{name} — DriverDiagram")

    def _refresh(self) -> None:
        self._refresh_title()
        self.outline.clear()
        d = self.diagram

        def add(parent_item: QTreeWidgetItem | QTreeWidget, node_id: str, seen: set[str]) -> None:
            node = d.node(node_id)
            item = QTreeWidgetItem([node.text or "(no text yet)", node.kind.label])
            item.setData(0, 256, node_id)
            if isinstance(parent_item, QTreeWidget):
                parent_item.addTopLevelItem(item)
            else:
                parent_item.addChild(item)
            for anti in d.anti_drivers(node_id):
                barrier = QTreeWidgetItem([f"⚠ {anti.text}", f"anti-driver, strength {anti.strength}"])
                barrier.setData(0, 256, anti.id)
                for c in d.countered_by(anti.id):
                    barrier.addChild(QTreeWidgetItem([f"countered by: {c.text}", c.kind.label]))
                item.addChild(barrier)
            for child in d.children(node_id):
                if child.id in seen:
                    item.addChild(QTreeWidgetItem([f"{child.text}  (shown above)", child.kind.label]))
                else:
                    seen.add(child.id)
                    add(item, child.id, seen)

        add(self.outline, d.outcome.id, {d.outcome.id})
        self.outline.expandAll()
        first = summarize(d).splitlines()
        kinds = next((line for line in first if line.startswith("Nodes:")), "")
        self.statusBar().showMessage(kinds)

    def node_texts(self) -> list[str]:
        """Every text the outline shows (for tests and accessibility checks)."""
        out: list[str] = []

        def walk(item: QTreeWidgetItem) -> None:
            out.append(item.text(0))
            for i in range(item.childCount()):
                walk(item.child(i))

        for i in range(self.outline.topLevelItemCount()):
            walk(self.outline.topLevelItem(i))
        return out


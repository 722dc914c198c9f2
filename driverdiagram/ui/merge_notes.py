"""File ▸ Bring In Notes From…: merge the notes and action items of a mentor's copy of the
same diagram (`model/merge.py`), by id, as one undo step.

New notes are added; notes changed on both sides are shown side by side to choose from;
notes on nodes this diagram no longer has are kept on the diagram as a whole, flagged with
the text of the node they were on. Nothing of mine is removed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..model import DiagramError, load
from ..model.merge import MergePlan, plan_merge, resolve
from ..model.safe_text import shorten
from . import dialogs
from .features import Editor, Feature, Placement
from .wrapped_tree import wrap

FILE_FILTER = "Driver diagrams (*.driver);;All files (*)"


class VersionsDialog(QDialog):
    """Each note changed in both copies, mine beside theirs; tick the ones to take theirs."""

    def __init__(self, plan: MergePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Notes changed in both copies")
        self.resize(980, 460)
        intro = QLabel(
            "These notes were changed in both copies. Tick “Take theirs” for the ones where the other copy is "
            "right; the others keep yours."
        )
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["", "Yours", "Theirs"])
        self.tree.setUniformRowHeights(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        metrics = QFontMetrics(self.tree.font())
        self.rows: dict[str, QTreeWidgetItem] = {}
        for c in plan.conflicts:  # both versions read whole, wrapped to their columns
            label = getattr(c.mine, "text", None) or getattr(c.mine, "title", "") or c.mine.id
            top = QTreeWidgetItem([wrap(f"Take theirs: “{shorten(label, 120)}”", metrics, 230), "", ""])
            top.setFlags(top.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            top.setCheckState(0, Qt.CheckState.Unchecked)
            for field, mine, theirs in c.fields():
                row = QTreeWidgetItem(
                    [field, wrap(shorten(mine, 1000), metrics, 330), wrap(shorten(theirs, 1000), metrics, 330)]
                )
                row.setToolTip(1, mine)
                row.setToolTip(2, theirs)
                top.addChild(row)
            self.tree.addTopLevelItem(top)
            self.rows[c.key] = top
        self.tree.expandAll()
        self.tree.setColumnWidth(0, 270)
        self.tree.setColumnWidth(1, 345)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Bring in")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)

    def choices(self) -> dict[str, bool]:
        return {item_id: row.checkState(0) == Qt.CheckState.Checked for item_id, row in self.rows.items()}


def choose_versions(parent: QWidget | None, plan: MergePlan) -> dict[str, bool] | None:
    """Which conflicting notes take the other copy's version (None: cancelled)."""
    dialog = VersionsDialog(plan, parent)
    return dialog.choices() if dialog.exec() == QDialog.DialogCode.Accepted else None


class MergeNotes(Feature):
    def __init__(self, editor: Editor) -> None:
        super().__init__(editor)
        self.setObjectName("merge-notes")
        self.act = self.action(
            "Bring In Notes Fro&m…",
            self.bring_in,
            None,
            "Add the notes and action items of another copy of this diagram (a mentor's, say)",
        )

    def placements(self) -> list[Placement]:
        return [Placement("file", "open", [self.act])]

    def bring_in(self, path: str | None = None) -> bool:
        editor = self.editor
        editor.finish_typing()
        document = editor.document
        if path is None:
            folder = str(document.path.parent if document.path else Path.home())
            path = dialogs.open_file(editor.widget(), "Bring in notes from another copy", folder, FILE_FILTER)
            if not path:
                return False
        if document.path is not None and Path(path).resolve() == document.path.resolve():
            document.refuse("That is this diagram's own file: choose the other copy (the one your mentor sent).")
            return False
        try:
            theirs = load(path)
        except DiagramError as e:
            dialogs.warning(editor.widget(), "Could not read that copy", f"{e}\n\nNothing was brought in.")
            return False
        try:
            plan = plan_merge(document.diagram, theirs)
        except DiagramError as e:  # e.g. more notes than a file may hold
            dialogs.warning(editor.widget(), "Could not bring the notes in", f"{e}\n\nNothing was brought in.")
            return False
        if plan.empty:
            dialogs.information(
                editor.widget(),
                "Nothing to bring in",
                f"{Path(path).name} has no notes or action items that this diagram does not already have.",
            )
            return False
        choices: dict[str, bool] = {}
        if plan.conflicts:
            picked = choose_versions(editor.widget(), plan)
            if picked is None:
                return False
            choices = picked
        edits = resolve(plan, choices)
        with document.batch("Bring in notes"):
            for op, collection, item in edits:
                if op == "add":
                    document.add_item(collection, item)
                else:
                    fields = {k: getattr(item, k) for k in type(item).model_fields if k != "id"}
                    document.edit_item(collection, item.id, **fields)
        editor.show_status(f"Brought in from {Path(path).name}: {plan.describe()}.", 12000)
        return True

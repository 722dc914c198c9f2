"""The dialog for a milestone, a piece of homework or an action item: what, which kind,
the node it serves, who, by when, done, notes.

The action item dialog (action_item_dialog.py) generalised: the same fields, keys and
checks (OK stays off without a title; Ctrl+Enter accepts, in the notes too), with a kind
and the node it serves to choose. The window calls `edit_milestone` through this module,
so tests can answer it without a modal loop; the dialog class itself is tested by
filling its fields.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QFormLayout, QWidget

from ..model import Diagram, Milestone, MilestoneKind, NodeKind
from ..model.safe_text import shorten
from .action_item_dialog import ActionItemDialog

KIND_WORDS = {
    MilestoneKind.MILESTONE: "Milestone",
    MilestoneKind.HOMEWORK: "Homework",
    MilestoneKind.ACTION_ITEM: "Action item",
}
WHOLE_PLAN = "The whole plan"
_READING_ORDER = (NodeKind.OUTCOME, NodeKind.PRIMARY, NodeKind.SECONDARY, NodeKind.CHANGE_IDEA, NodeKind.ANTI_DRIVER)


def node_choices(d: Diagram) -> list[tuple[str, str]]:
    """(node id, "Primary driver · its text") for every node, column by column."""
    out = []
    for kind in _READING_ORDER:
        for node in d.nodes(kind):
            text = shorten(" ".join(node.text.split()), 70) or "(no text yet)"
            out.append((node.id, f"{kind.label.capitalize()} · {text}"))
    return out


class MilestoneDialog(ActionItemDialog):
    def __init__(
        self, item: Milestone, nodes: Sequence[tuple[str, str]], title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(item, "", title, parent)
        form = self.layout()
        assert isinstance(form, QFormLayout)
        form.setRowVisible(self.on, False)  # the node is chosen here, not given
        label = form.labelForField(self.title)
        if label is not None:
            label.setText("&What")  # type: ignore[attr-defined]
        self.title.setPlaceholderText("What is to be done by when, e.g. “Ethics approval”")
        self.kind_combo = QComboBox()
        for kind, word in KIND_WORDS.items():
            self.kind_combo.addItem(word, kind.value)  # (Qt keeps a str, not the enum)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(item.kind.value))
        self.kind_combo.setAccessibleName("Kind")
        self.kind_combo.setToolTip("A milestone of the plan, the mentee's homework, or an action item of a meeting")
        self.node_combo = QComboBox()
        self.node_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.node_combo.setMinimumContentsLength(36)
        self.node_combo.addItem(WHOLE_PLAN, None)
        for node_id, text in nodes:
            self.node_combo.addItem(text, node_id)
        if item.node_id is not None and self.node_combo.findData(item.node_id) < 0:
            self.node_combo.addItem("(a node no longer in the diagram)", item.node_id)  # kept as it was
        self.node_combo.setCurrentIndex(max(0, self.node_combo.findData(item.node_id)))
        form.insertRow(2, "&Kind", self.kind_combo)
        form.insertRow(3, "&Serves", self.node_combo)
        self.setMinimumWidth(540)  # room for the node's words in the combo
        self.node_combo.setToolTip(
            "The node of the diagram this is for (its primary driver is its lane on the timeline)"
        )
        self.node_combo.setAccessibleName("Serves")
        QWidget.setTabOrder(self.title, self.kind_combo)  # (made after the fields below: Tab as they read)
        QWidget.setTabOrder(self.kind_combo, self.node_combo)
        QWidget.setTabOrder(self.node_combo, self.owner)
        self.title.setFocus()

    def result_item(self) -> Milestone:
        return (
            super()
            .result_item()
            .but(
                kind=MilestoneKind(self.kind_combo.currentData()),
                node_id=self.node_combo.currentData(),
            )
        )


def edit_milestone(
    parent: QWidget | None, item: Milestone, nodes: Sequence[tuple[str, str]], title: str
) -> Milestone | None:
    """Run the dialog; the edited milestone, or None when cancelled."""
    dialog = MilestoneDialog(item, nodes, title, parent)
    try:
        return dialog.result_item() if dialog.exec() == MilestoneDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()

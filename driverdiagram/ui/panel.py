"""The details panel: the selected node's text, kind, description, tags, strength, colour and
links (its notes are the Notes panel's: `notes_feature.py`).

Edits flow to the model as commands (one step per typing burst in one field); model changes
(undo, redo, edits on the canvas) flow back into the widgets without echoing as edits.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..layout.style import node_style
from ..model import Change, LinkKind, LinkStrength, NodeKind
from ..model.rules import describe
from ..model.schema import SCORED_KINDS
from .accessible import settle_in_scroll_area
from .document import Document
from .theme import is_dark
from .wheel_guard import guard_wheel

_bursts = itertools.count(1)


class DetailsPanel(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.node_id: str | None = None
        self._links_shown: tuple | None = None  # what the link rows say now (made again when it changes)
        self._loading = False
        self._burst: dict[QObject, int] = {}

        self.heading = QLabel("Select a node to see its details.")
        self.heading.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(70)
        self.text.setToolTip("The words in the node's box on the diagram (F2 on the canvas edits them in place)")
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(70)
        self.description.setPlaceholderText("What this means, how you will know")
        self.description.setToolTip("More about the node: what it means, how you will know it is moving")
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("e.g. work–life balance, research")
        self.tags.setToolTip("Words to group and find nodes by, separated by commas")
        self.strength = QSpinBox()
        guard_wheel(self.strength)  # scrolling the panel never changes a score
        self.strength.setRange(0, 5)
        self.strength.setSpecialValueText("not scored")
        self.strength.setToolTip("Force-field score: 1 weak … 5 strong (the arrow keys change it)")
        self.colour = QPushButton("Kind's colour")
        self.colour.setToolTip("Give this box a colour of its own (a team's palette); printed too")
        self.colour.setAccessibleName("Box colour")
        self.colour.clicked.connect(self._choose_colour)
        self.plain_colour = QPushButton("Reset")
        self.plain_colour.setToolTip("Back to the colour of its kind")
        self.plain_colour.setAccessibleName("Reset the box colour to its kind's")
        self.plain_colour.clicked.connect(lambda: self._set_colour(""))
        colour_row = QHBoxLayout()
        colour_row.addWidget(self.colour, 1)
        colour_row.addWidget(self.plain_colour)
        self.links_box = QVBoxLayout()

        form = QFormLayout()
        form.addRow("Text", self.text)
        form.addRow("Description", self.description)
        form.addRow("Tags", self.tags)
        form.addRow("Strength", self.strength)
        form.addRow("Colour", colour_row)
        self.form = form
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        links_title = QLabel("<b>Links</b>")
        layout.addWidget(links_title)
        layout.addLayout(self.links_box)
        layout.addStretch(1)

        for w in (self.text, self.description, self.tags):
            w.installEventFilter(self)
        settle_in_scroll_area(self, "Details")
        self.text.textChanged.connect(lambda: self._edit(self.text, text=self.text.toPlainText()))
        self.description.textChanged.connect(
            lambda: self._edit(self.description, description=self.description.toPlainText())
        )
        self.tags.textEdited.connect(lambda: self._edit(self.tags, tags=self._tag_list()))
        self.strength.valueChanged.connect(self._strength_changed)
        document.changed.connect(self._on_change)
        document.replaced.connect(lambda: self.show_node(None))
        self.show_node(None)

    # ------------------------------------------------------------ model → panel
    def show_node(self, node_id: str | None) -> None:
        self.node_id = node_id if node_id in self.document.diagram else None
        self._load()

    def _on_change(self, change: Change) -> None:
        """Reload only when the change concerns the node shown (or removed it)."""
        if self.node_id is None:
            return
        if self.node_id not in self.document.diagram:
            self.node_id = None
            self._load()
        elif change.concerns(self.node_id):
            self._load()

    def _load(self) -> None:
        self._loading = True
        try:
            enabled = self.node_id is not None
            for w in (self.text, self.description, self.tags, self.strength, self.colour, self.plain_colour):
                w.setEnabled(enabled)
            if not enabled:
                self._clear_links()
                self.heading.setText("Select a node to see its details.")
                for w in (self.text, self.description):
                    w.setPlainText("")
                self.tags.setText("")
                self._show_colour(None)
                return
            d = self.document.diagram
            node = d.node(self.node_id)
            self.heading.setText(f"<b>{node.kind.label.capitalize()}</b>")
            for w, value in ((self.text, node.text), (self.description, node.description)):
                if w.toPlainText() != value:
                    w.setPlainText(value)
            tags = ", ".join(node.tags)
            if self._tag_list() != node.tags:
                self.tags.setText(tags)
            scored = node.kind in SCORED_KINDS
            self.strength.setEnabled(scored)
            self.strength.setMinimum(1 if node.kind is NodeKind.ANTI_DRIVER else 0)
            self.strength.setValue(node.strength or 0)
            self._show_colour(node)
            self._load_links()
        finally:
            self._loading = False

    def _clear_links(self) -> None:
        self._links_shown = None
        while self.links_box.count():
            item = self.links_box.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
            elif item.layout():
                layout = item.layout()
                while layout.count():
                    w = layout.takeAt(0).widget()
                    if w:
                        w.deleteLater()

    def _load_links(self) -> None:
        """The node's links, each a row; made again only when what they say has changed (an
        edit of the node's own text, typed or undone, leaves them as they are)."""
        d = self.document.diagram
        nid = self.node_id
        links = [lk for lk in d.links() if nid in (lk.source, lk.target)]
        shown = (nid, tuple((lk.source, lk.target, lk.kind, lk.strength) for lk in links))
        shown += tuple(describe(d.node(lk.target if lk.source == nid else lk.source)) for lk in links)
        shown += tuple(len(d.parents(lk.target)) == 1 for lk in links if lk.kind is LinkKind.DRIVES)
        if shown == self._links_shown:
            return
        self._clear_links()
        self._links_shown = shown
        if not links:
            self.links_box.addWidget(QLabel("No links."))
        chain: list[QWidget] = [self.colour, self.plain_colour]  # Tab goes on down the links, as they read
        for lk in links:
            other = d.node(lk.target if lk.source == nid else lk.source)
            verb = {
                LinkKind.DRIVES: "from" if lk.target == nid else "to",
                LinkKind.HINDERS: "hinders" if lk.source == nid else "hindered by",
                LinkKind.COUNTERS: "counters" if lk.source == nid else "countered by",
            }[lk.kind]
            row = QHBoxLayout()
            link = f"{verb} {describe(other)}"
            label = QLabel(link)
            label.setWordWrap(True)
            row.addWidget(label, 1)
            if lk.kind is LinkKind.DRIVES:
                weak = QCheckBox("weak")
                weak.setAccessibleName(f"Weak link {link}")
                weak.setToolTip("A weak or uncertain link, drawn dashed (Space ticks it)")
                chain.append(weak)
                weak.setChecked(lk.strength is LinkStrength.WEAK)
                weak.toggled.connect(
                    lambda on, s=lk.source, t=lk.target: self.document.set_link_strength(
                        s, t, LinkStrength.WEAK if on else LinkStrength.STRONG
                    )
                )
                row.addWidget(weak)
            only_parent = lk.kind is LinkKind.DRIVES and len(d.parents(lk.target)) == 1
            if lk.kind is not LinkKind.HINDERS and not only_parent:
                remove = QPushButton("Unlink")
                remove.setAccessibleName(f"Unlink {link}")
                remove.setToolTip("Remove this link (a node keeps at least one parent; Ctrl+Z brings it back)")
                chain.append(remove)
                remove.clicked.connect(lambda _=False, s=lk.source, t=lk.target: self.document.unlink(s, t))
                row.addWidget(remove)
            self.links_box.addLayout(row)
        for a, b in itertools.pairwise(chain):  # (made after the panel: else they would come last of the window)
            QWidget.setTabOrder(a, b)

    # ------------------------------------------------------------ panel → model
    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if e.type() == QEvent.Type.FocusIn:
            self._burst[obj] = next(_bursts)  # a new typing burst: a new undo step
        return super().eventFilter(obj, e)

    def _edit(self, widget: QObject, **changes) -> None:
        if self._loading or self.node_id is None:
            return
        burst = ("panel", self._burst.setdefault(widget, next(_bursts)))
        self.document.edit_fields(self.node_id, burst=burst, **changes)

    def _tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.text().split(",") if t.strip()]

    def _strength_changed(self, value: int) -> None:
        if self._loading or self.node_id is None:
            return
        self.document.edit_fields(self.node_id, strength=value or None)

    def _show_colour(self, node) -> None:
        """The colour button as a swatch of the box's fill: its own colour, or its kind's."""
        if node is None:
            self.colour.setText("Kind's colour")
            self.colour.setStyleSheet("")
            return
        style = node_style(node.kind, node.colour, is_dark())  # as the canvas paints it
        self.colour.setText(node.colour or "Kind's colour")
        self.colour.setStyleSheet(f"background-color: {style.fill}; color: {style.text};")
        self.plain_colour.setEnabled(bool(node.colour))

    def _choose_colour(self) -> None:
        if self.node_id is None:
            return
        node = self.document.diagram.node(self.node_id)
        start = QColor(node_style(node.kind, node.colour, is_dark()).fill)
        chosen = QColorDialog.getColor(start, self, "Box colour")
        if chosen.isValid():
            self._set_colour(chosen.name())  # "#rrggbb"

    def _set_colour(self, colour: str) -> None:
        if self.node_id is not None and not self._loading:
            self.document.edit_fields(self.node_id, colour=colour)

    def focus_text(self) -> None:
        self.text.setFocus(Qt.FocusReason.ShortcutFocusReason)

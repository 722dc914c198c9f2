"""A list of sentences under headings (the Gaps and Changes panels) that reads each sentence
whole: rows are wrapped to the panel's width, and again when the panel is resized.

(A QTreeWidget's own word wrap sizes its rows before it knows their width, so long rows
stay one line and are cut off.)
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from .accessible import focus_ring

FULL = Qt.ItemDataRole.UserRole + 7  # a row's whole sentence, unwrapped


def wrap(text: str, metrics: QFontMetrics, width: int) -> str:
    """`text` with line breaks so that no line is wider than `width` pixels (a word longer
    than that keeps its own line)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and metrics.horizontalAdvance(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return "\n".join(lines)


class WrappedTree(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(False)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._width = 0
        focus_ring(self)

    def add_group(self, title: str) -> QTreeWidgetItem:
        """A bold heading row that holds rows and is not itself selectable."""
        group = QTreeWidgetItem([title])
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.addTopLevelItem(group)
        return group

    def add_row(self, group: QTreeWidgetItem, text: str) -> QTreeWidgetItem:
        """A row under `group`, wrapped to the panel's width; its tooltip is the sentence."""
        row = QTreeWidgetItem()
        row.setData(0, FULL, text)
        row.setToolTip(0, text)
        group.addChild(row)
        self._wrap_row(row)
        return row

    def full_text(self, row: QTreeWidgetItem) -> str:
        return str(row.data(0, FULL) or row.text(0))

    def _room(self) -> int:
        return max(80, self.viewport().width() - 2 * self.indentation() - 12)

    def _wrap_row(self, row: QTreeWidgetItem) -> None:
        row.setText(0, wrap(self.full_text(row), QFontMetrics(self.font()), self._room()))

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        if self._room() != self._width:
            self._width = self._room()
            for i in range(self.topLevelItemCount()):
                group = self.topLevelItem(i)
                for j in range(group.childCount()):
                    self._wrap_row(group.child(j))

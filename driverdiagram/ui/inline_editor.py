"""Typing a node's text in place, as in mind-map apps and outliners.

Enter commits (and, for a node being created, goes on to a new sibling, as outliners do),
Shift+Enter starts a new line, Escape cancels, Tab commits and adds a child. Clicking
elsewhere commits. The canvas decides what follows; the editor reports which key ended it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QWidget

from .fonts import register_fonts
from .theme import is_dark

LIGHT_SHEET = "QPlainTextEdit { background: #FFFFFF; color: #111111; border: 2px solid #D86613; }"
DARK_SHEET = "QPlainTextEdit { background: #1E1F22; color: #E6E6E6; border: 2px solid #F4B183; }"


class InlineEditor(QPlainTextEdit):
    committed = Signal(str, str, str)  # node id, text, the key that ended it: "enter", "tab" or ""
    cancelled = Signal(str)  # node id

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.node_id: str | None = None
        self.setFrameShape(QFrame.Shape.Box)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTabChangesFocus(False)
        self.setStyleSheet(LIGHT_SHEET)
        self.textChanged.connect(self._grow)
        self._min_height = 0
        self.hide()

    def _grow(self) -> None:
        """Grow downwards with the text, so every line typed stays in view."""
        if not self.isVisible():
            return
        lines = max(1, round(self.document().documentLayout().documentSize().height()))
        chrome = self.height() - self.viewport().height()  # frame and border, as styled
        margin = 2 * self.document().documentMargin() + 2
        want = max(self._min_height, round(lines * self.fontMetrics().lineSpacing() + chrome + margin))
        if want != self.height():
            self.resize(self.width(), want)
        # Wrapped lines are laid out lazily; while anything still scrolls, add a line (bounded).
        for _ in range(40):
            if self.verticalScrollBar().maximum() == 0:
                break
            self.resize(self.width(), self.height() + self.fontMetrics().lineSpacing())

    @property
    def active(self) -> bool:
        return self.node_id is not None

    def start(self, node_id: str, text: str, geometry, point_size: float, *, select_all: bool = True) -> None:
        self.node_id = node_id
        sheet = DARK_SHEET if is_dark() else LIGHT_SHEET  # (the scheme may have switched since)
        if self.styleSheet() != sheet:
            self.setStyleSheet(sheet)
        font = QFont(register_fonts())
        font.setPointSizeF(max(6.0, point_size))
        self.setFont(font)
        self.setPlainText(text)
        self._min_height = geometry.height()
        self.setGeometry(geometry)
        self.show()
        self._grow()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        if select_all:
            self.selectAll()
        else:
            cursor = self.textCursor()
            cursor.movePosition(cursor.MoveOperation.End)
            self.setTextCursor(cursor)

    def _finish(self) -> str | None:
        node_id, self.node_id = self.node_id, None
        self.hide()
        return node_id

    def commit(self, key: str = "") -> None:
        text = self.toPlainText().strip()
        node_id = self._finish()
        if node_id is not None:
            self.committed.emit(node_id, text, key)

    def cancel(self) -> None:
        node_id = self._finish()
        if node_id is not None:
            self.cancelled.emit(node_id)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        key, mods = e.key(), e.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods & Qt.KeyboardModifier.ShiftModifier:
            self.commit("enter")
        elif key == Qt.Key.Key_Escape:
            self.cancel()
        elif key == Qt.Key.Key_Tab:
            self.commit("tab")
        else:
            super().keyPressEvent(e)

    def event(self, e: QEvent) -> bool:
        # Tab must reach keyPressEvent rather than move the focus.
        if e.type() == QEvent.Type.KeyPress and e.key() == Qt.Key.Key_Tab:
            self.keyPressEvent(e)
            return True
        return super().event(e)

    def focusOutEvent(self, e) -> None:
        super().focusOutEvent(e)
        if self.active and e.reason() != Qt.FocusReason.PopupFocusReason:
            self.commit()

"""Typing a node's text in an Outline row, and painting a row with its muted mark.

`RowEditor` is the line the text is typed in: Enter, Tab and Ctrl+B finish it and say which
key did (the outline then goes on as the canvas does: a sibling, a child, a barrier),
Escape cancels, leaving the row finishes. Any other window shortcut pressed while typing
(Ctrl+S, Ctrl+L, Ctrl+M, Alt+F …) finishes the typing first, so it acts on the text typed.
`RowDelegate` makes the editor and never writes into the tree itself: the outline sends
the text to the document, and the row shows what the model then says.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPointF, QRect, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeyEvent, QKeySequence, QPainter, QPalette, QPixmap, QPolygonF
from PySide6.QtWidgets import QApplication, QLineEdit, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ..layout.style import node_style
from ..model import NodeKind

MARK = Qt.ItemDataRole.UserRole + 11  # a row's muted mark ("also under: …", "counters"), painted after its text
ENDS = {Qt.Key.Key_Return: "enter", Qt.Key.Key_Enter: "enter", Qt.Key.Key_Tab: "tab"}
SHORTCUT_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
SHORTCUT_MODIFIERS |= Qt.KeyboardModifier.MetaModifier
MODIFIER_KEYS = {Qt.Key.Key_Control, Qt.Key.Key_Shift, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr}
MODIFIER_KEYS |= {Qt.Key.Key_CapsLock, Qt.Key.Key_Super_L, Qt.Key.Key_Super_R}


def is_barrier_key(e: QKeyEvent) -> bool:
    """Ctrl+B (the window's "add barrier"), which the outline handles itself when it has the keys."""
    return e.key() == Qt.Key.Key_B and e.modifiers() == Qt.KeyboardModifier.ControlModifier


def window_shortcut(widget: QWidget, e: QKeyEvent) -> bool:
    """Whether a key is one of the window's shortcuts (or a menu's Alt+letter), not just a
    modifier pressed on its own."""
    if e.key() in MODIFIER_KEYS:
        return False
    pressed = QKeySequence(e.keyCombination())
    for action in widget.window().findChildren(QAction):
        if action.isEnabled() and any(
            s.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch for s in action.shortcuts()
        ):
            return True
    return e.modifiers() == Qt.KeyboardModifier.AltModifier


class RowEditor(QLineEdit):
    committed = Signal(str, str, str)  # node id, text, the key that ended it: "enter", "tab", "anti" or ""
    cancelled = Signal(str)  # node id

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("outline-editor")
        self.setAccessibleName("Text of the node")
        self.setAccessibleDescription(
            "Enter: done (a new node: and another) · Tab: done, and add a child · Escape: cancel"
        )
        self.node_id = ""
        self.started = False
        self.done = False

    def begin(self, node_id: str, text: str) -> None:
        self.node_id, self.started = node_id, True
        self.setText(text)

    def finish(self, key: str = "") -> None:
        if not self.done:
            self.done = True
            self.committed.emit(self.node_id, self.text().strip(), key)

    def cancel(self) -> None:
        if not self.done:
            self.done = True
            self.cancelled.emit(self.node_id)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        plain = not e.modifiers() & (SHORTCUT_MODIFIERS | Qt.KeyboardModifier.ShiftModifier)
        if e.key() in ENDS and plain:
            self.finish(ENDS[Qt.Key(e.key())])
        elif e.key() == Qt.Key.Key_Escape:
            self.cancel()
        elif is_barrier_key(e):
            self.finish("anti")
        else:
            super().keyPressEvent(e)

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.KeyPress and e.key() == Qt.Key.Key_Tab:  # not to the next widget
            self.keyPressEvent(e)
            return True
        if e.type() == QEvent.Type.ShortcutOverride:
            handled = super().event(e)
            if e.isAccepted():  # the line's own key (Ctrl+Z, Ctrl+Left, …)
                return handled
            if is_barrier_key(e):
                e.accept()
                return True
            if window_shortcut(self, e):
                self.finish()  # a window shortcut follows: it acts on the text typed
            return handled
        return super().event(e)

    def focusOutEvent(self, e) -> None:
        super().focusOutEvent(e)
        if e.reason() != Qt.FocusReason.PopupFocusReason:
            self.finish()


class RowDelegate(QStyledItemDelegate):
    """Rows with a muted mark after their text; the editor for a node's text."""

    typed = Signal()  # a key typed in a row's text (autosave keeps the text so far)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.pending: tuple[str, str] = ("", "")  # the node and the text the next editor starts with
        self.current_editor: RowEditor | None = None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        editor = RowEditor(parent)
        editor.textEdited.connect(self.typed)
        self.current_editor = editor
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, RowEditor) and not editor.started:  # (never again: the row may repaint)
            editor.begin(*self.pending)

    def setModelData(self, editor: QWidget, model, index) -> None:
        if isinstance(editor, RowEditor):  # the view ends the editing (another row was chosen)
            editor.finish()

    def eventFilter(self, obj, e: QEvent) -> bool:
        return False  # the editor's keys and focus are its own (see RowEditor)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        mark = index.data(MARK)
        if not mark:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        text, opt.text = opt.text, ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect: QRect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget).adjusted(2, 0, -2, 0)
        fm = opt.fontMetrics
        gap = fm.horizontalAdvance("   ")
        mark_w = min(fm.horizontalAdvance(mark) + 3, int(rect.width() * 0.4))  # the row's own text comes first
        shown = fm.elidedText(text, Qt.TextElideMode.ElideRight, max(0, rect.width() - mark_w - gap))
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        active = bool(opt.state & QStyle.StateFlag.State_Active)
        group = QPalette.ColorGroup.Normal if active else QPalette.ColorGroup.Inactive
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        colour = opt.palette.color(group, role)
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(colour)
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        painter.drawText(rect, align, shown)
        left = rect.left() + fm.horizontalAdvance(shown) + gap
        muted = QColor(colour)
        muted.setAlpha(150)
        painter.setPen(muted)
        room = QRect(left, rect.top(), max(0, rect.left() + rect.width() - left), rect.height())
        mark = fm.elidedText(mark, Qt.TextElideMode.ElideRight, room.width())
        painter.drawText(
            room.adjusted(0, 0, 2, 0), align, mark
        )  # (2 px: the metrics and the painter may differ by one)
        painter.restore()


@cache
def blank() -> QIcon:
    """No box, as wide as one: a measure's or a note's text lines up with its node's children."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    return QIcon(pixmap)


@cache
def swatch(kind: NodeKind, colour: str = "", dark: bool = False) -> QIcon:
    """A small box in the node's own colours, as on the canvas (the kind at a glance)."""
    style = node_style(kind, colour, dark)
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QColor(style.border))
    p.setBrush(QColor(style.fill))
    if kind is NodeKind.ANTI_DRIVER:  # a barrier: a warning triangle
        p.drawPolygon(QPolygonF([QPointF(1.5, 12.5), QPointF(7, 1.5), QPointF(12.5, 12.5)]))
    else:
        p.drawRoundedRect(1.5, 2.5, 11, 9, 2, 2)
    p.end()
    return QIcon(pixmap)

"""The parking lot's rows: newest first, each the idea in up to three wrapped lines over a
smaller grey line with the day it was kept and the node it is about; and the delegate that
paints them and lets the text be typed over in place (Enter keeps it, Escape does not).

The delegate never writes the model: an edit in place becomes the panel's `text_edited`
signal, which the feature turns into one undo step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ..model import ParkingItem
from .accessible import draw_row_focus
from .note_pins import short
from .theme import ink as muted
from .theme import is_dark

if TYPE_CHECKING:
    from .parking_panel import ParkingPanel

COLLECTION = "parking_lot"
ITEM_ID = Qt.ItemDataRole.UserRole
LINES = Qt.ItemDataRole.UserRole + 1  # (the text on one line, "6 Jan 2026 · About: …")
MUTED = "#595959"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def newest_first(items: tuple[ParkingItem, ...]) -> list[ParkingItem]:
    """By the day kept, newest first; of one day, the one added last first."""
    order = sorted(range(len(items)), key=lambda i: (items[i].created, i), reverse=True)
    return [items[i] for i in order]


def row_lines(item: ParkingItem, about: str | None) -> tuple[str, str]:
    """What a row says: the text (on one line), and the day and the node it is about."""
    day = f"{item.created.day} {_MONTHS[item.created.month - 1]} {item.created.year}"
    return short(item.text, 400) or "(empty)", f"{day} · {f'About: {about}' if about else 'About the whole plan'}"


def wrap(fm: QFontMetrics, text: str, width: int, most: int) -> list[str]:
    """`text` in lines of at most `width` pixels, broken between words: at most `most`
    lines, the last one ending in "…" when there is more."""
    words = text.split(" ")
    lines: list[str] = []
    line = ""
    for i, word in enumerate(words):
        longer = f"{line} {word}" if line else word
        if not line or fm.horizontalAdvance(longer) <= width:
            line = longer
            continue
        lines.append(line)
        if len(lines) == most - 1:
            line = " ".join(words[i:])
            break
        line = word
    lines.append(line)
    return [fm.elidedText(x, Qt.TextElideMode.ElideRight, width) for x in lines]


class ParkingDelegate(QStyledItemDelegate):
    """A row: the idea, in up to three lines, then the day and the node in a smaller grey
    line, each cut short to the width. Editing in place types over the text (a line edit)."""

    PAD = 5
    MOST = 3  # lines of the idea's text

    def __init__(self, panel: ParkingPanel) -> None:
        super().__init__(panel)
        self.panel = panel

    def _width(self) -> int:
        return max(80, self.panel.list.viewport().width() - 2 * self.PAD - 2)

    def _small(self, font: QFont) -> QFont:
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() * 0.92)
        return small

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        text, _ = index.data(LINES) or ("", "")
        n = len(wrap(option.fontMetrics, text, self._width(), self.MOST))
        small = QFontMetrics(self._small(option.font)).lineSpacing()
        return QSize(200, n * option.fontMetrics.lineSpacing() + small + 2 * self.PAD + 3)

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, p, option.widget)
        text, byline = index.data(LINES) or ("", "")
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = option.rect.adjusted(self.PAD + 2, self.PAD, -self.PAD, -self.PAD)
        ink = (option.palette.highlightedText() if selected else option.palette.text()).color()
        h = option.fontMetrics.lineSpacing()
        p.save()
        p.setFont(option.font)
        p.setPen(ink)
        y = rect.y()
        for line in wrap(option.fontMetrics, text, rect.width(), self.MOST):
            p.drawText(QRect(rect.x(), y, rect.width(), h), Qt.AlignmentFlag.AlignVCenter, line)
            y += h
        small = self._small(option.font)
        p.setFont(small)
        p.setPen(ink if selected else muted(MUTED))
        metrics = QFontMetrics(small)
        box = QRect(rect.x(), y + 3, rect.width(), metrics.lineSpacing())
        p.drawText(
            box, Qt.AlignmentFlag.AlignVCenter, metrics.elidedText(byline, Qt.TextElideMode.ElideRight, box.width())
        )
        if not selected:  # a hairline between rows
            p.setPen(QColor("#3A3C40" if is_dark() else "#E0E0E0"))
            p.drawLine(
                option.rect.left() + self.PAD,
                option.rect.bottom(),
                option.rect.right() - self.PAD,
                option.rect.bottom(),
            )
        p.restore()
        draw_row_focus(p, option, option.widget)

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        editor = QPlainTextEdit(parent)
        editor.setTabChangesFocus(True)
        editor.setToolTip("Enter keeps it, Shift+Enter starts a new line, Escape leaves it as it was")
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QPlainTextEdit)
        item = self.panel.item_of(index.data(ITEM_ID))
        editor.setPlainText(item.text if item is not None else "")
        editor.selectAll()

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        editor.setGeometry(option.rect)  # the whole row: the text is typed where it is read

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        """Enter keeps the text and goes no further (the list would open the dialog);
        Shift+Enter is a new line."""
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, QPlainTextEdit):
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            ):
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
                return True
        return super().eventFilter(editor, event)

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """Not into the list: the panel asks for an edit, once the editor has closed."""
        assert isinstance(editor, QPlainTextEdit)
        item_id, text = index.data(ITEM_ID), editor.toPlainText().strip()
        QTimer.singleShot(0, self.panel, lambda: self.panel.text_edited.emit(item_id, text))

"""The legend: a small card over the canvas's bottom-left corner saying what the colours,
lines and badges mean (View ▸ Show Legend, remembered under "view/legend").

It paints with the canvas's own colours (layout/style.py, the badges' and pins' colours),
in the current colour scheme, so it cannot drift from what the boxes look like. It is a child of the canvas, not of its
viewport, so it stays put while the diagram scrolls, and it lets every click through.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSettings, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from ..colour_math import text_for
from ..layout.style import edge_style
from ..model import LinkKind, MeasureType, NodeKind
from .measure_badges import TYPE_COLOURS, MeasureBadge, badge_colours
from .note_pins import GAP_COLOUR, NotePin, pin_colours
from .theme import canvas_palette

LEGEND_SETTING = "view/legend"
KINDS = (
    (NodeKind.OUTCOME, "Outcome"),
    (NodeKind.PRIMARY, "Primary driver"),
    (NodeKind.SECONDARY, "Secondary driver"),
    (NodeKind.CHANGE_IDEA, "Change idea"),
    (NodeKind.ANTI_DRIVER, "Barrier"),
)
LINKS = (
    (LinkKind.DRIVES, False, "Drives"),
    (LinkKind.DRIVES, True, "Drives, weakly"),
    (LinkKind.HINDERS, False, "Hinders"),
    (LinkKind.COUNTERS, False, "Counters a barrier"),
)
MEASURES_TEXT = "Measures (ring: status)"
NOTES_TEXT = "Notes (red: open gap)"
SWATCH_W, SWATCH_H, GAP, MARGIN = 24.0, 11.0, 7.0, 7.0
SECTION_GAP = 5.0  # between the boxes and the lines


def legend_remembered() -> bool:
    return bool(QSettings().value(LEGEND_SETTING, False, type=bool))


def remember_legend(on: bool) -> None:
    QSettings().setValue(LEGEND_SETTING, on)


class Legend(QWidget):
    """One narrow column (it sits in the outcome column's empty corner): the box kinds,
    then the links, the measures badge and the notes pin."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("canvas-legend")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        font = QFont(self.font())
        font.setPointSizeF(8.0)
        self.setFont(font)
        self.resize(self.sizeHint())

    def _row_h(self) -> float:
        return max(SWATCH_H, QFontMetricsF(self.font()).height()) + 3

    def sizeHint(self) -> QSize:
        fm = QFontMetricsF(self.font())
        texts = [t for _, t in KINDS] + [t for *_, t in LINKS] + [MEASURES_TEXT, NOTES_TEXT]
        width = 2 * MARGIN + SWATCH_W + GAP + max(fm.horizontalAdvance(t) for t in texts)
        rows = len(KINDS) + len(LINKS) + 2
        return QSize(round(width) + 2, round(2 * MARGIN + rows * self._row_h() + SECTION_GAP))

    def paintEvent(self, e: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        colours = canvas_palette()
        card = QColor(colours.card)
        card.setAlpha(236)
        p.setPen(QPen(QColor(colours.card_edge), 1.0))
        p.setBrush(card)
        p.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        rh, x, y = self._row_h(), MARGIN, MARGIN
        tx = x + SWATCH_W + GAP
        for kind, text in KINDS:
            self._box(p, QRectF(x, y + (rh - SWATCH_H) / 2, SWATCH_W, SWATCH_H), kind)
            self._text(p, tx, y, rh, text)
            y += rh
        y += SECTION_GAP
        for kind, weak, text in LINKS:
            self._link(p, x, y + rh / 2, kind, weak)
            self._text(p, tx, y, rh, text)
            y += rh
        self._pill(p, QRectF(x + 1, y + (rh - 11) / 2, SWATCH_W - 2, 11))
        self._text(p, tx, y, rh, MEASURES_TEXT)
        y += rh
        self._pin(p, QRectF(x + (SWATCH_W - 14) / 2, y + (rh - 12) / 2, 14, 11))
        self._text(p, tx, y, rh, NOTES_TEXT)
        p.end()

    def _text(self, p: QPainter, x: float, y: float, rh: float, text: str) -> None:
        p.setPen(QColor(canvas_palette().card_text))
        p.setFont(self.font())
        p.drawText(QRectF(x, y, self.width() - x, rh), Qt.AlignmentFlag.AlignVCenter, text)

    def _box(self, p: QPainter, r: QRectF, kind: NodeKind) -> None:
        style = canvas_palette().nodes[kind]
        p.setPen(QPen(QColor(style.border), max(1.0, style.border_width)))
        p.setBrush(QColor(style.fill))
        if kind is NodeKind.ANTI_DRIVER:  # cut corners, as on the canvas
            c = 3.5
            p.drawPolygon(
                QPolygonF(
                    [
                        QPointF(r.left() + c, r.top()),
                        QPointF(r.right() - c, r.top()),
                        QPointF(r.right(), r.top() + c),
                        QPointF(r.right(), r.bottom() - c),
                        QPointF(r.right() - c, r.bottom()),
                        QPointF(r.left() + c, r.bottom()),
                        QPointF(r.left(), r.bottom() - c),
                        QPointF(r.left(), r.top() + c),
                    ]
                )
            )
        else:
            p.drawRoundedRect(r, 3, 3)

    def _link(self, p: QPainter, x: float, y: float, kind: LinkKind, weak: bool) -> None:
        style = edge_style(kind, weak, canvas_palette().dark)
        width = max(1.0, style.width * 1.4)
        pen = QPen(QColor(style.colour), width)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if style.dash:
            pen.setDashPattern([v * 1.4 / width for v in style.dash])
        p.setPen(pen)
        end = x + SWATCH_W - (3 if kind is LinkKind.HINDERS else 0)
        p.drawLine(QPointF(x, y), QPointF(end, y))
        if kind is LinkKind.HINDERS:  # the blunt bar against the target
            solid = QPen(QColor(style.colour), width)
            p.setPen(solid)
            p.drawLine(QPointF(end, y - 5), QPointF(end, y + 5))

    def _pill(self, p: QPainter, r: QRectF) -> None:
        fill, ring = badge_colours(MeasureBadge(1, TYPE_COLOURS[MeasureType.PROCESS], "on_track", ""), self._dark())
        p.setPen(QPen(QColor(ring), 1.4))
        p.setBrush(QColor(fill))
        p.drawRoundedRect(r, r.height() / 2, r.height() / 2)
        self._badge_text(p, r, "1 M", fill)

    def _pin(self, p: QPainter, r: QRectF) -> None:
        bubble, tail = QPainterPath(), QPainterPath()
        bubble.addRoundedRect(r, r.height() / 2, r.height() / 2)
        x, y = r.left(), r.bottom()
        tail.addPolygon(QPolygonF([QPointF(x + 1.5, y - 4), QPointF(x + 5, y - 1.5), QPointF(x - 1.5, y + 1.5)]))
        fill = pin_colours(NotePin(1, GAP_COLOUR, ""), self._dark())
        p.setPen(QPen(QColor(canvas_palette().rim), 1.0))
        p.setBrush(QColor(fill))
        p.drawPath(bubble.united(tail))
        self._badge_text(p, r, "1", fill)

    @staticmethod
    def _dark() -> bool:
        return canvas_palette().dark

    def _badge_text(self, p: QPainter, r: QRectF, text: str, fill: str) -> None:
        font = QFont(self.font())
        font.setPointSizeF(6.0)
        font.setBold(True)
        p.setFont(font)
        p.setPen(QColor(text_for(fill)))
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, text)

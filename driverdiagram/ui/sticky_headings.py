"""The column headings kept at the top of the canvas while the diagram scrolls under them.

The scene's heading items stay where the layout put them, above the columns. Once the view
is scrolled past them, the view paints the same headings again over the diagram, in a light
band along the top of the viewport (`Canvas.drawForeground`), at the columns' x so that
they scroll sideways with the columns. The band is the view's alone: it is not an item, so
it catches no clicks (a click on it reaches the node under it) and nothing that renders the
scene paints it.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from ..layout.geometry import Heading
from .fonts import bold_font
from .items import draw_lines
from .theme import canvas_palette

BAND_ALPHA = 250  # the band is the canvas's background, nearly opaque
PAD = 0.45  # above and below the text, in heading sizes


def band_height(size: float) -> float:
    """The band's height in scene units, for headings of `size` points."""
    return size * (1.25 + 2 * PAD)


def sticky_band(visible: QRectF, headings: tuple[Heading, ...] | list[Heading], size: float) -> QRectF | None:
    """The band in scene coordinates when the headings have scrolled out of `visible` (the
    part of the scene the viewport shows), else None: they are in view where they are."""
    if not headings:
        return None
    natural = min(h.y for h in headings)  # the headings' baseline
    if visible.top() + size * (1 + PAD) <= natural:
        return None
    return QRectF(visible.left(), visible.top(), visible.width(), band_height(size))


def paint_sticky_headings(
    p: QPainter, visible: QRectF, headings: tuple[Heading, ...] | list[Heading], size: float
) -> QRectF | None:
    """Paint the band and the headings in it (scene coordinates); returns the band, or None."""
    band = sticky_band(visible, headings, size)
    if band is None:
        return None
    natural = min(h.y for h in headings)
    baseline = band.top() + size * (1 + PAD)
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    colours = canvas_palette()
    fill = QColor(colours.background)
    fill.setAlpha(BAND_ALPHA)
    p.setBrush(fill)
    p.drawRect(band)
    edge = QPen(QColor(colours.band_edge), 1.0)
    edge.setCosmetic(True)
    p.setPen(edge)
    p.drawLine(QLineF(band.bottomLeft(), band.bottomRight()))
    p.setPen(QColor(colours.heading))
    for h in headings:
        draw_lines(p, bold_font(), [h.text], h.x, baseline + (h.y - natural), 0, size)
    p.restore()
    return band

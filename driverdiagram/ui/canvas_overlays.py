"""What the canvas paints over the diagram, in the view and not in the scene: the column
headings kept at the top while the diagram scrolls (sticky_headings.py) and the legend card
in the bottom-left corner (legend.py). Part of `Canvas`, which provides `diagram_scene`,
`legend_card` and `_zoom`.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsView

from .legend import remember_legend
from .sticky_headings import band_height, paint_sticky_headings, sticky_band

SCREEN_SCALE = 96 / 72  # scene units are points; at 100 % a 10 pt font looks as on paper


class CanvasOverlays:
    painted = False  # whether the canvas has been painted yet (until then a resize reflows at once)

    def _headings(self: QGraphicsView) -> tuple[tuple, float]:
        g = self.diagram_scene.geometry
        return (g.headings, g.options.font_size) if g is not None else ((), 0.0)

    def visible_scene_rect(self: QGraphicsView) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def sticky_rect(self: QGraphicsView) -> QRect | None:
        """The band of column headings over the top of the viewport (viewport pixels), or
        None while the headings are in view where the layout put them."""
        band = sticky_band(self.visible_scene_rect(), *self._headings())
        return self.mapFromScene(band).boundingRect() if band is not None else None

    def drawForeground(self: QGraphicsView, painter: QPainter, rect: QRectF) -> None:
        super().drawForeground(painter, rect)
        self.painted = True
        headings, size = self._headings()
        if headings:
            paint_sticky_headings(painter, self.visible_scene_rect(), headings, size)

    def _repaint_band(self: QGraphicsView, dy: int) -> None:
        """After a scroll: Qt moved the pixels, the band with them; paint the top again."""
        headings, size = self._headings()
        if headings:
            band = band_height(size) * self._zoom * SCREEN_SCALE
            self.viewport().update(QRect(0, 0, self.viewport().width(), round(band + abs(dy)) + 2))

    def show_legend(self: QGraphicsView, on: bool) -> None:
        """View ▸ Show Legend (remembered for next time)."""
        self.legend_card.setVisible(on)
        self._place_legend()
        remember_legend(on)

    def legend_shown(self: QGraphicsView) -> bool:
        return not self.legend_card.isHidden()

    def _place_legend(self: QGraphicsView) -> None:
        card, vp = self.legend_card, self.viewport().geometry()
        card.resize(card.sizeHint())
        card.move(vp.left() + 10, vp.bottom() + 1 - card.height() - 10)
        card.raise_()

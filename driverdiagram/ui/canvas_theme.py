"""The canvas in the app's colour scheme (theme.py): its background, and a repaint in the
new colours when the scheme switches.

Items read their colours as they paint (`theme.canvas_palette()`), but a node keeps a
cached picture and a link a ready-made pen: those are made again here, once per switch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor

from .theme import canvas_palette, current

if TYPE_CHECKING:
    from .canvas import Canvas


class CanvasScheme(QObject):
    """Keeps one canvas in the current scheme (a child of the canvas: it goes with it)."""

    def __init__(self, canvas: Canvas) -> None:
        super().__init__(canvas)  # (its parent, not an attribute: no cycle keeps a closed window alive)
        self.restyled = 0  # how many switches it has painted (for tests and the look)
        canvas.setBackgroundBrush(QColor(canvas_palette().background))
        current().changed.connect(self.restyle)

    def restyle(self, _dark: bool = False) -> None:
        canvas: Canvas = self.parent()  # type: ignore[assignment]
        canvas.setBackgroundBrush(QColor(canvas_palette().background))
        scene = canvas.diagram_scene
        for node in scene.nodes.values():
            node.update()  # (drops its cached picture; its marks and badges are painted with it)
        for link in scene.edges.values():
            link.restyle()
        scene.update()  # the headings and the marks
        canvas.legend_card.update()
        canvas.viewport().update()  # the sticky headings' band
        self.restyled += 1


def follow_scheme(canvas: Canvas) -> CanvasScheme:
    """Paint `canvas` in the current colour scheme, now and after every switch."""
    return CanvasScheme(canvas)

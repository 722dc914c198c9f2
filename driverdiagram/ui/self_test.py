"""DRIVERDIAGRAM_SELF_TEST=1: start on a diagram, paint it once, say what was painted, quit.

The standalone app's test runs the bundled program this way (on the offscreen platform) to
prove that what PyInstaller gathered — Qt's platform plugin, its image and SVG plugins, the
fonts, the model and layout — is enough to open a diagram and paint it. It prints one JSON
line: the window's title, the boxes on the canvas, and how many of the painted pixels have
the outcome's fill colour (none would mean an empty or black canvas).
"""

from __future__ import annotations

import json
import os


def arm(window) -> bool:
    """When the environment asks for it, report and quit once the canvas has been painted."""
    if not os.environ.get("DRIVERDIAGRAM_SELF_TEST") or not window.editor_ready:
        return False
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from ..layout.style import NODE_STYLES
    from ..model import NodeKind
    from .app import after_first_paint

    def report() -> None:
        image = window.canvas.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
        outcome = bytes.fromhex(NODE_STYLES[NodeKind.OUTCOME].fill.lstrip("#"))
        pixels = bytes(image.constBits())
        line = {
            "title": window.windowTitle(),
            "boxes": len(window.canvas.diagram_scene.nodes),
            "size": [image.width(), image.height()],
            "outcome_pixels": pixels.count(outcome),
        }
        print(json.dumps(line), flush=True)
        QApplication.instance().exit(0)

    after_first_paint(window.canvas.viewport(), report)
    return True

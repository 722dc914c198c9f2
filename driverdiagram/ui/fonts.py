"""The bundled font, registered with Qt once, at the size the canvas paints it."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase

from ..layout.fonts import BOLD, FAMILY, REGULAR, font_path

FONT_PIXELS = 100  # painted at 100 px and scaled: unhinted advances that match the layout


@cache
def register_fonts() -> str:
    """Add the bundled fonts to Qt's database; returns the family name."""
    for name in (REGULAR, BOLD):
        QFontDatabase.addApplicationFont(str(font_path(name)))
    return FAMILY


def _font(bold: bool) -> QFont:
    font = QFont(register_fonts())
    font.setPixelSize(FONT_PIXELS)
    font.setBold(bold)
    font.setKerning(False)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


@cache
def text_font() -> QFont:
    return _font(False)


@cache
def bold_font() -> QFont:
    return _font(True)

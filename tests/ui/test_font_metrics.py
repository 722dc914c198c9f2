"""Qt draws the bundled font with the same advances the layout measured."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF

from driverdiagram.layout.fonts import FAMILY, font_path, metrics

SAMPLES = [
    "Promoted to Associate Professor — ≥ $250k a year → by June 2030",
    "Ελληνικά · Кириллица · “quotes” ‘single’ – — ≤ ≥ ± ×",
    "Zürich, Kraków, São Paulo, Ångström",
    "WAVE Type AV To iiii llll mmmm",
]


def test_qt_and_layout_widths_agree(qapp) -> None:
    families = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(font_path())))
    assert FAMILY in families
    font = QFont(FAMILY)
    font.setPixelSize(100)  # the canvas paints at this size, scaled: advances are unhinted
    font.setKerning(False)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    fm = QFontMetricsF(font)
    m = metrics()
    for text in SAMPLES:
        qt, ours = fm.horizontalAdvance(text), m.width(text, 100)
        assert abs(qt - ours) / ours < 0.005, (text, qt, ours)

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


def test_a_right_to_left_line_ends_at_the_right_of_its_box_on_the_canvas(qapp) -> None:
    """As on paper: Hebrew starts at the box's right, English at its left."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QGraphicsScene

    from driverdiagram.layout import LayoutEngine
    from driverdiagram.model import Diagram
    from driverdiagram.ui.items import NodeItem

    d = Diagram.new("aim")
    he = d.add_node("primary", "מחקר", parent=d.outcome.id).id
    en = d.add_node("primary", "Data", parent=d.outcome.id).id
    g = LayoutEngine().layout(d)
    ink: dict[str, tuple[float, float]] = {}
    for nid in (he, en):
        box = g.boxes[nid]
        scene = QGraphicsScene()
        item = NodeItem(box)
        scene.addItem(item)
        image = QImage(int(box.w * 4), int(box.h * 4), QImage.Format.Format_ARGB32)
        image.fill(0)
        p = QPainter(image)
        scene.render(p, QRectF(image.rect()), QRectF(box.x, box.y, box.w, box.h))
        p.end()
        text = QColor("#FFFFFF").rgb() & 0xFFFFFF  # a primary driver's text is white
        xs = [x for y in range(image.height()) for x in range(image.width()) if image.pixel(x, y) & 0xFFFFFF == text]
        ink[nid] = (min(xs) / image.width(), max(xs) / image.width())
    assert ink[en][0] < 0.15 and ink[en][1] < 0.5, "English from the left"
    assert ink[he][1] > 0.85 and ink[he][0] > 0.5, "Hebrew to the right"

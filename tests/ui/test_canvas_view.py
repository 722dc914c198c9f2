"""The canvas as a user looks at it: the column headings stay at the top while the diagram
scrolls under them, a legend can be shown (and is remembered), and Fit fills the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from driverdiagram.layout.style import HEADING_COLOUR
from driverdiagram.model import load
from driverdiagram.ui.legend import LEGEND_SETTING
from driverdiagram.ui.window_width import REFLOW_MS

CAREER = Path(__file__).resolve().parents[2] / "resources" / "examples" / "career.driver"


@pytest.fixture
def career(window):
    window.resize(1400, 900)
    window.show_diagram(load(CAREER), None)
    QApplication.processEvents()
    return window


def _dark(c: QColor) -> bool:
    return c.lightness() < 140


def _scrolled_down(w) -> None:
    c = w.canvas
    c.set_zoom(1.0)
    QApplication.processEvents()
    bar = c.verticalScrollBar()
    assert bar.maximum() > 200, "the career example is taller than the window at 100 %"
    for _ in range(6):  # step by step, as a wheel does: Qt scrolls pixels, the band must follow
        bar.setValue(bar.value() + bar.maximum() // 10)
        QApplication.processEvents()


def test_headings_stay_at_the_top_while_scrolling(career) -> None:
    c = career.canvas
    assert c.sticky_rect() is None  # at the top the headings are where the layout put them
    _scrolled_down(career)
    band = c.sticky_rect()
    assert band is not None and band.top() <= 1 and 10 < band.height() < 60
    image = c.viewport().grab().toImage()
    headings = c.diagram_scene.geometry.headings
    shown = 0
    for h in headings:
        left = c.mapFromScene(QPointF(h.x, h.y)).x()
        if not 0 <= left < image.width() - 60:
            continue  # scrolled off sideways, with its column
        shown += 1
        pixels = [
            image.pixelColor(x, y)
            for x in range(left, min(image.width(), left + 60))
            for y in range(max(0, band.top()), band.bottom())
        ]
        dark = [p for p in pixels if _dark(p)]
        light = [p for p in pixels if p.lightness() > 235]
        assert dark, f"the heading {h.text!r} is painted in the band"
        assert len(light) > len(pixels) / 2, "on a light band, whatever scrolls under it"
        grey = QColor(HEADING_COLOUR)
        assert any(abs(p.red() - grey.red()) < 40 and abs(p.blue() - grey.blue()) < 40 for p in dark)
    assert shown >= 2
    # the band is only paint: a click on a box under it still selects the box
    visible = c.visible_scene_rect()
    top = c.mapToScene(QPoint(0, band.bottom() - 2)).y()
    item = max(  # the nearest box above: scrolling back up a little is always possible
        (
            n
            for n in c.diagram_scene.nodes.values()
            if n.box.y + n.box.h / 2 < top and visible.left() < n.box.x < visible.right() - n.box.w
        ),
        key=lambda n: n.box.y,
    )
    step = c.mapFromScene(QPointF(0, item.box.y + item.box.h / 2)).y() - (band.bottom() - 2)
    c.verticalScrollBar().setValue(c.verticalScrollBar().value() + step)  # its middle under the band
    QApplication.processEvents()
    top = c.mapToScene(QPoint(0, band.bottom() - 2)).y()
    visible = c.visible_scene_rect()
    under = [
        n
        for n in c.diagram_scene.nodes.values()
        if n.box.y < top < n.box.y + n.box.h and visible.left() < n.box.x + n.box.w / 2 < visible.right()
    ]
    assert item in under, "at this scroll a box lies under the band"
    point = c.mapFromScene(QPointF(item.box.x + item.box.w / 2, top))
    c.diagram_scene.clearSelection()
    QTest.mouseClick(c.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert c.diagram_scene.selected_ids() == [item.node_id]
    # back at the top: no band, the headings in their place
    c.verticalScrollBar().setValue(c.verticalScrollBar().minimum())
    QApplication.processEvents()
    assert c.sticky_rect() is None


def test_headings_scroll_sideways_with_their_columns(career) -> None:
    c = career.canvas
    career.act_fit_width.trigger()  # off: the natural widths, wider than the window at 100 %
    assert not c.fits_window_width()
    _scrolled_down(career)
    heading = c.diagram_scene.geometry.headings[1]
    before = c.mapFromScene(QPointF(heading.x, heading.y)).x()
    c.horizontalScrollBar().setValue(c.horizontalScrollBar().value() + 50)
    QApplication.processEvents()
    assert c.mapFromScene(QPointF(heading.x, heading.y)).x() == before - 50
    assert c.sticky_rect() is not None


def test_legend_toggles_and_is_remembered(career) -> None:
    c = career.canvas
    act = career.act_legend
    assert not act.isChecked() and not c.legend_shown()
    view_menu = career._menus["view"]
    assert act in view_menu.actions()
    act.trigger()
    QApplication.processEvents()
    card = c.legend_card
    assert act.isChecked() and c.legend_shown() and card.isVisible()
    assert QSettings().value(LEGEND_SETTING, False, type=bool) is True
    # in the bottom-left corner of the canvas, small, and it lets clicks through
    vp = c.viewport().geometry()
    assert card.geometry().left() - vp.left() < 20 and vp.bottom() - card.geometry().bottom() < 20
    assert card.width() < vp.width() / 2 and card.height() < vp.height() / 2
    assert card.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    image = card.grab().toImage()
    assert any(_dark(image.pixelColor(x, y)) for x in range(image.width()) for y in range(0, image.height(), 3))
    act.trigger()
    assert not c.legend_shown() and QSettings().value(LEGEND_SETTING, True, type=bool) is False
    act.trigger()
    career.canvas.set_zoom(0.5)  # the legend stays put while the diagram moves
    assert card.isVisible()


def test_a_remembered_legend_is_shown_in_the_next_window(qtbot, tmp_path) -> None:
    from driverdiagram.ui.app import make_app
    from driverdiagram.ui.main_window import MainWindow

    QSettings().setValue(LEGEND_SETTING, True)
    make_app()
    w = MainWindow(autosave_folder=tmp_path / "again")
    qtbot.addWidget(w)
    w.show()
    w.show_diagram(load(CAREER), None)
    w.document.undo_stack.setClean()
    assert w.act_legend.isChecked() and w.canvas.legend_shown()


def _fill(c) -> tuple[float, float]:
    shown = c.mapFromScene(c.diagram_scene.sceneRect()).boundingRect()
    view = c.viewport().rect()
    return shown.width() / view.width(), shown.height() / view.height()


@pytest.mark.parametrize("size", [(1400, 900), (1400, 500), (700, 900)])
def test_fit_fills_the_window(career, size) -> None:
    career.details.hide()  # the widest canvas: where the empty band showed most
    career.resize(*size)
    QApplication.processEvents()
    c = career.canvas
    c.set_zoom(2.0)
    c.fit()
    QApplication.processEvents()
    width, height = _fill(c)
    assert max(width, height) >= 0.95
    assert width <= 1.0 and height <= 1.0
    assert not c.verticalScrollBar().isVisible() and not c.horizontalScrollBar().isVisible()
    # centred in the other dimension: as much room left as right (or above as below)
    shown = c.mapFromScene(c.diagram_scene.sceneRect()).boundingRect()
    view = c.viewport().rect()
    if width < height:
        assert abs(shown.left() - (view.width() - shown.right())) <= 3
    else:
        assert abs(shown.top() - (view.height() - shown.bottom())) <= 3
    assert c.zoom <= 1.0


def test_fit_does_not_blow_up_a_small_diagram(window) -> None:
    window.resize(1400, 900)
    window.new_blank()
    QApplication.processEvents()
    c = window.canvas
    c.fit()
    assert c.zoom == 1.0  # paper size at most: a single outcome is not drawn 300 % large


def test_the_columns_fit_the_window_and_paper_its_own(career) -> None:
    """View ▸ Fit Width to Window (on for a new user): the columns are laid out to the width
    that shows the whole diagram largest in this window (of the window's own width and a few
    wider), a resize reflows them, zooming does not; paper is laid out to the page."""
    from driverdiagram.layout import LayoutOptions, layout
    from driverdiagram.ui.canvas_overlays import SCREEN_SCALE
    from driverdiagram.ui.window_width import SCALES

    c = career.canvas
    assert career.act_fit_width.isChecked() and c.fits_window_width()
    d = career.document.diagram
    vw = c.window_width()
    vh = c.maximumViewportSize().height() / SCREEN_SCALE

    def fitted(width: float) -> float:
        g = layout(d, LayoutOptions(fit_width=width))
        return min(vw / g.width, vh / g.height)

    chosen = c.engine.options.fit_width
    assert chosen in [vw / s for s in SCALES]
    assert fitted(chosen) >= max(fitted(vw / s) for s in SCALES) / 1.02, "the largest whole view"
    assert fitted(chosen) > fitted(2000) and fitted(chosen) > 1.05 * fitted(vw * 0.5), "better than too wide or narrow"
    assert c.diagram_scene.geometry.width <= chosen + 0.5
    before = c.diagram_scene.geometry
    career.resize(1000, 900)
    QTest.qWait(REFLOW_MS + 100)  # the reflow once the user stops dragging
    assert c.window_width() < vw and c.engine.options.fit_width == c.best_width()
    assert c.diagram_scene.geometry.width < before.width, "a narrower window, a narrower drawing"
    narrow = c.diagram_scene.geometry
    c.set_zoom(2.0)
    QApplication.processEvents()
    assert c.diagram_scene.geometry is narrow, "zooming in to read does not reflow"
    assert career.view_options()[1].fit_width is None, "paper: the page's width"
    career.act_fit_width.trigger()
    assert not c.fits_window_width() and c.diagram_scene.geometry.column_w != narrow.column_w
    assert QSettings().value("view/fit_width", type=bool) is False, "remembered"

"""Dark mode as a user sees it: the window, the canvas and its boxes go dark when the desktop
(or the user, or DRIVERDIAGRAM_COLOUR_SCHEME) says so, come back light when it switches
back, and the PDF stays as it prints: light."""

from __future__ import annotations

import pypdfium2
import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel

from driverdiagram.layout.style import DARK, LIGHT, NODE_STYLES
from driverdiagram.model import Diagram, LinkKind, NodeKind
from driverdiagram.model.colours import contrast
from driverdiagram.ui import theme
from driverdiagram.ui.appearance_feature import AppearanceFeature


@pytest.fixture(autouse=True)
def back_to_light_after(monkeypatch):
    """Every test leaves the app as the others expect it: following a light desktop."""
    monkeypatch.delenv(theme.ENV, raising=False)
    yield
    monkeypatch.delenv(theme.ENV, raising=False)
    QSettings().remove(theme.SETTING)
    theme.current().refresh()
    assert not theme.current().dark


def force(monkeypatch, scheme: str) -> None:
    monkeypatch.setenv(theme.ENV, scheme)
    theme.current().refresh()
    QApplication.processEvents()


def plan() -> tuple[Diagram, dict[NodeKind, str]]:
    """One box of every kind, each with a short text (the right of the box is bare fill)."""
    d = Diagram.new("Aim")
    p = d.add_node("primary", "Research", parent=d.outcome.id)
    s = d.add_node("secondary", "Time", parent=p.id)
    c = d.add_node("change_idea", "Fridays", parent=s.id)
    a = d.add_node("anti_driver", "Clinic load", parent=s.id)
    d.connect(c.id, a.id)
    ids = {
        NodeKind.OUTCOME: d.outcome.id,
        NodeKind.PRIMARY: p.id,
        NodeKind.SECONDARY: s.id,
        NodeKind.CHANGE_IDEA: c.id,
        NodeKind.ANTI_DRIVER: a.id,
    }
    return d, ids


def shown(window, d: Diagram):
    window.resize(1300, 800)
    window.show_diagram(d, None)
    window.canvas.fit()
    QApplication.processEvents()
    return window.canvas


def box_pixel(canvas, node_id: str) -> QColor:
    """The colour on screen in a box, right of its text and clear of its border and badges."""
    box = canvas.diagram_scene.nodes[node_id].box
    at = canvas.mapFromScene(QPointF(box.x + box.w * 0.8, box.y + box.h / 2))
    return canvas.viewport().grab().toImage().pixelColor(at)


def most_of(image) -> QColor:
    """The colour most of `image` is painted in (its background)."""
    counts: dict[int, int] = {}
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 3):
            rgb = image.pixel(x, y)
            counts[rgb] = counts.get(rgb, 0) + 1
    return QColor.fromRgb(max(counts, key=counts.__getitem__))


def empty_pixel(canvas) -> QColor:
    """The canvas's background, where no box or line is (below the diagram)."""
    vp = canvas.viewport()
    return vp.grab().toImage().pixelColor(vp.width() - 5, vp.height() - 5)


def test_forced_dark_darkens_the_window_its_menus_and_status_bar(window, monkeypatch) -> None:
    force(monkeypatch, "dark")
    assert theme.current().dark
    for w in (window, window.menuBar(), window.statusBar(), window.details, window.panel):
        pal = w.palette()
        assert theme.window_is_dark(w), w
        text, ground = pal.color(QPalette.ColorRole.WindowText), pal.color(QPalette.ColorRole.Window)
        assert contrast(text.name(), ground.name()) >= 4.5
    assert most_of(window.statusBar().grab().toImage()).lightness() < 80, "no light strip along the bottom"
    assert most_of(window.menuBar().grab().toImage()).lightness() < 80, "nor along the top"


def test_the_canvas_and_every_kind_of_box_paint_dark_and_back_light(window, monkeypatch) -> None:
    d, ids = plan()
    canvas = shown(window, d)
    force(monkeypatch, "dark")
    assert empty_pixel(canvas) == QColor(DARK.background), "a dark background, not black"
    assert QColor(DARK.background).lightness() > 20
    for kind, node_id in ids.items():
        assert box_pixel(canvas, node_id) == QColor(DARK.nodes[kind].fill), kind
    links = {item.edge.kind: item for item in canvas.diagram_scene.edges.values()}
    assert set(links) == set(LinkKind)
    for kind, link in links.items():
        assert link.line_pen().color() == QColor(DARK.edges[kind].colour), kind

    force(monkeypatch, "light")
    assert empty_pixel(canvas) == QColor(LIGHT.background)
    for kind, node_id in ids.items():
        assert box_pixel(canvas, node_id) == QColor(NODE_STYLES[kind].fill), kind
    for kind, link in links.items():
        assert link.line_pen().color() == QColor(LIGHT.edges[kind].colour), kind
    assert not theme.window_is_dark(window)


def test_a_box_in_its_own_colour_keeps_it_in_dark(window, monkeypatch) -> None:
    d, ids = plan()
    d.edit_node(ids[NodeKind.SECONDARY], colour="#ffcc00")
    canvas = shown(window, d)
    force(monkeypatch, "dark")
    assert box_pixel(canvas, ids[NodeKind.SECONDARY]) == QColor("#ffcc00")


def test_the_headings_band_legend_and_badges_follow_the_scheme(window, monkeypatch) -> None:
    d, ids = plan()
    canvas = shown(window, d)
    canvas.show_legend(True)
    force(monkeypatch, "dark")
    card = canvas.legend_card.grab().toImage()
    assert card.pixelColor(card.width() - 4, card.height() // 2).lightness() < 80, "the legend card is dark too"
    heading = canvas.diagram_scene.geometry.headings[0]
    image = canvas.viewport().grab().toImage()
    left = canvas.mapFromScene(QPointF(heading.x, heading.y))
    row = [image.pixelColor(x, left.y() - 3) for x in range(left.x(), left.x() + 60)]
    assert max(c.lightness() for c in row) > 150, "the heading's letters are light on the dark background"


def test_a_label_written_for_a_light_window_reads_on_the_dark_one(window, monkeypatch) -> None:
    hint = QLabel("Type in the last row", window.panel)
    hint.setStyleSheet("color: #595959;")  # as the panels write their hints
    warning = QLabel("Autosave failed", window.panel)
    warning.setStyleSheet("color: #B00020; font-weight: bold;")
    for label in (hint, warning):
        label.show()
    force(monkeypatch, "dark")
    for label in (hint, warning):
        pal = label.palette()
        text, ground = pal.color(QPalette.ColorRole.WindowText), pal.color(QPalette.ColorRole.Window)
        assert contrast(text.name(), ground.name()) >= 4.5, label.text()
    assert "font-weight: bold" in warning.styleSheet()
    force(monkeypatch, "light")
    assert hint.styleSheet() == "color: #595959;" and warning.styleSheet() == "color: #B00020; font-weight: bold;"
    assert hint.palette().color(QPalette.ColorRole.WindowText) == QColor("#595959")


def test_check_boxes_show_on_the_dark_window(window, monkeypatch) -> None:
    box = QCheckBox(window.panel)
    box.resize(24, 24)
    box.show()
    force(monkeypatch, "dark")
    image = box.grab().toImage()
    ground = box.palette().color(QPalette.ColorRole.Base)
    brightest = max(image.pixelColor(x, y).lightness() for x in range(image.width()) for y in range(image.height()))
    assert brightest - ground.lightness() > 60, "an unticked box's edge is seen"


def test_the_choice_in_view_appearance_is_remembered_and_the_environment_wins(window, monkeypatch) -> None:
    if not hasattr(window, "appearance"):
        window.appearance = window.install(AppearanceFeature(window))
    feature = window.appearance
    view = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "View")
    assert feature.menu.menuAction() in view.actions()
    assert feature.choices["system"].isChecked() and not theme.current().dark

    feature.choices["dark"].trigger()
    QApplication.processEvents()
    assert QSettings().value(theme.SETTING) == "dark"
    assert theme.current().dark and theme.window_is_dark(window)
    assert feature.choices["dark"].isChecked()
    theme.current().refresh()  # (as on the next start)
    assert theme.current().dark

    feature.choices["system"].trigger()  # the offscreen "desktop" is light
    assert QSettings().value(theme.SETTING) == "system" and not theme.current().dark

    monkeypatch.setenv(theme.ENV, "dark")
    feature.choices["light"].trigger()
    assert theme.current().dark, "DRIVERDIAGRAM_COLOUR_SCHEME forces it"
    assert theme.ENV in window.statusBar().currentMessage()


def test_following_the_desktop_switches_live(window, monkeypatch) -> None:
    d, ids = plan()
    canvas = shown(window, d)
    desktop = {"scheme": Qt.ColorScheme.Light}
    monkeypatch.setattr(theme.Theme, "desktop_scheme", lambda self: desktop["scheme"])
    desktop["scheme"] = Qt.ColorScheme.Dark
    QApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    QApplication.processEvents()
    assert theme.current().dark and theme.window_is_dark(window)
    assert box_pixel(canvas, ids[NodeKind.OUTCOME]) == QColor(DARK.nodes[NodeKind.OUTCOME].fill)
    desktop["scheme"] = Qt.ColorScheme.Light
    QApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    QApplication.processEvents()
    assert not theme.current().dark
    assert box_pixel(canvas, ids[NodeKind.OUTCOME]) == QColor(NODE_STYLES[NodeKind.OUTCOME].fill)


def test_the_welcome_page_is_dark_too(window, monkeypatch) -> None:
    window.show_welcome()
    QApplication.processEvents()
    force(monkeypatch, "dark")
    page = window.welcome.grab().toImage()
    assert page.pixelColor(5, page.height() - 5) == QColor(DARK.background)
    force(monkeypatch, "light")
    page = window.welcome.grab().toImage()
    assert page.pixelColor(5, page.height() - 5) == QColor("#FAFAF7")


def test_the_run_chart_is_dark_too(qtbot, monkeypatch) -> None:
    import datetime as dt
    from types import SimpleNamespace

    from driverdiagram.model import DataPoint
    from driverdiagram.ui.runchart_view import MARGIN, RunChartView

    view = RunChartView()
    qtbot.addWidget(view)
    view.resize(420, view.height())
    data = [DataPoint(date=dt.date(2026, k, 1), value=v) for k, v in enumerate([2, 3, 4, 3, 5, 6], 1)]
    view.set_measure(SimpleNamespace(data=data, target=6.0, higher_is_better=True))
    view.show()
    force(monkeypatch, "dark")
    chart = view.grab().toImage().copy(MARGIN, MARGIN, view.width() - 2 * MARGIN, view.chart.height)
    assert most_of(chart) == QColor(DARK.ground)


def _pdf_fill(pdf: bytes, text: str) -> tuple[int, int, int]:
    """The colour printed in a box, just left of its text (found in the PDF's text layer)."""
    page = pypdfium2.PdfDocument(pdf)[0]
    found = page.get_textpage().search(text, match_case=True).get_next()
    assert found is not None
    left, bottom, _right, top = page.get_textpage().get_charbox(found[0])
    bitmap = page.render(scale=2.0)
    _, h = page.get_size()
    x, y = int((left - 2) * 2), int((h - (top + bottom) / 2) * 2)
    at = y * bitmap.stride + x * bitmap.n_channels
    b, g, r = bitmap.buffer[at], bitmap.buffer[at + 1], bitmap.buffer[at + 2]
    return r, g, b


def test_the_pdf_the_app_exports_while_dark_is_light(window, monkeypatch) -> None:
    from driverdiagram.ui.export_dialog import ExportOptions

    d, ids = plan()
    shown(window, d)
    force(monkeypatch, "dark")
    pdf = window.export._pdf_bytes(ExportOptions("a4", "landscape", "fit", ("diagram",)))
    assert pdf is not None
    fill = NODE_STYLES[NodeKind.PRIMARY].fill
    assert _pdf_fill(pdf, "Research") == tuple(int(fill[i : i + 2], 16) for i in (1, 3, 5))


def test_a_2000_node_diagram_switches_scheme_and_back(window, monkeypatch) -> None:
    d = Diagram.new("Aim")
    primaries = [d.add_node("primary", f"Primary {i}", parent=d.outcome.id).id for i in range(5)]
    secondaries = [d.add_node("secondary", f"Secondary {i}", parent=primaries[i % 5]).id for i in range(300)]
    for i in range(140):
        d.add_node("anti_driver", f"Barrier {i}", parent=secondaries[i % 300])
    while len(d.nodes()) < 2000:
        d.add_node("change_idea", f"Idea {len(d.nodes())}", parent=secondaries[len(d.nodes()) % 300])
    canvas = shown(window, d)
    canvas.set_zoom(1.0)
    QApplication.processEvents()
    for scheme in ("dark", "light", "dark"):  # (about a third of a second each here: 2 cores, offscreen)
        force(monkeypatch, scheme)
        canvas.viewport().repaint()
    canvas.select(d.outcome.id)
    QApplication.processEvents()
    assert box_pixel(canvas, d.outcome.id) == QColor(DARK.nodes[NodeKind.OUTCOME].fill)

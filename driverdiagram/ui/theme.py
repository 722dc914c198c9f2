"""The app's colour scheme: light or dark, as the desktop says, unless the user chose one.

The choice is "system" (the default: Qt's style hints, `colorScheme()`, followed live
through `colorSchemeChanged`), "light" or "dark"; View ▸ Appearance keeps it in QSettings
under "appearance/scheme", and DRIVERDIAGRAM_COLOUR_SCHEME overrides both (for tests and
screenshots). `current()` is the one `Theme` of the application: `dark` says which scheme
is on, and `changed(bool)` fires when it switches, so that painters read their colours again
(the canvas's come from layout/style.py, `canvas_palette()`).

How the widgets go dark: on Qt ≥ 6.8 the platform is asked first (`setColorScheme`); where
it darkens the widgets itself (Windows 11, macOS, a GNOME or KDE desktop) its palette is
kept. Where it does not (offscreen, a bare X server, an older Qt), the app switches to
the Fusion style with a dark palette of its own, and back to the platform's style and
palette for light. In dark mode the style is a thin proxy that gives a widget whose style
sheet sets only a text colour ("color: #595959", a hint or a warning written for a light
window) that colour lightened until it reads on the dark window (WCAG AA, 4.5:1) — so panels
written for light need no change — and gives it back its own sheet when the app is light.
Nothing changes while the scheme stays light: a light desktop keeps its native look.
"""

from __future__ import annotations

import os
import re
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, QSettings, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory, QWidget

from ..colour_math import legible

if TYPE_CHECKING:  # (the welcome page is painted before the model and the layout are imported)
    from ..layout.style import Palette

SETTING = "appearance/scheme"
ENV = "DRIVERDIAGRAM_COLOUR_SCHEME"
CHOICES = ("system", "light", "dark")

# The window's colours in dark mode (Fusion paints everything from them).
DARK_WINDOW = {
    QPalette.ColorRole.Window: "#2B2D30",
    QPalette.ColorRole.WindowText: "#E6E6E6",
    QPalette.ColorRole.Base: "#1E1F22",
    QPalette.ColorRole.AlternateBase: "#26282B",
    QPalette.ColorRole.ToolTipBase: "#3A3D41",
    QPalette.ColorRole.ToolTipText: "#E6E6E6",
    QPalette.ColorRole.PlaceholderText: "#8E9196",
    QPalette.ColorRole.Text: "#E6E6E6",
    QPalette.ColorRole.Button: "#35383C",
    QPalette.ColorRole.ButtonText: "#E6E6E6",
    QPalette.ColorRole.BrightText: "#FF6B66",
    QPalette.ColorRole.Light: "#4A4D52",
    QPalette.ColorRole.Midlight: "#3F4246",
    QPalette.ColorRole.Mid: "#26282B",
    QPalette.ColorRole.Dark: "#18191B",
    QPalette.ColorRole.Shadow: "#0A0A0A",
    QPalette.ColorRole.Highlight: "#2F65AD",
    QPalette.ColorRole.HighlightedText: "#FFFFFF",
    QPalette.ColorRole.Link: "#7FB2F0",
    QPalette.ColorRole.LinkVisited: "#B59CF0",
    QPalette.ColorRole.Accent: "#2F65AD",
}
DARK_DISABLED = {
    QPalette.ColorRole.WindowText: "#7C7F84",
    QPalette.ColorRole.Text: "#7C7F84",
    QPalette.ColorRole.ButtonText: "#7C7F84",
    QPalette.ColorRole.PlaceholderText: "#5F6267",
    QPalette.ColorRole.Highlight: "#3A3D41",
    QPalette.ColorRole.HighlightedText: "#A0A0A0",
}

_TEXT_COLOUR = re.compile(r"(?<![\w-])(color\s*:\s*)(#[0-9A-Fa-f]{6})\b")
_LIGHT_SHEET, _DARK_SHEET = "dd_light_style_sheet", "dd_dark_style_sheet"  # widget properties

_theme: Theme | None = None


def choice() -> str:
    """What the user (or the environment) chose: "system", "light" or "dark"."""
    forced = os.environ.get(ENV, "").strip().lower()
    if forced in CHOICES:
        return forced
    value = str(QSettings().value(SETTING, "system"))
    return value if value in CHOICES else "system"


def set_choice(value: str) -> None:
    """Remember the user's choice and switch to it now."""
    if value not in CHOICES:
        raise ValueError(f"{value!r} is not one of {', '.join(CHOICES)}")
    QSettings().setValue(SETTING, value)
    current().refresh()


def current() -> Theme:
    """The application's theme, made (and applied) on first use."""
    global _theme
    app = QApplication.instance()
    if _theme is None or _theme.app is not app:
        assert isinstance(app, QApplication), "the theme needs a QApplication"
        _theme = Theme(app)
    return _theme


def is_dark() -> bool:
    """Whether the app is dark now (False before there is a theme: paper's colours)."""
    return _theme is not None and _theme.dark


def canvas_palette() -> Palette:
    """The colours the canvas paints with now (asked by every box at every paint: no import here)."""
    return _palettes()[is_dark()]


@cache
def _palettes() -> tuple[Palette, Palette]:
    """Light and dark, imported once (the welcome page paints before the layout is imported)."""
    from ..layout.style import DARK, LIGHT

    return LIGHT, DARK


def dark_ground() -> str:
    """What text sits on in the dark window: the lighter of the window and of a list's base
    (text that reads on it reads on both)."""
    pal = QApplication.palette()
    window, base = pal.color(QPalette.ColorRole.Window), pal.color(QPalette.ColorRole.Base)
    return (window if window.lightness() >= base.lightness() else base).name()


def ink(light: str) -> QColor:
    """A text colour chosen for a light window (a hint's grey, an overdue red): itself while
    the app is light, lightened just enough to read (4.5:1) while it is dark."""
    return QColor(legible(light, dark_ground()) if is_dark() else light)


def tint(light: str, dark: str) -> QColor:
    """A row's background: `light` or `dark` as the app is now."""
    return QColor(dark if is_dark() else light)


def dark_palette() -> QPalette:
    pal = QPalette()
    for role, hex_ in DARK_WINDOW.items():
        pal.setColor(QPalette.ColorGroup.All, role, QColor(hex_))
    for role, hex_ in DARK_DISABLED.items():
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(hex_))
    return pal


def looks_dark(pal: QPalette) -> bool:
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


def dark_sheet(sheet: str, ground: str = "") -> str:
    """A style sheet's text colours, each lightened until it reads on `ground` (the dark
    window); a sheet that paints its own background (an editor, a swatch) is left as it is."""
    if "background" in sheet:
        return sheet
    ground = ground or dark_ground()
    return _TEXT_COLOUR.sub(lambda m: m.group(1) + legible(m.group(2), ground), sheet)


INDICATOR_EDGE = "#8E9196"  # a check box's or radio button's edge on the dark base (3:1 and more)
_INDICATORS = (QStyle.PrimitiveElement.PE_IndicatorCheckBox, QStyle.PrimitiveElement.PE_IndicatorRadioButton)


class _DarkStyle(QProxyStyle):
    """The app's style in dark mode: its own painting, with light-only text colours fixed.

    On Fusion with our palette it also edges check boxes and radio buttons: Fusion draws
    their edge a little darker than the window, which on a dark window is the base colour
    they sit on, so an unticked box would not show at all."""

    def __init__(self, base: QStyle, edge_indicators: bool = False) -> None:
        super().__init__(base)
        self.edge_indicators = edge_indicators

    def polish(self, arg):  # (Qt overloads it: a widget, a palette, the application)
        if isinstance(arg, QPalette):
            return super().polish(arg)
        super().polish(arg)
        if isinstance(arg, QWidget):
            _darken_sheet(arg)
        return None

    def drawPrimitive(self, element, option, painter, widget=None) -> None:  # noqa: N802 (Qt's name)
        super().drawPrimitive(element, option, painter, widget)
        if self.edge_indicators and element in _INDICATORS:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(QColor(INDICATOR_EDGE), 1.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            rect = QRectF(option.rect).adjusted(0.5, 0.5, -1.5, -1.5)
            if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
                painter.drawEllipse(rect)
            else:
                painter.drawRect(rect)
            painter.restore()


def _darken_sheet(w: QWidget) -> None:
    sheet = w.styleSheet()
    if not sheet or sheet == w.property(_DARK_SHEET):
        return
    dark = dark_sheet(sheet)
    if dark != sheet:
        w.setProperty(_LIGHT_SHEET, sheet)
        w.setProperty(_DARK_SHEET, dark)
        w.setStyleSheet(dark)


def _restore_sheets(app: QApplication) -> None:
    for w in app.allWidgets():
        dark = w.property(_DARK_SHEET)
        if dark is None:
            continue
        if w.styleSheet() == dark:  # (one set since then is the widget's own: kept)
            w.setStyleSheet(w.property(_LIGHT_SHEET))
        w.setProperty(_LIGHT_SHEET, None)
        w.setProperty(_DARK_SHEET, None)


REQUEST = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark, "system": Qt.ColorScheme.Unknown}


class Theme(QObject):
    """Keeps the application in the chosen scheme and says when it switches.

    `own` is what the app wears of ours: "" (the platform's look, untouched), "proxy" (the
    platform's own dark look, with the hints fixed), "fusion" (Fusion and our dark palette)
    or "fusion-light" (Fusion's light, on a dark desktop that cannot be asked for light).
    """

    changed = Signal(bool)  # dark

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.dark = False
        self.own = ""
        self._style_name = app.style().name() or "fusion"
        self._platform_looks_dark = looks_dark(app.palette())
        self._busy = False
        app.styleHints().colorSchemeChanged.connect(self._platform_changed)
        self.refresh()

    def desktop_scheme(self) -> Qt.ColorScheme:
        """What Qt says the desktop's scheme is (Unknown where it cannot tell)."""
        return self.app.styleHints().colorScheme()

    def _platform_changed(self, _scheme: Qt.ColorScheme) -> None:
        if not self._busy:
            self.refresh()

    def refresh(self) -> None:
        """Apply the chosen scheme (after a change of choice, or of the desktop's)."""
        if self._busy:
            return
        self._busy = True
        try:
            want = choice()
            hints = self.app.styleHints()
            if hasattr(hints, "setColorScheme"):  # Qt ≥ 6.8: the platform may do it itself
                hints.setColorScheme(REQUEST[want])
            scheme = self.desktop_scheme()
            if self.own in ("", "proxy"):  # the platform's palette is what the app shows
                self._platform_looks_dark = looks_dark(self.app.palette())
            elif scheme != Qt.ColorScheme.Unknown:  # under ours: the desktop's word for it
                self._platform_looks_dark = scheme == Qt.ColorScheme.Dark
            known = scheme != Qt.ColorScheme.Unknown
            desktop_dark = scheme == Qt.ColorScheme.Dark if known else self._platform_looks_dark
            dark = want == "dark" or (want == "system" and desktop_dark)
            if dark:
                target = "proxy" if self._platform_looks_dark else "fusion"
            else:
                target = "fusion-light" if self._platform_looks_dark else ""
            if target != self.own:
                self._wear(target)
        finally:
            self._busy = False
        if dark != self.dark:
            self.dark = dark
            for w in self.app.allWidgets():  # painters of their own read their colours again
                w.update()
            self.changed.emit(dark)

    def _wear(self, target: str) -> None:
        if self.own:
            self._take_off()
        if target == "proxy":
            self.app.setStyle(_DarkStyle(_style(self._style_name)))
        elif target == "fusion":
            self.app.setStyle(_DarkStyle(_style("Fusion"), edge_indicators=True))
            self.app.setPalette(dark_palette())
        elif target == "fusion-light":
            self.app.setStyle(_style("Fusion"))
            self.app.setPalette(self.app.style().standardPalette())
        self.own = target

    def _take_off(self) -> None:
        """Back to the platform's style and palette, and the widgets' own style sheets."""
        self.own = ""
        self.app.setStyle(_style(self._style_name))
        self.app.setPalette(QPalette())  # (an empty palette: the platform's again)
        _restore_sheets(self.app)


def _style(name: str) -> QStyle:
    return QStyleFactory.create(name) or QStyleFactory.create("Fusion")


def window_is_dark(w: QWidget) -> bool:
    """Whether `w` is painted dark now (what a user sees)."""
    return looks_dark(w.palette())

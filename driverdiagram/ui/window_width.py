"""View ▸ Fit Width to Window: the columns laid out to the canvas's width (at 100 %), so a
wide window gets wide columns and few lines, a narrow one narrower columns and more lines,
and no column is wider than its texts need. Part of `Canvas` (which provides `engine`,
`set_layout_option` and the viewport); remembered in QSettings.

The width is chosen for the window's shape, as a page's is for paper: of a few widths from
the window's own to nearly twice it, the one that shows the whole diagram largest when fitted
(a tall diagram in a wide window gets wider columns and fewer lines, and a wide window is
not left with a narrow strip). It depends on the window's size only: zooming in to read
does not reflow the diagram, nor does an edit; a resize reflows it once the user stops
dragging (a short timer), keeping the selected node where it was on screen
(`Canvas.refresh`). Paper is laid out to the page's width instead
(`MainWindow.view_options` leaves the window's width out).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QGraphicsView

from ..layout import layout
from .canvas_overlays import SCREEN_SCALE

FIT_WIDTH_SETTING = "view/fit_width"
REFLOW_MS = 150  # after the last resize
MIN_CHANGE = 8.0  # points: a smaller change of the window's width reflows nothing
SCALES = (1.0, 0.85, 0.7, 0.55)  # the window's width ÷ these are the widths tried
SEARCH_LIMIT = 400  # nodes: a bigger diagram never fits a window; it is laid out to the window's width


def fit_width_remembered() -> bool:
    return bool(QSettings().value(FIT_WIDTH_SETTING, True, type=bool))


class WindowWidth:
    _reflow_timer: QTimer | None = None

    def fits_window_width(self: QGraphicsView) -> bool:
        return self.engine.options.fit_width is not None

    def set_fit_window_width(self: QGraphicsView, on: bool) -> None:
        """Lay the columns out to the window's width (on), or at their natural widths."""
        QSettings().setValue(FIT_WIDTH_SETTING, on)
        if on:
            self._reflow_to_window(force=True)
        elif self.engine.options.fit_width is not None:
            self.set_layout_option(fit_width=None)

    def best_width(self: QGraphicsView) -> float:
        """The width (points) to lay the columns out to for this window: the one of
        `SCALES` that shows the whole diagram largest when fitted (one less than 2 % larger
        does not count: then the one nearer the window's own width)."""
        vw = self.window_width()
        vh = max(self.maximumViewportSize().height(), 1) / SCREEN_SCALE
        d = self.document.diagram
        if self.engine.view != "columns" or len(d) > SEARCH_LIMIT:
            return vw
        best: tuple[float, float] | None = None
        for s in SCALES:
            g = layout(d, replace(self.engine.options, fit_width=vw / s))
            zoom = min(vw / max(g.width, 1.0), vh / max(g.height, 1.0))
            if best is None or zoom > best[0] * 1.02:  # a clearly larger view, else the closer to 100 %
                best = (zoom, vw / s)
        assert best is not None
        return best[1]

    def window_width(self: QGraphicsView) -> float:
        """The width there is for the drawing, in points at 100 %: the viewport's, less a
        vertical scroll bar (a diagram is mostly taller than its window; leaving its room
        always also keeps the bar's coming and going from reflowing the columns)."""
        bar = self.verticalScrollBar().sizeHint().width()
        return max(self.maximumViewportSize().width() - bar, 1) / SCREEN_SCALE

    def _schedule_reflow(self: QGraphicsView) -> None:
        if self.engine.options.fit_width is None:
            return
        if self._reflow_timer is None:
            self._reflow_timer = QTimer(self)
            self._reflow_timer.setSingleShot(True)
            self._reflow_timer.setInterval(REFLOW_MS)
            self._reflow_timer.timeout.connect(self._reflow_to_window)
        self._reflow_timer.start()

    def reflow_to_window(self: QGraphicsView) -> None:
        """Choose the width again (another diagram was opened)."""
        self._reflow_to_window()

    def _reflow_to_window(self: QGraphicsView, force: bool = False) -> None:
        if not force and self.engine.options.fit_width is None:
            return
        width = self.best_width()
        now = self.engine.options.fit_width
        if now is None or abs(now - width) >= MIN_CHANGE:
            self.set_layout_option(fit_width=width)

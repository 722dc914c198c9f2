"""What every panel and dialog does the same way for a keyboard or screen-reader user.

- `focus_ring(view)`: a list, tree or table shows that it has the keyboard focus — a ring in
  the palette's highlight colour round it — even when it is empty or no row is current
  (Fusion shows only the current row's focus, and only in the style's own delegate).
- `draw_row_focus(...)`: the focus of the current row, for delegates that paint rows themselves.
- `settle_in_scroll_area(panel)`: the scroll area a dock's panel sits in takes the dock's title
  as its accessible name and is no stop of its own for Tab (its controls are).
- `describe_buttons(box)`: OK, Cancel and Close of a dialog say what they do and their key.
- `next_pane(window)`: F6 and Shift+F6 take the keyboard focus from the diagram to each panel
  in front and back (Tab cannot: on the canvas it adds a child).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QDialogButtonBox,
    QDockWidget,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QStyleOptionFocusRect,
    QStyleOptionViewItem,
    QWidget,
)

RING = 2  # pixels


class _Ring(QWidget):
    """Painted over its parent's edge while the parent has the focus; never in the way."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        p = QPainter(self)
        p.setPen(QPen(self.palette().highlight().color(), RING))
        p.setBrush(Qt.BrushStyle.NoBrush)
        half = RING // 2
        p.drawRect(self.rect().adjusted(half, half, -half, -half))
        p.end()


NOT_BY_KEYBOARD = (
    Qt.FocusReason.MouseFocusReason,
    Qt.FocusReason.ActiveWindowFocusReason,
    Qt.FocusReason.PopupFocusReason,
)


class _RingKeeper(QObject):
    def __init__(self, owner: QWidget, keyboard_only: bool = False) -> None:
        super().__init__(owner)
        self.ring = _Ring(owner)
        self.keyboard_only = keyboard_only
        owner.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if isinstance(watched, QWidget):
            if kind == QEvent.Type.FocusIn and self.keyboard_only and event.reason() in NOT_BY_KEYBOARD:
                self.ring.hide()
            elif kind == QEvent.Type.FocusIn:
                self.ring.setGeometry(watched.rect())
                self.ring.show()
                self.ring.raise_()
            elif kind == QEvent.Type.FocusOut:
                self.ring.hide()
            elif kind == QEvent.Type.Resize:
                self.ring.setGeometry(watched.rect())
        return False


def focus_ring(*views: QAbstractScrollArea, keyboard_only: bool = False) -> None:
    """Show a ring round each of `views` while it has the keyboard focus (with `keyboard_only`:
    only when the focus came by a key, F6 or Escape say, not by a click: the canvas, which a
    mouse user clicks all day, shows where the keys go when the keys brought them there)."""
    for view in views:
        if view.findChild(_RingKeeper) is None:
            _RingKeeper(view, keyboard_only)


def draw_row_focus(painter: QPainter, option: QStyleOptionViewItem, widget: QWidget | None) -> None:
    """The current row's focus, as the style draws it (for a delegate that paints its rows)."""
    if not option.state & QStyle.StateFlag.State_HasFocus:
        return
    focus = QStyleOptionFocusRect()
    focus.rect = QRect(option.rect)
    focus.palette = option.palette
    focus.state = option.state | QStyle.StateFlag.State_Item  # (the style shows it after a key, not a click)
    selected = bool(option.state & QStyle.StateFlag.State_Selected)
    focus.backgroundColor = option.palette.highlight().color() if selected else option.palette.base().color()
    style = widget.style() if widget is not None else QApplication.style()
    style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, widget)


class _Settler(QObject):
    def __init__(self, panel: QWidget, title: str) -> None:
        super().__init__(panel)
        self.title = title
        panel.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            area = _scroll_area_of(watched)
            if area is not None:
                dock = _dock_of(area)
                title = self.title or (dock.windowTitle() if dock is not None else "")
                area.setAccessibleName(title)
                area.setAccessibleDescription(f"The {title} panel: Tab goes through its controls")
                area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return False


def _scroll_area_of(panel: QWidget) -> QScrollArea | None:
    viewport = panel.parentWidget()
    area = viewport.parentWidget() if viewport is not None else None
    return area if isinstance(area, QScrollArea) and area.widget() is panel else None


def _dock_of(w: QWidget) -> QDockWidget | None:
    while w is not None and not isinstance(w, QDockWidget):
        w = w.parentWidget()
    return w


def settle_in_scroll_area(panel: QWidget, title: str = "") -> None:
    """Once `panel` is shown in a scroll area: the area is named `title` (else its dock's
    title) and Tab goes straight to the panel's controls."""
    _Settler(panel, title)


BUTTON_TIPS = {
    QDialogButtonBox.StandardButton.Ok: "Keep what you entered and close (Enter; Ctrl+Enter in a text box)",
    QDialogButtonBox.StandardButton.Cancel: "Close and change nothing (Escape)",
    QDialogButtonBox.StandardButton.Close: "Close this window (Escape)",
}


def describe_buttons(box: QDialogButtonBox, **tips: str) -> None:
    """Tooltips for a dialog's standard buttons; `ok="…"` and the like say it in the dialog's words."""
    for which, tip in BUTTON_TIPS.items():
        button = box.button(which)
        if button is not None and not button.toolTip():
            button.setToolTip(tips.get(which.name.lower(), tip))


def _panes(window: QMainWindow) -> list[QWidget]:
    """The diagram (the page shown in the middle), then the panels in front, as they read."""
    central = window.centralWidget()
    page = central.currentWidget() if isinstance(central, QStackedWidget) else central
    docks = [d for d in window.findChildren(QDockWidget) if d.isVisible() and not d.visibleRegion().isEmpty()]
    docks.sort(key=lambda d: (d.mapToGlobal(QPoint(0, 0)).x(), d.mapToGlobal(QPoint(0, 0)).y()))
    return ([page] if page is not None and page.isVisible() else []) + [d for d in docks if _first_control(d)]


def _first_control(pane: QWidget) -> QWidget | None:
    """The control of `pane` Tab would start at: the first, top to bottom, left to right."""
    found = [
        w
        for w in pane.findChildren(QWidget)
        if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.focusProxy() is None
    ]
    return min(found, key=lambda w: (w.mapTo(pane, QPoint(0, 0)).y(), w.mapTo(pane, QPoint(0, 0)).x()), default=None)


def next_pane(window: QMainWindow, forward: bool = True) -> QWidget | None:
    """Move the keyboard focus to the next pane (the previous one when not `forward`): from
    the diagram to each panel in front and round again. The widget focused, or None."""
    panes = _panes(window)
    if not panes:
        return None
    focus = QApplication.focusWidget()
    here = next((i for i, p in enumerate(panes) if focus is not None and (p is focus or p.isAncestorOf(focus))), None)
    step = 1 if forward else -1
    i = (here + step) % len(panes) if here is not None else (0 if forward else -1)
    target = _first_control(panes[i]) if isinstance(panes[i], QDockWidget) else panes[i]
    if target is None:
        return None
    target.setFocus(Qt.FocusReason.ShortcutFocusReason)  # (a key: the focus shows)
    return target

"""Graphics items: each carries only an id and paints what the layout's geometry says.

Text is drawn line by line exactly as the layout wrapped it, with the bundled font at a
large pixel size scaled down, so Qt uses unhinted advances that match the layout's.

Both item kinds are `QGraphicsRectItem`s with no pen and no brush whose rectangle is their
bounding box: Qt then answers `boundingRect()` in C++. The scene asks every item for it on
every paint (it keeps no index, see scene.py), and a Python `boundingRect` costs a call
into Python per item per frame, some milliseconds in a large diagram.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from ..colour_math import contrast, text_for
from ..layout.fonts import BOLD, metrics
from ..layout.geometry import Box, Edge, Heading
from ..layout.style import BADGE_SCALE, NODE_STYLES, edge_style, node_style
from ..layout.text import is_rtl
from ..model import LinkKind, NodeKind
from .fonts import FONT_PIXELS, bold_font, text_font
from .measure_badges import MeasureBadge, badge_colours
from .note_pins import NotePin, pin_colours
from .theme import canvas_palette, is_dark

NODE_Z, EDGE_Z, HEADING_Z = 2.0, 1.0, 0.0


def draw_lines(
    p: QPainter,
    font: QFont,
    lines: tuple[str, ...] | list[str],
    x: float,
    baseline: float,
    line_height: float,
    size: float,
    right: float | None = None,
) -> None:
    """Draw text lines at a baseline, at `size` points, with the large unhinted font scaled.
    With `right`, a line that reads right to left (Hebrew, Arabic) ends there instead of
    starting at `x`, as on paper."""
    scale = size / FONT_PIXELS
    p.setFont(font)
    for i, line in enumerate(lines):
        p.save()
        at = x
        if right is not None and is_rtl(line):
            at = max(x, right - metrics().width(line, size))
        p.translate(at, baseline + i * line_height)
        p.scale(scale, scale)
        p.drawText(QPointF(0, 0), line)
        p.restore()


def node_shape(box: Box, rect: QRectF) -> QPainterPath:
    """Rounded boxes for drivers; anti-drivers get cut corners, a shape of their own."""
    path = QPainterPath()
    if box.kind is NodeKind.ANTI_DRIVER:
        c = min(6.0, rect.height() / 3)
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(rect.left() + c, rect.top()),
                    QPointF(rect.right() - c, rect.top()),
                    QPointF(rect.right(), rect.top() + c),
                    QPointF(rect.right(), rect.bottom() - c),
                    QPointF(rect.right() - c, rect.bottom()),
                    QPointF(rect.left() + c, rect.bottom()),
                    QPointF(rect.left(), rect.bottom() - c),
                    QPointF(rect.left(), rect.top() + c),
                ]
            )
        )
        path.closeSubpath()
    else:
        r = NODE_STYLES[box.kind].radius
        path.addRoundedRect(rect, r, r)
    return path


NO_PEN = QPen(Qt.PenStyle.NoPen)


def _bounds(box: Box) -> QRectF:
    """A node item's bounding box: the box, its selection outline, the link dot, the notes pin."""
    return QRectF(-3, -6, box.w + 10, box.h + 9)


class NodeItem(QGraphicsRectItem):
    """A node's box: fill and border by kind, its lines of text, a strength badge."""

    def __init__(self, box: Box) -> None:
        super().__init__(_bounds(box))
        self.node_id = box.id
        self.box = box
        self.setPen(NO_PEN)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable, True)
        self.setZValue(NODE_Z)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # moved, not repainted
        self.setPos(box.x, box.y)
        self.setToolTip("")
        self.hint = ""  # shown while hovering: e.g. "drag from the dot to link"
        self.measures: MeasureBadge | None = None  # painted at the bottom-right corner
        self.notes: NotePin | None = None  # painted at the top-right corner

    def set_measures(self, badge: MeasureBadge | None) -> None:
        """The node's measures badge (None: no measures); repaints only when it changed."""
        if badge != self.measures:
            self.measures = badge
            self._tip()
            self.update()

    def set_notes(self, pin: NotePin | None) -> None:
        """The node's notes pin (None: no notes); repaints only when it changed."""
        if pin != self.notes:
            self.notes = pin
            self._tip()
            self.update()

    def _tip(self) -> None:
        """The tooltip: the node's notes, then its measures."""
        self.setToolTip("\n\n".join(x.tip for x in (self.notes, self.measures) if x is not None))

    def set_box(self, box: Box) -> None:
        """Move and/or repaint: a box that only moved keeps its cached picture."""
        old = self.box
        if box is old:
            return
        self.box = box
        if box.x != old.x or box.y != old.y:
            self.setPos(box.x, box.y)
        if box.w != old.w or box.h != old.h:
            self.setRect(_bounds(box))  # repaints too
        elif (
            box.lines != old.lines
            or box.kind is not old.kind
            or box.badge != old.badge
            or box.fill != old.fill
            or box.font_size != old.font_size
            or box.line_height != old.line_height
        ):
            self.update()

    def shape(self) -> QPainterPath:
        path = node_shape(self.box, QRectF(0, 0, self.box.w, self.box.h))
        if self.isSelected():  # the link dot on the right edge can be grabbed too
            path.addEllipse(self.handle_rect())
        return path

    def handle_rect(self) -> QRectF:
        """The link handle on the right edge of a selected node: drag it onto another node."""
        return QRectF(self.box.w - 1, self.box.h / 2 - 4, 8, 8)

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        b = self.box
        colours = canvas_palette()  # (read at each paint: the scheme may have switched)
        style = node_style(b.kind, b.fill, colours.dark)
        rect = QRectF(0, 0, b.w, b.h)
        path = node_shape(b, rect)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setBrush(QBrush(QColor(style.fill)))
        if self.isSelected():
            p.setPen(QPen(QColor(colours.selection), 3.0))
            p.drawPath(path)
        p.setPen(QPen(QColor(style.border), style.border_width))
        p.drawPath(path)
        p.setPen(QColor(style.text))
        pad = b.text_x - b.x
        size = b.font_size * BADGE_SCALE
        right = b.w - pad - (text_font_width("5/5", size) + pad if b.badge else 0.0)  # as on paper
        draw_lines(p, text_font(), b.lines, pad, b.first_baseline - b.y, b.line_height, b.font_size, right)
        if b.badge:  # barriers' strength in red (where red reads); a driver's score in its own text colour
            red = b.kind is NodeKind.ANTI_DRIVER and contrast(colours.badge, style.fill) >= 4.5
            p.setPen(QColor(colours.badge if red else style.text))
            width = text_font_width(b.badge, size)
            draw_lines(p, bold_font(), [b.badge], b.w - width - 4, b.first_baseline - b.y, 0, size)
        if self.measures is not None:
            self._paint_measures(p, b)
        if self.notes is not None:
            self._paint_notes(p, b)
        if self.isSelected():
            p.setPen(QPen(QColor(style.border), 1.0))
            p.setBrush(QColor(colours.handle))
            p.drawEllipse(self.handle_rect())

    def _paint_measures(self, p: QPainter, b: Box) -> None:
        """A small pill over the bottom-right corner: the count in the type's colour, ringed
        in the status's colour (green on track, orange not yet, grey no data, red overdue)."""
        badge = self.measures
        assert badge is not None
        size = max(5.0, b.font_size * 0.7)
        w = text_font_width(badge.text, size) + 6
        h = size + 3
        rect = QRectF(b.w - w - 6, b.h - h + 2.5, w, h)  # over the bottom border, inside the bounds
        fill, ring = badge_colours(badge, is_dark())
        p.setPen(QPen(QColor(ring), 1.4))
        p.setBrush(QColor(fill))
        p.drawRoundedRect(rect, h / 2, h / 2)
        p.setPen(QColor(text_for(fill)))
        draw_lines(p, bold_font(), [badge.text], rect.x() + 3, rect.y() + size * 0.92 + 1, 0, size)

    def _paint_notes(self, p: QPainter, b: Box) -> None:
        """A small speech bubble on the top-right corner: the count of notes, filled red
        (an open gap), amber (other open notes) or grey (all resolved), edged in white."""
        pin = self.notes
        assert pin is not None
        size = max(5.5, b.font_size * 0.75)
        h = size + 4
        w = max(text_font_width(pin.text, size) + 6, h)
        rect = QRectF(b.w - w + 4, 1 - h / 2, w, h)  # on the top-right corner, inside the bounds
        bubble, tail = QPainterPath(), QPainterPath()
        bubble.addRoundedRect(rect, h / 2, h / 2)
        x, y = rect.left(), rect.bottom()
        tail.addPolygon(QPolygonF([QPointF(x + 1.5, y - 4), QPointF(x + 5, y - 1.5), QPointF(x - 1.5, y + 1.5)]))
        fill = pin_colours(pin, is_dark())
        p.setPen(QPen(QColor(canvas_palette().rim), 1.0))
        p.setBrush(QColor(fill))
        p.drawPath(bubble.united(tail))
        p.setPen(QColor(text_for(fill)))
        x = rect.x() + (w - text_font_width(pin.text, size)) / 2
        draw_lines(p, bold_font(), [pin.text], x, rect.y() + size * 0.92 + 2, 0, size)


def text_font_width(text: str, size: float) -> float:
    return metrics(BOLD).width(text, size)


class EdgeItem(QGraphicsRectItem):
    """A link: a smooth path; weak links dashed; a barrier's line ends in a blunt bar.

    After an edit many links change; an item only records the new points and its bounding
    box, and builds its path when it is painted (links off screen cost nothing). A link that
    only shifted up or down is moved, not rebuilt: for a driver link or a barrier's spine the
    path follows from its two ends, so equal shifts of both ends say so.
    """

    def __init__(self, edge: Edge, pixels_per_point: float = 1.0) -> None:
        super().__init__()
        self.setPen(NO_PEN)
        self.key = (edge.source, edge.target)
        self.edge: Edge | None = None
        self._path: QPainterPath | None = None
        self._shape: QPainterPath | None = None
        self._pen = QPen()
        self._ppp = pixels_per_point
        self._base: tuple[tuple[float, float], ...] = ()  # the points the path is built from (at pos 0, 0)
        self._dy = 0.0  # how far the item is moved down from them
        self.setZValue(EDGE_Z)
        self.set_edge(edge)

    def set_edge(self, edge: Edge) -> None:
        old = self.edge
        if edge is old:
            return
        same_look = (
            old is not None
            and edge.kind is old.kind
            and edge.strength is old.strength
            and edge.weight == old.weight
            and edge.arrow == old.arrow
        )
        pts, base = edge.points, self._base
        if same_look and len(pts) == len(base):
            (x0, y0), (x1, y1) = pts[0], pts[-1]
            (bx0, by0), (bx1, by1) = base[0], base[-1]
            dy = y0 - by0
            if (
                x0 == bx0
                and x1 == bx1
                and y1 - by1 == dy
                and (
                    edge.kind is not LinkKind.COUNTERS
                    or all(a[0] == b[0] and b[1] - a[1] == dy for a, b in zip(base, pts, strict=True))
                )
            ):
                self.edge = edge  # the same curve shifted down or up: move it, do not rebuild it
                if self._dy != dy:
                    self._dy = dy
                    self.setPos(0.0, dy)
                return
        self.edge = edge
        self._base = pts
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        left, top = min(xs), min(ys)
        self._path = self._shape = None
        if self._dy != 0.0:
            self._dy = 0.0
            self.setPos(0.0, 0.0)
        self.setRect(QRectF(left - 6, top - 6, max(xs) - left + 12, max(ys) - top + 12))
        if not same_look:
            self._apply_pen()
        self.update()

    def path(self) -> QPainterPath:
        if self._path is None:
            assert self._base is not None and self.edge is not None
            pts = self._base
            path = QPainterPath()
            path.moveTo(*pts[0])
            for i in range(1, len(pts) - 1, 3):
                (x1, y1), (x2, y2), (x3, y3) = pts[i : i + 3]
                path.cubicTo(x1, y1, x2, y2, x3, y3)
            if self.edge.arrow:  # the force field: an open head at the outcome
                x, y = pts[-1]
                dx, dy = x - pts[-2][0], y - pts[-2][1]
                n = (dx * dx + dy * dy) ** 0.5 or 1.0
                size = 6.0 + 1.5 * (self.edge.weight - 1)
                dx, dy = dx / n * size, dy / n * size
                path.moveTo(x - dx - dy * 0.55, y - dy + dx * 0.55)
                path.lineTo(x, y)
                path.lineTo(x - dx + dy * 0.55, y - dy - dx * 0.55)
            elif self.edge.kind is LinkKind.HINDERS:  # a "⊣" bar across the end, against the target
                x, y = pts[-1]
                path.moveTo(x - 5, y)
                path.lineTo(x + 5, y)
            self._path = path
        return self._path

    def line_pen(self) -> QPen:
        return self._pen

    def set_pixels_per_point(self, ppp: float) -> None:
        """Zoom changed: thin lines switch between a cosmetic 1-pixel pen and a scaled one."""
        if self._thin(self._ppp) != self._thin(ppp):
            self._ppp = ppp
            self._apply_pen()
            self.update()
        self._ppp = ppp

    def restyle(self) -> None:
        """The colour scheme switched: the pen again, in the new colours."""
        self._apply_pen()
        self.update()

    def _thin(self, ppp: float) -> bool:
        assert self.edge is not None
        return edge_style(self.edge.kind, self.edge.dashed).width * self.edge.weight * ppp <= 1.5

    def _apply_pen(self) -> None:
        assert self.edge is not None
        style = edge_style(self.edge.kind, self.edge.dashed, is_dark())
        if self._thin(self._ppp):  # about a pixel wide anyway: a cosmetic pen draws far faster
            pen = QPen(QColor(style.colour), 1.0)
            pen.setCosmetic(True)
            scale = self._ppp
        else:
            pen = QPen(QColor(style.colour), style.width * self.edge.weight)
            scale = 1.0 / (style.width * self.edge.weight)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if style.dash:
            pen.setDashPattern([max(1.0, v * scale) for v in style.dash])
        self._pen = pen

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(6)
            self._shape = stroker.createStroke(self.path())
        return self._shape

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(self._pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(self.path())


class HeadingItem(QGraphicsItem):
    def __init__(self, heading: Heading, size: float) -> None:
        super().__init__()
        self.heading, self.size = heading, size
        self.setZValue(HEADING_Z)

    def boundingRect(self) -> QRectF:
        h = self.heading
        return QRectF(h.x, h.y - self.size * 1.2, h.w, self.size * 1.6)

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        p.setPen(QColor(canvas_palette().heading))
        draw_lines(p, bold_font(), [self.heading.text], self.heading.x, self.heading.y, 0, self.size)

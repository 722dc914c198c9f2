"""The PDF painters' small tools: a pen that sets each colour, width and dash once per run of
like things (reportlab writes every call into the page), and rectangle arithmetic on
(left, top, right, bottom) tuples in layout coordinates."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from reportlab.lib.colors import Color, HexColor

from ..layout.geometry import Point
from .tiles import Rect

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas


@cache
def colour(hex_code: str) -> Color:
    return HexColor(hex_code)


class Pen:
    """The colours, width and dash last set on a canvas, so that a run of boxes or links of
    one kind sets each once: reportlab writes every call into the page. Valid inside one
    saveState ... restoreState (or one form), where nothing else changes them."""

    def __init__(self, canv: Canvas) -> None:
        self.canv = canv
        self._set: dict[str, object] = {}

    def _changed(self, what: str, value: object) -> bool:
        if self._set.get(what, self) == value:
            return False
        self._set[what] = value
        return True

    def fill(self, hex_code: str) -> None:
        if self._changed("fill", hex_code):
            self.canv.setFillColor(colour(hex_code))

    def stroke(self, hex_code: str) -> None:
        if self._changed("stroke", hex_code):
            self.canv.setStrokeColor(colour(hex_code))

    def width(self, width: float) -> None:
        if self._changed("width", width):
            self.canv.setLineWidth(width)

    def dash(self, dash: Sequence[float] | None) -> None:
        if self._changed("dash", tuple(dash or ())):
            self.canv.setDash(list(dash) if dash else [])

    def cap(self, cap: int) -> None:
        if self._changed("cap", cap):
            self.canv.setLineCap(cap)


def bbox(points: Sequence[Point]) -> Rect:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def union(a: Rect, b: Rect) -> Rect:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def grow(r: Rect, by: float) -> Rect:
    return (r[0] - by, r[1] - by, r[2] + by, r[3] + by)


def touch(a: Rect, b: Rect) -> bool:
    return a[0] <= b[2] and a[2] >= b[0] and a[1] <= b[3] and a[3] >= b[1]


def clip(a: Rect, b: Rect) -> Rect:
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))

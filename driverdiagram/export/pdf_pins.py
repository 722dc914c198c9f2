"""The notes pin on a node in the PDF: a small speech bubble over the box's top-right
corner with the count of the notes on the node (see the Mentor notes section), red when an
open gap is among them, grey otherwise.

It sits over the corner, its left edge a few points inside the border and the rest outside
the box: a node's text (and an anti-driver's strength) keeps `padding` points from the
border, so the pin never covers it. A measure tag on the same top border moves left of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from ..layout.geometry import Box
from ..model.schema import Annotation, AnnotationKind
from .pdf_fonts import Typesetter
from .pdf_styles import OPEN_HEX, PIN_GREY_HEX
from .tiles import Rect

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

INSIDE = 4.0  # how far the pin reaches in from the box's right border (the text keeps 6)
GAP_TO_TAG = 1.5  # between a measure tag and the pin


@dataclass(frozen=True)
class NotePin:
    count: int
    open_gap: bool  # an open note of kind "gap" is among them

    @property
    def label(self) -> str:
        return str(self.count) if self.count < 1000 else "999+"

    @property
    def colour(self) -> str:
        return OPEN_HEX if self.open_gap else PIN_GREY_HEX


def note_pins(notes: Iterable[Annotation], node_ids: Iterable[str]) -> dict[str, NotePin]:
    """A pin for each of `node_ids` with notes on it (notes on the whole diagram have none)."""
    shown = set(node_ids)
    counts: dict[str, int] = {}
    gaps: set[str] = set()
    for a in notes:
        if a.node_id is None or a.node_id not in shown:
            continue
        counts[a.node_id] = counts.get(a.node_id, 0) + 1
        if a.kind is AnnotationKind.GAP and a.resolved is None:
            gaps.add(a.node_id)
    return {k: NotePin(n, k in gaps) for k, n in counts.items()}


def pin_shape(ts: Typesetter, label: str, size: float) -> tuple[float, float]:
    """(width, height) of a pin whose count is `size` points."""
    h = size * 1.3
    return max(h, ts.width(label, size, bold=True) + size * 0.8), h


def pin_rect(box: Box, ts: Typesetter, pin: NotePin, size: float) -> Rect:
    """The pin's rectangle in layout coordinates (y down): centred on the top border, its
    left edge INSIDE points in from the right border."""
    w, h = pin_shape(ts, pin.label, size)
    left = box.right - min(INSIDE, box.w / 8)
    return (left, box.y - h / 2, left + w, box.y + h / 2)


class PenLike(Protocol):
    canv: Canvas

    def fill(self, hex_code: str) -> None: ...
    def stroke(self, hex_code: str) -> None: ...
    def width(self, width: float) -> None: ...
    def dash(self, dash: list[float] | None) -> None: ...


def draw_pin(pen: PenLike, ts: Typesetter, rect: Rect, label: str, colour: str, size: float, text: bool) -> None:
    """A bubble on `rect` (layout coordinates, drawn with y negated as the painter does), with
    a short tail down into the node and a white rim to part it from the border under it."""
    left, top, right, bottom = rect
    h = bottom - top
    canv = pen.canv
    pen.dash(None)
    pen.fill(colour)
    pen.stroke("#FFFFFF")
    pen.width(max(0.6, h * 0.07))
    path = canv.beginPath()
    r = h / 2
    # the rounded body, then the tail at its bottom-left (y up: the bottom is -bottom)
    path.moveTo(left + r, -bottom)
    path.lineTo(right - r, -bottom)
    path.arcTo(right - 2 * r, -bottom, right, -top, startAng=-90, extent=180)
    path.lineTo(left + r, -top)
    path.arcTo(left, -bottom, left + 2 * r, -top, startAng=90, extent=90)
    path.lineTo(left, -(bottom + h * 0.28))  # the tail, down into the box (never left of `left`)
    path.lineTo(left + r * 0.9, -bottom)
    path.close()
    canv.drawPath(path, stroke=1, fill=1)
    if not text:
        return
    pen.fill("#FFFFFF")
    x = left + (right - left - ts.width(label, size, bold=True)) / 2
    ts.draw(canv, x, -((top + bottom) / 2 + size * 0.36), label, size, bold=True)

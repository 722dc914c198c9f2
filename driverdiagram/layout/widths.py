"""Column widths for the columns view: natural, or sharing the width there is (a page's
printable width, a window's) so the same diagram reads in portrait and landscape."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from ..model.schema import Node
from .fonts import BOLD, metrics
from .geometry import LayoutOptions

HEADINGS = ("Outcome", "Primary drivers", "Secondary drivers", "Change ideas")


class Measured(Protocol):
    natural: float  # its widest line at the widest box

    def full(self, size: float) -> float: ...  # its widest paragraph on one line

    def word(self, size: float) -> float: ...  # its widest word


NARROW = 0.8  # the narrowest a column gets to fit a width, × the narrowest box
WIDE = 1.6  # the widest, × the widest box


def _fill(low: list[float], high: list[float], room: float) -> list[float]:
    """Widths between `low` and `high` (each) that add up to `room` where they can: every
    column at one common cap, clipped to its bounds (water-filling), so the widest texts
    give way first and the room is shared evenly among the columns that want it."""
    if sum(high) <= room:
        return list(high)
    if sum(low) >= room:
        return list(low)
    lo, hi = 0.0, max(high)
    for _ in range(50):  # bisection on the cap: a few dozen steps give far below a point
        cap = (lo + hi) / 2
        if sum(min(max(cap, a), b) for a, b in zip(low, high, strict=True)) > room:
            hi = cap
        else:
            lo = cap
    return [min(max(lo, a), b) for a, b in zip(low, high, strict=True)]


def column_widths(
    cols: list[list[Node]],
    antis: dict[str, list[Node]],
    texts: Mapping[str, Measured],
    o: LayoutOptions,
    badge_w: float,
    titles: Sequence[str] = HEADINGS,
) -> tuple[list[float], float]:
    """Column widths and the gap between columns.

    Each column is wide enough for its heading and its widest natural text, within the
    box width limits. With `fit_width` (the width there is: a page's printable width, a
    window's), the columns share that width: room to spare goes to the columns whose
    text wraps (up to `WIDE` × the widest box, where a wider box saves no line); too
    little, and the column gap narrows to half, then the widest columns narrow first,
    none below its heading, `NARROW` × the narrowest box, or its widest word (so that no
    word is cut across lines, unless it is wider than the widest box)."""
    pad, size = o.padding, o.font_size
    anti_extra = 2 * pad + o.anti_indent + badge_w
    want, floor, roomy = [], [], []
    for c, col in enumerate(cols):
        heading_w = metrics(BOLD).width(titles[c], size) + 2 * pad
        w = max(o.min_box_width, max([texts[n.id].natural for n in col], default=0.0) + 2 * pad)
        for n in col:
            if n.id in antis:
                w = max(w, *(texts[a.id].natural + anti_extra for a in antis[n.id]))
        cap = max(o.max_box_width, heading_w)
        want.append(min(max(w, heading_w), cap))
        word = max([texts[n.id].word(size) + 2 * pad for n in col], default=0.0)
        for n in col:
            if n.id in antis:
                word = max(word, *(texts[a.id].word(size) + anti_extra for a in antis[n.id]))
        floor.append(min(max(heading_w, NARROW * o.min_box_width, word), want[-1]))
        roomy.append((c, col, heading_w))
    gap = o.column_gap
    if o.fit_width is None:
        return want, gap
    k = len(cols)
    room = o.fit_width - 2 * o.margin
    if sum(want) + (k - 1) * gap <= room:
        full = []
        for c, col, _ in roomy:
            w = max([texts[n.id].full(size) for n in col], default=0.0) + 2 * pad
            for n in col:
                if n.id in antis:
                    w = max(w, *(texts[a.id].full(size) + anti_extra for a in antis[n.id]))
            full.append(max(want[c], min(w, WIDE * o.max_box_width)))
        return _fill(want, full, room - (k - 1) * gap), gap
    if k > 1:
        gap = max(gap / 2, min(gap, (room - sum(want)) / (k - 1)))
    return _fill(floor, want, room - (k - 1) * gap), gap

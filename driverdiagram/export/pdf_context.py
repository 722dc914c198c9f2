"""What a part of a diagram split across pages repeats from its neighbours, marked as such.

A part below the first row would show boxes under no column heading, and links that run off
its edge to boxes printed elsewhere. So a part repeats the headings of its columns in a strip
above it, in grey and "(continued)", and where a link leaves it, a small grey label at the
edge names the box the link continues to and the page that prints it ("→ Research skills ·
p. 4"). One label per box and part; labels along one edge are spread so they never overlap.
Only paper points here: the labels keep the 6 pt floor whatever the part's scale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..layout.geometry import Edge, Geometry
from ..model.schema import LinkKind
from .pdf_pen import colour

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

    from .pdf_diagram import DiagramPainter
    from .pdf_fonts import Typesetter
    from .tiles import Plan, Window

STRIP = 11.0  # points above a part for its repeated column headings
LABEL_SIZE = 6.0  # points: the diagram pages' floor
HEADING_SIZE = 7.0
REPEATED = "#7F7F7F"  # grey: context repeated from another page
TEXT_CHARS = 30
INSET = 1.5  # points inside the part's edge where a label sits


@dataclass(frozen=True)
class Continuation:
    x: float  # paper points from the part's left edge
    y: float  # paper points down from the part's top edge
    side: str  # "left", "right", "top" or "bottom": the edge the link leaves by
    text: str


def repeated_headings(canv: Canvas, ts: Typesetter, g: Geometry, w: Window, scale: float, y: float) -> None:
    """The headings of the columns part `w` shows, at baseline `y` above it (a part of the
    first row has the headings themselves)."""
    canv.setFillColor(colour(REPEATED))
    for h in g.headings:
        left = max(h.x, w.x)
        if left >= min(h.x + h.w, w.x + w.w) - 1e-6:
            continue
        text = f"{h.text} (continued)"
        x = (left - w.x) * scale
        room = (min(h.x + h.w, w.x + w.w) - left) * scale
        if ts.width(text, HEADING_SIZE, bold=True) > room:
            text = h.text
        ts.draw(canv, x, y, text, HEADING_SIZE, bold=True)


def continuations(painter: DiagramPainter, plan: Plan, part: int, first_page: int) -> list[Continuation]:
    """Where the links of part `part` leave it for boxes printed on other parts, each box
    once: at the last point of the link inside the part, with the box's text and page."""
    w = plan.windows[part]
    g = painter.g
    boxes, edges = painter.part(part)
    printed = {b.id for b in boxes if w.shows(painter.extent(b, plan.scale))}
    home: dict[str, int] = {}
    rect = w.rect
    pool: Sequence[Edge] = [*edges, *painter.shared_edges_touching(rect)]
    out: dict[str, Continuation] = {}
    for e in pool:
        if e.kind not in (LinkKind.DRIVES, LinkKind.COUNTERS):
            continue
        inside_source, inside_target = e.source in printed, e.target in printed
        if inside_source == inside_target:
            continue
        other = e.target if inside_source else e.source
        if other in out or other not in g.boxes:
            continue
        pts = e.sample(24)
        if not inside_source:
            pts.reverse()
        last = None
        for p in pts:
            if not _inside(p, rect):
                break
            last = p
        if last is None or _inside(pts[-1], rect):
            continue  # (it comes back in: nothing leaves)
        if other not in home:
            home[other] = _home(painter, plan, other)
        page = home[other]
        label = _shorten(" ".join(" ".join(g.boxes[other].lines).split()))
        arrow = "→" if inside_source else "←"
        text = f"{arrow} {label}" + (f" · p. {first_page + page}" if page >= 0 else "")
        s = plan.scale
        x, y = (last[0] - w.x) * s, (last[1] - w.y) * s
        out[other] = Continuation(x, y, _side(x, y, w.w * s, w.h * s), text)
    return list(out.values())


def draw_continuations(
    canv: Canvas, ts: Typesetter, labels: Sequence[Continuation], x0: float, y_top: float, width: float, height: float
) -> None:
    """The labels on the page, the part's top-left corner at (x0, y_top): grey on white,
    each along the edge its link leaves by, spread apart where they would overlap."""
    line = LABEL_SIZE * 1.25
    placed: list[tuple[float, float, float, float]] = []
    for side in ("left", "right", "top", "bottom"):
        along = side in ("left", "right")
        mine = sorted((c for c in labels if c.side == side), key=lambda c: (c.y, c.x) if along else (c.x, c.y))
        last_end = -1e9
        for c in mine:
            tw = ts.width(c.text, LABEL_SIZE)
            if along:
                y = max(c.y - line / 2, last_end, 0.0)
                y = min(y, height - line)
                last_end = y + line
                x = INSET if side == "left" else width - INSET - tw
            else:
                x = max(c.x - tw / 2, last_end, INSET)
                x = min(x, width - INSET - tw)
                last_end = x + tw + LABEL_SIZE
                y = INSET if side == "top" else height - INSET - line
            box = (x - 1, y, x + tw + 1, y + line)
            if any(_overlap(box, b) for b in placed):
                continue  # (a corner where two edges' labels meet: the first one stays)
            placed.append(box)
            canv.setFillColor(colour("#FFFFFF"))
            canv.rect(x0 + box[0], y_top - box[3], box[2] - box[0], line, stroke=0, fill=1)
            canv.setFillColor(colour(REPEATED))
            ts.draw(canv, x0 + x, y_top - y - LABEL_SIZE, c.text, LABEL_SIZE)


def _home(painter: DiagramPainter, plan: Plan, box_id: str) -> int:
    """The first part that prints the box whole (-1: none does)."""
    r = painter.extent(painter.g.boxes[box_id], plan.scale)
    for i in plan.touching(r):
        if plan.windows[i].shows(r):
            return i
    return -1


def _inside(p: tuple[float, float], r: tuple[float, float, float, float]) -> bool:
    return r[0] <= p[0] <= r[2] and r[1] <= p[1] <= r[3]


def _side(x: float, y: float, width: float, height: float) -> str:
    gaps = {"left": x, "right": width - x, "top": y, "bottom": height - y}
    return min(gaps, key=gaps.__getitem__)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _shorten(text: str) -> str:
    return text if len(text) <= TEXT_CHARS else text[: TEXT_CHARS - 1].rstrip() + "…"

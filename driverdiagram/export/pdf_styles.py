"""Paragraph styles, bookmarked headings and small formatters shared by the PDF's text pages."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether

from .pdf_bidi import Paragraph
from .pdf_fonts import FONT, FONT_BOLD, register

register()

INK = HexColor("#1A1A1A")
MUTED = HexColor("#595959")
ACCENT = HexColor("#1F4E79")  # the outcome's blue: headings and table heads
BAND = HexColor("#DEEAF6")  # group rows
ZEBRA = HexColor("#F5F8FB")
GRIDLINE = HexColor("#BFBFBF")
OPEN_HEX = "#C00000"  # open notes, overdue milestones
OPEN = HexColor(OPEN_HEX)
DONE_HEX = "#2E7D32"  # added, done, resolved (in the changes since a meeting)
CHANGED_HEX = "#B35C00"  # edited, moved, reopened
PIN_GREY_HEX = "#6E6E6E"  # a node's notes pin when no open gap is among them

BODY = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, textColor=INK, spaceAfter=4, bulletFontName=FONT)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=0)
H1 = ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=16, leading=20, textColor=ACCENT, spaceAfter=4, keepWithNext=1)
H2 = ParagraphStyle(
    "h2", fontName=FONT_BOLD, fontSize=11.5, leading=15, textColor=ACCENT, spaceBefore=12, spaceAfter=4, keepWithNext=1
)
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10.2, textColor=INK, bulletFontName=FONT)
CELL_BOLD = ParagraphStyle("cell_bold", parent=CELL, fontName=FONT_BOLD)
CELL_MUTED = ParagraphStyle("cell_muted", parent=CELL, textColor=MUTED, fontSize=7.5, leading=9.5)
HEAD = ParagraphStyle(
    "head", fontName=FONT_BOLD, fontSize=8, leading=10, textColor=HexColor("#FFFFFF"), bulletFontName=FONT
)
BULLET = ParagraphStyle("bullet", parent=BODY, leftIndent=12, bulletIndent=2, spaceAfter=2)

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def fmt_date(d: dt.date | None) -> str:
    """ "4 Nov 2025": unambiguous wherever the reader lives (no locale needed)."""
    return "" if d is None else f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def fmt_day(d: dt.date | None, weekday: bool = False) -> str:
    """ "6 January 2026" (or "Tuesday 6 January 2026"): a date in words, for prose and headings."""
    if d is None:
        return ""
    words = f"{d.day} {_MONTH_NAMES[d.month - 1]} {d.year}"
    return f"{_DAY_NAMES[d.weekday()]} {words}" if weekday else words


def fmt_num(v: float | None) -> str:
    if v is None:
        return ""
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class Heading(Paragraph):
    """A heading that is also a bookmark in the PDF's outline."""

    def __init__(self, text: str, style: ParagraphStyle, outline: str, level: int = 0, key: str = "") -> None:
        super().__init__(text, style)
        self.outline = outline
        self.level = level
        self.key = key or f"h{id(self)}"

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.outline, self.key, self.level, closed=False)
        super().draw()


class KeepWithStart(KeepTogether):
    """What `keepWithNext` makes of a heading and what follows it: they start on one page.
    reportlab's KeepTogether moves them to a new page whenever they do not fit, even when
    what follows is longer than a page (a 20,000-character goal), leaving a page blank;
    this one starts such content where it is, when the heading and a few lines fit."""

    START = 40.0  # points: the heading's first lines under it, at least

    def split(self, aw: float, ah: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (aw, ah):
            self.wrap(aw, ah)
        frame = getattr(self, "_frame", None)
        page = getattr(frame, "_height", None)  # an empty frame's height
        if page is not None and page < self._H and ah >= self._H0 + self.START:
            return list(self._content)
        return super().split(aw, ah)


SECTION_START = 150.0
"""A section starts on a new page when less than this is left (points): never a heading and
its introduction alone at the foot of a page with the table they introduce overleaf."""

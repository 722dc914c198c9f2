"""A table laid out one page at a time: linear in its rows, and a row may be taller than a page.

reportlab's `Table` measures all of its rows each time it is split, and a split leaves a new
table of all the rows still to come, so a table of many pages costs rows x pages (the
measures of a 10,000-node diagram: minutes). `PagedTable` measures every row once and hands
the frame one small `Table` per page: the header and the rows that page holds. A row taller
than a whole page (a 20,000-character definition) goes to reportlab's in-row split, which
continues its paragraphs on the next page, under the header again.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Table

from .pdf_bidi import Paragraph
from .pdf_fonts import FONT, FONT_BOLD

SPLIT_IN_ROW = 30.0  # a row split across pages leaves at least this much on the first (points)
BIG = 1e12  # "unlimited" height, for measuring
MEASURE_ROWS = 50  # rows measured together
WORD_SHARE = 0.4  # a column is widened for a word up to this share of the table's width


class Cell(Paragraph):
    """A paragraph in a table cell. A table wraps its cells to measure the rows and again to
    draw them, always at the column's width: the lines are broken once per width."""

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        # (a split may drop the lines: "blPara" is where the paragraph keeps them)
        if getattr(self, "_wrapped_at", None) != aw or not hasattr(self, "blPara"):
            self._wrapped = super().wrap(aw, ah)
            self._wrapped_at = aw
        return self._wrapped


@dataclass(frozen=True)
class Row:
    """One row: its cells, style commands for it alone (with 0 for its row), and whether it
    stays on the page of the row after it (a group's title stays with its first row)."""

    cells: list[Any]
    style: tuple[tuple[Any, ...], ...] = ()
    with_next: bool = False


def _at(cmd: tuple[Any, ...], row: int) -> tuple[Any, ...]:
    op, (c0, r0), (c1, r1), *rest = cmd
    return (op, (c0, r0 + row), (c1, r1 + row), *rest)


class _Measured:
    """What all the pieces of one table share: rows, widths, style and the row heights."""

    def __init__(self, header: list[Any], rows: Sequence[Row], widths: list[float], style: list[tuple]) -> None:
        self.header, self.rows, self.style = header, list(rows), style
        self.widths = fit_words(widths, [header] + [r.cells for r in rows if not _spans(r)], _padding(style))
        self.heights: list[float] | None = None
        self.tops: list[float] = []  # tops[i]: the height of rows[:i]
        self.ends: list[int] = []  # where a page may end: after row i - 1 for each i here
        self.head_h = 0.0

    def table(self, start: int, stop: int, measured: bool = True) -> Table:
        """The header and rows[start:stop] as one reportlab table. `measured`: with the
        heights `measure` found, so that reportlab does not wrap every cell again for them;
        else a table that reportlab splits inside its first row that does not fit."""
        rows = self.rows[start:stop]
        data = [list(self.header)] + [list(r.cells) for r in rows]
        style = self.style + [_at(cmd, i) for i, r in enumerate(rows, 1) for cmd in r.style]
        heights = [self.head_h, *self.heights[start:stop]] if measured and self.heights is not None else None
        return Table(
            data,
            colWidths=self.widths,
            rowHeights=heights,
            style=style,
            repeatRows=1,
            splitByRow=measured,
            splitInRow=SPLIT_IN_ROW,
            hAlign="LEFT",
        )

    def measure(self) -> None:
        """Every row's height, from tables of MEASURE_ROWS rows at a time (the widths are
        fixed, so a row is as tall there as on its page). Not one table of all: reportlab
        looks up every cell in a list of all spanned cells, which is rows x rows."""
        if self.heights is not None:
            return
        heights: list[float] = []
        for a in range(0, max(len(self.rows), 1), MEASURE_ROWS):
            t = self.table(a, min(a + MEASURE_ROWS, len(self.rows)))
            t.wrap(sum(self.widths), BIG)
            self.head_h, *more = t._rowHeights  # reportlab keeps the measured heights here
            heights += more
        self.heights = heights
        self.tops = [0.0, *accumulate(heights)]
        self.ends = [i + 1 for i, r in enumerate(self.rows) if not r.with_next or i + 1 == len(self.rows)]


def _spans(row: Row) -> bool:
    return any(cmd[0] == "SPAN" for cmd in row.style)


def _padding(style: list[tuple]) -> float:
    """The left and right padding of a cell, from the table's style (reportlab's 6 + 6 else)."""
    pad = {"LEFTPADDING": 6.0, "RIGHTPADDING": 6.0}
    for cmd in style:
        if cmd[0] in pad:
            pad[cmd[0]] = float(cmd[3])
    return sum(pad.values())


_TAG = re.compile(r"<[^>]*>")


def _widest_word(cell: Any) -> float:
    """The widest word of a cell, at its paragraph style's font and size (bold where the cell
    is marked bold); 0 for an empty cell or anything but a paragraph or a string."""
    if isinstance(cell, Paragraph):
        text, font, size = cell.text, cell.style.fontName, cell.style.fontSize
    elif isinstance(cell, str):
        text, font, size = cell, FONT, 8.0
    else:
        return 0.0
    if "<b>" in text:
        font = FONT_BOLD
    words = html.unescape(_TAG.sub(" ", text)).split()
    return max((pdfmetrics.stringWidth(w, font, size) for w in words), default=0.0)


def fit_words(widths: list[float], rows: Sequence[Sequence[Any]], padding: float) -> list[float]:
    """`widths` changed so that no column is narrower than its widest word (no word broken
    in the middle): the room comes from the columns wider than their widest words, each
    giving in proportion to what it can spare. Where there is not room enough, the columns
    short of it share what there is. A word wider than WORD_SHARE of the table is broken."""
    n = len(widths)
    cap = WORD_SHARE * sum(widths)  # a longer word (a pasted link) breaks wherever it is
    need = [0.0] * n
    for cells in rows:
        for c, cell in enumerate(cells[:n]):
            need[c] = max(need[c], min(cap, _widest_word(cell) + padding + 0.5))
    short = [max(0.0, need[c] - widths[c]) for c in range(n)]
    spare = [max(0.0, widths[c] - need[c]) for c in range(n)]
    want, have = sum(short), sum(spare)
    if want <= 1e-6 or have <= 1e-6:
        return list(widths)
    give = min(1.0, want / have)  # of each column's spare room
    take = min(1.0, have / want)  # of each column's shortfall
    return [widths[c] - spare[c] * give + short[c] * take for c in range(n)]


class PagedTable(Flowable):
    """`header` repeated on every page over `rows`, in columns of `widths` points, styled by
    `style` (commands for the whole table, the header being row 0)."""

    def __init__(
        self,
        header: list[Any],
        rows: Sequence[Row],
        widths: list[float],
        style: list[tuple],
        *,
        _shared: _Measured | None = None,
        _start: int = 0,
    ) -> None:
        super().__init__()
        self._m = _shared or _Measured(header, rows, widths, style)
        self._start = _start
        self.hAlign = "LEFT"

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        m = self._m
        m.measure()
        self.width = sum(m.widths)
        self.height = m.head_h + m.tops[-1] - m.tops[self._start]
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        """The rows that fit in `ah` as one table, and the rest as a PagedTable. A group of
        rows taller than any page begins here, under the same header, when some of its
        last row fits: reportlab splits inside that row (the frame draws the first piece at
        once and asks the rest to split again on the next page)."""
        m = self._m
        m.measure()
        start, n = self._start, len(m.rows)
        if start >= n:
            return []
        room = ah - m.head_h
        fit = bisect_right(m.tops, room + m.tops[start] + 1e-6) - 1  # rows[start:fit] fit
        i = bisect_right(m.ends, fit)  # m.ends[:i]: the places to end at or before fit
        stop = m.ends[i - 1] if i and m.ends[i - 1] > start else start
        frame = getattr(self, "_frame", None)
        page = getattr(frame, "_aH", ah)  # the height of an empty frame
        if n - stop == 1:  # not the last row alone at the top of the next page: one more goes with it
            if i > 1 and m.ends[i - 2] > start:
                stop = m.ends[i - 2]
            elif ah < page - 1e-6:
                stop = start  # (on a page already begun: both to the next)
        if stop < n:
            after = m.ends[bisect_right(m.ends, stop)]  # the end of the group after those
            tall = m.head_h + m.tops[after] - m.tops[stop] > page + 1e-6
            if tall and room - (m.tops[after - 1] - m.tops[start]) >= SPLIT_IN_ROW:
                pieces = m.table(start, after, measured=False).split(aw, ah)
                if pieces:
                    return [*pieces, *self._rest(after)]
        if stop == start:
            return []  # nothing fits here: the next page
        return [m.table(start, stop), *self._rest(stop)]

    def _rest(self, start: int) -> list[Flowable]:
        return [PagedTable([], [], [], [], _shared=self._m, _start=start)] if start < len(self._m.rows) else []

    def draw(self) -> None:  # all that is left fits where the frame puts it
        t = self._m.table(self._start, len(self._m.rows))
        t.wrapOn(self.canv, self.width, BIG)
        t.drawOn(self.canv, 0, 0)

"""What changed since a meeting: the diagram now against the snapshot the meeting kept,
one row per difference (from `model.diff`), grouped as nodes, links, measures, data, notes
and milestones, each row tagged: "+" added, "−" removed, "~" changed (edited, moved,
reopened), "✓" done or resolved, "!" slipped or a new run-chart signal.

Printed only when asked for, with the meeting to compare with (`export_pdf(changes_since=…)`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from ..model.diagram import Diagram
from ..model.schema import Meeting
from .pdf_bidi import Paragraph
from .pdf_fonts import FONT_BOLD, Typesetter
from .pdf_paging import Cell, PagedTable, Row
from .pdf_styles import (
    BAND,
    BODY,
    CELL,
    CHANGED_HEX,
    DONE_HEX,
    H1,
    HEAD,
    OPEN_HEX,
    SECTION_START,
    ZEBRA,
    Heading,
    fmt_day,
)
from .pdf_tables import _table_style, _widths

GROUPS = (
    ("node", "Nodes"),
    ("link", "Links"),
    ("measure", "Measures"),
    ("data", "Data"),
    ("note", "Notes"),
    ("milestone", "Milestones"),
)
# change -> (tag, its colour, the word in the table)
TAGS = {
    "added": ("+", DONE_HEX, "Added"),
    "removed": ("−", OPEN_HEX, "Removed"),
    "edited": ("~", CHANGED_HEX, "Edited"),
    "moved": ("~", CHANGED_HEX, "Moved"),
    "reopened": ("~", CHANGED_HEX, "Reopened"),
    "resolved": ("✓", DONE_HEX, "Resolved"),
    "done": ("✓", DONE_HEX, "Done"),
    "slipped": ("!", OPEN_HEX, "Slipped"),
    "signal": ("!", CHANGED_HEX, "Signal"),
}
OTHER = ("~", CHANGED_HEX, "")
TAG = ParagraphStyle("change_tag", parent=CELL, fontName=FONT_BOLD, fontSize=10, leading=10.2, alignment=TA_CENTER)


class DifferenceLike(Protocol):
    """What a row needs of `model.diff.Difference`."""

    @property
    def what(self) -> str: ...
    @property
    def change(self) -> str: ...
    @property
    def message(self) -> str: ...


def changes_heading(meeting: Meeting) -> str:
    return f"Changes since {fmt_day(meeting.date)}"


def differences_since(d: Diagram, meeting_id: str, today: dt.date) -> tuple[list[DifferenceLike] | None, str]:
    """The differences since the meeting and their one-line count, or None and why not (the
    meeting kept no snapshot)."""
    from ..model.diff import changes_since, summary_counts

    meeting = d.item("meetings", meeting_id)
    if meeting.snapshot is None:
        return None, (
            f"The meeting of {fmt_day(meeting.date)} kept no copy of the diagram (it was held before "
            "meetings kept one), so what changed since then cannot be shown."
        )
    diffs = changes_since(d, meeting_id, today)
    return list(diffs), summary_counts(diffs)


def changes_story(
    meeting: Meeting,
    diffs: Sequence[DifferenceLike] | None,
    summary: str,
    ts: Typesetter,
    width: float,
    today: dt.date,
) -> list[Flowable]:
    """The section: its heading names the meeting's date; `diffs` None: `summary` says why
    there is nothing to compare with."""
    title = changes_heading(meeting)
    out: list[Flowable] = [CondPageBreak(SECTION_START), Heading(ts.markup(title), H1, title, key="changes")]
    if diffs is None:
        return out + [Paragraph(ts.markup(summary), BODY)]
    since = f"Since the meeting of {fmt_day(meeting.date, weekday=True)}, up to {fmt_day(today)}"
    if not diffs:
        return out + [Paragraph(f"{since}: nothing in the diagram has changed.", BODY)]
    out.append(Paragraph(f"{since}: {ts.markup(summary.rstrip('.'))}.", BODY))
    legend = " ".join(
        f'<font color="{c}"><b>{t}</b></font> {w}'
        for t, c, w in (
            ("+", DONE_HEX, "added"),
            ("−", OPEN_HEX, "removed"),
            ("~", CHANGED_HEX, "changed"),
            ("✓", DONE_HEX, "done or resolved"),
            ("!", OPEN_HEX, "slipped or a new signal"),
        )
    )
    out += [Paragraph(legend, BODY), Spacer(1, 4), _table(diffs, ts, width)]
    return out


def _table(diffs: Sequence[DifferenceLike], ts: Typesetter, width: float) -> PagedTable:
    by_what: dict[str, list[DifferenceLike]] = {}
    for x in diffs:
        by_what.setdefault(x.what, []).append(x)
    groups = [(w, t) for w, t in GROUPS if w in by_what]
    groups += [(w, w.capitalize()) for w in by_what if w not in dict(GROUPS)]  # never lose a line
    rows: list[Row] = []
    band = (("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), BAND))
    for what, title in groups:
        items = by_what[what]
        rows.append(Row([Cell(f"<b>{title}</b> · {len(items):,}", CELL), "", ""], band, True))
        for i, x in enumerate(items):
            tag, hex_code, word = TAGS.get(x.change, OTHER)
            zebra = (("BACKGROUND", (0, 0), (-1, 0), ZEBRA),) if i % 2 else ()
            cells = [
                Cell(f'<font color="{hex_code}">{tag}</font>', TAG),
                Cell(f'<font color="{hex_code}">{ts.markup(word or x.change.capitalize())}</font>', CELL),
                Cell(ts.markup(x.message), CELL),
            ]
            rows.append(Row(cells, zebra))
    word_w = max(ts.width(w, 8) for _, _, w in TAGS.values()) + 10
    widths = _widths(width, {0: 18, 1: word_w}, {2: 1.0})
    head = [Cell(h, HEAD) for h in ("", "Change", "What changed")]
    return PagedTable(head, rows, widths, _table_style([]))

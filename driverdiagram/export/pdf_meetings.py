"""The meeting log: each meeting's date, who led it, its agenda, its summary and the action
items it agreed (the milestones that name it), newest meeting first.

Newest first: the log is printed to prepare the next meeting, where what was agreed last
time is what is read first; older meetings follow as the record. A meeting with nothing
written down prints its date alone.
"""

from __future__ import annotations

import datetime as dt

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from ..model.diagram import Diagram
from ..model.schema import Meeting, Milestone, MilestoneKind
from .pdf_bidi import Paragraph
from .pdf_compact import KIND_WORD
from .pdf_fonts import FONT_BOLD, Typesetter
from .pdf_paging import Cell, PagedTable, Row
from .pdf_styles import (
    ACCENT,
    BODY,
    CELL,
    CELL_MUTED,
    H1,
    H2,
    HEAD,
    MUTED,
    OPEN_HEX,
    SECTION_START,
    SMALL,
    Heading,
    fmt_date,
    fmt_day,
)
from .pdf_tables import _table_style, _widths, node_title
from .sections import heading

LABEL = ParagraphStyle(
    "label", parent=SMALL, fontName=FONT_BOLD, textColor=ACCENT, spaceBefore=4, spaceAfter=1, keepWithNext=1
)
TEXT = ParagraphStyle("meeting_text", parent=BODY, leftIndent=10)
INTRO = ParagraphStyle("meetings_intro", parent=BODY, keepWithNext=1)  # with the first meeting
LED = ParagraphStyle("led_by", parent=SMALL, keepWithNext=1)


def meetings_story(d: Diagram, ts: Typesetter, width: float, today: dt.date) -> list[Flowable]:
    """The log, or nothing when no meeting is recorded (as the notes are left out)."""
    meetings: list[Meeting] = sorted(d.items("meetings"), key=lambda m: m.date, reverse=True)
    if not meetings:
        return []
    agreed: dict[str, list[Milestone]] = {}
    for ms in d.items("milestones"):
        if ms.meeting_id:
            agreed.setdefault(ms.meeting_id, []).append(ms)
    n = len(meetings)
    first, last = meetings[-1].date, meetings[0].date
    span = f"on {fmt_day(first)}" if first == last else f"from {fmt_day(first)} to {fmt_day(last)}"
    out: list[Flowable] = [
        CondPageBreak(SECTION_START),
        Heading(heading("meetings"), H1, heading("meetings"), key="meetings"),
        Paragraph(f"{n} meeting{'s' if n != 1 else ''} {span}, the newest first.", INTRO),
    ]
    for i, m in enumerate(meetings):
        day = fmt_day(m.date, weekday=True)
        out.append(Heading(ts.markup(day), H2, day, level=1, key=f"meeting-{i}"))
        if m.mentor.strip():
            out.append(Paragraph(f"Led by {ts.markup(m.mentor.strip())}", LED))
        for label, text in (("Agenda", m.agenda), ("Summary", m.summary)):
            if text.strip():
                out += [Paragraph(label, LABEL), Paragraph(ts.markup(text.strip()), TEXT)]
        items = agreed.get(m.id, [])
        if items:
            count = f"{len(items)} action item{'s' if len(items) != 1 else ''}"
            out += [Paragraph(count, LABEL), Spacer(1, 2), _actions(d, items, ts, width, today)]
    return out


def _actions(d: Diagram, items: list[Milestone], ts: Typesetter, width: float, today: dt.date) -> PagedTable:
    rows: list[Row] = []
    muted = (("TEXTCOLOR", (0, 0), (-1, 0), MUTED),)
    for ms in items:
        if ms.done is not None:
            status = Cell(f"Done {fmt_date(ms.done)}", CELL_MUTED)
        elif ms.due is not None and ms.due < today:
            status = Cell(f'<font color="{OPEN_HEX}"><b>Overdue</b></font>', CELL)
        else:
            status = Cell("Open", CELL)
        what = [Cell(ts.markup(ms.title), CELL)]
        if ms.kind is not MilestoneKind.ACTION_ITEM:
            what.append(Cell(KIND_WORD[ms.kind], CELL_MUTED))
        cells = [
            what,
            Cell(ts.markup(ms.owner) or "–", CELL),
            fmt_date(ms.due) or "–",
            status,
            Cell(node_title(d, ms.node_id, ts) if ms.node_id else "–", CELL),
        ]
        rows.append(Row(cells, muted if ms.done is not None else ()))
    widths = _widths(width, {1: 70, 2: 62, 3: 72}, {0: 0.55, 4: 0.45})
    head = [Cell(h, HEAD) for h in ("Action item", "Owner", "Due", "Status", "For")]
    return PagedTable(head, rows, widths, _table_style([]))

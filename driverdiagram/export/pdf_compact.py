"""The mentoring compact: schedule, key goals, milestones and homework, how we work
together, and the lines both sign. Parts the document leaves empty are left out; the
signature block is always there, since a compact is signed even when it is short."""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ..model.diagram import Diagram
from ..model.schema import Milestone, MilestoneKind, NodeKind
from .pdf_fonts import FONT, Typesetter
from .pdf_paging import Cell, PagedTable, Row
from .pdf_styles import (
    BODY,
    BULLET,
    CELL,
    CELL_MUTED,
    H1,
    H2,
    HEAD,
    INK,
    MUTED,
    OPEN_HEX,
    SMALL,
    Heading,
    fmt_date,
)
from .pdf_tables import _table_style, _widths, node_title
from .sections import heading

KIND_WORD = {
    MilestoneKind.MILESTONE: "Milestone",
    MilestoneKind.HOMEWORK: "Homework",
    MilestoneKind.ACTION_ITEM: "Action item",
}


def compact_story(d: Diagram, ts: Typesetter, width: float, today: dt.date) -> list[Flowable]:
    c = d.compact
    mentee = c.mentee or d.info.mentee
    mentor = c.mentor or d.info.mentor
    out: list[Flowable] = [Heading(heading("compact"), H1, heading("compact"), key="compact")]

    between = []
    if mentee:
        between.append(f"<b>{ts.markup(mentee)}</b> (mentee)")
    if mentor:
        between.append(f"<b>{ts.markup(mentor)}</b> (mentor)")
    when = []
    if c.start:
        when.append(f"starting {fmt_date(c.start)}")
    if c.review:
        when.append(f"to be reviewed on {fmt_date(c.review)}")
    intro = "The agreement" + (" between " + " and ".join(between) if between else " between mentee and mentor")
    out.append(Paragraph(intro + (", " + ", ".join(when) if when else "") + ".", BODY))

    def section(title: str, flowables: list[Flowable]) -> None:
        if flowables:
            out.append(Heading(title, H2, title, level=1, key=f"compact-{len(out)}"))
            out.extend(flowables)

    schedule = []
    if c.meeting_schedule.strip():
        schedule.append(Paragraph(f"<b>Meetings:</b> {ts.markup(c.meeting_schedule.strip())}", BODY))
    if c.communication.strip():
        schedule.append(Paragraph(f"<b>Communication:</b> {ts.markup(c.communication.strip())}", BODY))
    section("Meetings and communication", schedule)

    goals: list[Flowable] = [
        Paragraph(f"<b>Outcome (aim):</b> {ts.markup(d.outcome.text.strip() or '(no text yet)')}", BODY)
    ]
    primaries = d.nodes(NodeKind.PRIMARY)
    if primaries:
        goals.append(Paragraph("<b>Primary drivers:</b>", BODY))
        goals += [Paragraph(ts.markup(n.text.strip() or "(no text)"), BULLET, bulletText="•") for n in primaries]
    if c.goals.strip():
        goals.append(Spacer(1, 3))
        goals.append(Paragraph(ts.markup(c.goals.strip()), BODY))
    section("Key goals", goals)

    section("Milestones and homework", _milestones(d, ts, width, today))
    section(
        "How we work together",
        [Paragraph(ts.markup(e.strip()), BULLET, bulletText="•") for e in c.expectations if e.strip()],
    )
    section("Ending the relationship", [Paragraph(ts.markup(c.ending.strip()), BODY)] if c.ending.strip() else [])

    out.append(
        KeepTogether(
            [
                Heading("Signatures", H2, "Signatures", level=1, key="signatures"),
                _signatures(mentee, mentor, c.mentee_signed, c.mentor_signed, ts, width),
            ]
        )
    )
    return out


def _milestones(d: Diagram, ts: Typesetter, width: float, today: dt.date) -> list[Flowable]:
    items: list[Milestone] = list(d.items("milestones"))
    if not items:
        return []
    far = dt.date.max
    items.sort(key=lambda m: (m.done is not None, m.due or far))
    rows: list[Row] = []
    muted = (("TEXTCOLOR", (0, 0), (-1, 0), MUTED),)
    for m in items:
        if m.done is not None:
            status = Cell(f"Done {fmt_date(m.done)}", CELL_MUTED)
        elif m.due is not None and m.due < today:
            status = Cell(f'<font color="{OPEN_HEX}"><b>Overdue</b></font>', CELL)
        else:
            status = Cell("Open", CELL)
        what = [Cell(ts.markup(m.title), CELL)]
        if m.notes.strip():
            what.append(Cell(ts.markup(m.notes.strip()), CELL_MUTED))
        cells = [
            fmt_date(m.due) or "–",
            what,
            KIND_WORD[m.kind],
            Cell(ts.markup(m.owner) or "–", CELL),
            Cell(node_title(d, m.node_id, ts) if m.node_id else "–", CELL),
            status,
        ]
        rows.append(Row(cells, muted if m.done is not None else ()))
    widths = _widths(width, {0: 64, 2: 62, 3: 70, 5: 84}, {1: 0.55, 4: 0.45})
    head = [Cell(h, HEAD) for h in ("Due", "What", "Kind", "Owner", "For", "Status")]
    table = PagedTable(head, rows, widths, _table_style([]))
    done = sum(1 for m in items if m.done is not None)
    return [
        Paragraph(
            f"{len(items)} item{'s' if len(items) != 1 else ''}, {done} done; open ones first, by due date. "
            f"Overdue means not done by {fmt_date(today)}.",
            SMALL,
        ),
        Spacer(1, 3),
        table,
    ]


def _signatures(
    mentee: str,
    mentor: str,
    mentee_signed: dt.date | None,
    mentor_signed: dt.date | None,
    ts: Typesetter,
    width: float,
) -> Table:
    """A signature line and a date line for each, names printed under them."""
    gap = 28.0
    sig_w = min(300.0, (width - gap) * 0.6)
    date_w = min(150.0, width - gap - sig_w)

    def block(role: str, name: str, signed: dt.date | None) -> list[list]:
        label = f"{role}: {ts.markup(name)}" if name else role
        first = f"First signed {fmt_date(signed)}" if signed else ""
        return [
            ["", "", ""],
            [Paragraph(label, CELL), "", Paragraph("Date", CELL)],
            [Paragraph(first, CELL_MUTED), "", ""],
        ]

    rows = block("Mentee", mentee, mentee_signed) + [["", "", ""]] + block("Mentor", mentor, mentor_signed)
    table = Table(rows, colWidths=[sig_w, gap, date_w], rowHeights=[34, None, None, 12, 34, None, None], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                *[("LINEBELOW", (c, r), (c, r), 0.8, INK) for r in (0, 4) for c in (0, 2)],
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table

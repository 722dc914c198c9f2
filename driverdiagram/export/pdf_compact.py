"""The mentoring compact on paper: a document two people sign.

Who (named blank lines when the names are not known yet), meetings and communication, the
key goals from the diagram, the milestones and homework ahead (plain: a date and a title;
their progress belongs to the plan, not to the text signed), how we work together, how it
ends, a closing sentence and the lines both sign and date. The last part of the agreement,
the closing sentence and the signature lines are kept on one page. Parts the document
leaves empty are left out; whether the compact is printed at all is `export_pdf`'s choice
(`model.compact.has_content`, or asked for by name).
"""

from __future__ import annotations

import datetime as dt

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from ..model.diagram import Diagram
from ..model.schema import Milestone, MilestoneKind, NodeKind
from .pdf_bidi import Paragraph
from .pdf_fonts import FONT, Typesetter
from .pdf_styles import BODY, BULLET, CELL, CELL_MUTED, H1, H2, INK, SMALL, Heading, fmt_date
from .sections import heading

KIND_WORD = {
    MilestoneKind.MILESTONE: "Milestone",
    MilestoneKind.HOMEWORK: "Homework",
    MilestoneKind.ACTION_ITEM: "Action item",
}
BLANK = "_" * 28  # a line to write on
SIDE_BY_SIDE = 600.0  # points: wide enough to print both signatures on one row
CLOSING = ParagraphStyle("compact_closing", parent=BODY, spaceBefore=8)
LAST_LINES = 160.0  # points: the agreement's last paragraph goes with the signatures when no taller


def compact_story(d: Diagram, ts: Typesetter, width: float, today: dt.date) -> list[Flowable]:
    """The compact's flowables (`today` is not printed: a compact says what was agreed, not
    what is late; the footer says when it was printed)."""
    c = d.compact
    mentee = (c.mentee or d.info.mentee).strip()
    mentor = (c.mentor or d.info.mentor).strip()
    out: list[Flowable] = [
        Heading(heading("compact"), H1, heading("compact"), key="compact"),
        _parties(ts, width, mentee, mentor, c.start, c.review),
    ]

    parts: list[tuple[str, list[Flowable]]] = []
    schedule = []
    if c.meeting_schedule.strip():
        schedule.append(Paragraph(f"<b>Meetings:</b> {ts.markup(c.meeting_schedule.strip())}", BODY))
    if c.communication.strip():
        schedule.append(Paragraph(f"<b>Between meetings:</b> {ts.markup(c.communication.strip())}", BODY))
    parts.append(("Meetings and communication", schedule))
    parts.append(("Key goals", _key_goals(d, ts, c.goals)))
    parts.append(("Milestones and homework", _milestones(d, ts)))
    agreed = [e.strip() for e in c.expectations if e.strip()]
    parts.append(("How we work together", [Paragraph(ts.markup(e), BULLET, bulletText="•") for e in agreed]))
    ending = [Paragraph(ts.markup(c.ending.strip()), BODY)] if c.ending.strip() else []
    parts.append(("Ending the relationship", ending))
    parts = [(title, flowables) for title, flowables in parts if flowables]

    for i, (title, flowables) in enumerate(parts[:-1]):
        out.append(Heading(title, H2, title, level=1, key=f"compact-{i}"))
        out.extend(flowables)
    title, flowables = parts[-1]  # "Key goals" is always there
    review = fmt_date(c.review) or BLANK
    tail: list[Flowable] = [
        Paragraph(f"By signing, we agree to this compact and will review it together on {review}.", CLOSING),
        Heading("Signatures", H2, "Signatures", level=1, key="signatures"),
        _signatures(ts, width, [("Mentee", mentee, c.mentee_signed), ("Mentor", mentor, c.mentor_signed)]),
    ]
    tail[:0] = _last_lines(flowables, width)  # the agreement's last words sit above the lines
    # the last part with the lines to sign on one page; if the part is longer than a page,
    # at least its end, the closing sentence and the lines (never split) are
    out.append(
        KeepTogether([Heading(title, H2, title, level=1, key=f"compact-{len(parts)}"), *flowables, Unbroken(tail)])
    )
    return out


def _last_lines(flowables: list[Flowable], width: float) -> list[Flowable]:
    """Take the end of the agreement's text off `flowables`: its last flowable when short,
    else the last few lines of its last paragraph (measured, and split there)."""
    last = flowables.pop()
    height = last.wrap(width, 1e6)[1]
    if height <= LAST_LINES:
        return [last]
    if isinstance(last, Paragraph):
        parts = last.split(width, height - 3 * last.style.leading - 1)
        if len(parts) == 2:
            flowables.append(parts[0])
            return [parts[1]]
    flowables.append(last)
    return []


class Unbroken(Flowable):
    """Flowables drawn as one block that is never split across pages: when it does not fit,
    the whole block goes to the next page (keep it well under a page high)."""

    def __init__(self, content: list[Flowable]) -> None:
        super().__init__()
        self._content = content
        self._placed: list[tuple[float, float, Flowable]] = []

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._placed, y = [], 0.0
        for i, f in enumerate(self._content):
            _, h = f.wrapOn(self.canv, aw, 1e6)
            y += f.getSpaceBefore() if i else 0.0
            self._placed.append((y, h, f))
            y += h + (f.getSpaceAfter() if i < len(self._content) - 1 else 0.0)
        self.width, self.height = aw, y
        return aw, y

    def split(self, aw: float, ah: float) -> list[Flowable]:
        page = getattr(getattr(self, "_frame", None), "_height", None)  # an empty frame's height
        if page is not None and self.height > page:  # taller than any page: it has to break
            return list(self._content)
        return []

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab's name)
        return float(self._content[0].getSpaceBefore()) if self._content else 0.0

    def draw(self) -> None:
        for top, h, f in self._placed:
            f.drawOn(self.canv, 0, self.height - top - h)


def _parties(
    ts: Typesetter, width: float, mentee: str, mentor: str, start: dt.date | None, review: dt.date | None
) -> Table:
    """Who agrees, from when, until when it is reviewed: a blank line for what is not known."""

    def cell(label: str, value: str) -> Paragraph:
        return Paragraph(f"<b>{label}:</b> {ts.markup(value)}" if value else f"{label}: {BLANK}", BODY)

    rows = [
        [cell("Mentee", mentee), cell("Mentor", mentor)],
        [cell("Starting", fmt_date(start)), cell("Review", fmt_date(review))],
    ]
    table = Table(rows, colWidths=[width / 2, width / 2], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _key_goals(d: Diagram, ts: Typesetter, goals: str) -> list[Flowable]:
    out: list[Flowable] = [
        Paragraph("From the driver diagram.", SMALL),
        Paragraph(f"<b>Outcome (aim):</b> {ts.markup(d.outcome.text.strip() or '(no text yet)')}", BODY),
    ]
    primaries = d.nodes(NodeKind.PRIMARY)
    if primaries:
        out.append(Paragraph("<b>Primary drivers:</b>", BODY))
        out += [Paragraph(ts.markup(n.text.strip() or "(no text)"), BULLET, bulletText="•") for n in primaries]
    if goals.strip():
        out.append(Paragraph(f"<b>Also:</b> {ts.markup(goals.strip())}", BODY))
    return out


def _milestones(d: Diagram, ts: Typesetter) -> list[Flowable]:
    """What is still to be done, by its due date: a title and a date, no status."""
    ahead: list[Milestone] = [m for m in d.items("milestones") if m.done is None]
    if not ahead:
        return []
    ahead.sort(key=lambda m: (m.due is None, m.due or dt.date.max))
    out: list[Flowable] = [Paragraph("What we agreed to do, by its due date.", SMALL)]
    for m in ahead:
        kind = "" if m.kind is MilestoneKind.MILESTONE else f" ({KIND_WORD[m.kind].lower()})"
        when = fmt_date(m.due) or "no date yet"
        out.append(Paragraph(f"<b>{when}</b> · {ts.markup(m.title.strip())}{kind}", BULLET, bulletText="•"))
    return out


def _signatures(ts: Typesetter, width: float, people: list[tuple[str, str, dt.date | None]]) -> Table:
    """A signature line and a date line for each, the role and name under them: side by side
    on wide paper, one under the other on narrow."""
    gap, between = 18.0, 40.0
    side = width >= SIDE_BY_SIDE
    room = (width - between) / 2 if side else width
    sig_w = min(260.0, (room - gap) * 0.66)
    date_w = min(130.0, room - gap - sig_w)

    def block(role: str, name: str, signed: dt.date | None) -> list[list]:
        label = f"{role}: {ts.markup(name)}" if name else role
        first = f"First signed {fmt_date(signed)}" if signed else ""
        return [
            ["", "", ""],
            [Paragraph(label, CELL), "", Paragraph("Date", CELL)],
            [Paragraph(first, CELL_MUTED), "", ""],
        ]

    blocks = [block(*p) for p in people]
    if side:
        rows = [a + [""] + b for a, b in zip(blocks[0], blocks[1], strict=True)]
        widths = [sig_w, gap, date_w, between, sig_w, gap, date_w]
        lines = [(c, 0) for c in (0, 2, 4, 6)]
        heights: list[float | None] = [34, None, None]
    else:
        rows = blocks[0] + [["", "", ""]] + blocks[1]
        widths = [sig_w, gap, date_w]
        lines = [(c, r) for r in (0, 4) for c in (0, 2)]
        heights = [34, None, None, 12, 34, None, None]
    table = Table(rows, colWidths=widths, rowHeights=heights, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                *[("LINEBELOW", cell, cell, 0.8, INK) for cell in lines],
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table

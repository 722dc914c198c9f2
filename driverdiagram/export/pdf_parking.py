"""The parking lot on paper: the ideas and open questions kept for later, newest first,
each with the day it was kept and the node it is about.

A plugged-in section (see `pdf._plugged`): left out when the parking lot is empty.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from ..model.schema import ParkingItem
from .pdf_bidi import Paragraph
from .pdf_styles import BODY, CELL_MUTED, H1, SECTION_START, Heading, fmt_day
from .pdf_tables import node_title
from .sections import heading
from .story_context import StoryContext

KEY = "parking"
WHEN = ParagraphStyle("parking_when", parent=CELL_MUTED, spaceBefore=6, keepWithNext=1)
IDEA = ParagraphStyle("parking_idea", parent=BODY, leftIndent=10)


def story(ctx: StoryContext) -> list[Flowable]:
    """The heading, a line of introduction and the items; nothing for an empty parking lot.

    Each item is a dated line saying what it is about, then its text as a paragraph: not a
    table, so that an idea longer than a page flows on to the next one like any text."""
    d, ts = ctx.diagram, ctx.ts
    items: tuple[ParkingItem, ...] = d.items("parking_lot")
    if not items:
        return []
    order = sorted(range(len(items)), key=lambda i: (items[i].created, i), reverse=True)
    n = len(items)
    on_nodes = sum(1 for it in items if it.node_id)
    of_them = f", {on_nodes} of them about a node of the diagram" if on_nodes else ""
    intro = (
        f"{n} idea{'s' if n != 1 else ''} and open question{'s' if n != 1 else ''} kept for later{of_them}; "
        "the newest first."
        if n != 1
        else f"One idea or open question kept for later{' about a node of the diagram' if on_nodes else ''}."
    )
    out: list[Flowable] = [
        CondPageBreak(SECTION_START),
        Heading(heading(KEY), H1, heading(KEY), key=KEY),
        Paragraph(intro, BODY),
        Spacer(1, 4),
    ]
    for i in order:
        it = items[i]
        about = node_title(d, it.node_id, ts) if it.node_id else "about the whole plan"
        out.append(Paragraph(f"<b>{fmt_day(it.created)}</b> · {about}", WHEN))
        out.append(Paragraph(ts.markup(it.text.strip()), IDEA))
    return out

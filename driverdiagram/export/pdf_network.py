"""The board of advisors on paper: who the people are, which driver each helps with (a
matrix of drivers by people), and where the network has holes ("circle two gaps": a driver
nobody helps with, a driver that rests on one person). `model/network.py` does the counting.

How to reach each person is other people's private data: the contact column is printed only
when the user asks (`StoryContext.contacts`). A person's own notes are never printed here.
A document with nobody on its board prints no such section (as notes and meetings).
"""

from __future__ import annotations

import math

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from ..model.diagram import Diagram
from ..model.network import ROLE_LABELS, NetworkAnalysis, NetworkRow, analyse_network, initials
from ..model.schema import NodeKind, Person
from .pdf_bidi import Paragraph
from .pdf_fonts import Typesetter
from .pdf_paging import Cell, PagedTable, Row
from .pdf_styles import (
    BAND,
    BODY,
    BULLET,
    CELL,
    CELL_BOLD,
    CELL_MUTED,
    CHANGED_HEX,
    H1,
    H2,
    HEAD,
    OPEN_HEX,
    SECTION_START,
    SMALL,
    ZEBRA,
    Heading,
)
from .pdf_tables import _table_style, _widths, shorten
from .sections import heading
from .story_context import StoryContext

MATRIX_CHARS = 120  # a driver's text in the matrix: longer ones end in "…"
HELPS_CHARS = 120  # a node named in "Helps with"
NAME_CHARS = 60  # a person named in the key and the holes
LISTED = 40  # drivers named in each sentence about the holes; the rest are counted
MOST_COLUMNS = 12  # people in one matrix: more are split into matrices of about equal size
TEXT_MIN, TEXT_MAX = 170.0, 340.0  # the matrix's driver column, in points
TICK, BELOW_TICK = "✓", "(✓)"
MARK = ParagraphStyle("mark", parent=CELL_BOLD, alignment=1)
MARK_MUTED = ParagraphStyle("mark_muted", parent=CELL_MUTED, alignment=1)
HEAD_MARK = ParagraphStyle("head_mark", parent=HEAD, alignment=1)
SECONDARY = ParagraphStyle("secondary_cell", parent=CELL, leftIndent=9)
INTRO = ParagraphStyle("network_intro", parent=BODY, keepWithNext=1)
SUB = ParagraphStyle("network_sub", parent=BULLET, leftIndent=24, bulletIndent=14)


def story(ctx: StoryContext) -> list[Flowable]:
    """The section, or nothing when the document names no one."""
    d, ts = ctx.diagram, ctx.ts
    network = analyse_network(d)
    if not network.people:
        return []
    labels = column_labels(network.people)
    out: list[Flowable] = [
        CondPageBreak(SECTION_START),
        Heading(heading("network"), H1, heading("network"), key="network"),
        Paragraph(_intro(network), INTRO),
        Spacer(1, 4),
        _people_table(d, network.people, labels, ts, ctx.width, ctx.contacts),
    ]
    if network.rows:
        out += _matrices(d, network, labels, ts, ctx.width)
    out += _holes(d, network, ts)
    return out


def column_labels(people: tuple[Person, ...]) -> dict[str, str]:
    """Each person's initials, made unique ("WC", "WC2") so the matrix's key is unambiguous."""
    seen: dict[str, int] = {}
    labels: dict[str, str] = {}
    for p in people:
        base = initials(p.name)
        seen[base] = seen.get(base, 0) + 1
        labels[p.id] = base if seen[base] == 1 else f"{base}{seen[base]}"
    return labels


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _intro(network: NetworkAnalysis) -> str:
    n, helping = len(network.people), len(network.helping())
    people = _count(n, "person", "people")
    if not network.rows:
        return f"{people} on your board of advisors. The diagram has no drivers yet to match them with."
    all_drivers = _count(len(network.rows), "driver", "drivers")
    if not helping:
        which = "the one driver" if len(network.rows) == 1 else f"any of the {all_drivers}"
        text = f"{people} on your board of advisors, not yet helping with {which}."
    else:
        verb = "helps" if helping == 1 else "help"
        who = f"{people} on your board of advisors {verb}" if helping == n else f"{people}; {helping} of them {verb}"
        text = f"{who} with {len(network.covered())} of the {all_drivers}, directly or with something under them."
    none, single = len(network.unsupported()), len(network.single())
    if none or single:
        parts = [
            f"{_count(none, 'driver has', 'drivers have')} no one" if none else "",
            f"{_count(single, 'rests', 'rest')} on one person" if single else "",
        ]
        text += f" {' and '.join(p for p in parts if p)}: the holes are listed after the table of who helps with what."
    else:
        text += " Every driver has at least two people behind it."
    return text


def _people_table(
    d: Diagram, people: tuple[Person, ...], labels: dict[str, str], ts: Typesetter, width: float, contacts: bool
) -> PagedTable:
    rows: list[Row] = []
    for i, p in enumerate(people):
        cells = [
            Cell(f"<b>{ts.markup(labels[p.id])}</b>", CELL),
            Cell(ts.markup(p.name) or "(no name)", CELL_BOLD),
            Cell(ROLE_LABELS[p.role], CELL),
            Cell(ts.markup(p.organisation) or "–", CELL),
            _helps_with(d, p, ts),
        ]
        if contacts:
            cells.append(Cell(ts.markup(p.contact) or "–", CELL))
        rows.append(Row(cells, (("BACKGROUND", (0, 0), (-1, 0), ZEBRA),) if i % 2 else ()))
    head = ["", "Name", "Role", "Organisation", "Helps with"] + (["Contact"] if contacts else [])
    key_w = max(ts.width(label, 8, bold=True) for label in labels.values()) + 10
    role_w = max(ts.width(word, 8) for word in ROLE_LABELS.values()) + 10
    fixed = {0: max(key_w, 24.0), 2: role_w}
    if contacts:  # an e-mail address on one line where it can be
        longest = max((ts.width(line, 8) for p in people for line in p.contact.splitlines()), default=0.0)
        fixed[5] = min(max(longest + 10, 60.0), 0.24 * width)
    widths = _widths(width, fixed, {1: 0.26, 3: 0.28, 4: 0.46})
    return PagedTable([Cell(h, HEAD) for h in head], rows, widths, _table_style([]))


def _helps_with(d: Diagram, p: Person, ts: Typesetter) -> list[Cell] | Cell:
    cells = []
    for ref in dict.fromkeys(p.helps_with):
        if ref not in d:
            continue
        node = d.node(ref)
        text = ts.markup(shorten(" ".join(node.text.split()), HELPS_CHARS)) or "(no text yet)"
        if node.kind is NodeKind.PRIMARY:
            cells.append(Cell(f"<b>{text}</b>", CELL))
        elif node.kind is NodeKind.SECONDARY:
            cells.append(Cell(text, CELL))
        else:
            cells.append(Cell(f"{text} <font size=7>({node.kind.label})</font>", CELL))
    return cells or Cell("–", CELL)


def _matrices(d: Diagram, network: NetworkAnalysis, labels: dict[str, str], ts: Typesetter, width: float) -> list:
    """One matrix of drivers by people, or several side by side in turn when the people do
    not fit across the page (each with all the drivers, and the same count of people)."""
    people = list(network.people)
    col = max(24.0, *(ts.width(labels[p.id], 8, bold=True) + 10 for p in people))
    count_w = ts.width("People", 8, bold=True) + 10
    fits = max(1, min(MOST_COLUMNS, int((width - TEXT_MIN - count_w) // col)))
    parts = math.ceil(len(people) / fits)
    size = math.ceil(len(people) / parts)
    text_w = min(TEXT_MAX, width - count_w - size * col)
    out: list = []
    for k in range(parts):
        group = people[k * size : (k + 1) * size]
        title = "Who helps with which driver"
        if parts > 1:
            title += f" (people {k * size + 1}–{k * size + len(group)} of {len(people)})"
        out += [
            Spacer(1, 4),
            Heading(title, H2, title, level=1, key=f"network-matrix-{k}"),
            _matrix(d, network, group, labels, ts, [text_w] + [col] * len(group) + [count_w]),
            Spacer(1, 3),
            Paragraph(_key(group, labels, ts), SMALL),
        ]
    return out


def _matrix(
    d: Diagram,
    network: NetworkAnalysis,
    group: list[Person],
    labels: dict[str, str],
    ts: Typesetter,
    widths: list[float],
) -> PagedTable:
    rows: list[Row] = []
    for r in network.rows:
        node = d.node(r.node_id)
        text = ts.markup(shorten(" ".join(node.text.split()), MATRIX_CHARS)) or "(no text yet)"
        primary = node.kind is NodeKind.PRIMARY
        cells: list = [Cell(text, CELL_BOLD if primary else SECONDARY)]
        for p in group:
            if p.id in r.supporters:
                cells.append(Cell(TICK, MARK))
            elif p.id in r.via_children:
                cells.append(Cell(BELOW_TICK, MARK_MUTED))
            else:
                cells.append("")
        cells.append(_support(r))
        band = (("BACKGROUND", (0, 0), (-1, 0), BAND),) if primary else ()
        rows.append(Row(cells, band, with_next=primary))
    head = [Cell("Driver", HEAD)] + [Cell(ts.markup(labels[p.id]), HEAD_MARK) for p in group] + [Cell("People", HEAD)]
    style = _table_style(
        [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 1), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 1), (-1, -1), 3),
            ("LINEAFTER", (0, 0), (-2, -1), 0.3, BAND),
        ]
    )
    return PagedTable(head, rows, widths, style)


def _support(r: NetworkRow) -> Cell:
    n = len(r.everyone)
    if r.hole == "none":
        return Cell(f'<font color="{OPEN_HEX}"><b>none</b></font>', MARK)
    if r.hole == "single":
        return Cell(f'<font color="{CHANGED_HEX}"><b>1</b></font>', MARK)
    return Cell(str(n), MARK)


def _key(group: list[Person], labels: dict[str, str], ts: Typesetter) -> str:
    names = " · ".join(f"<b>{ts.markup(labels[p.id])}</b> {_person(p, ts)}" for p in group)
    return (
        f"{names}<br/>{TICK} helps with the driver itself; {BELOW_TICK} helps with something under it "
        "(a secondary driver or a change idea). People: how many help in all; "
        f'<font color="{OPEN_HEX}">none</font> and <font color="{CHANGED_HEX}">1</font> are the holes.'
    )


def _person(p: Person, ts: Typesetter) -> str:
    return ts.markup(shorten(" ".join(p.name.split()), NAME_CHARS)) or "(no name)"


def _driver(d: Diagram, node_id: str, ts: Typesetter) -> str:
    node = d.node(node_id)
    text = ts.markup(shorten(" ".join(node.text.split()), MATRIX_CHARS))
    name = f"“{text}”" if text else "(no text yet)"
    return f"{name} (primary driver)" if node.kind is NodeKind.PRIMARY else name


def _listed(items: list[str], sep: str = "; ") -> str:
    shown = sep.join(items[:LISTED])
    return shown + (f"{sep}and {len(items) - LISTED} more (see the table)" if len(items) > LISTED else "")


def _holes(d: Diagram, network: NetworkAnalysis, ts: Typesetter) -> list[Flowable]:
    """The drivers nobody helps with, then those that rest on one person (grouped by that
    person), primary drivers first in each."""
    none, single = network.unsupported(), network.single()
    if not none and not single:
        return []

    def primary_first(ids: list[str]) -> list[str]:
        return sorted(ids, key=lambda i: d.node(i).kind is not NodeKind.PRIMARY)

    out: list[Flowable] = [Heading("Where the network has holes", H2, "Where the network has holes", level=1)]
    if none:
        items = [_driver(d, i, ts) for i in primary_first(none)]
        out.append(Paragraph(f"<b>No one helps with:</b> {_listed(items)}.", BULLET, bulletText="•"))
    if single:
        by_person: dict[str, list[str]] = {}
        for node_id in primary_first(single):
            row = network.row(node_id)
            assert row is not None
            by_person.setdefault(row.everyone[0], []).append(node_id)
        order = [p.id for p in network.people if p.id in by_person]
        order.sort(key=lambda pid: d.node(by_person[pid][0]).kind is not NodeKind.PRIMARY)  # stable
        out.append(Paragraph("<b>Resting on one person:</b>", BULLET, bulletText="•"))
        for pid in order[:LISTED]:
            person = network.person(pid)
            who = _person(person, ts) if person is not None else "one person"
            drivers = [_driver(d, i, ts) for i in by_person[pid]]
            out.append(Paragraph(f"{_listed(drivers, ', ')} ({who})", SUB, bulletText="–"))
        if len(order) > LISTED:
            out.append(Paragraph(f"and {len(order) - LISTED} more people (see the table)", SUB, bulletText="–"))
    out.append(Paragraph("Who else could help? A second person on each is a network that holds.", SMALL))
    return [KeepTogether(out)]  # short: on one page (a longer one flows on)

"""The measures table and the mentor notes, as flowing platypus content.

Measures are grouped by the node they hang on, nodes in reading order (outcome, primary,
secondary, change ideas, barriers; the user's order within a kind), and numbered M1, M2, …
in that order: the same numbers tag the nodes in the diagram.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from ..model.diagram import Diagram
from ..model.schema import Annotation, Measure, NodeKind
from .pdf_fonts import FONT, FONT_BOLD, Typesetter
from .pdf_runchart import RunChart
from .pdf_styles import (
    ACCENT,
    BAND,
    BODY,
    CELL,
    CELL_BOLD,
    CELL_MUTED,
    GRIDLINE,
    H1,
    HEAD,
    MUTED,
    OPEN_HEX,
    ZEBRA,
    Heading,
    fmt_date,
    fmt_num,
)
from .sections import heading

READING_ORDER = (NodeKind.OUTCOME, NodeKind.PRIMARY, NodeKind.SECONDARY, NodeKind.CHANGE_IDEA, NodeKind.ANTI_DRIVER)
KIND_TITLE = {
    NodeKind.OUTCOME: "Outcome",
    NodeKind.PRIMARY: "Primary driver",
    NodeKind.SECONDARY: "Secondary driver",
    NodeKind.CHANGE_IDEA: "Change idea",
    NodeKind.ANTI_DRIVER: "Anti-driver",
}


def measure_numbers(d: Diagram) -> tuple[list[tuple[str, list[tuple[str, Measure]]]], dict[str, list[str]]]:
    """Measures grouped by node in reading order with their labels, and each node's labels."""
    by_node: dict[str, list[Measure]] = {}
    for m in d.items("measures"):
        by_node.setdefault(m.node_id, []).append(m)
    groups: list[tuple[str, list[tuple[str, Measure]]]] = []
    labels: dict[str, list[str]] = {}
    n = 0
    nodes = [x.id for kind in READING_ORDER for x in d.nodes(kind)]
    nodes += [k for k in by_node if k not in set(nodes)]  # never lose a measure, whatever it hangs on
    for node_id in nodes:
        ms = by_node.get(node_id)
        if not ms:
            continue
        rows = []
        for m in ms:
            n += 1
            rows.append((f"M{n}", m))
            labels.setdefault(node_id, []).append(f"M{n}")
        groups.append((node_id, rows))
    return groups, labels


def node_title(d: Diagram, node_id: str | None, ts: Typesetter) -> str:
    """'<b>Primary driver</b> · text' as markup (user text escaped)."""
    if node_id is None:
        return "<b>Whole diagram</b>"
    if node_id not in d:
        return f"<b>Node</b> {ts.markup(node_id)}"
    node = d.node(node_id)
    text = node.text.strip() or "(no text)"
    return f"<b>{KIND_TITLE[node.kind]}</b> · {ts.markup(text)}"


def _table_style(extra: list[tuple]) -> TableStyle:
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRIDLINE),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            *extra,
        ]
    )


def _widths(total: float, fixed: dict[int, float], flex: dict[int, float]) -> list[float]:
    rest = max(total - sum(fixed.values()), 60.0)
    share = sum(flex.values())
    n = len(fixed) + len(flex)
    return [fixed[i] if i in fixed else rest * flex[i] / share for i in range(n)]


def measures_story(d: Diagram, ts: Typesetter, width: float) -> list[Flowable]:
    groups, _ = measure_numbers(d)
    if not groups:
        return []
    head = ["", "Measure", "Operational definition", "Baseline", "Target", "Unit", "Latest", "Due"]
    rows: list[list] = [[Paragraph(h, HEAD) for h in head]]
    style: list[tuple] = []
    count = 0
    for node_id, items in groups:
        r = len(rows)
        rows.append([Paragraph(node_title(d, node_id, ts), CELL)] + [""] * (len(head) - 1))
        style += [
            ("SPAN", (0, r), (-1, r)),
            ("BACKGROUND", (0, r), (-1, r), BAND),
            ("NOSPLIT", (0, r), (-1, r + 1)),
        ]  # a node's name never ends a page alone
        for label, m in items:
            count += 1
            rows.append(_measure_row(label, m, ts))
            if count % 2 == 0:
                style.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), ZEBRA))
    unit = 76 if width > 600 else 62  # "evenings/week" on one line where the page is wide
    widths = _widths(width, {0: 26, 3: 50, 4: 50, 5: unit, 6: 62, 7: 60}, {1: 0.38, 2: 0.62})
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        _table_style(style + [("FONTNAME", (0, 1), (0, -1), FONT_BOLD), ("TEXTCOLOR", (0, 1), (0, -1), ACCENT)])
    )
    n = sum(len(items) for _, items in groups)
    intro = (
        f"{n} measure{'s' if n != 1 else ''}, grouped by the node each hangs on. "
        "The numbers (M1, M2, …) are the tags on the diagram's nodes. Latest is the most recent data point, "
        "with a run chart of all of them: the median dashed, the target green."
    )
    return [
        Heading(heading("measures"), H1, heading("measures"), key="measures"),
        Paragraph(intro, BODY),
        Spacer(1, 4),
        table,
    ]


def _measure_row(label: str, m: Measure, ts: Typesetter) -> list:
    kind = f"{m.type.value.capitalize()} measure" + (f" · {ts.markup(m.frequency)}" if m.frequency else "")
    name = [Paragraph(ts.markup(m.name), CELL_BOLD), Paragraph(kind, CELL_MUTED)]
    definition = [Paragraph(ts.markup(m.operational_definition) or "–", CELL)]
    parts = [
        f"Numerator: {ts.markup(m.numerator)}" if m.numerator else "",
        f"Denominator: {ts.markup(m.denominator)}" if m.denominator else "",
    ]
    if any(parts):
        definition.append(Paragraph("<br/>".join(p for p in parts if p), CELL_MUTED))
    target = ""
    if m.target is not None:
        target = ("≥ " if m.higher_is_better else "≤ ") + fmt_num(m.target)
    latest: object = "–"
    if m.data:
        p = m.data[-1]
        latest = [Paragraph(f"<b>{fmt_num(p.value)}</b>", CELL), Paragraph(fmt_date(p.date), CELL_MUTED)]
        if len(m.data) > 1:
            latest.append(RunChart(m))
            latest.append(Paragraph(f"{len(m.data)} points", CELL_MUTED))
    return [
        label,
        name,
        definition,
        fmt_num(m.baseline) or "–",
        target or "–",
        Paragraph(ts.markup(m.unit), CELL),
        latest,
        fmt_date(m.due) or "–",
    ]


def notes_story(d: Diagram, ts: Typesetter, width: float) -> list[Flowable]:
    notes = list(d.items("annotations"))
    if not notes:
        return []
    order = sorted(range(len(notes)), key=lambda i: (notes[i].resolved is not None, notes[i].created, i))
    head = ["Status", "Kind", "On", "Note", "By", "Date"]
    rows: list[list] = [[Paragraph(h, HEAD) for h in head]]
    style: list[tuple] = []
    for i in order:
        rows.append(_note_row(d, notes[i], ts))
        if notes[i].resolved is not None:
            style.append(("TEXTCOLOR", (0, len(rows) - 1), (-1, len(rows) - 1), MUTED))
    widths = _widths(width, {0: 64, 1: 44, 4: 86, 5: 58}, {2: 0.36, 3: 0.64})
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(_table_style(style))
    open_ = sum(1 for a in notes if a.resolved is None)
    intro = (
        f"{len(notes)} note{'s' if len(notes) != 1 else ''} from mentoring meetings: {open_} open, "
        f"{len(notes) - open_} resolved. Open ones come first."
    )
    return [
        Heading(heading("notes"), H1, heading("notes"), key="notes"),
        Paragraph(intro, BODY),
        Spacer(1, 4),
        table,
    ]


def _note_row(d: Diagram, a: Annotation, ts: Typesetter) -> list:
    if a.resolved is None:
        status = Paragraph(f'<font color="{OPEN_HEX}"><b>Open</b></font>', CELL)
    else:
        status = [Paragraph("Resolved", CELL_MUTED), Paragraph(fmt_date(a.resolved), CELL_MUTED)]
    style = CELL if a.resolved is None else CELL_MUTED
    return [
        status,
        a.kind.value.capitalize(),
        Paragraph(node_title(d, a.node_id, ts), style),
        Paragraph(ts.markup(a.text), style),
        Paragraph(ts.markup(a.author) or "–", style),
        fmt_date(a.created),
    ]

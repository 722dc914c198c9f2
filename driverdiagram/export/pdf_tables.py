"""The measures table and the mentor notes, as flowing platypus content.

Measures are grouped by the node they hang on, nodes in reading order (outcome, primary,
secondary, change ideas, barriers; the user's order within a kind), and numbered M1, M2, …
in that order: the same numbers tag the nodes in the diagram.

The tables are `PagedTable`s: linear in their rows however many pages they fill, and a row
taller than a page (a 20,000-character definition or note) continues on the next page.
A node named in a table is a reference: a very long node text is shortened there (the
diagram prints all of it).
"""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, Spacer

from ..model.diagram import Diagram
from ..model.runchart import Rules
from ..model.schema import Annotation, AnnotationKind, Measure, NodeKind
from .pdf_bidi import Paragraph
from .pdf_fonts import FONT, FONT_BOLD, Typesetter
from .pdf_paging import Cell, PagedTable, Row
from .pdf_runchart import RunChart, measure_chart
from .pdf_styles import (
    ACCENT,
    BAND,
    BODY,
    CELL,
    CELL_BOLD,
    CELL_MUTED,
    CHANGED_HEX,
    GRIDLINE,
    H1,
    HEAD,
    MUTED,
    OPEN,
    SECTION_START,
    ZEBRA,
    Heading,
    fmt_date,
    fmt_day,
    fmt_num,
)
from .sections import heading

READING_ORDER = (NodeKind.OUTCOME, NodeKind.PRIMARY, NodeKind.SECONDARY, NodeKind.CHANGE_IDEA, NodeKind.ANTI_DRIVER)
REFERENCE_CHARS = 240  # a node named in a table: longer texts end in "…" there
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
    known = set(nodes)
    nodes += [k for k in by_node if k not in known]  # never lose a measure, whatever it hangs on
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
    text = shorten(node.text.strip(), REFERENCE_CHARS) or "(no text)"
    return f"<b>{KIND_TITLE[node.kind]}</b> · {ts.markup(text)}"


def shorten(text: str, limit: int) -> str:
    """`text` if it has at most `limit` characters, else its beginning (cut at a space when
    there is one near the end) and "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip() + "…"


def _table_style(extra: list[tuple]) -> list[tuple]:
    return [
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
    rows: list[Row] = []
    count = 0
    for node_id, items in groups:
        band = (("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), BAND))
        # a node's name never ends a page alone
        rows.append(Row([Cell(node_title(d, node_id, ts), CELL)] + [""] * (len(head) - 1), band, True))
        for label, m in items:
            count += 1
            zebra = (("BACKGROUND", (0, 0), (-1, 0), ZEBRA),) if count % 2 == 0 else ()
            rows.append(Row(_measure_row(label, m, ts, d.info.run_chart_rules), zebra))
    unit = 76 if width > 600 else 62  # "evenings/week" on one line where the page is wide
    tag = max(26.0, ts.width(f"M{count}", 8, bold=True) + 8)  # room for the longest, "M1000" say
    widths = _widths(width, {0: tag, 3: 50, 4: 50, 5: unit, 6: 62, 7: 60}, {1: 0.38, 2: 0.62})
    style = _table_style([("FONTNAME", (0, 1), (0, -1), FONT_BOLD), ("TEXTCOLOR", (0, 1), (0, -1), ACCENT)])
    table = PagedTable([Cell(h, HEAD) for h in head], rows, widths, style)
    n = sum(len(items) for _, items in groups)
    intro = (
        f"{n} measure{'s' if n != 1 else ''}, grouped by the node each hangs on. "
        "The numbers (M1, M2, …) are the tags on the diagram's nodes. Latest is the most recent data point, "
        "with a small run chart of all of them; the full run chart of each measure with data follows the table."
    )
    return [
        Heading(heading("measures"), H1, heading("measures"), key="measures"),
        Paragraph(intro, BODY),
        Spacer(1, 4),
        table,
    ]


def _measure_row(label: str, m: Measure, ts: Typesetter, rules: Rules) -> list:
    kind = f"{m.type.value.capitalize()} measure" + (f" · {ts.markup(m.frequency)}" if m.frequency else "")
    name = [Cell(ts.markup(m.name), CELL_BOLD), Cell(kind, CELL_MUTED)]
    definition = [Cell(ts.markup(m.operational_definition) or "–", CELL)]
    parts = [
        f"Numerator: {ts.markup(m.numerator)}" if m.numerator else "",
        f"Denominator: {ts.markup(m.denominator)}" if m.denominator else "",
    ]
    if any(parts):
        definition.append(Cell("<br/>".join(p for p in parts if p), CELL_MUTED))
    target = ""
    if m.target is not None:
        target = ("≥ " if m.higher_is_better else "≤ ") + fmt_num(m.target)
    latest: object = "–"
    if m.data:
        p = m.data[-1]
        latest = [Cell(f"<b>{fmt_num(p.value)}</b>", CELL), Cell(fmt_date(p.date), CELL_MUTED)]
        if len(m.data) > 1:
            latest.append(RunChart(measure_chart(m, rules), ts))
            latest.append(Cell(f"{len(m.data)} points", CELL_MUTED))
    return [
        label,
        name,
        definition,
        fmt_num(m.baseline) or "–",
        target or "–",
        Cell(ts.markup(m.unit), CELL),
        latest,
        fmt_date(m.due) or "–",
    ]


def notes_story(d: Diagram, ts: Typesetter, width: float) -> list[Flowable]:
    """Every note: the open ones first, then the resolved ones, each group by the date
    written. Open gaps stand out (their kind on red); resolved notes are muted."""
    notes = list(d.items("annotations"))
    if not notes:
        return []
    order = sorted(range(len(notes)), key=lambda i: (notes[i].resolved is not None, notes[i].created, i))
    open_ = [notes[i] for i in order if notes[i].resolved is None]
    resolved = [notes[i] for i in order if notes[i].resolved is not None]
    muted = (("TEXTCOLOR", (0, 0), (-1, 0), MUTED),)
    wide = width > 600  # "resolved 6 January 2026" on one line where the page is wide
    rows: list[Row] = []
    for title, group in (("Open", open_), ("Resolved", resolved)):
        if not group:
            continue
        band = (("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), BAND))
        count = f"{len(group)} note{'s' if len(group) != 1 else ''}"
        rows.append(Row([Cell(f"<b>{title}</b> · {count}", CELL)] + [""] * 4, band, True))
        for a in group:
            gap = a.kind is AnnotationKind.GAP and a.resolved is None
            style = (("BACKGROUND", (0, 0), (0, 0), OPEN),) if gap else muted if a.resolved is not None else ()
            rows.append(Row(_note_row(d, a, ts, wide), style))
    kind_w = max(ts.width(k.label, 8, bold=True) for k in AnnotationKind) + 10
    longest = "resolved 28 September 2026" if wide else "28 September 2026"
    date_w = ts.width(longest, 8) + 9
    widths = _widths(width, {0: kind_w, 3: 96, 4: date_w}, {1: 0.34, 2: 0.66})
    head = [Cell(h, HEAD) for h in ("Kind", "On", "Note", "By", "Written")]
    table = PagedTable(head, rows, widths, _table_style([]))
    gaps = sum(1 for a in open_ if a.kind is AnnotationKind.GAP)
    of_them = f" ({gaps} of them {'a gap' if gaps == 1 else 'gaps'})" if gaps else ""
    intro = (
        f"{len(notes)} note{'s' if len(notes) != 1 else ''} from mentoring meetings: {len(open_)} open{of_them}, "
        f"{len(resolved)} resolved. Open ones come first, each group by the date written"
        + ("; open gaps are marked in red." if gaps else ".")
    )
    return [
        CondPageBreak(SECTION_START),
        Heading(heading("notes"), H1, heading("notes"), key="notes"),
        Paragraph(intro, BODY),
        Spacer(1, 4),
        table,
    ]


def _note_row(d: Diagram, a: Annotation, ts: Typesetter, wide: bool) -> list:
    done = a.resolved is not None
    style = CELL_MUTED if done else CELL
    if a.kind is AnnotationKind.GAP and not done:
        kind = Cell(f'<font color="#FFFFFF"><b>{a.kind.label}</b></font>', CELL)
    else:
        kind = Cell(f"<b>{a.kind.label}</b>", style)
    on = [Cell(node_title(d, a.node_id, ts), style)]
    if a.detached_from.strip():
        was = ts.markup(shorten(a.detached_from.strip(), REFERENCE_CHARS))
        flag = f"was on a node no longer in this diagram: “{was}”"
        on.append(Cell(f'<font color="{CHANGED_HEX}">{flag}</font>', CELL_MUTED))
    by = f"{ts.markup(a.author.strip())} ({a.role.value})" if a.author.strip() else a.role.value.capitalize()
    written = [Cell(fmt_day(a.created), style)]
    if done:
        written.append(Cell(f"resolved{' ' if wide else '<br/>'}{fmt_day(a.resolved)}", CELL_MUTED))
    return [kind, on, Cell(ts.markup(a.text), style), Cell(by, style), written]

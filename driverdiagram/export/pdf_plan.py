"""The plan in words: the aim's own definition (what, how much, for whom, by when — its
description) and every driver and change idea with its description, in the order of the
diagram, so that what the boxes only name is on paper too.

A plugged-in section (see `pdf._plugged`), printed after the diagram: left out when no node
of the diagram has a description or tags (the diagram page then says it all).

Each node is printed once, under its first parent (a node with several parents says which
others it also feeds); barriers follow the node they hinder, with their strength, and say
which change ideas counter them. A branch where no node says more than its box (no
description, tags or barrier) is left out: its names are on the diagram already, and a big
diagram's plan stays the length of what was written.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from ..model import Diagram, Node, NodeKind
from .pdf_bidi import Paragraph
from .pdf_fonts import Typesetter
from .pdf_styles import BODY, CELL_MUTED, H1, SECTION_START, Heading
from .pdf_tables import KIND_TITLE, shorten
from .sections import heading
from .story_context import StoryContext

KEY = "plan"
INDENT = 14.0  # per level of the diagram
AIM = ParagraphStyle("plan_aim", parent=BODY, fontSize=11, leading=15, spaceBefore=2, spaceAfter=2)
NAME = ParagraphStyle("plan_name", parent=BODY, spaceBefore=5, spaceAfter=1, keepWithNext=1)
ABOUT = ParagraphStyle("plan_about", parent=BODY, spaceAfter=1)
NOTE = ParagraphStyle("plan_note", parent=CELL_MUTED, spaceAfter=2)
BARRIER = ParagraphStyle("plan_barrier", parent=NAME, spaceBefore=2)
LEVEL = {NodeKind.PRIMARY: 0, NodeKind.SECONDARY: 1, NodeKind.CHANGE_IDEA: 2}
REFERENCE = 60  # characters of another node's text when one is named


@cache
def _style(base: ParagraphStyle, indent: float) -> ParagraphStyle:
    """`base` indented by `indent` points (one style per level, not one per paragraph)."""
    return ParagraphStyle(f"{base.name}_{indent:g}", parent=base, leftIndent=indent)


def has_words(d: Diagram) -> bool:
    """Whether any node says more than its box: a description or tags."""
    return any(n.description.strip() or n.tags for n in d.nodes())


def _says_more(d: Diagram, node: Node) -> bool:
    """A description, tags, or a barrier against it (printed with it)."""
    return bool(node.description.strip() or node.tags or d.anti_drivers(node.id))


def story(ctx: StoryContext) -> list[Flowable]:
    d, ts = ctx.diagram, ctx.ts
    if not has_words(d):
        return []
    outcome = d.outcome
    out: list[Flowable] = [
        CondPageBreak(SECTION_START),
        Heading(heading(KEY), H1, heading(KEY), key=KEY),
        Paragraph(f"<b>{ts.markup(outcome.text.strip() or '(the aim has no text yet)')}</b>", AIM),
    ]
    out += _about(outcome, ts, 0.0)
    out += _barriers(d, outcome, ts, 0.0)
    # the first-parent tree (each node once), and which of its branches hold any words
    tree: dict[str, list[Node]] = {}
    claimed: set[str] = {outcome.id}
    order = [outcome]
    for node in order:
        kids = [c for c in d.children(node.id) if c.kind in LEVEL and c.id not in claimed]
        claimed.update(c.id for c in kids)
        tree[node.id] = kids
        order.extend(kids)
    worded: set[str] = set()
    for node in reversed(order):
        if _says_more(d, node) or any(c.id in worded for c in tree[node.id]):
            worded.add(node.id)

    def walk(node: Node) -> None:
        for child in tree[node.id]:
            if child.id not in worded:
                continue
            indent = INDENT * LEVEL[child.kind]
            style = _style(NAME, indent)
            text = ts.markup(child.text.strip() or "(no text yet)")
            out.append(Paragraph(f"<b>{KIND_TITLE[child.kind]}</b> · {text}", style))
            others = [p for p in d.parents(child.id) if p.id != node.id]
            if others:
                names = "; ".join(ts.markup(shorten(p.text.strip(), REFERENCE)) for p in others)
                out.append(Paragraph(f"also drives: {names}", _style(NOTE, indent + INDENT / 2)))
            out.extend(_about(child, ts, indent))
            out.extend(_barriers(d, child, ts, indent))
            walk(child)

    walk(outcome)
    out.append(Spacer(1, 4))
    return out


def _about(node: Node, ts: Typesetter, indent: float) -> list[Flowable]:
    """A node's description (its paragraphs) and tags, indented under its name."""
    out: list[Flowable] = []
    style = _style(ABOUT, indent + INDENT / 2)
    for para in (p.strip() for p in node.description.split("\n")):
        if para:
            out.append(Paragraph(ts.markup(para), style))
    bits = []
    if node.tags:
        bits.append("tags: " + ", ".join(ts.markup(t) for t in node.tags))
    if node.strength is not None and node.kind is not NodeKind.ANTI_DRIVER:
        bits.append(f"strength {node.strength}/5")
    if bits:
        out.append(Paragraph(" · ".join(bits), _style(NOTE, indent + INDENT / 2)))
    return out


def _barriers(d: Diagram, node: Node, ts: Typesetter, indent: float) -> list[Flowable]:
    """The barriers against a node, each with its strength, description and counters."""
    out: list[Flowable] = []
    for a in d.anti_drivers(node.id):
        style = _style(BARRIER, indent + INDENT / 2)
        strength = f" ({a.strength}/5)" if a.strength is not None else ""
        out.append(Paragraph(f"<b>Barrier{strength}</b> · {ts.markup(a.text.strip() or '(no text yet)')}", style))
        out.extend(_about(a, ts, indent + INDENT / 2))
        counters = d.countered_by(a.id)
        if counters:
            names = "; ".join(ts.markup(shorten(c.text.strip(), REFERENCE)) for c in counters)
            out.append(Paragraph(f"countered by: {names}", _style(NOTE, indent + INDENT)))
    return out

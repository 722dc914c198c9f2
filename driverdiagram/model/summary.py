"""A short, human summary of a diagram (what `driverdiagram check` prints)."""

from __future__ import annotations

from collections import Counter

from .diagram import Diagram
from .schema import DRIVER_COLUMNS, MeasureType, NodeKind


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summarize(d: Diagram) -> str:
    """A few lines: the aim, counts by kind, links, measures by type, notes and the rest."""
    lines = []
    if d.info.title or d.info.mentee:
        lines.append(" — ".join(x for x in (d.info.title, d.info.mentee) if x))
    lines.append(f"Outcome: {d.outcome.text.strip() or '(no text yet)'}")
    kinds = Counter(n.kind for n in d.nodes())
    parts = [_count(kinds[k], k.label, k.plural) for k in (*DRIVER_COLUMNS[1:], NodeKind.ANTI_DRIVER)]
    lines.append("Nodes: " + ", ".join(parts))
    links = d.links()
    weak = sum(1 for link in links if link.strength.value == "weak")
    lines.append(f"Links: {len(links)}" + (f" ({weak} weak)" if weak else ""))
    measures = d.items("measures")
    by_type = Counter(m.type for m in measures)
    detail = ", ".join(f"{by_type[t]} {t.value}" for t in MeasureType if by_type[t])
    points = sum(len(m.data) for m in measures)
    lines.append(
        f"Measures: {len(measures)}"
        + (f" ({detail}; {_count(points, 'data point', 'data points')})" if measures else "")
    )
    notes = d.items("annotations")
    if notes:
        open_ = sum(1 for a in notes if a.resolved is None)
        lines.append(f"Mentor notes: {len(notes)} ({open_} open)")
    extra = [
        _count(len(d.items("people")), "person in the network", "people in the network"),
        _count(len(d.items("milestones")), "milestone", "milestones"),
        _count(len(d.items("meetings")), "meeting", "meetings"),
        _count(len(d.items("parking_lot")), "parking-lot item", "parking-lot items"),
    ]
    lines.append("Also: " + ", ".join(extra))
    return "\n".join(lines)

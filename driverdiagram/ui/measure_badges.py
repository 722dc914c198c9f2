"""The measures badge on a node: how many measures hang on it, of which type, and how they
stand at a glance (on track, not yet, no data, data overdue).

Computed from the model when the measures change (not on every edit: a node's badge
stays with its item while boxes move), and painted by the node item at its bottom-right
corner, over the border, so the layout needs no room for it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Diagram, MeasureType
from ..model.measure_report import STATUS_WORDS
from ..model.runchart import status

# by type: outcome dark blue, process green, balancing amber (as the PDF's measure tabs)
TYPE_COLOURS = {MeasureType.OUTCOME: "#1F4E79", MeasureType.PROCESS: "#548235", MeasureType.BALANCING: "#BF8F00"}
MIXED_COLOUR = "#595959"
# the worst status of the node's measures decides the ring: overdue > no data > not yet > on track
STATUS_ORDER = ("overdue", "no_data", "not_yet", "on_track")
STATUS_COLOURS = {"on_track": "#2E7D32", "not_yet": "#ED7D31", "no_data": "#9E9E9E", "overdue": "#C00000"}
# on a dark canvas: the same hues, lighter, so that pill and ring show on dark boxes (the count
# is painted in whichever of white or black reads on the pill: layout.style.text_for)
DARK_TYPE_COLOURS = {MeasureType.OUTCOME: "#7DB3E8", MeasureType.PROCESS: "#8CC56A", MeasureType.BALANCING: "#E0B43C"}
DARK_MIXED_COLOUR = "#A6A6A6"
DARK_STATUS_COLOURS = {"on_track": "#6CC070", "not_yet": "#F39C50", "no_data": "#A6A6A6", "overdue": "#FF6B66"}
_TO_DARK = {TYPE_COLOURS[t]: DARK_TYPE_COLOURS[t] for t in TYPE_COLOURS} | {MIXED_COLOUR: DARK_MIXED_COLOUR}


@dataclass(frozen=True)
class MeasureBadge:
    count: int
    colour: str  # the type's colour (grey when the node has measures of several types)
    status: str  # the worst status among them
    tip: str

    @property
    def text(self) -> str:
        return f"{self.count} M"


def badge_colours(badge: MeasureBadge, dark: bool = False) -> tuple[str, str]:
    """The pill's fill and its ring, in the light or the dark scheme."""
    if dark:
        return _TO_DARK.get(badge.colour, badge.colour), DARK_STATUS_COLOURS[badge.status]
    return badge.colour, STATUS_COLOURS[badge.status]


def measure_badges(d: Diagram, today: dt.date | None = None) -> dict[str, MeasureBadge]:
    """One badge per node that has measures."""
    today = today or dt.date.today()
    by_node: dict[str, list] = {}
    for m in d.items("measures"):
        by_node.setdefault(m.node_id, []).append(m)
    out = {}
    for node_id, measures in by_node.items():
        types = {m.type for m in measures}
        colour = TYPE_COLOURS[next(iter(types))] if len(types) == 1 else MIXED_COLOUR
        states = [
            status([(p.date, p.value) for p in m.data], m.target, m.higher_is_better, m.frequency, today)
            for m in measures
        ]
        worst = min(states, key=STATUS_ORDER.index)
        lines = [
            f"{m.name or '(no name)'} — {m.type.value}, {STATUS_WORDS[s]}"
            for m, s in zip(measures, states, strict=True)
        ]
        tip = f"{len(measures)} measure{'s' if len(measures) != 1 else ''}:\n" + "\n".join(lines)
        out[node_id] = MeasureBadge(len(measures), colour, worst, tip)
    return out

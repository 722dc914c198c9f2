"""The gap finder: where a mentor would point and ask "what about this?".

`find_gaps(diagram, today)` reads a `Diagram` (nothing here changes it; no Qt, no
reportlab) and returns the gaps of the plan, each a rule id, the node it concerns (None:
the diagram as a whole) and one line in the users' words. The rules, in the order gaps
are returned (within a rule: nodes in the diagram's order, items in their list's order):

    aim_not_measurable   the aim's text has no number once its dates are left out (digits,
                         or a number word: two … ninety, hundred, thousand, million, dozen,
                         half, quarter, double, triple, twice, percent, per cent, %), and no
                         outcome measure with a target hangs on it. A year is "by when",
                         not "how much"; "one" is not counted ("one of the leading …").
    aim_no_date          the aim names no year (19xx, 20xx) and no month (full or short
                         names; "May" only as "by/in/until/before/of May" or "May 15"), and
                         no measure on it has a due date. "Within five years" is no date:
                         five years from when?
    primary_without_secondary   a primary driver with no secondary driver under it.
    driver_without_measure      the aim or a primary driver with no measure on it.
    barrier_not_countered       an anti-driver that no change idea counters.
    no_work_life_balance        no primary or secondary driver is about work–life balance: its
                         text or a tag has one of the words of `_BALANCE` (whole words, any case).
    work_life_balance_without_measure   such a driver, neither it nor anything below it measured;
                         a balance secondary driver under a balance primary driver is part of
                         that goal and is not checked on its own (no gap twice for one goal).
    measure_stale        a measure whose frequency `runchart.frequency_days` reads has no data, or
                         its latest point is older than one period and a half (`runchart.status`
                         "overdue": the grace the run-chart badge uses, ~46 days for monthly,
                         10 for weekly). A frequency it cannot read is never stale.
    milestone_overdue    a milestone, homework or action item due before today and not done.
    driver_unsupported   only when the document names people: a primary driver that nobody's
                         `helps_with` names, neither the driver nor any node below it
                         (`network.analyse_network`: its hole is "none").
    driver_single_supporter   only when the document names people: a primary driver whose whole
                         support, it and everything below it, is one person (hole "single").
    open_gap_note        a mentor's (or mentee's) note of kind "gap" not yet resolved.

Every text from the file is quoted with its whitespace collapsed, control characters escaped
and cut short (`_quote`), so a 20,000-character text makes a message of a line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import networkx as nx

from .diagram import Diagram
from .network import analyse_network
from .runchart import frequency_days, status
from .safe_text import printable, shorten
from .schema import AnnotationKind, Measure, MeasureType, MilestoneKind, Node, NodeKind


@dataclass(frozen=True)
class Gap:
    rule: str  # a key of RULES
    node_id: str | None  # the node it concerns, or None for the diagram as a whole
    message: str  # one line, in the users' words


RULES: dict[str, str] = {
    "aim_not_measurable": "Aim not measurable",
    "aim_no_date": "Aim has no date",
    "primary_without_secondary": "Primary driver with nothing under it",
    "driver_without_measure": "Driver without a measure",
    "barrier_not_countered": "Barrier not countered",
    "no_work_life_balance": "No work–life balance driver",
    "work_life_balance_without_measure": "Work–life balance not measured",
    "measure_stale": "Measure data out of date",
    "milestone_overdue": "Milestone overdue",
    "driver_unsupported": "Nobody in the network helps",
    "driver_single_supporter": "Resting on one person",
    "open_gap_note": "Open gap note",
}

NODE_LIMIT = 50  # characters of a node's text a message quotes
NOTE_LIMIT = 80  # characters of a note's text

_WORDS = {  # the users' words for each kind of node
    NodeKind.OUTCOME: "aim",
    NodeKind.PRIMARY: "primary driver",
    NodeKind.SECONDARY: "secondary driver",
    NodeKind.CHANGE_IDEA: "change idea",
    NodeKind.ANTI_DRIVER: "barrier",
}
_MILESTONE_WORDS = {
    MilestoneKind.MILESTONE: "milestone",
    MilestoneKind.HOMEWORK: "homework",
    MilestoneKind.ACTION_ITEM: "action item",
}

_MONTHS = (
    "january|february|march|april|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_MONTH = rf"(?:{_MONTHS}|may)"
_YEAR = r"\b(?:19|20)\d\d\b"
_DATE = re.compile(
    rf"{_YEAR}|\b(?:{_MONTHS})\b\.?|\b(?:by|in|until|till|before|of)\s+may\b|\bmay\s+\d{{1,2}}(?:st|nd|rd|th)?\b",
    re.IGNORECASE,
)
_DATE_PARTS = re.compile(  # what of a date looks like a number: years, whole dates, days of months
    rf"\b\d{{4}}-\d\d-\d\d\b|\b\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}\b|{_YEAR}"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b|\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    "|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    "|hundreds?|thousands?|millions?|billions?|dozens?|half|halve|quarter|double|triple|twice|percent|per\\s+cent"
)
_NUMBER = re.compile(rf"\d|%|\b(?:{_NUMBER_WORDS})\b", re.IGNORECASE)
_BALANCE = re.compile(
    r"\b(?:work\s*[-–—]?\s*life|balance|well\s*[-–—]?\s*being|wellness|self\s*[-–]?\s*care|family"
    r"|burn\s*[-–]?\s*out|rest|sleep)\b",
    re.IGNORECASE,
)


def _plain(text: str, limit: int = NODE_LIMIT) -> str:
    """A text from the file as a message shows it: one line, escaped, at most `limit` characters."""
    flat = " ".join(text.split())  # (a file's text is at most 20,000 characters)
    return shorten(printable(flat[: 2 * limit]), limit)  # a cut text is still over `limit`: it ends in "…"


def _quote(text: str, limit: int = NODE_LIMIT) -> str:
    return f'"{_plain(text, limit)}"'


def _name(node: Node) -> str:
    """'the primary driver "Research skills"' (the kind in the users' words)."""
    words = _WORDS[node.kind]
    return f"the {words} {_quote(node.text)}" if node.text.strip() else f"the {words} (no text yet)"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def find_gaps(d: Diagram, today: dt.date | None = None) -> list[Gap]:
    """The gaps of `d`'s plan, as of `today` (default: the system's date), in a fixed order:
    the rules in `RULES`' order, within a rule nodes in the diagram's order and items in their
    list's order. The same diagram and day always give the same list.

    `driver_unsupported` and `driver_single_supporter` are checked only when the document
    names at least one person (an empty network is not a hole in it, it is not drawn yet)."""
    today = today or dt.date.today()
    gaps: list[Gap] = []
    below = _Below(d)
    measured = {m.node_id for m in d.items("measures")}
    outcomes = d.nodes(NodeKind.OUTCOME)
    primaries = d.nodes(NodeKind.PRIMARY)

    for aim in outcomes:
        on_aim = d.measures_of(aim.id)
        targeted = any(m.type is MeasureType.OUTCOME and m.target is not None for m in on_aim)
        if not targeted and not _NUMBER.search(_DATE_PARTS.sub(" ", aim.text)):
            gaps.append(
                Gap(
                    "aim_not_measurable",
                    aim.id,
                    f"{_cap(_name(aim))} has no number: how will you know you got there? "
                    "Say how much, or hang an outcome measure with a target on it.",
                )
            )
    for aim in outcomes:
        if not any(m.due for m in d.measures_of(aim.id)) and not _DATE.search(aim.text):
            gaps.append(
                Gap(
                    "aim_no_date",
                    aim.id,
                    f"{_cap(_name(aim))} has no date: by when? Name the month and year, "
                    "or give its outcome measure a due date.",
                )
            )
    for p in primaries:
        if not d.children(p.id):
            gaps.append(
                Gap(
                    "primary_without_secondary",
                    p.id,
                    f"{_cap(_name(p))} has nothing under it: which secondary drivers make it up?",
                )
            )
    for n in outcomes + primaries:
        if n.id not in measured:
            gaps.append(
                Gap("driver_without_measure", n.id, f"{_cap(_name(n))} has no measure: how will you see it move?")
            )
    for a in d.nodes(NodeKind.ANTI_DRIVER):
        if not d.countered_by(a.id):
            gaps.append(
                Gap(
                    "barrier_not_countered",
                    a.id,
                    f"Nothing counters {_name(a)}: which change idea works against it?",
                )
            )
    gaps += _balance_gaps(d, below, measured)
    gaps += _stale_measures(d, today)
    for ms in d.items("milestones"):
        if ms.due is not None and ms.due < today and ms.done is None:
            gaps.append(
                Gap(
                    "milestone_overdue",
                    ms.node_id,
                    f"The {_MILESTONE_WORDS[ms.kind]} {_quote(ms.title)} was due {ms.due.isoformat()} and is not done: "
                    "has it slipped, and what is the new date?",
                )
            )
    gaps += _network_gaps(d)
    for note in d.items("annotations"):
        if note.kind is AnnotationKind.GAP and note.resolved is None:
            where = _name(d.node(note.node_id)) if note.node_id and note.node_id in d else "the whole diagram"
            gaps.append(
                Gap(
                    "open_gap_note",
                    note.node_id,
                    f"Open gap on {where}: {_quote(note.text, NOTE_LIMIT)}",
                )
            )
    return gaps


class _Below:
    """The nodes below a node along the driver links (secondary drivers, change ideas), kept."""

    def __init__(self, d: Diagram) -> None:
        self._drive = d.drive_graph()
        self._seen: dict[str, set[str]] = {}

    def __call__(self, node_id: str) -> set[str]:
        if node_id not in self._seen:
            self._seen[node_id] = nx.descendants(self._drive, node_id)
        return self._seen[node_id]


def _network_gaps(d: Diagram) -> list[Gap]:
    """The primary drivers nobody helps with, then those that rest on one person."""
    if not d.items("people"):
        return []
    network = analyse_network(d)
    primary = [r for r in network.rows if d.node(r.node_id).kind is NodeKind.PRIMARY]
    gaps = [
        Gap(
            "driver_unsupported",
            r.node_id,
            f"Nobody in your network helps with {_name(d.node(r.node_id))}: who could you ask?",
        )
        for r in primary
        if r.hole == "none"
    ]
    for r in primary:
        if r.hole == "single":
            person = network.person(r.everyone[0])
            who = _plain(person.name, 40) if person is not None and person.name.strip() else "one person"
            only_below = ", and only with what is under it" if not r.supporters else ""
            gaps.append(
                Gap(
                    "driver_single_supporter",
                    r.node_id,
                    f"Only {who} helps with {_name(d.node(r.node_id))}{only_below}: who else could?",
                )
            )
    return gaps


def _is_balance(node: Node) -> bool:
    return bool(_BALANCE.search(node.text) or any(_BALANCE.search(t) for t in node.tags))


def _balance_gaps(d: Diagram, below: _Below, measured: set[str]) -> list[Gap]:
    drivers = [n for n in d.nodes() if n.kind in (NodeKind.PRIMARY, NodeKind.SECONDARY) and _is_balance(n)]
    if not drivers:
        return [
            Gap(
                "no_work_life_balance",
                None,
                "No driver is about work–life balance: what keeps you well, and your family happy, "
                "for the years this plan takes?",
            )
        ]
    balance_ids = {n.id for n in drivers}
    gaps = []
    for n in drivers:
        if n.kind is NodeKind.SECONDARY and any(p.id in balance_ids for p in d.parents(n.id)):
            continue  # part of its balance primary driver's goal, checked there
        if not ({n.id} | below(n.id)) & measured:
            gaps.append(
                Gap(
                    "work_life_balance_without_measure",
                    n.id,
                    f"{_cap(_name(n))} has no measure, nor has anything under it: "
                    "how will you notice when balance slips? (Sleep, evenings off, family time …)",
                )
            )
    return gaps


def _stale_measures(d: Diagram, today: dt.date) -> list[Gap]:
    gaps = []
    for m in d.items("measures"):
        if frequency_days(m.frequency) is None:
            continue  # no period named: never stale
        points = [(p.date, p.value) for p in m.data]
        how_often = f"collected {_plain(m.frequency, 30)}"
        if not points:
            gaps.append(
                Gap("measure_stale", m.node_id, f"{_measure(d, m)} ({how_often}) has no data yet: when is the first?")
            )
        elif status(points, None, m.higher_is_better, m.frequency, today) == "overdue":
            gaps.append(
                Gap(
                    "measure_stale",
                    m.node_id,
                    f"{_measure(d, m)} ({how_often}) has no data since {m.data[-1].date.isoformat()}: "
                    "is it still being collected?",
                )
            )
    return gaps


def _measure(d: Diagram, m: Measure) -> str:
    on = f" on {_name(d.node(m.node_id))}" if m.node_id in d else ""
    return f"The measure {_quote(m.name)}{on}"

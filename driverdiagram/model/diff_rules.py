"""The pieces of "what changed since the last meeting" (`diff.py`): the `Difference` a
comparison yields, the words its messages use, and the rules for the document's lists
(measures, their data, notes, milestones). The rules themselves are documented in diff.py.

Every text quoted in a message is made one line (its white space collapsed), its control
characters escaped (`safe_text.printable`) and cut short (`safe_text.shorten`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from .runchart import RunChartAnalysis, analyse
from .safe_text import printable, shorten
from .schema import Annotation, DataPoint, Measure, Milestone, MilestoneKind, Node

WHATS = ("node", "link", "measure", "data", "note", "milestone")
CHANGES = ("added", "removed", "edited", "moved", "resolved", "reopened", "done", "slipped", "signal")

QUOTE = 50  # how much of a text a message quotes
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Difference:
    """One thing that changed, as a line the user reads and clicks (to select `node_id`).

    `count` (how many data points the line stands for) and `reworded` (a node edit that
    changed its text) only feed `summary_counts`; they are not part of `as_json`."""

    what: str  # one of WHATS
    change: str  # one of CHANGES
    id: str  # node id, "SOURCE->TARGET" for a link, or the measure, note or milestone id
    node_id: str | None  # the node to select; None: the diagram as a whole, or gone
    message: str
    count: int = field(default=1, compare=False, repr=False, kw_only=True)
    reworded: bool = field(default=False, compare=False, repr=False, kw_only=True)

    def as_json(self) -> dict[str, object]:
        return {
            "what": self.what,
            "change": self.change,
            "id": self.id,
            "node_id": self.node_id,
            "message": self.message,
        }


# ------------------------------------------------------------------------------ words
def clean(text: str, limit: int = QUOTE) -> str:
    """A text as one safe line, cut to `limit` characters."""
    return shorten(printable(" ".join(text.split())), limit)


def q(text: str, limit: int = QUOTE) -> str:
    """A text quoted in a message: "…"."""
    return f'"{clean(text, limit)}"'


def an(word: str) -> str:
    """ "a gap", "an action"."""
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else words or word + 's'}"


def day(d: dt.date) -> str:
    """12 Jan 2026 (month names fixed in English: no locale reaches the model)."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def period(dates: Iterable[dt.date]) -> str:
    """The months some dates span: "Jan 2026", "Jan–Mar 2026", "Dec 2025–Feb 2026"."""
    ds = sorted(dates)
    a, b = ds[0], ds[-1]
    if (a.year, a.month) == (b.year, b.month):
        return f"{_MONTHS[a.month - 1]} {a.year}"
    if a.year == b.year:
        return f"{_MONTHS[a.month - 1]}–{_MONTHS[b.month - 1]} {a.year}"
    return f"{_MONTHS[a.month - 1]} {a.year}–{_MONTHS[b.month - 1]} {b.year}"


def num(v: float | None) -> str:
    if v is None:
        return "none"
    if v == int(v) and abs(v) < 1e15:
        return f"{int(v):,}"
    return f"{v:.6g}"


def node_name(node: Node) -> str:
    """secondary driver "Stats course" (no capital: `cap` it at the start of a message)."""
    return f"{node.kind.label} {q(node.text)}" if node.text.strip() else f"{node.kind.label} (no text yet)"


class Names:
    """Names nodes by id, from the diagram now or else from the snapshot."""

    def __init__(self, new: dict[str, Node], old: dict[str, Node], new_ids: set[str]) -> None:
        self.new, self.old, self.new_ids = new, old, new_ids

    def __call__(self, node_id: str | None) -> str:
        if node_id is None:
            return "the diagram"
        node = self.new.get(node_id) or self.old.get(node_id)
        return node_name(node) if node is not None else f"node {q(node_id)}"

    def listed(self, ids: Sequence[str], shown: int = 2) -> str:
        names = [self(i) for i in ids[:shown]]
        more = len(ids) - shown
        return " and ".join(names) + (f" and {more:,} more" if more > 0 else "")

    def select(self, node_id: str | None) -> str | None:
        """The node to select for `node_id`, if the diagram still has it."""
        return node_id if node_id in self.new_ids else None


def _was(label: str, new: str, old: str) -> str:
    return f"{label} {new} (was {old})"


# ---------------------------------------------------------------------------- measures
def measure_edits(old: Measure, new: Measure, names: Names) -> list[str]:
    """What changed in a measure's definition (its data are compared by `data_differences`)."""
    parts: list[str] = []
    if old.name != new.name:
        parts.append(f"renamed (was {q(old.name)})")
    if old.node_id != new.node_id:
        parts.append(f"now on {names(new.node_id)} (was on {names(old.node_id)})")
    if old.type is not new.type:
        parts.append(f"now {an(new.type.value)} measure (was {old.type.value})")
    for name, label in (
        ("operational_definition", "definition"),
        ("numerator", "numerator"),
        ("denominator", "denominator"),
    ):
        if getattr(old, name) != getattr(new, name):
            parts.append(f"{label} changed")
    for name in ("unit", "frequency"):
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            parts.append(_was(name, q(b, 30) if b else "none", q(a, 30) if a else "none"))
    for name in ("baseline", "target"):
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            parts.append(_was(name, num(b), num(a)))
    if old.higher_is_better != new.higher_is_better:
        parts.append("now higher is better" if new.higher_is_better else "now lower is better")
    if old.due != new.due:
        parts.append(_was("due", day(new.due) if new.due else "no date", day(old.due) if old.due else "no date"))
    if old.markers != new.markers:
        gained = len(new.markers) - len(old.markers)
        parts.append(
            plural(gained, "change marker") + " added"
            if gained > 0 and all(m in new.markers for m in old.markers)
            else "change markers changed"
        )
    if old.baseline_points != new.baseline_points:

        def median_of(n: int | None) -> str:
            return f"the first {n:,} points" if n else "all points"

        parts.append(_was("median from", median_of(new.baseline_points), median_of(old.baseline_points)))
    if not parts and old.model_dump(exclude={"id", "data"}) != new.model_dump(exclude={"id", "data"}):
        parts.append("details changed")  # a field this list does not name yet
    return parts


def data_differences(old: Measure, new: Measure, rules: str, node_id: str | None) -> Iterator[Difference]:
    """Per measure: one line for its new points, one for points removed, one for points changed,
    and one per run-chart signal present now and not in the old data."""
    name = clean(new.name) or "(no name)"
    added, removed, changed = match_points(old.data, new.data)
    unit = f" {clean(new.unit, 20)}" if new.unit.strip() else ""
    if added:
        last = added[-1]  # `match_points` lists them by date
        span = period(p.date for p in added)
        msg = f"{name}: {plural(len(added), 'new data point')} ({span}), latest {num(last.value)}{unit}"
        yield Difference("data", "added", new.id, node_id, msg, count=len(added))
    if removed:
        msg = f"{name}: {plural(len(removed), 'data point')} removed ({period(p.date for p in removed)})"
        yield Difference("data", "removed", new.id, node_id, msg, count=len(removed))
    if changed:
        if len(changed) == 1:
            a, b = changed[0]
            what = f"{num(a.value)} → {num(b.value)}" if a.value != b.value else "its note changed"
            msg = f"{name}: the data point of {day(b.date)} changed: {what}"
        else:
            msg = f"{name}: {plural(len(changed), 'data point')} changed ({period(b.date for _, b in changed)})"
        yield Difference("data", "edited", new.id, node_id, msg, count=len(changed))
    for text in new_signals(old, new, rules):
        yield Difference("data", "signal", new.id, node_id, f"{name}: {text}")


def match_points(
    old: Sequence[DataPoint], new: Sequence[DataPoint]
) -> tuple[list[DataPoint], list[DataPoint], list[tuple[DataPoint, DataPoint]]]:
    """(added, removed, changed) points: on each date, points equal in both are the same
    point; of the rest, the first old ones and the first new ones pair up as changed."""
    by_date: dict[dt.date, tuple[list[DataPoint], list[DataPoint]]] = {}
    for i, points in enumerate((old, new)):
        for p in points:
            by_date.setdefault(p.date, ([], []))[i].append(p)
    added: list[DataPoint] = []
    removed: list[DataPoint] = []
    changed: list[tuple[DataPoint, DataPoint]] = []
    for date in sorted(by_date):
        o, n = by_date[date]
        same = Counter((p.value, p.note) for p in o) & Counter((p.value, p.note) for p in n)
        rest_o, rest_n = _without(o, same), _without(n, same)
        k = min(len(rest_o), len(rest_n))
        changed += zip(rest_o[:k], rest_n[:k], strict=True)
        removed += rest_o[k:]
        added += rest_n[k:]
    return added, removed, changed


def _without(points: list[DataPoint], same: Counter[tuple[float, str]]) -> list[DataPoint]:
    left = Counter(same)
    out = []
    for p in points:
        key = (p.value, p.note)
        if left[key] > 0:
            left[key] -= 1
        else:
            out.append(p)
    return out


def _read(m: Measure, rules: str) -> RunChartAnalysis | None:
    if not m.data:
        return None
    try:
        return analyse(
            [(p.date, p.value) for p in m.data],
            rules="anhoej" if rules == "anhoej" else "ihi",
            baseline=m.baseline_points,
            higher_is_better=m.higher_is_better,
        )
    except ValueError:  # pragma: no cover (the schema keeps values finite and baselines >= 1)
        return None


_RUNS_WORDS = {
    "too_few": "too few runs across the median",
    "too_many": "too many runs across the median",
    "too_few_crossings": "too few crossings of the median",
}


def new_signals(old: Measure, new: Measure, rules: str) -> list[str]:
    """The signals of the new data that the old data did not show, in words. A signal is the
    same one as before when the old data had one by the same rule, in the same direction,
    over dates that overlap (a shift that grew longer is not new)."""
    now = _read(new, rules)
    if now is None:
        return []
    before = _read(old, rules)
    then = before.signals if before is not None else ()
    out = []
    for s in now.signals:
        if any(o.rule == s.rule and o.direction == s.direction and o.start <= s.end and s.start <= o.end for o in then):
            continue
        points = plural(len(s.indices), "point")
        way = "the way it should go" if s.favourable else "the wrong way"
        if s.rule == "trend":
            what = f"a trend: {points} in a row going {s.direction}"
        else:
            kind = "a shift" if s.rule == "shift" else "an unusually long run"
            what = f"{kind}: {points} in a row {s.direction} the median"
        span = day(s.start) if s.start == s.end else f"{day(s.start)} to {day(s.end)}"
        out.append(f"{what} ({span}), {way}")
    runs = now.runs
    old_runs = before.runs if before is not None else None
    if runs is not None and runs.signal is not None and (old_runs is None or old_runs.signal != runs.signal):
        counted = "crossings" if runs.test == "crossings" else "runs"
        out.append(f"{_RUNS_WORDS[runs.signal]} ({runs.count:,} {counted} in {runs.useful:,} points)")
    return out


# ------------------------------------------------------------------------------- notes
def note_label(a: Annotation) -> str:
    return f"{a.kind.label} by the {a.role.value}"


def note_edits(old: Annotation, new: Annotation, names: Names) -> list[str]:
    parts = []
    if old.text != new.text:
        parts.append(f"now {q(new.text)} (was {q(old.text)})")
    if old.kind is not new.kind:
        parts.append(f"now {an(new.kind.value)} (was {an(old.kind.value)})")
    if old.role is not new.role:
        parts.append(f"now by the {new.role.value} (was the {old.role.value})")
    if old.author != new.author:
        parts.append(f"author now {q(new.author, 30) if new.author else 'none'}")
    if old.node_id != new.node_id:
        parts.append(f"now on {names(new.node_id)} (was on {names(old.node_id)})")
    return parts


def note_differences(old: Annotation | None, new: Annotation | None, names: Names) -> Iterator[Difference]:
    """A note added, removed, edited (text, kind, author or node), resolved or reopened."""
    if new is None:
        assert old is not None
        msg = f"{note_label(old)} on {names(old.node_id)} removed: {q(old.text)}"
        yield Difference("note", "removed", old.id, names.select(old.node_id), msg)
        return
    select = names.select(new.node_id)
    if old is None:
        yield Difference(
            "note", "added", new.id, select, f"{note_label(new)} added on {names(new.node_id)}: {q(new.text)}"
        )
        return
    head = f"{note_label(new)} on {names(new.node_id)}"
    parts = note_edits(old, new, names)
    if parts:
        yield Difference("note", "edited", new.id, select, f"{head} edited: {', '.join(parts)}")
    if old.resolved is None and new.resolved is not None:
        yield Difference("note", "resolved", new.id, select, f"{head} resolved ({day(new.resolved)}): {q(new.text)}")
    elif old.resolved is not None and new.resolved is None:
        yield Difference("note", "reopened", new.id, select, f"{head} reopened: {q(new.text)}")


# -------------------------------------------------------------------------- milestones
_MILESTONE_WORDS = {MilestoneKind.MILESTONE: "milestone", MilestoneKind.HOMEWORK: "homework"}


def milestone_label(m: Milestone) -> str:
    return f"{cap(_MILESTONE_WORDS.get(m.kind, 'action item'))} {q(m.title)}"


def _slipped(old: Milestone, new: Milestone, today: dt.date, since: dt.date | None) -> str | None:
    """Why a milestone slipped, or None. See diff.py for the rule."""
    if new.done is not None or new.due is None:
        return None
    if old.due is not None and new.due > old.due:
        return f"slipped: due {day(new.due)} (was {day(old.due)})"
    overdue_now = new.due < today
    overdue_then = old.done is None and old.due is not None and since is not None and old.due < since
    if overdue_now and since is not None and not overdue_then:
        return f"is now overdue: it was due {day(new.due)}"
    return None


def milestone_differences(
    old: Milestone | None, new: Milestone | None, names: Names, today: dt.date, since: dt.date | None
) -> Iterator[Difference]:
    """A milestone added, removed, edited, done or slipped."""
    if new is None:
        assert old is not None
        yield Difference("milestone", "removed", old.id, names.select(old.node_id), f"{milestone_label(old)} removed")
        return
    select = names.select(new.node_id)
    label = milestone_label(new)
    if old is None:
        extra = [f"due {day(new.due)}"] if new.due else []
        extra += [f"owner {q(new.owner, 30)}"] if new.owner.strip() else []
        extra += [f"on {names(new.node_id)}"] if new.node_id else []
        tail = f" ({', '.join(extra)})" if extra else ""
        yield Difference("milestone", "added", new.id, select, f"{label} added{tail}")
        return
    parts = []
    if old.title != new.title:
        parts.append(f"renamed (was {q(old.title)})")
    if old.kind is not new.kind:
        parts.append(f"now {_MILESTONE_WORDS.get(new.kind, 'an action item')} (was {old.kind.value.replace('_', ' ')})")
    if old.owner != new.owner:
        parts.append(
            _was("owner", q(new.owner, 30) if new.owner else "none", q(old.owner, 30) if old.owner else "none")
        )
    if old.notes != new.notes:
        parts.append("notes changed")
    if old.node_id != new.node_id:
        parts.append(f"now on {names(new.node_id)} (was on {names(old.node_id)})")
    slipped = _slipped(old, new, today, since)
    if old.due != new.due and not (slipped and slipped.startswith("slipped")):
        parts.append(_was("due", day(new.due) if new.due else "no date", day(old.due) if old.due else "no date"))
    if old.done is not None and new.done is None:
        parts.append("no longer done")
    if parts:
        yield Difference("milestone", "edited", new.id, select, f"{label} edited: {', '.join(parts)}")
    if old.done is None and new.done is not None:
        yield Difference("milestone", "done", new.id, select, f"{label} done ({day(new.done)})")
    if slipped:
        yield Difference("milestone", "slipped", new.id, select, f"{label} {slipped}")

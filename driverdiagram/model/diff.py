"""What changed since the last meeting: the diagram now against a `Snapshot` of it (or
against another copy of the file), as one `Difference` per change, in users' words.

Pure (no Qt, no reportlab). The rules:

node
    added / removed: its id is in one and not the other. edited: its text, description,
    tags, strength or kind changed (the message says "reworded" when the text changed).
    moved: the nodes it hangs from share none with before, and it hung from at least one
    before and does now. A node hangs from the sources of the DRIVES links into it; an
    anti-driver hangs from the node its HINDERS link points at (it is added with that node
    as its parent, and that is what dragging it elsewhere changes). A node can be both
    edited and moved (two lines). Removed nodes are listed after the others.
link
    added / removed: the pair SOURCE->TARGET is in one and not the other. edited: the same
    pair with another strength (strong, drawn solid; weak, dashed) or kind. Not listed: a
    link to or from a node added or removed (the node's line says it), and the links that
    make up a move (from the old parents, to the new ones); every other link is.
measure
    added / removed / edited: any field but its data changed (name, node, type, definition,
    numerator, denominator, unit, baseline, target, direction, frequency, due, change
    markers, baseline period).
data
    Only for measures in both. On each date, points equal in value and note in both are the
    same point; of the rest, old and new points of that date pair up as "edited", and the
    points left over are "added" or "removed". One line per measure for each of the three
    (the summary counts points). signal: a run-chart signal (`runchart.analyse` with the
    diagram's `info.run_chart_rules`: a shift, trend or long run, or too few/many runs or
    crossings) in the data now that the old data did not show: the same rule in the same
    direction over overlapping dates is the same signal (a shift that grew is not new). A
    point "everyone agrees is unusual" (astronomical) has no formula, and no line.
note
    added / removed / edited (its text, kind, author, role or node changed) / resolved (it
    was open and has a resolved date now) / reopened (the other way).
milestone
    added / removed / edited (title, kind, owner, notes, node, due date set, cleared or
    moved earlier, or marked not done again) / done (it was not done, and is now) /
    slipped, when it is not done now and either its due date moved later, or it is overdue
    `today` (due before it) but was not at the snapshot's date `since` (not done and due
    before it). `changes_since` passes the meeting's date as `since`; without one
    (`compare_documents` of two files, or a bare `compare`) only a later due date is a
    slip, so two identical copies never differ, whatever the day.

Robust: a snapshot read from a file may be odd. Duplicate ids (the last one wins), links
to nodes it does not hold, notes on nodes that are gone: nothing here raises on it.

Order: nodes (in the diagram's order, removed ones after in the snapshot's order), links,
measures, data, notes, milestones; within each, the diagram's order, then what was removed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from .diagram import Diagram
from .diff_rules import (
    CHANGES,
    WHATS,
    Difference,
    Names,
    an,
    cap,
    data_differences,
    measure_edits,
    milestone_differences,
    node_name,
    note_differences,
    plural,
    q,
)
from .errors import DiagramError
from .schema import Link, LinkKind, Node, NodeKind, Snapshot

__all__ = [
    "CHANGES",
    "WHATS",
    "Difference",
    "changes_since",
    "compare",
    "compare_documents",
    "snapshot_of",
    "summary_counts",
]


def snapshot_of(d: Diagram) -> Snapshot:
    """The diagram as it is now: nodes, links, measures (with their data), notes, milestones."""
    return Snapshot(
        nodes=d.nodes(),
        links=d.links(),
        measures=list(d.items("measures")),
        annotations=list(d.items("annotations")),
        milestones=list(d.items("milestones")),
    )


def compare_documents(old: Diagram, new: Diagram, today: dt.date | None = None) -> list[Difference]:
    """What changed from one copy of a diagram to another: their contents only (no `since`)."""
    return compare(snapshot_of(old), new, today)


def changes_since(d: Diagram, meeting_id: str, today: dt.date | None = None) -> list[Difference]:
    """What changed since the meeting started (its snapshot); `DiagramError` when there is none."""
    meeting = d.item("meetings", meeting_id)  # DiagramError: "There is no meeting with id …"
    if meeting.snapshot is None:
        raise DiagramError(
            f"The meeting of {meeting.date.isoformat()} kept no copy of the diagram (it was held before "
            "meetings kept one), so what changed since then cannot be shown."
        )
    return compare(meeting.snapshot, d, today, since=meeting.date)


def compare(
    old: Snapshot, new: Diagram, today: dt.date | None = None, *, since: dt.date | None = None
) -> list[Difference]:
    """Every difference from the snapshot `old` to the diagram `new`, in the order above."""
    today = today or dt.date.today()
    now_nodes = {n.id: n for n in new.nodes()}
    was_nodes = {n.id: n for n in old.nodes}  # the last of duplicate ids wins
    names = Names(now_nodes, was_nodes, set(now_nodes))
    now_links = {(li.source, li.target): li for li in new.links()}
    was_links = {(li.source, li.target): li for li in old.links}
    out: list[Difference] = []
    in_move: set[tuple[str, str]] = set()
    out += _nodes(was_nodes, now_nodes, was_links, now_links, names, in_move)
    out += _links(was_links, now_links, set(was_nodes) ^ set(now_nodes), in_move, names)
    out += _items(old, new, names, today, since)
    return out


# ----------------------------------------------------------------------------- nodes
def _hangs_from(links: Iterable[Link]) -> dict[str, list[str]]:
    """node id -> the ids of the nodes it hangs from (DRIVES sources; an anti-driver's target)."""
    up: dict[str, list[str]] = {}
    for li in links:
        if li.kind is LinkKind.DRIVES:
            up.setdefault(li.target, []).append(li.source)
        elif li.kind is LinkKind.HINDERS:
            up.setdefault(li.source, []).append(li.target)
    return up


def _up_link(node_id: str, parent: str, kind: NodeKind) -> tuple[str, str]:
    return (node_id, parent) if kind is NodeKind.ANTI_DRIVER else (parent, node_id)


def _nodes(
    was: dict[str, Node],
    now: dict[str, Node],
    was_links: dict[tuple[str, str], Link],
    now_links: dict[tuple[str, str], Link],
    names: Names,
    in_move: set[tuple[str, str]],
) -> Iterator[Difference]:
    up_was, up_now = _hangs_from(was_links.values()), _hangs_from(now_links.values())
    for nid, node in now.items():
        name = cap(node_name(node))
        parents = up_now.get(nid, [])
        if nid not in was:
            where = ""
            if parents:
                how = "against" if node.kind is NodeKind.ANTI_DRIVER else "under"
                where = f" {how} {names.listed(parents)}"
            yield Difference("node", "added", nid, nid, f"{name} added{where}")
            continue
        old = was[nid]
        parts, reworded = _node_edits(old, node)
        if parts:
            yield Difference("node", "edited", nid, nid, f"{name} {', '.join(parts)}", reworded=reworded)
        before = up_was.get(nid, [])
        if before and parents and not set(before) & set(parents):
            in_move.update(_up_link(nid, p, old.kind) for p in before)
            in_move.update(_up_link(nid, p, node.kind) for p in parents)
            if node.kind is NodeKind.ANTI_DRIVER:
                msg = f"{name} now hinders {names.listed(parents)} (was {names.listed(before)})"
            else:
                msg = f"{name} moved from {names.listed(before)} to {names.listed(parents)}"
            yield Difference("node", "moved", nid, nid, msg)
    for nid, old in was.items():
        if nid not in now:
            before = up_was.get(nid, [])
            how = "against" if old.kind is NodeKind.ANTI_DRIVER else "under"
            where = f" (was {how} {names.listed(before)})" if before else ""
            yield Difference("node", "removed", nid, None, f"{cap(node_name(old))} removed{where}")


def _node_edits(old: Node, new: Node) -> tuple[list[str], bool]:
    """The words for what changed in a node, and whether its text did."""
    parts = []
    reworded = old.text != new.text
    if reworded:
        parts.append(f"reworded (was {q(old.text)})" if old.text.strip() else "given its text")
    edits = []
    if old.kind is not new.kind:
        edits.append(f"now {an(new.kind.label)} (was {an(old.kind.label)})")
    if old.description != new.description:
        edits.append("description " + ("added" if not old.description.strip() else "changed"))
    gained = [t for t in new.tags if t not in old.tags]
    lost = [t for t in old.tags if t not in new.tags]
    edits += [f"tagged {q(t, 30)}" for t in gained[:3]]
    edits += [f"no longer tagged {q(t, 30)}" for t in lost[:3]]
    if len(gained) > 3 or len(lost) > 3:
        edits.append("tags changed")
    if old.strength != new.strength:
        edits.append(f"strength {new.strength or 'none'} (was {old.strength or 'none'})")
    if edits:
        parts.append(("edited: " if not reworded else "") + ", ".join(edits))
    return parts, reworded


# ----------------------------------------------------------------------------- links
_VERBS = {LinkKind.DRIVES: "drives", LinkKind.HINDERS: "hinders", LinkKind.COUNTERS: "counters"}


def _links(
    was: dict[tuple[str, str], Link],
    now: dict[tuple[str, str], Link],
    came_or_went: set[str],
    in_move: set[tuple[str, str]],
    names: Names,
) -> Iterator[Difference]:
    def skip(pair: tuple[str, str]) -> bool:
        return pair in in_move or pair[0] in came_or_went or pair[1] in came_or_went

    def select(pair: tuple[str, str]) -> str | None:
        return names.select(pair[1]) or names.select(pair[0])

    for pair, link in now.items():
        if skip(pair):
            continue
        key, src, dst = f"{pair[0]}->{pair[1]}", cap(names(pair[0])), names(pair[1])
        old = was.get(pair)
        if old is None:
            weak = " (a weak link)" if link.strength.value == "weak" else ""
            yield Difference("link", "added", key, select(pair), f"{src} now {_VERBS[link.kind]} {dst}{weak}")
        elif old != link:
            parts = []
            if old.kind is not link.kind:
                parts.append(f"now {_VERBS[link.kind]} (was {_VERBS[old.kind]})")
            if old.strength is not link.strength:
                parts.append(f"now {link.strength.value} (was {old.strength.value})")
            msg = f"The link from {names(pair[0])} to {dst} is {', '.join(parts)}"
            yield Difference("link", "edited", key, select(pair), msg)
    for pair, link in was.items():
        if pair not in now and not skip(pair):
            msg = f"{cap(names(pair[0]))} no longer {_VERBS[link.kind]} {names(pair[1])}"
            yield Difference("link", "removed", f"{pair[0]}->{pair[1]}", select(pair), msg)


# ----------------------------------------------------------------------------- items
def _items(old: Snapshot, new: Diagram, names: Names, today: dt.date, since: dt.date | None) -> list[Difference]:
    was_m = {m.id: m for m in old.measures}
    now_m = {m.id: m for m in new.items("measures")}
    measures: list[Difference] = []
    data: list[Difference] = []
    rules = new.info.run_chart_rules
    for mid, m in now_m.items():
        where = names.select(m.node_id)
        if mid not in was_m:
            pts = f", with {plural(len(m.data), 'data point')}" if m.data else ""
            msg = f"Measure {q(m.name)} added on {names(m.node_id)}{pts}"
            measures.append(Difference("measure", "added", mid, where, msg))
            continue
        parts = measure_edits(was_m[mid], m, names)
        if parts:
            measures.append(Difference("measure", "edited", mid, where, f"Measure {q(m.name)} {_joined(parts)}"))
        data += data_differences(was_m[mid], m, rules, where)
    for mid, m in was_m.items():
        if mid not in now_m:
            msg = f"Measure {q(m.name)} removed (it was on {names(m.node_id)})"
            measures.append(Difference("measure", "removed", mid, names.select(m.node_id), msg))

    notes: list[Difference] = []
    was_a = {a.id: a for a in old.annotations}
    now_a = {a.id: a for a in new.items("annotations")}
    for aid, a in now_a.items():
        notes += note_differences(was_a.get(aid), a, names)
    notes += (d for aid, a in was_a.items() if aid not in now_a for d in note_differences(a, None, names))

    miles: list[Difference] = []
    was_s = {s.id: s for s in old.milestones}
    now_s = {s.id: s for s in new.items("milestones")}
    for sid, s in now_s.items():
        miles += milestone_differences(was_s.get(sid), s, names, today, since)
    miles += (
        d for sid, s in was_s.items() if sid not in now_s for d in milestone_differences(s, None, names, today, since)
    )
    return measures + data + notes + miles


def _joined(parts: list[str]) -> str:
    """ "renamed (was …), target 12 (was 10)" or "edited: target 12 (was 10)"."""
    return ", ".join(parts) if parts[0].startswith("renamed") else "edited: " + ", ".join(parts)


# ----------------------------------------------------------------------------- summary
_NOUNS = {"node": "node", "link": "link", "measure": "measure", "note": "note", "milestone": "milestone"}
_WORDS = {"edited": "edited", "reworded": "reworded"}
_LINK_WORDS = {"edited": "changed"}
_DATA = {
    "added": ("new data point", "new data points", ""),
    "removed": ("data point", "data points", " removed"),
    "edited": ("data point", "data points", " changed"),
    "signal": ("new run-chart signal", "new run-chart signals", ""),
}
_ORDER = ("added", "removed", "reworded", "edited", "moved", "resolved", "reopened", "done", "slipped", "signal")


def summary_counts(diffs: Sequence[Difference]) -> str:
    """One line counting the differences: "3 nodes added, 1 reworded, 2 new data points,
    1 note resolved" (data counted in points); "No changes." when there are none."""
    counts: Counter[tuple[str, str]] = Counter()
    for d in diffs:
        change = "reworded" if d.what == "node" and d.reworded else d.change
        counts[(d.what, change)] += d.count if d.what == "data" else 1
    if not counts:
        return "No changes."
    phrases = []
    for what in WHATS:
        first = True
        for change in (*_ORDER, *sorted({c for w, c in counts if w == what and c not in _ORDER})):
            n = counts.get((what, change), 0)
            if not n:
                continue
            if what == "data":
                one, many, tail = _DATA.get(change, ("data change", "data changes", f" {change}"))
                phrases.append(f"{n:,} {one if n == 1 else many}{tail}")
                continue
            word = (_LINK_WORDS if what == "link" else _WORDS).get(change, change)
            noun = _NOUNS.get(what, what)
            phrases.append(f"{plural(n, noun)} {word}" if first else f"{n:,} {word}")
            first = False
    return ", ".join(phrases)

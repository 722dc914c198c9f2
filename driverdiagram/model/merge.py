"""Bring in notes from another copy: a mentor's copy of the same diagram merged into mine.

Both copies share node ids. The mentor's notes ("annotations") and action items and
milestones ("milestones") are matched by id: one I lack is new, one that differs is a
conflict the user settles (keeping mine unless they choose theirs), one the same is left
alone. A merge only adds or replaces, never removes. An item of theirs on a node I no longer
have is kept on the diagram as a whole and says which node it was on.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import limits
from .diagram import Diagram
from .errors import DiagramError
from .meeting_summary import in_words
from .safe_text import printable, shorten
from .schema import Annotation, Milestone, MilestoneKind

COLLECTIONS = ("annotations", "milestones")
SHORT_LIMIT = 500  # schema.ShortText
TEXT_LIMIT = 20_000  # schema.Text
NAME_LIMIT = 60  # how much of a node's text a side-by-side view shows

_LABELS: dict[str, dict[str, str]] = {
    "annotations": {
        "node_id": "On",
        "kind": "Kind",
        "text": "Note",
        "author": "Author",
        "role": "Written by",
        "created": "Written on",
        "resolved": "Resolved",
        "meeting_id": "Meeting",
        "detached_from": "Was on",
    },
    "milestones": {
        "title": "Title",
        "kind": "Kind",
        "node_id": "On",
        "owner": "Owner",
        "due": "Due",
        "done": "Done",
        "notes": "Notes",
        "meeting_id": "Meeting",
    },
}
_EMPTY = {
    "node_id": "the whole diagram",
    "resolved": "not resolved",
    "done": "not done",
    "due": "no date",
    "meeting_id": "no meeting",
}


def _one_line(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Conflict:
    """An item both copies have, with different content: the user keeps one of the two."""

    collection: str  # "annotations" | "milestones"
    mine: Any
    theirs: Any  # node reference already fixed (see `plan_merge`)
    names: tuple[tuple[str, str], ...] = field(default=(), compare=False, repr=False)  # "field:value" -> words

    @property
    def id(self) -> str:
        return str(self.mine.id)

    @property
    def key(self) -> str:
        """`collection/id`: unambiguous even when a note and an action item share an id ("/" is in no id)."""
        return f"{self.collection}/{self.id}"

    def fields(self) -> list[tuple[str, str, str]]:
        """(field label in the users' words, mine as text, theirs as text) for each field that differs."""
        labels = _LABELS.get(self.collection, {})
        names = dict(self.names)
        mine, theirs = self.mine.model_dump(), self.theirs.model_dump()
        rows = []
        for name, value in mine.items():
            other = theirs.get(name)
            if name == "id" or value == other:
                continue
            a, b = _as_text(name, value, names), _as_text(name, other, names)
            if _visible(a) == _visible(b):  # differs only in something unseen: show it
                a, b = printable(a), printable(b)
                if a.split() == b.split():  # white space alone
                    a, b = repr(value), repr(other)
            rows.append((labels.get(name, name.replace("_", " ").capitalize()), a, b))
        return rows


_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def _visible(text: str) -> str:
    """What a reader sees of `text`: no control or zero-width characters, white space as one space."""
    return " ".join(_INVISIBLE.sub("", text).split())


def _as_text(name: str, value: Any, names: Mapping[str, str]) -> str:
    if value is None or value == "":
        return _EMPTY.get(name, "(empty)")
    if isinstance(value, enum.Enum):  # "Gap", "Action item", "Mentor"
        return str(value.value).replace("_", " ").capitalize()
    if isinstance(value, dt.date):
        return in_words(value)
    if name in ("node_id", "meeting_id"):
        return names.get(f"{name}:{value}", str(value))
    return str(value)


@dataclass(frozen=True)
class MergePlan:
    """What bringing in the other copy would do, for the user to confirm."""

    new: tuple[tuple[str, Any], ...]  # (collection, item) I do not have, node reference fixed
    conflicts: tuple[Conflict, ...]
    orphans: tuple[str, ...]  # ids among `new` and conflicts whose node is no longer in my diagram
    unchanged: int

    @property
    def empty(self) -> bool:
        """Nothing to bring in: every item of theirs is already here, the same."""
        return not self.new and not self.conflicts

    def describe(self) -> str:
        """One sentence: "3 new notes, 1 new action item, 2 changed (choose which to keep), …"."""
        if self.empty:
            if not self.unchanged:
                return "The other copy has no notes or action items to bring in."
            if self.unchanged == 1:
                return "Nothing new: the one note or action item of the other copy is already here."
            return f"Nothing new: all {self.unchanged:,} notes and action items of the other copy are already here."
        counts = {"note": 0, "action item": 0, "milestone": 0}
        for collection, item in self.new:
            counts[_what(collection, item)] += 1
        plurals = {"note": "notes", "action item": "action items", "milestone": "milestones"}
        parts = [_count(n, f"new {w}", f"new {plurals[w]}") for w, n in counts.items() if n]
        if self.conflicts:
            parts.append(f"{len(self.conflicts):,} changed (choose which to keep)")
        if self.orphans:
            n = len(self.orphans)
            parts.append(f"{n:,} on {'a node' if n == 1 else 'nodes'} no longer in this diagram")
        return ", ".join(parts)


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _what(collection: str, item: Any) -> str:
    if collection == "annotations":
        return "note"
    return "milestone" if item.kind is MilestoneKind.MILESTONE else "action item"


def _node_name(d: Diagram, node_id: str) -> str:
    """A node as a detached item remembers it: its text on one line, or its kind when it has none."""
    if node_id not in d:
        return f"node {node_id}"
    node = d.node(node_id)
    return _one_line(node.text) or f"a {node.kind.label} with no text"


def _fixed(item: Any, mine: Diagram, theirs: Diagram) -> tuple[Any, bool]:
    """Their item made to fit my diagram, and whether its node is gone from mine."""
    ref = item.node_id
    if ref is None or ref in mine:
        return item, False
    was = _node_name(theirs, ref)
    if isinstance(item, Annotation):
        return item.but(node_id=None, detached_from=shorten(was, SHORT_LIMIT)), True
    if isinstance(item, Milestone):
        notes = f"(was on: {shorten(was, SHORT_LIMIT)})" + (f"\n{item.notes}" if item.notes else "")
        return item.but(node_id=None, notes=shorten(notes, TEXT_LIMIT)), True
    return item.but(node_id=None), True


def _names(mine: Diagram, theirs: Diagram, items: list[Any]) -> tuple[tuple[str, str], ...]:
    """Words for the node and meeting ids the conflicting items name (nodes are mine, fixed)."""
    meetings = {m.id: m for d in (theirs, mine) for m in d.items("meetings")}  # mine win
    out: dict[str, str] = {}
    for it in items:
        if it.node_id is not None and it.node_id in mine:
            out[f"node_id:{it.node_id}"] = shorten(_node_name(mine, it.node_id), NAME_LIMIT)
        if it.meeting_id in meetings:
            out[f"meeting_id:{it.meeting_id}"] = f"meeting of {in_words(meetings[it.meeting_id].date)}"
    return tuple(out.items())


def plan_merge(mine: Diagram, theirs: Diagram) -> MergePlan:
    """What bringing `theirs`' notes and action items into `mine` would add, change and leave."""
    new: list[tuple[str, Any]] = []
    conflicts: list[Conflict] = []
    orphans: list[str] = []
    unchanged = 0
    for collection in COLLECTIONS:
        have = {it.id: it for it in mine.items(collection)}
        added = 0
        for item in theirs.items(collection):
            fixed, orphaned = _fixed(item, mine, theirs)
            own = have.get(item.id)
            if own == fixed or (orphaned and own == item.but(node_id=None)):  # or I only removed its node
                unchanged += 1
                continue
            if own is None:
                new.append((collection, fixed))
                added += 1
            else:
                conflicts.append(Conflict(collection, own, fixed, _names(mine, theirs, [own, fixed])))
            if orphaned:
                orphans.append(item.id)
        total = len(have) + added
        if total > limits.MAX_ITEMS:
            what = "notes" if collection == "annotations" else "action items and milestones"
            raise DiagramError(
                f"Bringing in the other copy would make {total:,} {what}; a diagram holds at most "
                f"{limits.MAX_ITEMS:,}. Remove some from either copy first."
            )
    return MergePlan(tuple(new), tuple(conflicts), tuple(orphans), unchanged)


def resolve(plan: MergePlan, take_theirs: Mapping[str, bool]) -> list[tuple[str, str, Any]]:
    """The edits that carry out `plan`: ("add", collection, item) for each new item, and
    ("replace", collection, their item) for each conflict the user settled for theirs.

    `take_theirs` is keyed by a conflict's item id (or by its `key`, "collection/id", which
    wins, for a note and an action item that share an id); a conflict not named keeps mine.
    """
    edits: list[tuple[str, str, Any]] = [("add", collection, item) for collection, item in plan.new]
    for c in plan.conflicts:
        choice = take_theirs.get(c.key, take_theirs.get(c.id, False))
        if choice is True:
            edits.append(("replace", c.collection, c.theirs))
    return edits

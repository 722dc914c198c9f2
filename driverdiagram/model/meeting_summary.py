"""The short summary shown when a meeting ends, copied as plain text into the follow-up e-mail.

Plain text only (no markup), lines kept to about 100 characters, dates in words. Text from
the file is shown safely: names and node texts on one line, control characters escaped.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterable

from .diagram import Diagram
from .errors import DiagramError
from .safe_text import printable, quoted, shorten
from .schema import Annotation, AnnotationKind, Meeting, Milestone

WIDTH = 100
NODE_LIMIT = 60  # how much of a node's text a line quotes
NAME_LIMIT = 60
NOTE_LIMIT = 500  # a note longer than this is cut: the e-mail is a summary, the diagram has it all
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def in_words(day: dt.date) -> str:
    """A date as people write it: "2 December 2026" (the same in every locale)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _one_line(text: str, limit: int) -> str:
    """`text` on one line (runs of white space made one space), cut to `limit`, controls escaped."""
    return printable(shorten(" ".join(text.split()), limit))


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _bullet(text: str) -> list[str]:
    """A list entry: "- " and `text`, wrapped at `WIDTH` with its later lines indented."""
    return textwrap.wrap(
        text, WIDTH, initial_indent="- ", subsequent_indent="  ", break_long_words=False, break_on_hyphens=False
    ) or ["-"]


def _block(text: str) -> list[str]:
    """A free text (agenda, summary) kept line by line, each wrapped at `WIDTH`, blank runs made one."""
    out: list[str] = []
    for raw in text.strip().splitlines():
        line = printable(" ".join(raw.split()))
        if not line:
            if out and out[-1]:
                out.append("")
            continue
        out += textwrap.wrap(line, WIDTH, break_long_words=False, break_on_hyphens=False)
    return out


def _meeting(d: Diagram, meeting_id: str) -> Meeting:
    for m in d.items("meetings"):
        if m.id == meeting_id:
            return m
    raise DiagramError(f"There is no meeting with id {quoted(meeting_id)} in this diagram, so it has no summary.")


def _node_text(d: Diagram, node_id: str) -> str:
    """A node as a summary names it: its text on one line and cut short, or its kind if it has none."""
    if node_id not in d:
        return f"node {_one_line(node_id, NODE_LIMIT)}"
    node = d.node(node_id)
    return _one_line(node.text, NODE_LIMIT) or f"a {node.kind.label} with no text"


def _on(d: Diagram, a: Annotation) -> str:
    """Where a note is: on a node ("“Research skills”"), or on the whole diagram."""
    if a.node_id is not None:
        return f"“{_node_text(d, a.node_id)}”"
    was = f" (was on: “{_one_line(a.detached_from, NODE_LIMIT)}”)" if a.detached_from else ""
    return "the whole diagram" + was


def _note(d: Diagram, a: Annotation, with_kind: bool = True) -> list[str]:
    """ "- Gap on “Research skills”: text" (or, in a list of gaps, "- On “Research skills”: text")."""
    head = f"{a.kind.label} on {_on(d, a)}" if with_kind else f"On {_on(d, a)}"
    text = _one_line(a.text, NOTE_LIMIT)
    return _bullet(f"{head}: {text}" if text else head)


def _action(d: Diagram, m: Milestone) -> list[str]:
    """ "- Title — owner, due 15 January 2027 (on: node text)"."""
    details = [x for x in (_one_line(m.owner, NAME_LIMIT), f"due {in_words(m.due)}" if m.due else "") if x]
    if m.done:
        details.append(f"done {in_words(m.done)}")
    text = _one_line(m.title, NOTE_LIMIT) or "(no title)"
    if details:
        text += " — " + ", ".join(details)
    if m.node_id is not None:
        text += f" (on: {_node_text(d, m.node_id)})"
    return _bullet(text)


def _section(title: str, entries: Iterable[list[str]]) -> list[str]:
    lines = [line for entry in entries for line in entry]
    return ["", title, *lines] if lines else []


def meeting_summary(d: Diagram, meeting_id: str) -> str:
    """What happened in a meeting, in a few plain-text lines for the follow-up e-mail:
    who met and when, the agenda and summary, the notes added, the gaps raised and
    resolved, and the action items agreed. Raises `DiagramError` for an unknown meeting."""
    meeting = _meeting(d, meeting_id)
    names = [_one_line(x, NAME_LIMIT) for x in (meeting.mentor or d.info.mentor, d.info.mentee)]
    people = " and ".join(x for x in names if x)
    lines = [f"Mentoring meeting, {in_words(meeting.date)}" + (f" — {people}" if people else "")]

    annotations: list[Annotation] = list(d.items("annotations"))
    notes = [a for a in annotations if a.meeting_id == meeting.id]
    raised = [a for a in notes if a.kind is AnnotationKind.GAP]
    resolved = [a for a in annotations if a.kind is AnnotationKind.GAP and a.resolved == meeting.date]
    actions: list[Milestone] = [m for m in d.items("milestones") if m.meeting_id == meeting.id]
    actions.sort(key=lambda m: (m.due is None, m.due or dt.date.min))
    lines.append(
        ", ".join(
            (
                _count(len(notes), "note added", "notes added"),
                _count(len(raised), "gap raised", "gaps raised"),
                f"{len(resolved):,} resolved",
                _count(len(actions), "action item", "action items"),
            )
        )
    )
    for title, text in (("Agenda", meeting.agenda), ("Summary", meeting.summary)):
        block = _block(text)
        if block:
            lines += ["", title, *block]
    lines += _section(f"Notes added ({len(notes):,})", (_note(d, a) for a in notes))
    lines += _section(f"Gaps raised ({len(raised):,})", (_note(d, a, with_kind=False) for a in raised))
    lines += _section(f"Gaps resolved ({len(resolved):,})", (_note(d, a, with_kind=False) for a in resolved))
    lines += _section(f"Action items ({len(actions):,})", (_action(d, m) for m in actions))
    return "\n".join(lines)

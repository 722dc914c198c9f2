"""The plain-text summary of a meeting, as the follow-up e-mail reads it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from driverdiagram.model import Annotation, Diagram, DiagramError, DocumentInfo, Meeting, Milestone, load
from driverdiagram.model.meeting_summary import in_words, meeting_summary

CAREER = Path(__file__).resolve().parents[2] / "resources" / "examples" / "career.driver"
MARCH = dt.date(2026, 3, 3)
TEAM = "A small, reliable research team"


def note(id: str, text: str, meeting: str | None = "meeting-2026-03", **kw: Any) -> Annotation:
    return Annotation(id=id, text=text, created=MARCH, meeting_id=meeting, **kw)


@pytest.fixture
def career() -> Diagram:
    """The career example after its March meeting: three notes and three action items from it,
    one note from January, and the team gap resolved on the day."""
    d = load(CAREER)
    for a in d.items("annotations"):  # the example's own notes of its meetings: the counts are this test's
        d.replace_item("annotations", a.but(meeting_id=None))
    for m in d.items("milestones"):
        d.replace_item("milestones", m.but(meeting_id=None))
    d.add_item("annotations", note("m1", "Who does the data work?", node_id="s-team", kind="gap"))
    d.add_item("annotations", note("m2", "Real progress on the writing habit.", kind="praise"))
    d.add_item("annotations", note("m3", "Is Dr. Chen the right ask?", node_id="s-sponsor", kind="question"))
    d.add_item("annotations", note("jan", "From January, not March", meeting="meeting-2026-01", node_id="s-team"))
    d.replace_item("annotations", d.item("annotations", "note-2").but(resolved=MARCH))
    due = dt.date(2027, 1, 15)
    d.add_item(
        "milestones",
        Milestone(
            id="h1", title="Ask Tomás about a shared coordinator", kind="homework", owner="Amara", due=due,
            node_id="s-team", meeting_id="meeting-2026-03",
        ),
    )  # fmt: skip
    d.add_item(
        "milestones",
        Milestone(
            id="h2", title="Send comments on the pilot grant", kind="action_item", owner="Lena",
            due=dt.date(2026, 3, 6), meeting_id="meeting-2026-03",
        ),
    )  # fmt: skip
    d.add_item("milestones", Milestone(id="h3", title="Think about a second sponsor", meeting_id="meeting-2026-03"))
    d.add_item("milestones", Milestone(id="old", title="From January", meeting_id="meeting-2026-01"))
    return d


def section(text: str, title: str) -> list[str]:
    """The lines under a section's title, up to the next blank line."""
    lines = text.splitlines()
    start = lines.index(title) + 1
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start:end]


def entries(lines: list[str]) -> list[str]:
    """A section's entries, each with the lines it wrapped onto joined again."""
    out: list[str] = []
    for line in lines:
        if line.startswith("  ") and out:
            out[-1] += " " + line.strip()
        else:
            out.append(line)
    return out


def test_the_summary_reads_as_the_email_should(career: Diagram) -> None:
    text = meeting_summary(career, "meeting-2026-03")
    lines = text.splitlines()
    assert lines[0] == "Mentoring meeting, 3 March 2026 — Prof. Lena Hoffmann and Dr. Amara Okafor"
    assert lines[1] == "3 notes added, 1 gap raised, 1 resolved, 3 action items"
    assert section(text, "Agenda")[0] == "1. Pilot grant (due 15 March): final read"
    assert section(text, "Summary")[0].startswith("Pilot grant in good shape;")
    assert section(text, "Notes added (3)") == [
        f"- Gap on “{TEAM}”: Who does the data work?",
        "- Praise on the whole diagram: Real progress on the writing habit.",
        "- Question on “A sponsor outside the department”: Is Dr. Chen the right ask?",
    ]
    assert section(text, "Gaps raised (1)") == [f"- On “{TEAM}”: Who does the data work?"]
    resolved = section(text, "Gaps resolved (1)")
    assert resolved[0].startswith(f"- On “{TEAM}”: Nothing measures the team")
    assert entries(section(text, "Action items (3)")) == [  # soonest first, none last
        "- Send comments on the pilot grant — Lena, due 6 March 2026",
        f"- Ask Tomás about a shared coordinator — Amara, due 15 January 2027 (on: {TEAM})",
        "- Think about a second sponsor",
    ]
    assert "January" not in text.replace("15 January 2027", "")  # the January meeting's items are not here
    assert all(len(line) <= 100 for line in lines)
    assert not any(mark in text for mark in ("**", "<b>", "<p>", "#"))


def test_an_empty_meeting_says_so_in_its_counts() -> None:
    d = Diagram.new("Aim", mentee="Amara Okafor", mentor="Prof. Lena Hoffmann")
    d.add_item("meetings", Meeting(id="m", date=dt.date(2026, 12, 2)))
    d.add_item("annotations", note("other", "Another meeting's", meeting="elsewhere", kind="gap"))
    assert meeting_summary(d, "m").splitlines() == [
        "Mentoring meeting, 2 December 2026 — Prof. Lena Hoffmann and Amara Okafor",
        "0 notes added, 0 gaps raised, 0 resolved, 0 action items",
    ]


def test_who_met_the_meetings_mentor_first_and_no_names_at_all() -> None:
    d = Diagram.new("Aim", mentee="Amara", mentor="Lena")
    d.add_item("meetings", Meeting(id="m", date=dt.date(2026, 1, 6), mentor="Dr. Rivera"))
    assert meeting_summary(d, "m").splitlines()[0] == "Mentoring meeting, 6 January 2026 — Dr. Rivera and Amara"
    d.set_info(DocumentInfo())
    d.replace_item("meetings", Meeting(id="m", date=dt.date(2026, 1, 6)))
    assert meeting_summary(d, "m").splitlines()[0] == "Mentoring meeting, 6 January 2026"


def test_an_unknown_meeting_is_a_clear_error(career: Diagram) -> None:
    with pytest.raises(DiagramError, match="There is no meeting with id 'meeting-1999' in this diagram"):
        meeting_summary(career, "meeting-1999")


def test_long_and_hostile_texts_stay_plain_and_short(career: Diagram) -> None:
    career.add_item("annotations", note("evil", "Line one\nFake line\x1b[2J " + "word " * 200, kind="comment"))
    career.add_item(
        "annotations", note("orphan", "Was elsewhere", detached_from="An old\nnode", kind="gap", resolved=MARCH)
    )
    career.replace_item(
        "meetings", career.item("meetings", "meeting-2026-03").but(agenda="First\n\n\n\nSecond " + "x" * 150)
    )
    text = meeting_summary(career, "meeting-2026-03")
    assert "\x1b" not in text and "\\x1b[2J" in text
    assert "- Comment on the whole diagram: Line one Fake line" in text
    assert "- On the whole diagram (was on: “An old node”): Was elsewhere" in text
    assert section(text, "Agenda") == ["First"]  # blank runs become one blank line
    assert "x" * 150 in text.splitlines()  # a word too long to wrap is kept whole
    assert all(len(line) <= 100 for line in text.splitlines() if "xxxx" not in line)
    assert max(len(line) for line in text.splitlines() if "Fake line" in line) <= 100


def test_dates_are_written_in_words() -> None:
    assert in_words(dt.date(2027, 1, 15)) == "15 January 2027"
    assert in_words(dt.date(2026, 12, 2)) == "2 December 2026"

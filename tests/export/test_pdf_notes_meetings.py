"""The PDF's mentoring pages read back: every note (open first) with its kind, node, author,
role and dates; the meeting log with agendas, summaries and action items; the changes since
a meeting (only when asked for); and the notes pins on the diagram's nodes."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from pdf_diagrams import filler
from pdf_helpers import EXAMPLES, TODAY, Exported, export, flat
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import SimpleDocTemplate

from driverdiagram.export import export_pdf
from driverdiagram.export.pdf_changes import changes_story
from driverdiagram.export.pdf_fonts import Typesetter
from driverdiagram.export.sections import BY_KEY, DEFAULT_SECTION_KEYS, SECTION_KEYS
from driverdiagram.layout import layout
from driverdiagram.model import Annotation, DataPoint, Diagram, Measure, Meeting, Milestone, load
from driverdiagram.model.diff import changes_since, snapshot_of

OPEN_FILL = b".752941 0 0 rg"  # #C00000 as a fill colour: an open gap's pin (and its kind's cell)
GREY_FILL = b".431373 .431373 .431373 rg"  # #6E6E6E: a pin without an open gap


def body(out: Exported) -> str:
    """The text of the pages without their footers (which come between a paragraph's lines
    where it runs onto the next page)."""
    pages = []
    for page in out.pages:
        lines = page.splitlines()
        if lines and lines[-1].startswith("Printed "):
            lines = lines[1:-1]  # the footer's left part is the page's first text, its right part the last
        pages.append("\n".join(lines))
    return flat("\n".join(pages))


def section(out: Exported, start: str, end: str | None = None) -> str:
    text = body(out)
    i = text.index(start)
    return text[i : text.index(end, i) if end else None]


def outline(out: Exported) -> list[str]:
    titles: list[str] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(out.reader.outline)
    return titles


# ----------------------------------------------------------------------------- notes
def test_every_note_is_printed_open_first_each_group_by_date(career: Diagram, career_pdf: Exported) -> None:
    notes = section(career_pdf, "Mentor notes and gaps", "Mentoring compact")
    found = {a.id: notes.index(flat(a.text)) for a in career.items("annotations")}  # each in full
    by_date = sorted(career.items("annotations"), key=lambda a: (a.resolved is not None, a.created))
    assert [found[a.id] for a in by_date] == sorted(found.values())
    assert "Open · 4 notes" in notes and "Resolved · 1 note" in notes
    assert notes.index("Open · 4 notes") < min(found.values()) and notes.index("Resolved · 1 note") > max(
        found[a.id] for a in by_date[:4]
    )
    assert "5 notes from mentoring meetings: 4 open (1 of them a gap), 1 resolved." in notes


def test_a_note_shows_its_kind_node_author_role_and_dates(career: Diagram, career_pdf: Exported) -> None:
    notes = section(career_pdf, "Mentor notes and gaps", "Mentoring compact")
    assert notes.count("Prof. Lena Hoffmann (mentor)") == 5
    # note-1: a gap on the outcome, written 2 Dec 2025, resolved at the January meeting
    one = notes[notes.index("Resolved · 1 note") :]
    assert one.startswith("Resolved · 1 note Gap Outcome · Promoted to Associate Professor")
    assert "2 December 2025 resolved 6 January 2026" in one
    # note-2: the open gap on the team; note-3 an action on the clinical load
    assert "Gap Secondary driver · A small, reliable research team Nothing measures the team" in notes
    assert "Action Anti-driver · Clinical load leaves no protected time Take the proposed" in notes
    assert notes.count("Comment ") >= 2 and "6 January 2026" in notes and "3 March 2026" in notes
    assert "resolved" not in notes[: notes.index("Resolved · 1 note")].replace("1 resolved", "")


def test_whole_diagram_and_detached_notes_and_a_mentee_without_a_name(tmp_path: Path) -> None:
    d = Diagram.new("Promoted by 2030")
    d.add_item(
        "annotations",
        Annotation(
            id="n1",
            kind="question",
            text="Where did the teaching driver go?",
            role="mentee",
            created=dt.date(2026, 2, 3),
            detached_from="Teaching and supervising residents",
        ),
    )
    d.add_item("annotations", Annotation(id="n2", kind="praise", text="A clear aim.", created=dt.date(2026, 2, 1)))
    notes = section(export(d, tmp_path / "n.pdf", sections=("notes",)), "Mentor notes and gaps")
    assert (
        "Question Whole diagram was on a node no longer in this diagram: “Teaching and supervising residents” "
        "Where did the teaching driver go? Mentee 3 February 2026"
    ) in notes
    assert "Praise Whole diagram A clear aim. Mentor 1 February 2026" in notes
    assert notes.index("A clear aim.") < notes.index("Where did the teaching")  # by date


def test_an_open_gap_stands_out_in_red_and_a_resolved_one_does_not(tmp_path: Path) -> None:
    d = Diagram.new("Promoted by 2030")  # no anti-drivers: no other red on the page
    d.add_item("annotations", Annotation(id="g", kind="gap", text="No measure.", created=dt.date(2026, 1, 5)))
    out = export(d, tmp_path / "open.pdf", sections=("notes",))
    assert OPEN_FILL in out.reader.pages[0].get_contents().get_data()
    d.replace_item("annotations", d.item("annotations", "g").but(resolved=dt.date(2026, 2, 1)))
    out = export(d, tmp_path / "resolved.pdf", sections=("notes",))
    assert OPEN_FILL not in out.reader.pages[0].get_contents().get_data()
    assert "resolved 1 February 2026" in out.flat


# -------------------------------------------------------------------------- meetings
@pytest.fixture()
def career_with_actions() -> Diagram:
    """The career example with its action item and homework agreed at meetings (the file's
    milestones name none)."""
    d = load(EXAMPLES / "career.driver")
    for ms_id, meeting in (("ms-template-meeting", "meeting-2026-01"), ("ms-aims-draft", "meeting-2026-03")):
        d.replace_item("milestones", d.item("milestones", ms_id).but(meeting_id=meeting))
    d.replace_item("meetings", d.item("meetings", "meeting-2026-03").but(mentor="Prof. Lena Hoffmann"))
    return d


def test_meeting_log_newest_first_with_agenda_summary_and_action_items(
    career_with_actions: Diagram, tmp_path: Path
) -> None:
    d = career_with_actions
    out = export(d, tmp_path / "m.pdf", sections=("meetings",))
    log = section(out, "Meeting log")
    assert log.startswith("Meeting log 3 meetings from 2 December 2025 to 3 March 2026, the newest first.")
    days = ["Tuesday 3 March 2026", "Tuesday 6 January 2026", "Tuesday 2 December 2025"]
    at = [log.index(day) for day in days]
    assert at == sorted(at)
    march, january, december = log[at[0] : at[1]], log[at[1] : at[2]], log[at[2] :]
    for part, meeting_id in ((march, "meeting-2026-03"), (january, "meeting-2026-01"), (december, "meeting-2025-12")):
        m = d.item("meetings", meeting_id)
        assert f"Agenda {flat(m.agenda)} Summary {flat(m.summary)}" in part
    assert "Led by Prof. Lena Hoffmann" in march and "Led by" not in january + december
    # the agenda keeps its line breaks: each item starts a line
    raw = "\n".join(out.pages)
    for line in d.item("meetings", "meeting-2026-03").agenda.splitlines():
        assert re.search(rf"^\s*{re.escape(line)}$", raw, re.M), line
    # action items: title, owner, due, done or open, the node's text, under their meeting only
    assert (
        "1 action item Action item Owner Due Status For Draft K23 Specific Aims page and send to Lena and Tomás "
        "Homework Amara 30 Apr 2026 Open Change idea · Submit K-award (K23) by Feb 2027"
    ) in march
    assert (
        "1 action item Action item Owner Due Status For Meet the division chief about the clinical template "
        "Amara 27 Feb 2026 Overdue Change idea · Renegotiate my clinical template"
    ) in january
    assert "action item" not in december
    assert outline(out) == ["Meeting log", *days]


def test_a_done_action_item_says_when(career_with_actions: Diagram, tmp_path: Path) -> None:
    d = career_with_actions
    ms = d.item("milestones", "ms-template-meeting")
    d.replace_item("milestones", ms.but(done=dt.date(2026, 3, 12)))
    log = export(d, tmp_path / "m.pdf", sections=("meetings",)).flat
    assert "Meet the division chief about the clinical template Amara 27 Feb 2026 Done 12 Mar 2026" in log


def test_a_meeting_with_nothing_written_prints_its_date_alone(tmp_path: Path) -> None:
    d = Diagram.new("Promoted by 2030")
    d.add_item("meetings", Meeting(id="m1", date=dt.date(2026, 3, 2)))
    d.add_item("meetings", Meeting(id="m2", date=dt.date(2026, 4, 6), summary="Went well."))
    log = export(d, tmp_path / "m.pdf", sections=("meetings",)).flat
    assert log.endswith("Monday 6 April 2026 Summary Went well. Monday 2 March 2026 Printed 12 Mar 2026 · Page 1 of 1")


def test_no_meetings_no_meeting_log(tmp_path: Path) -> None:
    d = Diagram.new("Promoted by 2030")
    out = export(d, tmp_path / "m.pdf", sections=("diagram", "meetings"))
    assert "Meeting log" not in out.text and "Meeting log" not in outline(out)


def test_a_20000_character_agenda_and_summary_print_whole(tmp_path: Path) -> None:
    d = Diagram.new("Promoted by 2030")
    agenda, summary = filler("mag", 20_000), filler("msu", 20_000)
    d.add_item("meetings", Meeting(id="m1", date=dt.date(2026, 3, 2), agenda=agenda, summary=summary))
    out = export(d, tmp_path / "m.pdf", sections=("meetings",))
    words = re.findall(r"\b(mag|msu)(\d{4})\b", out.text)  # page footers come between them
    assert len(out.pages) > 4 and words == [("mag", f"{i:04d}") for i in range(2500)] + [
        ("msu", f"{i:04d}") for i in range(2500)
    ]


# ---------------------------------------------------------------------------- sections
def test_sections_meetings_after_notes_and_changes_not_printed_by_default(career: Diagram, tmp_path: Path) -> None:
    assert SECTION_KEYS == (
        "diagram",
        "plan",
        "measures",
        "timeline",
        "network",
        "notes",
        "meetings",
        "changes",
        "parking",
        "compact",
    )
    assert tuple(k for k in SECTION_KEYS if k != "changes") == DEFAULT_SECTION_KEYS
    m = BY_KEY["meetings"]
    assert (m.heading, m.about) == ("Meeting log", "Each meeting: date, agenda, summary and action items")
    assert BY_KEY["changes"].heading == "Changes since the last meeting"
    labels = [s.label for s in BY_KEY.values()]
    mnemonics = [label[label.index("&") + 1].lower() for label in labels]
    assert len(set(mnemonics)) == len(mnemonics) and "l" not in mnemonics  # &Landscape in the dialog
    # every section there is, as the command line's "all" asks: changes need a meeting, so none
    out = export(career, tmp_path / "all.pdf", sections=SECTION_KEYS)
    assert "Changes since" not in out.text and "Meeting log" in out.text
    assert out.text.index("Mentor notes and gaps") < out.text.index("Meeting log") < out.text.index("Mentoring compact")


def test_the_default_prints_no_changes(career: Diagram, career_pdf: Exported) -> None:
    assert "Changes since" not in career_pdf.text
    assert [t for t in outline(career_pdf) if t in ("Mentor notes and gaps", "Meeting log", "Mentoring compact")] == [
        "Mentor notes and gaps",
        "Meeting log",
        "Mentoring compact",
    ]


# ----------------------------------------------------------------------------- changes
def meeting_then_edits() -> Diagram:
    """A diagram, a meeting on 3 March 2026 that kept a snapshot of it, and edits since."""
    d = Diagram.new("Promoted to Associate Professor by 2030", title="Career plan")
    d.add_node("primary", "Research skills", parent=d.outcome.id, id="p1")
    d.add_node("primary", "Teaching", parent=d.outcome.id, id="p2")
    d.add_node("secondary", "Stats course", parent="p1", id="s1")
    points = [DataPoint(date=dt.date(2026, 1, 5) + dt.timedelta(days=7 * i), value=i % 3) for i in range(4)]
    d.add_item("measures", Measure(id="m1", node_id="p1", name="Writing hours", data=points, target=6))
    d.add_item("annotations", Annotation(id="n1", node_id="s1", kind="gap", text="Which course?", created=TODAY))
    d.add_item("milestones", Milestone(id="ms1", title="Enrol in the course", due=dt.date(2026, 4, 1)))
    d.add_item("meetings", Meeting(id="meet", date=dt.date(2026, 3, 3), snapshot=snapshot_of(d)))
    d.add_node("change_idea", "Weekly stats clinic", parent="s1", id="c1")
    d.remove_nodes("p2")
    d.edit_node("p1", text="Research methods")
    d.replace_item("measures", d.item("measures", "m1").but(target=8))
    d.replace_item("annotations", d.item("annotations", "n1").but(resolved=dt.date(2026, 3, 10)))
    d.replace_item("milestones", d.item("milestones", "ms1").but(done=dt.date(2026, 3, 9)))
    return d


def test_changes_since_a_meeting_are_grouped_and_tagged(tmp_path: Path) -> None:
    d = meeting_then_edits()
    out = export(d, tmp_path / "c.pdf", changes_since="meet")  # the default sections, and changes added
    changes = section(out, "Changes since 3 March 2026")  # the last: a compact of the usual elements is left out
    assert changes.startswith(
        "Changes since 3 March 2026 Since the meeting of Tuesday 3 March 2026, up to 12 March 2026:"
    )
    diffs = changes_since(d, "meet", TODAY)
    assert {x.what for x in diffs} == {"node", "measure", "note", "milestone"}
    for x in diffs:
        assert flat(x.message) in changes, x
    groups = [changes.index(f"{title} · ") for title in ("Nodes", "Measures", "Notes", "Milestones")]
    assert groups == sorted(groups) and "Links · " not in changes and "Data · " not in changes
    nodes = changes[groups[0] : groups[1]]
    assert "+ Added" in nodes and "− Removed" in nodes and "~ Edited" in nodes
    assert "✓ Resolved" in changes[groups[2] : groups[3]] and "✓ Done" in changes[groups[3] :]
    assert "Changes since 3 March 2026" in outline(out)
    assert out.text.index("Meeting log") < out.text.index("Changes since") and "Mentoring compact" not in out.text


def test_changes_print_only_what_was_asked_and_say_when_nothing_changed(tmp_path: Path) -> None:
    d = Diagram.new("Promoted by 2030")
    d.add_item("meetings", Meeting(id="meet", date=dt.date(2026, 3, 3), snapshot=snapshot_of(d)))
    out = export(d, tmp_path / "c.pdf", sections=("changes",), changes_since="meet")
    assert section(out, "Changes since").startswith(
        "Changes since 3 March 2026 Since the meeting of Tuesday 3 March 2026, up to 12 March 2026: "
        "nothing in the diagram has changed."
    )
    assert out.result.diagram_pages == 0 and "Meeting log" not in out.text


def test_changes_since_a_meeting_without_a_snapshot_say_why_not(career: Diagram, tmp_path: Path) -> None:
    out = export(career, tmp_path / "c.pdf", sections=("changes",), changes_since="meeting-2026-03")
    assert section(out, "Changes since").startswith(
        "Changes since 3 March 2026 The meeting of 3 March 2026 kept no copy of the diagram"
    )
    assert any("kept no copy of the diagram" in w for w in out.result.warnings)


def test_an_unknown_meeting_is_refused_before_anything_is_written(career: Diagram, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="No meeting 'nope' in this diagram; choose from meeting-2025-12"):
        export_pdf(career, tmp_path / "x.pdf", changes_since="nope")
    with pytest.raises(ValueError, match="it has no meetings"):
        export_pdf(Diagram.new("Aim"), tmp_path / "x.pdf", changes_since="nope")
    assert not (tmp_path / "x.pdf").exists()


@dataclass(frozen=True)
class FakeDifference:
    what: str
    change: str
    id: str
    node_id: str | None
    message: str


def test_the_changes_table_from_a_hand_made_list(tmp_path: Path) -> None:
    diffs = [
        FakeDifference("milestone", "slipped", "ms1", None, "Milestone “Enrol” slipped to 1 May 2026"),
        FakeDifference("node", "added", "c1", "c1", "Change idea “Clinic” added"),
        FakeDifference("data", "signal", "m1", "p1", "Writing hours: a shift up"),
        FakeDifference("link", "removed", "a->b", None, "A no longer drives B"),
        FakeDifference("gizmo", "twiddled", "g", None, "Something new the diff learnt"),
        FakeDifference("node", "moved", "s1", "s1", "Secondary driver “Stats” moved"),
    ]
    meeting = Meeting(id="m", date=dt.date(2026, 3, 3))
    path = tmp_path / "t.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4))
    doc.build(changes_story(meeting, diffs, "6 changes", Typesetter(), 700, TODAY))
    text = flat("\n".join(p.extract_text() for p in PdfReader(str(path)).pages))
    order = [text.index(t) for t in ("Nodes · 2", "Links · 1", "Data · 1", "Milestones · 1", "Gizmo · 1")]
    assert order == sorted(order)
    assert "+ Added Change idea “Clinic” added ~ Moved Secondary driver “Stats” moved" in text
    assert "− Removed A no longer drives B" in text and "! Signal Writing hours: a shift up" in text
    assert "! Slipped Milestone “Enrol” slipped" in text and "~ Twiddled Something new the diff learnt" in text


# -------------------------------------------------------------------------------- pins
@dataclass
class Run:
    text: str
    x: float
    y: float
    size: float


def runs(page) -> list[Run]:
    """The page's text pieces where they are printed (page points, y up) and their size on paper."""
    out: list[Run] = []

    def visit(text, cm, tm, _font, size) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            out.append(Run(text.strip(), x, y, size * tm[3] * cm[3]))

    page.extract_text(visitor_text=visit)
    return out


def pinned() -> Diagram:
    d = Diagram.new("Promoted to Associate Professor by 2030")
    d.add_node("primary", "Research skills and the methods to use them well", parent=d.outcome.id, id="p1")
    d.add_node("primary", "Teaching", parent=d.outcome.id, id="p2")
    for i, kind in enumerate(("gap", "comment", "question")):
        d.add_item("annotations", Annotation(id=f"a{i}", node_id="p1", kind=kind, text=f"p1 {kind}", created=TODAY))
    for i in range(7):
        resolved = dt.date(2026, 3, 1)  # a resolved gap does not make the pin red
        d.add_item(
            "annotations",
            Annotation(id=f"b{i}", node_id="p2", kind="gap", text=f"p2 {i}", created=TODAY, resolved=resolved),
        )
    d.add_item("measures", Measure(id="m1", node_id="p1", name="Hours"))
    return d


def pins_at(here: list[Run], box, scale: float, count: str) -> list[Run]:
    """The count runs on the box's top-right corner (found from where its lines are printed)."""
    lines = [r for r in here if r.text in box.lines]
    if not lines:
        return []
    first = max(lines, key=lambda r: r.y)
    left = first.x - (box.text_x - box.x) * scale  # the box's left border on paper
    right, top = left + box.w * scale, first.y + (box.first_baseline - box.y) * scale
    return [r for r in here if r.text == count and right - 6 <= r.x <= right + 12 and top - 6 <= r.y <= top]


def test_pins_show_the_count_at_the_top_right_corner_clear_of_the_text(tmp_path: Path) -> None:
    d = pinned()
    out = export(d, tmp_path / "p.pdf")
    assert out.result.diagram_pages == 1
    page = out.reader.pages[0]
    here = runs(page)
    g = layout(d, out.result.layout)
    ts = Typesetter()
    scale = out.result.scale
    for node_id, count in (("p1", "3"), ("p2", "7")):
        box = g.boxes[node_id]
        lines = [r for r in here if r.text in box.lines]
        assert len(lines) == len(box.lines)
        pins = pins_at(here, box, scale, count)
        assert len(pins) == 1, (node_id, count)
        pin = pins[0]
        assert pin.size >= 6
        for r in lines:  # clear of the text: right of where every line ends, above the first
            assert pin.x > r.x + ts.width(r.text, box.font_size) * scale
        assert pin.y > max(r.y for r in lines) + box.font_size * scale * 0.5
    # the measure tag shares the top border, left of the pin
    tag = next(r for r in here if r.text == "M1")
    pin = pins_at(here, g.boxes["p1"], scale, "3")[0]
    assert tag.x + ts.width("M1", tag.size, bold=True) < pin.x
    data = page.get_contents().get_data()
    assert OPEN_FILL in data and GREY_FILL in data  # p1 has an open gap, p2 only resolved ones
    assert "Notes on the node, an open gap among them" in out.pages[0]
    assert "Notes on the node (see Mentor notes)" in out.pages[0]


def test_no_pins_without_the_notes_section(tmp_path: Path) -> None:
    out = export(pinned(), tmp_path / "p.pdf", sections=("diagram",))
    assert "3" not in out.pages[0].replace("2030", "") and "7" not in out.pages[0]
    data = out.reader.pages[0].get_contents().get_data()
    assert GREY_FILL not in data and OPEN_FILL not in data
    assert "Notes on the node" not in out.pages[0]


def test_career_pins_on_the_tiled_parts_are_legible(career: Diagram, career_pdf: Exported) -> None:
    notes_on = {a.node_id for a in career.items("annotations")}
    assert len(notes_on) == 5
    g = layout(career, career_pdf.result.layout)
    parts = [runs(p) for p in career_pdf.reader.pages[1 : career_pdf.result.diagram_pages]]
    for node_id in notes_on:
        pins = [r for here in parts for r in pins_at(here, g.boxes[node_id], career_pdf.result.scale, "1")]
        assert pins, node_id  # on the part that prints the node (or on both, near a seam)
        assert all(r.size >= 6 - 1e-6 for r in pins)

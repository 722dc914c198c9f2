"""The parking lot on paper: its heading (a bookmark), a line of introduction and a table of
the ideas and open questions, newest first, with the day kept and the node each is about;
an empty parking lot prints no section."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pdf_helpers import EXAMPLES, TODAY, export, flat

from driverdiagram.export.pdf_fonts import Typesetter
from driverdiagram.export.pdf_parking import story
from driverdiagram.export.sections import BY_KEY, DEFAULT_SECTION_KEYS, SECTION_KEYS
from driverdiagram.export.story_context import StoryContext
from driverdiagram.model import Diagram, ParkingItem, load


def outline(out) -> list[str]:
    titles: list[str] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(out.reader.outline)
    return titles


def test_the_section_is_printed_by_default_before_the_compact() -> None:
    s = BY_KEY["parking"]
    assert (s.heading, s.label, s.default) == ("Parking lot", "Par&king lot", True)
    assert "parking" in DEFAULT_SECTION_KEYS
    assert SECTION_KEYS.index("parking") == SECTION_KEYS.index("compact") - 1


def test_the_career_examples_items_are_printed_with_their_day_and_node(tmp_path: Path) -> None:
    career = load(EXAMPLES / "career.driver")
    out = export(career, tmp_path / "parking.pdf", sections=["parking"])
    text = out.flat
    assert "Parking lot" in outline(out)
    start = text.index("Parking lot")
    section = text[start:]
    assert "2 ideas and open questions kept for later, 1 of them about a node of the diagram" in section
    assert section.index("3 March 2026") < section.index("6 January 2026"), "the newest first"
    assert flat("A month at the registry consortium’s coordinating centre in 2028?") in section
    assert "A master’s in clinical investigation" in section
    assert "Secondary driver · Advanced methods: causal inference and trial design" in section


def test_in_the_whole_pdf_it_comes_after_the_meeting_log_and_before_the_compact(tmp_path: Path) -> None:
    out = export(load(EXAMPLES / "career.driver"), tmp_path / "all.pdf")
    titles = outline(out)
    assert titles.index("Meeting log") < titles.index("Parking lot") < titles.index("Mentoring compact")


def test_an_empty_parking_lot_prints_no_section(tmp_path: Path) -> None:
    d = Diagram.new("Promoted by 2030")
    ctx = StoryContext(d, Typesetter(), 700.0, 500.0, TODAY)
    assert story(ctx) == []
    out = export(d, tmp_path / "empty.pdf", sections=["diagram", "parking"])
    assert "Parking lot" not in out.flat and "Parking lot" not in outline(out)


def test_user_text_is_escaped_and_one_item_reads_as_one(tmp_path: Path) -> None:
    d = Diagram.new("Promoted by 2030")
    d.add_item("parking_lot", ParkingItem(id="p1", text="R&D <budget> for 2027?", created=dt.date(2026, 5, 4)))
    out = export(d, tmp_path / "one.pdf", sections=["parking"])
    assert "One idea or open question kept for later." in out.flat
    assert "R&D <budget> for 2027?" in out.flat and "4 May 2026" in out.flat

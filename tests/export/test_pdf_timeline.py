"""Milestones and timeline on paper: the heading and its bookmark, the timeline's years and
titles, the checklist in due-date order, a long timeline split across pages, and no
section without milestones."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pdf_helpers import TODAY, Exported, export, flat

from driverdiagram.export.pdf_fonts import Typesetter
from driverdiagram.export.pdf_timeline import FONT_SIZE, TimelinePart, story
from driverdiagram.export.sections import BY_KEY, SECTION_KEYS
from driverdiagram.export.story_context import StoryContext
from driverdiagram.layout.timeline import timeline_geometry
from driverdiagram.model import Diagram, Milestone

HEADING = "Milestones and timeline"


@pytest.fixture(scope="module")
def timeline_pdf(career: Diagram, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    return export(career, tmp_path_factory.mktemp("timeline") / "t.pdf", sections=["timeline"])


def test_the_section_follows_the_measures() -> None:
    assert SECTION_KEYS.index("timeline") == SECTION_KEYS.index("measures") + 1
    s = BY_KEY["timeline"]
    assert (s.heading, s.default) == (HEADING, True)
    label = s.label
    assert label.count("&") == 1 and label[label.index("&") + 1].lower() != "l"  # &Landscape in the dialog


def test_the_heading_the_years_and_every_title_are_printed(timeline_pdf: Exported, career: Diagram) -> None:
    text = timeline_pdf.flat
    assert HEADING in text
    first = timeline_pdf.pages[0]
    for year in range(2025, 2031):  # the horizon, 2026–2030, widened to the ethics approval of December 2025
        assert str(year) in first
    assert "Today" in first and "The whole plan" in first and "Publications and grants" in first
    for m in career.items("milestones"):
        assert flat(m.title) in text, m.id  # whole in the checklist (the timeline may cut a label)
    assert [o.title for o in timeline_pdf.reader.outline] == [HEADING]


def test_the_checklist_is_by_due_date_with_its_state_and_node(timeline_pdf: Exported, career: Diagram) -> None:
    text = timeline_pdf.flat
    table = text[text.index("What Kind Owner Due Status Serves") :]
    dated = sorted(career.items("milestones"), key=lambda m: m.due)
    at = [table.index(flat(m.title)) for m in dated]
    assert at == sorted(at)
    assert "Done 9 Dec 2025" in table and "Overdue" in table
    assert "Change idea · Standing fortnightly meeting with a biostatistician" in table


def test_an_undated_milestone_is_listed_last_not_drawn(career: Diagram, tmp_path: Path) -> None:
    d = Diagram.new("Promoted by 2030", horizon="2026–2030")
    d.add_item("milestones", Milestone(id="a", title="Ethics approval", due=dt.date(2026, 5, 1)))
    d.add_item("milestones", Milestone(id="b", title="Find a sponsor someday"))
    out = export(d, tmp_path / "u.pdf", sections=["timeline"])
    table = out.flat[out.flat.index("What Kind Owner") :]
    assert table.index("Ethics approval") < table.index("Find a sponsor someday") and "No date" in table
    assert "Not on the timeline (no due date): Find a sponsor someday" in out.flat


def test_no_milestones_no_section(tmp_path: Path) -> None:
    d = Diagram.new("Promoted by 2030", horizon="2026–2030")
    ctx = StoryContext(d, Typesetter(), 700, 500, TODAY)
    assert story(ctx) == []
    out = export(d, tmp_path / "none.pdf", sections=["diagram", "timeline"])
    assert HEADING not in out.text


def crowded(n: int = 150) -> Diagram:
    d = Diagram.new("Promoted by 2030", horizon="2026")
    for i in range(n):  # two days apart, long titles: a row each for weeks on end
        due = dt.date(2026, 1, 2) + dt.timedelta(days=2 * i)
        d.add_item("milestones", Milestone(id=f"m{i}", title=f"Step {i:03d} of a plan with a long title", due=due))
    return d


def test_a_long_timeline_splits_between_rows_with_the_years_on_every_part() -> None:
    d = crowded()
    g = timeline_geometry(d, 530, TODAY, font_size=FONT_SIZE)
    assert g.height > 800  # taller than a portrait page's frame
    whole = TimelinePart(g, Typesetter())
    first, rest = whole.split(530, 400)
    assert first.height <= 400 and first.y0 == g.axis_y and rest.y0 == first.y1 and rest.y1 == g.plot.bottom
    assert not first.last and rest.last
    assert not any(p.box.y < first.y1 < p.box.bottom for p in g.points), "never through a label"
    assert rest.height == pytest.approx(g.axis_y + (g.plot.bottom - first.y1) + (g.height - g.plot.bottom))
    assert whole.split(530, g.axis_y + 2) == [], "not even a row: the next page"


def test_a_long_timeline_prints_across_pages_whole(tmp_path: Path) -> None:
    out = export(crowded(), tmp_path / "long.pdf", sections=["timeline"], orientation="portrait")
    table = out.flat.index("What Kind Owner Due Status Serves")
    drawn = [int(n) for n in re.findall(r"Step (\d{3}) of a plan", out.flat[:table])]
    assert sorted(set(drawn)) == list(range(150)), "every label is on the timeline, on some page"
    assert out.result.pages >= 3
    pages_with_axis = [p for p in out.pages if "Jan" in p.split("Step")[0]]
    assert len(pages_with_axis) >= 2, "the months again above each part"


def test_the_timeline_text_is_never_smaller_than_6_pt(career: Diagram) -> None:
    g = timeline_geometry(career, 770, TODAY, font_size=FONT_SIZE)
    assert g.font_size >= 6
    part = TimelinePart(g, Typesetter())
    assert part.wrap(770, 1000) == (g.width, g.height)
    assert part.split(770, 1000) == [part]

"""The compact on paper, read back: a document two people sign. Its last words, the closing
sentence and the lines to sign share a page; nothing in it says "overdue"; a compact with
no names has lines to write them on; the key goals are the diagram's; and a compact holding
only the usual elements is printed only when asked for."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from pdf_diagrams import long_text_diagram
from pdf_helpers import EXAMPLES, TODAY, Exported, export, flat
from pypdf import PdfReader

from driverdiagram.model import Diagram, Milestone, NodeKind
from driverdiagram.model.compact import DEFAULT_EXPECTATIONS

CLOSING = "By signing, we agree to this compact"


def compact_pages(out: Exported) -> list[str]:
    start = next(i for i, p in enumerate(out.pages) if "Mentoring compact" in p)
    return out.pages[start:]


def signature_page(out: Exported) -> str:
    (page,) = [p for p in compact_pages(out) if "Signatures" in p]
    return page


def assert_signed_with_the_last_words(out: Exported, last_words: str) -> None:
    page = flat(signature_page(out))
    assert last_words in page, "the agreement's last line is on the page with the lines to sign"
    assert CLOSING in page and page.count("Date") == 2
    assert page.index(last_words) < page.index(CLOSING) < page.index("Signatures")


@pytest.mark.parametrize(("page", "orientation"), [("a4", "landscape"), ("letter", "portrait"), ("a4", "portrait")])
def test_the_career_compact_is_signed_on_the_page_of_its_last_words(career: Diagram, tmp_path: Path, page, orientation):
    out = export(career, tmp_path / "c.pdf", sections=("compact",), page=page, orientation=orientation)
    assert_signed_with_the_last_words(out, flat(career.compact.ending)[-40:])
    assert "Mentee: Dr. Amara Okafor" in flat(signature_page(out))
    assert "Mentor: Prof. Lena Hoffmann" in flat(signature_page(out))
    assert "First signed 4 Nov 2025" in signature_page(out)


@pytest.mark.parametrize("n", range(1, 46, 4))
def test_wherever_the_page_breaks_the_lines_to_sign_keep_the_last_words(tmp_path: Path, n: int) -> None:
    """The last part (here the expectations, growing one page and more) ends on the page of
    the signatures, wherever the page would otherwise have broken."""
    d = Diagram.new("Promoted by 2030")
    d.set_compact(
        meeting_schedule="Monthly, 45 minutes",
        expectations=[f"Expectation number {i}, said in a sentence long enough to wrap a little." for i in range(n)],
    )
    out = export(d, tmp_path / "e.pdf", sections=("compact",), page="a4", orientation="portrait")
    assert_signed_with_the_last_words(out, f"Expectation number {n - 1},")


def test_a_last_part_longer_than_a_page_ends_above_the_signatures(tmp_path: Path) -> None:
    d, words = long_text_diagram()
    out = export(d, tmp_path / "long.pdf", sections=("compact",), page="letter", orientation="portrait")
    assert_signed_with_the_last_words(out, f"cen{words['cen'] - 1:04d}")


def test_no_overdue_status_inside_the_compact(career: Diagram, tmp_path: Path) -> None:
    late = dt.date(2031, 1, 1)  # every milestone of the career plan is past due by then
    out = export(career, tmp_path / "c.pdf", sections=("compact",), today=late)
    text = flat("\n".join(out.pages))
    assert "overdue" not in text.lower() and "Status" not in text and "Open" not in text.split()
    done = [m for m in career.items("milestones") if m.done is not None]
    ahead = [m for m in career.items("milestones") if m.done is None]
    assert done and ahead
    for m in ahead:  # plain: the due date and the title
        assert flat(f"{m.due.day} {m.due.strftime('%b')} {m.due.year} · {m.title}") in text, m.title
    for m in done:
        assert flat(m.title) not in text, "what is done is the milestone list's, not the agreement's"


def test_the_career_pdf_has_no_overdue_in_its_compact(career_pdf: Exported) -> None:
    compact = flat("\n".join(compact_pages(career_pdf)))
    assert "Milestones and homework" in compact and "overdue" not in compact.lower()


def test_a_compact_without_names_prints_lines_to_write_them_on(tmp_path: Path) -> None:
    out = export(Diagram.new("Promoted by 2030"), tmp_path / "n.pdf", sections=("compact",))
    text = flat(out.text)
    for label in ("Mentee", "Mentor", "Starting", "Review"):
        assert f"{label}: ____" in text, label
    assert f"{CLOSING} and will review it together on ____" in text
    for line in DEFAULT_EXPECTATIONS:
        assert line in text


def test_names_and_dates_come_from_the_compact_else_the_diagrams_details(tmp_path: Path) -> None:
    d = Diagram.new("Promoted by 2030", mentee="Sam Lee", mentor="Dr. Ada Park")
    d.set_compact(mentor="Prof. Ada Park", start=dt.date(2026, 1, 5), review=dt.date(2026, 7, 5))
    text = flat(export(d, tmp_path / "d.pdf", sections=("compact",)).text)
    assert "Mentee: Sam Lee" in text and "Mentor: Prof. Ada Park" in text and "Dr. Ada Park" not in text
    assert "Starting: 5 Jan 2026" in text and "Review: 5 Jul 2026" in text
    assert "review it together on 5 Jul 2026." in text and "____" not in text


def test_key_goals_are_the_diagrams_outcome_and_primary_drivers(tmp_path: Path) -> None:
    d = Diagram.new("Promoted to associate professor by June 2030")
    for text in ("Research skills", "Work–life balance"):
        d.add_node("primary", text, parent=d.outcome.id)
    d.add_node("secondary", "A secondary driver", parent=d.nodes(NodeKind.PRIMARY)[0].id)
    d.set_compact(goals="A first-author paper in year one.")
    text = flat(export(d, tmp_path / "g.pdf", sections=("compact",)).text)
    goals = text[text.index("Key goals") : text.index("How we work together")]
    assert "From the driver diagram." in goals
    assert "Outcome (aim): Promoted to associate professor by June 2030" in goals
    assert "Research skills" in goals and "Work–life balance" in goals and "A secondary driver" not in goals
    assert "A first-author paper in year one." in goals


def test_a_new_diagrams_default_export_leaves_the_compact_out_unless_asked(tmp_path: Path) -> None:
    d = Diagram.new("Promoted by 2030")
    d.add_node("primary", "Research skills", parent=d.outcome.id)
    plain = export(d, tmp_path / "p.pdf")
    assert "Mentoring compact" not in plain.text and "Signatures" not in plain.text
    asked = export(d, tmp_path / "a.pdf", sections=["compact"])
    assert "Mentoring compact" in asked.pages[0] and "Signatures" in asked.text
    both = export(d, tmp_path / "b.pdf", sections="diagram,compact")  # as the command line names them
    assert "Mentoring compact" in both.text and both.result.diagram_pages == 1
    d.set_compact(mentee="Sam Lee")  # something of its own: printed by default
    assert "Mentoring compact" in export(d, tmp_path / "c.pdf").text


def test_the_command_line_leaves_an_empty_compact_out_unless_named(tmp_path: Path) -> None:
    from driverdiagram.model import save

    path = tmp_path / "new.driver"
    d = Diagram.new("Promoted by 2030")
    d.add_item("milestones", Milestone(id="ms1", title="Ethics approval", due=TODAY))
    save(d, path)

    def run(*args: str) -> str:
        out = tmp_path / "out.pdf"
        r = subprocess.run(
            [sys.executable, "-m", "driverdiagram", "export", str(path), "-o", str(out), *args],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert r.returncode == 0, r.stderr
        return "".join(p.extract_text() for p in PdfReader(str(out)).pages)

    assert "Mentoring compact" not in run()
    text = run("--sections", "compact")
    assert "Mentoring compact" in text and "Signatures" in text


def test_the_career_example_prints_its_compact_by_default(career_pdf: Exported) -> None:
    assert "Mentoring compact" in career_pdf.text and "Signatures" in career_pdf.text
    assert EXAMPLES.exists()

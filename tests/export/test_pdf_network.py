"""The board of advisors on paper: who the people are and what they help with, the matrix of
drivers by people, the holes; contact details only when asked for; no section without people;
matrices that fit a portrait page however many people there are."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pdf_diagrams import long_text_diagram
from pdf_helpers import TODAY, Exported, export, flat
from reportlab.lib.pagesizes import A4, letter

from driverdiagram.export import pdf_network
from driverdiagram.export.pdf_fonts import Typesetter
from driverdiagram.export.pdf_paging import PagedTable
from driverdiagram.export.sections import BY_KEY, DEFAULT_SECTION_KEYS, SECTION_KEYS
from driverdiagram.export.story_context import StoryContext
from driverdiagram.model import Diagram, Person, from_document, load, to_document

EMAILS = ("l.hoffmann@example.org", "t.rivera@example.org")


def network_text(out: Exported) -> str:
    """The section's text, from its heading to the next section's."""
    text = out.flat
    start = text.index("Board of advisors 5 people")
    return text[start : text.index("Mentor notes and gaps", start)]


def titles(out: Exported) -> list[str]:
    found: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append(item.title)

    walk(out.reader.outline)
    return found


@pytest.fixture(scope="module")
def with_contacts(career: Diagram, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    return export(career, tmp_path_factory.mktemp("net") / "contacts.pdf", contacts=True)


def test_the_section_is_a_default_between_measures_and_notes() -> None:
    keys = list(SECTION_KEYS)
    assert keys.index("measures") < keys.index("network") < keys.index("notes")
    assert "network" in DEFAULT_SECTION_KEYS
    s = BY_KEY["network"]
    assert (s.heading, s.label) == ("Board of advisors", "&Board of advisors")


def test_the_career_example_prints_its_board(career: Diagram, career_pdf: Exported) -> None:
    text = network_text(career_pdf)
    assert text.startswith(
        "Board of advisors 5 people on your board of advisors help with 11 of the 17 drivers, "
        "directly or with something under them. 6 drivers have no one and 8 rest on one person"
    )
    for p in career.items("people"):
        assert flat(p.name) in text and flat(p.organisation) in text
    for role in ("Career mentor", "Research / content mentor", "Sponsor", "Peer mentor", "Coach"):
        assert role in text
    assert "Helps with" in text and "Grant-writing skills and a funding pipeline" in text
    out = titles(career_pdf)
    assert out.index("Measures") < out.index("Board of advisors") < out.index("Mentor notes and gaps")
    assert "Who helps with which driver" in out and "Where the network has holes" in out


def test_the_matrix_has_initials_a_key_and_the_counts(career_pdf: Exported) -> None:
    text = network_text(career_pdf)
    matrix = text[text.index("Who helps with which driver") :]
    assert matrix.startswith("Who helps with which driver Driver LH TR WC SL MP People Network & visibility")
    assert "LH Prof. Lena Hoffmann · TR Dr. Tomás Rivera · WC Dr. Wei Chen" in matrix
    assert "✓ helps with the driver itself; (✓) helps with something under it" in matrix
    assert "Clinical excellence none" in matrix and "Publications and grants ✓ (✓) (✓) 3" in matrix


def test_the_holes_are_called_out(career_pdf: Exported) -> None:
    text = network_text(career_pdf)
    holes = text[text.index("Where the network has holes") :]
    assert "No one helps with: “Clinical excellence” (primary driver); “Teaching and supervising residents”" in holes
    assert "“Sleep, exercise and family time”." in holes
    assert (
        "Resting on one person: – “Network & visibility” (primary driver), “A sponsor outside the department”, "
        "“Visibility at national meetings” (Dr. Wei Chen)"
    ) in holes
    assert "“Boundaries around evenings and weekends” (Maya Patel)" in holes


def test_contact_details_only_when_asked(career_pdf: Exported, with_contacts: Exported) -> None:
    assert not any(e in career_pdf.text for e in EMAILS)
    assert "Contact" not in network_text(career_pdf)
    text = network_text(with_contacts)
    assert all(e in text for e in EMAILS)
    assert "Organisation Helps with Contact" in text


def test_no_people_no_section(career: Diagram, tmp_path: Path) -> None:
    d = from_document(to_document(career).model_copy(update={"people": []}))  # the example without its people
    out = export(d, tmp_path / "nobody.pdf")
    assert "Board of advisors" not in out.text and "Board of advisors" not in titles(out)
    assert "Mentor notes and gaps" in out.text
    only = export(d, tmp_path / "only.pdf", sections=["network", "compact"])
    assert "Board of advisors" not in only.text and "Mentoring compact" in only.text


def test_people_without_drivers_and_drivers_without_help(tmp_path: Path) -> None:
    d = Diagram.new("Promoted by 2030", outcome_id="O")
    d.add_item("people", Person(id="p1", name="Sam <b>& Co</b>", role="family"))
    out = export(d, tmp_path / "solo.pdf", sections=["network"])
    assert "1 person on your board of advisors. The diagram has no drivers yet" in out.flat
    assert "Sam <b>& Co</b>" in out.flat and "Family" in out.flat, "user text is text, never markup"
    d.add_node("primary", "Research skills", parent="O", id="P1")
    out = export(d, tmp_path / "none.pdf", sections=["network"])
    assert "1 person on your board of advisors, not yet helping with the one driver." in out.flat
    assert "No one helps with: “Research skills” (primary driver)." in out.flat


def test_every_driver_with_two_people_has_no_holes(tmp_path: Path) -> None:
    d = Diagram.new("Promoted by 2030", outcome_id="O")
    d.add_node("primary", "Research skills", parent="O", id="P1")
    d.add_node("secondary", "Statistics", parent="P1", id="S1")
    for i in range(2):
        d.add_item("people", Person(id=f"p{i}", name=f"Person {i}", helps_with=["S1"]))
    out = export(d, tmp_path / "two.pdf", sections=["network"])
    assert "Every driver has at least two people behind it." in out.flat
    assert "Where the network has holes" not in out.flat
    assert "Research skills (✓) (✓) 2" in out.flat


def many_people(n: int) -> Diagram:
    d = load(Path(__file__).resolve().parents[2] / "resources" / "examples" / "career.driver")
    drivers = [x.id for x in d.nodes() if x.kind.value in ("primary", "secondary")]
    for i in range(n):
        name = "Wei Chen" if i < 2 else f"{chr(65 + i)}la {chr(90 - i)}orn"  # the same initials twice
        d.add_item("people", Person(id=f"x{i}", name=name, helps_with=drivers[i % len(drivers) :: 5]))
    return d


@pytest.mark.parametrize("size", [A4, letter], ids=["a4", "letter"])
def test_the_matrices_fit_a_portrait_page(size: tuple[float, float]) -> None:
    d = many_people(16)  # and the example's 5: 21 people
    width = size[0] - 64
    ctx = StoryContext(d, Typesetter(), width, size[1] - 80, TODAY, contacts=True)
    flowables = pdf_network.story(ctx)
    tables = [f for f in flowables if isinstance(f, PagedTable)]
    people, *matrices = tables
    assert len(people._m.rows) == 21
    columns = [len(m._m.header) - 2 for m in matrices]  # the driver, the people, the count
    assert sum(columns) == 21 and len(matrices) in (2, 3) and max(columns) - min(columns) <= 1, columns
    for t in tables:
        w, _ = t.wrap(width, 1e6)
        assert w <= width + 0.01
    labels = pdf_network.column_labels(tuple(d.items("people")))
    assert labels["person-chen"] == "WC" and labels["x0"] == "WC2" and labels["x1"] == "WC3"
    assert len(set(labels.values())) == len(labels)


def test_many_people_print_in_matrices_of_a_page_width(tmp_path: Path) -> None:
    out = export(many_people(16), tmp_path / "many.pdf", page="letter", orientation="portrait", sections=["network"])
    text = out.flat
    assert "Who helps with which driver (people 1–11 of 21)" in text
    assert "Who helps with which driver (people 12–21 of 21)" in text
    assert "WC2 Wei Chen · WC3 Wei Chen" in text


def test_long_names_and_organisations_print_whole(tmp_path: Path) -> None:
    d, words = long_text_diagram()  # a person's name, organisation and contact of 500 characters
    for contacts in (False, True):
        out = export(d, tmp_path / f"long-{contacts}.pdf", sections=["network"], contacts=contacts)
        found = set(re.findall(r"\b(?:pna|por|pco|pno)\d{4}\b", out.text))
        for tag in ("pna", "por") + (("pco",) if contacts else ()):
            assert {f"{tag}{i:04d}" for i in range(words[tag])} <= found, tag
        assert ("pco0000" in found) is contacts
        assert "pno0000" not in found, "a person's own notes are not printed"


def test_today_is_not_needed(career: Diagram) -> None:
    ctx = StoryContext(career, Typesetter(), 500, 700, dt.date(2030, 1, 1))
    assert pdf_network.story(ctx), "the section does not depend on the day"

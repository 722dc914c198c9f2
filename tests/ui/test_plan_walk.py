"""Issue 12's walk, as a new user does it: on a new diagram, the details, two people with
their drivers, the compact with a default element edited, three milestones, parking-lot
items (one made a change idea); each step undoable; the network's holes named; the
command line's PDF printing the board, the timeline, the parking lot and the compact."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from driverdiagram.model import Diagram, MilestoneKind, NodeKind, PersonRole, load, to_document
from driverdiagram.model.compact import DEFAULT_EXPECTATIONS
from driverdiagram.ui import details_dialog, milestone_dialog, parking_dialog, person_dialog
from driverdiagram.ui.details_dialog import DiagramDetails


def test_a_new_users_plan_around_the_diagram_step_by_step_and_back(window, monkeypatch, tmp_path) -> None:
    w = window
    w.show_diagram(Diagram.new("Promoted to associate professor by June 2030"), None)
    doc = w.document
    aim = doc.diagram.outcome.id
    research = doc.add_child(aim, "Research skills")
    balance = doc.add_child(aim, "Work-life balance")
    stats = doc.add_child(research, "Statistics course")
    assert research and balance and stats
    start, before = doc.undo_stack.count(), to_document(doc.diagram)
    steps: list[str] = []

    def step(name: str) -> None:
        assert doc.undo_stack.count() == start + len(steps) + 1, f"{name}: one undo step"
        steps.append(name)

    # the details
    monkeypatch.setattr(
        details_dialog,
        "edit_details",
        lambda parent, info, outcome: info.but(
            title="Career plan", mentee="Amara Okafor", mentor="Lena Hoffmann", horizon="2026-2030"
        ),
    )
    assert next(f for f in w.features if isinstance(f, DiagramDetails)).edit()
    step("details")

    # two people with the drivers they help with
    people = iter(
        [
            ("Lena Hoffmann", PersonRole.CAREER_MENTOR, [research, stats]),
            ("Wei Chen", PersonRole.SPONSOR, [research]),
        ]
    )

    def person(parent, draft, drivers):
        name, role, helps = next(people)
        assert {node_id for node_id, _, _ in drivers} >= {research, stats, balance}, "the drivers to choose from"
        return draft.but(name=name, role=role, helps_with=helps)

    monkeypatch.setattr(person_dialog, "edit_person", person)
    for _ in range(2):
        assert w.network.add_person()
        step("person")
    holes = w.network.panel.holes_plain()
    assert "Work-life balance" in holes, "the driver no one supports is named"
    assert "Statistics course" in holes and "Lena Hoffmann" in holes, "the one resting on a single person"

    # the compact: names typed, a default element of the relationship edited
    panel = w.compact.panel
    w.compact.show_panel()
    assert [panel.expectations.item(i).text() for i in range(panel.expectations.count())] == list(DEFAULT_EXPECTATIONS)
    panel.mentee.setFocus()
    QTest.keyClicks(panel.mentee, "Amara Okafor")
    step("compact mentee")
    panel.mentor.setFocus()
    QTest.keyClicks(panel.mentor, "Lena Hoffmann")
    step("compact mentor")
    panel.expectations.item(0).setText("What we say stays between us, unless we both agree to share it.")
    QApplication.processEvents()  # (sent once the list's in-place editor is done with it)
    step("compact expectation")
    assert doc.diagram.compact.expectations[0].startswith("What we say stays between us")

    # three milestones
    titles = iter(["Study design agreed", "Ethics approval", "First-author manuscript submitted"])

    def milestone(parent, item, nodes, title):
        name = next(titles)
        return item.but(title=name, node_id=research, due=dt.date(2026, 6, 30) + dt.timedelta(days=90 * len(name)))

    monkeypatch.setattr(milestone_dialog, "edit_milestone", milestone)
    for _ in range(3):
        assert w.milestones.add_milestone()
        step("milestone")

    # the parking lot: one item kept, one made a change idea under the statistics course
    kept = w.parking.add("A month at the registry in Leeds?")
    step("parking item")
    idea = w.parking.add("Join the journal club's statistics sessions")
    step("parking item")
    monkeypatch.setattr(parking_dialog, "choose_parent", lambda *a, **k: stats)
    new_node = w.parking.make_node(idea)
    step("make node")
    node = doc.diagram.node(new_node)
    assert (node.kind, node.text) == (NodeKind.CHANGE_IDEA, "Join the journal club's statistics sessions")
    assert [it.id for it in doc.diagram.items("parking_lot")] == [kept]

    # saved, and printed by the command line
    path = tmp_path / "plan.driver"
    doc.save_to(path)
    assert (
        len(load(path).items("milestones")) == 3 and load(path).items("milestones")[0].kind is MilestoneKind.MILESTONE
    )
    pdf = tmp_path / "plan.pdf"
    run = subprocess.run(
        [sys.executable, "-m", "driverdiagram", "export", str(path), "-o", str(pdf)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    flat = " ".join(text.split())
    for printed in (
        "Board of advisors",
        "No one helps with",
        "Milestones and timeline",
        "Ethics approval",
        "Parking lot",
        "A month at the registry in Leeds?",
        "Mentoring compact",
        "What we say stays between us",
        "Amara Okafor",
        "Lena Hoffmann",
    ):
        assert printed in flat, printed

    # and back, one step at a time, to where the user began
    for _ in reversed(steps):
        doc.undo_stack.undo()
    assert to_document(doc.diagram) == before

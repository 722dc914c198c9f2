"""The templates of New from Template: ordinary diagrams with every kind, barriers,
measures of several types, people, milestones and a compact; bytes exactly as the app saves."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from driverdiagram.resources import resource

from driverdiagram.model import NodeKind, dumps, loads
from driverdiagram.model.gaps import find_gaps
from driverdiagram.model.templates import TEMPLATES, from_template


@pytest.mark.parametrize("t", TEMPLATES, ids=lambda t: t.file)
def test_a_template_is_a_whole_plan_with_its_mentoring_parts(t) -> None:
    data = resource("templates", t.file).read_bytes()
    d = loads(data, source=t.file)
    assert dumps(d) == data, "the bytes are what the app writes (docs/make_templates.py)"
    for kind in (NodeKind.OUTCOME, NodeKind.PRIMARY, NodeKind.SECONDARY, NodeKind.CHANGE_IDEA, NodeKind.ANTI_DRIVER):
        assert d.nodes(kind), kind
    assert all(n.text.strip() for n in d.nodes())
    assert any(lk.kind.value == "counters" for lk in d.links()), "a change idea counters a barrier"
    assert len({m.type for m in d.items("measures")}) == 3, "outcome, process and balancing measures"
    assert d.items("people") and d.items("milestones")
    assert d.compact.meeting_schedule and d.compact.expectations
    assert d.outcome.description, "the aim is defined: what, how much, for whom, by when"
    assert [g.message for g in find_gaps(d)] == [], "a template shows a plan with no gaps"
    assert json.loads(data)["info"]["created"] is None


def test_from_template_is_a_new_diagram_started_today() -> None:
    d = from_template(TEMPLATES[0], today=dt.date(2027, 1, 4))
    assert d.info.created == dt.date(2027, 1, 4) and d.info.modified is None
    assert d.info.title == "My 3–5 year academic career plan"
    assert len(TEMPLATES) == 5 and len({t.file for t in TEMPLATES}) == 5

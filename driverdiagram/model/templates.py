"""The templates of File ▸ New from Template: ordinary `.driver` files in the package's
resources/templates/ (made by docs/make_templates.py), each a diagram with its mentoring
parts — measures, people, milestones, a compact — and [placeholders] to fill in.

`from_template` opens one as a new, untitled diagram started today: nothing in it points
back to the template's file, so saving asks for a name and never writes over it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib.resources import files

from .diagram import Diagram
from .persistence import loads


@dataclass(frozen=True)
class Template:
    file: str  # in resources/templates/
    title: str
    description: str


TEMPLATES = (
    Template(
        "academic-career.driver",
        "Personal 3–5 year academic career plan",
        "Promotion with a research program: writing, funding, visibility, service, life outside work",
    ),
    Template(
        "clinician-educator.driver",
        "Clinician-educator career plan",
        "Teaching, education scholarship, leadership roles and a teaching portfolio",
    ),
    Template(
        "work-life-balance.driver",
        "Work–life balance improvement project",
        "Fewer hours and protected evenings: schedule, documentation, boundaries, rest",
    ),
    Template(
        "research-fellowship.driver",
        "Research fellowship plan",
        "Skills, a project of your own, a first grant and the next job",
    ),
    Template(
        "qi-sepsis.driver",
        "Quality improvement: antibiotics within an hour for sepsis",
        "A classic QI driver diagram with outcome, process and balancing measures",
    ),
)


def from_template(t: Template, today: dt.date | None = None) -> Diagram:
    """The template as a new diagram started `today` (default: today), not yet saved."""
    d = loads(files("driverdiagram.resources").joinpath("templates", t.file).read_bytes(), source=t.file)
    d.set_info(d.info.but(created=today or dt.date.today(), modified=None))
    return d

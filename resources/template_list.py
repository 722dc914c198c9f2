"""The templates of File ▸ New from Template, as the menu and the welcome page list them.

Plain data with no imports of ours, so the welcome page can list them before the model is
imported (its first paint waits for nothing but Qt); `model/templates.py` opens one.
"""

from __future__ import annotations

from dataclasses import dataclass


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

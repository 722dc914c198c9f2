"""A 15-node personal driver diagram, as a mentee writes one: the README's pictures use it,
and the tests of a one-page print (it is small enough for one page in either orientation)."""

from __future__ import annotations

from driverdiagram.model import Diagram

PLAN = {
    "Research independence": {
        "A funded pilot study": ["Apply for the department's pilot grant by March", "Meet the biostatistician monthly"],
        "First-author papers": ["Two manuscripts from the registry data this year"],
    },
    "Visibility in the field": {
        "Talks at national meetings": ["Submit an abstract to the spring meeting"],
    },
    "A sustainable week": {
        "Protected writing time": ["Block Friday mornings for writing"],
        "Evenings without e-mail": ["No work e-mail after 7 pm"],
    },
}


def fifteen() -> Diagram:
    """Outcome, 3 primary drivers, 5 secondary drivers, 6 change ideas."""
    d = Diagram.new(
        "Funded as an independent investigator (K award) by June 2029",
        title="Fellowship plan: three years to independence",
        mentee="Dr. Sam Rivera",
        mentor="Prof. Dana Okoro",
        horizon="2026–2029",
    )
    for primary, secondaries in PLAN.items():
        p = d.add_node("primary", primary, parent=d.outcome.id).id
        for secondary, ideas in secondaries.items():
            s = d.add_node("secondary", secondary, parent=p).id
            for idea in ideas:
                d.add_node("change_idea", idea, parent=s)
    return d

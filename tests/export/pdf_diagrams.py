"""A large, realistic diagram built through the model's own API (for the PDF tests)."""

from __future__ import annotations

import contextlib
import datetime as dt
import random

from driverdiagram.model import Annotation, DataPoint, Diagram, DiagramError, Measure, Milestone

WORDS = (
    "research",
    "grant",
    "protected",
    "time",
    "mentor",
    "writing",
    "clinic",
    "network",
    "sponsor",
    "teaching",
    "balance",
    "sleep",
    "family",
    "methods",
    "trial",
    "registry",
    "abstract",
    "manuscript",
    "review",
    "coach",
)


def big_diagram(n: int = 300, measures: int = 100, seed: int = 1) -> Diagram:
    """`n` nodes: one outcome, 5 primary drivers, ~15% secondary, ~7% barriers, the rest
    change ideas; extra and weak links, counters, `measures` measures with data, notes."""
    rng = random.Random(seed)

    def text(i: int) -> str:
        return f"N{i:03d} " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 9)))

    d = Diagram.new(text(0), title="Generated diagram", mentee="Test Mentee", mentor="Test Mentor")
    primaries = [d.add_node("primary", text(i), parent=d.outcome.id, id=f"p{i}").id for i in range(1, 6)]
    k = 6
    secondaries = []
    for _ in range(max(5, n * 15 // 100)):
        secondaries.append(d.add_node("secondary", text(k), parent=rng.choice(primaries), id=f"s{k}").id)
        k += 1
    antis = []
    for _ in range(n * 7 // 100):
        target = rng.choice([d.outcome.id, *primaries, *secondaries])
        antis.append(d.add_node("anti_driver", text(k), parent=target, id=f"a{k}", strength=rng.randint(1, 5)).id)
        k += 1
    ideas = []
    while k < n:
        ideas.append(
            d.add_node(
                "change_idea",
                text(k),
                parent=rng.choice(secondaries),
                id=f"c{k}",
                link_strength=rng.choice(["strong", "strong", "weak"]),
            ).id
        )
        k += 1
    for _ in range(n // 10):
        with contextlib.suppress(DiagramError):
            d.connect(rng.choice(primaries), rng.choice(secondaries), strength="weak")
    for a in antis[: len(antis) // 2]:
        with contextlib.suppress(DiagramError):
            d.connect(rng.choice(ideas), a)
    nodes = [x.id for x in d.nodes()]
    start = dt.date(2025, 1, 1)
    for i in range(measures):
        data = [DataPoint(date=start + dt.timedelta(days=30 * j), value=rng.randint(0, 50)) for j in range(12)]
        d.add_item(
            "measures",
            Measure(
                id=f"m{i}",
                node_id=rng.choice(nodes),
                name=f"Measure {i:03d} " + " ".join(rng.sample(WORDS, 3)),
                type=rng.choice(["outcome", "process", "balancing"]),
                operational_definition=" ".join(rng.choices(WORDS, k=25)),
                unit="count",
                baseline=rng.randint(0, 10),
                target=rng.randint(10, 50),
                due=dt.date(2027, 6, 30),
                data=data,
            ),
        )
    for i in range(30):
        d.add_item(
            "annotations",
            Annotation(
                id=f"note{i}",
                node_id=rng.choice(nodes),
                text=" ".join(rng.choices(WORDS, k=15)),
                author="Mentor",
                created=start + dt.timedelta(days=i),
                resolved=start + dt.timedelta(days=40) if i % 3 == 0 else None,
            ),
        )
    for i in range(12):
        d.add_item("milestones", Milestone(id=f"ms{i}", title=f"Milestone {i}", due=start + dt.timedelta(days=60 * i)))
    return d

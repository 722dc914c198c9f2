"""Diagrams built through the model's own API for the PDF tests: a large, realistic one,
and one whose every text field is as long as the schema allows."""

from __future__ import annotations

import contextlib
import datetime as dt
import random

from driverdiagram.model import (
    Annotation,
    DataPoint,
    Diagram,
    DiagramError,
    Measure,
    Meeting,
    Milestone,
    ParkingItem,
    Person,
)
from driverdiagram.model.schema import ChangeMarker, Compact

TEXT, SHORT = 20_000, 500  # the schema's longest Text and ShortText
POINTS = 30  # data points per generated measure: a full run chart each

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
    change ideas; extra and weak links, counters, `measures` measures with POINTS dated values each
    (a change marker on every 4th, a 12-point baseline period on every 5th), notes."""
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
        data = [DataPoint(date=start + dt.timedelta(days=14 * j), value=rng.randint(0, 50)) for j in range(POINTS)]
        markers = (
            [
                ChangeMarker(
                    date=start + dt.timedelta(days=14 * 10 + 3), text=f"PDSA {i} " + " ".join(rng.sample(WORDS, 2))
                )
            ]
            if i % 4 == 0
            else []
        )
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
                markers=markers,
                baseline_points=12 if i % 5 == 0 else None,
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


def filler(tag: str, length: int, unbroken: bool = False) -> str:
    """Exactly `length` characters: the numbered words "tag0000 tag0001 …" (so that a test can
    find every one of them, in order, in the PDF), or one unbroken word of them."""
    words, used, i = [], -1, 0
    while used + 8 <= length and i < 10_000:
        words.append(f"{tag}{i:04d}")
        used += 8
        i += 1
    text = ("" if unbroken else " ").join(words)
    return text + "." * (length - len(text))


def long_text_diagram(unbroken: bool = False) -> tuple[Diagram, dict[str, int]]:
    """Every text field of the file format at its longest, each of its own numbered words
    (see `filler`). Returns the diagram and, per tag, how many words its text has."""
    words: dict[str, int] = {}

    def t(tag: str, length: int = TEXT) -> str:
        words[tag] = (length + 1) // 8
        return filler(tag, length, unbroken)

    start = dt.date(2025, 1, 1)
    d = Diagram.new(t("aim"), title=t("tit", SHORT), mentee=t("mee", SHORT), mentor=t("mto", SHORT))
    d.set_info(d.info.but(horizon=t("hor", SHORT)))
    d.add_node("primary", t("pri"), parent=d.outcome.id, id="p1")
    d.add_node("secondary", t("sec"), parent="p1", id="s1")
    d.add_node("change_idea", t("ide"), parent="s1", id="c1")
    d.add_node("anti_driver", t("bar"), parent="p1", id="a1", strength=4)
    d.connect("c1", "a1")
    for node_id in (d.outcome.id, "p1", "s1", "c1", "a1"):
        d.edit_node(node_id, description=t(f"de{node_id[0]}"), tags=[t("tag", SHORT)])
    points = [DataPoint(date=start + dt.timedelta(days=30 * j), value=j, note=t("dpn", SHORT)) for j in range(6)]
    d.add_item(
        "measures",
        Measure(
            id="m1",
            node_id="p1",
            name=t("mna", SHORT),
            operational_definition=t("mde"),
            numerator=t("mnu", SHORT),
            denominator=t("mdn", SHORT),
            unit=t("mun", SHORT),
            frequency=t("mfr", SHORT),
            baseline=1,
            target=5,
            due=dt.date(2027, 6, 30),
            data=points,
        ),
    )
    d.add_item("measures", Measure(id="m2", node_id=d.outcome.id, name="A short measure on the outcome", unit="count"))
    d.add_item("annotations", Annotation(id="n1", node_id="s1", text=t("not"), author=t("nau", SHORT), created=start))
    d.add_item("annotations", Annotation(id="n2", text="A short note on the whole diagram", created=start))
    d.add_item(
        "milestones",
        Milestone(id="ms1", title=t("mst", SHORT), node_id="c1", owner=t("mow", SHORT), notes=t("mno"), due=start),
    )
    d.add_item(
        "people",
        Person(id="pe1", name=t("pna", SHORT), organisation=t("por", SHORT), contact=t("pco", SHORT), notes=t("pno")),
    )
    d.add_item("meetings", Meeting(id="mt1", date=start, agenda=t("mag"), summary=t("msu")))
    d.add_item("parking_lot", ParkingItem(id="pl1", text=t("par"), created=start, node_id="p1"))
    d.set_compact(
        Compact(
            mentee=t("cme", SHORT),
            mentor=t("cmo", SHORT),
            start=start,
            review=dt.date(2026, 1, 1),
            meeting_schedule=t("cms"),
            communication=t("cco"),
            goals=t("cgo"),
            expectations=[t("cea"), t("ceb")],
            ending=t("cen"),
        )
    )
    return d, words

"""Random driver diagrams built through the model's own API: hypothesis strategies, and
seeded DAG-shaped diagrams of a given size.

Node ids are given, never drawn by the model (`secrets.token_hex`): a failing example then
replays with the same ids, and hypothesis can shrink it.
"""

from __future__ import annotations

import contextlib
import random

from hypothesis import strategies as st

from driverdiagram.model import Diagram, DiagramError, NodeKind

WORDS = st.sampled_from(
    [
        "research",
        "grant",
        "K-award",
        "write",
        "protected",
        "time",
        "mentor",
        "Ελληνικά",
        "Кириллица",
        "≥ 30%",
        "→",
        "“quoted”",
        "work–life",
        "balance",
        "a",
        "supercalifragilisticexpialidocious-and-more",
        "https://example.org/a/very/long/address/that/never/fits",
        "x",
        "",
        "Fix <b>this</b> & that",
    ]
)
TEXTS = st.lists(WORDS, min_size=0, max_size=14).map(" ".join)


@st.composite
def diagrams(draw, max_nodes: int = 40, extra_links: bool = True) -> Diagram:
    """A diagram grown like a user grows one: children added under parents, some extra
    parents, barriers on drivers, change ideas countering barriers."""
    d = Diagram.new(draw(TEXTS), outcome_id="o")
    n = draw(st.integers(1, max_nodes))
    for k in range(n):
        drivers = [x for x in d.nodes() if x.kind in (NodeKind.OUTCOME, NodeKind.PRIMARY, NodeKind.SECONDARY)]
        parent = draw(st.sampled_from(drivers))
        if draw(st.integers(0, 9)) == 0:
            d.add_node("anti_driver", draw(TEXTS), parent=parent.id, strength=draw(st.integers(1, 5)), id=f"b{k}")
            continue
        child = {"outcome": "primary", "primary": "secondary", "secondary": "change_idea"}[parent.kind.value]
        d.add_node(child, draw(TEXTS), parent=parent.id, id=f"n{k}")
    if extra_links:
        for _ in range(draw(st.integers(0, n // 3))):
            nodes = d.nodes()
            a, b = draw(st.sampled_from(nodes)), draw(st.sampled_from(nodes))
            with contextlib.suppress(DiagramError):
                d.connect(a.id, b.id, strength=draw(st.sampled_from(["strong", "weak"])))
    return d


SENTENCE = ["protected", "time", "for", "writing", "ask", "the", "mentor", "grant", "clinic", "review", "K-award"]


def dag_diagram(n: int, seed: int, *, barriers: int = 0) -> Diagram:
    """A seeded DAG-shaped diagram of about `n` nodes, as people draw them: a few primary
    drivers, secondaries under one to three primaries, change ideas under one or two
    secondaries (the extra parents mostly neighbours), sentences of two to nine words, and
    `barriers` anti-drivers on random drivers. Ids: o, p0…, s0…, c0…, b0…"""
    rng = random.Random(seed)

    def text(label: str) -> str:
        return f"{label} " + " ".join(rng.choice(SENTENCE) for _ in range(rng.randint(2, 9)))

    p = max(2, round(n**0.42))
    s = max(p, round(0.16 * n))
    c = max(1, n - 1 - p - s)
    d = Diagram.new(text("Outcome"), outcome_id="o")
    primaries = [d.add_node("primary", text("P"), parent="o", id=f"p{i}").id for i in range(p)]
    secondaries = []
    for i in range(s):
        home = primaries[i] if i < p else rng.choice(primaries)
        secondaries.append(d.add_node("secondary", text("S"), parent=home, id=f"s{i}").id)
    for i in range(c):
        home = secondaries[i] if i < s else rng.choice(secondaries)
        d.add_node("change_idea", text("C"), parent=home, id=f"c{i}")
    for v in secondaries:
        if rng.random() < 0.25:
            at = primaries.index(d.parents(v)[0].id)
            q = primaries[min(p - 1, max(0, at + rng.choice((-1, 1))))] if rng.random() < 0.6 else rng.choice(primaries)
            with contextlib.suppress(DiagramError):
                d.connect(q, v)
    for i in range(c):
        if rng.random() < 0.3:
            with contextlib.suppress(DiagramError):
                d.connect(rng.choice(secondaries), f"c{i}", strength=rng.choice(["strong", "weak"]))
    drivers = ["o", *primaries, *secondaries]
    for i in range(barriers):
        d.add_node("anti_driver", text("B"), parent=rng.choice(drivers), strength=rng.randint(1, 5), id=f"b{i}")
    return d

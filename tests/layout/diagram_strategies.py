"""Hypothesis strategies for random driver diagrams built through the model's own API."""

from __future__ import annotations

import contextlib

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
    d = Diagram.new(
        draw(TEXTS),
    )
    n = draw(st.integers(1, max_nodes))
    for _ in range(n):
        drivers = [x for x in d.nodes() if x.kind in (NodeKind.OUTCOME, NodeKind.PRIMARY, NodeKind.SECONDARY)]
        parent = draw(st.sampled_from(drivers))
        if draw(st.integers(0, 9)) == 0:
            d.add_node("anti_driver", draw(TEXTS), parent=parent.id, strength=draw(st.integers(1, 5)))
            continue
        child = {"outcome": "primary", "primary": "secondary", "secondary": "change_idea"}[parent.kind.value]
        d.add_node(child, draw(TEXTS), parent=parent.id)
    if extra_links:
        for _ in range(draw(st.integers(0, n // 3))):
            nodes = d.nodes()
            a, b = draw(st.sampled_from(nodes)), draw(st.sampled_from(nodes))
            with contextlib.suppress(DiagramError):
                d.connect(a.id, b.id, strength=draw(st.sampled_from(["strong", "weak"])))
    return d

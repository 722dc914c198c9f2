"""Realistic generated diagrams for the edit and re-layout benchmarks, built with the model's API.

The shapes come from the project's generator (benchmarks/dag.py,
`driver_dag(n, seed)`: outcome, primaries, secondaries with several primaries, change ideas
with several secondaries); each node gets a sentence of 2-9 words, as people write them.
Nodes are added column by column under their first parent, then the extra parents are
linked; with `tidy` the user's order is then Tidy up's (as a diagram someone keeps tidy).
"""

from __future__ import annotations

import random
from functools import cache

from benchmarks.dag import driver_dag
from tests.export.pdf_diagrams import WORDS as PDF_WORDS

WORDS = PDF_WORDS  # one vocabulary for every generated diagram
KINDS = ("outcome", "primary", "secondary", "change_idea")  # driver_dag's layers 0-3


def _text(rng: random.Random, label: str) -> str:
    return f"{label} " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 9)))


def from_dag(g, seed: int = 1):
    """A `Diagram` with the nodes, columns and links of a driver_dag graph (ids kept)."""
    from driverdiagram.model import Diagram

    rng = random.Random(seed)
    layer = {v: g.nodes[v]["layer"] for v in g}
    columns = [[v for v in g if layer[v] == c] for c in range(4)]
    (outcome,) = columns[0]
    d = Diagram.new(_text(rng, outcome), outcome_id=outcome, title=f"Generated {g.number_of_nodes()}")
    for c in range(1, 4):
        for v in columns[c]:
            first = next(iter(g.predecessors(v)))
            d.add_node(KINDS[c], _text(rng, v), parent=first, index=len(d), id=v)
    for v in (v for col in columns[2:] for v in col):
        for u in list(g.predecessors(v))[1:]:
            d.connect(u, v, strength="strong" if rng.random() < 0.8 else "weak")
    return d


@cache
def _tidy_order(n: int, seed: int) -> tuple[str, ...]:
    from driverdiagram.layout import tidy_order

    return tuple(tidy_order(generated(n, seed, tidy=False)))


def generated(n: int, seed: int = 1, *, tidy: bool = True):
    """driver_dag(n, seed) as a fresh `Diagram`; in Tidy up's order when `tidy` (memoised per process)."""
    d = from_dag(driver_dag(n, seed), seed)
    if tidy:
        d.set_order(_tidy_order(n, seed))
    return d


def middle_secondary(d) -> str:
    """A secondary driver half-way down its column: where an edit moves about half the diagram."""
    from driverdiagram.model import NodeKind

    col = d.nodes(NodeKind.SECONDARY)
    return col[len(col) // 2].id


def middle_idea(d) -> str:
    from driverdiagram.model import NodeKind

    col = d.nodes(NodeKind.CHANGE_IDEA)
    return col[len(col) // 2].id

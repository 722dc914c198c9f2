"""The benchmarks' generated graphs: shaped like driver diagrams, and the same graphs as the
shared instruments' generator where that folder is next to the project."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from benchmarks.dag import columns_of, driver_dag, total_crossings

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "bench"


@pytest.mark.parametrize("n", [80, 300])
def test_a_generated_graph_is_a_layered_driver_diagram(n):
    g = driver_dag(n, 3)
    cols = columns_of(g)
    assert g.number_of_nodes() == n
    assert [len(c) for c in cols[:1]] == [1]
    assert all(g.nodes[b]["layer"] == g.nodes[a]["layer"] + 1 for a, b in g.edges)
    assert all(g.in_degree(v) >= 1 for c in cols[1:] for v in c)  # everything hangs off something
    assert any(g.in_degree(v) > 1 for v in cols[2]) and any(g.in_degree(v) > 1 for v in cols[3])


def test_the_same_seed_gives_the_same_graph_and_another_seed_another():
    a, b, c = driver_dag(80, 1), driver_dag(80, 1), driver_dag(80, 2)
    assert list(a.nodes) == list(b.nodes) and list(a.edges) == list(b.edges)
    assert list(a.edges) != list(c.edges)


def test_crossings_are_counted_between_adjacent_columns():
    g = driver_dag(20, 1)
    cols = columns_of(g)
    flipped = [c[::-1] for c in cols]
    assert total_crossings(cols, g) == total_crossings(flipped, g)  # a mirror image crosses as often
    assert total_crossings(cols, g) > 0


@pytest.mark.skipif(not (SHARED / "gen_driver_dag.py").is_file(), reason="the shared instruments are not here")
@pytest.mark.parametrize(("n", "seed"), [(20, 1), (80, 2), (300, 5), (2000, 1)])
def test_the_graphs_are_the_shared_generators(n, seed):
    sys.path.insert(0, str(SHARED))
    try:
        import gen_driver_dag  # noqa: PLC0415
    finally:
        sys.path.remove(str(SHARED))
    theirs, ours = gen_driver_dag.driver_dag(n, seed), driver_dag(n, seed)
    assert list(ours.nodes) == list(theirs.nodes)
    assert list(ours.edges) == list(theirs.edges)
    assert {v: ours.nodes[v]["layer"] for v in ours} == {v: theirs.nodes[v]["layer"] for v in theirs}

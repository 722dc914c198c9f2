"""The layout benchmark's metrics (benchmarks/layout_metrics.py), each on a tiny hand-made drawing."""

from __future__ import annotations

import itertools
import json
import random
import shutil
import time
from pathlib import Path
from types import SimpleNamespace as NS

import pytest

from benchmarks.layout_metrics import (
    Rect,
    box_side,
    dot_boxes,
    dot_source,
    link_dy,
    moved_boxes,
    packed_column_height,
    run_dot,
    shared_end_points,
    total_height,
)

# column 0: A (0..40); column 1: B (0..20), C (30..70)
A = Rect("A", 0, 0, 100, 40, 0)
B = Rect("B", 164, 0, 80, 20, 1)
C = Rect("C", 164, 30, 80, 40, 1)
BOXES = {b.id: b for b in (A, B, C)}


def edge(s: str, t: str, *points: tuple[float, float]) -> NS:
    return NS(source=s, target=t, kind="drives", points=points)


def test_total_height_spans_the_highest_top_to_the_lowest_bottom() -> None:
    assert total_height(BOXES.values()) == 70
    assert total_height([Rect("X", 0, -10, 5, 5)] + [A]) == 50
    assert total_height([]) == 0


def test_packed_column_height_is_the_tallest_column_packed_with_the_minimum_gap() -> None:
    assert packed_column_height(BOXES.values(), 8) == 20 + 8 + 40  # column 1 beats A's 40
    assert packed_column_height([A], 8) == 40


def test_link_dy_is_the_distance_between_box_centres() -> None:
    centres = {v: b.cy for v, b in BOXES.items()}  # A 20, B 10, C 50
    assert link_dy(centres, [("A", "B"), ("A", "C"), ("A", "missing")]) == [10, 30]


def test_box_side() -> None:
    assert box_side(A, (100, 20)) == "right"
    assert box_side(A, (0, 5)) == "left"
    assert box_side(A, (50, 0)) == "top"
    assert box_side(A, (50, 40)) == "bottom"
    assert box_side(A, (50, 20)) is None


def test_shared_end_points_counts_pairs_at_one_point_of_one_side() -> None:
    # both links leave A at its right middle: one shared pair; they enter B and C at distinct boxes
    shared = [edge("A", "B", (100, 20), (164, 10)), edge("A", "C", (100, 20), (164, 50))]
    assert shared_end_points(shared, BOXES) == 1
    # distinct ports on A's right side: none shared
    ports = [edge("A", "B", (100, 15), (164, 10)), edge("A", "C", (100, 25), (164, 50))]
    assert shared_end_points(ports, BOXES) == 0
    # three links at one point make three pairs
    three = [edge("A", t, (100, 20), (164, 10 + i)) for i, t in enumerate("BBB")]
    assert shared_end_points(three, BOXES) == 3


def test_moved_boxes_compares_place_and_size() -> None:
    after = {"A": A, "B": Rect("B", 164, 1, 80, 20, 1), "C": Rect("C", 164, 30, 90, 40, 1), "D": A}
    assert moved_boxes(BOXES, after) == {"B", "C"}
    assert moved_boxes(BOXES, dict(BOXES)) == set()


def test_dot_source_fixes_sizes_ranks_and_spacing() -> None:
    src = dot_source({"A": (72, 36), "B": (144, 18)}, [["A"], ["B"]], [("A", "B")], 8, 64)
    assert '"A" [width=1.0000, height=0.5000];' in src
    assert '{ rank=same; "B"; }' in src
    assert "nodesep=0.1111" in src and "ranksep=0.8889" in src
    assert '"A" -> "B";' in src


def test_dot_boxes_turns_y_downwards() -> None:
    js = {
        "bb": "0,0,200,100",
        "objects": [
            {"name": "rank", "nodes": [0]},  # a subgraph: skipped
            {"name": "A", "pos": "50,80", "width": "1", "height": "0.5"},
        ],
    }
    (a,) = dot_boxes(json.loads(json.dumps(js)), [["A"]]).values()
    assert (a.x, a.y, a.w, a.h) == (14, 2, 72, 36)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
def test_dot_keeps_the_sizes_and_the_gap() -> None:
    cols = [["A"], ["B", "C"]]
    src = dot_source({"A": (100, 30), "B": (80, 20), "C": (80, 40)}, cols, [("A", "B"), ("A", "C")], 8, 64)
    boxes = dot_boxes(run_dot(src), cols)
    b, c = sorted((boxes["B"], boxes["C"]), key=lambda r: r.y)
    assert c.y - (b.y + b.h) == pytest.approx(8, abs=0.01)
    assert total_height(boxes.values()) == pytest.approx(68, abs=0.01)
    assert boxes["A"].x + boxes["A"].w + 64 == pytest.approx(b.x, abs=0.01)


def test_the_exact_minimum_is_the_fewest_crossings_of_any_order() -> None:
    from benchmarks.layout_exact import exact_minimum

    # K(2,2) between two columns crosses once whatever the order; a path does not cross
    assert exact_minimum([["a", "b"], ["x", "y"]], [("a", "x"), ("a", "y"), ("b", "x"), ("b", "y")]) == 1
    assert exact_minimum([["o"], ["a", "b"], ["y", "x"]], [("o", "a"), ("o", "b"), ("a", "x"), ("b", "y")]) == 0
    # three columns: the middle order trades crossings on its two sides (K(2,2) either side: 2)
    links = [("a", "m"), ("a", "n"), ("b", "m"), ("b", "n"), ("m", "x"), ("m", "y"), ("n", "x"), ("n", "y")]
    assert exact_minimum([["a", "b"], ["m", "n"], ["x", "y"]], links) == 2
    assert exact_minimum([[str(i) for i in range(12)], ["x"]], []) is None, "too many orders to try"


def _every_order_minimum(columns: list[list[str]], links: list[tuple[str, str]]) -> int:
    from driverdiagram.layout.ordering import count_crossings

    orders = itertools.product(*(itertools.permutations(c) for c in columns))
    return min(count_crossings([list(o) for o in os], links) for os in orders)


@pytest.mark.parametrize("seed", range(6))
def test_the_branch_and_bound_finds_what_trying_every_order_finds(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    import benchmarks.layout_exact as exact
    from driverdiagram.layout.ordering import count_crossings

    rng = random.Random(seed)
    sizes = (1, 3, 4, 5) if seed % 2 == 0 else (2, 3, 4, 4)
    cols = [[f"{k}.{i}" for i in range(n)] for k, n in enumerate(sizes)]
    p = (0.3, 0.5, 0.8)[seed % 3]  # sparse ones have twins, loose nodes and several parts
    links = [(u, v) for a, b in itertools.pairwise(cols) for u in a for v in b if rng.random() < p]
    want = _every_order_minimum(cols, links)

    def check(found: tuple[int, list[list[str]]] | None) -> None:
        assert found is not None and found[0] == want
        assert count_crossings(found[1], links) == want
        assert [sorted(c) for c in found[1]] == [sorted(c) for c in cols]

    check(exact.exact_solution(cols, links))
    assert exact.exact_minimum(cols, links) == want
    shuffled = [rng.sample(c, len(c)) for c in cols]
    check(exact.exact_solution(cols, links, start=shuffled))
    # with only a poor order to beat, the search itself has to find the best
    monkeypatch.setattr(exact, "tidy_order", lambda columns, links: [list(c)[::-1] for c in columns])
    check(exact.exact_solution(cols, links))
    check(exact.exact_solution(cols, links[::-1] + links[:3], start=shuffled))  # repeats count once


def test_the_last_column_is_solved_exactly_when_its_pairs_disagree() -> None:
    from benchmarks.layout_exact import _best_order

    # neighbours' positions: each of these nodes crosses fewer above the next, round in a cycle
    ends = [[0, 3, 4], [1, 2, 5], [2, 3]]
    cycle = [[0 if x is y else sum(1 for a in x for b in y if a > b) for y in ends] for x in ends]
    assert cycle[0][1] < cycle[1][0] and cycle[1][2] < cycle[2][1] and cycle[2][0] < cycle[0][2]
    rng = random.Random(5)
    others = [[[0 if i == j else rng.randint(0, 3) for j in range(n)] for i in range(n)] for n in (0, 1, 5, 6, 7)]
    for c in [cycle, *others]:
        value, order = _best_order(c)
        cost = [sum(c[x][y] for x, y in itertools.combinations(o, 2)) for o in itertools.permutations(range(len(c)))]
        assert sorted(order) == list(range(len(c)))
        assert value == min(cost) == sum(c[x][y] for x, y in itertools.combinations(order, 2))


def test_the_exact_minimum_gives_up_rather_than_search_too_long() -> None:
    from benchmarks.layout_exact import exact_minimum, exact_solution

    rng = random.Random(1)
    cols = [[f"{k}.{i}" for i in range(n)] for k, n in enumerate((1, 6, 9, 13))]
    links = [(u, v) for a, b in itertools.pairwise(cols) for u in a for v in b if rng.random() < 0.3]
    assert exact_solution(cols, links, max_work=10_000) is None
    assert exact_minimum([["a"], [str(i) for i in range(15)]], []) is None, "the last column is too big"


def test_the_qi_falls_example_crosses_at_least_three_times() -> None:
    """The bundled example: our tidy order's 3 crossings are the fewest of any order
    (4! x 8! orders of the middle columns: too many to try one by one)."""
    from benchmarks.layout_exact import exact_solution
    from driverdiagram.layout.ordering import count_crossings, tidy_order
    from driverdiagram.model import persistence
    from driverdiagram.model.schema import LinkKind
    from driverdiagram.model.schema import NodeKind as K

    d = persistence.load(Path(__file__).resolve().parents[2] / "resources" / "examples" / "qi-falls.driver")
    cols = [[n.id for n in d.nodes(k)] for k in (K.OUTCOME, K.PRIMARY, K.SECONDARY, K.CHANGE_IDEA)]
    links = [(lk.source, lk.target) for lk in d.links() if lk.kind is LinkKind.DRIVES]
    assert [len(c) for c in cols] == [1, 4, 8, 13]
    assert count_crossings(tidy_order(cols, links), links) == 3
    t0 = time.perf_counter()
    found = exact_solution(cols, links)
    assert found is not None and found[0] == 3 and count_crossings(found[1], links) == 3
    assert time.perf_counter() - t0 < 10

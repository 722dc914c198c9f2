"""The exact fewest crossings of a small layered diagram, for the layout benchmark: what no
ordering can beat (issue 13 asks for 0.70 × dot's crossings; on a small diagram that can be
below the minimum itself).

Every order of every column but the last is tried (with a bound: an order whose first
columns already cross more than the best found is dropped), and for each, the best order of
the last column is found exactly by dynamic programming over its subsets (the crossings of
one column against a fixed neighbour add up pair by pair). Pure Python, seconds for the
20-node diagrams; `None` for anything bigger than `MAX_PERMUTATIONS` / `MAX_LAST`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

MAX_PERMUTATIONS = 200_000  # orders of the columns but the last, all together
MAX_LAST = 14  # nodes in the last column (2^14 subsets)


def _pair_crossings(pa: dict[str, int], pb: dict[str, int], edges: list[tuple[str, str]]) -> int:
    es = sorted((pa[u], pb[v]) for u, v in edges)
    return sum(1 for (a, b), (c, d) in itertools.combinations(es, 2) if a < c and b > d)


def _best_last(prev: dict[str, int], last: Sequence[str], edges: list[tuple[str, str]]) -> int:
    """Fewest crossings of the links into `last` when the column before is in `prev`'s order."""
    n = len(last)
    ends = {v: [prev[u] for u, w in edges if w == v] for v in last}
    # before[i][j]: crossings between last[i] and last[j] when i is above j
    before = [[sum(1 for a in ends[last[i]] for b in ends[last[j]] if a > b) for j in range(n)] for i in range(n)]
    inf = math.inf
    dp = [inf] * (1 << n)
    dp[0] = 0
    for mask in range(1 << n):
        here = dp[mask]
        if here == inf:
            continue
        placed = [i for i in range(n) if mask >> i & 1]
        for j in range(n):
            if not mask >> j & 1:
                cost = here + sum(before[i][j] for i in placed)
                if cost < dp[mask | 1 << j]:
                    dp[mask | 1 << j] = cost
    return int(dp[-1])


def exact_minimum(columns: Sequence[Sequence[str]], links: Sequence[tuple[str, str]]) -> int | None:
    """The fewest crossings any order of the columns gives (links between neighbouring
    columns only), or None when the diagram is too big to try every order."""
    cols = [list(c) for c in columns if c]
    if len(cols) < 2:
        return 0
    if math.prod(math.factorial(len(c)) for c in cols[:-1]) > MAX_PERMUTATIONS or len(cols[-1]) > MAX_LAST:
        return None
    column = {v: k for k, c in enumerate(cols) for v in c}
    between = [
        [(u, v) for u, v in links if column.get(u) == k and column.get(v) == k + 1] for k in range(len(cols) - 1)
    ]
    best = math.inf
    memo: dict[tuple[str, ...], int] = {}
    for orders in itertools.product(*(itertools.permutations(c) for c in cols[:-1])):
        pos = [{v: i for i, v in enumerate(o)} for o in orders]
        head = sum(_pair_crossings(pos[k], pos[k + 1], between[k]) for k in range(len(orders) - 1))
        if head >= best:
            continue
        key = orders[-1]
        if key not in memo:
            memo[key] = _best_last(pos[-1], cols[-1], between[-1])
        best = min(best, head + memo[key])
    return int(best)


def least_climb(
    heights: dict[str, float],
    blocks: dict[str, float],
    columns: Sequence[Sequence[str]],
    links: Sequence[tuple[str, str]],
    gap: float,
) -> float | None:
    """The least total |Δy| (box centre to box centre, over `links`) that any placement of
    the boxes in this order can reach: every box below the one above it in its column by at
    least that one's `blocks` height (the box with what hangs under it) plus `gap`.

    That is a linear program; its dual is a min-cost circulation, solved exactly with
    networkx's network simplex: for a link a → b with centre offset c (half a's height less
    half b's), an arc a → b of cost −c and one b → a of cost +c, each of capacity 1; for
    boxes i above j in a column, an arc i → j of cost −(block_i + gap), uncapped. The least
    climb is minus the circulation's cost. Costs are in hundredths of a point. None if the
    problem is unbounded (it never is for a real diagram)."""
    import networkx as nx

    g = nx.DiGraph()
    scale = 100

    def arc(u: str, v: str, cost: float, cap: int | None) -> None:
        w = round(cost * scale)
        if g.has_edge(u, v):  # two links between the same boxes: a parallel arc through a node
            mid = f"{u}\x00{v}\x00{g.number_of_nodes()}"
            g.add_edge(u, mid, weight=w, **({"capacity": cap} if cap is not None else {}))
            g.add_edge(mid, v, weight=0)
        elif cap is None:
            g.add_edge(u, v, weight=w)
        else:
            g.add_edge(u, v, weight=w, capacity=cap)

    for col in columns:
        for i, j in itertools.pairwise(col):
            arc(i, j, -(blocks[i] + gap), None)
    for a, b in links:
        c = heights[a] / 2 - heights[b] / 2
        arc(a, b, -c, 1)
        arc(b, a, c, 1)
    try:
        cost, _ = nx.network_simplex(g)
    except nx.NetworkXUnbounded:
        return None
    return -cost / scale

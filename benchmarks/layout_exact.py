"""The exact fewest crossings of a small layered diagram, for the layout benchmark: what no
ordering can beat (issue 13 asks for 0.70 × dot's crossings; on a small diagram that can be
below the minimum itself).

A branch and bound over the orders of all the columns, left to right, that stays exact:

* Each linked part of the diagram is solved on its own (stacked, two parts never cross);
  nodes without links never cross. Links count as `count_crossings` counts them: once
  each, and only between adjacent columns.
* The bound to beat starts at the crossings of a good order, `tidy_order`'s (or `start`'s,
  when given and better); only orders with strictly fewer crossings are looked for.
* Once a column is fixed, the crossings of the next one against it add up pair by pair:
  c(u, v), the crossings between the links into u and into v when u is above v. Each column
  but the last is built top down, one node at a time; putting u next, above all the nodes
  not yet placed, adds c(u, v) for each of them. A partial order is dropped when what it
  has added so far plus lower bounds for the rest reaches the bound: for this column, the
  sum of min(c(u, v), c(v, u)) over the pairs not yet placed; for the next, the same sum
  over the part of its c that the placed nodes already decide (a link from a placed node
  crosses one from a node below it when their other ends are the other way round); for the
  later ones, one crossing per K(2,2) (two nodes linked to the same two nodes of the next
  column: their four links cross at least once, and no two K(2,2)s share a crossing).
* The last column is solved exactly for each order of the one before (memoised), once its
  pair minima no longer reach the bound: their sum is exact when "u above v where
  c(u, v) < c(v, u)" has no cycle (any topological order reaches it), else dynamic
  programming over its subsets finds the best.
* Twins (nodes of a column but the last with the same links both sides) are interchangeable,
  so they keep their order; and as the mirror image of a drawing crosses as often, in one
  column two nodes without twins keep theirs (putting twins back in order moves neither).

Pure Python: a few milliseconds of search for the 20-node diagrams and for the bundled
qi-falls example (columns of 1, 4, 8 and 13); most of their tenth of a second or less is
`tidy_order`'s. `None` when a column but the last has more than `MAX_COLUMN` nodes, the last
more than `MAX_LAST`, or the search takes more than `MAX_WORK` steps (some 20 s here; dense
random graphs get there, not driver diagrams).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from driverdiagram.layout.ordering import tidy_order

MAX_COLUMN = 10  # nodes in any column but the last
MAX_LAST = 14  # nodes in the last column (2^14 subsets)
MAX_WORK = 20_000_000  # search steps (about a microsecond each) before giving up


class _GiveUp(Exception):
    pass


def _crossings(ends: list[list[list[int]]]) -> int:
    """The crossings of the columns in index order (`ends[k][x]`: x's neighbours in column k - 1)."""
    total = 0
    for col in ends:
        for ex, ey in itertools.combinations(col, 2):  # x above y: cross where x's end is lower
            total += sum(1 for a in ex for b in ey if a > b)
    return total


def _transpose(m: list[list[int]]) -> list[list[int]]:
    return [[row[i] for row in m] for i in range(len(m[0]) if m else 0)]


def _ends(orders: list[list[str]], edges: list[tuple[str, str]], column: dict[str, int]) -> list[list[list[int]]]:
    """ends[k][x]: the positions in column k - 1 of the nodes linked to the one at x in
    column k (the orders start at column column[orders[0][0]])."""
    first = column[orders[0][0]]
    at = {v: i for o in orders for i, v in enumerate(o)}
    ends: list[list[list[int]]] = [[[] for _ in o] for o in orders]
    for u, v in edges:
        if v in at:
            ends[column[v] - first][at[v]].append(at[u])
    return ends


def _pair_min(c: list[list[int]]) -> int:
    return sum(min(c[i][j], c[j][i]) for i, j in itertools.combinations(range(len(c)), 2))


def _best_order(c: list[list[int]]) -> tuple[int, list[int]]:
    """The least sum of c[x][y] over the pairs with x above y, and an order reaching it."""
    n = len(c)
    # every pair at its minimum if "i above j where c[i][j] < c[j][i]" has no cycle
    above = [sum(1 for i in range(n) if c[i][j] < c[j][i]) for j in range(n)]
    ready = [j for j in range(n) if not above[j]]
    order: list[int] = []
    while ready:
        i = min(ready)
        ready.remove(i)
        order.append(i)
        for j in range(n):
            if c[i][j] < c[j][i]:
                above[j] -= 1
                if not above[j]:
                    ready.append(j)
    if len(order) == n:
        return _pair_min(c), order
    # dp[S]: fewest crossings among the nodes of S put on top; w[j][S]: of j put under all of S
    full = 1 << n
    w = []
    for j in range(n):
        wj = [0] * full
        for s in range(1, full):
            b = s & -s
            wj[s] = wj[s ^ b] + c[b.bit_length() - 1][j]
        w.append(wj)
    dp = [0] * full
    last = [0] * full
    for s in range(1, full):
        best, pick, rest = -1, 0, s
        while rest:
            b = rest & -rest
            rest ^= b
            j = b.bit_length() - 1
            v = dp[s ^ b] + w[j][s ^ b]
            if best < 0 or v < best:
                best, pick = v, j
        dp[s], last[s] = best, pick
    order, s = [], full - 1
    while s:
        order.append(last[s])
        s ^= 1 << last[s]
    return dp[-1], order[::-1]


class _Search:
    """The branch and bound; nodes are indices in their column, `ends[k][x]` the neighbours
    of x in column k - 1."""

    def __init__(self, ends: list[list[list[int]]], best: int, max_work: int) -> None:
        self.ends, self.best, self.max_work = ends, best, max_work
        self.sizes = [len(e) for e in ends]
        self.best_orders = [list(range(n)) for n in self.sizes]
        self.work = 0
        self.memo: dict[tuple[int, ...], list[int]] = {}  # last column: [lower bound, exact or -1]
        self.orders: dict[tuple[int, ...], list[int]] = {}
        self.steps: dict[int, tuple[list[list[int]], list[list[int]]]] = {}  # per column: m, over by column
        cols = range(len(ends) - 1)
        self.kids = [[[x for x, e in enumerate(ends[k + 1]) if i in e] for i in range(self.sizes[k])] for k in cols]
        # need[k][j]: nodes to put above j. Twins (the same links both sides) are interchangeable:
        # they keep their order. And in one column two nodes without twins keep theirs: the
        # mirror image of a drawing crosses as often (putting twins back in order moves neither).
        self.need: list[list[list[int]]] = []
        mirror = False
        for k in cols:
            need: list[list[int]] = [[] for _ in ends[k]]
            twins: dict[tuple[tuple[int, ...], tuple[int, ...]], list[int]] = {}
            for j, e in enumerate(ends[k]):
                twins.setdefault((tuple(sorted(e)), tuple(self.kids[k][j])), []).append(j)
            for group in twins.values():
                for a, b in itertools.pairwise(group):
                    need[b].append(a)
            single = [g[0] for g in twins.values() if len(g) == 1]
            if not mirror and len(single) >= 2:
                need[single[1]].append(single[0])
                mirror = True
            self.need.append(need)
        # k22[k]: K(2,2)s between columns k and k + 1; tail[k]: those from column k on
        self.k22 = [0] * len(ends)
        for k in cols:
            for ex, ey in itertools.combinations(ends[k + 1], 2):
                s = len(set(ex) & set(ey))
                self.k22[k] += s * (s - 1) // 2
        self.tail = [sum(self.k22[k:]) for k in range(len(ends))] + [0]

    def column(self, k: int, c: list[list[int]], cost: int, orders: list[list[int]]) -> None:
        """Every order of column k that may beat the best; c: its pair crossings against
        column k - 1 (fixed, `orders`), cost: the crossings up to column k - 1."""
        if k < len(self.sizes) - 1:
            m = [[min(x, y) for x, y in zip(row, col, strict=True)] for row, col in zip(c, _transpose(c), strict=True)]
            over = [[x - y for x, y in zip(row, mr, strict=True)] for row, mr in zip(c, m, strict=True)]
            self.steps[k] = m, _transpose(over)
            n = self.sizes[k + 1]
            msum = [sum(row) for row in m]
            cnt = [len(e) for e in self.ends[k + 1]]
            known = [[0] * n for _ in range(n)]
            free = list(range(self.sizes[k]))
            self._place(k, [], free, cost, sum(msum) // 2, [sum(r) for r in over], msum, known, cnt, 0, orders)
            return
        key = tuple(orders[-1])
        hit = self.memo.get(key)
        if hit is None:
            hit = self.memo[key] = [_pair_min(c), -1]
        if cost + hit[0] >= self.best:
            return
        if hit[1] < 0:
            self._spend(len(c) << len(c) >> 3)
            hit[1], self.orders[key] = _best_order(c)
        if cost + hit[1] < self.best:
            self.best, self.best_orders = cost + hit[1], [*orders, self.orders[key]]

    def _spend(self, steps: int) -> None:
        self.work += steps
        if self.work > self.max_work:
            raise _GiveUp

    def _place(
        self,
        k: int,
        order: list[int],
        free: list[int],
        cost: int,
        rem: int,
        extra: list[int],
        msum: list[int],
        known: list[list[int]],
        cnt: list[int],
        low: int,
        orders: list[list[int]],
    ) -> None:
        """Column k's `order` so far, the nodes in `free` to go under it. cost: the crossings
        so far; rem: the sum of the pair minima in `free`; for u in `free`, msum[u] / extra[u]:
        its pair minima with the others in `free` / what putting it above them all costs more.
        known[x][y]: the crossings of column k + 1 when y is above x that the placed nodes
        already decide; low: the sum of their pair minima; cnt[x]: x's neighbours in `free`."""
        if not free:
            self.column(k + 1, _transpose(known), cost, [*orders, order])
            return
        m, over = self.steps[k]
        kids, need = self.kids[k], self.need[k]
        floor = cost + rem + self.tail[k + 1]
        k22 = self.k22[k]
        steps, row_steps = 4, 1 + len(cnt) // 2  # in about a microsecond each
        for j in sorted(free, key=extra.__getitem__):
            if need[j] and any(i in free for i in need[j]):
                continue
            bound = floor + extra[j]
            if bound + max(low, k22) >= self.best:
                break
            steps += 2 + len(kids[j]) * row_steps
            known2, low2, cnt2 = known, low, cnt
            if kids[j]:  # j's link to x crosses the link from a node below to y when y is above x
                cnt2 = cnt[:]
                for x in kids[j]:
                    cnt2[x] -= 1
                known2 = known[:]
                for x in kids[j]:
                    old, col = known2[x], [row[x] for row in known2]
                    new = [a + b for a, b in zip(old, cnt2, strict=True)]
                    new[x] = 0
                    low2 += sum(map(min, new, col)) - sum(map(min, old, col))
                    known2[x] = new
            if bound + max(low2, k22) >= self.best:
                continue
            rest = [u for u in free if u != j]
            extra2 = [a - b for a, b in zip(extra, over[j], strict=True)]
            msum2 = [a - b for a, b in zip(msum, m[j], strict=True)]
            gain = extra[j] + msum[j]
            self._spend(steps)
            steps = 0
            self._place(k, [*order, j], rest, cost + gain, rem - msum[j], extra2, msum2, known2, cnt2, low2, orders)
        self._spend(steps)


def exact_solution(
    columns: Sequence[Sequence[str]],
    links: Sequence[tuple[str, str]],
    *,
    start: Sequence[Sequence[str]] | None = None,
    max_work: int = MAX_WORK,
) -> tuple[int, list[list[str]]] | None:
    """The fewest crossings any order of the columns gives and orders that give them, or
    None when the diagram is too big or the search too long. `start`: orders (of the same
    columns) to beat, besides `tidy_order`'s."""
    cols = [list(c) for c in columns]
    if len(cols) < 2:
        return 0, cols
    if any(len(c) > MAX_COLUMN for c in cols[:-1]) or len(cols[-1]) > MAX_LAST:
        return None
    column = {v: k for k, c in enumerate(cols) for v in c}
    edges = sorted({(u, v) for u, v in links if u in column and column.get(v) == column[u] + 1})
    seeds = [tidy_order(cols, edges)]
    if start is not None:
        if [sorted(c) for c in start] != [sorted(c) for c in cols]:
            raise ValueError("start must hold the same columns")
        seeds.append([list(c) for c in start])
    # linked parts, each solved on its own: stacked, no two parts cross
    part = {v: v for e in edges for v in e}

    def find(v: str) -> str:
        while part[v] != v:
            part[v] = v = part[part[v]]
        return v

    for u, v in edges:
        part[find(u)] = find(v)
    parts: dict[str, list[str]] = {}
    for v in (v for c in seeds[0] for v in c if v in part):
        parts.setdefault(find(v), []).append(v)
    out: list[list[str]] = [[] for _ in cols]
    total, work = 0, max_work
    for nodes in parts.values():
        ks = range(min(column[v] for v in nodes), max(column[v] for v in nodes) + 1)
        own = set(nodes)
        tries = [[[v for v in o[k] if v in own] for k in ks] for o in seeds]
        seed = min(tries, key=lambda o: _crossings(_ends(o, edges, column)))
        ends = _ends(seed, edges, column)
        search = _Search(ends, _crossings(ends), work)
        try:
            search.column(0, [[0] * len(seed[0]) for _ in seed[0]], 0, [])
        except _GiveUp:
            return None
        total, work = total + search.best, work - search.work
        for k, o, idx in zip(ks, seed, search.best_orders, strict=True):
            out[k] += [o[i] for i in idx]
    for k, c in enumerate(cols):  # nodes without links never cross
        out[k] += [v for v in c if v not in part]
    return total, out


def exact_minimum(
    columns: Sequence[Sequence[str]], links: Sequence[tuple[str, str]], *, start: Sequence[Sequence[str]] | None = None
) -> int | None:
    """The fewest crossings any order of the columns gives (links between neighbouring
    columns only), or None when the diagram is too big to search (see `exact_solution`)."""
    found = exact_solution(columns, links, start=start)
    return None if found is None else found[0]


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

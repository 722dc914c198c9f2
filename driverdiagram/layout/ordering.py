"""Column orders with few edge crossings: the core of "Tidy up".

A driver diagram is a layered DAG: columns outcome → primary drivers → secondary drivers →
change ideas, with links only between adjacent columns. `tidy_order` permutes the nodes
inside each column so that few links cross; `count_crossings` counts them.

The method (pure Python, no dependency beyond the standard library):

* Each connected component is ordered on its own and the components are stacked, so no two
  components cross. Nodes without links stay at the user's index in their column.
* Local search by *sifting*: one node at a time is taken out of its column and put back
  at the slot with the fewest crossings against both neighbouring columns, using exact
  pairwise crossing numbers computed in bulk from a step function (no recounting).
* Leaves follow their parent. In the last column, a node with one or two parents is best
  placed by the barycentre of its parents (exact for up to two parents), so that column
  is sorted rather than searched. While sifting the column before it, a node's
  single-parent leaves are treated as moving with it; they cross only the links to
  leaves with several parents whose span covers the new slot, which a coverage array
  gives for every slot at once. This is what lets whole branches move.
* The start is the better of the user's order and barycentre sweeps. Then an iterated
  local search: from the best order so far, move one or two nodes (mostly primary
  drivers) to random slots with their subtrees following (the columns to the right are
  re-sorted by barycentre, ties in their current order), sift again, keep the best. The
  random choices come from `random.Random(seed)`; the effort is counted in units of work,
  not seconds, and grows with the size (about 70 ms at 300 nodes, 0.85 s at 2,000 here).
* Ties keep the user's order: sorting keys end with the user's index, and a node is only
  moved when that strictly reduces the estimated crossings.
* On a small diagram, neighbouring branches are then swapped where that crosses no more and
  makes the links shorter (`straighten.py`).

The result is never worse than the user's order and, with `budget_s=None`, depends only
on the input and `seed`. A `budget_s` wall-clock limit makes it stop early on a slow
machine (and then the result may depend on timing).
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable, Sequence

from .crossings import count_layered
from .order_search import Search
from .straighten import straighten

__all__ = ["tidy_order", "count_crossings"]


def count_crossings(layers: Sequence[Sequence[str]], edges: Iterable[tuple[str, str]]) -> int:
    """Crossings between adjacent columns for the given column orders.

    Only edges (u, v) with u in some column c and v in column c + 1 are counted.
    """
    return count_layered(layers, edges)


def tidy_order(
    layers: Sequence[Sequence[str]],
    edges: Iterable[tuple[str, str]],
    *,
    seed: int = 0,
    budget_s: float | None = None,
) -> list[list[str]]:
    """Return new orders for each column (same nodes) with few crossings.

    `layers` holds the node ids of each column in the user's current order; `edges` are
    (u, v) with u in column c and v in column c + 1 (others are ignored). The result is
    deterministic for the same input and `seed` unless `budget_s` (seconds) cuts it short.
    """
    cols = [list(c) for c in layers]
    where: dict[str, tuple[int, int]] = {}
    for c, col in enumerate(cols):
        for i, v in enumerate(col):
            if v in where:
                raise ValueError(f"node {v!r} appears more than once in the columns")
            where[v] = (c, i)
    links: dict[tuple[str, str], None] = {}
    for u, v in edges:
        a, b = where.get(u), where.get(v)
        if a is not None and b is not None and b[0] == a[0] + 1:
            links[(u, v)] = None
    if not links:
        return cols
    deadline = None if budget_s is None else time.perf_counter() + budget_s

    # connected components (union-find over the linked nodes)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while x != root:
            parent[x], x = root, parent.get(x, x)
        return root

    for u, v in links:
        ru, rv = find(u), find(v)
        if ru != rv:
            parent[max(ru, rv, key=where.__getitem__)] = min(ru, rv, key=where.__getitem__)
    members: dict[str, list[str]] = {}
    for v in sorted({x for e in links for x in e}, key=where.__getitem__):
        members.setdefault(find(v), []).append(v)
    comps = sorted(members.values(), key=lambda vs: where[vs[0]])  # by first column, then index

    out: list[list[str]] = [[] for _ in cols]
    comp_edges: dict[str, list[tuple[str, str]]] = {}
    for u, v in links:
        comp_edges.setdefault(find(u), []).append((u, v))
    # one effort for the whole diagram, shared out by size (so many small parts stay cheap)
    size = sum(len(vs) for vs in comps) + len(links)
    work = _work_limit(size)
    for vs in comps:
        sub: list[list[str]] = [[] for _ in cols]
        for v in vs:  # sorted by (column, index): keeps the user's order in each column
            sub[where[v][0]].append(v)
        es = comp_edges[find(vs[0])]
        share = (len(vs) + len(es)) / size
        left = None if deadline is None else max(0.0, deadline - time.perf_counter()) * share
        res = _order_component(sub, es, seed, int(work * share), left)
        size -= len(vs) + len(es)
        work = max(0, work - int(work * share))
        for c, col in enumerate(res):
            out[c].extend(col)
    # nodes without links go back to their own index in their column
    linked = {x for e in links for x in e}
    for c, col in enumerate(cols):
        for i, v in enumerate(col):
            if v not in linked:
                out[c].insert(min(i, len(out[c])), v)
    # no change unless it helps: a tidy diagram stays exactly as the user left it; then, on a
    # small diagram, of the orders crossing as little, one with shorter links
    best = out if count_layered(out, links) < count_layered(cols, links) else cols
    return straighten(best, list(links))


def _order_component(
    cols: list[list[str]], edges: list[tuple[str, str]], seed: int, work: int, budget_s: float | None
) -> list[list[str]]:
    ids: dict[str, int] = {}
    names: list[str] = []
    order: list[list[int]] = []
    for col in cols:
        o = []
        for v in col:
            ids[v] = len(names)
            names.append(v)
            o.append(ids[v])
        order.append(o)
    n = len(names)
    up: list[list[int]] = [[] for _ in range(n)]
    dn: list[list[int]] = [[] for _ in range(n)]
    for u, v in edges:
        a, b = ids[u], ids[v]
        dn[a].append(b)
        up[b].append(a)
    s = Search(order, up, dn, random.Random(seed))
    deadline = None if budget_s is None else time.perf_counter() + budget_s
    s.run(work, deadline)
    return [[names[v] for v in o] for o in s.best]


def _work_limit(size: int) -> int:
    """Effort for a diagram of `size` nodes + links, in units of roughly one term of a
    crossing sum (60-100 ns here): about 80 ms at 80 and at 300 nodes and 0.9 s at 2,000 on
    the project's 2-core machine, capped for huge ones. (A small diagram whose search stops
    improving finishes sooner. At 80 and 300 nodes the search still finds fewer crossings
    with more effort: 291 → 247 at 80 nodes for 30 → 70 ms, measured on the benchmark's
    seeds 1–5; so the effort there is what the 100 ms of issue 13 allows.)"""
    return min(WORK_MAX, max(WORK_MIN, int(WORK_SCALE * size**WORK_EXP)))


WORK_SCALE = 311.0
WORK_EXP = 1.257
WORK_MIN = 1_100_000
WORK_MAX = 30_000_000

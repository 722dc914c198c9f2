"""The search behind Tidy up (`ordering.py`): sifting with leaf-following, exact crossing
numbers from step functions, and an iterated local search from seeded perturbations. One
`Search` per connected component; `Side` holds one neighbouring column's crossing numbers.
"""

from __future__ import annotations

import random
import time
from itertools import accumulate, repeat
from operator import add, mul, sub

from .crossings import bilayer_count

PERTURB_OTHER = 0.3
SIFT_OVERHEAD = 150  # work units for the fixed cost of one sifting step
PERTURB_TWICE = 0.3


class Search:
    """Crossing minimisation on one connected layered graph with integer node ids."""

    def __init__(self, order: list[list[int]], up: list[list[int]], dn: list[list[int]], rng: random.Random):
        self.order = order
        self.up = up
        self.dn = dn
        self.rng = rng
        self.K = len(order)
        n = len(up)
        self.pos = [0] * n
        self.rank = [0] * n  # the user's index in the column: the tie-breaker everywhere
        for o in order:
            for i, v in enumerate(o):
                self.pos[v] = self.rank[v] = i
        nonempty = [k for k, o in enumerate(order) if o]
        self.first, self.last = nonempty[0], nonempty[-1]
        self.work = 0
        self.n_edges = sum(map(len, dn))
        self.work_limit = 0
        self.deadline: float | None = None
        self.restarts = 0
        self.li = [0] * n  # scratch: index in the column at the start of a sifting pass
        self.best = [o[:] for o in order]
        self.best_cost = self.cost()

    # ------------------------------------------------------------------ bookkeeping
    def cost(self) -> int:
        pos, dn, order = self.pos, self.dn, self.order
        self.work += self.n_edges * 4
        total = 0
        for k in range(self.K - 1):
            if len(order[k]) > 1 and len(order[k + 1]) > 1:
                total += bilayer_count([(pos[a], pos[b]) for a in order[k] for b in dn[a]], len(order[k + 1]))
        return total

    def set_layer(self, k: int, o: list[int]) -> None:
        self.order[k] = o
        pos = self.pos
        for i, v in enumerate(o):
            pos[v] = i

    def restore(self, orders: list[list[int]]) -> None:
        for k, o in enumerate(orders):
            self.set_layer(k, o[:])

    def snapshot(self) -> list[list[int]]:
        return [o[:] for o in self.order]

    def consider(self) -> int:
        c = self.cost()
        if c < self.best_cost:
            self.best_cost = c
            self.best = self.snapshot()
        return c

    # ------------------------------------------------------------------ moves
    def bary_sort(self, k: int, down: bool) -> None:
        pos, rank = self.pos, self.rank
        nb = self.up if down else self.dn

        def key(v: int) -> tuple[float, int]:
            ns = nb[v]
            return (sum(map(pos.__getitem__, ns)) / len(ns) if ns else float(pos[v]), rank[v])

        self.work += 4 * len(self.order[k])
        self.set_layer(k, sorted(self.order[k], key=key))

    def leaf_sort(self, k: int) -> None:
        """The last column: sort by barycentre (optimal for nodes with at most two parents),
        then sift the few nodes with more."""
        self.bary_sort(k, down=True)
        many = [v for v in self.order[k] if len(self.up[v]) > 2]
        if many:
            self.sift(k, follow=False, only=many)

    def sift(self, k: int, follow: bool, only: list[int] | None = None) -> bool:
        """Move each node (of `only`, default all by decreasing degree) to its best slot in
        column k. With `follow`, column k + 1 is the last one and a node's single-parent
        leaves are counted as moving with it. Returns whether anything moved."""
        o = self.order[k]
        m = len(o)
        if m < 2:
            return False
        pos, up, dn = self.pos, self.up, self.dn
        nA = len(self.order[k - 1]) if k > 0 else 0
        nB = len(self.order[k + 1]) if k + 1 < self.K else 0
        li = self.li
        for i, w in enumerate(o):
            li[w] = i
        sideA = Side(o, up, pos, nA) if nA > 1 else None
        sideB = Side(o, dn, pos, nB) if nB > 1 else None
        follow = follow and sideB is not None
        if follow:
            multi = [z for z in self.order[k + 1] if len(up[z]) > 1]
            kpriv = {w: sum(1 for x in dn[w] if len(up[x]) == 1) for w in o}
            mch = {w: [x for x in dn[w] if len(up[x]) > 1] for w in o}
        ctot: list[int] = []  # the coverage, computed once per pass (a little stale after moves)
        contrib: dict[int, list[tuple[int, int]]] = {}
        moved = False
        if only is None:
            only = sorted(o, key=lambda v: (-len(up[v]) - len(dn[v]), self.rank[v]))
        per_node = SIFT_OVERHEAD + 2 * m + (len(sideA.flat) if sideA else 0) + (len(sideB.flat) if sideB else 0)
        for u in only:
            self.work += per_node
            o = self.order[k]
            i0 = pos[u]
            others = o[:i0] + o[i0 + 1 :]
            ol: list[int] | None = None
            pref: list[int] | None = None
            if sideA is not None and up[u]:
                ol = list(map(li.__getitem__, others))
                pref = sideA.slot_costs(up[u], ol)
            if sideB is not None:
                nbrs = mch[u] if follow else dn[u]
                if nbrs:
                    if ol is None:
                        ol = list(map(li.__getitem__, others))
                    pb = sideB.slot_costs(nbrs, ol)
                    pref = pb if pref is None else list(map(add, pref, pb))
            if follow and kpriv[u]:
                if not ctot:
                    ctot, contrib = self._coverage(m, multi)
                c = ctot[:]
                for z in mch[u]:
                    for lo, hi in contrib[z]:
                        c[lo] -= 1
                        c[hi] += 1
                cov = list(accumulate(c))
                gaps = cov[0::2]
                slot = gaps[:i0] + [cov[2 * i0 + 1]] + gaps[i0 + 2 :]
                ku = kpriv[u]
                pc = list(map(mul, slot, repeat(ku))) if ku > 1 else slot
                pref = pc if pref is None else list(map(add, pref, pc))
            if pref is None:
                continue
            best = min(pref)
            if pref[i0] <= best:
                continue
            # the best slot nearest to where the node was
            try:
                jr = pref.index(best, i0)
            except ValueError:
                jr = None
            jl = None
            if i0 > 0:
                try:
                    jl = i0 - 1 - pref[i0 - 1 :: -1].index(best)
                except ValueError:
                    jl = None
            j = jl if jr is None or (jl is not None and i0 - jl <= jr - i0) else jr
            assert j is not None  # `best` is in `pref` and not at i0, so on one side of it
            others.insert(j, u)
            self.order[k] = others
            lo, hi = (j, i0) if j < i0 else (i0, j)
            for i in range(lo, hi + 1):
                pos[others[i]] = i
            moved = True
        return moved

    def _coverage(self, m: int, multi: list[int]) -> tuple[list[int], dict[int, list[tuple[int, int]]]]:
        """Difference array over half-steps of a column of m nodes (2i + 1 = node i, 2i = the
        gap before it): how many links to leaves with several parents pass over each spot,
        i.e. how many of them a single-parent leaf of a node placed there would cross."""
        pos, up = self.pos, self.up
        c = [0] * (2 * m + 2)
        contrib: dict[int, list[tuple[int, int]]] = {}
        for z in multi:
            ps = [pos[p] for p in up[z]]
            r = len(ps)
            num = 2 * sum(ps) + r  # r * (half-step index of the barycentre)
            yfl = num // r
            lst = []
            for p in ps:
                x = 2 * p + 1
                if x * r < num:  # parent left of the barycentre: (x, y]
                    lo, hi = x + 1, yfl
                elif x * r > num:  # right of it: (y, x)
                    lo, hi = yfl + 1, x - 1
                else:
                    continue
                if lo <= hi:
                    c[lo] += 1
                    c[hi + 1] -= 1
                    lst.append((lo, hi + 1))
            contrib[z] = lst
        return c, contrib

    # ------------------------------------------------------------------ strategy
    def process(self, k: int) -> None:
        if k == self.last:
            self.leaf_sort(k)
        else:
            self.sift(k, follow=(k + 1 == self.last))

    def spent(self) -> bool:
        if self.work >= self.work_limit:
            return True
        return self.deadline is not None and time.perf_counter() > self.deadline

    def descend(self, max_rounds: int = 1000) -> int:
        """Sift column by column until a round brings no improvement; returns the cost."""
        prev = self.cost()
        for _ in range(max_rounds):
            for k in range(self.first, self.last + 1):
                self.process(k)
                if self.spent():
                    return self.consider()
            c = self.consider()
            if c >= prev:
                break
            prev = c
        return prev

    def sweep(self) -> None:
        for k in range(self.first + 1, self.last + 1):
            self.bary_sort(k, down=True)
        for k in range(self.last - 1, self.first - 1, -1):
            self.bary_sort(k, down=False)

    def run(self, work_limit: int, deadline: float | None) -> None:
        """Descend from the better of the user's order and barycentre sweeps, then iterate:
        perturb the best order found by moving one node with its subtree, descend again."""
        self.work_limit = work_limit
        self.deadline = deadline
        user_cost = self.best_cost
        for _ in range(2):
            self.sweep()
        if self.consider() >= user_cost:
            self.restore(self.best)
        self.descend()
        rng = self.rng
        # the first column with a real choice (the primary drivers): its nodes carry the
        # largest subtrees, which sifting alone cannot move as a whole
        mid = [k for k in range(self.first, self.last) if len(self.order[k]) > 1]
        k0 = next((k for k in mid if len(self.order[k]) > 2), mid[0] if mid else -1)
        while self.best_cost > 0 and k0 >= 0 and not self.spent():
            self.restarts += 1
            self.restore(self.best)
            k = k0 if rng.random() >= PERTURB_OTHER else rng.choice(mid)
            o = self.order[k]
            for _ in range(1 if rng.random() >= PERTURB_TWICE else 2):
                v = o.pop(rng.randrange(len(o)))
                o.insert(rng.randrange(len(o) + 1), v)
            self.set_layer(k, o)
            for kk in range(k + 1, self.last + 1):
                self.follow_sort(kk)
            self.descend()

    def follow_sort(self, k: int) -> None:
        """Sort column k by the barycentre of its parents, ties in the current order: after a
        node moved in column k - 1, its single-parent children follow it as a block."""
        pos, up = self.pos, self.up

        def key(v: int) -> tuple[float, int]:
            ns = up[v]
            return (sum(map(pos.__getitem__, ns)) / len(ns) if ns else float(pos[v]), pos[v])

        self.work += 4 * len(self.order[k])
        self.set_layer(k, sorted(self.order[k], key=key))


class Side:
    """One neighbouring column of column k, seen from k: the positions of every node's
    neighbours there, flattened (in the column's order at the start of a sifting pass)."""

    __slots__ = ("flat", "starts", "ends", "n_adj", "pos")

    def __init__(self, o: list[int], nbr: list[list[int]], pos: list[int], n_adj: int):
        flat: list[int] = []
        bounds = [0]
        for w in o:
            flat.extend([pos[x] for x in nbr[w]])
            bounds.append(len(flat))
        self.flat = flat
        self.starts = bounds[:-1]
        self.ends = bounds[1:]
        self.n_adj = n_adj
        self.pos = pos

    def slot_costs(self, nbrs: list[int], ol: list[int]) -> list[int]:
        """Crossings (up to a constant) of a node's links `nbrs` into this column, for each
        slot among the other nodes (slot j = before the node with pass index ol[j]).

        F[q] = #{p: p < q} - #{p: p > q} over the node's neighbour positions p is how much
        the crossings change when the node jumps over a link ending at q, so jumping over
        node w changes them by the sum of F over w's neighbour positions."""
        pos = self.pos
        d = [0] * (self.n_adj + 1)
        d[0] = -len(nbrs)
        for x in nbrs:
            p = pos[x]
            d[p] += 1
            d[p + 1] += 1
        f = list(accumulate(d))
        cum = list(accumulate(map(f.__getitem__, self.flat), initial=0))
        g = cum.__getitem__
        dw = list(map(sub, map(g, self.ends), map(g, self.starts)))
        return list(accumulate(map(dw.__getitem__, ol), initial=0))

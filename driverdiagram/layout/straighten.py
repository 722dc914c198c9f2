"""The last step of Tidy up on a small diagram: of the orders with as few crossings, one with
shorter links.

Many orders of a driver diagram cross equally little (often not at all), and they are not
equally easy to read: a primary driver with three secondaries sits level with the middle
one, so the secondary with a single change idea in the middle makes a straight line, and the
one with two change ideas there a bent one. `straighten` tries swapping neighbouring
branches (a node with the children only it drives, and theirs, as one block) and keeps a
swap when it adds no crossing and the links get shorter, until no swap helps. "Shorter" is
measured with the layout's own placement (`placement.place`, the least total climb for the
order) on boxes of one height, so it depends only on the order, like the rest of Tidy up.

Each try is a whole placement, so this runs on diagrams of up to `STRAIGHTEN_UP_TO` nodes
(what people draw by hand; a few ms there); the big ones keep the search's order.
"""

from __future__ import annotations

from collections.abc import Sequence

from .crossings import count_layered
from .placement import place

STRAIGHTEN_UP_TO = 100  # nodes
PASSES = 4
BOX, GAP = 1.0, 0.4  # the boxes' height and the gap between them, in rows


def climb(cols: Sequence[Sequence[str]], links: Sequence[tuple[str, str]]) -> float:
    """The total climb (centre to centre, over the links) of the placement of `cols` with
    boxes of one height."""
    index: dict[str, int] = {}
    ranges = []
    for col in cols:
        start = len(index)
        for v in col:
            index[v] = len(index)
        ranges.append(range(start, len(index)))
    n = len(index)
    kids: dict[int, list[int]] = {}
    parents: dict[int, list[int]] = {}
    pairs = [(index[u], index[v]) for u, v in links if u in index and v in index]
    for a, b in pairs:
        kids.setdefault(a, []).append(b)
        parents.setdefault(b, []).append(a)
    y = place(ranges, [BOX] * n, [BOX] * n, [GAP] * n, kids, parents)
    return sum(abs(y[a] - y[b]) for a, b in pairs)


def straighten(cols: list[list[str]], links: Sequence[tuple[str, str]]) -> list[list[str]]:
    """`cols` with neighbouring branches swapped where that crosses no more and climbs less."""
    if sum(map(len, cols)) > STRAIGHTEN_UP_TO or len(cols) < 3:
        return cols
    parents: dict[str, set[str]] = {}
    kids: dict[str, list[str]] = {}
    for u, v in links:
        parents.setdefault(v, set()).add(u)
        kids.setdefault(u, []).append(v)
    cols = [list(c) for c in cols]
    crossings, cost = count_layered(cols, links), climb(cols, links)
    for _ in range(PASSES):
        better = False
        for k in range(1, len(cols) - 1):
            for i in range(len(cols[k]) - 1):
                trial = _swapped(cols, k, i, kids, parents)
                if trial is None:
                    continue
                c = count_layered(trial, links)
                if c > crossings:
                    continue
                t = climb(trial, links)
                if c < crossings or t < cost - 1e-9 * (1 + cost):
                    cols, crossings, cost, better = trial, c, t, True
        if not better:
            break
    return cols


def _swapped(
    cols: list[list[str]], k: int, i: int, kids: dict[str, list[str]], parents: dict[str, set[str]]
) -> list[list[str]] | None:
    """The columns with the branches of cols[k][i] and cols[k][i + 1] swapped: the two nodes,
    and in each column to the right the blocks of what only they drive, where both have one
    and the upper's ends where the lower's begins. None when they are the same branch."""
    out = [c[:] for c in cols]
    upper, lower = [cols[k][i]], [cols[k][i + 1]]
    out[k][i], out[k][i + 1] = lower[0], upper[0]
    for j in range(k + 1, len(cols)):
        pos = {v: p for p, v in enumerate(cols[j])}
        upper = _block(upper, kids, parents, pos)
        lower = _block(lower, kids, parents, pos)
        if not upper or not lower:
            break
        a0, a1 = pos[upper[0]], pos[upper[-1]]
        b0, b1 = pos[lower[0]], pos[lower[-1]]
        if a1 + 1 != b0:
            break
        out[j][a0 : b1 + 1] = cols[j][b0 : b1 + 1] + cols[j][a0 : a1 + 1]
    return out


def _block(
    owners: list[str], kids: dict[str, list[str]], parents: dict[str, set[str]], pos: dict[str, int]
) -> list[str]:
    """What only `owners` drive in the next column, top to bottom, when it is contiguous there
    (else nothing: that branch does not move as one)."""
    mine = set(owners)
    block = sorted({c for o in owners for c in kids.get(o, ()) if c in pos and parents[c] <= mine}, key=pos.__getitem__)
    if block and pos[block[-1]] - pos[block[0]] + 1 != len(block):
        return []
    return block

"""Where each box of the columns view goes up and down: the placement, on plain lists.

What a reader sees first is how far a link has to climb or fall from a parent to its child.
The placement makes the sum of those climbs (centre to centre, over every driver link) as
small as each column's order and spacing allow:

* every box sits below the one above it in its column, a gap apart (never overlapping), in
  the user's order;
* within that, each box sits as near as it can to the boxes it is linked to. For one column
  with its neighbours held still this is an L1 isotonic regression, solved exactly by "pool
  adjacent violators" (PAVA): each box wants the median of its links' other ends; boxes that
  want to overlap are pooled and the pool sits at the median of all their wishes.

Two sweeps over the columns: right to left, each parent near its children (so a parent sits
at the middle of its children, and a chain of single children is a straight line); then left
to right, each column near its parents and children both (a child column with room moves
towards its parents, a secondary driver with many parents takes them into account), and the
outcome is centred on its primaries again. An even number of wishes leaves a tie; the left
to right sweep is made twice, ties broken towards each box's last place (straight lines: a
parent stays level with its middle child) and at the tie's middle, and the one with the
shorter links kept (the straight one when they are as short). Measured against the exact
optimum of the same problem (a linear program solved with scipy's HiGHS, once, outside the
project) on the benchmark's generated diagrams in Tidy up's order: 37.9 vs 37.9 pt mean
climb per link at 20 nodes, 186.5 vs 186.3 at 80, 548.6 vs 548.5 at 300; a few ms instead
of seconds.

The tallest column ends up packed tight (its boxes all pool into one run), so the drawing is
no taller than it must be; a shorter column spreads out to follow its links, within the
tallest one's height (a tall box beside a short one at the top is moved in, not left
sticking out).

Stability: the same diagram always gives the same places (a text edit that keeps the height
moves nothing), and boxes move only as a whole run when something they are pooled or linked
with moves. What the canvas shows after an edit is also anchored to the last layout (see
`anchor`), so the part of the drawing that kept its shape keeps its place on screen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

STRAIGHT_UP_TO = 1000  # boxes; above, ties at their middle only (the straight variant wins on ties alone)


def place(
    columns: Sequence[range],
    height: Sequence[float],
    block: Sequence[float],
    gap: Sequence[float],
    kids: Mapping[int, Sequence[int]],
    parents: Mapping[int, Sequence[int]],
    top: float = 0.0,
) -> list[float]:
    """The top of every box, by index.

    `columns` are the boxes' indices, top to bottom, one range per column from the left;
    `height` is a box's own height and `block` the height it takes in its column (with what
    hangs under it); `gap` is the space above a box when it is not first in its column.
    `kids` are a parent's children and `parents` a child's parents. A column with nothing to
    follow starts at `top`.
    """
    y = [top] * len(height)
    centre = [top + h / 2 for h in height]
    offsets = [_offsets(col, block, gap) for col in columns]
    for c in reversed(range(len(columns))):
        _fit(columns[c], offsets[c], y, centre, height, kids, None, top, False)
    if len(columns) < 2:
        return y
    # Left to right, twice: ties (an even number of wishes) broken towards the last place
    # (straight lines: a parent stays level with its middle child) or at the middle of the
    # tie; the one with the shorter links is kept, the straight one when they are as short.
    best = (float("inf"), y)
    for settled in (True, False) if len(height) <= STRAIGHT_UP_TO else (False,):
        yy, cc = y[:], centre[:]
        for c in range(1, len(columns)):
            _fit(columns[c], offsets[c], yy, cc, height, kids, parents, top, settled)
        _fit(columns[0], offsets[0], yy, cc, height, kids, None, top, False)
        cost = sum(abs(cc[p] - cc[k]) for p, ks in kids.items() for k in ks)
        if cost < best[0] - 1e-6 * (1 + cost):
            best = (cost, yy)
    return _within_tallest(columns, best[1], offsets, block)


def _within_tallest(
    columns: Sequence[range], y: list[float], offsets: list[list[float]], block: Sequence[float]
) -> list[float]:
    """`y` with every column kept within the height of the tallest one: a box that would stick
    out above or below it to sit level with its links (a tall parent beside a short child at
    the top) is moved in, with the boxes it would then overlap. A column of tops less their
    packed offsets is non-decreasing; clamped to a range it still is, and for each column on
    its own the clamped places are the nearest its links allow within the range."""
    packed = [offs[-1] + block[col[-1]] if len(col) else 0.0 for col, offs in zip(columns, offsets, strict=True)]
    tallest = max(range(len(columns)), key=lambda c: (packed[c], -c))
    col = columns[tallest]
    if not len(col):
        return y
    lo = min(y[i] for i in col)
    hi = max(y[i] + block[i] for i in col)
    for c, (col, offs) in enumerate(zip(columns, offsets, strict=True)):
        if c == tallest or not len(col) or packed[c] > hi - lo:
            continue
        top, bottom = y[col[0]], y[col[-1]] + block[col[-1]]
        if top >= lo - 1e-9 and bottom <= hi + 1e-9:
            continue
        for at, i in enumerate(col):
            z = min(max(y[i] - offs[at], lo), hi - packed[c])
            y[i] = z + offs[at]
    return y


def _fit(
    col: range,
    offs: list[float],
    y: list[float],
    centre: list[float],
    height: Sequence[float],
    kids: Mapping[int, Sequence[int]],
    parents: Mapping[int, Sequence[int]] | None,
    top: float,
    settled: bool,
) -> None:
    """One column placed near its children (and `parents` when given), in `y` and `centre`."""
    none: Sequence[int] = ()
    wishes: list[list[float]] = []
    for at, i in enumerate(col):
        d = height[i] / 2 + offs[at]
        w = [centre[k] - d for k in kids.get(i, none)]
        if parents is not None:
            w += [centre[p] - d for p in parents.get(i, none)]
        wishes.append(w)
    prefer = [y[i] - offs[at] for at, i in enumerate(col)] if settled else None
    for at, z in enumerate(fit_column(wishes, top, prefer)):
        i = col[at]
        y[i] = v = z + offs[at]
        centre[i] = v + height[i] / 2


def _offsets(col: range, block: Sequence[float], gap: Sequence[float]) -> list[float]:
    """Each box's top when its column is packed tight from 0."""
    out = []
    acc = 0.0
    prev = -1
    for i in col:
        if prev >= 0:
            acc += block[prev] + gap[i]
        out.append(acc)
        prev = i
    return out


def fit_column(wishes: Sequence[list[float]], top: float = 0.0, prefer: Sequence[float] | None = None) -> list[float]:
    """The non-decreasing sequence z nearest its wishes: each z[i] minimises the sum of
    |z[i] − w| over its wishes w, subject to z[i] <= z[i + 1] (L1 isotonic regression by
    pool adjacent violators; a pool sits at the median of all its wishes).

    A column's tops less their packed offsets are such a z ("below the box above, a gap
    apart" is "z never decreases"). An item with no wish joins the pool above it (its box
    sits tight below the one above); at the top, the first pool with wishes; with no wishes
    at all, z is `top`.

    An even number of wishes leaves a pool free between its two middle ones; it then stays
    as near as it can to `prefer` (the items' last places, averaged over the pool), so a
    later pass moves nothing it does not improve (a parent stays level with its middle
    child when its own parent pulls only as much as that child holds it)."""
    near = prefer is not None
    # the pools, as a stack of parallel lists: first and last item, sorted wishes, place,
    # and the sum of the items' preferred places
    firsts: list[int] = []
    lasts: list[int] = []
    pts: list[list[float]] = []
    vals: list[float] = []
    psum: list[float] = []
    lead = 0.0  # the preferred places of the free items above the first pool
    for at, w in enumerate(wishes):
        p = prefer[at] if prefer is not None else 0.0
        if not w:
            if firsts:
                lasts[-1] = at
                psum[-1] += p
            else:
                lead += p
            continue
        if len(w) > 1:
            w.sort()
        first, ps = (at, p) if firsts else (0, p + lead)  # free items at the top join the first pool
        firsts.append(first)
        lasts.append(at)
        pts.append(w)
        psum.append(ps)
        vals.append(_settle(w, ps / (at - first + 1), near))
        while len(vals) > 1 and vals[-2] > vals[-1]:
            below = pts.pop()
            merged = pts[-1] = _merge(pts[-1], below)
            lasts.pop()
            lasts[-1] = at
            share = psum.pop()
            psum[-1] += share
            firsts.pop()
            vals.pop()
            vals[-1] = _settle(merged, psum[-1] / (at - firsts[-1] + 1), near)
    z = [top] * len(wishes)
    for first, last, v in zip(firsts, lasts, vals, strict=True):
        for at in range(first, last + 1):
            z[at] = v
    return z


def _settle(xs: list[float], p: float, near: bool) -> float:
    """A pool's place: the median of its (sorted) wishes; with an even number, the point
    between the two middle ones nearest the average preferred place `p` (`near`) or halfway."""
    n = len(xs)
    lo, hi = xs[(n - 1) >> 1], xs[n >> 1]
    if not near:
        return (lo + hi) / 2
    return lo if p < lo else hi if p > hi else p


def _merge(a: list[float], b: list[float]) -> list[float]:
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return a
    if b[0] >= a[-1]:
        return a + b
    out = a + b
    out.sort()
    return out


def anchor(ys: list[float], before: Sequence[float | None], tol: float = 1e-3) -> list[float]:
    """`ys` shifted as one so that as many boxes as can keep their place in the last layout
    (`before`: a box's last top, None for a new one); the boxes that keep it get exactly it.

    A layout is the same drawing wherever it is put; after an edit that grows a column in
    its upper part, the shorter side moves (up) and the rest stays where the reader left it.
    Ties keep the drawing where it was."""
    shifts: Counter[float] = Counter()
    exact: dict[float, float] = {}
    for y, b in zip(ys, before, strict=True):
        if b is not None:
            key = round(y - b, 3)
            shifts[key] += 1
            exact.setdefault(key, y - b)
    if not shifts:
        return ys
    best = max(shifts.values())
    if shifts.get(0.0, 0) == best:
        return [b if b is not None and abs(y - b) <= tol else y for y, b in zip(ys, before, strict=True)]
    t = exact[min((s for s, k in shifts.items() if k == best), key=abs)]
    out = []
    for y, b in zip(ys, before, strict=True):
        y -= t
        if b is not None and abs(y - b) <= tol:
            y = b
        out.append(y)
    return out

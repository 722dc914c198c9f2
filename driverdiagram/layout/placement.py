"""Where each box of the columns view goes up and down: the placement rule, on plain lists.

A box's top depends on three things only, so an edit moves only what depends on it:

* the boxes above it in its column: it sits below them with a gap, never overlapping;
* for a parent, its *middle children* (the median child, or the two middle ones of an even
  number): it sits level with them, unless the box above pushes it down. A parent is level
  only if its middle children lie below those of the level parents above it in its column
  (else the user's order crosses there, and it simply sits below the box above it);
* for a child, the level parents it is drawn beside: a level parent pushed below its middle
  children takes its *group* down with it, by as much (its middle children, the children
  between them, and the unbroken runs of its children just above and below them).

Two passes give that. Right to left, each column is stacked top-down and every level parent
sits where its middle children want it (it may rise above the top: the drawing's origin
follows). Left to right, the groups of pushed parents follow them down (never up).

Why the median and not the mean: the mean depends on every child, so a parent near the top
with one shared child far down the column moved whenever anything moved above that child,
and took its column with it: in a diagram with many shared children, nearly every box on
every edit. The median ignores far children (they stay linked, with a longer line). Why
groups and not "all my children": after Tidy up, a parent's children are often spread down
the column among others'; dragging all of them opened holes far from the parent. Parents
level with their middle children, conflicts resolved top-down, is the alignment of
Brandes–Köpf (one of its four passes), so a later Brandes–Köpf placement can start here.

What this greedy top-down placement gives up: parents that all want to sit higher than the
box above them are stacked one after the other instead of being balanced about their wishes
(least squares / PAVA would sit them closer to their children, but then a box would move
when one *below* it changed), and where the order crosses, a parent is not level with
anything and can sit far from its children (Tidy up removes most of those).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def place(
    columns: Sequence[range],
    height: Sequence[float],
    block: Sequence[float],
    gap: Sequence[float],
    kids: Mapping[int, Sequence[int]],
    first: Sequence[int],
    more: Mapping[int, Sequence[int]],
    top: float = 0.0,
) -> list[float]:
    """The top of every box, by index.

    `columns` are the boxes' indices, top to bottom, one range per column from the left;
    `height` is a box's own height and `block` the height it takes in its column (with what
    hangs under it); `gap` is the space above a box when it is not first in its column.
    `kids` are a parent's children in column order; `first` is a box's first parent (-1 for
    none) and `more` all the parents of a box that has several. The first box of a column
    with nothing to sit level with starts at `top`.
    """
    n = len(height)
    y = [top] * n
    want = [top] * n  # where a box wanted to be in pass 1
    level = [False] * n  # a parent that sits level with its middle children
    for col in reversed(columns):
        bottom = None
        last = -1  # the lowest middle child of the level parents above, in this column
        for i in col:
            ks = kids.get(i)
            if ks and ks[(len(ks) - 1) >> 1] > last:
                j, k = ks[(len(ks) - 1) >> 1], ks[len(ks) >> 1]
                w = (y[j] + y[k] + (height[j] + height[k]) / 2 - height[i]) / 2
                level[i], want[i], last = True, w, k
                if bottom is not None and bottom + gap[i] > w:
                    w = bottom + gap[i]
            elif bottom is None:
                w = want[i] = top
            else:
                w = want[i] = bottom + gap[i]
            y[i] = w
            bottom = w + block[i]
    follow = [0.0] * n
    for c in range(1, len(columns)):
        for p in columns[c - 1]:
            d = y[p] - want[p]
            if d > 0 and level[p]:
                for k in group(p, kids[p], first, more, columns[c]):
                    if d > follow[k]:
                        follow[k] = d
        bottom = None
        for i in columns[c]:
            w = y[i] + follow[i]
            if bottom is not None and bottom + gap[i] > w:
                w = bottom + gap[i]
            y[i] = w
            bottom = w + block[i]
    return y


def middle(kids: Sequence[int]) -> tuple[int, int]:
    """A parent's middle children: the median one twice, or the two middle ones of an even count."""
    return kids[(len(kids) - 1) >> 1], kids[len(kids) >> 1]


def group(
    p: int, kids: Sequence[int], first: Sequence[int], more: Mapping[int, Sequence[int]], column: range
) -> list[int]:
    """The children drawn beside a parent: its middle children, the children between them,
    and the unbroken runs of its children just above and below them in their column."""

    def of_p(v: int) -> bool:
        return first[v] == p or (v in more and p in more[v])

    j, k = middle(kids)
    lo = j
    while lo - 1 >= column.start and of_p(lo - 1):
        lo -= 1
    hi = k + 1
    while hi < column.stop and of_p(hi):
        hi += 1
    return [v for v in range(lo, hi) if of_p(v)]

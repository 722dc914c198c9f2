"""Counting edge crossings between the columns of a layered drawing.

Two edges (a, b) and (c, d) between adjacent columns cross when the order of their ends
disagrees: (pos a - pos c) * (pos b - pos d) < 0. Edges sharing an end never cross.
`bilayer_count` is the accumulator-tree method of Barth, Jünger & Mutzel ("Simple and
Efficient Bilayer Cross Counting", JGAA 2004), O(|E| log |V|).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def bilayer_count(pairs: Iterable[tuple[int, int]], lower_size: int) -> int:
    """Crossings among edges given as (upper position, lower position) pairs."""
    seq = sorted(pairs)
    if len(seq) < 2:
        return 0
    first = 1
    while first < lower_size:
        first <<= 1
    tree = [0] * (2 * first)
    first -= 1
    cross = 0
    for _, k in seq:
        i = k + first
        tree[i] += 1
        while i > 0:
            if i & 1:  # a left child: everything counted in its right sibling is larger
                cross += tree[i + 1]
            i = (i - 1) >> 1
            tree[i] += 1
    return cross


def count_layered(layers: Sequence[Sequence[str]], edges: Iterable[tuple[str, str]]) -> int:
    """Total crossings over consecutive columns; edges not between adjacent columns are ignored."""
    where: dict[str, tuple[int, int]] = {}
    for c, col in enumerate(layers):
        for i, v in enumerate(col):
            where[v] = (c, i)
    per: list[list[tuple[int, int]]] = [[] for _ in layers]
    for u, v in set(edges):
        a, b = where.get(u), where.get(v)
        if a is None or b is None:
            continue
        if b[0] == a[0] + 1:
            per[a[0]].append((a[1], b[1]))
    return sum(bilayer_count(per[c], len(layers[c + 1])) for c in range(len(layers) - 1))

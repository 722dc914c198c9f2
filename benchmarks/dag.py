"""The project's own layout instruments: generated driver-diagram graphs, their crossings, and
Graphviz dot's drawing of them as the reference.

`driver_dag(n, seed)` makes the graphs every layout, edit and PDF benchmark measures: an
outcome, primaries, secondaries hanging off one to three primaries, change ideas off one or
two secondaries (extra parents mostly picked nearby), as in typical QI driver diagrams (3-25
primaries, 2-12 secondaries per primary, 1-6 change ideas per secondary). It draws the same
random numbers in the same order as the generator the layout issues were measured with
(`../shared/bench/gen_driver_dag.py`, when that folder is next to the project), so the graphs
and the figures are the same ones; `tests/layout/test_bench_dag.py` checks that where it can.
Nothing here needs that folder.

`dot_reference(g)` is dot's layout of the graph as the issues' reference run draws it: left to
right, every box 160 x 40 pt, 20 pt between boxes, 80 pt between columns, the nodes given in
the graph's (shuffled) order. Its crossings are counted by the layout's own counter.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import time

import networkx as nx

from benchmarks.layout_metrics import PT
from driverdiagram.layout.ordering import count_crossings

LAYER_NAMES = ("outcome", "primary", "secondary", "change")
# n -> (primaries, secondaries); change ideas fill the rest
PRESETS = {20: (3, 6), 80: (5, 15), 300: (10, 50), 2000: (25, 300)}


def _sizes(n: int) -> tuple[int, int, int]:
    if n in PRESETS:
        p, s = PRESETS[n]
    else:
        p = max(2, round(n**0.42))
        s = max(p, round(0.16 * n))
    c = n - 1 - p - s
    if c < 1:
        raise ValueError(f"n={n} is too small for a driver diagram with change ideas")
    return p, s, c


def driver_dag(
    n: int,
    seed: int = 1,
    multi_primary: float = 0.25,
    multi_secondary: float = 0.30,
    locality: float = 0.6,
    shuffle: bool = True,
) -> nx.DiGraph:
    """A layered DAG of `n` nodes (attribute `layer`: 0 outcome, 1 primary, 2 secondary,
    3 change idea; `kind` its name); `multi_primary` of the secondaries get one or two more
    primaries, `multi_secondary` of the change ideas a second secondary, each nearby with
    probability `locality`. With `shuffle` the nodes and edges come in a seeded random order,
    so no layout profits from the order they were made in."""
    rng = random.Random(seed)
    p, s, c = _sizes(n)
    prim = [f"P{i}" for i in range(p)]
    home_p = [prim[i % p] for i in range(p)] + [rng.choice(prim) for _ in range(s - p)]
    home_p.sort(key=prim.index)
    sec = [f"S{i}" for i in range(s)]
    weights = [rng.paretovariate(1.5) for _ in sec]  # some secondaries get many change ideas
    home_s = list(sec[: min(s, c)]) + rng.choices(sec, weights=weights, k=max(0, c - s))
    home_s.sort(key=sec.index)
    ideas = [f"C{i}" for i in range(c)]

    nodes = [("O", 0)] + [(v, 1) for v in prim] + [(v, 2) for v in sec] + [(v, 3) for v in ideas]
    edges = [("O", v) for v in prim]
    edges += [(home_p[i], sec[i]) for i in range(s)]
    siblings: dict[str, list[str]] = {}
    for i, v in enumerate(sec):
        siblings.setdefault(home_p[i], []).append(v)
    if p > 1:
        for i, v in enumerate(sec):
            if rng.random() < multi_primary:
                at = prim.index(home_p[i])
                for _ in range(rng.choice((1, 1, 2))):
                    if rng.random() < locality:
                        q = prim[min(p - 1, max(0, at + rng.choice((-1, 1))))]
                    else:
                        q = rng.choice(prim)
                    if q != home_p[i]:
                        edges.append((q, v))
    edges += [(home_s[i], ideas[i]) for i in range(c)]
    primary_of = dict(zip(sec, home_p, strict=True))
    for i, v in enumerate(ideas):
        if s > 1 and rng.random() < multi_secondary:
            near = siblings[primary_of[home_s[i]]]
            q = rng.choice(near) if rng.random() < locality else rng.choice(sec)
            if q != home_s[i]:
                edges.append((q, v))

    edges = list(dict.fromkeys(edges))
    if shuffle:
        rng.shuffle(nodes)
        rng.shuffle(edges)
    g = nx.DiGraph()
    for v, layer in nodes:
        g.add_node(v, layer=layer, kind=LAYER_NAMES[layer])
    g.add_edges_from(edges)
    return g


def columns_of(g: nx.DiGraph) -> list[list[str]]:
    """The graph's columns, each in the graph's node order."""
    cols: list[list[str]] = [[] for _ in range(1 + max(g.nodes[v]["layer"] for v in g))]
    for v in g:
        cols[g.nodes[v]["layer"]].append(v)
    return cols


def total_crossings(layers: list[list[str]], g: nx.DiGraph) -> int:
    """Crossings between adjacent columns drawn in the orders `layers`."""
    return count_crossings(layers, g.edges)


def dot_source_reference(g: nx.DiGraph) -> str:
    w, h = 160 / PT, 40 / PT
    out = [
        f"digraph G {{ rankdir=LR; nodesep={20 / PT:.3f}; ranksep={80 / PT:.3f};",
        f'node [shape=box, fixedsize=true, width={w:.3f}, height={h:.3f}, label=""];',
    ]
    out += [f'"{v}";' for v in g]
    out += [f'"{a}" -> "{b}";' for a, b in g.edges]
    return "\n".join(out) + "\n}\n"


def dot_reference(g: nx.DiGraph, reps: int = 3) -> tuple[list[list[str]], int, float]:
    """dot's column orders of `g`, their crossings and dot's median time in ms (the first of
    `reps` + 1 runs is a warm-up). Needs the `dot` program (apt-get install graphviz)."""
    import json

    src = dot_source_reference(g).encode()
    times, out = [], b""
    for _ in range(reps + 1):
        t = time.perf_counter()
        out = subprocess.run(["dot", "-Tjson"], input=src, capture_output=True, check=True).stdout
        times.append((time.perf_counter() - t) * 1e3)
    pos = {o["name"]: tuple(map(float, o["pos"].split(","))) for o in json.loads(out)["objects"]}
    layers = [sorted(col, key=lambda v: (pos[v][1], pos[v][0])) for col in columns_of(g)]
    return layers, total_crossings(layers, g), statistics.median(times[1:])

"""Between the file's `Document` and the live `Diagram`, checking every graph rule on the way in.

A file is checked as a whole before anything is built, and the first problem is reported
with where it is (the list index and the node id) in words a user can act on.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from . import rules
from .diagram import Diagram
from .errors import LoadError
from .items import COLLECTIONS, node_refs
from .safe_text import printable
from .schema import Document, LinkKind, Node, NodeKind

SHOWN = 5
"""How many nodes a message lists before saying how many more there are."""


def _describe(node: Node) -> str:
    """A node as a message names it, safe to print (its text cut and its control characters escaped)."""
    return printable(rules.describe(node))


def _listed(parts: list[str]) -> str:
    """The first few of `parts` joined, and how many more (a message stays short)."""
    more = len(parts) - SHOWN
    return ", ".join(parts[:SHOWN]) + (f" and {more:,} more" if more > 0 else "")


def to_document(diagram: Diagram) -> Document:
    """The diagram as a `Document` (nodes in the user's order, links in a canonical order)."""
    return Document(
        info=diagram.info,
        nodes=diagram.nodes(),
        links=diagram.links(),
        compact=diagram.compact,
        **{name: list(diagram.items(name)) for name in COLLECTIONS},
    )


def from_document(doc: Document) -> Diagram:
    """Build a diagram from a document, or raise `LoadError` naming the first broken rule."""
    check_document(doc)
    d = Diagram()
    g = d._g
    for node in doc.nodes:
        g.add_node(node.id, data=node)
    for link in doc.links:
        g.add_edge(link.source, link.target, data=link)
    d._state.order = [n.id for n in doc.nodes]
    for name in COLLECTIONS:
        d._items[name] = list(getattr(doc, name))
    d._info = doc.info
    d._compact = doc.compact
    return d


def check_document(doc: Document) -> None:
    """Raise `LoadError` for the first thing in `doc` that breaks the diagram's rules."""
    nodes = {}
    for i, n in enumerate(doc.nodes):
        if n.id in nodes:
            raise LoadError(f"nodes[{i}]: two nodes have the id {n.id!r}; each id must be unique.")
        nodes[n.id] = n
    where = {n.id: i for i, n in enumerate(doc.nodes)}

    outcomes = [n for n in doc.nodes if n.kind is NodeKind.OUTCOME]
    if not outcomes:
        raise LoadError("The diagram has no outcome; a driver diagram has exactly one.")
    if len(outcomes) > 1:
        listed = _listed([f"{_describe(n)} (nodes[{where[n.id]}])" for n in outcomes])
        raise LoadError(f"The diagram has {len(outcomes):,} outcomes: {listed}; a driver diagram has exactly one.")

    seen: set[tuple[str, str]] = set()
    g = nx.DiGraph()
    for i, link in enumerate(doc.links):
        for end in ("source", "target"):
            ref = getattr(link, end)
            if ref not in nodes:
                raise LoadError(f"links[{i}]: the {end} {ref!r} is not a node in this file (a dangling link).")
        pair = (link.source, link.target)
        if pair in seen or pair[::-1] in seen:
            raise LoadError(f"links[{i}]: {link.source!r} and {link.target!r} are linked twice.")
        seen.add(pair)
        if link.kind is not LinkKind.COUNTERS:
            g.add_edge(*pair, index=i)

    try:
        cycle = nx.find_cycle(g)
    except nx.NetworkXNoCycle:
        cycle = None
    if cycle:
        ring = [u for u, _ in cycle] + [cycle[0][0]]
        if len(ring) > SHOWN + 1:
            ring = [*ring[:SHOWN], "…", ring[-1]]
        path = " → ".join("…" if u == "…" else f"{_describe(nodes[u])} (id {u!r})" for u in ring)
        size = f" of {len(cycle):,} nodes" if len(cycle) > SHOWN else ""
        raise LoadError(f"The links form a cycle{size}: {path}. A driver diagram reads left to right only.")

    for i, link in enumerate(doc.links):
        found = rules.link_kind(nodes[link.source], nodes[link.target])
        if not isinstance(found, LinkKind):
            raise LoadError(f"links[{i}] ({_describe(nodes[link.source])} → {_describe(nodes[link.target])}): {found}")
        if found is not link.kind:
            raise LoadError(
                f"links[{i}]: a link from a {nodes[link.source].kind.label} to a "
                f"{nodes[link.target].kind.label} {found.value}, but the file says {link.kind.value!r}."
            )

    parents = Counter(link.target for link in doc.links if link.kind is LinkKind.DRIVES)
    hinders = Counter(link.source for link in doc.links if link.kind is LinkKind.HINDERS)
    for n in doc.nodes:
        if n.kind in rules.PARENT_KIND and not parents[n.id]:
            raise LoadError(
                f"nodes[{where[n.id]}] ({_describe(n)}, id {n.id!r}) is not linked from any "
                f"{rules.PARENT_KIND[n.kind].label}."
            )
        if n.kind is NodeKind.ANTI_DRIVER and hinders[n.id] != 1:
            raise LoadError(
                f"nodes[{where[n.id]}] ({_describe(n)}, id {n.id!r}) hinders "
                f"{hinders[n.id]} nodes; an anti-driver hinders exactly one."
            )

    for name in COLLECTIONS:
        ids: set[str] = set()
        for i, item in enumerate(getattr(doc, name)):
            if item.id in ids:
                raise LoadError(f"{name}[{i}]: the id {item.id!r} is used twice in {name.replace('_', ' ')}.")
            ids.add(item.id)
            for ref in node_refs(item):
                if ref not in nodes:
                    raise LoadError(f"{name}[{i}] ({item.id!r}) refers to node {ref!r}, which is not in this file.")

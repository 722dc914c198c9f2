"""A driver diagram as GraphML, for yEd, Gephi, Cytoscape or a script (`networkx.read_graphml`).

One directed graph whose node ids are the diagram's ids, nodes and edges in the diagram's
order. Every value is typed (GraphML keys are): what a node does not have is left out
rather than written empty (a reader takes an empty value for none anyway).

    graph  title, mentee, mentor, horizon; heading_outcome, heading_primary,
           heading_secondary, heading_change_idea (the columns' headings as printed)
    node   kind ("primary"), kind_label (the kind in words: "primary driver"), text and label (the
           same text: Gephi and Cytoscape draw a node's "label"), description,
           column (0–3; an anti-driver the column of the node it hinders), order (its place
           among the nodes of its kind in that column), strength (1–5, when set), colour
           ("#rrggbb", when the box has its own), tags and measures (names, joined by "; "),
           measure_count
    edge   kind (drives, hinders, counters), strength (strong, weak)

XML 1.0 cannot hold most control characters: they are removed (a vertical tab or form feed,
Word's line and page breaks, becomes a newline; a carriage return is a newline as every
XML reader makes it), and `left_out` says how many went. The file is UTF-8.

`read_graphml` reads back a file written here (kinds, texts, descriptions, tags, strengths,
colours, links, order, the title and headings); measures, notes and the rest are not in
the file. No Qt.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import networkx as nx

from ..model.compact import default_compact, has_content
from ..model.diagram import Diagram, _first_message
from ..model.document import from_document
from ..model.errors import DiagramError, ImportProblems
from ..model.limits import MAX_LINKS, MAX_NODES
from ..model.outline import Written
from ..model.safe_text import quoted
from ..model.schema import (
    DEFAULT_HEADINGS,
    DRIVER_COLUMNS,
    ColumnHeadings,
    Document,
    DocumentInfo,
    Link,
    LinkKind,
    LinkStrength,
    Node,
    NodeKind,
)

HEADING_KEYS = {kind: f"heading_{kind.value}" for kind in DRIVER_COLUMNS}
"""The graph attribute holding each column's heading ("heading_primary": "Primary drivers")."""
INFO_KEYS = ("title", "mentee", "mentor", "horizon")
TAG_SEPARATOR = "; "

# What XML 1.0 cannot hold: C0 controls but tab, newline and carriage return, the
# surrogates (never a character on their own) and the two non-characters U+FFFE, U+FFFF.
_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("\r\n?|[\x0b\x0c]")


class GraphMLError(ImportProblems):
    """A GraphML file that cannot become a diagram; `problems` name the node or link each."""

    what = "The GraphML file"


@dataclass
class _Cleaner:
    """Makes texts fit for XML 1.0, counting what it had to remove."""

    chars: int = 0
    texts: int = 0

    def __call__(self, text: str) -> str:
        text = _BREAKS.sub("\n", text)
        clean, n = _ILLEGAL.subn("", text)
        if n:
            self.chars += n
            self.texts += 1
        return clean


def write_graphml(d: Diagram) -> Written:
    """The diagram as a GraphML document (UTF-8 text), and what GraphML leaves out, in words."""
    clean = _Cleaner()
    g = _graph(d, clean)
    out = io.BytesIO()
    nx.write_graphml_xml(g, out, encoding="utf-8", prettyprint=True)  # the XML declaration says UTF-8
    return Written(out.getvalue().decode("utf-8").rstrip("\n") + "\n", _left_out(d, clean))


def _graph(d: Diagram, clean: _Cleaner) -> nx.DiGraph:
    g = nx.DiGraph()
    info = d.info
    g.graph.update(_texts({k: clean(getattr(info, k)) for k in INFO_KEYS}))
    g.graph.update({key: clean(info.headings.text(kind)) for kind, key in HEADING_KEYS.items()})

    measures: dict[str, list[str]] = {}
    for m in d.items("measures"):
        measures.setdefault(m.node_id, []).append(clean(m.name))
    places: dict[tuple[NodeKind, int], int] = {}  # (kind, column) -> nodes of it met so far
    for n in d.nodes():
        column = _column(d, n)
        order = places.get((n.kind, column), 0)
        places[(n.kind, column)] = order + 1
        names = measures.get(n.id, [])
        attrs: dict[str, str | int] = {"kind": n.kind.value, "kind_label": n.kind.label, "column": column}
        attrs["order"] = order
        text = clean(n.text)
        attrs |= _texts(
            {
                "label": text,  # what graph tools draw on the node
                "text": text,
                "description": clean(n.description),
                "colour": n.colour,
                "tags": TAG_SEPARATOR.join(clean(t) for t in n.tags),
                "measures": TAG_SEPARATOR.join(names),
            }
        )
        if n.strength is not None:
            attrs["strength"] = n.strength
        attrs["measure_count"] = len(names)
        g.add_node(n.id, **attrs)
    for lk in d.links():  # by source, then target, in the diagram's order: networkx keeps it
        g.add_edge(lk.source, lk.target, kind=lk.kind.value, strength=lk.strength.value)
    return g


def _column(d: Diagram, n: Node) -> int:
    if n.kind.column is not None:
        return n.kind.column
    try:
        column = d.target(n.id).kind.column
    except DiagramError:
        return -1
    return -1 if column is None else column


def _texts(values: dict[str, str]) -> dict[str, str]:
    """The values that are not empty (GraphML reads an empty value back as none)."""
    return {k: v for k, v in values.items() if v}


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _left_out(d: Diagram, clean: _Cleaner) -> list[str]:
    """What the file does not carry, in the users' words with counts (as `outline` says it)."""
    left = []
    measures = d.items("measures")
    if measures:
        points = sum(len(m.data) for m in measures)
        data = f"{_plural(points, 'data point', 'data points')} and " if points else ""
        left.append(
            f"{data}the types, definitions and targets of {_plural(len(measures), 'measure', 'measures')}"
            " (only their names are written)"
        )
    for collection, one, many in (
        ("annotations", "mentor note", "mentor notes"),
        ("meetings", "meeting", "meetings"),
        ("milestones", "milestone", "milestones"),
        ("people", "person", "people"),
        ("parking_lot", "parking-lot item", "parking-lot items"),
    ):
        k = len(d.items(collection))
        if k:
            left.append(_plural(k, one, many))
    if has_content(d.compact):
        left.append("the mentoring compact")
    if clean.chars:
        left.append(
            f"{_plural(clean.chars, 'control character', 'control characters')} that GraphML cannot hold,"
            f" from {_plural(clean.texts, 'text', 'texts')}"
        )
    return left


# ---------------------------------------------------------------------------- reading back
def read_graphml(data: str | bytes) -> Diagram:
    """The diagram in a GraphML file written by `write_graphml` (or one with its attributes);
    `GraphMLError` naming every problem, and nothing built, when it holds none. The caller
    limits the file's size (as `formats.read` does)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        g = nx.read_graphml(io.BytesIO(raw))
    except (ET.ParseError, nx.NetworkXError, ValueError, KeyError, TypeError) as e:  # ValueError: a bad typed value
        raise GraphMLError([f"it is not a GraphML file this app can read ({e})"]) from None
    problems: list[str] = []
    if not g.is_directed():
        problems.append("its graph is undirected; a driver diagram's links go one way")
    if g.is_multigraph():
        problems.append("two nodes are linked more than once; a driver diagram links them once")
    if len(g) > MAX_NODES or g.number_of_edges() > MAX_LINKS:
        problems.append(f"it holds more than {MAX_NODES:,} nodes or {MAX_LINKS:,} links")
    if problems:
        raise GraphMLError(problems)
    nodes = [n for v, attrs in g.nodes(data=True) if (n := _node(v, attrs, problems)) is not None]
    links = [lk for u, v, attrs in g.edges(data=True) if (lk := _link(u, v, attrs, problems)) is not None]
    info = _info(g.graph, problems)
    if problems:
        raise GraphMLError(problems)
    try:
        return from_document(Document(info=info, nodes=nodes, links=links, compact=default_compact()))
    except DiagramError as e:
        raise GraphMLError([str(e)]) from None


def _node(v: str, attrs: dict[str, object], problems: list[str]) -> Node | None:
    where = f"node {quoted(str(v))}"
    kind = attrs.get("kind")
    if kind not in {k.value for k in NodeKind}:
        choices = ", ".join(k.value for k in NodeKind)
        what = "has no kind" if kind is None else f"has the kind {quoted(str(kind))}"
        problems.append(f"{where} {what}; a node is one of {choices}")
        return None
    fields: dict[str, object] = {"id": v, "kind": kind}
    for name in ("text", "description", "colour"):
        if name in attrs:
            fields[name] = str(attrs[name])
    if "tags" in attrs:
        fields["tags"] = [t for t in str(attrs["tags"]).split(TAG_SEPARATOR) if t.strip()]
    if "strength" in attrs:
        fields["strength"] = _whole(attrs["strength"])
    try:
        return Node.model_validate(fields)
    except ValueError as e:
        problems.append(f"{where}: {_first_message(e)}")
        return None


def _whole(value: object) -> object:
    """A strength as a whole number when another tool wrote it as 3.0 or "3"; else as it is
    (the schema then says what is wrong with it)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*[0-9]{1,3}\s*", value):
        return int(value)
    return value


def _link(u: str, v: str, attrs: dict[str, object], problems: list[str]) -> Link | None:
    where = f"the link from {quoted(str(u))} to {quoted(str(v))}"
    kind, strength = attrs.get("kind", "drives"), attrs.get("strength", "strong")
    if kind not in {k.value for k in LinkKind}:
        problems.append(f"{where} has the kind {quoted(str(kind))}; a link drives, hinders or counters")
        return None
    if strength not in {s.value for s in LinkStrength}:
        problems.append(f"{where} has the strength {quoted(str(strength))}; a link is strong or weak")
        return None
    try:
        return Link(source=u, target=v, kind=LinkKind(kind), strength=LinkStrength(strength))
    except ValueError as e:
        problems.append(f"{where}: {_first_message(e)}")
        return None


def _info(graph: dict[str, object], problems: list[str]) -> DocumentInfo:
    fields: dict[str, object] = {k: str(graph[k]) for k in INFO_KEYS if k in graph}
    own = {}
    for kind, key in HEADING_KEYS.items():
        heading = str(graph.get(key, "")).strip()
        own[kind.value] = "" if heading == DEFAULT_HEADINGS[kind] else heading  # the usual one: none of its own
    try:
        return DocumentInfo.model_validate({**fields, "headings": ColumnHeadings.model_validate(own)})
    except ValueError as e:
        problems.append(f"the diagram's details: {_first_message(e)}")
        return DocumentInfo()

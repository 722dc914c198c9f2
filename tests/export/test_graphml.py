"""GraphML for yEd, Gephi, Cytoscape or a script: read back with networkx, the file holds the
diagram's nodes, links and attributes, in its order; texts XML cannot hold still make a valid
file; what GraphML does not carry is named; `read_graphml` rebuilds the diagram."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest

from driverdiagram.export.graphml import GraphMLError, read_graphml, write_graphml
from driverdiagram.model import Diagram, DiagramError, LinkKind, Measure, NodeKind, load
from driverdiagram.model.schema import DRIVER_COLUMNS, ColumnHeadings, DataPoint

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
NS = "{http://graphml.graphdrawing.org/xmlns}"
EXAMPLE_NAMES = ("career.driver", "qi-falls.driver")


def _read(text: str) -> nx.DiGraph:
    return nx.read_graphml(io.BytesIO(text.encode("utf-8")))


def _expected_nodes(d: Diagram) -> dict[str, dict[str, object]]:
    """Each node's attributes as the file should hold them, worked out from the diagram."""
    out: dict[str, dict[str, object]] = {}
    for n in d.nodes():
        column = n.kind.column if n.kind.column is not None else d.target(n.id).kind.column
        assert column is not None
        same = [
            m.id
            for m in d.nodes(n.kind)
            if (m.kind.column if m.kind.column is not None else d.target(m.id).kind.column) == column
        ]
        names = [m.name for m in d.measures_of(n.id)]
        attrs: dict[str, object] = {
            "kind": n.kind.value,
            "kind_label": n.kind.label,
            "label": n.text,
            "text": n.text,
            "description": n.description,
            "column": column,
            "order": same.index(n.id),
            "colour": n.colour,
            "tags": "; ".join(n.tags),
            "measures": "; ".join(names),
            "measure_count": len(names),
        }
        if n.strength is not None:
            attrs["strength"] = n.strength
        out[n.id] = {k: v for k, v in attrs.items() if v != ""}  # empty texts are left out
    return out


@pytest.fixture(scope="module", params=EXAMPLE_NAMES)
def example(request: pytest.FixtureRequest) -> Diagram:
    return load(EXAMPLES / request.param)


def test_every_node_reads_back_with_its_id_in_order_and_every_attribute(example: Diagram) -> None:
    g = _read(write_graphml(example).text)
    assert isinstance(g, nx.DiGraph) and not g.is_multigraph()
    assert list(g.nodes) == [n.id for n in example.nodes()], "the diagram's ids, in its order"
    expected = _expected_nodes(example)
    for nid, attrs in g.nodes(data=True):
        assert attrs == expected[nid]


def test_every_link_reads_back_with_its_kind_and_strength_in_the_diagrams_order(example: Diagram) -> None:
    g = _read(write_graphml(example).text)
    got = [(s, t, a["kind"], a["strength"]) for s, t, a in g.edges(data=True)]
    assert got == [(lk.source, lk.target, lk.kind.value, lk.strength.value) for lk in example.links()]
    assert {k for *_, k, _ in got} == {"drives", "hinders", "counters"}, "the examples have all three"


def test_the_graph_holds_the_details_and_the_headings_as_printed(example: Diagram) -> None:
    g = _read(write_graphml(example).text)
    info = example.info
    assert {k: g.graph[k] for k in ("title", "mentee", "mentor", "horizon")} == {
        "title": info.title,
        "mentee": info.mentee,
        "mentor": info.mentor,
        "horizon": info.horizon,
    }
    assert [g.graph[f"heading_{k.value}"] for k in DRIVER_COLUMNS] == [
        "Outcome",
        "Primary drivers",
        "Secondary drivers",
        "Change ideas",
    ]


def test_the_file_is_utf8_with_its_non_ascii_texts_as_characters(example: Diagram) -> None:
    text = write_graphml(example).text
    assert text.startswith("<?xml version='1.0' encoding='utf-8'?>\n") and text.endswith("</graphml>\n")
    non_ascii = [n.text for n in example.nodes() if not n.text.isascii()]
    assert non_ascii, "the examples have curly quotes and dashes"
    raw = text.encode("utf-8")
    for t in non_ascii:
        assert t.encode("utf-8").replace(b"&", b"&amp;") in raw, "written as UTF-8, not as &#…; references"
    assert "–" in _read(text).graph["horizon"]


def test_anti_drivers_keep_their_strengths_and_stand_in_the_column_they_hinder() -> None:
    d = load(EXAMPLES / "career.driver")
    g = _read(write_graphml(d).text)
    anti = d.nodes(NodeKind.ANTI_DRIVER)
    assert anti
    for a in anti:
        attrs = g.nodes[a.id]
        assert attrs["strength"] == a.strength and isinstance(attrs["strength"], int)
        assert attrs["column"] == d.target(a.id).kind.column
        assert attrs["kind_label"] == "anti-driver" and attrs["label"] == a.text
    hinders = {(s, t) for s, t, k in g.edges(data="kind") if k == "hinders"}
    assert hinders == {(a.id, d.target(a.id).id) for a in anti}


def _small() -> tuple[Diagram, dict[str, str]]:
    d = Diagram.new("Land a faculty post", title="Job hunt", mentee="Zoë", horizon="2026–2027")
    o = d.outcome.id
    p1 = d.add_node(NodeKind.PRIMARY, "Publications", parent=o, strength=4).id
    p2 = d.add_node(NodeKind.PRIMARY, "Network", parent=o).id
    s1 = d.add_node(NodeKind.SECONDARY, "Conference talks", parent=p2).id
    d.connect(p1, s1, strength="weak")  # linked after p2 → s1, but p1 comes first in the diagram
    c1 = d.add_node(NodeKind.CHANGE_IDEA, "Submit to ASCO", parent=s1).id
    a1 = d.add_node(NodeKind.ANTI_DRIVER, "No travel money", parent=s1, strength=2).id
    d.connect(c1, a1)
    a0 = d.add_node(NodeKind.ANTI_DRIVER, "Too few jobs", parent=o, strength=5).id
    d.edit_node(p1, description="Two first-author papers\na year", tags=["research", "writing"], colour="#FFCC00")
    d.add_item("measures", Measure(id="m1", node_id=p1, name="Papers submitted"))
    d.add_item("measures", Measure(id="m2", node_id=p1, name="Citations", data=[DataPoint(date="2026-01-01", value=3)]))
    d.set_info(d.info.but(headings=ColumnHeadings(outcome="Aim", primary="Key drivers")))
    return d, {"o": o, "p1": p1, "p2": p2, "s1": s1, "c1": c1, "a1": a1, "a0": a0}


def test_a_drivers_own_strength_colour_tags_description_and_measures() -> None:
    d, ids = _small()
    g = _read(write_graphml(d).text)
    p1, p2 = g.nodes[ids["p1"]], g.nodes[ids["p2"]]
    assert p1["strength"] == 4 and "strength" not in p2, "no strength: no attribute, never None"
    assert p1["colour"] == "#ffcc00" and "colour" not in p2
    assert p1["tags"] == "research; writing" and p1["description"] == "Two first-author papers\na year"
    assert p1["measures"] == "Papers submitted; Citations" and p1["measure_count"] == 2
    assert p2["measure_count"] == 0 and "measures" not in p2 and "tags" not in p2
    assert [g.graph[f"heading_{k.value}"] for k in DRIVER_COLUMNS] == [
        "Aim",
        "Key drivers",
        "Secondary drivers",
        "Change ideas",
    ]
    assert g.graph["mentee"] == "Zoë" and "mentor" not in g.graph


def test_columns_and_orders_count_within_a_kind_in_a_column() -> None:
    d, ids = _small()
    g = _read(write_graphml(d).text)
    col_order = {k: (g.nodes[v]["column"], g.nodes[v]["order"]) for k, v in ids.items()}
    assert col_order == {
        "o": (0, 0),
        "p1": (1, 0),
        "p2": (1, 1),
        "s1": (2, 0),
        "c1": (3, 0),
        "a1": (2, 0),
        "a0": (0, 0),
    }


def test_edges_follow_the_diagrams_order_not_the_order_they_were_made_in() -> None:
    d, ids = _small()
    g = _read(write_graphml(d).text)
    edges = list(g.edges)
    assert edges == [(lk.source, lk.target) for lk in d.links()]
    assert edges.index((ids["p1"], ids["s1"])) < edges.index((ids["p2"], ids["s1"]))
    assert g.edges[ids["p1"], ids["s1"]]["strength"] == "weak"
    assert g.edges[ids["c1"], ids["a1"]]["kind"] == "counters"


def test_every_value_is_typed_and_no_data_element_is_empty() -> None:
    d, _ = _small()
    root = ET.fromstring(write_graphml(d).text.encode("utf-8"))
    keys = {k.get("id"): (k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in root.iter(f"{NS}key")}
    assert all(t in ("string", "long") for _, _, t in keys.values())
    types = {(scope, name): t for scope, name, t in keys.values()}
    assert types[("node", "strength")] == "long" and types[("edge", "strength")] == "string"
    assert types[("node", "column")] == types[("node", "order")] == types[("node", "measure_count")] == "long"
    assert len(types) == len(keys), "one key for each name in each scope"
    for data in root.iter(f"{NS}data"):
        assert data.get("key") in keys and data.text, "an empty value is left out, not written"


def test_texts_xml_cannot_hold_still_make_a_valid_file_and_are_counted() -> None:
    d = Diagram.new("Aim\x01 with a bell\x07 and an escape\x1b[2J", title="Plan\x00 B", mentor="Dr\x08 Who")
    p = d.add_node(NodeKind.PRIMARY, "Line one\x0bline two\r\nthree\rfour\tand a tab", parent=d.outcome.id)
    d.edit_node(p.id, description="Page\x0cbreak", tags=["a\x02b"])
    d.add_item("measures", Measure(id="m1", node_id=p.id, name="Count\x03s"))
    d.add_node(NodeKind.SECONDARY, 'Fine: ünïcödé, 中文, emoji 🎯 and <tags> & "quotes"', parent=p.id)
    w = write_graphml(d)
    ET.fromstring(w.text.encode("utf-8"))  # a strict XML 1.0 parser takes it
    g = _read(w.text)
    assert g.nodes[d.outcome.id]["text"] == "Aim with a bell and an escape[2J"
    node = g.nodes[p.id]
    assert node["text"] == "Line one\nline two\nthree\nfour\tand a tab", "Word's line break and CR are newlines"
    assert node["description"] == "Page\nbreak" and node["tags"] == "ab" and node["measures"] == "Counts"
    assert g.graph["title"] == "Plan B" and g.graph["mentor"] == "Dr Who"
    secondary = d.nodes(NodeKind.SECONDARY)[0]
    assert g.nodes[secondary.id]["text"] == secondary.text, "ordinary Unicode and markup characters are kept"
    assert "7 control characters that GraphML cannot hold, from 5 texts" in w.left_out


def test_a_diagram_with_nothing_beside_its_graph_leaves_nothing_out() -> None:
    d, _ = _small()
    assert write_graphml(Diagram.new("Aim")).left_out == []
    assert write_graphml(d).left_out == [
        "1 data point and the types, definitions and targets of 2 measures (only their names are written)"
    ]


def test_what_graphml_does_not_carry_is_named_with_counts() -> None:
    d = load(EXAMPLES / "career.driver")
    left = write_graphml(d).left_out
    points = sum(len(m.data) for m in d.items("measures"))
    assert left == [
        f"{points} data points and the types, definitions and targets of {len(d.items('measures'))} measures"
        " (only their names are written)",
        f"{len(d.items('annotations'))} mentor notes",
        f"{len(d.items('meetings'))} meetings",
        f"{len(d.items('milestones'))} milestones",
        f"{len(d.items('people'))} people",
        f"{len(d.items('parking_lot'))} parking-lot items",
        "the mentoring compact",
    ]


def test_writing_leaves_the_diagram_as_it_was() -> None:
    d, _ = _small()
    before = (d.revision, d.nodes(), d.links(), d.info)
    write_graphml(d)
    assert (d.revision, d.nodes(), d.links(), d.info) == before


# ------------------------------------------------------------------------- read_graphml
def test_read_graphml_rebuilds_the_examples(example: Diagram) -> None:
    back = read_graphml(write_graphml(example).text)
    assert back.order == example.order
    assert back.nodes() == example.nodes(), "kinds, texts, descriptions, tags, strengths, colours"
    assert back.links() == example.links()
    assert back.info.but(created=None, modified=None) == example.info.but(created=None, modified=None)
    assert back.items("measures") == (), "measures are not in the file"


def test_read_graphml_keeps_own_headings_and_reads_bytes() -> None:
    d, _ = _small()
    back = read_graphml(write_graphml(d).text.encode("utf-8"))
    assert back.info.headings == ColumnHeadings(outcome="Aim", primary="Key drivers")
    assert back.nodes() == d.nodes() and back.links() == d.links()
    back.add_node(NodeKind.PRIMARY, "a new driver", parent=back.outcome.id)  # a working diagram


def _graphml(g: nx.DiGraph | nx.Graph) -> str:
    return "\n".join(nx.generate_graphml(g))


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "not a GraphML file"),
        ("not xml at all", "not a GraphML file"),
        ("<graphml><graph><node id='a'><data key='nokey'>x</data></node></graph></graphml>", "not a GraphML file"),
        (_graphml(nx.path_graph(2)), "undirected"),
        (_graphml(nx.path_graph(2, create_using=nx.DiGraph)), "node '0' has no kind"),
    ],
)
def test_read_graphml_refuses_what_is_not_a_diagram(text: str, says: str) -> None:
    with pytest.raises(GraphMLError, match=says) as caught:
        read_graphml(text)
    assert isinstance(caught.value, DiagramError) and "nothing was imported" in str(caught.value)


def _edited(mutate: Callable[[nx.DiGraph, dict[str, str]], None]) -> tuple[str, dict[str, str]]:
    """The small diagram's GraphML after `mutate` changed its graph, as another tool might."""
    d, ids = _small()
    g = _read(write_graphml(d).text)
    mutate(g, ids)
    for key in ("node_default", "edge_default"):
        g.graph.pop(key, None)
    return _graphml(g), ids


def test_read_graphml_names_every_bad_node_and_link() -> None:
    def mutate(g: nx.DiGraph, ids: dict[str, str]) -> None:
        g.nodes[ids["p1"]]["kind"] = "tertiary"
        g.nodes[ids["a1"]]["strength"] = 9
        g.edges[ids["o"], ids["p2"]]["kind"] = "feeds"
        g.edges[ids["p1"], ids["s1"]]["strength"] = "medium"

    with pytest.raises(GraphMLError) as caught:
        read_graphml(_edited(mutate)[0])
    problems = caught.value.problems
    assert len(problems) == 4
    assert any("'tertiary'" in p for p in problems) and any("strength" in p and "5" in p for p in problems)
    assert any("'feeds'" in p for p in problems) and any("'medium'" in p for p in problems)


def test_read_graphml_refuses_a_graph_that_breaks_the_diagrams_rules() -> None:
    def orphan(g: nx.DiGraph, ids: dict[str, str]) -> None:
        g.remove_edge(ids["s1"], ids["c1"])

    with pytest.raises(GraphMLError, match="not linked from any secondary driver"):
        read_graphml(_edited(orphan)[0])

    def backwards(g: nx.DiGraph, ids: dict[str, str]) -> None:
        g.add_edge(ids["c1"], ids["p1"], kind="drives", strength="strong")

    with pytest.raises(GraphMLError):
        read_graphml(_edited(backwards)[0])


def test_read_graphml_takes_strengths_another_tool_wrote_as_text_or_decimals() -> None:
    def retype(g: nx.DiGraph, ids: dict[str, str]) -> None:
        g.nodes[ids["a1"]]["strength"] = "2"
        g.nodes[ids["a0"]]["strength"] = 5.0
        del g.edges[ids["o"], ids["p1"]]["kind"]  # no kind: a link drives

    text, ids = _edited(retype)
    back = read_graphml(text)
    assert back.node(ids["a1"]).strength == 2 and back.node(ids["a0"]).strength == 5
    assert back.link(ids["o"], ids["p1"]).kind is LinkKind.DRIVES

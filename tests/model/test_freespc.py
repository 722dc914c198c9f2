"""The CSV of the NHS FreeSPC web driver-diagram-tool, both ways."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path

import pytest

from driverdiagram.model import Diagram, LinkKind, NodeKind, load
from driverdiagram.model.freespc import HEADER, FreeSPCError, decode_csv, read_freespc, write_freespc
from driverdiagram.model.schema import ColumnHeadings

from .conftest import assert_valid, build_sample

K = NodeKind
DATA = Path(__file__).parent / "data" / "freespc"
EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
SETTINGS = "32,8,13,,0,Aim,Key drivers,Secondary drivers,Change ideas,[]"  # box_height … palette_json


def texts(d: Diagram, kind: NodeKind) -> list[str]:
    return [n.text for n in d.nodes(kind)]


def parents(d: Diagram) -> dict[str, set[str]]:
    """Each box's text -> the texts of the boxes it hangs from."""
    return {n.text: {p.text for p in d.parents(n.id)} for n in d.nodes() if d.parents(n.id)}


def row(*cells: str) -> str:
    """A full row of the tool's 18 columns: id, level, parent_id, text, color, extra_parents, measures_json."""
    rid, level, parent, text, colour, extra, measures = (list(cells) + [""] * 7)[:7]
    out = io.StringIO()
    cells = [rid, level, parent, text, colour, "0", extra, *SETTINGS.split(","), measures]
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


def problems_of(text: str) -> list[str]:
    with pytest.raises(FreeSPCError) as e:
        read_freespc(text)
    assert "nothing was imported" in str(e.value)
    return e.value.problems


# ------------------------------------------------------------------------------------------ reading
def test_a_tool_csv_becomes_columns_in_row_order_with_many_to_many_links() -> None:
    got = read_freespc(decode_csv((DATA / "falls.csv").read_bytes()), title="Falls")
    d = got.diagram
    assert_valid(d)
    assert d.outcome.text == "Reduce falls with harm on Ward 7 by 50% by March 2027"
    assert d.info.title == "Falls"
    assert texts(d, K.PRIMARY) == [
        "Safe ward environment",
        "Reliable falls risk assessment",
        "Staff knowledge and teamwork",
    ]
    assert texts(d, K.SECONDARY) == [
        "Delirium prevention and early detection",
        "Scheduled toileting and purposeful rounding",
        "The right equipment at the bedside",
    ]
    families, footwear = (
        "Invite families to stay with confused patients (open visiting)",
        "Non-slip footwear check on admission",
    )
    assert texts(d, K.CHANGE_IDEA) == [families, footwear, "Hourly rounding with a script"]
    links = parents(d)
    assert links["Delirium prevention and early detection"] == {
        "Reliable falls risk assessment",
        "Staff knowledge and teamwork",
    }
    assert links["Scheduled toileting and purposeful rounding"] == {
        "Safe ward environment",
        "Staff knowledge and teamwork",
    }
    three = {"Delirium prevention and early detection", "Scheduled toileting and purposeful rounding"}
    three.add("The right equipment at the bedside")
    assert links[families] == three  # parent_id 5, extra_parents "6;7"
    assert links[footwear] == three  # parent_id 7, extra_parents "5,6"
    assert len(d.links()) == 3 + 5 + 7


def test_colours_headings_and_measures_come_in_and_type_none_becomes_process() -> None:
    got = read_freespc(decode_csv((DATA / "falls.csv").read_bytes()))
    d = got.diagram
    colour = {n.text: n.colour for n in d.nodes()}
    assert colour[d.outcome.text] == "#ffc281"
    assert colour["Safe ward environment"] == "#ffd700"  # gold
    assert colour["Staff knowledge and teamwork"] == "#99ccff"  # #9cf
    assert colour["Scheduled toileting and purposeful rounding"] == "#c8e6ff"  # rgb(200, 230, 255)
    assert colour["Reliable falls risk assessment"] == ""
    # the tool's titles: "Aim" and "Key drivers" are the diagram's own, the other two are the usual ones
    assert d.info.headings == ColumnHeadings(outcome="Aim", primary="Key drivers")
    assert [d.info.headings.text(k) for k in (K.OUTCOME, K.PRIMARY, K.SECONDARY, K.CHANGE_IDEA)] == [
        "Aim",
        "Key drivers",
        "Secondary drivers",
        "Change ideas",
    ]
    on = {(d.node(m.node_id).text, m.name, m.type.value) for m in d.items("measures")}
    assert on == {
        (d.outcome.text, "Falls with harm per 1,000 bed days", "outcome"),
        ("Reliable falls risk assessment", "% of patients assessed within 6 hours", "process"),
        ("Scheduled toileting and purposeful rounding", "Nurse time per shift on rounding", "balancing"),
        ("Hourly rounding with a script", "% of hourly rounds done", "process"),
        ("Hourly rounding with a script", "Staff feedback on the script", "process"),
    }
    assert got.warnings == ["1 measure had no type (row 11): imported as process measures"]


def test_a_bom_unknown_columns_and_extra_or_missing_cells_are_fine() -> None:
    text = "\ufeffnotes,ID,Level,text,owner,parent_id\n"
    text += "x,1,aim,Consultant post by 2028,me\n"  # parent_id and its cell missing: empty
    text += "y,2,primary,Clinical skills,me,1,surplus,cells\n"
    for data in (text.encode("utf-8"), text.encode("utf-8").removeprefix(b"\xef\xbb\xbf")):
        d = read_freespc(decode_csv(data)).diagram
        assert d.outcome.text == "Consultant post by 2028"
        assert parents(d) == {"Clinical skills": {"Consultant post by 2028"}}
    d = read_freespc(text).diagram  # the BOM kept in a text decoded without -sig
    assert texts(d, K.PRIMARY) == ["Clinical skills"]


def test_only_id_level_and_text_make_an_aim() -> None:
    got = read_freespc("id,level,text\r\n1,aim,Be a consultant by 2028\r\n")
    assert [(n.kind, n.text) for n in got.diagram.nodes()] == [(K.OUTCOME, "Be a consultant by 2028")]
    assert got.warnings == [] and got.diagram.info.headings == ColumnHeadings()


def test_a_semicolon_csv_from_european_excel_imports_too() -> None:
    d = read_freespc('id;level;parent_id;text\n1;aim;;Aim\n2;primary;1;"Teaching; supervision"\n').diagram
    assert texts(d, K.PRIMARY) == ["Teaching; supervision"]


def test_ids_that_do_not_fit_are_replaced_and_their_links_kept() -> None:
    long = "x" * 80
    text = f"id,level,parent_id,text\nmy aim,aim,,A\n{long},primary,my aim,P\nrow3,secondary,{long},S\n"
    d = read_freespc(text).diagram
    assert parents(d) == {"P": {"A"}, "S": {"P"}}
    assert all(len(n.id) <= 64 and " " not in n.id for n in d.nodes())


def test_what_is_kept_but_changed_is_a_warning_naming_the_row() -> None:
    text = "id,level,parent_id,text,color,box_height,font_family\n1,aim,,A,,60,Arial\n"
    text += "2,primary,1,P,blurple\n3,secondary,2,\n"
    got = read_freespc(text)
    assert got.diagram.nodes(K.PRIMARY)[0].colour == ""
    assert got.warnings == [
        "row 3: 'blurple' is not a colour, so the box keeps the usual colour of a primary driver",
        "the CSV's box height, gap and font were not kept: here boxes fit their text, in one font",
        "row 4 had no text: imported as empty boxes",
    ]


def test_a_one_megabyte_text_is_cut_and_the_csv_limit_put_back() -> None:
    before = csv.field_size_limit()
    t0 = time.perf_counter()
    got = read_freespc(f'id,level,text\n1,aim,"{"é" * 1_000_000}"\n')
    assert time.perf_counter() - t0 < 2
    assert len(got.diagram.outcome.text) == 20_000
    assert got.warnings == ["row 2: the text is 1,000,000 characters long; only its first 20,000 were kept"]
    assert csv.field_size_limit() == before


def test_five_thousand_rows_import_quickly_in_their_order() -> None:
    lines = [HEADER, row("a", "aim", "", "Aim")]
    lines += [row(f"p{i}", "primary", "a", f"P{i}") for i in range(20)]
    lines += [row(f"s{i}", "secondary", f"p{i % 20}", f"S{i}", "", f"p{(i + 1) % 20}") for i in range(979)]
    lines += [row(f"c{i}", "change", f"s{i % 979}", f"C{i}") for i in range(4000)]
    t0 = time.perf_counter()
    d = read_freespc("\n".join(lines)).diagram
    assert time.perf_counter() - t0 < 10
    assert len(d) == 5000
    assert texts(d, K.CHANGE_IDEA)[:3] == ["C0", "C1", "C2"] and texts(d, K.CHANGE_IDEA)[-1] == "C3999"
    assert parents(d)["S5"] == {"P5", "P6"}


# -------------------------------------------------------------------------------------- bad input
H = "id,level,parent_id,text,extra_parents,measures_json\n"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("id,level\n1,aim\n", "row 1: the header has no 'text' column"),
        ("name,level,words\n", "row 1: the header has no 'id' and 'text' columns"),
        (H, "the CSV has a header but no rows"),
        ("", "the CSV is empty"),
        (H + "1,aim,,A\n2,tertiary,1,T\n", "row 3: level 'tertiary' is not one of aim, primary, secondary, change"),
        (H + "1,aim,,A\n,primary,1,P\n", "row 3: no id; each row needs one"),
        (H + "1,aim,,A\n2,primary,99,P\n", "row 3: the parent '99' of primary driver 'P' is not the id of any row"),
        (H + "1,aim,,A\n2,primary,1,P\n3,secondary,2,S,9\n", "row 4: the parent '9' of secondary driver 'S'"),
        (H + "1,aim,,A\n2,primary,1,P\n2,primary,1,Q\n", "row 4: the id '2' is already row 3's"),
        (
            H + "1,aim,,A\n2,primary,1,P\n3,secondary,4,S\n4,change,3,C\n",
            "row 4: secondary driver 'S' hangs from row 5, a change idea; a secondary driver's parent is a primary"
            " driver, one column to its left",
        ),
        (
            H + "1,aim,,A\n2,primary,1,P\n3,change,2,C\n",
            "row 4: change idea 'C' hangs from row 3, a primary driver; a change idea's parent is a secondary driver",
        ),
        (H + "1,aim,,A\n2,primary,1,P\n3,secondary,3,S\n", "row 4: secondary driver 'S' is its own parent"),
        (H + "1,aim,,A\n2,aim,,Another\n", "row 3: a second aim, 'Another'; a diagram has one (row 2)"),
        (H + "2,primary,,P\n", "no row is the aim: one row needs the level 'aim'"),
        (H + "1,aim,,A\n2,primary,,P\n", "row 3: primary driver 'P' has no parent_id; give it the aim's id"),
        (H + "1,aim,2,A\n2,primary,1,P\n", "row 2: the aim has a parent ('2'); the aim is the start of the diagram"),
        (H + "1,aim,,A,,[oops\n", "row 2: measures_json is not JSON (Expecting value at character 2)"),
        (H + '1,aim,,A,,"{""text"": ""x""}"\n', "row 2: measures_json should be a list like [{"),
        (H + '1,aim,,A,,"[{""type"": ""outcome""}]"\n', "row 2: measure 1 in measures_json has no text"),
        (
            H + '1,aim,,A,,"[{""type"": ""none"", ""text"": ""a""}, {""type"": ""weird"", ""text"": ""b""}]"\n',
            "row 2: measure 2 has the type 'weird'; its type is outcome, process, balancing or none",
        ),
        (H + '1,aim,,A,,"[""just a text""]"\n', "row 2: measure 1 in measures_json is the text 'just a text'"),
        (H + '1,aim,,A\n2,primary,1,"P\n', "row 3: a quoted cell is never closed"),
        (H + '1,aim,,A\n2,primary,1,"P" and more\n', "row 3: a cell has text after its closing '\"'"),
        # a blank line is a row of the spreadsheet, and a cell over two lines is one row
        (H + '1,aim,,"The aim,\nover two lines"\n\n2,primary,7,P\n', "row 4: the parent '7' of primary driver 'P'"),
    ],
)
def test_every_bad_input_is_reported_with_its_row_and_nothing_is_imported(text: str, says: str) -> None:
    assert any(p.startswith(says) for p in problems_of(text)), problems_of(text)


def test_a_loop_of_parents_is_named_with_its_rows() -> None:
    found = problems_of(H + "1,aim,,A\n2,primary,3,P\n3,secondary,2,S\n")
    assert "rows 3 and 4 are each other's parents, round in a loop" in found
    assert found[0].startswith("row 3: primary driver 'P' hangs from row 4, a secondary driver")


def test_every_problem_is_listed_at_once() -> None:
    with pytest.raises(FreeSPCError) as e:
        read_freespc(H + "1,aim,,A\n2,primary,1,P,,[\n3,bogus,1,B\n4,change,2,C\n")
    assert str(e.value).startswith("The CSV has 3 problems; nothing was imported:\n  row 3: measures_json")
    assert [p.split(":")[0] for p in e.value.problems] == ["row 3", "row 4", "row 5"]


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "falls.csv is empty"),
        (b" \r\n\r\n", "falls.csv is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "falls.csv is not text (it holds binary data)"),
        (b"PK\x03\x04\x14\x00\x06\x00", "falls.csv is a workbook (.xlsx)"),
        ("id,level,text\n1,aim,A\n".encode("utf-16"), "falls.csv is UTF-16 text: save it as 'CSV UTF-8"),
        (
            b"id,level,text\n1,aim,Caf\xe9 rota\n",
            "line 2: not UTF-8 text (byte 24 is 0xE9); save the CSV as 'CSV UTF-8'",
        ),
    ],
)
def test_a_file_that_is_no_utf8_csv_says_why(data: bytes, says: str) -> None:
    with pytest.raises(FreeSPCError) as e:
        decode_csv(data, "falls.csv")
    assert e.value.problems[0].startswith(says), e.value.problems


# ------------------------------------------------------------------------------------------ writing
def test_writing_gives_the_tools_header_and_a_row_per_box_column_by_column() -> None:
    d = build_sample()
    d.edit_node("P1", colour="#ffd700")
    d.edit_node("S2", colour="#123456")
    d.edit_node("C2", colour="#ffd700")
    written = write_freespc(d)
    lines = written.text.split("\r\n")
    assert lines[0] == HEADER and lines[-1] == ""
    rows = list(csv.DictReader(io.StringIO(written.text)))
    assert [(r["id"], r["level"], r["parent_id"], r["extra_parents"]) for r in rows] == [
        ("O", "aim", "", ""),
        ("P1", "primary", "O", ""),
        ("P2", "primary", "O", ""),
        ("S1", "secondary", "P1", ""),
        ("S2", "secondary", "P1", "P2"),
        ("C1", "change", "S1", ""),
        ("C2", "change", "S2", ""),
    ]
    assert [r["color"] for r in rows] == ["", "#ffd700", "", "", "#123456", "", "#ffd700"]
    assert json.loads(rows[0]["palette_json"]) == [
        {"label": "gold", "value": "#ffd700"},
        {"label": "#123456", "value": "#123456"},
    ]
    assert json.loads(rows[3]["measures_json"]) == [{"type": "process", "text": "Courses done"}]
    assert json.loads(rows[2]["measures_json"]) == [{"type": "balancing", "text": "Hours of sleep"}]
    assert {(r["title_aim"], r["title_primary"], r["title_secondary"], r["title_change"]) for r in rows} == {
        ("Outcome", "Primary drivers", "Secondary drivers", "Change ideas")
    }
    assert {(r["box_height"], r["vertical_gap"], r["font_size"], r["font_family"], r["font_bold"]) for r in rows} == {
        ("32", "8", "13", "", "0")
    }
    assert written.left_out == [
        "2 anti-drivers (barriers)",
        "1 link from a change idea to the barrier it counters",
        "the dashed line of 1 weak link (the CSV draws every link solid)",
        "2 notes",
        "1 person on the network",
        "1 milestone",
        "1 parking-lot item",
        "the diagram's title and mentee",
    ]


@pytest.mark.parametrize("name", ["career.driver", "qi-falls.driver"])
def test_an_example_goes_out_and_back_in_with_its_structure(name: str) -> None:
    d = load(EXAMPLES / name)
    d.set_info(d.info.but(headings=ColumnHeadings(outcome="Aim", change_idea="What we will try")))
    for node, colour in zip(d.nodes(K.SECONDARY)[:3], ["#ffcc00", "#99ccff", "#ffcc00"], strict=True):
        d.edit_node(node.id, colour=colour)
    written = write_freespc(d)
    back = read_freespc(written.text).diagram
    assert_valid(back)
    for kind in (K.OUTCOME, K.PRIMARY, K.SECONDARY, K.CHANGE_IDEA):
        assert texts(back, kind) == texts(d, kind), kind
        assert [n.colour for n in back.nodes(kind)] == [n.colour for n in d.nodes(kind)]
    assert back.nodes(K.ANTI_DRIVER) == []
    drives = {(lk.source, lk.target) for lk in d.links() if lk.kind is LinkKind.DRIVES}
    assert {(lk.source, lk.target) for lk in back.links()} == drives
    assert back.info.headings == d.info.headings
    for n in back.nodes():
        assert [(m.name, m.type) for m in back.measures_of(n.id)] == [(m.name, m.type) for m in d.measures_of(n.id)]
    on_anti = sum(len(d.measures_of(n.id)) for n in d.nodes(K.ANTI_DRIVER))
    assert len(back.items("measures")) == len(d.items("measures")) - on_anti
    assert write_freespc(back).text == written.text  # nothing more is lost the second time
    anti = len(d.nodes(K.ANTI_DRIVER))
    assert written.left_out[0] == f"{anti} anti-drivers (barriers)"
    if name == "career.driver":
        assert {"5 notes", "12 milestones", "3 meetings", "the compact"} <= set(written.left_out)
        assert "the dashed line of 7 weak links (the CSV draws every link solid)" in written.left_out

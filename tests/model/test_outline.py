"""A diagram as a Markdown or plain outline, both ways (issue 15, first part)."""

from __future__ import annotations

from pathlib import Path

import pytest

from driverdiagram.model import LinkKind, NodeKind, persistence
from driverdiagram.model.outline import OutlineError, decode, read_outline, write_outline

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"

MARKDOWN = """- Aim: Promoted to associate professor by June 2030
  - Research skills
    - Barrier (4/5): Impostor syndrome
    - Protected research time
      - Block Friday mornings for writing
      - Measure (process): Protected writing hours per week
      - Join a writing group
        - Counters: Impostor syndrome
  - Publications and grants
    - Protected research time (weak)
    - Grant-writing skills
"""


def test_a_markdown_outline_becomes_columns_links_barriers_and_measures() -> None:
    d = read_outline(MARKDOWN)
    assert d.outcome.text == "Promoted to associate professor by June 2030"
    assert [n.text for n in d.nodes(NodeKind.PRIMARY)] == ["Research skills", "Publications and grants"]
    assert [n.text for n in d.nodes(NodeKind.SECONDARY)] == ["Protected research time", "Grant-writing skills"]
    shared = d.nodes(NodeKind.SECONDARY)[0].id
    parents = {lk.source: lk.strength.value for lk in d.links() if lk.target == shared}
    assert len(parents) == 2 and sorted(parents.values()) == ["strong", "weak"], "a second parent, not a copy"
    (barrier,) = d.nodes(NodeKind.ANTI_DRIVER)
    assert barrier.strength == 4
    assert any(lk.kind is LinkKind.COUNTERS and lk.target == barrier.id for lk in d.links())
    (m,) = d.items("measures")
    assert m.name == "Protected writing hours per week" and m.node_id == shared


def test_a_heading_above_the_aim_is_the_title_else_the_name_given() -> None:
    assert read_outline("# Becoming a PI\n\n- Aim: funded by 2030\n  - Grants\n", title="plan").info.title == (
        "Becoming a PI"
    )
    assert read_outline("- Aim: funded by 2030\n  - Grants\n", title="plan").info.title == "plan"
    assert read_outline("- Aim: funded by 2030\n  # a note to self\n  - Grants\n", title="plan").info.title == "plan"


def test_a_plain_outline_pasted_from_a_notes_app_imports_too() -> None:
    plain = "Funded as an independent investigator\n\tResearch\n\t\tA pilot study\n\t\t\tApply for the pilot grant\n"
    plain += "\tBalance\n\t\tEvenings without e-mail\n"
    d = read_outline(plain)
    assert [n.text for n in d.nodes(NodeKind.CHANGE_IDEA)] == ["Apply for the pilot grant"]
    assert [n.text for n in d.nodes(NodeKind.SECONDARY)] == ["A pilot study", "Evenings without e-mail"]


@pytest.mark.parametrize("name", ["career.driver", "qi-falls.driver"])
def test_an_example_goes_out_and_back_in_with_its_structure(name: str) -> None:
    d = persistence.load(EXAMPLES / name)
    written = write_outline(d)
    back = read_outline(written.text)
    for kind in NodeKind:  # (a node with several parents comes where it is first written)
        assert sorted(n.text for n in back.nodes(kind)) == sorted(n.text for n in d.nodes(kind)), kind
    assert [n.text for n in back.nodes(NodeKind.PRIMARY)] == [n.text for n in d.nodes(NodeKind.PRIMARY)]
    assert len(back.links()) == len(d.links())
    assert back.info.title == d.info.title and written.text.startswith(f"# {d.info.title}\n\n- Aim: ")
    assert sorted(m.name for m in back.items("measures")) == sorted(m.name for m in d.items("measures"))
    once = write_outline(back).text  # from then on the outline is its own fixed point
    assert write_outline(read_outline(once)).text == once
    if name == "career.driver":
        assert "5 notes" in written.left_out and any("data points" in x for x in written.left_out)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("- aim\n- a second aim\n", "line 2: 'a second aim' is level with the aim"),
        ("- aim\n  - p\n    - s\n      - c\n        - deeper\n", "line 5: 'deeper' is deeper than the change ideas"),
        ("- aim\n  - Barrier (9/5): x\n", "line 2: a barrier's strength is 1 to 5, not 9"),
        ("- aim\n  - Measure (weird): y\n", "line 2: a measure is an outcome, process or balancing measure"),
        ("- aim\n  - p\n    - Counters: x\n", "line 3: only a change idea counters a barrier"),
        ("- aim\n  - p\n    - s\n      - c\n        - Counters: nothing\n", "line 5: no barrier in the outline"),
    ],
)
def test_every_problem_is_reported_with_its_line_and_nothing_is_imported(text: str, says: str) -> None:
    with pytest.raises(OutlineError) as e:
        read_outline(text)
    assert says in str(e.value) and "nothing was imported" in str(e.value)


@pytest.mark.parametrize(
    ("data", "says"),
    [(b"", "is empty"), (b"\x00\x01PK", "not text"), (b"- aim\n  - caf\xe9\n", "line 2: not UTF-8")],
)
def test_an_empty_binary_or_wrongly_encoded_file_says_so(data: bytes, says: str) -> None:
    with pytest.raises(OutlineError, match=says):
        decode(data, "plan.md")
    assert decode("\ufeff- aim\n".encode()) == "- aim\n", "a UTF-8 byte-order mark is accepted"

"""Showing a file's text: control characters escaped, ordinary Unicode kept, long values cut."""

from __future__ import annotations

import pytest

from driverdiagram.model import Diagram, DocumentInfo, to_document
from driverdiagram.model.safe_text import describe_value, displayable, printable, quoted, shorten


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[2J\x1b[H", "\\x1b[2J\\x1b[H"),  # clear the screen
        ("\x1b]0;owned\x07", "\\x1b]0;owned\\x07"),  # retitle the terminal
        ("aim\nplan.driver: valid driver diagram", "aim\\nplan.driver: valid driver diagram"),
        ("a\rb\tc\x00d\x7fe\x9bf", "a\\rb\\tc\\x00d\\x7fe\\x9bf"),
        ("abc\u202edcba", "abc\\u202edcba"),  # right-to-left override ("Trojan Source")
        ("line\u2028sep", "line\\u2028sep"),
        ("half \ud800 pair", "half \\ud800 pair"),  # cannot even be printed raw
    ],
)
def test_printable_escapes_what_a_terminal_would_obey(text: str, shown: str) -> None:
    assert printable(text) == shown
    assert printable(shown) == shown, "escaping twice changes nothing"
    shown.encode("utf-8")  # always printable on a UTF-8 terminal


def test_printable_keeps_ordinary_unicode_and_html() -> None:
    text = "Statistik für Ärzt:innen 📊 研究 – “quoted” <script>alert(1)</script> &amp; \\x1b"
    assert printable(text) == text


def test_shorten_and_quoted_cut_long_values() -> None:
    assert shorten("abc", 5) == "abc"
    assert shorten("x" * 200) == "x" * 79 + "…"
    assert len(shorten("x" * 5_000_000)) == 80
    assert quoted("x" * 5_000_000) == "'" + "x" * 79 + "…'"
    assert quoted("\x1b[2J") == "'\\x1b[2J'"


@pytest.mark.parametrize(
    ("value", "described"),
    [("3", "the text '3'"), (True, "true"), (None, "null"), (3.0, "3.0"), ([1], "a list"), ({}, "an object")],
)
def test_describe_value_speaks_json(value: object, described: str) -> None:
    assert describe_value(value) == described


def test_displayable_escapes_every_text_of_a_document() -> None:
    d = Diagram.new("Aim\x1b[2J\nfake line")
    d.set_info(DocumentInfo(title="T\x07", mentee="M\u202e"))
    d.add_node("primary", "P\x1b", parent=d.outcome.id, id="p1")
    doc = displayable(to_document(d))
    assert doc.info.title == "T\\x07" and doc.info.mentee == "M\\u202e"
    texts = {n.id: n.text for n in doc.nodes}
    assert texts["p1"] == "P\\x1b"
    assert texts[d.outcome.id] == "Aim\\x1b[2J\\nfake line"
    assert [n.kind for n in doc.nodes] == [n.kind for n in to_document(d).nodes], "kinds are not texts"

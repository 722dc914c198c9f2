"""A schema problem in the users' words: what is wrong, where, and what the file holds there.

Pydantic says "Input should be a valid integer" or "Datetimes provided to dates should have
zero time"; a user needs "nodes[3] (id 'A1').strength: should be a whole number from 1
(weak) to 5 (strong), not the text '3'". `explain` turns one pydantic error into such a
sentence (the model's own validators already speak the users' words and are kept), and
`describe_validation_error` locates the first one in the raw JSON.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from .safe_text import describe_value, printable, quoted, shorten

_STRENGTH = "a whole number from 1 (weak) to 5 (strong)"

# pydantic error type -> what is wrong, said of the value at that place
_SAYS = {
    "missing": "is missing (it is required)",
    "extra_forbidden": "is not something a driver diagram holds (a misspelt name, or a file from another program?)",
    "string_type": "should be a text in double quotes",
    "string_unicode": "holds a broken character (half of a surrogate pair, like \\ud800)",
    "string_too_short": "must not be empty",
    "string_pattern_mismatch": "is not a usable id: use only letters, digits and _ . : - (at most 64)",
    "int_type": "should be a whole number",
    "int_parsing": "should be a whole number",
    "int_from_float": "should be a whole number",
    "float_type": "should be a number",
    "float_parsing": "should be a number",
    "finite_number": "should be an ordinary (finite) number",
    "bool_type": "should be true or false",
    "bool_parsing": "should be true or false",
    "list_type": "should be a list, in [ ]",
    "model_type": "should be an object, in { }",
    "model_attributes_type": "should be an object, in { }",
    "dict_type": "should be an object, in { }",
    "date_format": "should be a date written as YYYY-MM-DD, like 2026-06-30",
    "date_type": "should be a date written as YYYY-MM-DD, like 2026-06-30",
    "date_parsing": "should be a date written as YYYY-MM-DD, like 2026-06-30",
    "date_from_datetime_inexact": "should be a date written as YYYY-MM-DD, like 2026-06-30",
    "date_from_datetime_parsing": "should be a date written as YYYY-MM-DD, like 2026-06-30",
    "date_value": "should be a real day of the calendar",
    "colour_format": 'should be a colour written as #rrggbb, like "#ffcc00", or ""',
    "recursion_loop": "is nested too deeply",
}
_STRENGTH_PROBLEMS = {"int_type", "int_parsing", "int_from_float", "greater_than_equal", "less_than_equal"}
_BOUNDS = {
    "greater_than_equal": "at least",
    "greater_than": "more than",
    "less_than_equal": "at most",
    "less_than": "less than",
}
_NO_VALUE = {
    "missing",
    "extra_forbidden",
    "string_unicode",
    "string_too_short",
    "recursion_loop",
}  # the value says nothing more


def explain(error: ErrorDetails) -> str:
    """What is wrong with the value, without the place: "should be true or false, not 1"."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    loc = error.get("loc", ())
    value = error.get("input")
    if kind in ("value_error", "assertion_error"):  # the model's own validators: already in our words
        msg = str(error.get("msg", "is not valid"))
        return msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        length = f"{len(value):,} characters; " if isinstance(value, str) else ""
        return f"is too long ({length}at most {limit:,})" if isinstance(limit, int) else "is too long"
    if kind in ("too_long", "too_short"):
        return f"has too {'many' if kind == 'too_long' else 'few'} entries"
    if loc and loc[-1] == "strength" and kind in _STRENGTH_PROBLEMS:
        says = f"should be {_STRENGTH}"
    elif kind == "enum":
        expected = printable(str(ctx.get("expected", "")))
        says = f"should be {'one of ' if ',' in expected else ''}{expected}"
    elif kind in ("float_type", "float_parsing", "finite_number") and type(value) is int:
        return "is a number too large to use"
    elif kind in _BOUNDS:
        limit = next((v for k, v in ctx.items() if k in ("ge", "gt", "le", "lt")), "")
        says = f"should be {_BOUNDS[kind]} {limit}"
    else:
        says = _SAYS.get(kind, "is not valid here")
    if kind in _NO_VALUE:
        return says
    return f"{says}, not {describe_value(value)}"


def describe_validation_error(error: ValidationError, raw: Any) -> str:
    """The first schema problem, located: "nodes[3] (id 'p2').kind: should be one of …"."""
    first = error.errors(include_url=False)[0]
    where = locate(first.get("loc", ()), raw)
    count = error.error_count()
    more = f" (and {count - 1} more problem{'s' if count > 2 else ''})" if count > 1 else ""
    return f"{where or 'the document'}: {explain(first)}{more}."


def locate(loc: tuple[int | str, ...], raw: Any) -> str:
    """`('nodes', 3, 'kind')` → "nodes[3] (id 'p2').kind", naming each object's id on the way."""
    where = ""
    node: Any = raw
    for part in loc:
        if isinstance(part, int):
            where += f"[{part}]"
        else:
            name = printable(shorten(str(part), 40))
            where += f".{name}" if where else name
        node = _child(node, part)
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            where += f" (id {quoted(node['id'], 40)})"
    return where


def _child(node: Any, key: int | str) -> Any:
    """`node[key]` where the raw JSON has it, else None."""
    if isinstance(node, dict):
        return node.get(key)
    if isinstance(node, list) and isinstance(key, int) and -len(node) <= key < len(node):
        return node[key]
    return None

"""Text from a file, made safe to show: control characters escaped, long values cut.

A `.driver` file holds someone's text, and text can hold anything: an ESC that clears the
terminal or retitles the window, a newline that fakes another line of output ("valid
driver diagram"), a right-to-left override that reverses what follows, an unpaired
surrogate that cannot be printed at all, five megabytes in one field. Whatever the
command line or a dialog shows of a file goes through `printable` (a whole text) or
`quoted` (a value inside a sentence). Ordinary Unicode (accents, CJK, emoji) is kept.
"""

from __future__ import annotations

import enum
import math
import re
from typing import Any, TypeVar

from pydantic import BaseModel

VALUE_LIMIT = 80
"""How much of a value an error message quotes before cutting it with "…"."""

# C0 and C1 controls and DEL, the line and paragraph separators, the bidirectional
# embeddings, overrides and isolates ("Trojan Source"), and unpaired surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

M = TypeVar("M", bound=BaseModel)


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character shown as an escape (ESC → `\\x1b`, newline → `\\n`)."""
    return _UNSAFE.sub(_escape, text)


def shorten(text: str, limit: int = VALUE_LIMIT) -> str:
    """`text` cut to at most `limit` characters, ending in "…" when it was cut."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


def quoted(value: str, limit: int = VALUE_LIMIT) -> str:
    """A value as a message quotes it: `'…'`, cut to `limit` characters and escaped."""
    return f"'{printable(shorten(value, limit))}'"


def describe_value(value: Any, limit: int = VALUE_LIMIT) -> str:
    """What a JSON value is, as a message names it: "the text '3'", "true", "a list", "null"."""
    if isinstance(value, enum.Enum):
        value = value.value
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"the text {quoted(value, limit)}" if value else "an empty text"
    if isinstance(value, float) and not math.isfinite(value):
        return "a number too large to use"
    if isinstance(value, (int, float)):
        return shorten(repr(value), limit)
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return printable(shorten(str(value), limit))


def displayable(model: M) -> M:
    """A copy of a schema object with every text in it made `printable` (for showing it)."""
    updates = {name: _displayable_value(value) for name, value in model}
    return model.model_copy(update=updates)


def _displayable_value(value: Any) -> Any:
    if isinstance(value, enum.Enum):  # a StrEnum is a str, but its value is ours, not the file's
        return value
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, BaseModel):
        return displayable(value)
    if isinstance(value, list):
        return [_displayable_value(v) for v in value]
    return value

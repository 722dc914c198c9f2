"""Reading and writing `.driver` files: UTF-8 JSON from the schema, saved atomically.

Loading never executes anything and never writes: any problem becomes one `LoadError`
that says what is wrong and where. Only an ordinary file is read, and only up to
`MAX_BYTES`; its size, its count of JSON values and the length of its lists are checked
(`limits.py`) before anything is built, so no file, however made, can make loading hang or
exhaust memory. Saving writes a temporary file in the same folder, flushes and fsyncs it,
then renames it over the old file, so a crash leaves the old file or the new one, never a
broken one (`safe_io.py`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import limits
from .diagram import Diagram
from .document import from_document, to_document
from .errors import LoadError
from .safe_io import read_regular, write_atomic
from .safe_text import describe_value, printable, quoted
from .schema import SCHEMA_VERSION, Document
from .schema_errors import describe_validation_error

__all__ = ["EXTENSION", "MAX_BYTES", "dumps", "load", "loads", "migrate", "parse_document", "save", "write_atomic"]

EXTENSION = ".driver"
MAX_BYTES = limits.MAX_BYTES


def _v1_to_v2(raw: dict[str, Any]) -> dict[str, Any]:
    """Format 1 → 2: a node's free-text notes become a mentee's note on it; a note of kind
    "note" becomes a "comment". Anything unexpected is left for the schema to report."""
    nodes, notes = raw.get("nodes"), raw.get("annotations", [])
    if not isinstance(nodes, list) or not isinstance(notes, list):
        return raw
    info: dict[str, Any] = raw["info"] if isinstance(raw.get("info"), dict) else {}
    when = info.get("modified") or info.get("created") or dt.date.today().isoformat()
    notes = [{**a, "kind": "comment"} if isinstance(a, dict) and a.get("kind") == "note" else a for a in notes]
    taken = {a.get("id") for a in notes if isinstance(a, dict)}
    count = 0
    out_nodes = []
    for n in nodes:
        if isinstance(n, dict) and "notes" in n:
            n = dict(n)
            text = n.pop("notes")
            if isinstance(text, str) and text.strip():
                count += 1
                while f"mentee-note-{count}" in taken:
                    count += 1
                notes.append(
                    {
                        "id": f"mentee-note-{count}",
                        "node_id": n.get("id"),
                        "kind": "comment",
                        "text": text,
                        "author": info.get("mentee", ""),
                        "role": "mentee",
                        "created": when,
                    }
                )
            elif not isinstance(text, str):
                n["notes"] = text  # the schema names the bad value
        out_nodes.append(n)
    return {**raw, "nodes": out_nodes, "annotations": notes}


# file format version -> function upgrading a raw document of that version to the next one.
def _v2_to_v3(raw: dict[str, Any]) -> dict[str, Any]:
    """Format 3 only added fields with defaults (a node's colour, the column headings)."""
    return raw


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2, 2: _v2_to_v3}

# the lists of a document, their limits, and what a message calls their entries
_LISTS = {
    "nodes": (limits.MAX_NODES, "nodes"),
    "links": (limits.MAX_LINKS, "links"),
    "measures": (limits.MAX_ITEMS, "measures"),
    "annotations": (limits.MAX_ITEMS, "mentor notes"),
    "people": (limits.MAX_ITEMS, "people in the network"),
    "milestones": (limits.MAX_ITEMS, "milestones"),
    "meetings": (limits.MAX_ITEMS, "meetings"),
    "parking_lot": (limits.MAX_ITEMS, "parking-lot items"),
}

# Python's JSON messages, in words a user can act on
_JSON_PROBLEMS = {
    "Expecting value": "a value is missing or not valid JSON",
    "Expecting ',' delimiter": "a comma is missing",
    "Expecting ':' delimiter": "a colon is missing",
    "Expecting property name enclosed in double quotes": "a name in double quotes is missing",
    "Unterminated string starting at": "a text is not closed with a double quote",
    "Invalid control character at": "a text holds a raw control character (a line break is written \\n)",
    "Invalid \\escape": "a backslash escape is not valid",
    "Invalid \\uXXXX escape": "a \\u escape is not valid",
    "Extra data": "something follows the end of the document",
}


def load(path: str | os.PathLike[str]) -> Diagram:
    """Read a `.driver` file into a diagram, or raise `LoadError` (the file is only read)."""
    p = Path(path)
    try:
        data = read_regular(p, MAX_BYTES)
    except LoadError as e:
        raise LoadError(printable(str(e))) from None
    return loads(data, source=p.name)


def loads(data: bytes | str, source: str = "the file") -> Diagram:
    """Parse and check a document from bytes (or text)."""
    source = printable(source)
    doc = parse_document(data, source)
    try:
        return from_document(doc)
    except LoadError as e:  # name the file, as schema problems do
        raise LoadError(f"{source}: {e}") from None


def parse_document(data: bytes | str, source: str = "the file") -> Document:
    """Bytes → validated `Document` (schema only; graph rules are checked by `from_document`)."""
    source = printable(source)
    if isinstance(data, bytes):
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise LoadError(f"{source} is not a driver diagram: it is UTF-16 text, and a .driver file is UTF-8.")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise LoadError(f"{source} is not a driver diagram: byte {e.start} is not UTF-8 text.") from None
    else:
        text = data
    values = text.count(",") + text.count("[") + text.count("{")
    if values > limits.MAX_JSON_VALUES:
        raise LoadError(
            f"{source} is not a driver diagram: it holds more than {limits.MAX_JSON_VALUES:,} values, "
            "far more than any diagram has."
        )
    try:
        raw = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as e:
        raise LoadError(f"{source} is damaged or not a driver diagram: {_json_problem(e)}.") from None
    except RecursionError:
        raise LoadError(f"{source} is not a driver diagram: its JSON is nested too deeply.") from None
    except _Refused as e:
        raise LoadError(f"{source} is not a driver diagram: {e}") from None
    except ValueError:  # e.g. an integer of thousands of digits
        raise LoadError(f"{source} is not a driver diagram: it holds a number too long to read.") from None
    if not isinstance(raw, dict):
        raise LoadError(f"{source} is not a driver diagram: it holds a JSON {_json_type(raw)}, not an object.")
    raw = migrate(raw, source)
    _check_sizes(raw, source)
    try:
        return Document.model_validate(raw)
    except ValidationError as e:
        raise LoadError(f"{source}: {describe_validation_error(e, raw)}") from None
    except RecursionError:
        raise LoadError(f"{source} is not a driver diagram: it is nested too deeply.") from None


def _json_problem(e: json.JSONDecodeError) -> str:
    """What the JSON parser found, and where, in words."""
    if not e.doc.strip():
        return "it is empty"
    where = f"line {e.lineno}, column {e.colno}"
    if e.msg.startswith("Unterminated string") or e.pos >= len(e.doc.rstrip()):
        return f"it ends too early, as if cut off ({where})"
    return f"{_JSON_PROBLEMS.get(e.msg, 'it is not valid JSON')} ({where})"


def _check_sizes(raw: dict[str, Any], source: str) -> None:
    """Refuse a document longer than any diagram, before its entries are checked one by one."""
    for key, (limit, words) in _LISTS.items():
        entries = raw.get(key)
        if isinstance(entries, list) and len(entries) > limit:
            raise LoadError(
                f"{source} has {len(entries):,} {words}; a driver diagram can have at most {limit:,}, "
                "so it was not opened."
            )
    _check_data_points(raw.get("measures"), source, "measures")
    meetings = raw.get("meetings")
    for i, meeting in enumerate(meetings if isinstance(meetings, list) else []):
        snap = meeting.get("snapshot") if isinstance(meeting, dict) else None
        if not isinstance(snap, dict):
            continue
        for key in ("nodes", "links", "measures", "annotations", "milestones"):
            entries, (limit, words) = snap.get(key), _LISTS[key]
            if isinstance(entries, list) and len(entries) > limit:
                raise LoadError(
                    f"{source}: meetings[{i}].snapshot has {len(entries):,} {words}; a driver diagram can "
                    f"have at most {limit:,}, so it was not opened."
                )
        _check_data_points(snap.get("measures"), source, f"meetings[{i}].snapshot.measures")


def _check_data_points(measures: Any, source: str, where: str) -> None:
    for i, m in enumerate(measures if isinstance(measures, list) else []):
        data = m.get("data") if isinstance(m, dict) else None
        if isinstance(data, list) and len(data) > limits.MAX_DATA_POINTS:
            raise LoadError(
                f"{source}: {where}[{i}] has {len(data):,} data points; a measure can have at most "
                f"{limits.MAX_DATA_POINTS:,}."
            )


def migrate(raw: dict[str, Any], source: str = "the file") -> dict[str, Any]:
    """Bring a raw document of an older format up to `SCHEMA_VERSION`."""
    version = raw.get("schema_version")
    if version is None:
        raise LoadError(f"{source} is not a driver diagram: it has no schema_version.")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise LoadError(f"{source}: schema_version must be a whole number from 1, not {describe_value(version)}.")
    if version > SCHEMA_VERSION:
        raise LoadError(
            f"{source} was saved by a newer DriverDiagram (file format {version}; this version reads up to "
            f"{SCHEMA_VERSION}). Update DriverDiagram to open it; the file was not changed."
        )
    while version < SCHEMA_VERSION:
        raw = MIGRATIONS[version](raw)
        version += 1
        raw["schema_version"] = version
    return raw


def _json_type(value: Any) -> str:
    """What JSON calls a parsed value (a user never saw Python's "NoneType" or "str")."""
    if isinstance(value, bool):
        return "true/false value"
    if isinstance(value, (int, float)):
        return "number"
    names: dict[type, str] = {list: "list", str: "string"}
    return names.get(type(value), "null")


class _Refused(ValueError):
    """A JSON parser hook's own refusal, worded for the user."""


def _reject_constant(name: str) -> Any:
    raise _Refused(f"{name} is not a number a driver diagram can hold.")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(f"the key {quoted(key)} appears twice in one object.")
        out[key] = value
    return out


def dumps(diagram: Diagram) -> bytes:
    """The diagram as the bytes of a `.driver` file (stable, indented, UTF-8)."""
    doc = to_document(diagram)
    text = json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def save(diagram: Diagram, path: str | os.PathLike[str], *, force: bool = False) -> None:
    """Write the diagram to `path` atomically; on any failure or refusal the old file is untouched.

    Refused with a `DiagramError` that says what to do: a folder, device or pipe, a
    read-only file, and (unless `force`) a file that is not a driver diagram, such as a PDF.
    """
    write_atomic(path, dumps(diagram), kind="diagram", force=force)

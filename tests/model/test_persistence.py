""".driver files: the round trip, atomic saving, and every kind of damaged file giving one
LoadError that says what and where, with the file left byte-for-byte untouched."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import pickle
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from driverdiagram.model import (
    EXTENSION,
    SCHEMA_VERSION,
    Compact,
    DataPoint,
    Diagram,
    DiagramError,
    LoadError,
    Measure,
    Meeting,
    dumps,
    limits,
    load,
    loads,
    persistence,
    safe_io,
    save,
    to_document,
)
from driverdiagram.model.safe_text import printable

from .conftest import assert_valid, build_sample


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def full_sample():
    d = build_sample()
    d.add_item(
        "measures",
        Measure(
            id="m4",
            node_id=d.outcome.id,
            name="Papers as first author",
            type="outcome",
            unit="papers",
            baseline=1,
            target=6.5,
            due=dt.date(2030, 6, 1),
            higher_is_better=True,
            frequency="each term",
            operational_definition="Peer-reviewed, first or last author",
            data=[
                DataPoint(date=dt.date(2026, 1, 1), value=1),
                DataPoint(date=dt.date(2026, 6, 1), value=2.25, note="½"),
            ],
        ),
    )
    d.add_item("meetings", Meeting(id="mt1", date=dt.date(2026, 2, 3), agenda="Grant plan", summary="Go"))
    d.set_compact(Compact(mentor="Dr. Lee", mentee="Sam", start=dt.date(2026, 1, 1), expectations=["Confidential"]))
    d.edit_node("S1", text="Statistik für Ärzt:innen 📊", description="one\ntwo", tags=["skills", "研究"])
    return d


# ---------------------------------------------------------------------- round trip
def test_save_and_load_round_trip(tmp_path):
    d = full_sample()
    path = tmp_path / f"plan{EXTENSION}"
    save(d, path)
    back = load(path)
    assert to_document(back) == to_document(d)
    assert back.order == d.order
    assert_valid(back)
    assert sorted(os.listdir(tmp_path)) == ["plan.driver"], "no temporary file is left behind"


def test_file_is_readable_utf8_json_with_a_schema_version(tmp_path):
    path = tmp_path / "plan.driver"
    save(full_sample(), path)
    data = path.read_bytes()
    assert "Statistik für Ärzt:innen 📊".encode() in data, "text is stored as UTF-8, not escaped"
    raw = json.loads(data.decode("utf-8"))
    assert raw["schema_version"] == SCHEMA_VERSION
    assert {"info", "nodes", "links", "measures", "people", "compact"} <= raw.keys()
    assert data.endswith(b"\n")


def test_saving_is_stable(tmp_path):
    d = full_sample()
    save(d, tmp_path / "a.driver")
    save(load(tmp_path / "a.driver"), tmp_path / "b.driver")
    assert (tmp_path / "a.driver").read_bytes() == (tmp_path / "b.driver").read_bytes() == dumps(d)


def test_loads_accepts_text_and_a_byte_order_mark():
    d = full_sample()
    data = dumps(d)
    assert to_document(loads(data.decode("utf-8"))) == to_document(d)
    assert to_document(loads(b"\xef\xbb\xbf" + data)) == to_document(d)


def test_save_replaces_the_old_file_and_keeps_its_permissions(tmp_path):
    path = tmp_path / "plan.driver"
    d = full_sample()
    save(d, path)
    os.chmod(path, 0o640)
    d.edit_node("P1", text="Research independence")
    save(d, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert load(path).node("P1").text == "Research independence"
    assert os.listdir(tmp_path) == ["plan.driver"]


# ------------------------------------------------------------------- atomic save
@pytest.fixture
def saved(tmp_path):
    """A saved diagram, its path and the sha256 of its bytes."""
    path = tmp_path / "plan.driver"
    d = full_sample()
    save(d, path)
    return d, path, sha(path)


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_failed_save_keeps_the_old_file(saved, monkeypatch, failing):
    d, path, before = saved
    d.edit_node("P1", text="changed")

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(persistence.os, failing, boom)
    with pytest.raises(DiagramError) as info:
        save(d, path)
    monkeypatch.undo()
    assert not isinstance(info.value, LoadError)
    assert "No space left on device" in str(info.value)
    assert "old file was not changed" in str(info.value)
    assert sha(path) == before
    assert os.listdir(path.parent) == ["plan.driver"], "the temporary file is cleaned up"
    assert load(path).node("P1").text == "Research skills"


def test_save_into_a_missing_folder(tmp_path):
    target = tmp_path / "no such folder" / "plan.driver"
    with pytest.raises(DiagramError, match="Could not save") as info:
        save(full_sample(), target)
    assert "another folder" in str(info.value)
    assert os.listdir(tmp_path) == []


def test_save_where_the_folder_is_a_file(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(DiagramError, match="Could not save"):
        save(full_sample(), tmp_path / "notes.txt" / "plan.driver")
    assert os.listdir(tmp_path) == ["notes.txt"]


def test_save_over_a_folder_keeps_the_folder(tmp_path):
    (tmp_path / "plan.driver").mkdir()
    with pytest.raises(DiagramError, match="Could not save"):
        save(full_sample(), tmp_path / "plan.driver")
    assert (tmp_path / "plan.driver").is_dir()
    assert os.listdir(tmp_path) == ["plan.driver"]


def test_save_into_a_read_only_folder(saved, monkeypatch):
    """As root a read-only folder is still writable, so there the refusal is simulated."""
    d, path, before = saved
    if os.name == "posix" and os.geteuid() != 0:
        os.chmod(path.parent, 0o555)
    else:

        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(safe_io, "_create_temp", refuse)
    try:
        with pytest.raises(DiagramError, match="Could not save .*Permission denied"):
            save(d, path)
    finally:
        os.chmod(path.parent, 0o755)
    assert sha(path) == before
    assert os.listdir(path.parent) == ["plan.driver"]


# ------------------------------------------------------------ reading problems
def test_load_a_missing_file_or_a_folder(tmp_path):
    with pytest.raises(LoadError, match="no file"):
        load(tmp_path / "nothing.driver")
    with pytest.raises(LoadError, match="folder"):
        load(tmp_path)


def test_load_refuses_a_huge_file(tmp_path, monkeypatch):
    path = tmp_path / "plan.driver"
    save(full_sample(), path)
    monkeypatch.setattr(persistence, "MAX_BYTES", 100)
    with pytest.raises(LoadError, match="too large"):
        load(path)


# ---------------------------------------------------------------- damaged files
def base() -> dict:
    return json.loads(dumps(full_sample()))


def index_of(raw: dict, node_id: str) -> int:
    return next(i for i, n in enumerate(raw["nodes"]) if n["id"] == node_id)


def with_(change) -> bytes:
    raw = base()
    change(raw)
    return json.dumps(raw, ensure_ascii=False).encode()


def outcome_id(raw: dict) -> str:
    return next(n["id"] for n in raw["nodes"] if n["kind"] == "outcome")


def _set_node(node_id: str, key: str, value):
    return lambda raw: raw["nodes"][index_of(raw, node_id)].__setitem__(key, value)


def _cycle(raw):
    raw["links"].append({"source": "S1", "target": outcome_id(raw), "kind": "drives", "strength": "strong"})


def _second_outcome(raw):
    raw["nodes"].append({"id": "O2", "kind": "outcome", "text": "Another aim"})


def _dangling(raw):
    raw["links"].append({"source": "P2", "target": "ghost", "kind": "drives", "strength": "strong"})


def _orphan(raw):
    raw["links"] = [link for link in raw["links"] if link["target"] != "S1"]


def _hinders_two(raw):
    raw["links"].append({"source": "A1", "target": "P2", "kind": "hinders", "strength": "strong"})


def _hinders_none(raw):
    raw["links"] = [link for link in raw["links"] if link["source"] != "A1"]


def _link_twice(raw):
    raw["links"].append(dict(raw["links"][0]))


def _link_reversed(raw):
    first = raw["links"][0]
    raw["links"].append({**first, "source": first["target"], "target": first["source"]})


def _wrong_link_kind(raw):
    next(link for link in raw["links"] if link["target"] == "S1")["kind"] = "hinders"


def _not_allowed(raw):
    raw["links"].append({"source": outcome_id(raw), "target": "C2", "kind": "drives", "strength": "strong"})


def _duplicate_node(raw):
    raw["nodes"].append(dict(raw["nodes"][index_of(raw, "C2")]))


def _measure_on_ghost(raw):
    raw["measures"][0]["node_id"] = "ghost"


def _duplicate_item(raw):
    raw["measures"].append(dict(raw["measures"][0]))


def _nan(raw):
    raw["measures"][0]["baseline"] = float("nan")


def _long_cycle() -> bytes:
    """A ring of 40 drivers (primary → secondary → primary …): the message names a few, not all."""
    raw = base()
    ring = [f"r{i}" for i in range(40)]
    raw["nodes"] += [{"id": r, "kind": "primary" if i % 2 == 0 else "secondary", "text": r} for i, r in enumerate(ring)]
    raw["links"] += [{"source": outcome_id(raw), "target": "r0"}]
    raw["links"] += [{"source": a, "target": b} for a, b in zip(ring, ring[1:] + ring[:1], strict=True)]
    return json.dumps(raw).encode()


VALID = dumps(full_sample())
S1 = index_of(json.loads(VALID), "S1")
A1 = index_of(json.loads(VALID), "A1")
C1 = index_of(json.loads(VALID), "C1")

DAMAGED = {
    "empty": (b"", ["damaged"]),
    "truncated": (VALID[: len(VALID) // 2], ["damaged", "line", "column"]),
    "not json": (b"Outcome: be promoted\n- research\n", ["damaged", "line 1"]),
    "python code": (b"__import__('os').system('touch pwned')", ["damaged"]),
    "pickle": (pickle.dumps({"schema_version": 1}), ["not UTF-8"]),
    "latin-1": ('{"schema_version": 1, "info": {"title": "Université"}}'.encode("latin-1"), ["not UTF-8", "byte 50"]),
    "utf-16": (VALID.decode().encode("utf-16"), ["UTF-16", "a .driver file is UTF-8"]),
    "utf-16 without a byte order mark": (VALID.decode().encode("utf-16-le"), ["not UTF-8"]),
    "json list": (b"[1, 2, 3]", ["JSON list", "not an object"]),
    "json null": (b"null", ["JSON null"]),
    "json string": (b'"plan"', ["JSON string"]),
    "deep list": (b"[" * 100_000, ["nested too deeply"]),
    "deep object": (b'{"a": ' * 100_000, ["nested too deeply"]),
    "deep but closed": (b"[" * 5000 + b"]" * 5000, ["nested too deeply"]),
    "NaN": (VALID.replace(b'"baseline": null', b'"baseline": NaN', 1), ["NaN"]),
    "Infinity": (VALID.replace(b'"baseline": null', b'"baseline": -Infinity', 1), ["-Infinity"]),
    "1e999": (VALID.replace(b'"baseline": null', b'"baseline": 1e999', 1), ["measures[", "baseline", "finite"]),
    "huge integer": (
        VALID.replace(b'"schema_version": 3', b'"schema_version": 3' + b"0" * 5000, 1),
        ["not a driver", "number too long"],
    ),
    "duplicate keys": (b'{"schema_version": 1, "nodes": [], "nodes": []}', ["'nodes'", "twice"]),
    "missing schema_version": (with_(lambda raw: raw.pop("schema_version")), ["no schema_version"]),
    "schema_version as text": (with_(lambda raw: raw.update(schema_version="1")), ["schema_version", "whole number"]),
    "schema_version true": (with_(lambda raw: raw.update(schema_version=True)), ["schema_version", "whole number"]),
    "schema_version 0": (with_(lambda raw: raw.update(schema_version=0)), ["schema_version", "whole number"]),
    "newer schema_version": (
        with_(lambda raw: raw.update(schema_version=SCHEMA_VERSION + 1)),
        ["newer", f"file format {SCHEMA_VERSION + 1}", "not changed"],
    ),
    "unknown kind": (with_(_set_node("S1", "kind", "tertiary")), [f"nodes[{S1}] (id 'S1').kind", "'secondary'"]),
    "wrong type": (with_(_set_node("S1", "text", 42)), [f"nodes[{S1}] (id 'S1').text", "should be a text", "not 42"]),
    "wrong type in a list": (
        with_(_set_node("S1", "tags", [7])),
        [f"nodes[{S1}] (id 'S1').tags[0]", "should be a text", "not 7"],
    ),
    "wrong type at the same index": (
        with_(_set_node("O", "tags", [7])),
        ["nodes[0] (id 'O').tags[0]", "should be a text"],
    ),
    "nodes not a list": (with_(lambda raw: raw.update(nodes={"a": 1})), ["nodes", "list"]),
    "unknown field": (
        with_(_set_node("S1", "color", "red")),
        [f"nodes[{S1}] (id 'S1').color", "not something a driver diagram holds"],
    ),
    "colour by name": (
        with_(_set_node("S1", "colour", "red")),
        [f"nodes[{S1}] (id 'S1').colour", "#rrggbb"],
    ),
    "unknown top-level field": (
        with_(lambda raw: raw.update(script="rm -rf /")),
        ["script", "not something a driver diagram holds"],
    ),
    "bad id": (
        with_(_set_node("S1", "id", "../../etc")),
        [f"nodes[{S1}] (id '../../etc').id", "not a usable id", "letters, digits"],
    ),
    "anti-driver without strength": (
        with_(_set_node("A1", "strength", None)),
        [f"nodes[{A1}] (id 'A1'): ", "strength"],
    ),
    "strength on a change idea": (
        with_(_set_node("C1", "strength", 2)),
        [f"nodes[{C1}] (id 'C1'): ", "only drivers and anti-drivers have a strength"],
    ),
    "NaN through the parser hook": (with_(_nan), ["NaN"]),
    "bad date": (with_(lambda raw: raw["annotations"][0].update(created="yesterday")), ["annotations[0]", "created"]),
    "link to itself": (with_(lambda raw: raw["links"].append({"source": "S1", "target": "S1"})), ["linked to itself"]),
    "dangling link": (with_(_dangling), ["dangling", "'ghost'", "links["]),
    "second outcome": (with_(_second_outcome), ["2 outcomes", "exactly one", "Another aim"]),
    "no outcome": (b'{"schema_version": 1}', ["no outcome"]),
    "cycle": (with_(_cycle), ["cycle", "Statistik", "left to right"]),
    "orphan": (with_(_orphan), [f"nodes[{S1}]", "'S1'", "not linked from any primary driver"]),
    "anti-driver hinders two": (with_(_hinders_two), ["'A1'", "hinders 2 nodes", "exactly one"]),
    "anti-driver hinders none": (with_(_hinders_none), ["'A1'", "hinders 0 nodes"]),
    "link twice": (with_(_link_twice), ["linked twice"]),
    "link both ways": (with_(_link_reversed), ["linked twice"]),
    "wrong link kind": (with_(_wrong_link_kind), ["links[", "the file says 'hinders'"]),
    "link not allowed": (with_(_not_allowed), ["links[", "A change idea can only be linked from a secondary driver"]),
    "duplicate node id": (with_(_duplicate_node), ["two nodes have the id 'C2'"]),
    "measure on a missing node": (with_(_measure_on_ghost), ["measures[0]", "'ghost'"]),
    "duplicate item id": (with_(_duplicate_item), ["measures[", "used twice"]),
    # strict types: what pydantic would quietly convert is refused, in the users' words
    "strength as text": (
        with_(_set_node("A1", "strength", "3")),
        [f"nodes[{A1}] (id 'A1').strength", "whole number from 1 (weak) to 5 (strong)", "not the text '3'"],
    ),
    "strength true": (with_(_set_node("A1", "strength", True)), ["(id 'A1').strength", "whole number", "not true"]),
    "strength 3.0": (with_(_set_node("A1", "strength", 3.0)), ["(id 'A1').strength", "whole number", "not 3.0"]),
    "strength 7": (with_(_set_node("A1", "strength", 7)), ["(id 'A1').strength", "1 (weak) to 5 (strong)", "not 7"]),
    "timestamp as a date": (
        with_(lambda raw: raw["annotations"][0].update(created=1_700_000_000)),
        ["annotations[0] (id 'a1').created", "YYYY-MM-DD", "not 1700000000"],
    ),
    "midnight timestamp as a date": (
        with_(lambda raw: raw["annotations"][0].update(created=1_767_225_600)),
        ["annotations[0] (id 'a1').created", "YYYY-MM-DD"],
    ),
    "date and time": (
        with_(lambda raw: raw["annotations"][0].update(created="2026-01-15T00:00:00")),
        ["created", "YYYY-MM-DD", "not the text '2026-01-15T00:00:00'"],
    ),
    "date without dashes": (
        with_(lambda raw: raw["meetings"][0].update(date="20260203")),
        ["meetings[0]", "YYYY-MM-DD"],
    ),
    "no such day": (
        with_(lambda raw: raw["meetings"][0].update(date="2026-02-30")),
        ["date", "should be a real day of the calendar", "not the text '2026-02-30'"],
    ),
    "true/false as 1": (
        with_(lambda raw: raw["measures"][3].update(higher_is_better=1)),
        ["measures[3] (id 'm4').higher_is_better", "true or false", "not 1"],
    ),
    "number as text": (
        with_(lambda raw: raw["measures"][3]["data"][0].update(value="1.5")),
        ["measures[3] (id 'm4').data[0].value", "should be a number", "not the text '1.5'"],
    ),
    "schema_version 1.0": (with_(lambda raw: raw.update(schema_version=1.0)), ["schema_version", "whole number"]),
    "half a surrogate pair": (
        VALID.replace(b'"text": "Statistik', b'"text": "\\ud800Statistik', 1),
        [f"nodes[{S1}] (id 'S1').text", "broken character"],
    ),
    "text too long": (with_(_set_node("S1", "text", "x" * 20_001)), ["20,001 characters", "at most 20,000"]),
    "missing field": (with_(lambda raw: raw["measures"][0].pop("name")), ["measures[0] (id 'm1').name", "missing"]),
    "not an object": (with_(lambda raw: raw["nodes"].__setitem__(0, "outcome")), ["nodes[0]", "should be an object"]),
    "number too large": (
        with_(lambda raw: raw["measures"][0].update(baseline=10**400)),
        ["measures[0] (id 'm1').baseline", "a number too large to use"],
    ),
    "empty id": (with_(_set_node("S1", "id", "")), [f"nodes[{S1}] (id '').id: must not be empty."]),
    "two choices": (with_(lambda raw: raw["links"][0].update(strength="medium")), ["should be 'strong' or 'weak'"]),
    # hostile values: cut and escaped in the message
    "5 MB kind": (with_(_set_node("S1", "kind", "k" * 5_000_000)), ["(id 'S1').kind", "'kkkkkkkk", "…'"]),
    "control characters in a value": (
        with_(_set_node("S1", "kind", "\x1b[2J\x1b[Hplan.driver: valid driver diagram\n")),
        ["'\\x1b[2J\\x1b[Hplan.driver: valid driver diagram\\n'"],
    ),
    "control characters in a field name": (with_(_set_node("S1", "\x1b]0;owned\x07", 1)), ["\\x1b]0;owned\\x07"]),
    "control characters in an id": (with_(_set_node("S1", "id", "\x1b[31m" * 10)), ["(id '\\x1b[31m", "usable id"]),
    "5 MB duplicate key": (b'{"' + b"k" * 5_000_000 + b'": 1, "' + b"k" * 5_000_000 + b'": 2}', ["twice", "…'"]),
    "5 MB schema_version": (
        with_(lambda raw: raw.update(schema_version="9" * 5_000_000)),
        ["schema_version", "whole number", "…'"],
    ),
    # sizes: refused before anything is built
    "too many nodes": (
        with_(
            lambda raw: raw["nodes"].extend(
                {"id": f"x{i}", "kind": "primary", "text": "x"} for i in range(limits.MAX_NODES)
            )
        ),
        [f"{len(base()['nodes']) + limits.MAX_NODES:,} nodes", f"at most {limits.MAX_NODES:,}"],
    ),
    "too many values": (b'{"schema_version": 1, "x": [' + b"0," * limits.MAX_JSON_VALUES + b"0]}", ["values"]),
    "too many data points": (
        with_(lambda raw: raw["measures"][3].update(data=[{"date": "2026-01-01", "value": 1}] * 10_001)),
        ["measures[3]", "10,001 data points"],
    ),
    "long cycle": (_long_cycle(), ["a cycle of", "→ …", "left to right"]),
    "many outcomes": (
        with_(lambda raw: raw["nodes"].extend({"id": f"o{i}", "kind": "outcome"} for i in range(500))),
        ["501 outcomes", "and 496 more"],
    ),
}

PYDANTIC_PHRASES = (
    "Input should",
    "valid integer",
    "valid string",
    "Datetimes provided",
    "zero time",
    "String should",
    "Value error",
    "type=",
    "pydantic",
    "Field required",
    "Extra inputs",
)


@pytest.mark.parametrize("case", list(DAMAGED))
def test_damaged_file_gives_one_clear_error_and_stays_untouched(tmp_path, case, monkeypatch):
    data, words = DAMAGED[case]
    monkeypatch.chdir(tmp_path)  # a file that somehow ran code would leave "pwned" here
    path = tmp_path / "plan.driver"
    path.write_bytes(data)
    os.utime(path, (1_000_000_000, 1_000_000_000))
    before = sha(path)
    with pytest.raises(LoadError) as info:
        load(path)
    message = str(info.value)
    for w in words:
        assert w in message, f"{w!r} not in {message!r}"
    assert message.startswith("plan.driver"), "the message names the file"
    assert "\n" not in message and "pydantic" not in message and "Traceback" not in message
    assert len(message) < 600
    for phrase in PYDANTIC_PHRASES:
        assert phrase not in message, f"{phrase!r} (pydantic's words) in {message!r}"
    assert printable(message) == message, "no control character reaches the terminal"
    assert sha(path) == before
    assert path.stat().st_mtime == 1_000_000_000
    assert os.listdir(tmp_path) == ["plan.driver"], "loading writes nothing"


def test_the_valid_base_loads():
    """The damaged cases are damaged by their one change only."""
    assert to_document(loads(VALID)) == to_document(full_sample())
    assert to_document(loads(with_(lambda raw: None))) == to_document(full_sample())


def test_error_names_the_file():
    with pytest.raises(LoadError, match=r"^career\.driver is damaged"):
        loads(b"{", source="career.driver")


def test_error_says_how_many_more_problems():
    raw = base()
    raw["nodes"][0]["text"] = 1
    raw["info"]["title"] = 2
    raw["compact"]["mentor"] = 3
    with pytest.raises(
        LoadError, match=r"info\.title: should be a text in double quotes, not 2 \(and 2 more problems\)"
    ):
        loads(json.dumps(raw))


def test_a_list_is_checked_up_to_its_first_bad_entry():
    """A million bad entries make one message quickly, not a million error objects."""
    raw = base()
    raw["nodes"][0]["tags"] = [7] * 9000
    with pytest.raises(LoadError) as info:
        loads(json.dumps(raw))
    assert "tags[0]" in str(info.value) and "more problem" not in str(info.value)


def test_an_older_format_is_migrated(monkeypatch):
    """Were the format at version 4, a version-3 file would go through MIGRATIONS[3] and open."""
    raw = base()
    raw["nodes"][0]["label"] = raw["nodes"][0].pop("text")

    def from_2(old):
        for n in old["nodes"]:
            if "label" in n:
                n["text"] = n.pop("label")
        return old

    monkeypatch.setattr(persistence, "SCHEMA_VERSION", 4)
    monkeypatch.setitem(persistence.MIGRATIONS, 3, from_2)
    d = loads(json.dumps(raw))
    assert to_document(d) == to_document(full_sample())
    raw["schema_version"] = 5
    with pytest.raises(LoadError, match="file format 5; this version reads up to 4"):
        loads(json.dumps(raw))


def test_format_1_node_notes_become_mentee_notes():
    """Format 1 kept a free-text "notes" box on each node; it opens as a mentee's note on that node."""
    raw = base()
    raw["schema_version"] = 1
    raw["info"] = {**raw.get("info", {}), "mentee": "Amara", "modified": "2026-01-05"}
    for n in raw["nodes"]:
        n["notes"] = ""
    raw["nodes"][1]["notes"] = "Ask Lee about the stats course"
    raw["annotations"] = [
        {"id": "mentee-note-1", "node_id": None, "kind": "note", "text": "kept", "created": "2026-01-01"}
    ]
    d = loads(json.dumps(raw))
    notes = {a.id: a for a in d.items("annotations")}
    assert notes["mentee-note-1"].kind.value == "comment", "the old kind 'note' is now 'comment'"
    moved = notes["mentee-note-2"]
    assert (moved.node_id, moved.text, moved.role.value, moved.author) == (
        raw["nodes"][1]["id"],
        "Ask Lee about the stats course",
        "mentee",
        "Amara",
    )
    assert moved.created.isoformat() == "2026-01-05"
    assert len(notes) == 2, "an empty notes box makes no note"


def test_new_file_gets_the_users_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        save(Diagram.new("x"), tmp_path / "new.driver")
    finally:
        os.umask(old)
    assert (tmp_path / "new.driver").stat().st_mode & 0o777 == 0o644


def test_saving_through_a_symbolic_link_keeps_the_link(tmp_path):
    real = tmp_path / "real.driver"
    save(Diagram.new("first"), real)
    link = tmp_path / "link.driver"
    link.symlink_to(real)
    save(Diagram.new("second"), link)
    assert link.is_symlink()
    assert load(real).outcome.text == "second"


# ------------------------------------------------------- what a save never replaces
def _untouched_folder(path: Path, *names: str) -> None:
    assert sorted(os.listdir(path.parent)) == sorted(names), "no temporary file is left behind"


@pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/null are POSIX")
def test_save_refuses_a_pipe_and_a_device(tmp_path):
    fifo = tmp_path / "plan.driver"
    os.mkfifo(fifo)
    with pytest.raises(DiagramError, match=r"a pipe \(FIFO\), not an ordinary file; save under another name"):
        save(full_sample(), fifo)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    link = tmp_path / "null.driver"
    link.symlink_to(os.devnull)  # as root the rename would have replaced /dev/null itself
    with pytest.raises(DiagramError, match=r"a device \(/dev/null\)"):
        save(full_sample(), link)
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode) and link.is_symlink()
    _untouched_folder(fifo, "plan.driver", "null.driver")


def test_save_refuses_a_folder_in_words(tmp_path):
    (tmp_path / "plan.driver").mkdir()
    with pytest.raises(DiagramError, match="is a folder, not an ordinary file; save under another name"):
        save(full_sample(), tmp_path / "plan.driver")
    assert (tmp_path / "plan.driver").is_dir()


def test_save_refuses_a_read_only_file_even_as_root(saved):
    """Renaming over a file needs only the folder's permission, so the file's own is checked."""
    d, path, before = saved
    os.chmod(path, 0o444)
    d.edit_node("P1", text="changed")
    try:
        with pytest.raises(DiagramError) as info:
            save(d, path)
    finally:
        os.chmod(path, 0o644)
    assert "is read-only; save under another name, or make it writable first" in str(info.value)
    assert not isinstance(info.value, LoadError)
    assert sha(path) == before
    _untouched_folder(path, "plan.driver")


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("plan.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n", "is a PDF, not a driver diagram"),
        ("plan.driver", b"%PDF-1.4\n", "is a PDF, not a driver diagram"),  # a PDF under a diagram's name
        ("notes.txt", b"My notes from Tuesday\n", "is a file of another kind, not a driver diagram"),
        ("package.json", b'{"name": "x"}\n', "is a file of another kind"),
    ],
)
def test_save_refuses_a_file_of_another_kind_unless_forced(tmp_path, name, content, says):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DiagramError, match="save under another name") as info:
        save(full_sample(), path)
    assert says in str(info.value)
    assert path.read_bytes() == content
    save(full_sample(), path, force=True)
    assert to_document(load(path)) == to_document(full_sample())
    _untouched_folder(path, name)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.driver", b""),
        ("damaged.driver", b'{"schema_version": 1, "nodes": [{"id": '),  # the user's own damaged diagram
        ("plan.json", VALID),  # a diagram by its contents, whatever its name
        ("noname", b""),
    ],
)
def test_save_replaces_a_diagram_or_an_empty_file(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    save(full_sample(), path)
    assert path.read_bytes() == VALID


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="only root can give a file away")
def test_save_as_root_keeps_the_files_owner(saved):
    d, path, _ = saved
    os.chown(path, 12345, 23456)
    save(d, path)
    st = path.stat()
    assert (st.st_uid, st.st_gid) == (12345, 23456)


# ------------------------------------------------------ temporary files of a save
def _leftover(path: Path, pid: int, age: float = 0.0, host: str | None = None) -> Path:
    """A temporary file as an interrupted save by process `pid` would have left it."""
    name = safe_io.temp_name(path.name, pid=pid)
    if host is not None:
        name = name.replace(f"-{safe_io._host_tag()}-", f"-{host}-")
    tmp = path.parent / name
    tmp.write_bytes(b'{"schema_version": 1, "nod')
    when = time.time() - age
    os.utime(tmp, (when, when))
    return tmp


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_temporary_file_names_are_tied_to_the_target_and_the_writer(tmp_path):
    name = safe_io.temp_name("plan.driver", pid=4321)
    assert name.startswith(".plan.driver.~dd4321-") and name.endswith(".tmp")
    long = "é" * 120 + ".driver"  # 247 bytes in UTF-8: the temporary name must still fit in 255
    tmp = safe_io.temp_name(long)
    assert len(os.fsencode(tmp)) <= 255
    path = tmp_path / long
    save(full_sample(), path)
    assert os.listdir(tmp_path) == [long]
    left = tmp_path / safe_io.temp_name(long, pid=_dead_pid())
    left.write_bytes(b"{")
    assert safe_io.temp_files(path) == [left]
    save(full_sample(), path)
    assert os.listdir(tmp_path) == [long]


@pytest.mark.skipif(os.name != "posix", reason="process ids are checked on POSIX only")
def test_next_save_removes_only_stale_temporary_files(saved):
    d, path, _ = saved
    dead = _leftover(path, _dead_pid())
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = _leftover(path, sleeper.pid, age=3600)  # a live writer's file is never touched, however old
        mine = _leftover(path, os.getpid())
        elsewhere_old = _leftover(path, 1, age=120, host="abcd")  # another machine: judged by age
        elsewhere_new = _leftover(path, 1, age=5, host="abcd")
        legacy_old = path.parent / f".{path.name}.k3j_9x2a.tmp"  # tempfile.mkstemp's names, from before
        legacy_old.write_bytes(b"{")
        os.utime(legacy_old, (time.time() - 120, time.time() - 120))
        other_file = _leftover(path.parent / "other.driver", _dead_pid())
        unrelated = path.parent / ".plan.driver.notes.tmp"
        unrelated.write_bytes(b"mine")
        if safe_io._host_tag() == "abcd":
            pytest.skip("this machine's host tag happens to be the test's")
        save(d, path)
        left = set(os.listdir(path.parent))
        assert dead.name not in left and elsewhere_old.name not in left and legacy_old.name not in left
        assert {live.name, mine.name, elsewhere_new.name, other_file.name, unrelated.name} <= left
        assert load(path).node("P1").text == "Research skills"
    finally:
        sleeper.kill()
        sleeper.wait()
    save(d, path)  # now its writer has gone too
    assert live.name not in os.listdir(path.parent)


# -------------------------------------------------------------- what is read
@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs /proc")
def test_the_size_limit_holds_while_reading_whatever_size_a_file_claims():
    assert os.stat("/proc/self/status").st_size == 0  # a regular file that says it is empty
    with pytest.raises(LoadError, match="larger than 100 bytes"):
        safe_io.read_regular("/proc/self/status", limit=100)
    assert safe_io.read_regular("/proc/self/status", limit=1_000_000)


def test_a_file_at_the_limit_is_read_and_one_byte_more_is_not(tmp_path):
    path = tmp_path / "plan.driver"
    path.write_bytes(b" " * 1000)
    assert safe_io.read_regular(path, limit=1000) == b" " * 1000
    with pytest.raises(LoadError, match="larger than 999 bytes, the most a .driver file can be"):
        safe_io.read_regular(path, limit=999)


@pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and symbolic-link loops are POSIX")
def test_special_files_are_refused_without_being_read(tmp_path):
    fifo = tmp_path / "fifo.driver"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.driver"
    zero.symlink_to("/dev/zero")
    loop = tmp_path / "loop.driver"
    loop.symlink_to(tmp_path / "loop2.driver")
    (tmp_path / "loop2.driver").symlink_to(loop)
    dangling = tmp_path / "gone.driver"
    dangling.symlink_to(tmp_path / "moved.driver")
    cases = {
        fifo: "is a pipe (FIFO), not a driver diagram file",
        zero: "(it leads to /dev/zero) is a device, not a driver diagram file",
        loop: "symbolic link that leads round in a loop",
        dangling: "symbolic link to",
        tmp_path: "is a folder",
    }
    for path, says in cases.items():
        start = time.perf_counter()
        with pytest.raises(LoadError) as info:
            load(path)
        assert time.perf_counter() - start < 0.5
        assert says in str(info.value), str(info.value)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_meeting_snapshot_longer_than_any_diagram_is_refused_before_it_is_read():
    raw = base()
    raw["meetings"] = [{"id": "m", "date": "2026-03-03", "snapshot": {"nodes": [{}] * (limits.MAX_NODES + 1)}}]
    with pytest.raises(LoadError, match=r"meetings\[0\]\.snapshot has 10,001 nodes"):
        loads(json.dumps(raw))
    raw["meetings"][0]["snapshot"] = {"measures": [{"data": [{}] * (limits.MAX_DATA_POINTS + 1)}]}
    with pytest.raises(LoadError, match=r"meetings\[0\]\.snapshot\.measures\[0\] has 10,001 data points"):
        loads(json.dumps(raw))


def test_a_broken_snapshot_names_where_it_is_broken():
    raw = base()
    raw["meetings"] = [{"id": "m", "date": "2026-03-03", "snapshot": {"nodes": [{"id": "x", "kind": "planet"}]}}]
    with pytest.raises(LoadError, match=r"meetings\[0\].*snapshot.*nodes\[0\]"):
        loads(json.dumps(raw))

""".driver files: the round trip, atomic saving, and every kind of damaged file giving one
LoadError that says what and where, with the file left byte-for-byte untouched."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import pickle
import stat
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
    load,
    loads,
    persistence,
    save,
    to_document,
)

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

        monkeypatch.setattr(persistence.tempfile, "mkstemp", refuse)
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
    "utf-16": (VALID.decode().encode("utf-16"), ["not UTF-8"]),
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
        VALID.replace(b'"schema_version": 1', b'"schema_version": 1' + b"0" * 5000, 1),
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
    "wrong type": (with_(_set_node("S1", "text", 42)), [f"nodes[{S1}] (id 'S1').text", "valid string"]),
    "wrong type in a list": (with_(_set_node("S1", "tags", [7])), [f"nodes[{S1}] (id 'S1').tags[0]", "string"]),
    "wrong type at the same index": (with_(_set_node("O", "tags", [7])), ["nodes[0] (id 'O').tags[0]", "string"]),
    "nodes not a list": (with_(lambda raw: raw.update(nodes={"a": 1})), ["nodes", "list"]),
    "unknown field": (with_(_set_node("S1", "colour", "red")), [f"nodes[{S1}] (id 'S1').colour", "not permitted"]),
    "unknown top-level field": (with_(lambda raw: raw.update(script="rm -rf /")), ["script", "not permitted"]),
    "bad id": (with_(_set_node("S1", "id", "../../etc")), [f"nodes[{S1}] (id '../../etc').id", "pattern"]),
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
}


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
    raw["nodes"][1]["text"] = 2
    raw["nodes"][2]["text"] = 3
    with pytest.raises(LoadError, match=r"and 2 more problems"):
        loads(json.dumps(raw))


def test_an_older_format_is_migrated(monkeypatch):
    """Were the format at version 2, a version-1 file would go through MIGRATIONS[1] and open."""
    raw = base()
    raw["nodes"][0]["label"] = raw["nodes"][0].pop("text")

    def from_1(old):
        for n in old["nodes"]:
            if "label" in n:
                n["text"] = n.pop("label")
        return old

    monkeypatch.setattr(persistence, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(persistence.MIGRATIONS, 1, from_1)
    d = loads(json.dumps(raw))
    assert to_document(d) == to_document(full_sample())
    raw["schema_version"] = 3
    with pytest.raises(LoadError, match="file format 3; this version reads up to 2"):
        loads(json.dumps(raw))


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

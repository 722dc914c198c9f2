"""Reading and writing `.driver` files: UTF-8 JSON from the schema, saved atomically.

Loading never executes anything and never writes: any problem becomes one `LoadError`
that says what is wrong and where. Saving writes a temporary file in the same folder,
flushes and fsyncs it, then renames it over the old file, so a crash leaves the old file
or the new one, never a broken one.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .diagram import Diagram
from .document import from_document, to_document
from .errors import DiagramError, LoadError
from .schema import SCHEMA_VERSION, Document

EXTENSION = ".driver"
MAX_BYTES = 64 * 1024 * 1024

# file format version -> function upgrading a raw document of that version to the next one.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def load(path: str | os.PathLike[str]) -> Diagram:
    """Read a `.driver` file into a diagram, or raise `LoadError` (the file is only read)."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise LoadError(f"{p.name} is {size // 2**20} MB, too large to be a driver diagram.")
        data = p.read_bytes()
    except LoadError:
        raise
    except IsADirectoryError:
        raise LoadError(f"{p} is a folder, not a driver diagram file.") from None
    except FileNotFoundError:
        raise LoadError(f"There is no file {p}.") from None
    except OSError as e:
        raise LoadError(f"Could not read {p}: {e.strerror or e}.") from None
    return loads(data, source=p.name)


def loads(data: bytes | str, source: str = "the file") -> Diagram:
    """Parse and check a document from bytes (or text)."""
    doc = parse_document(data, source)
    try:
        return from_document(doc)
    except LoadError as e:  # name the file, as schema problems do
        raise LoadError(f"{source}: {e}") from None


def parse_document(data: bytes | str, source: str = "the file") -> Document:
    """Bytes → validated `Document` (schema only; graph rules are checked by `from_document`)."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise LoadError(f"{source} is not a driver diagram: byte {e.start} is not UTF-8 text.") from None
    else:
        text = data
    try:
        raw = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as e:
        where = f"line {e.lineno}, column {e.colno}"
        raise LoadError(f"{source} is damaged or not a driver diagram: {e.msg} ({where}).") from None
    except RecursionError:
        raise LoadError(f"{source} is not a driver diagram: its JSON is nested too deeply.") from None
    except _Refused as e:
        raise LoadError(f"{source} is not a driver diagram: {e}") from None
    except ValueError:  # e.g. an integer of thousands of digits
        raise LoadError(f"{source} is not a driver diagram: it holds a number too long to read.") from None
    if not isinstance(raw, dict):
        raise LoadError(f"{source} is not a driver diagram: it holds a JSON {_json_type(raw)}, not an object.")
    raw = migrate(raw, source)
    try:
        return Document.model_validate(raw)
    except ValidationError as e:
        raise LoadError(f"{source}: {describe_validation_error(e, raw)}") from None
    except RecursionError:
        raise LoadError(f"{source} is not a driver diagram: it is nested too deeply.") from None


def migrate(raw: dict[str, Any], source: str = "the file") -> dict[str, Any]:
    """Bring a raw document of an older format up to `SCHEMA_VERSION`."""
    version = raw.get("schema_version")
    if version is None:
        raise LoadError(f"{source} is not a driver diagram: it has no schema_version.")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise LoadError(f"{source}: schema_version must be a whole number from 1, not {version!r}.")
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


def describe_validation_error(error: ValidationError, raw: Any) -> str:
    """The first schema problem, located: "nodes[3] (id 'p2').kind: Input should be …"."""
    first = error.errors()[0]
    loc = first.get("loc", ())
    where = ""
    node: Any = raw
    for part in loc:
        if isinstance(part, int):
            where += f"[{part}]"
        else:
            where += f".{part}" if where else str(part)
        node = _child(node, part)
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            where += f" (id {node['id']!r})"
    msg = first.get("msg", "is not valid").removeprefix("Value error, ")
    count = error.error_count()
    more = f" (and {count - 1} more problem{'s' if count > 2 else ''})" if count > 1 else ""
    return f"{where or 'the document'}: {msg}{more}."


def _child(node: Any, key: int | str) -> Any:
    """`node[key]` where the raw JSON has it, else None."""
    if isinstance(node, dict):
        return node.get(key)
    if isinstance(node, list) and isinstance(key, int) and -len(node) <= key < len(node):
        return node[key]
    return None


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
            raise _Refused(f"the key {key!r} appears twice in one object.")
        out[key] = value
    return out


def dumps(diagram: Diagram) -> bytes:
    """The diagram as the bytes of a `.driver` file (stable, indented, UTF-8)."""
    doc = to_document(diagram)
    text = json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def save(diagram: Diagram, path: str | os.PathLike[str]) -> None:
    """Write the diagram to `path` atomically; on any failure the old file is untouched."""
    write_atomic(Path(path), dumps(diagram))


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a crash leaves the old file or the new one, never a mix.

    A symbolic link is followed (its target is replaced, the link stays); an existing file
    keeps its permissions and a new one gets the user's usual ones (the umask).
    """
    path = Path(os.path.realpath(path))
    folder = path.parent
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else _default_mode()
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise DiagramError(f"Could not save {path}: {e.strerror or e}. Choose another folder.") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as e:
        with suppress(OSError):  # the temporary file may already be gone
            os.unlink(tmp)
        raise DiagramError(f"Could not save {path}: {e.strerror or e}. The old file was not changed.") from None
    _fsync_folder(folder)


def _default_mode() -> int:
    """The permissions a new file gets from this user's umask (what any editor would give it)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX only; Windows has no folder handles for this)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with suppress(OSError):  # some file systems cannot sync a folder; the rename stands
            os.fsync(fd)
    finally:
        os.close(fd)

"""The CSV of the NHS FreeSPC web "driver-diagram-tool" (github.com/FreeSPC-nhs), both ways.

One row a box: `id`, `level` (aim, primary, secondary, change), `parent_id`, `text`, `color`,
`extra_parents` (more parents' ids, `;` or `,` between them) and `measures_json`; the tool's
settings (box height, gap, font, column titles, palette) repeat on every row. Row order is
the order of the boxes in each column. `read_freespc` keeps what maps (kinds, every link,
order, colours, measures, column titles; the tool's sizes and fonts mean nothing where boxes
fit their text) and reports every problem with its spreadsheet row (the header is row 1),
building nothing; `write_freespc` (freespc_out.py, with the columns; imported here) writes
what the tool reads and says what it left out. No Qt, no files.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import networkx as nx

from . import limits
from .colours import css_colour
from .diagram import Diagram
from .errors import DiagramError, ImportProblems
from .freespc_out import COLUMNS, HEADER, LEVELS, REQUIRED, TITLES, TOOL_SETTINGS, _and, _n, write_freespc
from .safe_text import describe_value, printable, quoted, shorten
from .schema import (
    DEFAULT_HEADINGS,
    ColumnHeadings,
    DocumentInfo,
    Measure,
    MeasureType,
)
from .schema import NodeKind as K

__all__ = [
    "COLUMNS",
    "HEADER",
    "TOOL_SETTINGS",
    "FreeSPCError",
    "Imported",
    "decode_csv",
    "read_freespc",
    "write_freespc",
]

MAX_TEXT = 20_000  # schema.Text
MAX_SHORT = 500  # schema.ShortText: a measure's name, a column heading
_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
_PARENT_OF = {K.PRIMARY: K.OUTCOME, K.SECONDARY: K.PRIMARY, K.CHANGE_IDEA: K.SECONDARY}

Cell = Callable[[list[str], str], str]  # (a row's cells, a column's name) -> the cell, "" when missing


class FreeSPCError(ImportProblems):
    """A FreeSPC CSV that cannot become a diagram; `problems` are "row N: what is wrong" each."""

    what = "The CSV"


@dataclass
class Imported:
    diagram: Diagram
    warnings: list[str] = field(default_factory=list)  # what was kept but changed, in words


@dataclass
class _Notes:
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    untyped: list[int] = field(default_factory=list)  # the rows of measures of type "none" (one each)
    empty: list[int] = field(default_factory=list)  # the rows with no text


@dataclass
class _Row:
    number: int  # the spreadsheet's row number (the header is row 1)
    id: str
    kind: K | None  # None: the level was not understood (already reported)
    text: str
    parents: list[str]
    colour: str = ""
    measures: list[tuple[str, MeasureType]] = field(default_factory=list)


def decode_csv(data: bytes, name: str = "the file") -> str:
    """The text of a CSV file, or a FreeSPCError that says why it is none."""
    if not data.strip():
        raise FreeSPCError([f"{name} is empty: a FreeSPC CSV has a header row and a row for each box"])
    if len(data) > limits.MAX_BYTES:
        raise FreeSPCError([f"{name} is {len(data) / 2**20:,.0f} MB: far larger than any driver diagram's CSV"])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FreeSPCError([f"{name} is UTF-16 text: save it as 'CSV UTF-8 (comma delimited)' and import it again"])
    if data.startswith(b"PK\x03\x04"):
        raise FreeSPCError([f"{name} is a workbook (.xlsx) or another zip file, not a CSV: save it as CSV UTF-8"])
    if b"\x00" in data[:4096]:
        raise FreeSPCError([f"{name} is not text (it holds binary data): export the diagram as CSV from the tool"])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        why = f"not UTF-8 text (byte {e.start + 1:,} is 0x{data[e.start]:02X})"
        raise FreeSPCError([f"line {line}: {why}; save the CSV as 'CSV UTF-8' and import it again"]) from None


def read_freespc(text: str, title: str = "") -> Imported:
    """The diagram a FreeSPC CSV describes, and what was changed on the way in; FreeSPCError
    with every problem (and its row) when it describes none."""
    records = _records(text.removeprefix("\ufeff"))
    if not records or not any(c.strip() for c in records[0]):
        raise FreeSPCError(["the CSV is empty: it needs a header row (id,level,parent_id,text,…) and the aim"])
    header = [c.strip().removeprefix("\ufeff").lower() for c in records[0]]
    col: dict[str, int] = {}
    for i, name in enumerate(header):
        col.setdefault(name, i)
    missing = [c for c in REQUIRED if c not in col]
    if missing:
        names = f"{_and([repr(c) for c in missing])} column{'s' if len(missing) > 1 else ''}"
        raise FreeSPCError([f"row 1: the header has no {names} (a FreeSPC CSV starts id,level,parent_id,text,…)"])
    body = [(n, cells) for n, cells in enumerate(records[1:], 2) if any(c.strip() for c in cells)]
    if not body:
        raise FreeSPCError(["the CSV has a header but no rows: it needs at least the aim"])
    if len(body) > limits.MAX_NODES:
        raise FreeSPCError([f"the CSV has {len(body):,} rows; a diagram holds at most {limits.MAX_NODES:,} boxes"])

    def cell(cells: list[str], name: str) -> str:
        i = col.get(name)
        return cells[i] if i is not None and i < len(cells) else ""

    notes = _Notes()
    rows = [_row(n, cells, cell, notes) for n, cells in body]
    _check(rows, notes.problems)
    if sum(len(r.measures) for r in rows) > limits.MAX_ITEMS:
        notes.problems.append(f"the CSV has more than {limits.MAX_ITEMS:,} measures, the most a diagram holds")
    if notes.problems:
        raise FreeSPCError(notes.problems)
    warnings = notes.warnings
    headings = _headings([cells for _, cells in body], cell, warnings)
    if any(cell(body[0][1], k).strip() not in ("", v) for k, v in TOOL_SETTINGS.items()):
        warnings.append("the CSV's box height, gap and font were not kept: here boxes fit their text, in one font")
    if notes.empty:
        warnings.append(f"{_rows(notes.empty)} had no text: imported as empty boxes")
    if k := len(notes.untyped):
        warnings.append(f"{_n(k, 'measure')} had no type ({_rows(notes.untyped)}): imported as process measures")
    return Imported(_build(rows, title, headings), warnings)


def _records(text: str) -> list[list[str]]:
    """The CSV's rows, blank ones included (so indexes are spreadsheet rows); a field may be
    as long as the whole text, and the module-wide limit is put back afterwards."""
    first = text.split("\n", 1)[0]
    delimiter = ","
    for d in (",", ";", "\t"):  # Excel in much of Europe saves with ";"
        if set(REQUIRED) <= {c.strip().strip('"').lower() for c in first.split(d)}:
            delimiter = d
            break
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, len(text) + 1))
    out: list[list[str]] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        try:
            for cells in reader:
                out.append(cells)
        except csv.Error as e:
            unclosed = "end of data" in str(e)
            why = "a quoted cell is never closed (a '\"' is missing)" if unclosed else "a cell has text after its"
            why += "" if unclosed else " closing '\"' (a '\"' inside a cell is written twice)"
            raise FreeSPCError([f"row {len(out) + 1}: {why}"]) from None
    finally:
        csv.field_size_limit(old)
    return out


def _row(n: int, cells: list[str], cell: Cell, notes: _Notes) -> _Row:
    """One data row read on its own: what it says, with its problems and changes noted."""
    problems, warnings = notes.problems, notes.warnings
    rid = cell(cells, "id").strip()
    if not rid:
        problems.append(f"row {n}: no id; each row needs one, so that other rows can name it as their parent")
    level = cell(cells, "level").strip()
    kind = LEVELS.get(level.lower())
    if kind is None:
        said = f"level {quoted(level)} is not" if level else "no level: it must be"
        problems.append(f"row {n}: {said} one of aim, primary, secondary, change")
    text = cell(cells, "text").strip()
    if len(text) > MAX_TEXT:
        warnings.append(f"row {n}: the text is {len(text):,} characters long; only its first {MAX_TEXT:,} were kept")
        text = text[:MAX_TEXT]
    if not text:
        notes.empty.append(n)
    parents: list[str] = []
    for pid in [cell(cells, "parent_id"), *re.split(r"[;,]", cell(cells, "extra_parents"))]:
        if pid.strip() and pid.strip() not in parents:
            parents.append(pid.strip())
    row = _Row(n, rid, kind, text, parents)
    raw = cell(cells, "color").strip()
    try:
        row.colour = css_colour(raw)
    except ValueError:
        usual = f"the usual colour of {_a(_label(kind)) if kind else 'its kind'}"
        warnings.append(f"row {n}: {quoted(raw)} is not a colour, so the box keeps {usual}")
    row.measures = _measures(n, cell(cells, "measures_json").strip(), notes)
    return row


def _measures(n: int, raw: str, notes: _Notes) -> list[tuple[str, MeasureType]]:
    """A row's measures_json as (text, type) pairs; its problems noted with the row."""
    if not raw:
        return []
    problems, bad = notes.problems, f"row {n}: measures_json"
    example = 'a list like [{"type": "process", "text": "Hours per week"}]'
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as e:
        problems.append(f"{bad} is not JSON ({e.msg} at character {e.pos + 1}); it should be {example}")
        return []
    except RecursionError:
        problems.append(f"{bad} is nested too deeply to read; it should be {example}")
        return []
    if not isinstance(value, list):
        problems.append(f"{bad} should be {example}, not {describe_value(value)}")
        return []
    out = []
    for i, m in enumerate(value, 1):
        if not isinstance(m, dict):
            problems.append(f"row {n}: measure {i} in measures_json is {describe_value(m)}, not a type and a text")
            continue
        name, mtype = m.get("text"), m.get("type")
        if not isinstance(name, str) or not name.strip():
            problems.append(f"row {n}: measure {i} in measures_json has no text")
            continue
        if mtype is None or isinstance(mtype, str) and mtype.strip().lower() in ("", "none"):
            notes.untyped.append(n)
            mtype = "process"
        if not isinstance(mtype, str) or mtype.strip().lower() not in {t.value for t in MeasureType}:
            shown = quoted(mtype) if isinstance(mtype, str) else describe_value(mtype)
            problems.append(
                f"row {n}: measure {i} has the type {shown}; its type is outcome, process, balancing or none"
            )
            continue
        name = name.strip()
        if len(name) > MAX_SHORT:
            notes.warnings.append(f"row {n}: measure {i}'s text was cut to its first {MAX_SHORT} characters")
            name = name[:MAX_SHORT]
        out.append((name, MeasureType(mtype.strip().lower())))
    return out


def _check(rows: list[_Row], problems: list[str]) -> None:
    """The problems of the rows together: ids, the one aim, and links one column to the left."""
    by_id: dict[str, _Row] = {}
    for r in rows:
        if r.id and r.id in by_id:
            problems.append(f"row {r.number}: the id {quoted(r.id)} is already row {by_id[r.id].number}'s")
        elif r.id:
            by_id[r.id] = r
    aims = [r for r in rows if r.kind is K.OUTCOME]
    if not aims:
        problems.append("no row is the aim: one row needs the level 'aim' (the outcome the diagram is for)")
    for r in aims[1:]:
        problems.append(f"row {r.number}: a second aim, {quoted(r.text, 40)}; a diagram has one (row {aims[0].number})")
    g = nx.DiGraph()
    for r in rows:
        if r.kind is None:
            continue
        if r.kind is K.OUTCOME:
            if r.parents:
                said = f"row {r.number}: the aim has a parent ({_and([quoted(p) for p in r.parents])})"
                problems.append(f"{said}; the aim is the start of the diagram, so its parent_id is empty")
            continue
        want = _PARENT_OF[r.kind]
        if not r.parents:
            problems.append(f"row {r.number}: {_what(r)} has no parent_id; give it the {_label(want)}'s id")
        for pid in r.parents:
            p = by_id.get(pid)
            if pid == r.id:
                problems.append(f"row {r.number}: {_what(r)} is its own parent")
            elif p is None:
                problems.append(f"row {r.number}: the parent {quoted(pid)} of {_what(r)} is not the id of any row")
            elif p.kind is not None and p.kind is not want:
                problems.append(
                    f"row {r.number}: {_what(r)} hangs from row {p.number}, {_a(_label(p.kind))}; a {r.kind.label}'s"
                    f" parent is {_a(_label(want))}, one column to its left"
                )
            if p is not None and pid != r.id:
                g.add_edge(p.number, r.number)
    for loop in nx.strongly_connected_components(g):
        if len(loop) > 1:
            problems.append(f"{_rows(sorted(loop))} are each other's parents, round in a loop")


def _headings(rows: list[list[str]], cell: Cell, warnings: list[str]) -> ColumnHeadings:
    """The column titles of the first row that has any (as the tool reads them); one that is
    the usual heading here is left as the usual one."""
    for cells in rows:
        found = {TITLES[k]: cell(cells, k).strip() for k in TITLES}
        if any(found.values()):
            break
    else:
        return ColumnHeadings()
    own = {}
    for kind, t in found.items():
        if len(t) > MAX_SHORT:
            warnings.append(f"the title of the {kind.plural} column was cut to its first {MAX_SHORT} characters")
            t = t[:MAX_SHORT]
        own[kind.value] = "" if t.casefold() == DEFAULT_HEADINGS[kind].casefold() else t
    return ColumnHeadings(**own)


def _build(rows: list[_Row], title: str, headings: ColumnHeadings) -> Diagram:
    """The diagram of rows already checked, a column at a time (each in the rows' order)."""
    taken = {r.id for r in rows if _ID.fullmatch(r.id)}
    ids: dict[str, str] = {}
    for r in rows:
        if _ID.fullmatch(r.id):
            ids[r.id] = r.id
            continue
        new, k = f"row{r.number}", 1
        while new in taken:
            new, k = f"row{r.number}-{k}", k + 1
        taken.add(new)
        ids[r.id] = new
    aim = next(r for r in rows if r.kind is K.OUTCOME)
    info = DocumentInfo(title=title[:MAX_SHORT], headings=headings)
    at = aim
    try:
        d = Diagram.new(aim.text, outcome_id=ids[aim.id], **info.model_dump(exclude_defaults=True))
        if aim.colour:
            d.edit_node(ids[aim.id], colour=aim.colour)
        for kind in (K.PRIMARY, K.SECONDARY, K.CHANGE_IDEA):
            for at in (r for r in rows if r.kind is kind):
                first = ids[at.parents[0]]
                d.add_node(kind, at.text, parent=first, index=len(d), id=ids[at.id], colour=at.colour)
        for at in rows:
            for pid in at.parents[1:]:
                d.connect(ids[pid], ids[at.id])
        for at in rows:
            for name, mtype in at.measures:
                d.add_item("measures", Measure(id=d.new_id("m"), node_id=ids[at.id], name=name, type=mtype))
    except DiagramError as e:  # every rule was checked above; this is a safety net
        raise FreeSPCError([f"row {at.number}: {e}"]) from None
    return d


def _label(kind: K) -> str:
    return "aim" if kind is K.OUTCOME else kind.label


def _what(r: _Row) -> str:
    assert r.kind is not None
    if not r.text:
        return f"{_label(r.kind)} with id {quoted(r.id)}"
    return f"{_label(r.kind)} '{printable(shorten(' '.join(r.text.split()), 40))}'"


def _a(label: str) -> str:
    return ("the " if label == "aim" else "an " if label[0] in "aeiou" else "a ") + label


def _rows(numbers: list[int]) -> str:
    """ "row 3", "rows 3 and 5", "rows 3, 5, 8, 9, 12 and 4 more"."""
    ns = sorted(set(numbers))
    if len(ns) == 1:
        return f"row {ns[0]}"
    words = [str(x) for x in ns[:5]] + ([f"{len(ns) - 5} more"] if len(ns) > 5 else [])
    return "rows " + _and(words)

"""Reading what people type into a measure's data: dates (ISO or the user's locale),
numbers (the locale's decimal separator too), and rows pasted from a spreadsheet, with a
message in the users' words for what cannot be read. Used by the data table and the
Measures panel's fields.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from PySide6.QtCore import QDate, QLocale

from ..model import DataPoint
from ..model.schema import ChangeMarker

MAX_NOTE = 500  # DataPoint.note is ShortText
MAX_LISTED = 10  # bad pasted rows named in the message; the rest are counted

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_SPACES = str.maketrans("", "", "\u00a0\u202f\u2009")  # group separators some locales use


# ---- reading what people type -----------------------------------------------------------


def parse_date(text: str, locale: QLocale | None = None) -> dt.date | None:
    """A date typed as 2026-03-01 (a time after it is ignored, as spreadsheets copy it),
    or in the locale's short or long format (01/03/2026, 1/3/26, 1 March 2026); None
    when it is not a day of the calendar."""
    text = " ".join(text.split())
    if not text:
        return None
    if m := _ISO.fullmatch(text):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    loc = locale or QLocale()
    for fmt, base_year in _date_formats(loc):
        d = loc.toDate(text, fmt, base_year) if base_year else loc.toDate(text, fmt)
        if d.isValid() and 1 <= d.year() <= 9999:
            return dt.date(d.year(), d.month(), d.day())
    return None


def _date_formats(loc: QLocale) -> list[tuple[str, int]]:
    """The locale's formats, leniently: one or two digits for day and month, two- or
    four-digit years (two-digit years in this century), with or without the weekday."""
    short = loc.dateFormat(QLocale.FormatType.ShortFormat)
    relaxed = short.replace("dd", "d").replace("MM", "M")
    four = relaxed if "yyyy" in relaxed else relaxed.replace("yy", "yyyy")
    two = four.replace("yyyy", "yy")
    out = [(four, 0), (two, 2000), (short, 0)]
    long = loc.dateFormat(QLocale.FormatType.LongFormat)
    no_weekday = re.sub(r"dddd[,.]?\s*", "", long)
    out += [(long, 0), (no_weekday, 0), (no_weekday.replace("MMMM", "MMM"), 0)]
    return list(dict.fromkeys(out))


def parse_number(text: str, locale: QLocale | None = None) -> float | None:
    """A finite number typed with the locale's decimal separator (3,5 in German) or a
    point (3.5); a trailing % is allowed (45% is 45); None when it is not a number."""
    text = text.strip().translate(_SPACES)
    if text.endswith("%"):
        text = text[:-1].rstrip()
    if not text:
        return None
    for loc in (locale or QLocale(), QLocale.c()):
        value, ok = loc.toDouble(text)
        if ok and math.isfinite(value):
            return value
    return None


def format_date(d: dt.date) -> str:
    """Dates are shown as 2026-03-01: one way for everyone, whatever the typing."""
    return d.isoformat()


def format_number(v: float, locale: QLocale | None = None) -> str:
    """A value as the locale writes it (3,5 in German), without group separators."""
    loc = QLocale(locale or QLocale())
    loc.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
    return loc.toString(float(v), "g", 15)


def date_example(locale: QLocale | None = None) -> str:
    """How to type 1 March 2026, both ways (for messages)."""
    loc = locale or QLocale()
    fmt = loc.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in fmt:
        fmt = fmt.replace("yy", "yyyy")
    local = loc.toString(QDate(2026, 3, 1), fmt)
    return "2026-03-01" if local == "2026-03-01" else f"2026-03-01 or {local}"


def not_a_date(text: str) -> str:
    return f"“{_shown(text)}” is not a date: type it as {date_example()}."


def not_a_number(text: str) -> str:
    return f"“{_shown(text)}” is not a number: type a value such as {format_number(12.5)}."


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


# ---- pasting rows from a spreadsheet ----------------------------------------------------


@dataclass(frozen=True)
class PastedRows:
    points: tuple[DataPoint, ...]  # the rows that could be read, in the order pasted
    problems: tuple[tuple[int, str], ...]  # (row number in the pasted block, why not)
    header: bool  # the first row was a header and was skipped


def parse_rows(text: str, locale: QLocale | None = None) -> PastedRows:
    """Tab-separated rows of date, value and an optional note, as a spreadsheet copies
    them. Row numbers count every line of the block (a header is row 1); empty lines are
    skipped; a first line that holds neither a date nor a number is a header."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    points: list[DataPoint] = []
    problems: list[tuple[int, str]] = []
    header = False
    seen_row = False
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        cells = [_unquote(c) for c in line.split("\t")]
        while len(cells) > 1 and not cells[-1]:
            cells.pop()
        first = not seen_row
        seen_row = True
        date_text = cells[0]
        value_text = cells[1] if len(cells) > 1 else ""
        note = cells[2] if len(cells) > 2 else ""
        when, value = parse_date(date_text, locale), parse_number(value_text, locale)
        if first and when is None and value is None and date_text:
            header = True
            continue
        why = _row_problem(cells, date_text, value_text, note, when, value)
        if why:
            problems.append((number, why))
            continue
        assert when is not None and value is not None
        points.append(DataPoint(date=when, value=value, note=note))
    return PastedRows(tuple(points), tuple(problems), header)


def _row_problem(
    cells: list[str], date_text: str, value_text: str, note: str, when: dt.date | None, value: float | None
) -> str:
    reasons = []
    if len(cells) > 3:
        return f"it has {len(cells)} columns; paste only date, value and note."
    if not date_text:
        reasons.append("it has no date")
    elif when is None:
        reasons.append(f"“{_shown(date_text)}” is not a date")
    if not value_text:
        reasons.append("it has no value")
    elif value is None:
        reasons.append(f"“{_shown(value_text)}” is not a number")
    if len(note) > MAX_NOTE:
        reasons.append(f"its note is longer than {MAX_NOTE} characters")
    return "; ".join(reasons) + "." if reasons else ""


def _unquote(cell: str) -> str:
    cell = cell.strip()
    if len(cell) >= 2 and cell[0] == cell[-1] == '"':
        cell = cell[1:-1].replace('""', '"')
    return cell


def paste_report(pasted: PastedRows, added: int) -> str:
    """The message after a paste with rows that could not be read."""
    rows = len(pasted.points) + len(pasted.problems)
    if added:
        head = f"Added {added} of {rows} pasted rows, as one step (Ctrl+Z takes them back)."
    else:
        head = f"None of the {rows} pasted rows could be added."
    listed = [f"Row {n}: {why}" if n else why[:1].upper() + why[1:] for n, why in pasted.problems[:MAX_LISTED]]
    more = len(pasted.problems) - MAX_LISTED
    if more > 0:
        listed.append(f"… and {more} more.")
    how = (
        f"Each row needs a date ({date_example()}) and a value, separated by a tab, and may have a note "
        "in a third column: copy those columns from a spreadsheet."
    )
    return "\n\n".join([head, "Not added:\n" + "\n".join(listed), how])


# ---- change markers ------------------------------------------------------------------------


def parse_markers(text: str) -> tuple[list[ChangeMarker], str]:
    """ "2026-03-01 PDSA 1: protected mornings" lines → markers, or the first problem (with its line)."""
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        first, _, rest = line.partition(" ")
        when = parse_date(first.rstrip(":,;"))
        if when is None:
            return [], f"Changes tested, line {number}: start with the date of the change, e.g. 2026-03-01."
        out.append(ChangeMarker(date=when, text=rest.strip()[:500]))
    return sorted(out, key=lambda m: m.date), ""


def format_markers(markers) -> str:
    return "\n".join(f"{format_date(m.date)} {m.text}".rstrip() for m in markers)

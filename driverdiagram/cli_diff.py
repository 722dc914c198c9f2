"""`driverdiagram diff OLD NEW [--json]`: what changed from one copy of a diagram to another.

    python -m driverdiagram.cli_diff OLD NEW [--json]

One line per difference, marked by its kind ("+ node", "~ note", "- link", "! data" for a
new run-chart signal or a milestone that slipped), then a line counting them, or "No
changes."; with --json, a JSON list of objects with the keys what, change, id, node_id
and message (ASCII only). Both files are only read. Exit 0 whether or not anything
changed, 1 when a file cannot be read (one line on stderr, no traceback), 2 for bad
arguments. Every line printed has its control characters escaped (`model/safe_text.py`).

`add_arguments` and `run` let `driverdiagram` host it as its `diff` command.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from contextlib import suppress
from typing import TYPE_CHECKING

from .cli_output import load_or_say as _load
from .cli_output import say as _say

if TYPE_CHECKING:
    from .model.diff import Difference

PROG = "driverdiagram diff"
DESCRIPTION = (
    "Show what changed from OLD to NEW (two copies of a .driver file, say the one sent before the last "
    "meeting and today's): nodes, links, measures, data points and run-chart signals, notes and "
    "milestones. Exit 0 whether or not anything changed, 1 when a file cannot be read. The files are only read."
)

MARKS = {"added": "+", "removed": "-", "signal": "!", "slipped": "!"}
"""The mark before a line; any other change (edited, moved, resolved, reopened, done) is "~"."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", metavar="OLD", help="the earlier .driver file")
    parser.add_argument("new", metavar="NEW", help="the later .driver file")
    parser.add_argument(
        "--json", action="store_true", help="a JSON list of objects (what, change, id, node_id, message)"
    )


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=PROG, description=DESCRIPTION)
    add_arguments(p)
    return p


def line(d: Difference) -> str:
    """ "+ node      Secondary driver "Stats course" added under …"."""
    return f"{MARKS.get(d.change, '~')} {d.what:<9} {d.message}"


def run(ns: argparse.Namespace) -> int:
    import json

    from .model.diff import compare_documents, summary_counts

    old = _load(ns.old)
    if old is None:
        return 1
    new = _load(ns.new)
    if new is None:
        return 1
    diffs = compare_documents(old, new)
    if ns.json:
        print(json.dumps([d.as_json() for d in diffs], ensure_ascii=True, indent=2))
        return 0
    for d in diffs:
        _say(line(d), sys.stdout)
    _say(summary_counts(diffs) if diffs else "No changes.", sys.stdout)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show a character gets an escape
        with suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    try:
        ns = parser().parse_args(args)
    except SystemExit as e:  # argparse: --help exits 0, bad arguments 2
        return int(e.code or 0)
    return run(ns)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

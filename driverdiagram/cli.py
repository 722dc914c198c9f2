"""The command line: open the app, or work on `.driver` files without a display.

    driverdiagram [PATH]          open the app (on PATH; a new diagram there if it does not exist)
    driverdiagram check PATH      validate a file and summarise it

Exit codes: 0 success, 1 a problem with the file (the message on stderr), 2 bad arguments.
No Python traceback reaches a user for bad input; Qt is imported only to open the window.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__

COMMANDS = ("check",)

DESCRIPTION = """\
DriverDiagram: draw a personal driver diagram (a 3–5 year goal as outcome, primary and
secondary drivers, change ideas and barriers), hang measures on it, and share it with
your mentor."""

EPILOG = """\
commands (run without a display):
  check PATH            validate a .driver file and summarise it

examples:
  driverdiagram                         open the app on the example career diagram
  driverdiagram ~/plan.driver           open a diagram (a new one, saved there, if it does not exist)
  driverdiagram check ~/plan.driver     check a file: exit 0 when valid, 1 when not
"""


def _gui_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="driverdiagram",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("path", nargs="?", metavar="PATH", help="a .driver file to open (created when you first save)")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return p


def _command_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="driverdiagram", description=DESCRIPTION)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = sub.add_parser(
        "check",
        help="validate a .driver file and summarise it",
        description="Validate a .driver file and print a short summary. Exit 0 when valid, "
        "1 (with the problem on stderr) when not. The file is only read.",
    )
    check.add_argument("path", metavar="PATH", help="the .driver file to check")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in COMMANDS:
            ns = _command_parser().parse_args(args)
            return _run_check(ns.path)
        ns = _gui_parser().parse_args(args)
    except SystemExit as e:  # argparse: --help/--version exit 0, bad arguments exit 2
        return int(e.code or 0)
    return _run_gui(ns.path)


def _run_check(path: str) -> int:
    from .model import DiagramError, load, summarize

    try:
        diagram = load(path)
    except DiagramError as e:
        print(f"driverdiagram: {e}", file=sys.stderr)
        return 1
    print(f"{path}: valid driver diagram")
    print(summarize(diagram))
    return 0


def _run_gui(path: str | None) -> int:
    try:
        from .ui.app import run
    except ImportError as e:
        print(
            f"driverdiagram: the window cannot open because Qt could not be loaded ({e}).\n"
            "Reinstall with `python3 dev.py run`, or use `driverdiagram check` without a display.",
            file=sys.stderr,
        )
        return 1
    return run(path)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""The command line: open the app, or work on `.driver` files without a display.

    driverdiagram [PATH]          open the app (on PATH; a new diagram there if it does not exist);
                                  when it runs already, PATH opens there, in a window of its own
    driverdiagram check PATH      validate a file and summarise it (--gaps: and list its gaps)
    driverdiagram diff OLD NEW    what changed from one copy to another (--json: as objects)
    driverdiagram export PATH     print it to PDF: diagram, measures, mentor notes, compact

Exit codes: 0 success, 1 a problem with the file (the message on stderr), 2 bad arguments.
No Python traceback reaches a user for bad input; Qt is imported only to open the window (or to
hand PATH to the DriverDiagram already running: `ui/single_instance.py`).
Whatever is printed of a file (its texts, its name, a value in an error) has its control
characters escaped (`model/safe_text.py`), so a file cannot clear the terminal or fake a
line of output. An export writes only a new file or an ordinary one of the same kind
(`model/safe_io.py`): never the diagram itself, a folder, a device or a read-only file,
and a file of another kind (a `.driver` file, say) only with --force.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from contextlib import suppress
from typing import TYPE_CHECKING

from . import __version__
from .cli_output import load_or_say as _load
from .cli_output import say as _say
from .export.sections import SECTION_KEYS

if TYPE_CHECKING:
    from .model import Diagram

COMMANDS = ("check", "diff", "export", "measures")

DESCRIPTION = """\
DriverDiagram: draw a personal driver diagram (a 3–5 year goal as outcome, primary and
secondary drivers, change ideas and barriers), hang measures on it, and share it with
your mentor."""

EPILOG = """\
commands (run without a display):
  check PATH [--gaps [--json]]  validate a .driver file and summarise it; --gaps: the gaps a mentor
                        would point at (exit 0 for a valid file, gaps or not)
  diff OLD NEW [--json] what changed from OLD to NEW: nodes, links, measures, data, notes, milestones
  export PATH -o OUT    write a PDF: the diagram, measures, mentor notes and the compact
  measures PATH [--json]  every measure: points, median, latest value, status, run-chart signals

examples:
  driverdiagram                         open the app (its welcome page)
  driverdiagram ~/plan.driver           open a diagram (a new one, saved there, if it does not exist);
                                        in the DriverDiagram already running, if there is one
  driverdiagram --new-instance ~/plan.driver   open it in a separate DriverDiagram instead
  driverdiagram check ~/plan.driver     check a file: exit 0 when valid, 1 when not
  driverdiagram check ~/plan.driver --gaps   ... and list the gaps in the plan
  driverdiagram diff sent-in-march.driver ~/plan.driver   what changed since the copy sent in March
  driverdiagram export ~/plan.driver -o plan.pdf --page letter --portrait
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
    p.add_argument(
        "--new-instance",
        action="store_true",
        help="start a separate DriverDiagram with its own windows, even when one is running already (by "
        "default PATH opens in the running one, in a window of its own, or in the window that has it open)",
    )
    desktop = p.add_mutually_exclusive_group()
    desktop.add_argument(
        "--install-desktop",
        action="store_true",
        help="make .driver files open in DriverDiagram from the file manager (Linux: a menu entry, the file "
        "type and its icon, for you only)",
    )
    desktop.add_argument("--uninstall-desktop", action="store_true", help="remove what --install-desktop added")
    return p


def _command_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="driverdiagram", description=DESCRIPTION)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = sub.add_parser(
        "check",
        help="validate a .driver file and summarise it",
        description="Validate a .driver file and print a short summary. Exit 0 when valid, "
        "1 (with the problem on stderr) when not. With --gaps, also list the gaps a mentor would point at "
        "(an aim with no number or date, a driver with no measure, a barrier nothing counters, no work-life "
        "balance, stale data, overdue milestones, open gap notes, ...); gaps do not change the exit code. "
        "The file is only read.",
    )
    check.add_argument("path", metavar="PATH", help="the .driver file to check")
    check.add_argument("--gaps", action="store_true", help="list the gaps in the plan, one line each: [rule] message")
    check.add_argument(
        "--json",
        action="store_true",
        help='with --gaps: print only a JSON list of {"rule", "node_id", "message", "title"}',
    )
    from . import cli_diff

    cli_diff.add_arguments(
        sub.add_parser(
            "diff",
            help="what changed from one copy of a diagram to another",
            description=cli_diff.DESCRIPTION,
        )
    )
    measures = sub.add_parser(
        "measures",
        help="list every measure with its run-chart reading",
        description="Print every measure: its node, name, type, number of points, median, latest date and "
        "value, target, status (on track, not yet, no data, overdue) and its run-chart signals (shift, "
        "trend, runs; or the Anhoej rules when the diagram uses them). Exit 0, or 1 when the file cannot "
        "be read. The file is only read.",
    )
    measures.add_argument("path", metavar="PATH", help="the .driver file")
    measures.add_argument("--json", action="store_true", help="a JSON list of objects, one per measure")
    export = sub.add_parser(
        "export",
        help="convert a diagram: to PDF, CSV, Markdown, PNG, SVG, GraphML, or from CSV/outline/GraphML to .driver",
        description="Read PATH (a .driver file, a FreeSPC driver-diagram .csv, a Markdown .md or plain .txt outline, "
        "a .graphml this app wrote) and write OUT in the format its extension names: .pdf (the diagram on"
        " one page when its text stays at least 6 pt, else in parts, with the measures, notes and "
        "compact), .driver (a new diagram), .csv (the FreeSPC tool's columns), .md (an outline), .png, "
        ".svg (the diagram as on paper, for slides) or .graphml (for yEd, Gephi, networkx). What the "
        "output format cannot hold is named in a warning. Exit 0 when written, 1 (with the problem on "
        "stderr) when PATH cannot be read or OUT cannot be written. PATH is only read. OUT is never PATH "
        "itself, a driver diagram, a read-only file, a folder or a device; a .driver OUT must be a new "
        "file; another kind of file (a PDF for a CSV) is replaced only with --force.",
    )
    export.add_argument("path", metavar="PATH", help="the diagram to read (.driver, .csv, .md, .txt or .graphml)")
    export.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="the file to write; its extension picks the format (default: PATH with .pdf)",
    )
    export.add_argument(
        "--dpi",
        type=_dpi,
        default=None,
        metavar="N",
        help="the resolution of a .png, in dots per inch (default 150; 300 for print)",
    )
    export.add_argument(
        "--page",
        choices=("a4", "letter"),
        default=None,
        help="paper size (default: letter in the US, Canada, Mexico, …; else a4)",
    )
    side = export.add_mutually_exclusive_group()
    side.add_argument(
        "--landscape", dest="orientation", action="store_const", const="landscape", help="landscape pages (the default)"
    )
    side.add_argument("--portrait", dest="orientation", action="store_const", const="portrait", help="portrait pages")
    side.add_argument(
        "--auto-orientation",
        dest="orientation",
        action="store_const",
        const="auto",
        help="the orientation in which the diagram needs fewer pages (then: prints larger)",
    )
    export.set_defaults(orientation="landscape")
    export.add_argument(
        "--sections",
        type=_sections,
        default=None,
        metavar="LIST",
        help=f"comma-separated, from {','.join(SECTION_KEYS)} (default: all but changes)",
    )
    export.add_argument(
        "--changes-since",
        metavar="MEETING",
        default=None,
        help="add a section of what changed since a meeting: its date (YYYY-MM-DD) or its id; the meeting "
        "must have been held in meeting mode, which keeps a snapshot of the diagram",
    )
    export.add_argument(
        "--contacts",
        action="store_true",
        help="print how to reach the people on the board of advisors (other people's data: left out by default)",
    )
    export.add_argument(
        "--tile", action="store_true", help="print the diagram at 100%% across pages instead of fitting it"
    )
    export.add_argument(
        "--force",
        action="store_true",
        help="replace OUT even when it is a file of another kind (a text file, a PDF for a CSV); never a "
        "driver diagram, a read-only file, PATH itself, a folder or a device",
    )
    return p


SECTIONS = SECTION_KEYS


def _dpi(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of dots per inch") from None
    if not 10 <= value <= 1200:
        raise argparse.ArgumentTypeError(f"{text} dpi: choose from 10 to 1200 (150 for the screen, 300 for print)")
    return value


def _sections(text: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(s.strip().lower() for s in text.split(",") if s.strip()))
    bad = [s for s in names if s not in SECTIONS]
    if bad or not names:
        raise argparse.ArgumentTypeError(
            f"unknown section {bad[0]!r}; choose from {','.join(SECTIONS)}" if bad else "no section given"
        )
    return names


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show a character gets an escape
        with suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    try:
        if args and args[0] in COMMANDS:
            ns = _command_parser().parse_args(args)
            if ns.command == "export":
                return _run_export(ns)
            if ns.command == "diff":
                from . import cli_diff

                return cli_diff.run(ns)
            if ns.command == "measures":
                return _run_measures(ns.path, as_json=ns.json)
            return _run_check(ns.path, gaps=ns.gaps, as_json=ns.json)
        ns = _gui_parser().parse_args(args)
    except SystemExit as e:  # argparse: --help/--version exit 0, bad arguments exit 2
        return int(e.code or 0)
    if ns.install_desktop or ns.uninstall_desktop:
        from . import desktop

        return desktop.main(uninstalling=ns.uninstall_desktop)
    return _run_gui(ns.path, new_instance=ns.new_instance)


def _run_check(path: str, *, gaps: bool = False, as_json: bool = False) -> int:
    """Validate and summarise; with `gaps`, list the plan's gaps too (as JSON only, with `as_json`).
    The exit code is about the file's validity: a valid file with gaps is still 0."""
    from .model import from_document, summarize, to_document
    from .model.safe_text import displayable

    if as_json and not gaps:
        _say("driverdiagram check: --json needs --gaps (the summary has no JSON form)")
        return 2
    diagram = _load(path)
    if diagram is None:
        return 1
    found = []
    if gaps:
        from .model.gaps import find_gaps

        found = find_gaps(diagram)
    if as_json:
        import json

        from .model.gaps import RULES

        rows = [{"rule": g.rule, "node_id": g.node_id, "message": g.message, "title": RULES[g.rule]} for g in found]
        print(json.dumps(rows, ensure_ascii=True, indent=2))  # ASCII: no control character reaches the terminal
        return 0
    shown = from_document(displayable(to_document(diagram)))  # the summary quotes the file's texts
    _say(f"{path}: valid driver diagram", sys.stdout)
    print(summarize(shown))
    if gaps:
        _say("", sys.stdout)
        for g in found:
            _say(f"[{g.rule}] {g.message}", sys.stdout)
        if not found:
            _say("No gaps found.", sys.stdout)
    return 0


def _run_measures(path: str, *, as_json: bool) -> int:
    import json

    from .model.measure_report import format_report, measure_report

    diagram = _load(path)
    if diagram is None:
        return 1
    rows = measure_report(diagram)
    if as_json:
        print(json.dumps(rows, ensure_ascii=True, indent=2))  # ASCII: no control character reaches the terminal
    else:
        for line in format_report(rows).splitlines():  # each line escaped on its own
            _say(line, sys.stdout)
    return 0


def _run_export(ns: argparse.Namespace) -> int:
    """Read any input, write the format OUT's extension names; reportlab is imported only here."""
    from pathlib import Path

    from .export import default_page, formats
    from .model import DiagramError
    from .model.safe_text import printable

    try:
        opened = formats.read(ns.path)
    except DiagramError as e:
        _say(f"driverdiagram: {e}")
        return 1
    out = Path(ns.output) if ns.output else Path(ns.path).with_suffix(".pdf")
    why = formats.refusal(out, None, source=ns.path)  # a device, the input itself …: whatever its name says
    try:
        kind = formats.output_kind(out) if why is None else ".pdf"
    except DiagramError as e:
        _say(f"driverdiagram: {e} Nothing was written.")
        return 1
    why = why or formats.refusal(out, kind, force=ns.force, source=ns.path)
    if why is not None:
        _say(f"driverdiagram: {why.replace('choose another name', 'choose another name with -o')} Nothing was written.")
        return 1
    if ns.dpi is not None and kind != ".png":
        _say(f"driverdiagram: --dpi is for a .png; {out.name} is a {formats.OUTPUTS[kind]}. Nothing was written.")
        return 2
    diagram = opened.diagram
    for warning in opened.warnings:
        _say(f"driverdiagram: warning: {printable(ns.path)}: {warning}")
    if kind != ".pdf":
        try:
            left_out = formats.write(diagram, out, kind, force=ns.force, dpi=ns.dpi or formats.DEFAULT_DPI)
        except DiagramError as e:
            _say(f"driverdiagram: {e}")
            return 1
        except Exception as e:  # noqa: BLE001 (a bug: one line for the user, not a traceback)
            _say(f"driverdiagram: could not write {out}: {type(e).__name__}: {e}")
            return 1
        for what in left_out:
            _say(f"driverdiagram: warning: {formats.OUTPUTS[kind]} cannot hold {what}; left out")
        _say(f"Wrote {out} ({formats.OUTPUTS[kind]})", sys.stdout)
        return 0
    changes_since = None
    if ns.changes_since:
        changes_since = _meeting(diagram, ns.changes_since)
        if changes_since is None:
            return 1
    from .export import export_pdf

    try:
        result = export_pdf(
            diagram,
            out,
            page=ns.page or default_page(),
            orientation=ns.orientation,
            fit="tile" if ns.tile else "fit",
            sections=ns.sections,
            changes_since=changes_since,
            contacts=ns.contacts,
        )
    except DiagramError as e:  # the output could not be written; nothing was left half-written
        _say(f"driverdiagram: {e}")
        return 1
    except Exception as e:  # noqa: BLE001 (a bug: one line for the user, not a traceback)
        _say(f"driverdiagram: could not export {ns.path}: {type(e).__name__}: {e}")
        return 1
    for warning in result.warnings:
        _say(f"driverdiagram: warning: {warning}")
    parts = f", diagram in {result.diagram_pages - 1} parts" if result.diagram_pages > 1 else ""
    _say(f"Wrote {out}: {result.pages} page{'s' if result.pages != 1 else ''}{parts}", sys.stdout)
    return 0


def _meeting(diagram: Diagram, wanted: str) -> str | None:
    """The id of the meeting named by its date or id, or None once the problem is printed."""
    meetings = diagram.items("meetings")
    found = [m for m in meetings if m.id == wanted or m.date.isoformat() == wanted]
    if not found:
        known = ", ".join(f"{m.date.isoformat()} ({m.id})" for m in meetings) or "none"
        _say(f"driverdiagram: there is no meeting {wanted!r} in this diagram (meetings: {known}). Nothing was written.")
        return None
    if found[-1].snapshot is None:
        _say(
            f"driverdiagram: the meeting of {found[-1].date.isoformat()} kept no snapshot of the diagram (only "
            "meetings held in meeting mode do), so what changed since cannot be told. Nothing was written."
        )
        return None
    return found[-1].id


def _no_display() -> bool:
    """On Linux and the BSDs Qt needs an X11 or Wayland session (or QT_QPA_PLATFORM set)."""
    import os

    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return False
    return not any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def _run_gui(path: str | None, *, new_instance: bool = False) -> int:
    """Open the window; or, when DriverDiagram runs already (and not `new_instance`), hand
    PATH to it and finish at once (the running app opens it in a window)."""
    if _no_display():
        print(
            "driverdiagram: no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
            "Run it from your desktop session, or use `driverdiagram check` or `driverdiagram export` "
            "without one.",
            file=sys.stderr,
        )
        return 1
    try:
        claim = None
        if not new_instance:
            from .ui import single_instance

            claim = single_instance.claim([path] if path is not None else [])
            if claim.handed_over:
                if claim.note:
                    _say(claim.note)
                return 0
        from .ui.app import run
    except ImportError as e:
        print(
            f"driverdiagram: the window cannot open because Qt could not be loaded ({e}).\n"
            "Reinstall with `python3 dev.py run`, or use `driverdiagram check` without a display.",
            file=sys.stderr,
        )
        return 1
    return run(path, claim)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

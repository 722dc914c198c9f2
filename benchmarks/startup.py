"""Start-up benchmark: launching the app to its first painted window, against a bare PySide6
window (QApplication + QMainWindow, shown, painted once) timed in the same run.

Each launch is a fresh interpreter running benchmarks/_startup_app.py (BENCH_STARTUP=welcome,
file or bare), the three interleaved after one untimed warm-up of each (disk cache):

    welcome   `driverdiagram` as a user starts it: the welcome page, painted before the model,
              layout and canvas are imported; the editor is built right after (its "editor
              ready" stage is printed too: what a click on the page waits for at most)
    file      `driverdiagram career.driver`: the editor built and the example laid out and
              painted before the first paint
    bare      the reference

Columns:
    launch->paint  from the parent's clock just before starting the process to the end of
                   the first paint (the child stamps time.time()). The target is on this one.
    in script      from the first line of the launcher (before any import) to the same point
    imports        from the first line of the launcher to its own imports done (ui.app; Qt and
                   the rest come with start_app, as in a real launch)
    process        the whole process as the parent saw it (welcome: until the editor is ready)

Target (issue 8): a launch paints within 3 x the bare window's launch->paint (the welcome
row); opening a file at launch is reported beside it. reportlab, pypdfium2 and
driverdiagram.export.pdf must not be loaded at first paint in either. QT_QPA_PLATFORM=offscreen
unless DISPLAY is set.

    python -m benchmarks startup                  9 launches of each
    python -m benchmarks startup --runs 3
    python -m benchmarks startup --importtime     also: the slowest imports of a file launch
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._harness import table, verdict

DESCRIPTION = "Start-up: launch to first painted window, app on the example vs a bare PySide6 window"

LAUNCHER = Path(__file__).resolve().with_name("_startup_app.py")
ROOT = Path(__file__).resolve().parents[1]
MAX_RATIO = 3.0  # the target: a launch paints within 3 x a bare PySide6 window
LAZY = ("reportlab", "pypdfium2", "driverdiagram.export.pdf")  # must not be imported at first paint (the PDF writer)


def _env(mode: str, tmp: str) -> dict[str, str]:
    env = dict(os.environ)
    env["BENCH_STARTUP"] = mode
    env["BENCH_STARTUP_TMP"] = tmp
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


def launch(mode: str, tmp: str, extra: list[str] | None = None, timeout: float = 60.0) -> dict:
    """One fresh process; its JSON report plus the parent's timings (ms)."""
    cmd = [sys.executable, *(extra or []), str(LAUNCHER)]
    start = time.time()
    t = time.perf_counter()
    p = subprocess.run(cmd, env=_env(mode, tmp), capture_output=True, text=True, timeout=timeout, cwd=ROOT, check=False)
    process_ms = (time.perf_counter() - t) * 1e3
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
    if p.returncode != 0 or not lines:
        raise RuntimeError(f"{mode} launch failed (exit {p.returncode}):\n{p.stdout}\n{p.stderr}")
    r = json.loads(lines[-1])
    r["launch_ms"] = (r["wall_paint_done"] - start) * 1e3
    r["script_ms"] = r["paint_done_s"] * 1e3
    r["imports_ms"] = r["imports_s"] * 1e3
    r["process_ms"] = process_ms
    r["stderr"] = p.stderr
    return r


def _stats(values: list[float]) -> tuple[str, str, str]:
    return f"{statistics.median(values):.0f}", f"{min(values):.0f}", f"{max(values):.0f}"


def importtime(tmp: str, top: int) -> None:
    """The slowest imports of one app launch, by cumulative time (python -X importtime)."""
    r = launch("file", tmp, ["-X", "importtime"])
    rows = []
    for line in r["stderr"].splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = line.removeprefix("import time:").split("|")
        try:
            self_us, cum_us = int(parts[0]), int(parts[1])
        except ValueError:
            continue
        name = parts[2].rstrip()
        depth = (len(name) - len(name.lstrip())) // 2
        rows.append((cum_us, self_us, depth, name.strip()))
    rows.sort(reverse=True)
    shown = [[name, depth, f"{cum / 1e3:.1f}", f"{own / 1e3:.1f}"] for cum, own, depth, name in rows[:top]]
    print(
        table(
            ["module", "depth", "cumulative ms", "self ms"],
            shown,
            f"Slowest imports of one app launch (python -X importtime; inflated by the tracing), top {top}",
        )
    )
    print()


MODES = (
    ("welcome", "app, no file (welcome page)"),
    ("file", "app + career.driver"),
    ("bare", "bare QMainWindow"),
)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m benchmarks startup", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--runs", type=int, default=9, help="timed launches of each mode, interleaved")
    ap.add_argument("--importtime", action="store_true", help="also list the slowest imports of an app launch")
    ap.add_argument("--top", type=int, default=25, help="how many imports --importtime lists")
    a = ap.parse_args(argv)

    display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    shown = f"DISPLAY={display}" if display else "QT_QPA_PLATFORM=offscreen (no DISPLAY)"
    results: dict[str, list[dict]] = {mode: [] for mode, _ in MODES}
    with tempfile.TemporaryDirectory(prefix="dd-startup-") as tmp:
        try:
            warm = {mode: launch(mode, tmp) for mode, _ in MODES}  # warm-up: the disk cache, .pyc files
            for _ in range(max(1, a.runs)):
                for mode, _ in MODES:
                    results[mode].append(launch(mode, tmp))
        except (RuntimeError, subprocess.TimeoutExpired) as e:
            print(f"start-up benchmark failed: {e}", file=sys.stderr)
            return 1
        print(
            f"platform: {warm['bare']['platform']} ({shown}); {os.cpu_count()} cores; "
            f"Python {platform.python_version()}; {a.runs} launches each after a warm-up"
        )
        rows = []
        for mode, label in MODES:
            row = [label]
            for key in ("launch_ms", "script_ms", "imports_ms", "process_ms"):
                row.extend(_stats([r[key] for r in results[mode]]))
            rows.append(row)
        headers = ["ms (median / min / max)"]
        for name in ("launch->paint", "in script", "imports", "process"):
            headers += [name, "min", "max"]
        print(table(headers, rows, "Launch to first painted window"))
        med = {mode: statistics.median(r["launch_ms"] for r in results[mode]) for mode, _ in MODES}
        ratio = {mode: med[mode] / med["bare"] for mode in ("welcome", "file")}
        stages = statistics.median
        for mode in ("welcome", "file"):
            rs = results[mode]
            extra = ""
            if mode == "welcome":
                extra = f", editor ready {stages([r['editor_ready_s'] for r in rs]) * 1e3:.0f}"
            print(
                f"{mode} stages (median ms since the launcher's first line): "
                f"imports {stages([r['imports_s'] for r in rs]) * 1e3:.0f}, "
                f"window shown {stages([r['window_s'] for r in rs]) * 1e3:.0f}, "
                f"paint starts {stages([r['paint_start_s'] for r in rs]) * 1e3:.0f}, "
                f"paint done {stages([r['paint_done_s'] for r in rs]) * 1e3:.0f}{extra}"
            )
            loaded = [m for m, present in warm[mode]["modules"].items() if present]
            print(
                f"  modules at first paint: {warm[mode]['module_count']} "
                f"(bare: {warm['bare']['module_count']}); heavy ones loaded: {', '.join(loaded) or 'none'}"
            )
        ok = ratio["welcome"] <= MAX_RATIO
        print(
            f"target launch->paint <= {MAX_RATIO:.0f} x bare (a launch, as `driverdiagram` starts): {verdict(ok)} "
            f"({med['welcome']:.0f} ms vs {med['bare']:.0f} ms = {ratio['welcome']:.2f} x)"
        )
        print(
            f"opening a file at launch (`driverdiagram career.driver`, no target): "
            f"{med['file']:.0f} ms = {ratio['file']:.2f} x bare"
        )
        eager = sorted({m for mode in ("welcome", "file") for m in LAZY if warm[mode]["modules"].get(m)})
        print(
            f"target reportlab, pypdfium2 and the PDF writer imported lazily: {verdict(not eager)}"
            + (f" (loaded: {', '.join(eager)})" if eager else "")
        )
        print()
        if a.importtime:
            importtime(tmp, a.top)
    print("all targets met" if ok and not eager else "some targets MISSED (see above)")
    return 0

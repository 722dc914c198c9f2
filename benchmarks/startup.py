"""Start-up benchmark: launching the app on the career example to its first painted window,
against a bare PySide6 window (QApplication + QMainWindow, shown, painted once) timed in the
same run.

Each launch is a fresh interpreter running benchmarks/_startup_app.py (BENCH_STARTUP=app
or bare), interleaved app/bare after one untimed warm-up of each (disk cache). Columns:

    launch->paint  from the parent's clock just before starting the process to the end of
                   the first paint (the child stamps time.time()): interpreter start, imports,
                   window, example, layout, paint. The target is on this one.
    in script      from the first line of the launcher (before any import) to the same point
    imports        from the first line of the launcher to its imports done (app: Qt and ours)
    process        the whole process as the parent saw it, teardown included

Target (the issue): median launch->paint of the app <= 4 x the bare window's. The issue also
wants reportlab and the export code imported lazily: reportlab, pypdfium2 and
driverdiagram.export.pdf must not be loaded at first paint (the driverdiagram.export modules
that are, e.g. paper sizes for the menus, are listed). QT_QPA_PLATFORM=offscreen unless DISPLAY is set.

    python -m benchmarks startup                  9 launches of each
    python -m benchmarks startup --runs 3
    python -m benchmarks startup --importtime     also: the slowest imports (python -X importtime)
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
MAX_RATIO = 4.0  # the target: ours <= 4 x bare
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
    r = launch("app", tmp, ["-X", "importtime"])
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


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m benchmarks startup", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--runs", type=int, default=9, help="timed launches of each (app and bare), interleaved")
    ap.add_argument("--importtime", action="store_true", help="also list the slowest imports of an app launch")
    ap.add_argument("--top", type=int, default=25, help="how many imports --importtime lists")
    a = ap.parse_args(argv)

    display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    shown = f"DISPLAY={display}" if display else "QT_QPA_PLATFORM=offscreen (no DISPLAY)"
    results: dict[str, list[dict]] = {"bare": [], "app": []}
    with tempfile.TemporaryDirectory(prefix="dd-startup-") as tmp:
        try:
            launch("bare", tmp)  # warm-up: the disk cache, .pyc files
            warm = launch("app", tmp)
            for _ in range(max(1, a.runs)):
                for mode in ("app", "bare"):
                    results[mode].append(launch(mode, tmp))
        except (RuntimeError, subprocess.TimeoutExpired) as e:
            print(f"start-up benchmark failed: {e}", file=sys.stderr)
            return 1
        print(
            f"platform: {warm['platform']} ({shown}); {os.cpu_count()} cores; Python {platform.python_version()}; "
            f"{a.runs} launches each after a warm-up"
        )
        rows = []
        for mode, label in (("app", "app + career example"), ("bare", "bare QMainWindow")):
            rs = results[mode]
            row = [label]
            for key in ("launch_ms", "script_ms", "imports_ms", "process_ms"):
                row.extend(_stats([r[key] for r in rs]))
            rows.append(row)
        headers = [
            "ms (median / min / max)",
            "launch->paint",
            "min",
            "max",
            "in script",
            "min",
            "max",
            "imports",
            "min",
            "max",
            "process",
            "min",
            "max",
        ]
        print(table(headers, rows, "Launch to first painted window"))
        app_med = statistics.median(r["launch_ms"] for r in results["app"])
        bare_med = statistics.median(r["launch_ms"] for r in results["bare"])
        ratio = app_med / bare_med
        ok = ratio <= MAX_RATIO
        stages = statistics.median
        app = results["app"]
        print(
            "app stages (median ms since the launcher's first line): "
            f"imports {stages([r['imports_s'] for r in app]) * 1e3:.0f}, "
            f"window built {stages([r['window_s'] for r in app]) * 1e3:.0f}, "
            f"example shown {stages([r['shown_s'] for r in app]) * 1e3:.0f}, "
            f"paint starts {stages([r['paint_start_s'] for r in app]) * 1e3:.0f}, "
            f"paint done {stages([r['paint_done_s'] for r in app]) * 1e3:.0f}"
        )
        loaded = [m for m, present in warm["modules"].items() if present]
        eager = [m for m in LAZY if warm["modules"].get(m)]
        print(
            f"modules at first paint: {warm['module_count']} (bare: {results['bare'][0]['module_count']}); "
            f"of the watched heavy ones loaded: {', '.join(loaded) or 'none'}"
        )
        print(
            f"target launch->paint <= {MAX_RATIO:.0f} x bare: {verdict(ok)} "
            f"({app_med:.0f} ms vs {bare_med:.0f} ms = {ratio:.2f} x)"
        )
        print(f"export modules at first paint: {', '.join(warm['export_modules']) or 'none'}")
        print(
            f"target reportlab, pypdfium2 and the PDF writer imported lazily: {verdict(not eager)}"
            + (f" (loaded: {', '.join(eager)})" if eager else "")
        )
        print()
        if a.importtime:
            importtime(tmp, a.top)
    print("all targets met" if ok and not eager else "some targets MISSED (see above)")
    return 0

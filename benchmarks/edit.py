"""Edit benchmark: from one edit to the repainted canvas, in a real main window (offscreen).

Generated diagrams of 100, 300 and 2,000 nodes (driver_dag shapes, in Tidy up's order; see
benchmarks/_diagrams.py) are opened in a MainWindow as the app opens a file. Two edits:

    add child   Tab on a secondary driver half-way down its column:
                window.document.add_child(node_id, "text"), a new change idea
    edit text   window.document.set_text(id, new text) on a change idea half-way down,
                a longer text that wraps to more lines (the nodes below move)

Each is timed from the call to the end of the frame that repaints the canvas, then undone
(untimed) so the size stays the same; median, min and max over --edits edits. The edit
call is synchronous (command, model, change signal, layout, scene update, details panel);
then Qt's event loop runs once (app.processEvents()): Qt's deferred scene work (the items'
index, dirty regions) and the viewport's paint, exactly as after a key press. Should
nothing be painted there, viewport().repaint() forces it. (Forcing repaint() straight after
the edit would paint before Qt's deferred work, which then paints a second time.)

The breakdown (medians of each part, so they need not add up to the total's median):

    layout     LayoutEngine.layout (the whole diagram; the boxes and links that did not
               change are the last layout's objects, see layout/columns.py)
    scene      DiagramScene.apply (moving, adding, removing items)
    panel      the Details panel reloading the selected node
    model etc  the rest of the edit call: undo command, model, signals, keeping the view steady
    qt         Qt's deferred work, from the end of the edit call to the start of the paint
    paint      from the start of the canvas's paint to the end of the event loop's pass: the
               canvas and every other widget the edit repainted in the same frame (the
               details panel, the undo and redo buttons, ...)
    canvas     of that, the canvas's own paint event
    boxes moved  how many boxes that were there before the edit it moved, resized or
               re-wrapped (its box differs afterwards; a new node is not counted; not a time)

Zoom: "fit" is the view as a diagram opens (the whole diagram, at least 10 %); "100%"
is actual size, scrolled to the edited node, as when reading and typing.
Targets (issue 8, "Speed"): 300 nodes median <= 12 ms; 2,000 nodes <= 80 ms; an edit moves
only what must move (the boxes below it, and what is linked to those; see "boxes moved").

    python -m benchmarks edit                          sizes 100 300 2000, 30 edits, both zooms
    python -m benchmarks edit --sizes 300 --edits 10 --zoom fit
    python -m benchmarks edit --profile 2000           also: cProfile of the add-child edits at 2,000
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks._harness import table, verdict

DESCRIPTION = "Edit to repainted canvas (add child, edit text) at 100-2,000 nodes, target 300: 12 ms, 2,000: 80 ms"

TARGET_MS = {300: 12.0, 2000: 80.0}
PARTS = ("layout", "scene", "panel", "model", "qt", "paint", "canvas")
NEW_TEXT = " — and a longer sentence that wraps onto more lines, so the nodes below it move down"


class Probe:
    """Times the parts of one edit: wrappers on the window's own objects, and a paint watcher."""

    def __init__(self, window) -> None:
        from PySide6.QtCore import QEvent, QObject

        self.window = window
        self.parts: dict[str, float] = {}
        self.paint_at: float | None = None
        self.paints = 0
        canvas = window.canvas
        self._wrap(canvas.engine, "layout", "layout")
        self._wrap(canvas.diagram_scene, "apply", "scene")
        self._wrap(window.panel, "_load", "panel")
        CANVAS_PAINTS.clear()
        probe = self

        class Watch(QObject):
            def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
                if event.type() == QEvent.Type.Paint:
                    probe.paints += 1
                    if probe.paint_at is None:
                        probe.paint_at = time.perf_counter()
                return False

        self._watch = Watch(canvas.viewport())
        canvas.viewport().installEventFilter(self._watch)

    def _wrap(self, obj, name: str, part: str) -> None:
        inner = getattr(obj, name)
        parts = self.parts

        def timed(*args, **kwargs):
            t = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                parts[part] = parts.get(part, 0.0) + (time.perf_counter() - t) * 1e3

        setattr(obj, name, timed)

    def measure(self, app, edit) -> dict[str, float]:
        """Run `edit()`, then the event loop once (and a forced repaint if it painted nothing)."""
        viewport = self.window.canvas.viewport()
        before = self.window.canvas.diagram_scene.geometry
        self.parts.clear()
        CANVAS_PAINTS.clear()
        self.paint_at, self.paints = None, 0
        t0 = time.perf_counter()
        edit()
        t1 = time.perf_counter()
        app.processEvents()
        if self.paint_at is None:
            viewport.repaint()
        t2 = time.perf_counter()
        paint_at = self.paint_at if self.paint_at is not None else t2
        r = {k: self.parts.get(k, 0.0) for k in ("layout", "scene", "panel")}
        r["model"] = (t1 - t0) * 1e3 - sum(r.values())
        r["qt"] = (paint_at - t1) * 1e3
        r["paint"] = (t2 - paint_at) * 1e3
        r["canvas"] = sum(CANVAS_PAINTS)
        r["total"] = (t2 - t0) * 1e3
        after = self.window.canvas.diagram_scene.geometry
        if before is not None and after is not None:  # how far the edit reached (not timed)
            r["moved"] = sum(1 for i, b in before.boxes.items() if i in after.boxes and after.boxes[i] != b)
        return r


CANVAS_PAINTS: list[float] = []  # ms of each paint event of the canvas since the probe's last edit


def time_canvas_paints() -> None:
    """Time the canvas's own paint events. Qt calls a Python override it found when the widget
    was made, so this wraps the class's paintEvent before the window is built."""
    from driverdiagram.ui.canvas import Canvas

    inner = Canvas.paintEvent

    def paint_event(canvas, event) -> None:
        t = time.perf_counter()
        try:
            inner(canvas, event)
        finally:
            CANVAS_PAINTS.append((time.perf_counter() - t) * 1e3)

    Canvas.paintEvent = paint_event


def _settle(app, window) -> None:
    for _ in range(3):
        app.processEvents()
    window.canvas.viewport().repaint()


def run_size(app, window, probe, n: int, edits: int, zooms: list[str]) -> list[tuple[str, str, list[dict]]]:
    from benchmarks._diagrams import generated, middle_idea, middle_secondary

    d = generated(n, 1)
    window.show_diagram(d, None)
    window.autosaver.timer.setInterval(3_600_000)  # autosave runs 3 s after typing stops: not in the frame
    _settle(app, window)
    doc = window.document
    canvas = window.canvas
    parent, idea = middle_secondary(d), middle_idea(d)
    out = []
    for zoom in zooms:
        if zoom == "fit":
            canvas.fit()
        else:
            canvas.set_zoom(1.0)
        for kind in ("add child", "edit text"):
            target = parent if kind == "add child" else idea
            canvas.select(target)  # the node the key press acts on, scrolled into view
            _settle(app, window)
            base = d.node(idea).text
            runs = []
            for i in range(edits + 1):  # the first one warms up (caches, Qt's first glyphs)
                if kind == "add child":
                    r = probe.measure(app, lambda i=i: doc.add_child(parent, f"New change idea {i}"))
                else:
                    r = probe.measure(app, lambda i=i, base=base: doc.set_text(idea, f"{base}{NEW_TEXT} {i}"))
                doc.undo_stack.undo()
                _settle(app, window)
                if i:
                    runs.append(r)
            assert len(d) == n, "undo should keep the size constant"
            out.append((zoom, kind, runs))
    return out


def _fmt(values: list[float]) -> str:
    return f"{statistics.median(values):.1f}"


def profile(app, window, probe, n: int, edits: int, top: int) -> None:
    """cProfile of add-child edits (with their paint) at n nodes, 100 % zoom."""
    import cProfile
    import io
    import pstats

    from benchmarks._diagrams import generated, middle_secondary

    d = generated(n, 1)
    window.show_diagram(d, None)
    window.canvas.set_zoom(1.0)
    parent = middle_secondary(d)
    window.canvas.select(parent)
    _settle(app, window)
    prof = cProfile.Profile()
    for i in range(edits):
        prof.enable()
        probe.measure(app, lambda i=i: window.document.add_child(parent, f"New change idea {i}"))
        prof.disable()
        window.document.undo_stack.undo()
        _settle(app, window)
    for key in ("cumulative", "tottime"):
        s = io.StringIO()
        pstats.Stats(prof, stream=s).strip_dirs().sort_stats(key).print_stats(top)
        text = s.getvalue()
        print(f"cProfile, add child at {n} nodes (100 %), {edits} edits, by {key}:")
        at = text.find("ncalls")
        print(text[text.rfind("\n", 0, at) + 1 :].rstrip() if at >= 0 else text)
        print()


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m benchmarks edit", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 2000])
    ap.add_argument("--edits", type=int, default=30, help="timed edits per size, kind and zoom (median)")
    ap.add_argument("--zoom", choices=("fit", "100", "both"), default="both")
    ap.add_argument("--profile", type=int, metavar="N", help="also profile add-child edits at N nodes")
    ap.add_argument("--top", type=int, default=25, help="rows of the profile")
    a = ap.parse_args(argv)

    from benchmarks._qt import hold_none, platform_note

    where = platform_note()
    from driverdiagram.ui.app import make_app
    from driverdiagram.ui.main_window import MainWindow

    app = make_app()
    warning = hold_none()
    zooms = ["fit", "100%"] if a.zoom == "both" else ["fit" if a.zoom == "fit" else "100%"]
    import PySide6

    print(
        f"platform: {app.platformName()} ({where}); {os.cpu_count()} cores; Python {platform.python_version()}; "
        f"PySide6 {PySide6.__version__}; window 1280 x 800"
    )
    if warning:
        print(warning)
    print()
    all_ok = True
    summary = []
    with tempfile.TemporaryDirectory(prefix="dd-edit-") as tmp:
        time_canvas_paints()
        window = MainWindow(autosave_folder=Path(tmp) / "recovery")
        window.resize(1280, 800)
        window.show()
        _settle(app, window)
        probe = Probe(window)
        for n in a.sizes:
            t = time.perf_counter()
            results = run_size(app, window, probe, n, a.edits, zooms)
            rows = []
            for zoom, kind, runs in results:
                totals = [r["total"] for r in runs]
                moved = statistics.median(r.get("moved", 0) for r in runs)
                rows.append(
                    [
                        f"{kind}, {zoom}",
                        _fmt(totals),
                        f"{min(totals):.1f}",
                        f"{max(totals):.1f}",
                        *(_fmt([r[p] for r in runs]) for p in PARTS),
                        f"{moved:.0f}",
                    ]
                )
                target = TARGET_MS.get(n)
                ok = None if target is None else statistics.median(totals) <= target
                all_ok &= ok is not False
                over = f" ({statistics.median(totals) / target:.1f} x)" if ok is False else ""
                summary.append([n, kind, zoom, _fmt(totals), f"<= {target:.0f}" if target else "-", verdict(ok) + over])
            print(
                table(
                    ["edit, zoom", "median ms", "min", "max", *PARTS, "boxes moved"],
                    rows,
                    f"{n} nodes: {a.edits} edits each, ms from the edit to the end of the paint "
                    f"(run took {time.perf_counter() - t:.0f} s)",
                )
            )
            print(flush=True)
            gc.collect()
        print(table(["nodes", "edit", "zoom", "median ms", "target", "verdict"], summary, "Summary"))
        if a.profile:
            print()
            profile(app, window, probe, a.profile, max(5, a.edits // 3), a.top)
        window.autosaver.timer.stop()
        window.close()
    print("all targets met" if all_ok else "some targets MISSED (see above)")
    return 0

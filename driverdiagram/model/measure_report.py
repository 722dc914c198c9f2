"""Every measure of a diagram, read: points, median, latest value, status and signals.

One function for the command line (`driverdiagram measures`), and for anything else that
lists the measurement plan; the run-chart reading itself is `runchart.analyse`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .diagram import Diagram
from .rules import describe
from .runchart import analyse, status
from .schema import Measure

STATUS_WORDS = {
    "on_track": "on track",
    "not_yet": "not yet at target",
    "no_data": "no data yet",
    "overdue": "data overdue",
}


def measure_report(diagram: Diagram, today: dt.date | None = None) -> list[dict[str, Any]]:
    """One dict per measure, in the diagram's order, with the keys the CLI's --json promises."""
    today = today or dt.date.today()
    rules = diagram.info.run_chart_rules
    out = []
    for m in diagram.items("measures"):
        out.append(_one(diagram, m, rules, today))
    return out


def _one(diagram: Diagram, m: Measure, rules: str, today: dt.date) -> dict[str, Any]:
    points = [(p.date, p.value) for p in m.data]
    analysis = analyse(
        points,
        rules="anhoej" if rules == "anhoej" else "ihi",
        baseline=m.baseline_points,
        target=m.target,
        higher_is_better=m.higher_is_better,
    )
    read = analysis.to_json()
    latest = m.data[-1] if m.data else None
    node = diagram.node(m.node_id) if m.node_id in diagram else None
    return {
        "id": m.id,
        "node_id": m.node_id,
        "node": describe(node) if node is not None else None,
        "name": m.name,
        "type": m.type.value,
        "points": len(m.data),
        "median": read.get("median"),
        "latest": {"date": latest.date.isoformat(), "value": latest.value} if latest else None,
        "target": m.target,
        "higher_is_better": m.higher_is_better,
        "status": status(points, m.target, m.higher_is_better, m.frequency, today),
        "rules": read.get("rules", rules),
        "signals": [
            {"rule": s["rule"], "from": s["from"], "to": s["to"], "direction": s["direction"]}
            for s in read.get("signals", [])
        ],
        "runs": read.get("runs"),
    }


def format_report(rows: list[dict[str, Any]]) -> str:
    """The report as lines a person reads (the CLI's default)."""
    if not rows:
        return "No measures yet: hang one on a driver in the app (Ctrl+M)."
    lines = []
    for r in rows:
        head = f"{r['name'] or '(no name)'} — {r['type']} measure on {r['node'] or 'no node'}"
        lines.append(head)
        median = "—" if r["median"] is None else f"{r['median']:g}"
        latest = "none" if r["latest"] is None else f"{r['latest']['value']:g} on {r['latest']['date']}"
        target = "none" if r["target"] is None else f"{r['target']:g}"
        lines.append(
            f"  {r['points']} point{'s' if r['points'] != 1 else ''}, median {median}, latest {latest}, "
            f"target {target}: {STATUS_WORDS[r['status']]}"
        )
        for s in r["signals"]:
            lines.append(f"  signal: {s['rule']} {s['direction']} from {s['from']} to {s['to']}")
        runs = r["runs"]
        if runs and runs.get("signal"):
            lines.append(f"  signal: {runs['signal'].replace('_', ' ')} ({runs['count']} in {runs['useful']} points)")
    return "\n".join(lines)

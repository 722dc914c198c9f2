"""Reading a measure's run chart: its median, the signals of non-random variation, and a
status at a glance. Pure functions of dated values (stdlib only); the panel, the canvas
badge, the CLI and the PDF all read the same `RunChartAnalysis`.

Two rule sets, as practitioners use them:

    ihi      Perla, Provost & Murray (2011), "The run chart: a simple analytical tool for
             learning from variation in healthcare processes", BMJ Qual Saf 20:46–51:
             a shift, a trend, too few or too many runs.
    anhoej   Anhøj & Olesen (2014), PLoS ONE 9:e113825, as computed by the R package
             qicharts2 (used by NHS analysts): an unusually long run, unusually few
             crossings of the median.

Both read the points in time order against the median; a point *on* the median is not a
"useful observation": it neither adds to nor breaks a run (shift, long run, runs and
crossings count useful points only). A trend is read on every point, as Perla et al. state
it: only a value repeating the one before is skipped. An astronomical point ("one everyone
agrees is unusual") has no formula and is left to the reader of the chart.

Indices in the results are positions in `RunChartAnalysis.points`, the points sorted by
date (a stable sort: points of the same day keep the order they were given in).
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

Point = tuple[date, float]
Rules = Literal["ihi", "anhoej"]
Rule = Literal["shift", "trend", "long_run"]
Direction = Literal["above", "below", "up", "down"]
RunsSignal = Literal["too_few", "too_many", "too_few_crossings"]
Status = Literal["on_track", "not_yet", "no_data", "overdue"]

SHIFT = 6  # IHI: 6 or more useful points in a row on one side of the median
TREND = 5  # IHI: 5 or more points in a row all going up or all going down (4 steps)
MIN_USEFUL = 10  # the runs and crossings tests need at least this many useful points

# IHI runs test: for n useful observations, (lower, upper): fewer runs than `lower` are
# "too few", more than `upper` "too many".
#
# Perla et al. (2011), Table 1, prints such a table for 10..60 useful observations, "based
# on about a 5% risk" and derived from Swed & Eisenhart (1943), "Tables for testing
# randomness of grouping in a sequence of alternatives", Ann Math Stat 14:66–87. We could not
# reproduce that printed table from memory with confidence, so the limits below are
# computed exactly from the Swed–Eisenhart distribution of the number of runs for
# n1 = n // 2 points on one side and n2 = n - n1 on the other, two-sided alpha = 0.05:
# `lower` is the fewest runs r with P(R < r) <= 0.025, `upper` the most with
# P(R > r) <= 0.025. tests/model/test_runchart.py recomputes every entry with math.comb.
# Checked against the printed entries we are sure of: 10 -> 3 and 9, 30 -> 11 and 21 agree;
# 20 is printed 6 and 16 where the exact limits are 7 and 15 (P(R <= 6) = P(R >= 16) =
# 0.0185 < 0.025, so 6 or 16 runs in 20 are a signal at 5%; the printed entry is one run
# more lenient there). We keep the exact values: one rule, the same risk at every n.
RUNS_LIMITS: dict[int, tuple[int, int]] = {
    10: (3, 9), 11: (4, 9), 12: (4, 10), 13: (4, 11), 14: (4, 12), 15: (5, 12), 16: (5, 13),
    17: (6, 13), 18: (6, 14), 19: (6, 15), 20: (7, 15), 21: (7, 16), 22: (8, 16), 23: (8, 17),
    24: (8, 18), 25: (9, 18), 26: (9, 19), 27: (10, 19), 28: (10, 20), 29: (10, 21), 30: (11, 21),
    31: (11, 22), 32: (12, 22), 33: (12, 23), 34: (12, 24), 35: (13, 24), 36: (13, 25), 37: (14, 25),
    38: (14, 26), 39: (14, 26), 40: (15, 27), 41: (15, 28), 42: (16, 28), 43: (16, 29), 44: (17, 29),
    45: (17, 30), 46: (17, 31), 47: (18, 31), 48: (18, 32), 49: (19, 32), 50: (19, 33), 51: (20, 33),
    52: (20, 34), 53: (20, 35), 54: (21, 35), 55: (21, 36), 56: (22, 36), 57: (22, 37), 58: (23, 37),
    59: (23, 38), 60: (24, 38),
}  # fmt: skip


@dataclass(frozen=True)
class Signal:
    """A run of points that says "something changed": which rule, from when to when, which
    way, and the points that make it (for charts to mark)."""

    rule: Rule
    start: date
    end: date
    direction: Direction
    # the points that count: a shift's or a long run's useful points (points on the median
    # are skipped); a trend's points, one per repeated value
    indices: tuple[int, ...]
    favourable: bool  # the direction the measure should go (above/up when higher is better)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "direction": self.direction,
            "favourable": self.favourable,
            "indices": list(self.indices),
        }


@dataclass(frozen=True)
class Runs:
    """The runs test (IHI) or the crossings test (Anhøj) on the useful points.

    IHI: `count` runs, too few below `lower`, too many above `upper`.
    Anhøj: `count` crossings of the median, too few below `lower`; `upper` is None.
    """

    test: Literal["runs", "crossings"]
    count: int
    useful: int
    lower: int
    upper: int | None
    signal: RunsSignal | None

    def to_json(self) -> dict[str, Any]:
        return {
            "test": self.test,
            "count": self.count,
            "useful": self.useful,
            "lower": self.lower,
            "upper": self.upper,
            "signal": self.signal,
        }


@dataclass(frozen=True)
class RunChartAnalysis:
    rules: Rules
    points: tuple[Point, ...]  # sorted by date; indices elsewhere refer to these
    median: float | None  # None without points
    baseline: int | None  # the median is that of the first `baseline` points, extended; None: all
    useful: int  # points not on the median
    signals: tuple[Signal, ...]  # in time order
    runs: Runs | None  # None when the test does not apply (too few useful points, or > 60 for IHI)
    longest_run: int  # the most useful points in a row on one side of the median
    longest_run_limit: int | None  # a run longer than this is a signal (IHI: 5; Anhøj: by n)
    higher_is_better: bool = True

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    @property
    def signal_indices(self) -> frozenset[int]:
        """Every point that is part of some signal."""
        return frozenset(i for s in self.signals for i in s.indices)

    @property
    def has_signal(self) -> bool:
        """Any sign of non-random variation: a signal, or too few / too many runs."""
        return bool(self.signals) or (self.runs is not None and self.runs.signal is not None)

    def to_json(self) -> dict[str, Any]:
        return {
            "rules": self.rules,
            "median": self.median,
            "baseline": self.baseline,
            "useful": self.useful,
            "longest_run": self.longest_run,
            "longest_run_limit": self.longest_run_limit,
            "signals": [s.to_json() for s in self.signals],
            "runs": self.runs.to_json() if self.runs is not None else None,
        }


def analyse(
    points: Sequence[Point],
    *,
    rules: Rules = "ihi",
    baseline: int | None = None,
    target: float | None = None,
    higher_is_better: bool = True,
) -> RunChartAnalysis:
    """The run chart of `points` read by `rules`.

    The median is that of the first `baseline` points when there are at least that many
    (a frozen baseline period, extended over the later points), else that of all points.
    Shifts and trends count at any number of points once complete; the runs (IHI) and
    crossings (Anhøj) tests need at least 10 useful points, so fewer points claim no
    signal unless a shift, trend or long run is already there. `target` does not change
    the reading (a run chart is read against its median); it is accepted so that callers
    pass one measure's settings in one place.
    """
    if rules not in ("ihi", "anhoej"):
        raise ValueError(f"unknown run-chart rules {rules!r}: use 'ihi' or 'anhoej'")
    if baseline is not None and baseline < 1:
        raise ValueError(f"a baseline period needs at least one point, not {baseline}")
    pts = tuple(sorted(((d, float(v)) for d, v in points), key=lambda p: p[0]))
    if any(not math.isfinite(v) for _, v in pts):
        raise ValueError("run-chart values must be finite numbers")
    values = [v for _, v in pts]
    ihi = rules == "ihi"
    if not values:
        return RunChartAnalysis(rules, pts, None, None, 0, (), None, 0, SHIFT - 1 if ihi else None, higher_is_better)

    fixed = baseline if baseline is not None and baseline <= len(values) else None
    median = float(statistics.median(values[:fixed] if fixed else values))
    sides = [_side(v, median) for v in values]
    runs = _runs_of(sides)
    useful = sum(len(r) for _, r in runs)
    longest = max((len(r) for _, r in runs), default=0)

    signals: list[Signal] = []
    if ihi:
        limit: int | None = SHIFT - 1
        signals += [_signal("shift", pts, s, r, higher_is_better) for s, r in runs if len(r) >= SHIFT]
        signals += _trends(pts, higher_is_better)
        runs_test = _runs_test(len(runs), useful)
    else:
        limit = longest_run_limit(useful) if useful else None
        if limit is not None:
            signals += [_signal("long_run", pts, s, r, higher_is_better) for s, r in runs if len(r) > limit]
        runs_test = _crossings_test(max(len(runs) - 1, 0), useful)
    signals.sort(key=lambda s: (s.indices[0], s.indices[-1]))
    return RunChartAnalysis(
        rules, pts, median, fixed, useful, tuple(signals), runs_test, longest, limit, higher_is_better
    )


def longest_run_limit(useful: int) -> int:
    """Anhøj: a run of more than round(log2(n) + 3) useful points is unusually long
    (qicharts2 writes round(log2(n)) + 3: the same, as log2 of a whole n is never x.5)."""
    if useful < 1:
        raise ValueError("the longest-run limit needs at least one useful point")
    return math.floor(math.log2(useful) + 3 + 0.5)


def crossings_limit(useful: int) -> int:
    """Anhøj: fewer median crossings than this are unusually few. The 5% quantile of
    Binomial(n - 1, 1/2), as R's qbinom(0.05, n - 1, 0.5): the smallest k with
    P(X <= k) >= 0.05, computed exactly (in whole numbers: 20 * #{X <= k} >= 2^(n-1))."""
    if useful < 1:
        raise ValueError("the crossings limit needs at least one useful point")
    trials = useful - 1
    total, cumulative = 2**trials, 0
    for k in range(trials + 1):
        cumulative += math.comb(trials, k)
        if 20 * cumulative >= total:
            return k
    return trials  # not reached: the cumulative count ends at the total


def _close(a: float, b: float) -> bool:
    """Equal up to rounding (a value entered as 0.3 "on" a median computed as 0.1 + 0.2)."""
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _side(v: float, median: float) -> int:
    return 0 if _close(v, median) else (1 if v > median else -1)


def _runs_of(sides: list[int]) -> list[tuple[int, list[int]]]:
    """The runs of useful points: (side, indices), points on the median skipped."""
    runs: list[tuple[int, list[int]]] = []
    for i, s in enumerate(sides):
        if s == 0:
            continue
        if runs and runs[-1][0] == s:
            runs[-1][1].append(i)
        else:
            runs.append((s, [i]))
    return runs


def _favourable(direction: Direction, higher_is_better: bool) -> bool:
    return (direction in ("above", "up")) == higher_is_better


def _signal(rule: Rule, pts: tuple[Point, ...], side: int, idx: list[int], higher_is_better: bool) -> Signal:
    direction: Direction = "above" if side > 0 else "below"
    return Signal(
        rule, pts[idx[0]][0], pts[idx[-1]][0], direction, tuple(idx), _favourable(direction, higher_is_better)
    )


def _trends(pts: tuple[Point, ...], higher_is_better: bool) -> list[Signal]:
    """IHI trends: TREND or more points all going up (or all down), a value equal to the
    one before it neither adding to nor breaking the trend. Each repeated value counts once:
    the trend starts at the last point of a repeated first value (where the line starts to
    move) and takes the first point of every later value."""
    groups: list[list[int]] = []
    for i, (_, v) in enumerate(pts):
        if groups and _close(pts[i - 1][1], v):
            groups[-1].append(i)
        else:
            groups.append([i])
    out: list[Signal] = []
    start = 0  # first group of the current monotone stretch
    for g in range(1, len(groups) + 1):
        if g < len(groups) and (g == 1 or _step(pts, groups, g) == _step(pts, groups, g - 1)):
            continue  # the stretch from `start` goes on
        if g - start >= TREND:
            idx = [groups[start][-1], *(groups[k][0] for k in range(start + 1, g))]
            direction: Direction = "up" if _step(pts, groups, start + 1) > 0 else "down"
            out.append(
                Signal(
                    "trend",
                    pts[idx[0]][0],
                    pts[idx[-1]][0],
                    direction,
                    tuple(idx),
                    _favourable(direction, higher_is_better),
                )
            )
        start = g - 1  # a turning point ends one trend and may start the next
    return out


def _step(pts: tuple[Point, ...], groups: list[list[int]], g: int) -> int:
    """+1 if group g's value is above group g-1's, else -1 (neighbouring groups differ)."""
    return 1 if pts[groups[g][0]][1] > pts[groups[g - 1][0]][1] else -1


def _runs_test(count: int, useful: int) -> Runs | None:
    limits = RUNS_LIMITS.get(useful)
    if limits is None:
        return None
    lower, upper = limits
    signal: RunsSignal | None = "too_few" if count < lower else "too_many" if count > upper else None
    return Runs("runs", count, useful, lower, upper, signal)


def _crossings_test(crossings: int, useful: int) -> Runs | None:
    if useful < MIN_USEFUL:
        return None
    lower = crossings_limit(useful)
    return Runs("crossings", crossings, useful, lower, None, "too_few_crossings" if crossings < lower else None)


# ---- status at a glance ------------------------------------------------------------------

_DAYS = {
    "day": 1.0,
    "week": 7.0,
    "fortnight": 14.0,
    "month": 365.25 / 12,
    "quarter": 365.25 / 4,
    "term": 365.25 / 3,  # a school or university term, about four months
    "semester": 365.25 / 2,
    "year": 365.25,
}
_ADVERBS = {
    "daily": "day",
    "weekly": "week",
    "fortnightly": "fortnight",
    "monthly": "month",
    "quarterly": "quarter",
    "termly": "term",
    "yearly": "year",
    "annually": "year",
    "annual": "year",
}
_MULTIPLE = {  # "biweekly" and the like: every two (the reading that warns later)
    "biweekly": 14.0,
    "bimonthly": 2 * 365.25 / 12,
    "biannually": 365.25 / 2,
    "biannual": 365.25 / 2,
    "semiannually": 365.25 / 2,
    "semiannual": 365.25 / 2,
    "halfyearly": 365.25 / 2,
}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "other": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_NUM = "|".join([r"\d+", *_NUMBER_WORDS])
_UNIT = r"(?P<unit>" + "|".join(_DAYS) + r")s?"
_HOW_OFTEN = r"(?P<times>once|twice|(?:" + _NUM + r")\s+times)"
_PER = re.compile(r"\b" + _HOW_OFTEN + r"\s+(?:a|an|per|each|every)\s+" + _UNIT + r"\b")  # "twice a month"
_PER_ADVERB = re.compile(r"\b" + _HOW_OFTEN + r"\s+(?P<adverb>" + "|".join(_ADVERBS) + r")\b")  # "3 times weekly"
_EVERY = re.compile(r"\b(?:every|each|per|once every|once an?|once per)\s+(?:(?P<n>" + _NUM + r")\s+)?" + _UNIT + r"\b")
_N_ADVERB = re.compile(r"\b(?P<n>\d+)\s*(?P<adverb>" + "|".join(_ADVERBS) + r")\b")  # "6 weekly", "3-monthly"
_ADVERB = re.compile(r"\b(?P<adverb>" + "|".join([*_MULTIPLE, *_ADVERBS]) + r")\b")


def _number(word: str | None) -> int:
    if not word:
        return 1
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _times(word: str) -> int:
    return {"once": 1, "twice": 2}.get(word) or _number(word.split()[0])


def frequency_days(frequency: str) -> float | None:
    """How many days one collection period lasts, read leniently from the free text the
    user typed ("weekly", "every 2 weeks", "fortnightly", "monthly", "each term", "twice a
    month", "6-weekly" …); None when the text names no period (then nothing is ever overdue).
    """
    text = re.sub(r"[-_/]", " ", frequency.lower())
    text = re.sub(r"\b(bi|semi|half)\s+", r"\1", text)  # "bi-weekly", "half yearly"
    if m := _PER.search(text) or _PER_ADVERB.search(text):
        n = _times(m["times"])
        unit = m["unit"] if "unit" in m.groupdict() else _ADVERBS[m["adverb"]]
        return _DAYS[unit] / n if n else None
    if m := _EVERY.search(text) or _N_ADVERB.search(text):
        n = _number(m["n"])
        unit = m["unit"] if "unit" in m.groupdict() else _ADVERBS[m["adverb"]]
        return _DAYS[unit] * n if n else None
    if m := _ADVERB.search(text):
        word = m["adverb"]
        return _MULTIPLE[word] if word in _MULTIPLE else _DAYS[_ADVERBS[word]]
    return None


def latest(points: Sequence[Point]) -> Point | None:
    """The latest point by date (of several on that day, the last one given)."""
    if not points:
        return None
    return sorted(points, key=lambda p: p[0])[-1]


def status(
    points: Sequence[Point], target: float | None, higher_is_better: bool, frequency: str, today: date
) -> Status:
    """Where a measure stands at a glance, from its latest point.

    no_data   no points yet.
    overdue   the latest point is older than the collection frequency allows, with a grace
              of half a period: a monthly measure is overdue after about 46 days, a weekly
              one after 10 days. A frequency the text does not name is never overdue.
    on_track  the latest value meets the target (>= it when higher is better, <= when lower).
    not_yet   otherwise — including a measure without a target: "on track" would reassure
              with nothing to be on track to, and a measure without a target is a gap a
              mentor should see. (Callers can say "no target" beside it: target is None.)
    """
    last = latest(points)
    if last is None:
        return "no_data"
    when, value = last
    period = frequency_days(frequency)
    if period is not None and (today - when).days > 1.5 * period:
        return "overdue"
    if target is None:
        return "not_yet"
    meets = value >= target if higher_is_better else value <= target
    return "on_track" if meets else "not_yet"

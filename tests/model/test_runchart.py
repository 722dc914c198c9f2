"""Run-chart rules (IHI and Anhøj) and the status at a glance, on hand-made series."""

from __future__ import annotations

import json
import math
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from driverdiagram.model.runchart import (
    RUNS_LIMITS,
    analyse,
    crossings_limit,
    frequency_days,
    latest,
    longest_run_limit,
    status,
)

D0 = date(2026, 1, 5)


def pts(values, start: date = D0, days: int = 7):
    """Weekly points with these values."""
    return [(start + timedelta(days=days * i), v) for i, v in enumerate(values)]


def from_runs(lengths: list[int]) -> list[int]:
    """Values 2 (above) and 0 (below), alternating runs of these lengths, starting above.
    With as many of each, the median is 1 and every point is useful."""
    out: list[int] = []
    for k, n in enumerate(lengths):
        out += [2 if k % 2 == 0 else 0] * n
    return out


def rules_of(a, rule: str):
    return [s for s in a.signals if s.rule == rule]


# ---- the median ----------------------------------------------------------------------------


def test_median_of_all_points_sorted_by_date_stably() -> None:
    d1 = D0 + timedelta(days=1)
    a = analyse([(d1, 5), (D0, 1), (d1, 3)])
    assert a.points == ((D0, 1.0), (d1, 5.0), (d1, 3.0))  # same day: the order given
    assert a.median == 3
    assert a.baseline is None
    assert a.latest == (d1, 3.0)


def test_median_of_a_baseline_period_is_extended() -> None:
    a = analyse(pts([1, 2, 3, 10, 10, 10, 10]), baseline=3)
    assert a.median == 2 and a.baseline == 3
    assert analyse(pts([1, 2, 3, 10]), baseline=4).median == 2.5  # exactly that many: used
    b = analyse(pts([1, 2, 3]), baseline=5)  # fewer points than the period: all of them
    assert b.median == 2 and b.baseline is None
    with pytest.raises(ValueError):
        analyse(pts([1, 2, 3]), baseline=0)


def test_empty_series() -> None:
    a = analyse([])
    assert a.median is None and a.signals == () and a.runs is None and a.useful == 0
    assert not a.has_signal
    assert a.to_json()["median"] is None and a.to_json()["runs"] is None
    assert analyse([], rules="anhoej").longest_run_limit is None


def test_unknown_rules_and_non_finite_values_are_refused() -> None:
    with pytest.raises(ValueError):
        analyse(pts([1, 2]), rules="nelson")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        analyse(pts([1, math.nan]))


# ---- IHI: shift ------------------------------------------------------------------------------


def test_shift_of_exactly_six_but_not_five() -> None:
    six = analyse(pts([15, 10, 5, 12, 12, 12, 12, 12, 12]), baseline=3)  # median 10; 6 above
    (s,) = rules_of(six, "shift")
    assert (s.direction, s.indices) == ("above", (3, 4, 5, 6, 7, 8))
    assert (s.start, s.end) == (D0 + timedelta(weeks=3), D0 + timedelta(weeks=8))
    five = analyse(pts([15, 10, 5, 12, 12, 12, 12, 12]), baseline=3)
    assert rules_of(five, "shift") == []


def test_points_on_the_median_neither_add_to_nor_break_a_shift() -> None:
    # baseline 15, 10, 5: median 10 (the 10 is on it). Then above, above, ON, above x3.
    five_useful = analyse(pts([15, 10, 5, 12, 12, 10, 12, 12, 12]), baseline=3)
    assert rules_of(five_useful, "shift") == []  # the point on the median does not add
    six_useful = analyse(pts([15, 10, 5, 12, 12, 10, 12, 12, 12, 12]), baseline=3)
    (s,) = rules_of(six_useful, "shift")
    assert s.indices == (3, 4, 6, 7, 8, 9)  # ... nor break it, and is not one of its points
    assert six_useful.useful == 8 and six_useful.longest_run == 6


def test_a_shift_broken_by_one_point() -> None:
    broken = analyse(pts([15, 10, 5, 12, 12, 12, 8, 12, 12, 12]), baseline=3)
    assert rules_of(broken, "shift") == []
    below = analyse(pts([15, 10, 5, 7, 7, 7, 7, 7, 7, 7]), baseline=3)
    (s,) = rules_of(below, "shift")
    assert s.direction == "below" and s.indices == (2, 3, 4, 5, 6, 7, 8, 9)  # the 5 is below too


# ---- IHI: trend -----------------------------------------------------------------------------


def test_trend_of_exactly_five_points_but_not_four() -> None:
    (t,) = rules_of(analyse(pts([3, 4, 5, 6, 7, 1])), "trend")  # 5 points, 4 increases
    assert (t.direction, t.indices) == ("up", (0, 1, 2, 3, 4))
    assert rules_of(analyse(pts([3, 4, 5, 6, 1, 1])), "trend") == []  # 4 points
    (down,) = rules_of(analyse(pts([9, 8, 7, 6, 5])), "trend")
    assert down.direction == "down"


def test_repeated_values_neither_add_to_nor_break_a_trend() -> None:
    assert rules_of(analyse(pts([1, 2, 2, 3, 4])), "trend") == []  # 4 different values: no trend
    (t,) = rules_of(analyse(pts([1, 2, 2, 3, 4, 5])), "trend")
    assert t.indices == (0, 1, 3, 4, 5)  # the repeat is not counted, and not a break
    (t,) = rules_of(analyse(pts([2, 2, 3, 4, 5, 6])), "trend")
    assert t.indices == (1, 2, 3, 4, 5)  # the line starts to rise at the second 2
    (t,) = rules_of(analyse(pts([1, 2, 3, 4, 5, 5, 5])), "trend")
    assert t.indices == (0, 1, 2, 3, 4)


def test_a_turning_point_ends_one_trend_and_starts_the_next() -> None:
    a = analyse(pts([1, 2, 3, 4, 5, 4, 3, 2, 1]))
    up, down = rules_of(a, "trend")
    assert (up.direction, up.indices) == ("up", (0, 1, 2, 3, 4))
    assert (down.direction, down.indices) == ("down", (4, 5, 6, 7, 8))


def test_a_trend_counts_points_on_the_median() -> None:
    a = analyse(pts([1, 2, 3, 4, 5]))  # median 3, on the trend: still 5 points going up
    assert a.median == 3 and [t.indices for t in rules_of(a, "trend")] == [(0, 1, 2, 3, 4)]


# ---- IHI: runs ------------------------------------------------------------------------------


def _runs_distribution(n1: int, n2: int) -> dict[int, Fraction]:
    """P(R = r) for r runs in a random arrangement of n1 and n2 items (Swed & Eisenhart 1943)."""
    total = math.comb(n1 + n2, n1)
    out = {}
    for r in range(2, n1 + n2 + 1):
        k = r // 2
        if r % 2 == 0:
            ways = 2 * math.comb(n1 - 1, k - 1) * math.comb(n2 - 1, k - 1)
        else:
            ways = math.comb(n1 - 1, k) * math.comb(n2 - 1, k - 1) + math.comb(n1 - 1, k - 1) * math.comb(n2 - 1, k)
        out[r] = Fraction(ways, total)
    return out


def test_runs_limits_are_the_exact_two_sided_five_percent_limits() -> None:
    tail = Fraction(25, 1000)
    assert sorted(RUNS_LIMITS) == list(range(10, 61))
    for n, (lower, upper) in RUNS_LIMITS.items():
        p = _runs_distribution(n // 2, n - n // 2)
        below = sum(q for r, q in p.items() if r < lower)
        above = sum(q for r, q in p.items() if r > upper)
        assert below <= tail < below + p[lower], n  # the fewest runs that are not "too few"
        assert above <= tail < above + p[upper], n


def test_runs_limits_against_the_published_table() -> None:
    # Perla, Provost & Murray 2011, Table 1: 10 -> 3, 9 and 30 -> 11, 21, as computed.
    assert RUNS_LIMITS[10] == (3, 9)
    assert RUNS_LIMITS[30] == (11, 21)
    # The table prints 20 -> 6, 16; exactly, 6 runs in 20 (10 above, 10 below) has
    # P(R <= 6) = 0.0185 <= 0.025, so the exact limits are 7 and 15 (see RUNS_LIMITS).
    p = _runs_distribution(10, 10)
    assert round(float(sum(q for r, q in p.items() if r <= 6)), 4) == 0.0185
    assert RUNS_LIMITS[20] == (7, 15)


def test_too_many_and_too_few_runs() -> None:
    zigzag = analyse(pts([0, 2] * 6))  # 12 useful, 12 runs > 10
    assert zigzag.runs is not None
    assert (zigzag.runs.count, zigzag.runs.useful, zigzag.runs.upper, zigzag.runs.signal) == (12, 12, 10, "too_many")
    assert zigzag.signals == () and zigzag.has_signal
    few = analyse(pts(from_runs([5, 5, 5, 5])))  # 20 useful, 4 runs < 7
    assert few.runs is not None and (few.runs.count, few.runs.lower, few.runs.signal) == (4, 7, "too_few")
    fine = analyse(pts(from_runs([2, 3, 1, 2, 2, 1, 3, 2, 2, 2])))  # 10 above, 10 below; 10 runs
    assert fine.runs is not None and fine.runs.signal is None and not fine.has_signal


def test_points_on_the_median_do_not_count_as_runs() -> None:
    a = analyse(pts([0, 2, 1, 0, 2, 1, 0, 2, 1, 0, 2, 0, 2, 1, 2]))  # median 1
    assert a.median == 1 and a.useful == 11
    # useful: 0 2 0 2 0 2 0 2 0 2 2 -- the 1 between the last two 2s does not split their run
    assert a.runs is not None and (a.runs.count, a.runs.upper, a.runs.signal) == (10, 9, "too_many")


def test_fewer_than_ten_useful_points_claim_no_runs_signal() -> None:
    a = analyse(pts([0, 2] * 4 + [1]))  # 8 useful points in 8 runs: no test
    assert a.runs is None and not a.has_signal
    assert analyse(pts([1, 2] * 31)).runs is None  # 62 useful: beyond the table


def test_a_complete_shift_or_trend_counts_with_few_points() -> None:
    a = analyse(pts([5, 9, 9, 9, 9, 9, 9]), baseline=1)  # 7 points, 6 useful above
    assert [s.rule for s in a.signals] == ["shift"] and a.runs is None and a.has_signal
    t = analyse(pts([1, 2, 3, 4, 5]))
    assert [s.rule for s in t.signals] == ["trend"] and t.runs is None


# ---- Anhøj --------------------------------------------------------------------------------


def test_anhoej_limits_by_hand() -> None:
    # longest run: round(log2(n) + 3)
    assert longest_run_limit(10) == 6  # log2 10 = 3.32 -> 6.32 -> 6
    assert longest_run_limit(20) == 7  # log2 20 = 4.32 -> 7.32 -> 7
    assert longest_run_limit(24) == 8  # log2 24 = 4.58 -> 7.58 -> 8
    # crossings: smallest k with P(X <= k) >= 0.05, X ~ Binomial(n - 1, 1/2)
    # n = 10: C(9, k) = 1 9 36 -> P(X <= 1) = 10/512 = 0.020, P(X <= 2) = 46/512 = 0.090 -> 2
    assert crossings_limit(10) == 2
    # n = 20: C(19, k) = 1 19 171 969 3876 11628 27132 -> P(X <= 5) = 16664/524288 = 0.032,
    # P(X <= 6) = 43796/524288 = 0.084 -> 6
    assert crossings_limit(20) == 6
    # n = 24: C(23, k) = 1 23 253 1771 8855 33649 100947 245157 490314 -> P(X <= 7) =
    # 390656/8388608 = 0.047, P(X <= 8) = 880970/8388608 = 0.105 -> 8
    assert crossings_limit(24) == 8
    for n in (10, 13, 20, 24, 37, 60, 100):  # the definition, directly
        cdf = [sum(math.comb(n - 1, i) for i in range(k + 1)) / 2 ** (n - 1) for k in range(n)]
        assert crossings_limit(n) == next(k for k, p in enumerate(cdf) if p >= 0.05)


def test_anhoej_long_run() -> None:
    long = analyse(pts(from_runs([9, 8, 1, 1, 1, 1, 1, 2])), rules="anhoej")  # 24 useful
    assert long.rules == "anhoej" and long.useful == 24 and long.longest_run_limit == 8
    (s,) = long.signals
    assert (s.rule, s.direction, s.indices) == ("long_run", "above", tuple(range(9)))
    assert long.runs is not None and long.runs.test == "crossings"
    eight = analyse(pts(from_runs([8, 8, 1, 1, 1, 1, 1, 1, 1, 1])), rules="anhoej")
    assert eight.signals == () and eight.longest_run == 8
    assert eight.runs is not None and (eight.runs.count, eight.runs.lower, eight.runs.signal) == (9, 8, None)


def test_anhoej_too_few_crossings() -> None:
    a = analyse(pts(from_runs([8, 8, 4, 4])), rules="anhoej")  # 24 useful, 3 crossings < 8
    assert a.signals == ()
    assert a.runs is not None
    assert a.runs.to_json() == {
        "test": "crossings",
        "count": 3,
        "useful": 24,
        "lower": 8,
        "upper": None,
        "signal": "too_few_crossings",
    }


def test_anhoej_has_no_trend_or_shift_rule() -> None:
    a = analyse(pts(range(12)), rules="anhoej")  # 12 up; median 5.5; runs of 6 and 6
    assert a.longest_run_limit == 7 and a.signals == ()
    assert a.runs is not None and a.runs.signal == "too_few_crossings"  # 1 crossing < 3
    assert {s.rule for s in analyse(pts(range(12))).signals} == {"trend", "shift"}


def test_anhoej_long_run_with_few_points() -> None:
    a = analyse(pts([5, 9, 9, 9, 9, 9, 9, 9]), rules="anhoej", baseline=1)  # 7 useful, limit 6
    assert [s.rule for s in a.signals] == ["long_run"] and a.runs is None


# ---- results ------------------------------------------------------------------------------


def test_to_json_and_favourable_directions() -> None:
    a = analyse(pts([15, 10, 5, 7, 7, 7, 7, 7, 7]), baseline=3, higher_is_better=False)
    data = json.loads(json.dumps(a.to_json()))
    assert data["rules"] == "ihi" and data["median"] == 10 and data["baseline"] == 3
    assert data["runs"] is None
    (s,) = data["signals"]
    assert s == {
        "rule": "shift",
        "from": (D0 + timedelta(weeks=2)).isoformat(),
        "to": (D0 + timedelta(weeks=8)).isoformat(),
        "direction": "below",
        "favourable": True,  # lower is better
        "indices": [2, 3, 4, 5, 6, 7, 8],
    }
    assert a.signal_indices == frozenset(range(2, 9))
    assert not analyse(pts([15, 10, 5, 7, 7, 7, 7, 7, 7]), baseline=3).signals[0].favourable


# ---- status -------------------------------------------------------------------------------

TODAY = date(2026, 6, 30)


def test_status_no_data_on_track_not_yet() -> None:
    assert status([], 10, True, "weekly", TODAY) == "no_data"
    recent = [(TODAY - timedelta(days=3), 12.0)]
    assert status(recent, 10, True, "weekly", TODAY) == "on_track"
    assert status(recent, 12, True, "weekly", TODAY) == "on_track"  # meeting it exactly counts
    assert status(recent, 15, True, "weekly", TODAY) == "not_yet"
    assert status(recent, 15, False, "weekly", TODAY) == "on_track"  # lower is better
    assert status(recent, 10, False, "weekly", TODAY) == "not_yet"
    assert status(recent, None, True, "weekly", TODAY) == "not_yet"  # no target: nothing to be on track to


def test_status_reads_the_latest_point_by_date() -> None:
    data = [(TODAY - timedelta(days=1), 20.0), (TODAY - timedelta(days=30), 1.0)]
    assert latest(data) == (TODAY - timedelta(days=1), 20.0)
    assert status(data, 10, True, "monthly", TODAY) == "on_track"


@pytest.mark.parametrize(
    ("frequency", "fresh", "late"),
    [
        ("daily", 1, 2),
        ("weekly", 10, 11),  # a week and a half of grace
        ("every 2 weeks", 21, 22),
        ("fortnightly", 21, 22),
        ("monthly", 45, 46),
        ("quarterly", 136, 137),
        ("each term", 182, 183),
        ("termly", 182, 183),
        ("yearly", 547, 548),
        ("annually", 547, 548),
        ("every 3 days", 4, 5),
        ("every 6 weeks", 63, 64),
        ("every 2 months", 91, 92),
    ],
)
def test_status_overdue_by_frequency(frequency: str, fresh: int, late: int) -> None:
    on = [(TODAY - timedelta(days=fresh), 20.0)]
    off = [(TODAY - timedelta(days=late), 20.0)]
    assert status(on, 10, True, frequency, TODAY) == "on_track"
    assert status(off, 10, True, frequency, TODAY) == "overdue"
    assert status(off, None, True, frequency, TODAY) == "overdue"  # overdue comes first


@pytest.mark.parametrize("frequency", ["", "as needed", "when I remember", "ad hoc"])
def test_an_unknown_frequency_is_never_overdue(frequency: str) -> None:
    old = [(TODAY - timedelta(days=3000), 20.0)]
    assert frequency_days(frequency) is None
    assert status(old, 10, True, frequency, TODAY) == "on_track"


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Weekly", 7),
        ("weekly (Mondays)", 7),
        ("once a week", 7),
        ("every week", 7),
        ("every other week", 14),
        ("bi-weekly", 14),
        ("Every two weeks", 14),
        ("twice a week", 3.5),
        ("3 times a week", 7 / 3),
        ("twice weekly", 3.5),
        ("6-weekly", 42),
        ("per month", 365.25 / 12),
        ("Monthly, at the first meeting", 365.25 / 12),
        ("every 3 months", 365.25 / 4),
        ("once a quarter", 365.25 / 4),
        ("each term", 365.25 / 3),
        ("every semester", 365.25 / 2),
        ("half-yearly", 365.25 / 2),
        ("every year", 365.25),
        ("every 10 days", 10),
    ],
)
def test_frequency_is_read_leniently(text: str, days: float) -> None:
    assert frequency_days(text) == pytest.approx(days)


# ---- properties --------------------------------------------------------------------------

series = st.lists(st.integers(0, 12), max_size=70)
rule_sets = st.sampled_from(["ihi", "anhoej"])
baselines = st.one_of(st.none(), st.integers(1, 30))


def _shape(a):
    return (
        [(s.rule, s.direction, s.indices) for s in a.signals],
        a.runs,
        a.useful,
        a.longest_run,
        a.longest_run_limit,
        a.baseline,
    )


@settings(max_examples=300, deadline=None)
@given(series, rule_sets, baselines, st.integers(-1000, 1000), st.integers(1, 50))
def test_adding_a_constant_or_scaling_changes_nothing(values, rules, baseline, c, k) -> None:
    a = analyse(pts(values), rules=rules, baseline=baseline)
    b = analyse(pts([v + c for v in values]), rules=rules, baseline=baseline)
    s = analyse(pts([v * k for v in values]), rules=rules, baseline=baseline)
    assert _shape(a) == _shape(b) == _shape(s)
    if a.median is not None:
        assert b.median == a.median + c and s.median == a.median * k


SWAP = {"up": "down", "down": "up", "above": "below", "below": "above"}


@settings(max_examples=300, deadline=None)
@given(series, rule_sets, baselines)
def test_negating_values_swaps_directions(values, rules, baseline) -> None:
    a = analyse(pts(values), rules=rules, baseline=baseline)
    b = analyse(pts([-v for v in values]), rules=rules, baseline=baseline)
    assert [(s.rule, SWAP[s.direction], s.indices) for s in a.signals] == [
        (s.rule, s.direction, s.indices) for s in b.signals
    ]
    assert a.runs == b.runs


@settings(max_examples=300, deadline=None)
@given(series)
def test_reversing_time_swaps_up_and_down_trends(values) -> None:
    forward = analyse(pts(values))
    backward = analyse(pts(values[::-1]))
    assert sorted((SWAP[s.direction], len(s.indices)) for s in rules_of(forward, "trend")) == sorted(
        (s.direction, len(s.indices)) for s in rules_of(backward, "trend")
    )


@settings(max_examples=400, deadline=None)
@given(series, rule_sets, baselines)
def test_signals_are_runs_of_the_useful_points(values, rules, baseline) -> None:
    a = analyse(pts(values), rules=rules, baseline=baseline)
    n = len(values)
    m = a.median
    side = [0 if m is None or v == m else (1 if v > m else -1) for v in values]
    useful = [i for i in range(n) if side[i]]
    assert a.useful == len(useful)
    if a.useful < 10:
        assert a.runs is None
    for s in a.signals:
        idx = s.indices
        assert all(0 <= i < n for i in idx) and list(idx) == sorted(set(idx))
        assert (a.points[idx[0]][0], a.points[idx[-1]][0]) == (s.start, s.end)
        if s.rule in ("shift", "long_run"):
            # consecutive on the useful points, all on the side the signal names, maximal
            at = useful.index(idx[0])
            assert list(idx) == useful[at : at + len(idx)]
            want = 1 if s.direction == "above" else -1
            assert all(side[i] == want for i in idx)
            before, after = (
                useful[at - 1] if at else None,
                useful[at + len(idx)] if at + len(idx) < len(useful) else None,
            )
            assert before is None or side[before] != want
            assert after is None or side[after] != want
            limit = a.longest_run_limit
            assert limit is not None and len(idx) > limit
        else:
            assert s.rule == "trend" and rules == "ihi" and len(idx) >= 5
            vals = [values[i] for i in idx]
            steps = [y - x for x, y in zip(vals, vals[1:], strict=False)]
            assert all(d > 0 for d in steps) if s.direction == "up" else all(d < 0 for d in steps)
            for i, j in zip(idx, idx[1:], strict=False):  # what is skipped repeats a value
                assert all(values[k] == values[i] for k in range(i, j))
    runs_of_six = [
        i
        for i in useful
        if sum(1 for _ in _run_around(useful, side, i)) >= (6 if rules == "ihi" else (a.longest_run_limit or 0) + 1)
    ]
    marked = {i for s in a.signals if s.rule in ("shift", "long_run") for i in s.indices}
    assert marked == set(runs_of_six)


def _run_around(useful: list[int], side: list[int], i: int):
    """The useful points in the same run as point i."""
    at = useful.index(i)
    lo = at
    while lo > 0 and side[useful[lo - 1]] == side[i]:
        lo -= 1
    hi = at
    while hi + 1 < len(useful) and side[useful[hi + 1]] == side[i]:
        hi += 1
    return useful[lo : hi + 1]

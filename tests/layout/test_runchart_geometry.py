"""The run chart's geometry: labels that fit and never overlap, ticks that cover the data,
markers where the changes happened, and every coordinate inside the chart."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from driverdiagram.layout.fonts import metrics
from driverdiagram.layout.runchart import ChartGeometry, Label, chart_geometry, date_text
from driverdiagram.model.runchart import analyse

D0 = date(2026, 1, 5)
EPS = 1e-6


def weekly(values, start: date = D0):
    return [(start + timedelta(weeks=i), v) for i, v in enumerate(values)]


def chart(points, *, rules="ihi", baseline=None, **kw) -> ChartGeometry:
    kw.setdefault("width", 360.0)
    kw.setdefault("height", 180.0)
    return chart_geometry(points, analyse(points, rules=rules, baseline=baseline), **kw)


def box(label: Label, size: float) -> tuple[float, float, float, float]:
    m = metrics()
    return (
        label.x,
        label.baseline - m.ascent * size / m.units_per_em,
        label.right,
        label.baseline + m.descent * size / m.units_per_em,
    )


def assert_labels_fit(g: ChartGeometry) -> None:
    boxes = [(lab.text, box(lab, g.font_size)) for lab in g.labels()]
    m = metrics()
    for text, (x0, y0, x1, y1) in boxes:
        assert x0 >= -EPS and x1 <= g.width + EPS, (text, x0, x1, g.width)
        assert y0 >= -EPS and y1 <= g.height + EPS, (text, y0, y1, g.height)
        assert text and abs((x1 - x0) - m.width(text, g.font_size)) < EPS
    for i, (ta, a) in enumerate(boxes):
        for tb, b in boxes[i + 1 :]:
            apart = a[2] <= b[0] + EPS or b[2] <= a[0] + EPS or a[3] <= b[1] + EPS or b[3] <= a[1] + EPS
            assert apart, f"{ta!r} {a} overlaps {tb!r} {b}"


def assert_inside(g: ChartGeometry) -> None:
    p = g.plot
    for x, y in g.line:
        assert p.x - EPS <= x <= p.right + EPS and p.y - EPS <= y <= p.bottom + EPS
    for h in (*g.median, *((g.target,) if g.target else ())):
        assert p.x - EPS <= h.x0 <= h.x1 <= p.right + EPS and p.y - EPS <= h.y <= p.bottom + EPS
    for mk in g.markers:
        assert p.x - EPS <= mk.x <= p.right + EPS and 0 <= mk.top <= mk.bottom <= g.height + EPS


# ---- labels -------------------------------------------------------------------------------

dates = st.lists(st.integers(0, 900), min_size=0, max_size=80).map(sorted)
texts = st.text(alphabet=st.sampled_from("abc XYZ—é1"), max_size=60)


@settings(max_examples=250, deadline=None)
@given(
    dates,
    st.data(),
    st.floats(40, 900),
    st.floats(16, 400),
    st.sampled_from([6.0, 7.0, 9.0]),
    st.one_of(st.none(), st.floats(-50, 150)),
    st.lists(st.tuples(st.integers(-30, 930), texts), max_size=5),
    st.sampled_from(["ihi", "anhoej"]),
)
def test_labels_never_overlap_and_stay_inside(days, data, width, height, size, target, markers, rules) -> None:
    start = date(2025, 11, 20)
    values = data.draw(st.lists(st.floats(-40, 120, allow_nan=False), min_size=len(days), max_size=len(days)))
    points = [(start + timedelta(days=d), v) for d, v in zip(days, values, strict=True)]
    marks = [(start + timedelta(days=d), t) for d, t in markers]
    g = chart(points, rules=rules, width=width, height=height, target=target, markers=marks, font_size=size)
    assert_labels_fit(g)
    assert_inside(g)
    assert len(g.dots) == len(points) and len(g.line) == len(points)
    assert len(g.markers) == (len(marks) if points else 0)


def test_a_realistic_chart_has_every_part() -> None:
    values = [7, 14, 6, 9, 6, 12, 12, 12, 15, 11, 8, 6, 12, 5, 11, 11, 20, 11, 18, 15, 14, 20, 12, 16]
    g = chart(
        weekly(values),
        baseline=12,
        target=20,
        markers=[(D0 + timedelta(weeks=12, days=3), "Protected Friday afternoons for writing"), (D0, "Start")],
    )
    assert g.axes and g.y_ticks and g.x_labels and g.median_label and g.target_label
    assert g.median_label.text == "Median 10" and g.target_label.text == "Target 20"
    assert [m.text for m in g.markers] == ["Start", "Protected Friday afternoons for writing"]
    assert all(m.labels for m in g.markers)
    assert_labels_fit(g)
    assert_inside(g)


# ---- the y axis ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "target"),
    [
        ([3, 7, 5, 9, 4], None),
        ([3, 7, 5, 9, 4], 15),
        ([3, 7, 5, 9, 4], -2),
        ([0.12, 0.18, 0.15, 0.2], 0.25),
        ([1200, 5300, 4100, 980], 6000),
        ([-3.5, -1.25, -2.0], 0),
        ([5, 5, 5], None),
        ([5], 5),
        ([0, 0, 0], None),
    ],
)
def test_ticks_cover_values_median_and_target(values, target) -> None:
    points = weekly(values)
    a = analyse(points)
    g = chart_geometry(points, a, width=300, height=160, target=target)
    covered = [*values, a.median] + ([target] if target is not None else [])
    ticks = [t.value for t in g.y_ticks]
    assert len(ticks) >= 2 and ticks == sorted(ticks)
    assert ticks[0] <= min(covered) + EPS and ticks[-1] >= max(covered) - EPS
    steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1  # evenly spaced
    assert [t.y for t in g.y_ticks] == sorted((t.y for t in g.y_ticks), reverse=True)  # up the page
    assert g.y_ticks[0].y == pytest.approx(g.plot.bottom) and g.y_ticks[-1].y == pytest.approx(g.plot.y)
    for t in g.y_ticks:
        assert float(t.label.text.replace(",", "")) == pytest.approx(t.value)
    assert_labels_fit(g)


def test_tick_labels_are_round_numbers() -> None:
    g = chart(weekly([0.12, 0.18, 0.15, 0.2]), height=200)
    assert all(len(t.label.text.split(".")[-1]) <= 2 for t in g.y_ticks)
    big = chart(weekly([1200, 5300, 4100, 980]))
    assert "5,000" in [t.label.text for t in big.y_ticks] or "6,000" in [t.label.text for t in big.y_ticks]


# ---- the x axis ---------------------------------------------------------------------------


def test_points_are_in_time_order_with_equal_steps() -> None:
    uneven = [(D0, 1), (D0 + timedelta(days=1), 2), (D0 + timedelta(days=90), 3), (D0 + timedelta(days=91), 4)]
    g = chart(uneven)
    xs = [d.x for d in g.dots]
    steps = [b - a for a, b in zip(xs, xs[1:], strict=False)]
    assert steps == pytest.approx([g.plot.w / 4] * 3)
    assert xs[0] == pytest.approx(g.plot.x + g.plot.w / 8)
    assert [(x, y) for x, y in g.line] == [(d.x, d.y) for d in g.dots]


def test_dates_are_compact() -> None:
    assert date_text(date(2026, 2, 3), one_year=True) == "3 Feb"
    assert date_text(date(2026, 2, 3), one_year=False) == "Feb 2026"
    within = chart(weekly([1, 2, 3, 4]))
    assert within.x_labels[0].label.text == "5 Jan"
    across = chart(weekly(range(30), start=date(2025, 10, 6)), width=600)
    texts = [d.label.text for d in across.x_labels]
    assert texts[0] == "Oct 2025" and "Jan 2026" in texts
    assert len(texts) == len(set(texts))  # a month is labelled once, at its first point


def test_a_long_series_gets_a_readable_number_of_labels() -> None:
    points = [(D0 + timedelta(days=i), float(i % 17)) for i in range(500)]
    g = chart(points, width=500, height=200)
    assert 4 <= len(g.x_labels) <= 12
    assert_labels_fit(g)
    # across years: "Jan 2026" ... at the first point of a month, every k-th month
    firsts = [d.index for d in g.x_labels]
    assert all(points[i - 1][0].month != points[i][0].month for i in firsts if i)
    months = [points[i][0].year * 12 + points[i][0].month for i in firsts]
    assert len({b - a for a, b in zip(months, months[1:], strict=False)}) == 1
    daily = chart(points[:200], width=500, height=200)  # within 2026: "5 Jan" ..., every k-th point
    assert len({b.index - a.index for a, b in zip(daily.x_labels, daily.x_labels[1:], strict=False)}) == 1


# ---- median, baseline, target, signals ----------------------------------------------------


def test_median_over_the_baseline_then_extended() -> None:
    values = [5, 6, 4, 5, 6, 9, 9, 9, 9, 9, 9, 9]
    g = chart(weekly(values), baseline=5)
    xs = [d.x for d in g.dots]
    assert g.baseline_end_x == pytest.approx((xs[4] + xs[5]) / 2)
    solid, dashed = g.median
    assert (solid.extended, dashed.extended) == (False, True)
    assert solid.x0 == g.plot.x and solid.x1 == dashed.x0 == g.baseline_end_x and dashed.x1 == g.plot.right
    assert solid.y == dashed.y == pytest.approx(g.y_ticks[0].y - (5 - g.y_min) / (g.y_max - g.y_min) * g.plot.h)
    whole = chart(weekly(values))
    assert whole.baseline_end_x is None and len(whole.median) == 1


def test_signal_points_are_marked() -> None:
    values = [15, 10, 5, 12, 12, 12, 12, 12, 12, 3]
    points = weekly(values)
    a = analyse(points, baseline=3)
    g = chart_geometry(points, a, width=300, height=150)
    assert {d.index for d in g.signal_dots} == a.signal_indices == {3, 4, 5, 6, 7, 8}
    few = chart(weekly([0, 2] * 6))  # too many runs: no point is marked, the median is
    assert few.signal_dots == () and few.median_signal


def test_target_line() -> None:
    g = chart(weekly([3, 7, 5, 9]), target=8)
    assert g.target is not None and (g.target.x0, g.target.x1) == (g.plot.x, g.plot.right)
    seven, nine = g.dots[1].y, g.dots[3].y
    assert nine < g.target.y < seven  # 8 lies between 7 and 9 (y grows downwards)
    assert chart(weekly([3, 7])).target is None


# ---- markers ------------------------------------------------------------------------------


def test_markers_sit_between_the_points_around_their_date() -> None:
    points = weekly([1, 2, 3, 4, 5])
    marks = [
        (D0 + timedelta(weeks=2), "on point 2"),
        (D0 + timedelta(weeks=3, days=2), "between 3 and 4"),
        (D0 - timedelta(days=10), "before"),
        (D0 + timedelta(weeks=9), "after"),
    ]
    g = chart(points, markers=marks, width=500)
    xs = [d.x for d in g.dots]
    by_text = {m.text: m.x for m in g.markers}
    assert by_text["on point 2"] == pytest.approx((xs[1] + xs[2]) / 2)  # the point is after the change
    assert by_text["between 3 and 4"] == pytest.approx((xs[3] + xs[4]) / 2)
    assert by_text["before"] == pytest.approx((g.plot.x + xs[0]) / 2)
    assert by_text["after"] == pytest.approx((xs[4] + g.plot.right) / 2)
    assert [m.text for m in g.markers] == ["before", "on point 2", "between 3 and 4", "after"]  # by date
    for m in g.markers:
        assert m.bottom == g.plot.bottom and m.top < g.plot.y  # through the label band
    assert_labels_fit(g)


def test_marker_labels_wrap_and_are_cut_to_fit() -> None:
    long = "Protected Friday afternoons for writing, agreed with the head of department in May"
    points = weekly(range(10))
    g = chart(points, markers=[(D0 + timedelta(weeks=3), long), (D0 + timedelta(weeks=6), "PDSA 2")])
    first, second = g.markers
    assert 1 <= len(first.labels) <= 2
    assert first.labels[-1].text.endswith("…")
    assert all(lab.right <= second.x for lab in first.labels)  # stops before the next marker
    assert [lab.text for lab in second.labels] == ["PDSA 2"]
    assert_labels_fit(g)


def test_a_change_near_the_end_is_labelled_on_its_left() -> None:
    points = weekly(range(12))
    g = chart(points, markers=[(D0 + timedelta(weeks=11), "New routine")])
    (m,) = g.markers
    assert m.labels and all(lab.right <= m.x for lab in m.labels)
    assert_labels_fit(g)


# ---- small and empty charts ---------------------------------------------------------------


def test_a_small_chart_has_no_axes_or_labels() -> None:
    g = chart(weekly([3, 7, 5, 9, 4, 6]), width=52, height=16, target=8, markers=[(D0 + timedelta(weeks=2), "PDSA")])
    assert g.axes == () and g.y_ticks == () and g.x_labels == () and g.labels() == []
    assert len(g.line) == 6 and g.median and g.target is not None and g.markers[0].labels == ()
    assert_inside(g)


def test_an_empty_chart_says_so() -> None:
    g = chart([], target=5, markers=[(D0, "PDSA")])
    assert g.message is not None and g.message.text == "No data yet"
    assert g.dots == () and g.line == () and g.median == () and g.markers == () and g.y_ticks == ()
    assert_labels_fit(g)


def test_the_analysis_must_be_of_the_same_points() -> None:
    with pytest.raises(ValueError):
        chart_geometry(weekly([1, 2, 3]), analyse(weekly([1, 2])), width=300, height=150)
    with pytest.raises(ValueError):
        chart_geometry(weekly([1, 2]), analyse(weekly([1, 2])), width=0, height=150)
    shuffled = weekly([1, 2, 3])[::-1]  # the order given does not matter: both sort by date
    assert chart_geometry(shuffled, analyse(shuffled), width=300, height=150).line

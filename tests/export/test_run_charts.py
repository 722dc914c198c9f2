"""The run charts after the measures table, read back from the PDF: every label the layout's
geometry holds is printed, the rules' sentence is the app's, at most three charts to a page,
no chart without data, and no text under 6 pt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pdf_helpers import Exported, export, flat
from pypdf import PdfReader
from pypdf.generic import ContentStream

from driverdiagram.export.paper import page_size
from driverdiagram.export.pdf import FOOTER, MARGIN, MIN_FONT
from driverdiagram.export.pdf_charts import CHART_FONT, ChartBlock, charts_story
from driverdiagram.export.pdf_fonts import Typesetter
from driverdiagram.layout.runchart import runs_note
from driverdiagram.model import DataPoint, Diagram, Measure
from driverdiagram.model.schema import ChangeMarker

START = dt.date(2025, 1, 6)
SHIFTED = [3, 4, 3, 5, 4, 3, 4, 9, 10, 11, 9, 10, 12, 11]  # 7 below the median (7), then 7 above
MARKER = "New clinic rota"


def _points(values: list[float]) -> list[DataPoint]:
    return [DataPoint(date=START + dt.timedelta(days=7 * j), value=v) for j, v in enumerate(values)]


def chart_diagram(rules: str = "ihi") -> Diagram:
    d = Diagram.new("Publish two first-author papers", title="Charts")
    d.set_info(d.info.but(run_chart_rules=rules))
    p = d.add_node("primary", "Protected writing time", parent=d.outcome.id, id="p1").id
    d.add_item(
        "measures",
        Measure(
            id="shift",
            node_id=p,
            name="Writing hours per week",
            unit="hours",
            target=8,
            data=_points(SHIFTED),
            markers=[ChangeMarker(date=START + dt.timedelta(days=7 * 7 - 2), text=MARKER)],
        ),
    )
    d.add_item("measures", Measure(id="empty", node_id=p, name="Abstracts submitted (no data yet)"))
    for i in range(6):
        values = [(j * 7 + i * 3) % 11 for j in range(20)]
        d.add_item(
            "measures",
            Measure(
                id=f"m{i}", node_id=d.outcome.id, name=f"Outcome measure {i}", type="outcome", data=_points(values)
            ),
        )
    d.add_item(
        "measures",
        Measure(
            id="base",
            node_id=p,
            name="Measure with a baseline period",
            type="balancing",
            baseline_points=6,
            data=_points([5, 6, 5, 7, 6, 5, 6, 7, 8, 7, 6, 8]),
        ),
    )
    return d


@pytest.fixture(scope="module")
def ihi(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    return export(chart_diagram(), tmp_path_factory.mktemp("rc") / "ihi.pdf")


@pytest.fixture(scope="module")
def anhoej(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    return export(chart_diagram("anhoej"), tmp_path_factory.mktemp("rc") / "anhoej.pdf")


def _frame(page: str = "a4", orientation: str = "landscape") -> tuple[float, float]:
    w, h = page_size(page, orientation)
    return w - 2 * MARGIN, h - 2 * MARGIN - FOOTER - 6


def _blocks(d: Diagram, page: str = "a4", orientation: str = "landscape") -> list[ChartBlock]:
    fw, fh = _frame(page, orientation)
    blocks = [f for f in charts_story(d, Typesetter(), fw, fh) if isinstance(f, ChartBlock)]
    for b in blocks:
        b.wrap(fw, fh)
    return blocks


def _chart_pages(out: Exported) -> list[str]:
    """The text from the "Run charts" heading on (the table may end on its first page)."""
    first = next(i for i, text in enumerate(out.pages) if "Run charts" in text)
    return [out.pages[first][out.pages[first].index("Run charts") :], *out.pages[first + 1 :]]


def _names_on(page: str, d: Diagram) -> list[str]:
    return [m.name for m in d.items("measures") if m.data and f"· {m.name}" in flat(page)]


def test_every_chart_label_of_the_geometry_is_in_the_pdf(ihi: Exported) -> None:
    d = chart_diagram()
    blocks = _blocks(d)
    assert [b.name for b in blocks] == [m.name for m in _in_table_order(d) if m.data]
    pages = _chart_pages(ihi)
    for b in blocks:
        page = next(p for p in pages if f"· {b.name}" in flat(p))
        assert b.g is not None
        labels = [lab.text for lab in b.g.labels()]
        assert any(t.startswith("Median ") for t in labels)
        assert "6 Jan" in labels  # the first date
        missing = [t for t in labels if flat(t) not in flat(page)]
        assert not missing, (b.name, missing)


def _in_table_order(d: Diagram) -> list[Measure]:
    from driverdiagram.export.pdf_tables import measure_numbers

    return [m for _, items in measure_numbers(d)[0] for _, m in items]


def test_the_shift_is_named_in_the_apps_words(ihi: Exported) -> None:
    text = flat("\n".join(_chart_pages(ihi)))
    assert "Shift: 7 points below the median, 6 Jan – 17 Feb." in text
    assert "Shift: 7 points above the median, 24 Feb – 7 Apr, the way you want it to go." in text
    shift = next(b for b in _blocks(chart_diagram()) if b.name == "Writing hours per week")
    assert flat(runs_note(shift.chart.analysis)) in text  # the very sentence the app shows
    assert shift.g is not None and len(shift.g.signal_dots) == 14  # every point of both shifts marked


def test_anhoej_rules_when_the_diagram_says_so(ihi: Exported, anhoej: Exported) -> None:
    a = flat("\n".join(_chart_pages(anhoej)))
    i = flat("\n".join(_chart_pages(ihi)))
    assert "Too few crossings of the median: 1 (fewer than 4 is unusual)." in a
    assert "Shift:" not in a and "Shift: 7 points" in i
    assert "crossings of the median" not in i
    assert "Anhøj" in a and "IHI" in i


def test_change_markers_and_their_labels(ihi: Exported) -> None:
    shift = next(b for b in _blocks(chart_diagram()) if b.name == "Writing hours per week")
    assert shift.g is not None and [m.text for m in shift.g.markers] == [MARKER]
    assert [lab.text for lab in shift.g.markers[0].labels] == [MARKER]
    assert MARKER in flat("\n".join(_chart_pages(ihi)))


def test_the_median_after_a_baseline_period_is_extended(ihi: Exported) -> None:
    base = next(b for b in _blocks(chart_diagram()) if b.name == "Measure with a baseline period")
    assert base.g is not None and [line.extended for line in base.g.median] == [False, True]
    assert base.g.baseline_end_x is not None


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_at_most_three_charts_a_page(tmp_path: Path, orientation: str) -> None:
    d = chart_diagram()
    out = export(d, tmp_path / "c.pdf", orientation=orientation, sections=("measures",))
    counts = [len(_names_on(p, d)) for p in _chart_pages(out)]
    assert max(counts) <= 3, counts
    assert 3 in counts, counts  # a page is filled
    assert sum(counts) == sum(1 for m in d.items("measures") if m.data)


def test_no_chart_for_a_measure_without_data(ihi: Exported) -> None:
    assert "Abstracts submitted (no data yet)" in ihi.flat  # in the table
    assert not any("Abstracts submitted" in p for p in _chart_pages(ihi))
    assert "Abstracts submitted (no data yet)" not in [b.name for b in _blocks(chart_diagram())]


def test_no_charts_section_without_data(tmp_path: Path) -> None:
    d = Diagram.new("Aim")
    d.add_item("measures", Measure(id="m1", node_id=d.outcome.id, name="Nothing measured yet"))
    out = export(d, tmp_path / "e.pdf", sections=("measures",))
    assert "Nothing measured yet" in out.flat and "Run charts" not in out.text


def _font_sizes(reader: PdfReader, pages: range) -> list[float]:
    sizes = []
    for i in pages:
        page = reader.pages[i]
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"Tf":
                sizes.append(float(operands[1]))
            elif op == b"cm":  # a scaled drawing would shrink its text: only translations here
                assert [float(v) for v in operands[:4]] == [1, 0, 0, 1], operands
    return sizes


def test_no_chart_text_under_6_pt(ihi: Exported) -> None:
    assert CHART_FONT >= MIN_FONT
    first = len(ihi.pages) - len(_chart_pages(ihi))
    sizes = _font_sizes(ihi.reader, range(first, len(ihi.pages)))
    assert sizes and min(sizes) >= MIN_FONT, sorted(set(sizes))
    assert CHART_FONT in sizes

"""The run charts after the measurement-plan table: one per measure with data, large enough
to read on paper, at most three to a page.

Each chart is a `ChartBlock` of one fixed height, a third of the page's frame, so that
three fill a page and a fourth never fits (fewer where the heading or the table ends): the
measure's label and name, its type and node, the chart (painted from the layout's
geometry, as the app paints it), and the sentence saying what the run-chart rules read —
the app's own words (layout.runchart.runs_note). The sentence stands beside the chart on a
wide page, under it on a narrow one. Measures without data are in the table only.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from ..layout.runchart import ChartGeometry, runs_note
from ..model.diagram import Diagram
from ..model.schema import Measure
from .pdf_bidi import Paragraph
from .pdf_fonts import FONT, FONT_BOLD, Typesetter
from .pdf_runchart import MeasureChart, measure_chart, paint_chart
from .pdf_styles import ACCENT, BODY, H2, INK, MUTED, Heading
from .pdf_tables import measure_numbers, node_title, shorten

CHART_FONT = 7.5  # the charts' labels on paper (the export's smallest text is 6 pt)
PER_PAGE = 3
NOTE_SIDE_W = 190.0  # the rules' sentence beside the chart, on a page at least SIDE_MIN wide
SIDE_MIN = 600.0
GAP = 8.0  # between the chart and its sentence
AFTER = 12.0  # below each block
NAME_CHARS = 160  # a chart's heading names at most this much of a long measure name
RULES = {"ihi": "IHI (Perla, Provost & Murray)", "anhoej": "Anhøj (as NHS analysts read them)"}

TITLE = ParagraphStyle("chart_title", fontName=FONT_BOLD, fontSize=9.5, leading=12, textColor=ACCENT)
SUB = ParagraphStyle("chart_sub", fontName=FONT, fontSize=8, leading=10, textColor=MUTED)
INTRO = ParagraphStyle("chart_intro", parent=BODY, keepWithNext=1)  # never alone at a page's foot
NOTE = ParagraphStyle("chart_note", fontName=FONT, fontSize=8, leading=10.5, textColor=INK)


class ChartBlock(Flowable):
    """One measure's run chart with its heading and the rules' sentence, `height` tall."""

    def __init__(
        self, label: str, name: str, title: str, sub: str, chart: MeasureChart, ts: Typesetter, height: float
    ) -> None:
        super().__init__()
        self.label, self.name, self.chart, self.ts = label, name, chart, ts
        self.title = Paragraph(title, TITLE)
        self.sub = Paragraph(sub, SUB)
        self.note = Paragraph(ts.markup(runs_note(chart.analysis)), NOTE)
        self.height = height
        self._at: float | None = None
        self.g: ChartGeometry | None = None

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        if self._at != aw:
            self._at = aw
            self.width = aw
            self._th = self.title.wrap(aw, self.height)[1]
            self._sh = self.sub.wrap(aw, self.height)[1]
            room = self.height - self._th - self._sh - 3 - AFTER
            self.side = aw >= SIDE_MIN
            if self.side:
                self._nh = self.note.wrap(NOTE_SIDE_W, room)[1]
                self.side = self._nh <= room
            if not self.side:
                self._nh = self.note.wrap(aw, room)[1]
            chart_w = aw - NOTE_SIDE_W - GAP if self.side else aw
            chart_h = room if self.side else room - self._nh - GAP / 2
            self.g = self.chart.geometry(chart_w, max(chart_h, 20.0), CHART_FONT)
        return self.width, self.height

    def draw(self) -> None:
        c, g = self.canv, self.g
        assert g is not None
        key = f"chart-{self.label}"
        c.bookmarkPage(key)
        c.addOutlineEntry(f"{self.label} {self.name}", key, 2)
        y = self.height - self._th
        self.title.drawOn(c, 0, y)
        y -= self._sh
        self.sub.drawOn(c, 0, y)
        y -= 3 + g.height
        c.saveState()
        c.translate(0, y)
        paint_chart(c, g, self.ts)
        c.restoreState()
        if self.side:
            self.note.drawOn(c, g.width + GAP, y + g.height - self._nh)
        else:
            self.note.drawOn(c, 0, y - GAP / 2 - self._nh)


def charts_story(d: Diagram, ts: Typesetter, width: float, height: float) -> list[Flowable]:
    """The run charts of the measures with data, in the table's order and with its labels;
    `width` x `height` is the page's frame."""
    groups, _ = measure_numbers(d)
    rules = d.info.run_chart_rules
    with_data = [(node_id, label, m) for node_id, items in groups for label, m in items if m.data]
    if not with_data:
        return []
    block = (height - 1.0) / PER_PAGE  # three fill a page; where the heading or the table is, fewer fit
    out: list[Flowable] = [
        Heading("Run charts", H2, "Run charts", level=1, key="run-charts"),
        Paragraph(
            f"Each measure with data, values in time order, read by the {RULES[rules]} rules. "
            "The median grey (dashed where a baseline period's median is carried on), the target green, "
            "changes tested purple, the points of a signal orange.",
            INTRO,
        ),
    ]
    for node_id, label, m in with_data:
        chart = measure_chart(m, rules)
        name = shorten(" ".join(m.name.split()), 60)
        out.append(ChartBlock(label, name, _title(label, m, ts), _sub(d, node_id, m, ts), chart, ts, block))
    return out


def _title(label: str, m: Measure, ts: Typesetter) -> str:
    return f"{label} · {ts.markup(shorten(' '.join(m.name.split()), NAME_CHARS), bold=True)}"


def _sub(d: Diagram, node_id: str, m: Measure, ts: Typesetter) -> str:
    kind = f"{m.type.value.capitalize()} measure"
    unit = f" · {ts.markup(shorten(m.unit, 40))}" if m.unit.strip() else ""
    return f"{kind}{unit} · on {node_title(d, node_id, ts)}"

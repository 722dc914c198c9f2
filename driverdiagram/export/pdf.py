"""`export_pdf`: the diagram, its measures, the mentor's notes, the meeting log, what
changed since a meeting, and the compact, on paper.

Vector drawing and real text in the embedded DejaVu Sans (selectable, searchable), the
layout's own line breaks, bookmarks for every section, "Page x of y", and metadata. The
file is written atomically (a temporary file beside it, then renamed over).
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate, Spacer

from ..layout import LayoutOptions, layout
from ..model.compact import has_content
from ..model.diagram import Diagram
from ..model.persistence import write_atomic
from .paper import page_size
from .pdf_changes import changes_story, differences_since
from .pdf_charts import charts_story
from .pdf_compact import compact_story
from .pdf_diagram import DiagramPainter
from .pdf_fonts import FONT, Typesetter
from .pdf_meetings import meetings_story
from .pdf_pages import DiagramSheets, wrap_words
from .pdf_pins import note_pins
from .pdf_styles import MUTED, KeepWithStart, fmt_date
from .pdf_tables import measure_numbers, measures_story, notes_story
from .sections import DEFAULT_SECTION_KEYS, SECTION_KEYS
from .story_context import StoryContext

SECTIONS = SECTION_KEYS  # every section that may be asked for
MARGIN = 32.0  # about 11 mm: inside what every printer can print
FOOTER = 7.5
MIN_FONT = 6.0  # the smallest text on paper, in points, before the diagram is split into parts
MAX_TEXT = 12.0  # a small diagram is printed larger, its text up to this size (points)
FIT_SCALES = (1.2, 1.1, 1.0, 0.9, 0.8, 0.7, 0.6)  # those tried for a diagram laid out to the page's width
TILED_SCALES = (1.0, 0.85, 0.7)  # and the widths tried for a diagram printed in parts …
TILED_SEARCH_UP_TO = 150  # … of up to this many nodes (a bigger one takes many pages at any width)


ORIENTATIONS = ("landscape", "portrait", "auto")


def _frame(size: tuple[float, float]) -> tuple[float, float]:
    """The width and height of a page's frame: inside the margins, above the footer."""
    return size[0] - 2 * MARGIN, size[1] - 2 * MARGIN - FOOTER - 6


def _fits_width(options: LayoutOptions | None, view: str) -> bool:
    """Whether the diagram is laid out to the page's width (the columns view, unless the
    caller fixed a width)."""
    return view == "columns" and (options is None or options.fit_width is None)


def _fitted(sheets_at: Callable[[float | None], DiagramSheets], fw: float, fit: str, d: Diagram) -> DiagramSheets:
    """The columns laid out to the page: the width that prints the diagram on one page at
    the largest scale, trying the layout at the page's width at each of `FIT_SCALES` (a
    narrower page gets narrower columns and more lines, never so narrow a word is cut (see
    `layout.widths`); a small diagram is printed larger,
    up to `MAX_TEXT`, and centred on its page); when none fits one page, parts at
    the smallest legible scale whose columns fit the page's width, so the parts are cut
    between rows of boxes only ("tile": at 100%, the page's width)."""
    if fit == "tile":
        return sheets_at(fw)
    smallest = sheets_at(fw / FIT_SCALES[-1])
    if smallest.plan.tiled:
        if len(d) > TILED_SEARCH_UP_TO:
            return smallest
        # parts: the width that needs the fewest pages, then prints largest (a wider layout
        # at a larger scale may need as few pages as the narrowest at the smallest)
        best = smallest
        for s in TILED_SCALES:
            sheets = sheets_at(fw / s)
            if (len(sheets.plan.windows), -sheets.plan.scale) < (len(best.plan.windows), -best.plan.scale - 1e-9):
                best = sheets
        return best
    best = smallest
    for s in FIT_SCALES[:-1]:
        sheets = sheets_at(fw / s)
        if not sheets.plan.tiled and sheets.plan.scale > best.plan.scale + 1e-9:
            best = sheets
    return best


@dataclass
class ExportResult:
    """What was written: the page count and anything the reader of the PDF should know."""

    path: str | None
    pages: int
    warnings: list[str] = field(default_factory=list)
    page_size: tuple[float, float] = (0.0, 0.0)
    scale: float = 1.0  # the diagram's scale on paper (1.0 = the screen's 100%)
    diagram_pages: int = 0
    layout: LayoutOptions | None = None  # what the diagram was laid out with (its width to fit)


def export_pdf(
    diagram: Diagram,
    target: str | os.PathLike[str] | BinaryIO,
    *,
    page: str = "a4",
    orientation: str = "landscape",
    fit: str = "fit",
    sections: Iterable[str] | None = None,
    options: LayoutOptions | None = None,
    view: str = "columns",
    today: dt.date | None = None,
    changes_since: str | None = None,
    contacts: bool = False,
) -> ExportResult:
    """Write the PDF to a path (atomically) or a binary file object.

    `orientation`: "landscape", "portrait", or "auto" (the one whose diagram needs fewer
    pages, then prints larger; the whole PDF takes it: see `ExportResult.page_size`).
    `fit="fit"`: the diagram on one page when its text stays at least 6 pt on paper, else
    split into parts across pages (with an overview page); `fit="tile"`: parts at 100%.
    `sections` picks from "diagram", "measures", "notes", "meetings", "changes", "compact"
    (printed in that order; None: all but "changes"); a section the document has nothing
    for is left out, and so is the compact when it holds only the usual elements
    (`has_content`) unless `sections` names it (then it prints, lines to sign and all).
    `changes_since`, a meeting's id, prints "changes" (added to `sections` if need be): what changed since
    that meeting's snapshot; without it "changes" prints nothing. Notes pin the nodes they
    are on in the diagram when "notes" is printed. Raises `ValueError` for bad arguments
    (an unknown section or meeting) and `DiagramError` when the file cannot be written (the
    old file, if any, is left as it was). `contacts`: print how to reach the people on the
    board of advisors (other people's private data: only when the user asks).

    A section without a builder here is a plug-in: `export/pdf_<key>.py` with
    `story(ctx: StoryContext) -> list[Flowable]`, printed in the order of `sections.py`.
    """
    compact_asked = sections is not None  # named by the caller (a default compact is then printed too)
    if sections is None:
        sections = DEFAULT_SECTION_KEYS
    if isinstance(sections, str):  # "diagram,compact" as on the command line
        sections = sections.split(",")
    wanted = list(dict.fromkeys(s.strip() for s in sections))
    unknown = [s for s in wanted if s not in SECTIONS]
    if unknown or not wanted:
        raise ValueError(
            f"Unknown section {unknown[0]!r}; choose from {', '.join(SECTIONS)}."
            if unknown
            else "Choose at least one section."
        )
    if fit not in ("fit", "tile"):
        raise ValueError(f"Unknown fit {fit!r}; choose fit or tile.")
    if changes_since is not None:
        known = [m.id for m in diagram.items("meetings")]
        if changes_since not in known:
            raise ValueError(
                f"No meeting {changes_since!r} in this diagram"
                + (f"; choose from {', '.join(known)}." if known else ": it has no meetings.")
            )
        if "changes" not in wanted:
            wanted.append("changes")
    if orientation not in ORIENTATIONS:
        raise ValueError(f"Unknown orientation {orientation!r}; choose {', '.join(ORIENTATIONS)}.")
    orientations = ("landscape", "portrait") if orientation == "auto" else (orientation,)
    size = page_size(page, orientations[0])
    today = today or dt.date.today()
    ts = Typesetter()
    warnings: list[str] = []

    info = diagram.info
    outcome = diagram.outcome.text.strip()
    title = info.title.strip() or outcome or "Driver diagram"
    mentee = info.mentee.strip() or diagram.compact.mentee.strip()
    mentor = info.mentor.strip() or diagram.compact.mentor.strip()
    fw, fh = _frame(size)

    _, labels = measure_numbers(diagram)
    story: list = []
    diagram_pages, scale, laid_out = 0, 1.0, None
    if "diagram" in wanted:
        sub = " · ".join(
            x
            for x in (
                f"Mentee: {mentee}" if mentee else "",
                f"Mentor: {mentor}" if mentor else "",
                f"Horizon: {info.horizon}" if info.horizon.strip() else "",
                f"Updated {fmt_date(info.modified)}" if info.modified else "",
            )
            if x
        )

        def sheets_at(width: float | None, fw: float, fh: float) -> DiagramSheets:
            o = options or LayoutOptions()
            if width is not None:
                o = replace(o, fit_width=width)
            g = layout(diagram, o, view)  # type: ignore[arg-type]
            pins = note_pins(diagram.items("annotations"), g.boxes) if "notes" in wanted else None
            painter = DiagramPainter(g, ts, labels if "measures" in wanted else None, MIN_FONT, pins)
            grow = MAX_TEXT / g.options.font_size if fit == "fit" else 1.0
            return DiagramSheets(g, painter, ts, title, sub, fw, fh, fit, MIN_FONT, grow)  # type: ignore[arg-type]

        # "auto": the orientation whose diagram needs fewer pages (then: prints larger)
        best: tuple[tuple[int, float], DiagramSheets, tuple[float, float]] | None = None
        for orient in orientations:
            size_o = page_size(page, orient)
            fw_o, fh_o = _frame(size_o)
            at = partial(sheets_at, fw=fw_o, fh=fh_o)
            candidate = at(None) if not _fits_width(options, view) else _fitted(at, fw_o, fit, diagram)
            rank = (len(candidate.plan.windows), -candidate.plan.scale)
            if best is None or rank < best[0]:
                best = (rank, candidate, size_o)
        assert best is not None
        _, sheets, size = best
        fw, fh = _frame(size)
        g = sheets.g
        hidden = [n for n in diagram.nodes() if n.id not in g.boxes]
        if hidden and view == "columns":
            warnings.append(
                f"{len(hidden)} node{'s are' if len(hidden) != 1 else ' is'} hidden by the view options "
                "and not drawn in the diagram."
            )
        boxes = list(g.boxes.values())
        for i in sheets.too_big:
            box = boxes[i]
            warnings.append(
                f"The text of {box.kind.label} “{diagram.node(box.id).text[:40]}…” is taller than a page; "
                "it is printed across pages."
            )
        shown = sheets.part_title if sheets.plan.tiled else sheets.full_title
        if " ".join(shown) != " ".join(title.split()):
            warnings.append(
                "The title is too long for the diagram page's header, which shows its beginning; "
                "the PDF's title (its metadata) holds all of it."
            )
        pages = sheets.flowables()
        for flowable in pages:
            story += [flowable, PageBreak()]
        diagram_pages, scale, laid_out = len(pages), sheets.plan.scale, g.options
    ctx = StoryContext(diagram, ts, fw, fh, today, contacts)

    def changes() -> list:
        if changes_since is None:
            return []
        meeting = diagram.item("meetings", changes_since)
        diffs, summary = differences_since(diagram, changes_since, today)
        if diffs is None:
            warnings.append(summary)
        return changes_story(meeting, diffs, summary, ts, fw, today)

    builders: dict[str, Callable[[], list]] = {
        "measures": lambda: measures_story(diagram, ts, fw) + charts_story(diagram, ts, fw, fh),
        "notes": lambda: notes_story(diagram, ts, fw),
        "meetings": lambda: meetings_story(diagram, ts, fw, today),
        "changes": changes,
    }
    text_parts = []
    for key in SECTION_KEYS:  # the order of sections.py
        if key in wanted and key not in ("diagram", "compact"):
            text_parts.append(builders[key]() if key in builders else _plugged(key, ctx))
    text_parts = [p for p in text_parts if p]
    for i, part in enumerate(text_parts):
        if i:
            story.append(Spacer(1, 16))
        story += part
    if text_parts:
        story.append(PageBreak())
    if "compact" in wanted and (compact_asked or has_content(diagram.compact)):
        story += compact_story(diagram, ts, fw, today)
    while story and isinstance(story[-1], PageBreak):
        story.pop()

    buffer = io.BytesIO()
    counter: list[int] = []
    printed = f"Printed {fmt_date(today)}"
    room = fw - ts.width(f"{printed}  ·  Page 999 of 999", FOOTER) - 24
    footer_left = wrap_words(ts, " — ".join(x for x in (title, mentee) if x), room, FOOTER, False, 1)[0]
    doc = BaseDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + FOOTER + 6,
        title=title,
        author=mentee,
        creator="DriverDiagram",
        subject=_subject(outcome, info.horizon, mentor),
        keywords=["driver diagram", "mentoring", "compact"],
        initialFontName=FONT,
        pageCompression=1,
    )
    doc.keepTogetherClass = KeepWithStart
    frame = Frame(
        MARGIN, MARGIN + FOOTER + 6, fw, fh, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="page"
    )

    def on_page(canv: Canvas, _doc: BaseDocTemplate) -> None:
        if canv.getPageNumber() == 1:
            canv.showOutline()
        canv.saveState()
        canv.setFillColor(MUTED)
        canv.setFont(FONT, FOOTER)
        ts.draw(canv, MARGIN, MARGIN, footer_left, FOOTER)
        canv.restoreState()

    doc.addPageTemplates([PageTemplate("page", [frame], onPage=on_page)])
    a85, rl_config.useA85 = rl_config.useA85, 0  # binary streams: a fifth smaller, and quicker to write
    try:
        doc.build(story, canvasmaker=_numbered_canvas(size[0] - MARGIN, MARGIN, printed, counter))
    finally:
        rl_config.useA85 = a85
    data = buffer.getvalue()

    warnings = ts.warnings() + warnings
    path: str | None = None
    if isinstance(target, (str, os.PathLike)):
        path = str(target)
        write_atomic(Path(target), data)
    else:
        target.write(data)
    return ExportResult(path, counter[-1] if counter else 0, warnings, size, scale, diagram_pages, laid_out)


def _subject(outcome: str, horizon: str, mentor: str) -> str:
    words = "Personal driver diagram and mentoring compact"
    if horizon.strip():
        words += f" ({horizon.strip()})"
    return words + (f": {outcome}" if outcome else "")


def _numbered_canvas(x: float, y: float, printed: str, counter: list[int]) -> type[Canvas]:
    """A canvas that holds its pages back until the end, to print "Page x of y" on each."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:  # as reportlab's Canvas
            super().__init__(*args, **kwargs)
            self._held: list[dict] = []

        def showPage(self) -> None:
            state = dict(self.__dict__)
            # the page's operators as one string, as reportlab joins them anyway: a thousand
            # pages of small strings in lists would be a lot of memory, and of garbage collection
            state["_code"] = ["\n".join(self._code)]
            self._held.append(state)
            # the page is added to the document only in `save`, but a bookmark on the next
            # page must name that page: count it now (reportlab names pages "Page<n>" by this
            # counter when they are added; else every bookmark would open page 1)
            self._doc.pageCounter += 1
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            counter.append(total)
            self._doc.pageCounter = 1  # the held pages are added now, in order: Page1, Page2, …
            for state in self._held:
                self.__dict__.update(state)
                self.setFont(FONT, FOOTER)
                self.setFillColor(MUTED)
                self.drawRightString(x, y, f"{printed}  ·  Page {self._pageNumber} of {total}")
                super().showPage()
            super().save()

    return NumberedCanvas


def _plugged(key: str, ctx: StoryContext) -> list:
    """The story of a section that lives in its own module, `export/pdf_<key>.py`."""
    module = importlib.import_module(f".pdf_{key}", __package__)
    return list(module.story(ctx))

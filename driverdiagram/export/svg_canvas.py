"""A stand-in for reportlab's Canvas that writes SVG: the calls the diagram painter makes
(state, transforms, colours, pens, rectangles, paths, clips, text), each as SVG.

Coordinates stay reportlab's (y up): one flip in the outermost group turns the page over,
and every text is turned back upright where it is drawn. Text is real text in the fonts the
PDF uses (by family name), each run given the width reportlab measured (`textLength`), so
it fills the same room in any viewer even where DejaVu Sans is not installed.

The text is the user's, in the order it is written: `SvgTypesetter` hands each line over
whole, not as the PDF's glyph runs (right-to-left text in visual order, Arabic joined,
Indic scripts shaped into glyph ids), which an SVG viewer would reverse or could not show;
the viewer does the bidi and the shaping, as it does for any text, and a right-to-left line
says so (`direction="rtl"`) and is centred on the room the PDF gives it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.pdfgeom import bezierArc

from .pdf_fonts import FONT, FONT_BOLD, Typesetter, is_rtl, shape, visual

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.pdfgen.textobject import PDFTextObject

_CAPS = {0: "butt", 1: "round", 2: "square"}
# what XML 1.0 cannot hold (controls, lone surrogates, U+FFFE/FFFF) is left out; tab, CR, LF become spaces
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPACES = str.maketrans("\t\n\r", "   ")


def xml_text(text: str) -> str:
    """`text` escaped for an XML element, without the characters XML cannot hold."""
    return escape(_NOT_XML.sub("", text).translate(_SPACES))


def _n(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".") if v != int(v) else str(int(v))


def _hex(c: Color) -> str:
    return "#" + c.hexval()[2:].lower().rjust(6, "0")


def _family(font: str) -> tuple[str, str]:
    """(font-family, font-weight) for a reportlab font name ("DejaVuSans-Bold")."""
    bold = "bold" in font.lower()
    base = font.replace("-Bold", "").replace("Bold", "")
    spaced = "DejaVu Sans" if base.startswith("DejaVuSans") else base
    return f"'{spaced}', 'DejaVu Sans', sans-serif", "bold" if bold else "normal"


class SvgPath:
    """reportlab's path object: moveTo, lineTo, curveTo, arcTo, rect, close."""

    def __init__(self) -> None:
        self.d: list[str] = []

    def moveTo(self, x: float, y: float) -> None:  # noqa: N802 (reportlab's names)
        self.d.append(f"M{_n(x)} {_n(y)}")

    def lineTo(self, x: float, y: float) -> None:  # noqa: N802
        self.d.append(f"L{_n(x)} {_n(y)}")

    def curveTo(self, x1: float, y1: float, x2: float, y2: float, x3: float, y3: float) -> None:  # noqa: N802
        self.d.append(f"C{_n(x1)} {_n(y1)} {_n(x2)} {_n(y2)} {_n(x3)} {_n(y3)}")

    def arcTo(  # noqa: N802
        self,
        x1: float,
        y1: float,
        x2: float,
        y2: float,
        startAng: float = 0,
        extent: float = 90,  # noqa: N803
    ) -> None:
        curves = bezierArc(x1, y1, x2, y2, startAng, extent)
        if not curves:
            return
        first = curves[0]
        self.d.append(f"{'L' if self.d else 'M'}{_n(first[0])} {_n(first[1])}")
        for c in curves:
            self.curveTo(*c[2:])

    def rect(self, x: float, y: float, w: float, h: float) -> None:
        self.d.append(f"M{_n(x)} {_n(y)}h{_n(w)}v{_n(h)}h{_n(-w)}Z")

    def close(self) -> None:
        self.d.append("Z")


@dataclass
class _Run:
    x: float
    y: float
    font: str
    size: float
    text: str
    squeeze: float = 1.0
    width: float | None = None  # the room it takes (None: measured as one run of `font`)
    rtl: bool = False  # a right-to-left line: drawn centred on its room, the viewer ordering it


@dataclass
class SvgText:
    """reportlab's text object: setTextOrigin, setFont, setHorizScale, textOut."""

    runs: list[_Run] = field(default_factory=list)
    x: float = 0.0
    y: float = 0.0
    font: str = "DejaVuSans"
    size: float = 10.0
    squeeze: float = 1.0

    def setTextOrigin(self, x: float, y: float) -> None:  # noqa: N802
        self.x, self.y = x, y

    def setFont(self, font: str, size: float, leading: float | None = None) -> None:  # noqa: N802
        self.font, self.size = font, size

    def setHorizScale(self, percent: float) -> None:  # noqa: N802
        self.squeeze = percent / 100

    def textOut(self, text: str) -> None:  # noqa: N802
        self.runs.append(_Run(self.x, self.y, self.font, self.size, text, self.squeeze))
        self.x += pdfmetrics.stringWidth(text, self.font, self.size) * self.squeeze


class SvgCanvas:
    """Collects SVG for a page of `width` × `height` points."""

    def __init__(self, width: float, height: float, title: str = "") -> None:
        self.width, self.height = width, height
        self.title = title
        self.out: list[str] = []
        self.depth: list[int] = [0]  # groups opened since each saveState
        self.fill_colour, self.stroke_colour = "#000000", "#000000"
        self.line_width, self.dash, self.cap = 1.0, "", "butt"
        self.font, self.size = "DejaVuSans", 10.0
        self._state: list[tuple[Any, ...]] = []
        self._clips = 0

    # ------------------------------------------------------------- state
    def saveState(self) -> None:  # noqa: N802
        self._state.append((self.fill_colour, self.stroke_colour, self.line_width, self.dash, self.cap, self.font))
        self.depth.append(0)

    def restoreState(self) -> None:  # noqa: N802
        self.out.extend(["</g>"] * self.depth.pop())
        if self._state:
            self.fill_colour, self.stroke_colour, self.line_width, self.dash, self.cap, self.font = self._state.pop()

    def _group(self, attrs: str) -> None:
        self.out.append(f"<g {attrs}>")
        self.depth[-1] += 1

    def translate(self, dx: float, dy: float) -> None:
        self._group(f'transform="translate({_n(dx)} {_n(dy)})"')

    def scale(self, sx: float, sy: float) -> None:
        self._group(f'transform="scale({_n(sx)} {_n(sy)})"')

    def setFillColor(self, c: Color) -> None:  # noqa: N802
        self.fill_colour = _hex(c)

    def setStrokeColor(self, c: Color) -> None:  # noqa: N802
        self.stroke_colour = _hex(c)

    def setLineWidth(self, w: float) -> None:  # noqa: N802
        self.line_width = w

    def setDash(self, array: Sequence[float] | float = (), phase: float = 0) -> None:  # noqa: N802
        values = [array] if isinstance(array, (int, float)) else list(array)
        self.dash = " ".join(_n(v) for v in values)

    def setLineCap(self, cap: int) -> None:  # noqa: N802
        self.cap = _CAPS.get(cap, "butt")

    # ------------------------------------------------------------- shapes
    def _paint(self, stroke: int | bool, fill: int | bool) -> str:
        parts = [f'fill="{self.fill_colour}"' if fill else 'fill="none"']
        if stroke:
            parts.append(f'stroke="{self.stroke_colour}" stroke-width="{_n(self.line_width)}"')
            if self.dash:
                parts.append(f'stroke-dasharray="{self.dash}"')
            if self.cap != "butt":
                parts.append(f'stroke-linecap="{self.cap}"')
        return " ".join(parts)

    def rect(self, x: float, y: float, w: float, h: float, stroke: int = 1, fill: int = 0) -> None:
        self.out.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" {self._paint(stroke, fill)}/>')

    def roundRect(  # noqa: N802
        self, x: float, y: float, w: float, h: float, radius: float, stroke: int = 1, fill: int = 0
    ) -> None:
        r = _n(min(radius, w / 2, h / 2))
        self.out.append(
            f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="{r}" ry="{r}" '
            f"{self._paint(stroke, fill)}/>"
        )

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.out.append(f'<path d="M{_n(x1)} {_n(y1)}L{_n(x2)} {_n(y2)}" {self._paint(1, 0)}/>')

    def beginPath(self) -> SvgPath:  # noqa: N802
        return SvgPath()

    def drawPath(self, path: SvgPath, stroke: int = 1, fill: int = 0, fillMode: Any = None) -> None:  # noqa: N802,N803
        if path.d:
            self.out.append(f'<path d="{"".join(path.d)}" {self._paint(stroke, fill)}/>')

    def clipPath(self, path: SvgPath, stroke: int = 0, fill: int = 0, fillMode: Any = None) -> None:  # noqa: N802,N803
        self._clips += 1
        name = f"clip{self._clips}"
        self.out.append(f'<clipPath id="{name}"><path d="{"".join(path.d)}"/></clipPath>')
        self._group(f'clip-path="url(#{name})"')

    # ------------------------------------------------------------- text
    def setFont(self, font: str, size: float, leading: float | None = None) -> None:  # noqa: N802
        self.font, self.size = font, size

    def drawString(self, x: float, y: float, text: str) -> None:  # noqa: N802
        self._text(_Run(x, y, self.font, self.size, text))

    def beginText(self, x: float = 0, y: float = 0) -> SvgText:  # noqa: N802
        return SvgText(x=x, y=y, font=self.font, size=self.size)

    def drawText(self, t: SvgText) -> None:  # noqa: N802
        for run in t.runs:
            self._text(run)

    def draw_line(self, run: _Run) -> None:
        """A whole line of the user's text (from `SvgTypesetter`), in the fill colour."""
        self._text(run)

    def _text(self, run: _Run) -> None:
        text = xml_text(run.text)
        if not text.strip():
            return
        family, weight = _family(run.font)
        width = run.width if run.width is not None else pdfmetrics.stringWidth(run.text, run.font, run.size)
        width *= run.squeeze
        x, rtl = run.x, ""
        if run.rtl:
            x, rtl = run.x + width / 2, ' direction="rtl" text-anchor="middle"'
        self.out.append(
            f'<text transform="translate({_n(x)} {_n(run.y)}) scale(1 -1)" font-family={quoteattr(family)} '
            f'font-size="{_n(run.size)}" font-weight="{weight}" fill="{self.fill_colour}"{rtl} '
            f'textLength="{_n(width)}" lengthAdjust="spacingAndGlyphs" xml:space="preserve">{text}</text>'
        )

    # ------------------------------------------------------------- forms (not needed for one page)
    def hasForm(self, name: str) -> bool:  # noqa: N802
        return False

    # ------------------------------------------------------------- the document
    def svg(self) -> bytes:
        w, h = _n(self.width), _n(self.height)
        closing = "</g>" * sum(self.depth)
        head = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}pt" height="{h}pt" viewBox="0 0 {w} {h}">\n'
            f"<title>{xml_text(self.title)}</title>\n"
            f'<rect width="{w}" height="{h}" fill="#ffffff"/>\n'
            f'<g transform="matrix(1 0 0 -1 0 {h})">\n'
        )
        return (head + "\n".join(self.out) + closing + "\n</g>\n</svg>\n").encode("utf-8")


class SvgTypesetter(Typesetter):
    """The PDF's typesetter, measuring as it does, that hands an `SvgCanvas` each line whole:
    the user's text in its logical order, with the width the PDF's glyphs take."""

    def _room(self, text: str, size: float, bold: bool) -> float:
        return sum(shape(piece, font, size)[1] for font, piece in self.runs(visual(text), bold))

    def draw(self, canv: Canvas, x: float, y: float, text: str, size: float, bold: bool = False) -> float:
        width = self._room(text, size, bold)
        line = _Run(x, y, FONT_BOLD if bold else FONT, size, text, 1.0, width, is_rtl(text))
        canv.draw_line(line)  # an SvgCanvas
        return x + width

    def text(
        self, t: PDFTextObject, x: float, y: float, text: str, size: float, bold: bool = False, squeeze: float = 1.0
    ) -> None:
        width = self._room(text, size, bold)
        line = _Run(x, y, FONT_BOLD if bold else FONT, size, text, squeeze, width, is_rtl(text))
        t.runs.append(line)  # an SvgText

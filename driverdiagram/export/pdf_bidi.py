"""Right-to-left text (Hebrew, Arabic) in the PDF's paragraphs and table cells.

reportlab wraps a paragraph in the order its text is written (logical order) and prints each
line left to right. That is right for the lines, and wrong inside a line of Hebrew or Arabic,
which reads from the right. `Paragraph` here lets reportlab break the lines as usual, then
draws each line in its visual order: the pieces of a line (words, or runs of one style)
in right-to-left runs reversed, each piece's letters in visual order and Arabic joined
(`pdf_fonts.visual`: the Unicode bidi algorithm of python-bidi, and arabic-reshaper). A
paragraph whose first strong letter is right-to-left reads right to left as a whole and is
aligned right. Paragraphs with no right-to-left letter are left exactly as reportlab has them.

(reportlab's own bidi support needs `rlbidi`, which is not published for this platform.)
"""

from __future__ import annotations

import re
from copy import copy
from typing import Any

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus.paragraph import ParaLines

from ..layout.text import direction
from .pdf_fonts import has_rtl, visual

_TAG = re.compile(r"<[^>]*>")
_RIGHT: dict[int, ParagraphStyle] = {}


def _right(style: ParagraphStyle) -> ParagraphStyle:
    hit = _RIGHT.get(id(style))
    if hit is None:
        hit = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)
        _RIGHT[id(style)] = hit
    return hit


class Paragraph(_Paragraph):
    """reportlab's Paragraph, drawing right-to-left lines in their visual order."""

    def __init__(self, text: str | None, style: Any = None, *args: Any, **kw: Any) -> None:
        raw = text if text is not None else "".join(getattr(f, "text", "") for f in kw.get("frags") or ())
        self._bidi = has_rtl(raw)  # (markup is ASCII: no right-to-left letter is in a tag)
        self._rtl = self._bidi and direction(_TAG.sub("", raw)) == "R"
        if self._rtl and style is not None and style.alignment == TA_LEFT:
            style = _right(style)
        super().__init__(text, style, *args, **kw)

    def drawPara(self, debug: int = 0) -> Any:  # noqa: N802 (reportlab's name)
        if not self._bidi:
            return super().drawPara(debug)
        logical = getattr(self, "blPara")  # noqa: B009 (reportlab sets it in wrap; mypy cannot type it)
        setattr(self, "blPara", _visual(logical, self._rtl))  # noqa: B010
        try:
            return super().drawPara(debug)
        finally:
            setattr(self, "blPara", logical)  # noqa: B010


def _visual(para: Any, rtl: bool) -> Any:
    """A copy of reportlab's broken lines with every line in visual order."""
    if para.kind == 0:  # one style: lines of (extra space, words)
        lines = [(extra, _order(list(words), rtl, str, lambda w, t: t)) for extra, words in para.lines]
    else:  # runs of styles (frags), and callbacks that are not text
        lines = []
        for line in para.lines:
            line = copy(line)
            line.words = _order(list(line.words), rtl, lambda f: getattr(f, "text", ""), _with_text)
            lines.append(line)
    out = ParaLines(kind=para.kind, lines=lines)
    for k, v in para.__dict__.items():
        if k not in ("kind", "lines"):
            setattr(out, k, v)
    return out


def _with_text(frag: Any, text: str) -> Any:
    if hasattr(frag, "cbDefn") or not hasattr(frag, "clone"):
        return frag
    return frag.clone(text=text)


def _order(pieces: list[Any], rtl: bool, text_of: Any, make: Any) -> list[Any]:
    """The pieces of one line in visual order: each piece's own text in visual order, runs of
    right-to-left pieces reversed; in a right-to-left line the whole line reversed with its
    left-to-right runs kept in reading order. A piece with no strong letter joins the run
    around it."""
    kinds = [direction(text_of(p)) for p in pieces]
    base = "R" if rtl else "L"
    out = [
        make(p, visual(text_of(p), base)) if has_rtl(text_of(p)) or (rtl and k is None) else p
        for p, k in zip(pieces, kinds, strict=True)
    ]
    flip = "L" if rtl else "R"  # the runs that read against the line's direction
    if rtl:
        out.reverse()
        kinds.reverse()
    i = 0
    while i < len(out):
        if kinds[i] != flip:
            i += 1
            continue
        j = i
        while j + 1 < len(out) and kinds[j + 1] in (flip, None):
            j += 1
        while j > i and kinds[j] is None:  # neutrals at the end stay with the line
            j -= 1
        out[i : j + 1] = out[i : j + 1][::-1]
        i = j + 1
    return out

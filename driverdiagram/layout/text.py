"""Breaking a node's text into the lines both renderers draw.

Greedy by words, as a reader expects; a word too long for the box breaks between
characters; the user's own line breaks are kept. Every line fits the width by the
bundled font's own metrics, so nothing is ever clipped.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .fonts import FontMetrics, metrics

_SPACE = re.compile(r"[ \t]+")
RTL_CLASSES = ("R", "AL")  # the bidi classes of right-to-left letters (Hebrew; Arabic, Syriac, …)
# the blocks every right-to-left letter is in (Hebrew to Arabic Extended, their presentation
# forms, and the historic scripts beyond the BMP): a quick test before the exact one
_RTL_BLOCKS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]")


def has_rtl(text: str) -> bool:
    """Whether `text` has a right-to-left letter anywhere."""
    return _RTL_BLOCKS.search(text) is not None and any(unicodedata.bidirectional(c) in RTL_CLASSES for c in text)


def direction(text: str) -> str | None:
    """ "R" or "L" for the direction of the first letter that has one of its own, None if
    no letter has (digits and punctuation only)."""
    for ch in text:
        b = unicodedata.bidirectional(ch)
        if b in RTL_CLASSES:
            return "R"
        if b == "L":
            return "L"
    return None


def is_rtl(line: str) -> bool:
    """Whether a line reads right to left: its first strong letter does. Both renderers
    start such a line at the right of its box."""
    return _RTL_BLOCKS.search(line) is not None and direction(line) == "R"


@lru_cache(maxsize=65536)
def wrap(text: str, width: float, size: float, font: str = "DejaVuSans.ttf") -> tuple[tuple[str, ...], float]:
    """The lines of `text` at `size` pt within `width` pt, and the widest line's width."""
    m = metrics(font)
    lines: list[str] = []
    for para in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        lines.extend(_wrap_paragraph(para.strip(), width, size, m))
    if not lines:
        lines = [""]
    widest = max(m.width(line, size) for line in lines)
    return tuple(lines), widest


def _wrap_paragraph(para: str, width: float, size: float, m: FontMetrics) -> list[str]:
    if not para:
        return [""]
    space = m.char_width(" ", size)
    out: list[str] = []
    line, line_w = "", 0.0
    for word in _SPACE.split(para):
        w = m.width(word, size)
        if line and line_w + space + w <= width:
            line, line_w = f"{line} {word}", line_w + space + w
            continue
        if line:
            out.append(line)
        if w <= width:
            line, line_w = word, w
            continue
        pieces = _break_word(word, width, size, m)
        out.extend(pieces[:-1])
        line, line_w = pieces[-1], m.width(pieces[-1], size)
    out.append(line)
    return out


def _break_word(word: str, width: float, size: float, m: FontMetrics) -> list[str]:
    """Split one long word (a URL, a compound) into pieces that each fit `width`."""
    pieces, piece, piece_w = [], "", 0.0
    for ch in word:
        cw = m.char_width(ch, size)
        if piece and piece_w + cw > width:
            pieces.append(piece)
            piece, piece_w = "", 0.0
        piece, piece_w = piece + ch, piece_w + cw
    pieces.append(piece)
    return pieces

"""Advance widths of the bundled font, read straight from its TrueType tables.

The layout measures every line of text once, with these numbers, and both the canvas and
the PDF paint the lines it chose. We read only `head`, `hhea`, `hmtx` and `cmap` (a few
dozen lines) rather than import reportlab's or fontTools' parsers, so the first paint of
the window does not pay for a PDF library; a test checks that reportlab, which embeds
the same file in PDFs, and Qt agree with these widths.
"""

from __future__ import annotations

import struct
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"
FAMILY = "DejaVu Sans"


def font_path(name: str = REGULAR) -> Path:
    """The path of a bundled font file (for Qt and reportlab to register)."""
    return Path(str(files("driverdiagram.resources") / "fonts" / name))


@dataclass(frozen=True)
class FontMetrics:
    """Horizontal metrics of one font, in font units (`units_per_em` to the em)."""

    name: str
    units_per_em: int
    ascent: int
    descent: int  # positive, below the baseline
    advances: dict[int, int]  # code point -> advance width
    missing_advance: int  # width of the .notdef glyph drawn for a character the font lacks

    def has(self, ch: str) -> bool:
        return ord(ch) in self.advances

    def width(self, text: str, size: float) -> float:
        """Width of `text` at `size` points, with no kerning (as both renderers are set up).
        A character the font lacks is printed in another font (or as a box): one em when it
        is a wide East Asian one (Chinese, Japanese, Korean), as in every font that has them,
        nothing for a mark that sits on the letter before it, else the width of this font's
        missing-glyph box."""
        adv = self.advances
        total = 0
        for c in text:
            a = adv.get(ord(c))
            total += a if a is not None else self._missing(c)
        return total * size / self.units_per_em

    def char_width(self, ch: str, size: float) -> float:
        a = self.advances.get(ord(ch))
        return (a if a is not None else self._missing(ch)) * size / self.units_per_em

    def _missing(self, ch: str) -> int:
        if unicodedata.east_asian_width(ch) in "WF":
            return self.units_per_em
        if unicodedata.category(ch) in ("Mn", "Me"):
            return 0  # a vowel sign or tone mark sits on the letter before it (Thai, Devanagari)
        return self.missing_advance


@cache
def metrics(name: str = REGULAR) -> FontMetrics:
    """The metrics of a bundled font, read once per process."""
    return read_metrics(font_path(name).read_bytes(), name)


def read_metrics(data: bytes, name: str = "font") -> FontMetrics:
    tables = _tables(data)
    units_per_em = struct.unpack_from(">H", data, tables["head"] + 18)[0]
    hhea = tables["hhea"]
    ascent, descent = struct.unpack_from(">hh", data, hhea + 4)
    n_hmetrics = struct.unpack_from(">H", data, hhea + 34)[0]
    hmtx = tables["hmtx"]
    widths = [struct.unpack_from(">H", data, hmtx + 4 * i)[0] for i in range(n_hmetrics)]
    last = widths[-1]
    glyphs = _cmap(data, tables["cmap"])
    advances = {cp: (widths[g] if g < n_hmetrics else last) for cp, g in glyphs.items() if g}
    return FontMetrics(name, units_per_em, ascent, -descent, advances, widths[0])


def _tables(data: bytes) -> dict[str, int]:
    count = struct.unpack_from(">H", data, 4)[0]
    out = {}
    for i in range(count):
        tag, _checksum, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        out[tag.decode("latin-1")] = offset
    return out


def _cmap(data: bytes, cmap: int) -> dict[int, int]:
    """Code point → glyph index from the best Unicode subtable (format 12, else format 4)."""
    n = struct.unpack_from(">H", data, cmap + 2)[0]
    subtables = {}
    for i in range(n):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        fmt = struct.unpack_from(">H", data, cmap + offset)[0]
        subtables[(platform, encoding, fmt)] = cmap + offset
    for key in ((3, 10, 12), (0, 4, 12), (0, 6, 12)):
        if key in subtables:
            return _format12(data, subtables[key])
    for key in ((3, 1, 4), (0, 3, 4), (0, 1, 4)):
        if key in subtables:
            return _format4(data, subtables[key])
    raise ValueError("the font has no Unicode character map")


def _format4(data: bytes, at: int) -> dict[int, int]:
    seg_x2 = struct.unpack_from(">H", data, at + 6)[0]
    segs = seg_x2 // 2
    ends = struct.unpack_from(f">{segs}H", data, at + 14)
    starts = struct.unpack_from(f">{segs}H", data, at + 16 + seg_x2)
    deltas = struct.unpack_from(f">{segs}h", data, at + 16 + 2 * seg_x2)
    range_at = at + 16 + 3 * seg_x2
    ranges = struct.unpack_from(f">{segs}H", data, range_at)
    out = {}
    for i in range(segs):
        for cp in range(starts[i], ends[i] + 1):
            if cp == 0xFFFF:
                continue
            if ranges[i] == 0:
                glyph = (cp + deltas[i]) & 0xFFFF
            else:
                where = range_at + 2 * i + ranges[i] + 2 * (cp - starts[i])
                glyph = struct.unpack_from(">H", data, where)[0]
                glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
            out[cp] = glyph
    return out


def _format12(data: bytes, at: int) -> dict[int, int]:
    groups = struct.unpack_from(">I", data, at + 12)[0]
    out = {}
    for i in range(groups):
        start, end, glyph = struct.unpack_from(">III", data, at + 16 + 12 * i)
        for cp in range(start, end + 1):
            out[cp] = glyph + cp - start
    return out

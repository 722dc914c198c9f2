"""Fonts for the PDF: the bundled DejaVu Sans, embedded, and a fallback for what it lacks.

The layout measured every line with DejaVu Sans, so the PDF paints with the same file.
For characters DejaVu lacks (CJK, emoji, …) a system font with TrueType outlines that has
them is used when one is installed; otherwise a visible "□" stands in and a warning says
which characters. User text is always text, never markup: `Typesetter.markup` escapes it.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..layout.fonts import BOLD, REGULAR, FontMetrics, font_path, metrics, read_metrics
from ..layout.text import has_rtl, is_rtl  # noqa: F401 (is_rtl: the PDF modules and tests take it from here)

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.pdfgen.textobject import PDFTextObject

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
REPLACEMENT = "\u25a1"  # □, in DejaVu Sans

# Fonts with TrueType outlines (reportlab embeds only those) that cover what DejaVu lacks,
# best first. CFF-based fonts (most Noto CJK .otf/.ttc) and colour-bitmap emoji fonts
# cannot be embedded by reportlab and are skipped when found.
FALLBACK_FILES = (
    "DroidSansFallbackFull.ttf",
    "DroidSansFallback.ttf",
    "NotoSansCJKsc-Regular.ttf",
    "NotoSansSC-Regular.ttf",
    "NotoSansJP-Regular.ttf",
    "NotoSansKR-Regular.ttf",
    "wqy-microhei.ttf",
    "Arial Unicode.ttf",
    "ARIALUNI.TTF",
    "msyh.ttf",
    "malgun.ttf",
    "NotoEmoji-Regular.ttf",
    "Symbola.ttf",
    "seguisym.ttf",
    "seguiemj.ttf",
    "NotoSansSymbols2-Regular.ttf",
    "NotoSansSymbols-Regular.ttf",
    "unifont.ttf",
)


def font_dirs() -> list[Path]:
    """Where fonts live on Linux, macOS and Windows."""
    home = Path.home()
    dirs = [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".fonts",
        home / ".local/share/fonts",
        Path("/System/Library/Fonts"),
        Path("/Library/Fonts"),
        home / "Library/Fonts",
    ]
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        dirs[:0] = [windir / "Fonts", Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft/Windows/Fonts"]
    return dirs


@cache
def register() -> None:
    """Register the bundled fonts with reportlab (once per process)."""
    _fix_astral_to_unicode()
    pdfmetrics.registerFont(TTFont(FONT, str(font_path(REGULAR))))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(font_path(BOLD))))
    # No italic is bundled: <i> in our own markup falls back to the upright faces.
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def _fix_astral_to_unicode() -> None:
    """reportlab writes a character beyond U+FFFF (an emoji, a rare CJK ideograph) into the
    ToUnicode map as five hex digits, which readers reject, so copying it from the PDF
    fails. The PDF spec wants UTF-16 there: a surrogate pair. Wrap reportlab's function."""
    from reportlab.pdfbase import ttfonts

    original = getattr(ttfonts, "makeToUnicodeCMap", None)
    if original is None or getattr(original, "_driverdiagram", False):
        return

    def make(fontname: str, subset: list[int]) -> str:
        text = original(fontname, subset)
        for i, cp in enumerate(subset):
            if cp > 0xFFFF:
                utf16 = chr(cp).encode("utf-16-be").hex().upper()
                text = text.replace(f"<{i:02X}> <{cp:04X}>", f"<{i:02X}> <{utf16}>")
        return text

    make._driverdiagram = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = make


@cache
def fallback_fonts(dirs: tuple[Path, ...] | None = None) -> tuple[tuple[str, FontMetrics], ...]:
    """Installed fallback fonts reportlab can embed, as (registered name, metrics), best first."""
    wanted = {name.lower(): i for i, name in enumerate(FALLBACK_FILES)}
    found: dict[int, Path] = {}
    for folder in dirs if dirs is not None else font_dirs():
        if not folder.is_dir():
            continue
        for root, _subdirs, names in os.walk(folder):
            for name in names:
                rank = wanted.get(name.lower())
                if rank is not None and rank not in found:
                    found[rank] = Path(root) / name
    out = []
    for rank in sorted(found):
        loaded = _load(found[rank])
        if loaded is not None:
            out.append(loaded)
    return tuple(out)


def _load(path: Path) -> tuple[str, FontMetrics] | None:
    try:
        data = path.read_bytes()
        if data[:4] not in (b"\x00\x01\x00\x00", b"true") or not _has_table(data, b"glyf"):
            return None  # CFF outlines or bitmaps only: reportlab cannot embed it
        fm = read_metrics(data, path.name)
        name = "Fallback-" + path.stem.replace(" ", "")
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(path)))
        return name, fm
    except Exception:  # noqa: BLE001 (any unreadable or unusual font file is simply not used)
        return None


def _has_table(data: bytes, tag: bytes) -> bool:
    count = struct.unpack_from(">H", data, 4)[0]
    return any(data[12 + 16 * i : 16 + 16 * i] == tag for i in range(count))


def _invisible(ch: str) -> bool:
    """Format controls and variation selectors: they change how text looks, they are not text."""
    return unicodedata.category(ch) == "Cf" or "\ufe00" <= ch <= "\ufe0f" or "\U000e0100" <= ch <= "\U000e01ef"


@lru_cache(maxsize=8192)
def visual(line: str, base: str | None = None) -> str:
    """One line in the order its glyphs are drawn left to right: the Unicode bidi algorithm
    (python-bidi) for any line with right-to-left letters, and Arabic letters joined into
    their contextual forms first (`joined`). A line without right-to-left letters is
    returned as it is, unless it is part of a right-to-left line: `base` ("L" or "R") is the
    direction of the line this text is part of (a full stop after a number goes to its left
    in a Hebrew sentence); by default its own first strong letter's."""
    if base != "R" and not has_rtl(line):
        return line
    from bidi import get_display

    return str(get_display(joined(line), base_dir=base))


_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


@lru_cache(maxsize=8192)
def joined(text: str) -> str:
    """`text` with its Arabic letters in their contextual (joined) forms, still in logical
    order (arabic-reshaper; DejaVu Sans has the presentation forms): what is measured and
    wrapped is then what is drawn. Text without Arabic is returned as it is."""
    if not _ARABIC.search(text):
        return text
    import arabic_reshaper

    return str(arabic_reshaper.reshape(text))


_BLOCKS: dict[int, tuple[Path, ...]] = {}


def _fontconfig_block(ch: str) -> tuple[Path, ...]:
    """The installed font files fontconfig says have `ch` (`fc-list :charset=…`), or () without
    fontconfig; asked once per 128-character block of Unicode, for its first character met
    (not the block's first code point: that may be no letter at all, like U+0E00 in Thai)."""
    block = ord(ch) >> 7
    hit = _BLOCKS.get(block)
    if hit is None:
        hit = _BLOCKS[block] = _fc_list(ord(ch))
    return hit


def _fc_list(code: int) -> tuple[Path, ...]:
    exe = shutil.which("fc-list")
    if exe is None:
        return ()
    try:
        done = subprocess.run(
            [exe, f":charset={code:04X}", "file"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ()
    files = [Path(line.split(":")[0].strip()) for line in done.stdout.splitlines() if line.strip()]
    return tuple(sorted({f for f in files if f.suffix.lower() == ".ttf"}, key=lambda f: (_styled(f), str(f))))


def _styled(path: Path) -> bool:
    """Whether a font file is a bold, italic or other variant (the plain one is used first)."""
    stem = path.stem.lower()
    return any(w in stem for w in ("bold", "italic", "oblique", "light", "thin", "black", "condensed"))


_SYSTEM: dict[Path, tuple[str, FontMetrics] | None] = {}


def system_font_for(ch: str) -> tuple[str, FontMetrics] | None:
    """An installed font reportlab can embed that has `ch`, found with fontconfig (any
    script: the list of `FALLBACK_FILES` names the usual ones only); None if there is none."""
    for path in _fontconfig_block(ch):
        if path not in _SYSTEM:
            _SYSTEM[path] = _load(path)
        loaded = _SYSTEM[path]
        if loaded is not None and loaded[1].has(ch):
            return loaded
    return None


# What to install for the characters no installed font has, by the first word of their
# Unicode names (a script): what the script is called, and a font with its Debian/Ubuntu package
ADVICE = {
    "HANGUL": ("Korean", "NanumGothic (fonts-nanum)"),
    "THAI": ("Thai", "Loma or Garuda (fonts-thai-tlwg)"),
    "DEVANAGARI": ("Devanagari", "Lohit Devanagari (fonts-lohit-deva)"),
    "CJK": ("Chinese and Japanese", "WenQuanYi Micro Hei (fonts-wqy-microhei)"),
    "HIRAGANA": ("Japanese", "WenQuanYi Micro Hei (fonts-wqy-microhei)"),
    "KATAKANA": ("Japanese", "WenQuanYi Micro Hei (fonts-wqy-microhei)"),
}
OTHER_ADVICE = ("symbols and emoji", "Symbola (fonts-symbola)")


# Scripts whose letters change shape, join into conjuncts or reorder by context (Indic and
# South-East Asian): printed glyph by glyph they come out wrong, so they go through HarfBuzz.
SHAPED_SCRIPTS = (
    (0x0900, 0x0DFF),  # Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam, Sinhala
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x0F00, 0x109F),  # Tibetan, Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0xA8E0, 0xA8FF),  # Devanagari Extended
)


_SHAPED = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in SHAPED_SCRIPTS) + "]")


def needs_shaping(text: str) -> bool:
    return _SHAPED.search(text) is not None


def shape(piece: str, font: str, size: float) -> tuple[str, float]:
    """`piece` as reportlab draws it in `font`, and its width: shaped by HarfBuzz (uharfbuzz,
    through reportlab) when its script needs it and the font allows, else as it is. A shaped
    string prints its glyphs; its conjuncts are not all plain letters in the text layer."""
    if needs_shaping(piece):
        from reportlab.pdfbase import ttfonts

        f = pdfmetrics.getFont(font)
        if ttfonts.uharfbuzz is not None and getattr(f, "shapable", False):
            shaped = ttfonts.shapeStr(piece, font, size)
            data = getattr(shaped, "__shapeData__", None)
            if data:
                return shaped, sum(float(g.x_advance) for g in data) * size / 1000
    return piece, pdfmetrics.stringWidth(piece, font, size)


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ")[0] if name else "UNKNOWN"


class Typesetter:
    """Splits user text into runs of one font each, and remembers what it could not print."""

    def __init__(self, fallbacks: tuple[tuple[str, FontMetrics], ...] | None = None) -> None:
        register()
        self._regular = metrics(REGULAR).advances
        self._bold = metrics(BOLD).advances
        self._fallbacks = fallbacks
        self._system = fallbacks is None  # also ask fontconfig (not when the fallbacks are given)
        self.missing: Counter[str] = Counter()
        self.substituted: set[str] = set()
        self._cache: dict[tuple[str, bool], tuple[tuple[str, str], ...]] = {}

    def runs(self, text: str, bold: bool = False) -> tuple[tuple[str, str], ...]:
        """(font name, text) pieces that together print `text` on one line."""
        key = (text, bold)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        main = FONT_BOLD if bold else FONT
        have = self._bold if bold else self._regular
        if all(ord(c) in have for c in text):
            out: tuple[tuple[str, str], ...] = ((main, text),)
        else:
            pieces: list[tuple[str, str]] = []
            for ch in text:
                font, ch = self._font_for(ch, have, main)
                if not ch:
                    continue
                if pieces and pieces[-1][0] == font:
                    pieces[-1] = (font, pieces[-1][1] + ch)
                else:
                    pieces.append((font, ch))
            out = tuple(pieces)
        self._cache[key] = out
        return out

    def _font_for(self, ch: str, have: dict[int, int], main: str) -> tuple[str, str]:
        if ch in "\t\n\r":
            return main, " "
        if ord(ch) in have:
            return main, ch
        if main == FONT_BOLD and ord(ch) in self._regular:
            return FONT, ch
        if not "\ud800" <= ch <= "\udfff":  # a lone surrogate cannot be written at all
            for name, fm in self._fallback_list():
                if fm.has(ch):
                    self.substituted.add(ch)
                    return name, ch
            found = system_font_for(ch) if self._system else None
            if found is not None:
                self.substituted.add(ch)
                return found[0], ch
            if _invisible(ch):
                return main, ""
        self.missing[ch] += 1
        return main, REPLACEMENT

    def _fallback_list(self) -> tuple[tuple[str, FontMetrics], ...]:
        if self._fallbacks is None:
            self._fallbacks = fallback_fonts()
        return self._fallbacks

    def width(self, text: str, size: float, bold: bool = False) -> float:
        return sum(pdfmetrics.stringWidth(t, f, size) for f, t in self.runs(visual(text), bold))

    def draw(self, canv: Canvas, x: float, y: float, text: str, size: float, bold: bool = False) -> float:
        """Draw one line at baseline (x, y) with the canvas's fill colour; returns the end x.
        Right-to-left text (Hebrew, Arabic) is drawn in its visual order, Arabic joined;
        scripts whose letters combine (Devanagari, Thai, …) are shaped."""
        for font, piece in self.runs(visual(text), bold):
            canv.setFont(font, size)
            shaped, width = shape(piece, font, size)
            canv.drawString(x, y, shaped)
            x += width
        return x

    def text(
        self, t: PDFTextObject, x: float, y: float, text: str, size: float, bold: bool = False, squeeze: float = 1.0
    ) -> None:
        """Add one line at baseline (x, y) to a text object, narrowed to `squeeze` of its width."""
        t.setTextOrigin(x, y)
        if squeeze != 1.0:
            t.setHorizScale(squeeze * 100)
        for font, piece in self.runs(visual(text), bold):
            t.setFont(font, size)
            t.textOut(shape(piece, font, size)[0])
        if squeeze != 1.0:
            t.setHorizScale(100)

    def markup(self, text: str, bold: bool = False) -> str:
        """`text` as Paragraph markup that prints it literally (line breaks kept)."""
        lines = joined(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
        main = FONT_BOLD if bold else FONT
        out = []
        for line in lines:
            parts = []
            for font, piece in self.runs(line, bold):
                piece = escape(piece)
                parts.append(piece if font == main else f'<font face="{font}">{piece}</font>')
            out.append("".join(parts))
        return "<br/>".join(out)

    def warnings(self) -> list[str]:
        """One warning for what could not be printed: the characters, by script, each with
        a font to install (naming only fonts that are not installed)."""
        if not self.missing:
            return []
        shown = " ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in sorted(self.missing)[:8])
        more = f" and {len(self.missing) - 8} more" if len(self.missing) > 8 else ""
        total = sum(self.missing.values())
        by_script: dict[tuple[str, str], int] = {}
        for ch in self.missing:
            key = ADVICE.get(_script(ch), OTHER_ADVICE)
            by_script[key] = by_script.get(key, 0) + 1
        ranked = sorted(by_script, key=lambda k: -by_script[k])
        install = "; ".join(f"for {what}, {font}" for what, font in ranked)
        return [
            (
                f"{total} character{'s' if total != 1 else ''} ({', '.join(w for w, _ in ranked)}) could not be "
                f"printed with any installed font and {'were' if total != 1 else 'was'} printed as {REPLACEMENT}: "
                f"{shown}{more}. To print them, install a font that has them: {install}."
            )
        ]

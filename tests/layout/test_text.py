"""The bundled font's metrics and the line breaking every renderer relies on."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from driverdiagram.layout.fonts import BOLD, REGULAR, font_path, metrics
from driverdiagram.layout.text import wrap

SAMPLES = [
    "Promoted to Associate Professor — ≥ $250k a year → by June 2030",
    "Ελληνικά · Кириллица · “quotes” ‘single’ … – — ≤ ≥ ± × ÷ → ← ↑ ↓ ∑ √ ∞ ≠",
    "Zürich, Kraków, São Paulo, Ångström, Œuvre, ß, Ø, İstanbul",
    "Fix <b>this</b> & that",
]


def test_font_covers_the_users_characters() -> None:
    m = metrics()
    for ch in "≥≤→←–—“”‘’…ΑαΩωЖжЯяßøåÆœ€£¥±×÷√∞":
        assert m.has(ch), f"{ch!r} (U+{ord(ch):04X}) is missing from the bundled font"


def test_our_widths_equal_reportlabs_for_the_same_file() -> None:
    for name, face in ((REGULAR, "DDTestRegular"), (BOLD, "DDTestBold")):
        pdfmetrics.registerFont(TTFont(face, str(font_path(name))))
        m = metrics(name)
        rnd = random.Random(7)
        cps = sorted(m.advances)
        texts = SAMPLES + ["".join(chr(rnd.choice(cps)) for _ in range(12)) for _ in range(300)]
        for t in texts:
            assert abs(m.width(t, 10) - pdfmetrics.stringWidth(t, face, 10)) < 1e-6, t


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.sampled_from([20.0, 50.0, 90.0, 200.0]), st.sampled_from([6.0, 10.0, 18.0]))
def test_every_line_fits_and_no_text_is_lost(text: str, width: float, size: float) -> None:
    lines, widest = wrap(text, width, size)
    m = metrics()
    for line in lines:
        # a single character wider than the box is the only thing that may overflow
        assert m.width(line, size) <= width + 1e-9 or len(line) == 1
    assert widest == max(m.width(line, size) for line in lines)
    words = "".join(text.split())
    assert "".join("".join(lines).split()) == words


def test_wraps_by_words_and_breaks_long_words() -> None:
    lines, _ = wrap("Submit K-award (K23) by February 2027", 100, 10)
    assert lines[0].startswith("Submit") and all(line == line.strip() for line in lines) and len(lines) > 1
    lines, _ = wrap("https://example.org/a/very/long/address/that/never/fits", 60, 10)
    assert len(lines) > 2 and "".join(lines) == "https://example.org/a/very/long/address/that/never/fits"
    assert wrap("First line\nsecond line", 500, 10)[0] == ("First line", "second line")


def test_chinese_japanese_and_korean_wrap_at_a_full_em_per_character() -> None:
    """The bundled font has no CJK; another font prints it, one em per character, so the
    lines are measured so (they used to be measured as narrow boxes and then squeezed)."""
    text = "在五年内成为副教授并建立独立的研究项目和团队"
    lines, widest = wrap(text, 100.0, 10.0)
    assert len(lines) == 3 and all(len(line) <= 10 for line in lines)
    assert "".join(lines) == text and widest <= 100.0
    assert metrics().width("연구 계획", 10.0) == 4 * 10.0 + metrics().char_width(" ", 10.0)

"""Paper size from the locale; text the bundled font lacks: a fallback font or a visible □."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest
from pdf_helpers import export

from driverdiagram.export import default_page, page_size, pdf_fonts
from driverdiagram.model import Annotation, Diagram, Measure


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("en_US.UTF-8", "letter"),
        ("fr_CA.UTF-8", "letter"),
        ("es_MX", "letter"),
        ("en_PH.UTF-8", "letter"),
        ("en_GB.UTF-8", "a4"),
        ("de_DE.UTF-8", "a4"),
        ("ja_JP.UTF-8", "a4"),
        ("en_AU", "a4"),
        ("English_United States.1252", "letter"),
        ("German_Germany.1252", "a4"),
        ("C", "a4"),
        ("", "a4"),
    ],
)
def test_default_page_from_locale(name: str, page: str) -> None:
    assert default_page(name) == page


def test_default_page_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "")
    monkeypatch.setenv("LC_PAPER", "en_CA.UTF-8")
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert default_page() == "letter"
    monkeypatch.setenv("LC_PAPER", "")
    assert default_page() == "a4"


def test_page_sizes() -> None:
    assert page_size("a4", "landscape") == pytest.approx((841.89, 595.28), abs=0.01)
    assert page_size("letter", "portrait") == (612.0, 792.0)
    with pytest.raises(ValueError):
        page_size("a3", "portrait")


UNPRINTABLE = "目標 👍 \U0002a700"


def _diagram() -> Diagram:
    d = Diagram.new(f"Aim {UNPRINTABLE} end")
    p = d.add_node("primary", "Zero\U000e0001width space, smile 😀", parent=d.outcome.id, id="p1")
    d.add_item("measures", Measure(id="m1", node_id=p.id, name=f"Measure {UNPRINTABLE}"))
    d.add_item("annotations", Annotation(id="a1", text=f"Note {UNPRINTABLE}", created=dt.date(2026, 1, 1)))
    return d


def test_without_a_fallback_font_missing_characters_print_as_a_box_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_fonts, "fallback_fonts", lambda dirs=None: ())
    monkeypatch.setattr(pdf_fonts, "system_font_for", lambda ch: None)  # and fontconfig finds none either
    out = export(_diagram(), tmp_path / "f.pdf")
    assert "Aim □□ □ □ end" in out.flat and "Measure □□ □ □" in out.flat and "Note □□ □ □" in out.flat
    assert "Zerowidth space" in out.flat  # an invisible format character is not text to lose
    assert "smile 😀" in out.flat  # DejaVu has it; beyond U+FFFF, it still copies out as itself
    (warning,) = out.result.warnings
    assert "printed as □" in warning and "U+1F44D" in warning and "U+76EE" in warning


def test_fontconfig_finds_a_font_for_any_script_the_usual_list_lacks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A font not among the usual fallback names is found by what it covers (fc-list
    :charset=…), embedded, and its characters print as themselves."""
    droid = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
    if not droid.is_file():
        pytest.skip("needs a TrueType font DejaVu lacks characters of (fonts-droid-fallback)")
    monkeypatch.setattr(pdf_fonts, "fallback_fonts", lambda dirs=None: ())  # the usual list finds nothing
    monkeypatch.setattr(pdf_fonts, "_fontconfig_block", lambda ch: (droid,))
    out = export(_diagram(), tmp_path / "f.pdf")
    assert "目標" in out.flat
    assert not any("U+76EE" in w for w in out.result.warnings)


def test_the_warning_names_each_script_and_a_font_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_fonts, "fallback_fonts", lambda dirs=None: ())
    monkeypatch.setattr(pdf_fonts, "system_font_for", lambda ch: None)
    d = Diagram.new("연구 2030")
    d.add_node("primary", "การวิจัย", parent=d.outcome.id)
    d.add_node("primary", "अनुसंधान", parent=d.outcome.id)
    (warning,) = export(d, tmp_path / "s.pdf").result.warnings
    for script, package in (("Thai", "fonts-thai-tlwg"), ("Devanagari", "fonts-lohit-deva"), ("Korean", "fonts-nanum")):
        assert f"for {script}, " in warning and package in warning
    assert "Droid" not in warning, "no font that would not help"


def test_a_system_fallback_font_prints_cjk_when_installed(tmp_path: Path) -> None:
    fallbacks = pdf_fonts.fallback_fonts()
    if not any(fm.has("目") for _, fm in fallbacks):
        pytest.skip("no fallback font with CJK is installed (e.g. fonts-droid-fallback)")
    out = export(_diagram(), tmp_path / "f.pdf")
    assert "目標" in out.flat
    assert not any("U+76EE" in w for w in out.result.warnings)


def test_a_line_wider_on_paper_than_its_box_is_narrowed_to_fit(tmp_path: Path) -> None:
    """A fallback font's glyphs may be wider than the widths the layout broke the lines with."""
    import io

    from pypdf import PdfReader
    from reportlab.pdfgen.canvas import Canvas

    from driverdiagram.export.pdf_diagram import DiagramPainter
    from driverdiagram.layout import layout

    class Wide(pdf_fonts.Typesetter):
        def width(self, text: str, size: float, bold: bool = False) -> float:
            return 2 * super().width(text, size, bold)

    g = layout(Diagram.new("A line the layout measured with narrower glyphs"))
    painter = DiagramPainter(g, Wide(fallbacks=()))
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=(900, 300))
    painter.paint(canv, g.bounds, 10, 290, 1.0, clip=False)
    canv.showPage()
    canv.save()
    page = PdfReader(buf).pages[0]
    squeezes = [float(x) for x in re.findall(rb"([\d.]+) Tz", page.get_contents().get_data())]
    assert any(50 <= x < 100 for x in squeezes) and squeezes[-1] == 100  # narrowed, then back to normal
    assert "narrower glyphs" in page.extract_text()


def test_fallback_search_skips_fonts_reportlab_cannot_embed(tmp_path: Path) -> None:
    (tmp_path / "NotoSansCJKsc-Regular.ttf").write_bytes(b"OTTO" + b"\0" * 100)  # CFF outlines
    (tmp_path / "Symbola.ttf").write_bytes(b"not a font at all")
    assert pdf_fonts.fallback_fonts((tmp_path,)) == ()


def test_typesetter_escapes_markup_and_keeps_line_breaks() -> None:
    ts = pdf_fonts.Typesetter(fallbacks=())
    assert ts.markup("a <b>&</b>\nnext") == "a &lt;b&gt;&amp;&lt;/b&gt;<br/>next"


def test_the_c_locale_means_a4(monkeypatch: pytest.MonkeyPatch) -> None:
    from driverdiagram.export import paper

    for var in ("LC_ALL", "LC_PAPER", "LANG"):
        monkeypatch.setenv(var, "C.UTF-8")
    monkeypatch.setattr(paper.locale, "setlocale", lambda category, value=None: "C.UTF-8")
    assert default_page() == "a4"  # Python's getlocale() would have said en_US


def test_right_to_left_lines_are_drawn_in_visual_order_and_arabic_joined() -> None:
    assert pdf_fonts.visual("Research skills") == "Research skills"
    assert pdf_fonts.visual("מחקר עצמאי") == "יאמצע רקחמ", "Hebrew: drawn right to left"
    joined = pdf_fonts.visual("بحث مستقل")
    assert all("\ufe70" <= ch <= "\ufeff" or ch == " " for ch in joined), "Arabic: the joined (contextual) forms"
    assert unicodedata.normalize("NFKC", joined)[::-1] == "بحث مستقل"
    assert pdf_fonts.is_rtl("מחקר 2030") and not pdf_fonts.is_rtl("2030 research מחקר")


def test_hebrew_and_arabic_print_and_read_back_in_logical_order(tmp_path: Path) -> None:
    d = Diagram.new("קידום לפרופסור חבר")
    d.add_node("primary", "מחקר עצמאי", parent=d.outcome.id)
    d.add_node("primary", "بحث مستقل", parent=d.outcome.id)
    out = export(d, tmp_path / "rtl.pdf", sections=("diagram",))
    assert out.result.warnings == []
    text = unicodedata.normalize("NFKC", out.pages[0])
    for line in ("קידום לפרופסור חבר", "מחקר עצמאי", "بحث مستقل"):  # (drawn in logical order, they read back reversed)
        assert line in text, line


def _font_with(ch: str) -> bool:
    return pdf_fonts.system_font_for(ch) is not None


@pytest.mark.skipif(not _font_with("क"), reason="no Devanagari font installed (fonts-lohit-deva)")
def test_devanagari_is_shaped_so_the_vowel_sign_comes_before_its_consonant() -> None:
    """'रि' is written र then ि, and printed with ि first; glyph by glyph it would print after."""
    font, _ = pdf_fonts.system_font_for("क")  # type: ignore[misc]
    plain, wide = "क्षत्रिय", pdf_fonts.pdfmetrics.stringWidth("क्षत्रिय", font, 12)
    shaped, width = pdf_fonts.shape(plain, font, 12)
    assert shaped != plain and len(shaped) < len(plain), "conjuncts: fewer glyphs than letters"
    assert 0 < width < wide
    assert pdf_fonts.shape("Research", font, 12) == ("Research", pdf_fonts.pdfmetrics.stringWidth("Research", font, 12))


@pytest.mark.skipif(not _font_with("ก"), reason="no Thai font installed (fonts-thai-tlwg)")
def test_thai_prints_with_the_installed_font_and_no_warning(tmp_path: Path) -> None:
    d = Diagram.new("ที่ปรึกษาด้านการวิจัย")
    d.add_node("primary", "สัปดาห์ละครั้ง", parent=d.outcome.id)
    out = export(d, tmp_path / "thai.pdf", sections=("diagram",))
    assert out.result.warnings == [], "the font is installed: nothing to warn about"
    assert "ที่ปรึกษา" in out.pages[0] or "ปรึกษา" in out.pages[0]


def test_cjk_lines_are_wrapped_not_squeezed(tmp_path: Path) -> None:
    d = Diagram.new("부교수로 승진하고 독립적인 연구 프로그램을 운영하기")
    d.add_node("primary", "在五年内成为副教授并建立独立的研究项目和团队", parent=d.outcome.id)
    d.add_node("primary", "研究時間を週に二日確保して論文を書く習慣をつくる", parent=d.outcome.id)
    out = export(d, tmp_path / "cjk.pdf", sections=("diagram",))
    content = out.reader.pages[0].get_contents().get_data()
    assert b" Tz" not in content, "no line narrowed to fit its box"


HEBREW_WORDS = [
    "מחקר",
    "עצמאי",
    "פרסומים",
    "מענקים",
    "זרם",
    "קבוע",
    "מאמרים",
    "מנטור",
    "קידום",
    "פרופסור",
    "חבר",
    "תוכנית",
    "שנה",
    "יוני",
    "כתיבה",
    "בוקר",
]


def test_hebrew_paragraphs_read_right_to_left_line_by_line(tmp_path: Path) -> None:
    """The plan in words: a Hebrew description of several lines is broken in reading order
    (its first words on the first line) and each line drawn right to left, right-aligned;
    read back, the lines give the description as written."""
    words = HEBREW_WORDS * 4
    description = " ".join(words)
    d = Diagram.new("קידום לפרופסור חבר")
    p = d.add_node("primary", "מחקר עצמאי", parent=d.outcome.id).id
    d.edit_node(p, description=description)
    out = export(d, tmp_path / "plan.pdf", sections=("plan",))
    page = unicodedata.normalize("NFKC", out.pages[0])
    lines = [ln.strip() for ln in page.splitlines() if ln.strip() and ln.strip().split()[0] in HEBREW_WORDS]
    body = [ln for ln in lines if len(ln.split()) > 4]
    assert len(body) >= 2, "the description wraps"
    assert " ".join(body).split() == words, "every line in reading order, the lines top to bottom"
    # right-aligned: each full line ends at the right margin
    from pypdf import PdfReader

    right: list[float] = []

    def visit(text, cm, tm, font, size):  # noqa: ANN001
        if text.strip() and any("\u0590" <= ch <= "\u05ff" for ch in text):
            right.append(tm[4])

    PdfReader(str(out.path)).pages[0].extract_text(visitor_text=visit)
    assert right and max(right) > 300, "drawn from the right half of the page"

"""File ▸ Export PDF…, Print… and Print Preview…, driven through the real window.

Dialogs are answered by monkeypatching (conftest fails any dialog nobody answers); printing
goes to a QPrinter writing a PDF file, so it runs headless.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QDesktopServices, QKeySequence, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from driverdiagram.export.sections import DEFAULT_SECTION_KEYS
from driverdiagram.model import load
from driverdiagram.ui import dialogs
from driverdiagram.ui.export_actions import default_pdf_path
from driverdiagram.ui.export_dialog import SECTIONS, ExportDialog, ExportOptions

ROOT = Path(__file__).resolve().parents[2]
CAREER = ROOT / "resources" / "examples" / "career.driver"
A4_LANDSCAPE, LETTER_PORTRAIT = (842, 595), (612, 792)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(path: Path) -> str:
    return flat(" ".join(p.extract_text() or "" for p in PdfReader(str(path)).pages))


def sizes(path: Path) -> set[tuple[int, int]]:
    return {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in PdfReader(str(path)).pages}


@pytest.fixture
def career_window(window):
    window.show_diagram(load(CAREER), None)  # the window installs the export actions itself
    return window


def file_menu_action(window, text: str):
    menu = window.menuBar().actions()[0].menu()
    for action in menu.actions():
        if action.text().replace("&", "") == text:
            return action
    raise AssertionError(f"no {text!r} in the File menu")


def answer_export_dialog(monkeypatch, seen: list | None = None, **choices) -> None:
    """ExportDialog.exec: tick the given choices (page, orientation, fit, sections) and press OK."""

    def exec_(self) -> int:
        if seen is not None:
            seen.append(self.options())
        if "page" in choices:
            self.page.setCurrentIndex(self.page.findData(choices["page"]))
        if "orientation" in choices:
            (self.portrait if choices["orientation"] == "portrait" else self.landscape).setChecked(True)
        if "fit" in choices:
            self.fit_radios[choices["fit"]].setChecked(True)
        if "sections" in choices:
            for key, box in self.section_boxes.items():
                box.setChecked(key in choices["sections"])
        self.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", exec_)


def test_the_actions_are_in_the_file_menu_before_quit(career_window) -> None:
    texts = [a.text().replace("&", "") for a in career_window.menuBar().actions()[0].menu().actions()]
    i = texts.index("Export PDF…")
    assert texts[i : i + 4] == ["Export PDF…", "Print…", "Print Preview…", "Export to Other Formats…"]
    assert texts[i + 4] == "" and texts[i + 5] == "Quit", "Quit stays last, after a separator"
    assert QKeySequence("Ctrl+E") in file_menu_action(career_window, "Export PDF…").shortcuts()
    assert QKeySequence("Ctrl+P") in file_menu_action(career_window, "Print…").shortcuts()
    assert QKeySequence(QKeySequence.StandardKey.Print) in file_menu_action(career_window, "Print…").shortcuts()


def test_export_pdf_writes_the_chosen_pages_and_remembers_the_choices(career_window, tmp_path, monkeypatch) -> None:
    answer_export_dialog(
        monkeypatch, page="a4", orientation="landscape", fit="fit", sections=("diagram", "measures", "compact")
    )
    offered: list[str] = []
    target = tmp_path / "shared" / "for my mentor"  # no suffix: .pdf is added
    target.parent.mkdir()

    def save_name(parent, caption, start, filters):
        offered.append(start)
        assert "*.pdf" in filters
        return str(target), filters.split(";;")[0]

    opened: list = []
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    monkeypatch.setattr(dialogs, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(
        dialogs, "question", lambda parent, title, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes
    )
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)

    file_menu_action(career_window, "Export PDF…").trigger()

    pdf = target.with_name("for my mentor.pdf")
    assert pdf.exists()
    assert Path(offered[0]).name == "Career driver diagram clinician-investigator.pdf", "the title, without ':'"
    text = pdf_text(pdf)
    assert flat(career_window.document.diagram.outcome.text) in text
    assert "Mentoring compact" in text and "Mentor notes and gaps" not in text, "the unticked section is left out"
    assert sizes(pdf) == {A4_LANDSCAPE}
    assert asked and "Open the PDF now?" in asked[0]
    assert [u.toLocalFile() for u in opened] == [str(pdf)]
    assert "Exported" in career_window.statusBar().currentMessage()

    again = ExportDialog(career_window)
    assert again.options() == ExportOptions("a4", "landscape", "fit", ("diagram", "measures", "compact"))
    assert not again.section_boxes["notes"].isChecked() and again.landscape.isChecked()
    again.deleteLater()


def test_the_dialog_remembers_letter_portrait_and_tile(career_window, monkeypatch) -> None:
    answer_export_dialog(monkeypatch, page="letter", orientation="portrait", fit="tile", sections=("notes",))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))  # cancelled: nothing written
    file_menu_action(career_window, "Export PDF…").trigger()
    again = ExportDialog(career_window)
    assert again.options() == ExportOptions("letter", "portrait", "tile", ("notes",))
    assert again.portrait.isChecked() and again.fit_radios["tile"].isChecked()
    again.section_boxes["notes"].setChecked(False)
    assert not again.buttons.button(again.buttons.StandardButton.Ok).isEnabled(), "no section, nothing to export"
    again.deleteLater()


def test_defaults_follow_the_locale_and_ignore_broken_settings(qapp, monkeypatch) -> None:
    from PySide6.QtCore import QSettings

    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert ExportOptions.load() == ExportOptions("letter", "landscape", "fit", DEFAULT_SECTION_KEYS)
    assert "changes" not in DEFAULT_SECTION_KEYS, "what changed since a meeting is printed only when asked for"
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    assert ExportOptions.load().page == "a4"
    s = QSettings()
    for key, value in (("page", "A3"), ("orientation", "sideways"), ("fit", "shrink"), ("sections", "nothing")):
        s.setValue(f"export/{key}", value)
    assert ExportOptions.load() == ExportOptions("a4", "landscape", "fit", DEFAULT_SECTION_KEYS)


def test_the_dialog_offers_the_exporters_sections() -> None:
    from driverdiagram.export.pdf import SECTIONS as EXPORTER_SECTIONS

    assert SECTIONS == EXPORTER_SECTIONS


def test_default_pdf_name_is_next_to_the_diagram_file(career_window, tmp_path) -> None:
    career_window.show_diagram(load(CAREER), tmp_path / "plan.driver")
    assert default_pdf_path(career_window) == tmp_path / "plan.pdf"


def test_printing_paints_the_pdfs_pages_onto_the_printer(career_window, tmp_path) -> None:
    from driverdiagram.export import export_pdf
    from driverdiagram.ui.printing import paint_pages, pdf_bytes, setup_printer

    options = ExportOptions("a4", "landscape", "fit", SECTIONS)
    data = pdf_bytes(career_window.document.diagram, options)
    expected = export_pdf(career_window.document.diagram, tmp_path / "same.pdf", **options.as_kwargs()).pages
    printer = setup_printer(QPrinter(QPrinter.PrinterMode.HighResolution), options)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))

    assert paint_pages(printer, data) == expected > 1
    printed = PdfReader(str(tmp_path / "printed.pdf"))
    assert len(printed.pages) == expected
    assert sizes(tmp_path / "printed.pdf") == {A4_LANDSCAPE}


def test_print_from_the_menu_prints_every_page_on_the_chosen_paper(career_window, tmp_path, monkeypatch) -> None:
    answer_export_dialog(monkeypatch, page="letter", orientation="portrait", fit="fit", sections=SECTIONS)
    out = tmp_path / "printed.pdf"

    def print_dialog_exec(self) -> int:
        assert self.printer().pageLayout().pageSize().id() == QPageSize.PageSizeId.Letter
        self.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.printer().setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", print_dialog_exec)
    file_menu_action(career_window, "Print…").trigger()

    from driverdiagram.export import export_pdf

    expected = export_pdf(
        career_window.document.diagram, tmp_path / "same.pdf", page="letter", orientation="portrait"
    ).pages
    assert len(PdfReader(str(out)).pages) == expected
    assert sizes(out) == {LETTER_PORTRAIT}
    assert f"Sent {expected} pages" in career_window.statusBar().currentMessage()


def test_print_preview_shows_every_page(career_window, monkeypatch) -> None:
    answer_export_dialog(monkeypatch, page="a4", orientation="landscape", fit="fit", sections=SECTIONS)
    counts: list[int] = []

    def preview_exec(self) -> int:
        widget = self.findChild(QPrintPreviewWidget)
        widget.updatePreview()
        counts.append(widget.pageCount())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QPrintPreviewDialog, "exec", preview_exec)
    file_menu_action(career_window, "Print Preview…").trigger()

    from driverdiagram.export import export_pdf

    assert counts == [export_pdf(career_window.document.diagram, io.BytesIO()).pages]


def test_an_export_error_is_explained_and_the_window_carries_on(career_window, tmp_path, monkeypatch) -> None:
    answer_export_dialog(monkeypatch)
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("x")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(blocker / "out.pdf"), ""))
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "critical", lambda parent, title, text, *a: errors.append((title, text)))

    file_menu_action(career_window, "Export PDF…").trigger()

    assert len(errors) == 1 and errors[0][0] == "Could not export the PDF"
    assert "still open" in errors[0][1]
    assert not (blocker / "out.pdf").exists()
    from PySide6.QtWidgets import QApplication

    assert QApplication.overrideCursor() is None, "the busy cursor is gone"
    assert career_window.isVisible()
    assert career_window.document.add_child(career_window.document.diagram.outcome.id, "Still editable")


def test_cancelling_the_export_dialog_does_nothing(career_window, monkeypatch) -> None:
    monkeypatch.setattr(ExportDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    for text in ("Export PDF…", "Print…", "Print Preview…"):
        file_menu_action(career_window, text).trigger()  # conftest fails any further dialog


def test_startup_loads_neither_pdfium_nor_reportlab() -> None:
    code = (
        "import sys; from driverdiagram.ui.app import make_app; app = make_app();"
        "from driverdiagram.ui.main_window import MainWindow;"
        "w = MainWindow(); w.show(); app.processEvents();"
        "print(sorted(m for m in ('pypdfium2', 'reportlab') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"

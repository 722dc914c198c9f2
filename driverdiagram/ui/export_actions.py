"""File ▸ Export PDF…, Print…, Print Preview…: the window's doors to paper.

A feature (features.py): its three actions go in the File menu's "share" section. Each
asks for the paper options (ExportDialog), then writes the PDF, or prints its pages. A
failure is explained in a message box and the window carries on.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..model import DiagramError
from . import dialogs
from .export_dialog import ExportOptions, ask_export_options
from .features import Editor, Feature, Placement

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter


PDF_FILTER = "PDF files (*.pdf);;All files (*)"
ERRORS = (DiagramError, OSError, ValueError)


def default_pdf_path(editor: Editor) -> Path:
    """Next to the diagram's file, with .pdf; an unsaved diagram: "<title>.pdf" in Documents."""
    if editor.document.path is not None:
        return editor.document.path.with_suffix(".pdf")
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    return Path(folder) / f"{_file_title(editor)}.pdf"


def _title(editor: Editor) -> str:
    d = editor.document.diagram
    return d.info.title.strip() or d.outcome.text.strip() or "Driver diagram"


def _file_title(editor: Editor) -> str:
    """The title as a file name on every system: no / \\ : * ? " < > |, not too long."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", _title(editor))
    name = " ".join(name.split()).strip(" .")[:80].rstrip(" .")
    return name or "Driver diagram"


class ExportActions(Feature):
    """The three actions and the printer they share (so a chosen printer stays chosen)."""

    def __init__(self, editor: Editor) -> None:
        super().__init__(editor)
        self.setObjectName("export-actions")
        self._printer: QPrinter | None = None
        self.act_export = self.action(
            "&Export PDF…", self.export_pdf, "Ctrl+E", "Save the diagram, measures, notes and compact as a PDF to share"
        )
        self.act_print = self.action(
            "&Print…", self.print_, QKeySequence.StandardKey.Print, "Print the same pages as the PDF"
        )
        self.act_preview = self.action("Print Pre&view…", self.preview, None, "See the printed pages before printing")

    def placements(self) -> list[Placement]:
        return [Placement("file", "share", [self.act_export, self.act_print, self.act_preview])]

    # ----------------------------------------------------------------- common
    def _ask(self, title: str, accept_text: str, changes_since: str | None = None) -> ExportOptions | None:
        self.editor.finish_typing()  # text being typed in place belongs on paper too
        view, _ = self.editor.view_options()
        meetings = sorted(
            (m for m in self.editor.document.diagram.items("meetings") if m.snapshot is not None),
            key=lambda m: m.date,
            reverse=True,
        )
        return ask_export_options(
            self.editor.widget(),
            title=title,
            accept_text=accept_text,
            view=view,
            meetings=[(m.id, f"{m.date.day} {m.date:%B %Y}") for m in meetings],
            changes_since=changes_since,
        )

    def _may_write(self, path: Path) -> bool:
        """A PDF replaces only a PDF: never the diagram itself, a read-only file or a folder; a
        file of another kind (a .driver file) only when the user says so."""
        from ..model.safe_io import output_refusal

        refusal = output_refusal(path, kind="pdf", source=self.editor.document.path)
        if refusal is None:
            return True
        if refusal.forceable:
            return dialogs.confirm_replace(self.editor.widget(), path.name, refusal.reason, "the PDF")
        dialogs.warning(self.editor.widget(), "Cannot write there", f"{path} {refusal.reason}; choose another name.")
        return False

    def _failed(self, title: str, error: Exception) -> None:
        dialogs.critical(self.editor.widget(), title, f"{error}\n\nYour diagram is still open and unchanged.")

    def _pdf_bytes(self, options: ExportOptions) -> bytes | None:
        from .printing import pdf_bytes

        view, layout_options = self.editor.view_options()
        try:
            with self.editor.busy("Preparing the pages…"):
                return pdf_bytes(self.editor.document.diagram, options, view=view, layout_options=layout_options)
        except ERRORS as e:
            self._failed("Could not prepare the pages", e)
            return None

    def printer(self, options: ExportOptions, data: bytes | None = None) -> QPrinter:
        from PySide6.QtPrintSupport import QPrinter

        from .printing import setup_printer

        if self._printer is None:
            self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        return setup_printer(self._printer, options, _title(self.editor), data)

    # ----------------------------------------------------------------- export
    def export_pdf(self, changes_since: str | None = None) -> None:
        """Ask the options, then where: `changes_since` (a meeting's id) ticks its changes."""
        options = self._ask("Export PDF", "Export…", changes_since)
        if options is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self.editor.widget(), "Export the diagram as PDF", str(default_pdf_path(self.editor)), PDF_FILTER
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        if not self._may_write(path):
            return
        from ..export import export_pdf

        view, layout_options = self.editor.view_options()
        try:
            with self.editor.busy(f"Exporting {path.name}…"):
                result = export_pdf(
                    self.editor.document.diagram, path, view=view, options=layout_options, **options.as_kwargs()
                )  # type: ignore[arg-type]
        except ERRORS as e:
            self._failed("Could not export the PDF", e)
            return
        pages = f"{result.pages} page{'s' if result.pages != 1 else ''}"
        self.editor.show_status(f"Exported {pages} to {path}", 10000)
        if result.warnings:
            dialogs.warning(
                self.editor.widget(),
                "Exported, with notes",
                f"The PDF was written ({pages}). Please note:\n\n" + "\n".join(f"• {w}" for w in result.warnings),
            )
        answer = dialogs.question(
            self.editor.widget(),
            "PDF exported",
            f"Exported {pages} to\n{path}\n\nOpen the PDF now?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.editor.show_status(f"No program to open PDFs was found; the file is {path}", 10000)

    # --------------------------------------------------------------- printing
    def print_(self) -> None:
        options = self._ask("Print", "Print…")
        data = self._pdf_bytes(options) if options is not None else None
        if data is None:
            return
        from .printing import ask_printer, paint_pages

        printer = self.printer(options, data)  # type: ignore[arg-type]
        if not ask_printer(self.editor.widget(), printer, data):
            return
        try:
            with self.editor.busy("Printing…"):
                printed = paint_pages(printer, data)
        except ERRORS as e:
            self._failed("Could not print", e)
            return
        where = printer.outputFileName() or printer.printerName() or "the printer"
        self.editor.show_status(f"Sent {printed} page{'s' if printed != 1 else ''} to {where}.", 10000)

    def preview(self) -> None:
        options = self._ask("Print Preview", "Preview…")
        data = self._pdf_bytes(options) if options is not None else None
        if data is None:
            return
        from .printing import preview_dialog

        dialog = preview_dialog(self.editor.widget(), self.printer(options, data), data)  # type: ignore[arg-type]
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

"""File ▸ Export PDF…, Print…, Print Preview…: the window's doors to paper.

`install_export_actions(window)` adds the three actions to the File menu, before Quit. Each
asks for the paper options (ExportDialog), then writes the PDF, or prints its pages. A
failure is explained in a message box and the window carries on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from ..model import DiagramError
from .export_dialog import ExportOptions, ask_export_options

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from .main_window import MainWindow

PDF_FILTER = "PDF files (*.pdf);;All files (*)"
ERRORS = (DiagramError, OSError, ValueError)


def install_export_actions(window: MainWindow) -> None:
    """Add Export PDF… (Ctrl+E), Print… (Ctrl+P) and Print Preview… to the File menu, before Quit."""
    ExportActions(window)


def default_pdf_path(window: MainWindow) -> Path:
    """Next to the diagram's file, with .pdf; an unsaved diagram: "<title>.pdf" in Documents."""
    if window.document.path is not None:
        return window.document.path.with_suffix(".pdf")
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    return Path(folder) / f"{_file_title(window)}.pdf"


def _title(window: MainWindow) -> str:
    d = window.document.diagram
    return d.info.title.strip() or d.outcome.text.strip() or "Driver diagram"


def _file_title(window: MainWindow) -> str:
    """The title as a file name on every system: no / \\ : * ? " < > |, not too long."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", _title(window))
    name = " ".join(name.split()).strip(" .")[:80].rstrip(" .")
    return name or "Driver diagram"


class ExportActions(QObject):
    """The three actions and the printer they share (so a chosen printer stays chosen)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("export-actions")
        self.window = window
        self._printer: QPrinter | None = None
        self.act_export = self._action(
            "&Export PDF…", self.export_pdf, "Ctrl+E", "Save the diagram, measures, notes and compact as a PDF to share"
        )
        self.act_print = self._action(
            "&Print…", self.print_, QKeySequence.StandardKey.Print, "Print the same pages as the PDF"
        )
        self.act_preview = self._action("Print Pre&view…", self.preview, None, "See the printed pages before printing")
        menu = window.menuBar().actions()[0].menu()
        quit_action = next((a for a in menu.actions() if a.text().replace("&", "") == "Quit"), None)
        # Save group, separator, these three, separator, Quit (appended when there is no Quit)
        menu.insertActions(quit_action, [self.act_export, self.act_print, self.act_preview])
        if quit_action is not None:
            menu.insertSeparator(quit_action)

    def _action(self, text: str, slot: Callable[[], None], shortcut, tip: str) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    # ----------------------------------------------------------------- common
    def _finish_typing(self) -> None:
        """Text being typed in place belongs on paper too."""
        if self.window.canvas.editor.active:
            self.window.canvas.editor.commit()

    def _ask(self, title: str, accept_text: str) -> ExportOptions | None:
        self._finish_typing()
        return ask_export_options(
            self.window, title=title, accept_text=accept_text, view=self.window.canvas.engine.view
        )

    @contextmanager
    def _busy(self, message: str) -> Iterator[None]:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.window.statusBar().showMessage(message)
        QApplication.processEvents()
        try:
            yield
        finally:
            QApplication.restoreOverrideCursor()
            self.window.statusBar().clearMessage()

    def _failed(self, title: str, error: Exception) -> None:
        QMessageBox.critical(self.window, title, f"{error}\n\nYour diagram is still open and unchanged.")

    def _pdf_bytes(self, options: ExportOptions) -> bytes | None:
        from .printing import pdf_bytes

        engine = self.window.canvas.engine
        try:
            with self._busy("Preparing the pages…"):
                return pdf_bytes(self.window.document.diagram, options, view=engine.view, layout_options=engine.options)
        except ERRORS as e:
            self._failed("Could not prepare the pages", e)
            return None

    def printer(self, options: ExportOptions) -> QPrinter:
        from PySide6.QtPrintSupport import QPrinter

        from .printing import setup_printer

        if self._printer is None:
            self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        return setup_printer(self._printer, options, _title(self.window))

    # ----------------------------------------------------------------- export
    def export_pdf(self) -> None:
        options = self._ask("Export PDF", "Export…")
        if options is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self.window, "Export the diagram as PDF", str(default_pdf_path(self.window)), PDF_FILTER
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        from ..export import export_pdf

        engine = self.window.canvas.engine
        try:
            with self._busy(f"Exporting {path.name}…"):
                result = export_pdf(
                    self.window.document.diagram, path, view=engine.view, options=engine.options, **options.as_kwargs()
                )  # type: ignore[arg-type]
        except ERRORS as e:
            self._failed("Could not export the PDF", e)
            return
        pages = f"{result.pages} page{'s' if result.pages != 1 else ''}"
        self.window.statusBar().showMessage(f"Exported {pages} to {path}", 10000)
        if result.warnings:
            QMessageBox.warning(
                self.window,
                "Exported, with notes",
                f"The PDF was written ({pages}). Please note:\n\n" + "\n".join(f"• {w}" for w in result.warnings),
            )
        answer = QMessageBox.question(
            self.window,
            "PDF exported",
            f"Exported {pages} to\n{path}\n\nOpen the PDF now?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.window.statusBar().showMessage(f"No program to open PDFs was found; the file is {path}", 10000)

    # --------------------------------------------------------------- printing
    def print_(self) -> None:
        options = self._ask("Print", "Print…")
        data = self._pdf_bytes(options) if options is not None else None
        if data is None:
            return
        from .printing import ask_printer, paint_pages

        printer = self.printer(options)  # type: ignore[arg-type]
        if not ask_printer(self.window, printer, data):
            return
        try:
            with self._busy("Printing…"):
                printed = paint_pages(printer, data)
        except ERRORS as e:
            self._failed("Could not print", e)
            return
        where = printer.outputFileName() or printer.printerName() or "the printer"
        self.window.statusBar().showMessage(f"Sent {printed} page{'s' if printed != 1 else ''} to {where}.", 10000)

    def preview(self) -> None:
        options = self._ask("Print Preview", "Preview…")
        data = self._pdf_bytes(options) if options is not None else None
        if data is None:
            return
        from .printing import preview_dialog

        dialog = preview_dialog(self.window, self.printer(options), data)  # type: ignore[arg-type]
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

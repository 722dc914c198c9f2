"""Printing: the PDF's own pages, so paper from the printer matches the exported PDF.

The diagram is exported to a PDF in memory with the export dialog's options, and each page is
rasterised with pypdfium2 (PySide6-Essentials has no QtPdf) and painted onto the QPrinter, in
the print dialog or the print preview. pypdfium2 and reportlab are imported only here, on
first print, never at startup.
"""

from __future__ import annotations

import io

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from ..layout import LayoutOptions
from ..model import Diagram
from .export_dialog import ExportOptions

PRINT_DPI = 300  # enough for 6 pt text on paper; the printer's own 1200 dpi would be 0.5 GB a page
PREVIEW_DPI = 150  # the preview keeps every page in memory
PAGE_IDS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}


def pdf_bytes(
    diagram: Diagram, options: ExportOptions, *, view: str = "columns", layout_options: LayoutOptions | None = None
) -> bytes:
    """The PDF that Export PDF would write, kept in memory (nothing to clean up on disk).

    Raises what `export_pdf` raises: ValueError, DiagramError.
    """
    from ..export import export_pdf

    buffer = io.BytesIO()
    export_pdf(diagram, buffer, view=view, options=layout_options, **options.as_kwargs())  # type: ignore[arg-type]
    return buffer.getvalue()


def setup_printer(printer: QPrinter, options: ExportOptions, title: str = "", data: bytes | None = None) -> QPrinter:
    """Paper and orientation as the PDF's (`data`: the PDF, which says which orientation
    "auto" chose); no margins, since the PDF's pages carry their own."""
    portrait = options.orientation == "portrait"
    if options.orientation == "auto" and data is not None:
        portrait = _first_page_is_portrait(data)
    orientation = QPageLayout.Orientation.Portrait if portrait else QPageLayout.Orientation.Landscape
    printer.setPageLayout(QPageLayout(QPageSize(PAGE_IDS[options.page]), orientation, QMarginsF(0, 0, 0, 0)))
    printer.setFullPage(True)
    if title:
        printer.setDocName(title)
    return printer


def _first_page_is_portrait(data: bytes) -> bool:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        w, h = doc[0].get_size() if len(doc) else (1.0, 0.0)
        return h > w
    finally:
        doc.close()


def page_count(data: bytes) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        return len(doc)
    finally:
        doc.close()


def paint_pages(printer: QPrinter, data: bytes, *, dpi: int | None = None) -> int:
    """Paint the PDF's pages onto `printer` (the page range it asks for), each scaled to fit the
    paper and centred; returns the number of pages painted. Raises OSError when the printer
    cannot start (no such printer, output file not writable)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    painter = QPainter()
    try:
        count = len(doc)
        first, last = 1, count
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first, last = max(1, printer.fromPage()), min(count, printer.toPage() or count)
        if first > last:
            return 0
        if not painter.begin(printer):
            raise OSError("The printer could not start printing. Check that it is connected, or print to a file.")
        previewing = painter.paintEngine().type() == QPaintEngine.Type.Picture
        resolution = min(printer.resolution(), dpi or (PREVIEW_DPI if previewing else PRINT_DPI))
        paper = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for number in range(first, last + 1):
            if number > first:
                printer.newPage()
            page = doc[number - 1]
            image = _render(page, resolution / 72)
            page.close()
            painter.drawImage(_fitted(image.width(), image.height(), paper), image)
        return last - first + 1
    finally:
        if painter.isActive():
            painter.end()
        doc.close()


def _render(page, scale: float) -> QImage:
    """One page as an image: pdfium writes R, G, B, x bytes, which is QImage's RGBX8888."""
    bitmap = page.render(scale=scale, prefer_bgrx=True, rev_byteorder=True)
    try:
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888)
        return image.copy()  # own the pixels: the bitmap's buffer goes with the bitmap
    finally:
        bitmap.close()


def _fitted(width: float, height: float, paper: QRectF) -> QRectF:
    """The page's rectangle on the paper: as large as fits, centred (it fits exactly when the
    printer's paper is the PDF's; another paper chosen in the print dialog gets white edges)."""
    scale = min(paper.width() / width, paper.height() / height)
    w, h = width * scale, height * scale
    return QRectF(paper.x() + (paper.width() - w) / 2, paper.y() + (paper.height() - h) / 2, w, h)


def ask_printer(parent: QWidget | None, printer: QPrinter, data: bytes) -> bool:
    """The system's print dialog (printer, pages, copies); True when the user chose Print."""
    dialog = QPrintDialog(printer, parent)
    try:
        dialog.setWindowTitle("Print the driver diagram")
        dialog.setMinMax(1, page_count(data))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, True)
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def preview_dialog(parent: QWidget | None, printer: QPrinter, data: bytes) -> QPrintPreviewDialog:
    """A print preview of the pages (its Print button prints them); the caller shows it."""
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("Print preview")
    dialog.paintRequested.connect(lambda p: paint_pages(p, data))
    if parent is not None:
        dialog.resize(max(900, parent.width() * 3 // 4), max(700, parent.height() * 9 // 10))
    return dialog

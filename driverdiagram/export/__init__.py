"""Writers for what leaves the app: PDF (reportlab), outline, CSV. No Qt.

`export_pdf` and `ExportResult` are loaded on first use, so importing this package (for
`default_page`, say) does not load reportlab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .paper import default_page, page_size

if TYPE_CHECKING:
    from .pdf import ExportResult, export_pdf

__all__ = ["ExportResult", "default_page", "export_pdf", "page_size"]


def __getattr__(name: str) -> Any:
    if name in ("export_pdf", "ExportResult", "SECTIONS"):
        from . import pdf

        return getattr(pdf, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

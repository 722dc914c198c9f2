"""What the PDF tests share: the examples, a fixed "today", and a PDF exported and read back
with pypdf (imported by name, not from conftest: tests/ui has a conftest of its own).

No Qt here: export must work without a display.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from driverdiagram.model import Diagram

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"
TODAY = dt.date(2026, 3, 12)


@dataclass
class Exported:
    """A written PDF, its export result, and its text (per page and all together)."""

    path: Path
    result: object
    reader: PdfReader
    pages: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    @property
    def flat(self) -> str:
        """All text with every run of whitespace made one space (wrapped lines joined)."""
        return flat(self.text)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def export(diagram: Diagram, path: Path, **kw) -> Exported:
    from driverdiagram.export import export_pdf

    kw.setdefault("today", TODAY)
    result = export_pdf(diagram, path, **kw)
    reader = PdfReader(str(path))
    return Exported(path, result, reader, [p.extract_text() or "" for p in reader.pages])

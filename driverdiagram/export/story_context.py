"""What a section of the PDF is given to write its story: one object, so that a section
plugged in later (`export/pdf_<key>.py` with a `story(ctx)` function, see `pdf.py`) needs
no change to the exporter's signature."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Diagram
from .pdf_fonts import Typesetter


@dataclass(frozen=True)
class StoryContext:
    diagram: Diagram
    ts: Typesetter  # measures and marks up text in the bundled font (and its fallbacks)
    width: float  # the frame's width, in points
    height: float  # the frame's height, in points
    today: dt.date
    contacts: bool = False  # print people's contact details (other people's private data: only when asked)

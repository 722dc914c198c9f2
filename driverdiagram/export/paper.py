"""Paper: the two sizes people print on, and which one this computer's locale expects.

No reportlab here, so the GUI can ask for the default paper without loading a PDF library.
"""

from __future__ import annotations

import locale
import os
from contextlib import suppress
from typing import Literal

Page = Literal["a4", "letter"]
Orientation = Literal["landscape", "portrait"]

MM = 72 / 25.4
SIZES: dict[str, tuple[float, float]] = {  # portrait width, height in points
    "a4": (210 * MM, 297 * MM),
    "letter": (612.0, 792.0),
}

# Countries whose printers are loaded with US Letter (glibc's LC_PAPER says "letter" for these).
LETTER_COUNTRIES = frozenset(
    {
        "US",
        "CA",
        "MX",
        "PH",
        "CL",
        "CO",
        "VE",
        "CR",
        "GT",
        "PA",
        "DO",
        "PR",
        "SV",
        "NI",
        "BZ",
    }
)
# Windows spells locales out: "English_United States.1252".
_LETTER_NAMES = (
    "united states",
    "canada",
    "mexico",
    "philippines",
    "chile",
    "colombia",
    "venezuela",
    "costa rica",
    "guatemala",
    "panama",
    "dominican republic",
    "puerto rico",
    "el salvador",
    "nicaragua",
    "belize",
)


def page_size(page: str, orientation: str) -> tuple[float, float]:
    """(width, height) in points of a paper size in an orientation."""
    if page not in SIZES:
        raise ValueError(f"Unknown paper size {page!r}; choose a4 or letter.")
    if orientation not in ("landscape", "portrait"):
        raise ValueError(f"Unknown orientation {orientation!r}; choose landscape or portrait.")
    w, h = SIZES[page]
    return (h, w) if orientation == "landscape" else (w, h)


def default_page(locale_name: str | None = None) -> Page:
    """Letter where the locale's country uses it (US, Canada, Mexico, the Philippines, …), else A4.

    `locale_name` (e.g. "en_US.UTF-8") is for tests; by default the paper locale of the
    environment (LC_ALL, LC_PAPER, LANG), else the process's own locale, is read.
    """
    names = [locale_name] if locale_name is not None else _locale_names()
    for name in names:
        if not name or name in ("C", "POSIX") or name.startswith("C."):
            continue
        return "letter" if _is_letter(name) else "a4"
    return "a4"


def _locale_names() -> list[str]:
    names = [os.environ.get(var, "") for var in ("LC_ALL", "LC_PAPER", "LANG")]
    with suppress(ValueError, locale.Error):  # the setting itself: getlocale() turns "C.UTF-8" into "en_US"
        names.append(locale.setlocale(locale.LC_CTYPE) or "")
    return names


def _is_letter(name: str) -> bool:
    full = locale.normalize(name)  # "en_us" -> "en_US.ISO8859-1", "fr_CA.utf8" -> "fr_CA.UTF-8"
    code = full.split(".")[0].split("@")[0]
    if "_" in code:
        country = code.split("_", 1)[1].upper()
        if len(country) == 2:
            return country in LETTER_COUNTRIES
    lowered = name.lower()
    return any(country in lowered for country in _LETTER_NAMES)

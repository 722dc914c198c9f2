"""Colours as people and other tools write them ("red", "#f00", "rgb(255, 0, 0)") read into
the one form a `.driver` file keeps ("#ff0000"); and the text colour that reads on a fill."""

from __future__ import annotations

import re

import webcolors

_CSS4 = {"rebeccapurple": "#663399"}  # the one name CSS Color 4 added to webcolors' CSS3 table
_RGB = re.compile(r"rgba?\(\s*([^,\s]+)\s*,\s*([^,\s]+)\s*,\s*([^,\s)]+)\s*(?:,\s*[^)]*)?\)", re.IGNORECASE)


def css_colour(text: str) -> str:
    """`text` as "#rrggbb"; "" for an empty text. ValueError says what is wrong with it.

    Takes the CSS forms a web tool writes: a colour name, #rgb, #rrggbb (and #rrggbbaa, its
    opacity dropped), rgb()/rgba() with numbers or percentages.
    """
    t = text.strip()
    if not t:
        return ""
    try:
        if t.startswith("#"):
            if len(t) == 9:  # #rrggbbaa: the fill is printed opaque
                t = t[:7]
            return webcolors.normalize_hex(t)
        m = _RGB.fullmatch(t)
        if m:
            parts = m.groups()
            if all(p.endswith("%") for p in parts):
                return webcolors.rgb_percent_to_hex(parts)
            values = [round(float(p)) for p in parts]
            if all(0 <= v <= 255 for v in values):
                return webcolors.rgb_to_hex(values)
            raise ValueError
        name = t.lower()
        return _CSS4.get(name) or webcolors.name_to_hex(name)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a colour: write a CSS colour such as #ffcc00, rgb(255, 204, 0) or a name like gold"
        ) from None


def luminance(hex_code: str) -> float:
    """The WCAG relative luminance of "#rrggbb" (0 black … 1 white)."""
    out = []
    for i in (1, 3, 5):
        c = int(hex_code[i : i + 2], 16) / 255
        out.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = out
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours (1 … 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(fill: str, dark: str = "#000000", light: str = "#ffffff") -> str:
    """The text colour, `dark` or `light`, that reads best on `fill` (black or white: one of them
    always reaches 4.58:1, past WCAG AA)."""
    return dark if contrast(fill, dark) >= contrast(fill, light) else light


def darker(hex_code: str, by: float = 0.35) -> str:
    """`hex_code` with each channel moved `by` of the way to black (a border for a fill)."""
    rgb = [round(int(hex_code[i : i + 2], 16) * (1 - by)) for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in rgb)

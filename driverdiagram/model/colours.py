"""Colours as people and other tools write them ("red", "#f00", "rgb(255, 0, 0)") read into
the one form a `.driver` file keeps ("#ff0000"); and the text colour that reads on a fill."""

from __future__ import annotations

import re

import webcolors

from ..colour_math import contrast, darker, luminance, text_on

__all__ = ["contrast", "css_colour", "darker", "luminance", "text_on"]

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

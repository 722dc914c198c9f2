"""WCAG colour maths on "#rrggbb" strings: relative luminance, contrast ratios, and the text
or ink colour that reads on a fill or a ground.

One home for the canvas, the PDF, the panels and the model, with no imports at all: the
welcome page uses it (a hint lightened for a dark window) before the model is imported.
"""

from __future__ import annotations

from functools import cache


@cache
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


def mix(a: str, b: str, by: float) -> str:
    """`a` moved `by` (0 … 1) of the way to `b`, channel by channel ("#rrggbb")."""
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * by):02x}" for x, y in zip(ca, cb, strict=True))


@cache
def legible(colour: str, ground: str, ratio: float = 4.5) -> str:
    """`colour` as it is when it reaches `ratio` against `ground`, else moved towards white (on
    a dark ground) or black (on a light one) just far enough: a colour meant for a light
    screen (a mark's, a hint's) that still reads, in its own hue, on a dark one."""
    if contrast(colour, ground) >= ratio:
        return colour
    target = "#ffffff" if contrast(ground, "#ffffff") > contrast(ground, "#000000") else "#000000"
    for step in range(1, 21):
        moved = mix(colour, target, step / 20)
        if contrast(moved, ground) >= ratio:
            return moved
    return target


def text_for(fill: str, preferred: str = "#FFFFFF") -> str:
    """The text colour on a small filled badge: `preferred` where it reads (4.5:1), else black
    or white, whichever reads better."""
    return preferred if contrast(fill, preferred) >= 4.5 else text_on(fill)

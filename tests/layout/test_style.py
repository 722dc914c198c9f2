"""Every kind of box reads apart on a greyscale printout (issue 14): by how light its fill
is, or, where two fills print as the same grey, by its border (corners, weight)."""

from __future__ import annotations

import itertools

from driverdiagram.layout.style import NODE_STYLES
from driverdiagram.model.colours import luminance


def test_every_kind_is_told_apart_without_colour() -> None:
    for (a, sa), (b, sb) in itertools.combinations(NODE_STYLES.items(), 2):
        greys_apart = abs(luminance(sa.fill) - luminance(sb.fill)) >= 0.08
        borders_apart = sa.radius != sb.radius and abs(sa.border_width - sb.border_width) >= 0.4
        assert greys_apart or borders_apart, f"{a.value} and {b.value} print alike in grey"


def test_text_is_dark_on_light_and_light_on_dark() -> None:
    for kind, s in NODE_STYLES.items():
        fill, text = luminance(s.fill), luminance(s.text)
        contrast = (max(fill, text) + 0.05) / (min(fill, text) + 0.05)
        assert contrast >= 4.5, f"{kind.value}: text contrast {contrast:.1f} (WCAG AA asks 4.5)"

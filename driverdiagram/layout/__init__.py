"""Pure geometry for the canvas and the PDF: node boxes, wrapped text, edge paths. No Qt.

`layout(diagram, options)` gives a `Geometry`; `LayoutEngine` keeps it fresh after edits;
`tidy_order(diagram)` is Tidy up (fewest crossings, as the user's new order).
"""

from .engine import LayoutEngine, crossing_count, driver_layers, layout, tidy_order
from .geometry import Box, Edge, Geometry, Heading, LayoutOptions

__all__ = [
    "Box",
    "Edge",
    "Geometry",
    "Heading",
    "LayoutEngine",
    "LayoutOptions",
    "crossing_count",
    "driver_layers",
    "layout",
    "tidy_order",
]

"""The layout's front door for the canvas and the PDF: geometry for a view, and Tidy up."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Literal

from ..model.diagram import Diagram
from ..model.schema import DRIVER_COLUMNS, LinkKind, NodeKind
from .columns import ColumnLayout, layout_columns
from .forcefield import layout_force_field
from .geometry import Geometry, LayoutOptions

View = Literal["columns", "force_field"]


def layout(d: Diagram, options: LayoutOptions | None = None, view: View = "columns") -> Geometry:
    """The geometry of `d` in the user's order (or the force-field view)."""
    if view == "force_field":
        return layout_force_field(d, options)
    return layout_columns(d, options)


class LayoutEngine:
    """Lays a diagram out again after each edit, and skips the work when nothing changed.

    The columns view keeps a `ColumnLayout`, which remembers its last layout: after an edit
    only the changed nodes' texts are measured again, and every box and line that did not
    change is the very object of the last geometry (the canvas skips those by identity);
    the rest is a linear pass over the diagram.
    """

    def __init__(self, options: LayoutOptions | None = None, view: View = "columns") -> None:
        self.options = options or LayoutOptions()
        self.view: View = view
        self._last: tuple[int, int, LayoutOptions, View] | None = None
        self._geometry: Geometry | None = None
        self._columns: ColumnLayout | None = None

    def set_options(self, **changes: Any) -> None:
        self.options = replace(self.options, **changes)

    def layout(self, d: Diagram) -> Geometry:
        key = (id(d), d.revision, self.options, self.view)
        if key != self._last or self._geometry is None:
            if self.view == "columns":
                if self._columns is None or self._columns.options != self.options:
                    self._columns = ColumnLayout(self.options)
                self._geometry = self._columns.layout(d)
            else:
                self._geometry = layout(d, self.options, self.view)
            self._last = key
        return self._geometry


def driver_layers(d: Diagram) -> tuple[list[list[str]], list[tuple[str, str]]]:
    """Each driver column's node ids in the user's order, and the driver links between them."""
    layers = [[n.id for n in d.nodes(kind)] for kind in DRIVER_COLUMNS]
    edges = [(link.source, link.target) for link in d.links() if link.kind is LinkKind.DRIVES]
    return layers, edges


def tidy_order(d: Diagram, *, budget_s: float | None = None) -> list[str]:
    """Tidy up: a new user order with as few crossings as we can find (for `set_order`).

    Anti-drivers keep their order; they hang under their targets wherever those go.
    """
    from .ordering import tidy_order as order_layers

    layers, edges = driver_layers(d)
    new_layers = order_layers(layers, edges, budget_s=budget_s)
    return [v for layer in new_layers for v in layer] + [n.id for n in d.nodes(NodeKind.ANTI_DRIVER)]


def crossing_count(d: Diagram) -> int:
    """Crossings between driver links in the user's order (what the columns view shows)."""
    from .ordering import count_crossings

    return count_crossings(*driver_layers(d))

"""The notes pin on a node: how many mentor and mentee notes are on it, and whether any
still wait for an answer (red: an open gap; amber: other open notes; grey: all resolved).

Computed from the model when the notes change, like the measures badges
(measure_badges.py), and painted by the node item at its top-right corner, over the
border; hovering the node lists the notes in its tooltip.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Annotation, AnnotationKind, Diagram

GAP_COLOUR = "#C00000"  # an open gap: the mentor sees something missing
OPEN_COLOUR = "#D98E04"  # amber: open comments, questions, actions
RESOLVED_COLOUR = "#9E9E9E"  # every note on the node is resolved
# on a dark canvas: the same three, lighter, so that a pin shows on a dark box and background
DARK_PIN_COLOURS = {GAP_COLOUR: "#F06A6A", OPEN_COLOUR: "#E0A030", RESOLVED_COLOUR: "#8A8A8A"}
TIP_TEXT = 90  # characters of a note's text in the tooltip


@dataclass(frozen=True)
class NotePin:
    count: int
    colour: str
    tip: str

    @property
    def text(self) -> str:
        return str(self.count)


def pin_colours(pin: NotePin, dark: bool = False) -> str:
    """The pin's fill in the light or the dark scheme (its count is painted in white or
    black, whichever reads on it: layout.style.text_for)."""
    return DARK_PIN_COLOURS.get(pin.colour, pin.colour) if dark else pin.colour


def short(text: str, limit: int) -> str:
    """One line of at most `limit` characters (an ellipsis says there is more)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def note_line(note: Annotation, limit: int = TIP_TEXT) -> str:
    """A note as the tooltip lists it: "Gap — Prof. Lena Hoffmann, 2026-01-06: Nothing …"."""
    who = note.author or note.role.value
    state = f" (resolved {note.resolved.isoformat()})" if note.resolved else ""
    return f"{note.kind.label} — {who}, {note.created.isoformat()}{state}: {short(note.text, limit)}"


def in_order(notes: Iterable[Annotation]) -> list[Annotation]:
    """Open notes first, each group newest first."""
    return sorted(notes, key=lambda n: (n.resolved is not None, -n.created.toordinal()))


def pin_for(notes: list[Annotation]) -> NotePin:
    open_notes = [n for n in notes if n.resolved is None]
    if any(n.kind is AnnotationKind.GAP for n in open_notes):
        colour = GAP_COLOUR
    elif open_notes:
        colour = OPEN_COLOUR
    else:
        colour = RESOLVED_COLOUR
    plural = "s" if len(notes) != 1 else ""
    head = (
        f"{len(notes)} note{plural}, {len(open_notes)} open:"
        if open_notes
        else f"{len(notes)} note{plural}, all resolved:"
    )
    tip = head + "\n" + "\n".join(note_line(n) for n in in_order(notes))
    return NotePin(len(notes), colour, tip)


def note_pins(d: Diagram) -> dict[str, NotePin]:
    """One pin per node that has notes (notes on the whole diagram have no node to pin)."""
    by_node: dict[str, list[Annotation]] = {}
    for note in d.items("annotations"):
        if note.node_id is not None:
            by_node.setdefault(note.node_id, []).append(note)
    return {node_id: pin_for(notes) for node_id, notes in by_node.items()}

"""The personal board of advisors, read against the diagram: who helps with which driver,
and where the network has holes. Pure (no Qt, no reportlab); nothing here changes a diagram.

The mentoring-map exercise "circle two gaps" asks for an area nobody helps with and an area
that rests on a single person. Here an *area* is a driver, and its help is counted with
everything below it along the driver links:

- a primary driver's support is the people who help with it directly (`supporters`) and
  the people who help with one of its secondary drivers, or a change idea under those,
  but not with it directly (`via_children`): help with a part of an area is help with it;
- a secondary driver's support is counted the same way, with the change ideas under it;
- `hole` is "none" when nobody at all supports the driver (it nor anything below it),
  "single" when exactly one distinct person does, else None.

This is the rule the gap finder's `driver_unsupported` has always used ("neither the driver
nor any node below it"), and `driver_single_supporter` follows from it. Help with the aim or
with an anti-driver supports no driver; a `helps_with` id that names no node is ignored.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

import networkx as nx

from .diagram import Diagram
from .schema import NodeKind, Person, PersonRole

ROLE_LABELS: dict[PersonRole, str] = {
    PersonRole.CAREER_MENTOR: "Career mentor",
    PersonRole.RESEARCH_MENTOR: "Research / content mentor",
    PersonRole.SPONSOR: "Sponsor",
    PersonRole.PEER_MENTOR: "Peer mentor",
    PersonRole.COACH: "Coach",
    PersonRole.FAMILY: "Family / friend",
    PersonRole.OTHER: "Other",
}
"""A person's role in the users' words ("Sponsor", "Peer mentor"): one list for the app and paper."""


@dataclass(frozen=True)
class NetworkRow:
    """One driver and who supports it."""

    node_id: str  # a primary or secondary driver
    supporters: tuple[str, ...]  # ids of the people who help with it directly, in the document's order
    via_children: tuple[str, ...]  # ids of the people who help only with something below it

    @property
    def everyone(self) -> tuple[str, ...]:
        """Every person who supports the driver, directly or below it."""
        return self.supporters + self.via_children

    @property
    def hole(self) -> str | None:
        """ "none" (no one at all, directly or below), "single" (exactly one person in all), or None."""
        n = len(self.everyone)
        return "none" if n == 0 else "single" if n == 1 else None


@dataclass(frozen=True)
class NetworkAnalysis:
    people: tuple[Person, ...]  # the board of advisors, in the document's order
    rows: tuple[NetworkRow, ...]
    """Primary drivers in the diagram's order, each followed by its secondary drivers (one
    under several primary drivers appears under the first of them only; one under none, at
    the end)."""

    def unsupported(self) -> list[str]:
        """The drivers nobody helps with, nor with anything below them (rows' order)."""
        return [r.node_id for r in self.rows if r.hole == "none"]

    def single(self) -> list[str]:
        """The drivers that rest on one person (rows' order)."""
        return [r.node_id for r in self.rows if r.hole == "single"]

    def helps(self, person_id: str, node_id: str) -> bool:
        """Whether the person's `helps_with` names the node itself."""
        return node_id in self._helps.get(person_id, frozenset())

    def row(self, node_id: str) -> NetworkRow | None:
        return self._rows.get(node_id)

    def person(self, person_id: str) -> Person | None:
        return self._people.get(person_id)

    def covered(self) -> list[str]:
        """The drivers someone supports (directly or below), rows' order."""
        return [r.node_id for r in self.rows if r.everyone]

    def helping(self) -> list[Person]:
        """The people who support at least one driver."""
        ids = {pid for r in self.rows for pid in r.everyone}
        return [p for p in self.people if p.id in ids]

    @cached_property
    def _helps(self) -> dict[str, frozenset[str]]:
        return {p.id: frozenset(p.helps_with) for p in self.people}

    @cached_property
    def _rows(self) -> dict[str, NetworkRow]:
        return {r.node_id: r for r in self.rows}

    @cached_property
    def _people(self) -> dict[str, Person]:
        return {p.id: p for p in self.people}


def supporters_by_node(d: Diagram) -> dict[str, list[Person]]:
    """Every node id of `d` (in the diagram's order) -> the people whose `helps_with` names it,
    in the document's order, each once; [] for a node nobody names."""
    by_node: dict[str, list[Person]] = {n.id: [] for n in d.nodes()}
    for person in d.items("people"):
        for ref in dict.fromkeys(person.helps_with):
            if ref in by_node:
                by_node[ref].append(person)
    return by_node


def analyse_network(d: Diagram) -> NetworkAnalysis:
    """Who supports each primary and secondary driver of `d`, and where the holes are."""
    people: tuple[Person, ...] = tuple(d.items("people"))
    direct = supporters_by_node(d)
    order = {p.id: i for i, p in enumerate(people)}
    drive = d.drive_graph()

    def row(node_id: str) -> NetworkRow:
        own = tuple(p.id for p in direct[node_id])
        mine = set(own)
        below: set[str] = set()
        for other in nx.descendants(drive, node_id):
            below.update(p.id for p in direct.get(other, ()) if p.id not in mine)
        return NetworkRow(node_id, own, tuple(sorted(below, key=order.__getitem__)))

    rows: list[NetworkRow] = []
    shown: set[str] = set()
    for primary in d.nodes(NodeKind.PRIMARY):
        rows.append(row(primary.id))
        for child in d.children(primary.id):
            if child.kind is NodeKind.SECONDARY and child.id not in shown:
                shown.add(child.id)
                rows.append(row(child.id))
    rows += [row(s.id) for s in d.nodes(NodeKind.SECONDARY) if s.id not in shown]  # never lose one
    return NetworkAnalysis(people, tuple(rows))


_TITLES = frozenset({
    "dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame", "lord", "lady",
    "rev", "revd", "reverend", "fr", "father", "sr", "sister", "br", "brother", "judge",
})  # fmt: skip
_SUFFIXES = frozenset({
    "jr", "jnr", "snr", "ii", "iii", "iv", "md", "phd", "dphil", "mba", "mph", "msc", "bsc", "rn",
    "frcp", "frcs", "frcpc", "facp", "mbbs", "mbchb", "esq",
})  # fmt: skip
_SPLIT = re.compile(r"[\s,;/]+")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def initials(name: str) -> str:
    """A name's initials for a narrow column: "Prof. Lena Hoffmann" -> "LH".

    Titles (Dr., Prof., Mr, Ms, Mrs, Mx, Sir, Dame …) and letters after the name (PhD, MD,
    Jr …) are left out, and so are words in brackets and lower-case particles ("van", "de")
    when the name has capitalised words. At most three letters: the first two words' and the
    last one's. Scripts without capitals give the first letter of each word ("王 伟" -> "王伟");
    a name with no letter at all gives "?"."""
    words = [w for w in _SPLIT.split(_BRACKETS.sub(" ", unicodedata.normalize("NFC", name))) if _first(w)]
    if not words:
        return "?"
    named = [w for w in words if _bare(w) not in _TITLES and _bare(w) not in _SUFFIXES] or words
    capital = [w for w in named if not _first(w).islower()]
    kept = capital or named
    if len(kept) > 3:
        kept = kept[:2] + kept[-1:]
    return "".join(_upper(_first(w)) for w in kept)


def _bare(word: str) -> str:
    return word.strip(".'’\"").lower()


def _first(word: str) -> str:
    """The word's first letter (or digit) with the marks that combine with it; "" if none."""
    for i, ch in enumerate(word):
        if ch.isalnum():
            j = i + 1
            while j < len(word) and unicodedata.combining(word[j]):
                j += 1
            return word[i:j]
    return ""


def _upper(letter: str) -> str:
    up = letter.upper()
    return up if len(up) == len(letter) else letter  # "ß" stays itself, not "SS"

"""The FreeSPC driver-diagram tool's CSV columns, and writing a diagram as that CSV (reading
it is `freespc.py`). `write_freespc` writes what the tool reads, with its defaults for its
settings and its line ends (PapaParse's "\\r\\n"), and says what it left out. No Qt, no files.
"""

from __future__ import annotations

import csv
import io
import json

import webcolors

from .compact import has_content
from .diagram import Diagram
from .outline import Written
from .schema import DRIVER_COLUMNS, LinkKind, LinkStrength, Measure
from .schema import NodeKind as K

HEADER = (
    "id,level,parent_id,text,color,auto_size,extra_parents,box_height,vertical_gap,font_size,font_family,font_bold,"
    "title_aim,title_primary,title_secondary,title_change,palette_json,measures_json"
)
COLUMNS = tuple(HEADER.split(","))
REQUIRED = ("id", "level", "text")
LEVELS = {"aim": K.OUTCOME, "primary": K.PRIMARY, "secondary": K.SECONDARY, "change": K.CHANGE_IDEA}
LEVEL_OF = {kind: level for level, kind in LEVELS.items()}
TITLES = dict(zip(COLUMNS[12:16], DRIVER_COLUMNS, strict=True))  # title_aim … title_change
TOOL_SETTINGS = {"box_height": "32", "vertical_gap": "8", "font_size": "13", "font_family": "", "font_bold": "0"}
"""The web tool's defaults for its diagram-wide appearance (driver.js, `diagramAppearance`)."""


def write_freespc(d: Diagram) -> Written:
    """The diagram as the tool's CSV, and what it leaves out (the CSV holds the four columns'
    boxes, their links, colours and measures' names and types, and the column titles)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(COLUMNS)
    boxes = [n for kind in DRIVER_COLUMNS for n in d.nodes(kind)]
    titles = [d.info.headings.text(kind) for kind in DRIVER_COLUMNS]
    colours = list(dict.fromkeys(n.colour for n in boxes if n.colour))
    palette = _json([{"label": _colour_name(c), "value": c} for c in colours])
    measures: dict[str, list[dict[str, str]]] = {}
    for m in d.items("measures"):
        measures.setdefault(m.node_id, []).append({"type": m.type.value, "text": m.name})
    for n in boxes:
        parents = [p.id for p in d.parents(n.id)]
        w.writerow(
            [n.id, LEVEL_OF[n.kind], parents[0] if parents else "", n.text, n.colour, "1", ";".join(parents[1:])]
            + list(TOOL_SETTINGS.values())
            + titles
            + [palette, _json(measures.get(n.id, []))]
        )
    return Written(out.getvalue(), _left_out(d))


def _left_out(d: Diagram) -> list[str]:
    """What the CSV cannot hold, in the users' words with counts."""
    left: list[str] = []
    anti = {n.id for n in d.nodes(K.ANTI_DRIVER)}
    on_anti = sum(1 for m in d.items("measures") if m.node_id in anti)
    if anti:
        also = f" and {_n(on_anti, 'measure')} on them" if on_anti else ""
        left.append(f"{_n(len(anti), 'anti-driver')} (barriers){also}")
    links = d.links()
    if counters := sum(1 for lk in links if lk.kind is LinkKind.COUNTERS):
        left.append(f"{_n(counters, 'link')} from a change idea to the barrier it counters")
    if weak := sum(1 for lk in links if lk.kind is LinkKind.DRIVES and lk.strength is LinkStrength.WEAK):
        left.append(f"the dashed line of {_n(weak, 'weak link')} (the CSV draws every link solid)")
    boxes = [n for n in d.nodes() if n.id not in anti]
    if scored := sum(1 for n in boxes if n.strength is not None):
        left.append(f"the strength scores of {_n(scored, 'driver')}")
    if described := sum(1 for n in boxes if n.description.strip() or n.tags):
        left.append(f"the descriptions and tags of {_n(described, 'box', 'boxes')}")
    if untitled := sum(1 for n in boxes if not n.text.strip()):
        left.append(f"{_n(untitled, 'box', 'boxes')} with no text (the FreeSPC tool skips a box without text)")
    kept = [m for m in d.items("measures") if m.node_id not in anti]
    plain = Measure(id="x", node_id="x", name="x")
    if detailed := sum(1 for m in kept if m.but(id="x", node_id="x", name="x", type="process", data=[]) != plain):
        left.append(f"the definitions, targets and other details of {_n(detailed, 'measure')}")
    if points := sum(len(m.data) for m in kept):
        left.append(_n(points, "data point"))
    for collection, one, many in (
        ("annotations", "note", "notes"),
        ("people", "person on the network", "people on the network"),
        ("milestones", "milestone", "milestones"),
        ("meetings", "meeting", "meetings"),
        ("parking_lot", "parking-lot item", "parking-lot items"),
    ):
        if k := len(d.items(collection)):
            left.append(_n(k, one, many))
    if has_content(d.compact):
        left.append("the compact")
    if named := [w for w in ("title", "mentee", "mentor", "horizon") if str(getattr(d.info, w)).strip()]:
        left.append(f"the diagram's {_and(named)}")
    return left


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))  # as the tool's JSON.stringify


def _colour_name(hex_code: str) -> str:
    try:
        return webcolors.hex_to_name(hex_code)
    except ValueError:
        return hex_code


def _n(k: int, one: str, many: str | None = None) -> str:
    return f"{k:,} {one if k == 1 else many or one + 's'}"


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]

"""A driver diagram as an outline: a Markdown bullet list, or the indented lines pasted from
Word or a notes app.

Depth is the column: the aim, its primary drivers one level in, their secondary drivers, and
their change ideas. A line may say what it is ("Aim: …", "Barrier (3/5): …", "Measure
(process): …", "Counters: …"); a barrier or a measure belongs to the line it is under. A
text that appears again under a second parent is a second link to the same node, not a
second node (so a secondary driver that feeds two primary drivers is written under both).
A column's order is the order its nodes first appear in (for a node with several parents
that is under the first of them to be written, which may differ from a hand-made order).

    - Aim: Promoted to associate professor by June 2030
      - Research skills
        - Barrier (3/5): Impostor syndrome
        - Protected research time
          - Block Friday mornings for writing
          - Measure (process): Protected writing hours per week

`read_outline` reports every problem with its line number and builds nothing when the
structure is broken; `write_outline` writes what an outline can hold and says what it left
out. Pure Python: no Qt, no files (the caller reads and writes them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .diagram import Diagram
from .errors import DiagramError, ImportProblems
from .schema import LinkKind, LinkStrength, Measure, MeasureType, NodeKind

KINDS = (NodeKind.OUTCOME, NodeKind.PRIMARY, NodeKind.SECONDARY, NodeKind.CHANGE_IDEA)

_BULLET = re.compile(r"^(?:[-*+•‣◦▪–]|\d{1,3}[.)])\s+")
_AIM = re.compile(r"^(?:aim|outcome)\s*:\s*", re.IGNORECASE)
_BARRIER = re.compile(r"^(?:barrier|anti-?driver)\s*(?:\(\s*(\d+)\s*(?:/\s*5)?\s*\))?\s*:\s*", re.IGNORECASE)
_MEASURE = re.compile(r"^measure\s*(?:\(\s*([a-z]+)\s*\))?\s*:\s*", re.IGNORECASE)
_COUNTERS = re.compile(r"^counters\s*:\s*", re.IGNORECASE)
_WEAK = re.compile(r"\s*\(weak\)\s*$", re.IGNORECASE)


class OutlineError(ImportProblems):
    """An outline that cannot become a diagram; `problems` are "line N: what is wrong" each."""

    what = "The outline"


@dataclass
class _Line:
    number: int
    indent: int
    text: str


@dataclass
class Written:
    text: str
    left_out: list[str] = field(default_factory=list)  # what the outline could not hold, in words


def decode(data: bytes, name: str = "the file") -> str:
    """The text of an outline file, or an OutlineError that says why it is none."""
    if not data.strip():
        raise OutlineError([f"{name} is empty: an outline needs at least the aim on its first line"])
    if b"\x00" in data[:4096]:
        raise OutlineError([f"{name} is not text (it holds binary data): export the outline as plain text or Markdown"])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise OutlineError(
            [f"line {line}: not UTF-8 text (byte {e.start + 1}); save the outline as UTF-8 and import it again"]
        ) from None


def read_outline(text: str, title: str = "") -> Diagram:
    """The diagram an outline describes; OutlineError with every problem (and its line) when
    it describes none. A Markdown heading above the aim ("# My plan") is the diagram's title
    (else `title`, e.g. the file's name)."""
    title = _heading(text) or title
    lines = _lines(text)
    problems: list[str] = []
    if not lines:
        raise OutlineError(["the outline has no lines with text: it needs at least the aim"])
    levels = _levels(lines)
    first = lines[0]
    aim_text = _AIM.sub("", first.text).strip()
    if levels[0] != 0 or _BARRIER.match(first.text) or _MEASURE.match(first.text):
        problems.append(f"line {first.number}: the first line is the aim (the outcome): '{first.text}' is not")
    d = Diagram.new(aim_text or first.text, title=title)
    stack: list[tuple[int, str | None, NodeKind | None]] = [(0, d.outcome.id, NodeKind.OUTCOME)]  # level, id, kind
    by_text: dict[tuple[NodeKind, str], str] = {}
    barriers: dict[str, str] = {}  # text -> id
    counters: list[tuple[int, str, str]] = []  # (line, change idea id, barrier text)
    for line, level in zip(lines[1:], levels[1:], strict=True):
        n, raw = line.number, line.text
        while stack and stack[-1][0] >= level:
            stack.pop()
        if not stack:
            problems.append(f"line {n}: '{_short(raw)}' is level with the aim; there is only one aim")
            stack = [(0, d.outcome.id, NodeKind.OUTCOME)]
            continue
        parent_level, parent, parent_kind = stack[-1]
        if parent is None or parent_kind is None:
            problems.append(f"line {n}: '{_short(raw)}' is under a line that was not imported")
            stack.append((level, None, None))
            continue
        if level > parent_level + 1 and not (_BARRIER.match(raw) or _MEASURE.match(raw) or _COUNTERS.match(raw)):
            problems.append(
                f"line {n}: '{_short(raw)}' is indented more than one level below line {_line_of(lines, levels, n)};"
                " each level is the next column"
            )
        try:
            if m := _BARRIER.match(raw):
                strength = int(m.group(1)) if m.group(1) else 3
                if not 1 <= strength <= 5:
                    problems.append(f"line {n}: a barrier's strength is 1 to 5, not {strength}")
                    strength = 3
                node = d.add_node(NodeKind.ANTI_DRIVER, raw[m.end() :].strip(), parent=parent, strength=strength)
                barriers.setdefault(" ".join(node.text.split()).casefold(), node.id)
                stack.append((level, None, None))
            elif m := _MEASURE.match(raw):
                kind = (m.group(1) or "process").lower()
                if kind not in {t.value for t in MeasureType}:
                    problems.append(f"line {n}: a measure is an outcome, process or balancing measure, not '{kind}'")
                    kind = "process"
                name = raw[m.end() :].strip()
                d.add_item("measures", Measure(id=d.new_id(), node_id=parent, name=name, type=MeasureType(kind)))
                stack.append((level, None, None))
            elif m := _COUNTERS.match(raw):
                if parent_kind is not NodeKind.CHANGE_IDEA:
                    problems.append(
                        f"line {n}: only a change idea counters a barrier; this is under a {parent_kind.label}"
                    )
                else:
                    counters.append((n, parent, raw[m.end() :].strip()))
                stack.append((level, None, None))
            else:
                kind = _next(parent_kind)
                if kind is None:
                    problems.append(
                        f"line {n}: '{_short(raw)}' is deeper than the change ideas (four levels: the aim, primary"
                        " drivers, secondary drivers, change ideas)"
                    )
                    stack.append((level, None, None))
                    continue
                weak = bool(_WEAK.search(raw))
                text = _WEAK.sub("", raw).strip()
                key = (kind, " ".join(text.split()).casefold())
                link_strength = LinkStrength.WEAK if weak else LinkStrength.STRONG
                known = by_text.get(key)
                if known is not None and kind is not NodeKind.PRIMARY:  # the same text again: a second link
                    if not any(lk.source == parent and lk.target == known for lk in d.links()):
                        d.connect(parent, known, strength=link_strength)
                    stack.append((level, known, kind))
                else:
                    node = d.add_node(kind, text, parent=parent, link_strength=link_strength)
                    by_text.setdefault(key, node.id)
                    stack.append((level, node.id, kind))
        except DiagramError as e:
            problems.append(f"line {n}: {e}")
            stack.append((level, None, None))
    for n, idea, wanted in counters:
        barrier = barriers.get(" ".join(wanted.split()).casefold())
        if barrier is None:
            problems.append(f"line {n}: no barrier in the outline is called '{_short(wanted)}'")
            continue
        try:
            d.connect(idea, barrier)
        except DiagramError as e:
            problems.append(f"line {n}: {e}")
    if problems:
        raise OutlineError(problems)
    return d


def read_branch(text: str, under: NodeKind) -> tuple[Diagram, str]:
    """An outline pasted under a node of kind `under`: its top lines are `under`'s children
    (secondary drivers under a primary driver …; change ideas beside a change idea).

    Returns a diagram holding the branch and the id of the node the top lines hang from
    (made up, like the aim above it: only what hangs from it is meant). Line numbers in an
    OutlineError are the pasted text's own. An outline that starts with "Aim:" pasted on
    the outcome is a whole diagram: its drivers are the branch.
    """
    if under is NodeKind.OUTCOME and (lines := _lines(text)) and _AIM.match(lines[0].text):
        d = read_outline(text)
        return d, d.outcome.id
    kind = under if under is NodeKind.CHANGE_IDEA else _next(under) or NodeKind.PRIMARY
    depth = KINDS.index(kind)  # the made-up lines above the pasted ones
    head = [" " * i + ("Aim: ·" if i == 0 else "·") for i in range(depth)]
    wrapped = "\n".join(head + [" " * depth + line for line in text.splitlines()])
    try:
        d = read_outline(wrapped)
    except OutlineError as e:
        raise OutlineError(
            [re.sub(r"^line (\d+)", lambda m: f"line {int(m.group(1)) - depth}", p) for p in e.problems]
        ) from None
    anchor = d.outcome.id
    for _ in range(depth - 1):
        anchor = d.children(anchor)[0].id
    return d, anchor


def write_outline(d: Diagram) -> Written:
    """The diagram as a Markdown outline, and what it leaves out (an outline holds the nodes,
    their links, barriers with strengths, countering links and measures' names and types)."""
    out: list[str] = []
    kids: dict[str, list[str]] = {}
    weak: set[tuple[str, str]] = set()
    hinders: dict[str, list[str]] = {}
    counters: dict[str, list[str]] = {}
    for lk in d.links():
        if lk.kind is LinkKind.DRIVES:
            kids.setdefault(lk.source, []).append(lk.target)
            if lk.strength is LinkStrength.WEAK:
                weak.add((lk.source, lk.target))
        elif lk.kind is LinkKind.HINDERS:
            hinders.setdefault(lk.target, []).append(lk.source)
        elif lk.kind is LinkKind.COUNTERS:
            counters.setdefault(lk.source, []).append(lk.target)
    rank = {nid: i for i, nid in enumerate(d.order)}
    measures: dict[str, list[Measure]] = {}
    for m in d.items("measures"):
        measures.setdefault(m.node_id, []).append(m)

    def line(depth: int, text: str) -> None:
        out.append("  " * depth + "- " + " ".join(text.split()))

    def node(nid: str, depth: int, parent: str | None) -> None:
        n = d.node(nid)
        text = n.text if n.kind is not NodeKind.OUTCOME else f"Aim: {n.text}"
        line(depth, text + (" (weak)" if parent is not None and (parent, nid) in weak else ""))
        if parent is not None and _first_parent(d, nid) != parent:
            return  # written in full under its first parent
        for a in hinders.get(nid, ()):
            anti = d.node(a)
            line(depth + 1, f"Barrier ({anti.strength or 3}/5): {anti.text}")
        for m in measures.get(nid, ()):
            line(depth + 1, f"Measure ({m.type.value}): {m.name}")
        for b in counters.get(nid, ()):
            line(depth + 1, f"Counters: {d.node(b).text}")
        for k in sorted(kids.get(nid, ()), key=rank.__getitem__):
            node(k, depth + 1, nid)

    node(d.outcome.id, 0, None)
    title = " ".join(d.info.title.split())
    if title:  # the title as the heading a Markdown reader shows (and read_outline reads back)
        out[:0] = [f"# {title}", ""]
    left = _left_out(d)
    return Written("\n".join(out) + "\n", left)


def _first_parent(d: Diagram, nid: str) -> str | None:
    rank = {i: k for k, i in enumerate(d.order)}
    parents = [lk.source for lk in d.links() if lk.kind is LinkKind.DRIVES and lk.target == nid]
    return min(parents, key=rank.__getitem__) if parents else None


def _left_out(d: Diagram) -> list[str]:
    left = []
    described = sum(1 for n in d.nodes() if n.description.strip() or n.tags)
    if described:
        left.append(f"the descriptions and tags of {described} node{'s' if described != 1 else ''}")
    points = sum(len(m.data) for m in d.items("measures"))
    if points:
        left.append(f"{points} data point{'s' if points != 1 else ''} and the measures' definitions and targets")
    for collection, words in (
        ("annotations", "notes"),
        ("meetings", "meetings"),
        ("milestones", "milestones"),
        ("people", "people"),
        ("parking_lot", "parking-lot items"),
    ):
        try:
            k = len(d.items(collection))
        except (KeyError, ValueError, DiagramError):
            continue
        if k:
            left.append(f"{k} {words}")
    return left


def _heading(text: str) -> str:
    """The text of the first Markdown heading before any line of the outline, or ""."""
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        body = raw.strip()
        if not body:
            continue
        if body.startswith("#") and not _BULLET.match(body):
            return " ".join(body.lstrip("#").split())
        return ""
    return ""


def _lines(text: str) -> list[_Line]:
    out = []
    for i, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        expanded = raw.replace("\t", "    ")
        body = expanded.strip()
        if not body or body.startswith("#") and not _BULLET.match(body):
            continue  # blank lines and Markdown headings
        indent = len(expanded) - len(expanded.lstrip(" "))
        body = _BULLET.sub("", body).strip()
        if body:
            out.append(_Line(i, indent, body))
    return out


def _levels(lines: list[_Line]) -> list[int]:
    """Each line's depth: its indentation among the distinct indentations met above it (so
    two spaces, four spaces or a tab a level all work)."""
    stack: list[int] = []
    out = []
    for ln in lines:
        while stack and stack[-1] > ln.indent:
            stack.pop()
        if not stack or stack[-1] < ln.indent:
            stack.append(ln.indent)
        out.append(len(stack) - 1)
    return out


def _line_of(lines: list[_Line], levels: list[int], number: int) -> int:
    """The line number of the nearest line above `number` that is less indented."""
    at = next(i for i, ln in enumerate(lines) if ln.number == number)
    for j in range(at - 1, -1, -1):
        if levels[j] < levels[at]:
            return lines[j].number
    return lines[0].number


def _next(kind: NodeKind) -> NodeKind | None:
    i = KINDS.index(kind) if kind in KINDS else -1
    return KINDS[i + 1] if 0 <= i < len(KINDS) - 1 else None


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

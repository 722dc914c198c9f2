"""Copy, cut and paste of subtrees: the selected nodes with everything below them.

The clipboard carries our own JSON (and an indented outline as plain text for other
apps). Pasting onto a node adds the copied roots under it when their kind fits (secondary
drivers onto a primary driver), or beside it when they are of its own kind. Plain text
(an outline from Word, a notes app, a Markdown list) pastes as a branch under the node:
its top lines become the node's children (`model.outline.read_branch`), with their
barriers and measures.
"""

from __future__ import annotations

import json

import networkx as nx
from PySide6.QtCore import QMimeData

from ..model import Diagram, LinkStrength, Measure, Node, NodeKind
from ..model.outline import OutlineError, read_branch
from ..model.rules import PARENT_KIND, describe
from .document import Document

MIME = "application/x-driverdiagram-nodes"


def copy_payload(d: Diagram, ids: list[str]) -> dict:
    """The selected nodes, their descendants, the barriers on them, and the links among them."""
    drives = d.drive_graph()
    keep: set[str] = set()
    for i in ids:
        if d.node(i).kind is NodeKind.OUTCOME:
            keep |= {c.id for c in d.children(i)}
            for c in d.children(i):
                keep |= nx.descendants(drives, c.id)
            continue
        keep.add(i)
        keep |= nx.descendants(drives, i)
    keep |= {a.id for k in list(keep) for a in d.anti_drivers(k)}
    nodes = [n.model_dump(mode="json") for n in d.nodes() if n.id in keep]
    links = [lk.model_dump(mode="json") for lk in d.links() if lk.source in keep and lk.target in keep]
    measures = [m.model_dump(mode="json") for m in d.items("measures") if m.node_id in keep]
    return {"nodes": nodes, "links": links, "measures": measures}


def to_mime(d: Diagram, ids: list[str]) -> QMimeData | None:
    payload = copy_payload(d, ids)
    if not payload["nodes"]:
        return None
    data = QMimeData()
    data.setData(MIME, json.dumps(payload).encode("utf-8"))
    data.setText(_outline(payload))
    return data


def _outline(payload: dict) -> str:
    depth = {"primary": 0, "secondary": 1, "change_idea": 2, "anti_driver": 1}
    return "\n".join(
        "  " * depth.get(n["kind"], 0) + ("⚠ " if n["kind"] == "anti_driver" else "") + n["text"]
        for n in payload["nodes"]
    )


def paste(document: Document, mime: QMimeData, target_id: str) -> list[str]:
    """Paste under (or beside) `target_id` as one undo step; returns the new roots' ids."""
    if not mime.hasFormat(MIME):
        if mime.hasText() and mime.text().strip():
            return paste_outline(document, mime.text(), target_id)
        document.refuse("The clipboard holds no diagram nodes or outline to paste.")
        return []
    try:
        payload = json.loads(bytes(mime.data(MIME)).decode("utf-8"))
    except (ValueError, KeyError, TypeError):
        document.refuse("The clipboard's nodes could not be read.")
        return []
    return _paste_payload(document, payload, target_id)


def paste_outline(document: Document, text: str, target_id: str) -> list[str]:
    """An outline pasted as a branch under `target_id` (one undo step); the new roots' ids."""
    target = document.diagram.node(target_id)
    if target.kind is NodeKind.ANTI_DRIVER:
        document.refuse("An outline is pasted under a driver or beside a change idea, not on a barrier.")
        return []
    try:
        branch, anchor = read_branch(text, target.kind)
    except OutlineError as e:
        document.refuse(str(e).replace("nothing was imported", "nothing was pasted"))
        return []
    roots = [c.id for c in branch.children(anchor)] + [a.id for a in branch.anti_drivers(anchor)]
    if not roots:
        document.refuse("The clipboard's text holds no lines to paste.")
        return []
    return _paste_payload(document, copy_payload(branch, roots), target_id)


def _paste_payload(document: Document, payload: dict, target_id: str) -> list[str]:
    try:
        nodes = [Node.model_validate(n) for n in payload["nodes"]]
        measures = [Measure.model_validate(m) for m in payload.get("measures", [])]
    except (ValueError, KeyError, TypeError):
        document.refuse("The clipboard's nodes could not be read.")
        return []
    d = document.diagram
    target = d.node(target_id)
    links = payload.get("links", [])
    parent_of: dict[str, str] = {}
    for lk in links:
        if lk["kind"] in ("drives", "hinders"):
            child = lk["target"] if lk["kind"] == "drives" else lk["source"]
            parent_of.setdefault(child, lk["source"] if lk["kind"] == "drives" else lk["target"])
    roots = [n for n in nodes if n.id not in parent_of]
    attach: dict[str, str] = {}
    for root in roots:
        if root.kind is NodeKind.ANTI_DRIVER:
            where = target if target.kind in (NodeKind.OUTCOME, NodeKind.PRIMARY, NodeKind.SECONDARY) else None
        elif PARENT_KIND.get(root.kind) is target.kind:
            where = target
        elif root.kind is target.kind and d.parents(target_id):
            where = d.parents(target_id)[0]
        else:
            where = None
        if where is None:
            document.refuse(f"A copied {root.kind.label} cannot go under or beside {describe(target)}.")
            return []
        attach[root.id] = where.id
    new_ids = {n.id: d.new_id() for n in nodes}
    order = sorted(nodes, key=lambda n: (n.kind is NodeKind.ANTI_DRIVER, n.kind.column or 0))
    with document.batch(f"Paste {len(nodes)} node{'s' if len(nodes) != 1 else ''}"):
        for n in order:
            parent = attach.get(n.id) or new_ids[parent_of[n.id]]
            fields = n.model_dump(exclude={"id", "kind", "text"})
            if not document.push_add(n.kind, parent, n.text, node_id=new_ids[n.id], **fields):
                break
        for lk in links:  # the extra parents and the counters among the copied nodes
            s, t = new_ids.get(lk["source"]), new_ids.get(lk["target"])
            if s in d and t in d and not d.has_link(s, t):
                document.push_link(s, t, LinkStrength(lk.get("strength", "strong")))
        for m in measures:  # with their nodes, under new ids
            node_id = new_ids.get(m.node_id)
            if node_id in d:
                document.add_item("measures", m.but(id=document.new_item_id("m"), node_id=node_id))
    return [new_ids[r.id] for r in roots if new_ids[r.id] in d]

"""Copy, cut and paste of subtrees: the selected nodes with everything below them.

The clipboard carries our own JSON (and an indented outline as plain text for other
apps). Pasting onto a node adds the copied roots under it when their kind fits (secondary
drivers onto a primary driver), or beside it when they are of its own kind.
"""

from __future__ import annotations

import json

import networkx as nx
from PySide6.QtCore import QMimeData

from ..model import Diagram, LinkStrength, Node, NodeKind
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
    return {"nodes": nodes, "links": links}


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
        document.refuse("The clipboard holds no diagram nodes to paste.")
        return []
    try:
        payload = json.loads(bytes(mime.data(MIME)).decode("utf-8"))
        nodes = [Node.model_validate(n) for n in payload["nodes"]]
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
    return [new_ids[r.id] for r in roots if new_ids[r.id] in d]

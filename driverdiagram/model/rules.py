"""The domain's rules for links between kinds of node, with the messages a user reads."""

from __future__ import annotations

from .schema import LinkKind, Node, NodeKind

K = NodeKind

# (source kind, target kind) -> the kind of link that joins them; nothing else is allowed.
ALLOWED: dict[tuple[NodeKind, NodeKind], LinkKind] = {
    (K.OUTCOME, K.PRIMARY): LinkKind.DRIVES,
    (K.PRIMARY, K.SECONDARY): LinkKind.DRIVES,
    (K.SECONDARY, K.CHANGE_IDEA): LinkKind.DRIVES,
    (K.ANTI_DRIVER, K.OUTCOME): LinkKind.HINDERS,
    (K.ANTI_DRIVER, K.PRIMARY): LinkKind.HINDERS,
    (K.ANTI_DRIVER, K.SECONDARY): LinkKind.HINDERS,
    (K.CHANGE_IDEA, K.ANTI_DRIVER): LinkKind.COUNTERS,
}

_WHY_NOT = {
    K.OUTCOME: "Only an anti-driver can be linked to the outcome; drivers are linked from it.",
    K.PRIMARY: "A primary driver can only be linked from the outcome (or hindered by an anti-driver).",
    K.SECONDARY: "A secondary driver can only be linked from a primary driver (or hindered by an anti-driver).",
    K.CHANGE_IDEA: "A change idea can only be linked from a secondary driver.",
    K.ANTI_DRIVER: "An anti-driver can only be countered by a change idea.",
}

# The kind of parent a new node of each kind hangs from (anti-drivers: any hinderable node).
PARENT_KIND: dict[NodeKind, NodeKind] = {K.PRIMARY: K.OUTCOME, K.SECONDARY: K.PRIMARY, K.CHANGE_IDEA: K.SECONDARY}
CHILD_KIND: dict[NodeKind, NodeKind] = {v: k for k, v in PARENT_KIND.items()}
HINDERABLE = frozenset({K.OUTCOME, K.PRIMARY, K.SECONDARY})


def link_kind(source: Node, target: Node) -> LinkKind | str:
    """The kind of link from `source` to `target`, or the reason it is not allowed."""
    kind = ALLOWED.get((source.kind, target.kind))
    if kind is not None:
        return kind
    if source.kind is K.ANTI_DRIVER and target.kind is K.CHANGE_IDEA:
        return "An anti-driver hinders the outcome or a driver; a change idea can counter it instead."
    return _WHY_NOT[target.kind]


def describe(node: Node) -> str:
    """A node as a message names it: its kind and its text ("primary driver 'Research skills'"),
    cut short, with control characters shown as escapes."""
    from .safe_text import printable

    text = printable(" ".join(node.text.split()))
    if len(text) > 40:
        text = text[:39] + "…"
    return f"{node.kind.label} '{text}'" if text else f"{node.kind.label} (no text yet)"

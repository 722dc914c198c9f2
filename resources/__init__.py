"""Bundled files (examples, fonts, icons), installed as `driverdiagram.resources`."""

from importlib.resources import files
from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    """A bundled file, e.g. `resource("examples", "career.driver")`."""
    node = files(__name__)
    for part in parts:
        node = node / part
    return node

"""What the command line prints of a file: one line at a time, control characters escaped and
length capped (`model/safe_text.py`), so a file cannot clear the terminal or fake a line of
output; and a file loaded or its problem said in one line. Shared by `cli.py` and `cli_diff.py`."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from .model import Diagram

MESSAGE_LIMIT = 2000
"""The most characters of one message printed (a message quotes values cut short already)."""


def say(message: str, stream: TextIO | None = None) -> None:
    """Print a line that may hold text from a file: control characters escaped, length capped."""
    from .model.safe_text import printable, shorten

    print(printable(shorten(message, MESSAGE_LIMIT)), file=stream or sys.stderr)


def load_or_say(path: str) -> Diagram | None:
    """The diagram at `path`, or None once the problem is printed."""
    from .model import DiagramError, load

    try:
        return load(path)
    except DiagramError as e:
        say(f"driverdiagram: {e}")
        return None

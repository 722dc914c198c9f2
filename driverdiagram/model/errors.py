"""The one error type the model raises: its message is written for the user."""

from __future__ import annotations

import re


class DiagramError(ValueError):
    """A rule was broken or a file is unusable; `str(error)` says what and where."""


class LoadError(DiagramError):
    """A file could not be read as a diagram; nothing on disk was changed."""


MAX_PROBLEMS = 20  # listed in one message; the rest counted


class ImportProblems(DiagramError):
    """A file brought in from another tool (an outline, a CSV) that cannot become a diagram.

    `problems` are "line N: what is wrong" (or "row N: …") each; the message lists them all
    (up to `MAX_PROBLEMS`, the rest counted) and says nothing was imported.
    """

    what = "The file"

    def __init__(self, problems: list[str]) -> None:
        problems = sorted(problems, key=_where)  # top to bottom, as the user reads the file
        self.problems = problems
        shown = problems[:MAX_PROBLEMS]
        more = f"\n… and {len(problems) - MAX_PROBLEMS} more" if len(problems) > MAX_PROBLEMS else ""
        n = len(problems)
        super().__init__(
            f"{self.what} has {n} problem{'s' if n != 1 else ''}; nothing was imported:\n"
            + "\n".join(f"  {p}" for p in shown)
            + more
        )


def _where(problem: str) -> int:
    """The line or row a problem names first ("row 12: …"); 0 for the file as a whole."""
    m = re.match(r"(?:row|line|rows|lines) (\d+)", problem)
    return int(m.group(1)) if m else 0

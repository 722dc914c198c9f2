"""The one error type the model raises: its message is written for the user."""

from __future__ import annotations


class DiagramError(ValueError):
    """A rule was broken or a file is unusable; `str(error)` says what and where."""


class LoadError(DiagramError):
    """A file could not be read as a diagram; nothing on disk was changed."""

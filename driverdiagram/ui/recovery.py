"""Autosave to a recovery file, and offering it back after a crash.

A few seconds after each change, the document is written (atomically) to the platform's
app-data folder, beside a small note of which file it belongs to. A clean close, a save
or discarding the changes removes it; a recovery file found at start-up means the app
did not close cleanly, and the user is asked whether to restore it.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QTimer
from shiboken6 import isValid

from ..model import Diagram, DiagramError, dumps, loads
from ..model.persistence import write_atomic
from .document import Document

AUTOSAVE_MS = 3000


def delete_recovery(file: Path) -> None:
    """Remove a recovery file and its note (either may already be gone)."""
    for f in (file, file.with_suffix(".json")):
        with suppress(OSError):
            f.unlink()


def recovery_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".driverdiagram") / "recovery"


@dataclass
class Recovered:
    diagram: Diagram
    path: Path | None  # the file the changes belong to (None: never saved)
    saved_at: float
    file: Path  # the recovery file itself
    pid: int = 0

    def pid_alive(self) -> bool:
        """Whether the process that wrote it still runs (then it is not a crash leftover)."""
        if not self.pid or self.pid == os.getpid():
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except (PermissionError, OSError, AttributeError):
            return os.name == "posix"
        return True

    def discard(self) -> None:
        delete_recovery(self.file)


class Autosaver:
    """Writes the document's recovery file a few seconds after it changes."""

    def __init__(self, document: Document, folder: Path | None = None, delay_ms: int = AUTOSAVE_MS) -> None:
        self.document = document
        self.folder = folder or recovery_dir()
        self.timer = QTimer(document)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.write)
        self._file: Path | None = None
        document.changed.connect(self._changed)  # every model change (a new node's typed text too)
        document.undo_stack.cleanChanged.connect(self._clean_changed)
        document.replaced.connect(self._replaced)

    def _key(self) -> str:
        where = str(self.document.path.resolve()) if self.document.path else f"untitled-{os.getpid()}-{id(self)}"
        return hashlib.sha256(where.encode()).hexdigest()[:16]

    def _changed(self, _change: object = None) -> None:
        if not isValid(self.document.undo_stack):  # signals sent while Qt tears the window down
            return
        if self.document.modified:
            self.timer.start()

    def _clean_changed(self, clean: bool) -> None:
        if clean:
            self.timer.stop()
            self.remove()

    def _replaced(self) -> None:
        self.remove()
        if self.document.modified:
            self.timer.start()

    def write(self) -> Path | None:
        """Write the recovery file now (the timer calls this); failures are only reported."""
        if not self.document.modified:
            return None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            new = self.folder / f"{self._key()}.driver"
            if self._file is not None and self._file != new:
                self.remove()
            write_atomic(new, dumps(self.document.diagram))
            note = {
                "path": str(self.document.path) if self.document.path else None,
                "saved_at": time.time(),
                "pid": os.getpid(),
            }
            write_atomic(new.with_suffix(".json"), json.dumps(note).encode())
            self._file = new
            return new
        except (OSError, DiagramError) as e:
            self.document.message.emit(f"Autosave failed: {e}")
            return None

    def remove(self) -> None:
        """The changes are safe (saved, discarded, or closed cleanly): forget the recovery file."""
        if self._file is not None:
            delete_recovery(self._file)
            self._file = None


def find_recoveries(folder: Path | None = None) -> list[Recovered]:
    """Recovery files left by a session that did not close cleanly, newest first."""
    folder = folder or recovery_dir()
    found = []
    for f in sorted(folder.glob("*.driver")) if folder.is_dir() else []:
        try:
            note = json.loads(f.with_suffix(".json").read_text(encoding="utf-8"))
            diagram = loads(f.read_bytes(), source=f.name)
        except (OSError, ValueError, DiagramError):
            continue  # unreadable leftovers are not offered (and not deleted: they may help support)
        path = Path(note["path"]) if note.get("path") else None
        found.append(Recovered(diagram, path, float(note.get("saved_at", 0)), f, int(note.get("pid") or 0)))
    found.sort(key=lambda r: r.saved_at, reverse=True)
    return found

"""Autosave to a recovery file, and offering it back after a crash.

Soon after each change (and at least every few seconds while work goes on), the document
is written atomically to the platform's app-data folder, beside a small note of which file
it belongs to; folder and files are private to the user. A clean close, a save or
discarding the changes removes it; a recovery file found at start-up means the app did not
close cleanly, and the user is asked whether to restore it. Declining sets it aside in a
"recovered" folder rather than deleting it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
import uuid
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal
from shiboken6 import isValid

from ..model import Diagram, DiagramError, loads, to_document
from ..model.persistence import write_atomic
from .document import Document

DELAY_MS = 2000  # after the last change …
MAX_DELAY_MS = 4000  # … but never later than this after the first unsaved one


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

    def set_aside(self) -> Path:
        """Keep it out of the way, not lost: moved to recovered/ as "<when> <name>.driver"."""
        when = dt.datetime.fromtimestamp(self.saved_at or time.time()).strftime("%Y-%m-%d %H.%M.%S")
        name = self.path.stem if self.path else "untitled"
        folder = self.file.parent / "recovered"
        private_folder(folder)
        target = folder / f"{when} {name}.driver"
        shutil.move(str(self.file), target)
        with suppress(OSError):
            self.file.with_suffix(".json").unlink()
        return target


class Autosaver(QObject):
    """Writes the document's recovery file soon after it changes, and keeps up with steady work.

    The first unsaved change is written within `delay_ms`; while changes keep coming, at
    least every `max_delay_ms` (a timer that restarts on every change alone would never fire
    for someone who keeps typing). Text still being typed in place (`typing`) is included.
    Each window has a recovery file of its own."""

    failed = Signal(str)  # why an autosave could not be written (the window shows it)
    succeeded = Signal()

    def __init__(
        self,
        document: Document,
        folder: Path | None = None,
        delay_ms: int = DELAY_MS,
        max_delay_ms: int = MAX_DELAY_MS,
        typing: Callable[[], tuple[str, str] | None] | None = None,
    ) -> None:
        super().__init__(document)
        self.document = document
        self.folder = folder or recovery_dir()
        self.delay_ms, self.max_delay_ms = delay_ms, max_delay_ms
        self.typing = typing or (lambda: None)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.write)
        self._key = uuid.uuid4().hex[:16]  # one recovery file per window, whatever it shows
        self._file: Path | None = None
        self._pending_since: float | None = None  # the first change not yet written
        self.failing = False
        document.changed.connect(self.poke)  # every model change (a new node's typed text too)
        document.undo_stack.cleanChanged.connect(self._clean_changed)
        document.replaced.connect(self._replaced)

    def _unsaved(self) -> bool:
        if self.document.modified:
            return True
        typing = self.typing()
        return (
            typing is not None
            and typing[0] in self.document.diagram
            and (self.document.diagram.node(typing[0]).text != typing[1])
        )

    def poke(self, _change: object = None) -> None:
        """Something changed (in the model, or text typed in place): schedule a write."""
        if not isValid(self.document.undo_stack):  # signals sent while Qt tears the window down
            return
        if not self._unsaved():
            return
        now = time.monotonic()
        if self._pending_since is None:
            self._pending_since = now
        left = self.max_delay_ms - (now - self._pending_since) * 1000
        self.timer.start(int(max(0, min(self.delay_ms, left))))

    def _clean_changed(self, clean: bool) -> None:
        if clean and not self._unsaved():
            self.timer.stop()
            self._pending_since = None
            self.remove()

    def _replaced(self) -> None:
        self.remove()
        self._pending_since = None
        self.poke()

    def recovery_bytes(self) -> bytes:
        """The document as it is on screen, with the text being typed in place."""
        doc = to_document(self.document.diagram)
        typing = self.typing()
        if typing is not None and not typing[1] and typing[0] == self.document.new_node:
            gone = typing[0]  # a node just added, nothing typed yet: not worth restoring
            doc = doc.model_copy(
                update={
                    "nodes": [n for n in doc.nodes if n.id != gone],
                    "links": [lk for lk in doc.links if gone not in (lk.source, lk.target)],
                }
            )
        elif typing is not None:
            node_id, text = typing
            with suppress(ValueError):  # e.g. longer than a text may be: the committed text is kept
                doc = doc.model_copy(update={"nodes": [n.but(text=text) if n.id == node_id else n for n in doc.nodes]})
        return (json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    def write(self) -> Path | None:
        """Write the recovery file now (the timer calls this); a failure is announced."""
        self._pending_since = None
        if not self._unsaved():
            return None
        try:
            private_folder(self.folder)
            file = self.folder / f"{self._key}.driver"
            write_private(file, self.recovery_bytes())
            note = {
                "path": str(self.document.path) if self.document.path else None,
                "saved_at": time.time(),
                "pid": os.getpid(),
            }
            write_private(file.with_suffix(".json"), json.dumps(note).encode())
        except (OSError, DiagramError) as e:
            self.failing = True
            self.failed.emit(f"Autosave could not write to {self.folder}: {e}")
            return None
        self._file = file
        if self.failing:
            self.failing = False
            self.succeeded.emit()
        return file

    def remove(self) -> None:
        """The changes are safe (saved, discarded, or closed cleanly): forget the recovery file."""
        if self._file is not None:
            delete_recovery(self._file)
            self._file = None


def private_folder(folder: Path) -> None:
    """Create the recovery folder readable by this user only (the content is personal)."""
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)


def write_private(file: Path, data: bytes) -> None:
    """Atomically, and readable by this user only."""
    write_atomic(file, data)
    os.chmod(file, 0o600)


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

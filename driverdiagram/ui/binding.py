"""The file a window's diagram is bound to: a lock, what was read from it, and a watch on it.

- A lock file (`QLockFile`, stale locks of dead processes taken over) says the diagram is
  open in a DriverDiagram window; a second window or process is told, and chooses.
- A fingerprint (modification time, size and a hash of the bytes) of what was loaded or
  last saved: before a save, the file on disk is compared with it, so another program's
  change is never overwritten silently.
- A `QFileSystemWatcher` reports a change on disk as it happens (not our own saves).
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QLockFile, QObject, Signal

HASH_CAP = 256 * 1024 * 1024  # never hash more than this (a .driver file is far smaller)


@dataclass(frozen=True)
class Fingerprint:
    mtime_ns: int
    size: int
    digest: str

    @classmethod
    def of(cls, path: Path) -> Fingerprint | None:
        """The file as it is now (None: gone, or not a regular file)."""
        try:
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode):
                return None
            h = hashlib.sha256()
            with open(path, "rb") as f:
                left = HASH_CAP
                while left > 0 and (chunk := f.read(min(1 << 20, left))):
                    h.update(chunk)
                    left -= len(chunk)
        except OSError:
            return None
        return cls(st.st_mtime_ns, st.st_size, h.hexdigest())

    def same_content(self, other: Fingerprint | None) -> bool:
        return other is not None and (self.size, self.digest) == (other.size, other.digest)


class DiskState(Enum):
    SAME = "same"  # as loaded or last saved
    CHANGED = "changed"  # another program wrote it
    MISSING = "missing"  # deleted or moved away


@dataclass(frozen=True)
class LockHolder:
    pid: int
    host: str
    app: str

    def describe(self) -> str:
        """Our lock files are written only by DriverDiagram (Qt records the executable's name,
        e.g. "python", not the application's)."""
        where = f" on {self.host}" if self.host else ""
        return (
            f"another DriverDiagram window (process {self.pid}{where})" if self.pid else "another DriverDiagram window"
        )


def lock_path(path: Path) -> Path:
    """The lock beside the diagram, as office programs do: .~plan.driver.lock"""
    return path.with_name(f".~{path.name}.lock")


def try_lock(path: Path) -> tuple[QLockFile | None, LockHolder | None]:
    """(the lock, None) when taken; (None, who holds it) when held; (None, None) when the
    folder takes no lock file (read-only media): then the diagram opens without one."""
    lock = QLockFile(str(lock_path(path)))
    lock.setStaleLockTime(0)  # stale means only: its process is gone (Qt checks the pid)
    if lock.tryLock(0):
        return lock, None
    if lock.error() == QLockFile.LockError.LockFailedError:
        pid, host, app = lock.getLockInfo()  # PySide: (0, "", "") when it cannot be read
        return None, LockHolder(int(pid), str(host), str(app))
    return None, None


class FileBinding(QObject):
    """Lock, fingerprint and watch of the file a document is bound to (one per window)."""

    changed_on_disk = Signal()  # the file changed or went, and not by our own save

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.fingerprint: Fingerprint | None = None
        self.read_only = False  # opened read-only (someone else has it): Save goes to Save As
        self._lock: QLockFile | None = None
        self._told: Fingerprint | str | None = None  # the outside change last announced
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_file_changed)
        self._watcher.directoryChanged.connect(self._on_file_changed)

    def bind(
        self,
        path: Path | None,
        fingerprint: Fingerprint | None,
        lock: QLockFile | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        """The document now belongs to `path` (None: untitled)."""
        if lock is None or path != self.path:
            self.release()
        self.path, self.fingerprint, self.read_only = path, fingerprint, read_only
        self._told = None
        if lock is not None:
            self._lock = lock
        self._watch()

    def saved(self, path: Path, lock: QLockFile | None) -> None:
        """We just wrote `path`: it is ours now, as it is on disk."""
        if path != self.path:
            self.bind(path, Fingerprint.of(path), lock)
        else:
            self.fingerprint = Fingerprint.of(path)
            self.read_only = False
            self._told = None
            if lock is not None:
                self._lock = lock
            self._watch()

    def release(self) -> None:
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
        files, dirs = self._watcher.files(), self._watcher.directories()
        if files or dirs:
            self._watcher.removePaths(files + dirs)

    @property
    def locked(self) -> bool:
        return self._lock is not None

    def disk_state(self) -> DiskState:
        if self.path is None:
            return DiskState.SAME
        now = Fingerprint.of(self.path)
        if self.fingerprint is None:  # bound to a file not written yet
            return DiskState.SAME if now is None else DiskState.CHANGED
        if now is None:
            return DiskState.MISSING
        return DiskState.SAME if self.fingerprint.same_content(now) else DiskState.CHANGED

    def _watch(self) -> None:
        files, dirs = self._watcher.files(), self._watcher.directories()
        if files or dirs:
            self._watcher.removePaths(files + dirs)
        if self.path is not None:
            # the folder too: an atomic save by another program replaces the file (a new
            # inode), which ends a watch on the file itself
            for p in (self.path, self.path.parent):
                if p.exists():
                    self._watcher.addPath(str(p))

    def _on_file_changed(self, _path: str) -> None:
        if self.path is None:
            return
        self._watch()
        now = Fingerprint.of(self.path)
        if self.disk_state() is DiskState.SAME:
            self._told = None
            return
        news: Fingerprint | str = now if now is not None else "missing"
        if news != self._told:  # each outside change is announced once
            self._told = news
            self.changed_on_disk.emit()

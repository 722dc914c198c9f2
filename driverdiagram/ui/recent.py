"""The recent diagrams, kept in QSettings, and how they are named in menus.

QSettings gives back a list of one as a plain string (INI files, some platforms), so the
list is read with care; two diagrams with the same file name are told apart by folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

KEY = "recent"
MAX_RECENT = 8


def recent_paths() -> list[str]:
    """The remembered paths, newest first (whatever shape QSettings hands back)."""
    value = QSettings().value(KEY, [])
    if value is None:
        return []
    if isinstance(value, str):
        value = [value] if value else []
    return [str(v) for v in value if v]


def remember(path: Path) -> None:
    """Put `path` first in the list (once), keeping at most MAX_RECENT."""
    entry = str(path)
    rest = [p for p in recent_paths() if p != entry]
    QSettings().setValue(KEY, [entry, *rest][:MAX_RECENT])


def forget(path: str) -> None:
    QSettings().setValue(KEY, [p for p in recent_paths() if p != path])


def labels(paths: list[str]) -> list[str]:
    """A menu label per path: the file name, with its folder when another entry shares the name."""
    names = [Path(p).name for p in paths]
    home = str(Path.home())
    out = []
    for p, name in zip(paths, names, strict=True):
        if names.count(name) > 1:
            folder = str(Path(p).parent)
            if folder == home or folder.startswith(home + "/"):
                folder = "~" + folder[len(home) :]
            out.append(f"{name}  —  {folder}")
        else:
            out.append(name)
    return out


def recent_entries() -> list[tuple[str, str]]:
    """(label, path) for each recent diagram that still exists."""
    paths = [p for p in recent_paths() if Path(p).is_file()]
    return list(zip(labels(paths), paths, strict=True))

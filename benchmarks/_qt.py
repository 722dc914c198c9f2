"""Qt set-up shared by the in-process GUI benchmarks: the platform, and a guard for a PySide bug.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a C++ method that
returns void (painter.setPen, item.setPos, path.lineTo, ...). Python 3.12+ never frees None
(PEP 683), but on 3.11 the count reaches zero after some tens of thousands of such calls and
the process aborts with "Fatal Python error: none_dealloc" (a few repaints of a 300-node
diagram). `none_leak()` measures it; `hold_none()` takes enough extra references that a
benchmark can finish, and says so loudly: the app itself has no such guard.
"""

from __future__ import annotations

import ctypes
import os
import sys


def platform_note() -> str:
    """Use the offscreen platform unless there is a display; returns which, for the report."""
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return f"DISPLAY={os.environ.get('DISPLAY') or os.environ.get('WAYLAND_DISPLAY')}"
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return f"QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']} (no DISPLAY)"


def none_leak(calls: int = 1000) -> float:
    """References to None lost per void PySide call (0 when the binding is sound)."""
    from PySide6.QtGui import QColor

    c = QColor()
    before = sys.getrefcount(None)
    for _ in range(calls):
        c.setRed(1)
    return (before - sys.getrefcount(None)) / calls


def hold_none(refs: int = 1 << 40) -> str | None:
    """When void calls leak None references, add `refs` to None's count so the benchmark
    survives; returns a warning for the report (None when there is no leak).

    The count is raised in place (ctypes) rather than by holding a list of Nones: a list
    that large would be walked by every full garbage collection and distort the timings."""
    leak = none_leak()
    if leak <= 0:
        return None
    ctypes.c_ssize_t.from_address(id(None)).value += refs
    import PySide6

    return (
        f"WARNING: PySide6 {PySide6.__version__} on Python {sys.version.split()[0]} loses {leak:.0f} reference to "
        f"None per void Qt call; the app aborts (none_dealloc) after some tens of thousands of calls. "
        f"This benchmark raises None's count by {refs:,} to survive; the app does not."
    )

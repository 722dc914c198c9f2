"""Reading and replacing files without surprises.

Reading (`read_regular`): only an ordinary file is read, and at most `limit` bytes of it.
A device (`/dev/zero`), a pipe, a folder or a symbolic-link loop is refused with a
sentence, never read, waited on or opened for long: the path is looked at first, then
opened non-blocking (a pipe cannot hang the open) and the opened file looked at again.

Writing (`write_atomic`): the data goes to a temporary file beside the target, is flushed
and fsynced, and is renamed over the target, so a crash leaves the old file or the new
one, never a mix. Only an ordinary file or a new name is written: a folder, a device or
a pipe is refused (renaming over `/dev/null` would replace the device), so is a read-only
file (its mode bits are checked, as root too: the rename would not ask), and so, unless
`force` is given, is a file of another kind than the one being written (a PDF over a
diagram, a diagram over a PDF). Temporary files left by a save that was interrupted are
named after the target and their writer's process, and the next save of that file
removes them once their writer is gone.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
import socket
import stat
import sys
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from .errors import DiagramError, LoadError

STALE_AFTER = 60.0
"""Seconds after which a temporary file whose writer cannot be identified counts as left over."""

_CHUNK = 1 << 20
_TEMP_SUFFIX = ".tmp"
_MAX_NAME_BYTES = 255
_KIND_NAMES = {"diagram": "a driver diagram", "pdf": "a PDF"}
READ_ONLY = "is read-only"


# ------------------------------------------------------------------------ reading
def read_regular(path: str | os.PathLike[str], limit: int, what: str = "a driver diagram file") -> bytes:
    """The bytes of the ordinary file at `path` (symbolic links followed), or a `LoadError`.

    At most `limit` bytes are accepted; the file is read in pieces and refused as soon as it
    holds more, whatever size it claims to have.
    """
    name = os.fspath(path)
    try:
        st = os.stat(name)
    except OSError as e:
        raise LoadError(_unreachable(name, e, what)) from None
    _refuse_special(name, st, what)  # before opening: opening some devices has effects
    flags = os.O_RDONLY | _flag("O_NONBLOCK") | _flag("O_NOCTTY") | _flag("O_CLOEXEC") | _flag("O_BINARY")
    try:
        fd = os.open(name, flags)
    except OSError as e:
        raise LoadError(_unreachable(name, e, what)) from None
    try:
        st = os.fstat(fd)
        _refuse_special(name, st, what)  # it may have been swapped since it was looked at
        if st.st_size > limit:
            raise LoadError(_too_large(name, limit))
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise LoadError(_too_large(name, limit))
    except OSError as e:
        raise LoadError(f"Could not read {name}: {e.strerror or e}.") from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def _flag(name: str) -> int:
    return int(getattr(os, name, 0))


def _unreachable(name: str, e: OSError, what: str) -> str:
    """Why `name` cannot be looked at or opened, in the users' words."""
    if e.errno == errno.ENOENT:
        if os.path.islink(name):
            return f"{name} is a symbolic link to {os.readlink(name)}, which does not exist."
        return f"There is no file {name}."
    if e.errno == errno.ELOOP:
        return f"{name} is a symbolic link that leads round in a loop, not {what}."
    if e.errno == errno.ENOTDIR:
        return f"There is no file {name}: part of that path is a file, not a folder."
    if e.errno in (errno.EACCES, errno.EPERM):
        return f"You are not allowed to read {name} (permission denied); ask its owner, or open a copy."
    if e.errno == errno.EISDIR:
        return f"{name} is a folder, not {what}."
    if e.errno == errno.ENXIO:
        return f"{name} is a socket or a device, not {what}; DriverDiagram reads only ordinary files."
    if e.errno == errno.ENAMETOOLONG:
        return f"The name {name[:80]}… is too long for a file."
    return f"Could not read {name}: {e.strerror or e}."


def _refuse_special(name: str, st: os.stat_result, what: str) -> None:
    if stat.S_ISREG(st.st_mode):
        return
    if stat.S_ISDIR(st.st_mode):
        raise LoadError(f"{name} is a folder, not {what}.")
    real = os.path.realpath(name)
    leads = f" (it leads to {real})" if real != os.path.abspath(name) else ""
    raise LoadError(f"{name}{leads} is {_special_kind(st)}, not {what}; DriverDiagram reads only ordinary files.")


def _special_kind(st: os.stat_result) -> str:
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


def _too_large(name: str, limit: int) -> str:
    return (
        f"{name} is too large to be a driver diagram: it is larger than {_size(limit)}, the most a .driver file can be."
    )


def _size(n: int) -> str:
    if n >= 2**20 and n % 2**20 == 0:
        return f"{n // 2**20} MB"
    if n >= 1024 and n % 1024 == 0:
        return f"{n // 1024} KB"
    return f"{n:,} bytes"


# -------------------------------------------------------------- checking an output
@dataclass(frozen=True)
class Refusal:
    """Why a path must not be written: `reason` follows the path's name ("is read-only")."""

    reason: str
    forceable: bool = False  # True when only the kind of file is wrong (`force` would replace it)

    @property
    def read_only(self) -> bool:
        return self.reason == READ_ONLY


def output_refusal(
    path: str | os.PathLike[str],
    *,
    kind: str | None = None,
    force: bool = False,
    source: str | os.PathLike[str] | None = None,
) -> Refusal | None:
    """Why writing `kind` ("pdf", "diagram" or None for any) to `path` would do harm, or None.

    `source` is the file being converted: the output must not be that file, under any name
    (a hard link or a symbolic link is the same file). Refused, whatever `force` says: the
    source itself, anything but an ordinary file, a read-only file. Refused unless `force`:
    an existing file of another kind.
    """
    target = os.path.realpath(path)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return None  # a new file (a missing folder on the way fails when writing, with its own message)
    except OSError as e:
        if e.errno == errno.ELOOP:
            return Refusal("is a symbolic link that leads round in a loop")
        return None  # the write will fail and say why
    if source is not None:
        with suppress(OSError):
            src = os.stat(source)
            if (src.st_dev, src.st_ino) == (st.st_dev, st.st_ino):
                if os.path.abspath(source) == os.path.abspath(path):
                    return Refusal("is the input file itself")
                return Refusal(f"is {os.fspath(source)} itself, under another name")
    if not stat.S_ISREG(st.st_mode):
        real = f" ({target})" if target != os.path.abspath(path) else ""
        return Refusal(f"is {_special_kind(st)}{real}, not an ordinary file")
    if _read_only(target, st):
        return Refusal(READ_ONLY)
    if kind is not None and not force:
        found = _content_kind(target, st)
        if found not in ("empty", kind):
            what = _KIND_NAMES.get(found, "a file of another kind")
            return Refusal(f"is {what}, not {_KIND_NAMES.get(kind, kind)}", forceable=True)
    return None


def holds_diagram(path: str | os.PathLike[str]) -> bool:
    """Whether `path` is an ordinary file that holds a driver diagram (by its name or first bytes)."""
    target = os.path.realpath(path)
    try:
        st = os.stat(target)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and _content_kind(target, st) == "diagram"


def _read_only(path: str, st: os.stat_result) -> bool:
    """Whether the file's own permissions say it must not be changed (checked for root too)."""
    mode = st.st_mode
    if os.name != "posix":
        return not mode & stat.S_IWRITE
    euid = os.geteuid()
    if euid == 0:
        return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    if euid == st.st_uid:
        return not mode & stat.S_IWUSR
    if st.st_gid in (os.getegid(), *os.getgroups()):
        return not mode & stat.S_IWGRP
    return not mode & stat.S_IWOTH or not os.access(path, os.W_OK)


def _content_kind(path: str, st: os.stat_result) -> str:
    """ "empty", "pdf", "diagram" or "other", from the first bytes (and a `.driver` name)."""
    if st.st_size == 0:
        return "empty"
    head = b""
    with suppress(OSError):
        fd = os.open(path, os.O_RDONLY | _flag("O_NONBLOCK") | _flag("O_NOCTTY") | _flag("O_BINARY"))
        try:
            head = os.read(fd, 1024)
        finally:
            os.close(fd)
    if b"%PDF-" in head:  # readers accept the header anywhere in the first 1024 bytes
        return "pdf"
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if path.lower().endswith(".driver") or (text.startswith(b"{") and b'"schema_version"' in text):
        return "diagram"
    return "other"


# ------------------------------------------------------------------------ writing
def write_atomic(path: str | os.PathLike[str], data: bytes, *, kind: str | None = None, force: bool = False) -> None:
    """Write `data` to `path` so that a crash leaves the old file or the new one, never a mix.

    A symbolic link is followed (its target is replaced, the link stays); an existing file
    keeps its permissions (and, where allowed, its owner) and a new one gets the user's
    usual ones (the umask). `kind` ("diagram", "pdf") refuses to replace a file of another
    kind unless `force`. Every refusal and failure is a `DiagramError` that says what to do;
    the old file is then as it was.
    """
    given = os.fspath(path)
    refusal = output_refusal(given, kind=kind, force=force)
    if refusal is not None:
        raise DiagramError(_refused(given, refusal))
    target = Path(os.path.realpath(given))
    folder = target.parent
    try:
        old = os.stat(target)
    except FileNotFoundError:
        old = None
    except OSError as e:
        raise DiagramError(f"Could not save {given}: {e.strerror or e}. Choose another name or folder.") from None
    try:  # a new file gets what the umask gives any new file; a replaced one keeps its mode
        fd, tmp = _create_temp(folder, target.name, 0o600 if old is not None else 0o666)
    except OSError as e:
        raise DiagramError(f"Could not save {given}: {e.strerror or e}. Choose another folder.") from None
    try:
        with os.fdopen(fd, "wb") as f:
            if old is not None and hasattr(os, "fchown"):
                with suppress(OSError):  # only root, or the owner keeping its group, may do this
                    os.fchown(f.fileno(), old.st_uid, old.st_gid)
            if old is not None and hasattr(os, "fchmod"):
                os.fchmod(f.fileno(), stat.S_IMODE(old.st_mode))
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if old is not None and not hasattr(os, "fchmod"):
            os.chmod(tmp, stat.S_IMODE(old.st_mode))
        refusal = output_refusal(given, kind=kind, force=force)  # the target may have changed meanwhile
        if refusal is not None:
            raise _Refused(_refused(given, refusal))
        os.replace(tmp, target)
    except _Refused as e:
        with suppress(OSError):
            os.unlink(tmp)
        raise DiagramError(str(e)) from None
    except OSError as e:
        with suppress(OSError):  # the temporary file may already be gone
            os.unlink(tmp)
        raise DiagramError(f"Could not save {given}: {e.strerror or e}. The old file was not changed.") from None
    _fsync_folder(folder)
    remove_stale_temps(target)


class _Refused(Exception):
    """A refusal found just before the rename (the target changed while the data was written)."""


def _refused(given: str, refusal: Refusal) -> str:
    fix = "; save under another name"
    if refusal.read_only:
        fix += ", or make it writable first"
    elif refusal.forceable:
        fix += " (its contents would be lost)"
    return f"Could not save {given}: it {refusal.reason}{fix}. Nothing was changed."


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX only; Windows has no folder handles for this)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with suppress(OSError):  # some file systems cannot sync a folder; the rename stands
            os.fsync(fd)
    finally:
        os.close(fd)


# ---------------------------------------------------------------- temporary files
# `.plan.driver.~dd1234-5f3a-0c9e77b1.tmp`: the target's name, the writer's process id, a
# tag of the writer's host (a process id means nothing on another machine sharing the
# folder) and a random token.
_TEMP = r"\.~dd(?P<pid>\d+)-(?P<host>[0-9a-f]{4})-[0-9a-f]{8}" + re.escape(_TEMP_SUFFIX)
_LEGACY_TEMP = r"\.[a-z0-9_]{8}" + re.escape(_TEMP_SUFFIX)  # tempfile.mkstemp's, from before


def _host_tag() -> str:
    return hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:4]


def _temp_stem(name: str) -> str:
    """The part of a temporary file's name that ties it to the target `name` (kept short enough)."""
    room = _MAX_NAME_BYTES - len(".") - len(".~dd4194304-ffff-ffffffff") - len(_TEMP_SUFFIX)
    if len(os.fsencode(name)) <= room:
        return name
    digest = hashlib.sha1(os.fsencode(name)).hexdigest()[:8]
    cut = os.fsencode(name)[: room - 9].decode(sys.getfilesystemencoding(), "ignore")
    return f"{cut}~{digest}"


def temp_name(target_name: str, pid: int | None = None) -> str:
    """A fresh temporary file name for saving `target_name` in its folder."""
    pid = os.getpid() if pid is None else pid
    return f".{_temp_stem(target_name)}.~dd{pid}-{_host_tag()}-{secrets.token_hex(4)}{_TEMP_SUFFIX}"


def _create_temp(folder: Path, target_name: str, mode: int) -> tuple[int, str]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _flag("O_CLOEXEC") | _flag("O_NOFOLLOW") | _flag("O_BINARY")
    for _ in range(100):
        tmp = str(folder / temp_name(target_name))
        try:
            return os.open(tmp, flags, mode), tmp
        except FileExistsError:
            continue
    raise OSError(errno.EEXIST, "Could not find a free name for the temporary file")


def temp_files(target: str | os.PathLike[str]) -> list[Path]:
    """The temporary files beside `target` that saves of it have made (finished or not)."""
    target = Path(os.path.realpath(target))
    return [target.parent / name for name, _ in _temps(target)]


def _temps(target: Path) -> list[tuple[str, re.Match[str] | None]]:
    stem = re.escape(_temp_stem(target.name))
    ours = re.compile(rf"\.{stem}{_TEMP}")
    legacy = re.compile(rf"\.{re.escape(target.name)}{_LEGACY_TEMP}")
    prefix = "." + _temp_stem(target.name)[:20]
    found: list[tuple[str, re.Match[str] | None]] = []
    try:
        with os.scandir(target.parent) as entries:
            for entry in entries:
                if not entry.name.startswith(prefix):
                    continue
                m = ours.fullmatch(entry.name)
                if m or legacy.fullmatch(entry.name):
                    found.append((entry.name, m))
    except OSError:
        return []
    return found


def remove_stale_temps(target: str | os.PathLike[str], now: float | None = None) -> list[Path]:
    """Remove the temporary files an interrupted save of `target` left behind; returns them.

    Only stale ones go: a temporary file whose writer (a process on this machine) has ended,
    or, when the writer cannot be identified, one untouched for `STALE_AFTER` seconds. A
    temporary file a live process is writing now is never touched.
    """
    target = Path(os.path.realpath(target))
    now = time.time() if now is None else now
    removed = []
    for name, m in _temps(target):
        tmp = target.parent / name
        try:
            st = os.lstat(tmp)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode):
            continue
        if _stale(st, m, now):
            with suppress(OSError):
                os.unlink(tmp)
                removed.append(tmp)
    return removed


def _stale(st: os.stat_result, m: re.Match[str] | None, now: float) -> bool:
    if m is not None and m["host"] == _host_tag() and os.name == "posix":
        return not _alive(int(m["pid"]))
    return now - st.st_mtime > STALE_AFTER


def _alive(pid: int) -> bool:
    """Whether process `pid` exists (POSIX: signal 0 checks without sending anything)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it exists, it is someone else's
        return True
    return True

"""One app, many windows: a launch hands its file to the DriverDiagram already running.

The first launch listens on a local socket (`QLocalServer`) private to the user and to the
settings folder, so a test or a clean profile (another HOME, XDG_CONFIG_HOME, Qt's test
mode) never talks to the user's real app. A later launch connects, sends one JSON line,
`{"open": [absolute paths]}` (`[]`: a new window on the welcome page), waits a few seconds
for `{"ok": true}` and is done. When nobody answers (none running, or a socket left by a
crash) it becomes the app itself. A lock file orders launches that start at once: the
first to take it listens, the others then find it.

Only `PySide6.QtCore` and `QtNetwork` are needed to hand over: no QApplication, no window,
no model. `driverdiagram --new-instance` skips all of this.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, QStandardPaths, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

APP = "DriverDiagram"
CONNECT_MS = 1000  # a listening server accepts at once; this only covers a slow machine
ANSWER_MS = 5000  # the running app answers from its event loop: busy for longer is "busy"
LOCK_MS = 10_000  # how long a launch waits for another that is starting up at the same moment
MAX_MESSAGE = 1 << 20  # a request is a few paths; anything longer is not ours
SOCKET_PATH_MAX = 100  # a Unix socket's path must fit in sockaddr_un (108 bytes on Linux)
ACK = b'{"ok": true}\n'


@dataclass(frozen=True)
class Address:
    """Where the running app listens (a socket path; a pipe name on Windows), and the lock
    that orders launches starting together."""

    name: str
    lock: Path


@dataclass(frozen=True)
class Request:
    paths: list[str]  # absolute; empty: a new window on the welcome page
    token: str = ""  # the launcher's XDG activation token (Wayland lets that window come to the front)


def _user() -> str:
    uid = str(os.getuid()) if hasattr(os, "getuid") else ""
    try:
        name = getpass.getuser()
    except (KeyError, OSError, ImportError):  # no login name in the environment or the password database
        name = ""
    return f"{uid}:{name}"


def config_folder() -> str:
    """The folder this user's settings live in (the same as QSettings and Qt's test mode use)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return str(Path(base or Path.home() / ".config") / APP)


def _private(folder: Path) -> bool:
    try:
        st = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o077


def _private_folders() -> Iterator[Path]:
    """Folders only this user can enter, for the socket and the lock: the session's runtime
    folder, else one of our own in the temporary folder (another user cannot plant a socket there)."""
    if os.name == "nt":  # named pipes, and a temporary folder of the user's own
        yield Path(tempfile.gettempdir())
        return
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and _private(Path(runtime)):
        yield Path(runtime)
    own = Path(tempfile.gettempdir()) / f"driverdiagram-{os.getuid()}"
    with suppress(OSError):
        own.mkdir(mode=0o700)
    if _private(own):
        yield own


def address(config: str | None = None) -> Address | None:
    """This user's and this settings folder's address (None: no private place for one, so
    each launch is an app of its own)."""
    key = hashlib.sha256(f"{_user()}\0{config or config_folder()}".encode()).hexdigest()[:16]
    name = f"driverdiagram-{key}"
    for folder in _private_folders():
        if os.name == "nt":
            return Address(name, folder / f"{name}.lock")
        if len(str(folder / name)) <= SOCKET_PATH_MAX:
            return Address(str(folder / name), folder / f"{name}.lock")
    return None


def encode(request: Request) -> bytes:
    body: dict[str, object] = {"open": request.paths}
    if request.token:
        body["token"] = request.token
    return (json.dumps(body, ensure_ascii=True) + "\n").encode("ascii")


def decode(line: bytes) -> Request | None:
    """The request in one line, or None when it is not one of ours."""
    try:
        body = json.loads(line)
    except ValueError:
        return None
    if not isinstance(body, dict) or not isinstance(body.get("open"), list):
        return None
    paths = body["open"]
    token = body.get("token", "")
    if not all(isinstance(p, str) and p for p in paths) or not isinstance(token, str):
        return None
    return Request(paths, token)


def request_for(paths: list[str]) -> Request:
    """Paths as this launch means them (relative to its own folder, ~ expanded)."""
    absolute = [str(Path(p).expanduser().absolute()) for p in paths]
    token = os.environ.get("XDG_ACTIVATION_TOKEN", "")
    return Request(absolute, token)


# ------------------------------------------------------------------ the launch that hands over
ANSWERED, NOBODY, SILENT = "answered", "nobody", "silent"


def send(name: str, request: Request, answer_ms: int = ANSWER_MS) -> str:
    """ANSWERED: the running app took it; NOBODY: nobody listens (none, or a dead socket);
    SILENT: someone took the connection but did not answer in time."""
    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(CONNECT_MS):
        sock.abort()
        return NOBODY
    sock.write(encode(request))
    sock.flush()
    got = b""
    hung_up = False
    deadline = time.monotonic() + answer_ms / 1000
    while b"\n" not in got and (left := deadline - time.monotonic()) > 0:
        if sock.bytesToWrite():
            sock.waitForBytesWritten(int(left * 1000))
            continue
        ready = sock.waitForReadyRead(max(1, int(left * 1000)))
        got += bytes(sock.readAll().data())
        if not ready and sock.state() != QLocalSocket.LocalSocketState.ConnectedState:
            hung_up = True
            break
    sock.abort()
    if got.split(b"\n", 1)[0].strip() == ACK.strip():
        return ANSWERED
    return NOBODY if hung_up and not got else SILENT  # (hung up at once: it died, or is dying)


@dataclass
class Claim:
    """What a launch needs to become the app: the address to listen on and the lock that
    keeps others waiting until it does. `handed_over`: another app took the request."""

    address: Address | None = None
    lock: QLockFile | None = None
    handed_over: bool = False
    note: str = ""  # for the terminal, when the running app did not answer

    def serve(self, parent: QObject | None = None) -> Server | None:
        """Listen (after removing a socket a crashed app left), then let waiting launches in."""
        try:
            if self.address is None:
                return None
            server = Server(self.address, parent)
            return server if server.listening else None
        finally:
            self.release()

    def release(self) -> None:
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None


def claim(paths: list[str], where: Address | None = None) -> Claim:
    """Hand `paths` to the DriverDiagram already running, or get ready to be it."""
    where = where or address()
    if where is None:
        return Claim()
    request = request_for(paths)
    first = send(where.name, request)
    if first == ANSWERED:
        return Claim(handed_over=True)
    if first == NOBODY:
        lock = QLockFile(str(where.lock))
        lock.setStaleLockTime(0)  # stale only when its process is gone
        if not lock.tryLock(LOCK_MS):
            return Claim()  # another launch is stuck starting: be an app of our own rather than hang
        again = send(where.name, request)  # it may have become the app while we waited
        if again == NOBODY:
            return Claim(where, lock)
        lock.unlock()
        if again == ANSWERED:
            return Claim(handed_over=True)
    what = ", ".join(Path(p).name for p in request.paths) or "a new window"
    return Claim(
        handed_over=True,
        note=f"driverdiagram: DriverDiagram is already running but busy; {what} opens there when it is free. "
        "(driverdiagram --new-instance starts a separate one.)",
    )


# -------------------------------------------------------------------------- the running app
class Server(QObject):
    """Listens for later launches and says what they ask for, after answering them."""

    requested = Signal(object)  # a Request

    def __init__(self, where: Address, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._received: dict[QLocalSocket, bytearray] = {}  # per launch connected: its line so far
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        # A crashed app's socket goes (we hold the lock and nobody answered there). Qt would replace it anyway
        # with UserAccessOption (it renames a new socket into place), so only the lock keeps two apps apart.
        QLocalServer.removeServer(where.name)
        self.listening = self._server.listen(where.name)
        self.name = where.name
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)  # a launch during shutdown becomes the app itself

    def close(self) -> None:
        self._server.close()
        self.listening = False

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            self._received[sock] = bytearray()
            timer = QTimer(sock)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda s=sock: s.abort())  # a launch that never finishes its line
            timer.start(ANSWER_MS)
            sock.disconnected.connect(lambda s=sock: self._forget(s))
            sock.readyRead.connect(lambda s=sock: self._read(s))
            if sock.bytesAvailable():
                self._read(sock)

    def _forget(self, sock: QLocalSocket) -> None:
        self._received.pop(sock, None)
        sock.deleteLater()

    def _read(self, sock: QLocalSocket) -> None:
        received = self._received.get(sock)
        if received is None:  # answered already
            return
        received += bytes(sock.readAll().data())
        if b"\n" not in received:
            if len(received) > MAX_MESSAGE:
                sock.abort()
            return
        del self._received[sock]
        request = decode(bytes(received).split(b"\n", 1)[0])
        sock.write(ACK if request is not None else b'{"ok": false}\n')
        sock.flush()
        sock.disconnectFromServer()
        if request is not None:  # after the answer: opening may ask the user things
            QTimer.singleShot(0, self, lambda: self.requested.emit(request))

"""A catalogue of hostile inputs, each run through `check`, `export` and the loader.

Every run is a real subprocess with a timeout and a memory limit, as a user (or a script
fed a stranger's file) runs it. What must hold for each: it ends within seconds and within
1.5 GB; a bad input exits 1 with one clear sentence on stderr and no traceback; the input
is byte-for-byte unchanged (a pipe stays a pipe, a device a device, a link the same link);
nothing is written beside it; and no control character from the file reaches the terminal.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from driverdiagram.model import limits

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and rlimits are POSIX")

ROOT = Path(__file__).resolve().parents[1]
CAREER = ROOT / "resources" / "examples" / "career.driver"
TIMEOUT = 8.0  # seconds; each case takes well under one on its own
MEMORY = 1536 * 2**20  # address space: a file read whole or parsed naively goes far past this
VERBS = ("check", "export", "loader")
NOBODY = 65534

LOADER = """\
import sys
from driverdiagram.model import LoadError, load
try:
    diagram = load(sys.argv[1])
except LoadError as e:
    print(e, file=sys.stderr)
    sys.exit(1)
print(f"{len(diagram)} nodes")
"""


def _limited(uid: int | None = None) -> Callable[[], None]:
    def preexec() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
        if uid is not None:
            os.setgid(uid)
            os.setuid(uid)

    return preexec


def run(verb: str, path: Path, out: Path, uid: int | None = None) -> tuple[subprocess.CompletedProcess[str], float]:
    if verb == "loader":
        args = [sys.executable, "-c", LOADER, str(path)]
    elif verb == "export":
        args = [sys.executable, "-m", "driverdiagram", "export", str(path), "-o", str(out)]
    else:
        args = [sys.executable, "-m", "driverdiagram", "check", str(path)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
    start = time.monotonic()
    r = subprocess.run(
        args,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        timeout=TIMEOUT,
        env=env,
        cwd=path.parent if path.parent.is_dir() else None,
        preexec_fn=_limited(uid),
    )
    return r, time.monotonic() - start


def valid() -> dict:
    return json.loads(CAREER.read_text(encoding="utf-8"))


# ------------------------------------------------------------------ the inputs
@dataclass
class Case:
    make: Callable[[Path], Path]  # builds the input in a folder, returns its path
    words: tuple[str, ...]  # what the message (or, for a valid file, the output) must say
    ok: bool = False  # a valid file: exit 0, its hostile text shown escaped


def _file(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def _huge(folder: Path) -> Path:
    path = folder / "huge.driver"
    with open(path, "wb") as f:  # sparse: over the limit without using the disk
        f.truncate(limits.MAX_BYTES + 1)
    return path


def _fifo(folder: Path) -> Path:
    path = folder / "fifo.driver"
    os.mkfifo(path)
    return path


def _link_to(target: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "link.driver"
        path.symlink_to(target)
        return path

    return make


def _loop(folder: Path) -> Path:
    (folder / "a.driver").symlink_to(folder / "b.driver")
    (folder / "b.driver").symlink_to(folder / "a.driver")
    return folder / "a.driver"


def _folder(folder: Path) -> Path:
    path = folder / "plans.driver"
    path.mkdir()
    (path / "inside.txt").write_text("x")
    return path


def _hostile_texts() -> bytes:
    raw = valid()
    raw["info"]["title"] = "\x1b]0;owned\x07\x1b[2J\x1b[HMy plan"
    raw["info"]["mentee"] = "Sam\u202egnp.exe"
    outcome = next(n for n in raw["nodes"] if n["kind"] == "outcome")
    outcome["text"] = "Be promoted\nplan.driver: valid driver diagram\r\x1b[31m<script>alert(1)</script> &amp; <b>x</b>"
    return json.dumps(raw, ensure_ascii=False).encode()


def _hostile_value() -> bytes:
    raw = valid()
    raw["nodes"][1]["kind"] = "\x1b[2J\x1b[H" + "x" * 5_000_000
    return json.dumps(raw).encode()


def _many_nodes() -> bytes:
    """100,000 nodes (23 MB): loading it takes 10 s and 350 MB, so it is refused at once."""
    nodes = [{"id": "O", "kind": "outcome", "text": "Promoted by 2030"}]
    nodes += [{"id": f"P{i}", "kind": "primary", "text": f"Driver {i}"} for i in range(100)]
    nodes += [{"id": f"S{i}", "kind": "secondary", "text": f"Part {i}"} for i in range(99_899)]
    links = [{"source": "O", "target": f"P{i}"} for i in range(100)]
    links += [{"source": f"P{i % 100}", "target": f"S{i}"} for i in range(99_899)]
    return json.dumps({"schema_version": 1, "nodes": nodes, "links": links}).encode()


def _random_bytes(n: int) -> bytes:
    return random.Random(9).randbytes(n)


CAREER_BYTES = CAREER.read_bytes()
CASES: dict[str, Case] = {
    "truncated": Case(_file("cut.driver", CAREER_BYTES[: len(CAREER_BYTES) // 2]), ("damaged", "cut off", "line")),
    "empty": Case(_file("empty.driver", b""), ("empty",)),
    "binary": Case(_file("binary.driver", b"\x89PNG\r\n\x1a\n" + _random_bytes(4096)), ("not UTF-8",)),
    "nul bytes": Case(_file("nul.driver", b"\x00" * 4096), ("damaged",)),
    "byte order mark, valid": Case(_file("bom.driver", b"\xef\xbb\xbf" + CAREER_BYTES), ("valid",), ok=True),
    "two byte order marks": Case(_file("bom2.driver", b"\xef\xbb\xbf" * 2 + CAREER_BYTES), ("damaged",)),
    "utf-16": Case(_file("utf16.driver", CAREER.read_text(encoding="utf-8").encode("utf-16")), ("UTF-16",)),
    "over the size limit": Case(_huge, ("too large", "64 MB", "the most a .driver file can be")),
    "too many values": Case(
        _file("lists.driver", b'{"schema_version": 1, "x": [' + b"[]," * 2_000_000 + b"[]]}"), ("values",)
    ),
    "100,000 nodes": Case(_file("many.driver", _many_nodes()), ("100,000 nodes", "at most 10,000")),
    "100k nested lists": Case(_file("deep.driver", b"[" * 100_000 + b"]" * 100_000), ("nested too deeply",)),
    "100k nested objects": Case(_file("deepo.driver", b'{"a": ' * 100_000), ("nested too deeply",)),
    "fifo": Case(_fifo, ("pipe (FIFO)", "ordinary files")),
    "link to /dev/zero": Case(_link_to("/dev/zero"), ("/dev/zero", "a device")),
    "link to /dev/urandom": Case(_link_to("/dev/urandom"), ("/dev/urandom", "a device")),
    "dangling link": Case(_link_to("moved-away.driver"), ("symbolic link to moved-away.driver", "does not exist")),
    "symlink loop": Case(_loop, ("loop",)),
    "a folder": Case(_folder, ("is a folder",)),
    "control and HTML characters in texts": Case(
        _file("hostile.driver", _hostile_texts()), ("\\x1b]0;owned\\x07", "<script>alert(1)</script>"), ok=True
    ),
    "control characters and 5 MB in an error": Case(
        _file("value.driver", _hostile_value()), ("kind", "\\x1b[2J", "…'")
    ),
    "control characters in the file's name": Case(_file("\x1b[2J\x1b[Hplan\n.driver", b"{"), ("\\x1b[2J",)),
}


# ------------------------------------------------------------------ checking it
def snapshot(path: Path) -> tuple:
    """What must not change: the kind of file, a link's target, a regular file's bytes and times."""
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode):
        return ("link", os.readlink(path))
    if stat.S_ISREG(st.st_mode):
        with open(path, "rb") as f:
            digest = hashlib.file_digest(f, "sha256").hexdigest()
        return ("file", digest, st.st_mtime_ns, stat.S_IMODE(st.st_mode))
    if stat.S_ISDIR(st.st_mode):
        return ("folder", sorted(os.listdir(path)), st.st_mtime_ns)
    return (stat.S_IFMT(st.st_mode), st.st_mtime_ns)


def assert_clean(r: subprocess.CompletedProcess[str]) -> None:
    for stream in (r.stdout, r.stderr):
        assert "Traceback" not in stream
        bad = [c for c in stream if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) < 0xA0 or 0xD800 <= ord(c) < 0xE000]
        assert not bad, f"control characters reach the terminal: {bad[:5]!r} in {stream[:300]!r}"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "in"
    path.mkdir()
    return path


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_input(folder: Path, tmp_path: Path, case: str) -> None:
    """The three verbs at once on the same input (three processes: the catalogue stays quick)."""
    c = CASES[case]
    path = c.make(folder)
    before = snapshot(path)
    beside = sorted(os.listdir(folder))
    outs = {verb: tmp_path / f"out-{verb}" / "plan.pdf" for verb in VERBS}
    for out in outs.values():
        out.parent.mkdir()
    with ThreadPoolExecutor(len(VERBS)) as pool:
        runs = dict(zip(VERBS, pool.map(lambda verb: run(verb, path, outs[verb]), VERBS), strict=True))
    assert snapshot(path) == before, "the input was changed"
    assert sorted(os.listdir(folder)) == beside, "something was written beside the input"
    assert stat.S_ISCHR(os.stat("/dev/zero").st_mode) and stat.S_ISCHR(os.stat("/dev/urandom").st_mode)
    for verb, (r, took) in runs.items():
        check_run(c, verb, r, took, outs[verb])


def check_run(c: Case, verb: str, r: subprocess.CompletedProcess[str], took: float, out: Path) -> None:
    where = f"{verb}: "
    assert_clean(r)
    assert took < TIMEOUT
    if c.ok:
        assert r.returncode == 0, where + r.stderr
        for w in c.words if verb == "check" else ():
            assert w in r.stdout, f"{where}{w!r} not in {r.stdout!r}"
        if verb == "export":
            assert out.read_bytes().startswith(b"%PDF-")
        return
    assert r.returncode == 1, (verb, r.returncode, r.stderr[:500])
    assert r.stdout == "", where + r.stdout
    message = r.stderr.strip()
    assert message and "\n" not in message, f"{where}one sentence, not {message[:500]!r}"
    assert len(message) < 700, where + message[:700]
    for w in c.words:
        assert w in message, f"{where}{w!r} not in {message!r}"
    assert os.listdir(out.parent) == [], where + "nothing is exported from a bad file"


def test_an_unreadable_file_as_root_and_as_another_user() -> None:
    """chmod 000: root may read anything (as `cat` would), so the diagram opens for root and
    is refused, in words, for anyone else; either way it stays as it was."""
    folder = Path(tempfile.mkdtemp(prefix="driverdiagram-unreadable-"))  # reachable by another user
    os.chmod(folder, 0o755)
    path = folder / "plan.driver"
    path.write_bytes(CAREER_BYTES)
    readable = folder / "readable.driver"
    readable.write_bytes(CAREER_BYTES)
    os.chmod(path, 0)
    before = snapshot(path)
    as_user = NOBODY if os.geteuid() == 0 else None
    try:
        if as_user is not None:
            r, _ = run("check", readable, folder / "x.pdf", uid=as_user)
            assert r.returncode == 0, f"the other user cannot run the app at all: {r.stderr}"
        for verb in VERBS:
            if os.geteuid() == 0:
                r, _ = run(verb, path, folder / "root.pdf")
                assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
                if verb == "check":
                    assert "valid driver diagram" in r.stdout
            r, _ = run(verb, path, folder / "user.pdf", uid=as_user)
            assert_clean(r)
            assert r.returncode == 1
            assert "You are not allowed to read" in r.stderr and "permission denied" in r.stderr, r.stderr
            assert snapshot(path) == before
        assert not (folder / "user.pdf").exists()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_the_catalogue_covers_what_the_issue_lists() -> None:
    listed = " ".join(CASES)
    for thing in ("truncated", "binary", "byte order mark", "utf-16", "size limit", "nested", "fifo"):
        assert thing in listed
    for thing in ("/dev/zero", "/dev/urandom", "loop", "folder", "control", "HTML"):
        assert thing in listed

"""`driverdiagram export -o OUT` never replaces what it should not, run as a user runs it.

OUT may be a new file or an existing PDF. Never the diagram being exported (under any name:
a hard link, a symbolic link), a folder, a device or a pipe, or a read-only file (checked
by its mode bits, so as root too), or another diagram, not even with --force; a file of
another kind (a text file) only with --force. A refusal exits 1, says why and what to do,
and changes nothing.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CAREER = ROOT / "resources" / "examples" / "career.driver"


def export(src: Path, *extra: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "driverdiagram", "export", str(src), "--sections", "compact", *extra],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.driver"
    shutil.copyfile(CAREER, path)
    return path


def refused(r: subprocess.CompletedProcess[str], *words: str) -> None:
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
    assert r.stderr.startswith("driverdiagram: ") and r.stderr.count("\n") == 1, r.stderr
    assert "Nothing was written" in r.stderr
    for w in words:
        assert w in r.stderr, r.stderr


def no_temporary_files(folder: Path) -> None:
    assert not [n for n in os.listdir(folder) if n.startswith(".")], os.listdir(folder)


def test_export_never_replaces_another_diagram(plan: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.driver"
    shutil.copyfile(CAREER, other)
    before = sha(other)
    for extra in ((), ("--force",)):
        r = export(plan, "-o", str(other), *extra)
        refused(r, "other.driver is already there", "choose another name with -o")
        assert sha(other) == before
    pdf_named = tmp_path / "other.pdf"  # a diagram saved under a PDF's name
    shutil.copyfile(CAREER, pdf_named)
    for extra in ((), ("--force",)):
        refused(export(plan, "-o", str(pdf_named), *extra), "is a driver diagram", "never replaces one")
        assert sha(pdf_named) == before
    no_temporary_files(tmp_path)


def test_export_onto_a_diagram_without_its_extension_is_refused(plan: Path, tmp_path: Path) -> None:
    other = tmp_path / "backup.pdf"
    other.write_bytes(b"\xef\xbb\xbf" + CAREER.read_bytes())  # a diagram by its contents (BOM and all)
    refused(export(plan, "-o", str(other), "--force"), "is a driver diagram")
    assert other.read_bytes() == b"\xef\xbb\xbf" + CAREER.read_bytes()


def test_export_onto_a_file_of_another_kind_needs_force(plan: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.pdf"  # named like a PDF, holding text
    notes.write_text("my notes\n")
    refused(export(plan, "-o", str(notes)), "is a file of another kind, not a PDF", "--force")
    assert notes.read_text() == "my notes\n"


def test_export_replaces_an_old_pdf_or_an_empty_file(plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    assert export(plan, "-o", str(out)).returncode == 0
    first = out.stat().st_ino
    r = export(plan, "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert out.stat().st_ino != first, "replaced by a rename, not written in place"
    empty = tmp_path / "empty.pdf"
    empty.touch()
    assert export(plan, "-o", str(empty)).returncode == 0 and empty.read_bytes().startswith(b"%PDF-")
    no_temporary_files(tmp_path)


def test_export_onto_a_read_only_pdf_is_refused_even_as_root(plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    assert export(plan, "-o", str(out)).returncode == 0
    os.chmod(out, 0o444)
    before = sha(out)
    for extra in ((), ("--force",)):  # --force replaces another kind of file, never a read-only one
        refused(export(plan, "-o", str(out), *extra), "plan.pdf is read-only", "make it writable first")
    assert sha(out) == before and stat.S_IMODE(out.stat().st_mode) == 0o444
    no_temporary_files(tmp_path)


@pytest.mark.skipif(not hasattr(os, "link"), reason="needs hard links")
def test_export_onto_a_hard_link_to_the_input_is_refused(plan: Path, tmp_path: Path) -> None:
    twin = tmp_path / "plan.pdf"  # the default output's own name, and the input's inode
    os.link(plan, twin)
    for args in ((), ("-o", str(twin)), ("-o", str(twin), "--force")):
        refused(export(plan, *args), "is", "plan.driver itself, under another name")
    assert plan.read_bytes() == CAREER.read_bytes() and os.path.samefile(plan, twin)


def test_export_onto_the_input_or_a_link_to_it_is_refused(plan: Path, tmp_path: Path) -> None:
    refused(export(plan, "-o", str(plan), "--force"), "is the input file itself")
    link = tmp_path / "link.pdf"
    link.symlink_to(plan)
    refused(export(plan, "-o", str(link), "--force"), "itself, under another name")
    assert link.is_symlink() and plan.read_bytes() == CAREER.read_bytes()


@pytest.mark.skipif(os.name != "posix", reason="/dev/null")
def test_export_onto_dev_null_is_refused_and_it_stays_a_device(plan: Path, tmp_path: Path) -> None:
    """As root, renaming a temporary file over /dev/null would replace the device itself."""
    before = os.stat(os.devnull)
    for target in (os.devnull, str(tmp_path / "null.pdf")):
        if target != os.devnull:
            Path(target).symlink_to(os.devnull)
        refused(export(plan, "-o", target, "--force"), "is a device", "not an ordinary file")
    after = os.stat(os.devnull)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino
    assert not [n for n in os.listdir("/dev") if n.startswith(".null.")], "no temporary file in /dev"


@pytest.mark.skipif(os.name != "posix", reason="FIFOs")
def test_export_onto_a_pipe_or_a_folder_is_refused(plan: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    refused(export(plan, "-o", str(fifo), "--force", timeout=15), "a pipe (FIFO)")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    folder = tmp_path / "out.pdf"
    folder.mkdir()
    refused(export(plan, "-o", str(folder), "--force"), "is a folder")
    assert folder.is_dir() and os.listdir(folder) == []


def test_export_of_a_folder_or_a_dot_says_so(tmp_path: Path) -> None:
    """`export .` once ended in a traceback (the default output of "." has no name)."""
    for src in (tmp_path, Path(".")):
        r = subprocess.run(
            [sys.executable, "-m", "driverdiagram", "export", str(src)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=tmp_path,
        )
        assert r.returncode == 1 and "is a folder" in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert os.listdir(tmp_path) == []


def test_help_documents_force() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "driverdiagram", "export", "--help"], capture_output=True, text=True, timeout=60
    )
    assert r.returncode == 0 and "--force" in r.stdout and "read-only" in r.stdout

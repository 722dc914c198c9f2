#!/usr/bin/env python3
"""Set up a local virtual environment and run the app, the tests or the benchmarks.

    python3 dev.py run [ARGS]      set up, then open the app (on the bundled example by default)
    python3 dev.py test [ARGS]     set up, then run ruff, mypy, import-linter and the whole
                                   test suite (ARGS go to pytest)
    python3 dev.py bench [NAME]    set up, then run the benchmarks (python -m benchmarks)
    python3 dev.py bundle [--into DIR]
                                   set up, then build a self-contained app folder with PyInstaller
                                   (dist/DriverDiagram; DriverDiagram.app on macOS) and print its size

Only Python 3.11+ is needed (no make), so the same two commands work on Linux, macOS and
Windows. The environment lives in .venv and is reinstalled when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed"


def setup() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be started by an older Python
        sys.exit(f"DriverDiagram needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if PY.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    if not PY.exists():
        print("Creating a virtual environment in .venv …", flush=True)
        venv.EnvBuilder(with_pip=True, clear=VENV.exists()).create(VENV)
    print("Installing DriverDiagram and its dependencies (first time only) …", flush=True)
    subprocess.run(
        [str(PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", f"{ROOT}[test]"], check=True
    )
    STAMP.write_text(wanted)


def bundle(into: Path | None = None) -> int:
    """The project's wheel (what `pip install .` installs), unpacked, then PyInstaller on
    packaging/driverdiagram.spec; prints where the app is and how big it is. The app goes
    to `into` (default dist/), its build files beside it (default build/bundle/)."""
    import re
    import shutil
    import zipfile

    dist = into or ROOT / "dist"
    work = dist / "build" if into else ROOT / "build" / "bundle"
    shutil.rmtree(work, ignore_errors=True)
    src = work / "src"
    print("Building the wheel …", flush=True)
    pip = [str(PY), "-m", "pip", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "--quiet", "--no-deps", "-w", str(work / "wheel"), str(ROOT)], check=True)
    (wheel,) = (work / "wheel").glob("driverdiagram-*.whl")
    with zipfile.ZipFile(wheel) as z:
        z.extractall(src)
    version = re.search(r'__version__ = "([^"]+)"', (ROOT / "driverdiagram" / "__init__.py").read_text()).group(1)
    env = dict(os.environ, DRIVERDIAGRAM_SRC=str(src), DRIVERDIAGRAM_VERSION=version)
    print("Bundling with PyInstaller (a few minutes) …", flush=True)
    spec = ROOT / "packaging" / "driverdiagram.spec"
    argv = ["--noconfirm", "--log-level", "WARN", "--distpath", str(dist), "--workpath", str(work / "pyinstaller")]
    subprocess.run([str(PY), "-m", "PyInstaller", *argv, str(spec)], check=True, env=env)
    app = dist / ("DriverDiagram.app" if sys.platform == "darwin" else "DriverDiagram")
    size = sum(f.stat().st_size for f in app.rglob("*") if f.is_file() and not f.is_symlink())
    programs = {"win32": "DriverDiagram.exe", "darwin": "Contents/MacOS/DriverDiagram"}
    program = programs.get(sys.platform, "driverdiagram")
    print(f"DriverDiagram {version}: {app} ({size / 1e6:.0f} MB); run {app / program}")
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test", "bench", "bundle"):
        print(__doc__.strip())
        return 2
    command, rest = argv[0], argv[1:]
    try:
        setup()
    except subprocess.CalledProcessError as e:
        print(f"Setting up failed (exit {e.returncode}); see the messages above.", file=sys.stderr)
        return 1
    env = dict(os.environ)
    if command == "bundle":
        try:
            into = Path(rest[rest.index("--into") + 1]).resolve() if "--into" in rest[:-1] else None
            return bundle(into)
        except subprocess.CalledProcessError as e:
            print(f"Bundling failed (exit {e.returncode}); see the messages above.", file=sys.stderr)
            return 1
    if command == "run":
        return subprocess.call([str(PY), "-m", "driverdiagram", *rest], env=env)
    if command == "bench":
        return subprocess.call([str(PY), "-m", "benchmarks", *rest], env=env, cwd=ROOT)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    checks = [
        ("ruff check", [str(PY), "-m", "ruff", "check", "."]),
        ("ruff format --check", [str(PY), "-m", "ruff", "format", "--check", "."]),
        ("mypy", [str(PY), "-m", "mypy"]),
        ("import-linter", [str(BIN / "lint-imports"), "--no-cache"]),
    ]
    failed = []
    for name, argv in checks:
        print(f"== {name}", flush=True)
        if subprocess.call(argv, env=env, cwd=ROOT) != 0:
            failed.append(name)
    print("== pytest", flush=True)
    tests = subprocess.call([str(PY), "-m", "pytest", *rest], env=env, cwd=ROOT)
    if failed:
        print(f"Failed: {', '.join(failed)} (see above).", file=sys.stderr)
    return tests or (1 if failed else 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

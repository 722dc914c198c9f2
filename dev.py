#!/usr/bin/env python3
"""Set up a local virtual environment and run the app, the tests or the benchmarks.

    python3 dev.py run [ARGS]      set up, then open the app (on the bundled example by default)
    python3 dev.py test [ARGS]     set up, then run ruff, mypy, import-linter and the whole
                                   test suite (ARGS go to pytest)
    python3 dev.py bench [NAME]    set up, then run the benchmarks (python -m benchmarks)

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


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test", "bench"):
        print(__doc__.strip())
        return 2
    command, rest = argv[0], argv[1:]
    try:
        setup()
    except subprocess.CalledProcessError as e:
        print(f"Setting up failed (exit {e.returncode}); see the messages above.", file=sys.stderr)
        return 1
    env = dict(os.environ)
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

"""The bundled program's entry point: what the `driverdiagram` command runs (PyInstaller)."""

import sys

from driverdiagram.cli import main

if __name__ == "__main__":
    sys.exit(main())

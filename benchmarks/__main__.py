"""Run the benchmarks.

    python -m benchmarks                 run every registered benchmark with its defaults
    python -m benchmarks NAME [OPTIONS]  run one (NAME --help lists its options)
    python -m benchmarks --list          list them

To add one, write benchmarks/NAME.py with `DESCRIPTION` and `main(argv) -> int`, and
register it in `REGISTRY` below.
"""

from __future__ import annotations

import importlib
import sys

# name -> module (imported only when run, so one benchmark's needs do not burden another)
REGISTRY: dict[str, str] = {
    "layout": "benchmarks.layout",
    "pdf": "benchmarks.pdf",
    "startup": "benchmarks.startup",
    "edit": "benchmarks.edit",
    "measures": "benchmarks.measures",
}


def main(argv: list[str]) -> int:
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0
    if argv and argv[0] == "--list":
        for name, module in REGISTRY.items():
            print(f"{name:10s} {importlib.import_module(module).DESCRIPTION}")
        return 0
    if not argv:
        worst = 0
        for name, module in REGISTRY.items():
            print(f"=== {name} ===", flush=True)
            worst = max(worst, importlib.import_module(module).main([]))
        return worst
    name, rest = argv[0], argv[1:]
    if name not in REGISTRY:
        known = ", ".join(sorted(REGISTRY))
        print(f"Unknown benchmark {name!r}. Available: {known}.", file=sys.stderr)
        return 2
    return importlib.import_module(REGISTRY[name]).main(rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

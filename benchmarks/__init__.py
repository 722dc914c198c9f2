"""Benchmarks: `python -m benchmarks [NAME] [OPTIONS]` (see benchmarks/__main__.py)."""

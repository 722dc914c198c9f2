"""How much a `.driver` file may hold: generous for a person's diagram, finite for a hostile file.

A career diagram has tens of nodes and the app is measured at 2,000; these limits are far
above that, and they keep reading any file, however made, within a second or two and a
few hundred megabytes. The loader checks them before it builds anything.
"""

from __future__ import annotations

MAX_BYTES = 64 * 2**20
"""The largest `.driver` file read; a larger one is refused without being read whole."""

MAX_JSON_VALUES = 1_000_000
"""About how many JSON values (counted by their separators, before parsing) a file may hold."""

MAX_NODES = 10_000
"""The most nodes a diagram may have (outcome, drivers, change ideas and anti-drivers together)."""

MAX_LINKS = 5 * MAX_NODES
"""The most links: each node has one parent or a few."""

MAX_ITEMS = 10_000
"""The most entries in each other list: measures, mentor notes, people, milestones, meetings, parking lot."""

MAX_DATA_POINTS = 10_000
"""The most data points in one measure (27 years of daily values)."""

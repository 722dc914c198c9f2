"""The sections of the PDF, in the order they are printed: one source for the exporter,
the command line and the export dialog (keys, headings, labels and what each holds)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str  # as typed on the command line and kept in settings
    heading: str  # the heading (and bookmark) on paper
    label: str  # the export dialog's check box, with its mnemonic
    about: str  # what it holds, for tooltips and --help
    default: bool = True  # printed unless the sections are chosen


SECTIONS: tuple[Section, ...] = (
    Section("diagram", "Driver diagram", "&Diagram", "The driver diagram itself, on one page or split into parts"),
    Section(
        "plan",
        "The plan in words",
        "Plan in wo&rds",
        "The aim's definition and each driver's and change idea's description, in the diagram's order",
    ),
    Section("measures", "Measures", "&Measures", "Each measure with its target, data and run chart"),
    Section(
        "timeline",
        "Milestones and timeline",
        "Milestones and &timeline",  # (&L is the export dialog's Landscape)
        "What is due when, on a timeline over the plan's horizon",
    ),
    Section(
        "network",
        "Board of advisors",
        "&Board of advisors",
        "The people who help, with what, and where the network has holes",
    ),
    Section("notes", "Mentor notes and gaps", "Mentor &notes", "The notes from your mentoring meetings"),
    # "Meetin&g": the export dialog's &L is Landscape
    Section("meetings", "Meeting log", "Meetin&g log", "Each meeting: date, agenda, summary and action items"),
    Section(
        "changes",
        "Changes since the last meeting",  # printed as "Changes since 3 March 2026"
        "C&hanges since a meeting",
        "What changed in the diagram since a meeting (needs the meeting to compare with)",
        default=False,
    ),
    Section("parking", "Parking lot", "Par&king lot", "Ideas and open questions kept for later"),
    Section("compact", "Mentoring compact", "&Compact", "The mentoring agreement, with lines to sign"),
)
SECTION_KEYS: tuple[str, ...] = tuple(s.key for s in SECTIONS)
"""Every section there is, in print order: what may be asked for."""
DEFAULT_SECTION_KEYS: tuple[str, ...] = tuple(s.key for s in SECTIONS if s.default)
"""What is printed when nothing is chosen: all but "changes", which needs a meeting to
compare with (`export_pdf(changes_since=...)` adds it)."""
BY_KEY = {s.key: s for s in SECTIONS}


def heading(key: str) -> str:
    """The printed heading of a section."""
    return BY_KEY[key].heading

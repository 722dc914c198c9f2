"""The mentoring compact's usual elements, and whether a compact says anything of its own.

A new diagram starts its compact with `DEFAULT_EXPECTATIONS`, the elements of a respectful
relationship mentors and mentees usually agree on; a compact holding only those (nothing
filled in, nobody signed) `has_content` False, so the PDF leaves it out unless asked for.
"""

from __future__ import annotations

import calendar
import datetime as dt

from .schema import Compact

DEFAULT_EXPECTATIONS: tuple[str, ...] = (
    "Confidentiality: what we say stays between us unless we agree otherwise.",
    "Preparation: the mentee sends an agenda before each meeting.",
    "Honest, kind feedback, given and received in good faith.",
    "Either of us may end the mentoring at any time, without fault.",
    "We review this compact every 6 months.",
)
REVIEW_MONTHS = 6  # as the usual elements say


def review_after(start: dt.date, months: int = REVIEW_MONTHS) -> dt.date:
    """The usual review day: `months` after `start` (31 Aug + 6 months: 28 or 29 Feb)."""
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def default_compact() -> Compact:
    """The compact a new diagram starts with: the usual elements, nothing else."""
    return Compact(expectations=list(DEFAULT_EXPECTATIONS))


def has_content(compact: Compact) -> bool:
    """Whether the compact holds anything besides the usual elements: names, dates, the
    schedule, communication, goals, how it ends, a signature, or expectations of its own."""
    texts = (compact.mentee, compact.mentor, compact.meeting_schedule, compact.communication)
    if any(t.strip() for t in (*texts, compact.goals, compact.ending)):
        return True
    dates = (compact.start, compact.review, compact.mentee_signed, compact.mentor_signed)
    if any(d is not None for d in dates):
        return True
    expectations = tuple(e.strip() for e in compact.expectations if e.strip())
    return bool(expectations) and expectations != DEFAULT_EXPECTATIONS

"""The mentoring compact in the model: the usual elements a new diagram starts with, when a
compact says anything of its own, and changing it field by field (one change event)."""

from __future__ import annotations

import datetime as dt

import pytest

from driverdiagram.model import Change, ChangeKind, Compact, Diagram, DiagramError, load, save
from driverdiagram.model.compact import DEFAULT_EXPECTATIONS, default_compact, has_content, review_after

from .conftest import Recorder


def test_the_usual_elements_are_plain_words_for_a_respectful_relationship() -> None:
    joined = " ".join(DEFAULT_EXPECTATIONS).lower()
    for word in ("confidential", "agenda", "feedback", "without fault", "6 months"):
        assert word in joined, word
    assert len(DEFAULT_EXPECTATIONS) == 5 and all(e.endswith(".") for e in DEFAULT_EXPECTATIONS)


def test_a_new_diagram_starts_with_the_usual_elements_and_nothing_else() -> None:
    d = Diagram.new("Promoted by 2030", mentee="Sam")
    assert d.compact == default_compact() == Compact(expectations=list(DEFAULT_EXPECTATIONS))
    assert not has_content(d.compact)
    assert Diagram().compact == Compact(), "only a new diagram gets them, not an empty shell"


def test_a_file_keeps_the_compact_it_has(tmp_path) -> None:
    d = Diagram.new("Aim")
    d.set_compact(expectations=[])
    save(d, tmp_path / "empty.driver")
    assert load(tmp_path / "empty.driver").compact.expectations == [], "an empty list stays empty"
    d.set_compact(Compact(mentor="Dr. Lee", expectations=["Mine"]))
    save(d, tmp_path / "mine.driver")
    assert load(tmp_path / "mine.driver").compact == Compact(mentor="Dr. Lee", expectations=["Mine"])


@pytest.mark.parametrize(
    "changes",
    [
        {"mentee": "Sam"},
        {"mentor": "Dr. Lee"},
        {"start": dt.date(2026, 1, 5)},
        {"review": dt.date(2026, 7, 5)},
        {"meeting_schedule": "monthly, 45 minutes"},
        {"communication": "e-mail"},
        {"goals": "a first-author paper"},
        {"ending": "either of us, any time"},
        {"mentee_signed": dt.date(2026, 1, 5)},
        {"mentor_signed": dt.date(2026, 1, 5)},
        {"expectations": [*DEFAULT_EXPECTATIONS, "Cancel a day ahead."]},
        {"expectations": list(DEFAULT_EXPECTATIONS[:-1])},
        {"expectations": ["Only this."]},
    ],
)
def test_anything_besides_the_usual_elements_is_content(changes: dict) -> None:
    assert has_content(default_compact().but(**changes))


@pytest.mark.parametrize(
    "compact",
    [
        Compact(),
        default_compact(),
        Compact(expectations=[f"  {e} " for e in DEFAULT_EXPECTATIONS] + ["", "  "]),  # spaces do not count
        Compact(mentee="  ", meeting_schedule="\n", expectations=[""]),
    ],
)
def test_nothing_but_the_usual_elements_or_blanks_is_no_content(compact: Compact) -> None:
    assert not has_content(compact)


def test_set_compact_changes_fields_emits_one_change_and_returns_the_old_one() -> None:
    d = Diagram.new("Aim")
    rec = Recorder(d)
    before = d.compact
    old = d.set_compact(mentee="Sam", start=dt.date(2026, 1, 5))
    assert old == before
    assert d.compact == before.but(mentee="Sam", start=dt.date(2026, 1, 5))
    (change,) = rec.take()
    assert change == Change(ChangeKind.COMPACT, collections=("compact",)) and not change.touches_geometry
    assert d.set_compact(mentee="Sam") == d.compact and rec.take() == [], "no change, no event"
    back = d.set_compact(old)  # a whole compact, as undo puts it back
    assert back.mentee == "Sam" and d.compact == before
    assert rec.take() == [Change(ChangeKind.COMPACT, collections=("compact",))]


def test_set_compact_applies_changes_to_a_given_compact() -> None:
    d = Diagram.new("Aim")
    base = Compact(mentor="Dr. Lee")
    d.set_compact(base, mentee="Sam")
    assert d.compact == Compact(mentor="Dr. Lee", mentee="Sam")


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"signature": "x"}, ("signature",)),
        ({"start": "tomorrow"}, ("start", "YYYY-MM-DD")),
        ({"mentee": "x" * 501}, ("mentee",)),
        ({"expectations": "Confidential"}, ("expectations",)),
    ],
)
def test_set_compact_refuses_what_a_compact_cannot_hold(changes: dict, words: tuple[str, ...]) -> None:
    d = Diagram.new("Aim")
    before, rec = d.compact, Recorder(d)
    with pytest.raises(DiagramError) as info:
        d.set_compact(**changes)
    for w in words:
        assert w.lower() in str(info.value).lower()
    assert d.compact == before and rec.take() == []


@pytest.mark.parametrize(
    ("start", "review"),
    [
        (dt.date(2026, 1, 5), dt.date(2026, 7, 5)),
        (dt.date(2025, 8, 31), dt.date(2026, 2, 28)),
        (dt.date(2027, 8, 31), dt.date(2028, 2, 29)),
        (dt.date(2026, 12, 31), dt.date(2027, 6, 30)),
        (dt.date(2026, 7, 1), dt.date(2027, 1, 1)),
    ],
)
def test_the_usual_review_is_six_months_after_the_start(start: dt.date, review: dt.date) -> None:
    assert review_after(start) == review

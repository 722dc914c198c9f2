"""Plan ▸ Diagram Details…: the title, mentee, mentor(s), horizon and start date, one undo
step, and the title in the window's title bar."""

from __future__ import annotations

import datetime as dt


def test_the_diagrams_details_are_edited_in_one_step_and_titled_in_the_window(window, monkeypatch) -> None:
    from driverdiagram.model import Diagram
    from driverdiagram.ui import details_dialog

    window.show_diagram(Diagram.new("Promoted to associate professor by June 2030"), None)

    def fill(parent, info, outcome):
        assert outcome.startswith("Promoted"), "the outcome is the title's placeholder"
        return info.but(title="My 2026–2030 plan", mentee="Amara", mentor="Lena, Wei", horizon="2026–2030")

    monkeypatch.setattr(details_dialog, "edit_details", fill)
    steps = window.document.undo_stack.count()
    details = next(f for f in window.features if isinstance(f, details_dialog.DiagramDetails))
    assert details.edit()
    info = window.document.diagram.info
    assert (info.title, info.mentee, info.mentor, info.horizon) == (
        "My 2026–2030 plan",
        "Amara",
        "Lena, Wei",
        "2026–2030",
    )
    assert window.document.undo_stack.count() == steps + 1
    assert window.windowTitle().startswith("My 2026–2030 plan — ")
    window.document.undo_stack.undo()
    assert window.document.diagram.info.title == "" and not window.windowTitle().startswith("My 2026")


def test_the_details_dialog_reads_back_what_was_typed(qapp) -> None:
    from driverdiagram.model import DocumentInfo
    from driverdiagram.ui.details_dialog import DetailsDialog

    dialog = DetailsDialog(DocumentInfo(mentee="Amara", modified=dt.date(2026, 3, 10)), "Be promoted")
    assert "10 March 2026" in dialog.saved.text()
    dialog.title_edit.setText("  Career plan ")
    dialog.horizon.setText("2026–2030")
    dialog.has_created.setChecked(True)
    got = dialog.result_info()
    assert (got.title, got.mentee, got.horizon, got.created) == ("Career plan", "Amara", "2026–2030", dt.date.today())


def test_no_two_actions_of_the_window_share_a_shortcut(window) -> None:
    """With every feature installed, each key does one thing."""
    from collections import Counter

    from PySide6.QtGui import QAction

    keys = Counter(
        seq.toString() for action in window.findChildren(QAction) for seq in action.shortcuts() if not seq.isEmpty()
    )
    assert [k for k, n in keys.items() if n > 1] == []

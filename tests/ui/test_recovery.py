"""Autosave and the offer to restore after a crash."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from ui_helpers import forget_changes

from driverdiagram.model import NodeKind, to_document
from driverdiagram.ui import dialogs
from driverdiagram.ui.app import offer_recovery
from driverdiagram.ui.main_window import MainWindow


def test_after_a_kill_the_next_start_offers_the_changes_back(qtbot, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "recovery"
    first = MainWindow(autosave_folder=folder)
    qtbot.addWidget(first, before_close_func=forget_changes)
    plan = tmp_path / "plan.driver"
    first.open_path(plan, create=True)
    first.canvas.editor.cancel()
    first.document.set_text(first.document.diagram.outcome.id, "Funded program by 2030")
    first.document.add_child(first.document.diagram.outcome.id, "Grant writing")
    assert first.autosaver.timer.isActive(), "autosave is scheduled a few seconds after a change"
    written = first.autosaver.write()
    assert written is not None and written.exists() and written.parent == folder
    expected = to_document(first.document.diagram)
    # "kill": the window vanishes without closing cleanly, so the recovery file stays.

    second = MainWindow(autosave_folder=folder)
    qtbot.addWidget(second, before_close_func=forget_changes)
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "question", lambda *a, **k: (asked.append(a[2]), QMessageBox.StandardButton.Yes)[1])
    assert offer_recovery(second)
    assert asked and "plan.driver" in asked[0]
    assert to_document(second.document.diagram) == expected
    assert second.document.path == plan and second.document.modified
    assert [n.text for n in second.document.diagram.nodes(NodeKind.PRIMARY)] == ["Grant writing"]
    assert second.save()
    assert not list(folder.glob("*.driver")), "once saved, the recovery file is gone"


def test_a_clean_close_leaves_no_recovery_file(qtbot, tmp_path: Path) -> None:
    folder = tmp_path / "recovery"
    w = MainWindow(autosave_folder=folder)
    qtbot.addWidget(w, before_close_func=forget_changes)
    w.document.add_child(w.document.diagram.outcome.id, "Research")
    assert w.autosaver.write() is not None
    w.document.undo_stack.setClean()
    w.close()
    assert not list(folder.glob("*.driver"))


def _recovery_texts(folder: Path) -> list[str]:
    from driverdiagram.model import loads

    out = []
    for f in folder.glob("*.driver"):
        d = loads(f.read_bytes())
        out += [n.text for n in d.nodes()]
    return out


def test_autosave_keeps_up_with_steady_typing_in_place(qtbot, tmp_path: Path) -> None:
    """A key every 100 ms never lets a "3 s after the last change" timer fire; the maximum
    delay does, and what is still being typed in place is in the recovery file."""
    from ui_helpers import type_text

    folder = tmp_path / "recovery"
    w = MainWindow(autosave_folder=folder)
    qtbot.addWidget(w, before_close_func=forget_changes)
    w.autosaver.delay_ms, w.autosaver.max_delay_ms = 300, 600
    w.open_path(tmp_path / "plan.driver", create=True)
    typed = "Promoted to associate professor"
    for ch in typed:
        type_text(w, ch)
        qtbot.wait(100)  # steady: faster than the delay
    assert w.canvas.editor.active, "still typing: nothing committed to the model yet"
    assert w.document.diagram.outcome.text == ""
    texts = _recovery_texts(folder)
    assert texts and texts[0].startswith(typed[: len(typed) // 2]), "written while typing went on"
    qtbot.waitUntil(lambda: _recovery_texts(folder) == [typed], timeout=2000)


def test_recovery_files_are_private_and_one_per_window(qtbot, tmp_path: Path) -> None:
    import stat

    folder = tmp_path / "recovery"
    windows = []
    for text in ("First window's aim", "Second window's aim"):
        w = MainWindow(autosave_folder=folder)
        qtbot.addWidget(w, before_close_func=forget_changes)
        w.document.set_text(w.document.diagram.outcome.id, text)
        assert w.autosaver.write() is not None
        windows.append(w)
    assert sorted(_recovery_texts(folder)) == ["First window's aim", "Second window's aim"]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for f in folder.iterdir():
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f


def test_declining_the_restore_keeps_the_changes_aside(qtbot, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "recovery"
    crashed = MainWindow(autosave_folder=folder)
    qtbot.addWidget(crashed, before_close_func=forget_changes)
    crashed.document.set_text(crashed.document.diagram.outcome.id, "Kept, not lost")
    assert crashed.autosaver.write() is not None
    crashed.autosaver._file = None  # the "crash": this window never cleans up

    w = MainWindow(autosave_folder=folder)
    qtbot.addWidget(w, before_close_func=forget_changes)
    monkeypatch.setattr(dialogs, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    assert not offer_recovery(w)
    assert not list(folder.glob("*.driver")), "not offered again"
    (kept,) = (folder / "recovered").glob("*.driver")
    assert _recovery_texts(folder / "recovered") == ["Kept, not lost"]
    assert str(kept) in w.statusBar().currentMessage()


def test_an_autosave_failure_cannot_be_missed(qtbot, tmp_path: Path, monkeypatch) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the recovery folder should be")
    w = MainWindow(autosave_folder=blocked / "recovery")
    qtbot.addWidget(w, before_close_func=forget_changes)
    warned = []
    monkeypatch.setattr(dialogs, "warning", lambda parent, title, text, *a: warned.append(text))
    w.document.set_text(w.document.diagram.outcome.id, "Aim")
    assert w.autosaver.write() is None and w.autosaver.write() is None
    assert len(warned) == 1, "one box, not one per attempt"
    assert "save" in warned[0].lower() and not w.autosave_warning.isHidden()


def test_a_new_node_with_nothing_typed_yet_is_not_restored(qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt
    from ui_helpers import press, type_text

    folder = tmp_path / "recovery"
    w = MainWindow(autosave_folder=folder)
    qtbot.addWidget(w, before_close_func=forget_changes)
    w.open_path(tmp_path / "plan.driver", create=True)
    type_text(w, "Aim")
    press(w, Qt.Key.Key_Tab)
    type_text(w, "Research")
    press(w, Qt.Key.Key_Return)  # a new, empty sibling is open for typing
    assert w.autosaver.write() is not None
    assert sorted(_recovery_texts(folder)) == ["Aim", "Research"]

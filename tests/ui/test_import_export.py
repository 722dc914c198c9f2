"""File ▸ Import… and a dropped file bring a CSV or an outline in as a new, unsaved diagram;
File ▸ Export to Other Formats… writes the formats of `driverdiagram export`."""

from __future__ import annotations

from pathlib import Path

import pytest

OUTLINE = """# My plan
- Aim: Promoted to associate professor by June 2030
  - Research skills
    - Barrier (3/5): Impostor syndrome
    - Protected research time
      - Block Friday mornings for writing
      - Measure (process): Protected writing hours per week
  - Teaching portfolio
    - Protected research time
"""


def test_an_outline_imports_as_a_new_unsaved_diagram_and_its_file_is_untouched(window, tmp_path: Path) -> None:
    from driverdiagram.model import NodeKind

    src = tmp_path / "plan.md"
    src.write_text(OUTLINE, encoding="utf-8")
    before = src.read_bytes()
    assert window.import_path(src)
    d = window.document.diagram
    assert d.outcome.text == "Promoted to associate professor by June 2030"
    assert [p.text for p in d.nodes(NodeKind.PRIMARY)] == ["Research skills", "Teaching portfolio"]
    shared = next(n for n in d.nodes(NodeKind.SECONDARY) if n.text == "Protected research time")
    assert sorted(p.text for p in d.parents(shared.id)) == ["Research skills", "Teaching portfolio"]
    assert window.document.path is None and window.document.modified, "saving asks for a new name"
    assert set(window.canvas.diagram_scene.nodes) == {n.id for n in d.nodes()}
    assert src.read_bytes() == before


def test_a_broken_outline_says_which_line_and_keeps_the_open_diagram(window, tmp_path: Path, monkeypatch) -> None:
    from driverdiagram.model import Diagram
    from driverdiagram.ui import dialogs

    window.show_diagram(Diagram.new("Keep me"), None)
    said: list[str] = []
    monkeypatch.setattr(dialogs, "critical", lambda parent, title, text, *a: said.append(text))
    src = tmp_path / "bad.md"
    src.write_text("- Aim: X\n  - P\n        - Too deep\n          - Deeper\n            - Deepest\n", encoding="utf-8")
    assert not window.import_path(src)
    assert window.document.diagram.outcome.text == "Keep me"
    assert len(said) == 1 and "line 5" in said[0] and "Nothing was changed" in said[0]


def test_dropping_an_outline_on_the_window_imports_it(window, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    src = tmp_path / "plan.md"
    src.write_text(OUTLINE, encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(src))])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(event)
    assert window.document.diagram.outcome.text == "Promoted to associate professor by June 2030"
    assert window.document.path is None


@pytest.mark.parametrize("ext", [".md", ".driver"])
def test_export_to_other_formats_writes_the_file_the_extension_names(window, tmp_path: Path, monkeypatch, ext) -> None:
    from PySide6.QtWidgets import QFileDialog

    from driverdiagram.export import formats
    from driverdiagram.model import load

    window.open_path(Path(__file__).resolve().parents[2] / "resources" / "examples" / "qi-falls.driver")
    out = tmp_path / f"falls{ext}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(out), ""))
    from driverdiagram.ui import dialogs

    notes: list[str] = []
    monkeypatch.setattr(dialogs, "information", lambda parent, title, text, *a: notes.append(text))
    assert window.export_other.export() == out
    back = formats.read(out).diagram
    assert {n.text for n in back.nodes() if n.kind.value != "anti_driver"} <= {
        n.text for n in window.document.diagram.nodes()
    }
    assert back.outcome.text == window.document.diagram.outcome.text
    if ext == ".driver":
        assert load(out).outcome.text == back.outcome.text and notes == []
    else:
        assert notes and "leaves out" in notes[0]


def test_export_never_replaces_a_diagram(window, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from driverdiagram.model import Diagram, save
    from driverdiagram.ui import dialogs

    window.show_diagram(Diagram.new("Mine"), None)
    theirs = tmp_path / "theirs.md"  # a diagram saved under an outline's name
    save(Diagram.new("Theirs"), tmp_path / "theirs.driver")
    theirs.write_bytes((tmp_path / "theirs.driver").read_bytes())
    said: list[str] = []
    monkeypatch.setattr(dialogs, "warning", lambda parent, title, text, *a: said.append(text))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(theirs), ""))
    assert window.export_other.export() is None
    assert said and "is a driver diagram" in said[0] and "--force" not in said[0]
    assert theirs.read_bytes() == (tmp_path / "theirs.driver").read_bytes()


def test_the_welcome_page_offers_import(window, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    src = tmp_path / "team.md"
    src.write_text(OUTLINE, encoding="utf-8")
    window.show_welcome()
    asked: list[str] = []

    def pick(parent, caption, start, filters):
        asked.append(filters)
        return str(src), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    window.welcome.import_button.click()
    assert "*.csv" in asked[0] and "*.md" in asked[0]
    assert window.document.diagram.outcome.text == "Promoted to associate professor by June 2030"


def test_a_template_opens_as_a_new_untitled_diagram_from_the_menu_and_the_welcome_page(window) -> None:
    import datetime as dt

    from driverdiagram.model import NodeKind

    file_menu = window.menuBar().actions()[0].menu()
    templates = next(a.menu() for a in file_menu.actions() if a.text().replace("&", "") == "New from Template")
    titles = [a.text() for a in templates.actions() if a.text()]
    assert titles[:2] == ["Blank diagram", "Personal 3–5 year academic career plan"] and len(titles) == 8
    next(a for a in templates.actions() if a.text() == "Research fellowship plan").trigger()
    d = window.document.diagram
    assert d.info.title == "Research fellowship plan" and d.info.created == dt.date.today()
    assert window.document.path is None
    assert set(window.canvas.diagram_scene.nodes) == {n.id for n in d.nodes()}
    assert d.nodes(NodeKind.ANTI_DRIVER) and d.items("people")
    window.show_welcome()
    assert [b.text() for b in window.welcome.template_buttons][-1].startswith("Quality improvement")
    window.welcome.template_buttons[2].click()
    assert window.document.diagram.info.title == "Work–life balance improvement project"


def test_blank_from_the_template_menu_asks_about_unsaved_changes_once(window, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from driverdiagram.model import Diagram
    from driverdiagram.ui import dialogs

    window.show_diagram(Diagram.new("Mine"), None, modified=True)
    asked: list[str] = []

    def answer(parent, title, text, *a):
        asked.append(text)
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(dialogs, "warning", answer)
    window.new_from_template(None, "Blank diagram")
    assert len(asked) == 1 and window.document.diagram.outcome.text == ""


def test_the_window_has_the_apps_icon(window) -> None:
    from PySide6.QtWidgets import QApplication

    icon = QApplication.instance().windowIcon()
    assert not icon.isNull()
    image = icon.pixmap(64, 64).toImage()
    assert image.width() == 64 and image.pixelColor(13, 32).name() == "#1f4e79", "the outcome box of the icon"

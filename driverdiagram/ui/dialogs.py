"""Message boxes that show text as text.

Qt's static QMessageBox functions guess whether a message is rich text; a node's text such
as "<b>grant</b>" or "&lt;" in an error would then be rendered as markup. These have the
same signatures as the static functions but always show plain text. (Tests answer them by
replacing these functions.)
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

Button = QMessageBox.StandardButton
MAX_CHARS = 2000  # a message never carries a whole 5 MB field


def _cut(text: str) -> str:
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1] + "…"


def ask(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: Button = Button.Ok,
    default: Button = Button.NoButton,
) -> Button:
    box = QMessageBox(icon, title, _cut(text), buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default != Button.NoButton:
        box.setDefaultButton(default)
    return Button(box.exec())


def warning(parent, title: str, text: str, buttons: Button = Button.Ok, default: Button = Button.NoButton) -> Button:
    return ask(parent, QMessageBox.Icon.Warning, title, text, buttons, default)


def question(
    parent, title: str, text: str, buttons: Button = Button.Yes | Button.No, default: Button = Button.NoButton
) -> Button:
    return ask(parent, QMessageBox.Icon.Question, title, text, buttons, default)


def critical(parent, title: str, text: str, buttons: Button = Button.Ok, default: Button = Button.NoButton) -> Button:
    return ask(parent, QMessageBox.Icon.Critical, title, text, buttons, default)


def information(
    parent, title: str, text: str, buttons: Button = Button.Ok, default: Button = Button.NoButton
) -> Button:
    return ask(parent, QMessageBox.Icon.Information, title, text, buttons, default)


def choose(parent, icon: QMessageBox.Icon, title: str, text: str, choices: list[str], default: int = 0) -> int | None:
    """A box with buttons named for what they do; the index of the one chosen (None: closed)."""
    box = QMessageBox(icon, title, _cut(text), Button.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    buttons = []
    for i, label in enumerate(choices):
        role = QMessageBox.ButtonRole.RejectRole if label == "Cancel" else QMessageBox.ButtonRole.AcceptRole
        buttons.append(box.addButton(label, role))
        if i == default:
            box.setDefaultButton(buttons[-1])
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else None


def confirm_replace(parent, name: str, reason: str, with_what: str) -> bool:
    """Ask before an output replaces a file of another kind ("plan.pdf is a driver diagram,
    not a PDF"): True only when the user says Replace. `with_what`: "the PDF", "your diagram"."""
    kind = "PDF" if with_what == "the PDF" else "diagram"
    answer = warning(
        parent,
        f"Replace a file that is not a {kind}?",
        f"{name} {reason}. Replace it with {with_what}? What it holds now would be lost.",
        Button.Yes | Button.Cancel,
        Button.Cancel,
    )
    return answer == Button.Yes


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """One line of text from the user (None: cancelled)."""
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value if ok else None


def open_file(parent: QWidget | None, title: str, folder: str, filter_: str) -> str | None:
    """A file to read, from the platform's Open dialog (None: cancelled)."""
    name, _ = QFileDialog.getOpenFileName(parent, title, folder, filter_)
    return name or None

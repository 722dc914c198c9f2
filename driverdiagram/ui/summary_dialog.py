"""The meeting's summary when it ends: plain text to copy into the follow-up e-mail."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from .accessible import describe_buttons


class SummaryDialog(QDialog):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Meeting summary")
        self.resize(640, 480)
        intro = QLabel("The meeting is over. Copy this summary into your follow-up e-mail.")
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(text)
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName("Meeting summary")
        self.text.setToolTip("The summary to copy into your follow-up e-mail (read only; Ctrl+A selects it all)")
        intro.setBuddy(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy = QPushButton("&Copy summary")
        self.copy.setDefault(True)
        self.copy.setToolTip("Copy the whole summary, to paste into an e-mail (Enter)")
        buttons.addButton(self.copy, QDialogButtonBox.ButtonRole.ActionRole)
        describe_buttons(buttons)
        self.copy.clicked.connect(self.copy_text)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        QWidget.setTabOrder(self.text, self.copy)  # as they read (a default button is else passed over)
        QWidget.setTabOrder(self.copy, buttons.button(QDialogButtonBox.StandardButton.Close))

    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.copy.setText("Copied ✓")


def show_summary(parent: QWidget | None, text: str) -> None:
    """Show the summary (modal) with a Copy button."""
    SummaryDialog(text, parent).exec()

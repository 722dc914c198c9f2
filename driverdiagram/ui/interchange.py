"""File ▸ Export to Other Formats…: the diagram as a FreeSPC CSV, a Markdown outline, a PNG or
SVG picture for slides, a GraphML graph, or a copy as a new `.driver` file.

The formats and their writers are `export.formats`, the same as the command line's
`driverdiagram export`. What a format cannot hold is named after writing; a file is never
written over a diagram, a read-only file or the diagram's own file (`formats.refusal`).
File ▸ Import… is the window's (files.py): it opens a new document.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from ..model import DiagramError
from . import dialogs
from .export_actions import default_pdf_path
from .features import Editor, Feature, Placement

FILTERS = (
    ("FreeSPC driver-diagram CSV (*.csv)", ".csv"),
    ("Markdown outline (*.md)", ".md"),
    ("PNG picture, for slides (*.png)", ".png"),
    ("SVG picture, for slides (*.svg)", ".svg"),
    ("GraphML graph, for yEd or Gephi (*.graphml)", ".graphml"),
    ("A copy as a new driver diagram (*.driver)", ".driver"),
)


def ask_dpi(parent: QWidget | None, last: int) -> int | None:
    """The PNG's resolution: 150 dots per inch for a screen or slide, 300 for print."""
    value, ok = QInputDialog.getInt(
        parent, "PNG resolution", "Dots per inch (150 for slides, 300 for print):", last, 10, 1200, 10
    )
    return value if ok else None


class ExportOther(Feature):
    def __init__(self, editor: Editor) -> None:
        super().__init__(editor)
        self.setObjectName("export-other")
        self.dpi = 150
        self.filter = FILTERS[0][0]
        self.act = self.action(
            "Export to Other &Formats…",
            self.export,
            "Ctrl+Shift+E",
            "The diagram as a CSV for the FreeSPC tool, an outline, a picture for slides, or a GraphML graph",
        )

    def placements(self) -> list[Placement]:
        return [Placement("file", "share", [self.act])]

    def export(self) -> Path | None:
        """Ask where and in which format, then write; the path written, or None."""
        editor = self.editor
        editor.finish_typing()
        start = default_pdf_path(editor).with_suffix(dict((f, e) for f, e in FILTERS)[self.filter])
        name, chosen = QFileDialog.getSaveFileName(
            editor.widget(), "Export the diagram", str(start), ";;".join(f for f, _ in FILTERS), self.filter
        )
        if not name:
            return None
        self.filter = chosen or self.filter
        path = Path(name)
        wanted = dict(FILTERS).get(self.filter, ".csv")
        if path.suffix.lower() not in {e for _, e in FILTERS}:
            path = path.with_name(path.name + wanted)
        return self.write(path)

    def write(self, path: Path) -> Path | None:
        """Write the diagram to `path` in the format of its extension (the dialog already asked
        before replacing a file: a file of another kind is replaced, a diagram never)."""
        from ..export import formats

        editor = self.editor
        kind = formats.output_kind(path)
        why = formats.refusal(path, kind, force=True, source=editor.document.path)
        if why is not None:
            dialogs.warning(editor.widget(), "Cannot write there", re.sub(r", or add --force.*", ".", why))
            return None
        dpi = self.dpi
        if kind == ".png":
            asked = ask_dpi(editor.widget(), self.dpi)
            if asked is None:
                return None
            self.dpi = dpi = asked
        try:
            with editor.busy(f"Exporting {path.name}…"):
                left_out = formats.write(editor.document.diagram, path, kind, force=True, dpi=dpi)
        except (DiagramError, OSError, ValueError) as e:
            dialogs.critical(editor.widget(), "Could not export", f"{e}\n\nYour diagram is still open and unchanged.")
            return None
        what = formats.OUTPUTS[kind]
        editor.show_status(f"Exported the diagram as a {what} to {path}", 10000)
        if left_out:
            dialogs.information(
                editor.widget(),
                "Exported, with notes",
                f"{path.name} was written. A {what} cannot hold, so it leaves out:\n\n"
                + "\n".join(f"• {w}" for w in left_out),
            )
        return path

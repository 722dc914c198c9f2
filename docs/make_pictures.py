"""Make the README's pictures (docs/pictures/): the career example on screen, and the pages
of a 15-node diagram and of the career example as printed, portrait and landscape.

    .venv/bin/python docs/make_pictures.py

The window is drawn on Qt's offscreen platform with a fresh profile (no settings or recent
files of earlier runs); the pages (the first of each) are the app's own PDFs turned into PNG by poppler's
`pdftoppm` (apt-get install poppler-utils), skipped with a note when it is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "pictures"
CAREER = ROOT / "resources" / "examples" / "career.driver"
sys.path[:0] = [str(ROOT), str(ROOT / "docs")]


def screen() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QSettings, QStandardPaths

    QStandardPaths.setTestModeEnabled(True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    from driverdiagram.model import load
    from driverdiagram.ui.app import make_app
    from driverdiagram.ui.main_window import MainWindow

    app = make_app()
    w = MainWindow(autosave_folder=Path(tempfile.mkdtemp()))
    w.resize(1400, 860)
    w.show_diagram(load(CAREER), None)
    w.show()
    for _ in range(10):
        app.processEvents()
    w.canvas.fit()
    w.select("p-pubs-grants")
    for _ in range(10):
        app.processEvents()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the last selection's rows, as the event loop would
    app.processEvents()
    w.grab().save(str(OUT / "screen-career.png"))
    w.deleteLater()


def pages() -> None:
    from fifteen import fifteen

    from driverdiagram.export.pdf import export_pdf
    from driverdiagram.model import load

    if shutil.which("pdftoppm") is None:
        print("pdftoppm is missing (apt-get install poppler-utils): the page pictures are not made")
        return
    with tempfile.TemporaryDirectory() as tmp:
        for name, diagram, orientations in (
            ("fifteen", fifteen(), ("portrait", "landscape")),
            ("career", load(CAREER), ("portrait",)),  # (in landscape it takes two parts and an overview)
        ):
            for orientation in orientations:
                pdf = Path(tmp) / f"{name}-{orientation}.pdf"
                export_pdf(diagram, pdf, page="a4", orientation=orientation, sections=["diagram"])
                stem = OUT / f"{name}-{orientation}"
                subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(stem)], check=True)
                produced = sorted(OUT.glob(f"{stem.name}-*.png"))
                produced[0].replace(stem.with_suffix(".png"))
                for extra in produced[1:]:
                    extra.unlink()


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    pages()
    screen()
    print(f"Wrote {', '.join(sorted(p.name for p in OUT.glob('*.png')))} in {OUT}")

"""Write the app icon's PNG sizes, the Windows .ico and the macOS .icns from its SVG source.

    QT_QPA_PLATFORM=offscreen python docs/make_icons.py

resources/icons/driverdiagram.svg is the one drawing; this renders it with Qt's own SVG
renderer at each size a desktop asks for, then packs the PNGs: an .ico holds PNG images
(Windows Vista and later read them) and an .icns holds PNG images under their size codes
(macOS 10.7 and later). The bundle (packaging/driverdiagram.spec) takes the .ico and .icns;
the window and the Linux menu entry use the SVG.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}


def render(svg: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    svg.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """An ICONDIR, one ICONDIRENTRY a size (0 means 256), then the PNGs."""
    sizes = [s for s in ICO_SIZES if s in pngs]
    out = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    for s in sizes:
        out += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, len(pngs[s]), offset)
        offset += len(pngs[s])
    return out + b"".join(pngs[s] for s in sizes)


def icns(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(code + struct.pack(">I", 8 + len(pngs[s])) + pngs[s] for s, code in ICNS_TYPES.items())
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    svg = QSvgRenderer(str(ICONS / "driverdiagram.svg"))
    if not svg.isValid():
        print("The SVG could not be read.", file=sys.stderr)
        return 1
    pngs = {s: render(svg, s) for s in SIZES}
    for s, data in pngs.items():
        (ICONS / f"driverdiagram-{s}.png").write_bytes(data)
    (ICONS / "driverdiagram.ico").write_bytes(ico(pngs))
    (ICONS / "driverdiagram.icns").write_bytes(icns(pngs))
    print(f"Wrote {len(pngs)} PNGs, driverdiagram.ico and driverdiagram.icns in {ICONS}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())

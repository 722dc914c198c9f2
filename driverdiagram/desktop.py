"""`driverdiagram --install-desktop`: make `.driver` files open in DriverDiagram from the
file manager, for this user, on Linux and the other freedesktop.org desktops.

It writes into the XDG data folder ($XDG_DATA_HOME, else ~/.local/share):

    applications/driverdiagram.desktop            the menu entry, `Exec=… %f`
    mime/packages/driverdiagram.xml               the type application/x-driverdiagram, *.driver
    icons/hicolor/scalable/apps/driverdiagram.svg           the app's icon
    icons/hicolor/scalable/mimetypes/application-x-driverdiagram.svg   the files' icon

then asks update-mime-database and update-desktop-database (when installed) to take them
in. `--uninstall-desktop` removes exactly those files. No Qt: it runs without a display.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

MIME_TYPE = "application/x-driverdiagram"
DESKTOP = "applications/driverdiagram.desktop"
MIME_XML = "mime/packages/driverdiagram.xml"
APP_ICON = "icons/hicolor/scalable/apps/driverdiagram.svg"
FILE_ICON = "icons/hicolor/scalable/mimetypes/application-x-driverdiagram.svg"

_MIME = f"""<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{MIME_TYPE}">
    <comment>Driver diagram</comment>
    <sub-class-of type="application/json"/>
    <icon name="application-x-driverdiagram"/>
    <glob pattern="*.driver"/>
  </mime-type>
</mime-info>
"""


def data_home() -> Path:
    """$XDG_DATA_HOME when set (and absolute, as the spec says), else ~/.local/share."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if value and os.path.isabs(value) else Path.home() / ".local" / "share"


def launcher() -> list[str]:
    """The command that starts this DriverDiagram: the `driverdiagram` script installed beside
    this Python, else this Python with `-m driverdiagram`."""
    beside = Path(sys.executable).parent / ("driverdiagram.exe" if os.name == "nt" else "driverdiagram")
    if beside.is_file():  # the script pip or pipx installed with this Python
        return [str(beside)]
    return [sys.executable, "-m", "driverdiagram"]


def desktop_entry(command: list[str]) -> str:
    exec_line = " ".join(_exec_quote(part) for part in command)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=DriverDiagram\n"
        "GenericName=Driver diagram editor\n"
        "Comment=Plan a 3–5 year goal as a driver diagram with your mentor\n"
        f"Exec={exec_line} %f\n"
        "Icon=driverdiagram\n"
        "Terminal=false\n"
        f"MimeType={MIME_TYPE};\n"
        "Categories=Office;ProjectManagement;\n"
        "Keywords=mentoring;driver diagram;quality improvement;career;\n"
        "StartupNotify=true\n"
    )


def _exec_quote(arg: str) -> str:
    """An argument as the Desktop Entry spec wants it: double quotes when it needs any, with
    the reserved characters escaped (and % doubled)."""
    arg = arg.replace("%", "%%")
    if not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
        return arg
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return f'"{escaped}"'


def install(home: Path | None = None, command: list[str] | None = None) -> list[Path]:
    """Write the entry, the type and the icons under `home`; the files written."""
    home = home or data_home()
    icon = files("driverdiagram.resources").joinpath("icons", "driverdiagram.svg").read_bytes()
    contents = {
        DESKTOP: desktop_entry(command or launcher()).encode("utf-8"),
        MIME_XML: _MIME.encode("utf-8"),
        APP_ICON: icon,
        FILE_ICON: icon,
    }
    written = []
    for rel, data in contents.items():
        path = home / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        written.append(path)
    _refresh(home)
    return written


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove what `install` wrote (only those files); the files removed."""
    home = home or data_home()
    removed = []
    for rel in (DESKTOP, MIME_XML, APP_ICON, FILE_ICON):
        path = home / rel
        if path.is_file():
            path.unlink()
            removed.append(path)
    _refresh(home)
    return removed


def _refresh(home: Path) -> None:
    """Let the desktop see the change now (each tool only where it is installed)."""
    for tool, folder in (("update-mime-database", home / "mime"), ("update-desktop-database", home / "applications")):
        if shutil.which(tool) and folder.is_dir():
            subprocess.run([tool, str(folder)], capture_output=True, timeout=60, check=False)


def main(uninstalling: bool = False) -> int:
    """The command line's --install-desktop / --uninstall-desktop; 0, or 1 with the reason."""
    try:
        paths = uninstall() if uninstalling else install()
    except OSError as e:
        print(
            f"driverdiagram: could not {'remove' if uninstalling else 'install'} the desktop entry: {e}",
            file=sys.stderr,
        )
        return 1
    if uninstalling:
        print(
            f"Removed {len(paths)} file{'s' if len(paths) != 1 else ''}: .driver files no longer open in DriverDiagram."
        )
    else:
        who, how = os.environ.get("USER", "you"), shlex.join(launcher())
        print(f"Installed for {who}: .driver files open in DriverDiagram ({how}).")
        for p in paths:
            print(f"  {p}")
    return 0

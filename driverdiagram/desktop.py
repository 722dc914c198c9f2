"""`driverdiagram --install-desktop`: make `.driver` files open in DriverDiagram from the
file manager, for this user, on Linux and the other freedesktop.org desktops.

It writes into the XDG data folder ($XDG_DATA_HOME, else ~/.local/share):

    applications/driverdiagram.desktop            the menu entry, `Exec=… %f`
    mime/packages/driverdiagram.xml               the type application/x-driverdiagram, *.driver
    icons/hicolor/scalable/apps/driverdiagram.svg           the app's icon
    icons/hicolor/scalable/mimetypes/application-x-driverdiagram.svg   the files' icon

then asks update-mime-database and update-desktop-database (when installed) to take them
in. `--uninstall-desktop` removes exactly those files. No Qt: it runs without a display.

On Windows it writes the per-user file association instead (HKEY_CURRENT_USER\\Software\\
Classes: `.driver` → DriverDiagram.Diagram, its icon and its open command; no administrator
needed), and on macOS the app bundle's Info.plist declares the type (packaging/driverdiagram.spec).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from contextlib import suppress
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
    """The command that starts this DriverDiagram: the bundled program itself, else the
    `driverdiagram` script installed beside this Python, else this Python with `-m driverdiagram`."""
    if getattr(sys, "frozen", False):  # the standalone app (PyInstaller): sys.executable is the program
        return [sys.executable]
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


PROG_ID = "DriverDiagram.Diagram"
CLASSES = "Software\\Classes"


def install_windows(reg, command: list[str] | None = None) -> list[str]:
    """The per-user association of `.driver` files (`reg` is the winreg module); the keys written."""
    command = command or launcher()
    opener = " ".join([f'"{command[0]}"', *(subprocess.list2cmdline([a]) for a in command[1:]), '"%1"'])
    icon = f'"{command[0]}",0'
    values = {
        ".driver": PROG_ID,
        PROG_ID: "Driver diagram",
        f"{PROG_ID}\\DefaultIcon": icon,
        f"{PROG_ID}\\shell\\open\\command": opener,
    }
    for sub, value in values.items():
        with reg.CreateKey(reg.HKEY_CURRENT_USER, f"{CLASSES}\\{sub}") as key:
            reg.SetValueEx(key, "", 0, reg.REG_SZ, value)
            if sub == ".driver":
                reg.SetValueEx(key, "Content Type", 0, reg.REG_SZ, MIME_TYPE)
    _notify_windows()
    return [f"HKEY_CURRENT_USER\\{CLASSES}\\{sub}" for sub in values]


def uninstall_windows(reg) -> list[str]:
    """Remove our ProgID, and `.driver` only while it still points to it; the keys removed."""
    removed = []
    for sub in (
        f"{PROG_ID}\\shell\\open\\command",
        f"{PROG_ID}\\shell\\open",
        f"{PROG_ID}\\shell",
        f"{PROG_ID}\\DefaultIcon",
        PROG_ID,
    ):
        with suppress(OSError):  # not there (never written, or removed by hand): nothing to remove
            reg.DeleteKey(reg.HKEY_CURRENT_USER, f"{CLASSES}\\{sub}")
            removed.append(f"HKEY_CURRENT_USER\\{CLASSES}\\{sub}")
    with suppress(OSError):  # no .driver key at all
        if reg.QueryValue(reg.HKEY_CURRENT_USER, f"{CLASSES}\\.driver") == PROG_ID:
            reg.DeleteKey(reg.HKEY_CURRENT_USER, f"{CLASSES}\\.driver")
            removed.append(f"HKEY_CURRENT_USER\\{CLASSES}\\.driver")
    _notify_windows()
    return removed


def _notify_windows() -> None:
    """Tell Explorer that associations changed (SHCNE_ASSOCCHANGED), so icons update now."""
    if os.name == "nt":
        import ctypes

        ctypes.windll.shell32.SHChangeNotify(0x08000000, 0, None, None)  # type: ignore[attr-defined]


def main(uninstalling: bool = False) -> int:
    """The command line's --install-desktop / --uninstall-desktop; 0, or 1 with the reason."""
    try:
        if os.name == "nt":
            import winreg

            paths: list = uninstall_windows(winreg) if uninstalling else install_windows(winreg)
        else:
            paths = uninstall() if uninstalling else install()
    except OSError as e:
        print(
            f"driverdiagram: could not {'remove' if uninstalling else 'install'} the desktop entry: {e}",
            file=sys.stderr,
        )
        return 1
    if uninstalling:
        what = "registry key" if os.name == "nt" else "file"
        n = len(paths)
        print(f"Removed {n} {what}{'s' if n != 1 else ''}: .driver files no longer open in DriverDiagram.")
    else:
        who, how = os.environ.get("USER", "you"), shlex.join(launcher())
        print(f"Installed for {who}: .driver files open in DriverDiagram ({how}).")
        for p in paths:
            print(f"  {p}")
    return 0

"""`driverdiagram --install-desktop` registers the .driver type for the user (XDG data
folder), with an entry desktop-file-validate accepts; --uninstall-desktop takes it away."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from driverdiagram import desktop


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "driverdiagram", *args], capture_output=True, text=True, timeout=60, env=env
    )


def test_install_registers_the_type_the_entry_and_the_icons_and_uninstall_removes_them(tmp_path: Path) -> None:
    home = tmp_path / "share"
    r = run("--install-desktop", home=home)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    entry = (home / desktop.DESKTOP).read_text(encoding="utf-8")
    assert "MimeType=application/x-driverdiagram;" in entry and "Icon=driverdiagram" in entry
    exec_line = next(line for line in entry.splitlines() if line.startswith("Exec="))
    assert exec_line.endswith(" %f") and "driverdiagram" in exec_line
    mime = ET.fromstring((home / desktop.MIME_XML).read_text(encoding="utf-8"))
    ns = "{http://www.freedesktop.org/standards/shared-mime-info}"
    kind = mime.find(f"{ns}mime-type")
    assert kind is not None and kind.get("type") == "application/x-driverdiagram"
    assert [g.get("pattern") for g in kind.iter(f"{ns}glob")] == ["*.driver"]
    for icon in (desktop.APP_ICON, desktop.FILE_ICON):
        assert (home / icon).read_bytes().startswith(b"<?xml") and b"<svg" in (home / icon).read_bytes()
    if shutil.which("update-mime-database"):
        globs = (home / "mime" / "globs2").read_text(encoding="utf-8")
        assert "application/x-driverdiagram:*.driver" in globs, "the desktop knows the type now"
    r = run("--uninstall-desktop", home=home)
    assert r.returncode == 0 and "Removed 4 files" in r.stdout
    for rel in (desktop.DESKTOP, desktop.MIME_XML, desktop.APP_ICON, desktop.FILE_ICON):
        assert not (home / rel).exists()


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-validate is not installed")
def test_the_entry_is_valid_even_for_a_python_in_a_folder_with_spaces(tmp_path: Path) -> None:
    for command in (["/usr/bin/driverdiagram"], ["/home/me/My Apps/python3", "-m", "driverdiagram"]):
        path = tmp_path / "driverdiagram.desktop"
        path.write_text(desktop.desktop_entry(command), encoding="utf-8")
        r = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True, timeout=30)
        assert r.returncode == 0 and r.stdout.strip() == "", r.stdout + r.stderr
    assert 'Exec="/home/me/My Apps/python3" -m driverdiagram %f' in desktop.desktop_entry(command)


class FakeRegistry:
    """The few winreg calls the Windows association makes, on a dict of key → values."""

    HKEY_CURRENT_USER = "HKCU"
    REG_SZ = 1

    def __init__(self) -> None:
        self.keys: dict[str, dict[str, str]] = {}

    def CreateKey(self, root: str, sub: str):  # noqa: N802 (winreg's names)
        from contextlib import nullcontext

        path = f"{root}\\{sub}"
        self.keys.setdefault(path, {})
        return nullcontext(path)

    def SetValueEx(self, key: str, name: str, _reserved: int, kind: int, value: str) -> None:  # noqa: N802
        assert kind == self.REG_SZ
        self.keys[key][name] = value

    def QueryValue(self, root: str, sub: str) -> str:  # noqa: N802
        try:
            return self.keys[f"{root}\\{sub}"][""]
        except KeyError:
            raise FileNotFoundError(sub) from None

    def DeleteKey(self, root: str, sub: str) -> None:  # noqa: N802
        path = f"{root}\\{sub}"
        if path not in self.keys or any(k.startswith(path + "\\") for k in self.keys):
            raise OSError(f"cannot delete {sub}")  # winreg refuses a missing key or one with subkeys
        del self.keys[path]


def test_windows_association_opens_driver_files_with_the_bundled_program_and_uninstall_removes_it() -> None:
    reg = FakeRegistry()
    program = r"C:\Users\Amara\AppData\Local\Programs\DriverDiagram\DriverDiagram.exe"
    desktop.install_windows(reg, [program])
    classes = "HKCU\\Software\\Classes"
    assert reg.keys[f"{classes}\\.driver"] == {
        "": "DriverDiagram.Diagram",
        "Content Type": "application/x-driverdiagram",
    }
    assert reg.keys[f"{classes}\\DriverDiagram.Diagram"][""] == "Driver diagram"
    assert reg.keys[f"{classes}\\DriverDiagram.Diagram\\shell\\open\\command"][""] == f'"{program}" "%1"'
    assert reg.keys[f"{classes}\\DriverDiagram.Diagram\\DefaultIcon"][""] == f'"{program}",0'
    desktop.uninstall_windows(reg)
    assert not any(k.startswith(f"{classes}\\DriverDiagram") for k in reg.keys)
    assert f"{classes}\\.driver" not in reg.keys


def test_windows_uninstall_leaves_driver_files_to_another_program_that_took_them_over() -> None:
    reg = FakeRegistry()
    desktop.install_windows(reg, [r"C:\DriverDiagram\DriverDiagram.exe"])
    reg.keys["HKCU\\Software\\Classes\\.driver"][""] = "OtherEditor.File"
    desktop.uninstall_windows(reg)
    assert reg.keys["HKCU\\Software\\Classes\\.driver"][""] == "OtherEditor.File"
    assert not any("DriverDiagram.Diagram" in k for k in reg.keys)

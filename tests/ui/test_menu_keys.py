"""Every menu can be worked from the keyboard: Alt and the underlined letter open a menu,
and within a menu no two items share their letter (else the key only cycles between them)."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QMenu


def letters(menu: QMenu, path: str, clashes: list[str]) -> None:
    seen: dict[str, str] = {}
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        found = re.search(r"&([^&])", action.text())
        if found:
            key = found.group(1).lower()
            if key in seen:
                clashes.append(f"{path}: {seen[key]!r} and {action.text()!r} share '{key}'")
            seen[key] = action.text()
        if action.menu() is not None:
            letters(action.menu(), f"{path} ▸ {action.text()}", clashes)


def test_no_two_items_of_a_menu_share_their_underlined_letter(window) -> None:
    clashes: list[str] = []
    bar = window.menuBar()
    tops = [a for a in bar.actions() if a.menu() is not None]
    assert len({re.search(r"&(.)", a.text()).group(1).lower() for a in tops}) == len(tops), "menu bar letters"
    for top in tops:
        letters(top.menu(), top.text(), clashes)
    assert not clashes, "\n".join(clashes)

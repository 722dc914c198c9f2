"""A box's own colour, chosen in the Details panel, and the columns' own headings, typed in
Plan ▸ Diagram Details: each one undo step, painted on the canvas."""

from __future__ import annotations


def _pixel(scene, box) -> int:
    """The colour the canvas paints just inside a box's top-left corner (below its border)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    image = QImage(int(box.w * 2), int(box.h * 2), QImage.Format.Format_ARGB32)
    image.fill(0)
    p = QPainter(image)
    scene.render(p, QRectF(image.rect()), QRectF(box.x, box.y, box.w, box.h))
    p.end()
    return image.pixel(8, image.height() - 3) & 0xFFFFFF


def test_a_colour_chosen_in_the_panel_fills_the_box_in_one_undo_step(window, monkeypatch) -> None:
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QColorDialog

    from driverdiagram.model import Diagram

    d = Diagram.new("Promoted by 2030")
    p = d.add_node("primary", "Research skills", parent=d.outcome.id)
    window.show_diagram(d, None)
    window.canvas.select(p.id)
    panel = window.panel
    assert panel.colour.isEnabled() and not panel.plain_colour.isEnabled()
    monkeypatch.setattr(QColorDialog, "getColor", lambda start, parent, title: QColor("#ffcc00"))
    steps = window.document.undo_stack.count()
    panel.colour.click()
    assert window.document.diagram.node(p.id).colour == "#ffcc00"
    assert window.document.undo_stack.count() == steps + 1
    scene = window.canvas.diagram_scene
    box = scene.nodes[p.id].box
    assert _pixel(scene, box) == 0xFFCC00
    assert panel.colour.text() == "#ffcc00" and panel.plain_colour.isEnabled()

    panel.plain_colour.click()  # back to a primary driver's blue
    assert window.document.diagram.node(p.id).colour == ""
    assert _pixel(scene, scene.nodes[p.id].box) == QColor("#2E75B6").rgb() & 0xFFFFFF
    window.document.undo_stack.undo()
    assert window.document.diagram.node(p.id).colour == "#ffcc00"
    assert _pixel(scene, scene.nodes[p.id].box) == 0xFFCC00


def test_a_cancelled_colour_dialog_changes_nothing(window, monkeypatch) -> None:
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QColorDialog

    from driverdiagram.model import Diagram

    d = Diagram.new("Promoted by 2030")
    p = d.add_node("primary", "Research skills", parent=d.outcome.id)
    window.show_diagram(d, None)
    window.canvas.select(p.id)
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a: QColor())  # invalid: cancelled
    steps = window.document.undo_stack.count()
    window.panel.colour.click()
    assert window.document.undo_stack.count() == steps
    assert window.document.diagram.node(p.id).colour == ""


def test_the_columns_own_headings_are_typed_in_the_details_dialog_and_shown(window, monkeypatch) -> None:
    from driverdiagram.model import Diagram
    from driverdiagram.ui import details_dialog

    window.show_diagram(Diagram.new("Promoted by 2030"), None)
    d = window.document.diagram
    d_id = d.outcome.id
    window.document.add_child(d_id) if hasattr(window.document, "add_child") else None

    def fill(parent, info, outcome):
        dialog = details_dialog.DetailsDialog(info, outcome)
        assert [e.placeholderText() for e in dialog.headings] == [
            "Outcome",
            "Primary drivers",
            "Secondary drivers",
            "Change ideas",
        ]
        dialog.headings[0].setText("  Aim ")
        return dialog.result_info()

    monkeypatch.setattr(details_dialog, "edit_details", fill)
    details = next(f for f in window.features if isinstance(f, details_dialog.DiagramDetails))
    steps = window.document.undo_stack.count()
    assert details.edit()
    assert window.document.diagram.info.headings.outcome == "Aim"
    assert window.document.undo_stack.count() == steps + 1
    shown = [h.heading.text for h in window.canvas.diagram_scene._headings]
    assert shown[0] == "Aim"
    window.document.undo_stack.undo()
    assert [h.heading.text for h in window.canvas.diagram_scene._headings][0] == "Outcome"

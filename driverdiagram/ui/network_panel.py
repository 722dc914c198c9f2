"""The Network panel: the mentee's board of advisors and who helps with which driver.

At the top the people (name and role, organisation, what they help with) with Add…,
Edit… and Delete; below, the network view: a matrix of the primary and secondary drivers
(rows, secondary ones indented under their primary) by the people (columns, their
initials; the full name is the header's tooltip). ✓: helps with the driver itself; a grey •:
helps only with something below it. The rows of holes are tinted and named under the matrix:
nobody at all behind a driver, or one person only.

The panel reads the model (`model/network.py`) and says what the user asked for with
signals; the feature (network_feature.py) makes each of them one undo step. It reloads on
every change to the people or to the diagram's nodes and links, and on another diagram.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..model import Change, Diagram, NodeKind, Person
from ..model.network import NetworkAnalysis, analyse_network, initials
from .accessible import draw_row_focus, focus_ring
from .document import Document
from .list_keys import EDIT_KEYS, edit_or_delete
from .note_pins import short
from .person_dialog import ROLE_LABELS, short_name
from .theme import current as current_theme
from .theme import ink
from .theme import tint as scheme_tint

PERSON_ID = Qt.ItemDataRole.UserRole
LINES = Qt.ItemDataRole.UserRole + 1
NONE_TINT = "#F9D6CC"  # nobody behind the driver
SINGLE_TINT = "#FCEFC4"  # one person only
DARK_TINTS = {NONE_TINT: "#4A2A24", SINGLE_TINT: "#463C1E"}  # the same on a dark screen


def tint_for(light: str) -> QColor:
    """A row's tint in the scheme that is on."""
    return scheme_tint(light, DARK_TINTS[light])


HELPS = "✓"  # helps with the driver itself
BELOW = "•"  # helps only with something below it (grey)
ROW_HEAD_MIN, ROW_HEAD_MAX = 150, 340  # the drivers' width: what the people's columns leave
HOLE_TEXT = 34  # characters of a driver's text in the holes' sentences


def person_lines(person: Person, d: Diagram) -> tuple[str, ...]:
    """A row of the people list: name and role, where they are, what they help with."""
    lines = [f"{person.name or '(no name)'} · {ROLE_LABELS[person.role]}"]
    where = " · ".join(x for x in (person.organisation, person.contact) if x)
    if where:
        lines.append(where)
    helped = [short(d.node(ref).text, 40) or "(no text yet)" for ref in person.helps_with if ref in d]
    lines.append("Helps with: " + ", ".join(helped) if helped else "Helps with nothing on the diagram yet")
    return tuple(lines)


def person_tip(person: Person, d: Diagram) -> list[str]:
    """The row's lines in full, for its tooltip: what they help with, one driver a line."""
    lines = list(person_lines(person, d)[:-1])
    helped = [d.node(ref).text or "(no text yet)" for ref in person.helps_with if ref in d]
    return [*lines, "Helps with:", *(f"  • {t}" for t in helped)] if helped else lines


def column_heads(people: tuple[Person, ...]) -> list[str]:
    """Each person's initials, numbered where two people share them ("LH", "LH2")."""
    heads: list[str] = []
    for person in people:
        head = initials(person.name)
        n = 1
        while (head if n == 1 else f"{head}{n}") in heads:
            n += 1
        heads.append(head if n == 1 else f"{head}{n}")
    return heads


class PersonDelegate(QStyledItemDelegate):
    """A person's row: the name and role (bold), then the organisation and what they help
    with (grey), each line cut short to the width."""

    PAD = 4

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        n = len(index.data(LINES) or ("",))
        return QSize(200, n * option.fontMetrics.lineSpacing() + 2 * self.PAD + 2)

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, p, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = option.rect.adjusted(self.PAD + 2, self.PAD, -self.PAD, -self.PAD)
        h = option.fontMetrics.lineSpacing()
        p.save()
        for i, line in enumerate(index.data(LINES) or ()):
            font = QFont(option.font)
            font.setBold(i == 0)
            p.setFont(font)
            if selected:
                p.setPen(option.palette.highlightedText().color())
            else:
                p.setPen(option.palette.text().color() if i == 0 else ink("#5F5F5F"))
            box = QRect(rect.x(), rect.y() + i * h, rect.width(), h)
            text = p.fontMetrics().elidedText(line, Qt.TextElideMode.ElideRight, box.width())
            p.drawText(box, Qt.AlignmentFlag.AlignVCenter, text)
        p.restore()
        draw_row_focus(p, option, option.widget)


class NetworkPanel(QWidget):
    add_requested = Signal()
    edit_requested = Signal(str)  # a person id
    delete_requested = Signal(str)
    toggle_requested = Signal(str, str)  # a person id, a driver's node id
    node_clicked = Signal(str)  # the driver of a row

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.analysis = NetworkAnalysis((), ())
        self._build()
        document.changed.connect(self._on_change)
        document.replaced.connect(self.reload)
        current_theme().changed.connect(self.reload)  # the tints and greys in the other scheme
        self.reload()

    def _build(self) -> None:
        self.list = QListWidget()
        self.list.setAccessibleName("People in the network")
        self.list.setToolTip("Your board of advisors: Enter edits a person, Delete takes them out of the network")
        focus_ring(self.list)
        self.list.setItemDelegate(PersonDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty = QLabel(
            "No one in the network yet.\n\nAdd the people who help you: mentors, a sponsor, "
            "peers, a coach, family — and tick what each helps with."
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #6B6B6B; padding: 12px;")
        self.empty.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.add_button = QPushButton("Add…")
        self.add_button.setToolTip("Someone who helps you: a mentor, a sponsor, a peer, a coach")
        self.add_button.setAccessibleName("Add person…")
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setAccessibleName("Edit person…")
        self.edit_button.setToolTip("Their name, role, how to reach them and what they help with (Enter in the list)")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setAccessibleName("Delete person")
        self.delete_button.setToolTip(
            "Take the person out of the network (Delete in the list; Ctrl+Z brings them back)"
        )
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.list, 1)
        top_layout.addWidget(self.empty, 1)
        top_layout.addLayout(buttons)

        self.heading = QLabel("<b>Who helps with what</b>")
        self.legend = QLabel(f"{HELPS} helps with it   {BELOW} only below it   Click a cell to change it.")
        self.legend.setToolTip(f"{BELOW}: helps with something below the driver (a secondary driver or a change idea)")
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color: #5F5F5F;")
        self.matrix = QTableWidget()
        self.matrix.setAccessibleName("Who helps with which driver")
        self.matrix.setToolTip(
            "The drivers by the people: the arrow keys move between cells, Space says whether the person helps "
            "with the driver, Enter selects the driver on the diagram"
        )
        self.matrix.setTabKeyNavigation(False)  # Tab goes on to the next control; the arrows move in it
        focus_ring(self.matrix)
        self.matrix.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matrix.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.matrix.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.matrix.setWordWrap(False)
        rows = self.matrix.verticalHeader()  # the drivers: they stay put while the people scroll
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 6)
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        rows.setMaximumWidth(ROW_HEAD_MIN)  # grows with the room left by the columns (_fit_row_heads)
        rows.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows.setToolTip("Click a driver to select it on the diagram")
        cols = self.matrix.horizontalHeader()
        cols.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        cols.setDefaultSectionSize(max(30, self.fontMetrics().horizontalAdvance("MMM") + 4))  # initials
        cols.setSectionsClickable(False)
        self.holes = QLabel()
        self.holes.setWordWrap(True)
        self.holes.setTextFormat(Qt.TextFormat.RichText)
        self.holes.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.heading)
        bottom_layout.addWidget(self.legend)
        bottom_layout.addWidget(self.matrix, 1)
        bottom_layout.addWidget(self.holes)

        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(top)
        self.split.addWidget(bottom)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.split)

        self.list.installEventFilter(self)  # (both made first: the filter reads both)
        self.matrix.installEventFilter(self)
        self.list.currentItemChanged.connect(self._enable)
        self.list.itemDoubleClicked.connect(lambda item: self.edit_requested.emit(item.data(PERSON_ID)))
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(lambda: self._ask(self.edit_requested))
        self.delete_button.clicked.connect(lambda: self._ask(self.delete_requested))
        self.matrix.cellClicked.connect(self.toggle_cell)
        rows.sectionClicked.connect(self._row_clicked)

    # ----------------------------------------------------------------- reading
    def _on_change(self, change: Change) -> None:
        if "people" in change.collections or change.touches_geometry:
            if self.isVisible():
                self.reload()
            else:  # the analysis costs milliseconds per edit: done when the panel is shown
                self._stale = True

    def showEvent(self, event) -> None:
        if getattr(self, "_stale", False):
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        self._stale = False
        d = self.document.diagram
        self.analysis = analysis = analyse_network(d)
        keep = self.current_id()
        self.list.blockSignals(True)
        self.list.clear()
        for person in analysis.people:
            item = QListWidgetItem()
            item.setData(PERSON_ID, person.id)
            item.setData(LINES, person_lines(person, d))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, " — ".join(person_lines(person, d)))
            item.setToolTip(
                "\n".join([*person_tip(person, d), person.notes] if person.notes else person_tip(person, d))
            )
            self.list.addItem(item)
            if person.id == keep:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        has_people = bool(analysis.people)
        self.list.setVisible(has_people)
        self.empty.setVisible(not has_people)
        self._fill_matrix(d, analysis)
        shown = has_people and bool(analysis.rows)
        for w in (self.heading, self.legend, self.matrix, self.holes):
            w.setVisible(shown)
        self.holes.setText(self.holes_text(d, analysis) if shown else "")
        self._fit_row_heads()
        self._enable()

    def _fill_matrix(self, d: Diagram, analysis: NetworkAnalysis) -> None:
        m = self.matrix
        m.clear()
        m.setRowCount(len(analysis.rows))
        m.setColumnCount(len(analysis.people))
        for col, (person, head) in enumerate(zip(analysis.people, column_heads(analysis.people), strict=True)):
            item = QTableWidgetItem(head)
            item.setToolTip(f"{person.name} · {ROLE_LABELS[person.role]}")
            m.setHorizontalHeaderItem(col, item)
        bold = QFont(m.font())
        bold.setBold(True)
        for r, row in enumerate(analysis.rows):
            node = d.node(row.node_id)
            primary = node.kind is NodeKind.PRIMARY
            text = short(node.text, 60) or "(no text yet)"
            head = QTableWidgetItem(text if primary else "\u2003" + text)
            if primary:
                head.setFont(bold)
            tint = {"none": NONE_TINT, "single": SINGLE_TINT}.get(row.hole or "")
            if tint:
                head.setBackground(QBrush(tint_for(tint)))
            head.setToolTip(
                node.text + {"none": "\nNo one helps with it.", "single": "\nOne person only."}.get(row.hole or "", "")
            )
            m.setVerticalHeaderItem(r, head)
            for col, person in enumerate(analysis.people):
                direct = person.id in row.supporters
                below = person.id in row.via_children
                cell = QTableWidgetItem(HELPS if direct else BELOW if below else "")
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
                if direct:
                    cell.setFont(bold)
                else:
                    cell.setForeground(QBrush(ink("#8A8A8A")))
                if tint:
                    cell.setBackground(QBrush(tint_for(tint)))
                who, what = person.name or "(no name)", short(node.text, 50)
                if direct:
                    tip = f"{who} helps with “{what}”.\nClick: no longer."
                elif below:
                    tip = f"{who} helps with something below “{what}”.\nClick: with “{what}” itself."
                else:
                    tip = f"Click: {who} helps with “{what}”."
                cell.setToolTip(tip)
                m.setItem(r, col, cell)

    def _fit_row_heads(self) -> None:
        """Give the drivers' names the width the people's columns leave (within limits):
        with many people the columns scroll sideways and the names stay in view."""
        m = self.matrix
        cols = m.horizontalHeader().defaultSectionSize() * m.columnCount()
        room = m.width() - 2 * m.frameWidth() - m.verticalScrollBar().sizeHint().width() - cols - 2
        width = max(ROW_HEAD_MIN, min(ROW_HEAD_MAX, room))
        if m.verticalHeader().maximumWidth() != width:
            m.verticalHeader().setMaximumWidth(width)

    @staticmethod
    def hole_lines(d: Diagram, analysis: NetworkAnalysis) -> list[tuple[str, str, str]]:
        """The holes in words: (tint, "No one helps with:", "Clinical excellence, …"); the
        drivers resting on one person are grouped by that person: "…, … (Dr. Chen); … (Maya)"."""
        none = [short(d.node(nid).text, HOLE_TEXT) for nid in analysis.unsupported()]
        by_person: dict[str, list[str]] = {}
        for nid in analysis.single():
            row = analysis.row(nid)
            if row is not None:
                by_person.setdefault(row.everyone[0], []).append(short(d.node(nid).text, HOLE_TEXT))
        single = []
        for person_id, drivers in by_person.items():
            person = analysis.person(person_id)
            single.append(f"{', '.join(drivers)} ({short_name(person.name) if person else 'someone'})")
        lines = []
        if none:
            lines.append((NONE_TINT, "No one helps with:", ", ".join(none)))
        if single:
            lines.append((SINGLE_TINT, "Resting on one person:", "; ".join(single)))
        return lines

    @classmethod
    def holes_text(cls, d: Diagram, analysis: NetworkAnalysis) -> str:
        lines = cls.hole_lines(d, analysis)
        if not lines:
            return "Every driver has at least two people behind it."
        return "<br>".join(
            f"<span style='background:{tint_for(tint).name()}'>&nbsp;<b>{escape(label)}</b>&nbsp;</span> {escape(what)}"
            for tint, label, what in lines
        )

    def holes_plain(self) -> str:
        """The holes as the user reads them, one line each (for tests)."""
        lines = self.hole_lines(self.document.diagram, self.analysis) if self.holes.isVisibleTo(self) else []
        return "\n".join(f"{label} {what}" for _t, label, what in lines)

    # ----------------------------------------------------------------- acting
    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(PERSON_ID) if item is not None else None

    def row_ids(self) -> list[str]:
        """The people listed, top to bottom."""
        return [self.list.item(i).data(PERSON_ID) for i in range(self.list.count())]

    def show_person(self, person_id: str) -> None:
        ids = self.row_ids()
        if person_id in ids:
            self.list.setCurrentRow(ids.index(person_id))
            self.list.scrollToItem(self.list.currentItem())

    def cell_text(self, node_id: str, person_id: str) -> str:
        """What the matrix shows for a driver and a person (HELPS, BELOW or "")."""
        rows = [r.node_id for r in self.analysis.rows]
        cols = [p.id for p in self.analysis.people]
        item = self.matrix.item(rows.index(node_id), cols.index(person_id))
        return item.text() if item is not None else ""

    def toggle_cell(self, row: int, col: int) -> None:
        if 0 <= row < len(self.analysis.rows) and 0 <= col < len(self.analysis.people):
            self.toggle_requested.emit(self.analysis.people[col].id, self.analysis.rows[row].node_id)

    def _row_clicked(self, row: int) -> None:
        if 0 <= row < len(self.analysis.rows):
            self.node_clicked.emit(self.analysis.rows[row].node_id)

    def _enable(self, *_: object) -> None:
        on = self.current_id() is not None
        self.edit_button.setEnabled(on)
        self.delete_button.setEnabled(on)

    def _ask(self, signal: Signal) -> None:
        person_id = self.current_id()
        if person_id is not None:
            signal.emit(person_id)  # type: ignore[attr-defined]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the list: Enter edits, Delete deletes. In the matrix: Space toggles the cell, Enter
        selects the row's driver."""
        if watched is self.matrix and event.type() == QEvent.Type.Resize:
            self._fit_row_heads()
        elif event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if watched is self.list and edit_or_delete(event, self._ask, self.edit_requested, self.delete_requested):
                return True
            if watched is self.matrix and key == Qt.Key.Key_Space:
                index = self.matrix.currentIndex()
                if index.isValid():
                    self.toggle_cell(index.row(), index.column())
                return True
            if watched is self.matrix and key in EDIT_KEYS:
                if self.matrix.currentIndex().isValid():
                    self._row_clicked(self.matrix.currentIndex().row())
                return True
        return super().eventFilter(watched, event)

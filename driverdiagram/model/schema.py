"""The `.driver` file format: one pydantic schema for everything a document holds.

Designed once for the whole app (diagram, measures, mentor notes, network, compact,
milestones, meetings, parking lot) so that later features add behaviour, not a new format.
Payload objects are frozen: an edit replaces a value, which makes undo exact and cheap.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Literal, Self, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    FailFast,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

SCHEMA_VERSION = 3
"""The file format this version of the app writes (and the newest it reads).

2: mentor notes have a role, five kinds and a meeting; a node's free-text notes became
mentee notes; meetings keep a snapshot of the diagram; milestones know their meeting.
3: a node may have its own colour; the diagram may name its four columns in its own words.
"""

Id = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
Text = Annotated[str, StringConstraints(max_length=20_000)]
ShortText = Annotated[str, StringConstraints(max_length=500)]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_HEX = re.compile(r"#[0-9A-Fa-f]{6}")


def _file_colour(value: object) -> object:
    """A box's own colour as a file writes it ("#ffcc00", lower case), or "" for its kind's."""
    if value == "":
        return value
    if isinstance(value, str) and _HEX.fullmatch(value):
        return value.lower()
    raise PydanticCustomError("colour_format", 'should be a colour written as #rrggbb, like "#ffcc00", or ""')


Colour = Annotated[str, BeforeValidator(_file_colour)]
"""A fill colour "#rrggbb" (stored lower case), or "" for the kind's own colour."""


def _file_date(value: object) -> object:
    """A date as a file writes it ("2026-06-30"), or a `date` from code; nothing else.

    Pydantic would also take a timestamp (1700000000), a date-time with zero time, or
    "20260630"; a file holding those was not written by DriverDiagram and is refused.
    """
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("date_format", "should be a date, not a date and time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("date_value", "should be a real day of the calendar") from None
    raise PydanticCustomError("date_format", "should be a date written as YYYY-MM-DD, like 2026-06-30")


Date = Annotated[dt.date, BeforeValidator(_file_date)]
"""A calendar day, written "YYYY-MM-DD" in the file (strict: no timestamps, no date-times)."""

Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]
"""A finite number (an integer is one too; "3", true and NaN are not)."""

T = TypeVar("T")
Entries = Annotated[list[T], FailFast()]
"""A list whose checking stops at its first bad entry (a hostile file's million bad entries
would otherwise make a million error objects)."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)

    def but(self, **changes: object) -> Self:
        """A validated copy with `changes` applied (frozen payloads are edited by replacing)."""
        data = self.model_dump()
        data.update(changes)
        return type(self).model_validate(data)


class NodeKind(StrEnum):
    OUTCOME = "outcome"
    PRIMARY = "primary"
    SECONDARY = "secondary"
    CHANGE_IDEA = "change_idea"
    ANTI_DRIVER = "anti_driver"

    @property
    def label(self) -> str:
        """The users' own words for the kind, as shown in messages and the UI."""
        return _KIND_LABELS[self]

    @property
    def plural(self) -> str:
        return _KIND_PLURALS[self]

    @property
    def column(self) -> int | None:
        """Column of the driver diagram read left to right; anti-drivers stand beside."""
        return _KIND_COLUMNS.get(self)


_KIND_LABELS = {
    NodeKind.OUTCOME: "outcome",
    NodeKind.PRIMARY: "primary driver",
    NodeKind.SECONDARY: "secondary driver",
    NodeKind.CHANGE_IDEA: "change idea",
    NodeKind.ANTI_DRIVER: "anti-driver",
}
_KIND_PLURALS = {
    NodeKind.OUTCOME: "outcomes",
    NodeKind.PRIMARY: "primary drivers",
    NodeKind.SECONDARY: "secondary drivers",
    NodeKind.CHANGE_IDEA: "change ideas",
    NodeKind.ANTI_DRIVER: "anti-drivers",
}
_KIND_COLUMNS = {NodeKind.OUTCOME: 0, NodeKind.PRIMARY: 1, NodeKind.SECONDARY: 2, NodeKind.CHANGE_IDEA: 3}
DRIVER_COLUMNS = (NodeKind.OUTCOME, NodeKind.PRIMARY, NodeKind.SECONDARY, NodeKind.CHANGE_IDEA)
SCORED_KINDS = frozenset({NodeKind.PRIMARY, NodeKind.SECONDARY, NodeKind.ANTI_DRIVER})  # forces in a force field


class LinkKind(StrEnum):
    DRIVES = "drives"  # parent -> child, one column to the right
    HINDERS = "hinders"  # anti-driver -> the node it works against
    COUNTERS = "counters"  # change idea -> the anti-driver it counters


class LinkStrength(StrEnum):
    STRONG = "strong"  # drawn solid
    WEAK = "weak"  # drawn dashed


class Node(_Frozen):
    id: Id
    kind: NodeKind
    text: Text = ""
    description: Text = ""
    tags: Entries[ShortText] = Field(default_factory=list)
    strength: StrictInt | None = Field(
        default=None,
        ge=1,
        le=5,
        description="force-field score, 1 weak … 5 strong: required for anti-drivers, optional for drivers",
    )
    colour: Colour = ""  # the box's fill, when the user chose one (a team's palette); "": its kind's

    @model_validator(mode="after")
    def _strength_for_forces_only(self) -> Node:
        if self.kind is NodeKind.ANTI_DRIVER and self.strength is None:
            raise ValueError("an anti-driver needs a strength from 1 (weak) to 5 (strong)")
        if self.kind not in SCORED_KINDS and self.strength is not None:
            article = "an" if self.kind.label[0] in "aeiou" else "a"
            raise ValueError(f"only drivers and anti-drivers have a strength, not {article} {self.kind.label}")
        return self


class Link(_Frozen):
    source: Id
    target: Id
    kind: LinkKind = LinkKind.DRIVES
    strength: LinkStrength = LinkStrength.STRONG

    @model_validator(mode="after")
    def _not_to_itself(self) -> Link:
        if self.source == self.target:
            raise ValueError(f"node {self.source!r} cannot be linked to itself")
        return self


class MeasureType(StrEnum):
    OUTCOME = "outcome"
    PROCESS = "process"
    BALANCING = "balancing"


class DataPoint(_Frozen):
    date: Date
    value: Number
    note: ShortText = ""


class ChangeMarker(_Frozen):
    """A change tested on the measure (a PDSA cycle, a new rota), drawn as a line on its run chart."""

    date: Date
    text: ShortText = ""


class Measure(_Frozen):
    """A measure hung on a node: what is counted, from where to where, and its data over time."""

    id: Id
    node_id: Id
    name: ShortText
    type: MeasureType = MeasureType.PROCESS
    operational_definition: Text = ""
    numerator: ShortText = ""
    denominator: ShortText = ""
    unit: ShortText = ""
    baseline: Number | None = None
    target: Number | None = None
    higher_is_better: StrictBool = True
    frequency: ShortText = ""  # "weekly", "monthly", "each term" …
    due: Date | None = None  # when the target should be reached
    data: Entries[DataPoint] = Field(default_factory=list)
    markers: Entries[ChangeMarker] = Field(default_factory=list)  # changes tested, in time order
    baseline_points: StrictInt | None = Field(default=None, ge=1)  # the median from the first N points

    @field_validator("data", "markers")
    @classmethod
    def _in_time_order(cls, v: list[T]) -> list[T]:
        return sorted(v, key=lambda p: p.date)  # type: ignore[attr-defined]


class AnnotationKind(StrEnum):
    COMMENT = "comment"
    GAP = "gap"
    QUESTION = "question"
    PRAISE = "praise"
    ACTION = "action"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class AuthorRole(StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"


class Annotation(_Frozen):
    """A note by the mentor or the mentee, on a node or on the whole diagram (`node_id` None)."""

    id: Id
    node_id: Id | None = None
    kind: AnnotationKind = AnnotationKind.COMMENT
    text: Text
    author: ShortText = ""
    role: AuthorRole = AuthorRole.MENTOR
    created: Date
    resolved: Date | None = None
    meeting_id: Id | None = None  # the meeting it was written in
    detached_from: ShortText = ""  # brought in from a copy where it was on a node this diagram no longer has


class PersonRole(StrEnum):
    CAREER_MENTOR = "career_mentor"
    RESEARCH_MENTOR = "research_mentor"
    SPONSOR = "sponsor"
    PEER_MENTOR = "peer_mentor"
    COACH = "coach"
    FAMILY = "family"
    OTHER = "other"


class Person(_Frozen):
    """Someone on the mentee's personal board of advisors, and the drivers they help with."""

    id: Id
    name: ShortText
    role: PersonRole = PersonRole.OTHER
    organisation: ShortText = ""
    contact: ShortText = ""
    helps_with: Entries[Id] = Field(default_factory=list)
    notes: Text = ""


class MilestoneKind(StrEnum):
    MILESTONE = "milestone"
    HOMEWORK = "homework"
    ACTION_ITEM = "action_item"


class Milestone(_Frozen):
    id: Id
    title: ShortText
    kind: MilestoneKind = MilestoneKind.MILESTONE
    node_id: Id | None = None
    owner: ShortText = ""
    due: Date | None = None
    done: Date | None = None
    notes: Text = ""
    meeting_id: Id | None = None  # the meeting that agreed it (an action item)


class Snapshot(_Frozen):
    """The diagram as it stood when a meeting started, kept to show what changed since."""

    nodes: Entries[Node] = Field(default_factory=list)
    links: Entries[Link] = Field(default_factory=list)
    measures: Entries[Measure] = Field(default_factory=list)
    annotations: Entries[Annotation] = Field(default_factory=list)
    milestones: Entries[Milestone] = Field(default_factory=list)


class Meeting(_Frozen):
    id: Id
    date: Date
    agenda: Text = ""
    summary: Text = ""
    mentor: ShortText = ""  # who led it (the author of the notes added in meeting mode)
    snapshot: Snapshot | None = None  # the diagram when the meeting started (None: met before snapshots)


class ParkingItem(_Frozen):
    """An idea or open question kept for later, not lost."""

    id: Id
    text: Text
    created: Date
    node_id: Id | None = None


class Compact(_Frozen):
    """The written agreement between mentor and mentee; key goals come from the diagram."""

    mentor: ShortText = ""
    mentee: ShortText = ""
    start: Date | None = None
    review: Date | None = None
    meeting_schedule: Text = ""
    communication: Text = ""
    goals: Text = ""  # anything the key goals of the diagram do not already say
    expectations: Entries[Text] = Field(default_factory=list)
    ending: Text = ""
    mentee_signed: Date | None = None
    mentor_signed: Date | None = None


class ColumnHeadings(_Frozen):
    """The diagram's own words for its four columns ("Aim", "Key drivers" …); "" keeps the usual one."""

    outcome: ShortText = ""
    primary: ShortText = ""
    secondary: ShortText = ""
    change_idea: ShortText = ""

    def text(self, kind: NodeKind) -> str:
        """The heading printed over `kind`'s column: the diagram's own, else the usual one."""
        own = {
            NodeKind.OUTCOME: self.outcome,
            NodeKind.PRIMARY: self.primary,
            NodeKind.SECONDARY: self.secondary,
            NodeKind.CHANGE_IDEA: self.change_idea,
        }[kind]
        return own.strip() or DEFAULT_HEADINGS[kind]


DEFAULT_HEADINGS = {
    NodeKind.OUTCOME: "Outcome",
    NodeKind.PRIMARY: "Primary drivers",
    NodeKind.SECONDARY: "Secondary drivers",
    NodeKind.CHANGE_IDEA: "Change ideas",
}


class DocumentInfo(_Frozen):
    title: ShortText = ""
    mentee: ShortText = ""
    mentor: ShortText = ""
    horizon: ShortText = ""  # "2026–2030"
    created: Date | None = None
    modified: Date | None = None
    run_chart_rules: Literal["ihi", "anhoej"] = "ihi"  # how run charts are read (IHI, or Anhøj as NHS use)
    headings: ColumnHeadings = ColumnHeadings()  # the columns' headings in the diagram's own words


class Document(BaseModel):
    """What a `.driver` file holds. Graph rules are checked by `Diagram`, not here."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: StrictInt = SCHEMA_VERSION
    info: DocumentInfo = DocumentInfo()
    nodes: Entries[Node] = Field(default_factory=list)
    links: Entries[Link] = Field(default_factory=list)
    measures: Entries[Measure] = Field(default_factory=list)
    annotations: Entries[Annotation] = Field(default_factory=list)
    people: Entries[Person] = Field(default_factory=list)
    milestones: Entries[Milestone] = Field(default_factory=list)
    meetings: Entries[Meeting] = Field(default_factory=list)
    parking_lot: Entries[ParkingItem] = Field(default_factory=list)
    compact: Compact = Compact()

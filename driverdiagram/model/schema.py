"""The `.driver` file format: one pydantic schema for everything a document holds.

Designed once for the whole app (diagram, measures, mentor notes, network, compact,
milestones, meetings, parking lot) so that later features add behaviour, not a new format.
Payload objects are frozen: an edit replaces a value, which makes undo exact and cheap.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

SCHEMA_VERSION = 1
"""The file format this version of the app writes (and the newest it reads)."""

Id = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
Text = Annotated[str, StringConstraints(max_length=20_000)]
ShortText = Annotated[str, StringConstraints(max_length=500)]


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
    notes: Text = ""
    tags: list[ShortText] = Field(default_factory=list)
    strength: int | None = Field(
        default=None,
        ge=1,
        le=5,
        description="force-field score, 1 weak … 5 strong: required for anti-drivers, optional for drivers",
    )

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
    date: dt.date
    value: float = Field(allow_inf_nan=False)
    note: ShortText = ""


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
    baseline: float | None = Field(default=None, allow_inf_nan=False)
    target: float | None = Field(default=None, allow_inf_nan=False)
    higher_is_better: bool = True
    frequency: ShortText = ""  # "weekly", "monthly", "each term" …
    due: dt.date | None = None  # when the target should be reached
    data: list[DataPoint] = Field(default_factory=list)

    @field_validator("data")
    @classmethod
    def _in_time_order(cls, v: list[DataPoint]) -> list[DataPoint]:
        return sorted(v, key=lambda p: p.date)


class AnnotationKind(StrEnum):
    NOTE = "note"
    GAP = "gap"
    ACTION = "action"


class Annotation(_Frozen):
    """A mentor's (or mentee's) note, on a node or on the whole diagram."""

    id: Id
    node_id: Id | None = None
    kind: AnnotationKind = AnnotationKind.NOTE
    text: Text
    author: ShortText = ""
    created: dt.date
    resolved: dt.date | None = None


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
    helps_with: list[Id] = Field(default_factory=list)
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
    due: dt.date | None = None
    done: dt.date | None = None
    notes: Text = ""


class Meeting(_Frozen):
    id: Id
    date: dt.date
    agenda: Text = ""
    summary: Text = ""


class ParkingItem(_Frozen):
    """An idea or open question kept for later, not lost."""

    id: Id
    text: Text
    created: dt.date
    node_id: Id | None = None


class Compact(_Frozen):
    """The written agreement between mentor and mentee; key goals come from the diagram."""

    mentor: ShortText = ""
    mentee: ShortText = ""
    start: dt.date | None = None
    review: dt.date | None = None
    meeting_schedule: Text = ""
    communication: Text = ""
    goals: Text = ""  # anything the key goals of the diagram do not already say
    expectations: list[Text] = Field(default_factory=list)
    ending: Text = ""
    mentee_signed: dt.date | None = None
    mentor_signed: dt.date | None = None


class DocumentInfo(_Frozen):
    title: ShortText = ""
    mentee: ShortText = ""
    mentor: ShortText = ""
    horizon: ShortText = ""  # "2026–2030"
    created: dt.date | None = None
    modified: dt.date | None = None


class Document(BaseModel):
    """What a `.driver` file holds. Graph rules are checked by `Diagram`, not here."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: int = SCHEMA_VERSION
    info: DocumentInfo = DocumentInfo()
    nodes: list[Node] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    annotations: list[Annotation] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
    meetings: list[Meeting] = Field(default_factory=list)
    parking_lot: list[ParkingItem] = Field(default_factory=list)
    compact: Compact = Compact()

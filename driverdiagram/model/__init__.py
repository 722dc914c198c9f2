"""The diagram model: schema, rules, the `Diagram`, and `.driver` files. No Qt, no reportlab."""

from .changes import Change, ChangeKind
from .diagram import Diagram, Removal
from .document import check_document, from_document, to_document
from .errors import DiagramError, LoadError
from .persistence import EXTENSION, dumps, load, loads, save
from .schema import (
    SCHEMA_VERSION,
    Annotation,
    AnnotationKind,
    Compact,
    DataPoint,
    Document,
    DocumentInfo,
    Link,
    LinkKind,
    LinkStrength,
    Measure,
    MeasureType,
    Meeting,
    Milestone,
    MilestoneKind,
    Node,
    NodeKind,
    ParkingItem,
    Person,
    PersonRole,
)
from .summary import summarize

__all__ = [
    "SCHEMA_VERSION",
    "EXTENSION",
    "Annotation",
    "AnnotationKind",
    "Change",
    "ChangeKind",
    "Compact",
    "DataPoint",
    "Diagram",
    "DiagramError",
    "Document",
    "DocumentInfo",
    "Link",
    "LinkKind",
    "LinkStrength",
    "LoadError",
    "Measure",
    "MeasureType",
    "Meeting",
    "Milestone",
    "MilestoneKind",
    "Node",
    "NodeKind",
    "ParkingItem",
    "Person",
    "PersonRole",
    "Removal",
    "check_document",
    "dumps",
    "from_document",
    "load",
    "loads",
    "save",
    "summarize",
    "to_document",
]

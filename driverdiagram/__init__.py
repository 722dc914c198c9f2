"""DriverDiagram: a personal driver diagram for mentoring, on the desktop."""

__version__ = "0.1.0"

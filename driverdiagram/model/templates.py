"""The templates of File ▸ New from Template: ordinary `.driver` files in the package's
resources/templates/ (made by docs/make_templates.py), each a diagram with its mentoring
parts — measures, people, milestones, a compact — and [placeholders] to fill in.

`from_template` opens one as a new, untitled diagram started today: nothing in it points
back to the template's file, so saving asks for a name and never writes over it.
"""

from __future__ import annotations

import datetime as dt
from importlib.resources import files

from ..resources.template_list import TEMPLATES, Template

__all__ = ["TEMPLATES", "Template", "from_template"]
from .diagram import Diagram
from .persistence import loads


def from_template(t: Template, today: dt.date | None = None) -> Diagram:
    """The template as a new diagram started `today` (default: today), not yet saved."""
    d = loads(files("driverdiagram.resources").joinpath("templates", t.file).read_bytes(), source=t.file)
    d.set_info(d.info.but(created=today or dt.date.today(), modified=None))
    return d

"""Every format a diagram comes in from or goes out to, chosen by the file's extension.

One table for the command line (`driverdiagram export IN -o OUT`) and the app (File ▸
Import…, File ▸ Export…, a file dropped on the window), so that both take the same files
and say the same things:

    in:  .driver, .csv (the NHS FreeSPC driver-diagram tool), .md / .markdown / .txt (outlines),
         .graphml (one this app wrote, or kept its attributes)
    out: .pdf, .driver, .csv, .md, .png, .svg, .graphml

A file with another extension is read by what it holds (a `.driver` document, a CSV with an
`id` and a `level` column, else an outline). Readers never change the file; `write` never
replaces a diagram, a read-only file or anything that is not an ordinary file (see
`model.safe_io`). No Qt: the PNG and SVG come from the PDF's own painter.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from ..model.diagram import Diagram
from ..model.errors import DiagramError, LoadError
from ..model.limits import MAX_BYTES
from ..model.safe_io import holds_diagram, output_refusal, read_regular, write_atomic
from ..model.safe_text import printable

INPUTS = {
    ".driver": "driver diagram",
    ".csv": "FreeSPC driver-diagram CSV",
    ".md": "Markdown outline",
    ".markdown": "Markdown outline",
    ".txt": "plain outline",
    ".graphml": "GraphML graph",
}
OUTPUTS = {
    ".pdf": "PDF",
    ".driver": "driver diagram",
    ".csv": "FreeSPC driver-diagram CSV",
    ".md": "Markdown outline",
    ".png": "PNG picture",
    ".svg": "SVG picture",
    ".graphml": "GraphML graph",
}
DEFAULT_DPI = 150.0


@dataclass
class Opened:
    """A diagram read from a file, and what the reader had to change or could not keep."""

    diagram: Diagram
    what: str  # the format, in words ("FreeSPC driver-diagram CSV")
    warnings: list[str] = field(default_factory=list)


def input_kind(path: str | os.PathLike[str], data: bytes) -> str:
    """The extension whose reader takes `data` (".driver", ".csv", ".graphml" or ".md")."""
    ext = Path(path).suffix.lower()
    if ext in INPUTS:
        return ".md" if ext in (".markdown", ".txt") else ext
    head = data[:4096].removeprefix(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"{"):
        return ".driver"
    first = head.split(b"\n", 1)[0].lower()
    cells = [c.strip().strip(b'"') for c in first.split(b",")]
    if b"id" in cells and b"level" in cells:
        return ".csv"
    return ".md"


def read(path: str | os.PathLike[str]) -> Opened:
    """The diagram in the file at `path`, in any format of `INPUTS`; a `DiagramError` that
    says what is wrong, and where, when it holds none (the file is only read)."""
    name = printable(Path(path).name)
    try:
        data = read_regular(path, MAX_BYTES, "a file to import")
    except LoadError as e:
        raise LoadError(printable(str(e))) from None
    return read_bytes(data, name, input_kind(path, data))


def read_bytes(data: bytes, name: str, kind: str) -> Opened:
    """`data` (a file called `name`) read as `kind` (".driver", ".csv", ".graphml" or ".md")."""
    if kind == ".driver":
        from ..model.persistence import loads

        return Opened(loads(data, source=name), INPUTS[".driver"])
    if kind == ".graphml":
        from .graphml import read_graphml

        return Opened(read_graphml(data), INPUTS[".graphml"])
    if kind == ".csv":
        from ..model import freespc

        got = freespc.read_freespc(freespc.decode_csv(data, name), title=Path(name).stem)
        return Opened(got.diagram, INPUTS[".csv"], list(got.warnings))
    from ..model import outline

    return Opened(outline.read_outline(outline.decode(data, name), title=Path(name).stem), INPUTS[".md"])


def output_kind(path: str | os.PathLike[str]) -> str:
    """The extension of `path` if it is a format of `OUTPUTS`, else a `DiagramError` that lists them."""
    ext = Path(path).suffix.lower()
    if ext == ".markdown":
        return ".md"
    if ext not in OUTPUTS:
        known = ", ".join(OUTPUTS)
        shown = f"“{ext}”" if ext else "no extension"
        raise DiagramError(f"{printable(os.fspath(path))} has {shown}: name the output with one of {known}.")
    return ext


def render(d: Diagram, kind: str, *, dpi: float = DEFAULT_DPI) -> tuple[bytes, list[str]]:
    """The bytes of `d` as `kind` (any of `OUTPUTS` but ".pdf", which `export_pdf` writes
    itself, page by page), and what the format could not hold, in words."""
    if kind == ".driver":
        from ..model.persistence import dumps

        return dumps(d), []
    writers: dict[str, Callable[[Diagram], tuple[bytes, list[str]]]] = {
        ".csv": _csv,
        ".md": _markdown,
        ".graphml": _graphml,
        ".svg": lambda d: (_image().write_svg(d), []),
        ".png": lambda d: (_image().write_png(d, dpi=dpi), []),
    }
    if kind not in writers:
        raise DiagramError(f"cannot write {kind} here")
    return writers[kind](d)


def refusal(
    out: str | os.PathLike[str], kind: str | None, *, force: bool = False, source: str | os.PathLike[str] | None = None
) -> str | None:
    """Why `out` must not be written as `kind`, in a sentence that says what to do; or None.

    Never, whatever `force` says: the input (`source`) under any name, anything but an
    ordinary file, a read-only file, a driver diagram (someone's work); and a `.driver`
    output is a new diagram, written only to a new file. Unless `force`: a file of another
    kind (a PDF for a CSV). `kind` None: only what is refused whatever the format.
    """
    name = printable(os.fspath(out))
    hard = output_refusal(out, source=source)
    if hard is not None:
        fix = ", or make it writable first" if hard.read_only else ""
        return f"{name} {hard.reason}; choose another name{fix}."
    if kind is None:
        return None
    if kind == ".driver" and os.path.lexists(out):
        return f"{name} is already there, and a new diagram is written only to a new file; choose another name."
    if holds_diagram(out):
        return f"{name} is a driver diagram, and an export never replaces one; choose another name."
    found = output_refusal(out, kind="pdf" if kind == ".pdf" else "other", force=force, source=source)
    if found is None:
        return None
    reason = found.reason
    if kind != ".pdf":  # "is a PDF, not other": say what it would become
        reason = f"{reason.split(',')[0]}, not a {OUTPUTS[kind]}"
    return f"{name} {reason}; choose another name, or add --force to replace it."


def write(
    d: Diagram, out: str | os.PathLike[str], kind: str, *, force: bool = False, dpi: float = DEFAULT_DPI
) -> list[str]:
    """Write `d` to `out` as `kind` (not ".pdf") atomically; what was left out, in words."""
    why = refusal(out, kind, force=force)
    if why is not None:
        raise DiagramError(why)
    data, left_out = render(d, kind, dpi=dpi)
    if kind == ".driver":
        write_atomic(out, data, kind="diagram")
    else:
        write_atomic(out, data, kind="other", force=force)  # the same checks, again just before the rename
    return left_out


def _csv(d: Diagram) -> tuple[bytes, list[str]]:
    from ..model.freespc import write_freespc

    w = write_freespc(d)
    return w.text.encode("utf-8"), list(w.left_out)


def _markdown(d: Diagram) -> tuple[bytes, list[str]]:
    from ..model.outline import write_outline

    w = write_outline(d)
    return w.text.encode("utf-8"), list(w.left_out)


def _graphml(d: Diagram) -> tuple[bytes, list[str]]:
    from .graphml import write_graphml

    w = write_graphml(d)
    return w.text.encode("utf-8"), list(w.left_out)


def _image() -> ModuleType:
    from . import image

    return image

"""Fixtures for the PDF tests: PDFs exported once per session and read back with pypdf.

No Qt here: export must work without a display.
"""

from __future__ import annotations

import pytest
from pdf_helpers import EXAMPLES, TODAY, Exported, export  # noqa: F401 (for the fixtures below)

from driverdiagram.model import Diagram, load


@pytest.fixture(scope="session")
def career() -> Diagram:
    return load(EXAMPLES / "career.driver")


@pytest.fixture(scope="session")
def career_pdf(career: Diagram, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    return export(career, tmp_path_factory.mktemp("pdf") / "career.pdf")


@pytest.fixture(scope="session")
def big() -> Diagram:
    from pdf_diagrams import big_diagram

    return big_diagram(300, 100)


@pytest.fixture(scope="session")
def big_pdf(big: Diagram, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    return export(big, tmp_path_factory.mktemp("pdf") / "big.pdf")

"""handbill: one multilingual statement in, print-ready leaflets and posters out.

The public API (documented in README.md, "Using handbill from Python")::

    import handbill
    leaflet = handbill.load_leaflet("leaflets/victory-day-2023")
    pdf = handbill.render_pdf(handbill.versions(leaflet).versions[0])

The pipeline, one package per stage::

    load     sources -> Leaflet and Layout models (validated)
    fonts    the font catalog: which files serve which script, coverage, subsets
    text     bidi levels, itemisation, HarfBuzz shaping, line breaking, reordering
    compose  jobs (leaflet x layout x language) -> pages of positioned, shaped lines
    render   pages -> ReportLab canvas -> PDF (boxes, marks, colour, metadata, atomic write)
"""

from handbill.api import (
    LayoutInfo,
    Plan,
    Version,
    available_layouts,
    build_leaflet,
    check_leaflet,
    leaflet_from_data,
    load_leaflet,
    page_count,
    render_pdf,
    render_png,
    session_for,
    versions,
)
from handbill.build import BuildReport
from handbill.compose import Skip
from handbill.errors import HandbillError, InputError, MissingGlyphError, OutputError, TextOverflowError
from handbill.findings import CheckReport, Finding
from handbill.model import Leaflet
from handbill.pipeline import JobOutcome, Session
from handbill.version import __version__

__all__ = [
    "BuildReport",
    "CheckReport",
    "Finding",
    "HandbillError",
    "InputError",
    "JobOutcome",
    "LayoutInfo",
    "Leaflet",
    "MissingGlyphError",
    "OutputError",
    "Plan",
    "Session",
    "Skip",
    "TextOverflowError",
    "Version",
    "__version__",
    "available_layouts",
    "build_leaflet",
    "check_leaflet",
    "leaflet_from_data",
    "load_leaflet",
    "page_count",
    "render_pdf",
    "render_png",
    "session_for",
    "versions",
]

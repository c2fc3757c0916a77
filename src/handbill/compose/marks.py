"""What composition passes on for print: the layout's print settings and the slug line.

The slug line names the leaflet, layout, language and date below the trim, outside the bleed, so a
press sheet can be traced back to its source. It is set by the text engine like any other line (so its
font is embedded), and drawn by the renderer in the registration colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from handbill.compose.plan import Job
from handbill.model import MM, REGISTRATION, PlacedLine, PrintSpec
from handbill.text.paragraph import ParagraphSpec, Span, TextStyle, Typesetter

SLUG_SIZE = 6.0  # points
SLUG_BELOW_BLEED = 4 * MM  # baseline distance below the bleed edge
SLUG_INDENT = 12 * MM  # from the trim's left edge: clear of the crop marks at the corner


def slug_text(job: Job) -> str:
    """``victory-day-2023 · a3-poster · fa · 2023-05-09``."""
    return " · ".join((job.leaflet.name, job.layout.name, job.lang, job.leaflet.date.isoformat()))


def slug_lines(job: Job, setter: Typesetter) -> tuple[PlacedLine, ...]:
    """The slug line, left-aligned below the trim (trim coordinates, y up), or nothing if not asked for."""
    if not job.layout.slug:
        return ()
    spec = ParagraphSpec((Span(slug_text(job)),), "en", TextStyle(SLUG_SIZE), "left", "slug")
    setting = setter.typeset(spec, max(job.layout.width - SLUG_INDENT, 10.0))
    line = setting.lines[0]
    return (PlacedLine(SLUG_INDENT, -job.layout.bleed - SLUG_BELOW_BLEED, line, REGISTRATION, "en"),)


@dataclass(frozen=True)
class PrintSettings:
    """The ComposedDocument fields that carry the layout's print settings, for one job."""

    registration_marks: bool
    slug: tuple[PlacedLine, ...]
    safe_margin: float
    output: PrintSpec
    name: str


def print_settings(job: Job, setter: Typesetter) -> PrintSettings:
    """The layout's print settings and the job's slug line."""
    layout = job.layout
    return PrintSettings(layout.registration_marks, slug_lines(job, setter), layout.safe_margin, layout.output,
                         job.label)

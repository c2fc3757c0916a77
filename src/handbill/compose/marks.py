"""What composition passes on for print: the layout's print settings, the slug line and plate labels.

A plate label names one ink on its separation (``Riso Bright Red · victory-day-2023 · riso-2colour · fa
· 2023-05-09 · handbill 0.2.0``) above the trim, outside the bleed and the marks, for a risograph crew
or a platemaker to tell the masters apart; render/separations.py draws the label of each page's ink.

The slug line names the leaflet, layout, language and date below the trim, outside the bleed, so a
press sheet can be traced back to its source. It is set by the text engine like any other line (so its
font is embedded), and drawn by the renderer in the registration colour.

An imposed sheet carries its own slug line, one per side of the imposed file, in the sheet's margin
(render/impose.py places it): ``victory-day-2023 · a5-handbill · fa · sheet 1/1 both sides ·
work-and-turn · FOGRA39 · handbill 0.2.0``. It names no date, so rebuilds give the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from handbill.compose.plan import Job
from handbill.compose.sheets import side_names
from handbill.model import MM, REGISTRATION, PlacedLine, PrintSpec
from handbill.text.paragraph import ParagraphSpec, Span, TextStyle, Typesetter
from handbill.version import __version__

SLUG_SIZE = 6.0  # points
SLUG_BELOW_BLEED = 4 * MM  # baseline distance below the bleed edge
SLUG_INDENT = 12 * MM  # from the trim's left edge: clear of the crop marks at the corner
LABEL_CLEARANCE = 2 * MM  # a plate label's baseline above the marks' offset from the trim
PROCESS_INKS = ("Cyan", "Magenta", "Yellow", "Black")


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


def plate_labels(job: Job, setter: Typesetter) -> dict[str, PlacedLine]:
    """A label line per ink the layout can print with (process inks and its spot inks), above the trim."""
    layout = job.layout
    if layout.output.color != "cmyk":
        return {}
    inks = [*PROCESS_INKS, *dict.fromkeys(c.ink for c in layout.colors.values() if c.space == "spot")]
    y = layout.height + max(layout.bleed, layout.mark_offset) + LABEL_CLEARANCE
    labels = {}
    for ink in inks:
        text = f"{ink} · {slug_text(job)} · handbill {__version__}"
        spec = ParagraphSpec((Span(text),), "en", TextStyle(SLUG_SIZE, bold=True), "left", "plate")
        line = setter.typeset(spec, max(layout.width - SLUG_INDENT, 10.0)).lines[0]
        labels[ink] = PlacedLine(SLUG_INDENT, y, line, REGISTRATION, "en")
    return labels


def sheet_slug_text(job: Job, side: str) -> str:
    """``victory-day-2023 · a5-handbill · fa · sheet 1/2 front · sheetwise · FOGRA39 · handbill 0.2.0``."""
    layout = job.layout
    imposition = layout.imposition
    assert imposition is not None
    condition = layout.output.condition or layout.output.output_condition or "Custom"
    return " · ".join((job.leaflet.name, layout.name, job.lang, side, imposition.scheme, condition,
                       f"handbill {__version__}"))


def sheet_slugs(job: Job, setter: Typesetter, pages: int) -> tuple[PlacedLine, ...]:
    """One slug line per side of the imposed file (none without ``[imposition]``), at the origin: the
    renderer puts it in the sheet's margin."""
    imposition = job.layout.imposition
    if imposition is None:
        return ()
    lines = []
    for name in side_names(pages, imposition.scheme):
        spec = ParagraphSpec((Span(sheet_slug_text(job, name.text())),), "en", TextStyle(SLUG_SIZE), "left", "slug")
        line = setter.typeset(spec, 10_000.0).lines[0]  # one line, however long: render/impose.py fits it
        lines.append(PlacedLine(0.0, 0.0, line, REGISTRATION, "en"))
    return tuple(lines)


@dataclass(frozen=True)
class PrintSettings:
    """The ComposedDocument fields that carry the layout's print settings, for one job."""

    registration_marks: bool
    slug: tuple[PlacedLine, ...]
    safe_margin: float
    output: PrintSpec
    name: str
    plate_labels: dict[str, PlacedLine]


def print_settings(job: Job, setter: Typesetter) -> PrintSettings:
    """The layout's print settings and the job's slug line."""
    layout = job.layout
    return PrintSettings(layout.registration_marks, slug_lines(job, setter), layout.safe_margin, layout.output,
                         job.label, plate_labels(job, setter))

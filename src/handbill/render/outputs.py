"""The files one job writes: the print file, and as the layout or command line asks, more.

    a5-handbill.en.pdf              the print file (PDF/X-4 for print layouts)
    a5-handbill.en.imposed.pdf      copies on press sheets, when the layout has [imposition]
    a5-handbill.en.separations.pdf  one grey page per ink, with ``handbill build --separations``

A screen layout writes what render/screen.py makes instead (PNG, JPEG, web PDF, alt text).

``job_outputs`` is what the build calls; each entry is (file name, bytes), the print file first.
"""

from __future__ import annotations

from handbill.model import ComposedDocument, Imposition, ScreenOptions, ScreenSpec
from handbill.render.convert import output_colors
from handbill.render.draw import conversion_profile, render_pdf
from handbill.render.impose import impose
from handbill.render.screen import screen_outputs
from handbill.render.separations import render_separations


def job_outputs(document: ComposedDocument, filename: str, imposition: Imposition | None = None,
                separations: bool = False, screen: ScreenSpec | None = None,
                options: ScreenOptions | None = None) -> list[tuple[str, bytes]]:
    """The files for one composed document, named after the job's ``<layout>.<lang>.pdf``."""
    stem = filename.removesuffix(".pdf")
    document = output_colors(document, conversion_profile(document))  # RGB and Lab colours to the output's
    if screen is not None:
        return screen_outputs(document, stem, screen, options or ScreenOptions())
    outputs = [(filename, render_pdf(document))]
    if imposition is not None:
        outputs.append((f"{stem}.imposed.pdf", impose(document, imposition)))
    if separations:
        outputs.append((f"{stem}.separations.pdf", render_separations(document)))
    return outputs

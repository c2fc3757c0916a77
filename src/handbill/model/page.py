"""What compose gives render: pages of placed lines, rectangles, images and QR codes, in points from the
trim's bottom-left (PDF space), and the document's print settings."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from handbill.frozen import FrozenMap
from handbill.lines import Line
from handbill.model.layout import MM, Color, PrintSpec
from handbill.model.leaflet import Notice

TagRole = Literal["H1", "H2", "P", "LI", "BlockQuote"]


@dataclass(frozen=True)
class TextTag:
    """Which paragraph a placed line belongs to, for the tagged PDF's structure tree (render/tagging.py).

    ``order`` places the paragraph in reading order: (rank of its block's first frame in the layout,
    paragraph index in the block). ``label`` counts the characters at the paragraph's start that are a
    list item's label (the bullet), tagged Lbl apart from the item's body. ``text`` is the paragraph as
    written, the element's /ActualText: what a screen reader says, whatever the glyphs' text layer holds.
    """

    order: tuple[int, int]
    role: TagRole
    label: int = 0
    text: str = ""


@dataclass(frozen=True)
class PlacedLine:
    """A set line on a page: baseline origin in points from the trim's bottom-left (PDF space).

    ``tag`` names the paragraph the line belongs to; None for lines outside the content (a slug line).
    """

    x: float
    y: float
    line: Line
    color: Color
    lang: str
    tag: TextTag | None = None


@dataclass(frozen=True)
class FilledRect:
    """A filled rectangle in points from the trim's bottom-left; may reach into the bleed."""

    x: float
    y: float
    width: float
    height: float
    color: Color


@dataclass(frozen=True)
class PlacedImage:
    """A raster image in points from the trim's bottom-left, fitted to its frame (``pixels``: what is shown)."""

    x: float
    y: float
    width: float
    height: float
    path: Path
    pixels: tuple[int, int]
    ink: Color | None = None  # tints of one spot colour (a risograph drum) instead of CMYK
    key: str = ""
    alt: str = ""  # what the image shows, for the tagged PDF (a Figure); "" marks it as decoration
    order: int = 0  # its frame's rank in reading order (see TextTag)
    vector: bool = False  # an SVG logo drawn as vectors (``pixels`` is then its natural size in points)
    duotone: tuple[Color, Color] | None = None  # print as a duotone of (shadow, colour): render/duotone.py
    crop: tuple[int, int, int, int] | None = None  # the part of the picture shown (pixels: left, top, right, bottom)
    resample: tuple[int, int] | None = None  # printed at this many pixels (downsampled from ``pixels``), if set

    @property
    def dpi(self) -> float:
        """Effective resolution at the printed size (pixels per inch, the smaller of both directions);
        infinite for a vector logo."""
        if self.vector:
            return float("inf")
        return min(self.pixels[0] / (self.width / 72.0), self.pixels[1] / (self.height / 72.0))


@dataclass(frozen=True)
class PlacedCode:
    """A QR code drawn as vector squares: module rows top to bottom, ``size`` the side of the symbol."""

    x: float
    y: float
    size: float
    modules: tuple[tuple[bool, ...], ...]
    color: Color
    data: str = ""
    order: int = 0  # its frame's rank in reading order (see TextTag)


@dataclass(frozen=True)
class ComposedPage:
    """One page's drawing items, in order."""

    items: tuple[PlacedLine | FilledRect | PlacedImage | PlacedCode, ...]


@dataclass(frozen=True)
class ComposedDocument:
    """Everything the renderer needs for one PDF."""

    pages: tuple[ComposedPage, ...]
    width: float
    height: float
    bleed: float
    crop_marks: bool
    mark_offset: float
    mark_length: float
    title: str
    lang: str
    subject: str
    created: datetime.datetime
    registration: Color | None = None
    registration_marks: bool = False
    slug: tuple[PlacedLine, ...] = ()  # outside the trim (below it), in the registration colour
    safe_margin: float = 5 * MM
    output: PrintSpec = field(default_factory=PrintSpec)
    name: str = ""  # ``a3-poster.fa``: the job, for reports
    notices: tuple[Notice, ...] = ()  # found while composing (a block that fits only at its smallest size)
    plate_labels: Mapping[str, PlacedLine] = field(default_factory=FrozenMap)  # ink -> its separation's label
    sheet_slugs: tuple[PlacedLine, ...] = ()  # one per side of the imposed file, at the origin (render/impose.py)

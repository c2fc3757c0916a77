"""What a layout file asks for (load/layout.py makes them): page size, frames, styles, colours, the print
and screen output and the imposition. Sizes in points (``MM`` converts)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from handbill.frozen import FrozenMap

MM = 72.0 / 25.4  # points per millimetre

# Closed sets of layout values (load/layout.py validates against these, with typing.get_args).
Align = Literal["start", "end", "center", "justify"]
VAlign = Literal["top", "middle", "bottom"]
Fit = Literal["shrink", "grow", "balance", "none"]
Overflow = Literal["report", "continue"]
SizeBy = Literal["em", "x-height"]


@dataclass(frozen=True)
class Color:
    """A named colour: CMYK (0..1), RGB (0..1), CIELAB (L* 0..100, a*, b*; D50) or a spot ink with its CMYK
    equivalent and tint. RGB and Lab colours of a print layout are converted to the output profile's CMYK
    before rendering (render/convert.py); ``source`` then says what the colour was given as."""

    name: str
    space: Literal["cmyk", "rgb", "lab", "spot"]
    values: tuple[float, ...]
    tint: float = 1.0
    ink: str = ""  # a spot colour's separation name (``Bright Red``); values are its CMYK alternate at 100 %
    k_only: bool = True  # RGB/Lab: a neutral grey (r = g = b, a* = b* = 0) prints in black ink only
    source: str = ""  # a converted colour: what the layout gave (``RGB #E30613``), for check's report

    @property
    def cmyk(self) -> tuple[float, float, float, float] | None:
        """The process equivalent (0..1) of a CMYK or spot colour at its tint; None for RGB and Lab."""
        if self.space in ("rgb", "lab"):
            return None
        c, m, y, k = self.values
        t = self.tint if self.space == "spot" else 1.0
        return (c * t, m * t, y * t, k * t)

    @property
    def total_ink(self) -> float:
        """Total area coverage in percent (C+M+Y+K, a spot tint counts once); 0 for RGB and Lab."""
        if self.space == "spot":
            return 100 * self.tint
        return 100 * sum(self.cmyk or ())


# The colour of crop marks, targets and slug lines: 100 % of every ink (PDF /Separation /All).
REGISTRATION = Color("registration", "cmyk", (1, 1, 1, 1), ink="All")


@dataclass(frozen=True)
class Style:
    """How a block's text looks, as a layout's ``[styles.NAME]`` gives it; sizes and spacing in points.

    Compose reads all of it (colour, alignment, the size range fitting chooses from, indent and space
    after) and hands the text stage only ``text.spec.TextStyle``, the part that changes how lines are set,
    at the one size it chose (compose/fit.py ``paragraph_spec``). Two types on purpose: the text stage
    knows no colours, frames or size ranges (slug lines are set without any layout style), and its set
    paragraphs are cached by TextStyle, so blocks that differ only in colour or spacing share them.
    """

    size: float
    min_size: float
    max_size: float
    leading: float
    bold: bool
    italic: bool
    tracking: float
    uppercase: bool
    hyphenate: bool
    align: Align
    color: Color
    space_after: float
    indent: float
    max_gap: float = 1.0  # justified text: the widest word gap (em) before a line is left ragged
    size_by: SizeBy = "em"  # "x-height": sizes are for Latin; each script is set to look as large


@dataclass(frozen=True)
class StyleSet:
    """A style and its per-script overrides (``styles.body.scripts.Arab``)."""

    base: Style
    scripts: Mapping[str, Style] = field(default_factory=FrozenMap)

    def for_script(self, script: str) -> Style:
        """The style to use for text in a script."""
        return self.scripts.get(script, self.base)


@dataclass(frozen=True)
class Frame:
    """A box on a page (points, from the trim's top-left, y down) holding one block."""

    block: str
    x: float
    y: float
    width: float
    height: float
    style: str
    columns: int = 1
    gutter: float = 0.0
    valign: VAlign = "top"
    fit: Fit = "shrink"
    fill: Color | None = None
    max_lines: int = 0
    max_scale: float = 0.0  # grow, balance: the most the type may grow (1.25: a quarter larger); 0: styles' max_size
    key: str = ""  # key path in the layout file, for messages
    overflow: Overflow = "report"  # statement frames: "report" text that does not fit, or "continue" on new pages
    src: str = ""  # image frames: a file in the leaflet folder (PNG, JPEG)
    url: str = ""  # qr frames: the URL to encode (else the leaflet's url)
    ink: Color | None = None  # image frames: print the image as tints of this spot colour (risograph)
    alt: str = ""  # image frames: what the image shows (the tagged PDF's alternate text)
    name: str = ""  # the frame's name, by which a layout that extends this one changes it
    stack: str = ""  # frames of one stack on a page share its height (compose/stack.py)
    stretch: bool = False  # in a stack: the frame's box grows into the height the stack leaves over
    duotone: tuple[Color, Color] | None = None  # picture frames: print as (shadow colour, colour) duotone
    cover: bool = False  # picture frames: fill the frame, cropping what overflows it (else fitted whole)


@dataclass(frozen=True)
class PageTemplate:
    """One page of a layout: its frames in drawing order."""

    frames: tuple[Frame, ...]


@dataclass(frozen=True)
class PrintSpec:
    """What a layout asks of the PDF as a print file (``[output]`` in the layout).

    Attributes:
        pdfx: ``"PDF/X-4"`` (default for CMYK), ``"PDF/X-4p"`` (the profile referenced, not embedded),
            ``"PDF/X-1a"`` (no transparency, PDF 1.4) or ``""`` (none).
        color: ``"cmyk"`` (print: RGB and Lab colours converted, render/convert.py) or ``"rgb"`` (screen, no PDF/X).
        icc_profile: the CMYK output profile to embed; None: the default profile (render/pdfx.py).
        condition: a registered printing condition by name (``FOGRA39``, conditions.py), or "".
        output_condition: the OutputIntent's OutputConditionIdentifier for an unregistered profile ("Custom").
        overprint: 100 % black text below this size (points) overprints (render/overprint.py); 0: none.
        overprint_rule: 100 % black rules thinner than this (points) overprint, while overprint is on.
        ink_limit: total area coverage in percent above which a colour is reported.
        min_image_dpi: effective resolution below which an image is reported.
        max_image_dpi: effective resolution an image is printed at, at most (a larger one is downsampled,
            compose/images.py).
    """

    pdfx: str = "PDF/X-4"
    color: Literal["cmyk", "rgb"] = "cmyk"
    icc_profile: Path | None = None
    condition: str = ""
    output_condition: str = ""
    ink_limit: float = 300.0
    min_image_dpi: float = 300.0
    max_image_dpi: float = 450.0
    overprint: float = 24.0
    overprint_rule: float = 1.0 * MM
    ink_limit_given: bool = False  # the layout named its ink limit (else the condition's applies)


@dataclass(frozen=True)
class ScreenSpec:
    """What a screen layout asks for (``[screen]`` in the layout): the image size in pixels."""

    pixels: tuple[int, int]


SCREEN_FORMATS = ("pdf", "png", "jpeg", "alt")


@dataclass(frozen=True)
class ScreenOptions:
    """What a build writes for screen layouts (``--format``, ``--pdf-ua``); print layouts write their PDF.

    ``formats``: any of ``pdf`` (the web PDF), ``png``, ``jpeg`` and ``alt`` (a text file with the image's
    text for the alt text field of a post). ``pdfua``: the web PDF claims PDF/UA-1 (render/pdfua.py).
    """

    formats: tuple[str, ...] = SCREEN_FORMATS
    pdfua: bool = False


Scheme = Literal["work-and-turn", "sheetwise", "step-and-repeat"]


@dataclass(frozen=True)
class Imposition:
    """Copies of the pages on a press sheet (``[imposition]`` in the layout); sizes in points.

    ``scheme`` (render/impose.py draws each): ``"work-and-turn"`` puts front and back side by side on
    one plate, printed on both sides of the sheet (turned side to side), so each sheet gives complete
    copies; ``"sheetwise"`` puts the fronts on one sheet side and the backs, columns mirrored, on the
    other; ``"step-and-repeat"`` fills a sheet with copies of one page, for one-sided work. ``gap`` is
    the gutter between copies (twice the bleed: a double cut, each copy with its own bleed); ``edge``
    the room each outer side of the sheet needs beyond the copies for the bleed and the cut marks.
    """

    sheet: str
    sheet_width: float
    sheet_height: float
    up: int
    scheme: Scheme = "sheetwise"
    gap: float = 0.0
    edge: float = 0.0

    def grid(self, cell_width: float, cell_height: float) -> tuple[int, int] | None:
        """Columns and rows of ``up`` trimmed copies that fit the sheet (widest arrangement first), or None.

        Work-and-turn needs an even number of columns: the turn puts each column behind its mirror."""
        options = [(cols, self.up // cols) for cols in range(self.up, 0, -1) if self.up % cols == 0]
        for cols, rows in options:
            if self.scheme == "work-and-turn" and cols % 2:
                continue
            width = cols * cell_width + (cols - 1) * self.gap + 2 * self.edge
            height = rows * cell_height + (rows - 1) * self.gap + 2 * self.edge
            if width <= self.sheet_width + 0.01 and height <= self.sheet_height + 0.01:
                return cols, rows
        return None


@dataclass(frozen=True)
class Layout:
    """A page template set read from ``layouts/<name>.toml``."""

    name: str
    path: Path
    description: str
    versions: Literal["statement", "slogans"]
    width: float
    height: float
    bleed: float
    crop_marks: bool
    mark_offset: float
    mark_length: float
    mirror_rtl: bool
    background: Color | None
    pages: tuple[PageTemplate, ...]
    styles: Mapping[str, StyleSet]  # FrozenMaps: read-only
    colors: Mapping[str, Color]
    safe_margin: float = 5 * MM
    registration_marks: bool = False
    slug: bool = False
    output: PrintSpec = field(default_factory=PrintSpec)
    imposition: Imposition | None = None
    screen: ScreenSpec | None = None  # a screen layout (posts, stories): PNG, JPEG and a web PDF
    long_pages: tuple[PageTemplate, ...] = ()  # used instead of pages for a statement too long for them
    warnings: tuple[str, ...] = ()  # found while loading (a block the parent layout showed is gone)

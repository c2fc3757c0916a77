"""The data that flows between stages: leaflets, layouts, and composed pages. Plain frozen dataclasses."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from handbill.frozen import FrozenMap
from handbill.lines import Line
from handbill.tomlpos import describe, line_of

MM = 72.0 / 25.4  # points per millimetre

# Closed sets of layout values (load/layout.py validates against these, with typing.get_args).
Align = Literal["start", "end", "center", "justify"]
VAlign = Literal["top", "middle", "bottom"]
Fit = Literal["shrink", "grow", "balance", "none"]
Overflow = Literal["report", "continue"]
SizeBy = Literal["em", "x-height"]


# -- leaflet -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Inline:
    """A stretch of statement text with its emphasis (``*em*`` italic, ``**strong**`` bold)."""

    text: str
    bold: bool = False
    italic: bool = False


BlockKind = Literal["headline", "lead", "paragraph", "quote", "list_item"]


@dataclass(frozen=True)
class Notice:
    """A warning about the input that does not stop the build: what, where, what to do (check prints the same)."""

    message: str
    file: Path | None = None
    line: int | None = None
    field: str = ""  # key path in a TOML file (``translations.fa.organisation``)
    hint: str = ""

    def __post_init__(self) -> None:  # a key of a TOML file: its line, found in the file
        if self.line is None and self.field and self.file is not None and self.file.suffix == ".toml":
            object.__setattr__(self, "line", line_of(self.file, self.field))

    @property
    def where(self) -> str:
        """``file:line: key`` as far as known."""
        where = ":".join(str(p) for p in (self.file, self.line) if p is not None)
        return f"{where}: {describe(self.field)}" if where and self.field else (where or describe(self.field))

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        return f"{text}\n  hint: {self.hint}" if self.hint else text


@dataclass(frozen=True)
class TextBlock:
    """One block of a statement: kind, inline content, source line (for messages), list label (``•``, ``3.``)."""

    kind: BlockKind
    inlines: tuple[Inline, ...]
    line: int
    label: str = ""

    @property
    def text(self) -> str:
        """The block's plain text."""
        return "".join(i.text for i in self.inlines)


@dataclass(frozen=True)
class Statement:
    """A statement in one language (``statement.<lang>.md``)."""

    lang: str
    path: Path
    blocks: tuple[TextBlock, ...]
    warnings: tuple[Notice, ...] = ()  # what the statement holds that a leaflet cannot show

    @property
    def headline(self) -> TextBlock | None:
        """The ``# `` line, if any."""
        return next((b for b in self.blocks if b.kind == "headline"), None)

    @property
    def leads(self) -> tuple[TextBlock, ...]:
        """The ``## `` lines."""
        return tuple(b for b in self.blocks if b.kind == "lead")

    @property
    def body(self) -> tuple[TextBlock, ...]:
        """Paragraphs, quotes and list items, in order."""
        return tuple(b for b in self.blocks if b.kind in ("paragraph", "quote", "list_item"))


@dataclass(frozen=True)
class Slogan:
    """A slogan in one language."""

    lang: str
    text: str


@dataclass(frozen=True)
class Signatory:
    """A signing organisation, with its country if given."""

    name: str
    country: str | None = None

    def label(self) -> str:
        """``Name (Country)`` or the name alone."""
        return f"{self.name} — {self.country}" if self.country else self.name


@dataclass(frozen=True)
class Leaflet:
    """Everything a user wrote for one leaflet folder."""

    folder: Path
    title: str
    date: datetime.date
    lang: str
    layouts: tuple[str, ...]
    organisation: str
    place_date: str
    slogans: tuple[Slogan, ...]
    signatories: tuple[Signatory, ...]
    statements: Mapping[str, Statement]  # a FrozenMap: read-only
    languages: tuple[str, ...] = ()  # restricts the versions built, if given
    url: str = ""  # a web address for QR codes (``qr`` frames)
    translations: Mapping[str, Mapping[str, str]] = field(default_factory=FrozenMap)  # lang -> key -> text
    warnings: tuple[Notice, ...] = ()  # what the sources hold that a leaflet cannot show (statements' markup)
    logo: str = ""  # the group's logo, a file in the leaflet folder (``logo`` frames)
    photo: str = ""  # a photo, a file in the leaflet folder (``photo`` frames)
    aliases: Mapping[str, str] = field(default_factory=FrozenMap)  # a code the leaflet wrote -> its version's
    # (``fa`` -> ``fa-IR`` when both are used: load/versions.py)

    @property
    def name(self) -> str:
        """The folder's real name (``build .`` and ``build x/..`` included), used for the output folder."""
        return self.folder.resolve().name or "leaflet"

    def slogan(self, lang: str) -> Slogan | None:
        """The slogan in a language, if there is one."""
        return next((s for s in self.slogans if s.lang == lang), None)


# -- layout ------------------------------------------------------------------------------------------

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
    """How a block's text looks; sizes in points, spacing in points."""

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
    """

    pdfx: str = "PDF/X-4"
    color: Literal["cmyk", "rgb"] = "cmyk"
    icc_profile: Path | None = None
    condition: str = ""
    output_condition: str = ""
    ink_limit: float = 300.0
    min_image_dpi: float = 300.0
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


# -- composed pages ----------------------------------------------------------------------------------

TagRole = Literal["H1", "P", "LI", "BlockQuote"]


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

"""The data that flows between stages: leaflets, layouts, and composed pages. Plain frozen dataclasses."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

MM = 72.0 / 25.4  # points per millimetre


# -- leaflet -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Inline:
    """A stretch of statement text with its emphasis (``*em*`` italic, ``**strong**`` bold)."""

    text: str
    bold: bool = False
    italic: bool = False


BlockKind = Literal["headline", "lead", "paragraph", "quote", "list_item"]


@dataclass(frozen=True)
class TextBlock:
    """One block of a statement: its kind, inline content and source line (for messages)."""

    kind: BlockKind
    inlines: tuple[Inline, ...]
    line: int

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
    statements: dict[str, Statement]
    languages: tuple[str, ...] = ()  # restricts the versions built, if given

    @property
    def name(self) -> str:
        """The folder name, used for the output folder."""
        return self.folder.name

    def slogan(self, lang: str) -> Slogan | None:
        """The slogan in a language, if there is one."""
        return next((s for s in self.slogans if s.lang == lang), None)


# -- layout ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Color:
    """A named colour: CMYK (0..1), RGB (0..1) or a spot ink with its CMYK equivalent and tint."""

    name: str
    space: Literal["cmyk", "rgb", "spot"]
    values: tuple[float, ...]
    tint: float = 1.0


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
    align: str
    color: Color
    space_after: float
    indent: float


@dataclass(frozen=True)
class StyleSet:
    """A style and its per-script overrides (``styles.body.scripts.Arab``)."""

    base: Style
    scripts: dict[str, Style] = field(default_factory=dict)

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
    valign: str = "top"
    fit: str = "shrink"
    fill: Color | None = None
    max_lines: int = 0
    key: str = ""  # key path in the layout file, for messages


@dataclass(frozen=True)
class PageTemplate:
    """One page of a layout: its frames in drawing order."""

    frames: tuple[Frame, ...]


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
    styles: dict[str, StyleSet]
    colors: dict[str, Color]


# -- composed pages ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class PlacedLine:
    """A set line on a page: baseline origin in points from the trim's bottom-left (PDF space)."""

    x: float
    y: float
    line: object  # handbill.text.paragraph.Line (kept untyped here: model does not import text)
    color: Color
    lang: str


@dataclass(frozen=True)
class FilledRect:
    """A filled rectangle in points from the trim's bottom-left; may reach into the bleed."""

    x: float
    y: float
    width: float
    height: float
    color: Color


@dataclass(frozen=True)
class ComposedPage:
    """One page's drawing items, in order."""

    items: tuple[PlacedLine | FilledRect, ...]


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

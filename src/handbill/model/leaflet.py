"""What a user wrote for one leaflet: its statements, slogans and signatories (load/leaflet.py makes them),
and the notices about input that does not stop a build."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from handbill.frozen import FrozenMap
from handbill.tomlpos import describe, line_of


@dataclass(frozen=True)
class Inline:
    """A stretch of statement text with its emphasis (``*em*`` italic, ``**strong**`` bold)."""

    text: str
    bold: bool = False
    italic: bool = False


BlockKind = Literal["headline", "lead", "subheading", "paragraph", "quote", "list_item"]


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
        """The ``## `` lines before the first paragraph (a ``## `` line after one is a subheading)."""
        return tuple(b for b in self.blocks if b.kind == "lead")

    @property
    def body(self) -> tuple[TextBlock, ...]:
        """Subheadings, paragraphs, quotes and list items, in order."""
        return tuple(b for b in self.blocks if b.kind in ("subheading", "paragraph", "quote", "list_item"))


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

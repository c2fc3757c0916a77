"""Errors a user can act on: each carries where it happened and what to do next."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from handbill.tomlpos import describe, line_of


class HandbillError(Exception):
    """An error in the user's input or environment, reported as one message without a traceback.

    Args:
        message: what is wrong, in the user's terms.
        file: the source file involved, if any.
        field: the key path inside that file (``slogans[3].text``: entries count from 1), if any.
        line: the 1-based line in the file; for a TOML file with a key path, found from the key if not given.
        hint: what to do about it.
    """

    def __init__(
        self,
        message: str,
        *,
        file: Path | str | None = None,
        field: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = Path(file) if file is not None else None
        self.field = field
        self.line = line if line is not None or not field or self.file is None or self.file.suffix != ".toml" \
            else line_of(self.file, field)  # the line of the key (or of its [[entry]]), found in the file
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = str(self.file)
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        field = f"{describe(self.field)}: " if self.field else ""
        text = f"{where}{field}{self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class InputError(HandbillError):
    """A leaflet, statement or layout file is malformed or inconsistent."""


class MissingGlyphError(HandbillError):
    """Characters that no font in their script's fallback chain can draw (they would be tofu): ``char`` the
    first, ``others`` the rest of the version's (compose/glyphs.py), ``listing`` where each is."""

    def __init__(self, char: str, *, lang: str, block: str, fonts: list[str], suggestion: str,
                 file: Path | str | None = None, line: int | None = None, field: str | None = None,
                 others: tuple[str, ...] = (), listing: list[str] | None = None) -> None:
        self.char = char
        self.chars = (char, *others)
        self.codepoint = f"U+{ord(char):04X}"
        self.char_name = character_name(char)
        self.lang = lang
        self.block = block
        self.fonts = list(fonts)
        tried = ", ".join(fonts) if fonts else "no font"
        if others:
            message = (f"{len(self.chars)} characters in the '{lang}' {block} have no glyph in any font "
                       f"(tried {tried}): {'; '.join(listing or [])}")
        else:
            message = (f"{self.codepoint} {self.char_name} in the '{lang}' {block} has no glyph in any font "
                       f"(tried {tried})")
        super().__init__(message, file=file, line=line, field=field, hint=suggestion)


class TextOverflowError(HandbillError):
    """Text that does not fit its frame, even at the layout's smallest allowed size."""


class OutputError(HandbillError):
    """A PDF could not be written (folder missing or read-only, disk full); nothing partial is left."""


def character_name(ch: str) -> str:
    """A character's Unicode name, or what kind of code point it is when it has none (for messages)."""
    name = unicodedata.name(ch, "")
    if name:
        return name
    if is_noncharacter(ch):
        return "noncharacter"
    kind = {"Cc": "control character", "Cs": "unpaired surrogate", "Co": "private-use character",
            "Cn": "unassigned code point"}.get(unicodedata.category(ch))
    if kind is not None:
        return kind
    from fontTools import unicodedata as ftu  # names ideographs Python leaves unnamed by their block

    return f"{ftu.block(ch)} character"


def is_noncharacter(ch: str) -> bool:
    """U+FDD0..U+FDEF and the last two code points of every plane: permanently not characters."""
    code = ord(ch)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


@dataclass(frozen=True)
class BuildWarning:
    """A problem that does not stop the build but must be reported (e.g. a HarfBuzz-less shaper)."""

    message: str
    job: str = ""

    def __str__(self) -> str:
        return f"{self.job}: {self.message}" if self.job else self.message

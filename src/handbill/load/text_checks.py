"""Checks on user text and language codes: what would print wrongly, or not at all, is reported, not drawn.

What is refused, and why (each gets a message naming the character and where it is):

- control characters (``U+0007``; tab and newline are allowed where text may break): they have no
  glyph and usually come from copy-paste out of another program;
- unpaired surrogates and noncharacters (``U+FFFE``): not text at all;
- private-use characters (``U+E000``): their meaning depends on one font, and the PDF could not be
  searched or copied.

What is kept: bidi controls (paired or not: bidi is resolved per paragraph, so a stray RLO can only
affect its own slogan or paragraph), zero-width joiners and non-joiners (ZWNJ is part of Persian
spelling), soft hyphens, variation selectors and emoji (a character no font has is reported by the
text engine with its name).
"""

from __future__ import annotations

import re
import unicodedata

from handbill import languages
from handbill.errors import character_name, is_noncharacter


def language_problem(code: str) -> tuple[str, str] | None:
    """What is wrong with a language code, as (message, hint), or None for a valid BCP 47 tag.

    Any valid tag is accepted and canonicalised by the loader (``per`` -> ``fa``, ``iw`` -> ``he``;
    see handbill.languages); a country code (``gr``) or a language's name (``Farsi``) gets a hint.
    """
    return languages.problem(code)


def language_name(code: str) -> str:
    """The English name of a language code, for hints (``el`` -> ``Greek``)."""
    return languages.name(code)


def bad_character(text: str) -> tuple[int, str] | None:
    """The first character that must not be in printed text, with its index, if any (see the module)."""
    for i, ch in enumerate(text):
        category = unicodedata.category(ch)
        if (category == "Cc" and ch not in "\n\t") or category in ("Cs", "Co") or is_noncharacter(ch):
            return i, ch
    return None


STRAY_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines() breaks at besides \n and \r


_STRAY = re.compile(f"[{STRAY_BREAKS}]")


def stray_line_break(text: str) -> tuple[int, str] | None:
    """(line, character) of the first character other than a newline (LF, CRLF or CR) that Python's
    ``splitlines`` would take as a line break: form feed, vertical tab, NEL, U+2028, U+2029, FS/GS/RS.
    The line is counted as an editor counts it."""
    match = _STRAY.search(text)
    return None if match is None else (text.count("\n", 0, match.start()) + 1, match.group())


def describe(ch: str) -> str:
    """``U+0007 (control character)`` style description."""
    return f"U+{ord(ch):04X} ({character_name(ch)})"


def is_blank(ch: str) -> bool:
    """True for a character that prints nothing by itself: spaces and line breaks as well as format
    controls, joiners and selectors (``text.glyphtext.is_ignorable_cluster`` leaves spaces out)."""
    category = unicodedata.category(ch)
    return (category in ("Zs", "Zl", "Zp", "Cf", "Cc") or ch in "\u034f\u115f\u1160\u3164\uffa0"
            or 0x180B <= ord(ch) <= 0x180F or 0xFE00 <= ord(ch) <= 0xFE0F or 0xE0100 <= ord(ch) <= 0xE01EF)


def has_visible(text: str) -> bool:
    """True if the text has at least one character that prints (not only spaces and controls)."""
    return any(not is_blank(ch) for ch in text)

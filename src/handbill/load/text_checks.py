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

import difflib
import re
import unicodedata

from handbill.errors import character_name, is_noncharacter
from handbill.load.languages import LONG_FORMS, THREE_LETTER, TWO_LETTER

_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_PRIVATE_USE_LANG = re.compile(r"^q[a-t][a-z]$")  # qaa..qtz, reserved for local use by ISO 639

# Codes people write for a language that are not language codes (mostly country codes), and names.
_MISTAKES = {
    "gr": "el", "sp": "es", "ir": "fa", "jp": "ja", "cn": "zh", "kr": "ko", "dk": "da", "ua": "uk",
    "cz": "cs", "gb": "en", "us": "en", "il": "he", "iw": "he", "in": "id", "ji": "yi", "jw": "jv",
    "mo": "ro", "at": "de", "by": "be", "rs": "sr", "al": "sq", "ge": "ka", "kz": "kk", "tj": "tg",
    "pk": "ur", "eg": "ar", "farsi": "fa", "greek": "el", "kurmanji": "kmr", "sorani": "ckb",
}


def is_language_code(code: str) -> bool:
    """A BCP 47 tag of the simple form handbill uses (``fa``, ``kmr``, ``pt-BR``, ``ku-Arab``)."""
    return bool(_LANG.match(code))


def language_problem(code: str) -> tuple[str, str] | None:
    """What is wrong with a language code, as (message, hint), or None for a good code.

    The primary subtag must be an ISO 639 code in the form BCP 47 wants: two letters where the
    language has them (``fa``, not ``per`` or ``fas``: the right-to-left layout and the fonts are
    chosen by that code), else the ISO 639-3 code (``kmr``, ``ckb``). The rest is checked for form only.
    """
    if not is_language_code(code):
        return f"not a language code: {code!r}", _suggest(code) or "use a BCP 47 code such as en, ar, fa, kmr, hy"
    primary = code.split("-")[0]
    if primary in TWO_LETTER or primary in THREE_LETTER or _PRIVATE_USE_LANG.match(primary):
        return None
    if primary in LONG_FORMS:
        short = LONG_FORMS[primary]
        return (f"'{primary}' is the long form of '{short}' ({language_name(short)})",
                f"write '{short}': fonts, direction and hyphenation are chosen by the two-letter code")
    return f"unknown language code {code!r}", _suggest(primary) or "see the ISO 639 codes, e.g. en, ar, fa, kmr, hy"


def _suggest(code: str) -> str | None:
    """A did-you-mean hint for a mistaken language code or a language's name."""
    lowered = code.lower()
    if lowered in _MISTAKES:
        right = _MISTAKES[lowered]
        return f"did you mean '{right}' ({language_name(right)})?"
    if lowered in TWO_LETTER or lowered in THREE_LETTER:
        return f"write it in lower case: '{lowered}'"
    by_name = {language_name(short).lower(): short for short in TWO_LETTER}
    match = difflib.get_close_matches(lowered, list(by_name), n=1, cutoff=0.8)
    if match:
        short = by_name[match[0]]
        return f"did you mean '{short}' ({language_name(short)})?"
    return None


def language_name(code: str) -> str:
    """The English name of a language code, for hints (``el`` -> ``Modern Greek``)."""
    name = TWO_LETTER.get(code) or {"kmr": "Kurmanji Kurdish", "ckb": "Sorani Kurdish"}.get(code, code)
    return name.split(" (")[0]


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


def is_invisible(ch: str) -> bool:
    """True for what prints nothing by itself: spaces, line breaks, format controls, joiners, selectors."""
    category = unicodedata.category(ch)
    return (category in ("Zs", "Zl", "Zp", "Cf", "Cc") or ch in "\u034f\u115f\u1160\u3164\uffa0"
            or 0x180B <= ord(ch) <= 0x180F or 0xFE00 <= ord(ch) <= 0xFE0F or 0xE0100 <= ord(ch) <= 0xE01EF)


def has_visible(text: str) -> bool:
    """True if the text has at least one character that prints (not only spaces and controls)."""
    return any(not is_invisible(ch) for ch in text)

"""Checks on user text: characters that would print wrongly or not at all are reported, not drawn."""

from __future__ import annotations

import re
import unicodedata

_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def is_language_code(code: str) -> bool:
    """A BCP 47 tag of the simple form handbill uses (``fa``, ``kmr``, ``pt-BR``, ``ku-Arab``)."""
    return bool(_LANG.match(code))


def bad_character(text: str) -> tuple[int, str] | None:
    """The first character that must not be in printed text (control or unpaired surrogate), if any."""
    for i, ch in enumerate(text):
        category = unicodedata.category(ch)
        if category == "Cs" or (category == "Cc" and ch not in "\n\t") or category == "Co":
            return i, ch
    return None


def describe(ch: str) -> str:
    """``U+0007 (control character)`` style description."""
    name = unicodedata.name(ch, "")
    if not name:
        name = {"Cc": "control character", "Cs": "unpaired surrogate", "Co": "private-use character"}.get(
            unicodedata.category(ch), "unassigned character")
    return f"U+{ord(ch):04X} ({name})"

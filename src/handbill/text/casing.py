"""Case transforms that follow the language (a layout style may ask for capitals)."""

from __future__ import annotations

import unicodedata

from handbill.text.script import primary_subtag

_TURKIC = frozenset({"tr", "az", "crh", "tt", "kk"})
_GREEK_DROPPED_MARKS = frozenset({"\u0301", "\u0342", "\u0313", "\u0314", "\u0345"})  # tonos, perispomeni, breathings, ypogegrammeni


def to_upper(text: str, lang: str) -> str:
    """Upper-case text by the rules of its language.

    Turkish and Azerbaijani map i -> İ and ı -> I; Greek capitals drop the tonos (accents) but keep the
    dialytika (ΐ -> Ϊ). Everything else uses Unicode's default mapping. Punctuation such as the Armenian
    and Urdu full stops is left as written.
    """
    base = primary_subtag(lang)
    if base in _TURKIC:
        text = text.replace("i", "İ").replace("ı", "I")
    if base == "el":
        decomposed = unicodedata.normalize("NFD", text)
        kept = "".join(ch for ch in decomposed if ch not in _GREEK_DROPPED_MARKS)
        return unicodedata.normalize("NFC", kept.upper())
    return text.upper()

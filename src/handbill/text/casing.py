"""Case transforms that follow the language (a layout style may ask for capitals)."""

from __future__ import annotations

import re
import unicodedata

from handbill.text.script import primary_subtag

_TURKIC = frozenset({"tr", "az", "crh", "tt", "kk"})
TONOS = "\u0301"
DIALYTIKA = "\u0308"
# Marks Greek capitals do without: tonos/oxia, varia, perispomeni, psili and dasia (breathings).
# Ypogegrammeni is kept: it becomes a capital iota (ᾳ -> ΑΙ), as Unicode's SpecialCasing says.
_GREEK_DROPPED_MARKS = frozenset({TONOS, "\u0300", "\u0342", "\u0313", "\u0314"})
# A vowel with tonos before ι or υ: the two are said apart (τσάι), so capitals mark the second with a
# dialytika (ΤΣΑΪ) where lower case needed none.
_SPLIT_DIPHTHONG = re.compile("([αεουη])" + TONOS + "([ιυ])(?![\u0300-\u036f])")
# The disjunctive ή standing alone keeps its accent in capitals (Ή), unlike the article η.
_DISJUNCTIVE_ETA = re.compile(r"(?<!\w)ή(?!\w)")


def to_upper(text: str, lang: str) -> str:
    """Upper-case text by the rules of its language.

    Turkish and Azerbaijani map i -> İ (and ı -> I, which is Unicode's default). Greek capitals drop the
    tonos and the other accents but keep the dialytika (Μαΐου -> ΜΑΪΟΥ), add one where a lost tonos
    told that two vowels are said apart (τσάι -> ΤΣΑΪ), and keep the accent of the lone disjunctive ή.
    Everything else uses Unicode's default mapping (ß -> SS, և -> ԵՒ). Punctuation such as the
    Armenian and Urdu full stops is left as written.
    """
    base = primary_subtag(lang)
    if base in _TURKIC:
        return text.replace("i", "İ").upper()
    if base == "el":
        return _greek_upper(text)
    return text.upper()


def _greek_upper(text: str) -> str:
    composed = unicodedata.normalize("NFC", text)
    parts: list[str] = []
    position = 0
    for match in _DISJUNCTIVE_ETA.finditer(composed):
        parts.append(_greek_upper_words(composed[position:match.start()]))
        parts.append("Ή")
        position = match.end()
    parts.append(_greek_upper_words(composed[position:]))
    return "".join(parts)


def _greek_upper_words(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text).lower()
    decomposed = _SPLIT_DIPHTHONG.sub(lambda m: m.group(1) + m.group(2) + DIALYTIKA, decomposed)
    kept = "".join(ch for ch in decomposed if ch not in _GREEK_DROPPED_MARKS)
    return unicodedata.normalize("NFC", kept.upper())

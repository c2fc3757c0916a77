"""Scripts and directions of characters, languages and texts (ISO 15924 codes via fontTools.unicodedata;
language data from handbill.languages)."""

from __future__ import annotations

import unicodedata

from fontTools import unicodedata as ftu

from handbill import languages
from handbill.languages import LanguageInfo

COMMON = "Zyyy"
INHERITED = "Zinh"
UNKNOWN = "Zzzz"


def _language(lang: str) -> LanguageInfo:
    """The language data of a tag; a tag that is not valid BCP 47 (only in tests and the API: the
    loader refuses them) is read as undetermined, Latin, left to right."""
    try:
        return languages.info(lang)
    except languages.LanguageError:
        return languages.info("und")


def primary_subtag(lang: str) -> str:
    """The canonical language subtag: ``fa-IR`` -> ``fa``, ``per`` -> ``fa``, ``iw`` -> ``he``."""
    language = _language(lang).language
    return language if language != "und" else lang.split("-")[0].lower()


def is_rtl_language(lang: str) -> bool:
    """True if a language's paragraphs run right to left (CLDR likely subtags: ``prs``, ``dv``, ``yi``)."""
    return _language(lang).rtl


def is_usual_script(script: str, lang: str) -> bool:
    """True if a language is normally written in a script (Japanese in Hiragana, Han or Katakana)."""
    return script in _language(lang).letter_scripts


def language_script(lang: str) -> str:
    """The script of a language's letters: named in the tag, else from CLDR's likely subtags."""
    return _language(lang).letter_script


def written_script(text: str) -> str | None:
    """The script most of a text's letters are in (None for a text without letters)."""
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            script = char_script(ch)
            if script not in (COMMON, INHERITED, UNKNOWN):
                counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda s: (counts[s], s)) if counts else None


def script_name(script: str) -> str:
    """The English name of an ISO 15924 code (``Latn`` -> ``Latin``), for messages."""
    return ftu.script_name(script, default=script)


def is_rtl_text(text: str, lang: str) -> bool:
    """The direction of a text in a language: the language's, unless the text is plainly written in
    a script of the other direction (``ckb`` written in Latin letters runs left to right)."""
    rtl = is_rtl_language(lang)
    written = written_script(text)
    if written is None or written in _language(lang).letter_scripts:
        return rtl
    return languages.script_is_rtl(written)


def char_script(ch: str) -> str:
    """ISO 15924 script of a character (Common and Inherited included)."""
    return ftu.script(ch)


def resolve_scripts(text: str, lang: str) -> list[str]:
    """The script of each character, with Common and Inherited characters given a real script.

    Inherited characters (combining marks, ZWNJ) take the script of the character before them.
    Common characters (spaces, digits, punctuation) take the script of the nearest real script before
    them, else after them, else the language's script; a mark on them follows the same rule.
    """
    scripts = [char_script(ch) for ch in text]
    previous = None
    for i, script in enumerate(scripts):
        if script in (COMMON, INHERITED, UNKNOWN):
            if previous is not None:
                scripts[i] = previous
        else:
            previous = script
    following = None
    fallback = language_script(lang)
    for i in range(len(scripts) - 1, -1, -1):
        if scripts[i] in (COMMON, INHERITED, UNKNOWN):
            scripts[i] = following or fallback
        elif char_script(text[i]) not in (COMMON, INHERITED, UNKNOWN):
            following = scripts[i]
    return scripts


def block_name(ch: str) -> str:
    """The Unicode block of a character, for error messages."""
    return ftu.block(ch)


def is_mark(ch: str) -> bool:
    """Combining marks and joiners stay with the character before them (same font, same cluster)."""
    return unicodedata.category(ch) in ("Mn", "Mc", "Me") or ch in "\u200c\u200d\ufe0e\ufe0f"


def is_default_ignorable(ch: str) -> bool:
    """Characters no font needs to draw (Default_Ignorable_Code_Point): format controls such as bidi
    controls, ZWSP, ZWNJ/ZWJ and the soft hyphen, variation selectors. Visible format characters are
    not: the prepended concatenation marks (U+0600 ARABIC NUMBER SIGN, U+110CD KAITHI NUMBER SIGN
    ABOVE), the interlinear annotation and Egyptian hieroglyph format controls."""
    code = ord(ch)
    if code < 0xAD:  # ASCII and Latin-1 up to the soft hyphen: the common case, answered at once
        return False
    if unicodedata.category(ch) != "Cf":
        return ch in _OTHER_IGNORABLE or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF
    return not any(low <= code <= high for low, high in _VISIBLE_FORMAT)


# Default ignorable though not format characters: grapheme joiner, Hangul fillers, Khmer inherent
# vowels, Mongolian variation selectors (variation selectors proper are tested by range).
_OTHER_IGNORABLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f\u3164\uffa0")
# Format characters (category Cf) that are drawn: Prepended_Concatenation_Mark (PropList.txt),
# U+FFF9..FFFB and U+13430..1345F, which DerivedCoreProperties.txt leaves out of Default_Ignorable.
_VISIBLE_FORMAT = ((0x0600, 0x0605), (0x06DD, 0x06DD), (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2),
                   (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0xFFF9, 0xFFFB), (0x13430, 0x1345F))

"""Digits in a language's own numbering system, from CLDR through Babel.

    native_digits("3.", "fa")  ->  "۳."      native_digits("3.", "bn")  ->  "৩."
    native_digits("3.", "ar")  ->  "3."      (CLDR: Arabic's default numbering system is Latin)

CLDR names each language's default numbering system (Persian ``arabext``, Bengali ``beng``); Babel gives
it, and the digits of each system run on from its zero in Unicode. Babel formats numbers in a numbering
system but leaves digits already in a string (a date, a list label) alone, so the mapping is here.
"""

from __future__ import annotations

from functools import cache

# The digit zero of CLDR's numeric numbering systems a language may default to (Unicode's decimal digits
# run from it).
_ZERO = {"arab": 0x660, "arabext": 0x6F0, "deva": 0x966, "beng": 0x9E6, "guru": 0xA66, "gujr": 0xAE6,
         "orya": 0xB66, "tamldec": 0xBE6, "telu": 0xC66, "knda": 0xCE6, "mlym": 0xD66, "thai": 0xE50,
         "laoo": 0xED0, "tibt": 0xF20, "mymr": 0x1040, "khmr": 0x17E0, "nkoo": 0x7C0, "adlm": 0x1E950}


def in_numbering_system(text: str, system: str) -> str:
    """``text`` with its ASCII digits written in the CLDR numbering system ``system`` (unchanged for
    ``latn`` and systems that are not decimal digits)."""
    zero = _ZERO.get(system)
    if zero is None:
        return text
    return text.translate({ord("0") + i: chr(zero + i) for i in range(10)})


@cache
def default_numbering_system(lang: str) -> str:
    """CLDR's default numbering system of a language tag (``latn`` when CLDR does not know it)."""
    from babel import Locale, UnknownLocaleError

    for candidate in (lang, lang.split("-")[0]):
        try:
            return str(Locale.parse(candidate.replace("-", "_")).default_numbering_system)
        except (UnknownLocaleError, ValueError):
            continue
    return "latn"


def native_digits(text: str, lang: str) -> str:
    """``text`` with its ASCII digits in the language's default numbering system."""
    return in_numbering_system(text, default_numbering_system(lang))

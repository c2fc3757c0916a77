"""Bidi_Class of characters (Unicode 15.0) and the class groups the bidi algorithm works with.

Python 3.11's unicodedata is Unicode 14.0; the tables beside this module (generated from the UCD by
scripts/gen-bidi-tables) fill in what it does not know.
"""

from __future__ import annotations

from bisect import bisect_right
from unicodedata import bidirectional

from handbill.text.bidi_tables import UCD_OVERRIDES, UNASSIGNED_DEFAULTS

# The tables beside this module are generated from the UCD by scripts/gen-bidi-tables.
_UCD15_OVERRIDES = UCD_OVERRIDES
_UNASSIGNED_DEFAULTS = UNASSIGNED_DEFAULTS
_OVERRIDE_STARTS = tuple(r[0] for r in _UCD15_OVERRIDES)
_DEFAULT_STARTS = tuple(r[0] for r in _UNASSIGNED_DEFAULTS)


# Bidi_Class groups.
STRONG_RTL = frozenset(("R", "AL"))
ISOLATE_INITIATORS = frozenset(("LRI", "RLI", "FSI"))
ISOLATE_CONTROLS = frozenset(("LRI", "RLI", "FSI", "PDI"))
EMBEDDING_CONTROLS = frozenset(("LRE", "RLE", "LRO", "RLO"))
# X9: characters removed from further processing.
REMOVED_BY_X9 = frozenset(("LRE", "RLE", "LRO", "RLO", "PDF", "BN"))
EXPLICIT_CONTROLS = frozenset(("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"))
# Anything that can make a paragraph need the full algorithm when the base level is 0.
NEEDS_FULL_RUN = frozenset(("R", "AL", "AN")) | EXPLICIT_CONTROLS
RTL_TRIGGERS = frozenset(("R", "AL", "AN", "RLE", "RLO", "RLI"))
# BD1 / N1: neutral and isolate formatting characters (NI).
NI = frozenset(("B", "S", "WS", "ON", "LRI", "RLI", "FSI", "PDI"))
ET = frozenset(("ET",))
# L1: whitespace-like characters that are reset at the end of a line or before S/B (X9-removed characters
# are ignored there, i.e. they join such a sequence).
L1_TRAILING = frozenset(("WS", "LRI", "RLI", "FSI", "PDI")) | REMOVED_BY_X9
# Nothing at or below U+058F is R, AL, AN or an explicit control: lets plain Latin/Greek/Cyrillic text skip
# the per-character classification entirely.
FIRST_POSSIBLY_RTL = "\u0590"


def bidi_class(ch: str) -> str:
    """Return the Unicode 15.0 Bidi_Class of the character ``ch`` (e.g. ``"L"``, ``"AL"``, ``"EN"``)."""
    cls = bidirectional(ch)
    if cls:
        return cls
    return unassigned_class(ord(ch))


def unassigned_class(cp: int) -> str:
    """Bidi_Class of a code point that Python's (Unicode 14.0) unicodedata does not know."""
    k = bisect_right(_OVERRIDE_STARTS, cp) - 1
    if k >= 0 and cp <= _UCD15_OVERRIDES[k][1]:
        return _UCD15_OVERRIDES[k][2]
    k = bisect_right(_DEFAULT_STARTS, cp) - 1
    if k >= 0 and cp <= _UNASSIGNED_DEFAULTS[k][1]:
        return _UNASSIGNED_DEFAULTS[k][2]
    return "L"


def has_rtl(text: str) -> bool:
    """True if ``text`` contains an R/AL/AN character or a right-to-left explicit control (RLE/RLO/RLI)."""
    if not text or max(text) < FIRST_POSSIBLY_RTL:
        return False
    return any(bidi_class(ch) in RTL_TRIGGERS for ch in text)
